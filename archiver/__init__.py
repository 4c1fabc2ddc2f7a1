"""archiver: crawl Indonesian news sites into a deduplicated Parquet archive.

Extraction (:mod:`archiver.extraction`), dates (:mod:`archiver.dates`) and
storage (:mod:`archiver.storage`) never import Scrapy, so notebooks, the
``fetch``/``extract`` commands and most tests run without a reactor.
"""

__version__ = "0.1.0"
