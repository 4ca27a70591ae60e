"""Alerts: the report's tables checked against the thresholds in [report.alerts] (reads the tables build.py made).

An alert is one plain sentence, because it ends up in a cron mail or a CI log.
`voc report --fail-on-alert` turns any alert into exit status 3.

A threshold alone is not enough: each alert also needs its test to pass at
``alpha`` ([report] finding_alpha), as emerging topics do, so 11 negative
comments out of 20 do not page anyone about a "55% negative" week:

- negative share above the threshold: one-sided one-proportion z-test against it;
- negative share rising: one-sided two-proportion z-test against the pooled earlier periods;
- a topic rising: the movers' test (summarise.movers, Holm-corrected across topics);
- NPS / CSAT falling: the scores table's test of the change, one-sided;
- churn risk rising: one-sided two-proportion z-test against the pooled earlier periods, as for negative share.
"""

from __future__ import annotations

from typing import Callable

import polars as pl

from voc.report.settings import Alerts
from voc.report.summarise import above_p, rise_p


def fired(tables: dict[str, pl.DataFrame], comments: int, limits: Alerts, name: Callable[[str], str], alpha: float = 0.01) -> list[str]:
    if comments < max(limits.min_comments, 1):
        return []  # a handful of comments cannot carry an alert (see min_comments)
    out: list[str] = []
    trend = tables["trend"]
    negative, count, n = trend["negative_share"][-1], trend["negative"][-1], trend["comments"][-1]
    if limits.negative_share and negative is not None and negative > limits.negative_share and above_p(count, n, limits.negative_share) <= alpha:
        out.append(f"negative share {negative:.0%} is above the {limits.negative_share:.0%} threshold")
    earlier = trend.head(trend.height - 1).filter(pl.col("comments") >= limits.min_comments).tail(4)
    if limits.negative_rise and negative is not None and earlier.height:
        baseline = float(earlier["negative_share"].mean())
        significant = rise_p(count, n, int(earlier["negative"].sum()), int(earlier["comments"].sum())) <= alpha
        if negative - baseline >= limits.negative_rise and significant:
            out.append(f"negative share rose to {negative:.0%} from an average of {baseline:.0%} ({100 * (negative - baseline):+.0f} points)")
    movers = tables["movers"]
    if limits.topic_rise and "change_vs_trailing" in movers.columns:
        rising = movers.filter((pl.col("change_vs_trailing") >= limits.topic_rise) & (pl.col("mentions") >= limits.topic_min_mentions)
                               & pl.col("significant"))  # fmt: skip
        for row in rising.iter_rows(named=True):
            out.append(f"topic {name(row['topic'])!r} rose to {row['share']:.0%} of comments from {row['trailing_share']:.0%} "
                       f"({row['mentions']} mentions)")  # fmt: skip
    if limits.emerging:
        for row in tables["emerging"].iter_rows(named=True):
            out.append(f"topic {name(row['topic'])!r} is emerging ({row['mentions']} mentions, p = {row['p_value']:.2g})")
    churn = _churn(tables.get("risk"), limits, alpha)
    if churn:
        out.append(churn)
    for row in tables["scores"].iter_rows(named=True):
        drop = {"NPS": limits.nps_drop, "CSAT %": limits.csat_drop}.get(row["measure"], 0.0)
        enough = row["responses"] >= limits.min_comments and (row["previous_responses"] or 0) >= limits.min_comments
        significant = row["p_value"] is not None and row["p_value"] / 2 <= alpha  # one-sided: the change is a fall
        if drop and enough and row["change"] is not None and -row["change"] >= drop and significant:
            out.append(f"{row['measure']} fell to {row['value']:g} from {row['previous_value']:g} ({row['change']:+g})")
    return out


def _churn(risk: pl.DataFrame | None, limits: Alerts, alpha: float) -> str | None:
    """The churn-risk share of this period against the average of the (up to 4) periods before with enough comments."""
    if not limits.churn_rise or risk is None or risk.height < 2:
        return None
    now = risk.row(-1, named=True)
    earlier = risk.head(risk.height - 1).filter(pl.col("tagged_comments") >= limits.min_comments).tail(4)
    if not earlier.height or now["churn_risk"] < limits.churn_min_count or not now["tagged_comments"]:
        return None
    baseline = float(earlier["churn_risk"].sum() / earlier["tagged_comments"].sum())
    share = now["churn_risk_share"]
    significant = rise_p(now["churn_risk"], now["tagged_comments"], int(earlier["churn_risk"].sum()), int(earlier["tagged_comments"].sum())) <= alpha
    if share - baseline >= limits.churn_rise and significant:
        return f"churn risk rose to {share:.0%} of comments ({now['churn_risk']}) from an average of {baseline:.0%}"
    return None
