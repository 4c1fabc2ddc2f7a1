"""The extraction targets, measured on the real pages of ../shared/corpus (skipped when absent).

Runs the functions of benchmarks/extraction.py: archiver and plain
trafilatura on the same pages in the same process.
"""

from __future__ import annotations

import pytest

from conftest import CORPUS, load_benchmark

pytestmark = [pytest.mark.slow,
              pytest.mark.skipif(not (CORPUS / "indonesian" / "manifest.jsonl").exists(), reason="corpus not present")]


@pytest.fixture(scope="module")
def bench():
    return load_benchmark("extraction")


@pytest.fixture(scope="module")
def figures(bench):
    """One run of benchmarks/extraction.py over every set (Indonesian, leave-one-site-out, AEB, fundus, WCXB)."""
    return bench.benchmark(CORPUS, out=lambda *_args: None)


def test_scorer_reproduces_published_trafilatura_figure(bench):
    score = bench.check_published_scorer(CORPUS)
    assert round(score.f1, 3) == 0.958
    assert round(score.precision, 3) == 0.938 and round(score.recall, 3) == 0.978


def test_indonesian_bodies_meet_the_target_with_and_without_site_rules(bench, figures):
    assert figures["indonesian_f1"] >= bench.TARGETS["indonesian_f1"], figures["indonesian_f1"]
    assert figures["indonesian_loso_f1"] >= bench.TARGETS["indonesian_loso_f1"], figures["indonesian_loso_f1"]
    assert figures["indonesian_f1"] > figures["indonesian_base_f1"]


def test_titles_meet_the_targets(bench, figures):
    assert figures["indonesian_title"] >= bench.TARGETS["indonesian_title"]
    assert figures["fundus_title"] >= bench.TARGETS["fundus_title"] - 1e-9  # no lower than 81.8%


def test_authors_beat_trafilatura_on_both_sets(figures):
    assert figures["fundus_authors"] > figures["fundus_authors_base"]
    assert figures["indonesian_authors"] >= figures["indonesian_authors_base"]
    assert figures["fixtures_authors"] > figures["fixtures_authors_base"]


def test_no_set_is_worse_than_plain_trafilatura(figures):
    for name in ("aeb", "fundus"):
        assert figures[f"{name}_f1"] >= figures[f"{name}_base_f1"], name
    # three WCXB "articles" are a site's home page or a topic index, which archiver rejects by design
    # (a news archive stores articles): about 0.003 of WCXB's F1
    assert figures["wcxb_f1"] >= figures["wcxb_base_f1"] - 0.005


def test_aeb_body_target(bench, figures):
    # met since the marked-body check (0.9701; four AEB pages whose extraction read into related stories)
    assert figures["aeb_f1"] >= bench.TARGETS["aeb_f1"], figures["aeb_f1"]


# Not met yet (issue 14): strict, so the day a change meets it the test says so.
@pytest.mark.xfail(strict=True, reason="known gap: fundus 0.943 against the 0.97 target")
def test_fundus_body_target(bench, figures):
    assert figures["fundus_f1"] >= bench.TARGETS["fundus_f1"]


# Time per page (target ≤ 1.3× plain trafilatura) is measured side by side by
# benchmarks/extraction.py, not asserted here: a timed test fails on a busy machine.
