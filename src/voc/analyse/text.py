"""The parsed form of an item that analysis stages share: clauses of tokens.

Each token carries the keys lexicon terms are matched against: its lemma and
its lower-cased form, both *folded* (accents dropped for it/pl/en so that
"perche" finds "perché" and "zle" finds "źle"; "ё" read as "е" for Russian).
Elongated words ("suuuper", "noooo") also carry their collapsed forms.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field
from functools import lru_cache

_ELONGATED = re.compile(r"(\w)\1{2,}")


@dataclass(slots=True)
class Token:
    text: str
    keys: tuple[str, ...]  # folded lemma, folded lower-case form, other forms (no repeats)
    form: str = ""  # the folded lower-case form itself
    punct: bool = False
    caps: bool = False  # a shouted word in a text that is not all capitals
    elongated: bool = False


@dataclass(slots=True)
class Clause:
    tokens: list[Token]
    text: str
    exclamations: int = 0
    question: bool = False
    after_contrast: bool = False  # starts with "but", "ma", "ale", "но"...
    before_contrast: bool = False  # the next clause starts with a contrast word


@dataclass(slots=True)
class Parsed:
    language: str
    clauses: list[Clause] = field(default_factory=list)

    @property
    def tokens(self) -> list[Token]:
        return [t for c in self.clauses for t in c.tokens]


def fold_text(word: str, language: str) -> str:
    """The form lexicons are matched in: Russian ё as е, other languages without accents (and ł as l).
    Not cached: for whole texts, each seen once (``fold`` is the cached one, for words)."""
    if language == "ru":
        return word.replace("ё", "е")
    if word.isascii():  # nothing to fold, and most English text is ASCII
        return word
    word = word.replace("ł", "l").replace("Ł", "L")  # ł has no decomposition
    return "".join(ch for ch in unicodedata.normalize("NFD", word) if not unicodedata.combining(ch))


# Words repeat, so their folded forms are cached; 50,000 words are about 8 MB. (Whole texts through this
# cache had held 200,000 of them, about 60 MB a process on real-length comments.)
fold = lru_cache(maxsize=50_000)(fold_text)


def collapse(word: str) -> tuple[str, ...]:
    """Forms of an elongated word: "suuuper" -> ("suuper", "super"); not "www" or "zzz"."""
    if len(set(word)) < 2 or not _ELONGATED.search(word):
        return ()
    return (_ELONGATED.sub(r"\1\1", word), _ELONGATED.sub(r"\1", word))
