"""Which text encoding a delimited export uses.

Real exports come as UTF-8, UTF-8 with a BOM (Excel's "CSV UTF-8"), UTF-16
with a BOM (Excel's "Unicode text"), or a Windows code page: cp1250 (Polish),
cp1251 (Russian), cp1252 (Italian, English). A BOM decides at once. Otherwise
the whole file is read once: if it is valid UTF-8 it is UTF-8 (a single
accented letter near the end would otherwise be decoded wrongly).

If not, the non-ASCII bytes of the whole file are decoded with each code page
and the page under which the most of them become letters its languages really
use wins. General-purpose detectors get this wrong on Italian (cp1250 turns
"è" into "č", a valid letter too); knowing which letters each page is
exported for is what tells them apart. Typographic quotes, dashes and € sit
at the same bytes in all three pages, so they count for every page.
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
_SHARED = "’‘“”„–—…€«»°·•"
# Letters each code page is used for, lower and upper case.
_LETTERS = {
    "cp1252": "àèéìòùáíóúâêîôûäëïöüÿçñãõœßæ",  # it, en loans, fr, es, pt, de
    "cp1250": "ąćęłńóśźżčďěňřšťůýžáéíúäôĺľŕőű",  # pl, cs, sk, hu, sl, hr
    "cp1251": "абвгдеёжзийклмнопрстуфхцчшщъыьэюяіїєґўј",  # ru, uk, be, bg, sr
}
_EXPECTED = {page: set(letters + letters.upper() + _SHARED) for page, letters in _LETTERS.items()}
CODE_PAGES = tuple(_LETTERS)
_ASCII = bytes(range(128))
_CHUNK = 1 << 20
_MAX_HIGH_BYTES = 1 << 18


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
        decoder = codecs.getincrementaldecoder("utf-8")()
        high = bytearray()
        utf8 = True
        while chunk := fh.read(_CHUNK):
            if utf8:
                try:
                    decoder.decode(chunk)
                except UnicodeDecodeError:
                    utf8 = False
            if len(high) < _MAX_HIGH_BYTES:
                high += chunk.translate(None, _ASCII)
        if utf8:
            try:
                decoder.decode(b"", final=True)
                return "utf-8"
            except UnicodeDecodeError:
                pass
    return guess_code_page(bytes(high))


def guess_code_page(high: bytes) -> str:
    """The code page under which ``high`` (non-ASCII bytes) reads most like real letters."""
    best, best_score = None, -1.0
    for page in CODE_PAGES:  # order breaks ties: cp1252 when nothing tells
        try:
            text = high.decode(page)
        except UnicodeDecodeError:
            continue
        score = sum(ch in _EXPECTED[page] for ch in text) / max(len(text), 1)
        if score > best_score:
            best, best_score = page, score
    return best or "latin-1"  # latin-1 reads any byte
