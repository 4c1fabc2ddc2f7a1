"""What a WordPress site's URLs look like: its settings as a crawler sees them, permalinks, static pages."""

from __future__ import annotations

from dataclasses import dataclass

from archiver.demo.model import SECTIONS, DemoArticle, slugify

CATEGORY_IDS = {name: number for number, name in enumerate(SECTIONS, start=3)}

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
    return f"/?cat={CATEGORY_IDS[section]}" if wp.permalinks == "plain" else f"/category/{section}/"


def feed_path(wp: WordPress) -> str:
    return "/?feed=rss2" if wp.permalinks == "plain" else "/feed/"


def comments_feed_path(wp: WordPress) -> str:
    return "/?feed=comments-rss2" if wp.permalinks == "plain" else "/comments/feed/"


def author_path(wp: WordPress, name: str) -> str:
    return f"/?author={sum(map(ord, name)) % 50 + 2}" if wp.permalinks == "plain" else f"/author/{slugify(name)}/"
