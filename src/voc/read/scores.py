"""Parse the --score-col into `voc_score` and name its scale in `voc_score_scale`.

Scores arrive as numbers, as text ("9", "4,5", "4/5", "9 - very likely"), as
stars ("★★★★☆") or as Zendesk's satisfaction words (good, bad; offered and
unoffered mean "asked, not rated yet" and read as empty). The scale matters
downstream (NPS is computed on 0-10, CSAT on 1-5) and is decided once:
`--score-scale`, else good/bad words in the first values, else the column's
name (NPS, CSAT, stars), else the range of the first batch of values. A scale
taken from the values is a guess, and `guess` says so for the caller to warn.
"""

from __future__ import annotations

import re

import polars as pl

SCALES = {"0-10": (0.0, 10.0), "1-5": (1.0, 5.0), "1-10": (1.0, 10.0), "0-100": (0.0, 100.0), "good-bad": (0.0, 1.0)}
_NAME_HINTS = (
    (re.compile(r"\bnps\b|recommend|raccomand|polec|рекоменд", re.I), "0-10"),
    (re.compile(r"csat|star|stell|gwiazd|звезд|звёзд", re.I), "1-5"),
)
# Zendesk's satisfaction rating values: a fixed vocabulary of one export format (like
# the delimiters voc sniffs), not language data, so it lives here rather than in lexicons/.
_RATINGS = {"good": 1.0, "bad": 0.0}
_UNRATED = ("offered", "unoffered")
_WORDS_SHARE = 0.8  # of the first non-empty values, to read a column as good/bad ratings


class ScoreParser:
    def __init__(self, column: str, scale: str = "auto") -> None:
        if scale != "auto" and scale not in SCALES:
            raise ValueError(f"unknown score scale {scale!r}: use auto, {', '.join(SCALES)}")
        self.column = column
        self.scale: str | None = None if scale == "auto" else scale
        self.how = "given" if self.scale else None  # given, name or values: how the scale was decided
        if self.scale is None:
            for pattern, hinted in _NAME_HINTS:
                if pattern.search(column):
                    self.scale, self.how = hinted, "name"
                    break
        self._judged = False  # whether the scale has been judged on values yet (an all-empty batch does not count)
        self._range: tuple[float, float] | None = None
        self.unparsed = 0
        self.out_of_range = 0

    def __call__(self, values: pl.Series) -> pl.Series:
        words = None if values.dtype.is_numeric() else values.cast(pl.String).str.strip_chars().str.to_lowercase()
        if self.how != "given" and not self._judged and words is not None and _are_ratings(words):
            # Words decide over a name hint: Zendesk calls its good/bad column "CSAT" or "Satisfaction".
            self.scale, self.how, self._judged = "good-bad", "values", True
        if values.dtype.is_numeric():
            numbers = values.cast(pl.Float64)
        else:
            text = values.cast(pl.String).str.strip_chars()
            digits = text.str.extract(r"([+-]?\d+(?:[.,]\d+)?)", 1).str.replace(",", ".").cast(pl.Float64, strict=False)
            stars = text.str.count_matches("★").cast(pl.Float64)
            numbers = pl.select(pl.when(pl.lit(digits).is_not_null()).then(pl.lit(digits)).when(pl.lit(stars) > 0).then(pl.lit(stars))).to_series()
            empty = text.fill_null("").str.len_chars() == 0
            if self.scale == "good-bad":
                rated = words.replace_strict(_RATINGS, default=None, return_dtype=pl.Float64)
                numbers = pl.select(pl.coalesce(pl.lit(rated), pl.lit(numbers))).to_series()
                empty = empty | words.is_in(_UNRATED).fill_null(False)
            self.unparsed += int((~empty & numbers.is_null()).sum())
        present = numbers.drop_nulls()
        if self.how in (None, "values") and not self._judged:
            # Until a batch holds scores the scale is provisional (0-10), and the next batch decides it.
            self.scale, self.how = _scale_from_values(numbers), "values"
            self._range = (present.min(), present.max()) if len(present) else None
        self._judged = self._judged or bool(len(present))
        low, high = SCALES[self.scale]
        outside = numbers.is_not_null() & ((numbers < low) | (numbers > high))
        self.out_of_range += int(outside.sum())
        return pl.select(pl.when(~pl.lit(outside)).then(pl.lit(numbers))).to_series()

    @property
    def guess(self) -> str | None:
        """A warning when the scale was taken from the values. --score-scale and a name that says
        NPS or CSAT are not guesses, and warning about them on every run would only train people
        to skip warnings; a range of numbers or a column of words is one."""
        if self.how != "values":
            return None
        fix = f"set --score-scale ({', '.join(SCALES)}) if that is wrong"
        if self.scale == "good-bad":
            return f"{self.column!r} read as good/bad ratings (good 1, bad 0, offered/unoffered empty): {fix}"
        if self._range is None:
            return f"{self.column!r} has no scores in the first batch; taken as {self.scale}: {fix}"
        low, high = self._range
        return f"{self.column!r} read on the {self.scale} scale, guessed from its values ({low:g} to {high:g} in the first batch): {fix}"


def _are_ratings(words: pl.Series) -> bool:
    present = words.drop_nulls()
    present = present.filter(present != "")
    if present.is_empty():
        return False
    known = present.is_in([*_RATINGS, *_UNRATED]).sum()
    return known / len(present) >= _WORDS_SHARE


def _scale_from_values(numbers: pl.Series) -> str:
    present = numbers.drop_nulls()
    if present.is_empty():
        return "0-10"
    low, high = present.min(), present.max()
    if high <= 5 and low >= 1:
        return "1-5"
    if high <= 10:
        return "0-10" if low < 1 else "1-10"
    return "0-100"
