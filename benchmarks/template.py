"""Body F1 with and without the sites' learned templates (archiver.extraction.template).

Usage: python benchmarks/template.py [CORPUS_DIR] [--sweep]

The model learns from several pages of one site, so it is measured where the corpus has them:
WCXB article pages grouped by host (a site, as a crawl of a URL without a config sees it) and by
registered domain (substack publications share one template), groups of >= 3 pages; and the
bundled demo sites (Warta Nusantara and each CMS shape), whose answer keys are the demo records.
Each page is extracted on its own (the single-page path, as a crawl worker does), then the
group goes through :class:`archiver.storage.templates.TemplateIndex` in order as a crawl's
archive would take it (the fresh site's first pages wait, the rest are cleaned on arrival).
Scored with benchmarks/extraction.py's scorer (token 4-grams, per-page normalised).
``--sweep`` prints the figures for other ``min_pages`` (K) and ``hold`` (N) values.
"""

from __future__ import annotations

import argparse
import sys
import time
from collections import defaultdict
from dataclasses import dataclass, replace
from pathlib import Path

from courlan import extract_domain

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
from extraction import DEFAULT_CORPUS, Page, aggregate, score_page, wcxb_pages  # noqa: E402

from archiver.extraction import NotAnArticle, extract_article  # noqa: E402
from archiver.extraction.template import PageKeys, anchor_keys, page_keys  # noqa: E402
from archiver.model import Article  # noqa: E402
from archiver.storage.templates import TemplateIndex  # noqa: E402
from archiver.urls import host_of  # noqa: E402

_seconds: dict[str, float] = defaultdict(float)


@dataclass
class Extracted:
    page: Page
    article: Article | None
    keys: PageKeys | None


def extract(page: Page, site: str) -> Extracted:
    """One page through the single-page path, with the keys a crawl worker sends (timed: ``_seconds``)."""
    links: list[frozenset[str]] = []
    try:
        article = extract_article(page.html, page.url or "http://example.invalid/article", links=links)
    except NotAnArticle:
        return Extracted(page, None, None)
    start = time.perf_counter()
    keys = page_keys(article.body or "", anchor_keys(links[0]) if links else ())
    _seconds["keys"] += time.perf_counter() - start
    _seconds["pages"] += 1
    return Extracted(page, replace(article, site=site), keys)


def with_model(group: list[Extracted], min_pages: int, hold: int) -> dict[str, str]:
    """Bodies after the archive's template index took the group's pages in order."""
    index = TemplateIndex(None, min_pages=min_pages, hold=hold)
    by_url: dict[str, str] = {}
    ready = []
    for e in group:
        if e.article is None:
            continue
        article = replace(e.article, url=f"{e.article.url}#{e.page.id}")  # same canonical twice: keep apart
        start = time.perf_counter()
        ready += index.take(article, None, e.keys)
        _seconds["take"] += time.perf_counter() - start
        _seconds["taken"] += 1
    start = time.perf_counter()
    ready += index.release()
    _seconds["take"] += time.perf_counter() - start
    for r in ready:
        by_url[r.article.url.rsplit("#", 1)[1]] = r.article.body or ""
    return by_url


def host(url: str) -> str:
    return host_of(url).removeprefix("www.")


def domain(url: str) -> str:
    """The registered domain (courlan, as the crawl's same-site link test reads it)."""
    return extract_domain(url, fast=True) or host(url)


def groups_of(pages: list[Extracted], key) -> dict[str, list[Extracted]]:
    out: dict[str, list[Extracted]] = defaultdict(list)
    for e in pages:
        if e.page.url:
            out[key(e.page.url)].append(e)
    return {k: v for k, v in out.items() if len(v) >= 3}


def score(groups: dict[str, list[Extracted]], min_pages: int, hold: int) -> tuple[object, object, list[str]]:
    base, ours, moved = [], [], []
    for name, group in sorted(groups.items()):
        cleaned = with_model(group, min_pages, hold)
        for e in group:
            before = e.article.body if e.article else ""
            after = cleaned.get(e.page.id, before)
            b = score_page(e.page.id, name, e.page.body or "", before)
            a = score_page(e.page.id, name, e.page.body or "", after)
            base.append(b)
            ours.append(a)
            if abs(a.f1 - b.f1) > 1e-9:
                moved.append(f"    {name:28s} {e.page.id[:24]:24s} F1 {b.f1:.3f} -> {a.f1:.3f}"
                             f" (P {b.precision or 0:.3f} -> {a.precision or 0:.3f}, R {b.recall or 0:.3f} -> {a.recall or 0:.3f})")
    return aggregate(base), aggregate(ours), moved


def demo_groups() -> dict[str, list[Extracted]]:
    """The demo site and each CMS-shaped site: every article page rendered, with its answer key."""
    from archiver.demo.cms import cms_sites
    from archiver.demo.data import all_articles
    from archiver.demo.pages import article_page

    base = "http://127.0.0.1:8753"
    articles = all_articles()
    out: dict[str, list[Extracted]] = {}
    pages = [Page(str(a.id), "demo", a.url(base), article_page(a, base, articles).encode(a.encoding, "replace"),
                  "\n\n".join(a.paragraphs)) for a in articles if a.pages == 1]
    out["demo"] = [extract(p, "demo") for p in pages]
    cms_base = "http://127.0.0.1:8760/"
    for key, site in sorted(cms_sites().items()):
        group = []
        for a in site.articles:
            url = site.url(cms_base, a)
            response = site.respond(site, cms_base, site.path(a))
            group.append(extract(Page(f"{key}-{a.id}", key, url, response.body, "\n\n".join(a.paragraphs)), key))
        out[f"cms-{key}"] = group
    return out


def _fmt(s) -> str:
    return f"P={s.precision:.3f} R={s.recall:.3f} F1={s.f1:.3f} (n={s.pages})"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("corpus", nargs="?", default=str(DEFAULT_CORPUS))
    parser.add_argument("--sweep", action="store_true")
    parser.add_argument("--min-pages", type=int, default=3)
    parser.add_argument("--hold", type=int, default=6)
    args = parser.parse_args(argv)
    corpus = Path(args.corpus)
    sets: dict[str, dict[str, list[Extracted]]] = {}
    if (corpus / "wcxb").is_dir():
        pages = [extract(p, host(p.url)) for p in wcxb_pages(corpus) if p.url]
        sets["WCXB by host (>= 3 pages)"] = groups_of(pages, host)
        sets["WCXB by domain (>= 3 pages)"] = groups_of(pages, domain)
    sets["demo sites"] = demo_groups()
    settings = [(args.min_pages, args.hold)]
    if args.sweep:
        settings += [(k, n) for k in (2, 3, 4, 5) for n in (0, 3, 6, 10) if (k, n) != settings[0]]
    for name, groups in sets.items():
        print(f"{name}: {len(groups)} sites, {sum(map(len, groups.values()))} pages "
              f"({', '.join(f'{k} {len(v)}' for k, v in sorted(groups.items()))})")
        for k, n in settings:
            base, ours, moved = score(groups, k, n)
            print(f"  K={k} N={n}: without model {_fmt(base)}  with model {_fmt(ours)}")
            if (k, n) == settings[0]:
                print("\n".join(moved) or "    (no page changed)")
    s = _seconds
    print(f"cost: page_keys {1000 * s['keys'] / max(1, s['pages']):.3f} ms per page (crawl worker), "
          f"learn + clean {1000 * s['take'] / max(1, s['taken']):.3f} ms per article (archive process)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
