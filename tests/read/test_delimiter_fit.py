"""A given --delimiter that does not fit the file, and delimiter guesses voc is not sure of."""

from __future__ import annotations

import pytest

from voc.core.errors import InputError
from voc.read.delimited import DelimitedSource

# A semicolon export whose bodies span several lines: read with "|", every physical line became a row.
TICKETS = "ticket;subject;body;rating\n" + "".join(
    f'{i};Order {i};"The parcel arrived late.\nI called twice; nobody answered.\nPlease refund.";{i % 5 + 1}\n'
    if i % 2
    else f"{i};Order {i};Arrived on time, thanks;{i % 5 + 1}\n"
    for i in range(1, 42)
)


def test_a_pipe_on_a_semicolon_file_stops_and_names_the_fitting_delimiter(write):
    with pytest.raises(InputError) as caught:
        DelimitedSource(write("tickets.csv", TICKETS), "tickets.csv", delimiter="|")
    message = str(caught.value)
    assert "--delimiter '|' splits no line" in message
    assert "';'-delimited" in message and "use --delimiter ';' or leave it out" in message
    assert "\n" not in message


def test_the_same_file_reads_as_41_tickets_with_its_own_delimiter(write):
    path = write("tickets.csv", TICKETS)
    for delimiter in (";", None):
        source = DelimitedSource(path, "tickets.csv", delimiter=delimiter)
        rows = sum(frame.height for frame in source.batches(10))
        assert source.delimiter == ";" and rows == 41


def test_tab_given_for_a_comma_file_names_comma(write):
    body = "id,comment\n" + "".join(f"{i},fine {i}\n" for i in range(10))
    with pytest.raises(InputError, match=r"looks ','-delimited: use --delimiter ','"):
        DelimitedSource(write("x.csv", body), "x.csv", delimiter="tab")


def test_a_delimiter_that_splits_rows_unevenly_is_refused(write):
    # Commas in unquoted prose: "," splits the header into 2 but the rows into 2 to 5 fields.
    body = "id;note, internal\n" + "".join(f"{i};late, wrong size, {'again, ' * (i % 3)}no answer\n" for i in range(12))
    with pytest.raises(InputError, match=r"--delimiter ',' splits the lines unevenly.*use --delimiter ';'"):
        DelimitedSource(write("x.csv", body), "x.csv", delimiter=",")


def test_a_one_column_file_with_any_delimiter_is_read(write):
    # Nothing fits better, so the user's delimiter stands.
    source = DelimitedSource(write("x.csv", "comment\nall good\nslow, but fine\n"), "x.csv", delimiter=";")
    assert source.header == ["comment"]


def test_a_clean_guess_is_silent(write):
    source = DelimitedSource(write("x.csv", 'id,comment\n1,"ok, thanks"\n2,bad\n'), "x.csv")
    assert source.delimiter == "," and source.notes == []
    source = DelimitedSource(write("y.csv", "id;comment\n1;ok, thanks\n2;bad\n"), "y.csv")
    assert source.delimiter == ";" and source.notes == []


def test_no_delimiter_splitting_the_header_is_announced(write):
    source = DelimitedSource(write("x.csv", "comment\nall good\nfast delivery\n"), "x.csv")
    assert source.header == ["comment"]
    assert len(source.notes) == 1 and "one column" in source.notes[0]


def test_two_delimiters_that_both_fit_are_announced(write):
    # Every line splits into 2 by "," and into 3 by ";": voc takes the comma a .csv prefers, but says it guessed.
    body = "a,b;c;d\n" + "".join(f"{i},x;y;z\n" for i in range(6))
    source = DelimitedSource(write("x.csv", body), "x.csv")
    assert source.delimiter == ","
    assert len(source.notes) == 1 and "guessed" in source.notes[0] and "--delimiter" in source.notes[0]


def test_a_weak_guess_is_refused(write):
    # No delimiter splits the lines consistently: reading would pad or cut most rows.
    body = "id,comment\n" + "".join(f"{i},{'a, ' * (i % 4)}b\n" for i in range(12))
    with pytest.raises(InputError, match=r"no delimiter splits the lines evenly.*--delimiter"):
        DelimitedSource(write("x.csv", body), "x.csv")
