"""Accuracy gate for intent, emotion, churn_risk and effort: a lexicon or rule edit that makes them worse fails here.

benchmarks/signals/<lang>.tsv are the sets we wrote and labelled for these signals
(never evaluation data; see their GUIDELINES.md). The floors sit a little under
what voc measures on all their rows today; raise them when results improve.
"""

from __future__ import annotations

import csv
from pathlib import Path

import polars as pl
import pytest

from voc.batch import Analyzer

SETS = Path(__file__).resolve().parents[2] / "benchmarks" / "signals"
FLOORS = {  # intent macro-F1, emotion macro-F1, churn_risk F1 (true), effort F1 (high)
    "en": (0.84, 0.78, 0.87, 0.89),
    "it": (0.76, 0.74, 0.86, 0.86),
    "pl": (0.79, 0.70, 0.85, 0.87),
    "ru": (0.83, 0.74, 0.87, 0.87),
}


def _f1(gold: list[str], pred: list[str], classes: list[str]) -> float:
    scores = []
    for c in classes:
        tp = sum(g == c == p for g, p in zip(gold, pred))
        wrong = sum((g == c) != (p == c) for g, p in zip(gold, pred))
        scores.append(2 * tp / (2 * tp + wrong) if tp else 0.0)
    return sum(scores) / len(scores)


@pytest.fixture(scope="module")
def analyzer():
    return Analyzer(text_col="text")


@pytest.mark.parametrize("lang", sorted(FLOORS))
def test_signal_gate(lang, analyzer):
    with open(SETS / f"{lang}.tsv", encoding="utf-8", newline="") as f:
        rows = list(csv.DictReader(f, delimiter="\t", quoting=csv.QUOTE_NONE))
    assert len(rows) >= 300
    out = analyzer(pl.DataFrame({"text": [r["text"] for r in rows]}))
    churn = ["true" if v else "false" for v in out["churn_risk"].to_list()]
    figures = (
        _f1([r["intent"] for r in rows], out["intent"].to_list(), sorted({r["intent"] for r in rows})),
        _f1([r["emotion"] for r in rows], out["emotion"].to_list(), sorted({r["emotion"] for r in rows})),
        _f1([r["churn_risk"] for r in rows], churn, ["true"]),
        _f1([r["effort"] for r in rows], out["effort"].to_list(), ["high"]),
    )
    assert all(got >= floor for got, floor in zip(figures, FLOORS[lang])), (lang, [round(x, 3) for x in figures], FLOORS[lang])
