"""`voc report`: options in, one call to voc.report.make, exit status out (3 when --fail-on-alert and an alert fired)."""

from __future__ import annotations

from typing import List, Optional

import typer

from voc.cli.root import app
from voc.cli import options as shared

ALERT_EXIT = 3

EXAMPLES = """
Examples:

  voc report --store history/ -o reports/latest          # last complete ISO week

  voc report --store history/ --week 2026-W47 -o reports/2026-W47

  voc report --store history/ --since 7d -o reports/rolling --fail-on-alert

  voc report results.xlsx -o report/                     # one analysed export, its newest week

Exit status: 0 report written (also for a week without comments), 1 failure,
2 usage or input error, 3 an alert fired and --fail-on-alert was given (the
report is written all the same). Alert thresholds: [report.alerts] in the
pipeline TOML.
"""


@app.command(epilog=EXAMPLES)
def report(
    results: List[str] = typer.Argument(None, metavar="[RESULTS...]", help="voc analyze output file(s) to report on, instead of --store."),
    output: str = typer.Option(..., "-o", "--output", help="Report folder (created if missing): summary.md, .html, .xlsx, tables/, charts/."),
    store: Optional[str] = typer.Option(None, "--store", help="History store folder filled by 'voc analyze --store'."),
    period: str = typer.Option("week", "--period", help="Reporting period: week (ISO weeks, Monday to Sunday)."),
    week: Optional[str] = typer.Option(None, "--week", help="ISO week to report on, e.g. 2026-W47. Default: the last complete week (with --store)."),
    since: Optional[str] = typer.Option(None, "--since", help="Rolling window instead of a week: 7d, 2w or a start date (up to yesterday)."),
    today: Optional[str] = typer.Option(None, "--today", help="Run as if today were this date (YYYY-MM-DD), e.g. to redo an old report."),
    fail_on_alert: bool = typer.Option(False, "--fail-on-alert", help=f"Exit with status {ALERT_EXIT} when an alert fires."),
    redact: bool = typer.Option(True, "--redact/--no-redact", help="Replace e-mails, phone, IBAN and card numbers in quoted comments."),
    print_md: bool = typer.Option(False, "--print", help="Also print summary.md on standard output (for cron mail)."),
    pipeline: str = typer.Option("default", "--pipeline", help="Pipeline TOML whose [report] tables set periods and alert thresholds."),
    lexicons: Optional[str] = shared.LEXICONS,
    text_col: List[str] = shared.TEXT_COL,
    date_col: Optional[str] = typer.Option(None, "--date-col", help="Results files: date column, when voc analyze ran without --date-col."),
    score_col: Optional[str] = typer.Option(None, "--score-col", help="Results files: score column, when voc analyze ran without --score-col."),
    channel_col: Optional[str] = typer.Option(None, "--channel-col", help="Results files: column naming the channel (email, app, store)."),
    quiet: bool = shared.QUIET,
    input_format: Optional[str] = shared.INPUT_FORMAT,
    encoding: Optional[str] = shared.ENCODING,
    delimiter: Optional[str] = shared.DELIMITER,
    sheet: Optional[str] = shared.SHEET,
    on_bad_lines: str = shared.ON_BAD_LINES,
) -> None:
    """Weekly summary with trends, movers, emerging topics, drivers and charts, for people and for cron."""
    import datetime as dt
    from pathlib import Path

    from voc.core.console import Console
    from voc.core.errors import UsageError, VocError
    from voc.read import FieldSpec
    from voc.report.make import ReportRequest, make_report

    try:
        as_of = dt.date.fromisoformat(today) if today else None
    except ValueError:
        raise UsageError(f"--today {today!r} is not a date: write it as YYYY-MM-DD") from None
    request = ReportRequest(
        output=output,
        results=list(results or []),
        store=store,
        period=period,
        week=week,
        since=since,
        today=as_of,
        pipeline=pipeline,
        lexicons=lexicons,
        redact=redact,
        fields=FieldSpec(text=list(text_col), date=date_col, score=score_col, channel=channel_col),
        read=shared.read_options(input_format, encoding, delimiter, sheet, on_bad_lines),
    )
    try:
        built, _ = make_report(request, Console(quiet=quiet))
    except KeyboardInterrupt:
        raise VocError("interrupted; the report folder was left as it was") from None
    if print_md:
        typer.echo((Path(output) / "summary.md").read_text(encoding="utf-8"), nl=False)
    if fail_on_alert and built.alerts:
        raise typer.Exit(code=ALERT_EXIT)
