"""Each configured site, on its real pages in ../shared/corpus/indonesian, meets the extraction targets.

One test per page and field, so a failure names the page, the site and what went wrong:
title exact (whitespace and invisible characters aside), body 4-gram F1 (the benchmark's scorer),
publication time exact to the minute.  Skipped when the corpus is absent.
"""

from __future__ import annotations

import gzip
import json
from datetime import datetime
from functools import lru_cache

import pytest

from archiver.extraction import extract_article
from archiver.sites import load_sites, site_for_url
from conftest import CORPUS, load_benchmark

MANIFEST = CORPUS / "indonesian" / "manifest.jsonl"
pytestmark = pytest.mark.skipif(not MANIFEST.exists(), reason="corpus not present")

BODY_F1 = 0.95
# Pages that cannot reach 0.95 with the archive's agreed output, and why (measured F1 in brackets):
BODY_F1_EXCEPTIONS = {
    # The ground truth omits the first paragraph ("Kalau bukan sekarang, kapan lagi? …", a real
    # paragraph of the article) and keeps the desk code "(fyk/ash)", which the archive moves to
    # `editor_codes` by design. [0.90]
    "detik-singlepage": 0.88,
    # The ground truth drops the embedded tweet and a photo caption that the extractor keeps on
    # purpose (embedded posts are content elsewhere), and the "VIVA.co.id -" dateline. [0.93]
    "viva-singlepage": 0.90,
}
# Expected titles that no headline source of the page carries (so no rule can produce them).
TITLE_EXCEPTIONS = {
    # Photo page: the ground truth prefixes the section label, "In Picture: KPK Periksa …"; the
    # page's <title>/og:title say "KPK Periksa … | Republika Online" and its <h1> says "Inpicture".
    "republika-singlepage2",
}


def _manifest() -> list[dict]:
    if not MANIFEST.exists():
        return []
    return [json.loads(line) for line in MANIFEST.read_text(encoding="utf-8").splitlines() if line.strip()]


PAGES = _manifest()


def _bench():
    return load_benchmark("extraction")


@lru_cache(maxsize=None)
def _extract(page_id: str):
    entry = next(p for p in PAGES if p["id"] == page_id)
    site = site_for_url(entry["url"], load_sites())
    html = gzip.decompress((CORPUS / "indonesian" / entry["file"]).read_bytes())
    return entry, site, extract_article(html, entry["url"], site=site)


def _configured(entry: dict) -> bool:
    return site_for_url(entry["url"], load_sites()).source != "<url>"


def _params():
    return [pytest.param(p["id"], id=f"{p['id']}@{p['site']}") for p in PAGES]


def test_every_corpus_page_has_a_configured_site():
    """Every site of the corpus is in the catalog, so the tests below use real site configs."""
    missing = sorted({p["site"] for p in PAGES if not _configured(p)})
    assert not missing, missing


@pytest.mark.parametrize("page_id", _params())
def test_title_exact(page_id):
    entry, site, art = _extract(page_id)
    norm = _bench().norm_title
    if page_id in TITLE_EXCEPTIONS:
        pytest.xfail(f"{site.id}: expected title is on none of the page's headline sources")
    assert norm(art.title) == norm(entry["title"]), f"{site.id}: {art.title!r} != {entry['title']!r}"


@pytest.mark.parametrize("page_id", _params())
def test_body_f1(page_id):
    entry, site, art = _extract(page_id)
    score = _bench().score_page(page_id, entry["site"], entry["body"], art.body)
    floor = BODY_F1_EXCEPTIONS.get(page_id, BODY_F1)
    assert score.f1 >= floor, f"{site.id}: body F1 {score.f1:.3f} < {floor} (P {score.precision:.3f} R {score.recall:.3f})"


@pytest.mark.parametrize("page_id", _params())
def test_published_at_to_the_minute(page_id):
    entry, site, art = _extract(page_id)
    expected = datetime.fromisoformat(entry["published_at"])
    assert art.published_at is not None, f"{site.id}: no publication time"
    got, want = art.published_at.replace(second=0, microsecond=0), expected.replace(second=0, microsecond=0)
    assert got == want, f"{site.id}: published_at {art.published_at.isoformat()} != {entry['published_at']}"
