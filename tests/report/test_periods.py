"""Which period a row falls in: ISO weeks, rolling windows, boundaries and time zones."""

from __future__ import annotations

import datetime as dt

import polars as pl
import pytest

from voc.core import columns as C
from voc.core.errors import UsageError
from voc.read.dates import DateParser
from voc.report import periods as P


def test_default_is_the_last_complete_week_whatever_the_weekday():
    for today in (dt.date(2026, 11, 23), dt.date(2026, 11, 26), dt.date(2026, 11, 29)):  # Monday, Thursday, Sunday
        assert P.choose(None, None, today).label == "2026-W47"
    assert P.choose(None, None, dt.date(2026, 11, 30)).label == "2026-W48"


def test_iso_weeks_across_the_new_year():
    w1 = P.iso_week("2026-W01")
    assert (w1.start, w1.end) == (dt.date(2025, 12, 29), dt.date(2026, 1, 5))
    assert P.iso_week("2020-w53").start == dt.date(2020, 12, 28)
    assert [w.label for w in P.history(w1, 3)] == ["2025-W51", "2025-W52", "2026-W01"]
    assert w1.span == "29 Dec 2025 - 4 Jan 2026"


@pytest.mark.parametrize("bad", ["47", "2026-47", "W47", "2026-W60", "2025-W53"])
def test_bad_weeks_are_usage_errors(bad):
    with pytest.raises(UsageError, match="week"):
        P.iso_week(bad)


def test_since_is_whole_days_before_today():
    today = dt.date(2026, 11, 23)
    assert (P.since("7d", today).start, P.since("7d", today).end) == (dt.date(2026, 11, 16), today)
    assert P.since("2w", today).days == 14
    assert P.since("2026-11-01", today).days == 22
    assert [w.start for w in P.history(P.since("7d", today), 2)] == [dt.date(2026, 11, 9), dt.date(2026, 11, 16)]
    for bad in ("0d", "soon", "2026-11-23"):
        with pytest.raises(UsageError):
            P.since(bad, today)
    with pytest.raises(UsageError, match="not both"):
        P.choose("2026-W47", "7d", today)


def rows(dates: list[dt.datetime | None], weeks: list[str] | None = None) -> pl.DataFrame:
    frame = pl.DataFrame({C.DATE: dates}, schema={C.DATE: pl.Datetime("us")})
    return frame.with_columns(pl.Series(P.STORED_WEEK, weeks)) if weeks else frame


def test_sunday_night_and_monday_morning_fall_in_their_own_weeks():
    windows = P.history(P.iso_week("2026-W48"), 2)
    frame = rows([dt.datetime(2026, 11, 22, 23, 59, 59), dt.datetime(2026, 11, 23, 0, 0), dt.datetime(2026, 11, 15, 23, 0), dt.datetime(2026, 11, 30)])
    out = P.label(frame, windows)
    assert out[P.PERIOD].to_list() == ["2026-W47", "2026-W48"]  # the other two are outside the report's weeks


def test_a_comment_counts_in_the_customers_own_week_whatever_its_utc_offset():
    parser = DateParser("sent")
    written = pl.Series(["2026-11-22T23:30:00-05:00", "2026-11-23T00:30:00+03:00", "2026-11-22 23:30:00+00:00"])
    # In UTC the first is Monday and the second Sunday; for the customer it is the other way round.
    out = P.label(pl.DataFrame({C.DATE: parser(written)}), P.history(P.iso_week("2026-W48"), 2))
    assert out[P.PERIOD].to_list() == ["2026-W47", "2026-W48", "2026-W47"]


def test_rows_without_a_date_count_in_the_week_they_were_stored():
    frame = rows([None, dt.datetime(2026, 11, 17)], weeks=["2026-W48", "2026-W48"])
    out = P.label(frame, P.history(P.iso_week("2026-W48"), 2))
    assert out[P.PERIOD].to_list() == ["2026-W48", "2026-W47"]


def test_rolling_windows_label_by_their_first_day():
    windows = P.history(P.since("7d", dt.date(2026, 11, 25)), 2)
    out = P.label(rows([dt.datetime(2026, 11, 17, 12), dt.datetime(2026, 11, 18), dt.datetime(2026, 11, 24, 23)]), windows)
    assert out[P.PERIOD].to_list() == ["2026-11-11", "2026-11-18", "2026-11-18"]


def test_stored_weeks_cover_a_rolling_window():
    windows = P.history(P.since("7d", dt.date(2026, 11, 25)), 1)  # Wed 18 to Tue 24 Nov
    assert P.stored_weeks(windows) == ["2026-W47", "2026-W48"]
