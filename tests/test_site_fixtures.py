"""Per-site, per-case extraction fixtures: tests/fixtures/<site>/<case>/{page.html,expected.json}.

Each page is written for the project (fictional articles in each site's template) and states
its ground truth in expected.json.  Every page is extracted once through the public API; one
test per field, parametrised over the cases that state the field, so a failure names the
site, the case and the field ("test_title[kompas/artikel-page-all]").

Known extractor faults are listed in XFAIL (strict): when one is fixed, its test turns
XPASS and fails, and the entry must go.
"""

from __future__ import annotations

import json
from datetime import datetime
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from archiver.extraction import extract_article
from archiver.sites import load_sites, site_for_url

FIXTURES = Path(__file__).parent / "fixtures"
FETCHED_AT = datetime(2026, 12, 1, 8, 0, tzinfo=ZoneInfo("Asia/Jakarta"))

# ("<site>/<case>", field) -> what the extractor gets wrong there.
XFAIL: dict[tuple[str, str], str] = {
}


def _cases() -> dict[str, dict]:
    found = {}
    for expected in sorted(FIXTURES.glob("*/*/expected.json")):
        folder = expected.parent
        found[f"{folder.parent.name}/{folder.name}"] = json.loads(expected.read_text(encoding="utf-8"))
    return found


CASES = _cases()


def _params(field: str, *stated: str) -> list:
    """The cases whose expected.json states ``field`` (or any of ``stated``), xfail where XFAIL names them."""
    out = []
    for case_id, expected in CASES.items():
        if not any(key in expected for key in stated or (field,)):
            continue
        reason = XFAIL.get((case_id, field))
        marks = [pytest.mark.xfail(reason=reason, strict=True)] if reason else []
        out.append(pytest.param(case_id, marks=marks, id=case_id))
    return out


@pytest.fixture(scope="module")
def extracted():
    """case id -> (expected, Article), each page extracted once for the whole module."""
    cache: dict[str, tuple] = {}
    sites = load_sites()

    def get(case_id: str):
        if case_id not in cache:
            expected = CASES[case_id]
            html = (FIXTURES / case_id / "page.html").read_bytes()
            site = site_for_url(expected["url"], sites)
            cache[case_id] = expected, extract_article(html, expected["url"], site=site, fetched_at=FETCHED_AT)
        return cache[case_id]

    return get


def _flat(text: str | None) -> str:
    return " ".join((text or "").split())


def test_every_fixture_folder_has_a_page_and_expected_values():
    folders = sorted(p.parent for p in FIXTURES.glob("*/*/page.html"))
    assert folders and folders == sorted(FIXTURES / c for c in CASES)


@pytest.mark.parametrize("case_id", _params("url"))
def test_fixture_url_is_an_article_of_its_site(case_id):
    """The folder names the site config serving the URL, and its article patterns accept it."""
    url = CASES[case_id]["url"]
    site = site_for_url(url, load_sites())
    assert site.id == case_id.split("/")[0]
    assert site.url_verdict(url) is True


@pytest.mark.parametrize("case_id", _params("canonical"))
def test_canonical(case_id, extracted):
    expected, article = extracted(case_id)
    assert article.url == expected["canonical"]


@pytest.mark.parametrize("case_id", _params("title"))
def test_title(case_id, extracted):
    expected, article = extracted(case_id)
    assert _flat(article.title) == expected["title"]


@pytest.mark.parametrize("case_id", _params("authors"))
def test_authors(case_id, extracted):
    expected, article = extracted(case_id)
    assert article.authors == expected["authors"]


@pytest.mark.parametrize("case_id", _params("published_at"))
def test_published_at(case_id, extracted):
    expected, article = extracted(case_id)
    want = datetime.fromisoformat(expected["published_at"])
    got = article.published_at
    assert got is not None and got.utcoffset() is not None, f"no aware time (text {article.published_at_text!r})"
    assert (got, got.utcoffset()) == (want, want.utcoffset()), \
        f"{got.isoformat()} from {article.published_at_source}: {article.published_at_text!r}"


@pytest.mark.parametrize("case_id", _params("section"))
def test_section(case_id, extracted):
    expected, article = extracted(case_id)
    assert article.section == expected["section"]


@pytest.mark.parametrize("case_id", _params("tags"))
def test_tags(case_id, extracted):
    expected, article = extracted(case_id)
    assert article.tags == expected["tags"]


@pytest.mark.parametrize("case_id", _params("language"))
def test_language(case_id, extracted):
    expected, article = extracted(case_id)
    assert article.language == expected["language"]


@pytest.mark.parametrize("case_id", _params("editor_codes"))
def test_editor_codes(case_id, extracted):
    expected, article = extracted(case_id)
    assert article.editor_codes == expected["editor_codes"]


@pytest.mark.parametrize("case_id", _params("body_edges", "body_starts", "body_ends"))
def test_body_edges(case_id, extracted):
    expected, article = extracted(case_id)
    body = _flat(article.body)
    assert body.startswith(_flat(expected.get("body_starts"))), body[:120]
    assert body.endswith(_flat(expected.get("body_ends"))), body[-120:]


@pytest.mark.parametrize("case_id", _params("body_contains"))
def test_body_contains(case_id, extracted):
    expected, article = extracted(case_id)
    body = _flat(article.body)
    missing = [s for s in expected["body_contains"] if _flat(s) not in body]
    assert not missing


@pytest.mark.parametrize("case_id", _params("body_excludes"))
def test_body_excludes(case_id, extracted):
    expected, article = extracted(case_id)
    body = _flat(article.body)
    present = [s for s in expected["body_excludes"] if _flat(s) in body]
    assert not present


@pytest.mark.parametrize("case_id", _params("word_count", "word_count_min", "word_count_max"))
def test_word_count(case_id, extracted):
    expected, article = extracted(case_id)
    assert expected.get("word_count_min", 0) <= article.word_count <= expected.get("word_count_max", 10**9)
