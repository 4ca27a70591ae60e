"""Time and peak memory of `voc topics` on a synthetic multilingual export.

    uv run python benchmarks/topics.py --rows 20000

Target (issue 4): 20,000 comments in under 2 minutes and under 4 GB peak RSS on
two cores. Also reports the share of topics whose members span two or more
languages (at least 5% of the topic's comments in each).
"""

from __future__ import annotations

import argparse
import subprocess
import sys
import tempfile
from pathlib import Path

import polars as pl

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
from analyze import child_run  # noqa: E402


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--rows", type=int, default=20_000)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        src, out = Path(tmp) / "in.csv", Path(tmp) / "topics"
        subprocess.run([sys.executable, str(HERE / "generate.py"), str(args.rows), str(src)], check=True)
        seconds, rss, _pss = child_run([sys.executable, "-m", "voc", "topics", str(src), "--text-col", "comment", "-o", str(out), "-q"])
        topics = pl.read_csv(out / "topics.csv").filter(pl.col("topic") >= 0)
        spans = []
        for languages, size in zip(topics["languages"].to_list(), topics["size"].to_list()):
            counts = [int(part.split(":")[1]) for part in languages.split()]
            spans.append(sum(c >= 0.05 * size for c in counts) >= 2)
        share = sum(spans) / max(len(spans), 1)
        print("rows\tseconds\titems_per_s\tpeak_rss_mb\ttopics\tmultilingual_share")
        print(f"{args.rows}\t{seconds:.1f}\t{args.rows / seconds:.0f}\t{rss:.0f}\t{len(spans)}\t{share:.2f}")


if __name__ == "__main__":
    main()
