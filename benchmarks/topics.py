"""Time and peak memory of `voc topics` on a synthetic multilingual export.

    uv run python benchmarks/topics.py --rows 20000
    uv run python benchmarks/topics.py --rows 5000 --assign 20000

With `--assign N`: a topic model is fitted on --rows comments, then N other
comments are analysed with it (`voc analyze --discover --topic-model DIR
--jobs 2`) and without discovery, to show what assigning with a saved model
costs per item (issue 13's target: 1,000 items/s).

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
    parser.add_argument("--assign", type=int, metavar="N", help="time assigning N more comments with a model fitted on --rows")
    args = parser.parse_args()
    if args.assign:
        assign(args.rows, args.assign)
        return
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


def assign(rows: int, n: int) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        fit, new, model = Path(tmp) / "fit.csv", Path(tmp) / "new.csv", Path(tmp) / "model"
        subprocess.run([sys.executable, str(HERE / "generate.py"), str(rows + n), str(new)], check=True, capture_output=True)
        frame = pl.read_csv(new, infer_schema=False)
        frame.head(rows).write_csv(fit)
        frame.tail(n).write_csv(new)
        chars = frame.tail(n).get_column("comment").str.len_chars().sum()
        subprocess.run([sys.executable, "-m", "voc", "topics", str(fit), "--text-col", "comment", "--model", str(model), "-o", str(Path(tmp) / "t"), "-q"],
                       check=True)  # fmt: skip
        print(f"assigning {n:,} comments (mean {chars / n:.0f} characters) with a model fitted on {rows:,}, --jobs 2")
        print("run	seconds	items/s	chars/s	peak_pss_mb")
        for name, extra in (("analyze", []), ("analyze --discover --topic-model", ["--discover", "--topic-model", str(model)])):
            cmd = [sys.executable, "-m", "voc", "analyze", str(new), "--text-col", "comment", "-o", str(Path(tmp) / "out.csv"), "--jobs", "2", "-q", *extra]
            seconds, _rss, pss = child_run(cmd)
            print(f"{name}\t{seconds:.1f}\t{n / seconds:.0f}\t{chars / seconds:.0f}\t{pss:.0f}", flush=True)


if __name__ == "__main__":
    main()
