"""`voc analyze --model`, a pipeline's [stages.learned], Analyzer(model=) and `voc evaluate --model`: the learned answers in voc's output."""

from __future__ import annotations

import csv
import io
import json
import shutil

import polars as pl
import pytest

from tests.learn.data import rows, trained_model, write
from voc.core import columns as C

ADDED = [C.SENTIMENT_CONFIDENCE, C.SCOPE_CONFIDENCE, C.CATEGORIES]


@pytest.fixture(scope="module")
def trained(tmp_path_factory):
    folder = tmp_path_factory.mktemp("model")
    trained_model(folder)
    # New rows to analyse: other variations of the texts, one German row voc does not analyse,
    # and no label columns (an export as the user gets it).
    new = [{"id": r["id"], "comment": r["text"]} for r in rows(40, start=300)]
    new.append({"id": "de", "comment": "Der Kundendienst hat mir sehr schnell geholfen, vielen Dank"})
    write(folder / "new.csv", new)
    return folder


def read(data: bytes) -> list[dict]:
    return list(csv.DictReader(io.StringIO(data.decode("utf-8"))))


def test_the_model_answers_in_new_columns_after_the_contract_and_says_where_it_overrode(voc, trained):
    plain = voc("analyze", trained / "new.csv", "--text-col", "comment", "-q")
    learned = voc("analyze", trained / "new.csv", "--text-col", "comment", "--model", trained / "model", "-q")
    assert plain.code == learned.code == 0, learned.stderr
    before, after = read(plain.stdout), read(learned.stdout)
    header = list(after[0])
    signals = [C.INTENT, C.EMOTION, C.CHURN_RISK, C.EFFORT, C.DUPLICATE_OF]
    assert header == ["id", "comment", *C.CONTRACT, *ADDED, *signals, C.SOURCE_FILE]
    assert list(before[0]) == ["id", "comment", *C.CONTRACT, *signals, C.SOURCE_FILE]  # no model, no model columns
    changed = 0
    for b, a in zip(before, after):
        assert {k: a[k] for k in ("voc_id", "language", "topics", "topic_sentiments")} == {k: b[k] for k in ("voc_id", "language", "topics", "topic_sentiments")}
        moved = [name for name in ("sentiment", "scope") if a[name] != b[name]]
        changed += bool(moved)
        # The lexicon's cues stay; the override is said, and only where there was one.
        assert a["evidence"].startswith(b["evidence"])
        assert ("model:" in a["evidence"]) == bool(moved)
        for name in moved:
            assert f"{name} {a[name]} (lexicon {b[name]})" in a["evidence"]
    assert changed, "the lexicons and the model should disagree somewhere (the lexicons' scope scores 0.62 on these rows)"
    analysed = [a for a in after if a["language"] in C.ANALYSED_LANGUAGES]
    assert len(analysed) == 40
    for a in analysed:
        assert 0.0 <= float(a[C.SENTIMENT_CONFIDENCE]) <= 1.0 and 0.0 <= float(a[C.SCOPE_CONFIDENCE]) <= 1.0
        assert set(a[C.CATEGORIES].split(";")) <= {"staff", "delivery", "price", "app"}
    german = after[-1]
    assert german["language"] == "de"
    assert german[C.SENTIMENT] == german[C.SENTIMENT_CONFIDENCE] == german[C.CATEGORIES] == german[C.SCOPE] == ""


def test_the_learned_answers_match_the_labels_of_rows_like_those_it_learned(voc, trained):
    out = voc("analyze", trained / "new.csv", "--text-col", "comment", "--model", trained / "model", "--format", "jsonl", "-q")
    got = [json.loads(line) for line in out.stdout.decode("utf-8").splitlines()]
    gold = {r["id"]: r for r in rows(40, start=300)}
    scored = [(gold[g["id"]], g) for g in got if g["id"] in gold]
    assert sum(g["sentiment"] == r["sentiment"] for r, g in scored) >= 0.9 * len(scored)
    assert sum(g["scope"] == r["scope"] for r, g in scored) >= 0.85 * len(scored)
    assert sum(sorted(g["categories"]) == sorted(r["reasons"].split(";")) for r, g in scored) >= 0.85 * len(scored)
    assert all(isinstance(g["categories"], list) for g, _ in zip(got, got) if g["language"] in C.ANALYSED_LANGUAGES)
    # sentiment_score is the model's P(positive) - P(negative): its sign follows the class.
    for _, g in scored:
        if g["sentiment"] == "positive":
            assert g["sentiment_score"] > 0
        if g["sentiment"] == "negative":
            assert g["sentiment_score"] < 0


def test_workers_and_batches_give_the_same_bytes(voc, trained, tmp_path):
    one, two = tmp_path / "one.csv", tmp_path / "two.csv"
    assert voc("analyze", trained / "new.csv", "--text-col", "comment", "--model", trained / "model", "-q", "-o", one).code == 0
    result = voc("analyze", trained / "new.csv", "--text-col", "comment", "--model", trained / "model",
                 "--jobs", "2", "--batch-size", "7", "-q", "-o", two)  # fmt: skip
    assert result.code == 0, result.stderr
    assert one.read_bytes() == two.read_bytes()


def test_a_pipeline_file_names_the_model_relative_to_itself(voc, trained, tmp_path):
    shutil.copytree(trained / "model", tmp_path / "models" / "support")
    (tmp_path / "mine.toml").write_text(
        "[pipeline]\nstages = [\"language\", \"nlp\", \"sentiment\", \"topics\", \"scope\", \"learned\"]\n"
        "[stages.language]\nfactory = \"voc.language.lingua.v1\"\n[stages.nlp]\nfactory = \"voc.nlp.spacy.v1\"\n"
        "[stages.sentiment]\nfactory = \"voc.sentiment.lexicon.v1\"\n[stages.topics]\nfactory = \"voc.topics.taxonomy.v1\"\n"
        "[stages.scope]\nfactory = \"voc.scope.cues.v1\"\n"
        "[stages.learned]\nfactory = \"voc.learned.v1\"\nmodel = \"models/support\"\n",
        encoding="utf-8",
    )
    by_file = voc("analyze", trained / "new.csv", "--text-col", "comment", "--pipeline", tmp_path / "mine.toml", "-q")
    assert by_file.code == 0, by_file.stderr
    assert list(read(by_file.stdout)[0])[-4:] == [*ADDED, C.SOURCE_FILE]


def test_the_model_stage_goes_after_the_lexicons_and_before_the_score_check(trained):
    from voc.batch import stage_overrides
    from voc.core.pipeline import load_pipeline

    roles = [s.role for s in load_pipeline("default", stage_overrides(model=str(trained / "model"))).stages]
    assert roles.index("learned") > max(roles.index(r) for r in ("sentiment", "topics", "scope", "removed"))
    assert roles.index("learned") < roles.index("score_check")
    assert "learned" not in [s.role for s in load_pipeline("default", stage_overrides()).stages]


def test_analyzer_with_a_model_gives_the_cli_s_rows(voc, trained):
    from voc.batch import Analyzer

    frame = pl.read_csv(trained / "new.csv")
    out = Analyzer("comment", id_col="id", model=str(trained / "model"))(frame, source="new.csv")
    cli = pl.read_csv(io.BytesIO(voc("analyze", trained / "new.csv", "--text-col", "comment", "--id-col", "id", "--model", trained / "model", "-q").stdout))
    for name in (C.SENTIMENT, C.SCOPE, C.EVIDENCE):
        assert out[name].to_list() == cli[name].to_list()
    assert out[C.CATEGORIES].list.join(";").to_list()[:40] == cli[C.CATEGORIES].to_list()[:40]


def test_evaluate_scores_the_model_s_answers(voc, trained, tmp_path):
    held_out = write(tmp_path / "held_out.csv", rows(40, start=300))
    lexicons = voc("evaluate", held_out, "--text-col", "text", "--gold-scope", "scope", "--json", tmp_path / "lex.json", "-q")
    model = voc("evaluate", held_out, "--text-col", "text", "--gold-scope", "scope", "--model", trained / "model", "--json", tmp_path / "model.json", "-q")
    assert lexicons.code == model.code == 0, model.stderr
    before = json.loads((tmp_path / "lex.json").read_text())["scope"]["macro_f1"]
    after = json.loads((tmp_path / "model.json").read_text())["scope"]["macro_f1"]
    assert after > before + 0.1


def test_a_model_from_another_major_version_stops_analyze_before_any_output(voc, trained, tmp_path):
    broken = tmp_path / "old"
    shutil.copytree(trained / "model", broken)
    meta = json.loads((broken / "model.json").read_text())
    meta["voc_version"] = "0.0.1" if not meta["voc_version"].startswith("0.") else "99.0.0"
    (broken / "model.json").write_text(json.dumps(meta))
    result = voc("analyze", trained / "new.csv", "--text-col", "comment", "--model", broken, "-o", tmp_path / "out.csv")
    assert result.code == 2
    assert "another major version" in result.stderr and len(result.stderr.strip().splitlines()) == 1
    assert not (tmp_path / "out.csv").exists()


def test_rows_predicted_in_chunks_get_the_answers_of_one_call(trained, monkeypatch):
    from voc.batch import Analyzer
    from voc.learn import stage

    frame = pl.read_csv(trained / "new.csv")
    whole = Analyzer("comment", id_col="id", model=str(trained / "model"))(frame, source="new.csv")
    monkeypatch.setattr(stage, "CHUNK", 7)  # 41 rows: six chunks, the last one short
    chunked = Analyzer("comment", id_col="id", model=str(trained / "model"))(frame, source="new.csv")
    for name in (C.SENTIMENT, C.SCOPE, C.CATEGORIES, C.EVIDENCE):
        assert chunked[name].to_list() == whole[name].to_list(), name
    for name in (C.SENTIMENT_SCORE, C.SENTIMENT_CONFIDENCE, C.SCOPE_CONFIDENCE):
        a, b = chunked[name].to_list(), whole[name].to_list()
        assert [x is None for x in a] == [x is None for x in b]
        assert all(abs(x - y) < 1e-3 for x, y in zip(a, b) if x is not None), name


def test_a_model_loaded_to_predict_leaves_its_training_rows_on_disk_and_answers_alike(trained, tmp_path):
    import numpy as np
    import pytest as _pytest

    from voc.learn.model import LearnedModel

    full = LearnedModel.load(trained / "model")
    light = LearnedModel.load(trained / "model", training=False)
    assert full.training is not None and light.training is None
    feats = full.training[0]
    work = pl.DataFrame({"text": ["the agent was rude and hung up", "great flight, thank you"]})
    a, b = full.predict(work, feats.take([0, 1])), light.predict(work, feats.take([0, 1]))
    for name in a:
        assert a[name].classes == b[name].classes and np.array_equal(a[name].confidence, b[name].confidence)
    with _pytest.raises(ValueError, match="training=False"):
        light.save(tmp_path)  # nothing half-written: it refuses before the first file
    assert not list(tmp_path.iterdir())
