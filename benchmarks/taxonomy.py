"""Do voc's taxonomy `topics` name the aspect an analyst sees? F1 against the aspects we labelled in four dev sets.

    uv run python benchmarks/taxonomy.py [--half check|tune|all] [--eval ../shared/eval/dev] [--errors CATEGORY --lang en]

benchmarks/labels/categories_<lang>.tsv hold the aspects we labelled by reading
550 rows of four dev sets (ids and names only); labels/aspect_topics.toml says
which taxonomy topics name each aspect. For every row, the aspects voc names are
those with a topic among the row's `topics`. A labelled aspect that some topic
names is a true positive, one that none names a false negative, and each topic
that names none of the row's aspects (on "other" rows too) a false positive: a
topic that may name several aspects (comfort: room, facilities, noise) counts
once, right or wrong. Rows of the `tune` half to
change lexicons on, the `check` half for the figures.
"""

from __future__ import annotations

import argparse
import sys
import tomllib
from pathlib import Path

import polars as pl

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "benchmarks"))
from labelled import CATEGORY_SETS, LABELS, categories  # noqa: E402


def main() -> None:
    from voc.batch import Analyzer

    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--eval", default=str(ROOT.parent / "shared" / "eval" / "dev"))
    parser.add_argument("--half", choices=["check", "tune", "all"], default="check")
    parser.add_argument("--lang", action="append", choices=list(CATEGORY_SETS))
    parser.add_argument("--errors", help="print the rows where this aspect is missed or named wrongly")
    args = parser.parse_args()
    names = tomllib.loads((LABELS / "aspect_topics.toml").read_text(encoding="utf-8"))
    print("set\trows\tprecision\trecall\tF1")
    for lang in args.lang or CATEGORY_SETS:
        gold = categories(lang, args.half)
        rows = pl.read_csv(Path(args.eval) / CATEGORY_SETS[lang], infer_schema=False).filter(pl.col("id").is_in(list(gold)))
        out = Analyzer(text_col="text", id_col="id")(rows.select("id", "text"))
        tp = fp = fn = 0
        for row_id, text, topics in zip(out["id"], out["text"], out["topics"].to_list()):
            truth = {c for c in gold[row_id] if c in names[lang]}
            named, wrong = set(), 0
            for topic in topics or []:
                # A topic may name several aspects (comfort: the room, the facilities, the noise); it names
                # the row's own aspect if that is among them, else it is one wrong answer, not several.
                right = {c for c in truth if topic in names[lang][c]}
                named |= right
                wrong += not right
            tp, fp, fn = tp + len(named), fp + wrong, fn + len(truth - named)
            if args.errors and (args.errors in truth - named or (wrong and args.errors not in truth)):
                print(f"  gold {sorted(truth)} named {sorted(named)} topics {topics}: {text[:140]}", file=sys.stderr)
        p, r = tp / max(tp + fp, 1), tp / max(tp + fn, 1)
        print(f"{lang}\t{len(gold)}\t{p:.3f}\t{r:.3f}\t{2 * p * r / max(p + r, 1e-9):.3f}", flush=True)


if __name__ == "__main__":
    main()
