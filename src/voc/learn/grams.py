"""Hashed character n-grams inside words (learn step; reads text, adds nothing itself).

The same counts as scikit-learn's ``HashingVectorizer(analyzer="char_wb",
alternate_sign=False, norm=None, lowercase=True)``, bucket for bucket (a test
compares them), so models trained before keep their meaning. Written here
because importing scikit-learn costs a process about 125 MB (70 MB of it its
own), and `voc analyze --model` needs nothing else of it: each worker used to
pay that for one hashing function. MurmurHash3 (x86, 32-bit, seed 0) comes
from `mmh3`, the hash scikit-learn uses.

A word's n-grams repeat from text to text (" th", "the", "ing "), so each
n-gram's bucket is remembered (up to ``_CACHE`` of them, then forgotten all at
once, between calls: a bound on memory, and rare grams are the ones that miss anyway).
"""

from __future__ import annotations

import numpy as np
from mmh3 import hash as murmur
from scipy import sparse

_CACHE = 20_000  # ~3 MB; 20,000, 50,000 and 200,000 ran alike on 10,749 real texts (221,146 distinct grams)


def char_wb(text: str, low: int, high: int) -> list[str]:
    """Lower-cased n-grams of ``low``..``high`` characters of each word padded with a space each side;
    a word shorter than n gives itself once (scikit-learn's char_wb analyzer)."""
    grams: list[str] = []
    add = grams.append
    # scikit-learn first turns runs of white space into one space; split() treats any run as one break anyway
    for word in text.lower().split():
        word = f" {word} "
        size = len(word)
        for n in range(low, high + 1):
            if size <= n:  # the whole padded word, once, and no longer n-grams of it
                add(word)
                break
            for start in range(size - n + 1):
                add(word[start : start + n])
    return grams


class _Buckets(dict):
    """n-gram -> bucket, computed on first sight (a dict lookup costs less than the hash)."""

    def __init__(self, buckets: int) -> None:
        super().__init__()
        self.buckets = buckets

    def __missing__(self, gram: str) -> int:
        h = murmur(gram.encode("utf-8"), 0, True)
        # scikit-learn's FeatureHasher: abs(-2**31) is undefined in C, so it defines that one case
        where = (
            (2147483647 - (self.buckets - 1)) % self.buckets
            if h == -2147483648
            else abs(h) % self.buckets
        )
        self[gram] = where
        return where


_known: dict[int, _Buckets] = {}


def hashed_counts(
    texts: list[str], low: int, high: int, buckets: int
) -> sparse.csr_matrix:
    """(len(texts), buckets) float32 counts of each text's n-grams by bucket, indices sorted."""
    known = _known.get(buckets)
    if known is None or len(known) >= _CACHE:
        known = _known[buckets] = _Buckets(buckets)
    indptr = np.zeros(len(texts) + 1, dtype=np.int64)
    indices: list[int] = []
    for row, text in enumerate(texts, 1):
        indices.extend(map(known.__getitem__, char_wb(text, low, high)))
        indptr[row] = len(indices)
    matrix = sparse.csr_matrix(
        (
            np.ones(len(indices), dtype=np.float32),
            np.array(indices, dtype=np.int32),
            indptr,
        ),
        shape=(len(texts), buckets),
    )
    matrix.sum_duplicates()  # a repeated n-gram, or two sharing a bucket, count once each in one entry; sorts the indices
    return matrix


def l2_rows(matrix: sparse.csr_matrix) -> sparse.csr_matrix:
    """A copy with each row scaled to unit length (empty rows stay empty), as scikit-learn's
    ``normalize(norm="l2")``: squares in float32, their sum in float64, the quotient stored back."""
    out = matrix.copy()
    rows = np.diff(out.indptr)
    squares = (out.data * out.data).astype(np.float64)
    lengths = np.sqrt(
        np.bincount(
            np.repeat(np.arange(len(rows)), rows), weights=squares, minlength=len(rows)
        )
    )
    lengths[lengths == 0] = 1.0
    out.data = (out.data / np.repeat(lengths, rows)).astype(out.dtype)
    return out
