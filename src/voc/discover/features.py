"""What discovery sees of a comment: concepts, taxonomy topics and content lemmas (reads `_parsed`, `topics`).

Concept ids (lexicons/<lang>/concepts.tsv) and taxonomy topic ids are the same
feature in every language, so "aggiornamento", "aktualizacja", "обновление"
and "update" meet in one feature and themes form across languages. Content
lemmas keep each language's own detail (a product name, a new fee's wording).

A lemma feature is folded ("w:pl:obsluga") so that a word typed with and
without diacritics is one feature; it carries the word as written after
``SURFACE`` ("w:pl:obsluga|obsługą") so that labels can show the form customers
used. The model sees only the part before it (``model_view``).

Greetings and sign-offs (lexicons/<lang>/furniture.tsv, kinds greeting and
signoff) give no feature: "thanks" or "dzień dobry" turns up in comments about
anything, so it must not pull them together, and a comment that is only that
has no feature left and stays an outlier.
"""

from __future__ import annotations

from functools import cache

from voc.analyse.lexicon import load_lexicon
from voc.analyse.text import Clause, Parsed, fold

CONCEPT = "c:"
TOPIC = "t:"
LEMMA = "w:"
SURFACE = "|"  # never inside a lemma feature's lemma: lemmas kept as features are alphabetic

# Greetings and sign-offs only: signature lines hold product words ("iphone") that may be a theme.


@cache
def _blank(lang: str):  # noqa: ANN202 - a spaCy Language
    import spacy

    return spacy.blank(lang)


@cache
def _stop_words(lang: str) -> frozenset[str]:
    return frozenset(_blank(lang).Defaults.stop_words)


def features(parsed: Parsed | None, topics: list[str] | None, lexicons: str | None = None) -> list[str]:
    """Feature tokens of one analysed comment; empty when it was not analysed or holds only greetings."""
    if parsed is None or not parsed.clauses:
        return []
    lang = parsed.language
    lexicon = load_lexicon(lang, lexicons)
    stop = _stop_words(lang)
    phrases = furniture(lang, lexicons)
    out = [TOPIC + t for t in topics or ()]
    for clause in parsed.clauses:
        skip = _furniture_at(clause, phrases)
        out += [CONCEPT + p.value for i, p in lexicon.concepts.find(clause.tokens) if skip.isdisjoint(range(i, i + len(p.elements)))]
        starts = not clause.after_contrast
        for k, token in enumerate(clause.tokens):
            lemma = token.keys[0]
            if token.punct:
                continue
            if k not in skip and len(lemma) > 2 and lemma.isalpha() and lemma not in stop and token.form not in stop:
                out.append(f"{LEMMA}{lang}:{lemma}{SURFACE}{_as_written(token.text, token.caps, starts)}")
            starts = False
    return out


def _as_written(text: str, caps: bool, sentence_start: bool) -> str:
    """The word as written, for labels; a capital that only the sentence start or shouting put there is dropped."""
    if (sentence_start and text[1:].islower()) or (text.isupper() and not caps):
        return text.lower()
    return text


def model_view(features: list[str]) -> list[str]:
    """The features the model sees: lemma features without the word as written."""
    return [f.partition(SURFACE)[0] for f in features]


def split_surface(feature: str) -> tuple[str, str]:
    """("w:it:negoziare", "negozio") from "w:it:negoziare|negozio"; the written form is "" where none was kept."""
    key, _, written = feature.partition(SURFACE)
    return key, written


# -- greetings and sign-offs ----------------------------------------------------


@cache
def furniture(lang: str, overlay: str | None = None) -> dict[str, list[tuple[str, ...]]]:
    """Greeting and sign-off phrases as folded words, by first word, longest first.

    Every language's phrases count, folded as ``lang`` folds: a comment that is
    only "Hello" is too short for language detection to be sure of, and a
    greeting is no theme in whatever language it was taken for.
    """
    from voc.clean.data import load_furniture

    loaded = load_furniture(overlay)  # the clean step's lists, every language's phrases at once
    tokenizer = _blank(lang).tokenizer  # words split as the text's are
    by_first: dict[str, list[tuple[str, ...]]] = {}
    for phrase in [*loaded.greetings, *loaded.signoffs]:
        words = tuple(fold(t.lower_, lang) for t in tokenizer(phrase.replace("’", "'")) if not t.is_punct)
        if words and words not in by_first.get(words[0], ()):
            by_first.setdefault(words[0], []).append(words)
    for seqs in by_first.values():
        seqs.sort(key=len, reverse=True)
    return by_first


def _furniture_at(clause: Clause, phrases: dict[str, list[tuple[str, ...]]]) -> set[int]:
    """Positions of the clause's tokens that belong to a greeting or sign-off (punctuation between words allowed)."""
    if not phrases:
        return set()
    words = [k for k, t in enumerate(clause.tokens) if not t.punct]
    found: set[int] = set()
    j = 0
    while j < len(words):
        keys = clause.tokens[words[j]].keys
        span = 0
        for key in keys:
            for seq in phrases.get(key, ()):
                if j + len(seq) <= len(words) and all(w in clause.tokens[words[j + m]].keys for m, w in enumerate(seq)):
                    span = max(span, len(seq))
                    break
        if span:
            found.update(words[j : j + span])
            j += span
        else:
            j += 1
    return found
