"""The numbers of a weekly summary (reads _period, text, language, source_file, sentiment, scope, topics, topic_sentiments, voc_score, discovered_topic, discovered_topic_label).

Every function takes a polars frame of analysed rows and returns a small
frame: one table of the report. Counts travel with every share, so a reader
(and the tests below) can tell a real change from noise on tiny counts.

A *response* is any row; a *comment* is a response with text (see
`is_comment`). Text shares (sentiment, scope, topics, languages) are shares
of comments: an NPS answer left blank says nothing about delivery.

Emerging topics use a one-sided two-proportion z-test of the topic's share
this week against its share over the baseline weeks, with Holm's correction
across topics; a topic needs at least ``min_count`` mentions this week to be
considered at all. Movers get the same test, two-sided, so a fall on a
handful of comments is not presented as news either.
"""

from __future__ import annotations

import math

import polars as pl

from voc.core import columns as C
from voc.report.periods import PERIOD

TEXT = "text"


def is_comment() -> pl.Expr:
    """True where the row has a comment: some character that is neither blank nor punctuation.

    Exports write a skipped question as nothing, spaces or a placeholder such as "-" or ".";
    the text itself is the honest signal (the store keeps it), where language "und" is not:
    "👍" has no language but is an answer.
    """
    return pl.col(TEXT).str.contains(r"[^\s\p{P}]").fill_null(False)


def volume(rows: pl.DataFrame, by: str) -> pl.DataFrame:
    """Comments per value of ``by`` (language, source_file, ...), with shares."""
    out = rows.group_by(by).len("comments").sort(["comments", by], descending=[True, False])
    return out.with_columns((pl.col("comments") / max(rows.height, 1)).round(4).alias("share"))


def split(rows: pl.DataFrame, column: str) -> pl.DataFrame:
    """Counts and shares of each value of ``column`` (sentiment, scope, intent, emotion)."""
    present = rows.filter(pl.col(column).is_not_null())
    out = present.group_by(column).len("comments").sort(column)
    return out.with_columns((pl.col("comments") / max(present.height, 1)).round(4).alias("share"))


def topic_table(rows: pl.DataFrame) -> pl.DataFrame:
    """Mentions, share of comments and sentiment split per taxonomy topic.

    A topic's sentiment is that of the clauses that mention it
    (topic_sentiments) when the rows have it, else the comment's: "the app is
    great but delivery was late" counts as negative for delivery only.
    """
    schema = {"topic": pl.String, "mentions": pl.UInt32, "share": pl.Float64, "negative_share": pl.Float64,
              "negative": pl.UInt32, "neutral": pl.UInt32, "positive": pl.UInt32}  # fmt: skip
    if C.TOPIC_SENTIMENTS in rows.columns:
        pairs = rows.select(pl.col(C.TOPIC_SENTIMENTS).alias("_pair")).explode("_pair").drop_nulls("_pair")
        parts = pl.col("_pair").str.split_exact(":", 1)
        exploded = pairs.select(parts.struct.field("field_0").alias("topic"), parts.struct.field("field_1").alias("_sentiment"))
    else:
        exploded = rows.select(pl.col(C.TOPICS).alias("topic"), pl.col(C.SENTIMENT).alias("_sentiment")).explode("topic")
    exploded = exploded.drop_nulls("topic").filter(pl.col("topic") != "")
    if exploded.is_empty():
        return pl.DataFrame(schema=schema)
    out = exploded.group_by("topic").agg(
        pl.len().alias("mentions"),
        (pl.col("_sentiment") == "negative").mean().round(3).alias("negative_share"),
        *[(pl.col("_sentiment") == s).sum().alias(s) for s in ("negative", "neutral", "positive")],
    )
    out = out.with_columns((pl.col("mentions") / max(rows.height, 1)).round(4).alias("share"))
    return out.select(list(schema)).sort(["mentions", "topic"], descending=[True, False])


def topic_trend(rows: pl.DataFrame, periods: list[str], topics: list[str]) -> pl.DataFrame:
    """Each of ``topics`` in each of ``periods``: mentions, share of the period's comments, and its sentiment split.

    net_sentiment is the positive share minus the negative share of the topic's mentions (-1..1); the
    shares are empty where the topic (or the whole period) had no comments, not 0.
    """
    out = []
    for period in periods:
        part = rows.filter(pl.col(PERIOD) == period)
        counts = {r["topic"]: r for r in topic_table(part).iter_rows(named=True)}
        for topic in topics:
            row = counts.get(topic, {})
            m = row.get("mentions", 0)
            shares = {f"{s}_share": round(row[s] / m, 4) if m else None for s in ("negative", "neutral", "positive")}
            net = round((row["positive"] - row["negative"]) / m, 4) if m else None
            out.append({"topic": topic, "period": period, "mentions": m, "comments": part.height,
                        "share": round(m / part.height, 4) if part.height else None, **shares, "net_sentiment": net})  # fmt: skip
    schema = {"topic": pl.String, "period": pl.String, "mentions": pl.Int64, "comments": pl.Int64, "share": pl.Float64,
              "negative_share": pl.Float64, "neutral_share": pl.Float64, "positive_share": pl.Float64, "net_sentiment": pl.Float64}  # fmt: skip
    return pl.DataFrame(out, schema=schema)


def _earlier(rows: pl.DataFrame, period: str, earlier: list[str] | None) -> list[str]:
    # The caller knows the periods, empty ones included; without it, the ones with rows.
    if earlier is not None:
        return sorted(w for w in earlier if w < period)
    return sorted(w for w in rows[PERIOD].unique().to_list() if w < period)


def movers(rows: pl.DataFrame, week: str, trailing: int = 4, earlier: list[str] | None = None,
           min_count: int = 5, alpha: float = 0.01) -> pl.DataFrame:  # fmt: skip
    """Each topic's share this period against the previous one and the trailing average of ``trailing`` periods.

    ``significant`` marks the changes that pass a two-sided two-proportion z-test of this period's
    count against the trailing periods' pooled count, Holm-corrected across topics at ``alpha``. A topic
    is tested only when it had, or was expected from its trailing share to have, ``min_count`` mentions
    this period: a fall from an expected three mentions to one is not a change anyone can see.
    """
    # A period without comments has no shares: it is skipped, not counted as 0% of everything.
    present = set(rows[PERIOD].unique().to_list())
    weeks = [w for w in _earlier(rows, week, earlier) if w in present]
    previous_label = _earlier(rows, week, earlier)[-1:]
    out = topic_table(rows.filter(pl.col(PERIOD) == week)).select("topic", "mentions", "share")
    if not weeks:
        return out.with_columns(pl.lit(None, dtype=pl.Float64).alias("p_value"), pl.lit(False).alias("significant")).sort(
            ["share", "topic"], descending=[True, False]
        )
    # Full joins: a topic that vanished this period is a mover too.
    previous = topic_table(rows.filter(pl.col(PERIOD).is_in(previous_label)))
    previous = previous.select("topic", pl.col("mentions").alias("previous_mentions"), pl.col("share").alias("previous_share"))
    out = out.join(previous, on="topic", how="full", coalesce=True)
    window = weeks[-trailing:]
    for w in window:
        t = topic_table(rows.filter(pl.col(PERIOD) == w)).select("topic", pl.col("share").alias(w))
        out = out.join(t, on="topic", how="full", coalesce=True)
    out = out.with_columns(pl.col("mentions", "share", *window).fill_null(0))
    if previous_label and previous_label[0] in present:
        out = out.with_columns(pl.col("previous_mentions", "previous_share").fill_null(0))
    out = out.with_columns(pl.mean_horizontal(window).round(4).alias("trailing_share")).drop(window)
    out = out.with_columns(
        (pl.col("share") - pl.col("previous_share")).round(4).alias("change_vs_previous"),
        (pl.col("share") - pl.col("trailing_share")).round(4).alias("change_vs_trailing"),
    )
    base = rows.filter(pl.col(PERIOD).is_in(window))
    n1, n0 = rows.filter(pl.col(PERIOD) == week).height, base.height
    pooled = topic_table(base).select("topic", pl.col("mentions").cast(pl.Int64).alias("baseline_mentions"))
    out = out.join(pooled, on="topic", how="left").with_columns(pl.col("baseline_mentions").fill_null(0))
    p_values = []
    for x1, x0 in out.select(pl.col("mentions").cast(pl.Int64), "baseline_mentions").iter_rows():
        expected = x0 / n0 * n1 if n0 else 0.0
        testable = n1 > 0 and n0 > 0 and max(x1, expected) >= min_count
        p_values.append(min(1.0, 2 * min(_one_sided_p(x1, n1, x0, n0), _one_sided_p(x0, n0, x1, n1))) if testable else None)
    out = out.with_columns(pl.Series("p_value", p_values, dtype=pl.Float64))
    passed = holm(p_values, alpha)
    out = out.with_columns(pl.Series("significant", [i in passed for i in range(len(p_values))], dtype=pl.Boolean))
    return out.sort([pl.col("change_vs_trailing").abs(), "topic"], descending=[True, False])


def holm(p_values: list[float | None], alpha: float) -> set[int]:
    """Indices of the tests (None: not tested) that pass Holm's step-down correction at family-wise ``alpha``."""
    tested = sorted((p, i) for i, p in enumerate(p_values) if p is not None)
    passed = set()
    for rank, (p, i) in enumerate(tested):
        if p > alpha / (len(tested) - rank):
            break  # Holm: stop at the first test that fails its threshold
        passed.add(i)
    return passed


def emerging(
    rows: pl.DataFrame, week: str, baseline_weeks: int = 8, min_count: int = 5, alpha: float = 0.01,
    earlier: list[str] | None = None,
) -> pl.DataFrame:  # fmt: skip
    """Topics whose share rose significantly this period (one-sided two-proportion z-test, Holm-corrected)."""
    now = rows.filter(pl.col(PERIOD) == week)
    baseline = _earlier(rows, week, earlier)[-baseline_weeks:]
    base = rows.filter(pl.col(PERIOD).is_in(baseline))
    columns = {"topic": pl.String, "mentions": pl.Int64, "share": pl.Float64, "baseline_mentions": pl.Int64,
               "baseline_share": pl.Float64, "p_value": pl.Float64}  # fmt: skip
    if now.is_empty() or base.is_empty():
        return pl.DataFrame(schema=columns)
    n1, n0 = now.height, base.height
    cur = dict(topic_table(now).select("topic", "mentions").iter_rows())
    old = dict(topic_table(base).select("topic", "mentions").iter_rows())
    tested = []
    for topic, x1 in cur.items():
        if x1 < min_count:
            continue  # tiny counts are never a trend
        x0 = old.get(topic, 0)
        tested.append((topic, x1, x1 / n1, x0, x0 / n0, _one_sided_p(x1, n1, x0, n0)))
    passed = holm([r[5] for r in tested], alpha)
    flagged = sorted((r for i, r in enumerate(tested) if i in passed), key=lambda r: r[5])
    return pl.DataFrame(flagged, schema=columns, orient="row")


def new_themes(rows: pl.DataFrame, period: str, earlier: list[str] | None = None, min_count: int = 5) -> pl.DataFrame:
    """Discovered topics (`voc analyze --discover` with a saved topic model) with at least ``min_count``
    comments this period and none in any earlier period of the data: a theme the model grew this week.

    Empty unless earlier periods carry discovered topics too: results analysed without --discover
    before would make every topic look new."""
    schema = {"discovered_topic": pl.Int64, "label": pl.String, "comments": pl.UInt32, "share": pl.Float64,
              "negative_share": pl.Float64}  # fmt: skip
    if C.DISCOVERED_TOPIC not in rows.columns:
        return pl.DataFrame(schema=schema)
    found = rows.filter(pl.col(C.DISCOVERED_TOPIC).is_not_null() & (pl.col(C.DISCOVERED_TOPIC) != -1))
    now = found.filter(pl.col(PERIOD) == period)
    before = found.filter(pl.col(PERIOD).is_in(_earlier(rows, period, earlier)))
    if now.is_empty() or before.is_empty():
        return pl.DataFrame(schema=schema)
    comments = max(rows.filter(pl.col(PERIOD) == period).height, 1)
    fresh = (
        now.filter(~pl.col(C.DISCOVERED_TOPIC).is_in(before.get_column(C.DISCOVERED_TOPIC).unique().implode()))
        .group_by(C.DISCOVERED_TOPIC)
        .agg(
            pl.col(C.DISCOVERED_TOPIC_LABEL).drop_nulls().mode().sort().first().alias("label"),
            pl.len().alias("comments"),
            (pl.col(C.SENTIMENT) == "negative").mean().round(4).alias("negative_share"),
        )
        .filter(pl.col("comments") >= min_count)
        .with_columns((pl.col("comments") / comments).round(4).alias("share"))
        .sort(["comments", C.DISCOVERED_TOPIC], descending=[True, False])
    )
    return fresh.select(list(schema)).cast(schema)


def _one_sided_p(x1: float, n1: int, x0: float, n0: int) -> float:
    """P-value of "the first proportion is larger" (two-proportion z-test, pooled variance)."""
    p1, p0 = x1 / n1, x0 / n0
    pooled = (x1 + x0) / (n1 + n0)
    se = math.sqrt(pooled * (1 - pooled) * (1 / n1 + 1 / n0))
    if se == 0:
        return 0.0 if p1 > p0 else 1.0
    z = (p1 - p0) / se
    return 0.5 * math.erfc(z / math.sqrt(2))


def above_p(x: int, n: int, level: float) -> float:
    """P-value of "the share x/n is above ``level``" (one-sided one-proportion z-test)."""
    if n <= 0 or not 0 < level < 1:
        return 1.0
    z = (x / n - level) / math.sqrt(level * (1 - level) / n)
    return 0.5 * math.erfc(z / math.sqrt(2))


def rise_p(x1: int, n1: int, x0: int, n0: int) -> float:
    """P-value of "x1/n1 is above x0/n0" (one-sided two-proportion z-test, as emerging topics use)."""
    return _one_sided_p(x1, n1, x0, n0) if n1 > 0 and n0 > 0 else 1.0


def _contributions(scale: str, scores: pl.Series) -> pl.Series:
    """Each response's part of its scale's measure, so the measure is their mean: NPS +100/0/-100, CSAT 100/0."""
    if scale == "0-10":
        return (scores >= 9).cast(pl.Float64) * 100 - (scores <= 6).cast(pl.Float64) * 100
    if scale == "1-5":
        return (scores >= 4).cast(pl.Float64) * 100
    if scale == "good-bad":  # Zendesk satisfaction: good 1, bad 0
        return scores.cast(pl.Float64) * 100
    return scores.cast(pl.Float64)


def score_change_p(now: pl.DataFrame, before: pl.DataFrame) -> dict[str, float | None]:
    """Per scale, the two-sided p-value of the change in NPS / CSAT / mean score (Welch's z on the contributions)."""
    out: dict[str, float | None] = {}
    for (scale,), part in now.filter(pl.col(C.SCORE).is_not_null()).group_by(C.SCORE_SCALE, maintain_order=True):
        old = before.filter((pl.col(C.SCORE_SCALE) == scale) & pl.col(C.SCORE).is_not_null())
        a, b = _contributions(scale, part[C.SCORE]), _contributions(scale, old[C.SCORE])
        if a.len() < 2 or b.len() < 2:
            out[scale] = None
            continue
        diff = float(a.mean() - b.mean())
        se = math.sqrt((a.var() or 0.0) / a.len() + (b.var() or 0.0) / b.len())
        out[scale] = (0.0 if diff else 1.0) if se == 0 else math.erfc(abs(diff) / se / math.sqrt(2))
    return out


def score_summary(rows: pl.DataFrame) -> pl.DataFrame:
    """NPS on 0-10 scores (promoters 9-10 minus detractors 0-6), CSAT on 1-5 (share of 4-5) and on good/bad (share
    of good), mean otherwise."""
    scored = rows.filter(pl.col(C.SCORE).is_not_null())
    out = []
    for (scale,), part in scored.group_by(C.SCORE_SCALE, maintain_order=True):
        s = part[C.SCORE]
        n = part.height
        if scale == "0-10":
            value = round(100 * (((s >= 9).sum() - (s <= 6).sum()) / n), 1)
            out.append(("NPS", scale, n, value))
        elif scale == "1-5":
            out.append(("CSAT %", scale, n, round(100 * (s >= 4).sum() / n, 1)))
        elif scale == "good-bad":  # Zendesk: CSAT is the share rated good
            out.append(("CSAT %", scale, n, round(100 * float(s.mean()), 1)))
        else:
            out.append(("mean score", scale, n, round(float(s.mean()), 2)))
    return pl.DataFrame(out, schema={"measure": pl.String, "scale": pl.String, "responses": pl.Int64, "value": pl.Float64}, orient="row")


def drivers(rows: pl.DataFrame, min_count: int = 10) -> pl.DataFrame:
    """Which topics pull the score down or up: mean score with the topic minus without, with a 95% interval.

    The interval is Welch's normal approximation; topics mentioned by fewer than
    ``min_count`` scored comments are left out rather than shown with a wild one.
    """
    scored = rows.filter(pl.col(C.SCORE).is_not_null()).with_row_index("_row")
    columns = {"topic": pl.String, "with_topic": pl.Int64, "mean_with": pl.Float64, "mean_without": pl.Float64,
               "gap": pl.Float64, "low": pl.Float64, "high": pl.Float64, "p_value": pl.Float64}  # fmt: skip
    if scored.is_empty():
        return pl.DataFrame(schema=columns)
    out = []
    for topic in topic_table(scored)["topic"].to_list():
        has = scored[C.TOPICS].list.contains(topic).fill_null(False)
        a, b = scored.filter(has)[C.SCORE], scored.filter(~has)[C.SCORE]
        if a.len() < min_count or b.len() < 2:
            continue
        gap = float(a.mean() - b.mean())
        se = math.sqrt((a.var() or 0.0) / a.len() + (b.var() or 0.0) / b.len())
        p = (0.0 if gap else 1.0) if se == 0 else math.erfc(abs(gap) / se / math.sqrt(2))  # two-sided, same approximation
        out.append((topic, a.len(), round(float(a.mean()), 2), round(float(b.mean()), 2), round(gap, 2),
                    round(gap - 1.96 * se, 2), round(gap + 1.96 * se, 2), p))  # fmt: skip
    return pl.DataFrame(out, schema=columns, orient="row").sort("gap")
