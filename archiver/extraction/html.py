"""Decode and parse a page once; every later step shares the tree.

Bytes are decoded with the HTTP header's charset, else the page's own
``<meta charset>``, else a detector (trafilatura's, which handles the
windows-1252 pages that old Indonesian sites still serve).
"""

from __future__ import annotations

import codecs
import re

from lxml import html as lxml_html
from lxml.html import HtmlElement
from trafilatura.utils import decode_file, load_html

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
    # trafilatura's own loader (comments and PIs removed, its parser settings):
    # its extraction is tuned on trees built this way and loses text on others.
    root = load_html(text)
    if root is None:
        return lxml_html.fromstring("<html><body></body></html>")
    return root
