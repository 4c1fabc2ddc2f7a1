"""Decode and parse a page once: the one HTML parse entry point; every later step shares the tree.

Bytes are decoded with the HTTP header's charset, else the page's own
``<meta charset>``, else a detector (trafilatura's, which handles the
windows-1252 pages that old Indonesian sites still serve).
"""

from __future__ import annotations

import codecs
import re

from lxml import etree
from lxml import html as lxml_html
from lxml.html import HtmlElement
from trafilatura.utils import decode_file, is_dubious_html

# What trafilatura's repair_faulty_html removes or rewrites before parsing (tests/test_extraction.py checks
# that _repaired still gives its output): characters XML forbids, a doctype with a slash, a self-closing <html/>
_NOT_XML = tuple(chr(c) for c in range(32) if c not in (9, 10, 13)) + ("\ufffe", "\uffff")
_NOT_XML_CHARS = re.compile("[" + re.escape("".join(_NOT_XML)) + "]")
_SLASHED_DOCTYPE = re.compile("^< ?! ?DOCTYPE[^>]*/[^<>]*>", re.I)
_SELF_CLOSED_HTML = re.compile(r"(<html.*?)\s*/>", re.I)
_META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9._:-]+)""", re.I)
_XML_DECL = re.compile(r"^\s*<\?xml[^>]*\?>", re.I)


def _codec(name: str | None) -> str | None:
    if not name:
        return None
    try:
        codec = codecs.lookup(name.strip().lower()).name
    except LookupError:
        return None
    return "cp1252" if codec in ("latin-1", "iso8859-1", "ascii") else codec  # browsers read these as windows-1252


def decode_html(html: str | bytes, encoding: str | None = None) -> str:
    """Unicode text of a page: header charset, else valid UTF-8, else meta charset, else detection."""
    if isinstance(html, str):
        return html
    header = _codec(encoding)
    if header:
        try:
            return html.decode(header)
        except UnicodeDecodeError:
            pass
    try:  # bytes that are valid UTF-8 are UTF-8, whatever a stale meta tag claims
        return html.decode("utf-8")
    except UnicodeDecodeError:
        pass
    for name in (m.decode("ascii", "ignore") for m in _META_CHARSET.findall(html[:4096])):
        codec = _codec(name)
        if codec:
            try:
                return html.decode(codec)
            except UnicodeDecodeError:
                continue
    return decode_file(html)


def parse_html(html: str | bytes, encoding: str | None = None) -> HtmlElement:
    """Parsed document root (never None: an empty page becomes an empty <html>)."""
    text = _XML_DECL.sub("", decode_html(html, encoding))
    if not text.strip():
        return lxml_html.fromstring("<html><body></body></html>")
    root = _load(text)
    if root is None:
        return lxml_html.fromstring("<html><body></body></html>")
    return root


def _html_parser() -> lxml_html.HTMLParser:
    """trafilatura's parser settings (comments and PIs removed), with a C-level element class lookup.

    lxml.html's own lookup calls back into Python for every element object it
    creates (to give forms their own classes); extraction touches thousands of
    elements per page, and that callback alone cost about a tenth of it.
    Every element is a plain ``HtmlElement`` here: nothing reads form APIs.
    """
    parser = lxml_html.HTMLParser(collect_ids=False, default_doctype=False, encoding="utf-8",
                                  remove_comments=True, remove_pis=True)
    parser.set_element_class_lookup(etree.ElementDefaultClassLookup(
        element=HtmlElement, comment=lxml_html.HtmlComment, pi=lxml_html.HtmlProcessingInstruction,
        entity=lxml_html.HtmlEntity))
    return parser


_PARSER = _html_parser()


def _load(text: str) -> HtmlElement | None:
    """trafilatura's ``load_html`` steps on decoded text, with :data:`_PARSER`: its extraction
    is tuned on trees built this way (repaired doctype, its parser settings) and loses text on others."""
    beginning = text[:50].lower()
    dubious = is_dubious_html(beginning)
    text = _repaired(text, beginning)
    tree = None
    try:
        tree = lxml_html.fromstring(text, parser=_PARSER)
    except ValueError:  # "Unicode strings with encoding declaration are not supported."
        tree = _from_bytes(text)
    except etree.LxmlError:
        tree = None
    if tree is not None and len(tree) < 1:
        tree = _from_bytes(text)
    if tree is not None and dubious and len(tree) < 2:
        return None  # not (well-formed) HTML at all
    return tree


def _repaired(text: str, beginning: str) -> str:
    """The page as trafilatura's ``repair_faulty_html`` leaves it: without the control characters XML
    forbids, a first-line doctype that libxml2 misreads, or a self-closing ``<html/>`` in the first lines.

    Its regex scan of the whole page for those characters was over a third of a parse (1.5 ms of a
    250 KB page) though almost no page has one: a substring search per character (C-level, a
    quarter of the cost) tells first whether there is any to remove.
    """
    if any(c in text for c in _NOT_XML):
        text = _NOT_XML_CHARS.sub("", text)
    if "doctype" in beginning:
        first, _, rest = text.partition("\n")
        text = _SLASHED_DOCTYPE.sub("", first, count=1) + "\n" + rest
    if any("<html" in line and line.endswith("/>") for line in text[:4096].splitlines()[:4]):
        text = _SELF_CLOSED_HTML.sub(r"\1>", text, count=1)
    return text


def _from_bytes(text: str) -> HtmlElement | None:
    try:
        return lxml_html.fromstring(text.encode("utf-8", "surrogatepass"), parser=_PARSER)
    except (ValueError, etree.LxmlError):
        return None
