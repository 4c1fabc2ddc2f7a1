"""The crawl's process pool for CPU-bound page work (parsing, link walks, extraction).

Scrapy runs callbacks and pipelines on one thread, and a news page costs
milliseconds of lxml and trafilatura: done there, the reactor waits for the
CPU and the machine's other cores idle.  One :class:`WorkerPool` per crawl (a
Scrapy extension, found with ``crawler.get_extension(WorkerPool)``), shared by
the spider (page analysis) and the pipelines (multi-page extraction), runs
that work in ``ARCHIVER_EXTRACT_WORKERS`` processes:

* at most ``workers × ARCHIVER_EXTRACT_QUEUE`` jobs in flight, so memory stays
  bounded however fast pages arrive;
* a job carries its page and its real site config; a worker keeps one copy of
  each config (see ``SiteConfig.__reduce__``), so memoised verdicts survive;
* when a worker dies (segfault, OOM kill) every job in flight fails with the
  pool: the pool is rebuilt and those jobs are retried once, one at a time,
  so a page that kills its worker again fails alone (:class:`WorkerDied`);
* workers ignore Ctrl-C (the crawler shuts the pool down cleanly) and run
  at a lower priority than the reactor process, which feeds them;
* ``ARCHIVER_EXTRACT_WORKERS = 0`` runs every job inline, on the reactor thread.
"""

from __future__ import annotations

import asyncio
import fcntl
import logging
import multiprocessing
import os
import signal
import threading
from concurrent.futures import Executor, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from typing import Any, Callable, TypeVar

logger = logging.getLogger(__name__)
T = TypeVar("T")


class WorkerDied(BrokenProcessPool):
    """The job's worker process died twice on it: the page is dropped and counted."""


def _start_worker(nice: int) -> None:
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    if nice:
        os.nice(nice)


def _context() -> Any:
    """Workers fork from a server process that imported and warmed the extraction stack once
    (:mod:`archiver.crawl.warm`): forking the reactor process itself is unsafe (threads), and spawning
    re-imports everything per worker."""
    context = multiprocessing.get_context("forkserver")
    context.set_forkserver_preload(["archiver.crawl.warm"])
    return context


def start_fork_server(workers: int) -> None:
    """Launch the fork server without waiting for it (it imports and warms the extraction stack,
    ~0.6 s): called before the crawler is built, it is ready by the time workers are wanted."""
    if workers:
        from multiprocessing import forkserver

        _context()
        forkserver.ensure_running()


_PIPE_BYTES = 1 << 20  # Linux's default limit for an unprivileged process (/proc/sys/fs/pipe-max-size)


def _widen_pipes(executor: ProcessPoolExecutor) -> None:
    """Let whole jobs and results sit in the executor's pipes (Linux ``F_SETPIPE_SZ``; best effort).

    A job carries its page (~100 KB) and a pipe holds 64 KiB by default, so the
    executor's feeder thread wrote each job in pieces, taking the GIL back from
    the reactor thread for every piece while the worker waited, half-fed: on the
    benchmark site the machine idled 9% of the crawl instead of 6.5%.
    """
    set_size = getattr(fcntl, "F_SETPIPE_SZ", None)
    if set_size is None:
        return
    for queue in (getattr(executor, "_call_queue", None), getattr(executor, "_result_queue", None)):
        writer = getattr(queue, "_writer", None)
        try:
            fcntl.fcntl(writer.fileno(), set_size, _PIPE_BYTES)  # type: ignore[union-attr]
        except (AttributeError, OSError, ValueError):
            pass  # not a pipe, or not allowed: jobs still flow, in pieces


def _ready() -> None:
    """A job that only makes the pool start a worker."""


class WorkerPool:
    """Run ``function(*args)`` jobs in worker processes, bounded and fault-contained."""

    def __init__(self, workers: int, queue_per_worker: int = 8, nice: int = 0) -> None:
        self.workers = workers
        self.nice = nice
        self._pool: Executor | None = None
        self._slots = asyncio.Semaphore(max(1, workers * queue_per_worker)) if workers else None
        self._retry_one_at_a_time = asyncio.Lock()

    @classmethod
    def from_crawler(cls, crawler: Any) -> WorkerPool:
        """The crawl's pool: workers start when the spider opens and stop when it closes."""
        from scrapy import signals

        settings = crawler.settings
        pool = cls(settings.getint("ARCHIVER_EXTRACT_WORKERS"), settings.getint("ARCHIVER_EXTRACT_QUEUE"),
                   settings.getint("ARCHIVER_EXTRACT_NICE"))
        start_fork_server(pool.workers)  # already running when the crawl came through run_crawl
        crawler.signals.connect(pool.warm_up, signal=signals.spider_opened)
        crawler.signals.connect(pool.shutdown, signal=signals.spider_closed)
        return pool

    def warm_up(self) -> None:
        """Start the workers now, while the crawl fetches robots.txt and sitemaps, rather than
        when the first page arrives (a worker imports lxml, trafilatura and dateparser).

        Starting a worker waits for the fork server to import those modules: that wait
        happens on a helper thread, never on the reactor's.
        """
        if self.workers:
            executor = self._executor()
            threading.Thread(target=self._start_workers, args=(executor,), name="archiver-pool-start",
                             daemon=True).start()

    def _start_workers(self, executor: Executor) -> None:
        try:
            for _ in range(self.workers):
                executor.submit(_ready)
        except RuntimeError:  # shut down meanwhile (a crawl with nothing to do)
            pass

    async def run(self, function: Callable[..., T], *args: Any) -> T:
        """``function(*args)`` in a worker (inline when the pool has no workers)."""
        if self._slots is None:
            return function(*args)
        async with self._slots:
            try:
                return await self._submit(function, args)
            except BrokenProcessPool:
                pass
            # retries run one at a time: the job that kills a worker only takes itself down
            async with self._retry_one_at_a_time:
                try:
                    return await self._submit(function, args)
                except BrokenProcessPool:
                    raise WorkerDied(f"a worker died twice on this job ({getattr(function, '__name__', type(function).__name__)})") from None

    async def _submit(self, function: Callable[..., T], args: tuple[Any, ...]) -> T:
        pool = self._executor()
        try:
            return await asyncio.get_running_loop().run_in_executor(pool, function, *args)
        except BrokenProcessPool:
            self._replace_broken(pool)
            raise

    def _executor(self) -> Executor:
        if self._pool is None:
            self._pool = ProcessPoolExecutor(self.workers, mp_context=_context(), initializer=_start_worker,
                                             initargs=(self.nice,))
            _widen_pipes(self._pool)
        return self._pool

    def _replace_broken(self, pool: Executor) -> None:
        """Forget a dead pool once (every job it held fails with it); the next job starts a new one."""
        if self._pool is pool:
            logger.error("an extraction worker died; restarting the pool and retrying its jobs one at a time")
            self._pool = None
            pool.shutdown(wait=False, cancel_futures=True)

    def shutdown(self) -> None:
        if self._pool is not None:
            self._pool.shutdown(wait=True, cancel_futures=True)
            self._pool = None
