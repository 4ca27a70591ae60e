"""JSON Lines and JSON arrays of objects (reads files; yields the user's fields as columns).

Objects in one export do not always share their keys or value types, and a
streaming writer needs every column before the first row. So JSON Lines are
read twice: a first pass collects keys (in first-seen order) and the kind of
values under each; the second pass builds typed batches. A key whose values
mix kinds (a number here, text there) becomes text; nested objects and arrays
are kept as JSON text. A JSON array has to be parsed whole anyway, so it is.
A JSON Lines line that is not a JSON object stops the run with its number, or
with `--on-bad-lines skip` is set aside (voc.read.rejects).
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any, Iterable, Iterator

import polars as pl

from voc.core.errors import InputError
from voc.read.encoding import detect_encoding
from voc.read.rejects import Rejects
from voc.read.source import Source

_DTYPES = {"bool": pl.Boolean, "int": pl.Int64, "float": pl.Float64, "str": pl.String, "json": pl.String, None: pl.String}


class JsonSource(Source):
    def __init__(self, path: Path, name: str, *, lines: bool, on_bad_lines: str = "error") -> None:
        super().__init__(path, name)
        # Only JSON Lines can skip a bad line: a broken JSON array has no lines to skip.
        self.skipping = lines and on_bad_lines == "skip"
        self.rejects = Rejects()  # filled when a pass over the file ends
        self.skipped = 0
        if path.stat().st_size == 0:
            raise InputError("the file is empty: export it again")
        self.lines = lines
        self.encoding = detect_encoding(path)
        self._position = 0
        self._array: list[dict] | None = None
        kinds: dict[str, str | None] = {}
        for _, obj, _ in self._objects():
            if obj is None:
                continue
            for key, value in obj.items():
                kinds[key] = _merge(kinds.get(key), _kind(value)) if key in kinds else _kind(value)
        if not kinds:
            raise InputError("no fields found: each row must be a JSON object with named fields")
        self.kinds = kinds
        self.schema = {key: _DTYPES[kind] for key, kind in kinds.items()}

    def bytes_read(self) -> int:
        return self._position

    def _objects(self) -> Iterator[tuple[int, dict | None, bytes]]:
        """(line number, object, b""); with --on-bad-lines skip, (line number, None, raw line) for a bad line."""
        if not self.lines:
            if self._array is None:
                self._array = self._load_array()
            for i, obj in enumerate(self._array, start=1):
                yield i, obj, b""
            self._position = self.size
            return
        self._position = 0
        with open(self.path, "rb") as fh:
            for number, raw in enumerate(fh, start=1):
                self._position += len(raw)
                problem, obj = _parse(raw, self.encoding)
                if problem == "blank":
                    continue
                if problem and not self.skipping:
                    raise InputError(f"line {number} {problem}, or pass --on-bad-lines skip")
                if problem:
                    yield number, None, raw
                    continue
                yield number, obj, b""

    def _load_array(self) -> list[dict]:
        try:
            data = json.loads(self.path.read_text(encoding=self.encoding).lstrip("\ufeff"))
        except json.JSONDecodeError as exc:
            raise InputError(f"not valid JSON (line {exc.lineno}: {exc.msg}): fix the file or export it again") from None
        if isinstance(data, dict):
            # {"data": [...]} / {"results": [...]}: exports often wrap the array in one key.
            lists = [v for v in data.values() if isinstance(v, list)]
            data = lists[0] if len(lists) == 1 else data
        if not isinstance(data, list) or not all(isinstance(x, dict) for x in data):
            raise InputError("expected a JSON array of objects ([{...}, {...}]) or JSON Lines")
        return data

    def batches(self, size: int) -> Iterator[pl.DataFrame]:
        rows: list[dict] = []
        yielded = False
        # This pass's bad lines: a peek at the first rows may run a pass of its own meanwhile.
        rejects = Rejects()
        for number, obj, raw in self._objects():
            if obj is None:
                if rows:  # rows before a skipped line go out first, so every batch's rows are consecutive
                    yield self._frame(rows, rejects)
                    rows, yielded = [], True
                rejects.add(number, raw.decode(self.encoding, errors="replace"))
                continue
            rows.append(obj)
            if len(rows) == size:
                yield self._frame(rows, rejects)
                rows, yielded = [], True
        if rows or not yielded:
            yield self._frame(rows, rejects)
        self.rejects = rejects  # a pass that read the whole file: its bad lines are the file's

    def _frame(self, rows: Iterable[dict], rejects: Rejects) -> pl.DataFrame:
        self.skipped = rejects.count  # bad lines before these rows: InputTable numbers the rows after them
        rows = list(rows)
        data = {}
        for key, kind in self.kinds.items():
            values = [_convert(row.get(key), kind) for row in rows]
            data[key] = pl.Series(key, values, dtype=_DTYPES[kind])
        return pl.DataFrame(data)


def _parse(raw: bytes, encoding: str) -> tuple[str | None, dict | None]:
    """(what is wrong with the line, or None; the object). "blank" for an empty line."""
    try:
        line = raw.decode(encoding, errors="strict").strip().lstrip("\ufeff")
    except UnicodeDecodeError:
        return f"is not valid {encoding}: fix that line or export the file again as UTF-8", None
    if not line:
        return "blank", None
    try:
        obj = json.loads(line)
    except json.JSONDecodeError as exc:
        return f"is not valid JSON ({exc.msg}): fix that line or export the file again", None
    if not isinstance(obj, dict):
        return 'is not a JSON object: every line must be {"field": value, ...}', None
    return None, obj


def _kind(value: Any) -> str | None:
    if value is None:
        return None
    if isinstance(value, bool):
        return "bool"
    if isinstance(value, int):
        return "int" if -(2**63) <= value < 2**63 else "json"
    if isinstance(value, float):
        return "float"
    if isinstance(value, str):
        return "str"
    return "json"


def _merge(a: str | None, b: str | None) -> str | None:
    if a is None or a == b:
        return b if a is None else a
    if b is None:
        return a
    if {a, b} == {"int", "float"}:
        return "float"
    return "json"


def _convert(value: Any, kind: str | None) -> Any:
    if value is None:
        return None
    if kind == "json":
        return value if isinstance(value, str) else json.dumps(value, ensure_ascii=False)
    if kind == "float":
        return float(value)
    return value
