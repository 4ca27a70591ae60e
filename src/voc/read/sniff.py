"""Which format an input is in: by extension, else by its first bytes.

Standard input has no name, so it is always sniffed (or told with
--input-format); a file with an unknown extension is sniffed too, and refused
when it does not look like any supported format. A binary file is called one
(with its kind when its first bytes tell, "a PNG image"), also when its name
says .csv: reading an image as columns would only produce nonsense.
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
    if by_ext in _TEXT_FORMATS:
        _refuse_binary(path, by_ext)
    if by_ext == "json":
        # ".json" is used for both a JSON array and JSON Lines.
        return "jsonl" if sniff_bytes(_head(path)) == "jsonl" else "json"
    if by_ext:
        return by_ext
    head = _head(path)
    sniffed = sniff_bytes(head)
    if sniffed is None:  # only text sniffs as CSV, so this is binary
        raise InputError(
            f"is a binary file ({binary_kind(head)}), not an export voc reads: export the data as {_WANTED}, "
            f"or pass --input-format if it is one",
            path=path,
        )
    return sniffed


_TEXT_FORMATS = ("csv", "tsv", "jsonl", "json")
_WANTED = "CSV, TSV, JSON Lines, JSON, Parquet or XLSX"
# First bytes of files people export or rename by mistake; a named kind makes the error actionable.
_MAGIC = (
    (b"\x89PNG", "a PNG image"),
    (b"\xff\xd8\xff", "a JPEG image"),
    (b"GIF8", "a GIF image"),
    (b"%PDF", "a PDF document"),
    (b"PK\x03\x04", "a zip archive or Excel workbook"),
    (b"\xd0\xcf\x11\xe0", "an old Excel or Office document"),
    (b"PAR1", "a Parquet file"),
    (b"\x1f\x8b", "a gzip archive"),
    (b"7z\xbc\xaf", "a 7-Zip archive"),
    (b"Rar!", "a RAR archive"),
    (b"SQLite format 3", "an SQLite database"),
    (b"\x7fELF", "a program"),
)


def binary_kind(head: bytes) -> str | None:
    """What a binary file is ("a PNG image"), or None for text."""
    for magic, kind in _MAGIC:
        if head.startswith(magic):
            return kind
    return None if _looks_like_text(head) else "not text"


def _refuse_binary(path: Path, fmt: str) -> None:
    """A .csv that is a workbook or an image: say so, rather than reading bytes as columns."""
    head = _head(path)
    kind = binary_kind(head)
    if kind == "not text" and (not _has_nul(head) or _utf8_text_with_nul(head)):
        # Named as text and with no NUL byte: a few stray control characters in a small export
        # (pasted from a terminal, say) are data to keep, not a sign of a binary file. So are
        # NULs inside valid UTF-8 that is not UTF-16 without its BOM: voc's own CSV of a text
        # that held NULs reads back.
        return
    if kind is None:
        return
    actual = sniff_bytes(head)
    if actual in ("xlsx", "parquet"):
        raise InputError(
            f"is {kind}, not {fmt.upper()} text as its name says: rename it to .{actual} or pass --input-format {actual}",
            path=path,
        )
    raise InputError(f"is a binary file ({kind}), not {fmt.upper()} text: export the data as {_WANTED}", path=path)


def _has_nul(head: bytes) -> bool:
    """Text in UTF-8 or a Windows code page never holds a NUL byte; UTF-16/32 announce themselves with a BOM."""
    return b"\x00" in head and not head.startswith((b"\xff\xfe", b"\xfe\xff"))


def _utf8_text_with_nul(head: bytes) -> bool:
    """Valid UTF-8 (a character cut at the end of the head aside) whose NULs are not UTF-16's pattern.

    UTF-16 without a BOM is also valid UTF-8 when it holds only ASCII, but then NUL is
    about every other byte, nearly all at one parity; binary formats rarely decode."""
    try:
        head.decode("utf-8")
    except UnicodeDecodeError as exc:
        if exc.start < len(head) - 3:
            return False
    nul = [i for i, b in enumerate(head) if b == 0]
    one_parity = max(sum(i % 2 for i in nul), sum(1 - i % 2 for i in nul))
    return not (len(nul) >= 0.25 * len(head) and one_parity >= 0.9 * len(nul))


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
