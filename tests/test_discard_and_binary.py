"""Field report (issue 11): the README's cron line (-o /dev/null with --store), --store without -o, and
binary files named like exports."""

from __future__ import annotations

import os

import polars as pl
import pytest

from tests.conftest import sample


def test_readme_cron_line_stores_and_discards(voc, tmp_path):
    store = tmp_path / "history"
    result = voc(
        "analyze", sample("it_survey_nps.csv"), "--date-col", "Data invio", "--score-col", "NPS (0-10)",
        "--store", store, "-o", os.devnull, "-q",
    )  # fmt: skip
    assert result.code == 0, result.stderr
    assert result.stdout == b""
    assert pl.read_parquet(store / "**/*.parquet").height > 0
    assert os.path.exists(os.devnull) and not os.path.isfile(os.devnull)  # still the device


def test_dev_null_without_store_just_discards(voc):
    result = voc("analyze", sample("en_feedback_mixed.csv"), "-o", os.devnull)
    assert result.code == 0, result.stderr and result.stdout == b""


def test_store_without_output_prints_no_rows(voc, tmp_path):
    result = voc("analyze", sample("en_feedback_mixed.csv"), "--store", tmp_path / "h")
    assert result.code == 0, result.stderr
    assert result.stdout == b""


def test_store_with_dash_output_still_prints_rows(voc, tmp_path):
    result = voc("analyze", sample("en_feedback_mixed.csv"), "--store", tmp_path / "h", "-o", "-")
    assert result.code == 0 and result.frame().height > 0


PNG = b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 4


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("export.csv", PNG, "export.csv: is a binary file (a PNG image), not CSV text"),
        ("export.jsonl", PNG, "export.jsonl: is a binary file (a PNG image), not JSONL text"),
        ("export.csv", b"PK\x03\x04" + bytes(200), "rename it to .xlsx or pass --input-format xlsx"),
        ("export.dat", PNG, "export.dat: is a binary file (a PNG image)"),
    ],
)
def test_a_binary_file_is_called_a_binary_file(voc, write, name, content, message):
    result = voc("analyze", write(name, content))
    assert result.code == 2
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and message in lines[0]
    assert "\\x89" not in lines[0]


def test_a_small_csv_with_stray_control_characters_is_still_read(voc, write):
    # Found by hypothesis: "\x1f\x08" in a one-row export made the whole file look binary.
    result = voc("analyze", write("a.csv", "comment\n\x1f\x08\n"), "--text-col", "comment")
    assert result.code == 0, result.stderr


def test_voc_s_own_csv_of_texts_holding_nuls_reads_back(voc, write):
    # Found by hypothesis: a text of control characters and NULs, written by voc to CSV,
    # was refused as binary when read again.
    result = voc("analyze", write("a.csv", "comment\n\x00\x01\x02\x1f\x00 x\n"), "--text-col", "comment")
    assert result.code == 0, result.stderr


@pytest.mark.parametrize(
    "content",
    [
        "comment\nbuongiorno, il corriere non è arrivato\n".encode("utf-16-le"),  # UTF-16 without its BOM
        bytes(range(256)) * 8,  # bytes that are no text in any encoding
    ],
)
def test_nul_bytes_of_utf16_without_a_bom_or_of_a_binary_file_are_still_refused(voc, write, content):
    result = voc("analyze", write("a.csv", content), "--text-col", "comment")
    assert result.code == 2 and "binary file" in result.stderr
