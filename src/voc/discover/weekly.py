"""Week to week with a saved topic model: the run's ISO week, and what the model keeps between runs
(``settle`` after describe.py, ``keep`` once outputs.py has written the results).

Reads the topics assigned (assign.py) and their descriptions; ``settle`` sets on each description the
label the model already knows (a topic keeps its name from week to week, though this week's comments
would describe it a little differently), whether it is new to the analyst, and the week it was first
seen; ``keep`` saves the model and labels.json when it was just fitted, or with --update when it grew.
"""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

from voc.core.console import Console
from voc.core.errors import UsageError
from voc.discover.assign import Assigned
from voc.discover.describe import OUTLIER, TopicSummary
from voc.discover.engine import LABELS_FILE, load_labels, save_labels

_WEEK = re.compile(r"(\d{4})-W(\d{2})")


def run_week(value: str | None, today: dt.date | None = None) -> str:
    """``--week`` checked ("2026-W49"), or the ISO week of today."""
    if value is None:
        year, week, _ = (today or dt.date.today()).isocalendar()
        return f"{year}-W{week:02d}"
    match = _WEEK.fullmatch(value.strip())
    if not match:
        raise UsageError(f"--week {value!r} is not an ISO week: write it like 2026-W49")
    try:
        dt.date.fromisocalendar(int(match[1]), int(match[2]), 1)
    except ValueError:
        raise UsageError(f"--week {value!r}: {match[1]} has no week {int(match[2])}") from None
    return match[0]


def check_update(update: bool, model_dir: str | None, option: str) -> None:
    if update and not model_dir:
        raise UsageError(f"--update keeps new themes in a saved topic model: name its folder with {option}")


def settle(found: Assigned, summaries: list[TopicSummary], model_dir: str | None) -> dict[int, str]:
    """Labels, new_theme and first_seen as the model knows them (on ``summaries``, in place); returns
    topic -> label for the assignments."""
    saved = _saved_labels(found, model_dir)
    first_seen = found.model.first_seen() if found.model is not None else {}
    for s in summaries:
        if s.topic in saved and s.topic not in found.new:
            s.label = saved[s.topic]
        if not found.fitted:  # new to the analyst: a topic the model did not know before this run
            s.new = s.topic in found.new
        s.first_seen = first_seen.get(s.topic, "") if s.topic != OUTLIER else ""
    return {s.topic: s.label for s in summaries}


def keep(found: Assigned, labels: dict[int, str], model_dir: str | None, *, update: bool, console: Console) -> None:
    """Save the model and labels.json (after the outputs, so a failed run leaves the folder as it was):
    a fitted model when a folder is named; a saved one only with ``update``, and only when it grew
    (else a warning says what --update would keep)."""
    if model_dir is None or found.model is None:
        return
    folder = Path(model_dir)
    if found.fitted or (update and found.new):
        kept = {**_saved_labels(found, model_dir), **labels}
        found.model.labels_ = kept
        found.model.save(folder)
        save_labels(folder, kept)
        console.info(f"topic model saved in {folder}" + (f" with {len(found.new)} new topics" if found.new else ""))
    elif found.new:
        themes = f"{len(found.new)} new theme{'s' if len(found.new) != 1 else ''}"
        console.warn(f"{themes} found that the model in {folder} does not know; --update keeps them")


def _saved_labels(found: Assigned, model_dir: str | None) -> dict[int, str]:
    """The labels of a saved model's topics: labels.json (what voc.batch reads, and an analyst may have
    edited), else the ones pickled with the model. None for a model fitted in this run."""
    if found.fitted or model_dir is None:
        return {}
    if (Path(model_dir) / LABELS_FILE).exists():
        return load_labels(Path(model_dir))
    return dict(getattr(found.model, "labels_", {}))
