"""Which input column holds the text, when --text-col is not given (part of read/: picks a column, adds none).

A name alone misleads: "ID risposta" contains "risposta" (answer) yet holds
codes, and "Perché questo voto?" names no known word yet holds the comments.
So each column of a sample of rows is also judged by what it holds: a column
of numbers, codes, dates or a handful of repeated labels is no text; among
the rest, the one whose values have the most words wins. A column whose name
is a known text name wins when its content is text-like too, unless another
column holds far more words (the name then is a coincidence, and voc says so).

The pick is a guess, so the caller always reports it as a warning, and a weak
guess (no column holds free text) is refused with the columns listed.
"""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass
from functools import cache

import polars as pl

from voc.core.resources import lexicon_path

SAMPLE_ROWS = 500
_WORD = re.compile(r"[^\W\d_]{2,}")
_LETTER = re.compile(r"[^\W\d_]")
# A value with no space that has a digit (R-1001, AB12CD, 2024-11-03) or no letter at all is a code or a number.
_CODE = re.compile(r"^(?:\S*\d\S*|[\W\d_]+)$")
# A name-matched column loses to another only when that one holds this many times its words (and a few words at least).
_NAME_LOSES_AT = 3.0
# Below this many words per value on average, a column picked by content alone is too weak a guess.
_MIN_WORDS = 2.0


@dataclass(frozen=True)
class Profile:
    """What a sample of one column looks like."""

    values: int  # non-empty values in the sample
    textual: float  # share of them that have a letter and are not codes
    words: float  # mean words per value
    distinct: float  # distinct values / values

    @property
    def categorical(self) -> bool:
        # "open"/"closed", "email"/"phone": few labels repeated, however word-like.
        return self.values >= 20 and self.distinct < 0.2 and self.words < 3

    @property
    def score(self) -> float:
        return self.words * self.textual

    def text_like(self, minimum_words: float) -> bool:
        return self.values > 0 and self.textual >= 0.5 and not self.categorical and self.words >= minimum_words


@dataclass(frozen=True)
class Pick:
    column: str
    reason: str  # why, for the warning ("by name", "by content")
    runner_up: str | None = None  # another column that looked nearly as much like text


def profile(values: pl.Series) -> Profile:
    if values.dtype != pl.String:
        return Profile(0, 0.0, 0.0, 0.0)  # numbers, dates, booleans: never text
    texts = [v.strip() for v in values.drop_nulls().to_list() if v and v.strip()]
    # JSON text of nested fields is structure, not prose: --text-col reply.text reaches inside it.
    texts = [t for t in texts if not (t[0] in "{[" and t[-1] in "}]")] if texts else texts
    if not texts:
        return Profile(0, 0.0, 0.0, 0.0)
    counts = [len(_WORD.findall(t)) for t in texts]
    textual = sum(1 for t in texts if _LETTER.search(t) and not _CODE.match(t)) / len(texts)
    return Profile(len(texts), textual, sum(counts) / len(texts), len(set(texts)) / len(texts))


def pick_text_column(columns: list[str], sample: pl.DataFrame | None, exclude: set[str]) -> Pick | None:
    """The text column of one input, or None when no column is text (by name or content)."""
    candidates = [c for c in columns if c not in exclude]
    named = _by_name(candidates)
    if sample is None or sample.height == 0:
        return Pick(named[0], "by name; the file has no rows to check it against") if named else None
    profiles = {c: profile(sample.get_column(c)) for c in candidates if c in sample.columns}
    ranked = sorted((c for c, p in profiles.items() if p.text_like(_MIN_WORDS)), key=lambda c: -profiles[c].score)
    best = ranked[0] if ranked else None
    runner = ranked[1] if len(ranked) > 1 and profiles[ranked[1]].score >= 0.8 * profiles[ranked[0]].score else None
    for name in named:
        mine = profiles.get(name, Profile(0, 0.0, 0.0, 0.0))
        if mine.values and (mine.textual < 0.3 or mine.categorical):
            continue  # "ID risposta": a text name over codes or labels
        if best and best != name and profiles[best].score >= _NAME_LOSES_AT * max(mine.score, 1.0):
            return Pick(best, f"by content: it holds far more words than {name!r}, whose name looked like text")
        return Pick(name, "by name and content")
    if best is None:
        return None
    return Pick(best, "by content: the column with the most words", runner)


def _by_name(columns: list[str]) -> list[str]:
    """Columns whose name is a known text-column name: exact names first, then names containing one."""
    words = {c: _words(c) for c in columns}
    exact = [c for cand in _text_names() for c, w in words.items() if w == cand]
    within = [c for cand in _text_names() for c, w in words.items() if re.search(rf"(?<!\w){re.escape(cand)}(?!\w)", w)]
    return list(dict.fromkeys([*exact, *within]))


def _words(name: str) -> str:
    return re.sub(r"[\s_.\-/]+", " ", name.casefold()).strip()


@cache
def _text_names() -> tuple[str, ...]:
    with open(lexicon_path("columns.toml"), "rb") as fh:
        return tuple(_words(c) for c in tomllib.load(fh)["text"])
