"""Charts of a report as PNG bytes (reads the trend, topics, topic_trend and scores tables).

matplotlib's object API with the Agg canvas: no pyplot, so no display, no
global figure state, and nothing changes when cron has no $DISPLAY. PNGs are
written without a timestamp, so the same data gives the same bytes.
"""

from __future__ import annotations

import io

from voc.report.build import Report

NEGATIVE, NEUTRAL, POSITIVE = "#c8453b", "#b9b9b9", "#3f8f4f"
SIDE_COLOURS = {"service": "#2f6db5", "experience": "#e08a2c", "both": "#7a4fa3", "none": "#9a9a9a"}
TOPIC_COLOURS = ("#2f6db5", "#e08a2c", "#3f8f4f", "#c8453b", "#7a4fa3", "#8c6d31")  # one line per topic; more is unreadable


def charts(report: Report) -> dict[str, tuple[str, bytes]]:
    """name -> (title, PNG). A chart with nothing to show is left out, not drawn empty."""
    out = {}
    trend = report.tables["trend"]
    if trend["comments"].sum() > 0:
        out["volume_sentiment"] = ("Comments per period by sentiment", _volume(report))
        out["scope_trend"] = ("Customer service vs wider experience", _scope(report))
    if report.tables["topics"].height:
        out["top_topics"] = (f"Top topics in {report.window.label}", _topics(report))
    if report.tables["topic_trend"]["mentions"].sum() > 0 and trend.height > 1:
        out["topic_trend"] = ("Top topics per period: share of comments and net sentiment", _topic_trend(report))
    measures = [m for m in ("nps", "csat") if m in trend.columns and trend[m].drop_nulls().len()]
    if measures:
        title = " and ".join({"nps": "NPS", "csat": "CSAT %"}[m] for m in measures)
        out["score_trend"] = (f"{title} per period", _score(report, measures))
    return out


def _figure(width: float = 8.0, height: float = 3.6):  # noqa: ANN202
    from matplotlib.figure import Figure

    fig = Figure(figsize=(width, height), dpi=110, layout="constrained")
    return fig, fig.add_subplot()


def _png(fig) -> bytes:  # noqa: ANN001
    buffer = io.BytesIO()
    fig.savefig(buffer, format="png", metadata={"Software": None})
    return buffer.getvalue()


def _ticks(report: Report) -> list[str]:
    trend = report.tables["trend"]
    iso = report.window.iso_week
    return [p.split("-")[-1] if iso else f"{d.day}/{d.month}" for p, d in zip(trend["period"], trend["first_day"])]


def _tidy(ax, report: Report) -> None:  # noqa: ANN001
    ax.spines[["top", "right"]].set_visible(False)
    ax.set_xticks(range(report.tables["trend"].height), _ticks(report), fontsize=8)
    ax.get_xticklabels()[-1].set_fontweight("bold")  # the reported period


def _by_sentiment(table, draw) -> list[int]:  # noqa: ANN001
    """Stacks the negative, neutral and positive counts of ``table`` with ``draw`` (a bar or barh call); returns the totals."""
    base = [0] * table.height
    for column, colour in (("negative", NEGATIVE), ("neutral", NEUTRAL), ("positive", POSITIVE)):
        values = table[column].to_list()
        draw(values, base, color=colour, label=column)
        base = [b + v for b, v in zip(base, values)]
    return base


def _volume(report: Report) -> bytes:
    trend = report.tables["trend"]
    fig, ax = _figure()
    x = list(range(trend.height))
    totals = _by_sentiment(trend, lambda values, base, **style: ax.bar(x, values, bottom=base, width=0.7, **style))
    ax.set_ylabel("comments")
    share = ax.twinx()
    share.plot(x, [None if v is None else 100 * v for v in trend["negative_share"].to_list()], color="#222222",
               marker="o", markersize=3, linewidth=1.2, label="% negative")  # fmt: skip
    share.set_ylim(0, 100)
    share.set_ylabel("% negative")
    share.spines[["top"]].set_visible(False)
    _tidy(ax, report)
    handles = ax.get_legend_handles_labels()[0] + share.get_legend_handles_labels()[0]
    ax.legend(handles, [h.get_label() for h in handles], fontsize=8, ncols=4, loc="upper left", frameon=False)
    ax.set_ylim(0, max(totals + [1]) * 1.25)
    return _png(fig)


def _scope(report: Report) -> bytes:
    trend = report.tables["trend"]
    fig, ax = _figure()
    totals = trend["comments"].to_list()
    for side, colour in SIDE_COLOURS.items():
        shares = [100 * v / t if t else None for v, t in zip(trend[side].to_list(), totals)]
        ax.plot(range(trend.height), shares, color=colour, marker="o", markersize=3, linewidth=1.6 if side in ("service", "experience") else 1.0, label=side)
    ax.set_ylim(0, 100)
    ax.set_ylabel("% of comments")
    _tidy(ax, report)
    ax.legend(fontsize=8, ncols=4, loc="upper left", frameon=False)
    return _png(fig)


def _topics(report: Report) -> bytes:
    table = report.tables["topics"].reverse()  # matplotlib draws the first bar at the bottom
    fig, ax = _figure(8.0, 0.9 + 0.32 * table.height)
    names = table["name"].to_list()
    _by_sentiment(table, lambda values, base, **style: ax.barh(names, values, left=base, height=0.65, **style))
    ax.set_xlabel("mentions")
    ax.spines[["top", "right"]].set_visible(False)
    ax.tick_params(axis="y", labelsize=8)
    fig.legend(fontsize=8, ncols=3, loc="outside upper right", frameon=False)
    return _png(fig)


def _topic_trend(report: Report) -> bytes:
    from matplotlib.figure import Figure

    table = report.tables["topic_trend"]
    periods = report.tables["trend"]["period"].to_list()
    fig = Figure(figsize=(8.0, 5.6), dpi=110, layout="constrained")
    share, net = fig.subplots(2, 1, sharex=True)
    topics = list(dict.fromkeys(table["topic"].to_list()))[: len(TOPIC_COLOURS)]
    for topic, colour in zip(topics, TOPIC_COLOURS):
        rows = {r["period"]: r for r in table.filter(table["topic"] == topic).iter_rows(named=True)}
        label = rows[periods[-1]]["name"] if periods[-1] in rows else topic
        values = [rows.get(p, {}) for p in periods]
        share.plot(range(len(periods)), [None if v.get("share") is None else 100 * v["share"] for v in values], color=colour,
                   marker="o", markersize=3, linewidth=1.4, label=label)  # fmt: skip
        net.plot(range(len(periods)), [v.get("net_sentiment") for v in values], color=colour, marker="o", markersize=3, linewidth=1.4)
    share.set_ylabel("% of comments")
    share.set_ylim(bottom=0)
    net.set_ylabel("net sentiment")
    net.set_ylim(-1.05, 1.05)
    net.axhline(0, color="#999999", linewidth=0.8)
    share.spines[["top", "right"]].set_visible(False)
    _tidy(net, report)
    fig.legend(fontsize=8, ncols=3, loc="outside upper left", frameon=False)
    return _png(fig)


def _score(report: Report, measures: list[str]) -> bytes:
    trend = report.tables["trend"]
    fig, ax = _figure()
    styles = {"nps": ("NPS", "#2f6db5"), "csat": ("CSAT %", "#e08a2c")}
    for measure in measures:
        name, colour = styles[measure]
        values = trend[measure].to_list()
        ax.plot(range(trend.height), values, color=colour, marker="o", linewidth=1.6, label=name)
        for i, (value, n) in enumerate(zip(values, trend[f"{measure}_responses"].to_list())):
            if value is not None:
                ax.annotate(f"n={n}", (i, value), textcoords="offset points", xytext=(0, 6), ha="center", fontsize=7, color="#555555")
    # NPS runs from -100 to 100, CSAT % from 0 to 100: one axis holds both.
    ax.set_ylim(-100 if "nps" in measures else 0, 100)
    ax.axhline(0, color="#999999", linewidth=0.8)
    ax.set_ylabel("score")
    ax.legend(fontsize=8, ncols=2, loc="upper left", frameon=False)
    _tidy(ax, report)
    return _png(fig)
