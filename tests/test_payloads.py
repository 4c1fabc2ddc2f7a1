"""A byte-identical page under a second URL is an alias of the first, analysed once.

The spider asks :class:`archiver.crawl.payloads.PayloadMemory` before each
analysis; these tests drive it with analyses written for them and count the
worker jobs a crawl would submit.
"""

from __future__ import annotations

import asyncio
from typing import Any

from archiver.crawl.payloads import PayloadMemory
from archiver.navigation import ArticlePage, CopyOf, Listing, PageKind

PAGE = b"<html><body><h1>Banjir rendam Semarang</h1><p>Hujan deras sejak Senin malam.</p></body></html>"


class Worker:
    """An analysis that returns ``kind`` after a pause and counts its jobs."""

    def __init__(self, kind: PageKind | None, pause: float = 0.0) -> None:
        self.kind, self.pause, self.jobs = kind, pause, 0

    async def __call__(self) -> PageKind | None:
        self.jobs += 1
        await asyncio.sleep(self.pause)
        return self.kind


def run(memory: PayloadMemory, worker: Worker, *fetches: tuple[str, str, bytes]) -> list[Any]:
    async def all_of() -> list[Any]:
        return list(await asyncio.gather(*(memory.analyse(site, url, body, worker) for site, url, body in fetches)))
    return asyncio.run(all_of())


def test_a_second_url_with_the_same_bytes_is_an_alias_without_a_second_analysis() -> None:
    worker, memory = Worker(ArticlePage()), PayloadMemory()
    first = run(memory, worker, ("demo", "http://x.id/a/1.html", PAGE))
    second = run(memory, worker, ("demo", "http://x.id/b/1.html", PAGE))
    assert first == [(worker.kind, None)] and second == [(None, "http://x.id/a/1.html")]
    assert worker.jobs == 1


def test_a_copy_arriving_during_the_first_analysis_waits_for_it() -> None:
    worker, memory = Worker(ArticlePage(), pause=0.05), PayloadMemory()
    results = run(memory, worker, ("demo", "http://x.id/a/1.html", PAGE), ("demo", "http://x.id/b/1.html", PAGE))
    assert results == [(worker.kind, None), (None, "http://x.id/a/1.html")] and worker.jobs == 1


def test_a_copy_of_a_page_naming_its_canonical_is_an_alias_of_that_canonical() -> None:
    worker, memory = Worker(CopyOf("http://x.id/read/1")), PayloadMemory()
    run(memory, worker, ("demo", "http://x.id/amp/1", PAGE))
    assert run(memory, worker, ("demo", "http://x.id/amp/1?utm=x", PAGE)) == [(None, "http://x.id/read/1")]


def test_listings_multi_page_articles_and_failed_analyses_are_analysed_at_every_url() -> None:
    for kind in (Listing(links=["http://x.id/a/1.html"]), ArticlePage(next_page="http://x.id/a/1.html?page=2"), None):
        worker, memory = Worker(kind), PayloadMemory()
        run(memory, worker, ("demo", "http://x.id/a/", PAGE))
        assert run(memory, worker, ("demo", "http://x.id/b/", PAGE)) == [(kind, None)]
        assert worker.jobs == 2, kind


def test_other_bytes_another_site_or_memory_off_are_analysed() -> None:
    worker, memory = Worker(ArticlePage()), PayloadMemory()
    run(memory, worker, ("demo", "http://x.id/a/1.html", PAGE))
    run(memory, worker, ("demo", "http://x.id/a/2.html", PAGE.replace(b"Senin", b"Selasa")))
    run(memory, worker, ("mitra", "http://y.id/a/1.html", PAGE))  # syndication keeps both sites' rows
    assert worker.jobs == 3
    off = PayloadMemory(max_pages=0)
    run(off, worker, ("demo", "http://x.id/a/1.html", PAGE), ("demo", "http://x.id/b/1.html", PAGE))
    assert worker.jobs == 5


def test_the_memory_is_bounded() -> None:
    worker, memory = Worker(ArticlePage()), PayloadMemory(max_pages=2)
    for i in range(3):
        run(memory, worker, ("demo", f"http://x.id/a/{i}.html", PAGE + bytes([i])))
    assert run(memory, worker, ("demo", "http://x.id/b/0.html", PAGE + bytes([0]))) == [(worker.kind, None)]
    assert len(memory._seen) == 2
