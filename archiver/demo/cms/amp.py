"""An AMP-only mobile site: every page is ``<html ⚡>``, and an article's canonical link names itself.

Regional newsrooms that publish only a mobile site build it on AMP: the required boilerplate
(``<style amp-boilerplate>``, the ``v0.js`` runtime and ``custom-element`` scripts), ``amp-img``
instead of ``img``, ``amp-ad`` slots inside the story with their "ADVERTISEMENT" label, a sticky ad,
``amp-social-share`` buttons, an ``amp-sidebar`` menu, ``amp-analytics`` and a Taboola ``amp-embed``.
There is no JSON-LD and no ``og:type``: the time is only the visible "Rabu, 3 Desember 2025 |
14:05 WIT" dateline.  robots.txt names a plain ``/sitemap.xml``; the home page links the two newest
stories, so the oldest is found through the sitemap only.
"""

from __future__ import annotations

from html import escape
from urllib.parse import urlsplit

from archiver.demo.cms.site import CmsSite, republish
from archiver.demo.datelines import dateline
from archiver.demo.model import SECTIONS, DemoArticle, slugify
from archiver.demo.routes import PNG, Response

NAME = "Papua Kini"
HTML = "text/html; charset=utf-8"
_BOILERPLATE = (
    "<style amp-boilerplate>body{-webkit-animation:-amp-start 8s steps(1,end) 0s 1 normal both;-moz-animation:-amp-start "
    "8s steps(1,end) 0s 1 normal both;animation:-amp-start 8s steps(1,end) 0s 1 normal both}@keyframes -amp-start{from"
    "{visibility:hidden}to{visibility:visible}}</style><noscript><style amp-boilerplate>body{-webkit-animation:none;"
    "-moz-animation:none;animation:none}</style></noscript>"
)
_ELEMENTS = ("amp-ad", "amp-social-share", "amp-sidebar", "amp-analytics", "amp-sticky-ad")


def post_path(article: DemoArticle) -> str:
    return f"/read/{article.published_at:%Y/%m/%d}/{article.id}/{article.slug}"


def robots_txt(base: str) -> str:
    return f"User-agent: *\nDisallow: /cari\n\nSitemap: {base.rstrip('/')}/sitemap.xml\n"


def sitemap(base: str, site: CmsSite) -> str:
    root = base.rstrip("/")
    items = "".join(f"<url><loc>{root}{post_path(a)}</loc><lastmod>{a.last_changed.isoformat(timespec='seconds')}"
                    "</lastmod><changefreq>hourly</changefreq><priority>0.8</priority></url>" for a in site.articles)
    return ('<?xml version="1.0" encoding="UTF-8"?>\n'
            f'<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">{items}</urlset>\n')


def _document(base: str, site: CmsSite, title: str, path: str, main: str, description: str) -> str:
    root = base.rstrip("/")
    scripts = "".join(f'<script async custom-element="{e}" src="https://cdn.ampproject.org/v0/{e}-0.1.js"></script>'
                      for e in _ELEMENTS)
    menu = "".join(f'<li><a href="/kanal/{s}">{SECTIONS[s]}</a></li>' for s in sorted({a.section for a in site.articles}))
    return f"""<!doctype html>
<html ⚡ lang="id">
<head>
<meta charset="utf-8">
<title>{escape(title)}</title>
<link rel="canonical" href="{root}{escape(path)}">
<meta name="viewport" content="width=device-width,minimum-scale=1,initial-scale=1">
<meta name="description" content="{escape(description)}">
<script async src="https://cdn.ampproject.org/v0.js"></script>
{scripts}
<style amp-custom>body{{font-family:Roboto,sans-serif}}.read__title{{font-size:22px}}.ads-label{{font-size:10px;color:#999}}</style>
{_BOILERPLATE}
</head>
<body>
<amp-analytics type="gtag" data-credentials="include"><script type="application/json">{{"vars":{{"gtag_id":"G-PK2025","config":{{"G-PK2025":{{"groups":"default"}}}}}}}}</script></amp-analytics>
<amp-sidebar id="sidebar" layout="nodisplay" side="left"><ul class="sidebar__menu"><li><a href="/">Beranda</a></li>{menu}</ul></amp-sidebar>
<header class="header"><button on="tap:sidebar.toggle" class="header__menu" aria-label="Menu">&#9776;</button><a href="/" class="header__logo"><amp-img src="/img/logo.png" width="160" height="40" alt="{NAME}"></amp-img></a></header>
<amp-sticky-ad layout="nodisplay"><amp-ad width="320" height="50" type="doubleclick" data-slot="/21804213/papuakini_m_sticky"></amp-ad></amp-sticky-ad>
<main class="main">
{main}
</main>
<footer class="footer"><p><a href="/redaksi">Redaksi</a> &middot; <a href="/pedoman-media-siber">Pedoman Media Siber</a></p><p>&copy; 2025 {NAME}. Seluruh hak cipta dilindungi.</p></footer>
</body>
</html>"""


def _item(a: DemoArticle) -> str:
    return (f'<li class="list__item"><a href="{post_path(a)}"><amp-img src="/img/{a.id}.png" width="120" height="68" '
            f'layout="fixed" alt=""></amp-img><h2 class="list__title">{escape(a.title)}</h2></a>'
            f'<span class="list__time">{dateline(a.published_at, a.zone, "pipa")}</span></li>')


def article_page(base: str, site: CmsSite, a: DemoArticle) -> str:
    others = [o for o in site.articles[:2] if o.id != a.id] or [o for o in site.articles if o.id != a.id][:1]
    paragraphs = [f"<p>{escape(p, quote=False)}</p>" for p in a.paragraphs]
    paragraphs.insert(2, '<div class="ads-inarticle"><span class="ads-label">ADVERTISEMENT</span><amp-ad width="300" '
                         'height="250" type="doubleclick" data-slot="/21804213/papuakini_m_inarticle" '
                         'data-multi-size="300x600,300x250"><div placeholder></div><div fallback></div></amp-ad></div>')
    related = "".join(f'<li><a href="{post_path(o)}"><amp-img src="/img/{o.id}.png" width="100" height="56" layout="fixed" '
                      f'alt=""></amp-img><h4>{escape(o.title)}</h4></a></li>' for o in others)
    tags = "".join(f'<a class="tag__item" href="/tag/{slugify(t)}">{escape(t)}</a>' for t in a.tags)
    share = "".join(f'<amp-social-share type="{kind}" width="36" height="36"></amp-social-share>'
                    for kind in ("facebook", "twitter", "whatsapp", "line"))
    main = f"""<article class="read">
<div class="read__kanal"><a href="/kanal/{a.section}">{SECTIONS[a.section]}</a></div>
<h1 class="read__title">{escape(a.title)}</h1>
<div class="read__info"><div class="read__author">Penulis: <a href="/penulis/{slugify(a.authors[0])}">{escape(a.authors[0])}</a></div>
<div class="read__time">{dateline(a.published_at, a.zone, "pipa")}</div></div>
<div class="read__share">{share}</div>
<figure class="read__photo"><amp-img src="/img/{a.id}.png" width="720" height="405" layout="responsive" alt="{escape(a.title)}"></amp-img>
<figcaption>Ilustrasi: {escape(a.tags[0] if a.tags else SECTIONS[a.section])}. (Foto: Dok. {NAME})</figcaption></figure>
<div class="read__content">
{chr(10).join(paragraphs)}
</div>
<div class="read__tags"><h4>Tag</h4>{tags}</div>
<div class="read__related"><h3>Berita Terkait</h3><ul>{related}</ul></div>
<amp-embed width="100" height="100" type="taboola" layout="responsive" data-publisher="papuakini-mobile" data-mode="thumbnails-a" data-placement="Mobile Below Article Thumbnails" data-target_type="mix" data-article="auto"></amp-embed>
</article>"""
    return _document(base, site, f"{a.title} - {NAME}", post_path(a), main, a.description)


def respond(site: CmsSite, base: str, raw_path: str) -> Response:
    path = urlsplit(raw_path).path

    def ok(body: str, ctype: str = HTML) -> Response:
        return Response(200, body.encode("utf-8"), [("Content-Type", ctype)])

    if path == "/robots.txt":
        return ok(robots_txt(base), "text/plain; charset=utf-8")
    if path == "/sitemap.xml":
        return ok(sitemap(base, site), "application/xml; charset=utf-8")
    if path.startswith("/img/"):
        return Response(200, PNG, [("Content-Type", "image/png")])
    article = next((a for a in site.articles if post_path(a) == path), None)
    if article is not None:
        return ok(article_page(base, site, article))
    if path == "/":
        main = f'<section class="list"><h2>Berita Terkini</h2><ul>{"".join(_item(a) for a in site.articles[:2])}</ul></section>'
        return ok(_document(base, site, f"{NAME} - Berita Papua Terkini", "/", main, "Berita Papua terkini"))
    for section in SECTIONS:
        if path == f"/kanal/{section}":
            posts = [a for a in site.articles[:2] if a.section == section]
            main = f'<section class="list"><h1>{SECTIONS[section]}</h1><ul>{"".join(_item(a) for a in posts)}</ul></section>'
            return ok(_document(base, site, f"{SECTIONS[section]} - {NAME}", path, main, f"Berita {SECTIONS[section]}"))
    for prefix, matches in (("/tag/", lambda a, key: key in {slugify(t) for t in a.tags}),
                            ("/penulis/", lambda a, key: key in {slugify(n) for n in a.authors})):
        posts = [a for a in site.articles if path.startswith(prefix) and matches(a, path.removeprefix(prefix))]
        if posts:
            main = f'<section class="list"><h1>{escape(path.removeprefix(prefix))}</h1><ul>{"".join(_item(a) for a in posts)}</ul></section>'
            return ok(_document(base, site, f"{path.removeprefix(prefix)} - {NAME}", path, main, NAME))
    if path in ("/redaksi", "/pedoman-media-siber"):
        main = (f'<article class="page"><h1>{"Redaksi" if path == "/redaksi" else "Pedoman Media Siber"}</h1>'
                f"<p>{NAME} dikelola oleh tim redaksi di Jayapura.</p></article>")
        return ok(_document(base, site, NAME, path, main, NAME))
    body = _document(base, site, f"Halaman tidak ditemukan - {NAME}", path, "<h1>Halaman tidak ditemukan</h1>", NAME)
    return Response(404, body.encode("utf-8"), [("Content-Type", HTML)])


_ARTICLES = republish((7030304, 7020205, 7010104), NAME)
SITE = CmsSite(key="amp", name=NAME, articles=_ARTICLES, path=post_path, respond=respond, discovery=("/sitemap.xml",),
               listings=("/", f"/kanal/{_ARTICLES[0].section}", f"/tag/{slugify(_ARTICLES[0].tags[0])}",
                         f"/penulis/{slugify(_ARTICLES[0].authors[0])}", "/redaksi"))
