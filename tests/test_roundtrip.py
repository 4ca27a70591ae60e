"""Round trips through voc's own formats keep every row and column (any Unicode text)."""

from __future__ import annotations

import polars as pl
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from voc.core import columns as C

# Any text a survey tool could export: all of Unicode except surrogates, with
# newlines, quotes, delimiters and NULs among them.
texts = st.text(alphabet=st.characters(exclude_categories=("Cs",)), max_size=60)


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(rows=st.lists(st.tuples(texts, st.integers(-(10**6), 10**6)), min_size=1, max_size=8))
@example(rows=[("\x85", 0)])  # NEL: a line break to str.splitlines, plain text to CSV and JSON
def test_csv_to_parquet_to_jsonl_keeps_rows_and_columns(voc, tmp_path, rows):
    comments = [c for c, _ in rows]
    source = tmp_path / "in.parquet"
    pl.DataFrame({"comment": comments, "n": [n for _, n in rows]}).write_parquet(source)

    csv_out, parquet_out, jsonl_out = tmp_path / "a.csv", tmp_path / "b.parquet", tmp_path / "c.jsonl"
    # parquet -> csv (unguarded, so text stays byte-identical) -> parquet -> jsonl
    assert voc("analyze", source, "--text-col", "comment", "--no-formula-guard", "-o", csv_out).code == 0
    assert voc("analyze", csv_out, "--text-col", "comment", "--no-formula-guard", "-o", parquet_out).code == 0
    assert voc("analyze", parquet_out, "--text-col", "comment", "-o", jsonl_out).code == 0

    final = pl.read_ndjson(jsonl_out, infer_schema_length=None)
    assert final.height == len(rows)
    # CSV cannot tell "" from a missing value, and the CSV pass renamed voc's columns.
    assert [c or "" for c in final["comment"].to_list()] == [c or "" for c in comments]
    assert [int(n) for n in final["n"].to_list()] == [n for _, n in rows]
    import json

    # The written key order (polars' JSON reader may reorder columns that are all null).
    assert list(json.loads(jsonl_out.read_text(encoding="utf-8").split("\n")[0]))[:2] == ["comment", "n"]  # not splitlines: texts hold U+0085
    assert {C.VOC_ID, C.LANGUAGE, "language_input", "voc_id_input"} <= set(final.columns)
