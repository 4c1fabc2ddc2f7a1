"""Check trafilatura's body against what the page says about itself; fall back when it fails.

Three failures are cheap to see and common on templates no rule was written for:

* the page's own JSON-LD ``articleBody`` holds far more text than the extracted
  body and the body covers little of it: the extractor took a teaser block or
  one section of a long piece (the New Yorker, WCXB blogs);
* the body is a small share of the prose the page holds (paragraphs of 80+
  characters outside what pruning removed): trafilatura's precision-leaning
  default gave up on a template it did not recognise; its ``favor_recall``
  mode on the same tree is kept when it finds clearly more;
* the page marks its body (``itemprop="articleBody"``) and the extraction does
  not match what that element holds: trafilatura read past the article into the
  related-story cards, tool bars or reprint notes beside it (CBS Sports, Business
  Insider, Barron's, the Daily Mail).  The markup alone is no proof (some sites
  put it on a teaser or on one paragraph), so a third, independent reading
  settles it: the container whose own paragraphs hold the most text, at or after
  the ``<h1>``.  The reading two of the three agree on wins, and a container
  that wins is extracted on its own.

Each check runs only on pages where it can fire (a JSON-LD body, a short
extraction, a marked body the text disagrees with), so the usual page pays a
length comparison and a substring test of its source (the XPath for a marked body
runs only when the source names ``articleBody``).  Thresholds were set on the corpus study
recorded in the commit that added the check.
"""

from __future__ import annotations

import copy
import html
from dataclasses import dataclass

import trafilatura
from lxml import etree
from lxml import html as lxml_html
from lxml.etree import XPath
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
MARKED_AGREES = 0.95  # Dice of word pairs between the extraction and the marked body's text: no doubt at or above
_ITEMPROP = XPath("//*[@itemprop]")  # the value is tested in Python: attribute-value tests are slow in libxml2
_DENSE_CONTAINERS = ("div", "article", "section", "main", "td", "span")


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


def _dice(a: set[tuple[str, str]], b: set[tuple[str, str]]) -> float:
    return 2 * len(a & b) / (len(a) + len(b)) if a or b else 1.0


def extract_within(elements: list[HtmlElement], url: str) -> str:
    """trafilatura's text of ``elements`` alone (copied into an empty ``<article>``): a site's body
    selector, or the container a check chose."""
    doc = lxml_html.document_fromstring("<html><body><article></article></body></html>")
    holder = doc.find(".//article")
    for el in elements:
        holder.append(copy.deepcopy(el))
    return trafilatura.extract(doc, url=url, include_comments=False, include_tables=True) or ""


def marked_bodies(root: HtmlElement) -> list[HtmlElement]:
    """The outermost elements the page marks ``itemprop="articleBody"``, alone or among other properties
    (Blogger: ``itemprop='description articleBody'``); a nested mark adds nothing."""
    found = [el for el in _ITEMPROP(root) if "articleBody" in el.get("itemprop", "").split()]  # microdata is case-sensitive
    if len(found) < 2:
        return found
    inside = set(found)
    return [el for el in found if not any(a in inside for a in el.iterancestors())]


def densest_container(root: HtmlElement) -> HtmlElement | None:
    """The block whose own ``<p>`` children hold the most text, at or after the first ``<h1>`` (or holding it):
    an article's paragraphs sit side by side in one container, a teaser card holds one short paragraph,
    and what comes before the headline (menus, a top story) is not this page's article."""
    h1 = root.find(".//h1")
    holders = set(h1.iterancestors()) if h1 is not None else set()
    seen_h1 = h1 is None
    best, best_chars = None, 0
    for el in root.iter():
        if el is h1:
            seen_h1 = True
        if el.tag not in _DENSE_CONTAINERS or not (seen_h1 or el in holders):
            continue
        chars = sum(len(text_of(p).strip()) for p in el if p.tag == "p")
        if chars > best_chars:
            best, best_chars = el, chars
    return best


def _majority(text: str, root: HtmlElement, url: str) -> Choice:
    """``text``, or the page's marked body or densest container when two of the three readings agree
    against it (each reading's word pairs; on a tie ``text`` stays)."""
    marked = marked_bodies(root)
    if not marked:
        return Choice(text)
    ours = _pairs(text)
    marked_pairs = _pairs(" ".join(" ".join(el.itertext()) for el in marked))
    text_marked = _dice(ours, marked_pairs)
    if text_marked >= MARKED_AGREES:
        return Choice(text)
    dense = densest_container(root)
    dense_pairs = _pairs(" ".join(dense.itertext())) if dense is not None else set()
    text_dense, marked_dense = _dice(ours, dense_pairs), _dice(marked_pairs, dense_pairs)
    votes = {"text": text_marked + text_dense, "marked": text_marked + marked_dense, "dense": text_dense + marked_dense}
    winner = max(votes, key=lambda k: (votes[k], k == "text"))
    if winner == "text" or not (dense_pairs if winner == "dense" else marked_pairs):
        return Choice(text)
    chosen = extract_within([dense] if winner == "dense" else marked, url)
    return Choice(chosen, winner) if chosen else Choice(text)


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


def choose_body(text: str, root: HtmlElement, url: str, page: PageMeta | None, marks: bool = True) -> Choice:
    """``text`` (trafilatura's default run on the pruned ``root``) or the fallback that beats it
    (``marks``: whether ``root`` may hold an ``itemprop=articleBody`` element at all)."""
    declared = ld_body(page)
    if len(declared) >= LD_LONGER * max(len(text), 1):  # markup only shortens it: test again as text
        declared = _as_paragraphs(declared)
        if len(declared) >= LD_LONGER * max(len(text), 1) and coverage(text, declared) < LD_COVERED:
            return Choice(declared, "jsonld")
    if len(text) < _SUSPECT_CHARS and len(text) < PROSE_SHARE * prose_chars(root):
        recall = trafilatura.extract(root, url=url, include_comments=False, include_tables=True, favor_recall=True) or ""
        if len(recall) >= RECALL_LONGER * max(len(text), 1):
            return Choice(recall, "recall")
    return _majority(text, root, url) if marks else Choice(text)
