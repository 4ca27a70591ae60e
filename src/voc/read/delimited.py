"""CSV and TSV exports, streamed (reads files; yields the user's columns as text).

Every value is kept as the text it was, so writing it back changes nothing:
"007" stays "007", "1,5" stays "1,5". Python's csv module does the parsing: it
handles quoted fields with embedded newlines, NUL bytes and doubled quotes the
way Excel writes them, and lets us read in batches with flat memory.

A record with more fields than the header stops the run with its line number,
or with `--on-bad-lines skip` is set aside (voc.read.rejects) and reading goes
on. The delimiter is sniffed, or checked when given, by voc.read.delimiters.
"""

from __future__ import annotations

import csv
import io
import sys
from pathlib import Path
from typing import Iterator

import polars as pl

from voc.core.errors import InputError
from voc.read.delimiters import check_given, guess_note, sniff_delimiter
from voc.read.encoding import check_encoding_name, detect_encoding
from voc.read.rejects import Rejects
from voc.read.source import Source

csv.field_size_limit(sys.maxsize)  # a 1 MB comment is a real (pasted) comment

_SNIFF_CHARS = 64 * 1024


class DelimitedSource(Source):
    def __init__(
        self,
        path: Path,
        name: str,
        *,
        encoding: str | None = None,
        delimiter: str | None = None,
        tabbed: bool = False,
        on_bad_lines: str = "error",
    ) -> None:
        super().__init__(path, name)
        self.on_bad_lines = on_bad_lines
        self.rejects = Rejects()  # filled when a pass over the file ends
        self.skipped = 0
        if path.stat().st_size == 0:
            raise InputError("the file is empty: export it again with a header row")
        self.encoding = check_encoding_name(encoding) if encoding else detect_encoding(path)
        sample = self._sample()
        if delimiter is not None:
            if delimiter in ("\\t", "tab"):
                delimiter = "\t"
            if len(delimiter) != 1:
                raise InputError(f"--delimiter must be one character, got {delimiter!r}")
            check_given(delimiter, sample)
            self.delimiter = delimiter
        else:
            self.delimiter = sniff_delimiter(sample, preferred="\t" if tabbed else ",")
            note = guess_note(self.delimiter, sample)
            if note:
                self.notes.append(note)
        try:
            # newline="": the csv module reads "\r", "\n" and "\r\n" endings itself, as in batches().
            self.header = _unique_names(next(csv.reader(io.StringIO(sample, newline=""), delimiter=self.delimiter), []))
        except csv.Error as exc:
            raise InputError(f"the header line cannot be read ({exc}): fix its quoting or pass --delimiter") from None
        if not self.header:
            raise InputError("the first line is empty: the file needs a header row naming its columns")
        self.schema = {name: pl.String for name in self.header}
        self._binary = None

    def _sample(self) -> str:
        with open(self.path, "rb") as fh:
            raw = fh.read(_SNIFF_CHARS * 4)
        text = raw.decode(self.encoding, errors="replace")
        return text.lstrip("\ufeff")

    def bytes_read(self) -> int:
        return self._binary.tell() if self._binary is not None and not self._binary.closed else 0

    def batches(self, size: int) -> Iterator[pl.DataFrame]:
        width = len(self.header)
        padded = 0
        skipping = self.on_bad_lines == "skip"
        # This pass's bad lines: a peek at the first rows may run a pass of its own meanwhile.
        rejects = Rejects()
        with open(self.path, "rb") as self._binary:
            text = io.TextIOWrapper(self._binary, encoding=self.encoding, newline="")
            # Only when skipping: keep each record's raw lines for the rejects file (it costs a Python call per line).
            tape = _Tape(text) if skipping else None
            reader = csv.reader(tape if tape is not None else text, delimiter=self.delimiter)
            try:
                next(reader)  # header, already parsed
                if tape is not None:
                    tape.take()
                rows: list[list[str | None]] = []
                yielded = False
                before = reader.line_num  # lines read before the current record: its first line is before + 1
                while True:  # the csv reader goes on with the next record after one it cannot parse
                    try:
                        for record in reader:
                            if len(record) != width:
                                if len(record) > width:
                                    raise _TooLong(f"has {len(record)} fields but the header has {width}")
                                if not record:  # a blank line is not a record
                                    before = reader.line_num
                                    if tape is not None:
                                        tape.take()
                                    continue
                                record = record + [None] * (width - len(record))
                                padded += 1
                            before = reader.line_num
                            if tape is not None:
                                tape.take()
                            rows.append(record)
                            if len(rows) == size:
                                yield self._frame(rows, rejects)
                                rows, yielded = [], True
                        break
                    except (_TooLong, csv.Error) as exc:
                        if not skipping:
                            raise self._bad_line(before + 1, exc) from None
                        if rows:  # rows before a skipped line go out first, so every batch's rows are consecutive
                            yield self._frame(rows, rejects)
                            rows, yielded = [], True
                        rejects.add(before + 1, tape.take())
                        before = reader.line_num
                if rows or not yielded:  # a header-only file still has its columns
                    yield self._frame(rows, rejects)
            except UnicodeDecodeError:
                raise InputError(
                    f"not valid {self.encoding} near line {reader.line_num + 1}: "
                    "pass the file's encoding with --encoding (e.g. cp1250, cp1251, cp1252)"
                ) from None
        self.rejects = rejects  # a pass that read the whole file: its bad lines are the file's
        if padded:
            self.notes.append(f"{padded} row(s) had fewer fields than the header; the missing fields were left empty")

    def _bad_line(self, line: int, exc: Exception) -> InputError:
        if isinstance(exc, csv.Error):
            return InputError(f"line {line}: {exc}: fix the quoting, pass --delimiter, or pass --on-bad-lines skip")
        return InputError(
            f"line {line} {exc}: check the delimiter (voc read {_show(self.delimiter)}; set it with --delimiter), "
            "quote fields that contain it, or pass --on-bad-lines skip"
        )

    def _frame(self, rows: list[list[str | None]], rejects: Rejects) -> pl.DataFrame:
        self.skipped = rejects.count  # bad lines before these rows: InputTable numbers the rows after them
        columns = list(zip(*rows)) if rows else [()] * len(self.header)
        frame = pl.DataFrame({name: pl.Series(name, values, dtype=pl.String) for name, values in zip(self.header, columns)})
        # CSV cannot tell an empty field from a missing one; null writes back as the same empty field.
        return frame.with_columns(pl.when(pl.col(c) != "").then(pl.col(c)).alias(c) for c in self.header)


class _TooLong(Exception):
    """A record with more fields than the header."""


class _Tape:
    """The lines the csv reader pulls, held until taken: the raw text of the record just read."""

    def __init__(self, lines: Iterator[str]) -> None:
        self.lines = lines
        self.held: list[str] = []

    def __iter__(self) -> "_Tape":
        return self

    def __next__(self) -> str:
        line = next(self.lines)
        self.held.append(line)
        return line

    def take(self) -> str:
        raw = "".join(self.held)
        self.held.clear()
        return raw


def _unique_names(names: list[str]) -> list[str]:
    """Name blank header cells and make repeated names unique, as spreadsheets do."""
    out: list[str] = []
    seen: set[str] = set()
    for i, name in enumerate(names, start=1):
        name = name.strip("\ufeff") or f"column_{i}"
        candidate, n = name, 2
        while candidate in seen:
            candidate, n = f"{name}_{n}", n + 1
        seen.add(candidate)
        out.append(candidate)
    return out


def _show(delimiter: str) -> str:
    return {"\t": "tab", ",": "comma", ";": "semicolon", "|": "pipe"}.get(delimiter, repr(delimiter))
