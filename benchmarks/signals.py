"""Intent, emotion, churn risk and effort against the sets we wrote and labelled (benchmarks/signals/<lang>.tsv).

    uv run python benchmarks/signals.py                 # check half (even rows), every language
    uv run python benchmarks/signals.py --half tune     # the half rules may be tuned on (odd rows)
    uv run python benchmarks/signals.py --errors churn_risk --lang en --half tune   # the tune rows it gets wrong

Macro-F1 over the classes for intent and emotion; F1 of `true` (churn_risk) and
`high` (effort), the rare class an analyst acts on. Languages are detected as
in any run (no hint), so a misdetected row counts as a miss. See
signals/GUIDELINES.md for how the sets were written and labelled.
"""

from __future__ import annotations

import argparse
import csv
import sys
from pathlib import Path

import polars as pl

HERE = Path(__file__).resolve().parent / "signals"
SIGNALS = {"intent": None, "emotion": None, "churn_risk": "true", "effort": "high"}  # None: macro-F1
LANGS = ("en", "it", "pl", "ru")


def load(lang: str, half: str) -> list[dict]:
    with open(HERE / f"{lang}.tsv", encoding="utf-8", newline="") as f:
        rows = list(csv.DictReader(f, delimiter="\t", quoting=csv.QUOTE_NONE))
    keep = {"tune": 0, "check": 1}.get(half)
    return [r for i, r in enumerate(rows) if keep is None or i % 2 == keep]


def f1(gold: list[str], pred: list[str], positive: str | None) -> float:
    classes = [positive] if positive else sorted(set(gold))
    scores = []
    for c in classes:
        tp = sum(g == c and p == c for g, p in zip(gold, pred))
        fp = sum(g != c and p == c for g, p in zip(gold, pred))
        fn = sum(g == c and p != c for g, p in zip(gold, pred))
        scores.append(2 * tp / (2 * tp + fp + fn) if tp else 0.0)
    return sum(scores) / len(scores)


def predict(rows: list[dict]) -> pl.DataFrame:
    from voc.batch import Analyzer

    out = Analyzer(text_col="text")(pl.DataFrame({"text": [r["text"] for r in rows]}))
    return out.with_columns(pl.col("churn_risk").cast(pl.String).str.to_lowercase())


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--half", choices=("tune", "check", "all"), default="check")
    parser.add_argument("--lang", action="append", choices=LANGS)
    parser.add_argument("--errors", choices=tuple(SIGNALS), help="print the rows this signal gets wrong")
    args = parser.parse_args()
    print("lang\trows\t" + "\t".join(SIGNALS))
    for lang in args.lang or LANGS:
        rows = load(lang, args.half)
        out = predict(rows)
        figures = []
        for name, positive in SIGNALS.items():
            gold = [r[name] for r in rows]
            pred = [p or "" for p in out.get_column(name).to_list()]
            figures.append(f"{f1(gold, pred, positive):.3f}")
            if args.errors == name:
                evidence = out.get_column("evidence").to_list()
                for r, p, e in zip(rows, pred, evidence):
                    if r[name] != p:
                        print(f"  gold {r[name]} got {p}: {r['text'][:160]}  [{(e or '')[-100:]}]", file=sys.stderr)
        print(f"{lang}\t{len(rows)}\t" + "\t".join(figures))


if __name__ == "__main__":
    main()
