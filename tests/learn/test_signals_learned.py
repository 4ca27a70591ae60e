"""`voc learn --intent-col/--emotion-col/--churn-col/--effort-col` and `voc analyze --model` answering them."""

from __future__ import annotations

import json

import polars as pl
import pytest

from tests.learn.data import rows, write
from tests.learn.test_learn import run


def _signalled(n: int) -> list[dict]:
    """The written rows, with one team's signal labels: a price complaint means they would leave (churn),
    unanswered emails are effort; intent follows the sentiment."""
    out = []
    for row in rows(n):
        negative = row["sentiment"] == "negative"
        intent = {"negative": "complaint", "positive": "praise", "neutral": "other"}[row["sentiment"]]
        churn = "yes" if negative and row["reasons"] == "price" else "no"
        effort = "high" if negative and row["reasons"] == "staff" and row["scope"] == "service" else "normal"
        out.append({"id": row["id"], "text": row["text"], "intent": intent, "churn": churn, "effort": effort})
    return out


@pytest.fixture(scope="module")
def model(tmp_path_factory):
    folder = tmp_path_factory.mktemp("signals")
    labelled = write(folder / "labelled.csv", _signalled(104))
    code, err = run("learn", labelled, "--text-col", "text", "--intent-col", "intent", "--churn-col", "churn", "--effort-col", "effort",
                    "-o", folder / "model")  # fmt: skip
    assert code == 0, err
    return folder, err


def test_signal_labels_are_learned_and_reported_next_to_the_lexicons(model):
    folder, err = model
    assert "churn_risk labels in 'churn' read as yes/no, 1/0" in err
    meta = json.loads((folder / "model" / "model.json").read_text())
    assert set(meta["labels"]) == {"intent", "churn_risk", "effort"}
    for name in ("intent", "churn_risk", "effort"):
        info = meta["labels"][name]
        assert info["cv"]["macro_f1"] > 0 and info["lexicon_cv"] is not None
    assert meta["labels"]["churn_risk"]["classes"] == ["false", "true"] and meta["labels"]["churn_risk"]["counts"]["true"] == 8


def test_analyze_with_the_model_answers_the_signals_as_the_team_labels_them(model, voc):
    folder, _ = model
    new = write(folder / "new.csv", _signalled(208)[104:])
    result = voc("analyze", new, "--text-col", "text", "--model", folder / "model", "-o", folder / "out.parquet")
    assert result.code == 0, result.stderr
    out = pl.read_parquet(folder / "out.parquet")
    assert out.schema["churn_risk"] == pl.Boolean and "sentiment_confidence" not in out.columns
    gold = pl.Series([r == "yes" for r in out["churn"]])
    meta = json.loads((folder / "model" / "model.json").read_text())
    if meta["labels"]["churn_risk"]["decision"] == "learned":
        assert (out["churn_risk"] == gold).mean() >= 0.9
    assert (out["intent"] == out["intent_input"]).mean() >= 0.9  # the label column clashes with voc's and is renamed


def test_an_unknown_intent_is_refused_with_the_allowed_values(tmp_path):
    data = _signalled(40)
    data[3]["intent"] = "rant"
    code, err = run("learn", write(tmp_path / "x.csv", data), "--text-col", "text", "--intent-col", "intent", "-o", tmp_path / "m")
    assert code == 2 and "complaint, question, request, suggestion, praise, other" in err and "also ;" not in err
