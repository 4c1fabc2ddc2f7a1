"""Scrapy settings for archiver: polite by default, every knob a setting.

Layering is Scrapy's own: these defaults ← ``-s NAME=VALUE`` on the command
line (``archiver crawl -s …`` or ``scrapy crawl news -s …``).  archiver's own
knobs share the ``ARCHIVER_`` prefix.
"""

from __future__ import annotations

import os

from scrapy.settings import default_settings as _scrapy_defaults

from archiver.discovery import WELL_KNOWN_FEEDS, WELL_KNOWN_SITEMAPS

BOT_NAME = "archiver"
SPIDER_MODULES = ["spiders"]
NEWSPIDER_MODULE = "spiders"

USER_AGENT = "archiver/0.1 (+https://github.com/archiver-news/archiver; news archive crawler)"

# --- politeness --------------------------------------------------------------
ROBOTSTXT_OBEY = True
AUTOTHROTTLE_ENABLED = True
AUTOTHROTTLE_START_DELAY = 1.0
AUTOTHROTTLE_MAX_DELAY = 30.0
AUTOTHROTTLE_TARGET_CONCURRENCY = 2.0
CONCURRENT_REQUESTS = 16
CONCURRENT_REQUESTS_PER_DOMAIN = 4
DOWNLOAD_DELAY = 0.5

# --- robustness ----------------------------------------------------------------
RETRY_ENABLED = True
RETRY_TIMES = 2
RETRY_HTTP_CODES = [500, 502, 503, 504, 522, 524, 408, 429]
DOWNLOAD_TIMEOUT = 30
DOWNLOAD_MAXSIZE = 16 * 1024 * 1024  # a news page is never 16 MiB; a runaway response is dropped
DOWNLOAD_WARNSIZE = 4 * 1024 * 1024
REDIRECT_MAX_TIMES = 5
COOKIES_ENABLED = False
HTTPERROR_ALLOWED_CODES = [403]  # seen by the spider so that blocked sites are reported
DEPTH_PRIORITY = 0

# --- engine ------------------------------------------------------------------
TWISTED_REACTOR = "twisted.internet.asyncioreactor.AsyncioSelectorReactor"
LOG_LEVEL = "INFO"
LOG_FORMATTER = "archiver.crawl.logformatter.ArticleLogFormatter"
TELNETCONSOLE_ENABLED = False
REMOTE_CONTROL_ENABLED = False  # Scrapy's HTTP control server: a cron crawl opens no port
# Scrapy starts this many tasks for the output of every response; a page yields at most one
# item, and 100 (the default) idle tasks per page cost the reactor more than parsing it did
CONCURRENT_ITEMS = 8
FEED_EXPORT_ENCODING = "utf-8"

# Scrapy components that are no-ops for the news spider but cost the reactor on every request:
# it names no allowed_domains (it checks each site's domains itself), sets no DEPTH_LIMIT (listing
# depth is its own ARCHIVER_LISTING_DEPTH) and needs no debugging of meta copies.
DOWNLOADER_MIDDLEWARES = {
    "scrapy.downloadermiddlewares.offsite.OffsiteMiddleware": None,
    # per-site browser impersonation and proxy: after the user-agent and default headers (500, 400), before
    # HttpProxyMiddleware (750); disabled when no site of the run has either
    "archiver.crawl.transport.SiteTransport": 580,
    # between the downloader and HttpCompression (590) / Redirect (600): sees raw bodies and redirects
    "archiver.crawl.warc.WarcCapture": 650,
}
SPIDER_MIDDLEWARES = {
    "scrapy.spidermiddlewares.depth.DepthMiddleware": None,
    "scrapy.spidermiddlewares.metacopy.MetaCopyDetectionMiddleware": None,
}

ITEM_PIPELINES = {
    "archiver.crawl.pipelines.ExtractPipeline": 300,
    "archiver.crawl.pipelines.ArchivePipeline": 800,
}

EXTENSIONS = {
    "archiver.crawl.workers.WorkerPool": 100,
    "archiver.crawl.progress.ProgressReporter": 500,
}
# Scrapy's own extensions without those a crawl never uses: Scrapy imports every listed extension's
# module at start-up, even one set to None (the remote control's imports aiohttp: ~0.15-0.35 s)
EXTENSIONS_BASE = {path: order for path, order in _scrapy_defaults.EXTENSIONS_BASE.items()
                   if path.rsplit(".", 1)[-1] not in ("RemoteControl", "TelnetConsole", "MemoryDebugger")}

# --- archiver ----------------------------------------------------------------
ARCHIVER_ARCHIVE_DIR = os.environ.get("ARCHIVER_ARCHIVE_DIR", "data")
ARCHIVER_SITES_FILES: list[str] = []  # extra site TOML files (``--sites-file``)
ARCHIVER_FLUSH_ROWS = 200  # write a Parquet file at least every N articles …
ARCHIVER_FLUSH_SECONDS = 30.0  # … or every T seconds: a kill loses at most this window
ARCHIVER_WARC = True  # keep every response (raw body) and its request as WARC records under <archive>/warc/
ARCHIVER_WARC_MAX_BYTES = 1 << 30  # start a new WARC file once the current one holds this many bytes
ARCHIVER_PAYLOAD_MEMORY = 100_000  # digests of page bodies kept per run: a byte-identical copy at another URL is an alias, not re-analysed (0: off)
ARCHIVER_WARC_GZIP_LEVEL = 2  # ISA-L level of each record's gzip member (0 fastest … 3 smallest)
ARCHIVER_WARC_BACKGROUND = True  # gzip and append WARC records on a thread of their own, not the reactor's
ARCHIVER_EXTRACT_WORKERS = min(os.cpu_count() or 1, 4)  # processes that parse, judge and extract pages; 0: inline
ARCHIVER_EXTRACT_QUEUE = 8  # page jobs in flight per worker (bounded memory)
ARCHIVER_EXTRACT_NICE = 10  # workers' niceness: the reactor process, which feeds them, comes first
ARCHIVER_EXTRACT_FUNCTION = ""  # dotted path replacing archiver.analysis.extract_page (tests inject faults)
ARCHIVER_DEDUP_INDEX = "archiver.storage.dedup.LocalDedupIndex"  # a DedupIndex implementation (dotted path)
ARCHIVER_CLUSTERS = True  # give every stored article its near-duplicate cluster (cluster_id, similarity)
ARCHIVER_CLUSTER_WINDOW_DAYS = 3.0  # near-duplicate copies are looked for this many days either side of publication
ARCHIVER_TEMPLATE = True  # learn each site's repeated body lines from its archived pages and drop them (archiver.extraction.template)
ARCHIVER_TEMPLATE_MIN_PAGES = 3  # a body line on this many distinct pages of a site is its template
ARCHIVER_TEMPLATE_HOLD = 6  # a fresh site's first N articles wait until the model has seen N pages, then are cleaned
ARCHIVER_TEMPLATE_MAX_LINES = 1024  # line keys (and link-text keys) tracked per site; singletons are evicted first
ARCHIVER_TAKE_LOCK = True  # False when the caller (the CLI) already holds the archive lock
ARCHIVER_LISTING_DEPTH = 3  # hops from a start/section page through non-article links
ARCHIVER_FOLLOW_FROM_ARTICLES = True  # discover more articles from links on article pages
# asked of a site that states no sitemap or feed when its robots.txt names no sitemap (empty: ask nothing)
ARCHIVER_PROBE_SITEMAPS = list(WELL_KNOWN_SITEMAPS)  # /sitemap.xml, /wp-sitemap.xml, /sitemap_index.xml, /news-sitemap.xml
ARCHIVER_PROBE_FEEDS = list(WELL_KNOWN_FEEDS)  # WordPress /feed/, Blogger /feeds/posts/default
ARCHIVER_MAX_ARTICLES = 0  # download at most N article pages in a run (0: no limit)
ARCHIVER_SINCE = ""  # ISO date: skip sitemap/feed entries published before it
ARCHIVER_EXTRA_SETTING_NAMES = ""  # comma-separated names of third-party settings -s may set (others are typos)
ARCHIVER_QUIET_SCRAPY = True  # keep Scrapy's start-up banner, component lists and stats dump out of the log
ARCHIVER_PROGRESS_ENABLED = True  # live line per site on a terminal, plain log lines otherwise
ARCHIVER_PROGRESS_MODE = "auto"  # auto | live | log
ARCHIVER_PROGRESS_INTERVAL = 30.0  # seconds between plain progress log lines
ARCHIVER_IMPERSONATE = ""  # browser (curl_cffi name: chrome, firefox, safari, edge…) every site's requests impersonate
