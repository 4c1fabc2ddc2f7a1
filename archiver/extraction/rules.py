"""Cleaning rules as data: the shared defaults plus a site's overrides.

Defaults live in ``default_rules.toml``; a site config's ``[extraction]``
table (:class:`~archiver.sites.ExtractionRules`) adds to them.  Both compile
into one :class:`Rules`, cached per site's rules so a crawl compiles them once.
"""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources
from typing import Any

from lxml.cssselect import CSSSelector

from archiver.sites import ExtractionRules

_FLAGS = re.I | re.S


def _load(name: str) -> dict[str, Any]:
    return tomllib.loads(resources.files(__package__).joinpath(name).read_text(encoding="utf-8"))


@lru_cache(maxsize=1)
def defaults() -> dict[str, Any]:
    """The parsed ``default_rules.toml``."""
    return _load("default_rules.toml")


@dataclass(frozen=True)
class Rules:
    """Everything the cleaner needs, compiled."""

    prune: tuple[CSSSelector, ...]  # selectors that are not plain class/id tests
    class_exact: frozenset[str]  # ".cls" selectors
    class_sub: re.Pattern[str] | None  # "[class*=x]" selectors, one alternation
    id_sub: re.Pattern[str] | None  # "[id*=x]" selectors
    drop_lines: tuple[re.Pattern[str], ...]  # the boilerplate line patterns, mostly as one alternation
    desk_code: re.Pattern[str]
    date_line: re.Pattern[str]
    dateline: re.Pattern[str]  # the first paragraph's dateline ("TEMPO.CO, Jakarta - …"), case-sensitive
    dateline_marker: re.Pattern[str]  # what a dateline's place part holds (a capitalised name, ".com", "(ANTARA)")
    lead_in_lines: int
    lead_in_max: int
    closing: tuple[re.Pattern[str], ...]  # sign-off lines at the end (a columnist's bio)
    sign_off: re.Pattern[str]  # "NAME | SOURCE" in capitals, case-sensitive
    title_separators: tuple[str, ...]
    title_suffixes: tuple[str, ...]
    min_items: int
    min_link_share: float
    min_link_density: float
    site: ExtractionRules
    # (class, id) attribute pair -> does a class/id rule select it; pages repeat the same pairs
    verdicts: dict[tuple[str | None, str | None], bool] = field(default_factory=dict, compare=False, hash=False)

    def selects(self, cls: str | None, ident: str | None) -> bool:
        """True when a plain class/id prune rule selects an element with these attributes."""
        key = (cls, ident)
        verdict = self.verdicts.get(key)
        if verdict is None:
            if len(self.verdicts) > 200_000:  # a long crawl of many sites: stay bounded
                self.verdicts.clear()
            verdict = self.verdicts[key] = self._selects(cls, ident)
        return verdict

    def _selects(self, cls: str | None, ident: str | None) -> bool:
        cls, ident = (cls or "").lower(), (ident or "").lower()
        if cls and ((self.class_sub is not None and self.class_sub.search(cls)) or not self.class_exact.isdisjoint(cls.split())):
            return True
        return bool(ident and self.id_sub is not None and self.id_sub.search(ident))


_CLASS = re.compile(r"^\.([\w-]+)$")
_ATTR = re.compile(r"^\[(class|id)\*=['\"]?([\w-]+)['\"]?\]$")


def _split_selectors(selectors: list[str]) -> tuple[set[str], list[str], list[str], list[str]]:
    """Class tokens, class substrings, id substrings, and the remaining selectors.

    Testing the plain class/id selectors in one pass over the elements is
    about ten times faster than one XPath scan per selector, which matters:
    the crawl runs this on every page.
    """
    exact: set[str] = set()
    class_sub: list[str] = []
    id_sub: list[str] = []
    other: list[str] = []
    for selector in selectors:
        selector = selector.strip()
        if m := _CLASS.match(selector):
            exact.add(m.group(1).lower())
        elif m := _ATTR.match(selector):
            (class_sub if m.group(1) == "class" else id_sub).append(m.group(2).lower())
        else:
            other.append(selector)
    return exact, class_sub, id_sub, other


_NAMED_GROUP = re.compile(r"\(\?P<\w+>")


_LEADING_FLAGS = re.compile(r"^\(\?[is]+\)")  # already on in _FLAGS
_BACKREFERENCE = re.compile(r"\\[1-9]|\(\?P=|^\(\?[a-zA-Z]")


def _one_of(patterns: list[str]) -> tuple[re.Pattern[str], ...]:
    """Line patterns as one alternation: one ``fullmatch`` per body line instead of one per pattern
    (a line's verdict is the same). Group names are dropped, as only whether a line matches is asked;
    a pattern with a backreference or flags of its own keeps its own regex."""
    patterns = [_LEADING_FLAGS.sub("", p) for p in patterns]
    plain = [p for p in patterns if not _BACKREFERENCE.search(p)]
    joined = re.compile("|".join(f"(?:{_NAMED_GROUP.sub('(?:', p)})" for p in plain) or "(?!)", _FLAGS)
    return (joined, *(re.compile(p, _FLAGS) for p in patterns if _BACKREFERENCE.search(p)))


def _alternation(words: list[str]) -> re.Pattern[str] | None:
    return re.compile("|".join(re.escape(w) for w in words)) if words else None


@lru_cache(maxsize=256)
def compile_rules(site_rules: ExtractionRules = ExtractionRules()) -> Rules:
    """Compile the defaults plus a site's own rules."""
    d = defaults()
    prune = [*d["prune"], *site_rules.prune]
    links = d["link_lists"]
    exact, class_sub, id_sub, other = _split_selectors(prune)
    return Rules(
        prune=tuple(CSSSelector(s) for s in other),
        class_exact=frozenset(exact), class_sub=_alternation(class_sub), id_sub=_alternation(id_sub),
        drop_lines=_one_of([*d["lines"]["drop"], *site_rules.boilerplate]),
        desk_code=re.compile(d["desk_code"], _FLAGS),
        date_line=re.compile(d["date_line"], _FLAGS),
        dateline=re.compile(d["dateline"], re.S), dateline_marker=re.compile(d["dateline_marker"]),
        lead_in_lines=int(d["lead_in_lines"]), lead_in_max=int(d["lead_in_max"]),
        closing=tuple(re.compile(p, _FLAGS) for p in d["closing"]), sign_off=re.compile(d["sign_off"]),
        title_separators=tuple(d["title_separators"]),
        title_suffixes=tuple(site_rules.title_suffixes),
        min_items=int(links["min_items"]),
        min_link_share=float(links["min_link_share"]),
        min_link_density=float(links["min_link_density"]),
        site=site_rules,
    )
