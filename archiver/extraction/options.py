"""Everything extraction needs to know about a site, built once per site.

A crawl extracts thousands of pages of each site: the compiled cleaning
rules, the zone and the site's names are looked up once here, not per page.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from functools import cached_property, lru_cache
from importlib import metadata
from pathlib import Path

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

    @cached_property
    def extractor_version(self) -> str:
        """``<archiver version>+<code digest>.<site rules digest>``: what the rows' ``extractor_version`` says.

        The code digest changes with any change to extraction, dates, page parsing or the default rules
        (or trafilatura's version); the site digest with the site's ``[extraction]`` rules, zone or
        language.  ``archiver reextract`` compares it to tell which rows another extractor made.
        """
        site = repr((self.site.extraction, self.site.timezone, self.site.language, self.site.name)).encode()
        return f"{_code_version()}.{hashlib.blake2b(site, digest_size=3).hexdigest()}"


_CODE = ("analysis.py", "navigation.py", "extraction", "dates", "page")


@lru_cache(maxsize=1)
def _code_version() -> str:
    from archiver import __version__

    package = Path(__file__).resolve().parents[1]
    digest = hashlib.blake2b(metadata.version("trafilatura").encode(), digest_size=4)
    for name in _CODE:
        for path in sorted([package / name] if name.endswith(".py") else (package / name).rglob("*")):
            if path.suffix in (".py", ".toml"):
                digest.update(path.relative_to(package).as_posix().encode() + b"\0" + path.read_bytes())
    return f"{__version__}+{digest.hexdigest()}"


@lru_cache(maxsize=512)
def options_for(site: SiteConfig) -> ExtractionOptions:
    """The options of ``site`` (memoised: equal configs share one object)."""
    return ExtractionOptions(site=site, rules=compile_rules(site.extraction))


def options_for_url(url: str) -> ExtractionOptions:
    """Options of the packaged site serving ``url``, else of an ad-hoc site for its host."""
    return options_for(site_for_url(url, load_sites()))
