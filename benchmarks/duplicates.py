"""duplicate_of on real texts re-posted with small edits, with the other real texts as hard negatives.

    uv run python benchmarks/duplicates.py [--eval ../shared/eval/dev] [--half tune|check] [--threshold 0.7]
    uv run python benchmarks/duplicates.py --timing 10000     # a whole run with and without the stage (and the signals stage)

The dev sets' texts (tweets, review sentences) are the originals; those whose
letters repeat an earlier one exactly are dropped first, because their gold
answer is unknown. A quarter of them (fixed seed) are copied later in the
stream with one small edit of the kinds a re-post carries: a greeting before
it, an emoji or "!!" after it, its case changed, a number changed or added,
an @handle or link added, one word dropped. Gold: the copy repeats its
original; no original repeats anything (texts on the same topic, airline or
bank or hotel, are the hard negatives: near-duplicate by subject, not by text).
Rows of the `tune` or `check` half only (score.py's split of the ids).
"""

from __future__ import annotations

import argparse
import csv
import random
import re
import sys
import time
from pathlib import Path

import polars as pl

sys.path.insert(0, str(Path(__file__).resolve().parent))
from labelled import in_half  # noqa: E402

FILES = ("en_airline_tweets.csv", "it_hotel_sentences.csv", "pl_polemo_sentences.csv", "ru_bank_telecom_tweets.csv")
GREETINGS = {"en": "Hi team, ", "it": "Salve, ", "pl": "Witam, ", "ru": "Здравствуйте, "}


def originals(folder: Path, half: str) -> list[tuple[str, str, str]]:
    from voc.dedupe.minhash import normalise

    seen, out = set(), []
    for name in FILES:
        lang = name[:2]
        with open(folder / name, encoding="utf-8", newline="") as f:
            for row in csv.DictReader(f):
                key = normalise(row["text"])
                if in_half(row["id"], half) and key not in seen:
                    seen.add(key)
                    out.append((f"{lang}:{row['id']}", row["text"], lang))
    return out


def edit(text: str, lang: str, rng: random.Random) -> str:
    kind = rng.randrange(7)
    if kind == 0:
        return GREETINGS[lang] + text
    if kind == 1:
        return text + rng.choice([" 😡", " !!", " 🙏🙏", " :("])
    if kind == 2:
        return text.upper() if rng.random() < 0.5 else text.lower()
    if kind == 3:
        digits = re.search(r"\d+", text)
        if digits:
            return text[: digits.start()] + str(int(digits.group()) + rng.randint(1, 9)) + text[digits.end():]
        return text + f" #{rng.randint(100, 9999)}"
    if kind == 4:
        return rng.choice(["@helpdesk ", "@support "]) + text + rng.choice(["", " https://t.co/x1y2"])
    words = text.split()
    if kind == 5 and len(words) > 6:
        del words[rng.randrange(len(words))]
        return " ".join(words)
    return text  # copy-pasted as it was


def stream(items: list[tuple[str, str, str]], seed: int = 7) -> tuple[list[str], list[str], dict[str, str]]:
    """(ids, texts, copy id -> original id): originals in order, copies inserted later."""
    rng = random.Random(seed)
    keyed = [((k, 0, 0), oid, text) for k, (oid, text, _) in enumerate(items)]
    gold = {}
    for k, (oid, text, lang) in enumerate(items):
        if rng.random() < 0.25:
            cid = f"copy-of-{oid}"
            gold[cid] = oid
            keyed.append(((rng.randint(k, len(items) - 1), 1, k), cid, edit(text, lang, rng)))  # after its original
    rows = [(rid, text) for _, rid, text in sorted(keyed)]
    return [r[0] for r in rows], [r[1] for r in rows], gold


def score(ids: list[str], found: list[str | None], gold: dict[str, str]) -> tuple[float, float, float, list[int]]:
    """Precision, recall, F1 and the rows flagged wrongly. A copy may point at its original or at the
    earlier row its original itself repeats (the dev sets hold re-posts of their own): both are right."""
    earlier = {i: f for i, f in zip(ids, found) if f is not None}

    def root(i: str) -> str:
        while i in earlier and i not in gold:
            i = earlier[i]
        return i

    right = [f is not None and i in gold and root(f) == root(gold[i]) for i, f in zip(ids, found)]
    tp = sum(right)
    flagged = sum(f is not None for f in found)
    wrong = [n for n, (f, ok) in enumerate(zip(found, right)) if f is not None and not ok]
    p = tp / flagged if flagged else 0.0
    r = tp / len(gold) if gold else 0.0
    return p, r, (2 * p * r / (p + r) if p + r else 0.0), wrong


def run(ids: list[str], texts: list[str], threshold: float, batch: int = 5000) -> list[str | None]:
    from voc.clean.furniture import FurnitureCleaner
    from voc.dedupe.stage import NearDuplicates

    clean, stage = FurnitureCleaner(), NearDuplicates(threshold=threshold)  # as in the default pipeline: greetings go first
    found: list[str | None] = []
    for start in range(0, len(ids), batch):
        frame = pl.DataFrame({"voc_id": ids[start : start + batch], "text": texts[start : start + batch]})
        found += stage(clean(frame)).get_column("duplicate_of").to_list()
    return found


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--eval", default=str(Path(__file__).resolve().parents[2] / "shared" / "eval" / "dev"))
    parser.add_argument("--half", choices=("tune", "check", "all"), default="check")
    parser.add_argument("--threshold", type=float, action="append")
    parser.add_argument("--show", type=int, default=0, help="print this many wrongly flagged rows")
    parser.add_argument("--timing", type=int, default=0, help="time a whole voc analyze run of this many rows with and without the stage")
    args = parser.parse_args()
    items = originals(Path(args.eval), args.half)
    ids, texts, gold = stream(items)
    print("threshold\trows\tcopies\tprecision\trecall\tF1\tseconds")
    for threshold in args.threshold or [0.7]:
        started = time.perf_counter()
        found = run(ids, texts, threshold)
        seconds = time.perf_counter() - started
        p, r, f, wrong = score(ids, found, gold)
        print(f"{threshold}\t{len(ids)}\t{len(gold)}\t{p:.3f}\t{r:.3f}\t{f:.3f}\t{seconds:.2f}")
        where = {i: n for n, i in enumerate(ids)}
        for n in wrong[: args.show]:
            print(f"  {texts[n][:120]!r}\n    -> {texts[where[found[n]]][:120]!r}", file=sys.stderr)
    if args.timing:
        timing(texts, args.timing)


def timing(texts: list[str], rows: int) -> None:
    """Seconds of `voc analyze --jobs 2` on ``rows`` of these texts, with the default pipeline and without its duplicates stage."""
    import subprocess
    import tempfile

    from voc.core.resources import data_dir

    with tempfile.TemporaryDirectory() as tmp:
        data = Path(tmp) / "in.csv"
        pl.DataFrame({"text": (texts * (rows // len(texts) + 1))[:rows]}).write_csv(data)
        default = (data_dir("pipelines") / "default.toml").read_text(encoding="utf-8")
        variants = {"default": "default"}
        for stage in ("duplicates", "signals"):  # the same pipeline file without one stage
            path = Path(tmp) / f"without-{stage}.toml"
            path.write_text(default.replace(f'"{stage}", ', ""), encoding="utf-8")
            variants[f"without {stage}"] = str(path)
        chars = sum(len(t) for t in (texts * (rows // len(texts) + 1))[:rows])
        print("pipeline\trows\tseconds\titems/s\tchars/s")
        for name, pipeline in variants.items():
            started = time.perf_counter()
            subprocess.run([sys.executable, "-m", "voc", "analyze", str(data), "-o", str(Path(tmp) / "out.csv"), "--quiet",
                            "--jobs", "2", "--pipeline", pipeline, "--text-col", "text"], check=True)  # fmt: skip
            seconds = time.perf_counter() - started
            print(f"{name}\t{rows}\t{seconds:.1f}\t{rows / seconds:.0f}\t{chars / seconds:,.0f}")


if __name__ == "__main__":
    main()
