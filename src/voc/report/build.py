"""Build a report: its tables, findings with example comments, and alerts (reads rows labelled with _period).

This step decides *what* a report says; render.py decides how it looks and
output.py where it goes. Every number a sentence quotes is also in a table,
so the reader of summary.md and the spreadsheet picking up summary.xlsx see
the same figures.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

import polars as pl

from voc.core import columns as C
from voc.report import summarise as S
from voc.report.alerts import fired
from voc.report.periods import PERIOD, Window
from voc.report.redact import redact as redact_text, redact_email
from voc.report.settings import ReportSettings

SIDES = ("service", "experience", "both", "none")
SENTIMENTS = ("negative", "neutral", "positive")


@dataclass
class Finding:
    kind: str  # "topic", "mover", "emerging" or "driver"
    topic: str
    sentence: str
    direction: str = "negative"  # the sentiment its example comments should show
    examples: list[dict] = field(default_factory=list)


@dataclass
class Report:
    window: Window
    windows: list[Window]  # the trend's periods, oldest first, the reported one last
    comments: int
    tables: dict[str, pl.DataFrame]
    headline: list[str]
    findings: list[Finding]
    alerts: list[str]
    notes: list[str]
    source: str
    labels: dict[str, str]  # topic id -> name
    title: str = ""  # what the report covers, for headings: "2026-W47 (16-22 Nov 2026)"

    @property
    def has_scores(self) -> bool:
        return any(c.endswith("_responses") for c in self.tables["trend"].columns)


def build(rows: pl.DataFrame, windows: list[Window], settings: ReportSettings, *, source: str,
          labels: dict[str, str], redact: bool = True, undated: bool = False) -> Report:  # fmt: skip
    """A report on the last of ``windows``; ``rows`` are labelled with their window in PERIOD."""
    window = windows[-1]
    periods = [w.label for w in windows]
    now = rows.filter(pl.col(PERIOD) == window.label)
    before = rows.filter(pl.col(PERIOD) == periods[-2]) if len(periods) > 1 else rows.clear()
    name = lambda topic: labels.get(topic, topic)  # noqa: E731

    trend = _trend(rows, windows[-settings.trend_periods :])
    topics = _topics(rows, window.label, periods, settings)
    emerging = S.emerging(rows, window.label, settings.baseline_periods, settings.emerging_min_count,
                          settings.emerging_alpha, earlier=periods)  # fmt: skip
    scores = _scores(now, before)
    driver_rows = rows.filter(pl.col(PERIOD).is_in(periods[-settings.driver_periods :]))
    drivers = _drivers(driver_rows, settings.driver_min_count)
    tables = {
        "trend": trend,
        "languages": S.volume(now, C.LANGUAGE),
        "sources": S.volume(now, C.SOURCE_FILE),
        "channels": S.volume(now.filter(pl.col(C.CHANNEL).is_not_null()), C.CHANNEL),
        "sentiment": _with_previous(S.split(now, C.SENTIMENT), S.split(before, C.SENTIMENT), C.SENTIMENT),
        "scope": _with_previous(S.split(now, C.SCOPE), S.split(before, C.SCOPE), C.SCOPE),
        "topics": _named(topics.head(settings.top_topics), labels),
        "movers": _named(_movers(topics, settings), labels),
        "emerging": _named(emerging, labels),
        "scores": scores,
        "drivers": _named(drivers, labels),
    }
    findings = _findings(tables, name, settings) if now.height else []
    chosen: set[str] = set()
    for finding in findings:
        pool = driver_rows if finding.kind == "driver" else now
        finding.examples = _examples(pool, finding, settings.examples, chosen, redact)
    alerts = fired(tables, now.height, settings.alerts, name) if now.height else []
    tables["examples"] = pl.DataFrame(
        [{"finding": f.sentence, "topic": f.topic, **e} for f in findings for e in f.examples],
        schema={"finding": pl.String, "topic": pl.String, C.VOC_ID: pl.String, C.LANGUAGE: pl.String,
                C.SENTIMENT: pl.String, "text": pl.String},  # fmt: skip
    )
    tables["alerts"] = pl.DataFrame({"alert": alerts}, schema={"alert": pl.String})
    tables = {"overview": _overview(window, now, before, tables), **tables}
    title = "every row (the results have no dates)" if undated else f"{window.label} ({window.span})"
    when = "these results" if undated else window.span
    return Report(window, windows, now.height, tables, _headline(window, when, now, before, tables, name), findings,
                  alerts, _notes(settings, redact), source, labels, title)  # fmt: skip


def _named(table: pl.DataFrame, labels: dict[str, str]) -> pl.DataFrame:
    """Adds the topic's name for people; ``topic`` keeps the id for scripts."""
    return table.with_columns(pl.col("topic").replace_strict(labels, default=pl.col("topic")).alias("name"))


def _trend(rows: pl.DataFrame, windows: list[Window]) -> pl.DataFrame:
    """One row per period, empty periods included (a gap in the data is news too)."""
    out = []
    for w in windows:
        part = rows.filter(pl.col(PERIOD) == w.label)
        counts = {v: int((part[C.SENTIMENT] == v).sum()) for v in SENTIMENTS}
        sides = {v: int((part[C.SCOPE] == v).sum()) for v in SIDES}
        row = {"period": w.label, "first_day": w.start, "comments": part.height, **counts,
               "negative_share": round(counts["negative"] / part.height, 4) if part.height else None, **sides}  # fmt: skip
        for score in S.score_summary(part).iter_rows(named=True):
            key = _measure_key(score["measure"], score["scale"])
            row[key], row[f"{key}_responses"] = score["value"], score["responses"]
        out.append(row)
    keys = sorted({k for r in out for k in r if k.endswith("_responses")})
    for r in out:  # every period gets every measure's columns, empty where it had no scores
        for k in keys:
            r.setdefault(k, 0)
            r.setdefault(k.removesuffix("_responses"), None)
    # Periods before the history's first comment are not news: the trend starts at the first one with data.
    first = next((i for i, r in enumerate(out) if r["comments"]), len(out) - 1)
    out = out[first:]
    schema = {k.removesuffix("_responses"): pl.Float64 for k in keys}
    order = [c for c in out[0] if not c.endswith("_responses") and c not in schema]
    order += [c for k in keys for c in (k.removesuffix("_responses"), k)]
    return pl.DataFrame(out, schema_overrides={"negative_share": pl.Float64, **schema}).select(order)


def _measure_key(measure: str, scale: str) -> str:
    return {"NPS": "nps", "CSAT %": "csat"}.get(measure, f"mean_{scale.replace('-', '_')}")


def _topics(rows: pl.DataFrame, period: str, periods: list[str], settings: ReportSettings) -> pl.DataFrame:
    now = S.topic_table(rows.filter(pl.col(PERIOD) == period))
    moves = S.movers(rows, period, settings.trailing_periods, earlier=periods)
    keep = [c for c in ("topic", "previous_share", "trailing_share", "change_vs_previous", "change_vs_trailing") if c in moves.columns]
    return now.join(moves.select(keep), on="topic", how="left")


def _movers(topics: pl.DataFrame, settings: ReportSettings) -> pl.DataFrame:
    if "change_vs_trailing" not in topics.columns:
        return topics.clear().select("topic", "mentions", "share")
    return (
        topics.select("topic", "mentions", "share", "previous_share", "trailing_share", "change_vs_previous", "change_vs_trailing")
        .filter(pl.col("change_vs_trailing").abs() >= 0.01)
        .sort([pl.col("change_vs_trailing").abs(), "topic"], descending=[True, False])
        .head(settings.top_topics)
    )


def _scores(now: pl.DataFrame, before: pl.DataFrame) -> pl.DataFrame:
    current = S.score_summary(now)
    previous = S.score_summary(before).select("measure", "scale", pl.col("responses").alias("previous_responses"), pl.col("value").alias("previous_value"))
    out = current.join(previous, on=["measure", "scale"], how="left")
    return out.with_columns((pl.col("value") - pl.col("previous_value")).round(1).alias("change"))


def _drivers(rows: pl.DataFrame, min_count: int) -> pl.DataFrame:
    """Drivers per score scale (a gap in NPS points and one in stars do not mix)."""
    parts = []
    for (scale,), part in rows.filter(pl.col(C.SCORE).is_not_null()).group_by(C.SCORE_SCALE, maintain_order=True):
        table = S.drivers(part, min_count)
        parts.append(table.with_columns(pl.lit(scale, dtype=pl.String).alias("scale")))
    return pl.concat(parts) if parts else S.drivers(rows.clear(), min_count).with_columns(pl.lit(None, dtype=pl.String).alias("scale"))


def _with_previous(now: pl.DataFrame, before: pl.DataFrame, key: str) -> pl.DataFrame:
    return now.join(before.select(key, pl.col("share").alias("previous_share")), on=key, how="left")


def _pct(x: float | None) -> str:
    return "n/a" if x is None else f"{100 * x:.0f}%"


def _overview(window: Window, now: pl.DataFrame, before: pl.DataFrame, tables: dict) -> pl.DataFrame:
    def share(column: str, value: str, frame: pl.DataFrame) -> float | None:
        return round(float((frame[column] == value).mean()), 4) if frame.height else None

    items = [("period", window.label), ("first_day", str(window.start)), ("last_day", str(window.end - dt.timedelta(days=1))),
             ("comments", now.height), ("previous_comments", before.height),
             ("negative_share", share(C.SENTIMENT, "negative", now)), ("previous_negative_share", share(C.SENTIMENT, "negative", before)),
             ("service_share", share(C.SCOPE, "service", now)), ("experience_share", share(C.SCOPE, "experience", now)),
             ("both_share", share(C.SCOPE, "both", now)), ("emerging_topics", tables["emerging"].height)]  # fmt: skip
    for row in tables["scores"].iter_rows(named=True):
        items.append((f"{row['measure']} ({row['scale']})", row["value"]))
    return pl.DataFrame({"metric": [k for k, _ in items], "value": ["" if v is None else str(v) for _, v in items]})


def _headline(window: Window, when: str, now: pl.DataFrame, before: pl.DataFrame, tables: dict, name) -> list[str]:  # noqa: ANN001
    if not now.height:
        return [f"No comments in {window.label} ({window.span}). Nothing to summarise for this period."]
    diff = now.height - before.height
    change = ", as many as the previous period" if not diff else f", {diff:+d} on the previous period ({before.height})"
    if tables["trend"].height < 2:
        change = ""  # nothing to compare with (results without dates)
    langs = ", ".join(f"{r[C.LANGUAGE]} {_pct(r['share'])}" for r in tables["languages"].head(5).iter_rows(named=True))
    lines = [f"**{now.height} comments** in {when}{change}. Languages: {langs}."]
    if tables["channels"].height:
        lines.append("Channels: " + ", ".join(f"{r[C.CHANNEL]} {r['comments']}" for r in tables["channels"].head(6).iter_rows(named=True)) + ".")
    sent = {r[C.SENTIMENT]: r for r in tables["sentiment"].iter_rows(named=True)}
    neg = sent.get("negative", {})
    was = f" (previous period {_pct(neg.get('previous_share'))})" if neg.get("previous_share") is not None else ""
    lines.append(f"Sentiment: **{_pct(neg.get('share', 0))} negative**{was}, {_pct(sent.get('neutral', {}).get('share', 0))} neutral, "
                 f"{_pct(sent.get('positive', {}).get('share', 0))} positive.")  # fmt: skip
    sides = {r[C.SCOPE]: r["share"] for r in tables["scope"].iter_rows(named=True)}
    lines.append(f"Customer service {_pct(sides.get('service', 0))}, wider experience {_pct(sides.get('experience', 0))}, "
                 f"both {_pct(sides.get('both', 0))}, neither {_pct(sides.get('none', 0))}.")  # fmt: skip
    for row in tables["scores"].iter_rows(named=True):
        prev = f" (previous {row['previous_value']:g}, n={row['previous_responses']})" if row["previous_value"] is not None else ""
        lines.append(f"{row['measure']} **{row['value']:g}** from {row['responses']} responses{prev}.")
    if tables["topics"].height:
        top = ", ".join(f"{name(r['topic'])} ({r['mentions']}, {_pct(r['negative_share'])} negative)" for r in tables["topics"].head(3).iter_rows(named=True))
        lines.append(f"Most mentioned: {top}.")
    if tables["emerging"].height:
        lines.append("Emerging: " + ", ".join(name(t) for t in tables["emerging"]["topic"]) + ".")
    return lines


def _findings(tables: dict, name, settings: ReportSettings) -> list[Finding]:  # noqa: ANN001
    out: list[Finding] = []
    for row in tables["emerging"].iter_rows(named=True):
        out.append(Finding("emerging", row["topic"], (
            f"{name(row['topic'])} is emerging: {row['mentions']} mentions, {_pct(row['share'])} of comments "
            f"against {_pct(row['baseline_share'])} before (p = {row['p_value']:.2g})."
        )))  # fmt: skip
    flagged = {f.topic for f in out}
    for row in tables["movers"].iter_rows(named=True):
        if row["topic"] in flagged or len([f for f in out if f.kind == "mover"]) >= 2:
            continue
        small = abs(row["change_vs_trailing"]) < 0.03
        if small or (row["change_vs_trailing"] > 0 and row["mentions"] < settings.emerging_min_count):
            continue  # a rise on a handful of mentions is not news
        verb = "rose" if row["change_vs_trailing"] > 0 else "fell"
        out.append(Finding("mover", row["topic"], (
            f"{name(row['topic'])} {verb} to {_pct(row['share'])} of comments ({row['mentions']}), from a "
            f"{settings.trailing_periods}-period average of {_pct(row['trailing_share'])} (previous period {_pct(row['previous_share'])})."
        )))  # fmt: skip
    told = {f.topic for f in out}
    for row in tables["topics"].filter(~pl.col("topic").is_in(list(told))).head(3).iter_rows(named=True):
        out.append(Finding("topic", row["topic"], (
            f"{name(row['topic'])}: {row['mentions']} mentions ({_pct(row['share'])} of comments), "
            f"{_pct(row['negative_share'])} negative, {_pct(row['positive'] / row['mentions'])} positive."
        ), "negative" if row["negative"] >= row["positive"] else "positive"))  # fmt: skip
    drivers = tables["drivers"]
    for row in drivers.filter(pl.col("high") < 0).head(2).iter_rows(named=True):
        out.append(_driver(row, name, "pulls the score down"))
    for row in drivers.filter(pl.col("low") > 0).sort("gap", descending=True).head(1).iter_rows(named=True):
        out.append(_driver(row, name, "lifts the score", "positive"))
    return out


def _driver(row: dict, name, verb: str, direction: str = "negative") -> Finding:  # noqa: ANN001
    return Finding("driver", row["topic"], (
        f"{name(row['topic'])} {verb}: mean {row['mean_with']:g} with it against {row['mean_without']:g} without "
        f"(gap {row['gap']:+g}, 95% CI {row['low']:+g} to {row['high']:+g}, {row['with_topic']} scored comments, {row['scale']} scale)."
    ), direction)  # fmt: skip


def _examples(rows: pl.DataFrame, finding: Finding, n: int, chosen: set[str], redact: bool) -> list[dict]:
    """Short, clear comments about the finding's topic, in the finding's direction, none quoted twice."""
    if n <= 0 or rows.is_empty():
        return []
    mentions = pl.col(C.TOPICS).list.contains(finding.topic)
    if C.TOPIC_SENTIMENTS in rows.columns:
        direction = pl.col(C.TOPIC_SENTIMENTS).list.contains(f"{finding.topic}:{finding.direction}")
    else:
        direction = pl.col(C.SENTIMENT) == finding.direction
    length = pl.col("text").str.len_chars()
    candidates = (
        rows.filter(mentions.fill_null(False) & ~pl.col(C.VOC_ID).is_in(list(chosen)) & (length >= 15))
        # The finding's direction first, then a readable length (a quote, not an essay), then the clearest sentiment.
        .with_columns(
            (~direction.fill_null(False)).alias("_other"),
            ((length - 120).abs() // 60).alias("_fit"),
            pl.col(C.SENTIMENT_SCORE).abs().fill_null(0).alias("_strength"),
        )
        .sort(["_other", "_fit", "_strength", C.VOC_ID], descending=[False, False, True, False])
        .head(n)
    )
    out = []
    for row in candidates.iter_rows(named=True):
        chosen.add(row[C.VOC_ID])
        text = " ".join(row["text"].split())
        text = redact_text(text) if redact else text
        # An id can be an e-mail address; its numbers stay, they are how the ticket is found again.
        out.append({C.VOC_ID: redact_email(row[C.VOC_ID]) if redact else row[C.VOC_ID], C.LANGUAGE: row[C.LANGUAGE], C.SENTIMENT: row[C.SENTIMENT],
                    "text": text if len(text) <= 300 else text[:299].rstrip() + "…"})  # fmt: skip
    return out


def _notes(settings: ReportSettings, redact: bool) -> list[str]:
    notes = [
        f"Emerging topics: one-sided two-proportion z-test of a topic's share this period against the previous "
        f"{settings.baseline_periods} periods, Holm-corrected across topics at {settings.emerging_alpha:g}; a topic needs "
        f"at least {settings.emerging_min_count} mentions this period to be tested, so tiny counts never count as a trend.",
        f"Movers compare a topic's share of comments with the previous period and with the average of the {settings.trailing_periods} before.",
        f"Drivers: mean score of comments that mention a topic minus the mean of those that do not, over the last "
        f"{settings.driver_periods} periods, with Welch's 95% interval; topics with fewer than {settings.driver_min_count} "
        "scored comments are left out. A gap is an association, not proof of cause.",
        "A topic's sentiment is that of the clauses that mention it. NPS = % of 9-10 minus % of 0-6; CSAT = % of 4-5.",
    ]
    notes.append("Personal data (e-mail, phone, IBAN, card numbers) is redacted from example comments."
                 if redact else "Example comments are NOT redacted (--no-redact).")  # fmt: skip
    return notes
