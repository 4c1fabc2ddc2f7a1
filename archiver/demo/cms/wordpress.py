"""The WordPress-shaped sites: robots.txt, core and Yoast sitemaps, the RSS2 feed, permalinks, routing.

What differs between the three sites is data (:class:`WordPress`): which sitemaps the site has,
its permalink structure, its theme (markup in :mod:`archiver.demo.cms.wp_themes`), how many posts
its feed carries and whether its pages advertise the feed.  The XML follows what WordPress 6.x,
Yoast SEO and Yoast News SEO print (stylesheet processing instructions, ``image:image`` children,
an index without ``lastmod`` for core).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import timezone
from email.utils import format_datetime
from functools import partial
from html import escape
from urllib.parse import parse_qs, urlsplit

from archiver.demo.cms import CmsSite, republish
from archiver.demo.cms import wp_themes as themes
from archiver.demo.model import DemoArticle, slugify
from archiver.demo.routes import Response

XML = "application/xml; charset=UTF-8"
HTML = "text/html; charset=UTF-8"
RSS = "application/rss+xml; charset=UTF-8"

# the static pages every Indonesian news site has (Dewan Pers asks for the last two)
PAGES = {
    2: ("Tentang Kami", "tentang-kami", ["{site} adalah situs berita warga. Hubungi kami lewat surel redaksi."]),
    12: ("Redaksi", "redaksi", [
        "Pemimpin Redaksi: Rahmat Hidayat. Redaktur Pelaksana: Sari Wulandari. Redaktur: Bambang Sutrisno, "
        "Nurul Aini. Reporter: Andi Pratama, Fitri Handayani, Yusuf Maulana, Dewi Kartika.",
        "Alamat redaksi: Jalan Merdeka Nomor 17, lantai dua. Telepon dan WhatsApp redaksi tersedia pada jam kerja. "
        "{site} diterbitkan oleh badan hukum pers yang terdaftar dan tunduk pada Kode Etik Jurnalistik.",
        "Wartawan {site} dibekali kartu pers dan tidak dibenarkan menerima imbalan dalam bentuk apa pun dari "
        "narasumber. Laporkan pelanggaran kepada redaksi.",
    ]),
    14: ("Pedoman Media Siber", "pedoman-media-siber", [
        "Kemerdekaan berpendapat, kemerdekaan berekspresi, dan kemerdekaan pers adalah hak asasi manusia yang "
        "dilindungi Pancasila, Undang-Undang Dasar 1945, dan Deklarasi Universal Hak Asasi Manusia PBB.",
        "Keberadaan media siber di Indonesia juga merupakan bagian dari kemerdekaan pers. Media siber memiliki "
        "karakter khusus sehingga memerlukan pedoman agar pengelolaannya dapat dilaksanakan secara profesional.",
    ]),
}


@dataclass(frozen=True)
class WordPress:
    """What tells one WordPress site from another, as far as a crawler can see."""

    sitemaps: str  # "core" (wp-sitemap.xml), "yoast" (sitemap_index.xml + news-sitemap.xml), "none"
    permalinks: str  # "plain" (/?p=N), "kanal" (/<kanal>/<slug>/), "dated" (/YYYY/MM/DD/slug/)
    theme: str  # "block" (a core block theme), "newspaper" (tagDiv), "jnews"
    feed_size: int = 10  # Settings > Reading: "Syndication feeds show the most recent"
    advertise_feed: bool = True  # <link rel="alternate"> feed links in every page's <head>
    home_size: int = 10  # posts on the home page


# -- URLs ----------------------------------------------------------------------------------------

def post_path(wp: WordPress, article: DemoArticle) -> str:
    if wp.permalinks == "plain":
        return f"/?p={article.id}"
    if wp.permalinks == "dated":
        return f"/{article.published_at:%Y/%m/%d}/{article.slug}/"
    return f"/{article.section}/{article.slug}/"


def page_path(wp: WordPress, page_id: int) -> str:
    return f"/?page_id={page_id}" if wp.permalinks == "plain" else f"/{PAGES[page_id][1]}/"


def category_path(wp: WordPress, section: str) -> str:
    return f"/?cat={themes.CATEGORY_IDS[section]}" if wp.permalinks == "plain" else f"/category/{section}/"


def feed_path(wp: WordPress) -> str:
    return "/?feed=rss2" if wp.permalinks == "plain" else "/feed/"


def comments_feed_path(wp: WordPress) -> str:
    return "/?feed=comments-rss2" if wp.permalinks == "plain" else "/comments/feed/"


def author_path(wp: WordPress, name: str) -> str:
    return f"/?author={sum(map(ord, name)) % 50 + 2}" if wp.permalinks == "plain" else f"/author/{slugify(name)}/"


# -- robots.txt, sitemaps, feed ------------------------------------------------------------------

def robots_txt() -> str:
    """A physical robots.txt, as hosting panels and SEO guides write it: no ``Sitemap:`` line."""
    return "User-agent: *\nDisallow: /wp-admin/\nAllow: /wp-admin/admin-ajax.php\n"


def _w3c(article: DemoArticle, utc: bool = False) -> str:
    dt = article.last_changed.astimezone(timezone.utc) if utc else article.last_changed
    return dt.isoformat(timespec="seconds")


def core_index(base: str) -> str:
    root = base.rstrip("/")
    children = ("posts-post-1", "posts-page-1", "taxonomies-category-1", "taxonomies-post_tag-1", "users-1")
    items = "".join(f"<sitemap><loc>{root}/wp-sitemap-{c}.xml</loc></sitemap>" for c in children)
    return ('<?xml version="1.0" encoding="UTF-8"?>\n'
            f'<?xml-stylesheet type="text/xsl" href="{root}/wp-sitemap-index.xsl" ?>\n'
            f'<sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">{items}</sitemapindex>\n')


def core_urlset(base: str, urls: list[tuple[str, str | None]]) -> str:
    root = base.rstrip("/")
    items = "".join(f"<url><loc>{escape(root + path)}</loc>" + (f"<lastmod>{mod}</lastmod>" if mod else "") + "</url>"
                    for path, mod in urls)
    return ('<?xml version="1.0" encoding="UTF-8"?>\n'
            f'<?xml-stylesheet type="text/xsl" href="{root}/wp-sitemap.xsl" ?>\n'
            f'<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">{items}</urlset>\n')


def yoast_index(base: str, site: CmsSite) -> str:
    root = base.rstrip("/")
    newest = _w3c(site.articles[0], utc=True)
    children = ("post-sitemap.xml", "page-sitemap.xml", "category-sitemap.xml", "author-sitemap.xml")
    items = "".join(f"\t<sitemap>\n\t\t<loc>{root}/{c}</loc>\n\t\t<lastmod>{newest}</lastmod>\n\t</sitemap>\n"
                    for c in children)
    return ('<?xml version="1.0" encoding="UTF-8"?><?xml-stylesheet type="text/xsl" href="//'
            f'{urlsplit(base).netloc}/main-sitemap.xsl"?>\n'
            f'<sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">\n{items}</sitemapindex>\n'
            "<!-- XML Sitemap generated by Yoast SEO -->")


def yoast_urlset(base: str, urls: list[tuple[str, str | None, str | None]]) -> str:
    """``(path, lastmod, image path)`` entries, as Yoast prints them."""
    root = base.rstrip("/")
    items = ""
    for path, mod, image in urls:
        items += f"\t<url>\n\t\t<loc>{escape(root + path)}</loc>\n"
        items += f"\t\t<lastmod>{mod}</lastmod>\n" if mod else ""
        items += f"\t\t<image:image>\n\t\t\t<image:loc>{root}{image}</image:loc>\n\t\t</image:image>\n" if image else ""
        items += "\t</url>\n"
    return ('<?xml version="1.0" encoding="UTF-8"?><?xml-stylesheet type="text/xsl" href="//'
            f'{urlsplit(base).netloc}/main-sitemap.xsl"?>\n'
            '<urlset xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" '
            'xmlns:image="http://www.google.com/schemas/sitemap-image/1.1" '
            'xsi:schemaLocation="http://www.sitemaps.org/schemas/sitemap/0.9 '
            'http://www.sitemaps.org/schemas/sitemap/0.9/sitemap.xsd" '
            f'xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">\n{items}</urlset>\n'
            "<!-- XML Sitemap generated by Yoast SEO -->")


def yoast_news(base: str, site: CmsSite, wp: WordPress) -> str:
    """Yoast News SEO's Google News sitemap: the posts of the last two days (here: the two newest)."""
    root = base.rstrip("/")
    items = "".join(
        "<url>\n"
        f"\t<loc>{escape(root + post_path(wp, a))}</loc>\n"
        "\t<news:news>\n"
        f"\t\t<news:publication>\n\t\t\t<news:name>{escape(site.name)}</news:name>\n"
        "\t\t\t<news:language>id</news:language>\n\t\t</news:publication>\n"
        f"\t\t<news:publication_date>{a.published_at.isoformat(timespec='seconds')}</news:publication_date>\n"
        f"\t\t<news:title><![CDATA[{a.title}]]></news:title>\n"
        "\t</news:news>\n"
        f"\t<image:image>\n\t\t<image:loc>{root}{themes.image_path(a)}</image:loc>\n\t</image:image>\n"
        "</url>\n"
        for a in site.articles[:2]
    )
    return ('<?xml version="1.0" encoding="UTF-8"?>\n'
            '<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9" '
            'xmlns:news="http://www.google.com/schemas/sitemap-news/0.9" '
            f'xmlns:image="http://www.google.com/schemas/sitemap-image/1.1">\n{items}</urlset>\n'
            "<!-- XML Sitemap generated by Yoast News SEO -->")


def rss2(base: str, site: CmsSite, wp: WordPress, *, comments: bool = False) -> str:
    """WordPress's RSS2 feed: ``dc:creator`` and ``content:encoded`` in CDATA, a ``?p=N`` guid."""
    root = base.rstrip("/")
    posts = [] if comments else list(site.articles[:wp.feed_size])
    items = ""
    for a in posts:
        url = escape(root + post_path(wp, a))
        content = "\n".join(f"<p>{escape(p, quote=False)}</p>" for p in a.paragraphs)
        items += (
            "\t<item>\n"
            f"\t\t<title>{escape(a.title)}</title>\n"
            f"\t\t<link>{url}</link>\n"
            f"\t\t<comments>{url}#respond</comments>\n"
            f"\t\t<dc:creator><![CDATA[{', '.join(a.authors)}]]></dc:creator>\n"
            f"\t\t<pubDate>{format_datetime(a.published_at.astimezone(timezone.utc))}</pubDate>\n"
            f"\t\t<category><![CDATA[{themes.SECTION_NAMES[a.section]}]]></category>\n"
            + "".join(f"\t\t<category><![CDATA[{t}]]></category>\n" for t in a.tags)
            + f'\t\t<guid isPermaLink="false">{root}/?p={a.id}</guid>\n'
            f"\t\t<description><![CDATA[{a.description} [&#8230;]]]></description>\n"
            f"\t\t<content:encoded><![CDATA[{content}]]></content:encoded>\n"
            f"\t\t<wfw:commentRss>{url}feed/</wfw:commentRss>\n"
            "\t\t<slash:comments>0</slash:comments>\n"
            "\t</item>\n"
        )
    title = f"Komentar untuk {site.name}" if comments else site.name
    build = format_datetime(site.articles[0].last_changed.astimezone(timezone.utc))
    self_path = comments_feed_path(wp) if comments else feed_path(wp)
    return (
        '<?xml version="1.0" encoding="UTF-8"?><rss version="2.0"\n'
        '\txmlns:content="http://purl.org/rss/1.0/modules/content/"\n'
        '\txmlns:wfw="http://wellformedweb.org/CommentAPI/"\n'
        '\txmlns:dc="http://purl.org/dc/elements/1.1/"\n'
        '\txmlns:atom="http://www.w3.org/2005/Atom"\n'
        '\txmlns:sy="http://purl.org/rss/1.0/modules/syndication/"\n'
        '\txmlns:slash="http://purl.org/rss/1.0/modules/slash/"\n\t>\n\n<channel>\n'
        f"\t<title>{escape(title)}</title>\n"
        f'\t<atom:link href="{escape(root + self_path)}" rel="self" type="application/rss+xml" />\n'
        f"\t<link>{root}</link>\n\t<description>{escape(themes.TAGLINES[site.key])}</description>\n"
        f"\t<lastBuildDate>{build}</lastBuildDate>\n\t<language>id</language>\n"
        "\t<sy:updatePeriod>\n\thourly\t</sy:updatePeriod>\n\t<sy:updateFrequency>\n\t1\t</sy:updateFrequency>\n"
        "\t<generator>https://wordpress.org/?v=6.8.3</generator>\n"
        f"{items}</channel>\n</rss>\n"
    )


# -- routing -------------------------------------------------------------------------------------

def _ok(body: str, ctype: str = HTML) -> Response:
    return Response(200, body.encode("utf-8"), [("Content-Type", ctype)])


def _not_found(site: CmsSite, base: str, wp: WordPress) -> Response:
    page = themes.listing(site, base, wp, "Halaman tidak ditemukan", [], "/404", "error404")
    return Response(404, page.encode("utf-8"), [("Content-Type", HTML)])


def _sitemap(site: CmsSite, base: str, wp: WordPress, path: str) -> Response | None:
    """The sitemap at ``path``, if this site has one there."""
    posts = [(post_path(wp, a), _w3c(a), themes.image_path(a)) for a in site.articles]
    pages = [(page_path(wp, n), None, None) for n in PAGES]
    categories = [(category_path(wp, s), None, None) for s in sorted({a.section for a in site.articles})]
    authors = [(author_path(wp, n), None, None) for n in sorted({n for a in site.articles for n in a.authors})]
    if wp.sitemaps == "core":
        tags = [(f"/?tag={slugify(t)}", None, None) for t in sorted({t for a in site.articles for t in a.tags})]
        core = {"/wp-sitemap.xml": None, "/wp-sitemap-posts-post-1.xml": posts, "/wp-sitemap-posts-page-1.xml": pages,
                "/wp-sitemap-taxonomies-category-1.xml": categories, "/wp-sitemap-taxonomies-post_tag-1.xml": tags,
                "/wp-sitemap-users-1.xml": authors}
        if path not in core:
            return None
        urls = core[path]
        return _ok(core_index(base) if urls is None else core_urlset(base, [(p, m) for p, m, _ in urls]), XML)
    if wp.sitemaps == "yoast":
        if path == "/wp-sitemap.xml":  # Yoast turns core's sitemaps off and sends their readers to its own
            return Response(301, b"", [("Location", base.rstrip("/") + "/sitemap_index.xml")])
        home = [("/", _w3c(site.articles[0], utc=True), None)]
        yoast = {"/post-sitemap.xml": home + posts, "/page-sitemap.xml": pages, "/category-sitemap.xml": categories,
                 "/author-sitemap.xml": authors}
        if path == "/sitemap_index.xml":
            return _ok(yoast_index(base, site), XML)
        if path == "/news-sitemap.xml":
            return _ok(yoast_news(base, site, wp), XML)
        if path in yoast:
            return _ok(yoast_urlset(base, yoast[path]), XML)
    return None


def respond(wp: WordPress, site: CmsSite, base: str, raw_path: str) -> Response:
    """The response of this WordPress site to a GET of ``raw_path``."""
    parts = urlsplit(raw_path)
    path, query = parts.path, {k: v[0] for k, v in parse_qs(parts.query).items()}
    if path == "/robots.txt":
        return _ok(robots_txt(), "text/plain; charset=utf-8")
    sitemap = _sitemap(site, base, wp, path)
    if sitemap is not None:
        return sitemap
    if raw_path == feed_path(wp):
        return _ok(rss2(base, site, wp), RSS)
    if raw_path == comments_feed_path(wp):
        return _ok(rss2(base, site, wp, comments=True), RSS)
    if path.startswith("/wp-content/uploads/"):
        from archiver.demo.routes import PNG
        return Response(200, PNG, [("Content-Type", "image/png")])
    article = site.find(raw_path)
    if article is not None:
        return _ok(themes.article(site, base, wp, article))
    for number, (title, slug, paragraphs) in PAGES.items():
        if raw_path == page_path(wp, number):
            return _ok(themes.static_page(site, base, wp, number, title, [p.format(site=site.name) for p in paragraphs]))
    if raw_path in ("/", "/page/1/"):
        return _ok(themes.listing(site, base, wp, site.name, list(site.articles[:wp.home_size]), "/", "home blog"))
    for section in themes.SECTION_NAMES:
        if raw_path == category_path(wp, section):
            mine = [a for a in site.articles if a.section == section]
            name = themes.SECTION_NAMES[section]
            return _ok(themes.listing(site, base, wp, name, mine, raw_path, f"archive category category-{section}"))
    for name in sorted({n for a in site.articles for n in a.authors}):
        if raw_path == author_path(wp, name):
            mine = [a for a in site.articles if name in a.authors]
            return _ok(themes.listing(site, base, wp, name, mine, raw_path, f"archive author author-{slugify(name)}"))
    for tag in sorted({t for a in site.articles for t in a.tags}):
        if raw_path in (f"/?tag={slugify(tag)}", f"/tag/{slugify(tag)}/"):
            mine = [a for a in site.articles if tag in a.tags]
            return _ok(themes.listing(site, base, wp, tag, mine, raw_path, f"archive tag tag-{slugify(tag)}"))
    return _not_found(site, base, wp)


# -- the three sites -------------------------------------------------------------------------------

def _site(key: str, name: str, ids: tuple[int, ...], wp: WordPress, discovery: tuple[str, ...]) -> CmsSite:
    articles = republish(ids, name)
    tag = slugify(articles[0].tags[0])
    listings = ("/", category_path(wp, articles[0].section), author_path(wp, articles[0].authors[0]),
                f"/?tag={tag}" if wp.permalinks == "plain" else f"/tag/{tag}/", *(page_path(wp, n) for n in PAGES))
    return CmsSite(key=key, name=name, articles=articles, path=partial(post_path, wp), respond=partial(respond, wp),
                   discovery=discovery, listings=listings)


CORE = WordPress(sitemaps="core", permalinks="plain", theme="block", feed_size=2, home_size=2)
YOAST = WordPress(sitemaps="yoast", permalinks="kanal", theme="newspaper", home_size=2)
JNEWS = WordPress(sitemaps="none", permalinks="dated", theme="jnews", advertise_feed=False, home_size=2)

SITES = (
    _site("wordpress", "Kabar Desa", (7020206, 7050507, 7040406), CORE,
          ("/wp-sitemap.xml", "/wp-sitemap-posts-post-1.xml")),
    _site("yoast", "Suara Borneo", (7050505, 7020207, 7040407), YOAST,
          ("/sitemap_index.xml", "/post-sitemap.xml", "/news-sitemap.xml")),
    _site("jnews", "Lintas Sumatra", (7030307, 7010108, 7020203), JNEWS, ("/feed/",)),
)
