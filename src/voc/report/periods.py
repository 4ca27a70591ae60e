"""Which rows a report covers, and in which period each falls (reads voc_date and the store's _week; adds _period).

A report looks at one *period* and compares it with the periods just before it:

- an ISO week: ``--week 2026-W47``, or by default the last complete week, so
  a cron job on Monday reports on the week that has just ended;
- a rolling window of whole days: ``--since 7d`` (or ``2w``) is the 7 days
  before today, ``--since 2026-11-01`` is that day up to yesterday.

Earlier periods are windows of the same length placed back to back before it.
Days are the customer's: voc_date keeps the wall-clock time written in the
export and drops any UTC offset, so a comment sent at 23:30 on a Sunday in
Moscow counts in that Sunday's week wherever and whenever the report runs.
Rows without a date count on the Monday of the week they were stored in.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

import polars as pl

from voc.core import columns as C
from voc.core.errors import UsageError

PERIOD = "_period"  # the period label of a row: "2026-W47" or the window's first day
STORED_WEEK = "_week"  # the store's partition ("2026-W47")
_DAY = "_day"


@dataclass(frozen=True)
class Window:
    start: dt.date  # first day
    end: dt.date  # the day after the last
    iso_week: bool = False

    @property
    def days(self) -> int:
        return (self.end - self.start).days

    @property
    def label(self) -> str:
        """Sorts in time order, which the summary tables rely on."""
        if self.iso_week:
            year, week, _ = self.start.isocalendar()
            return f"{year}-W{week:02d}"
        return self.start.isoformat()

    @property
    def span(self) -> str:
        """'16-22 Nov 2026' for people."""
        last = self.end - dt.timedelta(days=1)
        if self.days == 1:
            return _day(last, year=True)
        if self.start.year != last.year:
            return f"{_day(self.start, year=True)} - {_day(last, year=True)}"
        if self.start.month != last.month:
            return f"{_day(self.start)} - {_day(last, year=True)}"
        return f"{self.start.day}-{_day(last, year=True)}"

    def back(self, n: int) -> "Window":
        shift = dt.timedelta(days=n * self.days)
        return Window(self.start - shift, self.end - shift, self.iso_week)


def _day(day: dt.date, year: bool = False) -> str:
    # Month names from a fixed list: strftime's %b follows the machine's locale.
    month = "Jan Feb Mar Apr May Jun Jul Aug Sep Oct Nov Dec".split()[day.month - 1]
    return f"{day.day} {month} {day.year}" if year else f"{day.day} {month}"


def history(current: Window, count: int) -> list[Window]:
    """``count`` windows ending with ``current``, oldest first."""
    return [current.back(n) for n in range(count - 1, -1, -1)]


def iso_week(label: str) -> Window:
    match = re.fullmatch(r"(\d{4})-?W(\d{1,2})", label.strip(), flags=re.IGNORECASE)
    if not match:
        raise UsageError(f"--week {label!r} is not an ISO week: write it like 2026-W47")
    try:
        monday = dt.date.fromisocalendar(int(match[1]), int(match[2]), 1)
    except ValueError:
        raise UsageError(f"--week {label!r}: {match[1]} has no week {int(match[2])}") from None
    return Window(monday, monday + dt.timedelta(days=7), iso_week=True)


def week_of(day: dt.date) -> Window:
    monday = day - dt.timedelta(days=day.weekday())
    return Window(monday, monday + dt.timedelta(days=7), iso_week=True)


def last_complete_week(today: dt.date) -> Window:
    return week_of(today).back(1)


def since(text: str, today: dt.date) -> Window:
    """``7d``, ``2w`` or a date: whole days up to and not including today."""
    value = text.strip().lower()
    match = re.fullmatch(r"(\d+)\s*([dw])", value)
    if match:
        days = int(match[1]) * (7 if match[2] == "w" else 1)
        if days < 1:
            raise UsageError(f"--since {text!r} is empty: give at least 1d")
        return Window(today - dt.timedelta(days=days), today)
    try:
        start = dt.date.fromisoformat(value)
    except ValueError:
        raise UsageError(f"--since {text!r}: write a number of days or weeks (7d, 2w) or a date (2026-11-01)") from None
    if start >= today:
        raise UsageError(f"--since {text!r} is not before today ({today}): give an earlier date")
    return Window(start, today)


def choose(week: str | None, since_text: str | None, today: dt.date) -> Window:
    if week and since_text:
        raise UsageError("give --week or --since, not both")
    if week:
        return iso_week(week)
    if since_text:
        return since(since_text, today)
    return last_complete_week(today)


def with_days(rows: pl.DataFrame) -> pl.DataFrame:
    """Adds the day each row counts on: its date, else the Monday of its stored week."""
    day = pl.col(C.DATE).dt.date()
    if STORED_WEEK in rows.columns:
        day = day.fill_null((pl.col(STORED_WEEK) + "-1").str.to_date("%G-W%V-%u", strict=False))
    return rows.with_columns(day.alias(_DAY))


def label(rows: pl.DataFrame, windows: list[Window]) -> pl.DataFrame:
    """Rows that fall in one of ``windows`` (back to back, oldest first), with the window's label in PERIOD."""
    if not windows:
        return rows.clear().with_columns(pl.lit(None, dtype=pl.String).alias(PERIOD))
    first, length = windows[0].start, windows[0].days
    rows = with_days(rows)
    inside = (pl.col(_DAY) >= first) & (pl.col(_DAY) < windows[-1].end)
    index = (pl.col(_DAY) - pl.lit(first)).dt.total_days() // length
    labels = {i: w.label for i, w in enumerate(windows)}
    return (
        rows.filter(inside)
        .with_columns(index.replace_strict(labels, return_dtype=pl.String).alias(PERIOD))
        .drop(_DAY)
    )


def stored_weeks(windows: list[Window]) -> list[str]:
    """The store partitions that can hold rows of these windows."""
    out, day = [], windows[0].start - dt.timedelta(days=windows[0].start.weekday())
    while day < windows[-1].end:
        out.append(week_of(day).label)
        day += dt.timedelta(days=7)
    return out


def latest_week(rows: pl.DataFrame) -> Window | None:
    """The ISO week of the newest dated row (the default period of a results file)."""
    days = with_days(rows)[_DAY].drop_nulls()
    return week_of(days.max()) if days.len() else None
