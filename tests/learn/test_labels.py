"""Reading label columns: mappings, empty cells, weak labels from scores, and the refusals."""

from __future__ import annotations

import io

import polars as pl
import pytest

from voc.core.console import Console
from voc.core.errors import ColumnError, InputError, UsageError
from voc.learn.labels import LabelReader, Labels, LabelSpec, check


def read(frame: pl.DataFrame, **spec) -> tuple[list[Labels], str]:
    stream = io.StringIO()
    reader = LabelReader(LabelSpec(**spec), frame.columns, Console(stream=stream))
    reader.add(frame)
    return reader.labels(), stream.getvalue()


def test_plain_words_are_read_case_blind_without_a_warning():
    labels, said = read(pl.DataFrame({"s": ["Negative", " positive ", "NEUTRAL"]}), sentiment="s")
    assert labels[0].values == ["negative", "positive", "neutral"]
    assert said == ""


@pytest.mark.parametrize(
    ("cells", "expected", "mapping"),
    [
        (["neg", "neu", "pos"], ["negative", "neutral", "positive"], "short words"),
        (["-1", "0", "1"], ["negative", "neutral", "positive"], "numbers"),
        (["Negativo", "neutro", "positivo"], ["negative", "neutral", "positive"], "Italian"),
        (["negatywny", "neutralna", "pozytywne"], ["negative", "neutral", "positive"], "Polish"),
        (["негатив", "нейтральный", "позитив"], ["negative", "neutral", "positive"], "Russian"),
    ],
)
def test_other_spellings_are_mapped_and_the_mapping_is_named(cells, expected, mapping):
    labels, said = read(pl.DataFrame({"s": cells}), sentiment="s")
    assert labels[0].values == expected
    assert mapping in said


def test_numbers_from_a_spreadsheet_cell_read_like_text():
    labels, _ = read(pl.DataFrame({"s": [-1.0, 0.0, 1.0]}), sentiment="s")
    assert labels[0].values == ["negative", "neutral", "positive"]


def test_an_empty_cell_skips_the_row_for_that_label_only():
    frame = pl.DataFrame({"s": ["positive", "", None], "scope": [None, "service", "none"]})
    sentiment, scope = read(frame, sentiment="s", scope="scope")[0]
    assert sentiment.values == ["positive", None, None]
    assert scope.values == [None, "service", "none"]
    assert sentiment.labelled == [0] and scope.labelled == [1, 2]


def test_an_unknown_value_is_refused_listing_the_allowed_ones_without_quoting_it():
    with pytest.raises(InputError) as err:
        read(pl.DataFrame({"s": ["positive", "quite happy"]}), sentiment="s")
    message = str(err.value)
    assert "negative, neutral, positive" in message and "neg/neu/pos" in message
    assert "quite happy" not in message
    assert "\n" not in message


def test_categories_are_split_on_semicolons_trimmed_and_deduplicated():
    labels, _ = read(pl.DataFrame({"c": ["staff; delivery", "price", "", "staff;staff"]}), categories="c")
    assert labels[0].values == [["delivery", "staff"], ["price"], None, ["staff"]]
    assert labels[0].classes == ["delivery", "price", "staff"]


@pytest.mark.parametrize(
    ("column", "scores", "expected"),
    [
        ("NPS", [0, 6, 7, 8, 9, 10, None], ["negative", "negative", "neutral", "neutral", "positive", "positive", None]),
        ("stars", [1, 2, 3, 4, 5], ["negative", "negative", "neutral", "positive", "positive"]),
    ],
)
def test_sentiment_from_a_score_column_uses_the_nps_and_star_cuts(column, scores, expected):
    labels, said = read(pl.DataFrame({column: scores}), sentiment_from_score=column)
    assert labels[0].name == "sentiment"
    assert labels[0].values == expected
    assert "weak labels" in said


def test_both_sentiment_options_at_once_are_refused():
    with pytest.raises(UsageError):
        read(pl.DataFrame({"s": ["positive"], "n": [9]}), sentiment="s", sentiment_from_score="n")


def test_no_label_option_and_a_missing_column_are_refused():
    with pytest.raises(UsageError):
        read(pl.DataFrame({"s": ["positive"]}))
    with pytest.raises(ColumnError, match="'Sentiment'"):
        read(pl.DataFrame({"s": ["positive"]}), sentiment="Sentiment")


def test_too_few_rows_or_a_single_class_cannot_be_learned():
    with pytest.raises(InputError, match="19 labelled row"):
        check(Labels("sentiment", "s", ["positive", "negative"] * 9 + ["neutral"] + [None] * 5))
    with pytest.raises(InputError, match="only positive"):
        check(Labels("sentiment", "s", ["positive"] * 30))
    check(Labels("sentiment", "s", ["positive", "negative"] * 10))  # 20 rows of 2 classes: enough
