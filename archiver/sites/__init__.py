"""Site configurations (:mod:`.config`) and the registry of packaged and user sites (:mod:`.registry`)."""

from __future__ import annotations

from archiver.sites.config import DEFAULT_TIMEZONE, ExtractionRules, SiteConfig, SiteConfigError, site_from_dict, validate_site
from archiver.sites.registry import (
    builtin_site_files,
    check_sites,
    load_sites,
    load_sites_file,
    resolve_targets,
    site_for_url,
)

__all__ = ["DEFAULT_TIMEZONE", "ExtractionRules", "SiteConfig", "SiteConfigError", "builtin_site_files", "check_sites",
           "load_sites", "load_sites_file", "resolve_targets", "site_for_url", "site_from_dict", "validate_site"]
