"""Keep spreadsheets from executing text as formulas (CSV/formula injection).

Following OWASP's guidance, a text cell that starts with ``=``, ``+``, ``-``,
``@``, a tab or a carriage return gets a leading ``'`` so Excel, LibreOffice and
Google Sheets show it as text instead of evaluating it. Customer comments do
start that way ("- parcel late", "+1 for the app", "@Support why..."), and an
attacker can write ``=HYPERLINK(...)`` into a feedback form. Only text cells
are touched, and text that is a plain number ("-3", "+5.5") is left alone, so
numbers stay numbers.
"""

from __future__ import annotations

import polars as pl

TRIGGERS = r"^[=+\-@\t\r]"
_PLAIN_NUMBER = r"^[+-]?(?:\d+(?:[.,]\d*)?|[.,]\d+)(?:[eE][+-]?\d+)?$"


def guard_expr(column: str) -> pl.Expr:
    col = pl.col(column)
    risky = col.str.contains(TRIGGERS) & ~col.str.contains(_PLAIN_NUMBER)
    return pl.when(risky).then(pl.lit("'") + col).otherwise(col).alias(column)


def guard_value(value: str) -> str:
    """The same rule for one value (used where rows are written one by one)."""
    import re

    if value and value[0] in "=+-@\t\r" and not re.match(_PLAIN_NUMBER, value):
        return "'" + value
    return value


def guard_frame(frame: pl.DataFrame) -> pl.DataFrame:
    text = [name for name, dtype in frame.schema.items() if dtype == pl.String]
    return frame.with_columns(guard_expr(c) for c in text) if text else frame
