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
  labels ("Pros", "Cons" before each product of a review: two of WCXB's three pcworld pages lost
  0.015-0.018 F1 to them), and the short boilerplate ("ADVERTISEMENT") is the packaged rules' job.
* memory: at most ``MAX_LINES`` line keys and ``MAX_ANCHORS`` link keys per site.  The lines
  with the lowest counts are evicted first, oldest first among equals (a line seen once, the bulk:
  every article sentence, goes before one seen twice; the boilerplate stays); link texts go oldest first (teasers point at recent
  articles).  Python dicts of int -> int hold them: about 190 KB per site at the caps
  (:meth:`SiteTemplate.memory_bytes`; ~25 new lines a page fill the line table in ~40 pages).
* cost: the keys are computed once per article (:func:`page_keys`, in the crawl's worker);
  learning and cleaning in the archive's process are dict lookups.

The model is an improvement, never a requirement: extraction of one page does not use it.
No Scrapy here; :mod:`archiver.storage.templates` persists it with the archive's indexes.
"""

from __future__ import annotations

import sys
from dataclasses import dataclass
from typing import Iterable

from archiver.fingerprints import digest64, words

MIN_PAGES = 3
MAX_LINES = 1024
MAX_ANCHORS = 1024
ANCHOR_MIN_WORDS = 4  # a teaser headline, not a menu item ("Nasional") or a tag
ANCHOR_MAX_WORDS = 30
LINE_MIN_WORDS = 3  # shorter lines are headings and labels of the article's own structure ("Pros", "Kronologi")


def line_key(line: str) -> int | None:
    """64-bit key of a body line: its lower-case words (spacing and punctuation do not count)."""
    tokens = words(line)
    return digest64(" ".join(tokens)) if tokens else None


def anchor_key(link_key: str) -> int | None:
    """Key of a link text as :func:`archiver.extraction.cleaning.link_key` spells it, if headline-length."""
    tokens = link_key.split()
    return digest64(" ".join(tokens)) if len(tokens) >= ANCHOR_MIN_WORDS else None


def anchor_keys(link_keys: Iterable[str]) -> tuple[int, ...]:
    """The keys of a page's headline-length link texts (what a crawl worker sends with an article)."""
    return tuple(sorted({k for k in map(anchor_key, link_keys) if k is not None}))


@dataclass(frozen=True, slots=True)
class PageKeys:
    """What the model needs of one article, computed once (in the crawl's worker, off the reactor):
    per body paragraph its line key and, as a link text, its anchor key (0: none, or too short to
    judge), and the keys of the page's own headline-length link texts."""

    lines: tuple[int, ...]
    as_links: tuple[int, ...]
    anchors: tuple[int, ...] = ()


def page_keys(body: str, anchors: Iterable[int] = ()) -> PageKeys:
    """:class:`PageKeys` of ``body`` (paragraphs split by blank lines, as the archive stores them)."""
    from archiver.extraction.cleaning import link_key

    lines: list[int] = []
    as_links: list[int] = []
    for para in body.split("\n\n"):
        tokens = words(para)
        lines.append(digest64(" ".join(tokens)) if len(tokens) >= LINE_MIN_WORDS else 0)
        headline_length = ANCHOR_MIN_WORDS <= len(tokens) <= ANCHOR_MAX_WORDS  # prose is no teaser: not looked up
        as_links.append((anchor_key(link_key(para)) or 0) if headline_length else 0)
    return PageKeys(tuple(lines), tuple(as_links), tuple(anchors))


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
        self.anchors: dict[int, int] = {}  # link-text key -> pages that linked with it (most recent last)

    def copy(self) -> SiteTemplate:
        """An independent copy (the state to save while a fresh site's articles wait)."""
        twin = SiteTemplate(min_pages=self.min_pages, max_lines=self.max_lines, max_anchors=self.max_anchors)
        twin.pages, twin.lines, twin.anchors = self.pages, dict(self.lines), dict(self.anchors)
        return twin

    # ----------------------------------------------------------------- learning
    def observe(self, keys: PageKeys | str) -> None:
        """Count one archived page's body lines (once each) and its headline-length link texts."""
        if isinstance(keys, str):
            keys = page_keys(keys)
        self.pages += 1
        lines = self.lines
        for key in set(keys.lines):
            if key:
                lines[key] = lines.get(key, 0) + 1
        anchors = self.anchors
        for key in set(keys.anchors):
            anchors[key] = anchors.pop(key, 0) + 1  # re-inserted: a link seen again is recent again
        if len(lines) > self.max_lines:
            self.lines = _evicted(lines, self.max_lines, by_count=True)
        if len(anchors) > self.max_anchors:
            self.anchors = _evicted(anchors, self.max_anchors, by_count=False)

    # ----------------------------------------------------------------- using
    def is_template(self, line: str) -> bool:
        """Whether ``line`` is the site's boilerplate: on ``min_pages`` pages, or a teaser link's text."""
        keys = page_keys(line)
        return self._template(keys.lines[0], keys.as_links[0])

    def _template(self, key: int, as_link: int) -> bool:
        return (key != 0 and self.lines.get(key, 0) >= self.min_pages) or (as_link != 0 and as_link in self.anchors)

    def clean(self, body: str, title: str | None = None, description: str | None = None,
              keys: PageKeys | None = None) -> Cleaned:
        """``body`` without its template lines; the lead, the headline and the description are kept.

        ``keys``: :func:`page_keys` of ``body`` when the caller has them (a crawl's worker computed them).
        """
        paragraphs = body.split("\n\n")
        if keys is None or len(keys.lines) != len(paragraphs):
            keys = page_keys(body)
        keep = {k for k in (line_key(title or ""), line_key(description or "")) if k is not None}
        out = paragraphs[:1]
        for para, key, as_link in zip(paragraphs[1:], keys.lines[1:], keys.as_links[1:]):
            if self._template(key, as_link) and line_key(para) not in keep:
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


def _evicted(table: dict[int, int], cap: int, *, by_count: bool) -> dict[int, int]:
    """``table`` cut to 3/4 of ``cap``.  Lines (``by_count``): the lowest counts go first, oldest
    first among equals, so a line seen on one page (an article sentence) goes before one on two, and
    the site's boilerplate, on nearly every page, stays.  Link texts: oldest first (teasers point at
    recent articles)."""
    target = cap * 3 // 4
    excess = len(table) - target
    victims = sorted(table, key=table.__getitem__)[:excess] if by_count else list(table)[:excess]
    for key in victims:  # sorted() is stable: equal counts keep their insertion (age) order
        del table[key]
    return dict(table)  # a fresh dict: deletions leave the old one's table at its peak size
