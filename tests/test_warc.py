"""WARC capture, re-extraction and WARC backfill, as a user relies on them.

A crawl of the demo keeps every response it downloaded; every row points at
its pages' records; ``reextract`` after a changed rule changes exactly the rows
the rule touches and a kill leaves each partition as it was or as it becomes;
``import-warc`` of WARC files other archives could have written (other hosts,
a duplicate, a non-HTML record, a torn last record) gives the demo's articles,
and nothing twice, however often it runs or whichever worker dies.
"""

from __future__ import annotations

import os
import re
import shutil
import signal
import subprocess
import sys
import zlib
from pathlib import Path
from typing import Any

import pytest
from warcio.archiveiterator import ArchiveIterator

from archiver.demo import DemoServer, demo_articles
from archiver.ops.backfill import import_warcs, iter_done
from archiver.sites import load_sites
from archiver.storage.lock import ArchiveLock
from archiver.storage.maintenance import verify
from archiver.storage.warc import GZIP_LEVELS, Capture, WarcSeries, recover_staged
from archiver.storage.warc_read import archive_iterator, read_response
from archiver.storage.warc_read import pointers as row_pointers
from conftest import ROOT, archive_rows, crawl_demo, demo_path, demo_sites_file, fetch_capture, run_archiver, write_warc

RULE = 'boilerplate = ["JAKARTA, .*"]'  # a changed extraction rule: drop first paragraphs datelined Jakarta


def _pointers(row: dict[str, Any]) -> tuple[Any, ...]:
    return row_pointers(row["warc_file"] or (), row["warc_offset"] or (), row["warc_record_id"] or ())


def _by_id(rows: list[dict[str, Any]]) -> dict[tuple[str, int], dict[str, Any]]:
    return {(r["article_id"], r["version"]): r for r in rows}


# -- the WARC files themselves (no crawl) ------------------------------------------------------------
def test_a_file_being_written_is_not_visible_and_a_torn_one_keeps_its_complete_records(tmp_path: Path) -> None:
    series = WarcSeries(tmp_path, "run", max_bytes=1 << 20)
    first = series.write("demo", Capture("http://127.0.0.1/a", 200, "OK", [("Content-Type", "text/html")], b"<p>a</p>"))
    second = series.write("demo", Capture("http://127.0.0.1/b", 200, "OK", [("Content-Type", "text/html")], b"<p>b</p>"))
    assert not (tmp_path / first.file).exists()  # staged until sealed
    staged = next((tmp_path / ".staging").rglob("*.warc.gz"))
    series._open["demo"]._handle.close()  # the writing process is gone (kill -9)
    staged.write_bytes(staged.read_bytes()[:-20])  # a kill -9 in the middle of the last record
    assert recover_staged(tmp_path) == [str(tmp_path / first.file)]
    assert read_response(tmp_path, first).body == b"<p>a</p>"
    assert read_response(tmp_path, second).body == b"<p>b</p>"  # the torn record was the request after it
    assert not list((tmp_path / ".staging").rglob("*.warc.gz"))


@pytest.mark.parametrize("level", [0, 2, 3])
def test_each_record_is_its_own_gzip_member_at_the_configured_level(tmp_path: Path, level: int) -> None:
    body = ("<p>Presiden meresmikan bendungan baru di Jawa Tengah pada Senin pagi.</p>" * 400).encode()
    series = WarcSeries(tmp_path / str(level), "run", gzip_level=level)
    pointers = [series.write("demo", Capture(f"http://127.0.0.1/{i}", 200, "OK", [("Content-Type", "text/html")], body))
                for i in range(3)]
    series.seal()
    path = tmp_path / str(level) / pointers[0].file
    with path.open("rb") as stream:  # warcio reads the whole file, record by record
        kinds = [(r.rec_type, r.rec_headers.get_header("WARC-Target-URI")) for r in ArchiveIterator(stream)]
    assert kinds == [(k, f"http://127.0.0.1/{i}") for i in range(3) for k in ("response", "request")]
    for pointer in pointers:  # and each record alone, from its offset
        assert read_response(tmp_path / str(level), pointer).body == body
    with path.open("rb") as stream:
        stream.seek(pointers[1].offset)
        assert stream.read(2) == b"\x1f\x8b"


def test_the_gzip_level_is_the_one_configured(tmp_path: Path) -> None:
    html = "".join(f"<p>Berita {i}: banjir merendam {i % 17} desa di Kabupaten Bekasi sejak Senin.</p>" for i in range(3000))
    sizes = []
    for level in GZIP_LEVELS:
        series = WarcSeries(tmp_path / str(level), "run", gzip_level=level)
        series.write("demo", Capture("http://127.0.0.1/a", 200, "OK", [("Content-Type", "text/html")], html.encode()))
        series.seal()
        sizes.append(sum(f.stat().st_size for f in (tmp_path / str(level)).rglob("*.warc.gz")))
    # levels 1 and 2 come within a few bytes of each other (record ids and dates differ per run)
    assert sizes[0] > 1.3 * sizes[-1] and max(sizes) == sizes[0] and min(sizes) == sizes[-1], sizes


@pytest.mark.parametrize("value", ["6", "-1", "2.0", "high"])
def test_a_gzip_level_outside_isals_range_is_a_usage_error(tmp_path: Path, value: str) -> None:
    result = run_archiver("crawl", "http://127.0.0.1:9/", "--archive", str(tmp_path), "-s", f"ARCHIVER_WARC_GZIP_LEVEL={value}")
    assert result.returncode == 2
    assert "ARCHIVER_WARC_GZIP_LEVEL" in result.stderr and "Traceback" not in result.stderr
    with pytest.raises(ValueError, match="ISA-L level"):
        WarcSeries(tmp_path, "run", gzip_level=9)


def test_records_are_inflated_by_isal() -> None:
    """Inflating every gzip member is most of what scanning a CC-NEWS file costs: ISA-L's, not zlib's."""
    import io

    assert type(archive_iterator(io.BytesIO(b"")).reader).DECOMPRESSORS["gzip"]().__class__.__module__.startswith("isal")


def test_a_gzip_encoded_response_is_kept_as_sent_and_read_back_decoded(tmp_path: Path) -> None:
    import gzip

    series = WarcSeries(tmp_path, "run")
    body = "<p>Halaman berita</p>".encode()
    pointer = series.write("demo", Capture("http://127.0.0.1/a", 200, "OK", [("Content-Encoding", "gzip"),
                                                                          ("Content-Type", "text/html; charset=utf-8")],
                                            gzip.compress(body)))
    series.seal()
    with open(tmp_path / pointer.file, "rb") as stream:
        record = next(iter(ArchiveIterator(stream)))
        assert record.raw_stream.read()[:2] == b"\x1f\x8b"  # the server's bytes
    response = read_response(tmp_path, pointer)
    assert response.body == body and response.encoding == "utf-8"


def test_an_encoded_body_does_not_grow_and_every_record_still_reads_at_its_offset(tmp_path: Path) -> None:
    """A page the server sent gzip- or deflate-encoded does not grow in its record's gzip member (about the
    body's own size); beside plain pages in one file, warcio still reads the whole file and
    every pointer leads to its page, decoded."""
    import gzip

    from archiver.storage.warc_read import unreadable_pointers

    page = ("<html><body><article><p>Presiden meresmikan bendungan baru di Jawa Tengah pada Senin pagi, "
            "disaksikan ribuan warga.</p>" * 300 + "</article></body></html>").encode()
    html = [("Content-Type", "text/html; charset=utf-8")]
    sent = [(html, page), (html + [("Content-Encoding", "gzip")], gzip.compress(page)),
            (html, page.replace(b"Senin", b"Selasa")), (html + [("Content-Encoding", "deflate")], zlib.compress(page))]
    series = WarcSeries(tmp_path, "run")
    written = [series.write("demo", Capture(f"http://127.0.0.1/berita/{i}", 200, "OK", headers, body))
               for i, (headers, body) in enumerate(sent)]
    series.seal()
    assert [read_response(tmp_path, p).body for p in written] == [page, page, page.replace(b"Senin", b"Selasa"), page]
    assert unreadable_pointers(tmp_path, written) == []
    with open(tmp_path / written[0].file, "rb") as stream:
        records = ArchiveIterator(stream)
        members = {}
        for record in records:
            records.read_to_end(record)
            members[records.get_record_offset()] = (record.rec_type, records.get_record_length())
    assert [members[p.offset][0] for p in written] == ["response"] * 4 and len(members) == 8
    sizes = [members[p.offset][1] for p in written]
    assert sizes[0] < len(page) / 10 and sizes[2] < len(page) / 10  # plain pages: compressed
    for (_headers, body), size in zip(sent[1::2], sizes[1::2]):  # encoded: about the size sent
        assert len(body) < size < len(body) + 1500


@pytest.mark.parametrize("background", [True, False])
def test_submitted_records_have_exact_pointers_and_seal_waits_for_them(tmp_path: Path, background: bool) -> None:
    """The crawl's default (ARCHIVER_WARC_BACKGROUND): writes submitted from the reactor thread are appended
    in order on the series' thread (inline when off); each pointer names its record's offset, a seal
    publishes every write submitted before it, and a file rotated in between is sealed too."""
    pages = [(f"<html><body><p>Berita nomor {i}: harga beras naik di pasar induk.</p>" * (50 + 40 * i)
              + "</body></html>").encode() for i in range(12)]
    series = WarcSeries(tmp_path, "run", max_bytes=8_000, background=background)
    futures = [series.submit("demo", Capture(f"http://127.0.0.1/berita/{i}", 200, "OK", [("Content-Type", "text/html")], p))
               for i, p in enumerate(pages)]
    series.seal()  # returns only once every write submitted before it is in a published file
    assert all(f.done() for f in futures)
    written = [f.result() for f in futures]
    assert len({p.file for p, _ in written}) > 1  # rotated at max_bytes on the way
    assert not list((tmp_path / ".staging").rglob("*.warc.gz"))
    assert [read_response(tmp_path, p).body for p, _ in written] == pages
    assert sum(size for _, size in written) == sum(f.stat().st_size for f in tmp_path.rglob("*.warc.gz"))
    late = series.submit("demo", Capture("http://127.0.0.1/berita/akhir", 200, "OK", [], pages[0]))
    series.close()
    assert read_response(tmp_path, late.result()[0]).body == pages[0]


# -- import-warc without a crawl -------------------------------------------------------------------------
def _demo_exchanges(server: DemoServer) -> list[Any]:
    """Every demo article page (pages 2..N too) and the home page, as fetched."""
    urls = [server.base_url]
    for article in demo_articles():
        urls.append(article.url(server.base_url))
        urls += [f"{article.url(server.base_url)}?page={n}" for n in range(2, article.pages + 1)]
    return [fetch_capture(u) for u in urls]


def _other_records(server: DemoServer) -> list[Any]:
    page = fetch_capture(demo_articles()[0].url(server.base_url))
    html = [("Content-Type", "text/html; charset=utf-8")]
    return [("https://www.example.com/berita/2026/11/28/1/x", 200, html, page[3]),  # another host, same page
            (server.url("/robots.txt"), 200, [("Content-Type", "text/plain")], b"User-agent: *\n"),  # not HTML
            (server.url("/berita/2026/11/28/9/hilang"), 404, html, b"<html>404</html>")]  # not a 200


@pytest.fixture()
def warc_inputs(demo_server: DemoServer, tmp_path: Path) -> dict[str, Any]:
    exchanges = _demo_exchanges(demo_server)
    half = len(exchanges) // 2
    folder = tmp_path / "in"
    folder.mkdir()
    files = [write_warc(folder / "a.warc.gz", exchanges[:half] + _other_records(demo_server)),
             write_warc(folder / "b.warc", exchanges[half:], gzip=False),
             # a duplicate of an article in a.warc.gz, then a torn record
             write_warc(folder / "c.warc.gz", [exchanges[1], exchanges[2]], truncate_last=25)]
    listing = folder / "warc.paths"
    listing.write_text("".join(f"{f.name}\n" for f in files), encoding="utf-8")
    return {"files": files, "listing": listing, "sites": demo_sites_file(demo_server, tmp_path)}


def _import(archive: Path, inputs: dict[str, Any], **options: Any) -> Any:
    sites = [load_sites([inputs["sites"]])["demo"]]
    with ArchiveLock(archive):
        return import_warcs(archive, [str(f) for f in inputs["files"]], sites, workers=1, processes=False, **options)


def _expected_paths() -> set[str]:
    return {a.path for a in demo_articles()}


def test_import_warc_into_a_fresh_archive_gives_the_demos_articles_once(warc_inputs: dict[str, Any], tmp_path: Path) -> None:
    archive = tmp_path / "fresh"
    stats = _import(archive, warc_inputs)
    rows = archive_rows(archive)
    assert sorted(demo_path(r) for r in rows) == sorted(_expected_paths())
    assert stats.counts["truncated"] == 1 and stats.new == len(rows) and not stats.failed_files
    assert stats.duplicates == 1  # c.warc.gz repeats an article of a.warc.gz (its second record is torn)
    multi = next(r for r in rows if r["pages"] > 1)
    assert len(_pointers(multi)) == multi["pages"]  # every page's record
    for row in rows:
        assert row["fetched_url"] == read_response(archive, _pointers(row)[0]).url
    assert verify(archive) == []
    again = _import(archive, warc_inputs)  # every file has its done-record
    assert again.skipped_done == 3 and again.files == 0 and len(archive_rows(archive)) == len(rows)
    assert {d["source"] for d in iter_done(archive)} == {str(f) for f in warc_inputs["files"]}


def test_import_warc_signs_and_keys_each_body_on_the_worker_and_the_commit_computes_neither(
        warc_inputs: dict[str, Any], tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The near-duplicate signature and the template keys (with the page's link texts) are made where the
    page is extracted (a worker), as in a crawl: the one committing process, which every file's rows go
    through, only compares and counts them."""
    import numpy as np
    import pyarrow.parquet as pq

    import archiver.similarity
    import archiver.storage.templates
    from archiver.extraction.template import page_keys
    from archiver.ops.backfill import ImportStats, commit_file, scan_warc

    sites = [load_sites([warc_inputs["sites"]])["demo"]]
    result = scan_warc(str(warc_inputs["files"][0]), sites, str(tmp_path / "parts"))
    part = pq.read_table(result.part).to_pylist()
    assert part and all(r["_signature"] is not None for r in part)
    for row in part:
        expected = archiver.similarity.signature(row["body"])
        assert np.array_equal(np.frombuffer(row["_signature"], np.uint16), expected)
        keys = page_keys(row["body"])
        assert (tuple(row["_line_keys"]), tuple(row["_link_keys"])) == (keys.lines, keys.as_links)
    assert any(row["_anchor_keys"] for row in part)  # the teaser links the crawl's model learns from

    def not_here(*_args: Any, **_kwargs: Any) -> None:
        raise AssertionError("the committing process computed what the worker sent")

    monkeypatch.setattr(archiver.similarity, "signature", not_here)
    monkeypatch.setattr(archiver.storage.templates, "page_keys", not_here)
    archive = tmp_path / "fresh"
    from archiver.storage.archive import Archive

    with ArchiveLock(archive):
        store = Archive.open(archive, templates={})
        try:
            stored = commit_file(store, archive, result, ImportStats())
        finally:
            store.close()
    rows = archive_rows(archive)
    assert stored["new"] == len(part) == len(rows) and all(r["cluster_id"] for r in rows)
    assert not {"_signature", "_line_keys", "_link_keys", "_anchor_keys"} & set(rows[0])


def test_import_warc_command_reads_a_paths_list_and_reports(warc_inputs: dict[str, Any], tmp_path: Path) -> None:
    archive = tmp_path / "cli"
    result = run_archiver("import-warc", str(warc_inputs["listing"]), "--sites", "demo", "--sites-file",
                          str(warc_inputs["sites"]), "--archive", str(archive), "--workers", "1", timeout=180)
    assert result.returncode == 0, result.stderr[-2000:]
    assert re.search(rf"3 files imported, 0 already imported, 0 failed; \d+ records scanned, {len(_expected_paths())} new",
                     result.stdout), result.stdout
    usage = run_archiver("import-warc", str(warc_inputs["listing"]), "--archive", str(archive))
    assert usage.returncode == 2 and "--sites" in usage.stderr and "Traceback" not in usage.stderr


@pytest.mark.slow  # a local cluster of worker processes
def test_a_worker_killed_mid_import_then_a_rerun_completes_with_nothing_twice(warc_inputs: dict[str, Any], tmp_path: Path,
                                                                              monkeypatch: pytest.MonkeyPatch) -> None:
    from archiver.ops.cluster import warm_fork_server
    from faults import scan_or_die

    warm_fork_server()  # started before the variables below are set: the workers still see them (the driver's env)
    archive = tmp_path / "killed"
    monkeypatch.setenv("ARCHIVER_TEST_DIE_ON", "b.warc")
    monkeypatch.setenv("ARCHIVER_TEST_DIED", str(tmp_path / "died"))
    sites = [load_sites([warc_inputs["sites"]])["demo"]]
    files = [str(f) for f in warc_inputs["files"]]
    with ArchiveLock(archive):
        import_warcs(archive, files, sites, workers=2, scan=scan_or_die)
    assert (tmp_path / "died").exists()  # a worker did die, holding b.warc
    with ArchiveLock(archive):
        import_warcs(archive, files, sites, workers=2)
    rows = archive_rows(archive)
    assert sorted(demo_path(r) for r in rows) == sorted(_expected_paths())  # complete, nothing twice
    assert verify(archive) == [] and len(list(iter_done(archive))) == 3


# -- after a crawl --------------------------------------------------------------------------------------
@pytest.fixture(scope="module")
def crawled(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Any]:
    archive = tmp_path_factory.mktemp("crawled")
    with DemoServer() as server:
        result = crawl_demo(server, archive)
        served = [path for method, path in server.requests if method == "GET"]
        exchanges = _demo_exchanges(server) + _other_records(server)
        sites = demo_sites_file(server, tmp_path_factory.mktemp("sites"))
        rule = demo_sites_file(server, tmp_path_factory.mktemp("rule"), RULE)
    assert result.returncode == 0, result.stderr[-3000:]
    return {"archive": archive, "served": served, "exchanges": exchanges, "sites": sites, "rule": rule,
            "rows": archive_rows(archive)}


def _copy(crawled: dict[str, Any], tmp_path: Path) -> Path:
    archive = tmp_path / "archive"
    shutil.copytree(crawled["archive"], archive)
    return archive


@pytest.mark.slow
def test_every_fetched_response_has_its_record_and_every_row_points_at_its_pages(crawled: dict[str, Any]) -> None:
    archive = crawled["archive"]
    recorded: list[str] = []
    for path in sorted((archive / "warc").rglob("*.warc.gz")):
        with open(path, "rb") as stream:  # warcio reads every file to its end
            for record in ArchiveIterator(stream):
                if record.rec_type == "response":
                    recorded.append("/" + record.rec_headers.get_header("WARC-Target-URI").split("/", 3)[3])
    assert sorted(recorded) == sorted(crawled["served"])  # every response the server gave, once
    assert not list((archive / ".staging").rglob("*.warc.gz"))  # all sealed
    for row in crawled["rows"]:
        pages = _pointers(row)
        assert len(pages) == row["pages"]
        responses = [read_response(archive, p) for p in pages]
        assert responses[0].url == row["fetched_url"] and {r.status for r in responses} == {200}
        assert row["extractor_version"]
    assert verify(archive) == []


@pytest.mark.slow
def test_reextract_after_a_changed_rule_changes_exactly_the_affected_rows(crawled: dict[str, Any], tmp_path: Path) -> None:
    archive = _copy(crawled, tmp_path)
    result = run_archiver("reextract", "--archive", str(archive), "--sites-file", str(crawled["rule"]))
    assert result.returncode == 0, result.stderr[-2000:]
    before, after = _by_id(crawled["rows"]), _by_id(archive_rows(archive))
    assert set(before) == set(after)  # same article_ids and versions
    affected = {key for key, row in before.items() if any(re.fullmatch(r"JAKARTA, .*", p) for p in row["body"].split("\n\n"))}
    changed = {key for key in before if before[key]["body"] != after[key]["body"]}
    assert affected and changed == affected
    assert all("JAKARTA, " not in after[k]["body"] for k in affected)
    kept = ("title", "published_at", "url", "fetched_at", "cluster_id", "similarity")  # the cluster: decided when stored
    for key in before:
        assert {c: after[key][c] for c in kept} == {c: before[key][c] for c in kept}
        assert after[key]["extractor_version"] != before[key]["extractor_version"]  # the site's rules changed
    printed = re.findall(r"^changed (\w+) v(\d+) body: ", result.stdout, re.M)
    assert {(a, int(v)) for a, v in printed} == affected
    assert f"{len(affected)} changed" in result.stdout
    assert verify(archive) == []
    unchanged = run_archiver("reextract", "--archive", str(archive), "--sites-file", str(crawled["rule"]))
    assert " 0 changed" in unchanged.stdout and "0 partitions replaced" in unchanged.stdout


@pytest.mark.slow
def test_reextract_with_the_same_code_and_rules_rewrites_nothing(crawled: dict[str, Any], tmp_path: Path) -> None:
    archive = _copy(crawled, tmp_path)
    files = {p: p.stat().st_mtime_ns for p in (archive / "articles").rglob("*.parquet")}
    result = run_archiver("reextract", "--archive", str(archive), "--sites-file", str(crawled["sites"]))
    assert result.returncode == 0, result.stderr[-2000:]
    assert f"{len(crawled['rows'])} rows in" in result.stdout
    assert " 0 changed" in result.stdout and " 0 rewritten" in result.stdout and "0 partitions replaced" in result.stdout
    assert {p: p.stat().st_mtime_ns for p in (archive / "articles").rglob("*.parquet")} == files  # no file replaced
    assert all(r["cluster_id"] for r in crawled["rows"])
    assert _by_id(archive_rows(archive)) == _by_id(crawled["rows"])


KILL_DURING_REEXTRACT = """
import os, signal, sys
import archiver.storage.writer as writer
done = []
finish = writer._finish_replacement
def finish_then_die(journal):
    if len(done) == 2:  # the third partition's new file is renamed in; its old files not yet unlinked
        os.kill(os.getpid(), signal.SIGKILL)
    done.append(journal)
    finish(journal)
writer._finish_replacement = finish_then_die
from archiver.cli import main
sys.exit(main(sys.argv[1:]))
"""


@pytest.mark.slow
def test_a_kill_during_reextract_leaves_each_partition_before_or_after(crawled: dict[str, Any], tmp_path: Path) -> None:
    archive = _copy(crawled, tmp_path)
    args = ["reextract", "--archive", str(archive), "--sites-file", str(crawled["rule"])]
    killed = subprocess.run([sys.executable, "-c", KILL_DURING_REEXTRACT, *args], capture_output=True, text=True,
                            timeout=240, cwd=ROOT)
    assert killed.returncode == -signal.SIGKILL
    reference = _copy(crawled, tmp_path / "ref")
    assert run_archiver(*args[:1], "--archive", str(reference), *args[3:]).returncode == 0
    before, after = _by_id(crawled["rows"]), _by_id(archive_rows(reference))
    now = archive_rows(archive)  # readable as it is
    for month in {r["month"] for r in now}:
        rows = {(r["article_id"], r["version"]): r["body"] for r in now if r["month"] == month}
        old = {k: r["body"] for k, r in before.items() if r["month"] == month}
        new = {k: r["body"] for k, r in after.items() if r["month"] == month}
        assert rows in (old, new), month
    rerun = run_archiver(*args)  # finishes the interrupted replacement, then the rest
    assert rerun.returncode == 0, rerun.stderr[-2000:]
    assert {k: r["body"] for k, r in _by_id(archive_rows(archive)).items()} == {k: r["body"] for k, r in after.items()}
    assert verify(archive) == [] and not os.listdir(archive / ".staging" / "warc" / "demo")


@pytest.mark.slow
def test_import_warc_into_the_crawled_archive_stores_nothing_new(crawled: dict[str, Any], tmp_path: Path) -> None:
    archive = _copy(crawled, tmp_path)
    built = write_warc(tmp_path / "built.warc.gz", crawled["exchanges"], truncate_last=25)
    own = sorted(str(p) for p in (archive / "warc").rglob("*.warc.gz"))
    result = run_archiver("import-warc", str(built), *own, "--sites", "demo", "--sites-file", str(crawled["sites"]),
                          "--archive", str(archive), "--workers", "2", timeout=240)
    assert result.returncode == 0, result.stderr[-2000:]
    assert re.search(r"files imported, 0 already imported, 0 failed; \d+ records scanned, 0 new, 0 updated", result.stdout)
    assert len(archive_rows(archive)) == len(crawled["rows"]) and verify(archive) == []
