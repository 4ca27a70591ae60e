"""Answers from a model learned on the user's own labels (stage; reads `text`, `language` and the lexicons' `sentiment`, `sentiment_score`, `scope`, `topics`, signals, `evidence`; rewrites `sentiment`, `sentiment_score`, `scope`, `intent`, `emotion`, `churn_risk`, `effort`, `evidence`; adds `sentiment_confidence`, `scope_confidence`, `categories`).

`voc analyze --model DIR` puts this stage after the lexicon stages, or a
pipeline file names it:

    [stages.learned]
    factory = "voc.learned.v1"
    model = "models/support"     # relative to the pipeline file

For each label the model holds (learn/model.py):
- sentiment, scope, intent, emotion, churn_risk, effort: the model's class replaces the lexicon's, and
  `sentiment_score` becomes P(positive) - P(negative); where `voc learn`
  found the model no better than the lexicon on that label, the lexicon's
  answer stays (the model said so when it was trained);
- `sentiment_confidence`, `scope_confidence`: the model's probability of the class in the column,
  0..1, whichever answered it, so a low figure flags a row worth a look;
- categories: the user's own categories, a list like `topics`.

`evidence` keeps the lexicon's cues and adds "model: sentiment neutral
(lexicon positive)" where the model overrode them. Only items in the analysed
languages are answered; the others keep empty columns, as with the lexicons.
"""

from __future__ import annotations

from pathlib import Path
from typing import ClassVar

import numpy as np
import polars as pl

from voc.core import columns as C
from voc.core.stages import Stage, register
from voc.learn.model import LearnedModel, Prediction

_READS = {C.TEXT, C.LANGUAGE, C.SENTIMENT, C.SENTIMENT_SCORE, C.SCOPE, C.TOPICS, C.INTENT, C.EMOTION, C.CHURN_RISK, C.EFFORT}  # features.py's
_REPLACES = {"sentiment": C.SENTIMENT, "scope": C.SCOPE, "intent": C.INTENT, "emotion": C.EMOTION, "churn_risk": C.CHURN_RISK,
             "effort": C.EFFORT}  # fmt: skip
_CONFIDENCE = {"sentiment": C.SENTIMENT_CONFIDENCE, "scope": C.SCOPE_CONFIDENCE}
# Rows per model call: the features of a whole 5,000-row batch at once (a sparse
# matrix of embedding and n-grams, and its copies) held about 200 MB more per worker.
CHUNK = 1000


@register("voc.learned.v1")
class LearnedLabels(Stage):
    role: ClassVar[str] = "learned"
    requires = (C.TEXT, C.LANGUAGE)
    path_params: ClassVar[tuple[str, ...]] = ("model",)  # resolved against the pipeline file's folder

    def __init__(self, model: str) -> None:
        self.model = str(model)
        # Read (and checked) now, so a bad folder stops the run before any data is read;
        # the columns this stage adds depend on the labels the model holds.
        self.model_ = LearnedModel.load(Path(self.model), training=False)
        self.provides, self.rewrites = _columns(self.model_.labels)

    def warm(self) -> None:
        self._loaded()

    def _loaded(self) -> LearnedModel:
        if getattr(self, "model_", None) is None:
            self.model_ = LearnedModel.load(Path(self.model), training=False)
        return self.model_

    def __setstate__(self, state: dict) -> None:
        self.__dict__.update(state)
        self.model_ = None  # loaded again in the worker, on first use

    def __call__(self, frame: pl.DataFrame) -> pl.DataFrame:
        model = self._loaded()
        n = frame.height
        languages = frame.get_column(C.LANGUAGE).to_list()
        rows = [i for i, lang in enumerate(languages) if lang in C.ANALYSED_LANGUAGES]
        answers = _predict(model, frame.select(_READS & set(frame.columns)), rows) if rows else {}
        evidence = frame.get_column(C.EVIDENCE).to_list() if C.EVIDENCE in frame.columns else None
        overrode: list[list[str]] = [[] for _ in range(n)]
        columns = []
        for name, column in _REPLACES.items():
            if name not in model.heads:
                continue
            head = model.heads[name]
            before = frame.get_column(column).to_list() if column in frame.columns else [None] * n
            if name == "churn_risk":  # a boolean column; the model's classes are "true" / "false"
                before = [None if b is None else ("true" if b else "false") for b in before]
            after, confidence = list(before), [None] * n
            score = frame.get_column(C.SENTIMENT_SCORE).to_list() if name == "sentiment" and C.SENTIMENT_SCORE in frame.columns else [None] * n
            if rows:
                answer = answers[name]
                p = answer.probabilities
                for k, i in enumerate(rows):
                    if answer.keep_lexicon and before[i] is not None:
                        shown = before[i]
                    else:
                        shown = answer.classes[k]
                        if answer.score is not None:
                            score[i] = float(answer.score[k])
                    after[i] = shown
                    confidence[i] = round(float(p[k, head.classes.index(shown)]), 4) if shown in head.classes else 0.0
                    if shown != before[i] and before[i] is not None:
                        overrode[i].append(f"{name} {shown} (lexicon {before[i]})")
            if name == "churn_risk":
                columns.append(pl.Series(column, [None if a is None else a == "true" for a in after], dtype=pl.Boolean))
            else:
                columns.append(pl.Series(column, after, dtype=pl.String))
            if name in _CONFIDENCE:
                columns.append(pl.Series(_CONFIDENCE[name], confidence, dtype=pl.Float64))
            if name == "sentiment":
                columns.append(pl.Series(C.SENTIMENT_SCORE, score, dtype=pl.Float64))
        if "categories" in model.heads:
            categories: list = [None] * n
            for k, i in enumerate(rows):
                categories[i] = answers["categories"].classes[k]
            columns.append(pl.Series(C.CATEGORIES, categories, dtype=pl.List(pl.String)))
        if evidence is not None:
            evidence = [f"{e}; model: {', '.join(o)}" if o and e is not None else e for e, o in zip(evidence, overrode)]
            columns.append(pl.Series(C.EVIDENCE, evidence, dtype=pl.String))
        return frame.with_columns(columns)


def _predict(model: LearnedModel, frame: pl.DataFrame, rows: list[int]) -> dict[str, Prediction]:
    """model.predict over ``rows`` of ``frame``, CHUNK rows at a time, joined back into one Prediction per label."""
    parts = [model.predict(frame[rows[start : start + CHUNK]]) for start in range(0, len(rows), CHUNK)]

    def joined(arrays: list) -> np.ndarray | None:
        return None if arrays[0] is None else np.concatenate(arrays)

    return {
        name: Prediction(
            [c for part in parts for c in part[name].classes],
            joined([part[name].confidence for part in parts]),
            joined([part[name].score for part in parts]),
            parts[0][name].keep_lexicon,
            joined([part[name].probabilities for part in parts]),
        )
        for name in parts[0]
    }


def _columns(labels: list[str]) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """(the columns the stage adds, the ones it rewrites when an earlier stage made them) for a model's labels."""
    provides: list[str] = []
    if "sentiment" in labels:
        provides += [C.SENTIMENT, C.SENTIMENT_SCORE, C.SENTIMENT_CONFIDENCE]
    if "scope" in labels:
        provides += [C.SCOPE, C.SCOPE_CONFIDENCE]
    if "categories" in labels:
        provides.append(C.CATEGORIES)
    signals = [_REPLACES[name] for name in ("intent", "emotion", "churn_risk", "effort") if name in labels]
    return tuple(provides + signals), (C.SENTIMENT, C.SENTIMENT_SCORE, C.SCOPE, C.EVIDENCE, *signals)

