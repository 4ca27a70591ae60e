"""The report's churn risk and high effort over time (reads churn_risk, effort, _period).

Shares are of the comments that carry the signals (items in the four analysed
languages); a period whose rows were analysed before voc tagged signals has
none, and its shares are empty rather than zero. The intent and emotion mix
are split like sentiment (summarise.split).
"""

from __future__ import annotations

import polars as pl

from voc.core import columns as C
from voc.report.periods import PERIOD


def risk_trend(rows: pl.DataFrame, periods: list[str]) -> pl.DataFrame:
    """Per period: comments with signals, churn-risk and high-effort counts and shares."""
    tagged = rows.filter(pl.col(C.CHURN_RISK).is_not_null())
    counts = tagged.group_by(PERIOD).agg(
        pl.len().alias("tagged_comments"),
        pl.col(C.CHURN_RISK).sum().cast(pl.Int64).alias("churn_risk"),
        (pl.col(C.EFFORT) == "high").sum().cast(pl.Int64).alias("high_effort"),
    )
    frame = pl.DataFrame({"period": periods}).join(counts.rename({PERIOD: "period"}), on="period", how="left")
    frame = frame.with_columns(pl.col("tagged_comments", "churn_risk", "high_effort").fill_null(0))
    shares = [(pl.col(c) / pl.col("tagged_comments")).round(4).alias(f"{c}_share") for c in ("churn_risk", "high_effort")]
    return frame.with_columns(shares).with_columns(
        [pl.when(pl.col("tagged_comments") > 0).then(pl.col(f"{c}_share")).alias(f"{c}_share") for c in ("churn_risk", "high_effort")]
    )


def sentences(risk: pl.DataFrame, min_count: int) -> list[tuple[str, str]]:
    """(kind, sentence) for churn risk and high effort this period, when at least ``min_count`` comments carry it."""
    if not risk.height:
        return []
    now = risk.row(-1, named=True)
    before = risk.row(-2, named=True) if risk.height > 1 else None
    out = []
    for kind, column, what in (("churn", "churn_risk", "say or imply leaving (churn risk)"),
                               ("effort", "high_effort", "describe high effort (repeated contacts, transfers, holds, chasing)")):  # fmt: skip
        if now[column] < max(min_count, 1):
            continue
        was = ""
        if before and before["tagged_comments"]:
            was = f", against {100 * before[f'{column}_share']:.0f}% ({before[column]}) in the previous period"
        out.append((kind, f"{now[column]} comments ({100 * now[f'{column}_share']:.0f}%) {what}{was}."))
    return out
