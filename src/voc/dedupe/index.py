"""The near-duplicate index: earlier rows' signatures, found by locality-sensitive hashing (part of the dedupe step).

Rows are numbered in input order across every batch of a run. A signature is
cut into ``BANDS`` bands; two rows sharing any band are candidates (rows
whose Jaccard similarity is 0.6 share one with probability 0.89, rows at 0.3
with 0.12), and a candidate is a duplicate when the share of signature positions
the two rows agree on reaches ``threshold``. That test reads a compact copy
of each signature (its low 8 bits per position, the "b-bit MinHash" of Li and
König: agreement is then J + (1 - J) / 256, corrected for below).

Memory is bounded and small, with no pairwise comparison: per remembered row
64 bytes of signature, a 4-byte key and a 4-byte row number per band held in
sorted numpy arrays, and the id in the caller's (Arrow) column: no Python
object per row. Runs are merged like a log-structured tree so that adding a
batch costs about log(rows) passes. ``memory`` rows are remembered (the oldest
are forgotten past it): about 300 bytes a row measured, 300 MB at a million.
"""

from __future__ import annotations

import numpy as np

from voc.dedupe.minhash import PERMUTATIONS

BANDS = 16
_ROWS = PERMUTATIONS // BANDS
_MIX = np.array([0x9E3779B97F4A7C15, 0xC2B2AE3D27D4EB4F, 0x165667B19E3779F9, 0xD6E8FEB86659FD93], dtype=np.uint64)[:_ROWS]
_CHANCE = 1 / 256  # two unrelated 8-bit values agree this often


class Index:
    def __init__(self, threshold: float = 0.7, memory: int = 1_000_000) -> None:
        self.threshold = threshold
        self.memory = memory
        self.rows = 0  # rows seen so far, every row counted (with a signature or not)
        self.runs: list[list[tuple[np.ndarray, np.ndarray]]] = [[] for _ in range(BANDS)]  # per band: (sorted keys, row numbers)
        self.chunks: list[tuple[int, np.ndarray, object]] = []  # (first row number, 8-bit signatures, ids)

    def add(self, sigs: np.ndarray, valid: np.ndarray, ids) -> list:  # noqa: ANN001 - a sequence, e.g. a polars Series
        """The id of the earlier row each row nearly repeats (None where none), then remember these rows.

        ``ids`` is kept as given: a polars Series holds a million ids in tens of MB, a list of str in several times that."""
        base = self.rows
        n = len(ids)
        self.rows += n
        small = (sigs & 0xFF).astype(np.uint8)
        self.chunks.append((base, small, ids))
        rows = np.flatnonzero(valid)
        keys = _band_keys(sigs[rows])  # (len(rows), BANDS)
        pair_row, pair_old = [], []
        for band in range(BANDS):
            q = keys[:, band]
            for run_keys, run_rows in self.runs[band]:  # earlier batches
                at = np.minimum(np.searchsorted(run_keys, q), len(run_keys) - 1)
                hit = run_keys[at] == q
                pair_row.append(rows[hit])
                pair_old.append(run_rows[at[hit]])
            _, first, inverse = np.unique(q, return_index=True, return_inverse=True)  # within this batch
            earlier = first[inverse] < np.arange(len(q))
            pair_row.append(rows[earlier])
            pair_old.append(base + rows[first[inverse][earlier]])
            order = np.sort(first)
            self._insert(band, q[order], base + rows[order])
        found: list = [None] * n
        if pair_row:
            self._confirm(np.concatenate(pair_row), np.concatenate(pair_old), base, small, found)
        self._forget()
        return found

    def _confirm(self, rows: np.ndarray, old: np.ndarray, base: int, small: np.ndarray, found: list) -> None:
        """Keep, per row, the earliest candidate whose signatures agree enough."""
        if not len(rows):
            return
        pairs = np.unique(np.stack([rows, old], axis=1), axis=0)  # sorted by row, then earliest candidate first
        theirs = self._signatures(pairs[:, 1])
        agree = (small[pairs[:, 0]] == theirs).mean(axis=1)
        similar = (agree - _CHANCE) / (1 - _CHANCE)
        for (row, other), ok in zip(pairs.tolist(), (similar >= self.threshold).tolist()):
            if ok and found[row] is None:
                found[row] = self._id(other)

    def _signatures(self, numbers: np.ndarray) -> np.ndarray:
        starts = np.array([c[0] for c in self.chunks])
        which = np.searchsorted(starts, numbers, side="right") - 1
        out = np.empty((len(numbers), PERMUTATIONS), dtype=np.uint8)
        for k in np.unique(which):
            mask = which == k
            start, small, _ = self.chunks[k]
            out[mask] = small[numbers[mask] - start]
        return out

    def _id(self, number: int):  # noqa: ANN202 - the id as the caller gave it
        for start, small, ids in reversed(self.chunks):
            if number >= start:
                return ids[number - start]
        raise KeyError(number)

    def _insert(self, band: int, keys: np.ndarray, numbers: np.ndarray) -> None:
        if not len(keys):
            return  # a batch of short or empty texts: no run (an empty one could not be searched)
        runs = self.runs[band]
        order = np.argsort(keys, kind="stable")
        runs.append((keys[order], numbers[order].astype(np.int32)))  # row numbers up to 2**31 in one run
        while len(runs) > 1 and len(runs[-1][0]) * 2 >= len(runs[-2][0]):
            newer, older = runs.pop(), runs.pop()
            runs.append(_merge(older, newer))

    def _forget(self) -> None:
        """Drop the rows before the last ``memory``, a whole batch at a time."""
        cutoff = self.rows - self.memory
        if cutoff <= 0 or self.chunks[0][0] + len(self.chunks[0][2]) > cutoff:
            return
        while len(self.chunks) > 1 and self.chunks[1][0] <= cutoff:
            self.chunks.pop(0)
        oldest = self.chunks[0][0]
        for runs in self.runs:
            runs[:] = [(k[r >= oldest], r[r >= oldest]) for k, r in runs]
            runs[:] = [run for run in runs if len(run[0])]


def _merge(older: tuple[np.ndarray, np.ndarray], newer: tuple[np.ndarray, np.ndarray]) -> tuple[np.ndarray, np.ndarray]:
    keys = np.concatenate([older[0], newer[0]])
    numbers = np.concatenate([older[1], newer[1]])
    order = np.lexsort((numbers, keys))  # by key, the earliest row first
    keys, numbers = keys[order], numbers[order]
    first = np.concatenate(([True], keys[1:] != keys[:-1]))
    return keys[first], numbers[first]


def _band_keys(sigs: np.ndarray) -> np.ndarray:
    """One 32-bit key per band: its values mixed, with the band number, so equal bands of two rows give equal keys."""
    parts = sigs.astype(np.uint64).reshape(len(sigs), BANDS, _ROWS)
    keys = (parts * _MIX).sum(axis=2, dtype=np.uint64)
    keys ^= np.arange(BANDS, dtype=np.uint64) * np.uint64(0x2545F4914F6CDD1D)
    # 32 bits a key: a chance collision only adds a candidate, which the signature check then turns down.
    return ((keys >> np.uint64(32)) ^ keys).astype(np.uint32)
