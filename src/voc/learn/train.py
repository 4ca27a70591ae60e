"""`voc learn` on one page: read labelled rows, analyse them, fit, report, write the model folder (learn step).

The labelled rows go through voc's own pipeline (the same as `voc analyze`),
so the lexicons' answers are features of the model and the yardstick it must
beat. With `--from`, the earlier model's stored training rows (features and
labels, no text) join the new ones; a row labelled again (the same text,
recognised by its n-gram counts) takes its new labels.

The model folder is built in a temporary folder beside the target and renamed
into place, so a failed run leaves any earlier model as it was.
"""

from __future__ import annotations

import hashlib
import os
import shutil
import tempfile
from dataclasses import dataclass, field
from datetime import datetime, timezone
from pathlib import Path

import numpy as np

from voc.core import columns as C
from voc.core.console import Console
from voc.core.errors import UsageError
from voc.core.pipeline import load_pipeline
from voc.learn.features import SETTINGS as FEATURE_SETTINGS, Features, features
from voc.learn.labels import Labels, LabelReader, LabelSpec, check
from voc.learn.screen import CONFIDENCE as SCREEN
from voc.learn.model import (
    C_REG, CLASS_WEIGHT, FORMAT, FORMAT_VERSION, THRESHOLD, WEIGHTS,
    LearnedModel, cross_validate, fit_head, labels_sha256, screen_matrix,
)  # fmt: skip
from voc.read import FieldSpec, open_inputs
from voc.read.rejects import report_rejects
from voc.read.source import ReadOptions, private_workdir

ORDER = ("sentiment", "scope", "categories", "intent", "emotion", "churn_risk", "effort")


@dataclass
class LearnRequest:
    inputs: list[str]
    output: str
    labels: LabelSpec
    fields: FieldSpec = field(default_factory=FieldSpec)
    read: ReadOptions = field(default_factory=ReadOptions)
    pipeline: str = "default"
    language: str | None = None
    lexicons: str | None = None
    seed: int = 42
    earlier: str | None = None  # --from MODEL_DIR
    batch_size: int = 5000
    settings: dict | None = None  # fitting settings (benchmarks try others); None: the defaults in model.py


def default_settings() -> dict:
    return {"weights": dict(WEIGHTS), "C": C_REG, "class_weight": CLASS_WEIGHT, "threshold": THRESHOLD, "screen": SCREEN}


def learn(request: LearnRequest, console: Console) -> LearnedModel:
    from voc.batch import Plan, stage_overrides

    target = Path(request.output)
    if target.exists() and not (target / "model.json").is_file():
        raise UsageError(f"-o {request.output} exists and is not a voc model folder: name a new folder (an old model is replaced)")
    earlier = LearnedModel.load(request.earlier) if request.earlier else None
    pipeline = load_pipeline(request.pipeline, stage_overrides(request.language, request.lexicons))
    with private_workdir() as workdir:
        table = open_inputs(request.inputs, request.read, Path(workdir))
        # Columns named like voc's output would be "renamed" with a warning; learn writes no rows, so no clash.
        given = {*request.fields.text, request.fields.id}
        columns = [c for c in table.columns if c in given or c not in C.OUTPUT]
        plan = Plan(request.fields, columns, pipeline, console, sources=table.sources)
        reader = LabelReader(request.labels, table.columns, console)
        parts = []
        for batch in table.batches(request.batch_size):
            reader.add(batch.frame)  # first: a bad label stops the run before the batch is analysed
            parts.append(features(plan.work(batch)))
    labels = {lab.name: lab for lab in reader.labels()}
    feats = Features.concat(parts)
    keep = [i for i in range(len(feats)) if any(lab.values[i] is not None for lab in labels.values())]
    feats = feats.take(keep)
    values = {name: [lab.values[i] for i in keep] for name, lab in labels.items()}
    if earlier is not None:
        feats, values = _merge(earlier, feats, values, console)
    for name in values:
        column = labels[name].column if name in labels else f"(from {request.earlier})"
        check(Labels(name, column, values[name], multi=name == "categories"))
    settings = request.settings or default_settings()
    model = fit(feats, values, settings, request.seed, console)
    model.meta.update(_provenance(request, earlier, values, settings))
    model.meta["labels"] = {name: head.info | {"column": labels[name].column if name in labels else None} for name, head in model.heads.items()}
    _write(model, target)
    report_rejects(table.sources, request.output, console)  # --on-bad-lines skip: once the model folder is whole
    return model


def fit(feats: Features, values: dict[str, list], settings: dict, seed: int, console: Console) -> LearnedModel:
    """Cross-validate and fit every label; decide per label whether the model beats the lexicon."""
    X = feats.matrix(settings["weights"])
    screens = {multi: screen_matrix(feats, multi, settings) for multi in (False, True)}  # once, not per label
    heads = {}
    for name in sorted(values, key=ORDER.index):
        rows = [i for i, v in enumerate(values[name]) if v is not None]
        gold = [values[name][i] for i in rows]
        multi = name == "categories"
        lab = Labels(name, name, gold, multi=multi)
        classes = lab.classes
        counts = {c: sum(c in g if multi else c == g for g in gold) for c in classes}
        for c, n in counts.items():
            if n < 5:
                console.warn(f"{name} class {c!r} has only {n} labelled row(s): it is learned poorly and its figures are unreliable; label more")
        cv, lexicon = cross_validate(name, feats.take(rows), gold, classes, multi, settings, seed)
        head = fit_head(name, X[rows], gold, classes, multi, settings)
        if screens[multi] is not None:
            head.screen = fit_head(name, screens[multi][rows], gold, classes, multi, settings)
        decision = "learned"
        if lexicon is not None and cv["macro_f1"] <= lexicon["macro_f1"]:
            decision = "keep lexicon"
            console.warn(
                f"{name}: the learned model (macro-F1 {cv['macro_f1']:.3f}) is not better than the lexicons "
                f"({lexicon['macro_f1']:.3f}) on these rows; --model keeps the lexicons' {name} (label more rows to change that)"
            )
        head.info = {"rows": len(rows), "classes": classes, "counts": counts, "cv": cv, "lexicon_cv": lexicon, "decision": decision}
        heads[name] = head
    return LearnedModel(heads, {}, (feats, values))


def report(model: LearnedModel) -> str:
    """The table `voc learn` prints: one line per label."""
    lines = [f"{'label':<11}{'rows':>6}  {'classes':<8}{'CV accuracy':>12}{'macro-F1':>10}{'lexicons':>10}  decision"]
    for name, head in model.heads.items():
        info, lex = head.info, head.info["lexicon_cv"]
        lexicon = f"{lex['macro_f1']:.3f}" if lex else "-"
        lines.append(
            f"{name:<11}{info['rows']:>6}  {len(head.classes):<8}{info['cv']['accuracy']:>12.3f}"
            f"{info['cv']['macro_f1']:>10.3f}{lexicon:>10}  {info['decision']}"
        )
    lines.append(f"({model.heads[next(iter(model.heads))].info['cv']['folds']}-fold cross-validated; lexicons: voc without a model, on the same rows)")
    return "\n".join(lines)


def _merge(earlier: LearnedModel, feats: Features, values: dict[str, list], console: Console) -> tuple[Features, dict[str, list]]:
    """The earlier model's training rows, then the new ones; a row labelled again takes its new labels."""
    old_feats, old_values = earlier.training
    names = sorted({*old_values, *values}, key=ORDER.index)
    n_old = len(old_feats)
    merged = {name: list(old_values.get(name, [None] * n_old)) for name in names}
    where = {_key(old_feats, i): i for i in range(n_old)}
    fresh, relabelled = [], 0
    for i in range(len(feats)):
        j = where.get(_key(feats, i))
        if j is None:
            fresh.append(i)
            for name in names:
                merged[name].append(values.get(name, [None] * len(feats))[i])
            continue
        relabelled += 1
        for name in values:
            if values[name][i] is not None:
                merged[name][j] = values[name][i]
    if relabelled:
        console.warn(f"{relabelled} row(s) were in the earlier model's labels already; their new labels replace the old")
    return Features.concat([old_feats, feats.take(fresh)]), merged


def _key(feats: Features, row: int) -> bytes:
    """Which text a row had, told by its n-gram counts: exact integers, where the embedding's last
    digits vary with the batch it was computed in."""
    grams = feats.ngrams
    start, end = grams.indptr[row], grams.indptr[row + 1]
    return hashlib.sha256(grams.indices[start:end].astype(np.int32).tobytes() + grams.data[start:end].astype(np.uint16).tobytes()).digest()


def _provenance(request: LearnRequest, earlier: LearnedModel | None, values: dict[str, list], settings: dict) -> dict:
    from voc import __version__

    return {
        "format": FORMAT,
        "format_version": FORMAT_VERSION,
        "voc_version": __version__,
        "trained": _date(request, earlier),
        "seed": request.seed,
        "labels_sha256": labels_sha256(values),
        "training_rows": len(next(iter(values.values()))),
        "features": FEATURE_SETTINGS,
        "settings": settings,
        "pipeline": request.pipeline,
        "continued_from": earlier.meta.get("labels_sha256") if earlier else None,
    }


def _date(request: LearnRequest, earlier: LearnedModel | None) -> str:
    """The labels' date, not the clock's, so the same labels give the same bytes: SOURCE_DATE_EPOCH if set,
    else the newest input file's modification time (standard input: today)."""
    if os.environ.get("SOURCE_DATE_EPOCH"):
        stamp = float(os.environ["SOURCE_DATE_EPOCH"])
    else:
        files = [Path(p) for p in request.inputs if p != "-"]
        stamp = max((p.stat().st_mtime for p in files), default=None)
        if stamp is None:
            return datetime.now(timezone.utc).date().isoformat()
    date = datetime.fromtimestamp(stamp, timezone.utc).isoformat(timespec="seconds")
    return max(date, earlier.meta.get("trained", "")) if earlier else date


def _write(model: LearnedModel, target: Path) -> None:
    """Build in a temporary folder beside the target, then swap it into place."""
    parent = target.resolve().parent
    parent.mkdir(parents=True, exist_ok=True)
    building = Path(tempfile.mkdtemp(prefix=f".{target.name}-", dir=parent))
    try:
        model.save(building)
        os.chmod(building, 0o755)
        if target.exists():
            old = Path(tempfile.mkdtemp(prefix=f".{target.name}-old-", dir=parent))
            os.replace(target, old / "model")
            os.replace(building, target)
            shutil.rmtree(old, ignore_errors=True)
        else:
            os.replace(building, target)
    except BaseException:
        shutil.rmtree(building, ignore_errors=True)
        raise
