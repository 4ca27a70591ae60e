"""`voc analyze` end to end: every sample export, pipes, options, errors and exit codes."""

from __future__ import annotations

import io
import json

import polars as pl
import pytest

from tests.conftest import sample
from voc.core import columns as C

SIGNALS = [C.INTENT, C.EMOTION, C.CHURN_RISK, C.EFFORT, C.DUPLICATE_OF]
ADDED = [*C.CONTRACT, *SIGNALS, C.SOURCE_FILE]  # what the default pipeline adds without --date-col/--score-col


def read_input(name: str) -> pl.DataFrame:
    from voc.read.open import open_source
    from voc.read.source import ReadOptions

    source = open_source(str(sample(name)), ReadOptions(), None)
    return pl.concat(list(source.batches(10_000)))


@pytest.mark.parametrize(
    "name",
    ["it_survey_nps.csv", "pl_helpdesk_tickets.xlsx", "pl_helpdesk_tickets_cp1250.csv", "ru_reviews.jsonl", "en_feedback_mixed.csv"],
)
def test_every_sample_keeps_rows_order_and_columns(voc, tmp_path, name):
    out = tmp_path / "out.parquet"
    result = voc("analyze", sample(name), "-o", out)
    assert result.code == 0, result.stderr
    original = read_input(name)
    got = pl.read_parquet(out)
    assert got.height == original.height
    assert got.columns == original.columns + ADDED
    assert got.select(original.columns).equals(original)
    assert got[C.VOC_ID].to_list() == [f"{name}:{i}" for i in range(1, original.height + 1)]
    assert got[C.LANGUAGE].null_count() == 0


@pytest.mark.parametrize(
    ("name", "text_col", "language", "letters"),
    [
        ("pl_helpdesk_tickets_cp1250.csv", "Opis", "pl", "ąęłśżź"),
        ("it_survey_nps.csv", "Commento", "it", "èàù"),
        ("ru_reviews.jsonl", "text", "ru", "жщы"),
    ],
)
def test_samples_come_out_with_right_letters_and_language(voc, name, text_col, language, letters):
    result = voc("analyze", sample(name))
    assert result.code == 0, result.stderr
    frame = result.frame()
    joined = "".join(t or "" for t in frame[text_col].to_list())
    assert all(ch in joined for ch in letters)
    share = (frame[C.LANGUAGE] == language).mean()
    assert share > 0.85


def test_other_languages_in_samples_keep_their_codes(voc):
    frame = voc("analyze", sample("ru_reviews.jsonl"), "--format", "csv").frame()
    by_id = dict(zip(frame["review_id"].to_list(), frame[C.LANGUAGE].to_list()))
    assert by_id["5019"] == "uk" and by_id["5075"] == "uk"
    assert by_id["5045"] == "be" and by_id["5059"] == "bg" and by_id["5031"] == "en"
    assert by_id["5074"] == "und" and by_id["5088"] == "und"  # emoji only, URL only


def test_stdin_to_stdout(voc):
    data = "id;commento\n1;Il corriere ha lasciato il pacco dal vicino\n2;Servizio clienti gentilissimo\n".encode("cp1252")
    result = voc("analyze", "-", "--id-col", "id", stdin=data)
    assert result.code == 0, result.stderr
    frame = result.frame()
    assert frame["voc_id"].to_list() == ["1", "2"]
    assert frame[C.LANGUAGE].to_list() == ["it", "it"]
    # Not a terminal: no chatter, only the warning that the text column was a guess.
    assert result.stderr.splitlines() == [
        "voc: warning: text column of standard input: 'commento', picked by name and content (use --text-col to choose another)"
    ]


def test_stdin_jsonl_to_jsonl(voc):
    data = "\n".join(json.dumps({"text": t}, ensure_ascii=False) for t in ["Очень долго ждал курьера", "Great support"]).encode()
    result = voc("analyze", "-", "--format", "jsonl", stdin=data)
    rows = [json.loads(line) for line in result.stdout.decode().splitlines()]
    assert [r["language"] for r in rows] == ["ru", "en"]
    assert rows[0]["voc_id"] == "stdin:1"


def test_several_inputs_are_one_table_with_source_file(voc, write):
    a = write("a.csv", "id,comment\n1,Ottimo\n")
    b = write("b.csv", "comment,extra\nPessimo,x\nBene,y\n")
    frame = voc("analyze", a, b).frame()
    assert frame.columns[:3] == ["id", "comment", "extra"]
    assert frame["source_file"].to_list() == ["a.csv", "b.csv", "b.csv"]
    assert frame["voc_id"].to_list() == ["a.csv:1", "b.csv:1", "b.csv:2"]


def test_text_column_is_picked_per_file_when_layouts_differ(voc):
    frame = voc("analyze", sample("it_survey_nps.csv"), sample("ru_reviews.jsonl")).frame()
    by_file = frame.group_by("source_file").agg((pl.col(C.LANGUAGE) == "und").mean().alias("und"))
    assert by_file["und"].max() < 0.1  # both files' texts were read, not only the first file's column


def test_italian_survey_with_every_field_option(voc, tmp_path):
    out = tmp_path / "it.parquet"
    result = voc(
        "analyze", sample("it_survey_nps.csv"), "-o", out, "--text-col", "Commento", "--id-col", "ID risposta",
        "--date-col", "Data invio", "--score-col", "NPS (0-10)", "--lang-col", "Lingua questionario",
    )  # fmt: skip
    assert result.code == 0, result.stderr
    frame = pl.read_parquet(out)
    assert frame["voc_id"][0] == "R-2026-00101"
    assert frame[C.DATE].null_count() == 0 and frame[C.DATE].min().month == 9
    assert (frame[C.DATE].max() - frame[C.DATE].min()).days >= 42
    assert set(frame[C.SCORE_SCALE].to_list()) == {"0-10"}
    assert frame[C.SCORE].max() <= 10
    assert frame["Data invio"][0] == read_input("it_survey_nps.csv")["Data invio"][0]  # original kept


def test_polish_tickets_join_subject_and_body(voc):
    frame = voc("analyze", sample("pl_helpdesk_tickets.xlsx"), "--text-col", "Temat", "--text-col", "Opis").frame()
    # The ticket with an empty body still has a language from its subject.
    empty_body = frame.filter(pl.col("Opis").is_null() & pl.col("Temat").is_not_null())
    assert empty_body.height >= 1 and set(empty_body[C.LANGUAGE].to_list()) == {"pl"}


def test_clashing_input_columns_are_renamed_with_a_note(voc, write):
    path = write("x.csv", "language,text\nfr,Ottimo prodotto davvero\n")
    result = voc("analyze", path)
    frame = result.frame()
    assert frame.columns == ["language_input", "text", *ADDED]
    assert frame["language_input"][0] == "fr" and frame["language"][0] == "it"
    assert "'language' -> 'language_input'" in result.stderr


def test_force_language(voc, write):
    frame = voc("analyze", write("x.csv", "text\nhello\n-\n"), "--language", "pl").frame()
    assert frame[C.LANGUAGE].to_list() == ["pl", "und"]


def test_excel_flag_writes_bom(voc, write):
    result = voc("analyze", write("x.csv", "text\nZażółć\n"), "--excel")
    assert result.stdout.startswith(b"\xef\xbb\xbf")


def test_injection_is_neutralised_in_output(voc):
    frame = voc("analyze", sample("en_feedback_mixed.csv")).frame()
    starts = [t[0] for t in frame["comment"].drop_nulls().to_list()]
    assert not any(ch in "=+-@" for ch in starts)
    assert any(t.startswith("'- ") for t in frame["comment"].drop_nulls().to_list())


def test_header_only_input_gives_header_only_output(voc, write):
    result = voc("analyze", write("x.csv", "id,comment\n"))
    assert result.code == 0
    assert result.stdout.decode().splitlines() == [",".join(["id", "comment", *ADDED])]


def test_one_megabyte_text_and_nul_bytes(voc, write):
    big = "Il pacco è arrivato rotto. " * 40_000
    path = write("x.csv", f"id,text\n1,{big}\n2,a\x00b ciao grazie\n")
    frame = voc("analyze", path).frame()
    assert frame.height == 2 and len(frame["text"][0]) == len(big)
    assert frame[C.LANGUAGE][0] == "it"


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["missing.csv"], "missing.csv: file not found"),
        (["{tmp}/x.bin"], "x.bin: is a binary file"),
        (["{tmp}/x.csv", "--text-col", "nope"], "x.csv; columns are: 'id', 'body'"),
        (["{tmp}/x.csv", "-o", "{tmp}/out.docx"], "cannot tell the output format"),
        (["{tmp}/x.csv", "--format", "xml"], "unknown --format 'xml'"),
        (["{tmp}/x.csv", "--pipeline", "nope"], "unknown pipeline 'nope'"),
        (["{tmp}/ragged.csv", "-o", "{tmp}/out.csv"], "ragged.csv: line 3 has 3 fields but the header has 2"),
        (["{tmp}/empty.csv"], "empty.csv: the file is empty"),
        (["{tmp}/x.csv", "--score-col", "id", "--score-scale", "1-7"], "unknown --score-scale '1-7'"),
        (["{tmp}/x.csv", "-o", "{tmp}/x.csv"], "is also an input"),
        (["{tmp}/x.csv", "--encoding", "klingon"], "unknown encoding 'klingon'"),
        (["{tmp}"], "is a folder, not a file"),
    ],
)
def test_usage_and_input_errors_exit_2_with_one_line(voc, tmp_path, args, message):
    (tmp_path / "x.csv").write_text("id,body\n1,hello\n")
    (tmp_path / "x.bin").write_bytes(bytes(range(256)) * 8)
    (tmp_path / "ragged.csv").write_text("id,text\n1,2\n3,4,5\n")
    (tmp_path / "empty.csv").write_bytes(b"")
    result = voc("analyze", *[a.replace("{tmp}", str(tmp_path)) for a in args])
    assert result.code == 2
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("voc: error: ")
    assert message in lines[0]
    assert not (tmp_path / "out.csv").exists()


def test_no_text_column_error_lists_columns(voc, write):
    result = voc("analyze", write("x.csv", "id,amount\n1,2\n"))
    assert result.code == 2 and "x.csv: no text column found" in result.stderr and "columns are: 'id', 'amount'" in result.stderr


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["analyze", "x.csv", "--no-such-option"], "voc: error: No such option: --no-such-option (see 'voc analyze --help')"),
        (["analyze"], "voc: error: Missing argument 'INPUT...'. (see 'voc analyze --help')"),
        (["bogus"], "voc: error: No such command 'bogus'. (see 'voc --help')"),
        (["analyze", "x.csv", "--batch-size", "many"], "voc: error: Invalid value for '--batch-size'"),
    ],
)
def test_command_line_mistakes_are_one_line_usage_errors(voc, args, message):
    result = voc(*args)
    assert result.code == 2
    assert len(result.stderr.strip().splitlines()) == 1 and result.stderr.startswith(message)


def test_failure_half_way_leaves_no_output(voc, tmp_path):
    rows = "".join(f"{i},fine text\n" for i in range(50))
    path = tmp_path / "late_error.csv"
    path.write_text("id,text\n" + rows + "99,one,too many\n")
    target = tmp_path / "out.xlsx"
    result = voc("analyze", path, "-o", target, "--batch-size", "10")
    assert result.code == 2
    assert list(tmp_path.iterdir()) == [path]


def test_internal_errors_do_not_print_customer_text(voc, write, monkeypatch):
    from voc.detect.language import LinguaLanguage

    def explode(self, frame):
        raise ValueError(f"cannot handle {frame['text'][0]!r}")

    monkeypatch.setattr(LinguaLanguage, "__call__", explode)
    result = voc("analyze", write("x.csv", "text\nmy card number is secret-1234\n"))
    assert result.code == 1
    assert "secret-1234" not in result.stderr
    assert "internal error: ValueError" in result.stderr and "--debug" in result.stderr


def test_version_and_help_with_examples(voc):
    from voc import __version__

    version = voc("--version")
    assert version.code == 0 and version.stdout.decode().strip() == f"voc {__version__}"
    help_text = voc("analyze", "--help").stdout.decode()
    assert "Examples:" in help_text and "voc analyze - --format jsonl" in help_text.replace("cat export.jsonl | ", "")


def test_readme_documents_every_analyze_option():
    from tests.conftest import ROOT
    from voc.cli import app

    import typer.main

    command = typer.main.get_command(app).commands["analyze"]
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    options = [opt for param in command.params for opt in param.opts if opt.startswith("--") and opt != "--help"]
    missing = [opt for opt in options if opt not in readme]
    assert not missing, f"README.md does not mention {missing}"
