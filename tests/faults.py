"""Extraction faults for the worker-pool tests, importable by worker processes (``ARCHIVER_EXTRACT_FUNCTION``)."""

from __future__ import annotations

import os
from typing import Any

from archiver.analysis import extract_page


def faulty_extract(page: Any, tree: Any = None, notes: Any = None) -> Any:
    """extract_page, except on the pages named by ARCHIVER_TEST_RAISE_ON / ARCHIVER_TEST_DIE_ON."""
    raise_on, die_on = os.environ.get("ARCHIVER_TEST_RAISE_ON"), os.environ.get("ARCHIVER_TEST_DIE_ON")
    if raise_on and raise_on in page.url:
        raise RuntimeError("injected extraction failure")
    if die_on and die_on in page.url:
        os._exit(3)  # a worker that dies hard (segfault, OOM kill) takes its pool down
    return extract_page(page, tree, notes)


def scan_or_die(source: str, sites: Any, out_dir: str) -> Any:
    """scan_warc, except that the first worker to take the file named by ARCHIVER_TEST_DIE_ON dies hard
    (the marker file ARCHIVER_TEST_DIED records it, so the unit Dask reschedules then succeeds)."""
    from archiver.ops.backfill import scan_warc

    die_on, marker = os.environ.get("ARCHIVER_TEST_DIE_ON"), os.environ.get("ARCHIVER_TEST_DIED", "")
    if die_on and die_on in source and marker and not os.path.exists(marker):
        open(marker, "w").close()
        os._exit(3)
    return scan_warc(source, sites, out_dir)
