"""Excel workbooks: first sheet, --sheet, and errors."""

from __future__ import annotations

import polars as pl
import pytest

from tests.conftest import sample
from voc.core.errors import InputError
from voc.read.excel import ExcelSource


def make_book(path, sheets: dict[str, list[list]]):
    import xlsxwriter

    book = xlsxwriter.Workbook(str(path))
    for name, rows in sheets.items():
        sheet = book.add_worksheet(name)
        for r, row in enumerate(rows):
            for c, value in enumerate(row):
                sheet.write(r, c, value)
    book.close()
    return path


def test_sample_workbook_matches_its_cp1250_csv_copy():
    import polars as pl

    from voc.read.delimited import DelimitedSource

    book = pl.concat(list(ExcelSource(sample("pl_helpdesk_tickets.xlsx"), "x").batches(1000)))
    csv = pl.concat(list(DelimitedSource(sample("pl_helpdesk_tickets_cp1250.csv"), "y").batches(1000)))
    assert book.columns == csv.columns
    assert book["Opis"].to_list() == csv["Opis"].to_list()
    assert any("ł" in (t or "") for t in book["Opis"].to_list())


def test_sheet_option_and_unknown_sheet(tmp_path):
    path = make_book(tmp_path / "b.xlsx", {"Summary": [["x"], [1]], "Data": [["id", "comment"], [1, "ciao"]]})
    data = next(ExcelSource(path, "b", sheet="Data").batches(10))
    assert data.columns == ["id", "comment"] and data["comment"][0] == "ciao"
    assert next(ExcelSource(path, "b").batches(10)).columns == ["x"]
    with pytest.raises(InputError, match="no sheet named 'Nope'.*'Summary', 'Data'"):
        ExcelSource(path, "b", sheet="Nope")


def test_column_mixing_numbers_and_text_is_read(tmp_path):
    path = make_book(tmp_path / "m.xlsx", {"S": [["id", "comment"], [1, "ok"], ["A-2", 42]]})
    frame = next(ExcelSource(path, "m").batches(10))
    assert frame.height == 2


def test_not_a_workbook(write):
    with pytest.raises(InputError, match="not a readable Excel workbook"):
        ExcelSource(write("x.xlsx", b"PK\x03\x04 broken"), "x")


def test_whole_numbers_come_out_as_integers(tmp_path):
    # Excel stores every number as a float: a 0-10 score of 10 came out as "10.0" in the output.
    rows = [["id", "comment", "score", "price", "blank"], [1, "ok", 10, 2.5, None], [2, "slow", 3, 4, None], [3, "fine", None, 1, None]]
    frame = next(ExcelSource(make_book(tmp_path / "n.xlsx", {"S": rows}), "n").batches(10))
    assert frame.schema["id"] == pl.Int64 and frame.schema["score"] == pl.Int64
    assert frame["score"].to_list() == [10, 3, None]
    assert frame.schema["price"] == pl.Float64 and frame["price"].to_list() == [2.5, 4.0, 1.0]  # fractions stay


def test_whole_scores_from_excel_print_without_dot_zero(voc, tmp_path):
    rows = [["id", "comment", "NPS"], [1, "The courier was friendly and on time", 10], [2, "Nobody answered the phone", 0]]
    path = make_book(tmp_path / "survey.xlsx", {"S": rows})
    result = voc("analyze", path, "--text-col", "comment", "--score-col", "NPS", "-q")
    assert result.code == 0
    frame = result.frame()
    assert frame["id"].to_list() == ["1", "2"] and frame["NPS"].to_list() == ["10", "0"]
