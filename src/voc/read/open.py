"""Opening inputs (read step): each path (or "-") to the reader of its format, all of them as one `InputTable`.

The readers (delimited.py, jsonrows.py, parquet.py, excel.py) build on source.py;
this module picks among them, so source.py never imports a reader.
"""

from __future__ import annotations

import shutil
import sys
from pathlib import Path

from voc.core.errors import InputError
from voc.read.sniff import format_of
from voc.read.source import STDIN, InputTable, ReadOptions, Source


def open_inputs(paths: list[str], options: ReadOptions, workdir: Path) -> InputTable:
    """Open every input; ``workdir`` is a private folder for spooled standard input."""
    if paths.count(STDIN) > 1:
        raise InputError("standard input (-) can be read only once: name it once")
    sources = [open_source(p, options, workdir) for p in paths]
    names = [s.name for s in sources]
    if len(set(names)) < len(names):
        # Two files with one name in different folders: ids must still be unique.
        for s in sources:
            s.name = str(s.path)
    return InputTable(sources)


def open_source(raw: str, options: ReadOptions, workdir: Path) -> Source:
    if raw == STDIN:
        path, name = _spool_stdin(workdir), "stdin"
    else:
        path, name = Path(raw), Path(raw).name
        if not path.exists():
            raise InputError("file not found: check the path", path=raw)
        if path.is_dir():
            raise InputError("is a folder, not a file: name the export file(s) inside it", path=raw)
    fmt = format_of(path, options.input_format)
    display = raw if raw != STDIN else "standard input"
    try:
        source = _reader(fmt, path, name, options)
    except InputError as exc:
        exc.path = display
        raise
    except PermissionError:
        raise InputError("permission denied: check the file's permissions", path=display) from None
    source.display = display
    return source


def _reader(fmt: str, path: Path, name: str, options: ReadOptions) -> Source:
    if fmt in ("csv", "tsv"):
        from voc.read.delimited import DelimitedSource

        return DelimitedSource(path, name, encoding=options.encoding, delimiter=options.delimiter, tabbed=fmt == "tsv",
                               on_bad_lines=options.on_bad_lines)  # fmt: skip
    if fmt in ("jsonl", "json"):
        from voc.read.jsonrows import JsonSource

        return JsonSource(path, name, lines=fmt == "jsonl", on_bad_lines=options.on_bad_lines)
    if fmt == "parquet":
        from voc.read.parquet import ParquetSource

        return ParquetSource(path, name)
    from voc.read.excel import ExcelSource

    return ExcelSource(path, name, sheet=options.sheet)


def _spool_stdin(workdir: Path) -> Path:
    """Copy standard input to a private file so every reader can seek and sniff it."""
    if sys.stdin is None or sys.stdin.isatty():
        raise InputError("no data on standard input: pipe an export into voc (voc analyze - < export.csv)")
    target = workdir / "stdin"
    with open(target, "wb") as out:
        shutil.copyfileobj(sys.stdin.buffer, out, 1 << 20)
    return target
