"""Check trafilatura's body against what the page says about itself; fall back when it fails.

Two failures are cheap to see and common on templates no rule was written for:

* the page's own JSON-LD ``articleBody`` holds far more text than the extracted
  body and the body covers little of it: the extractor took a teaser block or
  one section of a long piece (the New Yorker, WCXB blogs);
* the body is a small share of the prose the page holds (paragraphs of 80+
  characters outside what pruning removed): trafilatura's precision-leaning
  default gave up on a template it did not recognise; its ``favor_recall``
  mode on the same tree is kept when it finds clearly more.

Each check runs only on pages where it can fire (a JSON-LD body, a short
extraction), so the usual page pays a length comparison.  Thresholds were set
on the corpus study recorded in the commit that added this module.
"""

from __future__ import annotations

import html
from dataclasses import dataclass

import trafilatura
from lxml import etree
from lxml import html as lxml_html
from lxml.html import HtmlElement

from archiver.extraction.cleaning import text_of
from archiver.fingerprints import words
from archiver.page import PageMeta

LD_LONGER = 1.5  # the JSON-LD body holds at least this many times the extracted text...
LD_COVERED = 0.6  # ...and the extraction covers less than this share of its word pairs
PROSE_SHARE = 0.5  # an extraction below this share of the page's prose is suspect...
RECALL_LONGER = 2.0  # ...and favor_recall's text is kept when it is at least this many times longer
PROSE_MIN = 80  # characters: a paragraph of prose, not a label or a teaser line
_SUSPECT_CHARS = 5000  # extractions at least this long are never judged short


@dataclass(frozen=True)
class Choice:
    """The body text kept, and which fallback supplied it (None: trafilatura's default run)."""

    text: str
    source: str | None = None


def _pairs(text: str) -> set[tuple[str, str]]:
    tokens = words(text)
    return set(zip(tokens, tokens[1:]))


def coverage(text: str, reference: str) -> float:
    """Share of ``reference``'s word pairs that ``text`` holds (1.0 for an empty reference)."""
    wanted = _pairs(reference)
    return len(wanted & _pairs(text)) / len(wanted) if wanted else 1.0


def ld_body(page: PageMeta | None) -> str:
    """The JSON-LD ``articleBody`` of the page's article, stripped ("" when absent)."""
    if page is None:
        return ""
    body = page.article.get("articleBody")
    return body.strip() if isinstance(body, str) else ""


def prose_chars(root: HtmlElement) -> int:
    """Characters in the tree's paragraphs of prose (``<p>`` of at least :data:`PROSE_MIN` characters)."""
    total = 0
    for p in root.iter("p"):
        n = len(text_of(p).strip())
        if n >= PROSE_MIN:
            total += n
    return total


_BLOCKS = ("p", "div", "li", "h1", "h2", "h3", "h4", "h5", "h6", "blockquote", "br", "tr")


def _as_paragraphs(text: str) -> str:
    """A JSON-LD body as lines of text.  Many sites put markup or entities in ``articleBody``
    (``<p>…</p>``, ``&amp;``): blocks become lines, tags and entities text."""
    if "<" in text:
        try:
            fragment = lxml_html.fragment_fromstring(text, create_parent="div")
        except (etree.ParserError, ValueError):
            fragment = None
        if fragment is not None:
            for block in fragment.iter(*_BLOCKS):
                block.tail = "\n" + (block.tail or "")
            text = fragment.text_content() or text  # "<" that opened no tag leaves the text as it was
    elif "&" in text:
        text = html.unescape(text)
    return "\n".join(line.strip() for line in text.splitlines() if line.strip())


def choose_body(text: str, root: HtmlElement, url: str, page: PageMeta | None) -> Choice:
    """``text`` (trafilatura's default run on the pruned ``root``) or the fallback that beats it."""
    declared = ld_body(page)
    if len(declared) >= LD_LONGER * max(len(text), 1):  # markup only shortens it: test again as text
        declared = _as_paragraphs(declared)
        if len(declared) >= LD_LONGER * max(len(text), 1) and coverage(text, declared) < LD_COVERED:
            return Choice(declared, "jsonld")
    if len(text) < _SUSPECT_CHARS and len(text) < PROSE_SHARE * prose_chars(root):
        recall = trafilatura.extract(root, url=url, include_comments=False, include_tables=True, favor_recall=True) or ""
        if len(recall) >= RECALL_LONGER * max(len(text), 1):
            return Choice(recall, "recall")
    return Choice(text)
