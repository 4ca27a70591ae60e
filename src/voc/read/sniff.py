"""Which format an input is in: by extension, else by its first bytes.

Standard input has no name, so it is always sniffed (or told with
--input-format); a file with an unknown extension is sniffed too, and refused
when it does not look like any supported format.
"""

from __future__ import annotations

from pathlib import Path

from voc.core.errors import InputError

FORMATS = ("csv", "tsv", "jsonl", "json", "parquet", "xlsx")

_BY_EXTENSION = {
    ".csv": "csv",
    ".txt": "csv",
    ".tsv": "tsv",
    ".tab": "tsv",
    ".jsonl": "jsonl",
    ".ndjson": "jsonl",
    ".json": "json",
    ".parquet": "parquet",
    ".pq": "parquet",
    ".xlsx": "xlsx",
    ".xlsm": "xlsx",
    ".xls": "xlsx",
    ".ods": "xlsx",
}


def format_of(path: Path, declared: str | None = None) -> str:
    """The reader to use for ``path``: ``declared`` wins, then the extension, then the content."""
    if declared:
        if declared not in FORMATS:
            raise InputError(f"unknown input format {declared!r}: use one of {', '.join(FORMATS)}")
        return declared
    by_ext = _BY_EXTENSION.get(path.suffix.lower())
    if by_ext == "json":
        # ".json" is used for both a JSON array and JSON Lines.
        return "jsonl" if sniff_bytes(_head(path)) == "jsonl" else "json"
    if by_ext:
        return by_ext
    sniffed = sniff_bytes(_head(path))
    if sniffed is None:
        raise InputError(
            f"unknown file type {path.suffix or '(no extension)'}: "
            f"pass --input-format ({', '.join(FORMATS)}) or rename the file",
            path=path,
        )
    return sniffed


def sniff_bytes(head: bytes) -> str | None:
    if head.startswith(b"PK\x03\x04") or head.startswith(b"\xd0\xcf\x11\xe0"):
        return "xlsx"
    if head.startswith(b"PAR1"):
        return "parquet"
    text = head.lstrip(b"\xef\xbb\xbf \t\r\n")
    if text.startswith(b"["):
        return "json"
    if text.startswith(b"{"):
        first_line = text.split(b"\n", 1)[0].strip()
        return "jsonl" if first_line.endswith(b"}") else "json"
    if _looks_like_text(head):
        return "csv"
    return None


def _looks_like_text(head: bytes) -> bool:
    if not head:
        return True
    if head.startswith((b"\xff\xfe", b"\xfe\xff")):
        return True  # UTF-16 text with a BOM
    controls = sum(1 for b in head if b < 32 and b not in (9, 10, 13))
    return controls / len(head) < 0.01


def _head(path: Path, size: int = 8192) -> bytes:
    with open(path, "rb") as fh:
        return fh.read(size)
