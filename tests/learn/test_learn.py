"""`voc learn` end to end on feedback written for these tests: the report, the model folder, --from, refusals.

One model is trained for the module (analysing and embedding ~100 rows takes
a few seconds once the models are loaded); tests that need another train their own.
"""

from __future__ import annotations

import io
import json
import shutil
import sys

import numpy as np
import polars as pl
import pytest

from tests.learn.data import rows, write
from voc.core.console import Console
from voc.core.errors import InputError, UsageError
from voc.learn.model import LearnedModel

LABELS = ("--sentiment-col", "sentiment", "--scope-col", "scope", "--categories-col", "reasons")


def run(*args) -> tuple[int, str]:
    from voc.cli import run as cli

    err = io.StringIO()
    old, sys.stderr = sys.stderr, err
    try:
        code = cli([str(a) for a in args])
    finally:
        sys.stderr = old
    return code, err.getvalue()


@pytest.fixture(scope="module")
def trained(tmp_path_factory):
    folder = tmp_path_factory.mktemp("learn")
    labelled = write(folder / "labelled.csv", rows(104))
    code, err = run("learn", labelled, "--text-col", "text", *LABELS, "-o", folder / "model")
    assert code == 0, err
    return folder, labelled, err


def test_the_report_puts_cross_validated_figures_next_to_the_lexicons(trained):
    folder, _, err = trained
    lines = {line.split()[0]: line.split() for line in err.splitlines() if line.split()}
    assert {"sentiment", "scope", "categories"} <= set(lines)
    assert lines["sentiment"][1] == "104" and lines["sentiment"][-1] == "learned"
    assert lines["categories"][5] == "-"  # no lexicon figure for the user's own categories
    meta = json.loads((folder / "model" / "model.json").read_text())
    for name in ("sentiment", "scope"):
        info = meta["labels"][name]
        assert info["cv"]["folds"] == 5
        assert 0 <= info["lexicon_cv"]["macro_f1"] < info["cv"]["macro_f1"] <= 1
    assert meta["labels"]["categories"]["lexicon_cv"] is None
    assert meta["labels"]["scope"]["counts"] == {"both": 8, "experience": 48, "none": 16, "service": 32}
    assert meta["voc_version"] and len(meta["labels_sha256"]) == 64 and meta["seed"] == 42


def test_the_model_folder_is_small_and_holds_no_pickle_and_no_text(trained):
    folder, _, _ = trained
    files = sorted(p.name for p in (folder / "model").iterdir())
    assert files == ["model.json", "training.npz", "weights.npz"]
    assert sum(p.stat().st_size for p in (folder / "model").iterdir()) < 5_000_000
    for name in ("weights.npz", "training.npz"):
        with np.load(folder / "model" / name, allow_pickle=False) as z:
            assert all(z[k].dtype != object for k in z.files)
    raw = b"".join(p.read_bytes() for p in (folder / "model").iterdir())
    assert "rozłączył".encode() not in raw and b"hung up" not in raw


def test_predict_answers_every_label_with_a_confidence(trained):
    from voc.batch import MemorySource, Plan
    from voc.core.pipeline import load_pipeline
    from voc.read import FieldSpec
    from voc.read.source import Batch

    folder, _, _ = trained
    model = LearnedModel.load(folder / "model", wanted=["sentiment"])
    frame = pl.DataFrame({"text": ["The support person was friendly and solved it in minutes", "Посылка пришла на неделю позже, коробка помята",
                                   "Kurier był opryskliwy, a paczka uszkodzona"]})
    plan = Plan(FieldSpec(text=["text"]), frame.columns, load_pipeline("default"), Console(stream=io.StringIO()))
    work = plan.work(Batch(MemorySource("t", frame), frame, 1))
    out = model.predict(work)
    assert out["sentiment"].classes == ["positive", "negative", "negative"]
    assert out["scope"].classes == ["service", "experience", "both"]
    assert out["categories"].classes == [["staff"], ["delivery"], ["delivery", "staff"]]
    for p in out.values():
        assert ((p.confidence > 0.5) & (p.confidence <= 1)).all()
    assert out["sentiment"].score[0] > 0 > out["sentiment"].score[1]


def test_same_labels_and_seed_give_the_same_bytes(trained, tmp_path):
    folder, labelled, _ = trained
    copy = tmp_path / "labelled.csv"
    shutil.copy2(labelled, copy)  # same content and date, another file
    code, err = run("learn", copy, "--text-col", "text", *LABELS, "-o", tmp_path / "again", "-q")
    assert code == 0, err
    for name in ("model.json", "weights.npz", "training.npz"):
        assert (tmp_path / "again" / name).read_bytes() == (folder / "model" / name).read_bytes(), name
    assert sorted(p.name for p in tmp_path.iterdir()) == ["again", "labelled.csv"]  # no temporary folder left beside


def test_a_label_the_model_does_not_beat_keeps_the_lexicon(trained):
    from voc.learn.model import LEXICON_OF
    from voc.learn.features import features
    from voc.learn.train import default_settings, fit

    folder, _, _ = trained
    feats, _ = LearnedModel.load(folder / "model").training
    start, names = LEXICON_OF["sentiment"]
    lexicon_says = [names[int(r.argmax())] for r in feats.lexicon[:, start : start + 3]]  # labels = the lexicon's answers
    stream = io.StringIO()
    model = fit(feats, {"sentiment": lexicon_says}, default_settings(), 42, Console(stream=stream))
    head = model.heads["sentiment"]
    assert head.info["lexicon_cv"]["macro_f1"] == 1.0
    assert head.keep_lexicon and head.info["decision"] == "keep lexicon"
    assert "keeps the lexicons' sentiment" in stream.getvalue()


def test_from_retrains_on_the_earlier_labels_plus_the_new_ones(trained, tmp_path):
    folder, _, _ = trained
    new = rows(12, start=208)  # other rows than the module's; 12 alone would be too few to learn from
    new[0] = {**rows(1)[0], "scope": "both"}  # a row labelled again: its new label replaces the old
    labelled = write(tmp_path / "more.csv", new, sentiment="", reasons="")
    shutil.copytree(folder / "model", tmp_path / "model")  # continued in place: the folder is replaced whole
    code, err = run("learn", labelled, "--text-col", "text", "--scope-col", "scope", "--from", tmp_path / "model", "-o", tmp_path / "model", "-q")
    assert code == 0, err
    assert "1 row(s) were in the earlier model's labels already" in err
    assert sorted(p.name for p in tmp_path.iterdir()) == ["model", "more.csv"]
    model = LearnedModel.load(tmp_path / "model")
    meta = model.meta
    assert meta["training_rows"] == 104 + 11
    assert meta["labels"]["scope"]["rows"] == 115 and meta["labels"]["sentiment"]["rows"] == 104
    assert meta["labels"]["scope"]["counts"]["both"] == 8 + 1 + sum(r["scope"] == "both" for r in new[1:])
    assert meta["continued_from"] == json.loads((folder / "model" / "model.json").read_text())["labels_sha256"]


def test_twelve_rows_without_an_earlier_model_are_refused(tmp_path):
    labelled = write(tmp_path / "few.csv", rows(12))
    code, err = run("learn", labelled, "--text-col", "text", "--sentiment-col", "sentiment", "-o", tmp_path / "m")
    assert code == 2
    assert "12 labelled row(s); label at least 20" in err and len(err.strip().splitlines()) == 1
    assert not (tmp_path / "m").exists()


def test_an_unknown_label_stops_the_run_with_exit_2(tmp_path):
    data = rows(30)
    data[3]["sentiment"] = "meh"
    labelled = write(tmp_path / "bad.csv", data)
    code, err = run("learn", labelled, "--text-col", "text", "--sentiment-col", "sentiment", "-o", tmp_path / "m")
    assert code == 2 and "allowed (any case): negative, neutral, positive" in err
    assert "meh" not in err


@pytest.mark.parametrize("damage", ["corrupt", "version", "not a model", "none wanted"])
def test_a_bad_model_folder_is_refused_in_one_line(trained, tmp_path, damage):
    folder, _, _ = trained
    model = tmp_path / "model"
    shutil.copytree(folder / "model", model)
    wanted = None
    if damage == "corrupt":
        data = bytearray((model / "weights.npz").read_bytes())
        data[len(data) // 2] ^= 0xFF
        (model / "weights.npz").write_bytes(bytes(data))
    elif damage == "version":
        meta = json.loads((model / "model.json").read_text())
        meta["voc_version"] = "99.1.0"
        (model / "model.json").write_text(json.dumps(meta))
    elif damage == "not a model":
        (model / "model.json").unlink()
    else:
        meta = json.loads((model / "model.json").read_text())
        meta["labels"] = {"sentiment": meta["labels"]["sentiment"]}
        (model / "model.json").write_text(json.dumps(meta))
        wanted = ["scope", "categories"]
    with pytest.raises((InputError, UsageError)) as err:
        LearnedModel.load(model, wanted=wanted)
    message = str(err.value)
    assert "\n" not in message and str(model) in message
    expected = {"corrupt": "corrupt", "version": "another major version", "not a model": "not a voc model folder",
                "none wanted": "none of scope, categories"}[damage]  # fmt: skip
    assert expected in message


def test_an_earlier_model_that_is_not_one_stops_learn_with_exit_2(tmp_path):
    labelled = write(tmp_path / "l.csv", rows(30))
    (tmp_path / "empty").mkdir()
    code, err = run("learn", labelled, "--sentiment-col", "sentiment", "--from", tmp_path / "empty", "-o", tmp_path / "m")
    assert code == 2 and "not a voc model folder" in err


def test_weak_sentiment_labels_from_nps_scores_on_standard_input(voc, tmp_path):
    data = rows(52)
    nps = {"negative": "6", "neutral": "8", "positive": "9"}  # the edges of the NPS groups
    text = "comment,NPS\n" + "".join(f'"{r["text"]}",{nps[r["sentiment"]]}\n' for r in data)
    result = voc("learn", "-", "--text-col", "comment", "--sentiment-from-score", "NPS", "-o", tmp_path / "m", stdin=text.encode())
    assert result.code == 0, result.stderr
    assert "0-10 scale" in result.stderr and "weak labels" in result.stderr
    meta = json.loads((tmp_path / "m" / "model.json").read_text())
    assert meta["labels"]["sentiment"]["column"] == "NPS"
    assert meta["labels"]["sentiment"]["counts"] == {"negative": 24, "neutral": 8, "positive": 20}


def test_an_output_folder_that_holds_something_else_is_not_replaced(tmp_path):
    labelled = write(tmp_path / "l.csv", rows(30))
    (tmp_path / "photos").mkdir()
    (tmp_path / "photos" / "cat.jpg").write_bytes(b"x")
    code, err = run("learn", labelled, "--sentiment-col", "sentiment", "-o", tmp_path / "photos")
    assert code == 2 and "not a voc model folder" in err
    assert (tmp_path / "photos" / "cat.jpg").exists()


def test_skipped_bad_lines_are_written_beside_the_model_and_said(voc, tmp_path):
    path = write(tmp_path / "labels.csv", rows(40), reasons="")
    with open(path, "a", encoding="utf-8") as f:
        f.write("r999,one,field,too,many\n")  # more fields than the header
    result = voc("learn", path, "--text-col", "text", "--sentiment-col", "sentiment", "--on-bad-lines", "skip", "-q",
                 "-o", tmp_path / "model")  # fmt: skip
    assert result.code == 0, result.stderr
    assert "1 bad line(s) skipped" in result.stderr
    assert "r999" in (tmp_path / "model.rejected.csv").read_text()


def _work(texts: list[str]):  # noqa: ANN202
    from voc.batch import MemorySource, Plan
    from voc.core.pipeline import load_pipeline
    from voc.read import FieldSpec
    from voc.read.source import Batch

    frame = pl.DataFrame({"text": texts})
    plan = Plan(FieldSpec(text=["text"]), frame.columns, load_pipeline("default"), Console(stream=io.StringIO()))
    return plan.work(Batch(MemorySource("t", frame), frame, 1))


def test_only_rows_a_screen_head_is_unsure_of_are_embedded_and_they_get_the_full_answer(trained, monkeypatch):
    from voc.learn import embed as embed_module
    from voc.learn import features as features_module
    from voc.learn.features import features
    from voc.learn.screen import sure

    folder, _, _ = trained
    model = LearnedModel.load(folder / "model")
    texts = [r["text"] for r in rows(40, start=7)] + ["Mixed day: lovely staff, parcel late, app fine", "Ok"]
    work = _work(texts)
    embedded: list[str] = []
    real = embed_module.embed
    counting = lambda batch, threads=None: (embedded.extend(batch), real(batch))[1]  # noqa: E731
    monkeypatch.setattr(embed_module, "embed", counting)
    monkeypatch.setattr(features_module, "embed", counting)
    assert model.heads["categories"].screen is None  # categories are never screened (screen.py) ...
    model.predict(work)
    assert sorted(embedded) == sorted(texts)  # ... so a model that holds them embeds every row
    embedded.clear()
    del model.heads["categories"]  # as a model of sentiment and scope only
    assert all(head.screen is not None for head in model.heads.values())
    screened = model.predict(work)
    embedded_by_screening = list(embedded)

    full = features(work)  # every row embedded: the full heads' answers
    X = full.matrix(model.meta["settings"]["weights"])
    confidence = model.meta["settings"]["screen"]
    clear = np.ones(len(texts), dtype=bool)
    for head in model.heads.values():
        clear &= sure(head.screen.proba(X), confidence)
    assert 0 < clear.sum() < len(texts)  # some rows are settled cheaply, some are not
    assert sorted(embedded_by_screening) == sorted(t for t, c in zip(texts, clear) if not c)
    for name, head in model.heads.items():
        expected = np.where(clear[:, None], head.screen.proba(X), head.proba(X))
        assert np.allclose(screened[name].probabilities, expected, atol=1e-5), name


def test_a_model_without_screen_heads_embeds_every_row(trained, tmp_path):
    from voc.learn.features import features
    from voc.learn.train import default_settings, fit

    folder, _, _ = trained
    model = LearnedModel.load(folder / "model")
    feats, labels = model.training
    settings = {**default_settings(), "screen": None}  # as voc made models before screening
    plain = fit(feats, labels, settings, 42, Console(stream=io.StringIO()))
    plain.meta = {**model.meta, "settings": settings}
    assert all(head.screen is None for head in plain.heads.values())
    work = _work(["Great value for money, cheaper than the other shops"] * 3)
    full = plain.heads["sentiment"].proba(features(work).matrix(settings["weights"]))
    assert np.allclose(plain.predict(work)["sentiment"].probabilities, full, atol=1e-6)
