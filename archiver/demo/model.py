"""Ground-truth records of the demo site.

A :class:`DemoArticle` is both the source the pages are rendered from and the
answer key the tests compare an extracted :class:`archiver.model.Article`
with: ``body`` is the clean article text (no "Baca juga", ads, desk codes…),
``published_at`` the true instant in the zone the newsroom writes in.
"""

from __future__ import annotations

import dataclasses
import re
import unicodedata
from dataclasses import dataclass
from datetime import datetime
from zoneinfo import ZoneInfo

SITE_NAME = "Warta Nusantara"
ZONES: dict[str, str] = {"WIB": "Asia/Jakarta", "WITA": "Asia/Makassar", "WIT": "Asia/Jayapura"}
SECTIONS: dict[str, str] = {
    "nasional": "Nasional",
    "ekonomi": "Ekonomi",
    "olahraga": "Olahraga",
    "teknologi": "Teknologi",
    "daerah": "Daerah",
}
# How a page states its publication time (see archiver.demo.pages).
STYLES = ("jsonld", "jsonld_only", "meta", "dateline", "detik")


def slugify(text: str) -> str:
    """URL slug as Indonesian news sites make them: lower-case ASCII words joined by '-'."""
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", "-", ascii_text.lower()).strip("-")


@dataclass(frozen=True)
class DemoArticle:
    """One article of the demo site, with everything a test needs to check extraction."""

    id: int
    slug: str
    title: str
    section: str
    authors: tuple[str, ...]
    published_at: datetime  # aware, in the zone of ``zone``
    paragraphs: tuple[str, ...]  # clean body, all pages in order
    description: str = ""
    tags: tuple[str, ...] = ()
    modified_at: datetime | None = None
    zone: str = "WIB"
    style: str = "jsonld"
    dateline: str = "hari_lengkap"  # shape of the visible dateline (archiver.demo.dates)
    pages: int = 1
    encoding: str = "utf-8"
    editor_codes: tuple[str, ...] = ()
    editor: str | None = None
    features: frozenset[str] = frozenset()

    def __post_init__(self) -> None:
        if self.style not in STYLES:
            raise ValueError(f"unknown style {self.style!r}")
        if self.section not in SECTIONS:
            raise ValueError(f"unknown section {self.section!r}")
        if self.published_at.tzinfo is None:
            raise ValueError("published_at must be timezone-aware")

    @property
    def path(self) -> str:
        """Canonical path: /berita/<yyyy>/<mm>/<dd>/<id>/<slug> (local date)."""
        return f"/berita/{self.published_at:%Y/%m/%d}/{self.id}/{self.slug}"

    @property
    def amp_path(self) -> str:
        return "/amp" + self.path

    @property
    def image_path(self) -> str:
        return f"/img/{self.id}.png"

    @property
    def body(self) -> str:
        """The clean article text: paragraphs joined by newlines."""
        return "\n".join(self.paragraphs)

    @property
    def last_changed(self) -> datetime:
        """Sitemap ``lastmod``: the modification time, else the publication time."""
        return self.modified_at or self.published_at

    def url(self, base_url: str) -> str:
        return base_url.rstrip("/") + self.path

    def page_paragraphs(self) -> list[tuple[str, ...]]:
        """The paragraphs of each page of a multi-page article (one chunk otherwise)."""
        n = max(1, self.pages)
        size = -(-len(self.paragraphs) // n)
        return [self.paragraphs[i * size:(i + 1) * size] for i in range(n)]

    def replace(self, **changes: object) -> "DemoArticle":
        return dataclasses.replace(self, **changes)


def local_time(text: str, zone: str = "WIB") -> datetime:
    """'2026-11-27 09:15' read as wall-clock time in WIB/WITA/WIT."""
    return datetime.strptime(text, "%Y-%m-%d %H:%M").replace(tzinfo=ZoneInfo(ZONES[zone]))


def make_article(
    id: int,
    section: str,
    title: str,
    authors: tuple[str, ...] | list[str] | str,
    when: str,
    paragraphs: list[str] | tuple[str, ...],
    *,
    zone: str = "WIB",
    modified: str | None = None,
    tags: tuple[str, ...] | list[str] = (),
    description: str | None = None,
    features: tuple[str, ...] | list[str] = (),
    editor_codes: tuple[str, ...] | list[str] = (),
    **extra: object,
) -> DemoArticle:
    """Compact constructor used by the data modules (times as local wall-clock strings)."""
    if isinstance(authors, str):
        authors = (authors,)
    paragraphs = tuple(paragraphs)
    return DemoArticle(
        id=id,
        slug=str(extra.pop("slug", None) or slugify(title)),
        title=title,
        section=section,
        authors=tuple(authors),
        published_at=local_time(when, zone),
        modified_at=local_time(modified, zone) if modified else None,
        paragraphs=paragraphs,
        description=description or _first_sentence(paragraphs[0]),
        tags=tuple(tags),
        zone=zone,
        features=frozenset(features),
        editor_codes=tuple(editor_codes),
        **extra,  # type: ignore[arg-type]
    )


def _first_sentence(paragraph: str) -> str:
    """A description from the lead paragraph, without the 'KOTA, Warta Nusantara -' dateline."""
    text = re.sub(r"^[A-Z][A-Za-z .]+, Warta Nusantara\s*[-–—]\s*", "", paragraph)
    sentence = re.split(r"(?<=[.!?])\s", text, maxsplit=1)[0]
    return sentence if len(sentence) <= 200 else sentence[:197].rsplit(" ", 1)[0] + "..."
