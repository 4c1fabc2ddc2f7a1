"""Near-duplicate clusters on a labelled set built from real corpus articles (issue 18).

Usage: python benchmarks/near_duplicates.py [CORPUS] [--articles N] [--sweep]

From a third of N real articles (the Indonesian pages, then fundus news pages; bodies are the corpus's
ground truth) the set holds the original and seven syndicated copies, each with the edits a partner
site makes: dateline and byline changed, two sentences dropped, two added, "Baca juga" lines, ten
words changed, an ANTARA-style prefix and credits, and all of these lightly at once.  Hard negatives,
each a story of its own: the nearest other real article by word overlap (same topic, different
story: every original is one), the same site's follow-up (two background sentences of the original
over another real story), and template-only overlap (two short stories in one site's full template:
dateline, byline, "Baca juga" lines, closing lines).  Copies get publication times from 6 hours
before to 48 hours after the original and arrive in random order, so backfills happen.

Scores are pairwise: a pair is "same" when both items come from one original.  archiver's figure is
the clusters :class:`archiver.storage.clusters.ClusterIndex` assigns to the stream (what a crawl
stores); beside it, trafilatura's 64-bit simhash on the same bodies, pair by pair at its best
threshold (it has no clustering of its own, so it gets the best case).  Also: state bytes per article,
the time clustering adds per article, and with ``--sweep`` the figures that chose the parameters
(shingle size, permutations, bands × rows, threshold).
"""

from __future__ import annotations

import argparse
import json
import random
import re
import sys
import time
from collections import Counter
from dataclasses import dataclass
from datetime import datetime, timedelta, timezone
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from archiver import similarity as sim  # noqa: E402
from archiver.model import Article  # noqa: E402
from archiver.storage.clusters import ClusterIndex  # noqa: E402

CORPUS = ROOT.parent / "shared" / "corpus"
T0 = datetime(2026, 5, 4, 3, 0, tzinfo=timezone.utc)
EDITS = ("dateline", "drop", "add", "baca_juga", "words", "antara", "combined")
TEMPLATE_HEAD = ["JAKARTA, KOMPAS.com - ", "Penulis: Nama Penulis | Editor: Nama Editor"]
TEMPLATE_TAIL = [
    "Baca juga: Harga Cabai Rawit di Pasar Induk Naik Lagi",
    "Baca juga: Jadwal Lengkap Pertandingan Liga 1 Pekan Ini",
    "Dapatkan update berita pilihan dan breaking news setiap hari dari Kompas.com. Mari bergabung di Grup "
    "Telegram \"Kompas.com News Update\", caranya klik link lalu join.",
    "Simak breaking news dan berita pilihan kami langsung di ponselmu. Pilih saluran andalanmu akses berita "
    "Kompas.com WhatsApp Channel.",
    "(kps/nam)",
]
_SENTENCE = re.compile(r"(?<=[.!?\"”])\s+(?=[A-Z\"“])")
_LEAD = re.compile(r"^[^\n]{0,60}?\s[-–—]\s")


@dataclass
class Item:
    body: str
    group: int  # items of one group are copies of one story
    kind: str  # original, an edit name, followup, template
    minutes: int  # publication time, minutes after T0


def real_articles(corpus: Path, limit: int) -> list[tuple[str, str, str]]:
    """(site, title, body) of real news articles with 80-2000 words: Indonesian pages first, then fundus."""
    out: list[tuple[str, str, str]] = []
    for line in (corpus / "indonesian" / "manifest.jsonl").read_text(encoding="utf-8").splitlines():
        row = json.loads(line)
        out.append((row["site"], row["title"] or "", row["body"] or ""))
    for line in (corpus / "fundus" / "manifest.jsonl").read_text(encoding="utf-8").splitlines():
        row = json.loads(line)
        exp = row["expected"]
        body = exp.get("body") or {}
        paras = list(body.get("summary") or [])
        for section in body.get("sections") or []:
            paras += section.get("paragraphs") or []
        out.append((row["publisher"], exp.get("title") or "", "\n\n".join(paras)))
    out = [a for a in out if 80 <= len(a[2].split()) <= 2000 and len(_sentences(a[2])) >= 6]
    return out[:limit]


def _sentences(body: str) -> list[str]:
    return [s for para in body.split("\n") for s in _SENTENCE.split(para.strip()) if s.strip()]


def _paragraphs(body: str) -> list[str]:
    return [p.strip() for p in body.split("\n") if p.strip()]


def edit(body: str, kind: str, rng: random.Random, donor: str, titles: list[str]) -> str:
    """``body`` as a partner site republishes it, with one kind of edit (``combined``: all lightly)."""
    paras = _paragraphs(body)
    if kind in ("dateline", "combined"):
        paras[0] = "TRIBUNNEWS.COM, JAKARTA - " + _LEAD.sub("", paras[0], count=1)
        paras = ["Laporan Wartawan Tribunnews.com, Rina Ayu"] + paras + ["(tribun/rin)"]
    if kind == "antara":
        paras[0] = "Jakarta (ANTARA) - " + _LEAD.sub("", paras[0], count=1)
        paras += ["Pewarta: Rina Ayu", "Editor: Budi Santoso", "COPYRIGHT © ANTARA 2026"]
    if kind in ("drop", "add", "words", "combined"):
        text = "\n".join(paras)
        sentences = _sentences(text)
        if kind in ("drop", "combined"):
            for _ in range(2 if kind == "drop" else 1):
                sentences.pop(rng.randrange(1, len(sentences)))
        if kind in ("add", "combined"):
            extra = _sentences(donor)
            for _ in range(2 if kind == "add" else 1):
                sentences.insert(rng.randrange(1, len(sentences)), rng.choice(extra))
        words = " ".join(sentences).split(" ")
        if kind in ("words", "combined"):
            pool = donor.split() or ["kata"]
            for _ in range(10 if kind == "words" else 5):
                words[rng.randrange(len(words))] = rng.choice(pool)
        paras = _rejoin(words, 40)
    if kind in ("baca_juga", "combined"):
        for title in rng.sample(titles, 3 if kind == "baca_juga" else 1):
            paras.insert(rng.randrange(1, len(paras) + 1), f"Baca juga: {title}")
    return "\n\n".join(paras)


def _rejoin(words: list[str], per: int) -> list[str]:
    return [" ".join(words[i:i + per]) for i in range(0, len(words), per)]


def build(articles: list[tuple[str, str, str]], seed: int = 18) -> tuple[list[Item], dict[str, list[tuple[int, int]]]]:
    """The labelled stream (shuffled) and the hard-negative pairs by kind (indexes into the stream)."""
    rng = random.Random(seed)
    third = max(1, len(articles) // 3)
    originals, fillers = articles[:third], articles[third:]  # each filler story is used by one negative only
    titles = [t for _, t, _ in articles if t]
    items: list[Item] = []
    group_of_original: list[int] = []
    for g, (_site, _title, body) in enumerate(originals):
        start = rng.randrange(0, 60 * 24 * 30)
        group_of_original.append(len(items))
        items.append(Item(body, g, "original", start))
        for kind in EDITS:
            donor = rng.choice(originals)[2]  # another story's sentences and words (not a filler's)
            items.append(Item(edit(body, kind, rng, donor, titles), g, kind, start + rng.randrange(-360, 60 * 48)))
    pairs: dict[str, list[tuple[int, int]]] = {"same_topic": [], "followup": [], "template": []}
    group = len(originals)
    for g, (_site, _title, body) in enumerate(originals):
        filler = fillers[g % len(fillers)][2]  # fillers[:third]: one per follow-up
        background = " ".join(_sentences(body)[-2:])
        follow = background + "\n\n" + "\n\n".join(_paragraphs(filler)[1:])
        pairs["followup"].append((group_of_original[g], len(items)))
        items.append(Item(follow, group, "followup", items[group_of_original[g]].minutes + 60 * 20))
        group += 1
    rest = fillers[len(originals):]
    for g in range(0, len(rest) - 1, 2):
        left, right = (" ".join(rest[i][2].split()[:60]) for i in (g, g + 1))
        minute = rng.randrange(0, 60 * 24 * 30)
        pair = []
        for text in (left, right):
            body = "\n\n".join([TEMPLATE_HEAD[1], TEMPLATE_HEAD[0] + text, *TEMPLATE_TAIL])
            pair.append(len(items))
            items.append(Item(body, group, "template", minute + len(pair) * 30))
            group += 1
        pairs["template"].append((pair[0], pair[1]))
    pairs["same_topic"] = _same_topic([items[i] for i in group_of_original], group_of_original)
    order = list(range(len(items)))
    rng.shuffle(order)
    where = {old: new for new, old in enumerate(order)}
    shuffled = [items[i] for i in order]
    return shuffled, {k: [(where[a], where[b]) for a, b in v] for k, v in pairs.items()}


def _same_topic(originals: list[Item], positions: list[int]) -> list[tuple[int, int]]:
    """Each original with the other original sharing the most content words (tf-idf cosine)."""
    docs = [Counter(w for w in re.findall(r"[^\W\d_]{4,}", o.body.lower())) for o in originals]
    df = Counter(w for d in docs for w in d)
    vecs = []
    for d in docs:
        v = {w: c * np.log(len(docs) / df[w]) for w, c in d.items()}
        norm = np.sqrt(sum(x * x for x in v.values())) or 1.0
        vecs.append({w: x / norm for w, x in v.items()})
    out = []
    for i, v in enumerate(vecs):
        best = max((j for j in range(len(vecs)) if j != i), key=lambda j: sum(x * vecs[j].get(w, 0.0) for w, x in v.items()))
        out.append((positions[i], positions[best]))
    return out


# ----------------------------------------------------------------------------------------- scoring


def pair_scores(same_pred: np.ndarray, truth: np.ndarray) -> tuple[float, float]:
    """Precision and recall over the upper triangle of two boolean pair matrices."""
    upper = np.triu(np.ones_like(truth, bool), 1)
    tp = int(np.count_nonzero(same_pred & truth & upper))
    fp = int(np.count_nonzero(same_pred & ~truth & upper))
    fn = int(np.count_nonzero(~same_pred & truth & upper))
    return (tp / (tp + fp) if tp + fp else 1.0), (tp / (tp + fn) if tp + fn else 1.0)


def cluster_stream(items: list[Item], window_days: float = 3) -> tuple[list[str], ClusterIndex, float, float]:
    """Clusters a ClusterIndex assigns, in stream order; also seconds per article for signatures and lookups."""
    index = ClusterIndex(window=timedelta(days=window_days))
    sig_s = look_s = 0.0
    out = []
    for i, item in enumerate(items):
        url = f"https://site{i % 7}.example.id/berita/{i}"
        article = Article(url=url, site=f"site{i % 7}", body=item.body, published_at=T0 + timedelta(minutes=item.minutes),
                          article_id=f"{i + 1:016x}")
        t = time.perf_counter()
        signature = sim.signature(item.body)
        sig_s += time.perf_counter() - t
        t = time.perf_counter()
        out.append(index.assign(article, signature, computed=True).cluster_id)
        look_s += time.perf_counter() - t
    return out, index, sig_s / len(items), look_s / len(items)


def steady_state(n: int) -> float:
    """Bytes per article of an index holding ``n`` articles (random signatures: memory does not depend on the text)."""
    rng = np.random.default_rng(18)
    index = ClusterIndex()
    for i in range(n):
        article = Article(url=f"https://x.example.id/{i}", site="x", published_at=T0 + timedelta(minutes=i),
                          article_id=f"{i + 1:016x}")
        index.assign(article, rng.integers(0, 65536, sim.NUM_PERM, dtype=np.uint16), computed=True)
    return index.memory_bytes() / len(index)


def _simhash_matrix(items: list[Item]) -> np.ndarray:
    from trafilatura.deduplication import Simhash

    hashes = np.array([Simhash(item.body).hash for item in items], np.uint64)
    xor = hashes[:, None] ^ hashes[None, :]
    bits = np.unpackbits(xor.view(np.uint8).reshape(len(items), len(items), 8), axis=2).sum(axis=2)
    return 1.0 - bits / 64.0


def _jaccard_matrix(items: list[Item], size: int, num_perm: int) -> tuple[np.ndarray, np.ndarray]:
    """Estimated Jaccard of every pair, from compact signatures (items too short: -1); and the signatures."""
    sigs = []
    for item in items:
        grams = sim.shingles(sim.signature_text(item.body), size)
        sigs.append((sim.minhash(grams, num_perm) & 0xFFFF).astype(np.uint16) if len(grams) >= sim.MIN_SHINGLES else None)
    full = np.stack([s if s is not None else np.arange(num_perm, dtype=np.uint16) + 7919 * i for i, s in enumerate(sigs)])
    eq = np.zeros((len(items), len(items)), np.float32)
    for p in range(num_perm):
        eq += full[:, p][:, None] == full[:, p][None, :]
    est = eq / num_perm
    short = np.array([s is None for s in sigs])
    est[short, :] = -1
    est[:, short] = -1
    return est, full


def _window(items: list[Item], days: float) -> np.ndarray:
    minutes = np.array([i.minutes for i in items])
    return np.abs(minutes[:, None] - minutes[None, :]) <= days * 24 * 60


def best_threshold(matrix: np.ndarray, truth: np.ndarray, mask: np.ndarray, grid: np.ndarray) -> tuple[float, float, float]:
    """The threshold with the best F1 on pairs (within ``mask``): (threshold, precision, recall)."""
    best = (0.0, 0.0, 0.0, -1.0)
    for t in grid:
        p, r = pair_scores((matrix >= t) & mask, truth)
        f1 = 2 * p * r / (p + r) if p + r else 0.0
        if f1 > best[3]:
            best = (float(t), p, r, f1)
    return best[:3]


def _lsh_recall(full: np.ndarray, truth: np.ndarray, est: np.ndarray, threshold: float, bands: int, rows: int) -> float:
    """Share of true pairs at or above ``threshold`` that share at least one band."""
    keys = np.stack([sim.band_keys(s, bands, rows) for s in full])
    share = np.zeros(truth.shape, bool)
    for b in range(bands):
        share |= keys[:, b][:, None] == keys[:, b][None, :]
    wanted = truth & (est >= threshold) & np.triu(np.ones_like(truth, bool), 1)
    return float(np.count_nonzero(share & wanted)) / max(1, int(np.count_nonzero(wanted)))


def sweep(items: list[Item], truth: np.ndarray, mask: np.ndarray) -> None:
    grid = np.round(np.arange(0.05, 0.95, 0.05), 2)
    print("\nparameter sweep (pairwise, estimated Jaccard, within the window):")
    print(f"{'shingle':>7} {'perms':>5} {'best t':>6} {'precision':>9} {'recall':>6} {'copies: min':>11} {'1st pct':>7} "
          f"{'other stories: max':>18}")
    upper = np.triu(np.ones_like(truth, bool), 1) & mask
    for size in (1, 2, 3, 4, 5):
        for perms in ((64, 128, 256) if size == sim.SHINGLE else (sim.NUM_PERM,)):
            est, full = _jaccard_matrix(items, size, perms)
            t, p, r = best_threshold(est, truth, mask, grid)
            pos, neg = est[truth & upper], est[~truth & upper & (est >= 0)]
            print(f"{size:>7} {perms:>5} {t:>6.2f} {p:>9.4f} {r:>6.4f} {pos.min():>11.3f} {np.percentile(pos, 1):>7.3f} "
                  f"{neg.max():>18.3f}")
            if size == sim.SHINGLE and perms == sim.NUM_PERM:
                chosen = (est, full)
    est, full = chosen
    for t in (0.2, 0.25, 0.3, 0.35, 0.4, 0.5):
        p, r = pair_scores((est >= t) & mask, truth)
        print(f"  shingle {sim.SHINGLE}, {sim.NUM_PERM} perms, threshold {t:.2f}: precision {p:.4f} recall {r:.4f}")
    print("LSH: share of true pairs at or above the threshold that share a band:")
    for bands, rows in ((16, 8), (32, 4), (42, 3), (64, 2), (21, 6)):
        if bands * rows <= sim.NUM_PERM:
            print(f"  {bands:>3} bands × {rows} rows: {_lsh_recall(full, truth, est, sim.THRESHOLD, bands, rows):.4f}")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("corpus", nargs="?", type=Path, default=CORPUS)
    parser.add_argument("--articles", type=int, default=300, help="real articles read (a third become originals)")
    parser.add_argument("--sweep", action="store_true", help="also print the parameter sweep")
    args = parser.parse_args()
    articles = real_articles(args.corpus, args.articles)
    items, negatives = build(articles)
    groups = np.array([i.group for i in items])
    truth = groups[:, None] == groups[None, :]
    np.fill_diagonal(truth, False)
    kinds = Counter(i.kind for i in items)
    print(f"{len(articles)} real articles -> {len(items)} items ({', '.join(f'{k} {v}' for k, v in sorted(kinds.items()))}); "
          f"{int(np.triu(truth, 1).sum())} same-story pairs of {len(items) * (len(items) - 1) // 2}")
    mask = _window(items, 3)

    clusters, index, sig_s, look_s = cluster_stream(items)
    labels = np.array([int(c, 16) for c in clusters])
    same = labels[:, None] == labels[None, :]
    np.fill_diagonal(same, False)
    p, r = pair_scores(same, truth)
    state = index.memory_bytes() / len(index)
    print(f"\narchiver clusters (shingle {sim.SHINGLE}, {sim.NUM_PERM} perms, {sim.BANDS}×{sim.ROWS} bands, "
          f"threshold {sim.THRESHOLD}, window ±3 days): precision {p:.4f} recall {r:.4f}  [targets 0.99 / 0.95] "
          f"{'PASS' if p >= 0.99 and r >= 0.95 else 'FAIL'}")
    for kind in EDITS:
        idx = [i for i, it in enumerate(items) if it.kind == kind]
        orig = {it.group: i for i, it in enumerate(items) if it.kind == "original"}
        hit = sum(labels[i] == labels[orig[items[i].group]] for i in idx)
        print(f"  {kind:<10} copies in their original's cluster: {hit}/{len(idx)}")
    for kind, pairs in negatives.items():
        wrong = sum(labels[a] == labels[b] for a, b in pairs)
        print(f"  hard negative {kind:<10}: {wrong}/{len(pairs)} pairs wrongly in one cluster")
    big = steady_state(20_000)
    print(f"state: {state:.0f} bytes per article in memory for these {len(index)}, {big:.0f} at 20,000 articles "
          f"[target ≤ 1024] {'PASS' if max(state, big) <= 1024 else 'FAIL'}")
    print(f"time per article: signature {sig_s * 1e3:.2f} ms (in the crawl's worker processes), "
          f"lookup and assignment {look_s * 1e3:.3f} ms (in the archive pipeline)")

    simhash = _simhash_matrix(items)
    t, sp, sr = best_threshold(simhash, truth, np.ones_like(truth), np.round(np.arange(0.5, 1.0, 0.01), 2))
    print(f"\ntrafilatura simhash (64 bits, raw body), best threshold {t:.2f}: precision {sp:.4f} recall {sr:.4f}")
    for kind, pairs in negatives.items():
        print(f"  hard negative {kind:<10}: {sum(simhash[a, b] >= t for a, b in pairs)}/{len(pairs)} pairs at or above it")
    if args.sweep:
        sweep(items, truth, mask)
    return 0


if __name__ == "__main__":
    sys.exit(main())
