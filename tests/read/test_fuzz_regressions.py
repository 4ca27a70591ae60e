"""Files that crashed a reader under scripts/fuzz_readers.py, kept so they never crash again.

Each must either read with every row kept, or fail with a VocError (one clear line).
"""

from __future__ import annotations

import pytest

from voc.core.console import Console
from voc.core.errors import VocError
from voc.read import FieldSpec, Fields, open_inputs
from voc.read.source import ReadOptions

CRASHES = {
    # Old Mac line endings ("\r" alone) in the header: the header was parsed in
    # universal-newline mode and the csv module refused the "\r" (_csv.Error).
    "cr-line-endings": (
        "",
        b'""|comment|date|NPS\r"n/a"|"x\ty"|"\xc3\xa9"|\xf0\xa4\x9f\x8ecRC\xc2\x85|g\xc3\x936\xc2\xb7\xc3\x87\xc2\x90\xc2\xae'
        b'\xf2\xa8\x92\x8ej\xf0\xa5\xb7~\x8dwr\r"line\nbreak"|"\xf0\x9f\x99\x82"',
    ),
}


def read_all(path, workdir) -> tuple[int, int]:
    table = open_inputs([str(path)], ReadOptions(), workdir)
    fields = Fields(FieldSpec(), table.columns, Console(quiet=True))
    rows_in = rows_out = 0
    for batch in table.batches(7):
        rows_in += batch.frame.height
        rows_out += fields.working(batch).height
    return rows_in, rows_out


@pytest.mark.parametrize("name", sorted(CRASHES))
def test_a_fuzzed_file_reads_or_fails_cleanly(name, tmp_path):
    suffix, data = CRASHES[name]
    path = tmp_path / f"export{suffix}"
    path.write_bytes(data)
    try:
        rows_in, rows_out = read_all(path, tmp_path)
    except VocError:
        return
    assert rows_in == rows_out


def test_carriage_return_line_endings_read_as_lines(tmp_path):
    path = tmp_path / "mac.csv"
    path.write_bytes(b"id,comment\r1,late again\r2,\"two\rlines\"\r")
    table = open_inputs([str(path)], ReadOptions(), tmp_path)
    frame = next(iter(table.batches(10))).frame
    assert table.columns == ["id", "comment"]
    assert frame["comment"].to_list() == ["late again", "two\rlines"]
