"""`voc evaluate`: metrics against the user's own labels."""

from __future__ import annotations

import json

import pytest

from voc.evaluate import Score

LABELLED = (
    "comment,label,side\n"
    "The agent was rude and hung up on me,negative,service\n"
    "Lovely sofa and fast delivery,positive,experience\n"
    "What time do you open on Sunday?,neutral,none\n"
    "Great product but support never answered,negative,both\n"
    ",,\n"
)


def test_metrics_and_confusion_matrix_are_printed_and_saved(voc, write, tmp_path):
    out = tmp_path / "scores.json"
    result = voc("evaluate", write("l.csv", LABELLED), "--gold-sentiment", "label", "--gold-scope", "side", "--json", out)
    assert result.code == 0, result.stderr
    text = result.stdout.decode()
    assert "sentiment: n=4" in text and "scope: n=4" in text and "service vs experience: n=2" in text
    assert "gold \\ predicted" in text
    scores = json.loads(out.read_text())
    assert scores["sentiment"]["n"] == 4 and 0 <= scores["sentiment"]["macro_f1"] <= 1
    assert sum(map(sum, scores["scope"]["confusion"])) == 4


def test_gold_columns_named_like_voc_columns_still_work(voc, write):
    data = "text,sentiment\nTerrible service never again,negative\nThank you so much you were great,positive\n"
    result = voc("evaluate", write("l.csv", data), "--gold-sentiment", "sentiment")
    assert result.code == 0, result.stderr
    assert "sentiment: n=2  accuracy=1.000" in result.stdout.decode()


@pytest.mark.parametrize(
    ("args", "message"),
    [
        ([], "name at least one gold column"),
        (["--gold-sentiment", "nope"], "gold column 'nope' is not in the input"),
        (["--gold-scope", "label"], "gold scope value 'negative' is not one of service, experience, both, none"),
    ],
)
def test_evaluate_errors(voc, write, args, message):
    result = voc("evaluate", write("l.csv", LABELLED), *args)
    assert result.code == 2 and message in result.stderr


def test_macro_f1_over_the_gold_classes_present():
    score = Score("s", ("negative", "neutral", "positive"))
    score.pairs = [("negative", "negative"), ("negative", "neutral"), ("positive", "positive")]
    assert score.accuracy == pytest.approx(2 / 3)
    assert score.f1("negative") == pytest.approx(2 / 3) and score.f1("positive") == 1.0
    assert score.macro_f1 == pytest.approx((2 / 3 + 1.0) / 2)  # neutral has no gold rows
    assert score.confusion() == [[1, 1, 0], [0, 0, 0], [0, 0, 1]]


def test_a_skipped_bad_line_is_kept_beside_the_json_not_in_the_temporary_analysis(voc, write, tmp_path):
    labelled = write("l.csv", LABELLED.replace("Lovely sofa and fast delivery,positive,experience\n",
                                               "Lovely sofa and fast delivery,positive,experience\nLate, again,negative,experience\n"))  # fmt: skip
    stopped = voc("evaluate", labelled, "--gold-sentiment", "label")
    assert stopped.code == 2 and "--on-bad-lines skip" in stopped.stderr
    out = tmp_path / "scores.json"
    result = voc("evaluate", labelled, "--gold-sentiment", "label", "--on-bad-lines", "skip", "--json", out)
    assert result.code == 0, result.stderr
    assert json.loads(out.read_text())["sentiment"]["n"] == 4  # the good rows are all scored
    rejected = tmp_path / "scores.rejected.csv"
    assert str(rejected) in result.stderr and "Late, again" in rejected.read_text()
