"""Do 200 rows picked by `voc sample` teach `voc learn` more than 200 random rows?

    uv run python benchmarks/sample.py                      # airline tweets, Polish reviews, a mixed export; 3 seeds
    uv run python benchmarks/sample.py --sets ru_bank_telecom_tweets --seeds 5 --n 400
    uv run python benchmarks/sample.py --half tune          # where voc sample's settings are chosen
    uv run python benchmarks/sample.py --sets mixed         # a four-language export, mostly English
    uv run python benchmarks/sample.py --quick --seeds 10   # choice and training in this process: minutes, not an hour

Only one half of each dev set's rows is used (score.py's split by the id's
hash): `--half tune` to choose voc sample's settings, `--half check` (the
default) for the figures reported. That half is split once (fixed seed) into a pool of
unlabelled rows and held-out test rows. Per seed, `voc sample` chooses N rows
of the pool (reading only their text, as a user's export) and N rows are drawn
at random; `voc learn` trains a sentiment model on the gold labels of each
choice (the way a user would label them), and both models are scored on the
same held-out rows: macro-F1 of sentiment, next to the lexicons' own. A third
choice spends the same budget in two rounds: half at random, `voc learn`, then
the other half by `voc sample --model` (where that model is least sure). Training
on the dev sets' labels happens here only; no model is kept.

`mixed` is an export in four languages, most of it English, as a European
company's feedback often is: the pool holds every airline tweet of the half
left after the test rows, and 300 Italian hotel, 200 Polish review and 120
Russian bank sentences; the test rows are 150 of each set, and the figure is the
mean of the four languages' macro-F1 (each language's analysts need their own
rows labelled right).
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from pathlib import Path

import numpy as np
import polars as pl

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "benchmarks"))
from labelled import in_half  # noqa: E402
DEV = ROOT.parent / "shared" / "eval" / "dev"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sets", nargs="+", default=["en_airline_tweets", "pl_polemo_sentences", "mixed"])
    parser.add_argument("--n", type=int, default=200, help="rows labelled per choice")
    parser.add_argument("--seeds", type=int, default=3, help="repetitions (each a new sample and a new random draw)")
    parser.add_argument("--test", type=int, default=500, help="held-out rows per set")
    parser.add_argument("--half", choices=["tune", "check"], default="check", help="the half of each set's rows to use")
    parser.add_argument("--quick", action="store_true", help="choose and train in this process (see run_set_quick); no two-rounds choice")
    args = parser.parse_args()
    if args.quick:
        print("set\tseed\trandom\tvoc sample")
        for name in args.sets:
            rand, picked = run_set_quick(name, args.n, args.seeds, args.test, args.half)
            print(f"{name}\tmean\t{_ms(rand)}\t{_ms(picked)}\tgain {statistics.mean(picked) - statistics.mean(rand):+.3f}", flush=True)
        return
    print("set\tseed\tchoice\tmacro_f1\tlexicon_f1\tclasses_chosen\tseconds")
    summary = []
    for name in args.sets:
        summary.append(run_set(name, args.n, args.seeds, args.test, args.half))
    print("\nset\tlexicon\trandom (mean ± sd)\tvoc sample (mean ± sd)\tgain\thalf random, half voc sample --model\tgain")
    for name, lexicon, rand, picked, rounds in summary:
        gain, gain2 = statistics.mean(picked) - statistics.mean(rand), statistics.mean(rounds) - statistics.mean(rand)
        print(f"{name}\t{lexicon:.3f}\t{_ms(rand)}\t{_ms(picked)}\t{gain:+.3f}\t{_ms(rounds)}\t{gain2:+.3f}")


MIXED = {"en_airline_tweets": None, "it_hotel_sentences": 300, "pl_polemo_sentences": 200, "ru_bank_telecom_tweets": 120}
MIXED_TEST = 150  # test rows per language


def _rows(name: str, half: str) -> pl.DataFrame:
    data = pl.read_csv(DEV / f"{name}.csv", infer_schema=False).filter(pl.col("sentiment").is_not_null())
    data = data.with_columns(pl.col("id").cast(pl.String)).unique("id", keep="first", maintain_order=True)
    data = data.filter(pl.col("id").map_elements(lambda x: in_half(x, half), return_dtype=pl.Boolean))
    return data.select("id", "text", "sentiment").with_columns(pl.lit(name[:2]).alias("set"))


def _split(name: str, n_test: int, half: str) -> tuple[pl.DataFrame, pl.DataFrame]:
    """(test rows, pool rows) of a set, or of the mixed export (ids prefixed by their set's language)."""
    if name != "mixed":
        data = _rows(name, half)
        order = np.random.default_rng(0).permutation(data.height)
        return data[order[:n_test].tolist()], data[order[n_test:].tolist()]
    tests, pools = [], []
    for file, size in MIXED.items():
        data = _rows(file, half).with_columns(pl.concat_str([pl.col("set"), pl.col("id")], separator="_").alias("id"))
        order = np.random.default_rng(0).permutation(data.height).tolist()
        tests.append(data[order[:MIXED_TEST]])
        pools.append(data[order[MIXED_TEST:][:size]])
    return pl.concat(tests), pl.concat(pools)


def run_set(name: str, n: int, seeds: int, n_test: int, half: str) -> tuple[str, float, list[float], list[float]]:
    test, pool = _split(name, n_test, half)
    test_work, test_feats = _analysed(test)
    groups = test["set"].to_list()

    def _macro_f1(gold: list, predicted: list) -> float:  # the mean over the languages of a mixed export
        return statistics.mean(
            _f1([g for g, s in zip(gold, groups) if s == lang], [p for p, s in zip(predicted, groups) if s == lang]) for lang in sorted(set(groups))
        )

    lexicon = _macro_f1(test["sentiment"].to_list(), test_work["sentiment"].to_list())
    rand, picked, rounds = [], [], []
    with tempfile.TemporaryDirectory() as tmp:
        tmp = Path(tmp)
        pool_csv = tmp / "pool.csv"
        pool.select("id", "text").write_csv(pool_csv)
        for seed in range(seeds):
            random_ids = pool["id"].to_list()
            random_ids = [random_ids[i] for i in np.random.default_rng(1000 + seed).choice(len(random_ids), n, replace=False)]
            started = time.perf_counter()
            sample_ids = _voc_sample(pool_csv, tmp / f"to_label_{seed}.xlsx", n, seed)
            sampling = time.perf_counter() - started
            started = time.perf_counter()
            rounds_ids = _two_rounds(pool, pool_csv, tmp, n, seed, random_ids)
            two_rounds = time.perf_counter() - started
            choices = (("random", random_ids, 0.0), ("voc sample", sample_ids, sampling), ("2 rounds", rounds_ids, two_rounds))
            for choice, ids, extra in choices:
                started = time.perf_counter()
                chosen = pool.filter(pl.col("id").is_in(ids))
                model = _learn(chosen, tmp / f"{choice.replace(' ', '_')}_{seed}")
                predicted = model.predict(test_work, test_feats)["sentiment"].classes
                f1 = _macro_f1(test["sentiment"].to_list(), predicted)
                {"random": rand, "voc sample": picked, "2 rounds": rounds}[choice].append(f1)
                counts = dict(sorted(chosen["sentiment"].value_counts().iter_rows()))
                seconds = time.perf_counter() - started + extra
                print(f"{name}\t{seed}\t{choice}\t{f1:.3f}\t{lexicon:.3f}\t{counts}\t{seconds:.0f}", flush=True)
    return name, lexicon, rand, picked, rounds


def run_set_quick(name: str, n: int, seeds: int, n_test: int, half: str) -> tuple[list[float], list[float]]:
    """The same comparison without the commands around it: the pool is analysed and embedded once, voc sample's
    choice (voc.learn.sample.choose, on the rows `voc sample` would find usable) and voc learn's fitting
    (voc.learn.train.fit, which also decides "keep lexicon") run on those features. Same rows, same models,
    ten times faster, so that ten seeds fit in minutes."""
    from voc.core.console import Console
    from voc.learn import sample as recipe
    from voc.learn.sampler import _KEEP, _candidates
    from voc.learn.train import default_settings, fit

    test, pool = _split(name, n_test, half)
    test_work, test_feats = _analysed(test)
    pool_work, pool_feats = _analysed(pool)
    groups, gold, test_gold = test["set"].to_list(), pool["sentiment"].to_list(), test["sentiment"].to_list()
    candidates = _candidates(pool_work.select([c for c in _KEEP if c in pool_work.columns]))
    usable = recipe.usable(candidates).rows
    where = {c.id: i for i, c in enumerate(candidates)}
    index = np.array([where[c.id] for c in usable])
    rand, picked = [], []
    for seed in range(seeds):
        scores = []
        for rows in (np.random.default_rng(1000 + seed).choice(pool.height, n, replace=False).tolist(),
                     [int(index[i]) for i in recipe.choose(usable, pool_feats.embedding[index], n, seed)]):  # fmt: skip
            settings = default_settings()
            model = fit(pool_feats.take(rows), {"sentiment": [gold[i] for i in rows]}, settings, 42, Console(quiet=True))
            model.meta["settings"] = settings
            predicted = model.predict(test_work, test_feats)["sentiment"].classes
            scores.append(statistics.mean(
                _f1([g for g, s in zip(test_gold, groups) if s == lang], [p for p, s in zip(predicted, groups) if s == lang])
                for lang in sorted(set(groups))
            ))  # fmt: skip
        rand.append(scores[0])
        picked.append(scores[1])
        print(f"{name}\t{seed}\t{scores[0]:.3f}\t{scores[1]:.3f}", flush=True)
    return rand, picked


def _two_rounds(pool: pl.DataFrame, pool_csv: Path, tmp: Path, n: int, seed: int, random_ids: list[str]) -> list[str]:
    """The same budget in two rounds, as `voc sample --model` is meant to be used: half at random, learn,
    then the other half where that model is least sure (the rows labelled already left out)."""
    first = random_ids[: n // 2]
    model_dir = tmp / f"round1_{seed}"
    _learn(pool.filter(pl.col("id").is_in(first)), model_dir)
    rest_csv = tmp / f"rest_{seed}.csv"
    pool.filter(~pl.col("id").is_in(first)).select("id", "text").write_csv(rest_csv)
    return first + _voc_sample(rest_csv, tmp / f"round2_{seed}.xlsx", n - len(first), seed, model=model_dir)


def _voc_sample(pool_csv: Path, out: Path, n: int, seed: int, model: Path | None = None) -> list[str]:
    from voc.core.console import Console
    from voc.learn.sampler import SampleRequest, sample_rows
    from voc.read import FieldSpec

    request = SampleRequest([str(pool_csv)], str(out), n=n, seed=seed, model=str(model) if model else None,
                            fields=FieldSpec(text=["text"], id="id"))  # fmt: skip
    return sample_rows(request, Console(quiet=True, stream=sys.stderr)).chosen


def _learn(rows: pl.DataFrame, folder: Path):  # noqa: ANN202 - LearnedModel
    from voc.core.console import Console
    from voc.learn.labels import LabelSpec
    from voc.learn.train import LearnRequest, learn
    from voc.read import FieldSpec

    labelled = folder.with_suffix(".csv")
    rows.select("id", "text", "sentiment").write_csv(labelled)
    request = LearnRequest([str(labelled)], str(folder), LabelSpec(sentiment="sentiment"), fields=FieldSpec(text=["text"], id="id"))
    return learn(request, Console(quiet=True))


def _analysed(frame: pl.DataFrame):  # noqa: ANN202 - (working frame, Features)
    """The held-out rows as voc analyses them, and their model features (computed once, for every model)."""
    from voc.batch import MemorySource, Plan
    from voc.core.console import Console
    from voc.core.pipeline import load_pipeline
    from voc.learn.features import features
    from voc.read import FieldSpec
    from voc.read.source import Batch

    rows = frame.select("id", "text")
    plan = Plan(FieldSpec(text=["text"], id="id"), rows.columns, load_pipeline("default"), Console(quiet=True))
    work = plan.work(Batch(MemorySource("test", rows), rows, 1))
    return work, features(work)


def _f1(gold: list, predicted: list) -> float:
    from sklearn.metrics import f1_score

    classes = ["negative", "neutral", "positive"]
    return float(f1_score(gold, [p or "neutral" for p in predicted], labels=classes, average="macro", zero_division=0))


def _ms(values: list[float]) -> str:
    sd = statistics.stdev(values) if len(values) > 1 else 0.0
    return f"{statistics.mean(values):.3f} ± {sd:.3f}"


if __name__ == "__main__":
    main()
