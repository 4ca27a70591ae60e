"""Accuracy gate: a lexicon or rule edit that makes results worse fails here.

tests/data/gate/<lang>.tsv holds labelled feedback written for voc's tests
(never evaluation data), and tests/data/gate/topics_<lang>.tsv items labelled
with the taxonomy topics an analyst would name (written without looking at the
topic terms). The floors sit a little under what voc measures
today (see README, "Accuracy"); raise them when results improve.
"""

from __future__ import annotations

from pathlib import Path

import polars as pl
import pytest

from tests.analysis_helpers import analyse
from voc.evaluate import SCOPES, SENTIMENTS, Score

GATE = Path(__file__).resolve().parent.parent / "data" / "gate"

FLOORS = {  # language: (sentiment macro-F1, scope accuracy, service-vs-experience F1)
    "it": (0.95, 0.88, 0.96),
    "pl": (0.93, 0.90, 0.95),
    "ru": (0.93, 0.80, 0.95),
    "en": (0.95, 0.85, 0.95),
}


def scores(lang: str) -> tuple[Score, Score, Score]:
    gold = pl.read_csv(GATE / f"{lang}.tsv", separator="\t", quote_char=None)
    out = analyse(gold["text"].to_list(), lang)
    sentiment, scope, sides = Score("sentiment", SENTIMENTS), Score("scope", SCOPES), Score("sides", ("service", "experience"))
    for g_sent, g_scope, p_sent, p_scope in zip(gold["sentiment"], gold["scope"], out["sentiment"], out["scope"]):
        sentiment.pairs.append((g_sent, p_sent))
        scope.pairs.append((g_scope, p_scope))
        if g_scope in ("service", "experience"):
            sides.pairs.append((g_scope, "service" if p_scope == "both" else p_scope))
    return sentiment, scope, sides


@pytest.mark.parametrize("lang", sorted(FLOORS))
def test_accuracy_gate(lang):
    sentiment, scope, sides = scores(lang)
    min_sentiment, min_scope, min_sides = FLOORS[lang]
    assert sentiment.n >= 80 and scope.n >= 80
    assert sentiment.macro_f1 >= min_sentiment, sentiment.render()
    assert scope.accuracy >= min_scope, scope.render()
    assert sides.macro_f1 >= min_sides, sides.render()


TOPIC_FLOORS = {"it": 0.69, "pl": 0.63, "ru": 0.63, "en": 0.66}  # micro-F1 of the topic ids, over (item, topic) pairs


@pytest.mark.parametrize("lang", sorted(TOPIC_FLOORS))
def test_topic_gate(lang):
    gold = pl.read_csv(GATE / f"topics_{lang}.tsv", separator="\t", quote_char=None)
    out = analyse(gold["text"].to_list(), lang)
    tp = fp = fn = 0
    for expected, found in zip(gold["topics"].to_list(), out["topics"].to_list()):
        expected, found = set(expected.split(";")), set(found or [])
        tp, fp, fn = tp + len(expected & found), fp + len(found - expected), fn + len(expected - found)
    assert gold.height >= 100
    f1 = 2 * tp / (2 * tp + fp + fn)
    assert f1 >= TOPIC_FLOORS[lang], f"{lang}: topic F1 {f1:.3f} (precision {tp / max(tp + fp, 1):.3f}, recall {tp / (tp + fn):.3f})"
