"""Lines skipped under `--on-bad-lines skip` (read step; adds no columns): kept per source, saved beside the output.

One malformed line (a stray delimiter, a line that is not JSON) should not throw
away a long run. With `skip`, a reader sets the line aside here with its line
number, and `save_rejects` writes them all, once the output is whole, to a
small CSV a person can fix and feed back: `source,line,raw`. The raw text is
spooled to a private temporary file past 1 MB, so memory stays flat however
many lines are bad.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import tempfile
from pathlib import Path
from typing import Iterator

ON_BAD_LINES = ("error", "skip")


class Rejects:
    """The bad lines of one source: (line number, raw text), in file order."""

    def __init__(self) -> None:
        self.count = 0
        self._spool: tempfile.SpooledTemporaryFile | None = None

    def add(self, line: int, raw: str) -> None:
        if self._spool is None:
            self._spool = tempfile.SpooledTemporaryFile(max_size=1 << 20, mode="w+", encoding="utf-8", newline="")
        csv.writer(self._spool).writerow([line, raw.rstrip("\r\n")])
        self.count += 1

    def lines(self) -> Iterator[tuple[int, str]]:
        if self._spool is None:
            return
        self._spool.seek(0)
        for line, raw in csv.reader(self._spool):
            yield int(line), raw


def rejects_path(output: str | None, inputs: list[Path], now: dt.datetime | None = None) -> Path:
    """Beside a file or folder output (a results file, a `voc learn` model folder) as `<stem>.rejected.csv`;
    for standard output, /dev/null or a pipe, in the current folder as `voc-rejected-<time>.csv` (a name
    that never replaces an earlier run's)."""
    where = Path(output) if output and output != "-" else None
    if where is not None and where.name and (where.is_file() or where.is_dir() or (not where.exists() and where.parent.is_dir())):
        target = Path(output).with_name(f"{Path(output).stem}.rejected.csv")
        if all(target.resolve() != p.resolve() for p in inputs):
            return target
    return Path(f"voc-rejected-{(now or dt.datetime.now()):%Y%m%d-%H%M%S}.csv")


def report_rejects(sources: list, output: str | None, console) -> None:  # noqa: ANN001 - voc.core.console.Console
    """Save the skipped lines beside ``output`` (a file or a folder) and say so; every command calls
    this once its own output is whole, so a failed run leaves no rejects file behind either."""
    if said := save_rejects(sources, output):
        console.warn(said)


def save_rejects(sources: list, output: str | None) -> str | None:
    """Write every source's rejected lines to one file, atomically; the warning to show, or None when none."""
    counted = [(s, s.rejects) for s in sources if getattr(s, "rejects", None) is not None and s.rejects.count]
    if not counted:
        return None
    from voc.write.atomic import AtomicFile

    target = rejects_path(output, [s.path for s, _ in counted])
    atomic = AtomicFile(target)
    try:
        text = io.TextIOWrapper(atomic.stream, encoding="utf-8", newline="")
        out = csv.writer(text)
        out.writerow(["source", "line", "raw"])
        for source, rejects in counted:
            out.writerows([source.display, line, raw] for line, raw in rejects.lines())
        text.flush()
        text.detach()
        atomic.commit()
    except BaseException:
        atomic.abort()
        raise
    total = sum(r.count for _, r in counted)
    where = ", ".join(f"{r.count} in {s.display}" for s, r in counted) if len(counted) > 1 else f"in {counted[0][0].display}"
    return f"{total} bad line(s) skipped {where}; written to {target} with their line numbers"
