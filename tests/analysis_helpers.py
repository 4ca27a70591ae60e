"""Run the default pipeline's analysis on a few texts, without files."""

from __future__ import annotations

import polars as pl

from voc.core import columns as C
from voc.core.pipeline import load_pipeline


def analyse(texts: list[str], language: str | None = None, lexicons: str | None = None, **score) -> pl.DataFrame:
    overrides: dict = {}
    if language:
        overrides["language"] = {"force": language}
    if lexicons:
        overrides["*"] = {"lexicons": lexicons}
    columns = {
        C.VOC_ID: [str(i) for i in range(len(texts))],
        C.TEXT: texts,
        C.LANG_HINT: [None] * len(texts),
        C.SOURCE_FILE: ["test"] * len(texts),
    }
    if score:
        columns[C.SCORE] = score["values"]
        columns[C.SCORE_SCALE] = [score["scale"]] * len(texts)
    frame = pl.DataFrame(columns, schema_overrides={C.LANG_HINT: pl.String})
    pipeline = load_pipeline("default", overrides).bind(frame.columns)
    return pipeline(frame)


def one(text: str, language: str) -> dict:
    return analyse([text], language).drop(pl.selectors.by_dtype(pl.Object)).row(0, named=True)
