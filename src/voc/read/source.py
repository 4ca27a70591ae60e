"""Opening inputs: one `Source` per file (or standard input), read as one table.

A source knows its columns before any row is read (so a streaming writer can
write its header, and an unknown --text-col fails at once) and yields polars
batches of at most ``size`` rows. Several sources form an `InputTable` whose
columns are the union of theirs in first-seen order; a column typed
differently in two files becomes text.
"""

from __future__ import annotations

import tempfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import Iterator

import polars as pl

from voc.core.errors import InputError

STDIN = "-"


# Rows per batch read, analysed and written: memory stays flat whatever the input's size.
DEFAULT_BATCH_SIZE = 5000


@dataclass
class ReadOptions:
    input_format: str | None = None
    encoding: str | None = None
    delimiter: str | None = None
    sheet: str | None = None
    on_bad_lines: str = "error"  # "skip": csv/tsv/jsonl lines that cannot be read are set aside (voc.read.rejects)


class Source:
    """One input. Subclasses fill ``schema`` on open and implement ``batches``."""

    def __init__(self, path: Path, name: str) -> None:
        self.path = path
        self.name = name  # what voc_id and source_file call it
        self.display = str(path)  # how messages name it
        self.schema: dict[str, pl.DataType] = {}
        self.notes: list[str] = []  # warnings found while reading (counts, never text)

    @property
    def size(self) -> int:
        return self.path.stat().st_size

    def batches(self, size: int) -> Iterator[pl.DataFrame]:  # pragma: no cover - abstract
        raise NotImplementedError

    def bytes_read(self) -> int:
        """How far reading has got, for the progress bar."""
        return 0

    def peek(self, rows: int) -> pl.DataFrame:
        """The first ``rows`` rows, to judge columns by what they hold; ``batches`` reads them again later."""
        cached = getattr(self, "_peeked", None)
        if cached is None or getattr(self, "_peeked_rows", 0) < rows:
            self._peeked_rows = rows
            reader = self.batches(rows)
            try:
                cached = next(reader, None)
            except InputError as exc:
                exc.path = exc.path or self.display
                raise
            finally:
                reader.close()
            cached = cached if cached is not None else pl.DataFrame(schema=self.schema)
            self._peeked = cached
        return cached.head(rows)


@dataclass
class Batch:
    source: Source
    frame: pl.DataFrame  # the user's columns, in the table's union schema
    first_row: int  # 1-based number of the batch's first data row within its source


@dataclass
class InputTable:
    sources: list[Source]
    schema: dict[str, pl.DataType] = field(default_factory=dict)
    _done: set[int] = field(default_factory=set)  # sources read to the end

    def __post_init__(self) -> None:
        for source in self.sources:
            for name, dtype in source.schema.items():
                if name not in self.schema:
                    self.schema[name] = dtype
                elif self.schema[name] != dtype:
                    self.schema[name] = pl.String
        for name, dtype in self.schema.items():
            if dtype == pl.Null:
                self.schema[name] = pl.String

    @property
    def columns(self) -> list[str]:
        return list(self.schema)

    @property
    def total_bytes(self) -> int:
        return sum(s.size for s in self.sources)

    def bytes_read(self) -> int:
        # A finished file counts whole: readers report 0 once their file is closed, which ran the
        # progress bar backwards between files and left it at "0.0/52.4 MB".
        return sum(s.size if id(s) in self._done else min(s.bytes_read(), s.size) for s in self.sources)

    def batches(self, size: int) -> Iterator[Batch]:
        for source in self.sources:
            row = 1
            try:
                for frame in source.batches(size):
                    # Skipped bad lines keep their row numbers, so file:row ids match the file.
                    yield Batch(source, _conform(frame, self.schema), row + getattr(source, "skipped", 0))
                    row += frame.height
            except InputError as exc:
                exc.path = exc.path or source.display
                raise
            self._done.add(id(source))


def _conform(frame: pl.DataFrame, schema: dict[str, pl.DataType]) -> pl.DataFrame:
    exprs = []
    for name, dtype in schema.items():
        if name not in frame.columns:
            exprs.append(pl.lit(None, dtype=dtype).alias(name))
        elif frame.schema[name] != dtype:
            exprs.append(_to_type(pl.col(name), frame.schema[name], dtype).alias(name))
        else:
            exprs.append(pl.col(name))
    return frame.select(exprs)


def _to_type(expr: pl.Expr, have: pl.DataType, want: pl.DataType) -> pl.Expr:
    if want == pl.String and isinstance(have, (pl.List, pl.Struct, pl.Array)):
        return expr.map_elements(_json_text, return_dtype=pl.String)
    return expr.cast(want)


def _json_text(value: object) -> str:
    import json

    return json.dumps(value, ensure_ascii=False, default=str)


def private_workdir() -> tempfile.TemporaryDirectory:
    return tempfile.TemporaryDirectory(prefix="voc-")
