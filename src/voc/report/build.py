"""Build a report: its tables, findings with example comments, and alerts (reads rows labelled with _period, and their text).

This step decides *what* a report says; render.py decides how it looks and
output.py where it goes. Every number a sentence quotes is also in a table,
so the reader of summary.md and the spreadsheet picking up summary.xlsx see
the same figures.

Responses (every row) give volume and NPS/CSAT; comments (responses with
text, summarise.is_comment) give every text share. A change becomes a
finding only when it passes its test (see summarise.movers and alerts.py);
the tables still list every topic, tested or not.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

import polars as pl

from voc.core import columns as C
from voc.report import signals as G
from voc.report import summarise as S
from voc.report.alerts import fired
from voc.report.periods import PERIOD, Window
from voc.report.redact import redact as redact_text, redact_email
from voc.report.settings import ReportSettings

SIDES = ("service", "experience", "both", "none")
SENTIMENTS = ("negative", "neutral", "positive")


@dataclass
class Finding:
    kind: str  # "topic", "mover", "emerging", "driver", "new_theme" (topic: the discovered topic's id), "churn" or "effort"
    topic: str
    sentence: str
    direction: str = "negative"  # the sentiment its example comments should show
    examples: list[dict] = field(default_factory=list)


@dataclass
class Report:
    window: Window
    windows: list[Window]  # the trend's periods, oldest first, the reported one last
    comments: int  # responses with text in the reported period
    tables: dict[str, pl.DataFrame]
    headline: list[str]
    findings: list[Finding]
    alerts: list[str]
    notes: list[str]
    source: str
    labels: dict[str, str]  # topic id -> name
    title: str = ""  # what the report covers, for headings: "2026-W47 (16-22 Nov 2026)"
    responses: int = 0  # every row of the reported period, with or without text

    @property
    def has_scores(self) -> bool:
        return any(c.endswith("_responses") for c in self.tables["trend"].columns)


def build(rows: pl.DataFrame, windows: list[Window], settings: ReportSettings, *, source: str,
          labels: dict[str, str], redact: bool = True, undated: bool = False) -> Report:  # fmt: skip
    """A report on the last of ``windows``; ``rows`` are labelled with their window in PERIOD."""
    window = windows[-1]
    periods = [w.label for w in windows]
    # A re-post or copy-pasted message (duplicate_of names its original) is counted once: as its original.
    copies = rows.filter(pl.col(C.DUPLICATE_OF).is_not_null()) if C.DUPLICATE_OF in rows.columns else rows.clear()
    answers = rows.filter(pl.col(C.DUPLICATE_OF).is_null()) if copies.height else rows  # every response: volume and scores
    rows = answers.filter(S.is_comment())  # responses with text: every text share
    in_period = lambda frame, label: frame.filter(pl.col(PERIOD) == label) if label else frame.clear()  # noqa: E731
    previous = periods[-2] if len(periods) > 1 else None
    now, before = in_period(rows, window.label), in_period(rows, previous)
    now_all, before_all = in_period(answers, window.label), in_period(answers, previous)
    name = lambda topic: labels.get(topic, topic)  # noqa: E731

    trend = _trend(answers, windows[-settings.trend_periods :])
    topics = _topics(rows, window.label, periods, settings)
    emerging = S.emerging(rows, window.label, settings.baseline_periods, settings.emerging_min_count,
                          settings.emerging_alpha, earlier=periods)  # fmt: skip
    scores = _scores(now_all, before_all)
    driver_rows = rows.filter(pl.col(PERIOD).is_in(periods[-settings.driver_periods :]))
    drivers = _drivers(driver_rows, settings.driver_min_count)
    channelled = pl.col(C.CHANNEL).is_not_null()
    tables = {
        "trend": trend,
        "languages": _languages(now),
        "sources": _volume(now_all, now, C.SOURCE_FILE),
        "channels": _volume(now_all.filter(channelled), now.filter(channelled), C.CHANNEL),
        "sentiment": _with_previous(S.split(now, C.SENTIMENT), S.split(before, C.SENTIMENT), C.SENTIMENT),
        "scope": _with_previous(S.split(now, C.SCOPE), S.split(before, C.SCOPE), C.SCOPE),
        "topics": _named(topics.head(settings.top_topics), labels),
        "movers": _named(_movers(topics, settings), labels),
        "emerging": _named(emerging, labels),
        "new_themes": S.new_themes(rows, window.label, periods, settings.emerging_min_count),
        "scores": scores,
        "drivers": _named(drivers, labels),
        "topic_trend": _named(_topic_trend(rows, trend["period"].to_list(), settings.top_topics), labels),
        "intent": _with_previous(S.split(now, C.INTENT), S.split(before, C.INTENT), C.INTENT),
        "emotion": _with_previous(S.split(now, C.EMOTION), S.split(before, C.EMOTION), C.EMOTION),
        "risk": G.risk_trend(rows, trend["period"].to_list()),
    }
    findings = _findings(tables, name, settings) if now.height else []
    chosen: set[str] = set()
    for finding in findings:
        pool = driver_rows if finding.kind == "driver" else now
        finding.examples = _examples(pool, finding, settings.examples, chosen, redact)
    alerts = fired(tables, now.height, settings.alerts, name, settings.finding_alpha) if now.height else []
    tables["examples"] = pl.DataFrame(
        [{"finding": f.sentence, "topic": f.topic, **e} for f in findings for e in f.examples],
        schema={"finding": pl.String, "topic": pl.String, C.VOC_ID: pl.String, C.LANGUAGE: pl.String,
                C.SENTIMENT: pl.String, "text": pl.String},  # fmt: skip
    )
    tables["alerts"] = pl.DataFrame({"alert": alerts}, schema={"alert": pl.String})
    tables = {"overview": _overview(window, now, before, tables, now_all.height, before_all.height), **tables}
    title = "every row (the results have no dates)" if undated else f"{window.label} ({window.span})"
    when = "these results" if undated else window.span
    headline = _headline(window, when, now, before, tables, name, now_all.height)
    notes = _notes(settings, redact)
    if copies.height:
        in_now = int((copies[PERIOD] == window.label).sum())
        notes.insert(0, f"Near-duplicates are counted once: {copies.height} row(s) that repeat an earlier one (duplicate_of), "
                        f"{in_now} of them in {window.label}, are left out of every count and share.")  # fmt: skip
    return Report(window, windows, now.height, tables, headline, findings, alerts, notes, source, labels, title, now_all.height)


def _named(table: pl.DataFrame, labels: dict[str, str]) -> pl.DataFrame:
    """Adds the topic's name for people; ``topic`` keeps the id for scripts."""
    return table.with_columns(pl.col("topic").replace_strict(labels, default=pl.col("topic")).alias("name"))


def _trend(answers: pl.DataFrame, windows: list[Window]) -> pl.DataFrame:
    """One row per period, empty periods included (a gap in the data is news too): responses, and the comments' split."""
    out = []
    for w in windows:
        part = answers.filter(pl.col(PERIOD) == w.label)
        texted = part.filter(S.is_comment())
        counts = {v: int((texted[C.SENTIMENT] == v).sum()) for v in SENTIMENTS}
        sides = {v: int((texted[C.SCOPE] == v).sum()) for v in SIDES}
        row = {"period": w.label, "first_day": w.start, "responses": part.height, "comments": texted.height, **counts,
               "negative_share": round(counts["negative"] / texted.height, 4) if texted.height else None, **sides}  # fmt: skip
        for score in S.score_summary(part).iter_rows(named=True):
            key = _measure_key(score["measure"], score["scale"])
            row[key], row[f"{key}_responses"] = score["value"], score["responses"]
        out.append(row)
    keys = sorted({k for r in out for k in r if k.endswith("_responses")})
    for r in out:  # every period gets every measure's columns, empty where it had no scores
        for k in keys:
            r.setdefault(k, 0)
            r.setdefault(k.removesuffix("_responses"), None)
    # Periods before the history's first response are not news: the trend starts at the first one with data.
    first = next((i for i, r in enumerate(out) if r["responses"]), len(out) - 1)
    out = out[first:]
    schema = {k.removesuffix("_responses"): pl.Float64 for k in keys}
    order = [c for c in out[0] if not c.endswith("_responses") and c not in schema]
    order += [c for k in keys for c in (k.removesuffix("_responses"), k)]
    return pl.DataFrame(out, schema_overrides={"negative_share": pl.Float64, **schema}).select(order)


def _measure_key(measure: str, scale: str) -> str:
    return {"NPS": "nps", "CSAT %": "csat"}.get(measure, f"mean_{scale.replace('-', '_')}")


def _topic_trend(rows: pl.DataFrame, periods: list[str], top: int) -> pl.DataFrame:
    """The most mentioned topics over the trend's periods, each period by period."""
    topics = S.topic_table(rows.filter(pl.col(PERIOD).is_in(periods)))["topic"].head(top).to_list()
    return S.topic_trend(rows, periods, topics)


def _languages(comments: pl.DataFrame) -> pl.DataFrame:
    # "und" is a code for scripts, not a language a manager knows; only a text with no letters to tell gets it.
    return S.volume(comments, C.LANGUAGE).with_columns(pl.col(C.LANGUAGE).replace(C.UNDETERMINED, "undetermined"))


def _volume(answers: pl.DataFrame, comments: pl.DataFrame, by: str) -> pl.DataFrame:
    """Responses and comments per source file or channel; the share is of the period's comments."""
    counts = answers.group_by(by).len("responses").join(comments.group_by(by).len("comments"), on=by, how="left")
    out = counts.with_columns(pl.col("comments").fill_null(0)).sort(["comments", "responses", by], descending=[True, True, False])
    return out.with_columns((pl.col("comments") / max(comments.height, 1)).round(4).alias("share"))


def _topics(rows: pl.DataFrame, period: str, periods: list[str], settings: ReportSettings) -> pl.DataFrame:
    now = S.topic_table(rows.filter(pl.col(PERIOD) == period))
    moves = S.movers(rows, period, settings.trailing_periods, earlier=periods, min_count=settings.finding_min_count,
                     alpha=settings.finding_alpha)  # fmt: skip
    keep = [c for c in ("topic", "previous_share", "trailing_share", "change_vs_previous", "change_vs_trailing", "p_value", "significant")
            if c in moves.columns]  # fmt: skip
    return now.join(moves.select(keep), on="topic", how="left")


def _movers(topics: pl.DataFrame, settings: ReportSettings) -> pl.DataFrame:
    if "change_vs_trailing" not in topics.columns:
        return topics.clear().select("topic", "mentions", "share")
    return (
        topics.select("topic", "mentions", "share", "previous_share", "trailing_share", "change_vs_previous", "change_vs_trailing",
                      "p_value", "significant")
        .filter(pl.col("change_vs_trailing").abs() >= 0.01)
        .sort([pl.col("change_vs_trailing").abs(), "topic"], descending=[True, False])
        .head(settings.top_topics)
    )


def _scores(now: pl.DataFrame, before: pl.DataFrame) -> pl.DataFrame:
    current = S.score_summary(now)
    previous = S.score_summary(before).select("measure", "scale", pl.col("responses").alias("previous_responses"), pl.col("value").alias("previous_value"))
    out = current.join(previous, on=["measure", "scale"], how="left")
    p_values = S.score_change_p(now, before)
    out = out.with_columns(pl.col("scale").replace_strict(p_values, default=None, return_dtype=pl.Float64).alias("p_value"))
    return out.with_columns((pl.col("value") - pl.col("previous_value")).round(1).alias("change")).select(
        "measure", "scale", "responses", "value", "previous_responses", "previous_value", "change", "p_value"
    )


def _drivers(rows: pl.DataFrame, min_count: int) -> pl.DataFrame:
    """Drivers per score scale (a gap in NPS points and one in stars do not mix)."""
    parts = []
    scored = rows.filter(pl.col(C.SCORE).is_not_null())
    for scale in sorted(scored[C.SCORE_SCALE].drop_nulls().unique().to_list()):  # a fixed order, whatever the rows' order
        table = S.drivers(scored.filter(pl.col(C.SCORE_SCALE) == scale), min_count)
        parts.append(table.with_columns(pl.lit(scale, dtype=pl.String).alias("scale")))
    return pl.concat(parts) if parts else S.drivers(rows.clear(), min_count).with_columns(pl.lit(None, dtype=pl.String).alias("scale"))


def _with_previous(now: pl.DataFrame, before: pl.DataFrame, key: str) -> pl.DataFrame:
    return now.join(before.select(key, pl.col("share").alias("previous_share")), on=key, how="left")


def _pct(x: float | None) -> str:
    return "n/a" if x is None else f"{100 * x:.0f}%"


def _overview(window: Window, now: pl.DataFrame, before: pl.DataFrame, tables: dict, responses: int,
              previous_responses: int) -> pl.DataFrame:  # fmt: skip
    def share(column: str, value: str, frame: pl.DataFrame) -> float | None:
        return round(float((frame[column] == value).mean()), 4) if frame.height else None

    items = [("period", window.label), ("first_day", str(window.start)), ("last_day", str(window.end - dt.timedelta(days=1))),
             ("comments", now.height), ("previous_comments", before.height),
             ("responses", responses), ("previous_responses", previous_responses),
             ("negative_share", share(C.SENTIMENT, "negative", now)), ("previous_negative_share", share(C.SENTIMENT, "negative", before)),
             ("service_share", share(C.SCOPE, "service", now)), ("experience_share", share(C.SCOPE, "experience", now)),
             ("both_share", share(C.SCOPE, "both", now)), ("emerging_topics", tables["emerging"].height),
             ("new_discovered_themes", tables["new_themes"].height)]  # fmt: skip
    for row in tables["scores"].iter_rows(named=True):
        items.append((f"{row['measure']} ({row['scale']})", row["value"]))
    return pl.DataFrame({"metric": [k for k, _ in items], "value": ["" if v is None else str(v) for _, v in items]})


def _headline(window: Window, when: str, now: pl.DataFrame, before: pl.DataFrame, tables: dict, name,  # noqa: ANN001
              responses: int) -> list[str]:  # fmt: skip
    if not now.height:
        blank = f" ({responses} responses, none with a comment)" if responses else ""
        lines = [f"No comments in {window.label} ({window.span}){blank}. Nothing to summarise for this period."]
        return lines + [f"{r['measure']} **{r['value']:g}** from {r['responses']} responses." for r in tables["scores"].iter_rows(named=True)]
    diff = now.height - before.height
    change = ", as many as the previous period" if not diff else f", {diff:+d} on the previous period ({before.height})"
    if tables["trend"].height < 2:
        change = ""  # nothing to compare with (results without dates)
    langs = ", ".join(f"{r[C.LANGUAGE]} {_pct(r['share'])}" for r in tables["languages"].head(5).iter_rows(named=True))
    silent = f" ({responses} responses, {responses - now.height} without a comment)" if responses != now.height else ""
    lines = [f"**{now.height} comments**{silent} in {when}{change}. Languages: {langs}."]
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
    if tables["new_themes"].height:
        lines.append("New discovered themes: " + ", ".join(f"{r['label']} ({r['comments']})" for r in tables["new_themes"].iter_rows(named=True)) + ".")
    return lines


def _findings(tables: dict, name, settings: ReportSettings) -> list[Finding]:  # noqa: ANN001
    out: list[Finding] = []
    for row in tables["emerging"].iter_rows(named=True):
        out.append(Finding("emerging", row["topic"], (
            f"{name(row['topic'])} is emerging: {row['mentions']} mentions, {_pct(row['share'])} of comments "
            f"against {_pct(row['baseline_share'])} before (p = {row['p_value']:.2g})."
        )))  # fmt: skip
    for row in tables["new_themes"].head(3).iter_rows(named=True):
        out.append(Finding("new_theme", str(row["discovered_topic"]), (
            f"New theme discovered: \"{row['label']}\" (discovered topic {row['discovered_topic']}), {row['comments']} comments "
            f"({_pct(row['share'])} of comments, {_pct(row['negative_share'])} negative), none in earlier periods."
        ), "negative" if row["negative_share"] >= 0.5 else "positive"))  # fmt: skip
    flagged = {f.topic for f in out}
    for row in tables["movers"].iter_rows(named=True):
        if row["topic"] in flagged or len([f for f in out if f.kind == "mover"]) >= 2:
            continue
        if not row.get("significant") or abs(row["change_vs_trailing"]) < 0.03:
            continue  # noise on a handful of mentions, or too small a change to act on, is not news
        verb = "rose" if row["change_vs_trailing"] > 0 else "fell"
        out.append(Finding("mover", row["topic"], (
            f"{name(row['topic'])} {verb} to {_pct(row['share'])} of comments ({row['mentions']}), from a "
            f"{settings.trailing_periods}-period average of {_pct(row['trailing_share'])} (previous period {_pct(row['previous_share'])}; "
            f"p = {row['p_value']:.2g})."
        )))  # fmt: skip
    told = {f.topic for f in out}
    # A topic's own line states counts, not a change: it needs the minimum count, not a test.
    enough = pl.col("mentions") >= settings.finding_min_count
    for row in tables["topics"].filter(~pl.col("topic").is_in(list(told)) & enough).head(3).iter_rows(named=True):
        out.append(Finding("topic", row["topic"], (
            f"{name(row['topic'])}: {row['mentions']} mentions ({_pct(row['share'])} of comments), "
            f"{_pct(row['negative_share'])} negative, {_pct(row['positive'] / row['mentions'])} positive."
        ), "negative" if row["negative"] >= row["positive"] else "positive"))  # fmt: skip
    for kind, sentence in G.sentences(tables["risk"], settings.finding_min_count):
        out.append(Finding(kind, kind, sentence))
    drivers = tables["drivers"]
    # Many topics are tested for a gap: only those that pass Holm's correction are findings.
    drivers = drivers.filter(pl.Series([i in S.holm(drivers["p_value"].to_list(), settings.finding_alpha) for i in range(drivers.height)],
                                       dtype=pl.Boolean))  # fmt: skip
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
    if finding.kind == "new_theme":  # a discovered topic: its comments, by the comment's sentiment
        mentions = pl.col(C.DISCOVERED_TOPIC) == int(finding.topic)
        direction = pl.col(C.SENTIMENT) == finding.direction
    elif finding.kind in ("churn", "effort"):  # the comments that carry the signal, the most negative first
        mentions = pl.col(C.CHURN_RISK) if finding.kind == "churn" else pl.col(C.EFFORT) == "high"
        direction = pl.col(C.SENTIMENT) == "negative"
    elif C.TOPIC_SENTIMENTS in rows.columns:
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
        "Responses are every answer in the period, and NPS and CSAT count them all; comments are the responses "
        "with text (a blank answer, or one such as \"-\", is not a comment). Sentiment, service/experience, topic and "
        "language shares are shares of comments.",
        f"Emerging topics: one-sided two-proportion z-test of a topic's share this period against the previous "
        f"{settings.baseline_periods} periods, Holm-corrected across topics at {settings.emerging_alpha:g}; a topic needs "
        f"at least {settings.emerging_min_count} mentions this period to be tested, so tiny counts never count as a trend.",
        f"Movers compare a topic's share of comments with the previous period and with the average of the {settings.trailing_periods} before. "
        f"A change is a finding (or an alert) only when a two-sided two-proportion z-test against those periods passes Holm's "
        f"correction across topics at {settings.finding_alpha:g}, and the topic had, or was expected to have, at least "
        f"{settings.finding_min_count} mentions; the tables list every topic. Negative-share and NPS/CSAT alerts pass the same level.",
        f"Drivers: mean score of comments that mention a topic minus the mean of those that do not, over the last "
        f"{settings.driver_periods} periods, with Welch's 95% interval; topics with fewer than {settings.driver_min_count} "
        f"scored comments are left out, and a driver is a finding only when its gap passes Holm's correction at "
        f"{settings.finding_alpha:g}. A gap is an association, not proof of cause.",
        "A topic's sentiment is that of the clauses that mention it. NPS = % of 9-10 minus % of 0-6; CSAT = % of 4-5.",
        f"New discovered themes (results of `voc analyze --discover --topic-model`): discovered topics with at least "
        f"{settings.emerging_min_count} comments this period and none in the earlier periods of the data; shown only "
        "when earlier periods carry discovered topics too.",
    ]
    notes.append("Intent, emotion, churn risk and effort are shares of the comments voc tagged with them (it, pl, ru, en). "
                 "Churn risk: the writer says or implies leaving; high effort: repeated contacts, transfers, holds, chasing, going in person.")
    notes.append("Personal data (e-mail, phone, IBAN, card numbers) is redacted from example comments."
                 if redact else "Example comments are NOT redacted (--no-redact).")  # fmt: skip
    return notes
