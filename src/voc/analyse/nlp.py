"""Tokenise, lemmatise and split into clauses (stage; reads `text`, `language`; adds `_parsed`).

One spaCy pipeline per analysed language, ``spacy.blank(lang)`` with a
sentencizer, loaded lazily and once per process. Each word is lemmatised on
first sight with what ships as a package (lemmatizers.py): spaCy's lookup
tables for Italian and English, pymorphy3 for Russian and simplemma for
Polish (spaCy's own Polish lemmatizer needs a POS tagger, which has no offline
model). Lemmas and each word's match keys are cached per word: feedback
repeats its vocabulary, and this is the hot path.

Sentences are cut into clauses at contrast words ("ma", "ale", "но", "but"),
so "great product but support never answered" gives a positive clause and a
negative one that topics and scope can read separately.
"""

from __future__ import annotations

from functools import lru_cache
from typing import ClassVar

import polars as pl

from voc.analyse.lemmatizers import BACKENDS, DEFAULT_LEMMATIZERS, forget_pipeline, lemmatizer, pipeline_for
from voc.analyse.lexicon import Lexicon, load_lexicon
from voc.analyse.text import Clause, Parsed, Token, collapse, fold
from voc.core import columns as C
from voc.core.stages import Stage, register

PARSED = "_parsed"  # working column: one Parsed per row (None where not analysed)
VOCAB_LIMIT = 30_000  # words a spaCy pipeline may hold before it is built afresh (see SpacyParser.__call__)



@register("voc.nlp.spacy.v1")
class SpacyParser(Stage):
    role: ClassVar[str] = "nlp"
    requires = (C.TEXT, C.LANGUAGE)
    provides = (PARSED,)

    def __init__(
        self,
        lemmatizers: dict[str, str] | None = None,
        lexicons: str | None = None,
        batch_size: int = 256,
        max_chars: int = 20_000,
    ) -> None:
        self.lemmatizers = dict(DEFAULT_LEMMATIZERS if lemmatizers is None else lemmatizers)
        for lang, backend in self.lemmatizers.items():
            if backend not in BACKENDS:
                raise ValueError(f"unknown lemmatizer {backend!r} for {lang}: use one of {', '.join(BACKENDS)}")
        self.lexicons = lexicons
        self.batch_size = int(batch_size)
        # A pasted log or e-mail thread of a megabyte says what it says in its first
        # pages; cutting there keeps the cost of one row bounded (spaCy refuses 1M+).
        self.max_chars = int(max_chars)

    def warm(self) -> None:
        for lang, backend in self.lemmatizers.items():
            pipeline_for(lang)
            lemmatizer(lang, backend)
            load_lexicon(lang, self.lexicons)

    def __call__(self, frame: pl.DataFrame) -> pl.DataFrame:
        texts = frame.get_column(C.TEXT).to_list()
        langs = frame.get_column(C.LANGUAGE).to_list()
        # No linguistic signal: an empty parse, so it reads as neutral with no topics.
        parsed: list[Parsed | None] = [Parsed(C.UNDETERMINED) if l == C.UNDETERMINED else None for l in langs]
        for lang in self.lemmatizers:
            rows = [i for i, (t, l) in enumerate(zip(texts, langs)) if l == lang and t]
            if not rows:
                continue
            lexicon = load_lexicon(lang, self.lexicons)
            nlp = pipeline_for(lang)
            words = _Words(lang, self.lemmatizers[lang], nlp.vocab)
            # Typographic apostrophes ("l’hotel") tokenise like plain ones only once replaced.
            docs = nlp.pipe((texts[i][: self.max_chars].replace("’", "'") for i in rows), batch_size=self.batch_size)
            for i, doc in zip(rows, docs):
                parsed[i] = to_parsed(doc, lang, lexicon, words)
            if len(nlp.vocab) > VOCAB_LIMIT:
                # spaCy keeps every word it has seen, for good: over a million real comments that was 700 MB a
                # worker. A fresh pipeline starts empty; voc's own word cache is keyed by the string's hash, which
                # every vocabulary shares, so nothing has to be lemmatised again. Only this language's is
                # rebuilt (English's takes 0.2 s).
                forget_pipeline(lang)
        return frame.with_columns(pl.Series(PARSED, parsed, dtype=pl.Object))


def to_parsed(doc, lang: str, lexicon: Lexicon, words: _Words) -> Parsed:  # noqa: ANN001 - a spaCy Doc
    shouting = doc.text.isupper()
    out = Parsed(lang)
    # One array read instead of a spaCy Token object per word: the words themselves come from the per-word cache.
    rows = doc.to_array(_attrs()).tolist()
    starts = [k for k, (_, sent_start) in enumerate(rows) if sent_start == 1 or k == 0]
    for a, b in zip(starts, starts[1:] + [len(rows)]):
        sent = [words[orth] for orth, _ in rows[a:b]]
        forms = [w[2] for w in sent]
        clause_tokens: list[Token] = []
        after = False
        i = 0
        while i < len(sent):
            span = lexicon.contrast_at(forms, i) if forms[i] in lexicon.contrast else 0
            if span and clause_tokens:
                out.clauses.append(_clause(clause_tokens, after))
                clause_tokens, after = [], True
            if span:
                i += span  # the contrast word itself carries no sentiment or topic
                after = True
                continue
            text, keys, form, punct, alpha, elongated = sent[i]
            caps = not shouting and alpha and len(text) > 1 and text.isupper()
            clause_tokens.append(Token(text, keys, form, punct, caps, elongated))
            i += 1
        if clause_tokens:
            out.clauses.append(_clause(clause_tokens, after))
    for first, second in zip(out.clauses, out.clauses[1:]):
        first.before_contrast = second.after_contrast
    return out


@lru_cache(maxsize=1)
def _attrs() -> list[int]:
    from spacy.attrs import ORTH, SENT_START

    return [ORTH, SENT_START]


class _Words:
    """A word's (text, keys, folded form, punct, alpha, elongated) by its spaCy string id, built once per word.

    Lemmatising here, on a word's first sight, rather than in a spaCy component
    that sets every token's lemma, halves the Python work per token: feedback
    repeats its words, so almost every token is one dict hit.
    """

    _cache: dict[tuple[str, str], dict[int, tuple]] = {}
    LIMIT = 30_000  # words per language kept (about 400 bytes each); past this many the frequent words are long in

    def __init__(self, lang: str, backend: str, vocab) -> None:  # noqa: ANN001 - the pipeline's spaCy Vocab
        self.lang = lang
        self.lemma = lemmatizer(lang, backend)
        self.vocab = vocab
        self.seen = self._cache.setdefault((lang, backend), {})

    def __getitem__(self, orth: int) -> tuple:
        word = self.seen.get(orth)
        if word is None:
            if len(self.seen) >= self.LIMIT:
                self.seen.clear()
            lexeme = self.vocab[orth]  # the flags a Token reads are its lexeme's
            text, alpha = lexeme.orth_, lexeme.is_alpha
            lemma = self.lemma(text.lower()) if alpha else ""  # spaCy leaves a non-word's lemma empty
            word = self.seen[orth] = _word(text, lemma, self.lang, lexeme.is_punct, alpha)
        return word


def _clause(tokens: list[Token], after_contrast: bool) -> Clause:
    text = " ".join(t.text for t in tokens)
    return Clause(
        tokens=tokens,
        text=text,
        exclamations=sum(t.text.count("!") for t in tokens if t.punct),
        question=any("?" in t.text for t in tokens if t.punct),
        after_contrast=after_contrast,
    )


def _word(text: str, lemma: str, lang: str, punct: bool, alpha: bool) -> tuple[str, tuple[str, ...], str, bool, bool, bool]:
    """(text, keys, folded form, punct, alpha, elongated) of a word (_Words keeps them)."""
    keys, elongated = token_keys(text, lemma, lang)
    return text, keys, fold(text.lower(), lang), punct, alpha, elongated


# simplemma leaves some Polish adjective forms as they are ("miła", "nieuprzejma");
# when it does, the masculine nominative (the lexicons' form) is added as a key.
_PL_ADJECTIVE_ENDINGS = (("ego", "y"), ("emu", "y"), ("ymi", "y"), ("ych", "y"), ("ym", "y"), ("ej", "y"), ("a", "y"), ("e", "y"), ("ą", "y"))


def token_keys(text: str, lemma: str, lang: str, elongation: bool = True) -> tuple[tuple[str, ...], bool]:
    """Folded lemma, folded lower-case form, and the collapsed forms of an elongated word."""
    lower = text.lower()
    keys = [fold(lemma.lower() or lower, lang), fold(lower, lang)]
    if lang == "pl" and lemma.lower() == lower and len(lower) > 4:
        for ending, masculine in _PL_ADJECTIVE_ENDINGS:
            if lower.endswith(ending):
                keys.append(fold(lower[: -len(ending)] + masculine, lang))
                break
    extra = collapse(lower) if elongation else ()
    if extra:
        keys += [fold(_lemma(lang, e), lang) for e in extra] + [fold(e, lang) for e in extra]
    return tuple(dict.fromkeys(keys)), bool(extra)


def _lemma(lang: str, word: str) -> str:
    return lemmatizer(lang, DEFAULT_LEMMATIZERS.get(lang, "lookup"))(word)
