"""The Scrapy layer: settings, running a crawl, the pipelines, the worker pool, progress and log lines.

Only this package and ``spiders/`` import Scrapy.  Importing the package
itself imports nothing, so the CLI can reach :mod:`archiver.crawl.run` lazily.
"""
