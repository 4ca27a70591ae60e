"""Parse the --date-col into `voc_date` (the original column is kept as it was).

Exports write dates in many ways: ISO 8601 (with or without time, "T", "Z" or
an offset), day-first as in Italy, Poland and Russia (02/11/2026, 02.11.2026),
month-first as in the US (11/02/2026 3:05 PM), real date cells in Excel and
Parquet, or Excel serial numbers. Whether slashes are day-first is decided
once, on the first batch, from values that can only be one or the other
(13/10 or 10/13); when nothing decides it, day-first wins because three of the
four languages voc serves write dates that way.

`voc_date` is the local wall-clock time the export shows: a UTC offset is
dropped, not applied, so a comment written on Monday 01:00 in Moscow stays on
Monday when weeks are counted.
"""

from __future__ import annotations

import polars as pl

_TIMES = (" %H:%M:%S%.f", " %H:%M:%S", " %H:%M", "")
ISO = tuple(f"%Y{s}%m{s}%d{t}" for s in "-/" for t in _TIMES)
DAY_FIRST = tuple(f"%d{s}%m{s}{y}{t}" for s in "/.-" for y in ("%Y", "%y") for t in _TIMES)
MONTH_FIRST = tuple(
    f"%m{s}%d{s}{y}{t}" for s in "/-" for y in ("%Y", "%y") for t in (" %I:%M:%S %p", " %I:%M %p", *_TIMES)
)
_OFFSET = r"(?:Z|[+-]\d{2}:?\d{2})$"
# Excel serial days: 1982-10-04 .. 2119-01-17 covers every feedback export.
_SERIAL_RANGE = (30000, 80000)


class DateParser:
    def __init__(self, column: str, date_format: str | None = None) -> None:
        self.column = column
        self.formats: tuple[str, ...] | None = (date_format,) if date_format else None
        self.unparsed = 0

    def __call__(self, values: pl.Series) -> pl.Series:
        dtype = values.dtype
        if dtype == pl.Datetime or isinstance(dtype, pl.Datetime):
            out = values.dt.replace_time_zone(None) if getattr(dtype, "time_zone", None) else values
            return out.cast(pl.Datetime("us"))
        if dtype == pl.Date:
            return values.cast(pl.Datetime("us"))
        if dtype.is_numeric():
            return self._serial(values.cast(pl.Float64))
        text = values.cast(pl.String).str.strip_chars()
        text = text.str.replace(r"(\d)T(\d)", "${1} ${2}").str.replace(_OFFSET, "").str.strip_chars()
        if self.formats is None:
            self.formats = ISO + (MONTH_FIRST + DAY_FIRST if _month_first(text) else DAY_FIRST + MONTH_FIRST)
        parsed = pl.select(
            pl.coalesce([pl.lit(text).str.to_datetime(f, strict=False, time_unit="us") for f in self.formats])
        ).to_series()
        self.unparsed += int(((text.str.len_chars() > 0) & parsed.is_null()).sum())
        return parsed.alias(self.column)

    def _serial(self, days: pl.Series) -> pl.Series:
        low, high = _SERIAL_RANGE
        ok = (days >= low) & (days <= high)
        self.unparsed += int((days.is_not_null() & ~ok).sum())
        epoch = pl.datetime(1899, 12, 30, time_unit="us")
        return pl.select(
            pl.when(pl.lit(ok)).then(epoch + pl.duration(microseconds=(pl.lit(days) * 86_400_000_000).round(0).cast(pl.Int64)))
        ).to_series()


def _month_first(text: pl.Series) -> bool:
    """True when slashed dates in this sample can only be month-first."""
    parts = text.str.extract_groups(r"^(\d{1,2})[/.-](\d{1,2})[/.-]\d{2,4}")
    first = parts.struct.field("1").cast(pl.Int32, strict=False)
    second = parts.struct.field("2").cast(pl.Int32, strict=False)
    return int((second > 12).sum()) > int((first > 12).sum())
