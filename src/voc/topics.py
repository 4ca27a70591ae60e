"""`voc topics` on one page: read -> analyse -> discover -> describe -> write.

The export is analysed batch by batch like `voc analyze`, keeping per comment
only what discovery needs (language, text, sentiment, scope, taxonomy topics,
feature tokens). Clustering needs every comment at once; at very large scale,
fit on a sample and assign the rest with a saved model (`--model`).
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path

import polars as pl

from voc.analyse.nlp import PARSED
from voc.core import columns as C
from voc.core.console import Console
from voc.core.errors import PipelineError
from voc.core.pipeline import load_pipeline
from voc.discover.describe import OUTLIER, TopicSummary, describe
from voc.discover.assign import assign_topics, collect
from voc.discover.engine import Discovery, warm_up
from voc.discover.outputs import write_all
from voc.discover.weekly import check_update, keep, run_week, settle
from voc.read import FieldSpec, Fields, open_inputs
from voc.read.rejects import report_rejects
from voc.read.source import DEFAULT_BATCH_SIZE, ReadOptions, private_workdir
from voc.batch import stage_overrides

DISCOVERED = C.DISCOVERED_TOPIC
DISCOVERED_LABEL = C.DISCOVERED_TOPIC_LABEL


@dataclass
class TopicsRequest:
    inputs: list[str]
    output_dir: str = "topics"
    seed: int = 42
    model_dir: str | None = None
    min_topic_size: int | None = None
    nr_topics: int | str | None = None  # --topics N or "auto": at most N topics, the closest merged (hierarchy.csv)
    update: bool = False  # --update: keep the new themes a saved model found in it
    week: str | None = None  # --week YYYY-Www: the week of this run (first_seen); default: this week
    fields: FieldSpec = field(default_factory=FieldSpec)
    read: ReadOptions = field(default_factory=ReadOptions)
    pipeline: str = "default"
    language: str | None = None
    lexicons: str | None = None
    batch_size: int = DEFAULT_BATCH_SIZE


@dataclass
class Discovered:
    rows: list[dict]
    assigned: list[int]
    summaries: list[TopicSummary]
    files: list[Path]


def discover_topics(request: TopicsRequest, console: Console) -> Discovered:
    week = run_week(request.week)
    check_update(request.update, request.model_dir, "--model DIR")
    overrides = stage_overrides(request.language, request.lexicons)
    lexicons = overrides.get("*", {}).get("lexicons")
    pipeline = load_pipeline(request.pipeline, overrides)
    rows, feats = [], []
    with private_workdir() as workdir:
        table = open_inputs(request.inputs, request.read, Path(workdir))
        fields = Fields(request.fields, table.columns, console, table.sources)
        pipeline = pipeline.bind(fields.provides)
        if PARSED not in pipeline.provides or C.TOPICS not in pipeline.provides:
            raise PipelineError("topic discovery needs a pipeline with the nlp and topics stages (the default one has them)")
        warm_up(table.total_bytes, request.model_dir)  # a fit will need UMAP's compiled code: compile it beside the analysis
        with console.progress(table.total_bytes) as progress:
            for batch in table.batches(request.batch_size):
                work = pipeline(fields.working(batch))
                ids = batch.frame.get_column(fields.id).cast(pl.String).to_list() if fields.id else [None] * work.height
                collect(work, ids, rows, feats, lexicons)
                progress.update(bytes_done=table.bytes_read(), rows=work.height)

    fitting = not (request.model_dir and Discovery.exists(Path(request.model_dir)))
    if request.nr_topics and not fitting:
        console.warn(f"--topics {request.nr_topics}: the saved model in {request.model_dir} keeps the topics it was fitted with; fit a new one to merge")
    discovered = assign_topics(feats, [r["text"] for r in rows], seed=request.seed, model_dir=request.model_dir,
                               min_topic_size=request.min_topic_size, console=console, nr_topics=request.nr_topics,
                               week=week, grow=True)  # fmt: skip
    assigned = discovered.topics
    summaries = describe(rows, assigned, feats)
    labels = settle(discovered, summaries, request.model_dir)
    assignments = pl.DataFrame(
        {
            "id": [r["id"] for r in rows],
            C.VOC_ID: [r[C.VOC_ID] for r in rows],
            C.LANGUAGE: [r[C.LANGUAGE] for r in rows],
            DISCOVERED: assigned,
            DISCOVERED_LABEL: [labels[t] for t in assigned],
        },
        schema_overrides={"id": pl.String},
    )
    if not fields.id:
        assignments = assignments.drop("id")
    merges = discovered.merges if request.nr_topics else None
    files = write_all(Path(request.output_dir), summaries, assignments, merges, since_model=not discovered.fitted)
    keep(discovered, labels, request.model_dir, update=request.update, console=console)
    report_rejects(table.sources, request.output_dir, console)  # --on-bad-lines skip: once the outputs are whole
    found = sum(s.topic != OUTLIER for s in summaries)
    console.info(f"{found} topics in {len(rows):,} comments written to {_folder(request.output_dir)}")
    return Discovered(rows, assigned, summaries, files)


def _folder(path: str) -> str:
    """A folder as the user named it, ending in one separator ("topics_naive/", never "topics_naive//")."""
    trimmed = path.rstrip("/" + os.sep)
    return trimmed + os.sep if trimmed else path  # "/" stays "/"
