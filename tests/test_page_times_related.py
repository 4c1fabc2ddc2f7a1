"""find_page_times on pages with lists of related articles that carry their own times.

The page's own time is the one nearest its headline and body, never one inside a link
list: a sidebar before the headline, a list under it, cards inside the body, a time
wrapped in another article's link, microdata or JSON-LD of listed articles.  Each page
below is written for the test, shaped like the pages where the related time won.
"""

from __future__ import annotations

import json
from datetime import date, datetime, timedelta, timezone

import pytest

from archiver.dates import find_page_times, parse_date

WIB = timezone(timedelta(hours=7))
OWN = datetime(2024, 5, 3, 9, 30, tzinfo=WIB)
OWN_LINE = '<div class="date">Jumat, 3 Mei 2024 09:30 WIB</div>'
OWN_TIME = '<time datetime="2024-05-03T09:30:00+07:00">Jumat, 3 Mei 2024 09:30 WIB</time>'
TITLE = "Pemerintah Umumkan Kebijakan Baru Soal Pangan"
BODY = "<p>" + "Jakarta - Pemerintah mengumumkan kebijakan baru terkait cadangan pangan nasional hari ini. " * 6 + "</p>"


def related(i: int, visible: bool = True) -> tuple[str, str]:
    """Another article's title and its time: the evening before, so a wrong choice shows."""
    stamp = f"2024-05-02T2{i}:15:00+07:00"
    text = f"Kamis, 2 Mei 2024 2{i}:15 WIB" if visible else ""
    return f"Judul berita lain nomor {i} yang ramai dibaca", f'<time datetime="{stamp}">{text}</time>'


def ul_list(n: int = 4, cls: str = "") -> str:
    items = "".join(f'<li><a href="/berita/{i}">{related(i)[0]}</a> {related(i)[1]}</li>' for i in range(n))
    return f'<ul class="{cls}">{items}</ul>' if cls else f"<ul>{items}</ul>"


def cards(n: int = 3) -> str:
    return "".join(f'<div class="card"><h3><a href="/berita/{i}">{related(i)[0]}</a></h3>{related(i)[1]}</div>'
                   for i in range(n))


def page(body: str, head: str = "") -> str:
    return (f"<html><head><title>{TITLE} - Warta</title><meta property=\"og:title\" content=\"{TITLE}\">{head}"
            f"</head><body>{body}</body></html>")


LAYOUTS = {
    "sidebar before the headline": f'<aside class="sidebar">{ul_list()}</aside><h1>{TITLE}</h1>{OWN_LINE}{BODY}',
    "popular box before the headline, no aside": f'<div class="box-populer">{cards()}</div><h1>{TITLE}</h1>{OWN_LINE}{BODY}',
    "list under the headline, before the dateline": f"<h1>{TITLE}</h1>{ul_list()}{OWN_LINE}{BODY}",
    "cards inside the body": f'<h1>{TITLE}</h1>{OWN_LINE}<div class="content">{BODY}{cards()}{BODY}</div>',
    "times wrapped in other articles' links": f"<div>{''.join(f'<a href=/b/{i}><span>{related(i)[0]}</span> {related(i)[1]}</a>' for i in range(3))}</div>"
                                              f"<h1>{TITLE}</h1>{OWN_LINE}{BODY}",
    "baca juga list in the body": f'<h1>{TITLE}</h1>{OWN_LINE}{BODY}<div class="baca-juga"><strong>Baca Juga:</strong>{ul_list(2)}</div>{BODY}',
}


@pytest.mark.parametrize("layout", LAYOUTS, ids=list(LAYOUTS))
def test_own_dateline_wins_over_related_times(layout: str) -> None:
    got = find_page_times(page(LAYOUTS[layout]))
    assert got.published_at == OWN
    assert got.published_at_source == "dateline" and got.published_at_text == "Jumat, 3 Mei 2024 09:30 WIB"


@pytest.mark.parametrize("layout", LAYOUTS, ids=list(LAYOUTS))
def test_own_time_tag_wins_over_related_times(layout: str) -> None:
    got = find_page_times(page(LAYOUTS[layout].replace(OWN_LINE, f'<div class="date">{OWN_TIME}</div>')))
    assert got.published_at == OWN and got.published_at_source == "time"


def test_related_visible_dates_without_time_tags_lose_too() -> None:
    items = "".join(f'<li><a href="/b/{i}">{related(i)[0]}</a> <span>Kamis, 2 Mei 2024 2{i}:15 WIB</span></li>'
                    for i in range(4))
    got = find_page_times(page(f"<h1>{TITLE}</h1><ul>{items}</ul>{OWN_LINE}{BODY}"))
    assert got.published_at == OWN


def test_only_related_times_and_a_date_only_dateline_give_the_day() -> None:
    got = find_page_times(page(f'<aside>{ul_list()}</aside><h1>{TITLE}</h1><div class="date">Jumat, 3 Mei 2024</div>{BODY}'))
    assert got.published_at == datetime(2024, 5, 3, tzinfo=WIB)
    assert got.published_at_precision == "day" and got.published_local_date == date(2024, 5, 3)


def test_page_whose_only_time_is_its_own_uses_it() -> None:
    got = find_page_times(page(f"<h1>{TITLE}</h1>{OWN_TIME}{BODY}"))
    assert got.published_at == OWN and got.published_at_source == "time"


def test_own_time_beside_author_and_section_links_is_kept() -> None:
    meta = ('<ul class="meta"><li><a href="/penulis/budi">Budi Santoso</a></li><li><a href="/nasional">Nasional</a></li>'
            f"<li>{OWN_TIME}</li></ul>")
    got = find_page_times(page(f"<article><h1>{TITLE}</h1>{meta}{BODY}</article>"))
    assert got.published_at == OWN and got.published_at_source == "time"


def test_own_time_in_a_link_holding_only_the_date_is_kept() -> None:
    got = find_page_times(page(f'<h1>{TITLE}</h1><a href="/indeks/2024-05-03">{OWN_TIME}</a>{BODY}'))
    assert got.published_at == OWN


def test_site_clock_before_the_headline_loses_to_the_time_under_it() -> None:
    """A "today" clock in the top bar is not in a list; the time sharing the headline's container is nearer."""
    clock = '<div class="topbar"><span><time datetime="2024-05-03T07:00:00+07:00">Jumat, 3 Mei 2024</time></span></div>'
    got = find_page_times(page(f'{clock}<div class="wrap"><header><h1>{TITLE}</h1>{OWN_TIME}</header>{BODY}</div>'))
    assert got.published_at == OWN


def test_microdata_of_a_related_card_is_not_the_pages_meta() -> None:
    card = ('<div class="card" itemscope itemtype="https://schema.org/NewsArticle"><h3><a href="/b/1">'
            f'{related(1)[0]}</a></h3><meta itemprop="datePublished" content="2024-05-02T21:15:00+07:00"></div>')
    got = find_page_times(page(f"<aside>{card}</aside><h1>{TITLE}</h1>{OWN_LINE}{BODY}"))
    assert got.published_at == OWN


def test_jsonld_item_list_of_related_articles_is_not_the_page() -> None:
    listed = {"@context": "https://schema.org", "@type": "ItemList", "itemListElement": [
        {"@type": "ListItem", "position": i, "item": {"@type": "NewsArticle", "headline": related(i)[0],
                                                      "datePublished": f"2024-05-02T2{i}:15:00+07:00"}}
        for i in range(3)]}
    head = f'<script type="application/ld+json">{json.dumps(listed)}</script>'
    got = find_page_times(page(f"<h1>{TITLE}</h1>{OWN_LINE}{BODY}", head))
    assert got.published_at == OWN


# --- what PageTimes says about the chosen reading ------------------------------------------------

def test_chosen_text_reads_back_to_the_stored_instant() -> None:
    for body in LAYOUTS.values():
        got = find_page_times(page(body))
        assert parse_date(got.published_at_text) == got.published_at


def test_weekday_contradiction_is_exposed() -> None:
    got = find_page_times(page(f'<h1>{TITLE}</h1><div class="date">Sabtu, 3 Mei 2024 09:30 WIB</div>{BODY}'))
    assert got.published_at == OWN and got.weekday_mismatch  # 3 May 2024 is a Friday: date kept, flagged
    assert not find_page_times(page(f"<h1>{TITLE}</h1>{OWN_LINE}{BODY}")).weekday_mismatch


def test_precision_of_meta_and_url() -> None:
    meta = '<meta property="article:published_time" content="2024-05-03T09:30:00+07:00">'
    assert find_page_times(page(f"<h1>{TITLE}</h1>{BODY}", meta)).published_at_precision == "second"
    dated = find_page_times(page(f"<h1>{TITLE}</h1>{BODY}"), url="https://warta.example.id/2024/05/03/judul/")
    assert dated.published_at_source == "url" and dated.published_at_precision == "day"
    none = find_page_times(page(f"<h1>{TITLE}</h1>{BODY}"))
    assert none.published_at is None and none.published_at_precision is None and none.published_local_date is None
