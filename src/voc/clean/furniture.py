"""Clean step (stage; reads `text`; rewrites `text`, adds `_removed`, `_uncleaned`).

Strips what is not the customer's words before anything reads them, so that
language detection, sentiment, topics, scope and discovery all see the same
clean text: HTML markup and entities (markup.py), quoted earlier messages
(replies.py), greetings, sign-offs and signatures (phrases.py). The user's
input column is a different frame and stays as it was.

A text is never stripped to nothing: "Thanks!" or "Grazie mille, tutto
perfetto" alone are praise, so a step that would leave no word is not taken.
Texts without any of this come out as the very same string (most of them,
after a few substring tests). `_removed` lists what went ("markup", "quoted
reply", "greeting", "sign-off", "signature"); `_uncleaned` keeps the text as it
was for those rows only, so that voc.tag.removed can tell whether the removal
changed a decision and say so in `evidence`.
"""

from __future__ import annotations

from functools import cache
from typing import ClassVar

import polars as pl

from voc.clean import markup, phrases
from voc.clean.data import Furniture, load_furniture
from voc.clean.replies import cut_quoted
from voc.core import columns as C
from voc.core.stages import Stage, register

MARKUP, QUOTED, GREETING, SIGNOFF, SIGNATURE = "markup", "quoted reply", "greeting", "sign-off", "signature"


@register("voc.clean.furniture.v1")
class FurnitureCleaner(Stage):
    role: ClassVar[str] = "clean"
    requires = (C.TEXT,)
    provides = (C.REMOVED, C.UNCLEANED)
    rewrites = (C.TEXT,)

    def __init__(self, markup: bool = True, replies: bool = True, phrases: bool = True, lexicons: str | None = None) -> None:
        self.markup = bool(markup)
        self.replies = bool(replies)
        self.phrases = bool(phrases)
        self.lexicons = lexicons

    def warm(self) -> None:
        _patterns(self.lexicons)

    def __call__(self, frame: pl.DataFrame) -> pl.DataFrame:
        texts = frame.get_column(C.TEXT).to_list()
        cleaned, removed, uncleaned = [], [], []
        for text in texts:
            new, kinds = self.clean(text) if text else (text, [])
            cleaned.append(new)
            removed.append(kinds or None)
            uncleaned.append(text if kinds else None)
        return frame.with_columns(
            pl.Series(C.TEXT, cleaned, dtype=pl.String),
            pl.Series(C.REMOVED, removed, dtype=pl.List(pl.String)),
            pl.Series(C.UNCLEANED, uncleaned, dtype=pl.String),
        )

    def clean(self, text: str) -> tuple[str, list[str]]:
        """(the text to analyse, what was removed from it, in the order removed)."""
        kinds: list[str] = []
        if self.markup and markup.has_markup(text):
            plain, quoted = markup.to_text(text)
            if quoted and not phrases.has_words(plain):
                plain, quoted = markup.to_text(text, drop_quotes=False)  # the whole message was a quote
            text = plain
            kinds += [MARKUP, QUOTED] if quoted else [MARKUP]
        elif self.markup and markup.has_entities(text):
            text = markup.unescape(text)
            kinds.append(MARKUP)
        if not (self.replies or self.phrases):
            return text, kinds
        furniture, patterns = _patterns(self.lexicons)
        if self.replies:
            text = _step(text, cut_quoted(text, furniture), QUOTED, kinds)
        if self.phrases:
            if "\n" in text:
                text = _step(text, phrases.strip_signatures(text, patterns), SIGNATURE, kinds)
            text = _step(text, phrases.strip_signoff(text, furniture, patterns), SIGNOFF, kinds)
            text = _step(text, phrases.strip_greeting(text, furniture, patterns), GREETING, kinds)
        return text, kinds


def _step(text: str, shorter: str | None, kind: str, kinds: list[str]) -> str:
    """The shorter text when it still holds a word (else the text as it was), noting what went."""
    if shorter is None or shorter == text or not phrases.has_words(shorter):
        return text
    if kind not in kinds:
        kinds.append(kind)
    return shorter


@cache
def _patterns(lexicons: str | None) -> tuple[Furniture, phrases.Patterns]:
    furniture = load_furniture(lexicons)
    return furniture, phrases.compile_patterns(furniture)
