"""Where a worker's time goes: ``analyse_page`` over real pages under cProfile, per stage, in ms/page.

The stages are the functions ``analyse_page`` calls (parse, metadata, navigation, times, fields,
pruning, trafilatura, line cleaning); their cumulative times overlap where one calls another
(trafilatura runs inside ``extract_body``), so the rows are read as "how much of the whole".
"""

from __future__ import annotations

import cProfile
import pstats
import time
from datetime import datetime, timezone

from archiver.analysis import PageJob, analyse_page, extract_page
from archiver.model import FetchedPage
from archiver.sites import site_for_url

# (label, module file suffix, function name) of the stages worth a row
STAGES = (
    ("analyse_page (whole)", "archiver/analysis.py", "analyse_page"),
    ("parse_html", "archiver/page/html.py", "parse_html"),
    ("PageMeta (meta, JSON-LD)", "archiver/page/meta.py", "__init__"),
    ("navigation.is_article", "archiver/navigation.py", "is_article"),
    ("navigation.page_links", "archiver/navigation.py", "page_links"),
    ("find_page_times", "archiver/dates/page.py", "find_page_times"),
    ("fields.title", "archiver/extraction/fields.py", "title"),
    ("fields.authors", "archiver/extraction/fields.py", "authors"),
    ("extract_body (prune + trafilatura)", "archiver/extraction/core.py", "extract_body"),
    ("prune_tree", "archiver/extraction/cleaning.py", "prune_tree"),
    ("trafilatura.extract", "trafilatura/core.py", "extract"),
    ("clean_lines", "archiver/extraction/cleaning.py", "clean_lines"),
    ("link_texts", "archiver/extraction/cleaning.py", "link_texts"),
    ("detect_language", "archiver/extraction/language.py", "detect_language"),
)


def jobs(pages: list[bytes], base_url: str) -> list[PageJob]:
    """One job per page as the crawl's workers receive it (an ad-hoc site for the bare URL)."""
    site = site_for_url(base_url)
    now = datetime.now(timezone.utc)
    return [PageJob(FetchedPage(f"{base_url}a/{n}.html", site, html, None, now), extract=extract_page)
            for n, html in enumerate(pages)]


def profile_stages(pages: list[bytes], base_url: str) -> tuple[float, list[tuple[str, float]]]:
    """(ms/page of the whole, [(stage, cumulative ms/page)]) for ``analyse_page`` over ``pages``."""
    work = jobs(pages, base_url)
    analyse_page(work[0])  # warm-up: imports, compiled rules, caches
    started = time.process_time()
    for job in work:
        analyse_page(job)
    whole = (time.process_time() - started) * 1000 / len(work)
    profiler = cProfile.Profile()
    profiler.enable()
    for job in work:
        analyse_page(job)
    profiler.disable()
    table = pstats.Stats(profiler).stats  # type: ignore[attr-defined]
    rows = []
    for label, path, name in STAGES:
        cumulative = sum(entry[3] for (file, _line, func), entry in table.items()
                         if func == name and file.replace("\\", "/").endswith(path))
        rows.append((label, cumulative * 1000 / len(work)))
    return whole, rows


def paired_ms(pages: list[bytes], base_url: str, passes: int = 1) -> tuple[float, float]:
    """(analyse_page, trafilatura.extract) ms/page, each page run by both back to back.

    On a busy machine two separate loops see different loads; here every page's two timings sit
    side by side, and each is the fastest of ``passes`` tries, so a burst of other work during one
    try does not count against either.
    """
    import trafilatura

    work = jobs(pages, base_url)
    analyse_page(work[0])
    trafilatura.extract(pages[0])
    best_ours = [float("inf")] * len(work)
    best_theirs = [float("inf")] * len(work)
    for _ in range(passes):
        for i, job in enumerate(work):
            started = time.process_time()
            trafilatura.extract(job.page.html)
            middle = time.process_time()
            analyse_page(job)
            ended = time.process_time()
            best_theirs[i] = min(best_theirs[i], middle - started)
            best_ours[i] = min(best_ours[i], ended - middle)
    return 1000 * sum(best_ours) / len(work), 1000 * sum(best_theirs) / len(work)


def print_stages(pages: list[bytes], base_url: str) -> float:
    """Print the stage table; return the unprofiled ms/page of ``analyse_page``."""
    whole, rows = profile_stages(pages, base_url)
    print(f"  analyse_page unprofiled: {whole:.1f} ms/page over {len(pages)} pages (one core, in-process)")
    total = rows[0][1] or 1.0
    for label, ms in rows:
        print(f"    {label:<36} {ms:7.2f} ms/page (profiled) {100 * ms / total:5.1f}%")
    return whole
