"""`voc sample` on one page: read -> analyse -> (model) -> choose -> write the labelling workbook.

The export is analysed batch by batch with the pipeline (`voc analyze`'s
default unless --pipeline), keeping per row only what the choice needs. The
choice itself (sample.py) needs every usable row at once; a very large input is
cut to a stratified pool of sample.POOL rows before the embedding.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
import polars as pl

from voc.batch import stage_overrides
from voc.core import columns as C
from voc.core.console import Console
from voc.core.errors import InputError, UsageError
from voc.core.pipeline import load_pipeline
from voc.learn import sample as recipe
from voc.learn.workbook import SheetRow, write_workbook
from voc.read import FieldSpec, Fields, open_inputs
from voc.read.source import DEFAULT_BATCH_SIZE, ReadOptions, private_workdir

_KEEP = (C.VOC_ID, C.TEXT, C.UNCLEANED, C.LANGUAGE, C.SENTIMENT, C.SENTIMENT_SCORE, C.SCOPE, C.TOPICS, C.EVIDENCE)
_SIGNALS = (C.INTENT, C.EMOTION, C.CHURN_RISK, C.EFFORT)  # voc's guesses shown with --signals


@dataclass
class SampleRequest:
    inputs: list[str]
    output: str
    n: int = 200
    seed: int = 42
    model: str | None = None  # a `voc learn` model folder: its doubt replaces the lexicons' where it has the label
    fields: FieldSpec = field(default_factory=FieldSpec)
    read: ReadOptions = field(default_factory=ReadOptions)
    pipeline: str = "default"
    language: str | None = None
    lexicons: str | None = None
    batch_size: int = DEFAULT_BATCH_SIZE
    signals: bool = False  # --signals: label columns for intent, emotion, churn risk and effort too


@dataclass
class SampleSummary:
    rows: int  # rows read
    usable: int  # after empty, content-free and duplicate texts
    empty: int
    duplicates: int
    other_language: int
    chosen: list[str]  # ids of the rows written, in the workbook's order
    output: str


def sample_rows(request: SampleRequest, console: Console) -> SampleSummary:
    if request.n < 1:
        raise UsageError(f"-n {request.n}: ask for at least 1 row (a few hundred labels learn well)")
    target = Path(request.output)
    if target.suffix.lower() != ".xlsx":
        raise UsageError(f"-o {request.output}: voc sample writes an Excel workbook with drop-down lists; end the name in .xlsx")
    if target.is_dir():
        raise UsageError(f"-o {request.output} is a folder: name a file such as {target / 'to_label.xlsx'}")
    if str(target.parent) and not target.parent.exists():
        raise UsageError(f"the folder of -o {request.output} does not exist: create it first")
    for raw in request.inputs:
        if raw != "-" and Path(raw).resolve() == target.resolve():
            raise UsageError(f"-o {request.output} is also an input: write the workbook to another file")
    model = _load_model(request.model)
    pipeline = load_pipeline(request.pipeline, stage_overrides(request.language, request.lexicons))
    threshold = next((float(s.threshold) for s in pipeline.stages if getattr(s, "role", "") == "sentiment" and hasattr(s, "threshold")), 0.25)

    frames = []
    with private_workdir() as workdir:
        table = open_inputs(request.inputs, request.read, Path(workdir))
        fields = Fields(request.fields, table.columns, console, table.sources)
        pipeline = pipeline.bind(fields.provides)
        with console.progress(table.total_bytes) as progress:
            for batch in table.batches(request.batch_size):
                work = pipeline(fields.working(batch))
                frames.append(work.select([c for c in (*_KEEP, *_SIGNALS) if c in work.columns]))
                progress.update(bytes_done=table.bytes_read(), rows=work.height)
    for source in table.sources:
        for note in source.notes:
            console.warn(f"{source.display}: {note}")
    fields.report()

    kept = pl.concat(frames, how="diagonal_relaxed") if frames else pl.DataFrame()
    found = recipe.usable(_candidates(kept))
    rows_in = kept.height
    if not found.rows:
        raise InputError(
            f"none of the {rows_in:,} rows has a text worth labelling in a language voc analyses "
            f"({', '.join(C.ANALYSED_LANGUAGES)}): all empty, content-free, repeated or in other languages"
        )
    n = request.n
    if n > len(found.rows):
        console.warn(f"-n {n}: only {len(found.rows):,} usable rows (of {rows_in:,} read); all of them are in the workbook")
        n = len(found.rows)
    pool = recipe.pool(found.rows, recipe.POOL, request.seed)
    if len(pool) < len(found.rows):
        console.info(f"choosing from a stratified pool of {len(pool):,} of the {len(found.rows):,} usable rows")
    from voc.learn.embed import embed

    embeddings = embed([c.analysed for c in pool])
    if model is not None:
        _model_doubt(model, pool, embeddings)
    picked = recipe.choose(pool, embeddings, n, request.seed, threshold)
    if len(picked) < n:
        console.warn(f"only {len(picked):,} rows are not near-duplicates of each other; the workbook has {len(picked):,}")
    ordered = _order([pool[i] for i in picked], request.seed)
    sheet_rows = [SheetRow(c.id, c.text, c.language, c.sentiment, c.scope, c.topics, c.signals) for c in ordered]
    cut = write_workbook(target, sheet_rows, signals=request.signals)
    if cut:
        console.warn(f"{cut} text(s) were cut to Excel's limit of 32,767 characters")
    from voc.read.rejects import report_rejects

    report_rejects(table.sources, request.output, console)  # --on-bad-lines skip: once the workbook is whole
    console.info(
        f"{len(ordered):,} rows to label written to {request.output} (of {rows_in:,} read: {found.empty:,} empty or "
        f"content-free, {found.duplicates:,} repeated texts, {found.other_language:,} in languages voc does not "
        "analyse); fill the *_label columns, then run voc learn on it"
    )
    return SampleSummary(rows_in, len(found.rows), found.empty, found.duplicates, found.other_language, [c.id for c in ordered], request.output)


def _candidates(kept: pl.DataFrame) -> list[recipe.Candidate]:
    def get(name: str) -> list:
        return kept.get_column(name).to_list() if name in kept.columns else [None] * kept.height

    out = []
    guesses = {c: get(c) for c in _SIGNALS if c in kept.columns}
    for i, (vid, text, raw, lang, sent, score, scope, topics, why) in enumerate(
        zip(*(get(c) for c in _KEEP))
    ):
        # The labeller sees the text as read; the embedding and the model see it as analysed (cleaned).
        signals = {c: values[i] for c, values in guesses.items()}
        out.append(recipe.Candidate(str(vid if vid is not None else i + 1), raw or text or "", lang, sent, score,
                                    scope, topics or [], why or "", work_text=text or "", signals=signals))  # fmt: skip
    return out


def _load_model(folder: str | None):  # noqa: ANN202
    if folder is None:
        return None
    from voc.learn.model import LearnedModel

    return LearnedModel.load(folder, training=False)


def _model_doubt(model, pool: list[recipe.Candidate], embeddings: np.ndarray) -> None:  # noqa: ANN001
    """Each pooled row's doubt per learned label, from the model (the embedding computed once, reused)."""
    from voc.learn.features import Features, lexicon, ngrams

    frame = pl.DataFrame(
        {C.TEXT: [c.analysed for c in pool], C.LANGUAGE: [c.language for c in pool], C.SENTIMENT: [c.sentiment for c in pool],
         C.SENTIMENT_SCORE: [c.score for c in pool], C.SCOPE: [c.scope for c in pool], C.TOPICS: [c.topics for c in pool]},
        schema={C.TEXT: pl.String, C.LANGUAGE: pl.String, C.SENTIMENT: pl.String, C.SENTIMENT_SCORE: pl.Float64,
                C.SCOPE: pl.String, C.TOPICS: pl.List(pl.String)},
    )  # fmt: skip
    feats = Features(embeddings, ngrams(frame.get_column(C.TEXT).to_list()), lexicon(frame))
    for name, prediction in model.predict(frame, feats).items():
        head = model.heads[name]
        for c, confidence in zip(pool, prediction.confidence):
            c.doubt[name] = recipe.model_doubt(float(confidence), len(head.classes), head.multi)


def _order(rows: list[recipe.Candidate], seed: int) -> list[recipe.Candidate]:
    """By language (a labeller per language can take a block), shuffled within it: no run of one guess
    to anchor the labeller, and no trace of the order the rows were chosen in."""
    rng = np.random.default_rng(seed)
    shuffled = [rows[i] for i in rng.permutation(len(rows))]
    return sorted(shuffled, key=lambda c: c.language or "~")
