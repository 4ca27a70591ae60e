"""Excel workbooks (xlsx, xlsm, xls, ods): the first sheet or --sheet NAME (yields the user's columns).

A workbook has to be read whole (its rows live in one compressed XML part),
so this is the one reader without flat memory; Excel's own limit of about a
million rows bounds it.

Excel keeps every number as a float; a column of whole numbers (ids, 0-10
scores) is read as integers so that 10 is written back as "10", not "10.0".
"""

from __future__ import annotations

from pathlib import Path
from typing import Iterator

import polars as pl

from voc.core.errors import InputError
from voc.read.source import Source


class ExcelSource(Source):
    def __init__(self, path: Path, name: str, *, sheet: str | None = None) -> None:
        super().__init__(path, name)
        import fastexcel

        try:
            reader = fastexcel.read_excel(str(path))
        except (fastexcel.FastExcelError, OSError) as exc:
            raise InputError(
                f"not a readable Excel workbook ({type(exc).__name__}): save it again as .xlsx, or as CSV"
            ) from None
        sheets = reader.sheet_names
        if sheet is not None and sheet not in sheets:
            raise InputError(f"no sheet named {sheet!r}: the workbook has {', '.join(map(repr, sheets))}")
        self.sheet = sheet if sheet is not None else sheets[0]
        try:
            # "coerce" turns a column mixing numbers and text into text instead of failing.
            frame = reader.load_sheet(self.sheet, dtype_coercion="coerce").to_polars()
        except fastexcel.FastExcelError as exc:
            raise InputError(f"sheet {self.sheet!r} could not be read ({type(exc).__name__}): check its header row") from None
        frame = frame.rename({c: f"column_{i}" for i, c in enumerate(frame.columns, 1) if c.startswith("__UNNAMED__")})
        frame = frame.with_columns(pl.col(c).cast(pl.String) for c, t in frame.schema.items() if t == pl.Null)
        self._frame = frame.with_columns(pl.col(c).cast(pl.Int64) for c in _whole_number_columns(frame))
        self.schema = dict(self._frame.schema)
        self._done = False

    def bytes_read(self) -> int:
        return self.size if self._done else 0

    def batches(self, size: int) -> Iterator[pl.DataFrame]:
        if self._frame.height == 0:
            yield self._frame
        for offset in range(0, self._frame.height, size):
            yield self._frame.slice(offset, size)
        self._done = True


def _whole_number_columns(frame: pl.DataFrame) -> list[str]:
    """Float columns holding only whole numbers. Excel stores every number as a float, so an id of 7
    or a score of 10 would be written back as "7.0" and "10.0"; a column with any fraction is left alone."""
    out = []
    for name, dtype in frame.schema.items():
        if dtype not in (pl.Float64, pl.Float32):
            continue
        present = frame.get_column(name).drop_nulls()
        if present.is_empty():
            continue
        if bool(((present == present.round(0)) & (present.abs() < 2**63)).all()):
            out.append(name)
    return out
