"""Throughput and peak memory of `voc analyze`, and the ratio to a bare polars read+write.

    uv run python benchmarks/analyze.py --rows 20000 [--rows 80000 ...] [--format parquet] [--pipeline language] [--jobs 1 --jobs 2]

For each size it generates an export (benchmarks/generate.py), runs
`voc analyze` in a child process, and reports items/s, the peak memory of that
child and its workers (RSS summed, and PSS summed: see child_run), and how
many times slower it is than polars reading and writing the same file (the
floor for any tool that streams a CSV). Flat memory means the peak does not
grow with --rows.
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


def child_run(cmd: list[str]) -> tuple[float, float, float]:
    """Seconds, and peak memory (MB) of one child process and its workers together: (RSS, PSS).

    Both are sampled from /proc every 0.1 s (the peak of a sum is in no rusage
    field). The RSS sum counts every shared page once per process (libraries,
    the interpreter), so it overstates a process tree; PSS shares each such page
    among the processes that map it, so its sum is what the tree really holds.
    Without /proc it falls back to the largest single process's RSS.
    """
    start = time.perf_counter()
    child = subprocess.Popen(cmd, stdout=subprocess.DEVNULL)
    peak_rss = peak_pss = 0.0
    while child.poll() is None:
        rss, pss = _tree_memory_mb(child.pid)
        peak_rss, peak_pss = max(peak_rss, rss), max(peak_pss, pss)
        time.sleep(0.1)
    seconds = time.perf_counter() - start
    if child.returncode:
        raise subprocess.CalledProcessError(child.returncode, cmd)
    largest = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    return seconds, peak_rss or largest, peak_pss or largest


def _tree_memory_mb(pid: int) -> tuple[float, float]:
    rss = pss = 0.0
    todo = [pid]
    while todo:
        p = todo.pop()
        try:
            for line in Path(f"/proc/{p}/smaps_rollup").read_text().splitlines():
                if line.startswith("Rss:"):
                    rss += int(line.split()[1]) / 1024
                elif line.startswith("Pss:"):
                    pss += int(line.split()[1]) / 1024
            for task in Path(f"/proc/{p}/task").iterdir():
                todo += [int(c) for c in (task / "children").read_text().split()]
        except (OSError, ValueError):
            continue  # gone between two reads
    return rss, pss


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--rows", type=int, action="append", help="rows per run (repeatable); default 100000 and 400000")
    parser.add_argument("--format", default="csv", choices=["csv", "parquet", "jsonl"])
    parser.add_argument("--pipeline", default="default", help="pipeline name or path (default: the full analysis)")
    parser.add_argument("--jobs", type=int, action="append", help="worker processes per run (repeatable); default 1")
    parser.add_argument("--length", type=int, help="every comment about this many characters (default: real lengths)")
    args = parser.parse_args()
    sizes = args.rows or [100_000, 400_000]
    print("rows\tjobs\tmean_chars\tseconds\titems_per_s\tchars_per_s\tpeak_rss_mb\tpeak_pss_mb\tpolars_seconds\tratio")
    with tempfile.TemporaryDirectory() as tmp:
        results: list[tuple[int, int, float, float, float]] = []
        for rows in sizes:
            src = Path(tmp) / f"in_{rows}.csv"
            out = Path(tmp) / f"out_{rows}.{args.format}"
            subprocess.run([sys.executable, str(HERE / "generate.py"), str(rows), str(src), *([str(args.length)] if args.length else [])], check=True)
            chars = _characters(src)
            for jobs in args.jobs or [1]:
                seconds, rss, pss = child_run([sys.executable, "-m", "voc", "analyze", str(src), "--text-col", "comment", "--pipeline",
                                          args.pipeline, "-o", str(out), "--jobs", str(jobs), "--quiet"])  # fmt: skip
                results.append((rows, jobs, seconds, rss, pss))
            base = Path(tmp) / f"base.{args.format}"
            writer = {"csv": "write_csv", "parquet": "write_parquet", "jsonl": "write_ndjson"}[args.format]
            polars_cmd = f"import polars as pl; getattr(pl.read_csv({str(src)!r}, infer_schema=False), {writer!r})({str(base)!r})"
            t = time.perf_counter()
            subprocess.run([sys.executable, "-c", polars_cmd], check=True)
            floor = time.perf_counter() - t
            for rows_, jobs, seconds, rss, pss in results:
                print(f"{rows_}\t{jobs}\t{chars / rows_:.0f}\t{seconds:.1f}\t{rows_ / seconds:.0f}\t{chars / seconds:.0f}\t{rss:.0f}\t{pss:.0f}\t{floor:.2f}\t{seconds / floor:.1f}", flush=True)
            results.clear()


def _characters(path: Path) -> int:
    import polars as pl

    return int(pl.scan_csv(path, infer_schema=False).select(pl.col("comment").str.len_chars().sum()).collect().item() or 0)


if __name__ == "__main__":
    main()
