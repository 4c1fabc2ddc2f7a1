"""Dedup index memory and speed per archived article (issue 6 target: ≤ 32 bytes/article).

Usage: python benchmarks/dedup_memory.py [N ...]   (default: 2000 20000)

Each article is added with its canonical URL, one alias (the AMP URL) and
its content hash, as the pipeline does.  Prints bytes per article as
reported by ``memory_bytes()`` (arrays + pending dicts), the process's RSS
growth, add and lookup speed, and the saved index's size on disk.
"""

from __future__ import annotations

import resource
import sys
import tempfile
import time
from datetime import datetime, timedelta, timezone
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from archiver.fingerprints import article_id, content_hash  # noqa: E402
from archiver.model import Article  # noqa: E402
from archiver.storage.dedup import LocalDedupIndex  # noqa: E402

START = datetime(2026, 1, 1, tzinfo=timezone.utc)


def _rss_kib() -> int:
    with open("/proc/self/status", encoding="ascii") as handle:
        for line in handle:
            if line.startswith("VmRSS:"):
                return int(line.split()[1])
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss


def _articles(n: int) -> list[tuple[Article, str]]:
    out = []
    for i in range(n):
        url = f"https://www.kompas.com/read/2026/{1 + i % 12:02d}/{1 + i % 28:02d}/{100000000 + i}/berita-nomor-{i}"
        article = Article(url=url, site="kompas", article_id=article_id(url), content_hash=content_hash(f"Isi berita {i}"),
                          modified_at=START + timedelta(minutes=i))
        out.append((article, url.replace("www.", "amp.") + "?page=all"))
    return out


def measure(n: int) -> None:
    articles = _articles(n)
    rss_before = _rss_kib()
    index = LocalDedupIndex(tempfile.mkdtemp(prefix="dedup-bench-"))
    started = time.perf_counter()
    for article, alias in articles:
        index.add(article, aliases=[alias])
    add_s = time.perf_counter() - started
    pending_bytes = index.memory_bytes()
    index.merge()
    rss_growth = (_rss_kib() - rss_before) * 1024
    probes = [alias for _, alias in articles[:: max(1, n // 2000)]]
    started = time.perf_counter()
    hits = sum(index.lookup_url(url) is not None for url in probes)
    lookup_us = (time.perf_counter() - started) / len(probes) * 1e6
    started = time.perf_counter()
    index.save()
    save_ms = (time.perf_counter() - started) * 1000
    disk = (Path(index.root or "") / "index" / "dedup.npz").stat().st_size
    print(f"N={n:>7}: memory_bytes {pending_bytes / n:5.1f} B/article (with pending dicts), "
          f"{index.memory_bytes() / n:5.1f} B/article merged; RSS growth {rss_growth / n:6.1f} B/article "
          f"(includes allocator slack); add {add_s / n * 1e6:5.0f} µs; alias lookup {lookup_us:5.1f} µs "
          f"({hits}/{len(probes)} hits); save {save_ms:.0f} ms, {disk / n:.1f} B/article on disk")


def main(argv: list[str]) -> None:
    for n in [int(a) for a in argv] or [2000, 20000]:
        measure(n)


if __name__ == "__main__":
    main(sys.argv[1:])
