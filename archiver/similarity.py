"""Near-duplicate signatures: what makes two publishers' copies of one story look alike.

A syndicated copy differs from its source in what a publisher's CMS adds
(dateline lead, byline, "Baca juga" lines, desk codes, closing boilerplate)
and in a few edits (a sentence dropped or added, words changed).  The
signature therefore starts from the body with the extraction's own line
rules applied again (:func:`archiver.extraction.cleaning.clean_lines`: a copy
extracted by another site's rules may still hold them) and the lead, byline
and closing name of ``[signature]`` in ``default_rules.toml`` removed; then
word shingles (:data:`SHINGLE` words, lower-case tokens as
:func:`archiver.fingerprints.normalised_text` makes them) are MinHashed with
datasketch.

What is kept per article is compact: the low 16 bits of each of the
:data:`NUM_PERM` MinHash values (b-bit MinHash: two unequal values agree by
chance once in 65,536, so the agreement rate still estimates the Jaccard
similarity) — 2 bytes a permutation instead of 8.  LSH band keys are hashed
from those 16-bit values, so an index rebuilt from a saved signature finds
the same candidates.  The parameters were chosen on
``benchmarks/near_duplicates.py`` (see the commit message for the figures).
"""

from __future__ import annotations

import re
import zlib
from functools import lru_cache

import numpy as np

from archiver.extraction.cleaning import clean_lines
from archiver.extraction.rules import compile_rules, defaults
from archiver.fingerprints import normalised_text

SHINGLE = 3  # words per shingle
NUM_PERM = 128  # MinHash permutations (2 bytes each in the compact signature)
BANDS = 32  # LSH bands of ROWS values: a candidate shares one band
ROWS = 4
THRESHOLD = 0.3  # estimated Jaccard of shingles at or above which two bodies are one story
MIN_SHINGLES = 8  # bodies with fewer shingles (a caption, a stub) form clusters of their own
SEED = 1


@lru_cache(maxsize=1)
def _patterns() -> tuple[re.Pattern[str], re.Pattern[str], re.Pattern[str]]:
    rules = defaults()["signature"]
    return (re.compile(rules["lead"]), re.compile(rules["byline"], re.I), re.compile(rules["closing_name"]))


def signature_text(body: str | None) -> str:
    """The body as signatures see it: boilerplate lines, desk codes, the lead, bylines and closing name removed."""
    if not body:
        return ""
    lead, byline, closing = _patterns()
    lines = clean_lines(body, compile_rules()).lines
    lines = [line for line in lines if not byline.fullmatch(line)]
    if lines:
        lines[0] = lead.sub("", lines[0], count=1)
        lines[-1] = closing.sub("", lines[-1])
    return "\n".join(lines)


_MIX = np.array([0x9E3779B1, 0x85EBCA77, 0xC2B2AE3D, 0x27D4EB2F, 0x165667B1], np.uint64)


def shingles(text: str, size: int = SHINGLE) -> np.ndarray:
    """Distinct 32-bit hashes of ``text``'s ``size``-word shingles (normalised tokens).

    Words are hashed once (CRC-32, stable across processes, unlike ``hash()``) and each
    shingle's hash is a weighted sum of its words' in numpy: a Python string per shingle
    was most of the signature's cost.  datasketch mixes these values before permuting.
    """
    words = normalised_text(text).split()
    if not words:
        return np.empty(0, np.uint64)
    hashes = np.fromiter((zlib.crc32(w.encode()) for w in words), np.uint64, len(words))
    size = min(size, len(words))
    count = len(words) - size + 1
    combined = np.zeros(count, np.uint64)
    for i in range(size):
        combined = combined * np.uint64(31) + hashes[i:i + count] * _MIX[i % len(_MIX)]
    return np.unique(combined & np.uint64(0xFFFFFFFF))


@lru_cache(maxsize=4)
def _permutations(num_perm: int) -> tuple[np.ndarray, np.ndarray]:
    from datasketch import MinHash

    return MinHash(num_perm=num_perm, seed=SEED).permutations


def _identity(value: int) -> int:
    return value


def minhash(grams: np.ndarray, num_perm: int = NUM_PERM) -> np.ndarray:
    """The 32-bit MinHash values of a set of shingle hashes (datasketch, permutations computed once)."""
    from datasketch import MinHash

    sketch = MinHash(num_perm=num_perm, seed=SEED, hashfunc=_identity, permutations=_permutations(num_perm),
                     scheme="affine32")
    sketch.update_batch(grams.tolist())
    return sketch.hashvalues


def signature(body: str | None, *, size: int = SHINGLE, num_perm: int = NUM_PERM) -> np.ndarray | None:
    """The compact signature of a body (``num_perm`` uint16), or None when it is too short to compare."""
    grams = shingles(signature_text(body), size)
    if len(grams) < MIN_SHINGLES:
        return None
    return (minhash(grams, num_perm) & 0xFFFF).astype(np.uint16)


def similarity(a: np.ndarray, b: np.ndarray) -> float:
    """Estimated Jaccard similarity of two compact signatures (share of agreeing values, chance agreement removed)."""
    agree = float(np.count_nonzero(a == b)) / len(a)
    chance = 1.0 / 65536
    return max(0.0, (agree - chance) / (1.0 - chance))


def band_keys(sig: np.ndarray, bands: int = BANDS, rows: int = ROWS) -> np.ndarray:
    """One 64-bit key per LSH band: the band's values and its number (equal bands, equal keys).

    With 4 rows of 16 bits a band's values are exactly 64 bits; fewer or more rows are folded
    in by multiply-and-add.  Keys of different bands that collide only add a candidate, which
    the signature comparison then rejects.
    """
    view = sig[: bands * rows].astype(np.uint64).reshape(bands, rows)
    keys = np.zeros(bands, np.uint64)
    for i in range(rows):
        keys = (keys << np.uint64(16)) ^ (keys >> np.uint64(48)) * np.uint64(0x9E3779B97F4A7C15) ^ view[:, i]
    return keys ^ (np.arange(bands, dtype=np.uint64) * np.uint64(0xD6E8FEB86659FD93))
