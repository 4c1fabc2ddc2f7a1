"""Near-duplicate clusters: each syndication edit joins its original's cluster, each hard negative stays apart,
and the clusters survive reopening, rebuilding and backfills (written examples in fixtures/clusters/)."""

from __future__ import annotations

from dataclasses import replace
from datetime import datetime, timedelta
from pathlib import Path

import pyarrow.parquet as pq
import pytest

from archiver import similarity
from archiver.fingerprints import content_hash
from archiver.model import Article
from archiver.storage.archive import Archive, New
from archiver.storage.clusters import first_path
from archiver.storage.reader import read_archive
from conftest import WIB, make_article, write_version_1_file

FIXTURES = Path(__file__).parent / "fixtures" / "clusters"
EDITS = ("dateline", "sentences_dropped", "sentences_added", "baca_juga", "words_changed", "antara_prefix")
HARD_NEGATIVES = ("same_topic", "followup")
PUBLISHED = datetime(2026, 5, 4, 8, 0, tzinfo=WIB)


def story(name: str, i: int, site: str, published: datetime = PUBLISHED) -> Article:
    body = (FIXTURES / f"{name}.txt").read_text(encoding="utf-8")
    return replace(make_article(i, site, published=published, body=body), content_hash=content_hash(body))


def stored(archive: Archive, article: Article) -> Article:
    result = archive.store(article)
    assert isinstance(result, New)
    return result.article


@pytest.fixture
def archive(tmp_path: Path) -> Archive:
    return Archive.open(tmp_path)


def test_the_signature_ignores_datelines_bylines_baca_juga_credits_and_desk_codes() -> None:
    text = similarity.signature_text((FIXTURES / "antara_prefix.txt").read_text(encoding="utf-8"))
    assert text.startswith("Pemerintah Kota Bekasi menutup") and "ANTARA" not in text and "Editor" not in text
    copy = similarity.signature_text((FIXTURES / "dateline.txt").read_text(encoding="utf-8"))
    assert copy == similarity.signature_text((FIXTURES / "original.txt").read_text(encoding="utf-8"))


@pytest.mark.parametrize("edit", EDITS)
def test_a_syndicated_copy_joins_the_cluster_of_its_original(archive: Archive, edit: str) -> None:
    original = stored(archive, story("original", 1, "kompas"))
    copy = stored(archive, story(edit, 2, "tribunnews", PUBLISHED + timedelta(hours=5)))
    assert original.cluster_id == original.article_id and original.similarity == 1.0
    assert copy.cluster_id == original.article_id and copy.article_id != original.article_id
    assert similarity.THRESHOLD <= copy.similarity <= 1.0


@pytest.mark.parametrize("other", HARD_NEGATIVES)
def test_another_story_on_the_same_topic_or_a_follow_up_is_a_cluster_of_its_own(archive: Archive, other: str) -> None:
    stored(archive, story("original", 1, "kompas"))
    negative = stored(archive, story(other, 2, "kompas", PUBLISHED + timedelta(days=1)))
    assert negative.cluster_id == negative.article_id and negative.similarity == 1.0


def test_short_stories_sharing_only_a_site_template_are_not_one_cluster(archive: Archive) -> None:
    a = stored(archive, story("template_a", 1, "kompas"))
    b = stored(archive, story("template_b", 2, "kompas", PUBLISHED + timedelta(minutes=30)))
    assert a.cluster_id != b.cluster_id


def test_a_copy_published_outside_the_window_starts_its_own_cluster(tmp_path: Path) -> None:
    archive = Archive.open(tmp_path, cluster_window=timedelta(days=3))
    stored(archive, story("original", 1, "kompas"))
    late = stored(archive, story("dateline", 2, "tribunnews", PUBLISHED + timedelta(days=4)))
    assert late.cluster_id == late.article_id


def test_a_new_version_stays_in_its_cluster(archive: Archive) -> None:
    original = stored(archive, story("original", 1, "kompas"))
    copy = stored(archive, story("dateline", 2, "tribunnews", PUBLISHED + timedelta(hours=2)))
    body = copy.body + "\n\nPembaruan: pekerjaan dimulai lebih awal dari jadwal."
    updated = archive.store(replace(copy, body=body, content_hash=content_hash(body), article_id=None))
    assert updated.article.version == 2 and updated.article.cluster_id == original.article_id


def test_a_copy_crawled_in_a_later_run_joins_the_cluster_and_a_missing_index_is_rebuilt(tmp_path: Path) -> None:
    first = Archive.open(tmp_path)
    original = stored(first, story("original", 1, "kompas"))
    first.close()
    second = Archive.open(tmp_path)
    assert len(second.clusters) == 1  # loaded from index/clusters.npz
    assert stored(second, story("baca_juga", 2, "tribunnews", PUBLISHED + timedelta(days=1))).cluster_id == original.article_id
    second.close()
    (tmp_path / "index" / "clusters.npz").unlink()
    third = Archive.open(tmp_path)
    assert len(third.clusters) == 2
    copy = stored(third, story("words_changed", 3, "okezone", PUBLISHED + timedelta(days=2)))
    assert copy.cluster_id == original.article_id
    third.close()
    assert set(read_archive(tmp_path).column("cluster_id").to_pylist()) == {original.article_id}


def test_a_backfilled_earlier_copy_becomes_the_first_member_without_rewriting_rows(tmp_path: Path) -> None:
    archive = Archive.open(tmp_path)
    later = stored(archive, story("dateline", 1, "tribunnews", PUBLISHED + timedelta(hours=6)))
    archive.close()
    files_before = sorted((tmp_path / "articles").rglob("*.parquet"))
    archive = Archive.open(tmp_path)
    wire = stored(archive, story("antara_prefix", 2, "antaranews", PUBLISHED))
    archive.close()
    assert wire.cluster_id == later.article_id  # the cluster keeps its id: rows already stored stay true
    assert all(p.exists() for p in files_before)  # and are not rewritten
    first = pq.read_table(first_path(tmp_path)).to_pylist()
    assert [(r["cluster_id"], r["first_article_id"]) for r in first] == [(later.article_id, wire.article_id)]
    reopened = Archive.open(tmp_path)
    assert reopened.clusters.first_member(later.article_id) == wire.article_id
    (tmp_path / "index" / "clusters.npz").unlink()
    assert Archive.open(tmp_path).clusters.first_member(later.article_id) == wire.article_id  # rebuilt from rows


def test_rows_of_an_older_schema_version_are_clustered_in_memory(tmp_path: Path) -> None:
    write_version_1_file(tmp_path, story("original", 1, "kompas"))
    archive = Archive.open(tmp_path)
    copy = stored(archive, story("sentences_dropped", 2, "tribunnews", PUBLISHED + timedelta(hours=1)))
    assert copy.cluster_id == story("original", 1, "kompas").article_id


def test_a_body_too_short_to_compare_is_a_cluster_of_its_own(archive: Archive) -> None:
    a = stored(archive, replace(make_article(1, body="Foto: banjir di Bekasi."), content_hash="1" * 32))
    b = stored(archive, replace(make_article(2, body="Foto: banjir di Bekasi pagi ini."), content_hash="2" * 32))
    assert (a.cluster_id, b.cluster_id) == (a.article_id, b.article_id)
