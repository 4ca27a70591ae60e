"""JSON Lines and JSON arrays."""

from __future__ import annotations

import json

import polars as pl
import pytest

from voc.core.errors import InputError
from voc.read.jsonrows import JsonSource


def read(path, lines=True) -> pl.DataFrame:
    return pl.concat(list(JsonSource(path, path.name, lines=lines).batches(2)))


def test_keys_from_all_rows_in_first_seen_order(write):
    rows = [{"id": 1, "text": "a"}, {"id": 2, "extra": True}, {"text": "c", "id": 3}]
    frame = read(write("x.jsonl", "\n".join(json.dumps(r) for r in rows)))
    assert frame.columns == ["id", "text", "extra"]
    assert frame.schema["id"] == pl.Int64 and frame.schema["extra"] == pl.Boolean
    assert frame["text"].to_list() == ["a", None, "c"]


def test_mixed_value_kinds_become_text_and_nested_values_json(write):
    rows = [{"v": 1, "n": {"a": [1, 2]}, "f": 1}, {"v": "two", "n": None, "f": 2.5}]
    frame = read(write("x.jsonl", "\n".join(json.dumps(r) for r in rows)))
    assert frame["v"].to_list() == ["1", "two"]
    assert json.loads(frame["n"][0]) == {"a": [1, 2]}
    assert frame.schema["f"] == pl.Float64 and frame["f"].to_list() == [1.0, 2.5]


def test_unicode_is_kept(write):
    frame = read(write("x.jsonl", json.dumps({"t": "Очень плохо 😡"}, ensure_ascii=False) + "\n"))
    assert frame["t"][0] == "Очень плохо 😡"


def test_invalid_line_is_named(write):
    with pytest.raises(InputError, match="line 2 is not valid JSON"):
        JsonSource(write("x.jsonl", '{"a": 1}\n{"a": \n'), "x.jsonl", lines=True)


def test_non_object_line_is_refused(write):
    with pytest.raises(InputError, match="line 1 is not a JSON object"):
        JsonSource(write("x.jsonl", "[1, 2]\n"), "x.jsonl", lines=True)


def test_json_array_and_wrapped_array(write):
    assert read(write("a.json", '[{"t": "x"}, {"t": "y"}]'), lines=False)["t"].to_list() == ["x", "y"]
    wrapped = read(write("b.json", '{"count": 2, "results": [{"t": "x"}, {"t": "y"}]}'), lines=False)
    assert wrapped["t"].to_list() == ["x", "y"]


def test_json_that_is_not_rows(write):
    with pytest.raises(InputError, match="JSON array of objects"):
        JsonSource(write("x.json", '"just a string"'), "x.json", lines=False)
