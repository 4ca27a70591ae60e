"""Near-duplicates (stage; reads `voc_id`, `text`; adds `duplicate_of`).

`duplicate_of` holds the `voc_id` of the earliest earlier row this row nearly
repeats: a re-post, a copy-pasted complaint, the same text with a greeting,
emoji, case or a number changed (minhash.py says what is compared, index.py
how). The first copy itself, and every row with no earlier near-copy, get an
empty cell, so counting rows where it is empty counts each message once.

The stage remembers the rows it has seen, so it finds repeats across the
batches of one run. It runs in the main process with `--jobs N` (it is cheap
and needs every row in input order); `voc.batch.Analyzer` remembers across
the batches one Analyzer is given until its ``reset()``, and voc.spark resets
it at each partition, so a Spark run finds repeats within a partition, the
same whichever worker runs it. A new run starts with an empty memory.
"""

from __future__ import annotations

from typing import ClassVar

import polars as pl

from voc.core import columns as C
from voc.core.stages import Stage, register


@register("voc.dedupe.minhash.v1")
class NearDuplicates(Stage):
    role: ClassVar[str] = "duplicates"
    requires = (C.VOC_ID, C.TEXT)
    provides = (C.DUPLICATE_OF,)

    def __init__(self, threshold: float = 0.7, memory: int = 1_000_000) -> None:
        if not 0 < float(threshold) <= 1:
            raise ValueError("threshold must be in 0..1 (the share of the signature two rows agree on)")
        self.threshold = float(threshold)
        self.memory = int(memory)  # rows remembered; older ones are forgotten, so memory stays bounded

    def reset(self) -> None:
        self.index_ = None  # a new stream of rows: nothing seen yet

    def __call__(self, frame: pl.DataFrame) -> pl.DataFrame:
        from voc.dedupe.index import Index
        from voc.dedupe.minhash import signatures

        if getattr(self, "index_", None) is None:
            self.index_ = Index(self.threshold, self.memory)
        sigs, valid = signatures(frame.get_column(C.TEXT).to_list())
        found = self.index_.add(sigs, valid, frame.get_column(C.VOC_ID).cast(pl.String))
        return frame.with_columns(pl.Series(C.DUPLICATE_OF, found, dtype=pl.String))
