"""Hashed character n-grams: the buckets and counts scikit-learn's HashingVectorizer gives, without importing it at analysis time."""

import subprocess
import sys

import numpy as np
from scipy import sparse
from sklearn.feature_extraction.text import HashingVectorizer
from sklearn.preprocessing import normalize

from voc.learn.features import NGRAM_BUCKETS, NGRAM_RANGE, ngrams
from voc.learn.grams import char_wb, hashed_counts, l2_rows

TEXTS = [
    "The agent hung up on me twice and nobody called back.",
    "La camera era pulita ma il personale alla reception è stato scortese.",
    "Kurier zostawił paczkę pod drzwiami, nikt nie zadzwonił.",
    "Поддержка отвечает третий день, а деньги так и не вернули!",
    "",
    "   ",
    "a",
    "ok ok ok OK",  # repeated words: counts, not presence
    "tabs\tand\n\nnew  lines\u00a0and a no-break space",
    "ŁÓDŹ ÀÉÎ Ёлка 😀😀 x",
    "Supercalifragilisticexpialidocious-longwordwithnobreaks",
]


def sklearn_counts(texts: list[str]) -> sparse.csr_matrix:
    hasher = HashingVectorizer(analyzer="char_wb", ngram_range=NGRAM_RANGE, n_features=NGRAM_BUCKETS,
                               alternate_sign=False, norm=None, lowercase=True, dtype=np.float32)  # fmt: skip
    out = hasher.transform(texts).tocsr()
    out.sort_indices()
    return out


def test_counts_match_scikit_learn_bucket_for_bucket():
    ours, theirs = (
        hashed_counts(TEXTS, *NGRAM_RANGE, NGRAM_BUCKETS),
        sklearn_counts(TEXTS),
    )
    assert ours.shape == theirs.shape and ours.dtype == np.float32
    assert np.array_equal(ours.indptr, theirs.indptr)
    assert np.array_equal(ours.indices, theirs.indices)
    assert np.array_equal(ours.data, theirs.data)
    assert ours[7].sum() > ours[6].sum()  # "ok ok ok OK": four of each of its grams
    assert ours[4].nnz == 0 and ours[5].nnz == 0


def test_short_words_give_themselves_once():
    assert char_wb("a", 2, 5) == [
        " a",
        "a ",
        " a ",
    ]  # " a " is 3 long: its 2-grams, then itself once, no 4- or 5-grams
    assert char_wb("Ab", 2, 3) == [" a", "ab", "b ", " ab", "ab "]


def test_row_lengths_match_scikit_learn_and_empty_rows_stay_empty():
    counts = sklearn_counts(TEXTS)
    ours, theirs = l2_rows(counts), normalize(counts, norm="l2", copy=True)
    assert np.array_equal(ours.data, theirs.data)
    assert np.allclose(
        np.asarray(ours.multiply(ours).sum(axis=1)).ravel()[[0, 1, 2, 3]], 1.0
    )
    assert ours[4].nnz == 0
    assert np.array_equal(
        counts.data, sklearn_counts(TEXTS).data
    )  # the input is not scaled in place


def test_the_feature_block_clamps_counts_to_what_the_model_folder_stores():
    text = " ".join(["ab"] * 70_000)
    assert ngrams([text]).data.max() == np.iinfo(np.uint16).max


def test_analysing_with_a_model_does_not_import_scikit_learn():
    # scikit-learn costs each worker ~125 MB; the n-grams were its only use at analysis time
    code = (
        "import sys; import polars as pl; from voc.learn.features import features, Features;"
        "f = features(pl.DataFrame({'text': ['the agent was rude', 'great flight']}), embedding=False);"
        "f.matrix({'embedding': 1.0, 'ngrams': 1.0, 'lexicon': 0.5});"
        "import voc.learn.stage, voc.learn.model;"
        "print(sorted(m for m in sys.modules if m.split('.')[0] == 'sklearn'))"
    )
    done = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    )
    assert done.stdout.strip() == "[]"
