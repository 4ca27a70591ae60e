"""Which text encoding a delimited export uses.

Real exports come as UTF-8, UTF-8 with a BOM (Excel's "CSV UTF-8"), UTF-16
with a BOM (Excel's "Unicode text"), or a Windows code page: cp1250 (Polish),
cp1251 (Russian), cp1252 (Italian, English). A BOM decides at once. Otherwise
the whole file is checked as UTF-8 (cheap, and a single accented letter near
the end would otherwise be decoded wrongly); if it is not UTF-8, the code page
is chosen by charset-normalizer among the three Windows pages only, which keeps
its guess among the encodings these exports really use.
"""

from __future__ import annotations

import codecs
from pathlib import Path

from voc.core.errors import InputError

_BOMS = (
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)
CODE_PAGES = ("cp1250", "cp1251", "cp1252")
_CHUNK = 1 << 20


def check_encoding_name(name: str) -> str:
    try:
        return codecs.lookup(name).name
    except LookupError:
        raise InputError(f"unknown encoding {name!r}: use e.g. utf-8, cp1250, cp1251, cp1252, latin-1") from None


def detect_encoding(path: Path) -> str:
    with open(path, "rb") as fh:
        head = fh.read(4)
        for bom, name in _BOMS:
            if head.startswith(bom):
                return name
        fh.seek(0)
        if _is_utf8(fh):
            return "utf-8"
        fh.seek(0)
        sample = fh.read(_CHUNK)
    return _guess_code_page(sample)


def _is_utf8(fh) -> bool:  # noqa: ANN001 - a binary file
    decoder = codecs.getincrementaldecoder("utf-8")()
    try:
        while chunk := fh.read(_CHUNK):
            decoder.decode(chunk)
        decoder.decode(b"", final=True)
    except UnicodeDecodeError:
        return False
    return True


def _guess_code_page(sample: bytes) -> str:
    from charset_normalizer import from_bytes

    best = from_bytes(sample, cp_isolation=list(CODE_PAGES)).best()
    if best is not None:
        return codecs.lookup(best.encoding).name
    # cp1252 leaves five bytes undefined; latin-1 reads any byte.
    try:
        sample.decode("cp1252")
        return "cp1252"
    except UnicodeDecodeError:
        return "latin-1"
