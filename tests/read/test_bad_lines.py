"""--on-bad-lines skip: bad lines are set aside with their line numbers, the good rows keep theirs."""

from __future__ import annotations

import csv
import datetime as dt
import io
import os

import polars as pl
import pytest

from voc.core.errors import InputError
from voc.read.rejects import rejects_path, save_rejects
from voc.read.open import open_inputs
from voc.read.source import ReadOptions

# Line 4 has a stray comma (4 fields for a header of 3); line 6 starts a quoted cell that runs over two lines.
ORDERS = (
    "id,comment,score\n"
    "1,Arrived early,9\n"
    "2,Box was dented,4\n"
    "3,Late, but the driver called,6\n"
    "4,Fine,8\n"
    '5,"Two lines\nof praise",10\n'
    "6,Wrong colour,3\n"
)


def read(paths, **options):
    table = open_inputs([str(p) for p in paths], ReadOptions(**options), None)
    batches = list(table.batches(2))
    return table, batches


def test_a_bad_line_stops_the_run_by_default(write):
    with pytest.raises(InputError, match=r"line 4 has 4 fields but the header has 3.*--on-bad-lines skip"):
        read([write("orders.csv", ORDERS)])


def test_skip_keeps_every_good_row_with_its_own_row_number(write):
    table, batches = read([write("orders.csv", ORDERS)], on_bad_lines="skip")
    frame = pl.concat([b.frame for b in batches])
    assert frame["id"].to_list() == ["1", "2", "4", "5", "6"]
    numbers = [b.first_row + i for b in batches for i in range(b.frame.height)]
    assert numbers == [1, 2, 4, 5, 6]  # the skipped row 3 keeps its number: ids match the file
    rejects = table.sources[0].rejects
    assert rejects.count == 1
    assert list(rejects.lines()) == [(4, "3,Late, but the driver called,6")]


def test_the_line_number_is_where_a_multi_line_record_starts(write):
    body = 'id,comment\n1,"first\nsecond",extra\n2,ok\n'
    table, batches = read([write("x.csv", body)], on_bad_lines="skip")
    assert list(table.sources[0].rejects.lines()) == [(2, '1,"first\nsecond",extra')]
    assert pl.concat([b.frame for b in batches])["id"].to_list() == ["2"]


def test_a_second_pass_does_not_count_rejects_twice(write):
    table, _ = read([write("orders.csv", ORDERS)], on_bad_lines="skip")
    source = table.sources[0]
    for _ in range(2):
        list(source.batches(10))
    assert source.rejects.count == 1


def test_a_pass_run_in_the_middle_of_another_does_not_disturb_it(write):
    # Picking the text column peeks at the first rows while the main pass is under way.
    table = open_inputs([str(write("orders.csv", ORDERS))], ReadOptions(on_bad_lines="skip"), None)
    source, main = table.sources[0], table.batches(10)
    head = [next(main), next(main)]  # voc.run reads two batches ahead: past the bad line
    source.peek(3)
    rest = list(main)
    numbers = [b.first_row + i for b in [*head, *rest] for i in range(b.frame.height)]
    assert numbers == [1, 2, 4, 5, 6] and source.rejects.count == 1


def test_json_lines_skip_lines_that_are_not_objects(write):
    body = '{"id": 1, "t": "good"}\n{"id": 2, "t": \n[1, 2]\n\n{"id": 3, "t": "also good"}\n'
    table, batches = read([write("x.jsonl", body)], on_bad_lines="skip")
    frame = pl.concat([b.frame for b in batches])
    assert frame["id"].to_list() == [1, 3]
    assert [b.first_row for b in batches] == [1, 4]
    assert [n for n, _ in table.sources[0].rejects.lines()] == [2, 3]


def test_json_lines_still_stop_by_default(write):
    with pytest.raises(InputError, match=r"line 2 is not valid JSON.*--on-bad-lines skip"):
        read([write("x.jsonl", '{"id": 1}\n{"id": \n')])


def test_rejects_file_is_a_csv_beside_the_output(write, tmp_path):
    table, _ = read([write("orders.csv", ORDERS)], on_bad_lines="skip")
    output = tmp_path / "results.xlsx"
    output.write_bytes(b"written")
    message = save_rejects(table.sources, str(output))
    target = tmp_path / "results.rejected.csv"
    assert message.startswith("1 bad line(s) skipped in ") and str(target) in message
    rows = list(csv.reader(io.StringIO(target.read_text(encoding="utf-8"), newline="")))
    assert rows[0] == ["source", "line", "raw"]
    assert rows[1][1:] == ["4", "3,Late, but the driver called,6"]
    assert not list(tmp_path.glob(".*.part"))  # written through a temporary file


def test_no_rejects_no_file(write, tmp_path):
    table, _ = read([write("clean.csv", "id,comment\n1,ok\n")], on_bad_lines="skip")
    assert save_rejects(table.sources, str(tmp_path / "out.csv")) is None
    assert not list(tmp_path.glob("*rejected*"))


def test_without_a_file_output_the_rejects_go_to_the_current_folder(tmp_path):
    now = dt.datetime(2026, 3, 2, 8, 30, 5)
    for output in (None, "-", os.devnull):
        assert str(rejects_path(output, [], now)) == "voc-rejected-20260302-083005.csv"
    # Never over an input that happens to carry the rejects name.
    out = tmp_path / "out.csv"
    out.write_text("x")
    assert rejects_path(str(out), [tmp_path / "out.rejected.csv"], now).name.startswith("voc-rejected-")


def test_cli_skip_writes_rows_and_rejects_and_warns(voc, write, tmp_path):
    source = write("orders.csv", ORDERS)
    out = tmp_path / "out.csv"
    result = voc("analyze", source, "--on-bad-lines", "skip", "-o", out, "-q")  # the text column is picked by a peek
    assert result.code == 0
    frame = pl.read_csv(out, infer_schema=False)
    assert frame["voc_id"].to_list() == ["orders.csv:1", "orders.csv:2", "orders.csv:4", "orders.csv:5", "orders.csv:6"]
    assert "1 bad line(s) skipped in " in result.stderr and "out.rejected.csv" in result.stderr
    assert (tmp_path / "out.rejected.csv").exists()


def test_cli_refuses_an_unknown_choice(voc, write):
    result = voc("analyze", write("orders.csv", ORDERS), "--on-bad-lines", "ignore")
    assert result.code == 2 and "--on-bad-lines 'ignore'" in result.stderr
