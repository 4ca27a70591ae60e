"""MinHash signatures of feedback text (part of the dedupe step; reads texts, adds nothing to the frame).

A re-post differs from its original in what carries no content: case, digits
("order 1234" / "order 1235"), emoji and punctuation, @handles and links, a
greeting (the clean step has already removed most greetings and sign-offs).
So text is compared after ``normalise`` keeps letters only, as character
5-grams (shingles): robust to a changed word, unlike word shingles on short
texts. One signature holds the minimum of ``PERMUTATIONS`` hash functions
over a text's shingles; two texts share a position with probability equal to
the Jaccard similarity of their shingle sets.

Short texts repeat by chance ("great service, thank you" is written by many
customers who never saw each other), so a text with fewer than ``MIN_LETTERS``
letters or ``MIN_WORDS`` words gets no signature and is never a duplicate.
Everything is vectorised over a batch (no Python loop per shingle): a whole
batch's signatures cost a few tens of microseconds per row.
"""

from __future__ import annotations

import re

import numpy as np

PERMUTATIONS = 64
SHINGLE = 5
MIN_LETTERS = 30
MIN_WORDS = 5

_NOISE = re.compile(r"https?://\S+|www\.\S+|@\w+|[^\w\s]|[\d_]+")
_SPACE = re.compile(r"\s+")
_RNG = np.random.default_rng(20261207)  # fixed: signatures must match across runs, batches and processes
_A = (_RNG.integers(1, 2**63, PERMUTATIONS, dtype=np.uint64) << np.uint64(1)) | np.uint64(1)  # odd multipliers
_B = _RNG.integers(0, 2**63, PERMUTATIONS, dtype=np.uint64)
_BASE = np.uint64(1_000_003)


def normalise(text: str) -> str:
    """Letters and single spaces, lower-case: what two copies of one message still share."""
    return _SPACE.sub(" ", _NOISE.sub(" ", text.lower())).strip()


def signatures(texts: list[str | None]) -> tuple[np.ndarray, np.ndarray]:
    """(signatures as uint32 (rows, PERMUTATIONS), which rows have one)."""
    norms = [normalise(t) if t else "" for t in texts]
    valid = np.array([len(n) - n.count(" ") >= MIN_LETTERS and n.count(" ") + 1 >= MIN_WORDS for n in norms], dtype=bool)
    out = np.zeros((len(texts), PERMUTATIONS), dtype=np.uint32)
    chosen = [n for n, ok in zip(norms, valid) if ok]
    if not chosen:
        return out, valid
    codes = np.frombuffer("\0".join(chosen).encode("utf-32-le"), dtype=np.uint32).astype(np.uint64)
    separators = np.concatenate(([0], np.cumsum(codes == 0)))  # separators before each position
    windows = len(codes) - SHINGLE + 1
    hashes = np.zeros(windows, dtype=np.uint64)
    for k in range(SHINGLE):  # polynomial hash of each window; uint64 arithmetic wraps, as a hash should
        hashes = hashes * _BASE + codes[k : k + windows]
    inside = separators[SHINGLE : SHINGLE + windows] == separators[:windows]  # no separator in the window
    hashes = hashes[inside]
    doc = separators[:windows][inside]
    starts = np.searchsorted(doc, np.arange(len(chosen)))
    sig = np.empty((len(chosen), PERMUTATIONS), dtype=np.uint32)
    for j in range(PERMUTATIONS):
        permuted = (hashes * _A[j] + _B[j]) >> np.uint64(32)
        sig[:, j] = np.minimum.reduceat(permuted, starts).astype(np.uint32)
    out[valid] = sig
    return out, valid
