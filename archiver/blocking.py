"""Recognising blocked responses: a 403 or a JavaScript challenge is not an article.

Several Indonesian sites answer data-centre crawlers with a challenge page
(Cloudflare and similar).  Archiving it would store garbage and hide that the
site is blocked, so the spider counts it per site and skips it.
"""

from __future__ import annotations

import re

# lower-case markers, searched in the lower-cased head of the page (faster than re.I on every page)
_CHALLENGE_MARKERS = re.compile(
    rb"cf-browser-verification|cf_chl_opt|__cf_chl_|just a moment\.\.\.|"
    rb"attention required! \| cloudflare|ddos protection by|checking your browser before accessing|"
    rb"captcha-delivery\.com|_incapsula_resource|px-captcha|enable javascript and cookies to continue"
)


def block_reason(status: int, body: bytes) -> str | None:
    """Why a response is a block rather than content ("http-403", "challenge"), or None."""
    if status in (401, 403):
        return f"http-{status}"
    if len(body) < 200_000 and _CHALLENGE_MARKERS.search(body[:20000].lower()):
        return "challenge"
    return None
