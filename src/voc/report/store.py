"""History store for weekly reports (reads analysed rows; keeps the canonical columns).

A folder of Parquet files partitioned by ISO week (``week=2026-W47/``), chosen
over an embedded database because it needs no server or extra dependency, any
tool reads it (polars, DuckDB, Spark, pandas), and a week is rewritten or
dropped by moving files.

- **Idempotent**: each row has a key, a hash of its source file, id, date and
  text; rows whose key is already stored are skipped, so re-running an export
  adds nothing. (The id alone is not enough: a weekly export that keeps its
  file name repeats ids like "export.csv:1" every week.)
- **Safe under concurrency**: an append holds an exclusive lock on
  ``.lock`` while it checks keys and moves its new part files into place; parts
  are written beside their target and renamed, so readers never see half a file.
- **Week**: ISO week of `voc_date` when the export has a date column, else of
  the day the rows were stored.
- **Text** is kept as analysed, empty where the answer was: that is how a
  report tells a response without a comment (summarise.is_comment) from one
  with, in stores written by any version, with no flag column to keep in step.
"""

from __future__ import annotations

import datetime as dt
import fcntl
import hashlib
import os
import uuid
from contextlib import contextmanager
from pathlib import Path
from typing import Iterable, Iterator

import polars as pl

from voc.core import columns as C
from voc.core.errors import UsageError

KEY = "_key"
FLUSH_ROWS = 100_000  # rows an append holds before writing them out
WEEK = "_week"
TEXT = "text"
STORED = (C.VOC_ID, C.SOURCE_FILE, C.DATE, C.SCORE, C.SCORE_SCALE, C.LANGUAGE, C.SENTIMENT, C.SENTIMENT_SCORE,
          C.TOPICS, C.TOPIC_SENTIMENTS, C.SCOPE, C.CHANNEL, TEXT, C.DISCOVERED_TOPIC, C.DISCOVERED_TOPIC_LABEL,
          C.INTENT, C.EMOTION, C.CHURN_RISK, C.EFFORT, C.DUPLICATE_OF)  # fmt: skip
SCHEMA = {
    C.VOC_ID: pl.String, C.SOURCE_FILE: pl.String, C.DATE: pl.Datetime("us"), C.SCORE: pl.Float64,
    C.SCORE_SCALE: pl.String, C.LANGUAGE: pl.String, C.SENTIMENT: pl.String, C.SENTIMENT_SCORE: pl.Float64,
    C.TOPICS: pl.List(pl.String), C.TOPIC_SENTIMENTS: pl.List(pl.String), C.SCOPE: pl.String, C.CHANNEL: pl.String,
    TEXT: pl.String, C.DISCOVERED_TOPIC: pl.Int64, C.DISCOVERED_TOPIC_LABEL: pl.String,
    C.INTENT: pl.String, C.EMOTION: pl.String, C.CHURN_RISK: pl.Boolean, C.EFFORT: pl.String, C.DUPLICATE_OF: pl.String,
}  # fmt: skip


class Store:
    def __init__(self, path: str | Path) -> None:
        self.path = Path(path)
        if self.path.exists() and not self.path.is_dir():
            raise UsageError(f"--store {self.path} is a file: name a folder (it is created if missing)")

    def canonical(self, work: pl.DataFrame, today: dt.date | None = None) -> pl.DataFrame:
        """The stored columns of an analysed working frame, with key and week."""
        today = today or dt.date.today()
        frame = work.select(
            [pl.col(c).cast(t) if c in work.columns else pl.lit(None, dtype=t).alias(c) for c, t in SCHEMA.items()]
        )
        key_source = pl.concat_str(
            [pl.col(C.SOURCE_FILE), pl.col(C.VOC_ID), pl.col(C.DATE).cast(pl.String), pl.col(TEXT)],
            separator="\x1f",
            ignore_nulls=True,
        )
        keys = [hashlib.sha1(v.encode("utf-8")).hexdigest() for v in frame.select(key_source).to_series().fill_null("")]
        day = pl.col(C.DATE).dt.date().fill_null(pl.lit(today))
        week = pl.concat_str([day.dt.iso_year().cast(pl.String), pl.lit("-W"), day.dt.week().cast(pl.String).str.zfill(2)])
        return frame.with_columns(pl.Series(KEY, keys, dtype=pl.String), week.alias(WEEK))

    def append(self, rows: pl.DataFrame | Iterable[pl.DataFrame]) -> int:
        """Add rows (from `canonical`; one frame or a stream of them) not stored yet; returns how many were added.

        A stream is held at most ``FLUSH_ROWS`` rows at a time, so storing a
        million-row run costs no more memory than storing a small one; each week
        gets one part file per ``FLUSH_ROWS`` new rows.
        """
        if isinstance(rows, pl.DataFrame) and rows.is_empty():
            return 0
        frames = [rows] if isinstance(rows, pl.DataFrame) else rows
        self.path.mkdir(parents=True, exist_ok=True)
        known: dict[str, set[str]] = {}  # week -> keys stored, or added by this call
        pending: dict[str, list[pl.DataFrame]] = {}
        held = added = 0
        with self._locked():
            for frame in frames:
                if frame.is_empty():
                    continue
                # A key is a hash that includes the date, so each key belongs to one week.
                for (week,), part in frame.group_by(WEEK, maintain_order=True):
                    seen = known.get(week)
                    if seen is None:
                        seen = known[week] = set(self._keys(self.path / f"week={week}"))
                    fresh = [k not in seen and not seen.add(k) for k in part.get_column(KEY).to_list()]  # type: ignore[func-returns-value]
                    new = part.filter(pl.Series(fresh, dtype=pl.Boolean))
                    if new.height:
                        pending.setdefault(week, []).append(new)
                        held += new.height
                while held >= FLUSH_ROWS:
                    week = max(pending, key=lambda w: sum(f.height for f in pending[w]))
                    written = self._write(week, pending.pop(week))
                    held -= written
                    added += written
            for week, parts in pending.items():
                added += self._write(week, parts)
        return added

    def _write(self, week: str, parts: list[pl.DataFrame]) -> int:
        folder = self.path / f"week={week}"
        folder.mkdir(parents=True, exist_ok=True)
        target = folder / f"part-{uuid.uuid4().hex}.parquet"
        temp = folder / f".{target.name}.part"
        rows = pl.concat(parts).drop(WEEK)
        rows.write_parquet(temp)
        os.replace(temp, target)
        return rows.height

    def read(self, weeks: list[str] | None = None) -> pl.DataFrame:
        """Stored rows (of ``weeks`` only, when given), with their partition in `_week`."""
        files = sorted(self.path.glob("week=*/part-*.parquet"))
        if weeks is not None:
            wanted = set(weeks)
            files = [f for f in files if f.parent.name.removeprefix("week=") in wanted]
        if not files:
            return pl.DataFrame(schema={**SCHEMA, KEY: pl.String, WEEK: pl.String})
        # One scan over all parts: polars reads them in parallel and the path gives the week.
        # The schema is given: parts written before a column was stored (discovered topics, signals) read it as empty.
        frame = pl.scan_parquet(files, schema={**SCHEMA, KEY: pl.String}, include_file_paths="_path", missing_columns="insert",
                                hive_partitioning=False)  # fmt: skip
        week = pl.col("_path").str.extract(r"week=([^/\\]+)", 1)
        # Part files are named at random: sorted by key, the same rows read the same way every time, so a report's
        # row-order-dependent figures (float sums, first-seen order) come out byte-identical from run to run.
        return frame.with_columns(week.alias(WEEK)).drop("_path").sort([WEEK, KEY]).collect()

    def _keys(self, folder: Path) -> list[str]:
        files = list(folder.glob("part-*.parquet"))
        return pl.concat([pl.read_parquet(f, columns=[KEY]) for f in files])[KEY].to_list() if files else []

    @contextmanager
    def _locked(self) -> Iterator[None]:
        with open(self.path / ".lock", "a") as lock:
            fcntl.flock(lock, fcntl.LOCK_EX)
            try:
                yield
            finally:
                fcntl.flock(lock, fcntl.LOCK_UN)
