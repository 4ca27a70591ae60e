"""Rows for a report, from a history store or from `voc analyze` results (gives the store's columns: voc_id, source_file, voc_date, voc_score, voc_score_scale, language, sentiment, sentiment_score, topics, topic_sentiments, scope, text, discovered_topic, discovered_topic_label, intent, emotion, churn_risk, effort, duplicate_of).

A results file is whatever `voc analyze -o` wrote (CSV, TSV, JSONL, Parquet,
XLSX): the user's columns followed by voc's. Lists come back from their
";"-joined form, the date and score are taken from voc_date and voc_score
(or from --date-col / --score-col when the analysis ran without them), and
the text is the column `voc analyze` read (picked by name, or --text-col).
"""

from __future__ import annotations

import json
from pathlib import Path

import polars as pl

from voc.core import columns as C
from voc.core.console import Console
from voc.core.errors import ColumnError, InputError
from voc.read.fields import FieldSpec, Fields
from voc.read.open import open_inputs
from voc.read.source import ReadOptions, private_workdir
from voc.report.periods import Window, stored_weeks
from voc.report.store import SCHEMA, Store

ANALYSED = (C.LANGUAGE, C.SENTIMENT, C.SENTIMENT_SCORE, C.TOPICS, C.TOPIC_SENTIMENTS, C.SCOPE, C.DISCOVERED_TOPIC, C.DISCOVERED_TOPIC_LABEL,
            C.INTENT, C.EMOTION, C.CHURN_RISK, C.EFFORT, C.DUPLICATE_OF)  # fmt: skip
REQUIRED = (C.SENTIMENT, C.TOPICS, C.SCOPE)


def from_store(path: str, windows: list[Window]) -> pl.DataFrame:
    store = Store(path)
    if not store.path.is_dir():
        raise InputError(f"--store {path} does not exist: fill it first with 'voc analyze EXPORT --store {path}'")
    return store.read(stored_weeks(windows))


def from_results(paths: list[str], spec: FieldSpec, options: ReadOptions, console: Console, sources: list | None = None) -> pl.DataFrame:
    """``sources``: the inputs read are added to it, so their lines skipped under --on-bad-lines skip can be
    saved once the report is whole."""
    with private_workdir() as workdir:
        table = open_inputs(paths, options, Path(workdir))
        if sources is not None:
            sources.extend(table.sources)
        columns = table.columns
        missing = [c for c in REQUIRED if c not in columns]
        if missing:
            raise ColumnError(
                f"{', '.join(paths)} has no {', '.join(missing)} column(s), so it is not a voc analyze result: "
                "run 'voc analyze EXPORT -o results.csv' first, or report from a history store with --store"
            )
        # The analysis already parsed these; use its columns unless told otherwise. The text
        # column is picked by name as `voc analyze` did (voc's own columns are never candidates).
        given = FieldSpec(
            text=spec.text,
            id=spec.id or (C.VOC_ID if C.VOC_ID in columns else None),
            date=spec.date or (C.DATE if C.DATE in columns else None),
            date_format=spec.date_format,
            score=spec.score or (C.SCORE if C.SCORE in columns else None),
            score_scale=spec.score_scale,
            channel=spec.channel,
        )
        fields = None
        parts = []
        for batch in table.batches(50_000):
            if fields is None:
                if given.score == C.SCORE and given.score_scale == "auto" and C.SCORE_SCALE in columns:
                    scales = batch.frame[C.SCORE_SCALE].drop_nulls()
                    given.score_scale = scales[0] if scales.len() else "auto"
                fields = Fields(given, columns, console)
            work = fields.working(batch).drop(C.LANG_HINT)
            if C.SOURCE_FILE in columns:  # the analysed export's own file names
                work = work.with_columns(batch.frame[C.SOURCE_FILE].cast(pl.String).fill_null(work[C.SOURCE_FILE]))
            parts.append(work.with_columns([_analysed(batch.frame, c) for c in ANALYSED]))
        if fields is not None:
            fields.report()
    frame = pl.concat(parts, how="diagonal_relaxed") if parts else pl.DataFrame()
    # The store's columns and types, so a report reads both sources the same way.
    return frame.select(
        [pl.col(c).cast(t) if c in frame.columns else pl.lit(None, dtype=t).alias(c) for c, t in SCHEMA.items()]
    )


def _analysed(frame: pl.DataFrame, column: str) -> pl.Series:
    if column not in frame.columns:
        dtype = pl.List(pl.String) if column in C.LIST_COLUMNS else pl.String
        return pl.Series(column, [None] * frame.height, dtype=dtype)
    values = frame[column]
    if column == C.SENTIMENT_SCORE:
        return values.cast(pl.Float64, strict=False)
    if column == C.CHURN_RISK and values.dtype != pl.Boolean:  # "true"/"false" in CSV, TRUE/FALSE from a spreadsheet
        text = values.cast(pl.String).str.strip_chars().str.to_lowercase()
        return pl.Series(column, [None if v in (None, "") else v in ("true", "1", "yes") for v in text.to_list()], dtype=pl.Boolean)
    if column not in C.LIST_COLUMNS or isinstance(values.dtype, pl.List):
        return values.cast(pl.String) if not isinstance(values.dtype, pl.List) else values.cast(pl.List(pl.String))
    return pl.Series(column, [_as_list(v) for v in values.cast(pl.String).to_list()], dtype=pl.List(pl.String))


def _as_list(value: str | None) -> list[str]:
    if value is None or not value.strip():
        return []
    value = value.strip()
    if value.startswith("["):  # a list that went through JSON text (mixed-format inputs)
        try:
            return [str(v) for v in json.loads(value)]
        except ValueError:
            pass
    return [v.strip() for v in value.split(";") if v.strip()]
