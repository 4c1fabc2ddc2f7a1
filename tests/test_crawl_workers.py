"""Extraction in a process pool: same archive as a serial run, faults contained, clean Ctrl-C.

Each test runs ``archiver crawl demo`` as a subprocess against the demo site,
the way a user (or cron) does.  Faults are injected with
``ARCHIVER_EXTRACT_FUNCTION=faults.faulty_extract`` (``tests/`` is put on the
workers' PYTHONPATH): it raises, or kills its worker process, on the demo
article whose path the environment names.
"""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

import pytest

from archiver.demo import DemoServer, demo_articles
from conftest import archive_rows, archiver_command, crawl_demo, demo_crawl_args, demo_path, run_archiver

pytestmark = pytest.mark.slow
HERE = Path(__file__).resolve().parent
VOLATILE = {"fetched_at", "warc_file", "warc_offset", "warc_record_id"}  # when and where each crawl kept its raw copy


def _comparable(row: dict[str, Any], republished: bool) -> dict[str, Any]:
    if republished:  # the original or its republished copy, whichever came first: same words, own metadata
        return {k: row[k] for k in ("title", "body", "content_hash")}
    return {k: v for k, v in row.items() if k not in VOLATILE}


def _fault_env(**names: str) -> dict[str, str]:
    env = dict(os.environ)
    env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(HERE), env.get("PYTHONPATH", "")]))
    env.update(names)
    return env


def test_pool_and_serial_archive_the_same_rows(demo_server: DemoServer, tmp_path: Path) -> None:
    serial = crawl_demo(demo_server, tmp_path / "serial", "-s", "ARCHIVER_EXTRACT_WORKERS=0")
    pooled = crawl_demo(demo_server, tmp_path / "pooled", "-s", "ARCHIVER_EXTRACT_WORKERS=2")
    assert serial.returncode == 0, serial.stderr[-3000:]
    assert pooled.returncode == 0, pooled.stderr[-3000:]
    a = {demo_path(r): r for r in archive_rows(tmp_path / "serial")}
    b = {demo_path(r): r for r in archive_rows(tmp_path / "pooled")}
    assert len(a) == len(demo_articles())
    assert a.keys() == b.keys()
    for key in a:
        republished = "/daerah/salinan/" in a[key]["url"] + b[key]["url"]
        assert _comparable(a[key], republished) == _comparable(b[key], republished), key


def test_failing_and_dying_workers_drop_only_their_page(demo_server: DemoServer, tmp_path: Path) -> None:
    victims = sorted(demo_articles(), key=lambda a: a.path)
    raise_on, die_on = victims[0].path, victims[-1].path
    env = _fault_env(ARCHIVER_TEST_RAISE_ON=raise_on, ARCHIVER_TEST_DIE_ON=die_on)
    done = crawl_demo(demo_server, tmp_path / "a", "-s", "ARCHIVER_EXTRACT_WORKERS=2",
                      "-s", "ARCHIVER_EXTRACT_FUNCTION=faults.faulty_extract", env=env)
    assert done.returncode == 0, done.stderr[-3000:]
    assert "restarting the pool" in done.stderr
    errors = _last_run_errors(tmp_path / "a")
    assert errors.get("worker_died") == 1, errors
    assert errors.get("extraction") == 1, errors
    stored = {demo_path(r) for r in archive_rows(tmp_path / "a")}
    expected = {a.path for a in demo_articles()} - {raise_on, die_on}
    assert stored == expected


def _last_run_errors(archive: Path) -> dict[str, int]:
    """The demo site's error counts in the newest run record, as `archiver runs --json` shows them."""
    shown = run_archiver("runs", "--archive", str(archive), "--json", "--limit", "1")
    assert shown.returncode == 0, shown.stderr
    (run,) = json.loads(shown.stdout)
    (site,) = [s for s in run["sites"] if s["site"] == "demo"]
    return site["errors"]


def _descendants(pid: int) -> set[int]:
    parents: dict[int, list[int]] = {}
    for name in os.listdir("/proc"):
        if name.isdigit():
            try:
                with open(f"/proc/{name}/stat", "rb") as handle:
                    ppid = int(handle.read().rsplit(b")", 1)[1].split()[1])
            except OSError:
                continue
            parents.setdefault(ppid, []).append(int(name))
    found, todo = set(), [pid]
    while todo:
        for child in parents.get(todo.pop(), []):
            found.add(child)
            todo.append(child)
    return found


def _alive(pid: int) -> bool:
    try:
        with open(f"/proc/{pid}/stat", "rb") as handle:
            return handle.read().rsplit(b")", 1)[1].split()[0] != b"Z"
    except OSError:
        return False


@pytest.mark.skipif(not Path("/proc/self/stat").exists(), reason="needs /proc to find the worker processes")
def test_sigint_mid_crawl_flushes_and_leaves_no_workers(tmp_path: Path) -> None:
    archive = tmp_path / "a"
    with DemoServer() as server:  # its own server: the request count below is this crawl's alone
        slow = archiver_command(*demo_crawl_args(server, archive, "-s", "ARCHIVER_EXTRACT_WORKERS=2",
                                                 "-s", "DOWNLOAD_DELAY=0.15", "-s", "CONCURRENT_REQUESTS_PER_DOMAIN=1"))
        proc = subprocess.Popen(slow, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        try:
            workers: set[int] = set()
            deadline = time.monotonic() + 60
            while time.monotonic() < deadline and server.count("/berita/") < 12 and proc.poll() is None:
                workers |= _descendants(proc.pid)
                time.sleep(0.05)
            workers |= _descendants(proc.pid)
            assert proc.poll() is None, "the crawl ended before it could be interrupted"
            assert len(workers) >= 2, "no extraction workers were started"
            proc.send_signal(signal.SIGINT)
            _, stderr = proc.communicate(timeout=60)
        finally:
            if proc.poll() is None:
                proc.kill()
                proc.wait()
        articles_downloaded = server.count("/berita/")
    assert "shutdown" in stderr.lower() or "closing spider" in stderr.lower(), stderr[-2000:]
    time.sleep(0.5)  # the forkserver notices its parent's exit on its own
    assert not [pid for pid in workers if _alive(pid)]
    assert proc.returncode == 130  # interrupted, as a shell reports Ctrl-C
    stored = archive_rows(archive)  # readable Parquet, flushed at close
    assert 0 < len(stored) < len(demo_articles())
    assert articles_downloaded < 3 * len(demo_articles())


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="pipe sizes are a Linux feature")
def test_a_whole_page_job_fits_in_the_pipe_to_the_workers() -> None:
    """Jobs carry their page: written in 64 KiB pieces, each piece waited for the reactor's GIL."""
    import fcntl

    from archiver.crawl.workers import WorkerPool

    pool = WorkerPool(1, 2, 0)
    try:
        executor: Any = pool._executor()
        assert fcntl.fcntl(executor._call_queue._writer.fileno(), fcntl.F_GETPIPE_SZ) >= 512 * 1024
    finally:
        pool.shutdown()


def test_a_job_given_as_a_partial_that_kills_its_worker_twice_is_reported_as_worker_died() -> None:
    """The pipeline extracts multi-page articles through ``partial(extraction_of, sign=…)``: a worker
    that dies on it must surface as WorkerDied (counted), not as an error about the partial's name."""
    import asyncio
    import functools

    from archiver.crawl.workers import WorkerDied, WorkerPool

    pool = WorkerPool(1, 2, 0)
    try:
        with pytest.raises(WorkerDied, match="partial"):
            asyncio.run(pool.run(functools.partial(os._exit, 3)))
    finally:
        pool.shutdown()
