"""Which columns play which part, from the field report (issue 11): the text column by name and content,
columns named on the command line checked in every file, --text-col FILE=COLUMN and nested fields."""

from __future__ import annotations

import json

import polars as pl
import pytest

from voc.core import columns as C
from voc.read.textcol import pick_text_column, profile

SURVEY = (
    "ID risposta,Data invio,Voto NPS,Perché questo voto?\n"
    "R-1001,2026-11-02,9,Il corriere è arrivato puntuale e il pacco era integro\n"
    "R-1002,2026-11-02,3,Nessuno ha risposto alle mie email per una settimana intera\n"
    "R-1003,2026-11-03,10,\n"
    "R-1004,2026-11-03,6,Prezzi un po' alti rispetto alla concorrenza ma qualità buona\n"
)


def test_the_column_named_like_text_but_holding_codes_is_not_the_text(voc, write):
    # The field report: "ID risposta" contains "risposta" (answer) and was analysed, silently.
    result = voc("analyze", write("survey.csv", SURVEY))
    assert result.code == 0, result.stderr
    frame = result.frame()
    assert frame[C.SENTIMENT].to_list()[1] == "negative"
    assert "text column of " in result.stderr and "'Perché questo voto?'" in result.stderr
    assert "warning" in result.stderr  # said as a warning, terminal or not


def test_a_column_given_as_id_is_never_the_text(voc, write):
    result = voc("analyze", write("survey.csv", SURVEY), "--id-col", "ID risposta")
    assert result.code == 0, result.stderr
    assert result.frame()[C.VOC_ID].to_list() == ["R-1001", "R-1002", "R-1003", "R-1004"]
    assert "'Perché questo voto?'" in result.stderr


def test_no_column_holding_free_text_is_refused(voc, write):
    result = voc("analyze", write("codes.csv", "ticket,status,amount\nT-1,open,10\nT-2,closed,12\n"))
    assert result.code == 2
    assert "codes.csv: no text column found" in result.stderr and "--text-col" in result.stderr


def test_a_named_text_column_wins_when_its_content_is_text():
    sample = pl.DataFrame({"Subject": ["Refund", "Late parcel", "App crash"], "Comment": ["ok", "the app keeps crashing", "fine"]})
    assert pick_text_column(sample.columns, sample, set()).column == "Comment"


def test_a_few_repeated_labels_are_not_text():
    channel = pl.Series(["e-mail", "phone call", "chat window"] * 20)
    assert profile(channel).categorical


def test_a_guess_between_two_similar_columns_names_the_runner_up():
    sample = pl.DataFrame({
        "a": ["the parcel came two days late", "nobody picked up the phone", "great price for this model"],
        "b": ["I could not log into the app", "the courier left it outside", "staff were friendly and quick"],
    })  # fmt: skip
    pick = pick_text_column(sample.columns, sample, set())
    assert pick.runner_up is not None and {pick.column, pick.runner_up} == {"a", "b"}


@pytest.mark.parametrize("option", ["--date-col", "--score-col", "--id-col", "--lang-col", "--channel-col"])
def test_a_named_column_missing_from_one_of_several_files_is_an_error_naming_that_file(voc, write, tmp_path, option):
    full = write("a.csv", "when,score,id,lang,chan,comment\n2026-11-02,9,A1,it,email,Tutto bene grazie\n")
    short = write("b.csv", "comment\nConsegna in ritardo di tre giorni\n")
    value = {"--date-col": "when", "--score-col": "score", "--id-col": "id", "--lang-col": "lang", "--channel-col": "chan"}[option]
    result = voc("analyze", full, short, option, value, "-o", tmp_path / "out.csv")
    assert result.code == 2
    assert f"b.csv: {option} {value!r} is not a column of this file" in result.stderr
    assert not (tmp_path / "out.csv").exists()


def test_a_missing_text_column_names_the_file(voc, write):
    result = voc("analyze", write("tickets.csv", "id,Opis\n1,Paczka nie dotarła\n"), "--text-col", "Komentarz")
    assert result.code == 2 and "tickets.csv" in result.stderr and "'Komentarz'" in result.stderr


def test_text_col_per_file_combines_exports_of_different_layouts(voc, write):
    it = write("it.csv", "Commento\nIl personale è stato gentilissimo\n")
    pl_ = write("pl.csv", "Temat,Opis\nReklamacja,Kurier zgubił moją paczkę\n")
    result = voc("analyze", it, pl_, "--text-col", "it.csv=Commento", "--text-col", "pl.csv=Opis")
    assert result.code == 0, result.stderr
    assert result.frame()[C.LANGUAGE].to_list() == ["it", "pl"]


def test_text_col_per_file_must_cover_every_file(voc, write):
    it = write("it.csv", "Commento\nCiao\n")
    other = write("other.csv", "Opis\nCześć\n")
    result = voc("analyze", it, other, "--text-col", "it.csv=Commento")
    assert result.code == 2 and "other.csv" in result.stderr


def test_a_nested_json_field_is_the_text(voc, write):
    rows = [
        {"id": 1, "reply": {"author": "agent", "text": "Пришлите номер заказа, пожалуйста"}},
        {"id": 2, "reply": {"author": "client", "text": "Доставка опоздала на неделю, очень недоволен"}},
    ]
    path = write("tickets.jsonl", "\n".join(json.dumps(r, ensure_ascii=False) for r in rows) + "\n")
    result = voc("analyze", path, "--text-col", "reply.text", "--format", "jsonl")
    assert result.code == 0, result.stderr
    out = [json.loads(line) for line in result.stdout.decode().splitlines()]
    assert [o[C.LANGUAGE] for o in out] == ["ru", "ru"]
    assert out[1][C.SENTIMENT] == "negative"
    assert "reply" in out[0]  # the input column itself is kept as it was


def test_a_nested_parquet_struct_field_is_the_text(voc, tmp_path):
    path = tmp_path / "t.parquet"
    pl.DataFrame({"msg": [{"body": "The courier lost my parcel and nobody answers"}]}).write_parquet(path)
    result = voc("analyze", path, "--text-col", "msg.body")
    assert result.code == 0, result.stderr
    assert result.frame()[C.SENTIMENT].to_list() == ["negative"]


def test_a_guessed_good_bad_scale_is_said_and_becomes_csat(voc, write):
    path = write("zd.csv", "Satisfaction,Body\ngood,Thanks for the quick fix\nbad,Still waiting for a refund\noffered,Where is my order\n")
    result = voc("analyze", path, "--score-col", "Satisfaction")
    assert result.code == 0, result.stderr
    assert "read as good/bad ratings" in result.stderr
    assert result.frame()["voc_score"].to_list() == ["1.0", "0.0", None]


def test_progress_through_several_files_never_runs_backwards_and_ends_full(write, tmp_path):
    from voc.read.open import open_inputs
    from voc.read.source import ReadOptions

    first = write("a.csv", "comment\n" + "Consegna puntuale, tutto bene\n" * 300)
    second = write("b.csv", "comment\n" + "Kurier spóźnił się dwa dni\n" * 300)
    table = open_inputs([str(first), str(second)], ReadOptions(), tmp_path)
    seen = [table.bytes_read()]
    for _ in table.batches(100):
        seen.append(table.bytes_read())
    seen.append(table.bytes_read())
    assert seen == sorted(seen)  # the old bar fell back to 0 when a file closed
    assert seen[-1] == table.total_bytes
