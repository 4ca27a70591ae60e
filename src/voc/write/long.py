"""Long output for BI tools (write step; reads topic_sentiments, adds topic, topic_label, topic_sentiment).

Power BI, Sheets pivot tables and Tableau count and filter rows, not lists
inside a cell, so `voc analyze --long` writes one row per item and topic: the
item's columns repeated, then the topic's id, its readable label and the
sentiment of the clauses that named it. An item with no topic keeps one row
with the three columns empty, so counting distinct voc_id still counts every
response.
"""

from __future__ import annotations

import polars as pl

from voc.core import columns as C

TOPIC = "topic"
TOPIC_LABEL = "topic_label"
TOPIC_SENTIMENT = "topic_sentiment"
LONG_COLUMNS = (TOPIC, TOPIC_LABEL, TOPIC_SENTIMENT)


def long_rows(frame: pl.DataFrame, labels: dict[str, str]) -> pl.DataFrame:
    """``frame`` (an output batch) with one row per (item, topic)."""
    pair = "__voc_topic_pair"
    # An empty list would explode to no row at all; a null one explodes to one empty row.
    pairs = pl.when(pl.col(C.TOPIC_SENTIMENTS).list.len() > 0).then(pl.col(C.TOPIC_SENTIMENTS))
    exploded = frame.with_columns(pairs.alias(pair)).explode(pair)
    # "delivery:negative" -> topic ids hold no ":", so the last ":" splits id from sentiment.
    topic = pl.col(pair).str.replace(r":[^:]*$", "")
    return exploded.with_columns(
        topic.alias(TOPIC),
        topic.replace_strict(labels, default=topic, return_dtype=pl.String).alias(TOPIC_LABEL),
        pl.col(pair).str.extract(r":([^:]*)$").alias(TOPIC_SENTIMENT),
    ).drop(pair)


class LongWriter:
    """Wraps a row writer so every batch it gets is written long."""

    def __init__(self, writer, labels: dict[str, str]) -> None:  # noqa: ANN001 - any voc.write Writer
        self.writer = writer
        self.labels = labels

    def write(self, frame: pl.DataFrame) -> None:
        self.writer.write(long_rows(frame, self.labels))

    def __getattr__(self, name: str):  # noqa: ANN204 - rows, truncated, finish ... of the wrapped writer
        return getattr(self.writer, name)
