"""How close benchmarks/generate.py's text is to real feedback: its figures, and `voc analyze`'s speed on each.

    uv run python benchmarks/realism.py                                  # figures: dev sets against generated rows
    uv run python benchmarks/realism.py --time 10000 --stages 10000 --runs 2   # and the speed on each
    uv run python benchmarks/realism.py --marks                          # punctuation marks per 100 characters
    uv run python benchmarks/realism.py --tune pl --n 10000 --exponent 0.8 --tail 0.24   # choosing generate.VOCAB

The real texts are the four dev sets in ../shared/eval/dev that have one
language each (it_hotel_sentences, pl_polemo_sentences, ru_bank_telecom_tweets,
en_airline_tweets), pooled and shuffled with seed 42; they are read at run
time and only figures computed from them are printed (no text). The generated
rows are generate.py's, seed 42, the same comments as its file.

Figures, per language and over all rows:

- rows and their share (the language mix); characters: mean and quantiles;
  words per row (letters only, links removed, lower-cased);
- new words per 1,000 tokens at 10,000 and 25,000 tokens of a language (at
  10,000 and 100,000 over all rows): words not seen before among the 2,000
  tokens up to that one, per 1,000, in the order of the rows; and how many
  distinct words there are by then;
- the share of rows with a link, an @mention, a retweet prefix, a #hashtag, an
  emoji, a number, "!", "?", a word in capitals (three letters or more), a
  lower-case first letter, a space before punctuation, a closing ".", "!" or
  "?" (all but the first five counted outside links, mentions and hashtags);
  distinct mentions per mention; sentence ends and commas per row;
- punctuation marks and capital letters per 100 characters;
- the share of rows with a negator or a contrast word of voc's lexicons
  (one-word entries of lexicons/<lang>/negators.txt and contrast.txt).

`--time N` writes N real texts (repeated when N is above the 10,743 rows of
the four sets; the output says so) and N generated rows to CSV files with the
same id, date and score columns, and times
`voc analyze FILE --text-col comment -o out.csv --jobs 2 -q` on each in a child
process (child_run from analyze.py), alternating real and generated, `--runs`
times, after one untimed warm-up run; each round also times 500 rows, about
voc's fixed start-up. It prints seconds, items/s, characters/s and the CPU
seconds of the process tree for every run, the ratios generated / real, and
what voc found in each file (share of rows with a sentiment, a topic, a scope,
an intent, a duplicate, a language of the four), so that the stages after the
language see comparable work. On shared, busy cores the wall-clock ratio of one
pair of runs moves by tens of percent; CPU seconds move less.

`--stages N` runs the default pipeline's stages in two processes side by side,
one on N real texts and one on N generated, and prints the CPU seconds of each
stage: no start-up, and both processes meet the same load, so it is the
steadiest comparison on a busy machine.
"""

from __future__ import annotations

import argparse
import csv
import itertools
import random
import resource
import re
import statistics
import sys
import tempfile
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "benchmarks"))
from analyze import child_run  # noqa: E402
from generate import QUANTILE_POINTS, Generator  # noqa: E402
from generate import main as write_generated  # noqa: E402

REAL_SETS = ("it_hotel_sentences.csv", "pl_polemo_sentences.csv", "ru_bank_telecom_tweets.csv", "en_airline_tweets.csv")
LANGS = ("it", "pl", "ru", "en")
SEED = 42
URL = re.compile(r"https?://\S+|www\.\S+")
MENTION = re.compile(r"(?<!\w)@\w+")
HASHTAG = re.compile(r"(?<!\w)#\w+")
WORD = re.compile(r"[^\W\d_]+(?:['’][^\W\d_]+)*")
EMOJI = re.compile("[\U0001f000-\U0001faff\u2600-\u27bf\u2b00-\u2bff]")
PUNCT = re.compile(r"[^\w\s]")
SPACE_PUNCT = re.compile(r"\w [.,!?]")
SENTENCE_END = re.compile(r"[.!?]+(?=\s|$)")


def real_rows(folder: Path) -> list[tuple[str, str]]:
    """(language, text) of the four dev sets, pooled and shuffled (seed 42)."""
    rows = []
    for name in REAL_SETS:
        with open(folder / name, encoding="utf-8", newline="") as fh:
            rows += [(r["language"], r["text"]) for r in csv.DictReader(fh)]
    random.Random(SEED).shuffle(rows)
    return rows


def generated_rows(n: int) -> list[tuple[str, str]]:
    gen = Generator(SEED)
    return [gen.comment() for _ in range(n)]


def quantile(values: list[float], q: float) -> float:
    """Linear interpolation between the two nearest ranks (numpy's default)."""
    s = sorted(values)
    pos = q * (len(s) - 1)
    lo = int(pos)
    return s[lo] + (pos - lo) * (s[min(lo + 1, len(s) - 1)] - s[lo])


def words(text: str) -> list[str]:
    return WORD.findall(URL.sub(" ", text).lower())


def vocabulary_growth(texts: list[str], at: tuple[int, ...]) -> dict[int, tuple[float, int] | None]:
    """For each T in `at`: (new words per 1,000 tokens, distinct words so far) at token T, None where the texts run out.

    The rate is averaged over the 2,000 tokens before T (tokens T-1,999..T), as one window of 1,000 tokens
    alone moves by about its square root from one sample to the next.
    """
    seen: set[str] = set()
    distinct: dict[int, int] = {}
    marks = {m for T in at for m in (T - 2000, T)}
    n = 0
    for t in texts:
        for w in words(t):
            n += 1
            seen.add(w)
            if n in marks:
                distinct[n] = len(seen)
    return {T: ((distinct[T] - distinct[T - 2000]) / 2, distinct[T]) if T in distinct else None for T in at}


def cue_words(lang: str, name: str) -> set[str]:
    path = ROOT / "lexicons" / lang / name
    return {x.strip() for x in path.read_text(encoding="utf-8").splitlines() if x.strip() and not x.startswith("#") and " " not in x.strip()}


def figures(texts: list[str], lang: str | None, growth_at: tuple[int, ...]) -> dict[str, float | None]:
    n = len(texts)
    lengths = [len(t) for t in texts]
    chars = sum(lengths) or 1
    plain = [HASHTAG.sub(" ", MENTION.sub(" ", URL.sub(" ", t))) for t in texts]

    def share(flags) -> float:  # noqa: ANN001
        return sum(1 for f in flags if f) / n

    def first_letter_lower(t: str) -> bool:
        letter = next((c for c in t.removeprefix("RT ") if c.isalpha()), "")
        return letter.islower()

    mentions = [m for t in texts for m in MENTION.findall(t)]
    out: dict[str, float | None] = {"rows": n, "mean_chars": sum(lengths) / n}
    for q in (0.1, 0.25, 0.5, 0.75, 0.9, 0.99):
        out[f"p{round(q * 100)}_chars"] = quantile(lengths, q)
    out["max_chars"] = max(lengths)
    out["words_per_row"] = sum(len(words(t)) for t in texts) / n
    for T, got in vocabulary_growth(texts, growth_at).items():
        out[f"new_words_per_1000_at_{T // 1000}k"] = got[0] if got else None
        out[f"distinct_words_at_{T // 1000}k"] = got[1] if got else None
    out |= {
        "url": share(URL.search(t) for t in texts),
        "mention": share(MENTION.search(t) for t in texts),
        "distinct_mentions": len(set(mentions)) / len(mentions) if mentions else None,
        "retweet": share(t.startswith("RT ") for t in texts),
        "hashtag": share(HASHTAG.search(t) for t in texts),
        "emoji": share(EMOJI.search(t) for t in texts),
        "digit": share(re.search(r"\d", p) for p in plain),
        "exclaim": share("!" in p for p in plain),
        "question": share("?" in p for p in plain),
        "caps": share(any(len(w) >= 3 and w.isupper() for w in WORD.findall(p)) for p in plain),
        "lower_start": share(first_letter_lower(p) for p in plain),
        "space_punct": share(SPACE_PUNCT.search(p) for p in plain),
        "ends_with_mark": share(re.search(r"[.!?]\W*$", p.rstrip()) for p in plain),
        "sentence_ends_per_row": sum(len(SENTENCE_END.findall(p)) for p in plain) / n,
        "commas_per_row": sum(p.count(",") for p in plain) / n,
        "punct_per_100_chars": 100 * sum(len(PUNCT.findall(t)) for t in texts) / chars,
        "caps_per_100_chars": 100 * sum(sum(1 for c in t if c.isupper()) for t in texts) / chars,
    }
    if lang in LANGS:
        negators, contrast = cue_words(lang, "negators.txt"), cue_words(lang, "contrast.txt")
        out["negator"] = share(negators.intersection(words(t)) for t in texts)
        out["contrast"] = share(contrast.intersection(words(t)) for t in texts)
    return out


def by_language(rows: list[tuple[str, str]]) -> dict[str, list[str]]:
    groups: dict[str, list[str]] = {}
    for lang, text in rows:
        groups.setdefault(lang, []).append(text)
    return groups


def fmt(v: float | None) -> str:
    if v is None:
        return "-"
    if isinstance(v, int) or float(v).is_integer() or abs(v) >= 100:
        return f"{v:,.0f}"
    if abs(v) >= 10:
        return f"{v:.1f}"
    return f"{v:.3f}" if abs(v) < 1 else f"{v:.2f}"


def compare(folder: Path, generated: int) -> None:
    real, gen = real_rows(folder), generated_rows(generated)
    r_groups, g_groups = by_language(real), by_language(gen)
    print(f"real: {len(real):,} rows of {', '.join(REAL_SETS)}; generated: {generated:,} rows (seed {SEED})")
    print("mix\t" + "\t".join(f"{k} {len(v) / len(real):.3f}/{len(g_groups.get(k, [])) / len(gen):.3f}" for k, v in r_groups.items())
          + "\t" + "\t".join(f"{k} -/{len(v) / len(gen):.3f}" for k, v in g_groups.items() if k not in r_groups))  # fmt: skip
    columns = [(lang, figures(r_groups[lang], lang, (10_000, 25_000)), figures(g_groups[lang], lang, (10_000, 25_000))) for lang in LANGS]
    columns.append(("all", figures([t for _, t in real], None, (10_000, 100_000)), figures([t for _, t in gen], None, (10_000, 100_000))))
    keys = list(dict.fromkeys(k for _, r, g in columns for k in (*r, *g)))
    print("figure\t" + "\t".join(f"{lang} real\t{lang} gen" for lang, _, _ in columns))
    for k in keys:
        print(k + "\t" + "\t".join(f"{fmt(r.get(k))}\t{fmt(g.get(k))}" for _, r, g in columns))
    print("\nlength quantiles at " + ", ".join(map(str, QUANTILE_POINTS)) + "% (the constants of generate.py):")
    for lang in (*LANGS, "*"):
        lengths = [len(t) for lg, t in real if lang in (lg, "*")]
        print(f'    "{lang}": (' + ", ".join(str(round(quantile(lengths, p / 100))) for p in QUANTILE_POINTS) + "),")


def marks(folder: Path, generated: int) -> None:
    """Punctuation marks per 100 characters (outside links, mentions and hashtags), the 14 commonest per language."""
    real, gen = by_language(real_rows(folder)), by_language(generated_rows(generated))
    for lang in LANGS:
        for name, texts in (("real", real[lang]), ("generated", gen[lang])):
            chars = sum(map(len, texts))
            counts = Counter(m for t in texts for m in PUNCT.findall(HASHTAG.sub(" ", MENTION.sub(" ", URL.sub(" ", t)))))
            print(f"{lang}\t{name}\t" + "  ".join(f"{m} {100 * c / chars:.2f}" for m, c in counts.most_common(14)))


def tune(lang: str, ns: list[int], exponents: list[float], tails: list[float], folder: Path) -> None:
    """New words per 1,000 tokens of `lang` for each (N, exponent, tail) of generate.VOCAB, next to the dev set's."""
    real = vocabulary_growth(by_language(real_rows(folder))[lang], (10_000, 25_000))
    real_words = statistics.mean(len(words(t)) for t in by_language(real_rows(folder))[lang])
    print(f"{lang} dev set: new words per 1,000 tokens (distinct words) at 10k {real[10_000]}, at 25k {real[25_000]}; {real_words:.1f} words per row")
    print("N\texponent\ttail\tat 10k\tat 25k\twords_per_row")
    for n, e, tail in itertools.product(ns, exponents, tails):
        gen = Generator(SEED, vocab={lang: (n, e, tail)})
        texts = [gen.comment(lang)[1] for _ in range(4000)]
        got = vocabulary_growth(texts, (10_000, 25_000))
        print(f"{n}\t{e}\t{tail}\t{got[10_000]}\t{got[25_000]}\t{sum(len(words(t)) for t in texts) / len(texts):.1f}", flush=True)


def timing(folder: Path, rows: int, runs: int, jobs: int = 2) -> None:
    real = [t for _, t in real_rows(folder)]
    repeated = rows > len(real)
    real = (real * (rows // len(real) + 1))[:rows]
    with tempfile.TemporaryDirectory() as tmp:
        gen_file, real_file = Path(tmp) / "generated.csv", Path(tmp) / "real.csv"
        write_generated(rows, str(gen_file))
        with open(gen_file, encoding="utf-8", newline="") as fh:
            gen_rows = list(csv.reader(fh))
        with open(real_file, "w", encoding="utf-8", newline="") as fh:  # the generated file's id, date and score, real comments
            csv.writer(fh).writerows([gen_rows[0]] + [[*r[:3], t] for r, t in zip(gen_rows[1:], real)])
        files = {"real": (real_file, sum(map(len, real))), "generated": (gen_file, sum(len(r[3]) for r in gen_rows[1:]))}
        note = f", the {len(real_rows(folder)):,} dev texts repeated" if repeated else ", no text repeated"
        print(f"\nvoc analyze --jobs {jobs} on {rows:,} rows{note}; start-up included, {runs} runs alternating")
        warm = Path(tmp) / "warm.csv"  # one untimed run first: the page cache and bytecode as in every later run
        with open(warm, "w", encoding="utf-8", newline="") as fh:
            csv.writer(fh).writerows(gen_rows[:501])
        child_run([sys.executable, "-m", "voc", "analyze", str(warm), "--text-col", "comment", "-o", str(Path(tmp) / "warm_out.csv"), "-q"])
        print("run\ttext\trows\tmean_chars\tseconds\titems/s\tchars/s\tcpu_seconds\titems/cpu_s")
        taken: dict[str, list[tuple[float, float]]] = {"real": [], "generated": [], "start-up": []}  # (wall, CPU) seconds
        for run in range(1, runs + 1):
            for name, (src, chars) in [*files.items(), ("start-up", (warm, 0))]:
                out = Path(tmp) / f"out_{name}.csv"
                cmd = [sys.executable, "-m", "voc", "analyze", str(src), "--text-col", "comment", "-o", str(out), "--jobs", str(jobs), "-q"]
                before = resource.getrusage(resource.RUSAGE_CHILDREN)
                seconds, _, _ = child_run(cmd)
                after = resource.getrusage(resource.RUSAGE_CHILDREN)
                cpu = after.ru_utime + after.ru_stime - before.ru_utime - before.ru_stime
                taken[name].append((seconds, cpu))
                if name == "start-up":  # 500 rows: about voc's fixed cost (models loading), to read the rows above by
                    print(f"{run}\t{name}\t500\t\t{seconds:.1f}\t\t\t{cpu:.1f}", flush=True)
                    continue
                print(f"{run}\t{name}\t{rows}\t{chars / rows:.0f}\t{seconds:.1f}\t{rows / seconds:.0f}\t{chars / seconds:,.0f}\t{cpu:.1f}\t{rows / cpu:.0f}", flush=True)
        for i, label in ((0, "items/s"), (1, "items per CPU second")):
            ratios = [r[i] / g[i] for r, g in zip(taken["real"], taken["generated"])]
            total = sum(r[i] for r in taken["real"]) / sum(g[i] for g in taken["generated"])
            print(f"generated / real, {label}: " + " / ".join(f"{x:.2f}" for x in ratios) + f" (run by run), {total:.2f} over all runs")
        chars_ratio = (files["generated"][1] / sum(g[0] for g in taken["generated"])) / (files["real"][1] / sum(r[0] for r in taken["real"]))
        print(f"generated / real, chars/s: {chars_ratio:.2f} over all runs")
        print("\nshare of rows\tnot neutral\ta topic\ta scope\tan intent\ta duplicate\tit/pl/ru/en")
        for name in files:
            with open(Path(tmp) / f"out_{name}.csv", encoding="utf-8", newline="") as fh:
                out_rows = list(csv.DictReader(fh))
            shares = [
                sum(r["sentiment"] not in ("neutral", "") for r in out_rows), sum(bool(r["topics"]) for r in out_rows),
                sum(r["scope"] not in ("none", "") for r in out_rows), sum(r["intent"] not in ("other", "") for r in out_rows),
                sum(bool(r["duplicate_of"]) for r in out_rows), sum(r["language"] in LANGS for r in out_rows),
            ]  # fmt: skip
            print(name + "".join(f"\t{x / len(out_rows):.3f}" for x in shares))


def stage_cpu(name: str, texts: list[str]) -> dict[str, float]:
    """CPU seconds of each stage of the default pipeline on `texts`, in batches of 1,000, after 200 rows untimed."""
    import io
    import time

    import polars as pl

    from voc.batch import MemorySource, Plan
    from voc.core.console import Console
    from voc.core.pipeline import load_pipeline
    from voc.read import FieldSpec
    from voc.read.source import Batch

    frame = pl.DataFrame({"id": [str(i) for i in range(len(texts))], "text": texts})
    plan = Plan(FieldSpec(text=["text"], id="id"), frame.columns, load_pipeline("default"), Console(stream=io.StringIO()))
    plan.work(Batch(MemorySource("warm", frame.head(200)), frame.head(200), 1))
    spent: Counter[str] = Counter()
    for start in range(0, frame.height, 1000):
        chunk = frame.slice(start, 1000)
        work = plan.fields.working(Batch(MemorySource(name, chunk), chunk, start + 1))
        for stage in plan.pipeline.stages:
            t = time.process_time()
            work = stage(work)
            spent[stage.role] += time.process_time() - t
    return dict(spent)


def stages(folder: Path, rows: int, runs: int) -> None:
    """stage_cpu on the real and the generated rows in two processes side by side, so that both meet the same load."""
    import multiprocessing
    from concurrent.futures import ProcessPoolExecutor

    real = [t for _, t in real_rows(folder)]
    sets = {"real": (real * (rows // len(real) + 1))[:rows], "generated": [t for _, t in generated_rows(rows)]}
    print(f"\nstages of the default pipeline, {rows:,} rows, one process each, real and generated side by side; CPU seconds")
    print("run\ttext\tcpu_seconds\titems/cpu_s\tchars/cpu_s\tper stage")
    totals: dict[str, list[float]] = {"real": [], "generated": []}
    for run in range(1, runs + 1):
        with ProcessPoolExecutor(2, mp_context=multiprocessing.get_context("spawn")) as pool:
            futures = {name: pool.submit(stage_cpu, name, texts) for name, texts in sets.items()}
            for name, future in futures.items():
                spent = future.result()
                total = sum(spent.values())
                totals[name].append(total)
                chars = sum(map(len, sets[name]))
                print(f"{run}\t{name}\t{total:.1f}\t{rows / total:.0f}\t{chars / total:,.0f}\t" + "  ".join(f"{k} {v:.2f}" for k, v in spent.items()), flush=True)
    ratios = [r / g for r, g in zip(totals["real"], totals["generated"])]
    print("generated / real, items per CPU second: " + " / ".join(f"{x:.2f}" for x in ratios) + f" (run by run), {sum(totals['real']) / sum(totals['generated']):.2f} over all runs")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--eval", default=str(ROOT.parent / "shared" / "eval" / "dev"), help="folder of the dev sets")
    ap.add_argument("--generated", type=int, default=20_000, help="generated rows for the figures")
    ap.add_argument("--time", type=int, metavar="N", help="also time voc analyze on N real and N generated rows")
    ap.add_argument("--runs", type=int, default=2)
    ap.add_argument("--stages", type=int, metavar="N", help="also: CPU seconds per stage in one process on N real and N generated rows")
    ap.add_argument("--marks", action="store_true", help="only: punctuation marks per 100 characters, real and generated")
    ap.add_argument("--tune", metavar="LANG", help="only: new words per 1,000 tokens for each --n and --exponent")
    ap.add_argument("--n", type=int, action="append")
    ap.add_argument("--exponent", type=float, action="append")
    ap.add_argument("--tail", type=float, action="append")
    a = ap.parse_args()
    folder = Path(a.eval)
    if a.tune:
        tune(a.tune, a.n or [20_000, 50_000, 100_000], a.exponent or [1.0], a.tail or [0.0], folder)
        return
    if a.marks:
        marks(folder, a.generated)
        return
    compare(folder, a.generated)
    if a.time:
        timing(folder, a.time, a.runs)
    if a.stages:
        stages(folder, a.stages, a.runs)


if __name__ == "__main__":
    main()
