"""A site's template, learned from its own pages: body lines that repeat across articles.

Pages of one site share boilerplate that generic rules cannot know: the site's newsletter
box, its "ikuti kami" line, a disclaimer, the headlines of teaser cards whose links wrap only
the picture.  Article text does not repeat.  :class:`SiteTemplate` counts, for each distinct
body line (paragraph), how many distinct pages of the site held it, and remembers the texts of
the headline-length links it saw on them (teaser cards point at the site's other articles);
:meth:`SiteTemplate.clean` then drops from a body the lines held by at least ``min_pages``
pages, and the lines that are the text of such a link.

Why these numbers (measured in ``benchmarks/template.py``; see the README):

* ``MIN_PAGES`` = 3: a sentence an article shares with one other (a quote repeated in a
  follow-up) is on 2 pages and stays; a site's boilerplate line is on nearly every page.
* the first paragraph (the lead) and a line equal to the headline or the description are
  never dropped: the lead repeated as a teaser elsewhere is still the article's lead.
* a line of one or two words is never template: such lines are the article's own headings and
  labels ("Pros", "Cons" before each product of a review: WCXB's pcworld pages lost 0.015 F1 to
  them), and the short boilerplate ("ADVERTISEMENT") is the packaged rules' job.
* memory: at most ``MAX_LINES`` line keys and ``MAX_ANCHORS`` link keys per site.  A line
  seen once (the bulk: every article sentence) is evicted first, oldest first; a line that has
  reached two pages survives eviction.  Python dicts of int -> int hold them, so
  a site costs ~:meth:`SiteTemplate.memory_bytes` (about 300 KB at the caps).

The model is an improvement, never a requirement: extraction of one page does not use it.
No Scrapy here; :mod:`archiver.storage.templates` persists it with the archive's indexes.
"""

from __future__ import annotations

import hashlib
import re
import sys
from dataclasses import dataclass
from typing import Iterable

MIN_PAGES = 3
MAX_LINES = 2048
MAX_ANCHORS = 2048
ANCHOR_MIN_WORDS = 4  # a teaser headline, not a menu item ("Nasional") or a tag
LINE_MIN_WORDS = 3  # shorter lines are headings and labels of the article's own structure ("Pros", "Kronologi")
_WORD = re.compile(r"\w+")
_LETTERS = re.compile(r"[^\W\d_]+")


def _key(text: str) -> int:
    return int.from_bytes(hashlib.blake2b(text.encode(), digest_size=8).digest(), "big")


def line_key(line: str) -> int | None:
    """64-bit key of a body line: its lower-case words (spacing and punctuation do not count)."""
    words = _WORD.findall(line.lower())
    return _key(" ".join(words)) if words else None


def anchor_key(link_key: str) -> int | None:
    """Key of a link text as :func:`archiver.extraction.cleaning.link_key` spells it, if headline-length."""
    words = link_key.split()
    return _key(" ".join(words)) if len(words) >= ANCHOR_MIN_WORDS else None


def anchor_keys(link_keys: Iterable[str]) -> tuple[int, ...]:
    """The keys of a page's headline-length link texts (what a crawl worker sends with an article)."""
    return tuple(sorted({k for k in map(anchor_key, link_keys) if k is not None}))


def _line_anchor_key(line: str) -> int | None:
    from archiver.extraction.cleaning import link_key

    return anchor_key(link_key(line))


@dataclass(frozen=True, slots=True)
class Cleaned:
    """A body with the site's template lines removed, and how many lines went."""

    body: str
    dropped: int


class SiteTemplate:
    """Line and link-text counts of one site's archived pages."""

    def __init__(self, *, min_pages: int = MIN_PAGES, max_lines: int = MAX_LINES,
                 max_anchors: int = MAX_ANCHORS) -> None:
        self.min_pages = max(2, min_pages)  # 1 would drop every line of every page
        self.max_lines = max_lines
        self.max_anchors = max_anchors
        self.pages = 0
        self.lines: dict[int, int] = {}  # line key -> distinct pages that held it (insertion order: oldest first)
        self.anchors: dict[int, int] = {}  # link-text key -> pages that linked with it

    # ----------------------------------------------------------------- learning
    def observe(self, body: str, anchors: Iterable[int] = ()) -> None:
        """Count one archived page's body lines (once each) and its headline-length link texts."""
        self.pages += 1
        for key in {k for k in map(line_key, body.split("\n\n")) if k is not None}:
            self.lines[key] = self.lines.get(key, 0) + 1
        for key in set(anchors):
            self.anchors[key] = self.anchors.get(key, 0) + 1
        if len(self.lines) > self.max_lines:
            self.lines = _evicted(self.lines, self.max_lines)
        if len(self.anchors) > self.max_anchors:
            self.anchors = _evicted(self.anchors, self.max_anchors)

    # ----------------------------------------------------------------- using
    def is_template(self, line: str) -> bool:
        """Whether ``line`` is the site's boilerplate: on ``min_pages`` pages, or a teaser link's text."""
        key = line_key(line)
        if key is not None and self.lines.get(key, 0) >= self.min_pages and len(_WORD.findall(line)) >= LINE_MIN_WORDS:
            return True
        anchor = _line_anchor_key(line) if self.anchors else None
        return anchor is not None and anchor in self.anchors

    def clean(self, body: str, title: str | None = None, description: str | None = None) -> Cleaned:
        """``body`` without its template lines; the lead, the headline and the description are kept."""
        paragraphs = body.split("\n\n")
        keep = {k for k in (line_key(title or ""), line_key(description or "")) if k is not None}
        out = paragraphs[:1]
        for para in paragraphs[1:]:
            if line_key(para) not in keep and self.is_template(para):
                continue
            out.append(para)
        dropped = len(paragraphs) - len(out)
        return Cleaned("\n\n".join(out) if dropped else body, dropped)

    def template_lines(self) -> int:
        """How many line keys count as template now."""
        return sum(1 for n in self.lines.values() if n >= self.min_pages)

    def memory_bytes(self) -> int:
        """Bytes held by the two tables (dict slots and the int objects in them)."""
        ints = sum(sys.getsizeof(k) + sys.getsizeof(v) for t in (self.lines, self.anchors) for k, v in t.items())
        return sys.getsizeof(self.lines) + sys.getsizeof(self.anchors) + ints


def _evicted(table: dict[int, int], cap: int) -> dict[int, int]:
    """``table`` cut to 3/4 of ``cap``: singletons go first (oldest first), then the oldest of the rest."""
    target = cap * 3 // 4
    excess = len(table) - target
    singles = [k for k, n in table.items() if n == 1][:excess]
    for key in singles:
        del table[key]
    excess -= len(singles)
    if excess > 0:
        for key in list(table)[:excess]:
            del table[key]
    return dict(table)  # a fresh dict: deletions leave the old one's table at its peak size
