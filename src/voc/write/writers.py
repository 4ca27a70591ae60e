"""Row writers for csv, tsv, jsonl, parquet and xlsx, fed batch by batch.

Each writer takes output frames (the user's columns, then voc's) one batch at
a time, so memory stays flat; the first batch fixes the columns. A file target
is written atomically (see atomic.py); without a target, rows stream to
standard output as they are ready.

List columns (topics) are ";"-joined in csv/tsv/xlsx and stay lists in
jsonl/parquet, as the contract says. Text cells in csv/tsv/xlsx pass the
formula guard (safety.py).
"""

from __future__ import annotations

import io
import json
import os
import sys
from pathlib import Path
from contextlib import contextmanager
from typing import BinaryIO, Iterator

import polars as pl

from voc.core.errors import UsageError
from voc.write.atomic import AtomicFile
from voc.write.safety import guard_frame, guard_value

OUTPUT_FORMATS = ("csv", "tsv", "jsonl", "parquet", "xlsx")
_BY_EXTENSION = {".csv": "csv", ".tsv": "tsv", ".txt": "tsv", ".jsonl": "jsonl", ".ndjson": "jsonl",
                 ".parquet": "parquet", ".pq": "parquet", ".xlsx": "xlsx"}  # fmt: skip
LIST_SEPARATOR = ";"
DATETIME_FORMAT = "%Y-%m-%dT%H:%M:%S"
XLSX_MAX_ROWS = 1_048_576
XLSX_MAX_CHARS = 32_767


def output_format(target: str | None, declared: str | None) -> str:
    if declared:
        if declared not in OUTPUT_FORMATS:
            raise UsageError(f"unknown --format {declared!r}: use one of {', '.join(OUTPUT_FORMATS)}")
        return declared
    if target is None or target == "-":
        return "csv"
    fmt = _BY_EXTENSION.get(Path(target).suffix.lower())
    if fmt is None and is_special(target):
        return "csv"  # /dev/null, /dev/stdout, a named pipe: no extension to go by; discarded or streamed as CSV
    if fmt is None:
        raise UsageError(
            f"cannot tell the output format from {Path(target).name!r}: "
            f"end the name in .csv, .tsv, .jsonl, .parquet or .xlsx, or pass --format"
        )
    return fmt


class Writer:
    """Base writer: subclasses implement ``_write`` (and ``_finish`` if they buffer)."""

    def __init__(self, stream: BinaryIO, *, guard: bool = True) -> None:
        self.stream = stream
        self.guard = guard
        self.rows = 0
        self.truncated = 0

    def write(self, frame: pl.DataFrame) -> None:
        self._write(frame)
        self.rows += frame.height

    def finish(self) -> None:
        self.stream.flush()

    def abort(self) -> None:
        """Release what a failed run holds; the stream itself is discarded by the caller."""

    def _write(self, frame: pl.DataFrame) -> None:  # pragma: no cover - abstract
        raise NotImplementedError


class DelimitedWriter(Writer):
    def __init__(self, stream: BinaryIO, *, separator: str, excel: bool = False, guard: bool = True) -> None:
        super().__init__(stream, guard=guard)
        self.separator = separator
        self.excel = excel
        self.header_written = False

    def _write(self, frame: pl.DataFrame) -> None:
        frame = flatten(frame)
        if self.guard:
            frame = guard_frame(frame)
        # CSV has one empty cell for "" and null; polars would write "" as a quoted pair.
        text = [c for c, t in frame.schema.items() if t == pl.String]
        frame = frame.with_columns(pl.when(pl.col(c) != "").then(pl.col(c)).alias(c) for c in text)
        buffer = io.BytesIO()
        frame.write_csv(
            buffer,
            include_header=not self.header_written,
            separator=self.separator,
            line_terminator="\r\n" if self.excel else "\n",
            datetime_format=DATETIME_FORMAT,
            quote_style="necessary",
        )
        if not self.header_written and self.excel:
            self.stream.write("\ufeff".encode())  # Excel reads UTF-8 only with a BOM
        self.header_written = True
        self.stream.write(buffer.getvalue())


class JsonLinesWriter(Writer):
    def _write(self, frame: pl.DataFrame) -> None:
        dates = [c for c, t in frame.schema.items() if isinstance(t, pl.Datetime)]
        if dates:
            frame = frame.with_columns(pl.col(c).dt.strftime(DATETIME_FORMAT) for c in dates)
        buffer = io.BytesIO()
        frame.write_ndjson(buffer)
        self.stream.write(buffer.getvalue())


class ParquetWriter(Writer):
    def __init__(self, stream: BinaryIO, *, guard: bool = True) -> None:
        super().__init__(stream, guard=guard)
        self._writer = None

    def _write(self, frame: pl.DataFrame) -> None:
        import pyarrow.parquet as pq

        table = frame.to_arrow()
        if self._writer is None:
            self._writer = pq.ParquetWriter(self.stream, table.schema, compression="zstd")
        else:
            table = table.cast(self._writer.schema)
        self._writer.write_table(table)

    def finish(self) -> None:
        if self._writer is not None:
            self._writer.close()
        super().finish()

    def abort(self) -> None:
        if self._writer is not None:
            try:
                self._writer.close()
            except (OSError, ValueError):
                pass
            self._writer = None


class ExcelWriter(Writer):
    def __init__(self, stream: BinaryIO, *, guard: bool = True) -> None:
        super().__init__(stream, guard=guard)
        import xlsxwriter

        self.book = xlsxwriter.Workbook(
            stream,
            {
                "constant_memory": True,  # rows go to disk as written: flat memory
                "strings_to_numbers": False,
                "strings_to_formulas": False,
                "strings_to_urls": False,
            },
        )
        self.sheet = self.book.add_worksheet("voc")
        self.date_format = self.book.add_format({"num_format": "yyyy-mm-dd hh:mm"})
        self.header_format = self.book.add_format({"bold": True})
        self.next_row = 0

    def _write(self, frame: pl.DataFrame) -> None:
        frame = flatten(frame)
        if self.next_row + frame.height + (self.next_row == 0) > XLSX_MAX_ROWS:
            raise UsageError(
                f"more than {XLSX_MAX_ROWS - 1:,} rows do not fit in an Excel sheet: write .csv or .parquet instead"
            )
        if self.next_row == 0:
            for col, name in enumerate(frame.columns):
                self.sheet.write_string(0, col, guard_value(name) if self.guard else name, self.header_format)
            self.sheet.freeze_panes(1, 0)
            self.next_row = 1
        for values in frame.iter_rows():
            for col, value in enumerate(values):
                self._cell(self.next_row, col, value)
            self.next_row += 1

    def _cell(self, row: int, col: int, value: object) -> None:
        if value is None:
            return
        if isinstance(value, str):
            if len(value) > XLSX_MAX_CHARS:
                value = value[:XLSX_MAX_CHARS]
                self.truncated += 1
            self.sheet.write_string(row, col, guard_value(value) if self.guard else value)
        elif isinstance(value, bool):
            self.sheet.write_boolean(row, col, value)
        elif isinstance(value, (int, float)):
            if value != value or value in (float("inf"), float("-inf")):
                self.sheet.write_string(row, col, str(value))
            else:
                self.sheet.write_number(row, col, value)
        elif hasattr(value, "year"):
            self.sheet.write_datetime(row, col, value, self.date_format)
        else:
            self.sheet.write_string(row, col, str(value))

    def finish(self) -> None:
        if self.next_row == 0:
            self._write(pl.DataFrame())
        self.book.close()
        super().finish()


def flatten(frame: pl.DataFrame) -> pl.DataFrame:
    """Lists become ";"-joined text and other nested values JSON text, for flat formats."""
    exprs = []
    for name, dtype in frame.schema.items():
        if isinstance(dtype, (pl.List, pl.Array)) and dtype.inner == pl.String:
            exprs.append(pl.col(name).list.join(LIST_SEPARATOR))
        elif isinstance(dtype, (pl.List, pl.Array, pl.Struct)):
            exprs.append(pl.col(name).map_elements(_json, return_dtype=pl.String))
        elif dtype == pl.Binary:
            exprs.append(pl.col(name).bin.encode("base64"))
    return frame.with_columns(exprs) if exprs else frame


def _json(value: object) -> str:
    return json.dumps(value, ensure_ascii=False, default=str)


def is_special(target: str) -> bool:
    """True for an existing path that is not a regular file (a device such as /dev/null, a named pipe)."""
    path = Path(target)
    return path.exists() and not path.is_file() and not path.is_dir()


def discards(target: str | None) -> bool:
    """-o /dev/null: the rows are not wanted (a cron job that only fills the --store)."""
    return target is not None and target != "-" and Path(target).exists() and os.path.samefile(target, os.devnull)


class DiscardWriter(Writer):
    """Counts rows and writes nothing: formatting a million rows for /dev/null is wasted work."""

    def __init__(self) -> None:
        super().__init__(io.BytesIO(), guard=False)

    def _write(self, frame: pl.DataFrame) -> None:
        pass


@contextmanager
def open_writer(target: str | None, fmt: str, *, excel: bool = False, guard: bool = True) -> Iterator[Writer]:
    """``with open_writer(path, "csv") as w: w.write(frame)``: whole file on success, nothing on failure."""
    if discards(target):
        yield DiscardWriter()
        return
    with _open_writer(target, fmt, excel=excel, guard=guard) as writer:
        yield writer


@contextmanager
def _open_writer(target: str | None, fmt: str, *, excel: bool = False, guard: bool = True) -> Iterator[Writer]:
    path = None if target in (None, "-") else Path(target)
    atomic: AtomicFile | None = None
    buffer: io.BytesIO | None = None
    special: BinaryIO | None = None
    if path is not None:
        if path.is_dir():
            raise UsageError(f"-o {path} is a folder: name a file such as {path / 'results.csv'}")
        if str(path.parent) and not path.parent.exists():
            raise UsageError(f"the folder of -o {path} does not exist: create it first")
        if path.exists() and not path.is_file():
            # /dev/null, a named pipe, /dev/stdout: write into it; renaming over it would replace the device.
            stream = special = open(path, "wb")  # noqa: SIM115 - closed below
            if fmt in ("xlsx", "parquet"):
                stream = buffer = io.BytesIO()  # not seekable either
        else:
            atomic = AtomicFile(path)
            stream: BinaryIO = atomic.stream
    elif fmt in ("xlsx", "parquet"):
        # Zip and Parquet footers need a seekable file; standard output is not one.
        stream = buffer = io.BytesIO()
    else:
        stream = sys.stdout.buffer
    writer = _make(fmt, stream, excel=excel, guard=guard)
    try:
        yield writer
        writer.finish()
        if buffer is not None:
            sink = special if special is not None else sys.stdout.buffer
            sink.write(buffer.getvalue())
            sink.flush()
        if atomic is not None:
            atomic.commit()
    except BaseException:
        writer.abort()
        if atomic is not None:
            atomic.abort()
        raise
    finally:
        if special is not None:
            special.close()


def _make(fmt: str, stream: BinaryIO, *, excel: bool, guard: bool) -> Writer:
    if fmt == "csv":
        return DelimitedWriter(stream, separator=",", excel=excel, guard=guard)
    if fmt == "tsv":
        return DelimitedWriter(stream, separator="\t", excel=excel, guard=guard)
    if fmt == "jsonl":
        return JsonLinesWriter(stream, guard=guard)
    if fmt == "parquet":
        return ParquetWriter(stream, guard=guard)
    return ExcelWriter(stream, guard=guard)
