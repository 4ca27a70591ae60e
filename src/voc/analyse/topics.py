"""Topics from the taxonomy (stage; reads `_parsed`, `_clause_scores`; adds `topics`, `topic_sentiments`, `_topic_hits`).

A topic is present when one of its terms (lexicons/<lang>/topics.tsv) occurs
in the item. Its sentiment is that of the clauses that mention it, so "great
sofa but the courier was rude" gives product_quality:positive and
delivery:negative. When those clauses carry no opinion of their own ("my bag
never arrived. Terrible."), the item's sentiment stands in for them.
"""

from __future__ import annotations

from typing import ClassVar, NamedTuple

import polars as pl

from voc.analyse.lexicon import load_lexicon
from voc.analyse.nlp import PARSED
from voc.analyse.sentiment import CLAUSE_SCORES, label
from voc.core import columns as C
from voc.core.stages import Stage, register

TOPIC_HITS = "_topic_hits"  # working column: [Hit] per row


class Hit(NamedTuple):
    topic: str
    term: str
    clause: int  # index of the clause
    start: int  # first token within the clause
    length: int  # tokens matched


@register("voc.topics.taxonomy.v1")
class TaxonomyTopics(Stage):
    role: ClassVar[str] = "topics"
    requires = (PARSED, CLAUSE_SCORES, C.SENTIMENT_SCORE)
    provides = (C.TOPICS, C.TOPIC_SENTIMENTS, TOPIC_HITS)

    def __init__(self, threshold: float = 0.25, lexicons: str | None = None) -> None:
        self.threshold = float(threshold)
        self.lexicons = lexicons

    def __call__(self, frame: pl.DataFrame) -> pl.DataFrame:
        topics_col, sentiments_col, hits_col = [], [], []
        rows = zip(
            frame.get_column(PARSED).to_list(),
            frame.get_column(CLAUSE_SCORES).to_list(),
            frame.get_column(C.SENTIMENT_SCORE).to_list(),
        )
        for parsed, clause_scores, item_score in rows:
            if parsed is None:
                topics_col.append(None)
                sentiments_col.append(None)
                hits_col.append(None)
                continue
            hits: list[Hit] = []
            lexicon = load_lexicon(parsed.language, self.lexicons) if parsed.clauses else None
            for index, clause in enumerate(parsed.clauses):
                for start, pattern in lexicon.topics.find(clause.tokens):  # type: ignore[union-attr]
                    hits.append(Hit(pattern.value, pattern.shown(clause.tokens, start), index, start, len(pattern.elements)))
            order = list(dict.fromkeys(hit.topic for hit in hits))
            pairs = []
            for topic in order:
                scores = [clause_scores[h.clause] for h in hits if h.topic == topic]
                score = sum(scores) / len(scores)
                if abs(score) < self.threshold:
                    score = item_score
                pairs.append(f"{topic}:{label(score, self.threshold)}")
            topics_col.append(order)
            sentiments_col.append(pairs)
            hits_col.append(hits)
        return frame.with_columns(
            pl.Series(C.TOPICS, topics_col, dtype=pl.List(pl.String)),
            pl.Series(C.TOPIC_SENTIMENTS, sentiments_col, dtype=pl.List(pl.String)),
            pl.Series(TOPIC_HITS, hits_col, dtype=pl.Object),
        )
