"""Start-up of `voc analyze` on a small export: how long a 30-row run takes, cold and warm.

A user who analyses a 30-row survey waits for the models, not for the rows. This
runs the CLI in a child process (as a user would) on each sample export, first
with an empty start-up cache (a first run, or after an upgrade), then again with
the cache filled, and prints seconds per run as a tab-separated table.

    uv run python benchmarks/startup.py [--repeat 3]
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SAMPLES = ["it_survey_nps.csv", "pl_helpdesk_tickets_cp1250.csv", "ru_reviews.jsonl", "en_feedback_mixed.csv"]


def run(sample: str, cache: Path) -> float:
    env = {**os.environ, "VOC_CACHE_DIR": str(cache), "VOC_JOBS": "1"}
    start = time.perf_counter()
    subprocess.run(
        [sys.executable, "-m", "voc", "analyze", str(ROOT / "sample_data" / sample), "-o", os.devnull, "-q"],
        env=env, check=True, stdout=subprocess.DEVNULL,
    )  # fmt: skip
    return time.perf_counter() - start


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    print("sample\trows\tcold s (median)\twarm s (median)")
    for sample in SAMPLES:
        rows = sum(1 for _ in open(ROOT / "sample_data" / sample, "rb")) - (0 if sample.endswith(".jsonl") else 1)
        cold, warm = [], []
        for _ in range(args.repeat):
            with tempfile.TemporaryDirectory() as cache:
                cold.append(run(sample, Path(cache)))
                warm.append(run(sample, Path(cache)))
        print(f"{sample}\t~{rows}\t{statistics.median(cold):.1f}\t{statistics.median(warm):.1f}")


if __name__ == "__main__":
    main()
