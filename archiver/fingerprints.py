"""Stable fingerprints for deduplication: article ids, URL keys, content hashes.

Keys are 64-bit so that the in-memory dedup index can hold them in a packed
numpy array (8 bytes a key); ids and hashes are their hex strings in the
archive, so DuckDB users can join on them.
"""

from __future__ import annotations

import hashlib
import re

from archiver.urls import canonical_url

_WORD = re.compile(r"\w+", re.UNICODE)


def digest64(text: str) -> int:
    """A stable 64-bit key of ``text`` (BLAKE2b: the same in every process and run, unlike ``hash``)."""
    return int.from_bytes(hashlib.blake2b(text.encode("utf-8"), digest_size=8).digest(), "big")


def url_key(url: str) -> int:
    """64-bit key of a URL's canonical form (two spellings of one URL share it)."""
    return digest64(canonical_url(url))


def article_id(canonical: str) -> str:
    """The archive's ``article_id``: 16 hex digits of the canonical URL's key."""
    return f"{url_key(canonical):016x}"


def words(text: str) -> list[str]:
    """The lower-case word tokens of ``text``, as every body comparison here counts them."""
    return _WORD.findall(text.lower())


def word_count(body: str) -> int:
    """The archive's ``word_count``."""
    return len(_WORD.findall(body))


def normalised_text(body: str) -> str:
    """Body reduced to lower-case word tokens: spacing, punctuation and case do not count."""
    return " ".join(words(body))


def content_hash(body: str) -> str:
    """The archive's ``content_hash``: 32 hex digits of the normalised body.

    A republished copy with the same words under another URL has the same
    hash, which is how the pipeline stores it once.
    """
    return hashlib.blake2b(normalised_text(body).encode("utf-8"), digest_size=16).hexdigest()


def content_key(content_hash_hex: str) -> int:
    """64-bit key of a content hash, for the packed dedup index."""
    return int(content_hash_hex[:16], 16)
