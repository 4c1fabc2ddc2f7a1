"""What every WordPress theme prints alike: the <head>, menu, footer, comment form, the ``<body class>``
of a post, and the small formatting helpers the theme modules share."""

from __future__ import annotations

from datetime import timezone
from html import escape
from typing import TYPE_CHECKING

from archiver.demo.cms.wp_urls import (
    WordPress,
    category_path,
    comments_feed_path,
    feed_path,
    page_path,
)
from archiver.demo.datelines import BULAN
from archiver.demo.model import SECTIONS, DemoArticle

if TYPE_CHECKING:
    from archiver.demo.cms import CmsSite

SECTION_NAMES = SECTIONS
TAGLINES = {"wordpress": "Kabar dari desa untuk Indonesia", "yoast": "Berita Kalimantan terkini dan terpercaya",
            "jnews": "Berita Sumatra hari ini"}
VERSION = "6.8.3"


def image_path(article: DemoArticle) -> str:
    return f"/wp-content/uploads/{article.published_at:%Y/%m}/foto-{article.id}.png"


def _p(paragraphs: tuple[str, ...] | list[str]) -> list[str]:
    return [f"<p>{escape(p, quote=False)}</p>" for p in paragraphs]


def _iso(article: DemoArticle, utc: bool = False) -> str:
    dt = article.published_at.astimezone(timezone.utc) if utc else article.published_at
    return dt.isoformat(timespec="seconds")


def _others(site: "CmsSite", article: DemoArticle) -> list[DemoArticle]:
    """What a theme's related-post blocks show: the site's other posts on its home page."""
    return [a for a in site.articles[:2] if a.id != article.id] or [a for a in site.articles if a.id != article.id][:1]


def _head(site: "CmsSite", base: str, wp: WordPress, title: str, extra: list[str]) -> str:

    root = base.rstrip("/")
    feeds = [f'<link rel="alternate" type="application/rss+xml" title="{escape(site.name)} &raquo; Feed" '
             f'href="{root}{escape(feed_path(wp))}" />',
             f'<link rel="alternate" type="application/rss+xml" title="{escape(site.name)} &raquo; Umpan Komentar" '
             f'href="{root}{escape(comments_feed_path(wp))}" />'] if wp.advertise_feed else []
    return "\n".join([
        '<meta charset="UTF-8" />', '<meta name="viewport" content="width=device-width, initial-scale=1" />',
        "<meta name='robots' content='index, follow, max-image-preview:large, max-snippet:-1, max-video-preview:-1' />",
        f"<title>{escape(title)}</title>", *extra, *feeds,
        f"<link rel='stylesheet' id='wp-block-library-css' href='{root}/wp-includes/css/dist/block-library/style.min.css"
        f"?ver={VERSION}' media='all' />",
        f'<link rel="https://api.w.org/" href="{root}/wp-json/" />',
        f'<link rel="EditURI" type="application/rsd+xml" title="RSD" href="{root}/xmlrpc.php?rsd" />',
        f'<meta name="generator" content="WordPress {VERSION}" />',
    ])


def _doc(head: str, body_class: str, body: str) -> str:
    return f'<!DOCTYPE html>\n<html lang="id">\n<head>\n{head}\n</head>\n<body class="{body_class}">\n{body}\n</body>\n</html>\n'


def _menu(site: "CmsSite", wp: WordPress) -> str:

    sections = sorted({a.section for a in site.articles})
    items = ['<li class="menu-item"><a href="/">Beranda</a></li>']
    items += [f'<li class="menu-item menu-item-type-taxonomy"><a href="{escape(category_path(wp, s))}">{SECTIONS[s]}</a></li>'
              for s in sections]
    items.append(f'<li class="menu-item"><a href="{escape(page_path(wp, 2))}">Tentang Kami</a></li>')
    return f'<ul class="menu">{"".join(items)}</ul>'


def _footer_links(wp: WordPress) -> str:

    return " &middot; ".join(f'<a href="{escape(page_path(wp, n))}">{name}</a>'
                             for n, name in ((12, "Redaksi"), (14, "Pedoman Media Siber"), (2, "Tentang Kami")))


def _comment_form(base: str) -> str:
    return (f'<div id="respond" class="comment-respond"><h3 id="reply-title" class="comment-reply-title">Tinggalkan '
            f'Balasan</h3><form action="{base.rstrip("/")}/wp-comments-post.php" method="post" id="commentform" '
            'class="comment-form" novalidate><p class="comment-notes"><span id="email-notes">Alamat email Anda tidak '
            'akan dipublikasikan.</span> <span class="required-field-message">Ruas yang wajib ditandai <span '
            'class="required">*</span></span></p><p class="comment-form-comment"><label for="comment">Komentar <span '
            'class="required">*</span></label> <textarea id="comment" name="comment" cols="45" rows="8" '
            'maxlength="65525" required></textarea></p><p class="comment-form-author"><label for="author">Nama '
            '<span class="required">*</span></label> <input id="author" name="author" type="text" size="30" '
            'maxlength="245" required /></p><p class="form-submit"><input name="submit" type="submit" id="submit" '
            'class="submit" value="Kirim Komentar" /></p></form></div>')


def _body_class(post: DemoArticle, theme: str) -> str:
    extra = {"block": "wp-embed-responsive", "newspaper": "td-standard-pack global-block-template-1 tdb_template_4120 "
             "tdb-template tdc-header-template tdc-footer-template td-full-layout",
             "jnews": "jeg_toggle_light jeg_single_tpl_1 jnews jsc_normal wpb-js-composer js-comp-ver-6.13.0 vc_responsive"}
    return f"post-template-default single single-post postid-{post.id} single-format-standard {extra[theme]}"


def _bulan(post: DemoArticle) -> str:
    return BULAN[post.published_at.month - 1]
