"""Throughput and peak memory of `voc analyze`, and the ratio to a bare polars read+write.

    uv run python benchmarks/analyze.py --rows 20000 [--rows 80000 ...] [--format parquet] [--pipeline language]

For each size it generates an export (benchmarks/generate.py), runs
`voc analyze` in a child process, and reports items/s, peak RSS of that child,
and how many times slower it is than polars reading and writing the same file
(the floor for any tool that streams a CSV). Flat memory means peak RSS does
not grow with --rows.
"""

from __future__ import annotations

import argparse
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent


def child_run(cmd: list[str]) -> tuple[float, float]:
    """Seconds and peak RSS (MB) of one child process."""
    # ru_maxrss of RUSAGE_CHILDREN is the largest child so far: run each measurement in a fresh wrapper.
    wrapper = [sys.executable, "-c", "import resource,subprocess,sys,time;t=time.perf_counter();"
               "r=subprocess.run(sys.argv[1:]);"
               "print(time.perf_counter()-t, resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss/1024);"
               "sys.exit(r.returncode)", *cmd]  # fmt: skip
    out = subprocess.run(wrapper, check=True, capture_output=True, text=True).stdout.split()
    return float(out[-2]), float(out[-1])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--rows", type=int, action="append", help="rows per run (repeatable); default 100000 and 400000")
    parser.add_argument("--format", default="csv", choices=["csv", "parquet", "jsonl"])
    parser.add_argument("--pipeline", default="default", help="pipeline name or path (default: the full analysis)")
    args = parser.parse_args()
    sizes = args.rows or [100_000, 400_000]
    print("rows\tseconds\titems_per_s\tpeak_rss_mb\tpolars_seconds\tratio")
    with tempfile.TemporaryDirectory() as tmp:
        for rows in sizes:
            src = Path(tmp) / f"in_{rows}.csv"
            out = Path(tmp) / f"out_{rows}.{args.format}"
            subprocess.run([sys.executable, str(HERE / "generate.py"), str(rows), str(src)], check=True)
            seconds, rss = child_run([sys.executable, "-m", "voc", "analyze", str(src), "--text-col", "comment", "--pipeline", args.pipeline, "-o", str(out), "--quiet"])
            base = Path(tmp) / f"base.{args.format}"
            writer = {"csv": "write_csv", "parquet": "write_parquet", "jsonl": "write_ndjson"}[args.format]
            polars_cmd = f"import polars as pl; getattr(pl.read_csv({str(src)!r}, infer_schema=False), {writer!r})({str(base)!r})"
            t = time.perf_counter()
            subprocess.run([sys.executable, "-c", polars_cmd], check=True)
            floor = time.perf_counter() - t
            print(f"{rows}\t{seconds:.1f}\t{rows / seconds:.0f}\t{rss:.0f}\t{floor:.2f}\t{seconds / floor:.1f}")


if __name__ == "__main__":
    main()
