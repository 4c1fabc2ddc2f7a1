"""Kabar Mitra: a partner site on the demo server that republishes demo stories with a syndicator's edits.

It answers under ``/mitra/`` on the same server and is meant to be crawled as a second site
(host ``localhost``, so that the two sites have their own domains): an article with the
``syndicated`` feature is republished two hours later with its dateline and byline changed, a
"Baca juga" line added, its last paragraph dropped and a few words changed, without a canonical
link home.  That is a near-duplicate (not the same body), so both copies are archived and share a
cluster.  ``DemoServer.syndicate()`` adds copies while the server runs (an earlier one, the wire copy
the story came from, is a backfill).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import timedelta
from html import escape

from archiver.demo.model import DemoArticle

PREFIX = "/mitra/"
SITEMAP = "/mitra/sitemap.xml"
NAME = "Kabar Mitra"
_WORDS = (("Sebanyak", "Total"), ("kini", "saat ini"), ("memungkinkan", "membuat"), ("rata-rata", "rerata"),
          ("mengingatkan", "menekankan"))


@dataclass(frozen=True, slots=True)
class Syndication:
    """One partner copy: of which demo article, how many hours after it (negative: before)."""

    article_id: int
    hours: float
    number: int  # the copy's own id on the partner site


def copy_of(article: DemoArticle, syndication: Syndication, headline: str) -> DemoArticle:
    """The partner's version of ``article``: the edits a syndicating newsroom makes.

    A copy dated before its original is the wire version the story came from: an ANTARA-style
    dateline and credits instead of the partner's byline and "Baca juga" line.
    """
    paragraphs = list(article.paragraphs)
    if syndication.hours < 0:
        paragraphs[0] = re.sub(r"^([A-Z .]+), Warta Nusantara\s*-\s*", lambda m: f"{m[1].title()} (ANTARA) - ", paragraphs[0])
        paragraphs += ["Pewarta: Dewi Anggraini", "Editor: Budi Santoso"]
    else:
        paragraphs[0] = re.sub(r"^([A-Z .]+), Warta Nusantara\s*-\s*", rf"\1, {NAME} - ", paragraphs[0])
        if len(paragraphs) > 3:
            paragraphs.pop()
        paragraphs.insert(1, f"Baca juga: {headline}")
        paragraphs.insert(0, f"Laporan Wartawan {NAME}, Dewi Anggraini")
    for old, new in _WORDS:
        paragraphs = [p.replace(old, new, 1) for p in paragraphs]
    return article.replace(id=syndication.number, paragraphs=tuple(paragraphs), style="meta", authors=("Dewi Anggraini",),
                           published_at=article.published_at + timedelta(hours=syndication.hours), modified_at=None,
                           editor_codes=("kbm/dew",), features=frozenset())


def path(copy: DemoArticle) -> str:
    """``/mitra/<yyyy>/<mm>/<dd>/<id>/<slug>``."""
    return f"{PREFIX}{copy.published_at:%Y/%m/%d}/{copy.id}/{copy.slug}"


def sitemap(base: str, copies: list[DemoArticle]) -> str:
    entries = "".join(f"  <url><loc>{escape(base.rstrip('/') + path(c))}</loc>"
                      f"<lastmod>{c.published_at.isoformat(timespec='seconds')}</lastmod></url>\n" for c in copies)
    return ('<?xml version="1.0" encoding="UTF-8"?>\n'
            '<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">\n' + entries + "</urlset>\n")
