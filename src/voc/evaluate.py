"""Measure voc against labelled feedback: accuracy, macro-F1 and confusion matrices.

`voc evaluate` runs the same flow as `voc analyze` (every reading option
works), then compares `sentiment` and `scope` with the user's gold columns.
Rows whose gold value is empty are not scored. Besides the four-way scope,
it reports the service-vs-experience F1 on rows whose gold scope is service or
experience, where a prediction of `both` counts as service: the figure that
tells whether voc separates the two sides on your data.
"""

from __future__ import annotations

import json
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

import polars as pl

from voc.core.console import Console
from voc.core.errors import ColumnError, UsageError
from voc.run import AnalyzeRequest, analyze

SENTIMENTS = ("negative", "neutral", "positive")
SCOPES = ("service", "experience", "both", "none")
_ALIASES = {"neg": "negative", "pos": "positive", "neu": "neutral", "-1": "negative", "0": "neutral", "1": "positive"}


@dataclass
class Score:
    name: str
    labels: tuple[str, ...]
    pairs: list[tuple[str, str]] = field(default_factory=list)  # (gold, predicted)

    @property
    def n(self) -> int:
        return len(self.pairs)

    @property
    def accuracy(self) -> float:
        return sum(g == p for g, p in self.pairs) / self.n if self.n else float("nan")

    def f1(self, label: str) -> float:
        tp = sum(g == label and p == label for g, p in self.pairs)
        fp = sum(g != label and p == label for g, p in self.pairs)
        fn = sum(g == label and p != label for g, p in self.pairs)
        return 2 * tp / (2 * tp + fp + fn) if tp else 0.0

    @property
    def present(self) -> list[str]:
        gold = {g for g, _ in self.pairs}
        return [label for label in self.labels if label in gold]

    @property
    def macro_f1(self) -> float:
        present = self.present
        return sum(self.f1(label) for label in present) / len(present) if present else float("nan")

    @property
    def columns(self) -> list[str]:
        """Predicted labels: the gold labels, plus "other" when something else was predicted."""
        other = any(p not in self.labels for _, p in self.pairs)
        return [*self.labels, "other"] if other else list(self.labels)

    def confusion(self) -> list[list[int]]:
        def predicted(p: str) -> str:
            return p if p in self.labels else "other"

        return [[sum(g == gl and predicted(p) == pc for g, p in self.pairs) for pc in self.columns] for gl in self.labels]

    def as_dict(self) -> dict:
        return {
            "n": self.n,
            "accuracy": round(self.accuracy, 4),
            "macro_f1": round(self.macro_f1, 4),
            "f1": {label: round(self.f1(label), 4) for label in self.present},
            "gold_labels": list(self.labels),
            "predicted_labels": self.columns,
            "confusion": self.confusion(),
        }

    def render(self) -> str:
        lines = [f"{self.name}: n={self.n}  accuracy={self.accuracy:.3f}  macro-F1={self.macro_f1:.3f}"]
        width = max(len(label) for label in self.columns) + 2
        lines.append("  gold \\ predicted".ljust(width + 2) + "".join(label.rjust(width) for label in self.columns))
        for label, row in zip(self.labels, self.confusion()):
            lines.append(f"  {label}".ljust(width + 2) + "".join(str(v).rjust(width) for v in row))
        return "\n".join(lines)


def evaluate(request: AnalyzeRequest, gold_sentiment: str | None, gold_scope: str | None, console: Console) -> list[Score]:
    if not gold_sentiment and not gold_scope:
        raise UsageError("name at least one gold column: --gold-sentiment COL and/or --gold-scope COL")
    with tempfile.TemporaryDirectory(prefix="voc-eval-") as tmp:
        request.output = str(Path(tmp) / "scored.parquet")
        request.format = None
        summary = analyze(request, console)
        frame = pl.read_parquet(request.output)
    scores = []
    if gold_sentiment:
        scores.append(_score("sentiment", SENTIMENTS, frame, summary.renames.get(gold_sentiment, gold_sentiment), "sentiment"))
    if gold_scope:
        column = summary.renames.get(gold_scope, gold_scope)
        scope = _score("scope", SCOPES, frame, column, "scope")
        scores.append(scope)
        sides = Score("service vs experience", ("service", "experience"))
        sides.pairs = [(g, "service" if p == "both" else p) for g, p in scope.pairs if g in ("service", "experience")]
        scores.append(sides)
    return scores


def _score(name: str, labels: tuple[str, ...], frame: pl.DataFrame, gold: str, predicted: str) -> Score:
    if gold not in frame.columns:
        raise ColumnError(f"gold column {gold!r} is not in the input; columns are: {', '.join(map(repr, frame.columns))}")
    score = Score(name, labels)
    for g, p in zip(frame.get_column(gold).cast(pl.String).to_list(), frame.get_column(predicted).to_list()):
        if g is None or not g.strip():
            continue
        g = _ALIASES.get(g.strip().lower(), g.strip().lower())
        if g not in labels:
            raise UsageError(f"gold {name} value {g!r} is not one of {', '.join(labels)}")
        score.pairs.append((g, p if p is not None else "(not analysed)"))
    return score


def write_json(scores: list[Score], path: str) -> None:
    Path(path).write_text(json.dumps({s.name: s.as_dict() for s in scores}, indent=2), encoding="utf-8")
