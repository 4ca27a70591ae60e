"""Service or experience (stage; reads `_parsed`, `_topic_hits`, `sentiment_score`, `text`, `language`; adds `scope`, `evidence`).

Implements ../shared/design/scope.md. Evidence for each side comes from the
taxonomy topics found (each topic belongs to one side) and from cue words in
lexicons/<lang>/cues.tsv (agent, hotline, operatore, konsultant, оператор...
for service; product, room, flight... for experience). Topic terms weigh
``topic_weight``, cues ``cue_weight``; each distinct term counts once.

- evidence on one side only: that side;
- on both: `both` when the weaker side has at least ``both_ratio`` of the
  stronger one's weight, else the stronger side ("a rude flight attendant on
  my flight" is service: "flight" is a cue, "rude flight attendant" topics);
- no evidence but a clear opinion ("Polecam", "never again"): experience,
  the overall judgement of the company;
- no evidence and no opinion, a content-free answer ("ok", "-", "n/a"), or a
  neutral post that links elsewhere with no service cue (news, ads): none.

Items in languages voc does not analyse keep an empty scope.
"""

from __future__ import annotations

import re
from typing import ClassVar

import polars as pl

from voc.analyse.lexicon import load_lexicon, load_taxonomy, normalise_answer
from voc.analyse.nlp import PARSED
from voc.analyse.topics import TOPIC_HITS
from voc.core import columns as C
from voc.core.stages import Stage, register

_LINK = re.compile(r"https?://|www\.", re.IGNORECASE)


@register("voc.scope.cues.v1")
class CueScope(Stage):
    role: ClassVar[str] = "scope"
    requires = (PARSED, TOPIC_HITS, C.SENTIMENT_SCORE, C.TEXT, C.LANGUAGE)
    provides = (C.SCOPE, C.EVIDENCE)

    def __init__(
        self,
        topic_weight: float = 1.0,
        cue_weight: float = 1.0,
        both_ratio: float = 0.5,
        opinion_threshold: float = 0.25,
        links_are_none: bool = True,
        lexicons: str | None = None,
    ) -> None:
        self.topic_weight = float(topic_weight)
        self.cue_weight = float(cue_weight)
        self.both_ratio = float(both_ratio)
        self.opinion_threshold = float(opinion_threshold)
        self.links_are_none = bool(links_are_none)
        self.lexicons = lexicons

    def __call__(self, frame: pl.DataFrame) -> pl.DataFrame:
        scopes, evidence = [], []
        rows = zip(
            frame.get_column(PARSED).to_list(),
            frame.get_column(TOPIC_HITS).to_list(),
            frame.get_column(C.SENTIMENT_SCORE).to_list(),
            frame.get_column(C.TEXT).to_list(),
            frame.get_column(C.LANGUAGE).to_list(),
        )
        for parsed, hits, score, text, language in rows:
            scope, why = self.decide(parsed, hits, score, text or "", language)
            scopes.append(scope)
            evidence.append(why)
        return frame.with_columns(
            pl.Series(C.SCOPE, scopes, dtype=pl.String),
            pl.Series(C.EVIDENCE, evidence, dtype=pl.String),
        )

    def decide(self, parsed, hits, score, text: str, language: str) -> tuple[str | None, str]:  # noqa: ANN001
        if parsed is None:
            return None, f"not analysed: language {language}"
        if not parsed.clauses:
            return "none", "no text to analyse"
        lexicon = load_lexicon(parsed.language, self.lexicons)
        if normalise_answer(text, parsed.language) in lexicon.empty_answers:
            return "none", "content-free answer"

        sides = self.evidence(parsed, hits or (), lexicon)
        weight = {
            side: self.topic_weight * len({why for why in terms.values() if why != "cue"})
            + self.cue_weight * sum(1 for why in terms.values() if why == "cue")
            for side, terms in sides.items()
        }
        service, experience = weight["service"], weight["experience"]
        opinion = score is not None and abs(score) >= self.opinion_threshold

        if service == 0 and experience == 0:
            if opinion:
                return "experience", "experience: overall opinion, no aspect named"
            return "none", "no aspect of a company and no opinion"
        if self.links_are_none and not opinion and service == 0 and _LINK.search(text):
            return "none", "neutral post linking elsewhere (news, ad or spam); " + _describe(sides)
        if service and experience:
            low, high = sorted((service, experience))
            if low >= self.both_ratio * high:
                return "both", _describe(sides)
            return ("service" if service > experience else "experience"), _describe(sides)
        return ("service" if service else "experience"), _describe(sides)

    def evidence(self, parsed, hits, lexicon) -> dict[str, dict[str, str]]:  # noqa: ANN001
        """Terms per side (term -> topic id, or "cue"), overlaps resolved longest first.

        "flight attendant" is one service cue, not also the experience cue
        "flight"; a topic term and a cue on the same words count once, as the topic.
        """
        taxonomy = load_taxonomy(self.lexicons)
        found = [(h.clause, h.start, h.length, 0, taxonomy[h.topic].scope, h.term, h.topic) for h in hits]
        for index, clause in enumerate(parsed.clauses):
            for start, pattern in lexicon.cues.find(clause.tokens):
                found.append((index, start, len(pattern.elements), 1, pattern.value, pattern.shown(clause.tokens, start), "cue"))
        found.sort(key=lambda f: (-f[2], f[0], f[1], f[3]))  # longest first, then leftmost, topics before cues
        taken: set[tuple[int, int]] = set()
        sides: dict[str, dict[str, str]] = {"service": {}, "experience": {}}
        for clause, start, length, _, side, term, why in found:
            span = {(clause, start + k) for k in range(length)}
            if span & taken:
                continue
            taken |= span
            sides[side].setdefault(term, why)
        return sides


def _describe(sides: dict[str, dict[str, str]]) -> str:
    parts = []
    for side, terms in sides.items():
        if terms:
            listed = ", ".join(term if why == "cue" else f"{term} ({why})" for term, why in terms.items())
            parts.append(f"{side}: {listed}")
    return "; ".join(parts)
