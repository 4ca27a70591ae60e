"""Say in `evidence` what the clean step removed, where that changed a decision (stage; reads `_removed`, `_uncleaned`, `language`, `sentiment`, `topics`, `scope`; rewrites `evidence`).

Only the few rows the clean step changed are looked at again: their text as it
was read goes through parsing, sentiment, topics and scope once more (with
those stages' default parameters, the shipped pipelines' ones, and the same
language), and where the sentiment, the topics or the scope would differ, the
evidence gets a part "removed: sign-off, quoted reply" after a "; " like its
other parts. "I'd like to update my address. Thanks" is neutral once "Thanks"
is gone, and its evidence says why it is not positive. A removal that changed
nothing is not mentioned.
"""

from __future__ import annotations

from typing import ClassVar

import polars as pl

from voc.analyse.nlp import SpacyParser
from voc.analyse.sentiment import LexiconSentiment
from voc.analyse.topics import TaxonomyTopics
from voc.core import columns as C
from voc.core.stages import Stage, register
from voc.tag.scope import CueScope

_DECISIONS = (C.SENTIMENT, C.TOPICS, C.SCOPE)


@register("voc.evidence.removed.v1")
class RemovedEvidence(Stage):
    role: ClassVar[str] = "removed"
    requires = (C.REMOVED, C.UNCLEANED, C.LANGUAGE, *_DECISIONS, C.EVIDENCE)
    rewrites = (C.EVIDENCE,)

    def __init__(self, lexicons: str | None = None) -> None:
        self.lexicons = lexicons

    def __call__(self, frame: pl.DataFrame) -> pl.DataFrame:
        removed = frame.get_column(C.REMOVED).to_list()
        sentiments = frame.get_column(C.SENTIMENT).to_list()
        rows = [i for i, (kinds, sentiment) in enumerate(zip(removed, sentiments)) if kinds and sentiment is not None]
        if not rows:
            return frame
        before = self._decide(
            pl.DataFrame(
                {
                    C.TEXT: [frame[C.UNCLEANED][i] for i in rows],
                    C.LANGUAGE: [frame[C.LANGUAGE][i] for i in rows],
                },
                schema={C.TEXT: pl.String, C.LANGUAGE: pl.String},
            )
        )
        now = frame.select(_DECISIONS)
        evidence = frame.get_column(C.EVIDENCE).to_list()
        for k, i in enumerate(rows):
            if before.row(k) != now.row(i) and evidence[i] is not None:
                evidence[i] = f"{evidence[i]}; removed: {', '.join(removed[i])}"
        return frame.with_columns(pl.Series(C.EVIDENCE, evidence, dtype=pl.String))

    def _decide(self, frame: pl.DataFrame) -> pl.DataFrame:
        stages = (SpacyParser(lexicons=self.lexicons), LexiconSentiment(lexicons=self.lexicons),
                  TaxonomyTopics(lexicons=self.lexicons), CueScope(lexicons=self.lexicons))  # fmt: skip
        for stage in stages:
            frame = stage(frame)
        return frame.select(_DECISIONS)
