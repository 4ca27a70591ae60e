"""Writers: formats, list columns, Excel details and atomic replacement."""

from __future__ import annotations

import datetime as dt
import io
import json

import polars as pl
import pytest

from voc.core.errors import UsageError
from voc.write import open_writer, output_format

FRAME = pl.DataFrame(
    {
        "voc_id": ["a:1", "a:2", "a:3"],
        "comment": ["=cmd()", "Świetnie 👍", None],
        "n": [1, -2, None],
        "topics": [["delivery", "price"], [], None],
        "voc_date": [dt.datetime(2026, 11, 2, 9, 5), None, None],
    }
)


def write(path, fmt=None, frames=(FRAME,), **kwargs):
    with open_writer(str(path), fmt or output_format(str(path), None), **kwargs) as writer:
        for frame in frames:
            writer.write(frame)
    return path


@pytest.mark.parametrize(
    ("name", "fmt"), [("a.csv", "csv"), ("a.TSV", "tsv"), ("a.jsonl", "jsonl"), ("a.parquet", "parquet"), ("a.xlsx", "xlsx")]
)
def test_format_from_extension(name, fmt):
    assert output_format(name, None) == fmt


def test_format_errors():
    with pytest.raises(UsageError, match=r"cannot tell the output format from 'a.docx'.*--format"):
        output_format("a.docx", None)
    with pytest.raises(UsageError, match="unknown --format 'xml'"):
        output_format("a.csv", "xml")
    assert output_format(None, None) == "csv" and output_format("a.txt", "jsonl") == "jsonl"


def test_csv_joins_lists_guards_text_and_keeps_numbers(tmp_path):
    text = write(tmp_path / "a.csv").read_text(encoding="utf-8")
    lines = text.splitlines()
    assert lines[0] == "voc_id,comment,n,topics,voc_date"
    assert lines[1] == "a:1,'=cmd(),1,delivery;price,2026-11-02T09:05:00"
    assert lines[2] == "a:2,Świetnie 👍,-2,,"
    assert lines[3] == "a:3,,,,"


def test_excel_csv_has_bom_and_crlf(tmp_path):
    raw = write(tmp_path / "a.csv", excel=True).read_bytes()
    assert raw.startswith(b"\xef\xbb\xbfvoc_id,") and b"\r\n" in raw


def test_no_guard_keeps_text_raw(tmp_path):
    assert "=cmd()" in write(tmp_path / "a.csv", guard=False).read_text().splitlines()[1]


def test_jsonl_keeps_lists_and_is_not_guarded(tmp_path):
    rows = [json.loads(line) for line in write(tmp_path / "a.jsonl").read_text(encoding="utf-8").splitlines()]
    assert rows[0] == {"voc_id": "a:1", "comment": "=cmd()", "n": 1, "topics": ["delivery", "price"], "voc_date": "2026-11-02T09:05:00"}
    assert rows[1]["comment"] == "Świetnie 👍"


def test_parquet_keeps_types_across_batches(tmp_path):
    path = write(tmp_path / "a.parquet", frames=(FRAME, FRAME.slice(0, 1)))
    back = pl.read_parquet(path)
    assert back.height == 4 and back.schema["topics"] == pl.List(pl.String)
    assert back["topics"][0].to_list() == ["delivery", "price"]


def test_xlsx_cells_are_typed_and_guarded(tmp_path):
    path = write(tmp_path / "a.xlsx")
    back = pl.read_excel(path)
    assert back["comment"].to_list() == ["'=cmd()", "Świetnie 👍", None]
    assert back["n"].to_list() == [1, -2, None]
    assert back["topics"][0] == "delivery;price"


def test_xlsx_cuts_cells_over_excels_limit_and_counts_them(tmp_path):
    with open_writer(str(tmp_path / "big.xlsx"), "xlsx") as writer:
        writer.write(pl.DataFrame({"t": ["x" * 40_000]}))
    assert writer.truncated == 1


def test_failure_leaves_an_existing_target_untouched_and_no_temp_files(tmp_path):
    target = tmp_path / "results.csv"
    target.write_text("previous run\n")
    with pytest.raises(RuntimeError):
        with open_writer(str(target), "csv") as writer:
            writer.write(FRAME)
            raise RuntimeError("analysis failed half-way")
    assert target.read_text() == "previous run\n"
    assert list(tmp_path.iterdir()) == [target]


def test_failure_creates_no_new_file(tmp_path):
    with pytest.raises(KeyboardInterrupt):
        with open_writer(str(tmp_path / "new.parquet"), "parquet") as writer:
            writer.write(FRAME)
            raise KeyboardInterrupt
    assert list(tmp_path.iterdir()) == []


def test_success_replaces_the_target_with_normal_permissions(tmp_path):
    target = tmp_path / "r.csv"
    target.write_text("old")
    write(target)
    assert target.read_text().startswith("voc_id,")
    assert target.stat().st_mode & 0o044  # readable by group/others as a new file would be


def test_target_folder_must_exist(tmp_path):
    with pytest.raises(UsageError, match="does not exist"):
        with open_writer(str(tmp_path / "nope" / "r.csv"), "csv"):
            pass


def test_stdout_gets_the_rows(capsysbinary):
    with open_writer(None, "csv") as writer:
        writer.write(FRAME)
    out = capsysbinary.readouterr().out
    assert pl.read_csv(io.BytesIO(out)).height == 3


@pytest.mark.parametrize("fmt", ["csv", "parquet"])
def test_a_named_pipe_or_device_is_written_into_not_replaced(tmp_path, fmt):
    # `-o /dev/null` once replaced /dev/null with a regular file: a rename over a device swaps the device out.
    import os
    import stat
    import threading

    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    received = []
    reader = threading.Thread(target=lambda: received.append(fifo.read_bytes()))
    reader.start()
    with open_writer(str(fifo), fmt) as writer:
        writer.write(pl.DataFrame({"a": ["x", "y"]}))
    reader.join(timeout=10)
    assert stat.S_ISFIFO(fifo.stat().st_mode)  # still a pipe
    data = received[0]
    assert (b"x" in data) if fmt == "csv" else data.startswith(b"PAR1")
    assert [p.name for p in tmp_path.iterdir()] == ["pipe"]  # no temp file left beside it
