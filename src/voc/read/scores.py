"""Parse the --score-col into `voc_score` and name its scale in `voc_score_scale`.

Scores arrive as numbers, as text ("9", "4,5", "4/5", "9 - very likely") or
as stars ("★★★★☆"). The scale matters downstream (NPS is computed on 0-10,
CSAT on 1-5) and is decided once: `--score-scale`, else the column's name
(NPS, CSAT, stars), else the range of the first batch of values.
"""

from __future__ import annotations

import re

import polars as pl

SCALES = {"0-10": (0.0, 10.0), "1-5": (1.0, 5.0), "1-10": (1.0, 10.0), "0-100": (0.0, 100.0)}
_NAME_HINTS = (
    (re.compile(r"\bnps\b|recommend|raccomand|polec|рекоменд", re.I), "0-10"),
    (re.compile(r"csat|star|stell|gwiazd|звезд|звёзд", re.I), "1-5"),
)


class ScoreParser:
    def __init__(self, column: str, scale: str = "auto") -> None:
        if scale != "auto" and scale not in SCALES:
            raise ValueError(f"unknown score scale {scale!r}: use auto, {', '.join(SCALES)}")
        self.column = column
        self.scale: str | None = None if scale == "auto" else scale
        if self.scale is None:
            for pattern, hinted in _NAME_HINTS:
                if pattern.search(column):
                    self.scale = hinted
                    break
        self.unparsed = 0
        self.out_of_range = 0

    def __call__(self, values: pl.Series) -> pl.Series:
        if values.dtype.is_numeric():
            numbers = values.cast(pl.Float64)
        else:
            text = values.cast(pl.String).str.strip_chars()
            digits = text.str.extract(r"([+-]?\d+(?:[.,]\d+)?)", 1).str.replace(",", ".").cast(pl.Float64, strict=False)
            stars = text.str.count_matches("★").cast(pl.Float64)
            numbers = pl.select(pl.when(pl.lit(digits).is_not_null()).then(pl.lit(digits)).when(pl.lit(stars) > 0).then(pl.lit(stars))).to_series()
            self.unparsed += int(((text.str.len_chars() > 0) & numbers.is_null()).sum())
        if self.scale is None:
            self.scale = _scale_from_values(numbers)
        low, high = SCALES[self.scale]
        outside = numbers.is_not_null() & ((numbers < low) | (numbers > high))
        self.out_of_range += int(outside.sum())
        return pl.select(pl.when(~pl.lit(outside)).then(pl.lit(numbers))).to_series()


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
