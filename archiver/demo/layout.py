"""Page chrome shared by every demo page: <head>, navigation, footer."""

from __future__ import annotations

from html import escape

from archiver.demo.model import SECTIONS, SITE_NAME


def page(title: str, head: list[str], body: str, encoding: str = "utf-8") -> str:
    """A full HTML document; ``encoding`` is what the <meta charset> declares."""
    head_html = "\n".join(head)
    return f"""<!DOCTYPE html>
<html lang="id">
<head>
<meta charset="{encoding}">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{escape(title)}</title>
<link rel="alternate" type="application/rss+xml" title="{SITE_NAME} - Berita Terkini" href="/rss">
<link rel="icon" href="/img/logo.png">
{head_html}
</head>
<body>
{body}
</body>
</html>"""


def header() -> str:
    nav = "".join(f'<li><a href="/kanal/{key}">{name}</a></li>' for key, name in SECTIONS.items())
    return f"""<header class="site-header">
<div class="topbar">Selamat datang di {SITE_NAME} &middot; <a href="/tentang">Tentang Kami</a></div>
<a class="logo" href="/">{SITE_NAME}</a>
<nav class="menu"><ul><li><a href="/">Beranda</a></li>{nav}</ul></nav>
</header>"""


def footer() -> str:
    return f"""<footer class="site-footer">
<p>&copy; 2026 {SITE_NAME}. Situs berita fiktif untuk demo proyek archiver; semua isi adalah rekaan.</p>
<p><a href="/tentang">Tentang Kami</a> &middot; <a href="/rss">RSS</a> &middot; <a href="/sitemap.xml">Peta Situs</a></p>
</footer>"""
