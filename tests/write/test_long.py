"""--long: one row per item and topic for BI tools (issue 11)."""

from __future__ import annotations

import polars as pl

from tests.conftest import sample
from voc.core import columns as C
from voc.write.long import long_rows


def test_each_topic_gets_its_row_and_items_without_topics_keep_one():
    frame = pl.DataFrame({
        C.VOC_ID: ["a", "b", "c"],
        C.TOPICS: [["delivery", "staff_attitude"], [], None],
        C.TOPIC_SENTIMENTS: [["delivery:negative", "staff_attitude:positive"], [], None],
    })  # fmt: skip
    out = long_rows(frame, {"delivery": "Delivery", "staff_attitude": "Staff attitude"})
    assert out[C.VOC_ID].to_list() == ["a", "a", "b", "c"]
    assert out["topic"].to_list() == ["delivery", "staff_attitude", None, None]
    assert out["topic_label"].to_list() == ["Delivery", "Staff attitude", None, None]
    assert out["topic_sentiment"].to_list() == ["negative", "positive", None, None]


def test_long_output_end_to_end_counts_every_response_once(voc, tmp_path):
    wide = voc("analyze", sample("it_survey_nps.csv")).frame()
    out = tmp_path / "long.csv"
    result = voc("analyze", sample("it_survey_nps.csv"), "--long", "--label-language", "it", "-o", out)
    assert result.code == 0, result.stderr
    long = pl.read_csv(out, infer_schema=False)
    assert long[C.VOC_ID].n_unique() == wide.height
    with_topics = wide.filter(pl.col(C.TOPICS).is_not_null())
    assert long.filter(pl.col("topic").is_not_null()).height == sum(len(t.split(";")) for t in with_topics[C.TOPICS].to_list())
    assert long.columns[-3:] == ["topic", "topic_label", "topic_sentiment"]
    labels = long["topic_label"].drop_nulls().to_list()
    assert labels and all(label != topic for label, topic in zip(labels, long["topic"].drop_nulls().to_list()))


def test_long_needs_topics(voc):
    result = voc("analyze", sample("it_survey_nps.csv"), "--long", "--pipeline", "language")
    assert result.code == 2 and "--long" in result.stderr
