"""A Blogger site: ``/YYYY/MM/slug.html`` posts, the Atom feed and its ``?alt=rss`` twin, labels, archives.

What Blogger serves a custom-domain blog: a robots.txt the owner rewrote from a blogging guide
(``Disallow: /search``, no ``Sitemap:`` line), ``/feeds/posts/default`` (Atom 1.0 with ``openSearch``,
``thr:`` and ``media:thumbnail``, each entry's ``link rel='alternate'`` after its ``replies``, ``edit``
and ``self`` links) and ``?alt=rss``, the "Simple" template's markup (``post-body entry-content``,
the ``date-header``, ``<abbr class='published' itemprop='datePublished' title='…'>``, share buttons,
"Posting Lebih Baru / Posting Lama"), label pages ``/search/label/…``, month archives ``/YYYY/MM/``
that show whole posts, and a static page ``/p/tentang.html``.  Times are the blog's zone (WITA).
Blogger's own ``/sitemap.xml`` is left out (404), so that the feeds are what finds the posts.
"""

from __future__ import annotations

from datetime import timezone
from email.utils import format_datetime
from html import escape
from urllib.parse import parse_qs, urlsplit
from zoneinfo import ZoneInfo

from archiver.demo.cms.site import CmsSite, republish
from archiver.demo.datelines import BULAN, HARI
from archiver.demo.model import SECTIONS, DemoArticle
from archiver.demo.routes import PNG, Response

BLOG_ID = "7480123456789012345"
NAME = "Catatan Lombok"
ZONE = ZoneInfo("Asia/Makassar")  # Settings > Formatting > Time zone: the blog's, not each story's newsroom
HTML = "text/html; charset=UTF-8"


def post_path(article: DemoArticle) -> str:
    """``/YYYY/MM/slug.html`` in the blog's zone, the slug cut at 40 characters as Blogger cuts it."""
    return f"/{article.published_at.astimezone(ZONE):%Y/%m}/{article.slug[:40].rstrip('-')}.html"


def _label(article: DemoArticle) -> str:
    return SECTIONS[article.section]


def _local(article: DemoArticle) -> str:
    """Blogger's timestampISO8601: the blog's zone, milliseconds included."""
    dt = article.published_at.astimezone(ZONE)
    return dt.strftime("%Y-%m-%dT%H:%M:%S.000") + dt.strftime("%z")[:3] + ":" + dt.strftime("%z")[3:]


def _date_header(article: DemoArticle) -> str:
    dt = article.published_at.astimezone(ZONE)
    return f"{HARI[dt.weekday()]}, {dt:%d} {BULAN[dt.month - 1]} {dt.year}"


def robots_txt() -> str:
    return "User-agent: Mediapartners-Google\nDisallow:\n\nUser-agent: *\nDisallow: /search\nAllow: /\n"


def _content_html(article: DemoArticle) -> str:
    return "".join(f"<p>{escape(p, quote=False)}</p>" for p in article.paragraphs)


def atom(base: str, site: CmsSite) -> str:
    root = base.rstrip("/")
    entries = ""
    for a in site.articles:
        post_id = f"{a.id}00112233"
        url = root + post_path(a)
        entries += (
            f"<entry><id>tag:blogger.com,1999:blog-{BLOG_ID}.post-{post_id}</id><published>{_local(a)}</published>"
            f"<updated>{_local(a)}</updated>"
            f"<category scheme=\"http://www.blogger.com/atom/ns#\" term=\"{_label(a)}\"/>"
            f"<title type='text'>{escape(a.title)}</title><content type='html'>{escape(_content_html(a))}</content>"
            f"<link rel='replies' type='application/atom+xml' href='{root}/feeds/{post_id}/comments/default' "
            "title='Posting Komentar'/>"
            f"<link rel='replies' type='text/html' href='{url}#comment-form' title='0 Komentar'/>"
            f"<link rel='edit' type='application/atom+xml' href='https://www.blogger.com/feeds/{BLOG_ID}/posts/default/{post_id}'/>"
            f"<link rel='self' type='application/atom+xml' href='https://www.blogger.com/feeds/{BLOG_ID}/posts/default/{post_id}'/>"
            f"<link rel='alternate' type='text/html' href='{url}' title='{escape(a.title)}'/>"
            f"<author><name>{escape(a.authors[0])}</name><uri>https://www.blogger.com/profile/0{a.id}</uri>"
            "<email>noreply@blogger.com</email></author>"
            f"<media:thumbnail xmlns:media=\"http://search.yahoo.com/mrss/\" url=\"{root}/img/{a.id}-s72-c.png\" height=\"72\" "
            "width=\"72\"/><thr:total>0</thr:total></entry>"
        )
    updated = _local(site.articles[0])
    return (
        "<?xml version='1.0' encoding='UTF-8'?><?xml-stylesheet href=\"https://www.blogger.com/styles/atom.css\" "
        "type=\"text/css\"?><feed xmlns='http://www.w3.org/2005/Atom' xmlns:openSearch='http://a9.com/-/spec/opensearchrss/1.0/' "
        "xmlns:blogger='http://schemas.google.com/blogger/2008' xmlns:georss='http://www.georss.org/georss' "
        "xmlns:gd=\"http://schemas.google.com/g/2005\" xmlns:thr='http://purl.org/syndication/thread/1.0'>"
        f"<id>tag:blogger.com,1999:blog-{BLOG_ID}</id><updated>{updated}</updated>"
        + "".join(f"<category term=\"{SECTIONS[s]}\"/>" for s in sorted({a.section for a in site.articles}))
        + f"<title type='text'>{NAME}</title><subtitle type='html'>Cerita dan kabar dari Lombok dan sekitarnya</subtitle>"
        f"<link rel='http://schemas.google.com/g/2005#feed' type='application/atom+xml' href='{root}/feeds/posts/default'/>"
        f"<link rel='self' type='application/atom+xml' href='https://www.blogger.com/feeds/{BLOG_ID}/posts/default'/>"
        f"<link rel='alternate' type='text/html' href='{root}/'/><link rel='hub' href='http://pubsubhubbub.appspot.com/'/>"
        "<author><name>Lalu Ahmad Zaini</name><email>noreply@blogger.com</email></author>"
        "<generator version='7.00' uri='http://www.blogger.com'>Blogger</generator>"
        f"<openSearch:totalResults>{len(site.articles)}</openSearch:totalResults><openSearch:startIndex>1</openSearch:startIndex>"
        f"<openSearch:itemsPerPage>25</openSearch:itemsPerPage>{entries}</feed>"
    )


def rss(base: str, site: CmsSite) -> str:
    root = base.rstrip("/")
    items = "".join(
        f"<item><guid isPermaLink='false'>tag:blogger.com,1999:blog-{BLOG_ID}.post-{a.id}00112233</guid>"
        f"<pubDate>{format_datetime(a.published_at.astimezone(timezone.utc), usegmt=True).replace('GMT', '+0000')}</pubDate>"
        f"<atom:updated>{_local(a)}</atom:updated>"
        f"<category domain='http://www.blogger.com/atom/ns#'>{_label(a)}</category><title>{escape(a.title)}</title>"
        f"<description>{escape(_content_html(a))}</description><link>{root}{post_path(a)}</link>"
        f"<author>noreply@blogger.com ({escape(a.authors[0])})</author><thr:total>0</thr:total></item>"
        for a in site.articles)
    return (
        "<?xml version='1.0' encoding='UTF-8'?><rss xmlns:atom='http://www.w3.org/2005/Atom' "
        "xmlns:openSearch='http://a9.com/-/spec/opensearchrss/1.0/' xmlns:blogger='http://schemas.google.com/blogger/2008' "
        "xmlns:georss='http://www.georss.org/georss' xmlns:gd=\"http://schemas.google.com/g/2005\" "
        "xmlns:thr='http://purl.org/syndication/thread/1.0' version='2.0'><channel>"
        f"<atom:id>tag:blogger.com,1999:blog-{BLOG_ID}</atom:id><lastBuildDate>"
        f"{format_datetime(site.articles[0].published_at.astimezone(timezone.utc), usegmt=True)}</lastBuildDate>"
        f"<title>{NAME}</title><description>Cerita dan kabar dari Lombok dan sekitarnya</description><link>{root}/</link>"
        f"<managingEditor>noreply@blogger.com (Lalu Ahmad Zaini)</managingEditor><generator>Blogger</generator>"
        f"<openSearch:totalResults>{len(site.articles)}</openSearch:totalResults>{items}</channel></rss>"
    )


def _head(base: str, title: str, canonical: str, extra: str = "") -> str:
    root = base.rstrip("/")
    return f"""<meta content='width=1100' name='viewport'/>
<meta content='text/html; charset=UTF-8' http-equiv='Content-Type'/>
<meta content='blogger' name='generator'/>
<link href='{root}/favicon.ico' rel='icon' type='image/x-icon'/>
<link href='{canonical}' rel='canonical'/>
<link rel="alternate" type="application/atom+xml" title="{NAME} - Atom" href="{root}/feeds/posts/default" />
<link rel="alternate" type="application/rss+xml" title="{NAME} - RSS" href="{root}/feeds/posts/default?alt=rss" />
<link rel="service.post" type="application/atom+xml" title="{NAME} - Atom" href="https://www.blogger.com/feeds/{BLOG_ID}/posts/default" />
{extra}
<title>{escape(title)}</title>
<style id='page-skin-1' type='text/css'><!-- body {{ font: normal normal 12px Arial; }} --></style>"""


THANKS = ("Terima kasih sudah mampir ke Catatan Lombok. Punya cerita perjalanan dari Lombok? Kirim ke "
          "catatanlombok@gmail.com, tulisanmu bisa tampil di blog ini.")
# pasted at the end of every post by the blog's owner: no packaged rule knows it, the crawl's learned template does
_SIGNATURE = f"<p><i>{escape(THANKS, quote=False)}</i></p>"


def _post(base: str, a: DemoArticle, *, item: bool) -> str:
    """One post as the "Simple" template prints it (``item``: its own page, with share buttons and comments)."""
    root = base.rstrip("/")
    url = root + post_path(a)
    post_id = f"{a.id}00112233"
    title = escape(a.title) if item else f"<a href='{url}'>{escape(a.title)}</a>"
    share = "".join(
        f"<a class='goog-inline-block share-button sb-{kind}' href='https://www.blogger.com/share-post.g?blogID={BLOG_ID}&amp;"
        f"postID={post_id}&amp;target={kind}' target='_blank' title='{text}'><span class='share-button-link-text'>{text}"
        "</span></a>"
        for kind, text in (("email", "Kirimkan Ini lewat Email"), ("blog", "BlogThis!"), ("twitter", "Berbagi ke X"),
                           ("facebook", "Berbagi ke Facebook"), ("pinterest", "Bagikan ke Pinterest")))
    comments = ("<div class='comments' id='comments'><a name='comments'></a><h4>Tidak ada komentar:</h4><div id='Blog1_comments-block-wrapper'>"
                "<dl class='avatar-comment-indent' id='comments-block'></dl></div><p class='comment-footer'>"
                "<div class='comment-form'><a name='comment-form'></a><h4 id='comment-post-message'>Posting Komentar</h4></div></p></div>"
                if item else "")
    return f"""<div class='post-outer'>
<div class='post hentry uncustomized-post-template' itemprop='blogPost' itemscope='itemscope' itemtype='http://schema.org/BlogPosting'>
<meta content='{root}/img/{a.id}.png' itemprop='image_url'/><meta content='{BLOG_ID}' itemprop='blogId'/><meta content='{post_id}' itemprop='postId'/>
<a name='{post_id}'></a>
<h3 class='post-title entry-title' itemprop='name'>{title}</h3>
<div class='post-header'><div class='post-header-line-1'></div></div>
<div class='post-body entry-content' id='post-body-{post_id}' itemprop='description articleBody'>
<div class="separator" style="clear: both; text-align: center;"><img border="0" data-original-height="405" data-original-width="720" src="{root}/img/{a.id}.png" /></div>
{_content_html(a)}
{_SIGNATURE}
<div style='clear: both;'></div>
</div>
<div class='post-footer'>
<div class='post-footer-line post-footer-line-1'>
<span class='post-author vcard'>Diposting oleh <span class='fn' itemprop='author' itemscope='itemscope' itemtype='http://schema.org/Person'><meta content='https://www.blogger.com/profile/0{a.id}' itemprop='url'/><a class='g-profile' href='https://www.blogger.com/profile/0{a.id}' rel='author' title='author profile'><span itemprop='name'>{escape(a.authors[0])}</span></a></span></span>
<span class='post-timestamp'>di <meta content='{url}' itemprop='url'/><a class='timestamp-link' href='{url}' rel='bookmark' title='permanent link'><abbr class='published' itemprop='datePublished' title='{_local(a)}'>{a.published_at.astimezone(ZONE):%H.%M}</abbr></a></span>
<span class='post-comment-link'><a class='comment-link' href='{url}#comment-form'>Tidak ada komentar:</a></span>
<div class='post-share-buttons goog-inline-block'>{share}</div>
</div>
<div class='post-footer-line post-footer-line-2'><span class='post-labels'>Label: <a href='{root}/search/label/{_label(a)}' rel='tag'>{_label(a)}</a></span></div>
</div>
</div>
{comments}
</div>"""


def _sidebar(base: str, site: CmsSite) -> str:
    root = base.rstrip("/")
    months: dict[str, int] = {}
    for a in site.articles:
        key = f"{a.published_at.astimezone(ZONE):%Y/%m}"
        months[key] = months.get(key, 0) + 1
    archive = "".join(f"<li><a class='post-count-link' href='{root}/{m}/'>{BULAN[int(m[5:]) - 1]} {m[:4]}</a> "
                      f"<span class='post-count' dir='ltr'>({n})</span></li>" for m, n in months.items())
    labels = "".join(f"<li><a dir='ltr' href='{root}/search/label/{SECTIONS[s]}'>{SECTIONS[s]}</a></li>"
                     for s in sorted({a.section for a in site.articles}))
    popular = "".join(f"<li><div class='item-title'><a href='{root}{post_path(a)}'>{escape(a.title)}</a></div>"
                      f"<div class='item-snippet'>{escape(a.description)}</div></li>" for a in site.articles[:2])
    return f"""<div class='sidebar section' id='sidebar-right-1'>
<div class='widget Profile' id='Profile1'><h2>Mengenai Saya</h2><div class='widget-content'><dl class='profile-datablock'><dt class='profile-data'><a class='profile-name-link g-profile' href='https://www.blogger.com/profile/01' rel='author'>Lalu Ahmad Zaini</a></dt><dd class='profile-textblock'>Guru dan penulis lepas di Mataram.</dd></dl></div></div>
<div class='widget PopularPosts' id='PopularPosts1'><h2>Postingan Populer</h2><div class='widget-content popular-posts'><ul>{popular}</ul></div></div>
<div class='widget Label' id='Label1'><h2>Label</h2><div class='widget-content list-label-widget-content'><ul>{labels}</ul></div></div>
<div class='widget BlogArchive' id='BlogArchive1'><h2>Arsip Blog</h2><div class='widget-content'><div id='ArchiveList'><ul class='flat'>{archive}</ul></div></div></div>
<div class='widget PageList' id='PageList1'><h2>Halaman</h2><div class='widget-content'><ul><li><a href='{root}/'>Beranda</a></li><li><a href='{root}/p/tentang.html'>Tentang</a></li></ul></div></div>
</div>"""


def _page(base: str, site: CmsSite, title: str, canonical: str, main: str, extra_head: str = "") -> str:
    root = base.rstrip("/")
    return f"""<!DOCTYPE html>
<html class='v2' dir='ltr' lang='id' xmlns='http://www.w3.org/1999/xhtml' xmlns:b='http://www.google.com/2005/gml/b' xmlns:data='http://www.google.com/2005/gml/data' xmlns:expr='http://www.google.com/2005/gml/expr'>
<head>
{_head(base, title, canonical, extra_head)}
</head>
<body class='loading'>
<div class='content'><div class='content-outer'>
<header><div class='header-outer'><div class='Header widget' id='Header1'><div id='header-inner'><div class='titlewrapper'><h1 class='title'><a href='{root}/'>{NAME}</a></h1></div><div class='descriptionwrapper'><p class='description'><span>Cerita dan kabar dari Lombok dan sekitarnya</span></p></div></div></div></div></header>
<div class='main-outer'><div class='columns fauxcolumns'><div class='columns-inner'>
<div class='column-center-outer'><div class='column-center-inner'><div class='main section' id='main'><div class='widget Blog' id='Blog1'><div class='blog-posts hfeed'>
{main}
</div></div></div></div></div>
<div class='column-right-outer'><div class='column-right-inner'>{_sidebar(base, site)}</div></div>
</div></div></div>
<footer><div class='footer-outer'><div class='widget Attribution' id='Attribution1'><div class='widget-content' style='text-align: center;'>Tema Sederhana. Diberdayakan oleh <a href='https://www.blogger.com' target='_blank'>Blogger</a>.</div></div></div></footer>
</div></div>
</body>
</html>"""


def _dated(base: str, posts: list[DemoArticle], *, item: bool) -> str:
    out = ""
    for a in posts:
        out += (f"<div class='date-outer'><h2 class='date-header'><span>{_date_header(a)}</span></h2>"
                f"<div class='date-posts'>{_post(base, a, item=item)}</div></div>")
    return out


def _pager(base: str, site: CmsSite, article: DemoArticle | None) -> str:
    root = base.rstrip("/")
    if article is None:
        return (f"<div class='blog-pager' id='blog-pager'><span id='blog-pager-older-link'><a class='blog-pager-older-link' "
                f"href='{root}/search?updated-max=2025-01-01T00:00:00%2B08:00&amp;max-results=7' title='Posting Lama'>Posting "
                f"Lama</a></span><a class='home-link' href='{root}/'>Beranda</a></div>")
    index = site.articles.index(article)
    newer = site.articles[index - 1] if index > 0 else None
    older = site.articles[index + 1] if index + 1 < len(site.articles) else None
    links = ""
    if newer:
        links += (f"<span id='blog-pager-newer-link'><a class='blog-pager-newer-link' href='{root}{post_path(newer)}' "
                  "id='Blog1_blog-pager-newer-link' title='Posting Lebih Baru'>Posting Lebih Baru</a></span>")
    if older:
        links += (f"<span id='blog-pager-older-link'><a class='blog-pager-older-link' href='{root}{post_path(older)}' "
                  "id='Blog1_blog-pager-older-link' title='Posting Lama'>Posting Lama</a></span>")
    return f"<div class='blog-pager' id='blog-pager'>{links}<a class='home-link' href='{root}/'>Beranda</a></div>"


def respond(site: CmsSite, base: str, raw_path: str) -> Response:
    root = base.rstrip("/")
    parts = urlsplit(raw_path)
    path, query = parts.path, parse_qs(parts.query)
    ok = lambda body, ctype=HTML: Response(200, body.encode("utf-8"), [("Content-Type", ctype)])  # noqa: E731
    if path == "/robots.txt":
        return ok(robots_txt(), "text/plain; charset=UTF-8")
    if path == "/feeds/posts/default":
        if query.get("alt") == ["rss"]:
            return ok(rss(base, site), "application/rss+xml; charset=UTF-8")
        return ok(atom(base, site), "application/atom+xml; charset=UTF-8")
    if path.startswith("/img/"):
        return Response(200, PNG, [("Content-Type", "image/png")])
    if path == "/" and not query:
        return ok(_page(base, site, NAME, f"{root}/", _dated(base, list(site.articles), item=False) + _pager(base, site, None)))
    article = next((a for a in site.articles if post_path(a) == path), None)
    if article is not None:
        url = root + path
        extra = (f"<link rel=\"alternate\" type=\"application/atom+xml\" title=\"{NAME} - Atom\" "
                 f"href=\"{root}/feeds/{article.id}00112233/comments/default\" />\n"
                 f"<meta content='{escape(article.description)}' name='description'/>\n"
                 f"<meta content='{url}' property='og:url'/>\n<meta content='{escape(article.title)}' property='og:title'/>\n"
                 f"<meta content='{escape(article.description)}' property='og:description'/>\n"
                 f"<meta content='{root}/img/{article.id}-w1200-h630-p-k-no-nu.png' property='og:image'/>")
        main = _dated(base, [article], item=True) + _pager(base, site, article)
        return ok(_page(base, site, f"{NAME}: {article.title}", url, main, extra))
    if path.startswith("/search/label/"):
        label = path.removeprefix("/search/label/")
        posts = [a for a in site.articles if _label(a) == label]
        main = (f"<div class='status-msg-wrap'><div class='status-msg-body'>Menampilkan postingan dengan label <b>{escape(label)}</b>. "
                f"<a href='{root}/'>Tampilkan semua postingan</a></div></div>") + _dated(base, posts, item=False)
        return ok(_page(base, site, f"{NAME}: {label}", f"{root}{path}", main)) if posts else _missing(base, site)
    if path == "/search":
        return ok(_page(base, site, NAME, f"{root}/", _dated(base, [], item=False)))
    months = {f"/{a.published_at.astimezone(ZONE):%Y/%m}/" for a in site.articles}
    if path in months:
        posts = [a for a in site.articles if f"/{a.published_at.astimezone(ZONE):%Y/%m}/" == path]
        return ok(_page(base, site, f"{NAME}: {BULAN[int(path[6:8]) - 1]} {path[1:5]}", f"{root}{path}",
                        _dated(base, posts, item=False)))
    if path == "/p/tentang.html":
        main = ("<div class='post-outer'><div class='post hentry'><h3 class='post-title entry-title'>Tentang</h3>"
                "<div class='post-body entry-content'><p>Blog ini berisi catatan perjalanan dan kabar warga dari Lombok. "
                "Tulisan boleh dikutip dengan menyebut sumbernya.</p></div></div></div>")
        return ok(_page(base, site, f"{NAME}: Tentang", f"{root}/p/tentang.html", main))
    return _missing(base, site)


def _missing(base: str, site: CmsSite) -> Response:
    main = ("<div class='status-msg-wrap'><div class='status-msg-body'>Maaf, halaman yang Anda cari di blog ini tidak ada. "
            f"<a href='{base.rstrip('/')}/'>Halaman Beranda</a></div></div>")
    return Response(404, _page(base, site, NAME, base, main).encode("utf-8"), [("Content-Type", HTML)])


_ARTICLES = republish((7040403, 7010105, 7020208), NAME)
SITE = CmsSite(key="blogger", name=NAME, articles=_ARTICLES, path=post_path, respond=respond,
               discovery=("/feeds/posts/default", "/feeds/posts/default?alt=rss"),
               listings=("/", f"/search/label/{_label(_ARTICLES[0])}", post_path(_ARTICLES[0]).rsplit("/", 1)[0] + "/",
                         "/p/tentang.html"), zone="WITA", template_lines=(THANKS,))
