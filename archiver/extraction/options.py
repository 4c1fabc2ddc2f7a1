"""Everything extraction needs to know about a site, built once per site.

A crawl extracts thousands of pages of each site: the compiled cleaning
rules, the zone and the site's names are looked up once here, not per page.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

from archiver.extraction.rules import Rules, compile_rules
from archiver.sites import SiteConfig, load_sites, site_for_url


@dataclass(frozen=True)
class ExtractionOptions:
    """One site's extraction settings (see :func:`options_for`)."""

    site: SiteConfig
    rules: Rules

    @property
    def timezone(self) -> str:
        """Zone of datelines that name none."""
        return self.site.timezone


@lru_cache(maxsize=512)
def options_for(site: SiteConfig) -> ExtractionOptions:
    """The options of ``site`` (memoised: equal configs share one object)."""
    return ExtractionOptions(site=site, rules=compile_rules(site.extraction))


def options_for_url(url: str) -> ExtractionOptions:
    """Options of the packaged site serving ``url``, else of an ad-hoc site for its host."""
    return options_for(site_for_url(url, load_sites()))
