"""The batch API: the CLI's analysis as a function of a polars frame or an Arrow batch."""

from __future__ import annotations

import io
import json

import polars as pl
import pyarrow as pa
import pytest

from tests.conftest import sample
from voc.batch import Analyzer
from voc.core import columns as C
from voc.core.errors import UsageError

VOC = [C.VOC_ID, C.LANGUAGE, C.LANGUAGE_CONFIDENCE, C.SENTIMENT, C.SENTIMENT_SCORE, C.TOPICS, C.TOPIC_SENTIMENTS, C.SCOPE, C.EVIDENCE,
       C.INTENT, C.EMOTION, C.CHURN_RISK, C.EFFORT, C.DUPLICATE_OF]


@pytest.fixture(scope="module")
def analyzer():
    return Analyzer(text_col="comment")


def test_same_results_as_the_cli_batch_by_batch(voc, analyzer):
    cli = pl.read_parquet(io.BytesIO(voc("analyze", sample("en_feedback_mixed.csv"), "--format", "parquet").stdout))
    frame = pl.read_csv(sample("en_feedback_mixed.csv"), infer_schema=False)
    # Two batches, as an engine would hand them out; ids count on from the first batch's rows.
    parts = [analyzer(frame.slice(0, 60), source="en_feedback_mixed.csv"),
             analyzer(frame.slice(60), source="en_feedback_mixed.csv", first_row=61)]  # fmt: skip
    out = pl.concat(parts)
    assert out.columns[: frame.width] == frame.columns and out.height == frame.height
    assert out.select(VOC).equals(cli.select(VOC))


def test_arrow_in_arrow_out_with_the_promised_schema(analyzer):
    batch = pa.RecordBatch.from_pylist([{"id": "1", "comment": "The courier never came and nobody answers the phone."},
                                        {"id": "2", "comment": "Lovely staff, quick refund."}])  # fmt: skip
    out = analyzer(batch)
    assert isinstance(out, pa.RecordBatch) and out.num_rows == 2
    assert out.schema.names == ["id", "comment", *VOC, C.SOURCE_FILE]
    assert out.column("sentiment").to_pylist() == ["negative", "positive"]
    assert analyzer.output_schema(batch) == out.schema  # known before any row is analysed
    assert isinstance(analyzer(pa.Table.from_batches([batch])), pa.Table)


def test_clashing_columns_are_renamed_and_bad_input_is_refused(analyzer):
    out = analyzer(pl.DataFrame({"comment": ["Consegna in ritardo, pessimo."], "language": ["Italiano"]}))
    assert out.columns[:2] == ["comment", "language_input"] and out["language"][0] == "it"
    with pytest.raises(TypeError, match="polars DataFrame or a pyarrow"):
        analyzer([{"comment": "x"}])


def test_discovered_topics_from_a_saved_model_batch_by_batch(voc, tmp_path):
    # Fit once (what a driver does on a sample), then assign in batches as any engine would.
    model = tmp_path / "model"
    fitted = voc("analyze", sample("en_feedback_mixed.csv"), "--format", "parquet", "--discover", "--topic-model", model, "--seed", "7")
    assert fitted.code == 0, fitted.stderr
    labels = set(json.loads((model / "labels.json").read_text(encoding="utf-8")).values())
    frame = pl.read_csv(sample("en_feedback_mixed.csv"), infer_schema=False)
    analyzer = Analyzer(text_col="comment", topic_model=str(model))
    out = pl.concat([analyzer(frame.slice(0, 70), source="en_feedback_mixed.csv"),
                     analyzer(frame.slice(70), source="en_feedback_mixed.csv", first_row=71)])  # fmt: skip
    cli = pl.read_parquet(io.BytesIO(fitted.stdout))
    assert out.columns == cli.columns
    assert set(out[C.DISCOVERED_TOPIC_LABEL]) <= labels
    assert (out[C.DISCOVERED_TOPIC] == cli[C.DISCOVERED_TOPIC]).mean() >= 0.8
    with pytest.raises(UsageError, match="no topic model"):
        Analyzer(text_col="comment", topic_model=str(tmp_path / "none"))
