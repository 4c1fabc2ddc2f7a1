"""Imported by the workers' fork server: load the page-analysis stack and warm its lazy parts once.

Workers fork from the fork server (see :mod:`archiver.crawl.workers`), so whatever
this import leaves in memory every worker starts with: the modules, but also
what the first page would otherwise load in each worker (the public-suffix list, dateparser's data, compiled
rules and regexes), about 0.15-0.3 s of CPU per worker.  A failure here only
costs that time again: it is swallowed, never allowed to stop the fork server.
"""

from __future__ import annotations

from datetime import datetime, timezone

from archiver.analysis import PageJob, analyse_page, extract_page
from archiver.dates import parse_date, warm_fallback
from archiver.model import FetchedPage
from archiver.navigation import PageKind
from archiver.sites import SiteConfig

SAMPLE_URL = "https://www.warm.invalid/berita/2022/05/24/contoh-berita"
SAMPLE_PAGE = b"""<!DOCTYPE html><html lang="id"><head><meta charset="utf-8">
<title>Contoh berita pemanasan - Warta</title>
<link rel="canonical" href="https://www.warm.invalid/berita/2022/05/24/contoh-berita">
<meta property="og:type" content="article"><meta property="og:title" content="Contoh berita pemanasan">
<meta property="article:published_time" content="2022-05-24T10:15:00+07:00">
<script type="application/ld+json">{"@context": "https://schema.org", "@type": "NewsArticle",
"headline": "Contoh berita pemanasan", "datePublished": "2022-05-24T10:15:00+07:00",
"author": {"@type": "Person", "name": "Redaksi"}}</script></head>
<body><nav class="breadcrumb"><a href="/">Beranda</a> <a href="/berita">Berita</a></nav>
<article><h1>Contoh berita pemanasan</h1><div class="date">Selasa, 24 Mei 2022 10:15 WIB</div>
<p>Jakarta - Pemerintah daerah mengatakan bahwa pembangunan jalan dan jembatan di kota itu akan selesai
pada akhir tahun ini, sehingga warga dapat menggunakan jalan tersebut untuk kegiatan ekonomi sehari-hari.</p>
<p>Baca juga: <a href="/berita/2022/05/23/lain">Berita lain</a></p>
<p>Menurut kepala dinas, anggaran untuk program tersebut telah disetujui oleh dewan dan pekerjaan sudah
dimulai sejak awal bulan, dengan melibatkan pekerja dari desa-desa di sekitar lokasi pembangunan.</p>
<div class="related"><ul><li><a href="/a">Satu</a></li><li><a href="/b">Dua</a></li><li><a href="/c">Tiga</a></li></ul></div>
</article></body></html>"""


def warm() -> PageKind:
    """Analyse and extract :data:`SAMPLE_PAGE` once, as a worker would its first page."""
    site = SiteConfig(id="warm", name="Warta", base_url="https://www.warm.invalid/", domains=("warm.invalid",))
    page = FetchedPage(url=SAMPLE_URL, site=site, html=SAMPLE_PAGE, encoding="utf-8",
                       fetched_at=datetime(2022, 5, 24, 6, tzinfo=timezone.utc))
    kind = analyse_page(PageJob(page, extract=extract_page))
    for text in ("Selasa, 24 Mei 2022 10:15 WIB", "2 jam yang lalu"):
        parse_date(text, now=page.fetched_at)
    warm_fallback()  # dateparser's data: the few strings the fast path does not read need it
    return kind


try:
    warm()
except Exception:  # noqa: BLE001 - warming is an optimisation; a worker just warms on its first page
    pass
