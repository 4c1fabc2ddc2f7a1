"""Raw pages as WARC: what capture costs a crawl, and how fast ``import-warc`` and ``reextract`` run.

Usage: python benchmarks/warc.py [CORPUS] [--pages N] [--repeats R] [--import-repeats R] [--workers N] [--arms plain,gzip]
       [--parts crawl,levels,import,import-large,reextract,read] [--large-scale K] [--set NAME=VALUE] [--keep]

Everything runs on the real corpus pages (``../shared/corpus``, ``$ARCHIVER_CORPUS`` or the path
given; ``--pages N`` takes an evenly spaced sample of N of them) and prints side by side, in one run:

1. **Crawl overhead of capture.** The real-page site of ``throughput.py --real-pages`` (every page
   under ``/a/`` and ``/b/``, no canonical tags, ``http.server``, see :mod:`real_site`), crawled from
   the bare URL into a fresh archive with the same settings (AutoThrottle off, ``DOWNLOAD_DELAY=0``,
   32 concurrent requests), the whole process timed, with capture on (the default) and with
   ``-s ARCHIVER_WARC=False``, ``--repeats`` times each in ABBA order (the machine is shared and
   noisy: the best run of each is compared, the median is printed beside it, and so is the CPU per page of
   the reactor process and of the whole process tree, steadier than pages/s on a loaded machine), once per
   server arm: ``plain`` (http.server's uncompressed pages) and ``gzip`` (the same pages sent
   ``Content-Encoding: gzip``, as news sites send them; each arm has its own folder and sitemap).  WARC bytes per page
   from the archive; then the ISA-L levels 0-3 of one record's gzip member (``ARCHIVER_WARC_GZIP_LEVEL``)
   on the same pages, in-process: bytes and ms per page.
2. **import-warc.** WARC files written with warcio as another archive would (warcinfo, then a response
   and a request record per page): the corpus pages under the hosts of a configured site (a site
   file in the work folder; a few on a subdomain), interleaved with the same pages at their original
   hosts, which the import must skip.  The whole ``archiver import-warc`` process (a local Dask
   cluster of ``--workers`` processes) into a fresh archive, then one-core ``trafilatura.extract``
   over the same matching records, and the CPU-bound ceiling that the whole tree's CPU per page allows on
   ``--workers`` idle cores; ``--import-repeats`` such rounds, judged on the median round's ratio (the
   machine's speed drifts between minutes, so each ratio pairs measurements taken a minute apart); then
   files holding only other hosts' records, for the scan rate.
   ``import-large``: the same with every page ``--large-scale`` times under distinct URLs (the copies'
   first paragraphs marked, so most are distinct articles), as a ~1 GB CC-NEWS file holds more pages.
3. **reextract** over the capture-on archive of (1): rows per second, whole process.
4. **Raw read rate** of warcio (the project's reader) and, if installed, fastwarc, over the same
   files (the crawl's and the import's): records/s reading headers only and reading every body.
"""

from __future__ import annotations

import argparse
import io
import os
import re
import shutil
import statistics
import sys
import tempfile
import time
import zlib
from dataclasses import dataclass
from datetime import datetime, timezone
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path[:0] = [str(HERE), str(ROOT)]

from bench_proc import RunStats, run_measured  # noqa: E402
from bench_site import corpus_files, sample  # noqa: E402
from real_site import RealSite, StaticServer, build_real_site, offsite  # noqa: E402
from throughput import free_port, reference_pages, verdict  # noqa: E402

CRAWL_SETTINGS = ["AUTOTHROTTLE_ENABLED=False", "DOWNLOAD_DELAY=0", "CONCURRENT_REQUESTS=32",
                  "CONCURRENT_REQUESTS_PER_DOMAIN=32", "LOG_LEVEL=WARNING"]
IMPORT_SITE = "kabarbench"
IMPORT_HOST = "www.kabar-bench.id"
IMPORT_TOML = f'''id = "{IMPORT_SITE}"
name = "Kabar Bench (import-warc benchmark)"
base_url = "https://{IMPORT_HOST}/"
domains = ["kabar-bench.id"]
language = "id"
timezone = "Asia/Jakarta"

[discovery]
sitemaps = []
sections = []
robots_sitemaps = false

[articles]
allow = ['/berita/\\d+/']
'''
WARC_DATE = datetime(2026, 11, 20, 3, 0, tzinfo=timezone.utc)
PARTS = ("crawl", "levels", "import", "import-large", "reextract", "read")


def _default_corpus() -> Path:
    return Path(os.environ.get("ARCHIVER_CORPUS") or ROOT.parent / "shared" / "corpus")


def parse_args(argv: list[str] | None = None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("corpus", nargs="?", type=Path, default=_default_corpus(), help="shared corpus folder")
    parser.add_argument("--pages", type=int, default=None, help="an evenly spaced sample of N corpus pages (default: all)")
    parser.add_argument("--repeats", type=int, default=2, help="crawls with and without capture, each (default 2)")
    parser.add_argument("--import-repeats", type=int, default=3,
                        help="import-warc rounds (each an import into a fresh archive, then the reference); the "
                             "verdict takes the median round's ratio (default 3)")
    parser.add_argument("--workers", type=int, default=2, help="Dask workers of import-warc's local cluster (default 2)")
    parser.add_argument("--files", type=int, default=8, help="WARC files the matching pages are spread over (default 8)")
    parser.add_argument("--other-copies", type=int, default=3,
                        help="copies of every page under other hosts in the only-other-hosts files (default 3)")
    parser.add_argument("--arms", default="plain,gzip",
                        help="servers of the crawl-overhead runs: plain (http.server's uncompressed pages) and gzip "
                             "(the pages sent Content-Encoding: gzip, as news sites send them); default both")
    parser.add_argument("--parts", default=",".join(PARTS),
                        help=f"what to run, comma-separated, of {','.join(PARTS)} (default all; reextract and read "
                             "use the crawl's archive)")
    parser.add_argument("--large-scale", type=int, default=8,
                        help="import-large: every page this many times, distinct URLs and bodies (default 8)")
    parser.add_argument("--set", action="append", default=[], metavar="NAME=VALUE",
                        help="a setting given to every crawl (e.g. ARCHIVER_WARC_BACKGROUND=False)")
    parser.add_argument("--keep", action="store_true", help="keep the work directory")
    return parser.parse_args(argv)


def archiver_cmd(*args: str) -> list[str]:
    return [sys.executable, "-m", "archiver", *args]


# -- 1. crawl overhead ----------------------------------------------------------------------------------
@dataclass
class CrawlRun:
    capture: bool
    stats: RunStats
    pages: int  # article-page downloads (/a/ and /b/)
    requests: int  # every request the server answered
    archive: Path

    @property
    def rate(self) -> float:
        return self.pages / self.stats.wall_s

    @property
    def cpu_ms(self) -> float:
        """CPU of the whole process tree (reactor and extraction workers) per article page: what capture
        costs when the crawl is CPU-bound, as on a machine whose cores other work also wants."""
        return 1000 * self.stats.cpu_sampled_s / max(1, self.pages)

    @property
    def reactor_ms(self) -> float:
        """CPU of the reactor process (where capture runs) per article page."""
        return 1000 * self.stats.cpu_by_pid.get(self.stats.pid, 0.0) / max(1, self.pages)


def crawl(server: StaticServer, archive: Path, capture: bool, extra: list[str]) -> CrawlRun:
    cmd = archiver_cmd("crawl", server.base_url, "--archive", str(archive))
    for setting in CRAWL_SETTINGS + extra + ([] if capture else ["ARCHIVER_WARC=False"]):
        cmd += ["-s", setting]
    launched = time.time()
    stats = run_measured(cmd)
    served = server.requests(since=launched)
    pages = sum(1 for _, p in served if p.startswith(("/a/", "/b/")))
    run = CrawlRun(capture, stats, pages, len(served), archive)
    print(f"  capture {'on ' if capture else 'off'}: {stats.wall_s:5.1f} s wall, exit {stats.returncode}, {pages} article "
          f"pages + {len(served) - pages} other requests = {run.rate:5.1f} pages/s; reactor CPU {run.reactor_ms:.1f} ms/page; "
          f"{stats.cpu_sampled_s / stats.wall_s:.2f} cores busy")
    if stats.returncode not in (0, 3):
        print("    stderr tail:\n" + stats.stderr_tail)
    return run


def warc_bytes(archive: Path) -> tuple[int, int]:
    """(bytes, files) of the sealed WARC files of an archive."""
    files = list((archive / "warc").rglob("*.warc.gz"))
    return sum(f.stat().st_size for f in files), len(files)


def crawl_overhead(site: RealSite, server: StaticServer, work: Path, repeats: int,
                   extra: list[str]) -> tuple[CrawlRun, dict[str, float]]:
    from archiver.storage.warc import DEFAULT_GZIP_LEVEL

    arm = "gzip-encoded pages (Content-Encoding: gzip)" if server.gzip else "plain pages (no Content-Encoding)"
    print(f"== 1. crawl overhead of WARC capture, server sends {arm}: archiver crawl <URL>, whole process, fresh "
          f"archive each run, {repeats}× each in ABBA order; load average {os.getloadavg()[0]:.1f}"
          + (f"; -s {' -s '.join(extra)}" if extra else ""))
    runs: list[CrawlRun] = []
    tag = "gz" if server.gzip else "plain"
    for r in range(repeats):
        for capture in ((True, False) if r % 2 == 0 else (False, True)):
            runs.append(crawl(server, work / f"crawl-{tag}-{len(runs)}-{'on' if capture else 'off'}", capture, extra))
    on = [r for r in runs if r.capture]
    off = [r for r in runs if not r.capture]
    best_on, best_off = max(r.rate for r in on), max(r.rate for r in off)
    med_on, med_off = statistics.median(r.rate for r in on), statistics.median(r.rate for r in off)
    kept = max(on, key=lambda r: r.rate)  # the archive reextract and the raw-read rates use
    size, files = warc_bytes(kept.archive)
    html = sum(len(p) for p in site.pages) / len(site.pages)
    print(f"  best of {repeats}: capture on {best_on:.1f} pages/s, off {best_off:.1f} pages/s: capture costs "
          f"{100 * (1 - best_on / best_off):+.1f}% (median: {med_on:.1f} vs {med_off:.1f}, {100 * (1 - med_on / med_off):+.1f}%)")
    cpu_on, cpu_off = statistics.median(r.cpu_ms for r in on), statistics.median(r.cpu_ms for r in off)
    print(f"  reactor CPU per page, median: on {statistics.median(r.reactor_ms for r in on):.1f} ms, "
          f"off {statistics.median(r.reactor_ms for r in off):.1f} ms; the whole tree's CPU per page, median: on "
          f"{cpu_on:.1f} ms, off {cpu_off:.1f} ms ({100 * (cpu_on / cpu_off - 1):+.1f}%)")
    print(f"  WARC: {size / 2**20:.1f} MiB in {files} files for {kept.requests} responses ({kept.pages} article pages): "
          f"{size / max(1, kept.pages) / 1024:.1f} KiB per article page (response + request record, gzip level "
          f"{DEFAULT_GZIP_LEVEL}), the raw HTML averaging {html / 1024:.1f} KiB")
    return kept, {"best_on": best_on, "best_off": best_off, "med_on": med_on, "med_off": med_off,
                  "cpu_on": cpu_on, "cpu_off": cpu_off,
                  "bytes_per_page": size / max(1, kept.pages)}


def gzip_levels(pages: list[bytes], work: Path) -> None:
    """Each page written once as a crawl writes it (response + request, one gzip member each) per level."""
    from archiver.storage.warc import GZIP_LEVELS, Capture, WarcSeries

    print("== 1b. ARCHIVER_WARC_GZIP_LEVEL: the same pages written by WarcSeries in-process, one core")
    headers = [("Content-Type", "text/html"), ("Server", "SimpleHTTP/0.6 Python/3.11")]
    request = (("User-Agent", "archiver/0.1"), ("Accept", "text/html"), ("Accept-Encoding", "gzip, deflate"))
    for level in GZIP_LEVELS:
        series = WarcSeries(work / f"gzip-{level}", "bench", gzip_level=level)
        captures = [Capture(f"http://127.0.0.1/a/{n}.html", 200, "OK", headers, page, request_headers=request)
                    for n, page in enumerate(pages)]
        started = time.process_time()
        for capture in captures:
            series.write("bench", capture)
        spent = time.process_time() - started
        series.seal()
        size = series.bytes
        print(f"  level {level}: {size / len(pages) / 1024:6.1f} KiB/page ({100 * size / sum(map(len, pages)):.0f}% "
              f"of the HTML), {1000 * spent / len(pages):.2f} ms CPU/page")
    import gzip

    from archiver.storage.warc import DEFAULT_GZIP_LEVEL

    encoded = [gzip.compress(page, 6) for page in pages]  # as the gzip arm's server sends them
    series = WarcSeries(work / "gzip-encoded", "bench")
    captures = [Capture(f"http://127.0.0.1/a/{n}.html", 200, "OK", headers + [("Content-Encoding", "gzip")], body,
                        request_headers=request) for n, body in enumerate(encoded)]
    started = time.process_time()
    for capture in captures:
        series.write("bench", capture)
    spent = time.process_time() - started
    series.seal()
    print(f"  gzip-encoded pages (level {DEFAULT_GZIP_LEVEL}): "
          f"{series.bytes / len(pages) / 1024:6.1f} KiB/page (the encoded bodies {sum(map(len, encoded)) / len(pages) / 1024:.1f} "
          f"KiB), {1000 * spent / len(pages):.2f} ms CPU/page")


# -- 2. import-warc --------------------------------------------------------------------------------------
class _GzipMembers(io.RawIOBase):
    """A file that gzips each record warcio writes into its own member at zlib level 6, as Common Crawl's
    files are (warcio's own ``gzip=True`` uses level 9: three times slower to write, the same to read)."""

    def __init__(self, handle: io.BufferedWriter) -> None:
        self.handle = handle
        self.pending = io.BytesIO()

    def writable(self) -> bool:
        return True

    def write(self, data: bytes) -> int:  # type: ignore[override]
        return self.pending.write(data)

    def end_record(self) -> None:
        member = zlib.compressobj(6, zlib.DEFLATED, zlib.MAX_WBITS + 16)
        self.handle.write(member.compress(self.pending.getbuffer()) + member.flush())
        self.pending = io.BytesIO()


def write_warc(path: Path, records: list[tuple[str, bytes]]) -> Path:
    """A gzipped WARC as another archive writes it: warcinfo, then per page a response and its request."""
    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter

    date = WARC_DATE.strftime("%Y-%m-%dT%H:%M:%SZ")
    with path.open("wb") as handle:
        members = _GzipMembers(handle)  # type: ignore[arg-type]
        writer = WARCWriter(members, gzip=False)
        _write_record = writer.write_record

        def write_record(record: object) -> None:
            _write_record(record)
            members.end_record()

        writer.write_record = write_record  # type: ignore[method-assign]
        writer.write_record(writer.create_warcinfo_record(path.name, {"software": "benchmarks/warc.py"}))
        for url, body in records:
            http = StatusAndHeaders("200 OK", [("Content-Type", "text/html"), ("Content-Length", str(len(body)))],
                                    protocol="HTTP/1.1")
            response = writer.create_warc_record(url, "response", payload=io.BytesIO(body), length=len(body),
                                                 http_headers=http, warc_headers_dict={"WARC-Date": date})
            writer.write_record(response)
            target = "/" + url.split("/", 3)[3]
            req = StatusAndHeaders(f"GET {target} HTTP/1.1", [("Host", url.split("/")[2]), ("User-Agent", "bench")],
                                   is_http_request=True)
            writer.write_record(writer.create_warc_record(
                url, "request", payload=io.BytesIO(b""), length=0, http_headers=req,
                warc_headers_dict={"WARC-Date": date,
                                   "WARC-Concurrent-To": response.rec_headers.get_header("WARC-Record-ID")}))
    return path


@dataclass
class ImportInputs:
    matching: list[bytes]  # the bodies of the configured site's records
    mixed: list[Path]  # the site's records interleaved with other hosts'
    others: list[Path]  # other hosts only
    other_records: int  # WARC records in ``others``
    mixed_records: int


def _variant(html: bytes, copy: int) -> bytes:
    """Copy ``copy`` of a page: its first paragraphs end in ``(copy)``, so its body differs from the
    other copies' and it is archived as an article of its own (the same work as the original)."""
    return html if copy == 0 else html.replace(b"</p>", f" ({copy})</p>".encode(), 3)


def build_import_inputs(corpus: Path, limit: int | None, folder: Path, n_files: int, copies: int,
                        scale: int = 1) -> ImportInputs:
    """``scale``: every page ``scale`` times (distinct URLs and bodies), as a larger file such as a CC-NEWS
    file of ~1 GB holds more pages, so that start-up is spread over more work."""
    folder.mkdir(parents=True)
    files = sample(corpus_files(corpus), limit)
    ours: list[tuple[str, bytes]] = []
    theirs: list[tuple[str, bytes]] = []
    for c in range(scale):
        for n, (html, url) in enumerate(files):
            original = url or f"https://news{n}.example.org/article/{n}"
            host = IMPORT_HOST if n % 5 else "m.kabar-bench.id"  # a subdomain is the site's too
            key = n + c * len(files)
            ours.append((f"https://{host}/berita/{key}/artikel-{key}", _variant(offsite(html, original), c)))
            other = original if "kabar-bench" not in original else f"https://other{n}.example.org/{n}"
            theirs.append((f"{other}{'&' if '?' in other else '?'}v={c}" if c else other, html))
    mixed = []
    for k in range(n_files):
        records = [r for pair in zip(ours[k::n_files], theirs[k::n_files]) for r in pair]
        mixed.append(write_warc(folder / f"mixed-{k:02d}.warc.gz", records))
    everything = [(f"{u}?copy={c}" if c else u, b) for c in range(copies) for u, b in theirs[:len(files)]]
    others = [write_warc(folder / f"others-{k}.warc.gz", everything[k::2]) for k in range(2)]
    return ImportInputs([b for _, b in ours], mixed, others, 2 * len(everything) + 2, 2 * (len(ours) + len(theirs)) + n_files)


_FILE_LINE = re.compile(r"^(\S+): (\d+) records, (\d+) pages of the sites, (\d+) new, (\d+) updated, (\d+) duplicates.* \(([\d.]+) s\)$", re.M)
_SUMMARY = re.compile(r"(\d+) files imported, \d+ already imported, (\d+) failed; (\d+) records scanned, (\d+) new")


def import_warc(files: list[Path], toml: Path, archive: Path, workers: int) -> tuple[RunStats, dict[str, Any]]:
    cmd = archiver_cmd("import-warc", *map(str, files), "--sites", IMPORT_SITE, "--sites-file", str(toml),
                       "--archive", str(archive), "--workers", str(workers))
    stats = run_measured(cmd, capture_stdout=True)
    per_file = _FILE_LINE.findall(stats.stdout)
    summary = _SUMMARY.search(stats.stdout)
    if stats.returncode != 0 or summary is None:
        print(f"  import-warc exit {stats.returncode}\n{stats.stdout[-1500:]}\n{stats.stderr_tail}")
    got = {"files": float(summary.group(1)) if summary else 0.0, "failed": float(summary.group(2)) if summary else 0.0,
           "records": float(summary.group(3)) if summary else 0.0, "new": float(summary.group(4)) if summary else 0.0,
           "matched": float(sum(int(f[2]) for f in per_file)), "duplicates": float(sum(int(f[5]) for f in per_file)),
           "file_seconds": sum(float(f[6]) for f in per_file), "per_file": [float(f[6]) for f in per_file]}
    return stats, got


def _import_round(inputs: ImportInputs, toml: Path, archive: Path, workers: int, distinct: list[bytes],
                  number: int) -> dict[str, Any]:
    """One import into a fresh archive, then the reference over the same pages: one paired ratio (the
    machine's speed drifts by tens of percent between minutes; a pair is measured within one)."""
    print(f"  round {number + 1}:")
    stats, got = import_warc(inputs.mixed, toml, archive, workers)
    rows_rate, matched_rate = got["new"] / stats.wall_s, got["matched"] / stats.wall_s
    print(f"  import-warc: {stats.wall_s:.1f} s wall, exit {stats.returncode}; {got['records']:.0f} records scanned, "
          f"{got['matched']:.0f} pages of the site, {got['new']:.0f} rows archived, {got['duplicates']:.0f} duplicates; "
          f"{matched_rate:.1f} pages/s, {rows_rate:.1f} archived rows/s")
    driver = stats.cpu_by_pid.get(stats.pid, 0.0)
    print(f"    CPU {stats.cpu_sampled_s:.1f} s sampled over the tree = {stats.cpu_sampled_s / stats.wall_s:.2f} cores busy: "
          f"driver process (scheduler, commit) {driver:.1f} s, Dask nannies and workers {stats.cpu_sampled_s - driver:.1f} s "
          f"= {1000 * (stats.cpu_sampled_s - driver) / max(1, got['matched']):.0f} ms per page of the site; peak RSS sum "
          f"{stats.hwm_sum_mib:.0f} MiB")
    print(f"    the files' own scan time (on the workers, wall) {got['file_seconds']:.1f} s in all, in order of completion: "
          + ", ".join(f"{t:.1f}" for t in got["per_file"]) + " s")
    ref_rate, ref_n, ref_s = reference_pages(distinct)
    print(f"    reference: trafilatura.extract, serial, one core, in-process, the same matching records ({ref_n} distinct "
          f"pages, once each): {ref_s:.1f} CPU s = {ref_rate:.1f} pages/s ({1000 / ref_rate:.1f} ms/page)")
    tree_ms = 1000 * stats.cpu_sampled_s / max(1, got["matched"])
    ceiling = workers * (1000 / ref_rate) / tree_ms
    print(f"    the whole import's CPU per page of the site: {tree_ms:.1f} ms against trafilatura's {1000 / ref_rate:.1f} ms: "
          f"on {workers} idle cores it could reach at most {ceiling:.2f}× (this run had {stats.cpu_sampled_s / stats.wall_s:.2f} "
          f"cores busy); this round {matched_rate / ref_rate:.2f}×")
    return {"matched_rate": matched_rate, "rows_rate": rows_rate, "ref_rate": ref_rate, "wall": stats.wall_s,
            "matched": got["matched"], "ceiling": ceiling, "busy": stats.cpu_sampled_s / stats.wall_s}


def import_bench(args: argparse.Namespace, work: Path, scale: int = 1) -> dict[str, Any]:
    print(f"== 2. archiver import-warc, whole process, local Dask cluster of {args.workers} workers, fresh archive"
          + (f"; larger input: every page {scale}× (distinct URLs and bodies)" if scale > 1 else "")
          + f"; load average {os.getloadavg()[0]:.1f}")
    started = time.monotonic()
    work = work / f"import-x{scale}"
    inputs = build_import_inputs(args.corpus, args.pages, work / "import-in", args.files, args.other_copies, scale)
    toml = work / "kabarbench.toml"
    toml.write_text(IMPORT_TOML, encoding="utf-8")
    size = sum(f.stat().st_size for f in inputs.mixed)
    print(f"  input: {len(inputs.mixed)} files, {inputs.mixed_records} records ({size / 2**20:.1f} MiB): "
          f"{len(inputs.matching)} pages of site {IMPORT_SITE!r} (hosts {IMPORT_HOST}, m.kabar-bench.id) interleaved "
          f"with the same pages at their original hosts; written by warcio in {time.monotonic() - started:.1f} s")
    distinct = inputs.matching[:len(inputs.matching) // scale]  # the copies are the same pages: the same rate
    rounds = [_import_round(inputs, toml, work / f"import-archive-{r}", args.workers, distinct, r)
              for r in range(args.import_repeats)]
    ratios = [r["matched_rate"] / r["ref_rate"] for r in rounds]
    median = ratios.index(statistics.median_low(ratios))  # the round whose ratio is the median
    if len(rounds) > 1:
        print(f"  {len(rounds)} rounds (import, then reference): ratios " + ", ".join(f"{x:.2f}×" for x in ratios)
              + f"; median {ratios[median]:.2f}× (round {median + 1}), best {max(ratios):.2f}×")
    result = {**rounds[median], "files": inputs.mixed, "scale": scale, "ratios": ratios}
    if scale > 1:
        return result
    print(f"== 2c. import-warc of {len(inputs.others)} files of other hosts only ({inputs.other_records} records, "
          f"{sum(f.stat().st_size for f in inputs.others) / 2**20:.1f} MiB), whole process")
    ostats, ogot = import_warc(inputs.others, toml, work / "import-others", args.workers)
    print(f"  import-warc: {ostats.wall_s:.1f} s wall, exit {ostats.returncode}; {ogot['records']:.0f} records scanned, "
          f"{ogot['matched']:.0f} matched = {ogot['records'] / ostats.wall_s:.0f} records/s whole process; the files' own "
          f"scan {ogot['file_seconds']:.2f} s = {ogot['records'] / max(1e-9, ogot['file_seconds']):.0f} records/s per worker "
          f"(the rest, {ostats.wall_s - ogot['file_seconds'] / len(inputs.others):.1f} s, is start-up: interpreter, "
          f"Dask cluster, workers, archive)")
    return {**result, "other_rate": ogot["records"] / ostats.wall_s,
            "other_scan_rate": ogot["records"] / max(1e-9, ogot["file_seconds"]),
            "fixed_s": ostats.wall_s - ogot["file_seconds"] / len(inputs.others), "files": inputs.mixed + inputs.others}


# -- 3. reextract ----------------------------------------------------------------------------------------
_REEXTRACT = re.compile(r"(\d+) rows in (\d+) partitions: (\d+) changed .*?, (\d+) rewritten, (\d+) without a WARC record, "
                        r"(\d+) no longer extract")


def reextract_bench(archive: Path, ref_rate: float) -> float:
    print("== 3. archiver reextract over the capture-on crawl's archive, whole process")
    stats = run_measured(archiver_cmd("reextract", "--archive", str(archive), "--quiet"), capture_stdout=True)
    found = _REEXTRACT.search(stats.stdout)
    if stats.returncode != 0 or found is None:
        print(f"  reextract exit {stats.returncode}\n{stats.stdout[-1500:]}\n{stats.stderr_tail}")
        return 0.0
    rows, parts, changed, rewritten, no_capture, failed = map(int, found.groups())
    rate = rows / stats.wall_s
    print(f"  {rows} rows in {parts} partitions in {stats.wall_s:.1f} s = {rate:.1f} rows/s ({rate / ref_rate:.2f}× one-core "
          f"trafilatura); {changed} changed, {rewritten} rewritten, {no_capture} without a record, {failed} no longer "
          f"extract; {stats.cpu_sampled_s / stats.wall_s:.2f} cores busy (below 20,000 rows the partitions run in-process)")
    return rate


# -- 4. raw read rate --------------------------------------------------------------------------------------
def read_warcio(paths: list[Path], bodies: bool) -> int:
    from warcio.archiveiterator import ArchiveIterator

    n = 0
    for path in paths:
        with path.open("rb") as stream:
            for record in ArchiveIterator(stream):
                if bodies:
                    record.content_stream().read()
                n += 1
    return n


def read_fastwarc(paths: list[Path], bodies: bool) -> int:
    from fastwarc.warc import ArchiveIterator

    n = 0
    for path in paths:
        with path.open("rb") as stream:
            for record in ArchiveIterator(stream, parse_http=bodies):
                if bodies:
                    record.reader.read()
                n += 1
    return n


def raw_reads(sets: dict[str, list[Path]]) -> None:
    try:
        import fastwarc  # noqa: F401

        readers = {"warcio": read_warcio, "fastwarc": read_fastwarc}
    except ImportError:
        readers = {"warcio": read_warcio}
        print("  (fastwarc is not installed: pip install 'archiver[bench]' for the comparison)")
    print("== 4. raw read rate, one core, in-process, best of 3 (records/s; bodies: HTTP headers parsed, every body read)")
    for label, paths in sets.items():
        size = sum(p.stat().st_size for p in paths)
        cells = []
        for name, reader in readers.items():
            for bodies in (False, True):
                best = float("inf")
                for _ in range(3):
                    started = time.perf_counter()
                    n = reader(paths, bodies)
                    best = min(best, time.perf_counter() - started)
                cells.append(f"{name} {'bodies' if bodies else 'headers'} {n / best:,.0f}")
        print(f"  {label} ({len(paths)} files, {n} records, {size / 2**20:.1f} MiB): " + "; ".join(cells))


# -- main --------------------------------------------------------------------------------------------------
def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    if args.import_repeats < 1 or args.repeats < 1:
        print("--repeats and --import-repeats take 1 or more")
        return 2
    parts = set(args.parts.split(","))
    arms = [a for a in args.arms.split(",") if a]
    if not args.corpus.is_dir():
        print(f"corpus not found at {args.corpus}: this benchmark needs it")
        return 2
    work = Path(tempfile.mkdtemp(prefix="archiver-warc-"))
    began = time.monotonic()
    servers: dict[str, StaticServer] = {}
    for arm in arms:  # a site of its own per server: its sitemap names that server's URLs
        port = free_port()
        site = build_real_site(args.corpus, work / f"site-{arm}", f"http://127.0.0.1:{port}/", limit=args.pages,
                               gzipped=arm == "gzip")
        servers[arm] = StaticServer(site, port, gzip=arm == "gzip")
    ok = True
    try:
        print(f"== site: {len(site.pages)} real corpus pages, each under /a/ and /b/, no canonical or og:url tags, one "
              f"sitemap; http.server at {', '.join(s.base_url for s in servers.values())} ({', '.join(arms)}); "
              f"cpus={os.cpu_count()}, load average {os.getloadavg()[0]:.1f} at start")
        kept, crawls = None, {}
        if "crawl" in parts:
            for arm, server in servers.items():
                run, crawls[arm] = crawl_overhead(server.site, server, work, args.repeats, args.set)
                kept = kept or run
        if "levels" in parts:
            gzip_levels(site.pages, work)
        imp = import_bench(args, work) if "import" in parts else None
        large = import_bench(args, work, args.large_scale) if "import-large" in parts else None
        ref_rate = imp["ref_rate"] if imp else large["ref_rate"] if large else reference_pages(site.pages)[0]
        rx = reextract_bench(kept.archive, ref_rate) if kept and "reextract" in parts else None
        if "read" in parts:
            sets = {"crawl's WARC": sorted((kept.archive / "warc").rglob("*.warc.gz"))} if kept else {}
            if imp:
                sets["import input"] = imp["files"]
            raw_reads(sets)
        print("== targets")
        for arm, c in crawls.items():
            ok &= verdict(f"capture slows the crawl by ≤ 10% (best runs), {arm} server", c["best_on"] >= 0.9 * c["best_off"],
                          f"{c['best_on']:.1f} / {c['best_off']:.1f} pages/s = {100 * (1 - c['best_on'] / c['best_off']):+.1f}% "
                          f"(medians {100 * (1 - c['med_on'] / c['med_off']):+.1f}%; CPU per page "
                          f"{100 * (c['cpu_on'] / c['cpu_off'] - 1):+.1f}%); WARC {c['bytes_per_page'] / 1024:.1f} KiB/page")
        for run in (r for r in (imp, large) if r):
            ok &= verdict(f"import-warc ≥ 1.7× one-core trafilatura (pages of the site per second, whole process), "
                          f"{run['matched']:.0f} pages" + (f" ({run['scale']}× the corpus)" if run["scale"] > 1 else "")
                          + (f", median of {len(run['ratios'])} rounds" if len(run["ratios"]) > 1 else ""),
                          run["matched_rate"] >= 1.7 * run["ref_rate"],
                          f"{run['matched_rate']:.1f} / {run['ref_rate']:.1f} = {run['matched_rate'] / run['ref_rate']:.2f}× "
                          f"(archived rows/s: {run['rows_rate']:.1f} = {run['rows_rate'] / run['ref_rate']:.2f}×; "
                          + (f"start-up ≈ {run['fixed_s']:.1f} s of its " if "fixed_s" in run else "")
                          + f"{run['wall']:.1f} s; {run['busy']:.2f} cores busy; CPU-bound ceiling on {args.workers} idle "
                          f"cores {run['ceiling']:.2f}×)")
        if imp:
            print(f"  other hosts scanned at {imp['other_rate']:.0f} records/s whole process, "
                  f"{imp['other_scan_rate']:.0f} records/s per worker")
        if rx is not None:
            print(f"  reextract {rx:.1f} rows/s")
        print(f"  benchmark wall time {time.monotonic() - began:.0f} s; load average {os.getloadavg()[0]:.1f} at the end")
        return 0 if ok else 1
    finally:
        for server in servers.values():
            server.stop()
        if args.keep:
            print(f"work directory kept: {work}")
        else:
            shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
