"""HTML of the demo article pages (normal, multi-page, AMP, republished copy).

Pages deliberately differ in how they state their metadata (see
``DemoArticle.style``) and carry the in-body boilerplate that real Indonesian
sites inject, so that extraction is tested against what it will meet.
"""

from __future__ import annotations

import json
from html import escape

from archiver.demo.datelines import dateline, updated_line
from archiver.demo.layout import footer, header, page
from archiver.demo.model import SECTIONS, SITE_NAME, DemoArticle, slugify


def _iso(article: DemoArticle, modified: bool = False) -> str:
    dt = article.modified_at if modified else article.published_at
    assert dt is not None
    return dt.isoformat(timespec="seconds")


def json_ld(article: DemoArticle, base: str) -> str:
    data: dict[str, object] = {
        "@context": "https://schema.org",
        "@type": "NewsArticle",
        "mainEntityOfPage": {"@type": "WebPage", "@id": article.url(base)},
        "headline": article.title,
        "description": article.description,
        "image": {"@type": "ImageObject", "url": base.rstrip("/") + article.image_path, "width": 720, "height": 405},
        "datePublished": _iso(article),
        "author": [{"@type": "Person", "name": name} for name in article.authors],
        "publisher": {"@type": "Organization", "name": SITE_NAME,
                      "logo": {"@type": "ImageObject", "url": base + "img/logo.png"}},
        "articleSection": SECTIONS[article.section],
        "keywords": list(article.tags),
        "inLanguage": "id-ID",
    }
    if article.modified_at:
        data["dateModified"] = _iso(article, modified=True)
    return f'<script type="application/ld+json">{json.dumps(data, ensure_ascii=False)}</script>'


def _head_meta(article: DemoArticle, base: str, *, canonical: bool) -> list[str]:
    """Metadata tags of the <head>, according to the article's style."""
    url = article.url(base)
    tags = [f'<meta name="description" content="{escape(article.description)}">']
    if canonical:
        tags.append(f'<link rel="canonical" href="{url}">')
        tags.append(f'<link rel="amphtml" href="{base.rstrip("/")}{article.amp_path}">')
    if article.style != "jsonld_only":
        tags += [
            '<meta property="og:type" content="article">',
            f'<meta property="og:title" content="{escape(article.title)}">',
            f'<meta property="og:description" content="{escape(article.description)}">',
            f'<meta property="og:image" content="{base.rstrip("/")}{article.image_path}">',
            f'<meta property="og:site_name" content="{SITE_NAME}">',
            f'<meta name="author" content="{escape(", ".join(article.authors))}">',
            f'<meta name="keywords" content="{escape(", ".join(article.tags))}">',
        ]
        if canonical:
            tags.append(f'<meta property="og:url" content="{url}">')
    if article.style == "meta":
        tags.append(f'<meta property="article:published_time" content="{_iso(article)}">')
        if article.modified_at:
            tags.append(f'<meta property="article:modified_time" content="{_iso(article, True)}">')
        tags.append(f'<meta property="article:section" content="{SECTIONS[article.section]}">')
        tags += [f'<meta property="article:tag" content="{escape(t)}">' for t in article.tags]
    if article.style == "detik":
        # detik's habit: WIB wall-clock time with a 'Z' suffix (7 hours off if read literally).
        tags.append(f'<meta name="pubdate" content="{article.published_at:%Y-%m-%dT%H:%M:%S}Z">')
        if article.modified_at:
            tags.append(f'<meta name="lastupdate" content="{article.modified_at:%Y-%m-%dT%H:%M:%S}Z">')
    if article.style in ("jsonld", "jsonld_only"):
        tags.append(json_ld(article, base))
    return tags


def _related(article: DemoArticle, others: list[DemoArticle], n: int) -> list[DemoArticle]:
    same = [a for a in others if a.section == article.section and a.id != article.id]
    return (same + [a for a in others if a.id != article.id and a not in same])[:n]


def _body_html(article: DemoArticle, chunk: tuple[str, ...], first_page: bool, last_page: bool,
               others: list[DemoArticle]) -> str:
    """The article body with the boilerplate that sites inject between paragraphs."""
    related = _related(article, others, 4)
    out: list[str] = []
    for i, para in enumerate(chunk):
        out.append(f"<p>{escape(para, quote=False)}</p>")
        if i == 1 and first_page and related:
            out.append(f'<p>Baca juga: <a href="{related[0].path}">{escape(related[0].title)}</a></p>')
        if i == 2 and "ads" in article.features:
            out.append('<div class="parallaxindetail"><p class="para_caption">ADVERTISEMENT</p>'
                       '<div class="ad-slot" data-slot="inarticle"></div>'
                       '<p class="para_caption">SCROLL TO CONTINUE WITH CONTENT</p></div>')
        if i == 3 and "baca_juga_div" in article.features:
            items = "".join(f'<li><a href="{a.path}">{escape(a.title)}</a></li>' for a in related[1:3])
            out.append(f'<div class="baca-juga"><strong>Baca Juga:</strong><ul>{items}</ul></div>')
    if last_page:
        if "simak_video" in article.features:
            out.append(f'<p><strong>Simak Video "{escape(article.tags[0] if article.tags else article.title)}: '
                       'Suasana Terkini di Lokasi":</strong></p>'
                       f'<div class="embed-video" data-video-id="v{article.id}"></div>')
        out += [f"<p>({escape(code)})</p>" for code in article.editor_codes]
    return "\n".join(out)


def _pager(article: DemoArticle, page_no: int) -> str:
    """'Halaman selanjutnya' navigation of a multi-page article."""
    if article.pages <= 1 or page_no == 0:
        return ""
    links = [f'<a href="{article.path}?page={n}">{n}</a>' if n != page_no else f"<span>{n}</span>"
             for n in range(1, article.pages + 1)]
    nxt = (f'<a class="next" rel="next" href="{article.path}?page={page_no + 1}">Halaman selanjutnya</a>'
           if page_no < article.pages else "")
    return (f'<nav class="paging">Halaman: {" ".join(links)} {nxt} '
            f'<a class="all" href="{article.path}?page=all">Tampilkan semua</a></nav>')


def _extras(article: DemoArticle, others: list[DemoArticle]) -> str:
    tags = " ".join(f'<a href="/tag/{slugify(t)}">{escape(t)}</a>' for t in article.tags)
    related = "".join(f'<li><a href="{a.path}">{escape(a.title)}</a></li>' for a in _related(article, others, 4)[1:])
    out = [f'<div class="tag-list">Tag: {tags}</div>',
           f'<section class="artikel-terkait"><h3>Berita Terkait</h3><ul>{related}</ul></section>']
    if "comments" in article.features:
        out.append('<section id="komentar" class="comments"><h3>Komentar (2)</h3>'
                   '<div class="comment"><p class="comment-author">budi_88</p><p>Semoga cepat diperluas ke kota saya, '
                   'di sini belum ada sama sekali.</p></div>'
                   '<div class="comment"><p class="comment-author">sri.wahyuni</p><p>Baterainya tahan berapa lama ya? '
                   'Ada yang sudah coba?</p></div></section>')
    return "\n".join(out)


def _share_bar(url: str) -> str:
    return ('<div class="share-bar"><span>Bagikan:</span> '
            f'<a href="https://www.facebook.com/sharer/sharer.php?u={url}">Facebook</a> '
            f'<a href="https://twitter.com/intent/tweet?url={url}">X</a> '
            f'<a href="https://wa.me/?text={url}">WhatsApp</a> <button type="button">Salin tautan</button></div>')


def article_page(article: DemoArticle, base: str, others: list[DemoArticle], page_no: int = 1,
                 *, republished: bool = False) -> str:
    """One page of an article; ``page_no`` 0 is the whole article (``?page=all``)."""
    chunks = article.page_paragraphs()
    chunk = article.paragraphs if page_no == 0 else chunks[page_no - 1]
    head = _head_meta(article, base, canonical=not republished)
    if article.pages > 1 and page_no > 0:
        if page_no < article.pages:
            head.append(f'<link rel="next" href="{article.url(base)}?page={page_no + 1}">')
        if page_no > 1:
            head.append(f'<link rel="prev" href="{article.url(base)}?page={page_no - 1}">')
    times = f'<div class="date">{escape(dateline(article.published_at, article.zone, article.dateline), quote=False)}</div>'
    if article.modified_at:
        times += f'<div class="date-updated">{escape(updated_line(article.modified_at, article.zone))}</div>'
    section = SECTIONS[article.section]
    main = f"""<main class="container">
<nav class="breadcrumb"><a href="/">Beranda</a> &rsaquo; <a href="/kanal/{article.section}">{section}</a></nav>
<article class="detail">
<h1 class="detail__title">{escape(article.title)}</h1>
<div class="detail__author">Penulis: {escape(", ".join(article.authors))}</div>
{times}
{_share_bar(article.url(base))}
<figure class="detail__media"><img src="{article.image_path}" alt="{escape(article.title)}" width="720" height="405">
<figcaption>Ilustrasi: {escape(article.tags[0] if article.tags else section)}. (Foto: Dok. {SITE_NAME})</figcaption></figure>
<div class="detail__body-text itp_bodycontent">
{_body_html(article, chunk, page_no in (0, 1), page_no in (0, article.pages), others)}
</div>
{_pager(article, page_no)}
{_extras(article, others)}
</article>
</main>"""
    html = page(f"{article.title} - {SITE_NAME}", head, header() + main + footer(), article.encoding)
    return malform(html) if "malformed" in article.features else html


def malform(html: str) -> str:
    """Break the markup the way sloppy CMS templates do: unclosed tags, stray end tags."""
    html = html.replace("</p>", "").replace("</li>", "")
    html = html.replace('<h1 class="detail__title">', '<div class="iklan-atas"><b><h1 class="detail__title">', 1)
    html = html.replace("</article>", "</span></td>", 1)
    return html.replace("</body>", "").replace("</html>", "")


def amp_page(article: DemoArticle, base: str) -> str:
    """The AMP copy: the whole article, canonical link back to the normal URL."""
    paras = "\n".join(f"<p>{escape(p, quote=False)}</p>" for p in article.paragraphs)
    return f"""<!doctype html>
<html amp lang="id">
<head>
<meta charset="utf-8">
<title>{escape(article.title)} - {SITE_NAME}</title>
<link rel="canonical" href="{article.url(base)}">
<meta name="viewport" content="width=device-width,minimum-scale=1,initial-scale=1">
{json_ld(article.replace(style="jsonld"), base)}
<style amp-boilerplate>body{{visibility:hidden}}</style>
<script async src="https://cdn.ampproject.org/v0.js"></script>
</head>
<body>
<header><a href="/">{SITE_NAME}</a></header>
<article>
<h1>{escape(article.title)}</h1>
<div class="byline">Penulis: {escape(", ".join(article.authors))}</div>
<div class="date">{escape(dateline(article.published_at, article.zone, "hari_lengkap"))}</div>
<amp-img src="{article.image_path}" width="720" height="405" layout="responsive"></amp-img>
{paras}
</article>
</body>
</html>"""
