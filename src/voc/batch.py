"""The analysis as a function of one batch, for any engine that hands out batches (reads the text column; adds the contract's columns).

    from voc.batch import Analyzer

    analyze = Analyzer(text_col="comment", id_col="ticket_id")
    out = analyze(frame)          # polars DataFrame, pyarrow RecordBatch or Table in; the same type out

``model=DIR`` answers sentiment, scope and categories with a model learned by
``voc learn`` (learn/stage.py), as ``voc analyze --model DIR`` does.

``topic_model=DIR`` also assigns discovered topics with a model fitted once by
``voc analyze SAMPLE --discover --topic-model DIR`` (fit on a sample, assign
everywhere: the way topic discovery scales).

`voc analyze` runs exactly this per batch (see run.py), so any engine that
calls it gets the CLI's results. An Analyzer loads its pipeline once, and the
stages load lexicons and models on first use and share them within the
process: keep one Analyzer per worker (voc.spark does). Output: every input
row in order, the input's columns (renamed with "_input" where they clash
with voc's, as the contract says) followed by voc's columns.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import polars as pl

from voc.core import columns as C
from voc.core.console import Console
from voc.core.errors import UsageError
from voc.core.pipeline import Pipeline, load_pipeline
from voc.read.fields import FieldSpec, Fields
from voc.read.source import Batch, Source


class Plan:
    """What one run does to each batch: the columns it reads, the stages that can run, the columns it adds."""

    def __init__(
        self, spec: FieldSpec, columns: list[str], pipeline: Pipeline, console: Console, *,
        extra: tuple[str, ...] = (), sources: list[Source] | None = None,
    ) -> None:  # fmt: skip
        self.fields = Fields(spec, columns, console, sources)
        self.pipeline = pipeline.bind(self.fields.provides)
        self.added = [c for c in C.OUTPUT if c in {*self.fields.provides, *self.pipeline.provides, *extra}]
        self.renames = clash_renames(columns, self.added, console)

    def analyse(self, batch: Batch, added: list[str] | None = None) -> tuple[pl.DataFrame, pl.DataFrame]:
        """(output rows, the working frame with every column the stages made)."""
        work = self.work(batch)
        return self.output(batch, work, added), work

    def work(self, batch: Batch) -> pl.DataFrame:
        """The batch's working frame after every stage."""
        return self.pipeline(self.fields.working(batch))

    def output(self, batch: Batch, work: pl.DataFrame, added: list[str] | None = None) -> pl.DataFrame:
        """The user's columns (clashes renamed) followed by voc's."""
        columns = self.added if added is None else added
        return pl.concat([batch.frame.rename(self.renames), work.select(columns)], how="horizontal")


def stage_overrides(language: str | None = None, lexicons: str | None = None, model: str | None = None) -> dict:
    """Pipeline parameters set from the command line (--language, --lexicons, --model)."""
    overrides: dict = {}
    if model:
        overrides["learned"] = {"model": str(Path(model).resolve())}
    if language:
        overrides["language"] = {"force": language}
    if lexicons:
        folder = Path(lexicons)
        if not folder.is_dir():
            raise UsageError(f"--lexicons {lexicons}: not a folder; it should hold <lang>/topics.tsv and the like")
        overrides["*"] = {"lexicons": str(folder.resolve())}
    return overrides


def clash_renames(columns: list[str], added: list[str], console: Console) -> dict[str, str]:
    """Input columns named like voc's get the suffix "_input" (contract.md)."""
    taken = set(columns) | set(added)
    renames = {}
    for name in columns:
        if name in added:
            new, n = f"{name}_input", 2
            while new in taken:
                new, n = f"{name}_input{n}", n + 1
            taken.add(new)
            renames[name] = new
    if renames:
        listed = ", ".join(f"{old!r} -> {new!r}" for old, new in renames.items())
        console.warn(f"input column(s) renamed because voc writes columns of the same name: {listed}")
    return renames


class MemorySource(Source):
    """A batch handed over in memory; ``name`` stands where a file name would (voc_id, source_file)."""

    def __init__(self, name: str, frame: pl.DataFrame) -> None:
        super().__init__(Path(name), name)
        self.schema = dict(frame.schema)
        self.frame = frame

    def peek(self, rows: int) -> pl.DataFrame:
        return self.frame.head(rows)

    @property
    def size(self) -> int:
        return 0


class Analyzer:
    def __init__(
        self,
        text_col: str | list[str] | None = None,
        *,
        id_col: str | None = None,
        lang_col: str | None = None,
        date_col: str | None = None,
        date_format: str | None = None,
        score_col: str | None = None,
        score_scale: str = "auto",
        channel_col: str | None = None,
        pipeline: str = "default",
        language: str | None = None,
        lexicons: str | None = None,
        topic_model: str | None = None,
        model: str | None = None,
        quiet: bool = True,
    ) -> None:
        texts = [text_col] if isinstance(text_col, str) else list(text_col or [])
        self.spec = FieldSpec(text=texts, id=id_col, date=date_col, date_format=date_format, score=score_col,
                              score_scale=score_scale, lang=lang_col, channel=channel_col)  # fmt: skip
        overrides = stage_overrides(language, lexicons, model)
        self.pipeline = load_pipeline(pipeline, overrides)
        self.console = Console(quiet=quiet)
        self._plans: dict[tuple, Plan] = {}
        self.topics = _SavedTopics(topic_model, overrides.get("*", {}).get("lexicons")) if topic_model else None

    def __call__(self, batch: Any, *, source: str = "batch", first_row: int = 1) -> Any:
        """Analyse one batch; rows without --id-col get voc_id ``source:row`` counted from ``first_row``."""
        frame = _to_polars(batch)
        key = tuple(frame.schema.items())
        if key not in self._plans:
            extra = (C.DISCOVERED_TOPIC, C.DISCOVERED_TOPIC_LABEL) if self.topics else ()
            self._plans[key] = Plan(self.spec, frame.columns, self.pipeline, self.console, extra=extra)
        plan = self._plans[key]
        one = Batch(MemorySource(source, frame), frame, first_row)
        work = plan.work(one)
        if self.topics:
            work = work.with_columns(self.topics.assign(work))
        return _like(batch, plan.output(one, work))

    def reset(self) -> None:
        """Start a new stream of rows: forget the rows seen so far (duplicate_of looks back over them)."""
        for pipeline in [self.pipeline, *(plan.pipeline for plan in self._plans.values())]:
            for stage in pipeline.stages:
                stage.reset()

    def output_schema(self, batch: Any) -> Any:
        """The schema the output of a batch shaped like ``batch`` will have (Spark wants it up front)."""
        empty = _to_polars(batch).clear()
        out = self(empty)
        return _like(batch, _to_polars(out)).schema if not isinstance(batch, pl.DataFrame) else out.schema


class _SavedTopics:
    """Discovered topics from a model fitted once (on a sample, on one machine), assigned batch by batch."""

    def __init__(self, folder: str, lexicons: str | None) -> None:
        from voc.discover.engine import Discovery, load_labels

        self.model = Discovery.load(Path(folder))
        self.labels = load_labels(Path(folder))
        self.lexicons = lexicons

    def assign(self, work: pl.DataFrame) -> list[pl.Series]:
        from voc.analyse.nlp import PARSED
        from voc.discover.describe import OUTLIER
        from voc.discover.features import features

        feats = [features(p, t, self.lexicons) for p, t in zip(work.get_column(PARSED).to_list(), work.get_column(C.TOPICS).to_list())]
        usable = [i for i, f in enumerate(feats) if f]
        topics = [OUTLIER] * len(feats)
        if usable:
            texts = work.get_column(C.TEXT).to_list()
            found = self.model.transform([feats[i] for i in usable], [" ".join(feats[i]) for i in usable], [texts[i] or "" for i in usable])
            for i, t in zip(usable, found):
                topics[i] = int(t)
        return [
            pl.Series(C.DISCOVERED_TOPIC, topics, dtype=pl.Int64),
            pl.Series(C.DISCOVERED_TOPIC_LABEL, [self.labels.get(t, str(t)) for t in topics], dtype=pl.String),
        ]


def _to_polars(batch: Any) -> pl.DataFrame:
    if isinstance(batch, pl.DataFrame):
        return batch
    import pyarrow as pa

    if isinstance(batch, (pa.RecordBatch, pa.Table)):
        return pl.from_arrow(batch)  # type: ignore[return-value]
    raise TypeError(f"voc.batch.Analyzer takes a polars DataFrame or a pyarrow RecordBatch/Table, not {type(batch).__name__}")


def _like(original: Any, out: pl.DataFrame) -> Any:
    if isinstance(original, pl.DataFrame):
        return out
    import pyarrow as pa

    table = out.to_arrow()
    if isinstance(original, pa.RecordBatch):
        return table.combine_chunks().to_batches()[0] if table.num_rows else pa.RecordBatch.from_pylist([], schema=table.schema)
    return table
