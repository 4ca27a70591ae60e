"""What discovery sees of a comment: concepts, taxonomy topics and content lemmas (reads `_parsed`, `topics`).

Concept ids (lexicons/<lang>/concepts.tsv) and taxonomy topic ids are the same
feature in every language, so "aggiornamento", "aktualizacja", "обновление"
and "update" meet in one feature and themes form across languages. Content
lemmas keep each language's own detail (a product name, a new fee's wording).
"""

from __future__ import annotations

from functools import cache

from voc.analyse.lexicon import load_lexicon
from voc.analyse.text import Parsed

CONCEPT = "c:"
TOPIC = "t:"
LEMMA = "w:"


@cache
def _stop_words(lang: str) -> frozenset[str]:
    import spacy

    return frozenset(spacy.blank(lang).Defaults.stop_words)


def features(parsed: Parsed | None, topics: list[str] | None, lexicons: str | None = None) -> list[str]:
    """Feature tokens of one analysed comment; empty when it was not analysed."""
    if parsed is None or not parsed.clauses:
        return []
    lexicon = load_lexicon(parsed.language, lexicons)
    stop = _stop_words(parsed.language)
    out = [TOPIC + t for t in topics or ()]
    for clause in parsed.clauses:
        out += [CONCEPT + p.value for _, p in lexicon.concepts.find(clause.tokens)]
        for token in clause.tokens:
            lemma = token.keys[0]
            if not token.punct and len(lemma) > 2 and lemma.isalpha() and lemma not in stop and token.form not in stop:
                out.append(f"{LEMMA}{parsed.language}:{lemma}")
    return out
