"""Choose the rows worth labelling (`voc sample`; learn step; reads `text`, `language`, `sentiment`, `sentiment_score`, `scope`, `evidence`, `topics`; adds nothing).

The recipe, and why:

1. **Usable rows only.** Rows in languages voc does not analyse (it, pl, ru,
   en) are left out: voc has no guess for them and they are often one-word
   answers taken for another language. Empty texts, texts without a letter, and answers the
   scope stage calls content-free ("ok", "-", "n/a") teach a model nothing and
   waste a labeller's time. Rows with the same normalised text (case, links,
   @mentions, digits and punctuation aside) are one row: the first is kept.
2. **Every language its share.** Places are split between languages with
   shares that grow with the square root of each language's row count (every
   language gets one row before any gets two, as far as the sample allows):
   proportional sampling would leave the Russian tenth of an English export a
   dozen labels, too few to learn; equal shares would waste labels on a
   language with thirty rows. The square root is the usual middle way
   (Neyman-like allocation with unknown variances).

3a. **Without a model: typical and diverse** (TypiClust, Hacohen, Dekel and
   Weinshall 2022, "Active learning on a budget"). A language's rows are
   clustered with k-means on their sentence embeddings (voc.learn.embed), one
   cluster per place, and from each cluster, largest first, its most *typical*
   row is taken: the one with the highest density (1 / the mean cosine distance
   to its ``TYPICAL_NEIGHBOURS`` nearest rows in the cluster). With a few
   hundred labels a model learns most from rows that stand for many others;
   the lexicons' doubt picks the odd ones, which taught it less. Then a
   guessed sentiment or scope that no pick has (a few positive rows, `both`)
   takes the place of the smallest cluster's pick, rarest first, with the row
   nearest that class's centre: one place in ``SWAP_SHARE`` at most, so every
   guessed class gets a label without pulling the sample far from the export
   (strata by guessed class with square-root shares scored 0.004-0.014 lower
   on the tune half). Places a near-duplicate leaves take the next typical
   row of the largest clusters. Measured with benchmarks/sample.py's sets (200 rows, ten seeds,
   sentiment macro-F1 against 200 random rows; settings chosen on the tune
   half): on the check half a four-language export -0.008, PolEmo +0.009,
   airline tweets -0.003, where the recipe before (strata of voc's guessed
   sentiment and scope, their most uncertain rows first) lost 0.030, 0.007 and
   0.008. So it is as good as random rows, not better, while it still gives
   every language and guessed class its labels.
3b. **With `--model`: uncertain first, but not only.** The learned model's
   doubt is a real signal once it exists: one minus its confidence in its
   answer for each label it has. Within a language the rows are grouped by
   voc's guessed sentiment and scope (places split by the same square-root rule),
   and the most uncertain rows of a group (``PREFILTER`` times its share) are
   clustered with k-means weighted by their doubt; the row nearest each
   cluster's centre is chosen ("diverse mini-batch" active learning, Zhdanov
   2019): the picks cover the different things customers say instead of twenty
   wordings of one complaint.
4. **Never near-duplicates.** A row whose embedding has cosine above
   ``NEAR_DUPLICATE`` with a row already chosen is skipped for the next row of
   its cluster.

Everything random (k-means starts, the pool of a very large input, the order
in the workbook) follows ``seed``: same input and seed, same rows.
"""

from __future__ import annotations

import math
import re
import unicodedata
from dataclasses import dataclass, field

import numpy as np

from voc.core.columns import ANALYSED_LANGUAGES

NEAR_DUPLICATE = 0.95  # cosine of two embeddings above which two texts say the same thing
TYPICAL_NEIGHBOURS = 20  # neighbours a row's typicality is measured on (TypiClust's K)
SWAP_SHARE = 10  # one place in this many may go to a guessed class no cluster's pick has
TYPICAL_REFERENCE = 2_000  # rows of a cluster those neighbours are looked for among, at most
PREFILTER = 4  # candidates kept per row wanted in a group, most uncertain first
POOL = 20_000  # usable rows embedded at most (a stratified random pool of a larger input)
CONTENT_FREE = ("content-free answer", "no text to analyse")  # the scope stage's evidence for such rows

_URL = re.compile(r"https?://\S+|www\.\S+|@\w+", re.IGNORECASE)


@dataclass
class Candidate:
    """What the sample needs to know of one analysed row."""

    id: str
    text: str
    language: str | None = None
    sentiment: str | None = None
    score: float | None = None
    scope: str | None = None
    topics: list[str] = field(default_factory=list)
    evidence: str = ""
    work_text: str | None = None  # the text as analysed (cleaned), where the labeller sees another
    doubt: dict[str, float] = field(default_factory=dict)  # with --model: 0..1 per learned label (model_doubt)
    signals: dict = field(default_factory=dict)  # voc's intent, emotion, churn_risk, effort, shown with --signals

    @property
    def analysed(self) -> str:
        """What the embedding and the model see."""
        return self.text if self.work_text is None else self.work_text

    @property
    def stratum(self) -> tuple[str, str]:
        return (self.sentiment or "-", self.scope or "-")


@dataclass
class Usable:
    rows: list[Candidate]
    empty: int = 0  # empty, letterless or content-free
    other_language: int = 0  # in a language voc does not analyse
    duplicates: int = 0  # same normalised text as a row kept


def normalised(text: str) -> str:
    """The text as two rows are compared for sameness: letters only, case-blind."""
    text = unicodedata.normalize("NFKC", _URL.sub(" ", text)).casefold()
    return " ".join("".join(ch if ch.isalpha() else " " for ch in text).split())


def usable(candidates: list[Candidate]) -> Usable:
    out, seen = Usable([]), set()
    for c in candidates:
        key = normalised(c.analysed or "")
        if not key or (c.scope == "none" and c.evidence.startswith(CONTENT_FREE)):
            out.empty += 1
        elif c.language not in ANALYSED_LANGUAGES:
            out.other_language += 1
        elif key in seen:
            out.duplicates += 1
        else:
            seen.add(key)
            out.rows.append(c)
    return out


def uncertainty(c: Candidate, threshold: float = 0.25) -> float:
    """0 (voc is sure) .. 1 (a coin toss): the mean over sentiment, scope and, with a model, categories."""
    parts = []
    if "sentiment" in c.doubt:
        parts.append(c.doubt["sentiment"])
    elif c.score is not None:
        margin = min(abs(c.score - threshold), abs(c.score + threshold))
        parts.append(max(0.0, 1.0 - margin / threshold))
    if "scope" in c.doubt:
        parts.append(c.doubt["scope"])
    elif c.scope is not None:
        parts.append(_scope_doubt(c.scope, c.evidence))
    if "categories" in c.doubt:
        parts.append(c.doubt["categories"])
    return sum(parts) / len(parts) if parts else 0.5


def model_doubt(confidence: float, classes: int, multi: bool = False) -> float:
    """A model's confidence in its answer as doubt 0..1: 1 at chance (1/classes; 0.5 for a category)."""
    chance = 0.5 if multi or classes < 2 else 1.0 / classes
    return float(min(1.0, max(0.0, (1.0 - confidence) / (1.0 - chance))))


def _scope_doubt(scope: str, evidence: str) -> float:
    if scope == "both":
        return 1.0
    if scope == "none":
        return 0.8
    weights = {}
    for part in evidence.split("; "):
        side, _, terms = part.partition(": ")
        if side in ("service", "experience") and terms:
            weights[side] = len(terms.split(", "))
    if not weights:  # an overall opinion naming no aspect: experience by default
        return 0.7
    if len(weights) == 2:  # the weaker side was under half the stronger one; the nearer half, the less sure
        low, high = sorted(weights.values())
        return 0.5 + low / high
    return 0.6 if max(weights.values()) == 1 else 0.2


def allocate(sizes: dict, n: int) -> dict:
    """Places per group, growing with the square root of its size; every group one before any gets two."""
    quota = {k: 0 for k in sizes}
    open_ = sorted((k for k in sizes if sizes[k] > 0), key=lambda k: -sizes[k])  # stable: larger groups first
    n = min(n, sum(sizes.values()))
    for k in open_[:n]:
        quota[k] = 1
    open_ = [k for k in open_ if quota[k] < sizes[k]]
    for _ in range(n - sum(quota.values())):
        # D'Hondt-like: the next place goes where quota / sqrt(size) is lowest (larger group on ties).
        best = min(open_, key=lambda k: (quota[k] / math.sqrt(sizes[k]), -sizes[k]))
        quota[best] += 1
        if quota[best] == sizes[best]:
            open_.remove(best)
    return quota


def pool(rows: list[Candidate], limit: int, seed: int) -> list[Candidate]:
    """At most ``limit`` rows, drawn at random within strata, rare strata kept whole where they fit."""
    if len(rows) <= limit:
        return rows
    rng = np.random.default_rng(seed)
    groups = _groups(rows, lambda c: (c.language or "-", *c.stratum))
    quota = allocate({k: len(v) for k, v in groups.items()}, limit)
    kept = [i for k, members in groups.items() for i in rng.permutation(members)[: quota[k]].tolist()]
    return [rows[i] for i in sorted(kept)]


def choose(rows: list[Candidate], embeddings: np.ndarray, n: int, seed: int, threshold: float = 0.25) -> list[int]:
    """Indices into ``rows`` of up to ``n`` rows to label (see the module's recipe)."""
    if any(c.doubt for c in rows):
        return _choose_uncertain(rows, embeddings, n, seed, threshold)
    return _choose_typical(rows, embeddings, n, seed)


def _choose_typical(rows: list[Candidate], emb: np.ndarray, n: int, seed: int) -> list[int]:
    """Without a model: per language, the most typical row of each of k-means' clusters, and every guessed class (recipe 3a)."""
    chosen: list[int] = []
    by_language = _groups(rows, lambda c: c.language or "-")
    quota = allocate({k: len(v) for k, v in by_language.items()}, n)
    for language, members in by_language.items():
        places = quota[language]
        if not places:
            continue
        clusters = _typical_clusters(members, places, emb, seed)  # largest first
        picks: list[int] = []
        for cluster in clusters:
            _take_first(cluster, emb, chosen + picks, picks)
        # Guessed sentiments and scopes that no pick has, rarest first, take the places of the smallest clusters' picks.
        swaps, extra = places // SWAP_SHARE, []
        for guess in (lambda c: c.sentiment or "-", lambda c: c.scope or "-"):
            covered = {guess(rows[i]) for i in picks + extra}
            for value, rows_of in sorted(_groups([rows[i] for i in members], guess, members).items(), key=lambda kv: len(kv[1])):
                if swaps and value not in covered and len(picks) > 1:
                    centre = emb[rows_of].mean(axis=0)
                    dropped = picks.pop()
                    if _take_first(sorted(rows_of, key=lambda i: (-float(emb[i] @ centre), i)), emb, chosen + picks + extra, extra):
                        swaps -= 1
                    else:
                        picks.append(dropped)
        picks += extra
        rounds = 0
        while len(picks) < places and rounds < places:  # places left (near-duplicates): more rows of the largest clusters
            rounds += 1
            if not any(_take_first(cluster, emb, chosen + picks, picks) for cluster in clusters[: places - len(picks)]):
                break
        chosen += picks
    return chosen


def _typical_clusters(members: list[int], k: int, emb: np.ndarray, seed: int) -> list[list[int]]:
    """k-means' clusters of ``members``, largest first, each ordered most typical first."""
    if k <= 0:
        return []
    if len(members) <= k:
        return [[i] for i in members]
    import warnings

    from sklearn.cluster import KMeans

    with warnings.catch_warnings():  # fewer distinct points than clusters: some clusters stay empty, fine
        warnings.simplefilter("ignore")
        labels = KMeans(n_clusters=k, n_init=1, random_state=seed).fit_predict(emb[members])
    clusters = []
    for c in range(k):
        inside = [members[j] for j in np.flatnonzero(labels == c)]
        if inside:
            clusters.append([inside[j] for j in np.argsort(-_typicality(emb[inside], seed), kind="stable")])
    return sorted(clusters, key=lambda cl: -len(cl))


def _typicality(x: np.ndarray, seed: int = 0, neighbours: int = TYPICAL_NEIGHBOURS) -> np.ndarray:
    """1 / the mean cosine distance to a row's nearest neighbours in its cluster: high where rows are dense.
    A cluster of more than ``TYPICAL_REFERENCE`` rows is measured against that many of them, drawn at random."""
    n = len(x)
    k = min(neighbours, n - 1)
    if k < 1:
        return np.ones(n)
    ref = np.arange(n) if n <= TYPICAL_REFERENCE else np.sort(np.random.default_rng(seed).choice(n, TYPICAL_REFERENCE, replace=False))
    out = np.empty(n)
    for start in range(0, n, TYPICAL_REFERENCE):  # bounded blocks: at most TYPICAL_REFERENCE² similarities at once
        rows = np.arange(start, min(n, start + TYPICAL_REFERENCE))
        similarity = x[rows] @ x[ref].T
        similarity[rows[:, None] == ref[None, :]] = -np.inf  # a row is not its own neighbour
        nearest = -np.partition(-similarity, k - 1, axis=1)[:, :k]
        out[rows] = 1.0 / (1.0 - nearest.mean(axis=1) + 1e-6)
    return out


def _take_first(candidates: list[int], emb: np.ndarray, taken: list[int], into: list[int]) -> int:
    """The first candidate that is neither taken nor a near-duplicate of a taken row, appended to ``into``: 1, or 0 if none."""
    for i in candidates:
        if i not in taken and (not taken or float(np.max(emb[taken] @ emb[i])) <= NEAR_DUPLICATE):
            into.append(i)
            return 1
    return 0


def _choose_uncertain(rows: list[Candidate], embeddings: np.ndarray, n: int, seed: int, threshold: float) -> list[int]:
    """With a model: its doubt first, diverse within strata of voc's guesses (recipe 3b)."""
    doubt = np.array([uncertainty(c, threshold) for c in rows])
    chosen: list[int] = []
    left = {i for i in range(len(rows))}
    levels = (lambda c: c.language or "-", lambda c: c.sentiment or "-", lambda c: c.scope or "-")
    while len(chosen) < n and left:
        before = len(chosen)
        for group, quota in _leaves(rows, sorted(left), levels, n - len(chosen)):
            _pick(group, quota, embeddings, doubt, chosen, left, seed)
        if len(chosen) == before:
            break
    return chosen


def _leaves(rows: list[Candidate], index: list[int], levels: tuple, n: int) -> list[tuple[list[int], int]]:
    """(group, places) for the innermost groups: places split level by level (language, then sentiment, then scope)."""
    if not levels:
        return [(index, n)]
    groups = _groups([rows[i] for i in index], levels[0], index)
    quota = allocate({k: len(v) for k, v in groups.items()}, n)
    return [leaf for k, members in groups.items() if quota[k] for leaf in _leaves(rows, members, levels[1:], quota[k])]


def _pick(group: list[int], k: int, emb: np.ndarray, doubt: np.ndarray, chosen: list[int], left: set, seed: int) -> None:
    """k diverse, uncertain rows of one group into ``chosen``; every row looked at leaves ``left``."""
    order = sorted(group, key=lambda i: (-doubt[i], i))
    candidates = order[: max(k * PREFILTER, k)]
    if len(candidates) > k:
        import warnings

        from sklearn.cluster import KMeans

        with warnings.catch_warnings():  # fewer distinct points than clusters: some clusters stay empty, fine
            warnings.simplefilter("ignore")
            km = KMeans(n_clusters=k, n_init=1, random_state=seed).fit(emb[candidates], sample_weight=0.2 + doubt[candidates])
        distance = km.transform(emb[candidates])
        clusters = []
        for c in range(k):
            members = [j for j in np.argsort(distance[:, c], kind="stable") if km.labels_[j] == c]
            clusters.append([candidates[j] for j in members])
    else:
        clusters = [[i] for i in candidates]
    for members in clusters:
        for i in members:
            if i not in left:
                continue
            left.discard(i)
            if not chosen or float(np.max(emb[chosen] @ emb[i])) <= NEAR_DUPLICATE:
                chosen.append(i)
                break
    for i in candidates:  # a row near a chosen one stays out of later rounds
        if i in left and chosen and float(np.max(emb[chosen] @ emb[i])) > NEAR_DUPLICATE:
            left.discard(i)


def _groups(rows: list[Candidate], key, index: list[int] | None = None) -> dict:  # noqa: ANN001
    """key -> indices (into ``index`` when given), in first-seen order."""
    out: dict = {}
    for pos, c in enumerate(rows):
        out.setdefault(key(c), []).append(index[pos] if index is not None else pos)
    return out
