"""The flow on one page: read -> detect -> analyse -> tag -> write, batch by batch.

`analyze` is the one function `voc analyze` calls. Everything that can be
checked without data (output format, pipeline, columns) is checked before the
first row is read, so a mistake costs nothing and writes nothing. Rows then
stream through in batches: memory stays flat however large the export.
"""

from __future__ import annotations

import os
from contextlib import contextmanager
from dataclasses import dataclass, field, replace
from pathlib import Path

import polars as pl

from voc.core import columns as C
from voc.core.console import Console
from voc.core.errors import UsageError
from voc.core.pipeline import load_pipeline
from voc.batch import Plan, stage_overrides
from voc.read import FieldSpec, open_inputs
from voc.read.source import DEFAULT_BATCH_SIZE, ReadOptions, private_workdir
from voc.write import open_writer, output_format
from voc.write.writers import discards



@dataclass
class AnalyzeRequest:
    inputs: list[str]
    output: str | None = None
    format: str | None = None
    fields: FieldSpec = field(default_factory=FieldSpec)
    read: ReadOptions = field(default_factory=ReadOptions)
    pipeline: str = "default"
    language: str | None = None  # force every item to this language
    lexicons: str | None = None  # overlay folder (--lexicons)
    excel: bool = False  # CSV with a BOM and CRLF, for Excel
    formula_guard: bool = True
    batch_size: int = DEFAULT_BATCH_SIZE
    discover: bool = False  # add discovered_topic / discovered_topic_label (two passes)
    seed: int = 42
    topic_model: str | None = None  # saved topic model folder: reused if present, else saved there
    update: bool = False  # --update: with --discover --topic-model, keep the new themes found in the model
    week: str | None = None  # --week YYYY-Www: with --discover, the week of this run (first_seen); default: this week
    store: str | None = None  # history store folder (--store): analysed rows are appended after the run
    long: bool = False  # one row per item and topic (--long), for BI tools
    label_language: str = "en"  # language of topic_label with --long
    jobs: int = 1  # worker processes for the analysis (--jobs); 1 runs it in this process
    model: str | None = None  # a model folder from `voc learn` (--model): learned sentiment, scope, categories
    rejects_beside: str | None = None  # --on-bad-lines skip: the skipped lines go beside this path (default: the output)


@dataclass
class RunSummary:
    rows: int
    columns: list[str]
    output: str
    renames: dict[str, str] = field(default_factory=dict)  # input columns renamed for clashing with voc's


def analyze(request: AnalyzeRequest, console: Console) -> RunSummary:
    if request.store and request.output is None:
        # A cron job that fills the history wants no rows on standard output (cron would mail them all).
        request = replace(request, output=os.devnull)
        console.info("rows go to the store only; add -o FILE (or -o - for standard output) to get them too")
    fmt = output_format(request.output, request.format)
    if request.batch_size < 1:
        raise UsageError("--batch-size must be at least 1")
    if request.jobs < 1:
        raise UsageError("--jobs must be at least 1")
    if request.label_language not in C.ANALYSED_LANGUAGES:
        raise UsageError(f"--label-language {request.label_language!r}: use one of {', '.join(C.ANALYSED_LANGUAGES)}")
    _refuse_overwriting_inputs(request)
    if (request.week or request.update) and not request.discover:
        raise UsageError(f"{'--week' if request.week else '--update'} is about discovered topics: use it with --discover")
    if request.discover:
        from voc.discover.weekly import check_update, run_week

        request = replace(request, week=run_week(request.week))
        check_update(request.update, request.topic_model, "--discover --topic-model DIR")
    pipeline = load_pipeline(request.pipeline, stage_overrides(request.language, request.lexicons, request.model))
    store = _open_store(request.store)

    _warm_detection(pipeline)
    with private_workdir() as workdir:
        kept = _Spool(Path(workdir) / "store.parquet")  # the store's rows, appended once the output is whole
        table = open_inputs(request.inputs, request.read, Path(workdir))
        discovered = (C.DISCOVERED_TOPIC, C.DISCOVERED_TOPIC_LABEL) if request.discover else ()
        plan = Plan(request.fields, table.columns, pipeline, console, extra=discovered, sources=table.sources)
        fields, added, renames = plan.fields, plan.added, plan.renames
        if request.long and C.TOPIC_SENTIMENTS not in added:
            raise UsageError("--long writes a row per topic, but this pipeline finds no topics: use the default pipeline")
        if request.discover:
            writer = _analyze_and_discover(request, fmt, table, plan, Path(workdir), console, store, kept)
        else:
            with console.progress(table.total_bytes) as progress, _writer(request, fmt) as writer:
                for batch, work in _analysed(request, table, plan):
                    writer.write(plan.output(batch, work))
                    if store is not None:
                        kept.add(store.canonical(work))
                    progress.update(bytes_done=table.bytes_read(), rows=batch.frame.height)

        if store is not None:
            added_rows = store.append(kept.frames())
            console.info(f"{added_rows:,} new rows stored in {request.store} ({writer.rows - added_rows:,} already there)")
    for source in table.sources:
        for note in source.notes:
            console.warn(f"{source.display}: {note}")
    from voc.read.rejects import report_rejects

    report_rejects(table.sources, request.rejects_beside or request.output, console)  # --on-bad-lines skip: once the output is whole
    fields.report()
    if writer.truncated:
        console.warn(f"{writer.truncated} cell(s) were cut to Excel's limit of 32,767 characters; write .csv or .parquet to keep them whole")
    where = request.output or "standard output"
    if discards(request.output):
        console.info(f"{writer.rows:,} rows analysed; the rows themselves were discarded ({request.output})")
    else:
        console.info(f"{writer.rows:,} rows written to {where}")
    columns = [*(renames.get(c, c) for c in table.columns), *added]
    return RunSummary(rows=writer.rows, columns=columns, output=where, renames=renames)


def _analysed(request: AnalyzeRequest, table, plan: Plan, features: bool = False):  # noqa: ANN001, ANN202
    """(batch, analysed working frame) in input order: in this process, or in --jobs workers when there is
    more than one batch (starting workers and loading their models costs more than one batch takes) and
    there are stages for them (a language-only pipeline runs wholly in the main process)."""
    from voc.parallel import IN_MAIN

    here, there = plan.pipeline.split(IN_MAIN)
    batches = table.batches(request.batch_size)
    head = [b for b in (next(batches, None), next(batches, None)) if b is not None]
    if request.jobs == 1 or len(head) < 2 or not there.stages:
        for batch in (*head, *batches):
            yield batch, plan.work(batch)
        return
    from itertools import chain

    from voc.parallel import Workers
    from voc.report.store import STORED

    keep = list(dict.fromkeys([*plan.added, *STORED]))
    overrides = stage_overrides(request.language, request.lexicons, request.model)
    here = here.configured(threads=1)  # the cores are the workers'
    workers = Workers(request.jobs, request.pipeline, overrides, plan.fields.provides, keep, features=features)
    finished = False
    try:
        yield from workers.map((b, here(plan.fields.working(b))) for b in chain(head, batches))
        finished = True
    finally:
        workers.close(cancel=not finished)


class _Spool:
    """Rows for the store, kept in a private Parquet file (not in memory) until the output is whole."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self.writer = None
        # With --discover: (topic per row, topic -> label), known only after the first pass; added as
        # the rows are read back, so the store keeps each row's discovered topic (voc report's new themes).
        self.discovered: tuple[list[int], dict[int, str]] | None = None

    def add(self, frame: pl.DataFrame) -> None:
        from voc.write.writers import ParquetWriter

        if self.writer is None:
            self.writer = ParquetWriter(open(self.path, "wb"), guard=False)  # noqa: SIM115 - closed in frames()
        self.writer.write(frame)

    def frames(self):  # noqa: ANN201
        import pyarrow.parquet as pq

        if self.writer is None:
            return
        self.writer.finish()
        self.writer.stream.close()
        offset = 0
        for batch in pq.ParquetFile(self.path).iter_batches(batch_size=50_000):
            frame = pl.from_arrow(batch)
            if self.discovered is not None:
                topics, labels = self.discovered
                part = topics[offset : offset + frame.height]
                frame = frame.with_columns(
                    pl.Series(C.DISCOVERED_TOPIC, part, dtype=pl.Int64),
                    pl.Series(C.DISCOVERED_TOPIC_LABEL, [labels[t] for t in part], dtype=pl.String),
                )
                offset += frame.height
            yield frame


def _open_store(path: str | None):  # noqa: ANN202
    if path is None:
        return None
    from voc.report.store import Store

    return Store(path)


def _analyze_and_discover(request, fmt, table, plan, workdir, console, store, kept):  # noqa: ANN001
    """Two passes: analyse into a private Parquet file while collecting discovery
    features, fit (or load) the topic model on all rows, then stream the file to the
    real output with the two discovered-topic columns."""
    from voc.analyse.nlp import PARSED
    from voc.core.errors import PipelineError
    from voc.discover.describe import describe
    from voc.discover.assign import assign_topics, collect
    from voc.discover.weekly import keep, settle

    pipeline, added = plan.pipeline, plan.added
    if PARSED not in pipeline.provides or C.TOPICS not in pipeline.provides:
        raise PipelineError("--discover needs a pipeline with the nlp and topics stages (the default one has them)")
    from voc.discover.engine import warm_up

    warm_up(table.total_bytes, request.topic_model)  # a fit will need UMAP's compiled code: compile it beside the analysis
    first = [c for c in added if c not in (C.DISCOVERED_TOPIC, C.DISCOVERED_TOPIC_LABEL)]
    analysed = workdir / "analysed.parquet"
    rows: list[dict] = []
    feats: list[list[str]] = []
    lexicons = next((getattr(s, "lexicons", None) for s in pipeline.stages if getattr(s, "lexicons", None)), None)
    with console.progress(table.total_bytes) as progress, open_writer(str(analysed), "parquet", guard=False) as spool:
        for batch, work in _analysed(request, table, plan, features=True):
            collect(work, [None] * work.height, rows, feats, lexicons)
            if store is not None:
                kept.add(store.canonical(work))
            spool.write(plan.output(batch, work, first))
            progress.update(bytes_done=table.bytes_read(), rows=batch.frame.height)
    found = assign_topics(feats, [r["text"] for r in rows], seed=request.seed, model_dir=request.topic_model, min_topic_size=None,
                          console=console, week=request.week, grow=True)  # fmt: skip
    assigned = found.topics
    labels = settle(found, describe(rows, assigned, feats), request.topic_model)
    kept.discovered = (assigned, labels)

    import pyarrow.parquet as pq

    with _writer(request, fmt) as writer:
        offset = 0
        for record_batch in pq.ParquetFile(analysed).iter_batches(batch_size=request.batch_size):
            frame = pl.from_arrow(record_batch)
            topics = assigned[offset : offset + frame.height]
            frame = frame.with_columns(
                pl.Series(C.DISCOVERED_TOPIC, topics, dtype=pl.Int64),
                pl.Series(C.DISCOVERED_TOPIC_LABEL, [labels[t] for t in topics], dtype=pl.String),
            )
            writer.write(frame.select([*frame.columns[: frame.width - len(added)], *added]))
            offset += frame.height
    keep(found, labels, request.topic_model, update=request.update, console=console)
    return writer


def _warm_detection(pipeline) -> None:  # noqa: ANN001
    """Load language detection's models (seconds; the largest load) in a background thread while the
    main one opens and reads the input, picks the text column and imports spaCy for the first batch."""
    import threading

    stages = [s for s in pipeline.stages if s.role == "language"]

    def warm() -> None:
        try:
            for stage in stages:
                stage.warm()
        except Exception:  # noqa: BLE001 - the first batch meets the same error, with voc's handling
            pass

    if stages:
        threading.Thread(target=warm, name="voc-warm-detection", daemon=True).start()


@contextmanager
def _writer(request: AnalyzeRequest, fmt: str):  # noqa: ANN202
    """The output's row writer: long (a row per topic) with --long."""
    with open_writer(request.output, fmt, excel=request.excel, guard=request.formula_guard) as writer:
        if not request.long:
            yield writer
            return
        from voc.analyse.lexicon import load_taxonomy
        from voc.write.long import LongWriter

        taxonomy = load_taxonomy(str(Path(request.lexicons).resolve()) if request.lexicons else None)
        lang = request.label_language
        yield LongWriter(writer, {t.id: t.labels.get(lang) or t.labels.get("en") or t.id for t in taxonomy.values()})


def _refuse_overwriting_inputs(request: AnalyzeRequest) -> None:
    if not request.output or request.output == "-":
        return
    target = Path(request.output).resolve()
    for raw in request.inputs:
        if raw != "-" and Path(raw).resolve() == target:
            raise UsageError(f"-o {request.output} is also an input: write the results to another file")
