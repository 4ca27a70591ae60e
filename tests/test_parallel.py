"""--jobs: worker processes give the same rows, in the same order, as one process."""

from __future__ import annotations

import polars as pl

from tests.conftest import sample


def test_two_workers_give_the_single_process_result_in_input_order(voc, tmp_path):
    args = ("analyze", sample("ru_reviews.jsonl"), "--batch-size", "16", "--date-col", "created_at", "--score-col", "rating")
    one = voc(*args, "--jobs", "1", "-o", tmp_path / "one.parquet", "--store", tmp_path / "h1")
    two = voc(*args, "--jobs", "2", "-o", tmp_path / "two.parquet", "--store", tmp_path / "h2")
    assert one.code == two.code == 0, two.stderr
    a, b = pl.read_parquet(tmp_path / "one.parquet"), pl.read_parquet(tmp_path / "two.parquet")
    assert a.height == 110 and a.equals(b)
    from voc.report.store import Store

    stored = [Store(tmp_path / h).read().sort("_key").drop("_week") for h in ("h1", "h2")]
    assert stored[0].equals(stored[1])


def test_jobs_must_be_positive(voc, tmp_path):
    result = voc("analyze", sample("ru_reviews.jsonl"), "--jobs", "0", "-o", tmp_path / "x.csv")
    assert result.code == 2 and "--jobs" in result.stderr
