"""Offline document vectors for discovery: TF-IDF over feature tokens, reduced with TruncatedSVD.

No model is downloaded: the vocabulary is the comments' own features
(features.py). Cross-lingual features (concepts, taxonomy topics) weigh
``shared_weight`` times a lemma, so two comments about the same concept in
different languages end up close even though their words differ.
"""

from __future__ import annotations

import numpy as np

from voc.discover.features import CONCEPT, TOPIC, model_view


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

    def transform(self, docs: list[list[str]]) -> np.ndarray:
        matrix = self.vectorizer_.transform([model_view(d) for d in docs]).multiply(self.column_weights_).tocsr()
        dense = self.svd_.transform(matrix)
        norms = np.linalg.norm(dense, axis=1, keepdims=True)
        return dense / np.where(norms == 0, 1.0, norms)

    def fit_transform(self, docs: list[list[str]]) -> np.ndarray:
        return self.fit(docs).transform(docs)


def _identity(tokens: list[str]) -> list[str]:
    return tokens
