"""Fuzz voc's readers with hypothesis: any file either reads or fails with one clear VocError.

    uv run python scripts/fuzz_readers.py --minutes 5 [--seed 1]

Not part of the test suite (it runs for minutes). Each example is a file
written from generated parts: CSV/TSV/semicolon text in several encodings
with BOMs, quotes, blank and ragged lines, stray NULs and CR; JSON Lines with
odd values; or random bytes under any extension. The property: opening the
file and building the working frame of every batch (what `voc analyze` does
before analysis) either succeeds with as many rows out as the reader counted
in, or raises VocError (the CLI prints its one-line message). Anything else
is a crash: it is printed with the file's bytes, so it can be kept as a
regression test in tests/read/test_fuzz_regressions.py.
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
import time
import traceback
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from voc.core.console import Console
from voc.core.errors import VocError
from voc.read import FieldSpec, Fields, open_inputs
from voc.read.source import ReadOptions

WORDS = ["ok", "Ottimo", "źle", "ужас", "refund", "", " ", "n/a", "é", "🙂", "a,b", 'say "hi"', "line\nbreak", "x\ty", "1", "4,5", "★★★"]
cell = st.one_of(st.sampled_from(WORDS), st.text(max_size=12))


@st.composite
def delimited(draw) -> tuple[str, bytes]:
    sep = draw(st.sampled_from([",", ";", "\t", "|"]))
    width = draw(st.integers(1, 5))
    header = draw(st.lists(st.sampled_from(["id", "comment", "text", "Commento", "score", "NPS", "date", "", "comment"]), min_size=width, max_size=width))
    rows = draw(st.lists(st.lists(cell, min_size=0, max_size=width + 1), max_size=12))

    def quote(value: str) -> str:
        if draw(st.booleans()) or any(c in value for c in (sep, '"', "\n", "\r")):
            return '"' + value.replace('"', '""') + '"'
        return value

    lines = [sep.join(quote(h) for h in header)] + [sep.join(quote(v) for v in row) for row in rows]
    text = draw(st.sampled_from(["\n", "\r\n", "\r"])).join(lines) + draw(st.sampled_from(["", "\n", "\n\n", "\x00"]))
    encoding = draw(st.sampled_from(["utf-8", "utf-8-sig", "cp1250", "cp1251", "cp1252", "utf-16"]))
    data = text.encode(encoding, errors="replace")
    if draw(st.booleans()):
        at = draw(st.integers(0, len(data)))
        data = data[:at] + draw(st.binary(max_size=8)) + data[at:]  # corruption anywhere
    return draw(st.sampled_from([".csv", ".tsv", ".txt", ""])), data


@st.composite
def jsonl(draw) -> tuple[str, bytes]:
    values = st.one_of(st.none(), st.booleans(), st.integers(), st.floats(allow_nan=False), cell, st.lists(cell, max_size=2))
    rows = draw(st.lists(st.dictionaries(st.sampled_from(["id", "comment", "text", "score", "x"]), values, max_size=4), max_size=10))
    lines = [json.dumps(r, ensure_ascii=draw(st.booleans())) for r in rows]
    if draw(st.booleans()):
        lines.insert(draw(st.integers(0, len(lines))), draw(st.sampled_from(["", "{", "[1,2]", "null", '"text"', "{\"comment\": 1"])))
    return draw(st.sampled_from([".jsonl", ".json", ".ndjson"])), "\n".join(lines).encode()


@st.composite
def garbage(draw) -> tuple[str, bytes]:
    return draw(st.sampled_from([".csv", ".xlsx", ".parquet", ".jsonl", ".tsv", ""])), draw(st.binary(max_size=300))


def check(suffix: str, data: bytes) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / f"export{suffix}"
        path.write_bytes(data)
        try:
            table = open_inputs([str(path)], ReadOptions(), Path(tmp))
            fields = Fields(FieldSpec(), table.columns, Console(quiet=True))
            rows_in = rows_out = 0
            for batch in table.batches(7):
                work = fields.working(batch)
                rows_in += batch.frame.height
                rows_out += work.height
            assert rows_in == rows_out, f"{rows_in} rows read, {rows_out} in the working frames"
        except VocError:
            pass  # a clear one-line error: the contract for bad input


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--minutes", type=float, default=5.0)
    args = parser.parse_args()
    deadline = time.monotonic() + args.minutes * 60
    crashes: dict[str, tuple[str, bytes]] = {}
    examples = 0

    @settings(max_examples=500, deadline=None, database=None, suppress_health_check=list(HealthCheck))
    @given(st.one_of(delimited(), jsonl(), garbage()))
    def run(example: tuple[str, bytes]) -> None:
        nonlocal examples
        examples += 1
        try:
            check(*example)
        except Exception:  # noqa: BLE001 - anything but VocError is what we are looking for
            error = traceback.format_exc(limit=3).strip().splitlines()[-1]
            if error not in crashes:
                crashes[error] = example
                print(f"CRASH {error}\n  suffix={example[0]!r} data={example[1]!r}", flush=True)

    while time.monotonic() < deadline:
        run()  # a fresh random stream of 500 files each time
    print(f"{examples} files in {args.minutes:g} min, {len(crashes)} distinct crash(es)")
    sys.exit(1 if crashes else 0)


if __name__ == "__main__":
    main()
