"""CSV and TSV exports, streamed (reads files; yields the user's columns as text).

Every value is kept as the text it was, so writing it back changes nothing:
"007" stays "007", "1,5" stays "1,5". Python's csv module does the parsing: it
handles quoted fields with embedded newlines, NUL bytes and doubled quotes the
way Excel writes them, and lets us read in batches with flat memory.
"""

from __future__ import annotations

import csv
import io
import sys
from pathlib import Path
from typing import Iterator

import polars as pl

from voc.core.errors import InputError
from voc.read.encoding import check_encoding_name, detect_encoding
from voc.read.source import Source

csv.field_size_limit(sys.maxsize)  # a 1 MB comment is a real (pasted) comment

DELIMITERS = (",", ";", "\t", "|")
_SNIFF_CHARS = 64 * 1024
_SNIFF_RECORDS = 200


class DelimitedSource(Source):
    def __init__(
        self,
        path: Path,
        name: str,
        *,
        encoding: str | None = None,
        delimiter: str | None = None,
        tabbed: bool = False,
    ) -> None:
        super().__init__(path, name)
        if path.stat().st_size == 0:
            raise InputError("the file is empty: export it again with a header row")
        self.encoding = check_encoding_name(encoding) if encoding else detect_encoding(path)
        sample = self._sample()
        if delimiter is not None:
            if delimiter in ("\\t", "tab"):
                delimiter = "\t"
            if len(delimiter) != 1:
                raise InputError(f"--delimiter must be one character, got {delimiter!r}")
            self.delimiter = delimiter
        else:
            self.delimiter = sniff_delimiter(sample, preferred="\t" if tabbed else ",")
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
        with open(self.path, "rb") as self._binary:
            text = io.TextIOWrapper(self._binary, encoding=self.encoding, newline="")
            reader = csv.reader(text, delimiter=self.delimiter)
            try:
                next(reader)  # header, already parsed
                rows: list[list[str | None]] = []
                yielded = False
                for record in reader:
                    if not record:
                        continue  # a blank line is not a record
                    if len(record) != width:
                        if len(record) > width:
                            raise InputError(
                                f"line {reader.line_num} has {len(record)} fields but the header has {width}: "
                                f"check the delimiter (voc read {_show(self.delimiter)}; set it with --delimiter) "
                                "or quote fields that contain it"
                            )
                        record = record + [None] * (width - len(record))
                        padded += 1
                    rows.append(record)
                    if len(rows) == size:
                        yield self._frame(rows)
                        rows, yielded = [], True
                if rows or not yielded:  # a header-only file still has its columns
                    yield self._frame(rows)
            except UnicodeDecodeError:
                raise InputError(
                    f"not valid {self.encoding} near line {reader.line_num + 1}: "
                    "pass the file's encoding with --encoding (e.g. cp1250, cp1251, cp1252)"
                ) from None
            except csv.Error as exc:
                raise InputError(f"line {reader.line_num}: {exc}: fix the quoting or pass --delimiter") from None
        if padded:
            self.notes.append(f"{padded} row(s) had fewer fields than the header; the missing fields were left empty")

    def _frame(self, rows: list[list[str | None]]) -> pl.DataFrame:
        columns = list(zip(*rows)) if rows else [()] * len(self.header)
        frame = pl.DataFrame({name: pl.Series(name, values, dtype=pl.String) for name, values in zip(self.header, columns)})
        # CSV cannot tell an empty field from a missing one; null writes back as the same empty field.
        return frame.with_columns(pl.when(pl.col(c) != "").then(pl.col(c)).alias(c) for c in self.header)


def sniff_delimiter(sample: str, preferred: str = ",") -> str:
    """Pick the delimiter that splits the first records most consistently.

    A delimiter wins when the header splits into more than one field and most
    records have as many fields as the header; commas inside Italian or Polish
    prose then lose to the semicolons that really separate the columns.
    """
    lines = sample.splitlines(keepends=True)
    if len(sample) >= _SNIFF_CHARS and len(lines) > 1:
        lines = lines[:-1]  # the last line may be cut in the middle
    body = "".join(lines)
    best, best_key = preferred, None
    for candidate in DELIMITERS:
        try:
            counts = [len(r) for r, _ in zip(csv.reader(io.StringIO(body), delimiter=candidate), range(_SNIFF_RECORDS)) if r]
        except csv.Error:
            continue
        if not counts:
            continue
        header = counts[0]
        consistent = sum(1 for c in counts if c == header) / len(counts)
        key = (header > 1, round(consistent, 2), candidate == preferred, header)
        if best_key is None or key > best_key:
            best, best_key = candidate, key
    return best


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
