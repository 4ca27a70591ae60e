"""Time and peak memory of `voc report` over a large history store.

    uv run python benchmarks/report.py [--rows 1000000] [--weeks 52] [--store /tmp/voc-history]

Fills a store with ``--rows`` analysed rows spread over ``--weeks`` ISO weeks
(rows are synthetic analysis results: languages, sentiments, scopes, topics
with clause sentiments, NPS scores on a third of them, comment texts of
realistic length, and one topic that surges in the last week), then runs
`voc report` on the last week in a child process and reports its wall time
and peak RSS. The store is kept when --store is given, so runs can repeat.
Target (issue 5): 1,000,000 rows over 52 weeks in under 30 s and 2 GB.
"""

from __future__ import annotations

import argparse
import datetime as dt
import sys
import tempfile
from pathlib import Path

import numpy as np
import polars as pl

sys.path.insert(0, str(Path(__file__).resolve().parent))
from analyze import child_run  # noqa: E402

TOPICS = ["delivery", "wait_time", "staff_attitude", "website_app", "price_value", "fees_billing", "product_quality",
          "contact_channels", "complaint_handling", "loyalty", "ordering_payment", "technical_support"]  # fmt: skip
SENTIMENTS = ["negative", "neutral", "positive"]
SCOPES = ["service", "experience", "both", "none"]
WORDS = ("parcel late agent lovely app crash price fee refund waited hour nobody called back store staff helpful "
         "order wrong invoice broken screen delivery courier chat bot website login password points card").split()  # fmt: skip


def fill(store_path: Path, rows: int, weeks: int, seed: int = 7) -> None:
    from voc.core import columns as C
    from voc.report.store import Store

    rng = np.random.default_rng(seed)
    store = Store(store_path)
    last = dt.date(2026, 11, 16)
    per_week = rows // weeks
    for w in range(weeks):
        monday = last - dt.timedelta(days=7 * (weeks - 1 - w))
        n = per_week + (rows - per_week * weeks if w == weeks - 1 else 0)
        surge = w == weeks - 1
        weights = np.ones(len(TOPICS))
        if surge:
            weights[TOPICS.index("fees_billing")] = 4.0
        weights /= weights.sum()
        k = rng.integers(0, 3, n)
        picks = [list(dict.fromkeys(rng.choice(TOPICS, size=j, p=weights))) for j in k]
        sent = rng.choice(SENTIMENTS, n, p=[0.4, 0.25, 0.35])
        score = np.where(rng.random(n) < 0.33, rng.integers(0, 11, n), -1)
        lengths = rng.integers(6, 40, n)
        texts = [" ".join(rng.choice(WORDS, size=m)) for m in lengths]
        frame = pl.DataFrame({
            C.VOC_ID: [f"export-{w}.csv:{i}" for i in range(n)],
            C.SOURCE_FILE: rng.choice(["survey.csv", "tickets.xlsx", "reviews.jsonl"], n),
            C.DATE: [dt.datetime.combine(monday, dt.time()) + dt.timedelta(minutes=int(x)) for x in rng.integers(0, 7 * 24 * 60, n)],
            C.SCORE: [float(x) if x >= 0 else None for x in score],
            C.SCORE_SCALE: ["0-10" if x >= 0 else None for x in score],
            C.LANGUAGE: rng.choice(["it", "pl", "ru", "en"], n),
            C.SENTIMENT: sent,
            C.SENTIMENT_SCORE: rng.uniform(-1, 1, n),
            C.TOPICS: picks,
            C.TOPIC_SENTIMENTS: [[f"{t}:{s}" for t in p] for p, s in zip(picks, sent)],
            C.SCOPE: rng.choice(SCOPES, n),
            "text": texts,
        }, schema_overrides={C.TOPICS: pl.List(pl.String), C.TOPIC_SENTIMENTS: pl.List(pl.String)})  # fmt: skip
        store.append(store.canonical(frame))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--rows", type=int, default=1_000_000)
    parser.add_argument("--weeks", type=int, default=52)
    parser.add_argument("--store", help="store folder to fill (kept) or reuse when it exists")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        store = Path(args.store) if args.store else Path(tmp) / "history"
        if not store.exists():
            fill(store, args.rows, args.weeks)
        size = sum(p.stat().st_size for p in store.rglob("*.parquet")) / 1e6
        # The default report reads the 12 weeks its trend shows; a 52-week trend reads the whole store.
        full = Path(tmp) / "year.toml"
        full.write_text("[pipeline]\nstages = []\n[report]\ntrend_periods = 52\n")
        print("rows\tweeks\tstore_mb\ttrend_periods\tseconds\tpeak_rss_mb\tcomments_in_week")
        for trend, pipeline in ((12, "default"), (52, str(full))):
            out = Path(tmp) / f"report-{trend}"
            cmd = [sys.executable, "-m", "voc", "report", "--store", str(store), "--week", "2026-W47", "-o", str(out),
                   "--pipeline", pipeline, "--quiet"]  # fmt: skip
            seconds, rss, _pss = child_run(cmd)
            comments = pl.read_csv(out / "tables" / "overview.csv", infer_schema=False).row(3)[1]
            print(f"{args.rows}\t{args.weeks}\t{size:.0f}\t{trend}\t{seconds:.1f}\t{rss:.0f}\t{comments}")

if __name__ == "__main__":
    main()
