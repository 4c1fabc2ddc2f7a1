"""The benchmark's local news site: real corpus pages plus generated Indonesian articles.

Every article is reachable under two URLs so that deduplication has work to do:

* ``/a/<id>`` — the article itself;
* ``/b/<id>?utm_source=x`` — a mirror path with a tracking parameter.  Pages
  name ``/a/<id>`` as ``<link rel=canonical>`` (the crawler can skip the mirror
  without extracting it), except the 21 Indonesian corpus pages, which keep
  their original off-site canonical: those mirrors are only recognised by their
  body, after extraction.

Both URLs are listed in the sitemap and linked from the listing pages.  Pages are
rendered to bytes up front: serving is a dictionary lookup (see :mod:`bench_server`).
"""

from __future__ import annotations

import gzip
import json
import random
import re
from dataclasses import dataclass, field
from datetime import datetime, timedelta, timezone
from html import escape
from pathlib import Path

WIB = timezone(timedelta(hours=7))
START = datetime(2026, 1, 5, 6, 0, tzinfo=WIB)
PER_LISTING = 50
PER_SITEMAP = 5000

WORDS = (
    "pemerintah presiden menteri rakyat daerah kota provinsi desa warga masyarakat pembangunan jalan "
    "jembatan sekolah rumah sakit pasien dokter harga beras minyak pasar pedagang petani nelayan hujan "
    "banjir longsor gempa bumi gunung laut pantai pulau kapal pesawat bandara kereta stasiun polisi "
    "tersangka korban saksi pengadilan hakim jaksa undang-undang anggaran rupiah miliar triliun persen "
    "ekonomi investasi ekspor impor bank kredit bunga inflasi pertumbuhan industri pabrik pekerja buruh "
    "upah mahasiswa guru siswa ujian beasiswa universitas penelitian teknologi aplikasi internet data "
    "digital keamanan siber pemilu partai calon kampanye suara dewan legislatif gubernur bupati wali "
    "kepala dinas kementerian lembaga program bantuan sosial kesehatan vaksin obat makanan minuman "
    "olahraga sepak bola pertandingan pemain pelatih klub liga juara gol stadion penonton tim nasional "
    "budaya seni musik film festival wisata wisatawan hotel kuliner tradisional adat agama masjid gereja "
    "pura vihara lingkungan hutan sungai sampah polusi udara energi listrik minyak gas batu bara tambang "
    "yang dan di ke dari pada untuk dengan dalam akan telah sudah belum tidak juga masih hanya lebih "
    "sangat banyak beberapa semua setiap antara karena sehingga namun tetapi bahwa oleh sebagai menurut "
    "mengatakan menjelaskan menyampaikan menambahkan meminta berharap melakukan memberikan menerima "
    "meningkatkan menurunkan membangun menyelesaikan mengikuti menghadiri meresmikan mengumumkan"
).split()
CITIES = ("Jakarta", "Surabaya", "Bandung", "Medan", "Makassar", "Semarang", "Palembang", "Denpasar",
          "Yogyakarta", "Pontianak", "Manado", "Ambon", "Jayapura", "Padang", "Banjarmasin")
SECTIONS = ("nasional", "ekonomi", "olahraga", "teknologi", "daerah", "hiburan")
MONTHS = ("Januari", "Februari", "Maret", "April", "Mei", "Juni", "Juli", "Agustus", "September",
          "Oktober", "November", "Desember")


@dataclass
class Site:
    """Rendered pages by path, and which paths are article pages (counted by the server)."""

    pages: dict[str, bytes] = field(default_factory=dict)
    content_types: dict[str, str] = field(default_factory=dict)
    article_ids: list[str] = field(default_factory=list)
    corpus_ids: list[str] = field(default_factory=list)

    @property
    def distinct_pages(self) -> list[bytes]:
        """One HTML page per article (the /a/ form): what the one-core reference extracts."""
        return [self.pages[f"/a/{i}"] for i in self.article_ids]


def corpus_pages(corpus: Path) -> list[bytes]:
    """Raw HTML of the corpus pages (Indonesian, AEB, fundus), decompressed, in a stable order."""
    return [html for html, _url in corpus_files(corpus)]


def corpus_files(corpus: Path) -> list[tuple[bytes, str | None]]:
    """(raw HTML, the page's original URL where the corpus records it) of every page, in a stable order."""
    urls: dict[str, str] = {}
    for line in (corpus / "indonesian" / "manifest.jsonl").read_text(encoding="utf-8").splitlines():
        entry = json.loads(line)
        urls[str(corpus / "indonesian" / entry["file"])] = entry["url"]
    for key, entry in json.loads((corpus / "aeb" / "ground-truth.json").read_text(encoding="utf-8")).items():
        urls[str(corpus / "aeb" / "html" / f"{key}.html.gz")] = entry.get("url")
    for line in (corpus / "fundus" / "manifest.jsonl").read_text(encoding="utf-8").splitlines():
        entry = json.loads(line)
        if entry.get("html") and entry.get("url"):
            urls[str(corpus / "fundus" / "test_data" / entry["html"])] = entry["url"]
    files = sorted((corpus / "indonesian" / "pages").glob("*.html.gz"))
    files += sorted((corpus / "aeb" / "html").glob("*.html.gz"))
    files += sorted((corpus / "fundus" / "test_data").rglob("*.html.gz"))
    return [(gzip.decompress(f.read_bytes()), urls.get(str(f))) for f in files]


def sample(items: list, n: int | None) -> list:  # type: ignore[type-arg]
    """``n`` evenly spaced items of ``items`` in their order (all of them when ``n`` is None or too large)."""
    if n is None or n >= len(items):
        return list(items)
    return [items[i * len(items) // n] for i in range(n)]


def _sentence(rng: random.Random) -> str:
    words = rng.choices(WORDS, k=rng.randint(9, 20))
    return words[0].capitalize() + " " + " ".join(words[1:]) + "."


def _paragraphs(rng: random.Random, n: int) -> list[str]:
    return [" ".join(_sentence(rng) for _ in range(rng.randint(3, 5))) for _ in range(n)]


def _chrome(base: str, n_listings: int) -> tuple[str, str]:
    """Header mega-menu and footer shared by every generated page (boilerplate, as on real news sites)."""
    nav = "".join(f'<li class="menu-item"><div class="menu-wrap"><a href="{base}list/{1 + k % max(1, n_listings)}">'
                  f'<span class="menu-label">{SECTIONS[k % len(SECTIONS)].title()} {k}</span></a></div></li>'
                  for k in range(120))
    header = (f'<header class="site-header"><a class="logo" href="{base}">Kabar Bench</a>'
              f'<nav class="menu"><ul>{nav}</ul></nav><form class="search"><input name="q"></form></header>')
    links = "".join(f'<li><a href="{base}list/{1 + k % max(1, n_listings)}">Tautan {k}</a></li>' for k in range(60))
    footer = ('<footer class="site-footer"><p>&copy; 2026 Kabar Bench. Hak cipta dilindungi undang-undang.</p>'
              f'<ul>{links}</ul></footer>')
    return header, footer


def generated_article(base: str, n: int, i: int, n_listings: int) -> tuple[bytes, datetime]:
    """One synthetic Indonesian news article page (~40 KB, with boilerplate and scripts)."""
    rng = random.Random(i)
    city = CITIES[i % len(CITIES)]
    section = SECTIONS[i % len(SECTIONS)]
    published = START + timedelta(minutes=7 * i)
    title = f"{rng.choice(WORDS).capitalize()} {rng.choice(WORDS)} {rng.choice(WORDS)} di {city}, laporan nomor {i}"
    paras = _paragraphs(rng, rng.randint(7, 12))
    paras[0] = f"{city}, Kabar Bench - " + paras[0]
    header, footer = _chrome(base, n_listings)
    related = "".join(f'<li><a href="{base}a/g{(i + k * 37) % n}">Berita terkait nomor {(i + k * 37) % n}</a></li>'
                      for k in range(1, 6))
    iso = published.isoformat()
    shown = f"{published.day} {MONTHS[published.month - 1]} {published.year} {published:%H:%M} WIB"
    ld = json.dumps({"@context": "https://schema.org", "@type": "NewsArticle", "headline": title,
                     "datePublished": iso, "dateModified": iso, "author": {"@type": "Person", "name": f"Penulis {i % 40}"},
                     "mainEntityOfPage": f"{base}a/g{i}"}, ensure_ascii=False)
    script = "var _cfg = " + json.dumps({"ads": [f"slot-{k}" for k in range(1500)], "id": i}) + ";"
    body = "".join(f"<p>{escape(p)}</p>" for p in paras)
    cards = "".join(f'<div class="card"><a href="{base}a/g{(i + k * 13) % n}"><div class="thumb"><img src="/img/{k}.jpg" '
                    f'alt="foto {k}"></div><div class="card-body"><h4>{escape(_sentence(rng)[:70])}</h4>'
                    f'<span class="time">{k} jam lalu</span></div></a></div>' for k in range(40))
    html = f"""<!DOCTYPE html><html lang="id"><head><meta charset="utf-8">
<title>{escape(title)} - Kabar Bench</title>
<link rel="canonical" href="{base}a/g{i}">
<meta property="og:type" content="article"><meta property="og:title" content="{escape(title)}">
<meta property="article:published_time" content="{iso}"><meta property="article:modified_time" content="{iso}">
<meta name="author" content="Penulis {i % 40}"><meta name="description" content="{escape(paras[0][:150])}">
<script type="application/ld+json">{ld}</script><script>{script}</script>
<style>{'.c{margin:0;padding:0}' * 200}</style></head><body>{header}
<main><article><h1>{escape(title)}</h1><div class="meta"><span class="author">Penulis {i % 40}</span>
<time datetime="{iso}">{shown}</time><a href="{base}list/{1 + i % max(1, n_listings)}">{section.title()}</a></div>
<div class="content">{body}</div></article>
<aside class="related"><h3>Baca juga</h3><ul>{related}</ul></aside></main>
<div class="sidebar"><h3>Terpopuler</h3><ol>{related}</ol><div class="ad">Iklan</div>
<div class="grid"><h3>Berita lainnya</h3>{cards}</div></div>{footer}</body></html>"""
    return html.encode("utf-8"), published


def _listing(base: str, k: int, ids: list[str], n_listings: int) -> bytes:
    header, footer = _chrome(base, n_listings)
    items = "".join(f'<li><a href="{base}a/{i}">Artikel {i}</a> · <a href="{base}b/{i}?utm_source=x">mirror</a></li>'
                    for i in ids)
    return (f'<!DOCTYPE html><html lang="id"><head><meta charset="utf-8"><title>Indeks {k} - Kabar Bench</title>'
            f'<meta property="og:type" content="website"></head><body>{header}<main><h1>Indeks berita {k}</h1>'
            f'<ul class="list">{items}</ul></main>{footer}</body></html>').encode("utf-8")


def _sitemap(base: str, entries: list[tuple[str, datetime | None]]) -> bytes:
    rows = "".join(f"<url><loc>{base}{path}</loc>" + (f"<lastmod>{when.isoformat()}</lastmod>" if when else "") + "</url>"
                   for path, when in entries)
    return ('<?xml version="1.0" encoding="UTF-8"?><urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">'
            f"{rows}</urlset>").encode("utf-8")


_CANONICAL = re.compile(rb"<link[^>]+rel=[\"']?canonical[^>]*>", re.I)


_BASE = re.compile(rb"<base[^>]*>", re.I)
ELSEWHERE = "https://corpus-origin.invalid/"


def _in_head(html: bytes, tags: bytes) -> bytes:
    head = re.search(rb"<head[^>]*>", html, re.I)
    return html[:head.end()] + tags + html[head.end():] if head else tags + html


def rehome(html: bytes, canonical: str | None) -> bytes:
    """A corpus page as served here: its relative links point back to its (absent) origin, not at
    this server, and, when ``canonical`` is given, it names that URL as its canonical address (as
    a site's own mirror/AMP copy does).  Otherwise its original, off-site canonical stays."""
    html = _BASE.sub(b"", html)
    tags = f'<base href="{ELSEWHERE}">'.encode()
    if canonical:
        html = _CANONICAL.sub(b"", html)
        tags += f'<link rel="canonical" href="{canonical}">'.encode()
    return _in_head(html, tags)


def build_site(base: str, corpus: list[bytes], generated: int, keep_canonical: int = 21) -> Site:
    """Render every page of the site served at ``base`` (ends with '/').

    The first ``keep_canonical`` corpus pages (the Indonesian set) keep their
    original off-site canonical: their mirrors are only deduplicated by body,
    after extraction.  The others name their local ``/a/`` URL as canonical.
    """
    site = Site()
    ids = [f"c{k}" for k in range(len(corpus))] + [f"g{k}" for k in range(generated)]
    n_listings = max(1, -(-len(ids) // PER_LISTING))
    entries: list[tuple[str, datetime | None]] = []
    for k, html in enumerate(corpus):
        canonical = None if k < keep_canonical else f"{base}a/c{k}"  # None: recognisable by its body only
        site.pages[f"/a/c{k}"] = site.pages[f"/b/c{k}"] = rehome(html, canonical)
        entries += [(f"a/c{k}", None), (f"b/c{k}?utm_source=x", None)]
    for k in range(generated):
        html, when = generated_article(base, generated, k, n_listings)
        site.pages[f"/a/g{k}"] = site.pages[f"/b/g{k}"] = html
        entries += [(f"a/g{k}", when), (f"b/g{k}?utm_source=x", when)]
    site.article_ids = ids
    site.corpus_ids = ids[:len(corpus)]
    listing_links = "".join(f'<li><a href="{base}list/{k}">Indeks {k}</a></li>' for k in range(1, n_listings + 1))
    header, footer = _chrome(base, n_listings)
    site.pages["/"] = (f'<!DOCTYPE html><html lang="id"><head><meta charset="utf-8"><title>Kabar Bench</title></head>'
                       f'<body>{header}<ul>{listing_links}</ul>{footer}</body></html>').encode("utf-8")
    for k in range(1, n_listings + 1):
        site.pages[f"/list/{k}"] = _listing(base, k, ids[(k - 1) * PER_LISTING:k * PER_LISTING], n_listings)
    chunks = [entries[j:j + PER_SITEMAP] for j in range(0, len(entries), PER_SITEMAP)]
    for j, chunk in enumerate(chunks, 1):
        site.pages[f"/sitemap-{j}.xml"] = _sitemap(base, chunk)
    index = "".join(f"<sitemap><loc>{base}sitemap-{j}.xml</loc></sitemap>" for j in range(1, len(chunks) + 1))
    site.pages["/sitemap.xml"] = ('<?xml version="1.0" encoding="UTF-8"?><sitemapindex '
                                  f'xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">{index}</sitemapindex>').encode()
    site.pages["/robots.txt"] = f"User-agent: *\nAllow: /\nSitemap: {base}sitemap.xml\n".encode()
    for path in site.pages:
        site.content_types[path] = ("application/xml" if path.endswith(".xml") else
                                    "text/plain" if path.endswith(".txt") else "text/html; charset=utf-8")
    return site


def site_toml(base: str) -> str:
    """The crawler's configuration for the benchmark site."""
    return f"""id = "bench"
name = "Kabar Bench (benchmark site)"
base_url = "{base}"
domains = ["127.0.0.1"]
language = "id"
timezone = "Asia/Jakarta"

[discovery]
sitemaps = ["sitemap.xml"]
sections = []
robots_sitemaps = false

[articles]
allow = ['/[ab]/[cg]\\d+']
deny = ['/list/']
"""
