"""Discovery over analysed batches: keep what it needs per comment, then fit or assign topics (reads `_parsed`, `topics`, `text`, `language`, `sentiment`, `scope`; adds nothing to the rows: returns one topic per comment).

Shared by `voc topics` (topics.py) and `voc analyze --discover` (run.py), so
neither imports the other.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

import polars as pl

from voc.analyse.nlp import PARSED
from voc.core import columns as C
from voc.core.console import Console
from voc.discover.describe import OUTLIER
from voc.discover.engine import Discovery
from voc.discover.features import features


def collect(work: pl.DataFrame, ids: list, rows: list[dict], feats: list[list[str]], lexicons: str | None) -> None:
    """Keep, per analysed comment, only what discovery needs (features computed here, or by a --jobs worker)."""
    for row, given in zip(work.iter_rows(named=True), ids):
        feats.append(row[C.DISCOVERY_FEATURES] if C.DISCOVERY_FEATURES in row else features(row[PARSED], row[C.TOPICS], lexicons))
        rows.append(
            {
                "id": given,
                C.VOC_ID: row[C.VOC_ID],
                C.LANGUAGE: row[C.LANGUAGE],
                "text": row[C.TEXT],
                C.SENTIMENT: row[C.SENTIMENT],
                C.SCOPE: row[C.SCOPE],
                C.TOPICS: row[C.TOPICS],
            }
        )


@dataclass
class Assigned:
    topics: list[int]  # one per comment, -1 for an outlier
    merges: dict[int, list[int]] = field(default_factory=dict)  # with --topics N: topic -> the topics found that merged into it
    model: Discovery | None = None
    fitted: bool = True  # False: a saved model assigned them
    new: list[int] = field(default_factory=list)  # with a saved model and ``grow``: the topics it did not know before this run


def assign_topics(
    feats: list[list[str]],
    texts: list[str | None],
    *,
    seed: int,
    model_dir: str | None,
    min_topic_size: int | None,
    console: Console,
    nr_topics: int | str | None = None,
    week: str = "",
    grow: bool = False,
) -> Assigned:
    """Fit (or load) the model on comments that have features; the rest are outliers. ``texts``: the
    comments' analysed text, one per feature list (the sentence embedding reads it). ``nr_topics``:
    at most this many topics when fitting (a saved model keeps the merges it was fitted with).
    ``week``: stamped as first seen on the topics fitted, or grown. ``grow``: a saved model may find
    new themes (grow.py). Nothing is saved here (weekly.settle saves, once the topics have labels)."""
    usable = [i for i, f in enumerate(feats) if f]
    docs = [" ".join(feats[i]) for i in usable]
    words = [texts[i] or "" for i in usable]
    folder = Path(model_dir) if model_dir else None
    new: list[int] = []
    fitted = folder is None or not Discovery.exists(folder)
    if not fitted:
        model = Discovery.load(folder)
        known = set(model.known_topics())
        topics = model.transform([feats[i] for i in usable], docs, words, grow=grow)
        new = [t for t in model.known_topics() if t not in known]
        model.stamp(new, week)
        console.info(f"topics assigned with the saved model in {folder}")
    else:
        model = Discovery(seed=seed, min_topic_size=min_topic_size, nr_topics=nr_topics).fit([feats[i] for i in usable], docs, words)
        topics = model.topics_
        model.stamp(model.known_topics(), week)
    assigned = [OUTLIER] * len(feats)
    for i, t in zip(usable, topics):
        assigned[i] = int(t)
    return Assigned(assigned, dict(getattr(model, "merges_", {})), model, fitted=fitted, new=new)
