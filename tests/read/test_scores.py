"""Score columns: numbers, text, stars, and Zendesk-style good/bad satisfaction ratings."""

from __future__ import annotations

import polars as pl
import pytest

from voc.read.scores import SCALES, ScoreParser


def parse(column: str, values: list, scale: str = "auto") -> tuple[ScoreParser, list]:
    parser = ScoreParser(column, scale)
    return parser, parser(pl.Series(column, values)).to_list()


def test_good_and_bad_become_a_good_bad_scale():
    parser, scores = parse("Satisfaction", ["good", "Bad", "offered", "unoffered", "GOOD", None, ""])
    assert parser.scale == "good-bad"
    assert scores == [1.0, 0.0, None, None, 1.0, None, None]
    assert parser.unparsed == 0 and parser.out_of_range == 0  # offered/unoffered are "not rated yet", not errors


def test_the_words_win_over_a_csat_name_hint():
    # Zendesk names the column after CSAT, which alone would mean a 1-5 scale.
    parser, scores = parse("CSAT", ["good", "bad", "good"])
    assert parser.scale == "good-bad" and scores == [1.0, 0.0, 1.0]


def test_a_batch_of_only_offered_is_still_good_bad():
    parser, scores = parse("Satisfaction rating", ["offered", "unoffered", "offered"])
    assert parser.scale == "good-bad" and scores == [None, None, None] and parser.unparsed == 0


def test_good_bad_can_be_given_and_counts_other_words_as_unparsed():
    assert "good-bad" in SCALES
    parser, scores = parse("rating", ["good", "meh", "bad"], scale="good-bad")
    assert scores == [1.0, None, 0.0] and parser.unparsed == 1
    assert parser.guess is None  # given, not guessed


def test_good_bad_words_on_a_numeric_scale_stay_unparsed():
    parser, scores = parse("NPS", ["9", "good"])
    assert parser.scale == "0-10" and scores == [9.0, None] and parser.unparsed == 1


def test_a_scale_guessed_from_values_is_announced():
    parser, _ = parse("Satisfaction", ["good", "bad"])
    assert "good-bad" in parser.guess and "--score-scale" in parser.guess
    parser, _ = parse("rating", ["1", "4", "5"])
    assert parser.scale == "1-5" and "1-5" in parser.guess and "--score-scale" in parser.guess


def test_a_scale_from_the_name_or_the_option_is_not_a_guess():
    assert parse("NPS (0-10)", ["3", "9"])[0].guess is None
    assert parse("rating", ["3", "9"], scale="0-10")[0].guess is None


@pytest.mark.parametrize("values", [[], [None, None]])
def test_no_values_at_all_is_a_weak_guess_and_says_so(values):
    parser, _ = parse("rating", values)
    assert parser.scale == "0-10" and "no scores" in parser.guess


def test_an_empty_first_batch_does_not_fix_the_scale():
    parser = ScoreParser("Satisfaction")
    parser(pl.Series("Satisfaction", [None, ""]))
    assert parser.scale == "0-10"  # provisional
    assert parser(pl.Series("Satisfaction", ["good", "bad"])).to_list() == [1.0, 0.0]
    assert parser.scale == "good-bad" and parser.unparsed == 0
    numeric = ScoreParser("rating")
    numeric(pl.Series("rating", [None]))
    numeric(pl.Series("rating", ["4", "5"]))
    assert numeric.scale == "1-5"
    numeric(pl.Series("rating", ["good"]))  # decided: later words do not change it
    assert numeric.scale == "1-5" and numeric.unparsed == 1
