"""The JNews theme's markup (``jeg_post_title``, ``content-inner``, its share bar, inline "Baca Juga" and
related-post blocks): posts and the post lists its listings reuse."""

from __future__ import annotations

import json
from html import escape
from typing import TYPE_CHECKING

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
    post_path,
)
from archiver.demo.datelines import dateline
from archiver.demo.model import SECTIONS, DemoArticle, slugify

if TYPE_CHECKING:
    from archiver.demo.cms import CmsSite


def _jnews_head(site: "CmsSite", base: str, post: DemoArticle, url: str) -> list[str]:
    """JNews' own social meta and schema (no SEO plugin): a NewsArticle dated in local wall-clock time."""
    root = base.rstrip("/")
    schema = {"@context": "http://schema.org", "@type": "NewsArticle",
              "mainEntityOfPage": {"@type": "WebPage", "@id": url},
              "dateCreated": f"{post.published_at:%Y-%m-%d %H:%M:%S}", "datePublished": f"{post.published_at:%Y-%m-%d %H:%M:%S}",
              "dateModified": f"{post.last_changed:%Y-%m-%d %H:%M:%S}", "url": url, "headline": post.title, "name": post.title,
              "articleSection": SECTIONS[post.section],
              "image": {"@type": "ImageObject", "url": root + image_path(post), "width": 750, "height": 375},
              "author": {"@type": "Person", "url": f"{root}/author/{slugify(post.authors[0])}/", "name": post.authors[0]},
              "publisher": {"@type": "Organization", "name": site.name, "url": f"{root}/"}}
    return [
        '<meta property="og:type" content="article">', f'<meta property="og:title" content="{escape(post.title)}">',
        f'<meta property="og:site_name" content="{escape(site.name)}">',
        f'<meta property="og:description" content="{escape(post.description)}">',
        f'<meta property="og:url" content="{escape(url)}">', '<meta property="og:locale" content="id_ID">',
        f'<meta property="og:image" content="{root}{image_path(post)}">',
        f'<meta property="article:published_time" content="{_iso(post)}">',
        f'<meta property="article:section" content="{SECTIONS[post.section]}">',
        *(f'<meta property="article:tag" content="{escape(t)}">' for t in post.tags),
        f'<link rel="canonical" href="{escape(url)}" />',
        f'<script type="application/ld+json">{json.dumps(schema, ensure_ascii=False).replace("/", chr(92) + "/")}</script>',
    ]


def _jeg_posts(wp: WordPress, posts: list[DemoArticle], layout: str) -> str:

    return "".join(
        f'<article class="jeg_post {layout} format-standard"><div class="jeg_thumb"><a href="{escape(post_path(wp, a))}"><div '
        f'class="thumbnail-container animate-lazy size-715"><img src="{image_path(a)}" class="attachment-jnews-350x250 '
        f'size-jnews-350x250 lazyload wp-post-image" alt="{escape(a.title)}" /></div></a></div><div class="jeg_postblock_content">'
        f'<h3 class="jeg_post_title"><a href="{escape(post_path(wp, a))}">{escape(a.title)}</a></h3><div class="jeg_post_meta">'
        f'<div class="jeg_meta_date"><a href="{escape(post_path(wp, a))}"><i class="fa fa-clock-o"></i> {a.published_at.day} '
        f"{_bulan(a)} {a.published_at.year}</a></div></div></div></article>"
        for a in posts)


def _jeg_block(title: str, posts: str, number: int) -> str:
    return (f'<div class="jeg_postblock_{number} jeg_postblock jeg_module_hook jeg_pagination_disable jeg_col_2o3 '
            f'jnews_module_{number}_0_6750c1"><div class="jeg_block_heading jeg_block_heading_6 jeg_subcat_right"><h3 '
            f'class="jeg_block_title"><span>{title}</span></h3></div><div class="jeg_block_container"><div class="jeg_posts">'
            f"{posts}</div></div></div>")


def _jnews_share(url: str) -> str:
    return ('<div class="jeg_share_button clearfix"><div class="jeg_share_stats"><div class="jeg_share_count"><div '
            'class="counts">0</div><span class="sharetext">SHARES</span></div><div class="jeg_views_count"><div '
            'class="counts">128</div><span class="sharetext">VIEWS</span></div></div><div class="jeg_sharelist">'
            f'<a href="http://www.facebook.com/sharer.php?u={escape(url)}" rel="nofollow" class="jeg_btn-facebook expanded">'
            '<i class="fa fa-facebook-official"></i><span>Share on Facebook</span></a>'
            f'<a href="https://twitter.com/intent/tweet?url={escape(url)}" rel="nofollow" class="jeg_btn-twitter expanded">'
            '<i class="fa fa-twitter"></i><span>Share on Twitter</span></a>'
            f'<a href="//api.whatsapp.com/send?text={escape(url)}" rel="nofollow" class="jeg_btn-whatsapp"><i class="fa '
            'fa-whatsapp"></i></a><a href="#" class="jeg_btn-toggle"><i class="fa fa-share"></i></a></div></div>')


def _jnews_frame(site: "CmsSite", base: str, wp: WordPress, main: str, sidebar_posts: list[DemoArticle]) -> str:
    root = base.rstrip("/")
    return f"""<div class="jeg_ad jeg_ad_top jnews_header_top_ads"><div class='ads-wrapper  '></div></div>
<div class="jeg_viewport">
<div class="jeg_header_wrapper"><div class="jeg_header normal"><div class="jeg_topbar jeg_container dark"><div class="jeg_nav_item jeg_top_date">Kamis, Desember 4, 2025</div></div>
<div class="jeg_midbar"><div class="jeg_logo jeg_desktop_logo"><h1 class="site-title"><a href="{root}/">{escape(site.name)}</a></h1></div></div>
<div class="jeg_bottombar"><div class="jeg_nav_item jeg_main_menu_wrapper"><div class="jeg_mainmenu_wrap">{_menu(site, wp).replace('class="menu"', 'class="jeg_menu jeg_main_menu jeg_menu_style_1"')}</div></div></div></div></div>
<div class="post-wrapper"><div class="post-wrap"><div class="jeg_main"><div class="jeg_container"><div class="jeg_content jeg_singlepage"><div class="container">
<div class="row">
<div class="jeg_main_content col-md-8">{main}</div>
<div class="jeg_sidebar jeg_sticky_sidebar col-md-4"><div class="jegStickyHolder"><div class="theiaStickySidebar"><div class="widget widget_jnews_module_block_21">{_jeg_block("Terpopuler", _jeg_posts(wp, sidebar_posts, "jeg_pl_sm"), 21)}</div></div></div></div>
</div></div></div></div></div></div></div>
<div class="footer-holder" id="footer"><div class="jeg_footer jeg_footer_1 dark"><div class="jeg_footer_container jeg_container"><div class="jeg_footer_bottom"><p class="copyright"> &copy; 2025 {escape(site.name)} - {TAGLINES[site.key]}</p><div class="jeg_nav_item">{_footer_links(wp)}</div></div></div></div></div>
</div>"""


def _jnews_post(site: "CmsSite", base: str, wp: WordPress, post: DemoArticle) -> str:
    """JNews' single-post template 1: share bar on top, inline "Baca Juga", tags, author box, related posts."""

    root = base.rstrip("/")
    url = root + post_path(wp, post)
    head = _head(site, base, wp, f"{post.title} \u2013 {site.name}", _jnews_head(site, base, post, url))
    others = _others(site, post)
    paragraphs = _p(post.paragraphs)
    paragraphs.insert(2, '<div class="jnews_inline_related_post_wrapper"><div class="jnews_inline_related_post">'
                         + _jeg_block("Baca Juga", _jeg_posts(wp, others, "jeg_pl_sm"), 21) + "</div></div>")
    tags = "".join(f'<a href="/tag/{slugify(t)}/" rel="tag">{escape(t)}</a>' for t in post.tags)
    author = post.authors[0]
    main = f"""<div class="jeg_inner_content">
<div class="jeg_breadcrumbs jeg_breadcrumb_container"><div id="breadcrumbs"><span class=""><a href="{root}/">Beranda</a></span><i class="fa fa-angle-right"></i><span class=""><a href="{escape(category_path(wp, post.section))}">{SECTIONS[post.section]}</a></span><i class="fa fa-angle-right"></i><span class="breadcrumb_last_link"><a href="{escape(url)}">{escape(post.title)}</a></span></div></div>
<div class="entry-header">
<h1 class="jeg_post_title">{escape(post.title)}</h1>
<h2 class="jeg_post_subtitle">{escape(post.description)}</h2>
<div class="jeg_meta_container"><div class="jeg_post_meta jeg_post_meta_1"><div class="meta_left">
<div class="jeg_meta_author"><span class="meta_text">oleh</span> <a href="{escape(author_path(wp, author))}">{escape(author)}</a></div>
<div class="jeg_meta_date"><a href="{escape(url)}">{dateline(post.published_at, post.zone, "pipa")}</a></div>
<div class="jeg_meta_category"><span><span class="meta_text">in</span> <a href="{escape(category_path(wp, post.section))}" rel="category tag">{SECTIONS[post.section]}</a></span></div>
</div><div class="meta_right"><div class="jeg_meta_comment"><a href="{escape(url)}#comments"><i class="fa fa-comment-o"></i> 0</a></div></div></div></div>
</div>
<div class="jeg_featured featured_image"><a href="{image_path(post)}"><div class="thumbnail-container animate-lazy" style="padding-bottom:50%"><img width="750" height="375" src="{image_path(post)}" class="attachment-jnews-750x375 size-jnews-750x375 lazyload wp-post-image" alt="{escape(post.title)}" /></div><p class="wp-caption-text">Ilustrasi: {escape(post.tags[0] if post.tags else SECTIONS[post.section])}. (Foto: Dok. {escape(site.name)})</p></a></div>
<div class="jeg_share_top_container">{_jnews_share(url)}</div>
<div class="jeg_ad jeg_article jnews_content_top_ads "><div class='ads-wrapper  '></div></div>
<div class="entry-content no-share">
<div class="jeg_share_button share-float jeg_sticky_share clearfix share-monocrhome"><div class="jeg_share_float_container"></div></div>
<div class="content-inner ">
{chr(10).join(paragraphs)}
<div class="jeg_post_tags"><span>Tags:</span> {tags}</div>
</div>
</div>
<div class="jeg_share_bottom_container"></div>
<div class="jeg_ad jeg_article jnews_content_bottom_ads "><div class='ads-wrapper  '><a href='#' rel="noopener" class='adlink ads_image '><img src='{root}/wp-content/uploads/2025/01/iklan-728x90.png' alt='Iklan' /></a></div></div>
<div class="jnews_prev_next_container"><div class="jeg_prevnext_post">{"".join(f'<a href="{escape(post_path(wp, a))}" class="post prev-post"><span class="caption">Previous Post</span><h3 class="post-title">{escape(a.title)}</h3></a>' for a in others)}</div></div>
<div class="jnews_author_box_container "><div class="jeg_authorbox"><div class="jeg_author_content"><h3 class="jeg_author_name"><a href="{escape(author_path(wp, author))}">{escape(author)}</a></h3><p class="jeg_author_desc">Wartawan {escape(site.name)}. Menulis tentang {SECTIONS[post.section].lower()} dan kehidupan warga.</p></div></div></div>
<div class="jnews_related_post_container">{_jeg_block("Related<strong> Posts</strong>", _jeg_posts(wp, others, "jeg_pl_md_box"), 22)}</div>
<div class="jnews_comment_container"><div id="comments" class="comment-wrapper section">{_comment_form(base)}</div></div>
</div>"""
    return _doc(head, _body_class(post, "jnews"), _jnews_frame(site, base, wp, main, others))
