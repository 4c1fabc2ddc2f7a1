"""A small stopword-based language guess for pages that do not declare one.

Only Indonesian and English matter for the archive; anything else returns
None rather than a wrong guess.
"""

from __future__ import annotations

import re

_STOPWORDS = {
    "id": set("yang dan di ini itu dengan untuk dari dalam tidak akan pada juga ke karena oleh sudah ada "
              "bisa atau saat kata telah lebih para mereka kami kita adalah menjadi tersebut namun".split()),
    "en": set("the and of to in is that for it on was with as by at from this be are have has not "
              "an or which but were their been said would will its".split()),
}
_WORD = re.compile(r"[^\W\d_]+", re.UNICODE)


def detect_language(text: str, min_hits: int = 5) -> str | None:
    """'id' or 'en' when one language's stopwords clearly dominate ``text``."""
    counts = {lang: 0 for lang in _STOPWORDS}
    for word in _WORD.findall(text[:20000].lower()):
        for lang, words in _STOPWORDS.items():
            if word in words:
                counts[lang] += 1
    best = max(counts, key=counts.__getitem__)
    others = max(v for k, v in counts.items() if k != best)
    if counts[best] >= min_hits and counts[best] >= 1.5 * others:
        return best
    return None


def normalise_language(value: str | None) -> str | None:
    """'id-ID', 'id_ID', 'in' -> 'id'; 'en-US' -> 'en'; junk -> None."""
    if not value:
        return None
    code = re.split(r"[-_]", value.strip().lower())[0]
    if code == "in":
        code = "id"
    return code if re.fullmatch(r"[a-z]{2,3}", code) else None
