"""What the benchmarks share about the labelled dev sets: score.py's halves and our category labels.

score.py splits each dev set's rows by the first bit of the id's sha256:
settings are chosen on the `tune` half and reported on the `check` half.
benchmarks/labels/categories_<lang>.tsv hold the categories (aspects) we
labelled by reading 550 rows of four dev sets: ids and names only.
"""

from __future__ import annotations

import csv
import hashlib
from pathlib import Path

LABELS = Path(__file__).resolve().parent / "labels"
CATEGORY_SETS = {  # labels file -> the dev file whose rows it labels
    "en": "en_airline_tweets.csv", "it": "it_hotel_sentences.csv", "pl": "pl_polemo_sentences.csv", "ru": "ru_bank_telecom_tweets.csv",
}  # fmt: skip


def in_half(row_id: str, half: str) -> bool:
    """Whether a row belongs to ``half``: "tune", "check", or "all"."""
    if half == "all":
        return True
    return (hashlib.sha256(row_id.encode("utf-8")).digest()[0] & 1) == (0 if half == "tune" else 1)


def categories(lang: str, half: str = "all") -> dict[str, list[str]]:
    """id -> the categories we labelled for it (the first is the main one), rows of ``half`` only."""
    with open(LABELS / f"categories_{lang}.tsv", encoding="utf-8") as f:
        return {r["id"]: r["categories"].split(";") for r in csv.DictReader(f, delimiter="\t") if in_half(r["id"], half)}
