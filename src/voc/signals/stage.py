"""What the customer wants and how they feel (stage; reads `_parsed`, `_clause_scores`, `text`, `evidence`; adds `intent`, `emotion`, `churn_risk`, `effort`; rewrites `evidence`).

The rules are in rules.py, the cues in lexicons/<lang>/{intent,emotion,churn,effort}.tsv.
`evidence` gets a part "signals: intent=request (call me back), churn (cancel +
contract)" naming the cues behind every value that is not the default. Items in
languages voc does not analyse keep all four empty; a content-free answer
("ok", "-", "brak uwag") is intent `other`, emotion `none`.
"""

from __future__ import annotations

from typing import ClassVar

import polars as pl

from voc.analyse.lexicon import load_lexicon, normalise_answer
from voc.analyse.nlp import PARSED
from voc.analyse.sentiment import CLAUSE_SCORES
from voc.core import columns as C
from voc.core.stages import Stage, register
from voc.signals.cues import find_cues
from voc.signals.rules import Signals, decide

_EMPTY = Signals("other", "none", False, "normal", "")


@register("voc.signals.cues.v1")
class CueSignals(Stage):
    role: ClassVar[str] = "signals"
    requires = (PARSED, CLAUSE_SCORES, C.TEXT, C.EVIDENCE)
    provides = (C.INTENT, C.EMOTION, C.CHURN_RISK, C.EFFORT)
    rewrites = (C.EVIDENCE,)

    def __init__(self, threshold: float = 0.25, negation_window: int = 3, lexicons: str | None = None) -> None:
        self.threshold = float(threshold)  # a clause this negative (positive) is a complaint (praise)
        self.negation_window = int(negation_window)
        self.lexicons = lexicons

    def __call__(self, frame: pl.DataFrame) -> pl.DataFrame:
        out: list[Signals | None] = []
        for parsed, scores, text in zip(
            frame.get_column(PARSED).to_list(), frame.get_column(CLAUSE_SCORES).to_list(), frame.get_column(C.TEXT).to_list()
        ):
            out.append(self.signals(parsed, scores or [], text or ""))
        evidence = frame.get_column(C.EVIDENCE).to_list()
        for i, found in enumerate(out):
            if found is not None and found.evidence:
                evidence[i] = f"{evidence[i]}; signals: {found.evidence}" if evidence[i] else f"signals: {found.evidence}"
        return frame.with_columns(
            pl.Series(C.INTENT, [s and s.intent for s in out], dtype=pl.String),
            pl.Series(C.EMOTION, [s and s.emotion for s in out], dtype=pl.String),
            pl.Series(C.CHURN_RISK, [None if s is None else s.churn_risk for s in out], dtype=pl.Boolean),
            pl.Series(C.EFFORT, [s and s.effort for s in out], dtype=pl.String),
            pl.Series(C.EVIDENCE, evidence, dtype=pl.String),
        )

    def signals(self, parsed, scores: list[float], text: str) -> Signals | None:  # noqa: ANN001 - a Parsed or None
        if parsed is None:
            return None  # a language voc does not analyse
        if not parsed.clauses or parsed.language not in C.ANALYSED_LANGUAGES:
            return _EMPTY
        lexicon = load_lexicon(parsed.language, self.lexicons)
        if normalise_answer(text, parsed.language) in lexicon.empty_answers:
            return _EMPTY
        cues = find_cues(parsed, lexicon, self.negation_window)
        return decide(parsed, cues, scores, self.threshold)
