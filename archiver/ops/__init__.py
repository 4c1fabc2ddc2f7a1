"""Operations on an archive: run records (:mod:`.runs`), statistics and the HTML report (:mod:`.report`),
single-URL fetches (:mod:`.fetch`).  Scrapy-free: they read what crawls left behind."""
