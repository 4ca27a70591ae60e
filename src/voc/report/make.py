"""`voc report` end to end: load rows, pick the period, build the report, write the folder.

Reads a history store (``--store``) or `voc analyze` results files, and
writes the report folder (see output.py). Deterministic: the same rows, period
and settings give the same files, so a cron job can be re-run safely.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path

import polars as pl

from voc.core import columns as C
from voc.core.console import Console
from voc.core.errors import UsageError
from voc.read.fields import FieldSpec
from voc.read.source import ReadOptions
from voc.report import periods as P
from voc.report.build import Report, build
from voc.read.rejects import report_rejects
from voc.report.load import from_results, from_store
from voc.report.output import write_report
from voc.report.settings import load_settings


@dataclass
class ReportRequest:
    output: str
    results: list[str] = field(default_factory=list)
    store: str | None = None
    period: str = "week"
    week: str | None = None
    since: str | None = None
    today: dt.date | None = None  # "today" for --since and the default week (tests, re-runs of old jobs)
    pipeline: str = "default"
    lexicons: str | None = None
    redact: bool = True
    fields: FieldSpec = field(default_factory=FieldSpec)
    read: ReadOptions = field(default_factory=ReadOptions)


def make_report(request: ReportRequest, console: Console) -> tuple[Report, list[Path]]:
    if request.period != "week":
        raise UsageError(f"--period {request.period!r} is not supported: use week (or --since 7d for a rolling window)")
    if bool(request.results) == bool(request.store):
        raise UsageError("give voc analyze results file(s) or --store PATH, one of the two")
    settings = load_settings(request.pipeline)
    today = request.today or dt.date.today()
    sources: list = []  # results files read, for their skipped bad lines
    count = max(settings.trend_periods, settings.baseline_periods + 1, settings.trailing_periods + 1, settings.driver_periods)
    if request.store:
        window = P.choose(request.week, request.since, today)
        windows = P.history(window, count)
        rows = P.label(from_store(request.store, windows), windows)
        source = f"history store {request.store}"
        dated = True  # undated rows count in the week they were stored
    else:
        rows = from_results(request.results, request.fields, request.read, console, sources)
        source = ", ".join(Path(p).name if p != "-" else "standard input" for p in request.results)
        dated = rows[C.DATE].drop_nulls().len() > 0
        latest = P.latest_week(rows) if dated else None
        # A results file is a report on its own data: by default its newest week, not the calendar's.
        window = P.choose(request.week, request.since, today) if (request.week or request.since or not latest) else latest
        if dated:
            windows = P.history(window, count)
            rows = P.label(rows, windows)
        else:
            windows = [window]  # no dates, no earlier periods to compare with
            console.warn("the results have no dates, so every row counts in one period and there is no trend; "
                         "give --date-col here or to voc analyze")  # fmt: skip
            rows = rows.with_columns(pl.lit(window.label).alias(P.PERIOD))
    report = build(rows, windows, settings, source=source, labels=_labels(request.lexicons), redact=request.redact, undated=not dated)
    written = write_report(report, request.output)
    console.info(f"report on {report.window.label} ({report.comments} comments) written to {request.output}")
    report_rejects(sources, request.output, console)  # --on-bad-lines skip: once the report is whole
    for alert in report.alerts:
        console.warn(f"alert: {alert}")
    return report, written


def _labels(lexicons: str | None) -> dict[str, str]:
    from voc.analyse.lexicon import load_taxonomy

    return {t.id: t.labels.get("en") or t.id for t in load_taxonomy(lexicons).values()}
