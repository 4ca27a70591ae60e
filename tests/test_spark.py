"""voc.spark in Spark local mode gives the CLI's results (needs `uv sync --extra spark` and Java 17+; skipped otherwise).

Run it with: uv run --extra spark pytest tests/test_spark.py
"""

from __future__ import annotations

import io
import json
import os
import shutil
import sys

import polars as pl
import pytest

from tests.conftest import sample
from voc.core import columns as C

pyspark = pytest.importorskip("pyspark", reason="pyspark is the optional extra: uv sync --extra spark")
if shutil.which("java") is None and not os.environ.get("JAVA_HOME"):
    pytest.skip("Spark needs Java 17+ (apt-get install openjdk-17-jre-headless)", allow_module_level=True)

from voc.spark import analyze, fit_topics  # noqa: E402

EN = sample("en_feedback_mixed.csv")
IT = sample("it_survey_nps.csv")


@pytest.fixture(scope="module")
def spark():
    from pyspark.sql import SparkSession

    os.environ["PYSPARK_PYTHON"] = sys.executable  # workers run this interpreter, with voc installed
    session = (
        SparkSession.builder.master("local[2]")
        .appName("voc-test")
        .config("spark.ui.enabled", "false")
        .config("spark.sql.shuffle.partitions", "3")
        .config("spark.sql.execution.arrow.maxRecordsPerBatch", "40")  # several Arrow batches per partition
        .getOrCreate()
    )
    yield session
    session.stop()


def cli(voc, path, *args) -> pl.DataFrame:
    result = voc("analyze", path, "--format", "parquet", *args)
    assert result.code == 0, result.stderr
    return pl.read_parquet(io.BytesIO(result.stdout))


def as_spark(spark, frame: pl.DataFrame, partitions: int):
    return spark.createDataFrame(frame.to_arrow()).repartition(partitions)


def collected(df) -> pl.DataFrame:
    return pl.from_arrow(df.toArrow())


def test_results_equal_the_cli_on_sample_data(spark, voc):
    expected = cli(voc, IT, "--id-col", "ID risposta", "--date-col", "Data invio", "--score-col", "NPS (0-10)")
    # The same rows as the CLI read them (Windows-1252, semicolons), spread over 3 partitions.
    rows = expected.select(expected.columns[: expected.columns.index(C.VOC_ID)])
    out = analyze(as_spark(spark, rows, 3), text_col="Commento", id_col="ID risposta", date_col="Data invio", score_col="NPS (0-10)")
    got = collected(out)
    assert got.columns == expected.columns  # the input's columns, then the contract's, in order
    compare = [c for c in expected.columns if c != C.SOURCE_FILE]
    assert got.sort(C.VOC_ID).select(compare).equals(expected.sort(C.VOC_ID).select(compare))
    assert got[C.SOURCE_FILE].str.starts_with("spark/part-").all()


def test_without_an_id_every_row_gets_a_unique_voc_id_and_the_cli_s_analysis(spark, voc):
    expected = cli(voc, EN, "--text-col", "comment")
    rows = pl.read_csv(EN, infer_schema=False)
    got = collected(analyze(as_spark(spark, rows, 2), text_col="comment"))
    assert got.height == rows.height and got[C.VOC_ID].n_unique() == rows.height
    keyed = ["feedback_id", C.LANGUAGE, C.SENTIMENT, C.SENTIMENT_SCORE, C.TOPICS, C.SCOPE, C.EVIDENCE]
    assert got.select(keyed).sort("feedback_id").equals(expected.select(keyed).sort("feedback_id"))


def test_topics_fitted_on_the_driver_are_assigned_on_the_workers(spark, voc, tmp_path):
    rows = pl.read_csv(EN, infer_schema=False)
    df = as_spark(spark, rows, 2)
    model = fit_topics(df, "comment", str(tmp_path / "model"), sample_rows=1000, seed=7, id_col="feedback_id")
    labels = json.loads((model / "labels.json").read_text(encoding="utf-8"))
    got = collected(analyze(df, text_col="comment", id_col="feedback_id", topic_model=str(model)))
    assert got.height == rows.height
    assert set(got[C.DISCOVERED_TOPIC_LABEL]) <= set(labels.values())
    # The CLI, reusing the same model, names the same topics for nearly every comment.
    cli_out = cli(voc, EN, "--text-col", "comment", "--id-col", "feedback_id", "--discover", "--topic-model", str(model))
    assert got.columns == cli_out.columns
    joined = got.join(cli_out, on=C.VOC_ID, suffix="_cli")
    agree = (joined[C.DISCOVERED_TOPIC] == joined[C.DISCOVERED_TOPIC + "_cli"]).mean()
    assert agree >= 0.9, agree
    assert (joined[C.DISCOVERED_TOPIC] >= 0).mean() > 0.5  # real topics, not all outliers


def test_a_missing_model_fails_on_the_driver_with_the_cli_s_message(spark, tmp_path):
    df = as_spark(spark, pl.DataFrame({"comment": ["ok"]}), 1)
    with pytest.raises(Exception, match="no topic model"):
        analyze(df, text_col="comment", topic_model=str(tmp_path / "nothing"))


def test_a_learned_model_is_shipped_to_the_workers_and_answers_as_in_the_cli(spark, voc, tmp_path):
    from tests.learn.data import rows, write

    labelled = write(tmp_path / "labelled.csv", rows(104))
    learned = voc("learn", labelled, "--text-col", "text", "--sentiment-col", "sentiment", "--scope-col", "scope",
                  "--categories-col", "reasons", "-o", tmp_path / "model", "-q")  # fmt: skip
    assert learned.code == 0, learned.stderr
    frame = pl.DataFrame([{"id": r["id"], "comment": r["text"]} for r in rows(60, start=300)])
    frame.write_csv(tmp_path / "new.csv")
    got = collected(analyze(as_spark(spark, frame, 3), text_col="comment", id_col="id", model=str(tmp_path / "model"))).sort("id")
    expected = cli(voc, tmp_path / "new.csv", "--text-col", "comment", "--id-col", "id", "--model", tmp_path / "model").sort("id")
    for name in (C.SENTIMENT, C.SCOPE, C.CATEGORIES, C.EVIDENCE):
        assert got[name].to_list() == expected[name].to_list(), name
    with pytest.raises(Exception, match="not a voc model folder"):
        analyze(as_spark(spark, frame, 1), text_col="comment", model=str(tmp_path / "nothing"))


def test_duplicates_are_found_within_a_partition_and_never_across(spark):
    text = "The courier left my parcel at the wrong address and nobody from support has answered my three emails"
    rows = pl.DataFrame({"grp": ["a", "a", "b"], "id": ["a1", "a2", "b1"], "comment": [text, text + " !!", text.upper()]})
    # Range partitioning puts each group in its own partition; a reused worker must not remember the other one.
    df = spark.createDataFrame(rows.to_arrow()).repartitionByRange(2, "grp")
    got = collected(analyze(df, text_col="comment", id_col="id")).sort("id")
    assert got["duplicate_of"].to_list() == [None, "a1", None]
