"""The WordPress sites' pages per theme: a core block theme and tagDiv's Newspaper here, JNews in :mod:`wp_jnews`.

Each theme renders the same three kinds of page (a post, a listing, a static page) the way the
theme's templates print them: the class names scrapers and extractors meet in the wild
(``wp-block-post-content``; ``tdb_single_content td-post-content`` > ``tdb-block-inner td-fix-index``;
``jeg_post_title``, ``content-inner``), the share bars, inline "Baca Juga" and bottom related-post
blocks, author boxes, comment forms, ads, and the ``<body class>`` that tells a post from a page.
"""

from __future__ import annotations

import json
from html import escape
from typing import TYPE_CHECKING

from archiver.demo.cms.wp_jnews import _jeg_block, _jeg_posts, _jnews_frame, _jnews_post
from archiver.demo.cms.wp_parts import (
    TAGLINES,
    _body_class,
    _bulan,
    _comment_form,
    _doc,
    _footer_links,
    _head,
    _iso,
    _menu,
    _others,
    _p,
    image_path,
)
from archiver.demo.cms.wp_urls import (
    WordPress,
    author_path,
    category_path,
    page_path,
    post_path,
)
from archiver.demo.datelines import dateline
from archiver.demo.model import SECTIONS, DemoArticle, slugify

if TYPE_CHECKING:
    from archiver.demo.cms import CmsSite

# -- posts -----------------------------------------------------------------------------------------

def article(site: "CmsSite", base: str, wp: WordPress, post: DemoArticle) -> str:
    render = {"block": _block_post, "newspaper": _newspaper_post, "jnews": _jnews_post}[wp.theme]
    return render(site, base, wp, post)

def _block_post(site: "CmsSite", base: str, wp: WordPress, post: DemoArticle) -> str:
    """WordPress core with a block theme: no SEO plugin, so no og: tags and no JSON-LD; a ``<time>``."""

    root = base.rstrip("/")
    url = root + post_path(wp, post)
    head = _head(site, base, wp, f"{post.title} &#8211; {site.name}".replace("&#8211;", "\u2013"), [
        f'<link rel="canonical" href="{escape(url)}" />', f"<link rel='shortlink' href='{root}/?p={post.id}' />"])
    older = [a for a in site.articles if a.published_at < post.published_at][:1]
    newer = [a for a in reversed(site.articles) if a.published_at > post.published_at][:1]
    nav = "".join(
        f'<div class="post-navigation-link-{kind} wp-block-post-navigation-link"><span class="wp-block-post-navigation-'
        f'link__arrow-{kind}">{arrow}</span><a href="{escape(post_path(wp, a))}" rel="{rel}">{escape(a.title)}</a></div>'
        for kind, arrow, rel, items in (("previous", "&larr;", "prev", older), ("next", "&rarr;", "next", newer)) for a in items)
    author = post.authors[0]
    tags = ", ".join(f'<a href="/?tag={slugify(t)}" rel="tag">{escape(t)}</a>' for t in post.tags)
    body = f"""<div class="wp-site-blocks">
<header class="wp-block-template-part"><div class="wp-block-group alignwide"><p class="wp-block-site-title"><a href="{root}" rel="home">{escape(site.name)}</a></p>
<nav class="is-responsive wp-block-navigation" aria-label="Navigasi">{_menu(site, wp)}</nav></div></header>
<main class="wp-block-group">
<div class="wp-block-group has-global-padding is-layout-constrained">
<h1 class="wp-block-post-title">{escape(post.title)}</h1>
<div class="wp-block-template-part"><div class="wp-block-group is-layout-flex">
<div class="wp-block-post-date"><time datetime="{_iso(post)}">{post.published_at.day} {_bulan(post)} {post.published_at.year}</time></div>
<div class="wp-block-post-author-name"><span class="wp-block-post-author-name__prefix">oleh </span><a href="{escape(author_path(wp, author))}" target="_self" class="wp-block-post-author-name__link">{escape(author)}</a></div>
<div class="taxonomy-category wp-block-post-terms"><span class="wp-block-post-terms__prefix">dalam </span><a href="{escape(category_path(wp, post.section))}" rel="tag">{SECTIONS[post.section]}</a></div>
</div></div></div>
<figure class="alignwide wp-block-post-featured-image"><img width="1200" height="675" src="{image_path(post)}" class="attachment-post-thumbnail size-post-thumbnail wp-post-image" alt="" decoding="async" /></figure>
<div class="entry-content alignfull wp-block-post-content has-global-padding is-layout-constrained wp-block-post-content-is-layout-constrained">
{chr(10).join(_p(post.paragraphs))}
</div>
<div class="wp-block-group has-global-padding is-layout-constrained"><div class="taxonomy-post_tag wp-block-post-terms"><span class="wp-block-post-terms__prefix">Tag: </span>{tags}</div></div>
<nav class="wp-block-group alignwide is-content-justification-space-between is-layout-flex" aria-label="Navigasi pos">{nav}</nav>
<div class="wp-block-comments wp-block-comments-query-loop">{_comment_form(base)}</div>
</main>
<footer class="wp-block-template-part"><div class="wp-block-group"><p>{_footer_links(wp)}</p><p class="has-small-font-size">Dirancang dengan <a href="https://id.wordpress.org" rel="nofollow">WordPress</a></p></div></footer>
</div>"""
    return _doc(head, _body_class(post, "block"), body)

def _yoast_head(site: "CmsSite", base: str, wp: WordPress, post: DemoArticle, url: str) -> list[str]:
    """What Yoast SEO prints in a post's <head>: og: and article: tags, and its JSON-LD graph."""
    root = base.rstrip("/")
    person = f"{root}/#/schema/person/{slugify(post.authors[0])}"
    graph = [
        {"@type": "Article", "@id": f"{url}#article", "isPartOf": {"@id": url},
         "author": {"name": post.authors[0], "@id": person}, "headline": post.title, "datePublished": _iso(post, True),
         "mainEntityOfPage": {"@id": url}, "wordCount": len(" ".join(post.paragraphs).split()),
         "publisher": {"@id": f"{root}/#organization"}, "image": {"@id": f"{url}#primaryimage"},
         "thumbnailUrl": root + image_path(post), "keywords": list(post.tags),
         "articleSection": [SECTIONS[post.section]], "inLanguage": "id"},
        {"@type": "WebPage", "@id": url, "url": url, "name": f"{post.title} - {site.name}",
         "isPartOf": {"@id": f"{root}/#website"}, "datePublished": _iso(post, True),
         "breadcrumb": {"@id": f"{url}#breadcrumb"}, "inLanguage": "id",
         "potentialAction": [{"@type": "ReadAction", "target": [url]}]},
        {"@type": "ImageObject", "inLanguage": "id", "@id": f"{url}#primaryimage", "url": root + image_path(post),
         "contentUrl": root + image_path(post), "width": 1200, "height": 675},
        {"@type": "BreadcrumbList", "@id": f"{url}#breadcrumb", "itemListElement": [
            {"@type": "ListItem", "position": 1, "name": "Beranda", "item": f"{root}/"},
            {"@type": "ListItem", "position": 2, "name": post.title}]},
        {"@type": "WebSite", "@id": f"{root}/#website", "url": f"{root}/", "name": site.name,
         "publisher": {"@id": f"{root}/#organization"}, "inLanguage": "id",
         "potentialAction": [{"@type": "SearchAction", "target": {"@type": "EntryPoint",
                                                                  "urlTemplate": f"{root}/?s={{search_term_string}}"},
                              "query-input": {"@type": "PropertyValueSpecification", "valueRequired": True,
                                              "valueName": "search_term_string"}}]},
        {"@type": "Organization", "@id": f"{root}/#organization", "name": site.name, "url": f"{root}/"},
        {"@type": "Person", "@id": person, "name": post.authors[0], "url": f"{root}/author/{slugify(post.authors[0])}/"},
    ]
    return [
        "<!-- This site is optimized with the Yoast SEO plugin v26.4 - https://yoast.com/product/yoast-seo-wordpress/ -->",
        f'<meta name="description" content="{escape(post.description)}" />',
        f'<link rel="canonical" href="{escape(url)}" />',
        '<meta property="og:locale" content="id_ID" />', '<meta property="og:type" content="article" />',
        f'<meta property="og:title" content="{escape(post.title)} - {escape(site.name)}" />',
        f'<meta property="og:description" content="{escape(post.description)}" />',
        f'<meta property="og:url" content="{escape(url)}" />',
        f'<meta property="og:site_name" content="{escape(site.name)}" />',
        f'<meta property="article:published_time" content="{_iso(post, True)}" />',
        f'<meta property="og:image" content="{root}{image_path(post)}" />',
        f'<meta name="author" content="{escape(post.authors[0])}" />',
        '<meta name="twitter:card" content="summary_large_image" />',
        '<meta name="twitter:label1" content="Ditulis oleh" />',
        f'<meta name="twitter:data1" content="{escape(post.authors[0])}" />',
        '<meta name="twitter:label2" content="Estimasi waktu membaca" />',
        '<meta name="twitter:data2" content="2 menit" />',
        '<script type="application/ld+json" class="yoast-schema-graph">'
        + json.dumps({"@context": "https://schema.org", "@graph": graph}, ensure_ascii=False) + "</script>",
        "<!-- / Yoast SEO plugin. -->",
    ]


def _td_block(kind: str, uid: int, inner: str, extra: str = "") -> str:
    return (f'<div class="td_block_wrap {kind} tdi_{uid} {extra} td-pb-border-top td_block_template_1" '
            f'data-td-block-uid="tdi_{uid}"><div class="tdb-block-inner td-fix-index">{inner}</div></div>')


def _newspaper_post(site: "CmsSite", base: str, wp: WordPress, post: DemoArticle) -> str:
    """tagDiv's Newspaper with a Cloud Library single-post template, and Yoast SEO in the <head>."""

    root = base.rstrip("/")
    url = root + post_path(wp, post)
    head = _head(site, base, wp, f"{post.title} - {site.name}", _yoast_head(site, base, wp, post, url))
    paragraphs = _p(post.paragraphs)
    paragraphs.insert(2, '<div class="td-a-ad id_inline_ad0 id_ad_content-horiz-center"><span class="td-adspot-title">'
                         '- Advertisement -</span><div class="td-all-devices"><a href="#" target="_blank"><img '
                         f'src="{root}/wp-content/uploads/2025/01/iklan-300x250.png" /></a></div></div>')
    share = "".join(
        f'<a class="td-social-sharing-button td-social-sharing-button-js td-social-network td-social-{net.lower()}" '
        f'href="{href}{escape(url)}" title="{net}"><div class="td-social-but-icon"><i class="td-icon-{net.lower()}"></i>'
        f'</div><div class="td-social-but-text">{net}</div></a>'
        for net, href in (("Facebook", "https://www.facebook.com/sharer.php?u="), ("Twitter", "https://twitter.com/intent/tweet?url="),
                          ("WhatsApp", "https://api.whatsapp.com/send?text="), ("Telegram", "https://telegram.me/share/url?url=")))
    related = "".join(
        f'<div class="tdb_module_related td_module_wrap td-animation-stack"><div class="td-module-container '
        f'td-category-pos-"><div class="td-image-container"><div class="td-module-thumb"><a href="{escape(post_path(wp, a))}" '
        f'rel="bookmark" class="td-image-wrap " title="{escape(a.title)}"><span class="entry-thumb td-thumb-css"></span></a>'
        f'</div></div><div class="td-module-meta-info"><h3 class="entry-title td-module-title"><a href="{escape(post_path(wp, a))}" '
        f'rel="bookmark" title="{escape(a.title)}">{escape(a.title)}</a></h3><div class="td-editor-date"><span '
        f'class="td-author-date"><span class="td-post-date"><time class="entry-date updated td-module-date" '
        f'datetime="{_iso(a)}">{a.published_at.day} {_bulan(a)} {a.published_at.year}</time></span></span></div></div></div></div>'
        for a in _others(site, post))
    tags = "".join(f'<li><a href="/tag/{slugify(t)}/">{escape(t)}</a></li>' for t in post.tags)
    author = post.authors[0]
    date_text = dateline(post.published_at, post.zone, "tanggal")
    column = "".join([
        f'<div class="td_block_wrap tdb_single_categories tdi_67 td-pb-border-top td_block_template_1"><div class="tdb-category '
        f'td-fix-index"><a class="tdb-entry-category" href="{escape(category_path(wp, post.section))}"><span class="tdb-cat-bg">'
        f'</span>{SECTIONS[post.section]}</a></div></div>',
        _td_block("tdb_title", 68, f'<h1 class="tdb-title-text">{escape(post.title)}</h1><div></div><div class="tdb-title-line"></div>',
                  "tdb-single-title"),
        _td_block("tdb_single_author", 69, f'<div class="tdb-author-name-wrap"><span class="tdb-author-by">Oleh</span> <a '
                  f'class="tdb-author-name" href="{escape(author_path(wp, author))}">{escape(author)}</a></div>', "tdb-post-meta"),
        _td_block("tdb_single_date", 70, f'<time class="entry-date updated td-module-date" datetime="{_iso(post)}" >'
                  f"{date_text}</time>", "tdb-post-meta"),
        f'<div class="td_block_wrap tdb_single_post_share tdi_72 td-pb-border-top td_block_template_1"><div id="tdi_72" '
        f'class="td-post-sharing tdb-block td-ps-bg td-ps-notext td-post-sharing-style1"><div class="td-post-sharing-visible">'
        f"{share}</div></div></div>",
        _td_block("tdb_single_featured_image", 73, f'<img class="entry-thumb" src="{image_path(post)}" alt="" /><figcaption '
                  f'class="tdb-caption-text">Ilustrasi: {escape(post.tags[0] if post.tags else SECTIONS[post.section])}. '
                  f"(Foto: Dok. {escape(site.name)})</figcaption>", "tdb-content-horiz-left"),
        _td_block("tdb_single_content", 75, "".join(paragraphs), "td-post-content tagdiv-type"),
        _td_block("tdb_single_tags", 76, f'<ul class="tdb-tags"><li><span>TAGS</span></li>{tags}</ul>'),
        f'<div class="td_block_wrap tdb_single_related tdi_79 tdb-single-related-posts td-pb-border-top td_block_template_8">'
        f'<div class="td-block-title-wrap"><h4 class="td-block-title"><span>BERITA TERKAIT</span></h4></div><div id="tdi_79" '
        f'class="td_block_inner tdb-block-inner td-fix-index">{related}</div></div>',
        f'<div class="td_block_wrap tdb_single_comments tdi_80 td-pb-border-top td_block_template_1"><div class="tdb-block-inner '
        f'td-fix-index"><div class="comments" id="comments">{_comment_form(base)}</div></div></div>',
    ])
    body = f"""<div id="td-outer-wrap" class="td-theme-wrap">
<div class="td-header-template-wrap"><div class="td-header-desktop-wrap"><div class="tdc_zone tdi_2 wpb_row td-pb-row"><a class="tdb-logo-a" href="{root}/"><span class="tdb-logo-text-title">{escape(site.name)}</span></a>
<div class="td_block_wrap tdb_header_menu tdi_14">{_menu(site, wp)}</div></div></div></div>
<div id="tdb-autoload-article" data-autoload="off" data-autoload-org-post-id="{post.id}" data-autoload-count="5">
<div class="td-main-content-wrap td-container-wrap"><div class="tdc-content-wrap">
<article id="template-id-4120" class="post-4120 tdb_templates type-tdb_templates status-publish post" itemscope itemtype="https://schema.org/Article">
<meta itemprop="headline " content="{escape(post.title)}"><meta itemprop="datePublished" content="{_iso(post)}">
<div class="td-crumb-container"><div class="tdb-breadcrumbs"><span><a title="" class="tdb-entry-crumb" href="{root}/">Beranda</a></span> <i class="tdc-font-tdmp tdc-font-tdmp-arrow-right tdb-bread-sep"></i> <span><a class="tdb-entry-crumb" href="{escape(category_path(wp, post.section))}">{SECTIONS[post.section]}</a></span></div></div>
<div id="tdi_60" class="tdc-zone"><div class="tdc_zone tdi_61 wpb_row td-pb-row"><div id="tdi_62" class="tdc-row"><div class="vc_row tdi_63 wpb_row td-pb-row">
<div class="vc_column tdi_65 wpb_column vc_column_container tdc-column td-pb-span8"><div class="wpb_wrapper">{column}</div></div>
<div class="vc_column tdi_81 wpb_column vc_column_container tdc-column td-pb-span4"><div class="wpb_wrapper"><div class="td_block_wrap td_flex_block_1 tdi_82"><div class="td-block-title-wrap"><h4 class="td-block-title"><span>TERPOPULER</span></h4></div>{related}</div></div></div>
</div></div></div></div>
</article></div></div></div>
<div class="td-footer-template-wrap"><div class="tdc_zone tdi_90"><p>{_footer_links(wp)}</p><p>&copy; {escape(site.name)} 2025. Hak cipta dilindungi undang-undang.</p></div></div>
</div>"""
    return _doc(head, _body_class(post, "newspaper"), body)

# -- listings and pages ----------------------------------------------------------------------------

def listing(site: "CmsSite", base: str, wp: WordPress, title: str, posts: list[DemoArticle], path: str,
            body_class: str) -> str:
    """Home, category, author and 404 pages: excerpts linking to posts."""

    root = base.rstrip("/")
    head = _head(site, base, wp, f"{title} \u2013 {site.name}" if path != "/" else f"{site.name} \u2013 {TAGLINES[site.key]}",
                 [f'<link rel="canonical" href="{escape(root + path)}" />'] if path != "/404" else [])
    if wp.theme == "jnews":
        main = f'<div class="jeg_inner_content"><h1 class="jeg_archive_title">{escape(title)}</h1>' \
               f'{_jeg_block("Berita Terbaru", _jeg_posts(wp, posts, "jeg_pl_lg_2"), 4)}</div>'
        return _doc(head, f"{body_class} jeg_toggle_light jnews", _jnews_frame(site, base, wp, main, posts[:2]))
    items = "".join(
        f'<li class="wp-block-post post-{a.id} post type-post status-publish format-standard hentry category-{a.section}">'
        f'<h2 class="wp-block-post-title entry-title td-module-title"><a href="{escape(post_path(wp, a))}" target="_self">'
        f'{escape(a.title)}</a></h2><div class="wp-block-post-date"><time datetime="{_iso(a)}">{a.published_at.day} '
        f'{_bulan(a)} {a.published_at.year}</time></div><div class="wp-block-post-excerpt"><p class="wp-block-post-excerpt__excerpt">'
        f"{escape(a.description)} </p></div></li>"
        for a in posts)
    empty = "" if posts else "<p>Maaf, tidak ada yang cocok dengan kriteria Anda.</p>"
    body = f"""<div class="wp-site-blocks td-theme-wrap">
<header class="wp-block-template-part"><p class="wp-block-site-title"><a href="{root}" rel="home">{escape(site.name)}</a></p><nav class="wp-block-navigation">{_menu(site, wp)}</nav></header>
<main class="wp-block-group"><h1 class="wp-block-query-title">{escape(title)}</h1>
<div class="wp-block-query"><ul class="wp-block-post-template">{items}</ul>{empty}</div></main>
<footer class="wp-block-template-part"><p>{_footer_links(wp)}</p></footer>
</div>"""
    return _doc(head, body_class, body)


def static_page(site: "CmsSite", base: str, wp: WordPress, page_id: int, title: str, paragraphs: list[str]) -> str:
    """A WordPress page: SEO plugins and JNews mark it ``og:type=article`` all the same."""

    root = base.rstrip("/")
    url = root + page_path(wp, page_id)
    extra = [f'<link rel="canonical" href="{escape(url)}" />']
    if wp.theme != "block":
        extra += ['<meta property="og:type" content="article" />', f'<meta property="og:title" content="{escape(title)}" />',
                  f'<meta property="og:url" content="{escape(url)}" />']
    head = _head(site, base, wp, f"{title} \u2013 {site.name}", extra)
    body = f"""<div class="wp-site-blocks td-theme-wrap jeg_viewport">
<header class="wp-block-template-part"><p class="wp-block-site-title"><a href="{root}" rel="home">{escape(site.name)}</a></p><nav>{_menu(site, wp)}</nav></header>
<main class="wp-block-group"><article id="post-{page_id}" class="post-{page_id} page type-page status-publish hentry">
<h1 class="wp-block-post-title entry-title jeg_post_title tdb-title-text">{escape(title)}</h1>
<div class="entry-content wp-block-post-content td-post-content content-inner">{"".join(_p(paragraphs))}</div>
</article></main>
<footer class="wp-block-template-part"><p>{_footer_links(wp)}</p></footer>
</div>"""
    return _doc(head, f"page-template-default page page-id-{page_id} wp-embed-responsive", body)
