"""The formula-injection guard."""

from __future__ import annotations

import polars as pl
import pytest

from voc.write.safety import guard_frame, guard_value


@pytest.mark.parametrize(
    ("value", "guarded"),
    [
        ("=HYPERLINK(\"http://x\",\"click\")", "'=HYPERLINK(\"http://x\",\"click\")"),
        ("+1 for the new app", "'+1 for the new app"),
        ("- late\n- no call back", "'- late\n- no call back"),
        ("@NorthwindHelp why", "'@NorthwindHelp why"),
        ("\tcmd", "'\tcmd"),
        ("\rcmd", "'\rcmd"),
        ("=)", "'=)"),
        ("-3", "-3"),
        ("+5.5", "+5.5"),
        ("-1,5", "-1,5"),
        ("plain text", "plain text"),
        ("", ""),
        ("a = b", "a = b"),
    ],
)
def test_guard(value, guarded):
    assert guard_value(value) == guarded
    assert guard_frame(pl.DataFrame({"c": [value]}))["c"][0] == guarded


def test_only_text_columns_are_touched():
    frame = pl.DataFrame({"n": [-3, 5], "f": [-1.5, 2.0], "t": ["-3", "=1+1"]})
    out = guard_frame(frame)
    assert out["n"].to_list() == [-3, 5] and out["f"].to_list() == [-1.5, 2.0]
    assert out["t"].to_list() == ["-3", "'=1+1"]
