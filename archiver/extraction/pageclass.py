"""Optional per-site page classes for what a config cannot say.

``site.extraction.page_class = "package.module:Class"`` names a class built
as ``Class(tree, url, meta)``; any method named after an Article field
(``title``, ``authors``, ``body``, ``section``, …) overrides that field when
it returns something other than None.
"""

from __future__ import annotations

import importlib
from functools import lru_cache
from typing import Any

from lxml.html import HtmlElement

from archiver.page.meta import PageMeta


class PageClass:
    """Base class for site page classes: gives access to the tree and metadata."""

    def __init__(self, tree: HtmlElement, url: str, meta: PageMeta) -> None:
        self.tree = tree
        self.url = url
        self.meta = meta

    def css(self, selector: str) -> list[HtmlElement]:
        return self.tree.cssselect(selector)


@lru_cache(maxsize=64)
def load_page_class(spec: str) -> type:
    """The class a "module:Class" spec names (ValueError when malformed)."""
    module_name, sep, class_name = spec.partition(":")
    if not sep or not module_name or not class_name:
        raise ValueError(f"page_class must be 'module:Class', got {spec!r}")
    return getattr(importlib.import_module(module_name), class_name)


def overrides(spec: str | None, tree: HtmlElement, url: str, meta: PageMeta, names: tuple[str, ...]) -> dict[str, Any]:
    """Field values the page class provides (only methods that exist and return non-None)."""
    if not spec:
        return {}
    instance = load_page_class(spec)(tree, url, meta)
    out: dict[str, Any] = {}
    for name in names:
        method = getattr(instance, name, None)
        if callable(method):
            value = method()
            if value is not None:
                out[name] = value
    return out
