"""Format detection by extension and by first bytes."""

from __future__ import annotations

import pytest

from tests.conftest import sample
from voc.core.errors import InputError
from voc.read.sniff import format_of, sniff_bytes


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("en_feedback_mixed.csv", "csv"),
        ("ru_reviews.jsonl", "jsonl"),
        ("pl_helpdesk_tickets.xlsx", "xlsx"),
    ],
)
def test_sample_formats_by_extension(name, expected):
    assert format_of(sample(name)) == expected


@pytest.mark.parametrize(
    ("head", "expected"),
    [
        (b"PK\x03\x04rest", "xlsx"),
        (b"PAR1....", "parquet"),
        (b'  [{"a": 1}]', "json"),
        (b'{"a": 1}\n{"a": 2}\n', "jsonl"),
        (b'{\n  "data": []\n}', "json"),
        (b"\xef\xbb\xbfid;text\n1;ciao\n", "csv"),
        (b"\xff\xfei\x00d\x00", "csv"),
        (b"\x00\x01\x02\x03\x04\x05binary", None),
    ],
)
def test_sniffing_first_bytes(head, expected):
    assert sniff_bytes(head) == expected


def test_json_extension_holding_json_lines(write):
    assert format_of(write("x.json", '{"a": 1}\n{"a": 2}\n')) == "jsonl"


def test_unknown_extension_with_text_is_read_as_delimited(write):
    assert format_of(write("export.dat", "id,text\n1,hi\n")) == "csv"


def test_unknown_binary_file_is_refused_with_advice(write):
    with pytest.raises(InputError, match=r"x\.bin: is a binary file \(not text\).*export the data as CSV"):
        format_of(write("x.bin", bytes(range(256)) * 4))


def test_declared_format_wins_and_is_checked(write):
    path = write("x.data", "{}")
    assert format_of(path, "jsonl") == "jsonl"
    with pytest.raises(InputError, match="unknown input format 'yaml'"):
        format_of(path, "yaml")
