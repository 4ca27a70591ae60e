"""Analysis in worker processes with results in input order (`voc analyze --jobs N`; reads working frames, returns analysed columns).

The main process reads each batch and builds its working frame (cheap, and it
keeps one decision per run: the score scale, the counts behind warnings). It
also runs near-duplicate detection, which needs every row in order, and language detection (``IN_MAIN``): lingua's n-gram models are the
largest thing voc loads (about 450 MB) and detection is a fifth of the work,
so one copy in the main process beats one per worker. The clean step, which
detection must follow, runs there too (it is cheap: most rows hold no markup). Workers run the other
stages and send back only the columns the output and the store need. At most
two batches per worker are in flight, so memory stays bounded however large
the input.

Every ``RECYCLE_ROWS`` rows a worker has analysed, the workers are replaced by
fresh ones (the batches in flight finished first): their word caches are
bounded, but a process that has parsed a real vocabulary for long still grows,
by about 200 MB over 100,000 rows (the allocators' fragments and the libraries'
own caches), and a fresh one costs about 4 s of loading. (The pool's own
``max_tasks_per_child`` can leave queued batches waiting forever on Python
3.11-3.14: CPython issue 115634.)

Workers are started with "spawn": polars and the model libraries run threads,
and a forked copy of a threaded process can deadlock. Each worker loads the
models once, on its first batch. Workers ignore Ctrl-C; the main process
stops them, so an interrupt gives one message instead of a traceback per
worker, and a killed worker stops the run with a clear error.
"""

from __future__ import annotations

import os
import signal
from collections import deque
from contextlib import contextmanager
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from typing import Any, Iterator

import polars as pl

from voc.core import columns as C
from voc.core.errors import VocError

_worker: dict[str, Any] = {}

IN_MAIN = ("clean", "duplicates", "language")  # roles of the leading stages the main process runs (see above)
RECYCLE_ROWS = 100_000  # rows per worker before the workers are replaced by fresh ones (see above)
FEATURES = C.DISCOVERY_FEATURES  # topic-discovery features, computed in the worker for `--discover` (discover/assign.py)


def default_jobs() -> int:
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # not on Linux
        return os.cpu_count() or 1


def _start(pipeline: str, overrides: dict, available: list[str], keep: list[str], features: bool) -> None:
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    from voc.core.pipeline import load_pipeline

    _, _worker["pipeline"] = load_pipeline(pipeline, overrides).bind(available).split(IN_MAIN)
    _worker["keep"] = [*keep, FEATURES] if features else keep
    _worker["lexicons"] = overrides.get("*", {}).get("lexicons")
    try:
        for stage in _worker["pipeline"].stages:
            stage.warm()
    except Exception as exc:  # noqa: BLE001 - raised with the first batch, where the main process shows its message
        _worker["failed"] = exc


def _ready() -> None:
    """A no-op task: submitting one per worker starts them all at once."""


def _analyse(work: pl.DataFrame) -> pl.DataFrame:
    if "failed" in _worker:
        raise _worker["failed"]  # a bad lexicon overlay, say: not "a worker process died"
    done = _worker["pipeline"](work)
    if FEATURES in _worker["keep"]:
        # Topic discovery needs each comment's features, which come from the parse;
        # the parse itself stays here (it is large, and only this process can use it).
        from voc.analyse.nlp import PARSED
        from voc.discover.features import features

        lexicons = _worker["lexicons"]
        found = [features(p, t, lexicons) for p, t in zip(done.get_column(PARSED).to_list(), done.get_column(C.TOPICS).to_list())]
        done = done.with_columns(pl.Series(FEATURES, found, dtype=pl.List(pl.String)))
    return done.select([c for c in _worker["keep"] if c in done.columns])


class Workers:
    """``for work in workers.map(frames)``: analysed working frames, in the order given.

    ``available`` are the columns of the working frames as built by the reader;
    the frames sent must already have been through ``split(IN_MAIN)[0]``.
    """

    def __init__(self, jobs: int, pipeline: str, overrides: dict, available: list[str], keep: list[str], *, features: bool = False) -> None:
        self.jobs = jobs
        self.pool: ProcessPoolExecutor | None = None
        self.started = 0  # pools started: more than one where workers were replaced
        self._initargs = (pipeline, overrides, available, keep, features)
        self._open()

    def _open(self) -> None:
        import multiprocessing

        try:
            # A signal in the middle of spawning a worker left it without its start-up data: it
            # printed a traceback (EOFError) after voc's one-line message. Hold signals until every
            # worker is started; they are acted on right after, and the workers stopped.
            with _signals_held():
                self.pool = ProcessPoolExecutor(
                    max_workers=self.jobs,
                    mp_context=multiprocessing.get_context("spawn"),
                    initializer=_start,
                    initargs=self._initargs,
                )
                self.started += 1
                # Workers start on demand; start them all now, so that they load their models
                # while the main process reads the first batches and loads its own.
                for _ in range(self.jobs):
                    self.pool.submit(_ready)
        except BaseException:
            if self.pool is not None:
                self.close(cancel=True)
            raise

    def map(self, frames: Iterator[tuple[Any, pl.DataFrame]]) -> Iterator[tuple[Any, pl.DataFrame]]:
        """(tag, working frame) in; (tag, analysed frame) out, in input order."""
        pending: deque[tuple[Any, Future]] = deque()
        rows = 0  # sent to the current workers
        try:
            for tag, work in frames:
                if rows >= RECYCLE_ROWS * self.jobs:
                    while pending:
                        tag0, future = pending.popleft()
                        yield tag0, future.result()
                    self.pool.shutdown(wait=True)
                    self._open()
                    rows = 0
                pending.append((tag, self.pool.submit(_analyse, work)))
                rows += work.height
                if len(pending) >= 2 * self.jobs:
                    tag0, future = pending.popleft()
                    yield tag0, future.result()
            while pending:
                tag0, future = pending.popleft()
                yield tag0, future.result()
        except BrokenProcessPool:
            raise VocError("a worker process died (killed, or out of memory); no output was written: rerun, or use --jobs 1") from None

    def close(self, *, cancel: bool = False) -> None:
        assert self.pool is not None
        if cancel:
            # Interrupted or failed: stop the workers now instead of letting them finish queued batches.
            for process in list(getattr(self.pool, "_processes", {}).values()):
                process.terminate()
        self.pool.shutdown(wait=True, cancel_futures=cancel)


@contextmanager
def _signals_held() -> Iterator[None]:
    """Ctrl-C and SIGTERM are recorded, not acted on, inside the block; the first is raised after it."""
    import threading

    if threading.current_thread() is not threading.main_thread():
        yield  # signal handlers can only be set from the main thread
        return
    caught: list[int] = []
    previous = {sig: signal.signal(sig, lambda signum, frame: caught.append(signum)) for sig in (signal.SIGINT, signal.SIGTERM)}
    try:
        yield
    finally:
        for sig, handler in previous.items():
            signal.signal(sig, handler)
    if caught:
        raise KeyboardInterrupt
