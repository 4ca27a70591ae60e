"""Do `voc topics`' themes match what analysts see? AMI against hand-labelled aspects.

    uv run python benchmarks/topics_ami.py [--half check|tune|all] [--topics N|auto] [--eval ../shared/eval/dev] [--seed 42]

The dev sets in ../shared/eval/dev carry no aspects, so we labelled 550 rows of
four of them by reading each (benchmarks/labels/categories_<lang>.tsv: ids and
category names only; about nine complaint reasons or aspects per set, see
benchmarks/README.md). Here `voc topics` runs on those rows of each set, read
from the dev file at run time, and its topics are compared with the main
(first) labelled category of each row: adjusted mutual information (AMI,
0 = chance, 1 = the same partition), with outliers (-1) counted as one more
cluster, as an analyst sees them. Also: topics found and the outlier share.
Settings are chosen on the rows of the `tune` half (score.py's split by the
id's hash) and reported on the `check` half.
"""

from __future__ import annotations

import argparse
import io
import sys
import tempfile
from pathlib import Path

import polars as pl

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "benchmarks"))
from labelled import CATEGORY_SETS, categories  # noqa: E402


def main() -> None:
    from sklearn.metrics import adjusted_mutual_info_score

    from voc.core.console import Console
    from voc.read import FieldSpec
    from voc.topics import TopicsRequest, discover_topics

    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--eval", default=str(ROOT.parent / "shared" / "eval" / "dev"))
    parser.add_argument("--seed", type=int, default=42)
    parser.add_argument("--half", choices=["check", "tune", "all"], default="check")
    parser.add_argument("--topics", type=lambda v: v if v == "auto" else int(v), default=None, help="as voc topics --topics N|auto")
    args = parser.parse_args()
    print("set\trows\tgold aspects\ttopics\toutliers\tAMI")
    for lang, file in CATEGORY_SETS.items():
        gold = {row_id: names[0] for row_id, names in categories(lang, args.half).items()}
        rows = pl.read_csv(Path(args.eval) / file, infer_schema=False).filter(pl.col("id").is_in(list(gold))).select("id", "text")
        with tempfile.TemporaryDirectory() as tmp:
            src = Path(tmp) / "rows.csv"
            rows.write_csv(src)
            request = TopicsRequest([str(src)], str(Path(tmp) / "topics"), seed=args.seed, fields=FieldSpec(text=["text"], id="id"),
                                    nr_topics=args.topics)  # fmt: skip
            found = discover_topics(request, Console(quiet=True, stream=io.StringIO()))
        ids = [r["id"] for r in found.rows]
        truth = [gold[i] for i in ids]
        ami = adjusted_mutual_info_score(truth, found.assigned)
        topics = len(set(found.assigned) - {-1})
        outliers = sum(t == -1 for t in found.assigned) / len(ids)
        print(f"{lang}\t{len(ids)}\t{len(set(truth))}\t{topics}\t{outliers:.0%}\t{ami:.3f}", flush=True)


if __name__ == "__main__":
    main()
