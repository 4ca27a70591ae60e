"""A report as Markdown and as one self-contained HTML page (reads a build.Report and its charts).

Both come from one list of blocks, so the two files always say the same
thing in the same order. The HTML carries its charts as data: URIs and its
styles inline, and a Content-Security-Policy that forbids loading anything,
so it opens the same offline, in a mail client or from a shared drive.
Customer text is escaped in both (a comment may well contain "<script>").
"""

from __future__ import annotations

import base64
import html
import re

import polars as pl

from voc.report.build import Report

# Columns shown in the page; the spreadsheet and CSVs keep all of them.
SHOWN = {
    "languages": ["language", "comments", "share"],
    "sources": ["source_file", "responses", "comments", "share"],
    "channels": ["channel", "responses", "comments", "share"],
    "sentiment": ["sentiment", "comments", "share", "previous_share"],
    "scope": ["scope", "comments", "share", "previous_share"],
    "topics": ["name", "mentions", "share", "negative", "neutral", "positive", "negative_share", "change_vs_previous", "change_vs_trailing"],
    "movers": ["name", "mentions", "share", "previous_share", "trailing_share", "change_vs_trailing", "p_value", "significant"],
    "emerging": ["name", "mentions", "share", "baseline_mentions", "baseline_share", "p_value"],
    "new_themes": ["discovered_topic", "label", "comments", "share", "negative_share"],
    "scores": ["measure", "scale", "responses", "value", "previous_value", "change", "p_value"],
    "drivers": ["name", "scale", "with_topic", "mean_with", "mean_without", "gap", "low", "high", "p_value"],
    "topic_trend": ["name", "period", "mentions", "comments", "share", "negative_share", "neutral_share", "positive_share", "net_sentiment"],
    "trend": ["period", "responses", "comments", "negative", "neutral", "positive", "negative_share", "service", "experience", "both", "none",
              "nps", "nps_responses", "csat", "csat_responses"],
}


def blocks(report: Report, charts: dict[str, tuple[str, bytes]]) -> list[tuple]:
    """("h1"|"h2"|"p"|"ul"|"alerts"|"finding"|"chart"|"table", ...) in reading order."""
    out: list[tuple] = [("h1", f"Voice of customer: {report.title}"), ("p", f"Source: {report.source}.")]
    if report.alerts:
        out.append(("alerts", report.alerts))
    out += [("h2", "At a glance"), ("ul", report.headline)]
    if not report.comments:
        for name in ("volume_sentiment", "score_trend"):
            if name in charts:
                out.append(("chart", name, *charts[name]))
        out += [("h2", "Trend"), ("table", "trend", report.tables["trend"])]
        return out + [("h2", "How to read this report"), ("ul", report.notes)]
    if report.findings:
        out.append(("h2", "Findings"))
        out += [("finding", f) for f in report.findings]
    out.append(("h2", "Volume and sentiment"))
    out += [("chart", n, *charts[n]) for n in ("volume_sentiment", "scope_trend") if n in charts]
    for name in ("languages", "sources", "channels", "sentiment", "scope"):
        if report.tables[name].height:
            out.append(("table", name, report.tables[name]))
    out.append(("h2", "Topics"))
    if "top_topics" in charts:
        out.append(("chart", "top_topics", *charts["top_topics"]))
    out.append(("table", "topics", report.tables["topics"]))
    out.append(("h2", "Movers and emerging topics"))
    out.append(("table", "movers", report.tables["movers"]) if report.tables["movers"].height else ("p", "No topic moved by a point or more."))
    emerging = report.tables["emerging"]
    out.append(("table", "emerging", emerging) if emerging.height else ("p", "No topic rose significantly this period."))
    if report.tables["new_themes"].height:
        out.append(("table", "new_themes", report.tables["new_themes"]))
    if report.tables["intent"].height:
        out.append(("h2", "What customers want and how they feel"))
        out += [("table", name, report.tables[name]) for name in ("intent", "emotion", "risk")]
    if report.has_scores:
        out.append(("h2", "Scores and what drives them"))
        if "score_trend" in charts:
            out.append(("chart", "score_trend", *charts["score_trend"]))
        out.append(("table", "scores", report.tables["scores"]))
        drivers = report.tables["drivers"]
        out.append(("table", "drivers", drivers) if drivers.height else ("p", "Too few scored comments per topic for driver analysis."))
    out += [("h2", "Trend"), ("table", "trend", report.tables["trend"])]
    if report.tables["topic_trend"].height:
        out.append(("h2", "Top topics over time"))
        if "topic_trend" in charts:
            out.append(("chart", "topic_trend", *charts["topic_trend"]))
        out.append(("table", "topic_trend", report.tables["topic_trend"]))
    return out + [("h2", "How to read this report"), ("ul", report.notes)]


def cell(column: str, value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, float):
        if column.startswith("change_vs") or column == "change_vs":
            return f"{100 * value:+.1f} pts"
        if column.endswith("share"):
            return f"{100 * value:.1f}%"
        if column == "p_value":
            return f"{value:.2g}"
        if column == "net_sentiment":
            return f"{value:+.2f}"
        return f"{value:g}"
    return str(value)


def markdown(report: Report, charts: dict[str, tuple[str, bytes]]) -> str:
    lines: list[str] = []
    for block in blocks(report, charts):
        kind = block[0]
        if kind == "h1":
            lines += [f"# {block[1]}", ""]
        elif kind == "h2":
            lines += [f"## {block[1]}", ""]
        elif kind == "p":
            lines += [block[1], ""]
        elif kind == "ul":
            lines += [f"- {item}" for item in block[1]] + [""]
        elif kind == "alerts":
            lines += ["> **Alerts**", ">"] + [f"> - {a}" for a in block[1]] + [""]
        elif kind == "finding":
            finding = block[1]
            lines += [f"**{finding.sentence}**", ""]
            for e in finding.examples:
                lines += [f"> {_md_text(e['text'])} *({e['language']}, {e['sentiment']}, {_md_text(e['voc_id'])})*", ""]
        elif kind == "chart":
            lines += [f"![{block[2]}](charts/{block[1]}.png)", ""]
        elif kind == "table":
            lines += _md_table(block[1], block[2]) + [""]
    return "\n".join(lines).rstrip() + "\n"


def _md_text(text: str) -> str:
    return re.sub(r"([\\`*_\[\]<>|#])", r"\\\1", text)


def _md_table(name: str, table: pl.DataFrame) -> list[str]:
    columns = [c for c in SHOWN.get(name, table.columns) if c in table.columns]
    out = [f"*{name}*", "", "| " + " | ".join(columns) + " |", "|" + "---|" * len(columns)]
    for row in table.select(columns).iter_rows():
        out.append("| " + " | ".join(_md_text(cell(c, v)) for c, v in zip(columns, row)) + " |")
    return out


def page(report: Report, charts: dict[str, tuple[str, bytes]]) -> str:
    body: list[str] = []
    for block in blocks(report, charts):
        kind = block[0]
        if kind in ("h1", "h2"):
            body.append(f"<{kind}>{html.escape(block[1])}</{kind}>")
        elif kind == "p":
            body.append(f"<p>{_inline(block[1])}</p>")
        elif kind == "ul":
            body.append("<ul>" + "".join(f"<li>{_inline(i)}</li>" for i in block[1]) + "</ul>")
        elif kind == "alerts":
            body.append('<div class="alerts"><strong>Alerts</strong><ul>' + "".join(f"<li>{html.escape(a)}</li>" for a in block[1]) + "</ul></div>")
        elif kind == "finding":
            f = block[1]
            quotes = "".join(
                f'<blockquote lang="{html.escape(e["language"] or "")}">{html.escape(e["text"])}'
                f'<span class="meta">{html.escape(e["language"] or "")} · {html.escape(e["sentiment"] or "")} · {html.escape(e["voc_id"])}</span></blockquote>'
                for e in f.examples
            )
            body.append(f'<div class="finding {f.kind}"><p>{html.escape(f.sentence)}</p>{quotes}</div>')
        elif kind == "chart":
            data = base64.b64encode(block[3]).decode("ascii")
            body.append(f'<figure><img alt="{html.escape(block[2])}" src="data:image/png;base64,{data}"><figcaption>{html.escape(block[2])}</figcaption></figure>')
        elif kind == "table":
            body.append(_html_table(block[1], block[2]))
    title = html.escape(f"Voice of customer: {report.title}")
    return _PAGE.format(title=title, style=_STYLE, body="\n".join(body))


def _inline(text: str) -> str:
    return re.sub(r"\*\*(.+?)\*\*", r"<strong>\1</strong>", html.escape(text))


def _html_table(name: str, table: pl.DataFrame) -> str:
    columns = [c for c in SHOWN.get(name, table.columns) if c in table.columns]
    head = "".join(f"<th>{html.escape(c.replace('_', ' '))}</th>" for c in columns)
    rows = "".join(
        "<tr>" + "".join(f'<td class="{"num" if isinstance(v, (int, float)) else ""}">{html.escape(cell(c, v))}</td>' for c, v in zip(columns, row)) + "</tr>"
        for row in table.select(columns).iter_rows()
    )
    return f'<div class="wide"><table><caption>{html.escape(name)}</caption><thead><tr>{head}</tr></thead><tbody>{rows}</tbody></table></div>'


_PAGE = """<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; img-src data:; style-src 'unsafe-inline'">
<title>{title}</title>
<style>{style}</style>
</head>
<body>
<main>
{body}
</main>
</body>
</html>
"""

_STYLE = """
body { font: 15px/1.5 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; color: #1d1d1f; background: #f6f6f4; margin: 0; }
main { max-width: 920px; margin: 0 auto; padding: 24px 28px 48px; background: #fff; }
h1 { font-size: 24px; margin: 0 0 4px; } h2 { font-size: 18px; margin: 28px 0 8px; border-bottom: 1px solid #e4e4e0; padding-bottom: 4px; }
.alerts { background: #fdecea; border-left: 4px solid #c8453b; padding: 8px 14px; margin: 14px 0; }
.alerts ul { margin: 4px 0; }
.finding { margin: 12px 0 16px; } .finding > p { font-weight: 600; margin: 0 0 6px; }
.finding.emerging > p, .finding.mover > p { color: #8a2c24; }
blockquote { margin: 4px 0 4px 12px; padding: 4px 12px; border-left: 3px solid #d0d0cc; color: #333; }
blockquote .meta { display: block; font-size: 12px; color: #777; }
figure { margin: 12px 0; } figure img { max-width: 100%; height: auto; } figcaption { font-size: 12px; color: #666; }
table { border-collapse: collapse; margin: 10px 0 16px; font-size: 13px; width: auto; }
caption { text-align: left; font-size: 12px; color: #666; padding-bottom: 2px; }
.wide { overflow-x: auto; }
th, td { padding: 3px 10px; border-bottom: 1px solid #ececea; text-align: left; }
td.num, td:first-child { white-space: nowrap; }
td.num { text-align: right; font-variant-numeric: tabular-nums; } th { background: #f2f2ef; font-weight: 600; }
"""
