"""voc's analysis on a Spark DataFrame, with the very code `voc analyze` runs (reads the text column; adds the contract's columns).

    from voc.spark import analyze

    results = analyze(spark.read.parquet("tickets/"), text_col="body", id_col="ticket_id")
    results.write.parquet("tickets_voc/")

Needs the extra: ``uv sync --extra spark`` (pyspark; Java 17+ on every node).
Each partition goes through ``mapInArrow`` to a ``voc.batch.Analyzer``, which
is built once per Python worker process and keeps its lexicons and models for
every later task that worker runs (Spark reuses Python workers by default).

What is decided once per run in `voc analyze` is decided once here, on the
driver, so partitions cannot disagree: the score scale comes from the first
``batch_size`` rows when it is "auto". Rows get ``voc_id`` from ``id_col``;
without one it is ``<source>/part-<partition>:<row>``, unique for a given
partitioning, and ``source_file`` is ``<source>/part-<partition>``.

Discovered topics: fit once on a sample with
``voc analyze sample.csv --discover --topic-model model/`` (or ``fit_topics``
below, on the driver), then pass ``topic_model="model/"``: the model is read
on the driver and shipped to the workers, which assign topics batch by batch.
"""

from __future__ import annotations

import pickle
import tempfile
import uuid
from pathlib import Path
from typing import Any, Iterator

import polars as pl
import pyarrow as pa

from voc.batch import Analyzer
from voc.core.errors import UsageError

_analyzers: dict[str, Analyzer] = {}  # per Python worker process, one per analyze() call


def analyze(df: Any, text_col: str | list[str], *, source: str = "spark", batch_size: int = 5000, **options: Any) -> Any:
    """``df`` with voc's columns added (inputs named like them get "_input"), one output row per input row.

    ``options`` are those of ``voc.batch.Analyzer``: id_col, lang_col,
    date_col, date_format, score_col, score_scale, channel_col, pipeline,
    language, lexicons, topic_model, model (a `voc learn` folder, read on the
    driver and shipped to the workers like the topic model).
    """
    from pyspark.sql.pandas.types import from_arrow_schema, to_arrow_schema

    if batch_size < 1:
        raise UsageError("batch_size must be at least 1")
    options = dict(options, text_col=text_col)
    options.update(_decided_on_driver(df, batch_size, options))
    model = options.pop("topic_model", None)
    shipped = _read_model(model) if model else None
    learned = options.pop("model", None)
    shipped_learned = _read_learned(learned) if learned else None

    probe = Analyzer(**options, topic_model=model, model=learned)
    out_schema = _plain(probe.output_schema(to_arrow_schema(df.schema).empty_table()))
    key = uuid.uuid4().hex  # names this call's Analyzer in each worker; the model bytes travel once per task, not twice

    def run(batches: Iterator[pa.RecordBatch]) -> Iterator[pa.RecordBatch]:
        from pyspark import TaskContext

        analyzer = _analyzer(key, options, shipped, shipped_learned)
        analyzer.reset()  # duplicate_of within this partition, whichever partitions this worker ran before
        name = f"{source}/part-{TaskContext.get().partitionId():05d}"
        row = 1
        for batch in _rebatched(batches, batch_size):
            out = analyzer(batch, source=name, first_row=row)
            row += batch.num_rows
            yield out.cast(out_schema)

    return df.mapInArrow(run, from_arrow_schema(out_schema))


def fit_topics(
    df: Any,
    text_col: str | list[str],
    model_dir: str,
    *,
    sample_rows: int = 50_000,
    seed: int = 42,
    id_col: str | None = None,
    lang_col: str | None = None,
    pipeline: str = "default",
    language: str | None = None,
    lexicons: str | None = None,
) -> Path:
    """Fit a topic model on the driver from a sample of ``df`` and save it in ``model_dir`` for ``analyze(topic_model=...)``.

    The sample is the first ``sample_rows`` rows of a seeded shuffle, written
    to a private Parquet file and analysed exactly as `voc analyze --discover`.
    """
    from pyspark.sql import functions as F

    from voc.run import AnalyzeRequest, analyze as run_analyze
    from voc.core.console import Console
    from voc.read import FieldSpec

    texts = [text_col] if isinstance(text_col, str) else list(text_col)
    sample = df.orderBy(F.rand(seed)).limit(sample_rows).toArrow()
    with tempfile.TemporaryDirectory(prefix="voc-spark-") as tmp:
        path = Path(tmp) / "sample.parquet"
        pl.from_arrow(sample).write_parquet(path)
        request = AnalyzeRequest(inputs=[str(path)], output=str(Path(tmp) / "out.parquet"), fields=FieldSpec(text=texts, id=id_col, lang=lang_col),
                                 pipeline=pipeline, language=language, lexicons=lexicons, discover=True, seed=seed, topic_model=model_dir, jobs=1)  # fmt: skip
        run_analyze(request, Console(quiet=True))
    return Path(model_dir)


def _decided_on_driver(df: Any, batch_size: int, options: dict) -> dict:
    """Per-run decisions taken from the first rows, as `voc analyze` takes them from its first batch."""
    score_col = options.get("score_col")
    if not score_col or options.get("score_scale", "auto") != "auto":
        return {}
    from voc.read.scores import ScoreParser

    parser = ScoreParser(score_col)
    if parser.scale is None:
        head = pl.from_arrow(df.select(score_col).limit(batch_size).toArrow())
        parser(head.get_column(score_col))
    return {"score_scale": parser.scale} if parser.scale else {}


def _analyzer(key: str, options: dict, shipped: bytes | None, shipped_learned: bytes | None = None) -> Analyzer:
    if key not in _analyzers:
        model_dir = _unpacked(shipped, "voc-topics-") if shipped else None
        learned = _unpacked(shipped_learned, "voc-model-") if shipped_learned else None
        _analyzers[key] = Analyzer(**options, topic_model=model_dir, model=learned)
    return _analyzers[key]


def _unpacked(shipped: bytes, prefix: str) -> str:
    folder = tempfile.mkdtemp(prefix=prefix)
    for name, data in pickle.loads(shipped).items():
        Path(folder, name).write_bytes(data)
    return folder


def _read_learned(folder: str) -> bytes:
    """A `voc learn` model folder's files, checked on the driver (the CLI's message, not a task's)."""
    from voc.learn.model import FILES, LearnedModel

    LearnedModel.load(folder, training=False)
    return pickle.dumps({name: (Path(folder) / name).read_bytes() for name in FILES})


def _read_model(folder: str) -> bytes:
    from voc.discover.engine import LABELS_FILE, MODEL_FILE, Discovery, load_labels

    path = Path(folder)
    Discovery.load(path), load_labels(path)  # fail on the driver, with the CLI's message, not in a task
    return pickle.dumps({name: (path / name).read_bytes() for name in (MODEL_FILE, LABELS_FILE)})


def _rebatched(batches: Iterator[pa.RecordBatch], size: int) -> Iterator[pa.RecordBatch]:
    """Spark hands over its own Arrow batch size (10,000 rows by default); voc works in ``size`` rows."""
    for batch in batches:
        for start in range(0, batch.num_rows, size):
            yield batch.slice(start, size)


def _plain(schema: pa.Schema) -> pa.Schema:
    """Polars writes large strings and lists; Spark's Arrow reader wants the plain ones."""
    return pa.schema([pa.field(f.name, _plain_type(f.type), f.nullable) for f in schema])


def _plain_type(t: pa.DataType) -> pa.DataType:
    if pa.types.is_large_string(t) or pa.types.is_string_view(t):
        return pa.string()
    if pa.types.is_large_list(t) or pa.types.is_list(t) or pa.types.is_list_view(t):
        return pa.list_(_plain_type(t.value_type))
    return t
