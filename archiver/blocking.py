"""Recognising blocked responses: a 403 or a JavaScript challenge is not an article.

Several Indonesian sites answer data-centre crawlers with a challenge page
(Cloudflare and similar).  Archiving it would store garbage and hide that the
site is blocked, so the spider counts it per site and skips it.
"""

from __future__ import annotations

import re

_CHALLENGE_MARKERS = re.compile(
    rb"cf-browser-verification|cf_chl_opt|challenge-platform|__cf_chl_|Just a moment\.\.\.|"
    rb"Attention Required! \| Cloudflare|DDoS protection by|Checking your browser before accessing|"
    rb"captcha-delivery\.com|_Incapsula_Resource|px-captcha|Enable JavaScript and cookies to continue",
    re.I,
)


def block_reason(status: int, body: bytes) -> str | None:
    """Why a response is a block rather than content ("http-403", "challenge"), or None."""
    if status in (401, 403):
        return f"http-{status}"
    head = body[:20000]
    if _CHALLENGE_MARKERS.search(head) and len(body) < 200_000:
        return "challenge"
    return None
