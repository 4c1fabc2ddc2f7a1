"""End to end: the demo server's partner site (a second site id, host ``localhost``) republishes a demo story
with a syndicator's edits; crawling both keeps both rows in one cluster, across runs and a backfill."""

from __future__ import annotations

import json
from pathlib import Path

import pyarrow.parquet as pq
import pytest

from archiver.demo.server import DemoServer
from archiver.storage.clusters import first_path
from conftest import FAST, archive_rows, crawl_demo, run_archiver

pytestmark = pytest.mark.slow
SLUG = "satelit-internet-mulai-layani-sekolah-di-pulau-pulau-terluar"


def _mitra_sites_file(server: DemoServer, folder: Path) -> Path:
    path = folder / "mitra.toml"
    path.write_text(f"""id = "mitra"
name = "Kabar Mitra (the demo's partner site)"
base_url = "{server.partner_base_url}"
domains = ["localhost"]

[discovery]
sitemaps = ["mitra/sitemap.xml"]
robots_sitemaps = false

[articles]
allow = ['/mitra/\\d{{4}}/\\d{{2}}/\\d{{2}}/\\d+/']
""", encoding="utf-8")
    return path


def _crawl_mitra(server: DemoServer, archive: Path, sites: Path) -> None:
    result = run_archiver("crawl", "mitra", "--sites-file", str(sites), "--archive", str(archive), *FAST)
    assert result.returncode == 0, result.stderr


def _story_rows(archive: Path) -> list[dict]:
    rows = archive_rows(archive)
    origin = next(r for r in rows if r["site"] == "demo" and SLUG in r["url"])
    return sorted((r for r in rows if r["cluster_id"] == origin["cluster_id"]), key=lambda r: r["published_at"])


def test_a_partner_copy_joins_the_story_cluster_across_runs_and_a_backfill(tmp_path: Path) -> None:
    archive = tmp_path / "data"
    with DemoServer() as server:
        sites = _mitra_sites_file(server, tmp_path)
        assert crawl_demo(server, archive).returncode == 0
        _crawl_mitra(server, archive, sites)
        rows = _story_rows(archive)
        assert [r["site"] for r in rows] == ["demo", "mitra"]  # both copies kept, one cluster
        demo_row, copy_row = rows
        assert demo_row["cluster_id"] == demo_row["article_id"] and 0.3 <= copy_row["similarity"] < 1.0
        others = [r for r in archive_rows(archive) if r["site"] == "demo" and r["article_id"] != demo_row["article_id"]]
        assert all(r["cluster_id"] in (r["article_id"], None) or r["cluster_id"] != demo_row["article_id"] for r in others)

        _crawl_mitra(server, archive, sites)  # a second run: nothing new, the cluster unchanged
        assert _story_rows(archive) == rows

        wire = server.syndicate(SLUG, hours=-3)  # a copy published before the story, found later
        _crawl_mitra(server, archive, sites)
        rows = _story_rows(archive)
        assert len(rows) == 3 and str(wire.id) in rows[0]["url"]  # earliest published first
        assert {r["cluster_id"] for r in rows} == {demo_row["article_id"]}
        first = pq.read_table(first_path(archive)).to_pylist()
        assert [(f["cluster_id"], f["first_article_id"]) for f in first] == [(demo_row["article_id"], rows[0]["article_id"])]

        shown = json.loads(run_archiver("show", demo_row["article_id"], "--archive", str(archive), "--json").stdout)
        assert [m["site"] for m in shown[0]["cluster"]] == ["mitra", "demo", "mitra"]
        pairs = json.loads(run_archiver("stats", "--clusters", "--json", "--archive", str(archive)).stdout)
        assert pairs == [{"source": "mitra", "copy": "demo", "clusters": 1, "copies": 1},
                         {"source": "mitra", "copy": "mitra", "clusters": 1, "copies": 1}]


def test_a_run_without_clusters_stores_null_clusters_and_a_later_copy_still_joins_the_story(tmp_path: Path) -> None:
    archive = tmp_path / "data"
    with DemoServer() as server:
        sites = _mitra_sites_file(server, tmp_path)
        assert crawl_demo(server, archive, "-s", "ARCHIVER_CLUSTERS=False").returncode == 0
        demo_rows = archive_rows(archive)
        assert demo_rows and all(r["cluster_id"] is None and r["similarity"] is None for r in demo_rows)
        assert not (archive / "index" / "clusters.npz").exists()
        assert run_archiver("verify", "--archive", str(archive)).returncode == 0

        _crawl_mitra(server, archive, sites)  # clusters on again: the index catches up with the demo's rows
        rows = archive_rows(archive)
        origin = next(r for r in rows if r["site"] == "demo" and SLUG in r["url"])
        assert origin["cluster_id"] is None  # rows are never rewritten
        copies = [r for r in rows if r["site"] == "mitra" and r["cluster_id"] == origin["article_id"]]
        assert len(copies) == 1 and 0.3 <= copies[0]["similarity"] < 1.0
