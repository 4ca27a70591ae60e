"""Offline document vectors for discovery (reads the feature lists of features.py and the comments' text).

Two views of a comment, joined (BERTopic's own design: a sentence embedding,
here with what voc knows added):

- ``FeatureEmbedder``: TF-IDF over the feature tokens, reduced with
  TruncatedSVD. The vocabulary is the comments' own features; cross-lingual
  ones (concepts, taxonomy topics) weigh ``shared_weight`` times a lemma, so
  two comments about the same concept in different languages end up close
  even though their words differ.
- ``HybridEmbedder``: those vectors next to the multilingual sentence
  embedding of the comment's text (voc.learn.embed: Google's USE v3, shipped
  as numpy in a package, offline) with its themeless terms masked (mask.py),
  each part unit length, the whole unit length. The sentence embedding knows
  that "lost my bag" and "luggage never arrived" say one thing; the features
  keep voc's concepts and taxonomy topics, so complaints split by what went
  wrong. On the tune half of our labelled aspect sets the joined vectors
  scored AMI 0.29 against 0.25 for the features alone and 0.24 for the
  sentence embedding alone (benchmarks/topics_ami.py).
"""

from __future__ import annotations

import numpy as np

from voc.discover.features import CONCEPT, TOPIC, model_view
from voc.discover.mask import ThemeMask


class FeatureEmbedder:
    def __init__(self, n_components: int = 64, shared_weight: float = 2.0, min_df: int = 2, seed: int = 42) -> None:
        self.n_components = n_components
        self.shared_weight = shared_weight
        self.min_df = min_df
        self.seed = seed

    def fit(self, docs: list[list[str]]) -> "FeatureEmbedder":
        from sklearn.decomposition import TruncatedSVD
        from sklearn.feature_extraction.text import TfidfVectorizer

        min_df = self.min_df if len(docs) >= 20 * self.min_df else 1  # a few dozen comments: keep every feature
        self.vectorizer_ = TfidfVectorizer(analyzer=_identity, min_df=min_df, sublinear_tf=True)
        matrix = self.vectorizer_.fit_transform([model_view(d) for d in docs])
        vocabulary = self.vectorizer_.get_feature_names_out()
        self.column_weights_ = np.where([v.startswith((CONCEPT, TOPIC)) for v in vocabulary], self.shared_weight, 1.0)
        matrix = matrix.multiply(self.column_weights_).tocsr()
        components = max(1, min(self.n_components, matrix.shape[1] - 1, matrix.shape[0] - 1))
        self.svd_ = TruncatedSVD(n_components=components, random_state=self.seed)
        self.svd_.fit(matrix)
        return self

    def transform(self, docs: list[list[str]], texts: list[str] | None = None) -> np.ndarray:
        """Unit vectors; ``texts`` is accepted and unused (a model saved before HybridEmbedder is called this way)."""
        matrix = self.vectorizer_.transform([model_view(d) for d in docs]).multiply(self.column_weights_).tocsr()
        dense = self.svd_.transform(matrix)
        return unit(dense)

    def fit_transform(self, docs: list[list[str]]) -> np.ndarray:
        return self.fit(docs).transform(docs)


# BLAS threads of the sentence encoder here. 2 threads embedded 1.3-1.4 times as fast as 1
# on two idle cores, but a model fitted that way assigned the very comments it was fitted on
# back to their topics only 89% of the time (1 thread: over 90%, tests/discover/test_topics.py):
# threaded sums are not the same floats twice, and UMAP amplifies that. Same input, same topics.
SENTENCE_THREADS = 1
SENTENCE_COMPONENTS = 32
REDUCE_FROM = 1000  # comments


class HybridEmbedder:
    def __init__(self, seed: int = 42, sentence_weight: float = 1.0) -> None:
        self.seed = seed
        self.sentence_weight = sentence_weight

    def fit(self, docs: list[list[str]], texts: list[str]) -> "HybridEmbedder":
        self.fit_transform(docs, texts)
        return self

    def fit_transform(self, docs: list[list[str]], texts: list[str]) -> np.ndarray:
        """Fit and embed in one pass: the sentence encoder is the slow part, so it runs once."""
        from sklearn.decomposition import PCA

        self.features_ = FeatureEmbedder(seed=self.seed).fit(docs)
        self.mask_ = ThemeMask().fit(texts)
        sentences = self._sentences(texts)
        # Fewer dimensions for UMAP's neighbour search on a large input, kept with the model so new
        # comments land alike. On a few hundred comments the search is cheap, and PCA's centring on
        # so few would bend the cosines between them.
        big = len(texts) >= REDUCE_FROM
        self.reducer_ = PCA(n_components=SENTENCE_COMPONENTS, random_state=self.seed).fit(sentences) if big else None
        return self._joined(docs, sentences)

    def transform(self, docs: list[list[str]], texts: list[str]) -> np.ndarray:
        return self._joined(docs, self._sentences(texts))

    def _sentences(self, texts: list[str]) -> np.ndarray:
        from voc.learn.embed import embed

        return embed([self.mask_(t or "") for t in texts], threads=SENTENCE_THREADS)

    def _joined(self, docs: list[list[str]], sentences: np.ndarray) -> np.ndarray:
        features = self.features_.transform(docs)
        if self.reducer_ is not None:
            sentences = self.reducer_.transform(sentences)
        joined = np.hstack([features, unit(sentences) * self.sentence_weight]).astype(np.float32)
        return unit(joined)


def unit(vectors: np.ndarray) -> np.ndarray:
    """Each row at length 1 (an all-zero row stays zero): cosines become dot products."""
    norms = np.linalg.norm(vectors, axis=1, keepdims=True)
    return vectors / np.where(norms == 0, 1.0, norms)


def _identity(tokens: list[str]) -> list[str]:
    return tokens
