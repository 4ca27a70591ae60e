"""Write a report folder: summary.md, summary.html, summary.xlsx, tables/*.csv and charts/*.png.

Everything is first written to a hidden folder inside the target, and moved
into place only when all of it is written, so a failed or interrupted run
leaves the previous report whole. Files of an earlier report that this one
does not produce (a score chart when this week has no scores) are removed,
so the folder always holds one consistent report.
"""

from __future__ import annotations

import datetime as dt
import os
import shutil
import tempfile
from pathlib import Path

from voc.core.errors import UsageError
from voc.report.build import Report
from voc.report.charts import charts as draw
from voc.report.render import markdown, page
from voc.write.safety import guard_frame

OWNED = ("summary.md", "summary.html", "summary.xlsx")
SUBFOLDERS = ("tables", "charts")


def write_report(report: Report, folder: str | Path) -> list[Path]:
    """Write every file of ``report`` into ``folder``; returns the files written."""
    target = Path(folder)
    if target.exists() and not target.is_dir():
        raise UsageError(f"-o {target} is a file: name a folder for the report (it is created if missing)")
    target.mkdir(parents=True, exist_ok=True)
    images = draw(report)
    staging = Path(tempfile.mkdtemp(prefix=".voc-report-", dir=target))
    try:
        (staging / "summary.md").write_text(markdown(report, images), encoding="utf-8")
        (staging / "summary.html").write_text(page(report, images), encoding="utf-8")
        _workbook(report, staging / "summary.xlsx")
        for sub in SUBFOLDERS:
            (staging / sub).mkdir()
        for name, table in report.tables.items():
            guard_frame(table).write_csv(staging / "tables" / f"{name}.csv")
        for name, (_, png) in images.items():
            (staging / "charts" / f"{name}.png").write_bytes(png)
        written = [p.relative_to(staging) for p in sorted(staging.rglob("*")) if p.is_file()]
        _swap_in(staging, target, written)
    finally:
        shutil.rmtree(staging, ignore_errors=True)
    return [target / p for p in written]


def _swap_in(staging: Path, target: Path, written: list[Path]) -> None:
    for sub in SUBFOLDERS:
        (target / sub).mkdir(exist_ok=True)
        keep = {p.name for p in written if p.parent.name == sub}
        suffix = ".csv" if sub == "tables" else ".png"
        for old in (target / sub).glob(f"*{suffix}"):
            if old.name not in keep:
                old.unlink()
    for path in written:
        os.replace(staging / path, target / path)


def _workbook(report: Report, path: Path) -> None:
    import xlsxwriter

    # Formulas off: customer text that starts with "=" stays text (and is guarded too, for other tools).
    book = xlsxwriter.Workbook(str(path), {"strings_to_formulas": False, "strings_to_urls": False, "nan_inf_to_errors": True})
    try:
        # A fixed creation date: the same report gives the same file, so a re-run changes nothing.
        book.set_properties({"title": f"voc report {report.window.label}", "created": dt.datetime.combine(report.window.start, dt.time())})
        bold = book.add_format({"bold": True, "bg_color": "#f2f2ef"})
        day = book.add_format({"num_format": "yyyy-mm-dd"})
        for name, table in report.tables.items():
            sheet = book.add_worksheet(name[:31])
            table = guard_frame(table)
            for col, column in enumerate(table.columns):
                sheet.write_string(0, col, column, bold)
                width = max([len(column)] + [len(str(v)) for v in table[column].head(200).to_list() if v is not None])
                sheet.set_column(col, col, min(max(width + 2, 8), 80))
            for row, values in enumerate(table.iter_rows(), start=1):
                for col, value in enumerate(values):
                    if value is None:
                        continue
                    if isinstance(value, dt.date):
                        sheet.write_datetime(row, col, dt.datetime.combine(value, dt.time()), day)
                    elif isinstance(value, bool):
                        sheet.write_boolean(row, col, value)
                    elif isinstance(value, (int, float)):
                        sheet.write_number(row, col, value)
                    else:
                        sheet.write_string(row, col, str(value))
            sheet.freeze_panes(1, 0)
    finally:
        book.close()

