"""New themes for a saved model (the step between BERTopic's assignment and the outlier reassignment in
engine.Discovery.transform, only with ``grow=True``).

Reads the new comments' embeddings (embedding.HybridEmbedder), the topic BERTopic gave each (-1: in
no cluster) and the known topics' centres; adds topics: a dense group of comments that no known
topic covers becomes a topic of its own, numbered after the known ones, with its centre, so that the
remaining outliers can join it too.

Candidates are the comments BERTopic left in no cluster, and also the ones it placed in a cluster
while their embedding is far from every known centre: the reducer (UMAP, PCA) was fitted on the
old comments and puts a new kind of comment next to its nearest old neighbours, so HDBSCAN's
approximate_predict seldom calls a new theme an outlier (on our test corpora: none of ten "the app
logs me out" comments, against a model fitted without them). A placed candidate keeps its topic
unless it joins a new group, or a grown topic is its nearest centre (``rejoin``, also for batch
assignment: BERTopic never assigns a grown topic itself), so a model that has not grown assigns
exactly as before.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from voc.discover.embedding import unit

# Cosines with the nearest known topic centre. Measured on the corpora of tests/discover/test_weeks.py,
# on the four sample exports (a model fitted on some files or on half the rows, the rest assigned)
# and on the public evaluation sets in four languages (../shared/eval, measurement only: a model
# fitted on 600 rows, 300 other rows of the same set, 3 draws each, with and without 30 rows of a
# held-out theme such as doctors in hotel reviews). Comments of known themes had 0.45-0.9 in the
# test corpora, the planted new ones 0.12-0.37: below CANDIDATE_BELOW a placed comment is a
# candidate. Groups of candidates from known themes or from scattered comments had centres at 0.33
# and above; the new themes' groups 0.18-0.28 (the test corpora, the Polish helpdesk against a
# model of the other samples, the doctors). With NEW_BELOW 0.3, 1 of 12 draws without a held-out
# theme gained a topic (a coherent one, hotel star ratings); 0.35 gave 3, 0.45 gave 6. The held-out
# themes of the evaluation sets were found in 2 of 12 draws: new words are outside the fitted
# feature vocabulary, so only the sentence embedding tells them apart; a new theme has to be clear.
CANDIDATE_BELOW = 0.35
NEW_BELOW = 0.3


@dataclass
class Grown:
    topics: list[int]  # one per comment: the new ids where a new theme took it, else as given
    ids: list[int]  # the new topics, largest first
    centres: np.ndarray  # their centres, one row per id (the mean embedding of their comments)


def grow(embeddings: np.ndarray, topics: list[int], centres: np.ndarray | None, min_size: int, first_id: int) -> Grown:
    """``topics``: BERTopic's answer per comment (-1 for none), before any outlier reassignment;
    ``centres``: the known topics' centres (rows, unit length or not); new ids start at ``first_id``."""
    nothing = Grown(list(topics), [], np.empty((0, embeddings.shape[1]), dtype=embeddings.dtype))
    if len(topics) < min_size or centres is None or not len(centres):
        return nothing
    units = unit(embeddings)
    known_units = unit(centres)
    nearest = (units @ known_units.T).max(axis=1)
    candidates = [i for i, t in enumerate(topics) if t == -1 or nearest[i] < CANDIDATE_BELOW]
    if len(candidates) < min_size:
        return nothing
    groups = _clusters(units[candidates], min_size)
    found = []
    for label in sorted(set(groups) - {-1}):
        members = [candidates[k] for k, g in enumerate(groups) if g == label]
        centre = embeddings[members].mean(axis=0)
        if len(members) >= min_size and (unit(centre[None, :]) @ known_units.T).max() < NEW_BELOW:
            found.append((members, centre))
    found.sort(key=lambda mc: (-len(mc[0]), mc[0][0]))  # by size, ties by first row: the same input, the same ids
    if not found:
        return nothing
    grown = list(topics)
    ids = [first_id + k for k in range(len(found))]
    for topic, (members, _) in zip(ids, found):
        for i in members:
            grown[i] = topic
    return Grown(grown, ids, np.vstack([c for _, c in found]))


def rejoin(embeddings: np.ndarray, topics: list[int], centres: np.ndarray, ids: list[int], grown: set[int]) -> list[int]:
    """A comment BERTopic placed in a fitted topic while far from every fitted centre joins a grown topic
    (found in an earlier run, or in this one) when that is its nearest centre: BERTopic never assigns
    a grown topic itself. Outliers are left to the reassignment that follows, over the same centres.
    Without grown topics nothing changes."""
    if not grown:
        return topics
    similarity = unit(embeddings) @ unit(centres).T
    fitted = np.array([t not in grown for t in ids])
    nearest_fitted = similarity[:, fitted].max(axis=1) if fitted.any() else np.full(len(topics), -1.0)
    best = similarity.argmax(axis=1)
    joined = list(topics)
    for i, t in enumerate(topics):
        if t != -1 and t not in grown and ids[int(best[i])] in grown and nearest_fitted[i] < CANDIDATE_BELOW:
            joined[i] = ids[int(best[i])]
    return joined


def _clusters(vectors: np.ndarray, min_size: int) -> list[int]:
    """HDBSCAN as at fit time (min_samples half the topic size); one group alone is a group too, since a
    week's candidates are often one new theme and some scattered comments. Deterministic: no seed used."""
    from hdbscan import HDBSCAN

    clusterer = HDBSCAN(min_cluster_size=min_size, min_samples=max(1, min_size // 2), allow_single_cluster=True)
    return [int(g) for g in clusterer.fit_predict(vectors.astype(np.float64))]

