"""Lexicon-and-rules sentiment (stage; reads `_parsed`; adds `sentiment`, `sentiment_score`, `_clause_scores`).

Each clause is scored from the valence of its words and phrases
(lexicons/<lang>/valence.tsv, phrases.tsv, emoji.tsv), with rules:

- a phrase wins over the words inside it ("non c'è male", "still waiting");
- a negator up to ``negation_window`` words before a sentiment word flips it.
  Negation is asymmetric: a negated positive is a plain negative ("not clean",
  "non adeguato", "не рекомендую": ``negated_positive``), a negated negative only
  a hedge ("not bad", "nie jest zły" are mildly positive: ``negated_negative``);
- a negated service action (lexicons/<lang>/expected.txt: "never answered",
  "nikt nie oddzwonił", "курьер не приехал") is an unmet expectation, worth
  ``unmet_expectation``, though neither word carries an opinion;
- intensifiers in front multiply it ("molto", "bardzo", "очень", "a bit");
- a SHOUTED word in a text that is not all capitals, or an elongated word
  ("suuuper"), counts more; each "!" at the end of a clause adds emphasis;
- Russian-style ")))" and "(((" count as smiles and frowns;
- a clause before a contrast word counts half, the clause after it one and a
  half times ("good food but rude staff" leans negative).

Scores are squashed to -1..1 with x / sqrt(x² + 15) and split into classes at
±``threshold``. Items that were not analysed (other languages) stay empty.
"""

from __future__ import annotations

import math
import re
from typing import ClassVar

import polars as pl

from voc.analyse.lexicon import Lexicon, load_lexicon
from voc.analyse.nlp import PARSED
from voc.analyse.text import Clause, Parsed
from voc.core import columns as C
from voc.core.stages import Stage, register

CLAUSE_SCORES = "_clause_scores"  # working column: one score per clause, -1..1
_EMOTICON = re.compile(r"[:;=8xX]-?[()DPp]")  # scored as tokens from emoji.tsv


def squash(x: float, alpha: float = 15.0) -> float:
    return x / math.sqrt(x * x + alpha)


def label(score: float, threshold: float) -> str:
    if score >= threshold:
        return "positive"
    if score <= -threshold:
        return "negative"
    return "neutral"


@register("voc.sentiment.lexicon.v1")
class LexiconSentiment(Stage):
    role: ClassVar[str] = "sentiment"
    requires = (PARSED, C.TEXT)
    provides = (C.SENTIMENT, C.SENTIMENT_SCORE, CLAUSE_SCORES)

    def __init__(
        self,
        threshold: float = 0.25,
        negation_window: int = 3,
        negated_positive: float = -1.0,
        negated_negative: float = -0.5,
        before_contrast: float = 0.5,
        after_contrast: float = 1.5,
        question_factor: float = 0.6,
        emphasis: float = 1.3,
        exclamation: float = 0.3,
        unmet_expectation: float = -1.5,
        lexicons: str | None = None,
    ) -> None:
        self.threshold = float(threshold)
        self.negation_window = int(negation_window)
        self.negated_positive = float(negated_positive)
        self.negated_negative = float(negated_negative)
        self.before_contrast = float(before_contrast)
        self.after_contrast = float(after_contrast)
        self.question_factor = float(question_factor)
        self.emphasis = float(emphasis)
        self.exclamation = float(exclamation)
        self.unmet_expectation = float(unmet_expectation)
        self.lexicons = lexicons
        if not 0 < self.threshold < 1:
            raise ValueError("threshold must be between 0 and 1")

    def __call__(self, frame: pl.DataFrame) -> pl.DataFrame:
        labels, scores, per_clause = [], [], []
        for parsed, text in zip(frame.get_column(PARSED).to_list(), frame.get_column(C.TEXT).to_list()):
            if parsed is None:
                labels.append(None)
                scores.append(None)
                per_clause.append(None)
                continue
            item, clauses = self.score(parsed, text or "")
            labels.append(label(item, self.threshold))
            scores.append(round(item, 4))
            per_clause.append(clauses)
        return frame.with_columns(
            pl.Series(C.SENTIMENT, labels, dtype=pl.String),
            pl.Series(C.SENTIMENT_SCORE, scores, dtype=pl.Float64),
            pl.Series(CLAUSE_SCORES, per_clause, dtype=pl.Object),
        )

    def score(self, parsed: Parsed, text: str) -> tuple[float, list[float]]:
        """Item score and one score per clause, all in -1..1."""
        if not parsed.clauses:
            return 0.0, []
        lexicon = load_lexicon(parsed.language, self.lexicons)
        raw = [self.clause_sum(c, lexicon) for c in parsed.clauses]
        total = 0.0
        for clause, value in zip(parsed.clauses, raw):
            weight = 1.0
            if clause.before_contrast:
                weight *= self.before_contrast
            if clause.after_contrast:
                weight *= self.after_contrast
            total += weight * value
        total += _bracket_smiles(text)
        return squash(total), [squash(v) for v in raw]

    def clause_sum(self, clause: Clause, lexicon: Lexicon) -> float:
        tokens = clause.tokens
        total = 0.0
        i = 0
        while i < len(tokens):
            token = tokens[i]
            if token.text in lexicon.emoji:
                total += lexicon.emoji[token.text]
                i += 1
                continue
            matches = lexicon.valence.at(tokens, i)
            if not matches:
                expected = lexicon.expected.at(tokens, i)
                if expected and self._modifiers(tokens, i, lexicon)[1]:
                    total += self.unmet_expectation
                    i += len(expected[0].elements)
                else:
                    i += 1
                continue
            pattern = matches[0]
            value = pattern.value
            span = len(pattern.elements)
            if span == 1 and (token.caps or token.elongated):
                value *= self.emphasis
            factor, negated = self._modifiers(tokens, i, lexicon)
            if negated and span > 1 and any(lexicon.negators.at(tokens, k) for k in range(i, i + span)):
                negated = False  # "nie udzielał żadnych informacji": the phrase carries its own negation
            if negated:
                value *= self.negated_positive if value > 0 else self.negated_negative
            value *= factor
            total += value
            i += span
        if total and clause.exclamations:
            total += math.copysign(min(clause.exclamations, 3) * self.exclamation, total)
        if clause.question:
            total *= self.question_factor
        return total

    def _modifiers(self, tokens, i: int, lexicon: Lexicon) -> tuple[float, bool]:  # noqa: ANN001
        """Intensifier factor, and whether a negator stands in the words before ``tokens[i]``."""
        factor = 1.0
        negated = False
        start = max(0, i - self.negation_window)
        j = i - 1
        while j >= start:
            token = tokens[j]
            if token.punct:
                break  # negation and intensity do not cross punctuation
            if lexicon.negators.at(tokens, j):
                # Italian, Polish and Russian double their negation for emphasis
                # ("non ... mai", "nikt nie", "ни разу не"): it never cancels out.
                negated = True
            else:
                boost = lexicon.intensifiers.at(tokens, j)
                if boost and j >= i - 2:
                    factor *= boost[0].value
            j -= 1
        return factor, negated


def _bracket_smiles(text: str) -> float:
    """Russian-style smiles: closing brackets with no opening one ("спасибо)))"), and frowns ("(((")."""
    bare = _EMOTICON.sub(" ", text)
    unmatched = bare.count(")") - bare.count("(")
    return 1.0 if unmatched > 0 else (-1.0 if unmatched < 0 else 0.0)


@register("voc.sentiment.score_check.v1")
class ScoreDisagreement(Stage):
    """Flag rows whose text sentiment contradicts their score (reads `sentiment`, `voc_score`; adds `score_text_disagreement`).

    A detractor (NPS 0-6, CSAT/stars 1-2) with positive text, or a promoter
    (NPS 9-10, CSAT/stars 5 on a five-point scale) with negative text, is a
    disagreement: often sarcasm, a wrong scale, or a comment about one aspect
    of an otherwise happy customer. The text decides `sentiment`; this column
    only points the analyst at the rows worth a look.
    """

    role: ClassVar[str] = "score_check"
    requires = (C.SENTIMENT, C.SCORE, C.SCORE_SCALE)
    provides = (C.SCORE_TEXT_DISAGREEMENT,)
    only_when_available = True  # skipped when there is no --score-col

    def __call__(self, frame: pl.DataFrame) -> pl.DataFrame:
        score = pl.col(C.SCORE)
        scale = pl.col(C.SCORE_SCALE)
        low_high = {  # (highest "low" score, lowest "high" score) per scale
            "0-10": (6, 9),
            "1-10": (6, 9),
            "1-5": (2, 5),
            "0-100": (60, 90),
            "good-bad": (0, 1),  # Zendesk satisfaction: bad 0, good 1
        }
        low = pl.lit(None, dtype=pl.Boolean)
        high = pl.lit(None, dtype=pl.Boolean)
        for name, (lo, hi) in low_high.items():
            low = pl.when(scale == name).then(score <= lo).otherwise(low)
            high = pl.when(scale == name).then(score >= hi).otherwise(high)
        sentiment = pl.col(C.SENTIMENT)
        flag = (
            pl.when(score.is_null() | sentiment.is_null())
            .then(None)
            .otherwise((low & (sentiment == "positive")) | (high & (sentiment == "negative")))
        )
        return frame.with_columns(flag.alias(C.SCORE_TEXT_DISAGREEMENT))
