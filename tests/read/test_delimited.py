"""CSV/TSV reading: delimiters, quoting, ragged rows and odd bytes."""

from __future__ import annotations

from pathlib import Path

import polars as pl
import pytest

from voc.core.errors import InputError
from voc.read.delimited import DelimitedSource
from voc.read.delimiters import sniff_delimiter


def read_all(path: Path, **kwargs) -> tuple[DelimitedSource, pl.DataFrame]:
    source = DelimitedSource(path, path.name, **kwargs)
    return source, pl.concat(list(source.batches(2)))


@pytest.mark.parametrize("delimiter", [",", ";", "\t", "|"])
def test_each_delimiter_is_sniffed(write, delimiter):
    body = delimiter.join(["id", "comment", "score"]) + "\n"
    body += delimiter.join(["1", "Bello, ma caro", "7"]) + "\n"
    body += delimiter.join(["2", "Obsługa, jak zwykle, super", "9"]) + "\n"
    if delimiter == ",":
        body = 'id,comment,score\n1,"Bello, ma caro",7\n2,"Obsługa, jak zwykle, super",9\n'
    source, frame = read_all(write("x.csv", body))
    assert source.delimiter == delimiter
    assert frame.columns == ["id", "comment", "score"]
    assert frame["comment"].to_list() == ["Bello, ma caro", "Obsługa, jak zwykle, super"]


def test_semicolon_beats_commas_inside_prose():
    sample = "id;testo\n1;Buono, ma lento, molto lento\n2;Ok, grazie, a presto\n"
    assert sniff_delimiter(sample) == ";"


def test_values_are_kept_as_written(write):
    _, frame = read_all(write("x.csv", "code,amount,text\n007,\"1,50\",+39 333\n"))
    assert frame.row(0) == ("007", "1,50", "+39 333")


def test_quoted_newlines_stay_inside_one_row(write):
    _, frame = read_all(write("x.csv", 'id,text\n1,"first line\nsecond line"\n2,plain\n'))
    assert frame["text"].to_list() == ["first line\nsecond line", "plain"]


def test_batches_cover_every_row_in_order(write):
    rows = "".join(f"{i},text {i}\n" for i in range(1, 8))
    source = DelimitedSource(write("x.csv", "id,text\n" + rows), "x.csv")
    batches = list(source.batches(3))
    assert [b.height for b in batches] == [3, 3, 1]
    assert pl.concat(batches)["id"].to_list() == [str(i) for i in range(1, 8)]


def test_short_rows_are_padded_and_reported(write):
    source, frame = read_all(write("x.csv", "a,b,c\n1,2,3\n4,5\n"))
    assert frame.row(1) == ("4", "5", None)
    assert source.notes and "1 row(s)" in source.notes[0]


def test_long_rows_stop_with_the_line_number(write):
    source = DelimitedSource(write("x.csv", "a,b\n1,2\n3,4,5\n"), "x.csv")
    with pytest.raises(InputError, match=r"line 3 has 3 fields but the header has 2.*--delimiter"):
        list(source.batches(10))


def test_nul_bytes_do_not_break_reading(write):
    _, frame = read_all(write("x.csv", b"id,text\n1,bad\x00byte\n2,ok\n"))
    assert frame.height == 2
    assert frame["text"][0] == "bad\x00byte"


def test_a_one_megabyte_text_is_read_whole(write):
    big = "parola " * 150_000
    _, frame = read_all(write("x.csv", f"id,text\n1,{big}\n2,short\n"))
    assert len(frame["text"][0]) == len(big)


def test_header_only_file_has_columns_and_no_rows(write):
    source, frame = read_all(write("x.csv", "id,comment\n"))
    assert frame.columns == ["id", "comment"] and frame.height == 0


def test_empty_file_is_refused(write):
    with pytest.raises(InputError, match="empty"):
        DelimitedSource(write("x.csv", b""), "x.csv")


def test_blank_and_repeated_header_names_get_unique_names(write):
    _, frame = read_all(write("x.csv", "text,,text\na,b,c\n"))
    assert frame.columns == ["text", "column_2", "text_2"]


def test_blank_lines_are_not_records(write):
    _, frame = read_all(write("x.csv", "id,text\n1,a\n\n2,b\n\n"))
    assert frame["id"].to_list() == ["1", "2"]


def test_tsv_extension_prefers_tab(write):
    source = DelimitedSource(write("x.tsv", "only\nvalue\n"), "x.tsv", tabbed=True)
    assert source.delimiter == "\t"


def test_explicit_delimiter_wins(write):
    source, frame = read_all(write("x.csv", "a|b;c\n1|2;3\n"), delimiter=";")
    assert frame.columns == ["a|b", "c"]
