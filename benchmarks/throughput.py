"""End-to-end crawl throughput against a one-core trafilatura reference and trafilatura's crawler.

Usage: python benchmarks/throughput.py [--corpus ../shared/corpus] [--generated N] [--quick]
                                       [--workers N] [--no-peer] [--ref-limit N]
       python benchmarks/throughput.py --real-pages [--corpus ../shared/corpus] [--workers N] [--repeats 3]
       python benchmarks/throughput.py --real-pages --compare ARCHIVER_CLUSTERS=False [--repeats 3]

``--real-pages`` is the user's case: only the corpus pages, each under two URLs without canonical
tags, served by ``http.server``, crawled from the bare URL (no site config), the whole process timed
from start to exit; it also prints start-up time, reactor-process CPU per page and where the
workers' time goes (:mod:`stages`).  It is described in :mod:`real_site`.  With ``--compare NAME=VALUE``
it instead crawls the same site with the defaults and with that one setting changed, alternating, each
``--repeats`` times into a fresh archive, and prints the median pages/s of both and what the default costs
(how ARCHIVER_CLUSTERS and ARCHIVER_WARC are priced).

The default mode:

Builds a local site (corpus pages + N generated Indonesian articles, each under
two URLs, see :mod:`bench_site`), serves it from a separate process, then in one
run measures and prints:

1. ``archiver crawl`` into a fresh archive (politeness off through ``-s``):
   wall time, pages/s, CPU seconds, peak RSS, rows archived, dedup index bytes;
2. the re-crawl of the unchanged site: article downloads counted at the server;
3. the reference: ``trafilatura.extract`` on the same pages, serially, in-process;
4. the peer: trafilatura's CLI on the sitemap's URLs (its own downloader + extraction).

"pages" are article-page downloads (both URLs of an article: the work a crawler
does per fetched page); "articles/s" counts distinct archived articles only.
"""

from __future__ import annotations

import argparse
import os
import re
import shutil
import socket
import statistics
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path[:0] = [str(HERE), str(ROOT)]

from bench_proc import RunStats, run_measured  # noqa: E402
from bench_server import BenchServer, measure_rate  # noqa: E402
from bench_site import Site, build_site, corpus_pages, site_toml  # noqa: E402

POLITENESS_OFF = ["DOWNLOAD_DELAY=0", "AUTOTHROTTLE_ENABLED=False", "CONCURRENT_REQUESTS=32",
                  "CONCURRENT_REQUESTS_PER_DOMAIN=32", "LOG_LEVEL=WARNING"]
PEER_CONFIG = "[DEFAULT]\nSLEEP_TIME = 0\nSSRF_PROTECTION = off\nDOWNLOAD_TIMEOUT = 30\nMAX_FILE_SIZE = 20000000\n" \
              "MIN_FILE_SIZE = 10\nMAX_REDIRECTS = 2\nUSER_AGENTS =\nCOOKIE =\nINSECURE_SSL_FALLBACK = off\n" \
              "MIN_EXTRACTED_SIZE = 250\nMIN_OUTPUT_SIZE = 1\nMIN_OUTPUT_COMM_SIZE = 1\nMAX_TREE_SIZE =\n" \
              "EXTRACTION_TIMEOUT = 0\nMIN_DUPLCHECK_SIZE = 100\nMAX_REPETITIONS = 2\nEXTENSIVE_DATE_SEARCH = on\n" \
              "EXTERNAL_URLS = off\n"


def _default_corpus() -> Path:
    return Path(os.environ.get("ARCHIVER_CORPUS") or ROOT.parent / "shared" / "corpus")


def parse_args(argv: list[str] | None = None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--corpus", type=Path, default=_default_corpus(), help="shared corpus folder (skipped if absent)")
    parser.add_argument("--generated", type=int, default=None, help="generated articles (default: 2,000 articles in all)")
    parser.add_argument("--quick", action="store_true", help="small site (Indonesian corpus + 300 generated), for a smoke run")
    parser.add_argument("--workers", type=int, default=None, help="ARCHIVER_EXTRACT_WORKERS (default: the setting's)")
    parser.add_argument("--no-peer", action="store_true", help="skip trafilatura's crawler")
    parser.add_argument("--ref-limit", type=int, default=2000, help="pages for the one-core reference (a sample suffices)")
    parser.add_argument("--keep", action="store_true", help="keep the work directory")
    parser.add_argument("--real-pages", action="store_true", help="real corpus pages only, the user's case (see above)")
    parser.add_argument("--compare", metavar="NAME=VALUE", help="real-page mode: crawl with and without this setting")
    parser.add_argument("--repeats", type=int, default=3,
                        help="--real-pages: rounds of crawl then reference; --compare: crawls of each variant (medians reported)")
    return parser.parse_args(argv)


def load_corpus(args: argparse.Namespace) -> list[bytes]:
    if not args.corpus.is_dir():
        print(f"corpus not found at {args.corpus}: generated pages only")
        return []
    pages = corpus_pages(args.corpus)
    if args.quick:
        pages = pages[:21]  # the Indonesian set
    return pages


def crawl_cmd(toml: Path, archive: Path, workers: int | None) -> list[str]:
    cmd = [sys.executable, "-m", "archiver.cli", "crawl", "bench", "--sites-file", str(toml), "--archive", str(archive)]
    extra = POLITENESS_OFF + ([f"ARCHIVER_EXTRACT_WORKERS={workers}"] if workers is not None else [])
    for setting in extra:
        cmd += ["-s", setting]
    return cmd


def archived_rows(archive: Path) -> int:
    from archiver.storage.reader import read_archive

    return read_archive(archive).num_rows


def archived_paths(archive: Path) -> set[str]:
    """The /a/ path of every archived article (a body-deduplicated mirror counts as its original)."""
    from archiver.storage.reader import read_archive

    urls = read_archive(archive).column("url").to_pylist()
    return {"/" + u.split("/", 3)[3].partition("?")[0].replace("b/", "a/", 1) for u in urls}


def index_bytes(archive: Path) -> tuple[int, int]:
    """(memory_bytes, articles) of the dedup index loaded from the archive, as the crawler holds it."""
    from archiver.storage.dedup import LocalDedupIndex

    index = LocalDedupIndex.open(archive)
    index.merge()
    return index.memory_bytes(), len(index)


def reference(site: Site, limit: int) -> tuple[float, int, float]:
    """Plain trafilatura.extract, serially in this process: (pages/s, pages, seconds)."""
    return reference_pages(site.distinct_pages[:limit])


def peer(server: BenchServer, site: Site, work: Path) -> tuple[RunStats, dict[str, int], int]:
    """trafilatura's CLI downloading and extracting every sitemap URL (``-i``: its sitemap discovery
    refuses IP-address hosts such as 127.0.0.1, so the benchmark hands it the sitemap's URLs)."""
    config = work / "trafilatura.cfg"
    config.write_text(PEER_CONFIG)
    urls = work / "peer-urls.txt"
    locs = [m.decode() for path, body in site.pages.items() if path.startswith("/sitemap-")
            for m in re.findall(rb"<loc>([^<]+)</loc>", body)]
    urls.write_text("\n".join(locs) + "\n")
    out = work / "peer-out"
    stats, counts = counted_run(server, "trafilatura", ["trafilatura", "-i", str(urls), "-o", str(out),
                                                        "--config-file", str(config), "--parallel", "32"])
    files = sum(1 for _ in out.rglob("*.txt")) if out.exists() else 0
    return stats, counts, files


def counted_run(server: BenchServer, name: str, cmd: list[str]) -> tuple[RunStats, dict[str, int]]:
    """Run ``cmd`` measured, with the server's request counts for that run alone; print both."""
    server.reset()
    stats = run_measured(cmd)
    counts = server.counts()
    report_run(name, stats, counts)
    return stats, counts


def report_run(name: str, stats: RunStats, counts: dict[str, int]) -> None:
    pages = counts.get("article", 0)
    print(f"  {name}: {stats.wall_s:.1f} s wall, exit {stats.returncode}, {pages} article pages + {counts.get('other', 0)} "
          f"other requests, {pages / stats.wall_s:.1f} pages/s")
    print(f"    CPU {stats.cpu_rusage_s:.1f} s (children rusage; sampled tree {stats.cpu_sampled_s:.1f} s) = "
          f"{stats.cpu_sampled_s / stats.wall_s:.2f} cores busy; up to {stats.max_processes} processes")
    print(f"    peak RSS: sum of per-process peaks {stats.hwm_sum_mib:.0f} MiB, largest process {stats.hwm_max_mib:.0f} MiB, "
          f"largest sampled tree total {stats.peak_tree_rss_mib:.0f} MiB")
    if stats.returncode not in (0, 3):
        print("    stderr tail:\n" + stats.stderr_tail)


def verdict(label: str, ok: bool, detail: str) -> bool:
    print(f"  [{'PASS' if ok else 'FAIL'}] {label}: {detail}")
    return ok


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    if args.real_pages:
        return real_pages(args)
    corpus = load_corpus(args)
    total = 300 + len(corpus) if args.quick else 2000
    generated = args.generated if args.generated is not None else max(0, total - len(corpus))
    work = Path(tempfile.mkdtemp(prefix="archiver-throughput-"))
    print(f"== site: {len(corpus)} corpus pages + {generated} generated articles, each under 2 URLs; cpus={os.cpu_count()}")
    started = time.monotonic()
    server = None
    try:
        port = free_port()
        site = build_site(f"http://127.0.0.1:{port}/", corpus, generated)
        server = BenchServer(site.pages, site.content_types, port=port)
        print(f"  rendered {len(site.pages)} paths ({sum(len(p) for p in site.pages.values()) / 2**20:.0f} MiB) "
              f"in {time.monotonic() - started:.1f} s; serving at {server.base_url}")
        rate = measure_rate(server.port, [f"/a/{i}" for i in site.article_ids[:500]])
        print(f"  server alone: {rate:.0f} article pages/s to 8 keep-alive Python clients (a floor)")
        return _measure(args, site, server, work)
    finally:
        if server is not None:
            server.stop()
        if not args.keep:
            shutil.rmtree(work, ignore_errors=True)
        else:
            print(f"work directory kept: {work}")


def free_port() -> int:
    """A port nobody listens on now (the pages must name it before the server starts)."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def _measure(args: argparse.Namespace, site: Site, server: BenchServer, work: Path) -> int:
    toml = work / "bench.toml"
    toml.write_text(site_toml(server.base_url))
    archive = work / "archive"
    articles = len(site.article_ids)

    print("== archiver crawl (first)")
    first, c1 = counted_run(server, "crawl", crawl_cmd(toml, archive, args.workers))
    rows = archived_rows(archive)
    archived = archived_paths(archive)
    mem, indexed = index_bytes(archive)
    print(f"    rows archived {rows} of {articles} distinct articles ({rows / first.wall_s:.1f} articles/s); "
          f"dedup index {mem} B for {indexed} articles = {mem / max(1, indexed):.1f} B/article")

    print("== archiver crawl (re-crawl, unchanged site)")
    second, c2 = counted_run(server, "re-crawl", crawl_cmd(toml, archive, args.workers))
    rows2 = archived_rows(archive)

    print("== reference: trafilatura.extract, serial, one core, in-process")
    ref_rate, ref_n, ref_s = reference(site, args.ref_limit)
    print(f"  {ref_n} distinct pages in {ref_s:.1f} CPU s = {ref_rate:.1f} pages/s ({1000 / ref_rate:.1f} ms/page)")

    peer_rate = None
    if not args.no_peer:
        print("== peer: trafilatura -i <sitemap URLs> (its downloader + extraction), SLEEP_TIME=0, --parallel 32")
        pstats, pc, files = peer(server, site, work)
        print(f"    {files} extracted documents written (trafilatura skips identical outputs)")
        peer_rate = pc.get("article", 0) / pstats.wall_s

    ours = c1.get("article", 0) / first.wall_s
    strict = rows / first.wall_s
    print("== targets")
    ok = verdict("end-to-end ≥ 1.7× one-core reference", ours >= 1.7 * ref_rate,
                 f"{ours:.1f} / {ref_rate:.1f} = {ours / ref_rate:.2f}× (distinct archived articles/s: "
                 f"{strict:.1f} = {strict / ref_rate:.2f}×)")
    if peer_rate is not None:
        ok &= verdict("≥ 2× trafilatura's crawler", ours >= 2 * peer_rate,
                      f"{ours:.1f} / {peer_rate:.1f} = {ours / peer_rate:.2f}×")
    again = sorted(p for p in c2 if p.startswith("/") and p.replace("/b/", "/a/") in archived)
    print(f"  re-crawl fetched {c2.get('article', 0)} article pages: {sorted(p for p in c2 if p.startswith('/'))[:10]}")
    ok &= verdict("re-crawl downloads no archived article", not again and rows2 == rows,
                  f"{len(again)} archived articles downloaded again, {c2.get('article', 0)} article pages in all "
                  f"(not archived the first time: retried), {c2.get('other', 0)} other requests, rows {rows} → {rows2}")
    ok &= verdict("re-crawl < 10% of first crawl's time", second.wall_s < 0.1 * first.wall_s,
                  f"{second.wall_s:.1f} s / {first.wall_s:.1f} s = {100 * second.wall_s / first.wall_s:.1f}%")
    ok &= verdict("dedup index ≤ 32 B/article", mem <= 32 * max(1, indexed),
                  f"{mem / max(1, indexed):.1f} B/article over {indexed} articles")
    missing = sorted(f"/a/{i}" for i in site.article_ids if f"/a/{i}" not in archived)
    print(f"  rows: {rows} for {articles} distinct articles; not archived (no article found, or a body already "
          f"stored from another corpus page): {missing[:10]}")
    print(f"  peak RSS at {rows} articles: {first.hwm_sum_mib:.0f} MiB (sum of per-process peaks)")
    return 0 if ok else 1


def real_pages(args: argparse.Namespace) -> int:
    """The real-page mode: ``archiver crawl <bare URL>`` of the corpus pages, beside one-core trafilatura."""
    from real_site import StaticServer, build_real_site
    from stages import paired_ms, print_stages

    if not args.corpus.is_dir():
        print(f"corpus not found at {args.corpus}: the real-page mode needs it")
        return 2
    work = Path(tempfile.mkdtemp(prefix="archiver-realpages-"))
    port = free_port()
    base = f"http://127.0.0.1:{port}/"
    site = build_real_site(args.corpus, work / "site", base)
    server = StaticServer(site, port)
    try:
        print(f"== site: {len(site.pages)} real corpus pages, each under /a/ and /b/, no canonical or og:url tags, "
              f"one sitemap; http.server at {base}; cpus={os.cpu_count()}")
        if args.compare:
            return compare_setting(args, server, base, work)
        ratios: list[float] = []
        starts: list[float] = []
        for round_ in range(max(1, args.repeats)):  # crawl and reference alternate: the machine's speed drifts between runs
            print(f"== round {round_ + 1} of {args.repeats}: archiver crawl <URL>, whole process")
            archive = work / f"archive-{round_}"
            run = crawl_real_site(args, server, base, archive)
            stats, fetched, rate, first = run.stats, run.fetched, run.rate, run.first_request_s
            rows = archived_rows(archive)
            reactor = stats.cpu_by_pid.get(stats.pid, 0.0)
            report_run("crawl", stats, {"article": len(fetched), "other": run.other})
            print(f"    rows archived {rows} of {len(site.pages)} distinct pages; start-up (process start to first "
                  f"request) {first:.2f} s; reactor process CPU {reactor:.1f} s = {1000 * reactor / max(1, len(fetched)):.1f} "
                  f"ms/page; workers and fork server {stats.cpu_sampled_s - reactor:.1f} s")
            print("   reference: trafilatura.extract, serial, one core, in-process, the same distinct pages")
            ref_rate, ref_n, ref_s = reference_pages(site.pages)
            ratios.append(rate / ref_rate)
            starts.append(first)
            print(f"    {ref_n} pages in {ref_s:.1f} CPU s = {ref_rate:.1f} pages/s ({1000 / ref_rate:.1f} ms/page); "
                  f"this round {rate:.1f} / {ref_rate:.1f} = {rate / ref_rate:.2f}×")
            if not args.keep:
                shutil.rmtree(archive, ignore_errors=True)
        print("== where a worker's time goes (analyse_page on the same pages, one core)")
        print_stages(site.pages, base)
        print("== per page, paired: each page through trafilatura.extract then analyse_page, back to back")
        all_ours, all_theirs = paired_ms(site.pages, base)
        # the target's figure: best of 3 tries per page, each side (archiver's per-URL caches warm on the repeats)
        ours_ms, theirs_ms = paired_ms(site.fundus_pages, base, passes=3)
        print(f"  all {len(site.pages)} pages: {all_ours:.1f} vs {all_theirs:.1f} ms = {all_ours / all_theirs:.2f}×; "
              f"the {site.fundus} fundus pages (best of 3 per page): {ours_ms:.1f} vs {theirs_ms:.1f} ms = {ours_ms / theirs_ms:.2f}×")
        print("== targets")
        ratio = statistics.median(ratios)
        ok = verdict("whole process ≥ 1.6× one-core trafilatura (median of the rounds)", ratio >= 1.6,
                     f"{ratio:.2f}× (rounds: {', '.join(f'{r:.2f}×' for r in ratios)})")
        ok &= verdict("per-page analysis ≤ 1.1× trafilatura's on the fundus pages", ours_ms <= 1.1 * theirs_ms,
                      f"{ours_ms:.1f} / {theirs_ms:.1f} ms = {ours_ms / theirs_ms:.2f}×")
        ok &= verdict("start-up to first request ≤ 1.5 s (the slowest round)", max(starts) <= 1.5,
                      ", ".join(f"{s:.2f} s" for s in starts))
        print(f"  peak memory of the process tree (last round): {stats.peak_tree_rss_mib:.0f} MiB sampled total, "
              f"{stats.hwm_sum_mib:.0f} MiB sum of per-process peaks")
        return 0 if ok else 1
    finally:
        server.stop()
        if not args.keep:
            shutil.rmtree(work, ignore_errors=True)


@dataclass(frozen=True)
class RealCrawl:
    """One whole-process crawl of the real-page site."""

    stats: RunStats
    fetched: list[str]  # article-page paths requested, in order
    other: int  # other requests (robots.txt, sitemap)
    first_request_s: float  # process start to the first request the server saw

    @property
    def rate(self) -> float:
        return len(self.fetched) / self.stats.wall_s


def crawl_real_site(args: argparse.Namespace, server: Any, base: str, archive: Path,
                    settings: tuple[str, ...] = ()) -> RealCrawl:
    """``archiver crawl <base> --archive ARCHIVE`` with politeness off (and ``settings``), timed from start to exit."""
    cmd = [sys.executable, "-m", "archiver", "crawl", base, "--archive", str(archive),
           "-s", "AUTOTHROTTLE_ENABLED=False", "-s", "DOWNLOAD_DELAY=0", "-s", "CONCURRENT_REQUESTS=32",
           "-s", "CONCURRENT_REQUESTS_PER_DOMAIN=32", "-s", "LOG_LEVEL=WARNING"]
    if args.workers is not None:
        cmd += ["-s", f"ARCHIVER_EXTRACT_WORKERS={args.workers}"]
    for setting in settings:
        cmd += ["-s", setting]
    launched = time.time()
    stats = run_measured(cmd)
    served = server.requests(since=launched)
    fetched = [p for _, p in served if p.startswith(("/a/", "/b/"))]
    first = min((t for t, _ in served), default=launched) - launched
    return RealCrawl(stats, fetched, len(served) - len(fetched), first)


def compare_setting(args: argparse.Namespace, server: Any, base: str, work: Path) -> int:
    """The defaults against ``--compare NAME=VALUE``, alternating, ``--repeats`` crawls each: medians side by side."""
    changed = args.compare
    rates: dict[str, list[float]] = {"defaults": [], changed: []}
    for round_ in range(args.repeats):
        order = ("defaults", changed) if round_ % 2 == 0 else (changed, "defaults")
        for variant in order:
            archive = work / f"archive-{round_}-{len(rates[variant])}-{'on' if variant == 'defaults' else 'off'}"
            run = crawl_real_site(args, server, base, archive, () if variant == "defaults" else (changed,))
            if run.stats.returncode not in (0, 3):  # a failed crawl's rate measures nothing
                print(f"  {variant} crawl exited {run.stats.returncode}:\n{run.stats.stderr_tail}")
                return 2
            rates[variant].append(run.rate)
            print(f"  round {round_ + 1} {variant}: {len(run.fetched)} pages in {run.stats.wall_s:.1f} s = "
                  f"{run.rate:.1f} pages/s, {archived_rows(archive)} rows, exit {run.stats.returncode}, "
                  f"peak tree {run.stats.peak_tree_rss_mib:.0f} MiB")
            shutil.rmtree(archive, ignore_errors=True)
    with_default, without = statistics.median(rates["defaults"]), statistics.median(rates[changed])
    print(f"== medians of {args.repeats}: defaults {with_default:.1f} pages/s, {changed} {without:.1f} pages/s; "
          f"the defaults take {100 * (without / with_default - 1):+.1f}% longer per page")
    ok = verdict(f"defaults at most 10% slower than {changed}", without <= 1.10 * with_default,
                 f"{without:.1f} / {with_default:.1f} = {without / with_default:.3f}")
    return 0 if ok else 1


def reference_pages(pages: list[bytes]) -> tuple[float, int, float]:
    """Plain trafilatura.extract over ``pages``, serially in this process: (pages/s, pages, CPU seconds)."""
    import trafilatura

    trafilatura.extract(pages[0])
    started = time.process_time()
    for html in pages:
        trafilatura.extract(html)
    spent = time.process_time() - started
    return len(pages) / spent, len(pages), spent


if __name__ == "__main__":
    sys.exit(main())
