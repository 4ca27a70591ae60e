"""Messages and progress on standard error.

Standard output belongs to the data (``voc analyze x.csv | other-tool``), so
everything a person reads goes to standard error. Under cron (stderr is not a
terminal) or with ``--quiet`` only warnings are written: a cron job mails
whatever it prints, and a warning is the only thing worth a mail.
"""

from __future__ import annotations

import sys
from contextlib import contextmanager
from typing import Iterator, TextIO


class Console:
    def __init__(self, *, quiet: bool = False, stream: TextIO | None = None) -> None:
        self.stream = stream if stream is not None else sys.stderr
        interactive = bool(getattr(self.stream, "isatty", lambda: False)())
        self.chatty = interactive and not quiet
        self.warnings: list[str] = []

    def info(self, message: str) -> None:
        if self.chatty:
            print(f"voc: {message}", file=self.stream)

    def warn(self, message: str) -> None:
        self.warnings.append(message)
        print(f"voc: warning: {message}", file=self.stream)

    @contextmanager
    def progress(self, total_bytes: int | None) -> Iterator["Progress"]:
        if not self.chatty:
            yield Progress(None, None)
            return
        from rich.console import Console as RichConsole
        from rich.progress import (
            BarColumn,
            DownloadColumn,
            Progress as RichProgress,
            TextColumn,
            TimeElapsedColumn,
            TimeRemainingColumn,
        )

        bar = RichProgress(
            TextColumn("[progress.description]{task.description}"),
            BarColumn(),
            DownloadColumn(),
            TextColumn("{task.fields[rows]:,} rows"),
            TimeElapsedColumn(),
            TimeRemainingColumn(),
            console=RichConsole(file=self.stream),
            transient=True,
        )
        with bar:
            # The first batch waits for the models (seconds on a cold start): say so rather than sit at 0 rows.
            task = bar.add_task("loading models", total=total_bytes, rows=0)
            yield Progress(bar, task)


class Progress:
    """Advances a progress bar by bytes read and rows done; a no-op when silent."""

    def __init__(self, bar, task) -> None:  # noqa: ANN001 - rich types stay lazy
        self._bar = bar
        self._task = task
        self._rows = 0

    def update(self, *, bytes_done: int | None, rows: int) -> None:
        if self._bar is None:
            return
        self._rows += rows
        if bytes_done is None:
            self._bar.update(self._task, rows=self._rows, description="analysing")
        else:
            self._bar.update(self._task, completed=bytes_done, rows=self._rows, description="analysing")
