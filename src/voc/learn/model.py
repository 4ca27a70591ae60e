"""The learned model: fit, cross-validate, save, load and predict (learn step; reads an analysed working frame, adds nothing itself).

Per label one logistic regression on the features of features.py: sentiment,
scope, intent, emotion, churn_risk and effort choose one class; categories are one-vs-rest, every category whose
probability reaches the threshold, else the likeliest one (a labelled row has
at least one). Fitting is deterministic (lbfgs; folds drawn from the seed).

A model folder holds only reviewable, non-executable files (no pickle):
    model.json     what was learned from what: versions, label counts, classes,
                   cross-validated scores next to the lexicon's, decisions, hashes
    weights.npz    per label `<label>.coef` (classes x features) and `<label>.intercept`,
                   and the same for its screen head, `<label>.screen.*` (screen.py)
    training.npz   the training rows' features (embedding, hashed n-gram counts,
                   lexicon outputs) and labels, never their text: `voc learn --from`
                   retrains on them plus new labels
"""

from __future__ import annotations

import hashlib
import json
import re
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np

from voc.core.errors import InputError, UsageError
from voc.learn.features import EMOTIONS, INTENTS, NGRAM_BUCKETS, SIGNALS_AT, Features, features as row_features
from voc.learn.screen import sure, without_embedding

FORMAT = "voc-model"
FORMAT_VERSION = 1
FOLDS = 5
FILES = ("model.json", "weights.npz", "training.npz")
# Chosen on the `tune` half of the dev sets only (benchmarks/learn.py); the same for every label.
WEIGHTS = {"embedding": 2.0, "ngrams": 1.0, "lexicon": 0.5}
C_REG = 1.0  # C=4 scored the same on tune rows (0.728 mean) and took 1.7 times the iterations
CLASS_WEIGHT = "balanced"
THRESHOLD = 0.5  # categories: a category is given when its probability reaches this
# Where the lexicons' own answer to a label sits in the lexicon feature block: (first column, its classes),
# one-hot; churn_risk and effort are one column each, 1 for "true" / "high".
LEXICON_OF = {
    "sentiment": (1, ("negative", "neutral", "positive")), "scope": (4, ("service", "experience", "both", "none")),
    "intent": (SIGNALS_AT, INTENTS), "emotion": (SIGNALS_AT + 6, EMOTIONS),
    "churn_risk": (SIGNALS_AT + 12, ("false", "true")), "effort": (SIGNALS_AT + 13, ("normal", "high")),
}  # fmt: skip


@dataclass
class Head:
    """One learned label."""

    name: str  # sentiment, scope or categories
    classes: list[str]
    multi: bool
    columns: np.ndarray  # the feature columns the coefficients belong to: those seen in training (others weigh 0)
    coef: np.ndarray  # (k, len(columns)): k = 1 for two single-label classes
    intercept: np.ndarray  # (k,)
    info: dict = field(default_factory=dict)  # rows, counts, cv, lexicon_cv, decision
    screen: "Head | None" = None  # the same label without the embedding: the cheap first pass (screen.py)

    @property
    def keep_lexicon(self) -> bool:
        return self.info.get("decision") == "keep lexicon"

    def proba(self, X) -> np.ndarray:  # noqa: ANN001 - sparse matrix
        z = np.asarray(X[:, self.columns] @ self.coef.T, dtype=np.float64) + self.intercept
        if self.multi or z.shape[1] == 1:
            p = 1.0 / (1.0 + np.exp(-z))
            return p if self.multi else np.hstack([1 - p, p])
        z -= z.max(axis=1, keepdims=True)
        e = np.exp(z)
        return e / e.sum(axis=1, keepdims=True)


@dataclass
class Prediction:
    """One label's answer per row.

    classes: the class per row (sentiment, scope), or the list of categories per row.
    confidence: 0..1 per row, the model's probability of what it answered (for
        categories, of the least likely category it gave).
    score: sentiment only, P(positive) - P(negative) in -1..1, to stand in `sentiment_score`.
    probabilities: sentiment and scope, (rows, classes) in the head's class order.
    keep_lexicon: the model did not beat the lexicon on this label when it was
        trained; a caller should keep the lexicon's answer.
    """

    classes: list
    confidence: np.ndarray
    score: np.ndarray | None = None
    keep_lexicon: bool = False
    probabilities: np.ndarray | None = None


class LearnedModel:
    def __init__(self, heads: dict[str, Head], meta: dict, training: tuple[Features, dict[str, list]] | None = None) -> None:
        self.heads = heads
        self.meta = meta
        self.training = training  # (features, labels per name) of the rows it was trained on

    @property
    def labels(self) -> list[str]:
        return list(self.heads)

    def predict(self, work, feats: Features | None = None) -> dict[str, Prediction]:  # noqa: ANN001 - polars frame
        """Answer every learned label for each row of an analysed working frame.

        ``work`` is the frame voc's pipeline made (voc.batch.Plan.work): it needs
        `text`, and uses `language`, `sentiment`, `sentiment_score`, `scope` and
        `topics` where present (the default pipeline makes them all). Give
        ``feats`` when the rows' Features are at hand already. Returns
        {label: Prediction} for every label the model holds, "sentiment",
        "scope" and/or "categories", rows in the frame's order; a label marked
        keep_lexicon is answered too, and flagged, so the caller decides.
        """
        probabilities = self._probabilities(work, feats)
        out = {}
        for name, head in self.heads.items():
            p = probabilities[name]
            if head.multi:
                chosen = choose_categories(p, self.meta["settings"]["threshold"])
                classes = [[head.classes[j] for j in row] for row in chosen]
                confidence = np.array([min(p[i, j] for j in row) for i, row in enumerate(chosen)])
                out[name] = Prediction(classes, confidence, keep_lexicon=head.keep_lexicon)
                continue
            best = p.argmax(axis=1)
            score = None
            if name == "sentiment":
                pos = p[:, head.classes.index("positive")] if "positive" in head.classes else 0.0
                neg = p[:, head.classes.index("negative")] if "negative" in head.classes else 0.0
                score = np.round(pos - neg, 4)
            out[name] = Prediction([head.classes[j] for j in best], p.max(axis=1), score, head.keep_lexicon, p)
        return out

    def _probabilities(self, work, feats: Features | None) -> dict[str, np.ndarray]:  # noqa: ANN001
        """Each head's probabilities per row. Without ``feats`` and with screen heads, rows are embedded
        only where a screen head that decides (one not marked keep_lexicon) is unsure; sure rows keep
        the screen's probabilities. With ``feats`` at hand the full heads answer every row."""
        weights = self.meta["settings"]["weights"]
        confidence = self.meta["settings"].get("screen")
        screened = feats is None and confidence is not None and all(h.screen is not None for h in self.heads.values())
        if not screened:
            feats = feats if feats is not None else row_features(work)
            X = feats.matrix(weights)
            return {name: head.proba(X) for name, head in self.heads.items()}
        from voc.core import columns as C
        from voc.learn.embed import embed

        feats = row_features(work, embedding=False)
        X = feats.matrix(weights)  # the embedding block is zero: no entries, and no screen head reads it
        out = {name: head.screen.proba(X) for name, head in self.heads.items()}
        clear = np.ones(len(feats), dtype=bool)
        for name, head in self.heads.items():
            if not head.keep_lexicon:
                clear &= sure(out[name], confidence)
        todo = np.flatnonzero(~clear)
        if len(todo):
            texts = work.get_column(C.TEXT).fill_null("").to_list()
            feats.embedding[todo] = embed([texts[i] for i in todo])
            X = feats.take(todo).matrix(weights)
            for name, head in self.heads.items():
                out[name][todo] = head.proba(X)
        return out

    # -- files --------------------------------------------------------------

    def save(self, folder: Path) -> None:
        """Write the three files into ``folder`` (which must exist; the caller renames it into place)."""
        if self.training is None:
            raise ValueError("a model loaded with training=False has no training rows to save")
        weights = {}
        for name, head in self.heads.items():
            weights[f"{name}.columns"] = head.columns.astype(np.int32)
            weights[f"{name}.coef"] = head.coef.astype(np.float32)
            weights[f"{name}.intercept"] = head.intercept.astype(np.float32)
            if head.screen is not None:
                weights[f"{name}.screen.columns"] = head.screen.columns.astype(np.int32)
                weights[f"{name}.screen.coef"] = head.screen.coef.astype(np.float32)
                weights[f"{name}.screen.intercept"] = head.screen.intercept.astype(np.float32)
        _savez(folder / "weights.npz", weights)
        feats, labels = self.training
        arrays = feats.arrays()
        for name, values in labels.items():
            arrays[f"label.{name}"] = np.array([_cell(v) for v in values], dtype=np.str_)
        _savez(folder / "training.npz", arrays)
        meta = dict(self.meta)
        meta["files"] = {f: _sha256(folder / f) for f in ("weights.npz", "training.npz")}
        (folder / "model.json").write_text(json.dumps(meta, indent=2, sort_keys=True, ensure_ascii=False) + "\n", encoding="utf-8")

    @classmethod
    def load(cls, folder: str | Path, wanted: list[str] | None = None, training: bool = True) -> "LearnedModel":
        """Read a model folder; refuses (one line) a folder that is not one, is corrupt, comes from
        another major version of voc, or holds none of the ``wanted`` labels. ``training=False`` leaves
        out the training rows' features (only `voc learn --from` and saving need them): a model that
        only predicts holds a few MB less in every worker, more with thousands of labels."""
        from voc import __version__

        folder = Path(folder)
        where = str(folder)
        if not (folder / "model.json").is_file():
            raise InputError("not a voc model folder (no model.json): give a folder written by 'voc learn -o'", path=where)
        try:
            meta = json.loads((folder / "model.json").read_text(encoding="utf-8"))
            if meta.get("format") != FORMAT:
                raise ValueError
        except (ValueError, UnicodeDecodeError):
            raise InputError("model.json is not a voc model description: run 'voc learn' again", path=where) from None
        theirs, ours = str(meta.get("voc_version", "?")), __version__
        if _major(theirs) != _major(ours) or meta.get("format_version") != FORMAT_VERSION:
            raise InputError(f"model made by voc {theirs}, this is voc {ours} (another major version): run 'voc learn' again with this voc", path=where)
        for name, digest in meta.get("files", {}).items():
            if not (folder / name).is_file() or _sha256(folder / name) != digest:
                raise InputError(f"{name} is missing or corrupt (its checksum does not match model.json): copy the folder again or run 'voc learn' again", path=where)
        names = list(meta.get("labels", {}))
        if wanted is not None and not set(wanted) & set(names):
            raise UsageError(f"the model was trained on {', '.join(names)}, none of {', '.join(wanted)}", path=where)
        if meta.get("features", {}).get("ngrams", {}).get("buckets") != NGRAM_BUCKETS:
            raise InputError("the model's feature settings differ from this voc's: run 'voc learn' again", path=where)
        try:
            w = np.load(folder / "weights.npz", allow_pickle=False)
            t = np.load(folder / "training.npz", allow_pickle=False)
            heads = {}
            for name in names:
                info = meta["labels"][name]
                multi = name == "categories"
                heads[name] = Head(name, info["classes"], multi, w[f"{name}.columns"], w[f"{name}.coef"], w[f"{name}.intercept"], info)
                if f"{name}.screen.coef" in w.files:  # models from before screening have none
                    s = f"{name}.screen"
                    heads[name].screen = Head(name, info["classes"], multi, w[f"{s}.columns"], w[f"{s}.coef"], w[f"{s}.intercept"])
            if not training:
                return cls(heads, meta, None)
            feats = Features.from_arrays({k: t[k] for k in ("embedding", "ngram_indptr", "ngram_indices", "ngram_counts", "lexicon")})
            labels = {name: [_uncell(v, name == "categories") for v in t[f"label.{name}"].tolist()] for name in names}
        except (KeyError, ValueError, OSError) as exc:
            raise InputError(f"model files are corrupt ({type(exc).__name__}): run 'voc learn' again", path=where) from None
        return cls(heads, meta, (feats, labels))


# -- fitting ----------------------------------------------------------------


def fit_head(name: str, X, values: list, classes: list[str], multi: bool, settings: dict) -> Head:  # noqa: ANN001
    """A head fitted on rows X with labels ``values`` (a class, or a list of categories, per row).

    Only the columns seen in these rows are fitted (an n-gram bucket no row has
    gets weight 0 under L2 anyway): 10-50 times faster than all 262,000, and a
    smaller weights file. One BLAS thread: on two busy cores more threads made
    the fit 10 times slower."""
    from threadpoolctl import threadpool_limits

    columns = np.unique(X.indices).astype(np.int32)
    X = X[:, columns]
    with threadpool_limits(1):
        if multi:
            Y = indicator(values, classes)
            parts = [_fit_binary(X, Y[:, j], settings) for j in range(len(classes))]
            coef = np.vstack([c for c, _ in parts])
            intercept = np.array([b for _, b in parts])
            return Head(name, classes, True, columns, coef.astype(np.float32), intercept.astype(np.float32))
        from sklearn.linear_model import LogisticRegression

        y = np.array([classes.index(v) for v in values])
        model = LogisticRegression(C=settings["C"], class_weight=settings["class_weight"], max_iter=2000)
        model.fit(X, y)
    return Head(name, classes, False, columns, model.coef_.astype(np.float32), model.intercept_.astype(np.float32))


def _fit_binary(X, y: np.ndarray, settings: dict) -> tuple[np.ndarray, float]:  # noqa: ANN001
    from sklearn.linear_model import LogisticRegression

    if y.min() == y.max():  # a category absent (or everywhere) in these rows: a constant answer
        return np.zeros(X.shape[1]), (8.0 if y[0] else -8.0)
    model = LogisticRegression(C=settings["C"], class_weight=settings["class_weight"], max_iter=2000)
    model.fit(X, y)
    return model.coef_[0], float(model.intercept_[0])


def choose_categories(p: np.ndarray, threshold: float) -> list[list[int]]:
    return [sorted(np.flatnonzero(row >= threshold).tolist()) or [int(row.argmax())] for row in p]


def indicator(values: list, classes: list[str]) -> np.ndarray:
    Y = np.zeros((len(values), len(classes)), dtype=np.int8)
    for i, names in enumerate(values):
        for c in names:
            Y[i, classes.index(c)] = 1
    return Y


def held_out_proba(name: str, X, Xs, values: list, train, test, classes: list[str], multi: bool, settings: dict):  # noqa: ANN001, ANN201
    """Fit on rows ``train`` and answer rows ``test`` as `voc analyze --model` does: the screen head's
    probabilities where it is sure, else the full head's. ``Xs`` is the matrix without the embedding
    (None: no screen, as for categories). Returns (probabilities, the test rows the screen settled)."""
    gold = [values[i] for i in train]
    p = fit_head(name, X[train], gold, classes, multi, settings).proba(X[test])
    clear = np.zeros(len(test), dtype=bool)
    if Xs is not None:
        ps = fit_head(name, Xs[train], gold, classes, multi, settings).proba(Xs[test])
        clear = sure(ps, settings["screen"])
        p[clear] = ps[clear]
    return p, clear


def screen_matrix(feats: Features, multi: bool, settings: dict):  # noqa: ANN201 - sparse matrix or None
    """The features a screen head reads, or None where there is no screen (categories, or screening off)."""
    if settings.get("screen") is None or multi:  # categories have no screen (screen.py)
        return None
    return feats.matrix(without_embedding(settings["weights"]))


def cross_validate(name: str, feats: Features, values: list, classes: list[str], multi: bool, settings: dict, seed: int) -> tuple[dict, dict | None]:
    """(the model's k-fold accuracy and macro-F1, the lexicon's on the same rows or None) for one label."""
    from sklearn.model_selection import KFold, StratifiedKFold

    n = len(values)
    strata = [v[0] if multi else v for v in values]
    smallest = min(strata.count(c) for c in set(strata))
    folds = max(2, min(FOLDS, smallest)) if smallest >= 2 else FOLDS
    splitter = StratifiedKFold(folds, shuffle=True, random_state=seed) if smallest >= 2 else KFold(folds, shuffle=True, random_state=seed)
    X, Xs = feats.matrix(settings["weights"]), screen_matrix(feats, multi, settings)
    predicted: list = [None] * n
    for train, test in splitter.split(np.zeros(n), strata):
        train_classes = classes if multi else sorted({values[i] for i in train}, key=classes.index)
        p, _ = held_out_proba(name, X, Xs, values, train, test, train_classes, multi, settings)  # scored as analyze answers
        if multi:
            for i, row in zip(test, choose_categories(p, settings["threshold"])):
                predicted[i] = [classes[j] for j in row]
        else:
            for i, j in zip(test, p.argmax(axis=1)):
                predicted[i] = train_classes[j]
    learned = {**scores(values, predicted, classes, multi), "folds": folds}
    lexicon = None
    if name in LEXICON_OF:
        answers = lexicon_answers(name, feats)
        lexicon = scores(values, answers, classes, multi)
    return learned, lexicon


def lexicon_answers(name: str, feats: Features) -> list[str]:
    """What the lexicons answered for label ``name`` on each row (from the lexicon feature block)."""
    start, names = LEXICON_OF[name]
    if name in ("churn_risk", "effort"):
        return [names[1] if v > 0 else names[0] for v in feats.lexicon[:, start]]
    block = feats.lexicon[:, start : start + len(names)]
    return [names[int(r.argmax())] if r.max() > 0 else "none" for r in block]


def scores(gold: list, predicted: list, classes: list[str], multi: bool) -> dict:
    from sklearn.metrics import f1_score

    if multi:
        G, P = indicator(gold, classes), indicator(predicted, classes)
        accuracy = float((G == P).all(axis=1).mean())
        return {"accuracy": round(accuracy, 4), "macro_f1": round(float(f1_score(G, P, average="macro", zero_division=0)), 4)}
    accuracy = sum(g == p for g, p in zip(gold, predicted)) / len(gold)
    f1 = f1_score(gold, predicted, labels=classes, average="macro", zero_division=0)
    return {"accuracy": round(accuracy, 4), "macro_f1": round(float(f1), 4)}


# -- files ------------------------------------------------------------------


def _savez(path: Path, arrays: dict[str, np.ndarray]) -> None:
    """np.savez_compressed with a fixed entry order and date, so the same arrays give the same bytes."""
    import zipfile

    with zipfile.ZipFile(path, "w", compression=zipfile.ZIP_DEFLATED) as z:
        for key in sorted(arrays):
            info = zipfile.ZipInfo(key + ".npy", date_time=(1980, 1, 1, 0, 0, 0))
            info.compress_type = zipfile.ZIP_DEFLATED
            with z.open(info, "w", force_zip64=True) as f:
                np.lib.format.write_array(f, np.ascontiguousarray(arrays[key]), allow_pickle=False)


def _sha256(path: Path) -> str:
    h = hashlib.sha256()
    with open(path, "rb") as f:
        for chunk in iter(lambda: f.read(1 << 20), b""):
            h.update(chunk)
    return h.hexdigest()


def labels_sha256(labels: dict[str, list]) -> str:
    text = json.dumps({k: [_cell(v) for v in vs] for k, vs in sorted(labels.items())}, ensure_ascii=False, separators=(",", ":"))
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def _cell(value) -> str:  # noqa: ANN001
    if value is None:
        return ""
    return ";".join(value) if isinstance(value, list) else value


def _uncell(text: str, multi: bool):  # noqa: ANN202
    if not text:
        return None
    return text.split(";") if multi else text


def _major(version: str) -> str:
    m = re.match(r"(\d+)", version)
    return m.group(1) if m else version

