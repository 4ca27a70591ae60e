"""Column picking and the working frame: text, id, hints, dates, scores."""

from __future__ import annotations

import datetime as dt
import io

import polars as pl
import pytest

from voc.core import columns as C
from voc.core.console import Console
from voc.core.errors import ColumnError
from voc.read.fields import FieldSpec, Fields, language_code
from voc.read.source import Batch, Source


def fields(columns, **spec) -> Fields:
    return Fields(FieldSpec(**spec), columns, Console(stream=io.StringIO()))


def source_of(frame: pl.DataFrame, name="x.csv") -> Source:
    source = Source.__new__(Source)
    source.name = source.display = name
    source.schema = dict(frame.schema)
    source._peeked, source._peeked_rows = frame, 10**9  # what peek() would read first: the whole frame
    return source


def working(f: Fields, frame: pl.DataFrame, name="x.csv", first_row=1) -> pl.DataFrame:
    return f.working(Batch(source_of(frame, name), frame, first_row))


def picked(columns: list[str], rows: list[list[str]] | None = None, console: Console | None = None, **spec) -> list[str]:
    """The text column(s) voc uses for a file with these columns (and rows; none: a header-only file)."""
    frame = pl.DataFrame([pl.Series(c, [r[i] for r in rows or []], dtype=pl.String) for i, c in enumerate(columns)])
    f = Fields(FieldSpec(**spec), columns, console or Console(stream=io.StringIO()))
    return f.text_columns(source_of(frame))


@pytest.mark.parametrize(
    ("columns", "picked_column"),
    [
        (["id", "date", "Comment"], "Comment"),
        (["ID risposta", "Data invio", "NPS (0-10)", "Commento", "Canale"], "Commento"),
        (["Nr zgłoszenia", "Temat", "Opis", "Status"], "Opis"),
        (["review_id", "title", "text", "rating"], "text"),
        (["Номер", "Текст отзыва", "Оценка"], "Текст отзыва"),
        (["id", "Customer_Feedback_Text", "score"], "Customer_Feedback_Text"),
        (["Treść wiadomości", "Kanał"], "Treść wiadomości"),
    ],
)
def test_text_column_is_picked_by_name_in_four_languages(columns, picked_column):
    assert picked(columns) == [picked_column]


def test_exact_name_beats_a_name_containing_it():
    assert picked(["comment_id", "comment"]) == ["comment"]


def test_pick_is_a_warning_whether_or_not_on_a_terminal():
    stream = io.StringIO()  # not a terminal (cron): the guess is still said
    picked(["id", "feedback"], [["1", "Great staff"]], Console(stream=stream, quiet=True))
    assert "warning: text column: 'feedback', picked by name and content" in stream.getvalue()


def test_no_text_column_lists_the_columns_seen():
    with pytest.raises(ColumnError, match=r"no text column found.*--text-col.*'id', 'amount'"):
        picked(["id", "amount"], [["1", "20"], ["2", "35"]])


def test_a_text_column_without_a_known_name_is_found_by_content():
    rows = [["7", "2026-11-02", "Il pacco è arrivato rotto e nessuno risponde"], ["8", "2026-11-03", "Ottimo servizio"]]
    assert picked(["n", "quando", "Perché questo voto?"], rows) == ["Perché questo voto?"]


def test_named_column_missing_lists_the_columns():
    with pytest.raises(ColumnError, match=r"--id-col 'ticket' is not a column.*'id', 'text'"):
        fields(["id", "text"], id="ticket")


def test_column_names_match_ignoring_case():
    assert fields(["ID", "Text"], text=["text"], id="id").id == "ID"


def test_text_columns_are_joined_skipping_empty_parts():
    f = fields(["title", "body"], text=["title", "body"])
    frame = pl.DataFrame({"title": ["Late", None, " "], "body": ["Parcel lost", "Only body", "x"]})
    assert working(f, frame)[C.TEXT].to_list() == ["Late\nParcel lost", "Only body", "x"]


def test_voc_id_from_file_and_row_or_from_id_column():
    frame = pl.DataFrame({"id": ["A1", None, ""], "text": ["a", "b", "c"]})
    assert working(fields(["id", "text"]), frame, first_row=11)[C.VOC_ID].to_list() == ["x.csv:11", "x.csv:12", "x.csv:13"]
    f = fields(["id", "text"], id="id")
    assert working(f, frame)[C.VOC_ID].to_list() == ["A1", "x.csv:2", "x.csv:3"]
    assert f.missing_ids == 2


@pytest.mark.parametrize(
    ("value", "code"),
    [("it-IT", "it"), ("pl_PL", "pl"), ("RU", "ru"), ("Polski", "pl"), ("русский", "ru"), ("Deutsch", "de"), ("xx-unknown-language", None)],
)
def test_language_hints(value, code):
    assert language_code(value) == code


def test_hint_column_becomes_codes():
    f = fields(["text", "locale"], lang="locale")
    frame = pl.DataFrame({"text": ["a", "b", "c"], "locale": ["it-IT", "Klingon", None]})
    assert working(f, frame)[C.LANG_HINT].to_list() == ["it", None, None]
    assert f.unknown_hints == {"Klingon"}


@pytest.mark.parametrize(
    ("values", "expected"),
    [
        (["02/11/2026 14:05", "13/10/2026 09:00"], [dt.datetime(2026, 11, 2, 14, 5), dt.datetime(2026, 10, 13, 9, 0)]),
        (["11/02/2026 3:05 PM", "10/13/2026 9:00 AM"], [dt.datetime(2026, 11, 2, 15, 5), dt.datetime(2026, 10, 13, 9, 0)]),
        (["2026-10-03T09:15:00+03:00", "2026-10-04 23:59:59Z"], [dt.datetime(2026, 10, 3, 9, 15), dt.datetime(2026, 10, 4, 23, 59, 59)]),
        (["05.11.2026", "2026-11-06"], [dt.datetime(2026, 11, 5), dt.datetime(2026, 11, 6)]),
        (["2026/11/07 08:00", ""], [dt.datetime(2026, 11, 7, 8), None]),
    ],
)
def test_dates_in_common_formats(values, expected):
    f = fields(["d", "text"], date="d")
    out = working(f, pl.DataFrame({"d": values, "text": ["x"] * len(values)}))
    assert out[C.DATE].to_list() == expected
    assert f.date.unparsed == 0


def test_ambiguous_slashes_are_day_first():
    f = fields(["d", "text"], date="d")
    out = working(f, pl.DataFrame({"d": ["03/04/2026"], "text": ["x"]}))
    assert out[C.DATE][0] == dt.datetime(2026, 4, 3)


def test_unparsed_dates_are_counted_not_dropped():
    f = fields(["d", "text"], date="d")
    out = working(f, pl.DataFrame({"d": ["yesterday", "2026-11-01"], "text": ["a", "b"]}))
    assert out.height == 2 and out[C.DATE][0] is None
    assert f.date.unparsed == 1


def test_excel_serial_and_real_datetimes():
    f = fields(["d", "text"], date="d")
    assert working(f, pl.DataFrame({"d": [46328.5], "text": ["x"]}))[C.DATE][0] == dt.datetime(2026, 11, 2, 12, 0)
    g = fields(["d", "text"], date="d")
    stamp = dt.datetime(2026, 11, 2, 8, 30)
    assert working(g, pl.DataFrame({"d": [stamp], "text": ["x"]}))[C.DATE][0] == stamp


@pytest.mark.parametrize(
    ("column", "values", "scores", "scale"),
    [
        ("NPS (0-10)", ["9", "0", ""], [9.0, 0.0, None], "0-10"),
        ("Ocena CSAT", ["4", "5", None], [4.0, 5.0, None], "1-5"),
        ("rating", ["4/5", "★★☆☆☆", "4,5"], [4.0, 2.0, 4.5], "1-5"),
        ("score", ["7", "10", "3"], [7.0, 10.0, 3.0], "1-10"),
        ("score", ["0", "8", "10"], [0.0, 8.0, 10.0], "0-10"),
    ],
)
def test_scores_and_their_scale(column, values, scores, scale):
    f = fields([column, "text"], score=column)
    out = working(f, pl.DataFrame({column: values, "text": ["x"] * len(values)}))
    assert out[C.SCORE].to_list() == scores
    assert set(out[C.SCORE_SCALE].to_list()) == {scale}


def test_score_outside_its_scale_is_emptied_and_counted():
    f = fields(["csat", "text"], score="csat")
    out = working(f, pl.DataFrame({"csat": ["4", "9"], "text": ["a", "b"]}))
    assert out[C.SCORE].to_list() == [4.0, None] and f.score.out_of_range == 1
