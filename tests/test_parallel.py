"""--jobs: worker processes give the same rows, in the same order, as one process."""

from __future__ import annotations

import os

import polars as pl
import pytest

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


def test_workers_replaced_during_a_run_give_the_same_rows_in_order(voc, tmp_path, monkeypatch):
    """Fresh workers every RECYCLE_ROWS rows (a long run's memory stays bounded): nothing lost, repeated or reordered."""
    import voc.parallel as parallel

    monkeypatch.setattr(parallel, "RECYCLE_ROWS", 20)  # 40 rows per pair of workers: 110 rows need three pairs
    pools = []
    opened = parallel.Workers._open
    monkeypatch.setattr(parallel.Workers, "_open", lambda self: (opened(self), pools.append(self.started)))
    args = ("analyze", sample("ru_reviews.jsonl"), "--batch-size", "16")
    one = voc(*args, "--jobs", "1", "-o", tmp_path / "one.parquet")
    two = voc(*args, "--jobs", "2", "-o", tmp_path / "two.parquet")
    assert one.code == two.code == 0, two.stderr
    assert pools == [1, 2, 3]
    assert pl.read_parquet(tmp_path / "one.parquet").equals(pl.read_parquet(tmp_path / "two.parquet"))


def test_jobs_must_be_positive(voc, tmp_path):
    result = voc("analyze", sample("ru_reviews.jsonl"), "--jobs", "0", "-o", tmp_path / "x.csv")
    assert result.code == 2 and "--jobs" in result.stderr


def _workers(pid: int) -> list[int]:
    from pathlib import Path

    out = []
    for task in Path(f"/proc/{pid}/task").iterdir():
        for child in (task / "children").read_text().split():
            cmdline = Path(f"/proc/{child}/cmdline").read_bytes()
            if b"spawn_main" in cmdline:  # not the resource tracker
                out.append(int(child))
    return out


def _run_and(action, tmp_path):  # noqa: ANN001
    """Start a --jobs 2 run in a child process, act on it once its workers exist, return (status, stderr)."""
    import subprocess
    import sys
    import time

    cmd = [sys.executable, "-m", "voc", "analyze", sample("ru_reviews.jsonl"), "--batch-size", "4", "--jobs", "2",
           "-o", str(tmp_path / "out.csv")]  # fmt: skip
    child = subprocess.Popen(cmd, stderr=subprocess.PIPE, text=True)
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline and child.poll() is None:
        try:
            workers = _workers(child.pid)
        except OSError:
            workers = []
        if len(workers) == 2:
            action(child, workers)
            break
        time.sleep(0.05)
    _, stderr = child.communicate(timeout=120)
    return child.returncode, stderr



@pytest.mark.skipif(not os.path.isdir("/proc"), reason="finds workers through /proc")
def test_a_killed_worker_stops_the_run_with_one_clear_line_and_no_output(tmp_path):
    import signal

    status, stderr = _run_and(lambda child, workers: os.kill(workers[0], signal.SIGKILL), tmp_path)
    assert status == 1 and "worker process died" in stderr and "Traceback" not in stderr
    assert not (tmp_path / "out.csv").exists()


@pytest.mark.skipif(not os.path.isdir("/proc"), reason="finds workers through /proc")
@pytest.mark.parametrize("signame", ["SIGTERM", "SIGINT"])
def test_an_interrupted_parallel_run_leaves_nothing_behind_and_a_rerun_gives_the_clean_result(signame, voc, tmp_path):
    import signal

    status, stderr = _run_and(lambda child, workers: child.send_signal(getattr(signal, signame)), tmp_path)
    assert status == 1 and "interrupted" in stderr and "Traceback" not in stderr
    assert list(tmp_path.iterdir()) == []  # no output, no temp file
    args = ("analyze", sample("ru_reviews.jsonl"), "--batch-size", "4", "--jobs", "2")
    again = voc(*args, "-o", tmp_path / "out.csv")
    clean = voc(*args, "--jobs", "1", "-o", tmp_path / "clean.csv")
    assert again.code == clean.code == 0
    assert (tmp_path / "out.csv").read_bytes() == (tmp_path / "clean.csv").read_bytes()


def test_discovery_with_workers_finds_the_same_topics(voc, tmp_path):
    # Workers send back each comment's discovery features instead of its parse.
    args = ("analyze", sample("en_feedback_mixed.csv"), "--text-col", "comment", "--batch-size", "40", "--discover", "--seed", "7")
    one = voc(*args, "--jobs", "1", "-o", tmp_path / "one.parquet")
    two = voc(*args, "--jobs", "2", "-o", tmp_path / "two.parquet")
    assert one.code == two.code == 0, two.stderr
    a, b = pl.read_parquet(tmp_path / "one.parquet"), pl.read_parquet(tmp_path / "two.parquet")
    assert a.equals(b) and a["discovered_topic"].n_unique() > 2


def test_a_bad_lexicon_overlay_gives_its_own_message_with_workers(voc, tmp_path):
    # Workers load lexicons when they start; the error must still be the file and line, not "a worker died".
    (tmp_path / "lex" / "en").mkdir(parents=True)
    (tmp_path / "lex" / "en" / "valence.tsv").write_text("great\tnotanumber\n", encoding="utf-8")
    result = voc("analyze", sample("en_feedback_mixed.csv"), "--text-col", "comment", "--lexicons", tmp_path / "lex",
                 "--jobs", "2", "--batch-size", "20", "-o", tmp_path / "out.csv")  # fmt: skip
    assert result.code == 2 and "valence.tsv: line 1" in result.stderr and "worker" not in result.stderr
    assert not (tmp_path / "out.csv").exists()
