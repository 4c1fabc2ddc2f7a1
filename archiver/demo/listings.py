"""Listing pages of the demo site: home, section (paginated), tag and misc pages.

Listings link to articles but are never articles themselves: og:type website,
no NewsArticle JSON-LD, no dateline of their own.
"""

from __future__ import annotations

import json
from html import escape

from archiver.demo.datelines import listing_time
from archiver.demo.layout import footer, header, page
from archiver.demo.model import SECTIONS, SITE_NAME, DemoArticle, slugify

PAGE_SIZE = 4
TRACKING = "?utm_source=homepage&utm_medium=terpopuler&utm_campaign=wn&fbclid=IwAR0dEmOxYz123"

# Odd routes linked from the homepage, each one a kind of bad input a crawler must survive.
ERROR_500 = "/berita/2026/11/26/7099001/rusak"
MISSING_404 = "/berita/2026/11/25/7099002/halaman-yang-dihapus"
EMPTY_200 = "/berita/2026/11/24/7099003/kosong"
REDIRECT_LOOP = "/tautan/putar"
REDIRECT_LOOP_BACK = "/tautan/balik"
PDF = "/unduh/laporan-tahunan-2025.pdf"
INTERNAL = "/internal/dasbor-redaksi"
SLOW = "/lambat"


def republished_path(article: DemoArticle) -> str:
    """Where a partner network republishes ``article`` (identical body, no canonical link)."""
    return f"/daerah/salinan/{article.published_at:%Y/%m/%d}/{article.id}/{article.slug}"


def _item(article: DemoArticle, href: str | None = None) -> str:
    return (f'<li class="list-item"><a class="title" href="{escape(href or article.path)}">{escape(article.title)}</a> '
            f'<span class="kanal">{SECTIONS[article.section]}</span> '
            f'<span class="time">{listing_time(article.published_at, article.zone)}</span>'
            f'<p class="excerpt">{escape(article.description)}</p></li>')


def _listing_head(base: str, path: str, description: str) -> list[str]:
    return [f'<meta name="description" content="{escape(description)}">',
            f'<link rel="canonical" href="{base.rstrip("/")}{path}">',
            '<meta property="og:type" content="website">',
            f'<meta property="og:site_name" content="{SITE_NAME}">']


def home_page(base: str, articles: list[DemoArticle], *, slow_link: bool = False) -> str:
    latest = "\n".join(_item(a) for a in articles[:12])
    popular_picks = [a for a in articles if "tracking_home" in a.features] + articles[2:6]
    popular = "\n".join(_item(a, a.path + TRACKING) for a in popular_picks[:5])
    amp = [a for a in articles if "amp_home" in a.features]
    amp_links = "".join(f'<li><a href="{a.amp_path}">{escape(a.title)} (versi ringan)</a></li>' for a in amp)
    slow = f'<li><a href="{SLOW}">Laporan langsung (memuat lama)</a></li>' if slow_link else ""
    site_ld = json.dumps({"@context": "https://schema.org", "@type": "WebSite", "name": SITE_NAME, "url": base,
                          "potentialAction": {"@type": "SearchAction",
                                              "target": base + "cari?q={search_term_string}",
                                              "query-input": "required name=search_term_string"}})
    head = _listing_head(base, "/", "Berita terkini Indonesia hari ini: nasional, ekonomi, olahraga, teknologi, daerah.")
    head.append(f'<script type="application/ld+json">{site_ld}</script>')
    sections = "".join(f'<li><a href="/kanal/{k}">{v}</a></li>' for k, v in SECTIONS.items())
    main = f"""<main class="container home">
<section class="terkini"><h2>Berita Terkini</h2><ul>{latest}</ul></section>
<section class="terpopuler"><h2>Terpopuler</h2><ol>{popular}</ol></section>
<section class="kanal-list"><h2>Kanal</h2><ul>{sections}</ul></section>
<section class="lainnya"><h2>Lainnya</h2><ul>
{amp_links}
<li><a href="{ERROR_500}">Tautan berita yang sedang bermasalah</a></li>
<li><a href="{MISSING_404}">Berita yang sudah dihapus</a></li>
<li><a href="{REDIRECT_LOOP}">Tautan pendek kampanye</a></li>
<li><a href="{PDF}">Laporan Tahunan 2025 (PDF)</a></li>
<li><a href="{INTERNAL}">Dasbor Redaksi</a></li>
{slow}
</ul></section>
</main>"""
    return page(f"{SITE_NAME} - Berita Terkini Indonesia Hari Ini", head, header() + main + footer())


def section_page(base: str, section: str, articles: list[DemoArticle], page_no: int) -> str | None:
    """Page ``page_no`` of a section listing, or None past the last page."""
    mine = [a for a in articles if a.section == section]
    last = max(1, -(-len(mine) // PAGE_SIZE))
    if not 1 <= page_no <= last:
        return None
    items = mine[(page_no - 1) * PAGE_SIZE: page_no * PAGE_SIZE]
    path = f"/kanal/{section}" + (f"?page={page_no}" if page_no > 1 else "")
    head = _listing_head(base, path, f"Berita {SECTIONS[section]} terkini")
    nav = []
    if page_no > 1:
        prev = f"/kanal/{section}" + (f"?page={page_no - 1}" if page_no > 2 else "")
        head.append(f'<link rel="prev" href="{base.rstrip("/")}{prev}">')
        nav.append(f'<a rel="prev" href="{prev}">&laquo; Sebelumnya</a>')
    nav += [f'<a href="/kanal/{section}?page={n}">{n}</a>' if n != page_no else f"<span>{n}</span>"
            for n in range(1, last + 1)]
    if page_no < last:
        head.append(f'<link rel="next" href="{base.rstrip("/")}/kanal/{section}?page={page_no + 1}">')
        nav.append(f'<a rel="next" href="/kanal/{section}?page={page_no + 1}">Selanjutnya &raquo;</a>')
    extra = ""
    if page_no == 1:
        extra = _section_extras(section, articles)
    main = f"""<main class="container kanal">
<h1>{SECTIONS[section]}</h1>
<ul class="list">{"".join(_item(a) for a in items)}</ul>
<nav class="pagination">{" ".join(nav)}</nav>
{extra}
</main>"""
    title = f"Berita {SECTIONS[section]} Hari Ini" + (f" - Halaman {page_no}" if page_no > 1 else "")
    return page(f"{title} - {SITE_NAME}", head, header() + main + footer())


def _section_extras(section: str, articles: list[DemoArticle]) -> str:
    """Odd links a section carries: the partner republication, a tracked link, an empty page."""
    links = []
    if section == "daerah":
        links += [f'<li><a href="{republished_path(a)}">{escape(a.title)} (Jaringan Mitra)</a></li>'
                  for a in articles if "republished" in a.features]
    if section == "ekonomi":
        links.append(f'<li><a href="{EMPTY_200}">Grafik: harga pangan pekan ini</a></li>')
        links += [f'<li><a href="{a.path}?utm_source=kanal&amp;utm_medium=widget&amp;fbclid=IwAR9kanal">'
                  f'{escape(a.title)}</a></li>' for a in articles if a.section == "ekonomi"][-1:]
    return f'<aside class="pilihan"><h2>Pilihan Redaksi</h2><ul>{"".join(links)}</ul></aside>' if links else ""


def tag_page(base: str, tag_slug: str, articles: list[DemoArticle]) -> str | None:
    mine = [a for a in articles if tag_slug in {slugify(t) for t in a.tags}]
    if not mine:
        return None
    name = next(t for t in mine[0].tags if slugify(t) == tag_slug)
    head = _listing_head(base, f"/tag/{tag_slug}", f"Kumpulan berita tentang {name}")
    main = f"""<main class="container tag">
<h1>Tag: {escape(name)}</h1>
<ul class="list">{"".join(_item(a) for a in mine)}</ul>
</main>"""
    return page(f"Berita {name} Terbaru - {SITE_NAME}", head, header() + main + footer())


def simple_page(base: str, path: str, title: str, text: str) -> str:
    """An ordinary non-article page (about, internal dashboard, slow page)."""
    main = f'<main class="container"><h1>{escape(title)}</h1><p>{escape(text)}</p></main>'
    return page(f"{title} - {SITE_NAME}", _listing_head(base, path, title), header() + main + footer())
