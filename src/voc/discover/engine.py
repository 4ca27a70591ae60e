"""BERTopic, configured for offline, seeded, small-or-large inputs (fit, assign, save, load).

Roles are named for what they do: the ``reducer`` (UMAP, or PCA when there are
too few comments for a neighbourhood graph), the ``clusterer`` (HDBSCAN with a
minimum topic size that scales with the input), and the embedding
(embedding.py) handed to BERTopic as precomputed vectors, so BERTopic never
looks for a sentence-transformers model.

HDBSCAN leaves many comments as outliers; they are reassigned to the nearest
topic by embedding similarity when it is close enough (``OUTLIER_SIMILARITY``),
so a few dozen comments still give a useful answer and few stay unsorted. The
same input and seed give the same topics (UMAP and SVD are seeded; UMAP then
runs single-threaded, from a seeded random start).
"""

from __future__ import annotations

import json
import os
import pickle
import threading
import warnings
from pathlib import Path

import numpy as np

from voc.core.errors import UsageError, VocError
from voc.discover.embedding import HybridEmbedder
from voc.discover.features import model_view
from voc.discover.grow import grow as grow_topics, rejoin

MODEL_FILE = "voc_topics.pkl"
# Cosine with a topic's centre above which an outlier joins that topic. Measured on the tune
# half of our labelled aspect sets with the joined embedding: 0.3 left 12% outliers (AMI 0.304),
# 0.2 8% (0.308), 0.1 2% (0.310); an analyst reads the outliers as "unsorted", so few is better.
OUTLIER_SIMILARITY = 0.1
LABELS_FILE = "labels.json"  # topic -> label, as described on the data the model was fitted on
# --topics auto: topics whose centres (average linkage) reach this cosine are one theme. On the four
# sample exports 0.55 merged the two app topics (0.62) and English/Italian couriers with Russian ones
# (0.56); 0.5 also merged couriers with prices. On the tune half of our labelled aspect sets it changed
# AMI by 0 (en, pl), +0.007 (it) and +0.003 (ru); 0.5 cost en 0.043, and 0.6 merged nothing.
AUTO_SIMILARITY = 0.55


# UMAP's own neighbour search (pynndescent) serves inputs of this many comments and more. Its numba code
# is compiled on first use, about 35 s on these machines, once per process: numba caches little of it.
APPROXIMATE_FROM = 4096
WARM_FROM_BYTES = 300_000  # an input this large likely holds that many comments (a feedback line is ~100 bytes)


def warm_up(input_bytes: int, model_dir: str | None) -> threading.Thread | None:
    """Compile UMAP's numba code in a background thread, on random float32 vectors, enough of them for
    the approximate search, and with the fit's settings (compiled variants differ by them), while the comments are still being read
    and analysed. The compiler leaves the GIL to the analysis most of the time (measured: a pure-Python
    loop beside it ran at full speed), so on 2 cores the fit of 20,000 comments no longer waits for it:
    UMAP on them took 42 s cold and 11 s warm. Nothing it computes is kept; the fit's results do not
    depend on it (the real fit's random state is its own). Only when a fit is coming (no saved model in
    ``model_dir``) on an input of ``WARM_FROM_BYTES`` or more: elsewhere it would be work for nothing."""
    if input_bytes < WARM_FROM_BYTES or (model_dir and Discovery.exists(Path(model_dir))):
        return None

    def run() -> None:
        try:
            from umap import UMAP

            points = np.random.default_rng(0).normal(size=(APPROXIMATE_FROM + 100, 32)).astype(np.float32)
            UMAP(n_neighbors=15, n_components=5, min_dist=0.0, metric="cosine", random_state=0, n_jobs=1, n_epochs=5,
                 init="random").fit_transform(points)  # fmt: skip
        except Exception:  # noqa: BLE001 - only a head start: the fit compiles whatever this did not
            pass

    # Both threads may ask numba for the same small function at once; it then says so on stderr,
    # harmlessly, which a cron job would mail as if something were wrong.
    warnings.filterwarnings("ignore", message="Compilation requested for previously compiled argument types")
    thread = threading.Thread(target=run, name="voc-umap-warm-up", daemon=True)
    thread.start()
    return thread


class Discovery:
    def __init__(
        self, seed: int = 42, min_topic_size: int | None = None, outlier_threshold: float = OUTLIER_SIMILARITY, nr_topics: int | str | None = None
    ) -> None:
        self.seed = seed
        self.min_topic_size = min_topic_size
        self.outlier_threshold = outlier_threshold
        self.nr_topics = nr_topics  # at most this many topics: the closest ones merge (None: as found; "auto": AUTO_SIMILARITY)

    def fit(self, features: list[list[str]], docs: list[str], texts: list[str]) -> "Discovery":
        """``features`` (features.py), ``docs`` (the features joined, for BERTopic's topic words) and the
        comments' ``texts`` (for the sentence embedding), one per comment."""
        if sum(1 for f in features if f) < 5:
            raise UsageError("too few comments with words to discover topics (need at least 5): analyse a larger export")
        docs = _model_docs(docs)
        self.embedder_ = HybridEmbedder(seed=self.seed)
        embeddings = self.embedder_.fit_transform(features, texts)
        self.model_ = self._bertopic(len(docs))
        topics, _ = self.model_.fit_transform(docs, embeddings=embeddings)
        self.topics_ = self._merge(self._reduce_outliers(docs, topics, embeddings), embeddings)
        return self

    def transform(self, features: list[list[str]], docs: list[str], texts: list[str], grow: bool = False) -> list[int]:
        """The saved topics of new comments. With ``grow``, themes no known topic covers become new
        topics first (grow.py), kept on this model (their centres and ids: ``known_topics``, ``grown_``)
        so that saving it keeps them; without, nothing about the model changes. Comments far from
        every fitted topic join a grown topic that is nearer (grow.rejoin), then outliers join the
        nearest centre of all."""
        docs = _model_docs(docs)
        embeddings = self.embedder_.transform(features, texts)
        topics, _ = self.model_.transform(docs, embeddings=embeddings)
        merged = getattr(self, "merged_", {})
        topics = [merged.get(int(t), int(t)) if t != -1 else -1 for t in topics]
        if grow:
            topics = self._grow(topics, embeddings)
        if getattr(self, "grown_", None):
            topics = rejoin(embeddings, topics, self.centres_, self.centre_topics_, set(self.grown_))
        return self._reduce_outliers(docs, topics, embeddings, update=False)

    def known_topics(self) -> list[int]:
        """The topics this model assigns to (their centres are kept), grown ones included."""
        return list(getattr(self, "centre_topics_", None) or [])

    def topic_size(self) -> int:
        """The minimum topic size used at fit time; a model pickled before voc kept it is given the same formula again."""
        return getattr(self, "fit_size_", None) or self.min_topic_size or _default_size(len(getattr(self, "topics_", [])))

    def first_seen(self) -> dict[int, str]:
        """Topic -> the ISO week it was first seen ("2026-W49"); empty for a model saved before voc kept it."""
        return dict(getattr(self, "first_seen_", {}))

    def stamp(self, topics: list[int], week: str) -> None:
        """First seen this ``week``: the topics not stamped before."""
        self.first_seen_ = {**{t: week for t in topics}, **self.first_seen()}

    def _grow(self, topics: list[int], embeddings: np.ndarray) -> list[int]:
        centres = getattr(self, "centres_", None)
        if centres is None:  # a model saved before voc kept centres has nothing to compare with
            return topics
        known = self.known_topics()
        first_id = max([*known, *self.first_seen(), *getattr(self, "labels_", {}), -1]) + 1
        found = grow_topics(embeddings, topics, centres, self.topic_size(), first_id)
        if found.ids:
            self.centres_ = np.vstack([centres, found.centres.astype(centres.dtype)])
            self.centre_topics_ = [*known, *found.ids]
            self.grown_ = [*getattr(self, "grown_", []), *found.ids]  # BERTopic never assigns these: grow.rejoin does
        return found.topics

    def _bertopic(self, n: int):
        from bertopic import BERTopic
        from hdbscan import HDBSCAN
        from sklearn.feature_extraction.text import CountVectorizer

        size = self.min_topic_size or _default_size(n)
        self.fit_size_ = size  # new themes must be as large (grow.py)
        if n >= 60:
            from umap import UMAP

            # init="random": UMAP's default spectral start gave other topics on each run of the same
            # 6,000 comments (its eigensolver, on a graph of many components); the random start is drawn
            # from the seed. AMI on the tune half of our aspect sets: 0.306 (random), 0.297 (spectral).
            reducer = UMAP(n_neighbors=min(15, n - 1), n_components=5, min_dist=0.0, metric="cosine", random_state=self.seed, n_jobs=1,
                           init="random")  # fmt: skip
        else:
            from sklearn.decomposition import PCA

            reducer = PCA(n_components=min(5, n - 1), random_state=self.seed)
        clusterer = HDBSCAN(min_cluster_size=size, min_samples=max(1, size // 2), prediction_data=True)
        model = BERTopic(
            embedding_model=None,
            umap_model=reducer,
            hdbscan_model=clusterer,
            vectorizer_model=CountVectorizer(token_pattern=r"(?u)\S+", min_df=1),
            calculate_probabilities=False,
            verbose=False,
        )
        _quiet_bertopic()
        return model

    def _reduce_outliers(self, docs: list[str], topics: list[int], embeddings: np.ndarray, update: bool = True) -> list[int]:
        """Outliers join the topic whose centre (the mean embedding of its comments as fitted) is nearest
        in cosine, where that is above ``outlier_threshold``.

        BERTopic's reduce_outliers(strategy="embeddings") does this too, but refuses a model whose fit
        left no outliers, though new comments assigned to it may be outliers; so the centres of the
        fitted topics are kept here, with their topic ids."""
        topics = [int(t) for t in topics]
        if update:
            self._set_centres(topics, embeddings)
        centres = getattr(self, "centres_", None)
        if -1 not in topics or centres is None:
            if centres is None and not update and -1 in topics and self.model_._outliers:  # a model saved before voc kept centres
                return [int(t) for t in self.model_.reduce_outliers(docs, topics, strategy="embeddings", embeddings=embeddings, threshold=self.outlier_threshold)]
            return topics
        outliers = [i for i, t in enumerate(topics) if t == -1]
        vectors = embeddings[outliers]
        similarity = (vectors @ centres.T) / np.maximum(
            np.linalg.norm(vectors, axis=1, keepdims=True) * np.linalg.norm(centres, axis=1), 1e-12
        )
        reduced = list(topics)
        for i, row in zip(outliers, similarity):
            if row.max() >= self.outlier_threshold:
                reduced[i] = self.centre_topics_[int(row.argmax())]
        if update:
            self.model_.update_topics(docs, topics=reduced, vectorizer_model=self.model_.vectorizer_model)
        return reduced

    def _set_centres(self, topics: list[int], embeddings: np.ndarray) -> None:
        ids = sorted(set(topics) - {-1})
        members: dict[int, list[int]] = {k: [] for k in ids}
        for i, t in enumerate(topics):
            if t != -1:
                members[t].append(i)
        self.centre_topics_ = ids
        self.centres_ = np.vstack([embeddings[members[k]].mean(axis=0) for k in ids]) if ids else None

    def _merge(self, topics: list[int], embeddings: np.ndarray) -> list[int]:
        """At most ``nr_topics`` topics: the topics' centres clustered (cosine, average linkage), as
        BERTopic's reduce_topics does; with "auto", as many as the topics whose centres stay below
        ``AUTO_SIMILARITY``. Merged topics are numbered by size, largest first. Kept in
        ``merges_`` (new topic -> the topics found) for hierarchy.csv, and in ``merged_`` to map a
        new comment's topic the same way."""
        self.merged_: dict[int, int] = {}
        self.merges_: dict[int, list[int]] = {}
        ids = getattr(self, "centre_topics_", [])
        auto = self.nr_topics == "auto"
        if not self.nr_topics or len(ids) < 2 or (not auto and len(ids) <= int(self.nr_topics)):
            return topics
        from sklearn.cluster import AgglomerativeClustering

        if auto:
            clustering = AgglomerativeClustering(n_clusters=None, distance_threshold=1 - AUTO_SIMILARITY, metric="cosine", linkage="average")
        else:
            clustering = AgglomerativeClustering(n_clusters=int(self.nr_topics), metric="cosine", linkage="average")
        groups = clustering.fit_predict(self.centres_)
        sizes = {k: topics.count(k) for k in ids}
        members: dict[int, list[int]] = {}
        for topic, group in zip(ids, groups):
            members.setdefault(int(group), []).append(topic)
        order = sorted(members.values(), key=lambda m: (-sum(sizes[t] for t in m), min(m)))
        self.merged_ = {t: new for new, m in enumerate(order) for t in m}
        self.merges_ = {new: sorted(m) for new, m in enumerate(order)}
        merged = [self.merged_[t] if t != -1 else -1 for t in topics]
        self._set_centres(merged, embeddings)
        return merged

    def __setstate__(self, state: dict) -> None:
        self.__dict__.update(state)
        _quiet_bertopic()

    # -- saving and loading, offline ------------------------------------------

    def save(self, folder: Path) -> None:
        folder.mkdir(parents=True, exist_ok=True)
        tmp = folder / (MODEL_FILE + ".part")
        with open(tmp, "wb") as fh:
            pickle.dump(self, fh)
        os.replace(tmp, folder / MODEL_FILE)

    @staticmethod
    def load(folder: Path) -> "Discovery":
        # A pickled model needs no network; BERTopic's own load() may look up an
        # embedding model on a hub, so it is not used, and hub access is switched
        # off in case a dependency tries.
        os.environ.setdefault("HF_HUB_OFFLINE", "1")
        os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")
        path = folder / MODEL_FILE
        try:
            with open(path, "rb") as fh:
                model = pickle.load(fh)
        except FileNotFoundError:
            raise UsageError(f"no topic model in {folder}: fit one first with `voc topics ... --model {folder}`") from None
        except (pickle.UnpicklingError, EOFError, AttributeError, ModuleNotFoundError) as exc:
            raise VocError(f"{path}: not a voc topic model ({type(exc).__name__}): fit it again") from None
        if not isinstance(model, Discovery):
            raise VocError(f"{path}: not a voc topic model: fit it again")
        return model

    @staticmethod
    def exists(folder: Path) -> bool:
        return (folder / MODEL_FILE).exists()


def save_labels(folder: Path, labels: dict[int, str]) -> None:
    """Keep the fitted topics' labels beside the model, so that assigning batch by batch (voc.batch, voc.spark) names them the same."""
    tmp = folder / (LABELS_FILE + ".part")
    tmp.write_text(json.dumps({str(k): v for k, v in sorted(labels.items())}, ensure_ascii=False, indent=1), encoding="utf-8")
    os.replace(tmp, folder / LABELS_FILE)


def load_labels(folder: Path) -> dict[int, str]:
    try:
        return {int(k): v for k, v in json.loads((folder / LABELS_FILE).read_text(encoding="utf-8")).items()}
    except FileNotFoundError:
        raise UsageError(f"no {LABELS_FILE} in {folder}: fit the model again with `voc analyze SAMPLE --discover --topic-model {folder}`") from None


def _default_size(n: int) -> int:
    """Grows like the square root of the input: a few dozen comments give topics of
    3, the samples' 490 about 11, 20,000 about 70, so a person can read them all."""
    return max(3, round(0.5 * n**0.5))


def _model_docs(docs: list[str]) -> list[str]:
    """Documents as the model sees them: lemma features without the words as written (features.py)."""
    return [" ".join(model_view(d.split(" "))) for d in docs]


def _quiet_bertopic() -> None:
    """BERTopic logs notes for developers (about custom topic lists) at WARNING; under
    cron they would be mailed as if something were wrong. Its constructor resets the
    level, so this runs after it."""
    import logging

    logging.getLogger("BERTopic").setLevel(logging.ERROR)
