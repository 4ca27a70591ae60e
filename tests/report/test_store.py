"""The history store: weeks, idempotent re-runs, concurrent appends."""

from __future__ import annotations

import datetime as dt
import multiprocessing

import polars as pl

from voc.core import columns as C
from voc.report.store import KEY, WEEK, Store


def work(texts, dates, source="export.csv"):
    return pl.DataFrame(
        {
            C.VOC_ID: [f"{source}:{i}" for i in range(1, len(texts) + 1)],
            C.SOURCE_FILE: [source] * len(texts),
            C.DATE: dates,
            C.LANGUAGE: ["en"] * len(texts),
            C.SENTIMENT: ["negative"] * len(texts),
            C.TOPICS: [["delivery"]] * len(texts),
            "text": texts,
        },
        schema_overrides={C.DATE: pl.Datetime("us")},
    )


def test_rows_go_to_their_iso_week_and_rerunning_adds_nothing(tmp_path):
    store = Store(tmp_path / "store")
    rows = store.canonical(work(["late", "rude", "ok"], [dt.datetime(2026, 11, 16, 0, 30), dt.datetime(2026, 11, 22, 23, 59), dt.datetime(2026, 11, 23, 0, 0)]))
    assert rows[WEEK].to_list() == ["2026-W47", "2026-W47", "2026-W48"]
    assert store.append(rows) == 3
    assert store.append(rows) == 0  # same export again
    stored = store.read()
    assert stored.height == 3 and stored[KEY].n_unique() == 3
    assert sorted(p.name for p in (tmp_path / "store").iterdir() if p.is_dir()) == ["week=2026-W47", "week=2026-W48"]
    assert store.read(["2026-W48"])["text"].to_list() == ["ok"]


def test_same_ids_next_week_with_new_text_are_kept(tmp_path):
    store = Store(tmp_path / "s")
    store.append(store.canonical(work(["late"], [dt.datetime(2026, 11, 16)])))
    store.append(store.canonical(work(["broken"], [dt.datetime(2026, 11, 23)])))  # export.csv:1 again
    assert store.read().height == 2


def test_rows_without_a_date_use_the_day_they_were_stored(tmp_path):
    store = Store(tmp_path / "s")
    rows = store.canonical(work(["x"], [None]), today=dt.date(2026, 1, 1))
    assert rows[WEEK].to_list() == ["2026-W01"]


def _append(path, texts):
    store = Store(path)
    store.append(store.canonical(work(texts, [dt.datetime(2026, 11, 17)] * len(texts))))


def test_concurrent_appends_neither_corrupt_nor_duplicate(tmp_path):
    path = tmp_path / "s"
    texts = [f"comment {i}" for i in range(200)]
    ctx = multiprocessing.get_context("spawn")
    procs = [ctx.Process(target=_append, args=(path, texts)) for _ in range(4)]
    for p in procs:
        p.start()
    for p in procs:
        p.join(60)
        assert p.exitcode == 0
    stored = Store(path).read()
    assert stored.height == 200 and stored[KEY].n_unique() == 200
    assert not list(path.glob("week=*/.*.part"))


def test_analyze_store_is_idempotent_and_keeps_dates(voc, tmp_path):
    from tests.conftest import sample

    store = tmp_path / "history"
    args = ("analyze", sample("en_feedback_mixed.csv"), "--date-col", "received_at", "--channel-col", "source", "--store", store,
            "-o", tmp_path / "out.csv")  # fmt: skip
    assert voc(*args).code == 0
    assert voc(*args).code == 0  # the same export again
    stored = Store(store).read()
    assert stored.height == 140
    assert stored[C.DATE].null_count() == 0
    assert stored[WEEK].n_unique() >= 8  # the export spans eight ISO weeks
    assert set(stored[C.SENTIMENT].drop_nulls()) <= {"negative", "neutral", "positive"}
    assert stored[C.CHANNEL].null_count() == 0 and "email" in set(stored[C.CHANNEL])
    assert "channel" not in pl.read_csv(tmp_path / "out.csv").columns  # kept for reports, not a new output column


def test_no_store_rows_when_the_run_fails(voc, write, tmp_path):
    path = write("bad.csv", "id,text\n1,fine\n2,too,many\n")
    assert voc("analyze", path, "--store", tmp_path / "h", "-o", tmp_path / "o.csv").code == 2
    assert not (tmp_path / "h").exists() or Store(tmp_path / "h").read().is_empty()


def test_a_stream_of_batches_is_stored_a_bounded_number_of_rows_at_a_time(tmp_path, monkeypatch):
    import voc.report.store as module

    monkeypatch.setattr(module, "FLUSH_ROWS", 4)
    store = Store(tmp_path / "s")
    days = [dt.datetime(2026, 11, 16), dt.datetime(2026, 11, 23)]  # two weeks
    batches = [store.canonical(work([f"t{i}" for i in range(start, start + 5)], [days[i % 2] for i in range(start, start + 5)]))
               for start in (0, 5, 10)]  # fmt: skip
    store.append(batches[0])
    # The first batch again (already stored), a repeat inside the stream, and new rows.
    assert store.append(iter([batches[0], batches[1], batches[1], batches[2]])) == 10
    stored = store.read()
    assert stored.height == 15 and stored[KEY].n_unique() == 15
    parts = list((tmp_path / "s").glob("week=*/part-*.parquet"))
    assert 3 < len(parts) <= 8  # flushed along the way, never one file per batch and week
    assert not list((tmp_path / "s").glob("week=*/.*.part"))


def test_analyze_with_a_store_keeps_its_rows_on_disk_until_the_output_is_whole(tmp_path, voc):
    from tests.conftest import sample

    out = voc("analyze", sample("en_feedback_mixed.csv"), "-o", tmp_path / "out.csv", "--store", tmp_path / "store", "--batch-size", "30")
    assert out.code == 0, out.stderr
    parts = sorted((tmp_path / "store").glob("week=*/part-*.parquet"))
    again = voc("analyze", sample("en_feedback_mixed.csv"), "-o", tmp_path / "out2.csv", "--store", tmp_path / "store", "--batch-size", "7")
    assert again.code == 0 and sorted((tmp_path / "store").glob("week=*/part-*.parquet")) == parts  # nothing new
    assert Store(tmp_path / "store").read().height == pl.read_csv(tmp_path / "out.csv").height


def test_parts_stored_before_discovered_topics_read_back_with_them_empty(tmp_path):
    store = Store(tmp_path / "store")
    old = store.canonical(work(["late again"], [dt.datetime(2026, 11, 16)])).drop(C.DISCOVERED_TOPIC, C.DISCOVERED_TOPIC_LABEL)
    store.append(old)  # as voc wrote a part before it stored discovered topics
    new = work(["the locker ate my code"], [dt.datetime(2026, 11, 17)], source="b.csv").with_columns(
        pl.lit(4).alias(C.DISCOVERED_TOPIC), pl.lit("locker code").alias(C.DISCOVERED_TOPIC_LABEL))
    store.append(store.canonical(new))
    got = store.read().sort(C.DATE)
    assert got[C.DISCOVERED_TOPIC].to_list() == [None, 4]
    assert got[C.DISCOVERED_TOPIC_LABEL].to_list() == [None, "locker code"]
