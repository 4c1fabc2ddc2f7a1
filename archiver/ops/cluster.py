"""Running units of work on Dask (``dask.distributed``): a local cluster, or any existing one.

Backfills (``import-warc``) and large re-extractions are CPU-bound and have
no politeness limit, so they run on a real distributed engine rather than a
home-made pool: without a scheduler address, a ``LocalCluster`` on 127.0.0.1
with one single-threaded worker process per core; with one, the same code on
any cluster whose workers can import archiver and read the inputs.  Local
workers fork from a server process that imported Dask and the extraction
stack and warmed it once (:mod:`archiver.crawl.warm`, as the crawl's own
workers do), instead of each spawned worker importing everything and paying
the first page's costs itself.  Dask
reschedules the units of a worker that dies; a unit that fails is reported
as an exception value, never raised, so the driver commits every other unit.
"""

from __future__ import annotations

import logging
import os
from contextlib import contextmanager
from typing import Any, Callable, Iterable, Iterator, TypeVar

U = TypeVar("U")
CONNECT_TIMEOUT = "30s"
WORKER_PRELOAD = ["distributed", "pandas", "archiver.crawl.warm"]
"""Imported once by the local workers' fork server.  pandas: pyarrow imports it the first time it handles a
timezone-aware timestamp (a unit's part file), 0.2-0.35 s of CPU in every worker otherwise."""
LOCAL_WORKER_CONFIG = {
    "distributed.worker.profile.enabled": False,
    "distributed.admin.tick.interval": "500ms",
    "distributed.worker.memory.monitor-interval": "1s",
    "distributed.admin.system-monitor.interval": "2s",
}
"""The local cluster's housekeeping, made rarer: no statistical profiler (it samples the task thread's stack
every 10 ms for a dashboard this cluster does not start: ~1-2 ms of CPU per archived page), and the event-loop
watchdog (20 ms), the nannies' memory checks (100 ms) and the system monitor (500 ms) wake less often: with
Dask's defaults an idle cluster of 2 workers took ~6% of a core here (the scheduler's process 3%, each
worker 1.5%), with these ~1%.  A worker over its memory limit is still stopped, within a second."""


def warm_fork_server() -> dict[str, str]:
    """Start the local workers' fork server now (it imports and warms for ~1-2 s of CPU while the caller goes
    on, e.g. importing Dask itself and opening the archive); returns the Dask configuration under which local
    workers, and their restarts, fork from it.  Idempotent.

    ``import-warc`` starts the server before it imports Dask: that import takes ~0.5 s here, and the
    workers' start-up waits for the server's own imports, so they overlap instead of following each other."""
    import multiprocessing
    from multiprocessing import forkserver

    context = multiprocessing.get_context("forkserver")
    context.set_forkserver_preload(WORKER_PRELOAD)
    forkserver.ensure_running()

    import dask
    from distributed.utils import get_mp_context

    config = {"distributed.worker.multiprocessing-method": "forkserver"}
    with dask.config.set(config):
        get_mp_context()  # Dask sets its own preload list once (here, not at a worker's start) ...
    context.set_forkserver_preload(WORKER_PRELOAD)  # ... and ours replaces it again for a restarted server
    return config


@contextmanager
def dask_client(scheduler: str | None = None, workers: int | None = None, *, processes: bool = True) -> Iterator[Any]:
    """A client of ``scheduler``, else of a local cluster of ``workers`` processes (default: one per core)."""
    from dask.distributed import Client, LocalCluster

    if scheduler:
        client = Client(scheduler, timeout=CONNECT_TIMEOUT)
        try:
            yield client
        finally:
            client.close()
        return
    import dask

    count = workers or os.cpu_count() or 1
    # threads in this process talk in-process (inproc://); a worker forked from the server gets the server's
    # environment, so the driver's current one is handed over as spawned workers would have it
    where = {"host": "127.0.0.1", "env": dict(os.environ)} if processes else {}
    with dask.config.set({**LOCAL_WORKER_CONFIG, **(warm_fork_server() if processes else {})}), \
            LocalCluster(n_workers=count, threads_per_worker=1, processes=processes, dashboard_address=None,
                         silence_logs=logging.WARNING, **where) as cluster, Client(cluster) as client:
        yield client


def run_units(client: Any, function: Callable[..., Any], units: Iterable[U], *args: Any) -> Iterator[tuple[U, Any]]:
    """``(unit, function(unit, *args))`` as each unit finishes (an exception value when it failed)."""
    from dask.distributed import as_completed

    futures = {client.submit(function, unit, *args, pure=False, key=f"{function.__name__}-{i}"): unit
               for i, unit in enumerate(units)}
    for future in as_completed(list(futures)):
        try:
            result = future.result()
        except Exception as exc:  # noqa: BLE001 - one failed unit is reported; the others still commit
            result = exc
        yield futures.pop(future), result
        future.release()
