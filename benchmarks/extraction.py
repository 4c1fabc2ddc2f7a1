"""Score archiver's extraction against the corpus, side by side with plain trafilatura.

Usage: python benchmarks/extraction.py [CORPUS_DIR] [--quick]

Sets: Indonesian (plus leave-one-site-out: each page read with its site config's
``[extraction]`` table removed), AEB, fundus bodies (expected = summary +
section headlines + paragraphs, and without the summary), WCXB articles; titles
and authors exact-list rates; time per page over every body set.

Scoring follows ../shared/corpus/README.md exactly: token 4-gram multisets,
per-page tp/fp/fn normalised to sum 1, corpus P and R as means over pages,
F1 of the means, accuracy = identical token lists.  The scorer is checked
against trafilatura's published AEB figure (0.958) from its predictions file.
"""

from __future__ import annotations

import argparse
import dataclasses
import gzip
import html as html_lib
import json
import re
import sys
import time
import unicodedata
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable, Iterable

import trafilatura

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
from archiver.extraction import NotAnArticle, extract_article, options_for  # noqa: E402
from archiver.page import parse_html  # noqa: E402
from archiver.page.meta import PageMeta, names  # noqa: E402
from archiver.sites import ExtractionRules, load_sites, site_for_url  # noqa: E402

DEFAULT_CORPUS = Path(__file__).resolve().parents[2] / "shared" / "corpus"
_TOKEN = re.compile(r"\w+")
# issue 14's targets; FLOORS (what the corpus test asserts) are in tests/test_extraction_corpus.py
TARGETS = {"indonesian_f1": 0.984, "indonesian_loso_f1": 0.97, "fundus_f1": 0.97, "aeb_f1": 0.970,
           "indonesian_title": 0.95, "fundus_title": 211 / 258, "time_ratio": 1.3}


# -- scoring --------------------------------------------------------------
def tokens(text: str | None) -> list[str]:
    return _TOKEN.findall(text or "")


def grams(text: str | None) -> Counter[tuple[str, ...]]:
    """Multiset of token 4-grams (one shorter gram for a short text; none when empty)."""
    toks = tokens(text)
    if not toks:
        return Counter()
    if len(toks) < 4:
        return Counter([tuple(toks)])
    return Counter(tuple(toks[i:i + 4]) for i in range(len(toks) - 3))


@dataclass
class PageScore:
    id: str
    site: str
    tp: float
    fp: float
    fn: float
    exact: bool

    @property
    def precision(self) -> float | None:
        if self.tp + self.fp == 0:
            return None
        return 1.0 if self.fp == 0 and self.fn == 0 else self.tp / (self.tp + self.fp)

    @property
    def recall(self) -> float | None:
        if self.tp + self.fn == 0:
            return None
        return 1.0 if self.fp == 0 and self.fn == 0 else self.tp / (self.tp + self.fn)

    @property
    def f1(self) -> float:
        p, r = self.precision or 0.0, self.recall or 0.0
        return 2 * p * r / (p + r) if p + r else 0.0


def score_page(page_id: str, site: str, truth: str, predicted: str | None) -> PageScore:
    t, p = grams(truth), grams(predicted)
    tp = sum(min(v, p[k]) for k, v in t.items())
    fp = sum(max(0, v - t[k]) for k, v in p.items())
    fn = sum(max(0, v - p[k]) for k, v in t.items())
    total = tp + fp + fn
    if total:
        tp, fp, fn = tp / total, fp / total, fn / total
    return PageScore(page_id, site, tp, fp, fn, tokens(truth) == tokens(predicted))


@dataclass
class SetScore:
    precision: float
    recall: float
    f1: float
    accuracy: float
    pages: int


def aggregate(scores: Iterable[PageScore]) -> SetScore:
    scores = list(scores)
    ps = [s.precision for s in scores if s.precision is not None]
    rs = [s.recall for s in scores if s.recall is not None]
    p = sum(ps) / len(ps) if ps else 0.0
    r = sum(rs) / len(rs) if rs else 0.0
    f1 = 2 * p * r / (p + r) if p + r else 0.0
    acc = sum(s.exact for s in scores) / len(scores) if scores else 0.0
    return SetScore(p, r, f1, acc, len(scores))


# -- corpus readers -------------------------------------------------------
@dataclass
class Page:
    id: str
    site: str
    url: str
    html: bytes
    body: str | None = None
    title: str | None = None
    authors: list[str] | None = None  # None: unknown (not scored)
    body_without_summary: str | None = None  # fundus: the sections alone


def indonesian_pages(corpus: Path) -> list[Page]:
    folder = corpus / "indonesian"
    out = []
    for line in (folder / "manifest.jsonl").read_text(encoding="utf-8").splitlines():
        d = json.loads(line)
        out.append(Page(d["id"], d["site"], d["url"], gzip.decompress((folder / d["file"]).read_bytes()),
                        d["body"], d["title"], d.get("authors")))
    return out


def aeb_pages(corpus: Path) -> list[Page]:
    folder = corpus / "aeb"
    truth = json.loads((folder / "ground-truth.json").read_text(encoding="utf-8"))
    return [Page(k, "aeb", v.get("url") or "", gzip.decompress((folder / "html" / f"{k}.html.gz").read_bytes()),
                 v["articleBody"]) for k, v in sorted(truth.items())]


def _fundus_body(body: dict | None, summary: bool = True) -> str | None:
    """fundus' expected body as text: summary, then each section's headlines and paragraphs."""
    if not body:
        return None
    parts = list(body.get("summary") or []) if summary else []
    for sec in body.get("sections") or []:
        parts += list(sec.get("headline") or []) + list(sec.get("paragraphs") or [])
    return "\n\n".join(parts)


def fundus_pages(corpus: Path) -> list[Page]:
    """Every fundus page; title, body and authors where the manifest states them."""
    folder = corpus / "fundus"
    out = []
    for line in (folder / "manifest.jsonl").read_text(encoding="utf-8").splitlines():
        d = json.loads(line)
        exp = d.get("expected") or {}
        out.append(Page(d["html"], d["publisher"], d["url"],
                        gzip.decompress((folder / "test_data" / d["html"]).read_bytes()),
                        _fundus_body(exp.get("body")), exp.get("title") or None, exp.get("authors"),
                        _fundus_body(exp.get("body"), summary=False)))
    return out


def wcxb_pages(corpus: Path) -> list[Page]:
    """The 791 WCXB pages typed article (authors are one unsplit string upstream: not scored)."""
    folder = corpus / "wcxb"
    truth = json.loads((folder / "ground-truth.json").read_text(encoding="utf-8"))
    return [Page(k, "wcxb", v.get("url") or "", gzip.decompress((folder / "html" / f"{k}.html.gz").read_bytes()),
                 v["articleBody"]) for k, v in sorted(truth.items())]


def check_published_scorer(corpus: Path) -> SetScore:
    """Our scorer on trafilatura's published AEB predictions (should give F1 0.958)."""
    truth = json.loads((corpus / "aeb" / "ground-truth.json").read_text(encoding="utf-8"))
    preds = json.loads((corpus / "aeb" / "predictions" / "trafilatura.json").read_text(encoding="utf-8"))["output"]
    return aggregate(score_page(k, "aeb", v["articleBody"], preds.get(k, {}).get("articleBody", ""))
                     for k, v in truth.items())


# -- extractors -----------------------------------------------------------
@dataclass
class Extraction:
    body: str | None
    title: str | None = None
    authors: list[str] | None = None


def plain_trafilatura(page: Page) -> Extraction:
    """trafilatura's body, as a user calls it (the time baseline)."""
    return Extraction(trafilatura.extract(page.html, include_comments=False))


def trafilatura_metadata(page: Page) -> Extraction:
    """trafilatura's body, title and authors (its ``author`` string split on ';'); not timed."""
    doc = trafilatura.bare_extraction(page.html, url=page.url or None, include_comments=False, with_metadata=True)
    if doc is None:
        return Extraction("")
    authors = [a.strip() for a in (doc.author or "").split(";") if a.strip()]
    return Extraction(doc.text, doc.title, authors)


def archiver_extract(page: Page) -> Extraction:
    try:
        art = extract_article(page.html, page.url or "http://example.invalid/article")
    except NotAnArticle:
        return Extraction("")
    return Extraction(art.body, art.title, art.authors)


def archiver_without_site_rules(page: Page) -> Extraction:
    """archiver with the page's own site config minus its ``[extraction]`` table (leave-one-site-out)."""
    site = site_for_url(page.url, load_sites())
    options = options_for(dataclasses.replace(site, extraction=ExtractionRules()))
    try:
        art = extract_article(page.html, page.url, options)
    except NotAnArticle:
        return Extraction("")
    return Extraction(art.body, art.title, art.authors)


@dataclass
class RunResult:
    scores: list[PageScore] = field(default_factory=list)
    titles: list[tuple[str, str | None, str]] = field(default_factory=list)  # id, got, expected
    authors: list[tuple[str, list[str], list[str]]] = field(default_factory=list)  # id, got, expected
    bodies: dict[str, str] = field(default_factory=dict)  # id -> extracted body
    seconds: float = 0.0


def run(pages: list[Page], extractor: Callable[[Page], Extraction]) -> RunResult:
    result = RunResult()
    if pages:
        extractor(pages[0])  # warm-up: one-time loading (dateparser locales, caches) is not per-page cost
    for page in pages:
        start = time.perf_counter()
        got = extractor(page)
        result.seconds += time.perf_counter() - start
        result.bodies[page.id] = got.body or ""
        if page.body is not None:
            result.scores.append(score_page(page.id, page.site, page.body, got.body))
        if page.title is not None:
            result.titles.append((page.id, got.title, page.title))
        if page.authors is not None:
            result.authors.append((page.id, got.authors or [], page.authors))
    return result


def rescore(pages: list[Page], result: RunResult, truth: Callable[[Page], str | None]) -> list[PageScore]:
    """The bodies of ``result`` scored against another ground truth (fundus without its summary)."""
    return [score_page(p.id, p.site, t, result.bodies.get(p.id)) for p in pages if (t := truth(p)) is not None]


def author_rate(result: RunResult) -> float:
    """Share of pages whose author list is exactly the expected one (order and spelling; whitespace collapsed)."""
    same = sum([norm_title(a) for a in got] == [norm_title(a) for a in exp] for _, got, exp in result.authors)
    return same / max(1, len(result.authors))


def norm_title(text: str | None) -> str:
    """A title as a reader sees it: whitespace runs (NBSP included) collapsed, invisible format
    characters (zero-width space, soft hyphen: Unicode category Cf) removed.  Nothing else:
    quotes, dashes and letters must match exactly."""
    visible = "".join(ch for ch in (text or "") if unicodedata.category(ch) != "Cf")
    return " ".join(visible.split())


def title_misses(result: RunResult) -> list[tuple[str, str | None, str]]:
    return [(pid, got, exp) for pid, got, exp in result.titles if norm_title(got) != norm_title(exp)]


def title_sources(html: bytes) -> list[str]:
    """Every headline the page itself publishes: <title>, <h1>, og/twitter titles, JSON-LD headline, itemprop."""
    root = parse_html(html)
    out = [t.text_content() for t in root.iter("title", "h1")]
    out += [m.get("content") or "" for m in root.iter("meta")
            if (m.get("property") or m.get("name") or m.get("itemprop") or "").lower() in
            ("og:title", "twitter:title", "headline")]
    out += [e.text_content() for e in root.xpath('//*[@itemprop="headline"]')]
    out += [h for h in names(PageMeta(root).article.get("headline"))]
    return [norm_title(html_lib.unescape(s)) for s in out if s]


def inconsistent_truth(pages: list[Page], result: RunResult) -> list[str]:
    """Missed pages whose expected title is in none of the page's own headline sources."""
    by_id = {p.id: p for p in pages}
    return [pid for pid, _, exp in title_misses(result)
            if not any(norm_title(exp) in src for src in title_sources(by_id[pid].html))]


def title_rate(result: RunResult) -> float:
    return 1 - len(title_misses(result)) / max(1, len(result.titles))


# -- report ---------------------------------------------------------------
FIXTURES = Path(__file__).resolve().parents[1] / "tests" / "fixtures"


def fixture_pages(folder: Path = FIXTURES) -> list[Page]:
    """The per-site fixture pages that state authors (written for the project in real sites' templates)."""
    out = []
    for expected in sorted(folder.glob("*/*/expected.json")):
        d = json.loads(expected.read_text(encoding="utf-8"))
        if "authors" in d and expected.parent.parent.name != "demo":
            out.append(Page(f"{expected.parent.parent.name}/{expected.parent.name}", expected.parent.parent.name,
                            d["url"], (expected.parent / "page.html").read_bytes(), None, None, d["authors"]))
    return out


def _fmt(s: SetScore) -> str:
    return f"P={s.precision:.3f} R={s.recall:.3f} F1={s.f1:.3f} acc={s.accuracy:.3f} (n={s.pages})"


def _worst(out: Callable[[str], None], scores: list[PageScore], n: int = 10) -> None:
    out("  ten worst pages (archiver):")
    for s in sorted(scores, key=lambda s: s.f1)[:n]:
        out(f"    {s.id[:48]:48s} F1={s.f1:.3f} P={s.precision or 0:.3f} R={s.recall or 0:.3f}")


def _per_group(out: Callable[[str], None], base: list[PageScore], ours: list[PageScore], label: str,
               worst_only: int | None = None) -> None:
    """Per site/publisher F1 (trafilatura -> archiver) with the group's worst page; ``worst_only``: the N worst groups."""
    groups = sorted({s.site for s in ours})
    rows = []
    for g in groups:
        b = aggregate(s for s in base if s.site == g)
        o_scores = [s for s in ours if s.site == g]
        o = aggregate(o_scores)
        w = min(o_scores, key=lambda s: s.f1)
        rows.append((o.f1, g, b, o, w))
    if worst_only:
        rows = sorted(rows, key=lambda r: r[0])[:worst_only]
        out(f"  {worst_only} worst {label}s (trafilatura F1 -> archiver F1; worst page):")
    else:
        out(f"  per {label} (trafilatura F1 -> archiver F1; worst page):")
    for _, g, b, o, w in rows:
        out(f"    {g[:28]:28s} {b.f1:.3f} -> {o.f1:.3f}  (P {o.precision:.3f} R {o.recall:.3f}; n={o.pages})"
            f"  worst {w.id[:40]} {w.f1:.3f}")


def _body_set(name: str, pages: list[Page], out: Callable[[str], None], figures: dict[str, float],
              timing: list[float]) -> tuple[RunResult, RunResult]:
    base, ours = run(pages, plain_trafilatura), run(pages, archiver_extract)
    b, o = aggregate(base.scores), aggregate(ours.scores)
    out(f"\n== {name} bodies\n  trafilatura: {_fmt(b)}\n  archiver:    {_fmt(o)}")
    figures[f"{name}_f1"], figures[f"{name}_precision"], figures[f"{name}_base_f1"] = o.f1, o.precision, b.f1
    timing[0] += ours.seconds
    timing[1] += base.seconds
    timing[2] += len(pages)
    return base, ours


def _authors(name: str, pages: list[Page], ours: RunResult, out: Callable[[str], None],
             figures: dict[str, float], misses: bool = False) -> None:
    theirs = run(pages, trafilatura_metadata)
    figures[f"{name}_authors"], figures[f"{name}_authors_base"] = author_rate(ours), author_rate(theirs)
    out(f"  authors exact list: archiver {figures[name + '_authors']:.1%}, trafilatura "
        f"{figures[name + '_authors_base']:.1%} (n={len(ours.authors)})")
    if misses:
        for pid, got, exp in ours.authors:
            if [norm_title(a) for a in got] != [norm_title(a) for a in exp]:
                out(f"    authors miss {pid}: want {exp!r} got {got!r}")


def benchmark(corpus: Path, quick: bool = False, out=print) -> dict[str, float]:
    """Run everything, print the report, return the figures the targets use."""
    figures: dict[str, float] = {}
    pub = check_published_scorer(corpus)
    out(f"scorer check, trafilatura published predictions on AEB: {_fmt(pub)} (published F1 0.958)")
    figures["published_check_f1"] = pub.f1
    timing = [0.0, 0.0, 0]  # archiver seconds, trafilatura seconds, pages

    pages = indonesian_pages(corpus)
    base, ours = _body_set("indonesian", pages, out, figures, timing)
    _per_group(out, base.scores, ours.scores, "site")
    loso = run(pages, archiver_without_site_rules)
    lo = aggregate(loso.scores)
    figures["indonesian_loso_f1"] = lo.f1
    out(f"  leave-one-site-out (each page without its site's [extraction]): {_fmt(lo)}")
    for site in sorted({s.site for s in ours.scores}):
        with_rules = aggregate(s for s in ours.scores if s.site == site).f1
        without = aggregate(s for s in loso.scores if s.site == site).f1
        if abs(with_rules - without) > 0.0005:
            out(f"    {site:28s} {with_rules:.3f} -> {without:.3f} without its rules")
    figures["indonesian_title"] = title_rate(ours)
    figures["indonesian_loso_title"] = title_rate(loso)
    out(f"  titles exact: {figures['indonesian_title']:.1%} (without site rules {figures['indonesian_loso_title']:.1%})")
    for pid, got, exp in title_misses(ours):
        out(f"    title miss {pid}: want {exp!r} got {got!r}")
    _authors("indonesian", pages, ours, out, figures, misses=True)
    fixtures = fixture_pages()
    _authors("fixtures", fixtures, run(fixtures, archiver_extract), out, figures, misses=True)
    _worst(out, ours.scores)

    if not quick:
        _, ours = _body_set("aeb", aeb_pages(corpus), out, figures, timing)
        _worst(out, ours.scores)

    fundus = fundus_pages(corpus)
    if quick:
        fundus = fundus[::4]
    base, fres = _body_set("fundus", fundus, out, figures, timing)
    nb = aggregate(rescore(fundus, base, lambda p: p.body_without_summary))
    no = aggregate(rescore(fundus, fres, lambda p: p.body_without_summary))
    figures["fundus_nosummary_f1"] = no.f1
    out(f"  without the summary:\n  trafilatura: {_fmt(nb)}\n  archiver:    {_fmt(no)}")
    _per_group(out, base.scores, fres.scores, "publisher", worst_only=15)
    _worst(out, fres.scores)
    _authors("fundus", fundus, fres, out, figures)
    figures["fundus_title"] = title_rate(fres)
    out(f"  titles: exact {figures['fundus_title']:.1%} of {len(fres.titles)}")
    bad_truth = inconsistent_truth([p for p in fundus if p.title], fres)
    out(f"  expected title found in none of the page's headline sources ({len(bad_truth)}): {', '.join(bad_truth)}")
    out(f"  counting those as right: {figures['fundus_title'] + len(bad_truth) / max(1, len(fres.titles)):.1%}")

    if not quick:
        _, ours = _body_set("wcxb", wcxb_pages(corpus), out, figures, timing)
        _worst(out, ours.scores)

    ratio = timing[0] / timing[1] if timing[1] else 0.0
    figures["time_ratio"] = ratio
    n = max(1, timing[2])
    out(f"\ntime per page ({timing[2]} pages): archiver {1000 * timing[0] / n:.1f} ms, "
        f"trafilatura {1000 * timing[1] / n:.1f} ms (ratio {ratio:.2f})")
    out("\ntargets (issue 14):")
    for label, ok in target_results(figures).items():
        out(f"  [{'PASS' if ok else 'FAIL'}] {label}")
    return figures


def target_results(f: dict[str, float]) -> dict[str, bool]:
    t = TARGETS
    res = {
        f"indonesian body F1 {f['indonesian_f1']:.3f} >= {t['indonesian_f1']}": f["indonesian_f1"] >= t["indonesian_f1"],
        f"indonesian leave-one-site-out F1 {f['indonesian_loso_f1']:.3f} >= {t['indonesian_loso_f1']}":
            f["indonesian_loso_f1"] >= t["indonesian_loso_f1"],
        f"fundus body F1 {f['fundus_f1']:.3f} >= {t['fundus_f1']} (trafilatura {f['fundus_base_f1']:.3f})":
            f["fundus_f1"] >= t["fundus_f1"],
        f"indonesian titles exact {f['indonesian_title']:.1%} >= 95%": f["indonesian_title"] >= t["indonesian_title"],
        f"fundus titles exact {f['fundus_title']:.1%} >= 81.8%": f["fundus_title"] >= t["fundus_title"] - 1e-9,
        f"fundus authors exact {f['fundus_authors']:.1%} > trafilatura's {f['fundus_authors_base']:.1%}":
            f["fundus_authors"] > f["fundus_authors_base"],
        f"indonesian authors exact {f['indonesian_authors']:.1%} > trafilatura's {f['indonesian_authors_base']:.1%}"
        f" (fixtures {f['fixtures_authors']:.1%} vs {f['fixtures_authors_base']:.1%})":
            f["indonesian_authors"] >= f["indonesian_authors_base"] and f["fixtures_authors"] > f["fixtures_authors_base"],
        f"time per page ratio {f['time_ratio']:.2f} <= {t['time_ratio']}": f["time_ratio"] <= t["time_ratio"],
    }
    if "aeb_f1" in f:
        res[f"AEB body F1 {f['aeb_f1']:.3f} >= {t['aeb_f1']} (trafilatura {f['aeb_base_f1']:.3f})"] = f["aeb_f1"] >= t["aeb_f1"]
    if "wcxb_f1" in f:
        res[f"WCXB body F1 {f['wcxb_f1']:.3f} >= trafilatura's {f['wcxb_base_f1']:.3f}"] = f["wcxb_f1"] >= f["wcxb_base_f1"]
    return res


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("corpus", nargs="?", default=str(DEFAULT_CORPUS))
    parser.add_argument("--quick", action="store_true", help="no AEB and WCXB, a quarter of fundus")
    args = parser.parse_args(argv)
    figures = benchmark(Path(args.corpus), quick=args.quick)
    return 0 if all(target_results(figures).values()) else 1


if __name__ == "__main__":
    raise SystemExit(main())
