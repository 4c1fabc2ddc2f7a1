"""Score archiver's extraction against the corpus, side by side with plain trafilatura.

Usage: python benchmarks/extraction.py [CORPUS_DIR] [--quick]

Scoring follows ../shared/corpus/README.md exactly: token 4-gram multisets,
per-page tp/fp/fn normalised to sum 1, corpus P and R as means over pages,
F1 of the means, accuracy = identical token lists.  The scorer is checked
against trafilatura's published AEB figure (0.958) from its predictions file.
"""

from __future__ import annotations

import argparse
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
from archiver.extraction import NotAnArticle, extract_article  # noqa: E402
from archiver.page import parse_html  # noqa: E402
from archiver.page.meta import PageMeta, names  # noqa: E402

DEFAULT_CORPUS = Path(__file__).resolve().parents[2] / "shared" / "corpus"
_TOKEN = re.compile(r"\w+")
TARGETS = {"indonesian_f1": 0.95, "indonesian_precision": 0.95, "title_exact": 0.95, "time_ratio": 1.3}


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


def indonesian_pages(corpus: Path) -> list[Page]:
    folder = corpus / "indonesian"
    out = []
    for line in (folder / "manifest.jsonl").read_text(encoding="utf-8").splitlines():
        d = json.loads(line)
        out.append(Page(d["id"], d["site"], d["url"], gzip.decompress((folder / d["file"]).read_bytes()),
                        d["body"], d["title"]))
    return out


def aeb_pages(corpus: Path) -> list[Page]:
    folder = corpus / "aeb"
    truth = json.loads((folder / "ground-truth.json").read_text(encoding="utf-8"))
    return [Page(k, "aeb", v.get("url") or "", gzip.decompress((folder / "html" / f"{k}.html.gz").read_bytes()),
                 v["articleBody"]) for k, v in sorted(truth.items())]


def fundus_pages(corpus: Path) -> list[Page]:
    folder = corpus / "fundus"
    out = []
    for line in (folder / "manifest.jsonl").read_text(encoding="utf-8").splitlines():
        d = json.loads(line)
        title = (d.get("expected") or {}).get("title")
        if title:
            out.append(Page(d["html"], d["publisher"], d["url"],
                            gzip.decompress((folder / "test_data" / d["html"]).read_bytes()), None, title))
    return out


def check_published_scorer(corpus: Path) -> SetScore:
    """Our scorer on trafilatura's published AEB predictions (should give F1 0.958)."""
    truth = json.loads((corpus / "aeb" / "ground-truth.json").read_text(encoding="utf-8"))
    preds = json.loads((corpus / "aeb" / "predictions" / "trafilatura.json").read_text(encoding="utf-8"))["output"]
    return aggregate(score_page(k, "aeb", v["articleBody"], preds.get(k, {}).get("articleBody", ""))
                     for k, v in truth.items())


# -- extractors -----------------------------------------------------------
def plain_trafilatura(page: Page) -> tuple[str | None, None]:
    return trafilatura.extract(page.html, include_comments=False), None


def archiver_extract(page: Page) -> tuple[str | None, str | None]:
    try:
        art = extract_article(page.html, page.url or "http://example.invalid/article")
    except NotAnArticle:
        return "", None
    return art.body, art.title


@dataclass
class RunResult:
    scores: list[PageScore] = field(default_factory=list)
    titles: list[tuple[str, str | None, str]] = field(default_factory=list)  # id, got, expected
    seconds: float = 0.0


def run(pages: list[Page], extractor: Callable[[Page], tuple[str | None, str | None]]) -> RunResult:
    result = RunResult()
    if pages:
        extractor(pages[0])  # warm-up: one-time loading (dateparser locales, caches) is not per-page cost
    for page in pages:
        start = time.perf_counter()
        body, title = extractor(page)
        result.seconds += time.perf_counter() - start
        if page.body is not None:
            result.scores.append(score_page(page.id, page.site, page.body, body))
        if page.title is not None:
            result.titles.append((page.id, title, page.title))
    return result


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
def _fmt(s: SetScore) -> str:
    return f"P={s.precision:.3f} R={s.recall:.3f} F1={s.f1:.3f} acc={s.accuracy:.3f} (n={s.pages})"


def benchmark(corpus: Path, quick: bool = False, out=print) -> dict[str, float]:
    """Run everything, print the report, return the figures the targets use."""
    figures: dict[str, float] = {}
    pub = check_published_scorer(corpus)
    out(f"scorer check, trafilatura published predictions on AEB: {_fmt(pub)} (published F1 0.958)")
    figures["published_check_f1"] = pub.f1
    ours_time = theirs_time = 0.0
    n_timed = 0
    sets = {"indonesian": indonesian_pages(corpus)} | ({} if quick else {"aeb": aeb_pages(corpus)})
    for name, pages in sets.items():
        base, ours = run(pages, plain_trafilatura), run(pages, archiver_extract)
        b, o = aggregate(base.scores), aggregate(ours.scores)
        out(f"\n== {name}\n  trafilatura: {_fmt(b)}\n  archiver:    {_fmt(o)}")
        figures[f"{name}_f1"], figures[f"{name}_precision"], figures[f"{name}_base_f1"] = o.f1, o.precision, b.f1
        ours_time += ours.seconds
        theirs_time += base.seconds
        n_timed += len(pages)
        if name == "indonesian":
            out("  per site (trafilatura F1 -> archiver F1):")
            for site in sorted({s.site for s in ours.scores}):
                bs = aggregate(s for s in base.scores if s.site == site)
                os_ = aggregate(s for s in ours.scores if s.site == site)
                out(f"    {site:28s} {bs.f1:.3f} -> {os_.f1:.3f}  (P {os_.precision:.3f} R {os_.recall:.3f})")
            figures["indonesian_title"] = title_rate(ours)
            out(f"  titles exact: {figures['indonesian_title']:.1%}")
            for pid, got, exp in title_misses(ours):
                out(f"    title miss {pid}: want {exp!r} got {got!r}")
        out("  ten worst pages (archiver):")
        for s in sorted(ours.scores, key=lambda s: s.f1)[:10]:
            out(f"    {s.id[:40]:40s} F1={s.f1:.3f} P={s.precision or 0:.3f} R={s.recall or 0:.3f}")
    fundus = fundus_pages(corpus)
    if quick:
        fundus = fundus[::4]
    fres = run(fundus, archiver_extract)
    figures["fundus_title"] = title_rate(fres)
    out(f"\n== fundus titles: exact {figures['fundus_title']:.1%} of {len(fres.titles)}")
    bad_truth = inconsistent_truth(fundus, fres)
    out(f"  expected title found in none of the page's headline sources ({len(bad_truth)}): {', '.join(bad_truth)}")
    out(f"  counting those as right: {figures['fundus_title'] + len(bad_truth) / max(1, len(fres.titles)):.1%}")
    if not quick:
        out("  misses (expected / ours):")
        for pid, got, exp in title_misses(fres):
            out(f"    {pid}\n      want {exp!r}\n      got  {got!r}")
    ratio = ours_time / theirs_time if theirs_time else 0.0
    figures["time_ratio"] = ratio
    out(f"\ntime per page: archiver {1000 * ours_time / n_timed:.1f} ms, trafilatura {1000 * theirs_time / n_timed:.1f} ms"
        f" (ratio {ratio:.2f})")
    out("\ntargets:")
    for label, ok in target_results(figures).items():
        out(f"  [{'PASS' if ok else 'FAIL'}] {label}")
    return figures


def target_results(f: dict[str, float]) -> dict[str, bool]:
    res = {
        f"indonesian body F1 {f['indonesian_f1']:.3f} >= 0.95": f["indonesian_f1"] >= TARGETS["indonesian_f1"],
        f"indonesian body precision {f['indonesian_precision']:.3f} >= 0.95":
            f["indonesian_precision"] >= TARGETS["indonesian_precision"],
        f"indonesian titles exact {f['indonesian_title']:.1%} >= 95%": f["indonesian_title"] >= TARGETS["title_exact"],
        f"fundus titles exact {f['fundus_title']:.1%} >= 95%": f["fundus_title"] >= TARGETS["title_exact"],
        f"time per page ratio {f['time_ratio']:.2f} <= 1.3": f["time_ratio"] <= TARGETS["time_ratio"],
    }
    if "aeb_f1" in f:
        res[f"AEB body F1 {f['aeb_f1']:.3f} >= trafilatura's {f['aeb_base_f1']:.3f}"] = f["aeb_f1"] >= f["aeb_base_f1"]
    return res


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("corpus", nargs="?", default=str(DEFAULT_CORPUS))
    parser.add_argument("--quick", action="store_true", help="indonesian only, a quarter of fundus")
    args = parser.parse_args(argv)
    figures = benchmark(Path(args.corpus), quick=args.quick)
    return 0 if all(target_results(figures).values()) else 1


if __name__ == "__main__":
    raise SystemExit(main())
