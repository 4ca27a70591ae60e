"""The clean step's word lists: lexicons/<lang>/furniture.tsv and quote_headers.tsv, for all four languages at once.

The language of a comment is not known when it is cleaned (detection runs on
the cleaned text), so the phrases of it/pl/ru/en are matched together; they
hardly collide. ``--lexicons DIR`` adds DIR/<lang>/ files of the same names.
Formats are in lexicons/README.md.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

from voc.core.columns import ANALYSED_LANGUAGES
from voc.core.errors import UsageError
from voc.core.resources import lexicon_path

FURNITURE_KINDS = ("greeting", "signoff", "signature")
HEADER_KINDS = ("line", "separator", "field")


class FurnitureFileError(UsageError):
    """A furniture.tsv or quote_headers.tsv line voc cannot read."""


@dataclass
class Furniture:
    greetings: list[str] = field(default_factory=list)  # lower-case phrases, longest first
    signoffs: list[str] = field(default_factory=list)
    signatures: list[str] = field(default_factory=list)
    # Whole lines that start a quoted message, as one multi-line pattern each: those with a
    # "*" must hold a date or an address ("Jan pisze:" alone is a sentence, not a header).
    header_lines: re.Pattern | None = None
    dated_header_lines: re.Pattern | None = None
    header_fields: set[str] = field(default_factory=set)  # "from", "od", "от": two such lines in a row start one
    # The first word of every greeting and the last of every sign-off: a comment whose
    # first word (last few words) is none of them is skipped without running a regular
    # expression, which is most comments.
    greeting_words: frozenset[str] = frozenset()
    signoff_words: frozenset[str] = frozenset()


@cache
def load_furniture(overlay: str | None = None) -> Furniture:
    out = Furniture()
    lists = {"greeting": out.greetings, "signoff": out.signoffs, "signature": out.signatures}
    for path in _files("furniture.tsv", overlay):
        for number, kind, phrase in _rows(path, FURNITURE_KINDS):
            lists[kind].append(normalise(phrase))
    plain, dated = [], []
    for path in _files("quote_headers.tsv", overlay):
        for number, kind, pattern in _rows(path, HEADER_KINDS):
            if kind == "field":
                out.header_fields.add(normalise(pattern).rstrip(":"))
            elif kind == "separator":  # "-----Original Message-----", "-------- Пересылаемое сообщение --------"
                words = r"[ \t]*".join(re.escape(w) for w in pattern.split())
                plain.append(rf"-{{2,}}[ \t]*{words}[ \t]*-{{2,}}")
            else:
                (dated if "*" in pattern else plain).append(_line_pattern(pattern, path, number))
    # A "*" pattern must match a line holding a digit or an "@" (checked where it is used).
    out.header_lines = _whole_lines(plain)
    out.dated_header_lines = _whole_lines(dated)
    for phrases in lists.values():
        phrases[:] = sorted(set(phrases), key=lambda p: (-len(p), p))  # longest first: "thank you" before "thank"
    out.greeting_words = frozenset(first_word(p) for p in out.greetings)
    out.signoff_words = frozenset(p.split()[-1].strip(PUNCTUATION) for p in out.signoffs)
    return out


PUNCTUATION = ".,;:!?¡¿…\"'()-–—"


def first_word(text: str) -> str:
    """The first word, lower-case, without the punctuation around it ("Hi," -> "hi")."""
    words = text[:40].split(None, 1)
    return words[0].lower().strip(PUNCTUATION) if words else ""


def normalise(text: str) -> str:
    """How phrases and text are compared: lower case, typographic apostrophes plain, single spaces."""
    return " ".join(text.lower().replace("’", "'").split())


def _whole_lines(patterns: list[str]) -> re.Pattern | None:
    if not patterns:
        return None
    return re.compile(rf"^[ \t>]*(?:{'|'.join(patterns)})[ \t]*$", re.IGNORECASE | re.MULTILINE)


def _line_pattern(pattern: str, path: Path, number: int) -> str:
    """``*`` stands for any text within the line, a space for any (or no) spaces; the rest is literal."""
    if not pattern.replace("*", "").strip():
        raise FurnitureFileError(f"line {number}: a header line needs words, not only '*'", path=path)
    parts = []
    for chunk in re.split(r"(\*|\s+)", pattern.strip()):
        if chunk == "*":
            parts.append(".*")
        elif chunk.isspace():
            parts.append(r"[ \t]*")
        elif chunk:
            parts.append(re.escape(chunk))
    return "".join(parts)


def _files(name: str, overlay: str | None) -> list[Path]:
    paths = []
    for lang in ANALYSED_LANGUAGES:
        shipped = lexicon_path(lang, name)
        if shipped.exists():
            paths.append(shipped)
        if overlay and (Path(overlay) / lang / name).exists():
            paths.append(Path(overlay) / lang / name)
    return paths


def _rows(path: Path, kinds: tuple[str, ...]):  # noqa: ANN202 - (line number, kind, text)
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except UnicodeDecodeError:
        raise FurnitureFileError("not UTF-8: save the file as UTF-8", path=path) from None
    for number, line in enumerate(lines, start=1):
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        fields = [f.strip() for f in line.split("\t")]
        if len(fields) != 2 or not all(fields):
            raise FurnitureFileError(f"line {number}: expected kind<TAB>text, got {len(fields)} field(s)", path=path)
        if fields[0] not in kinds:
            raise FurnitureFileError(f"line {number}: kind must be one of {', '.join(kinds)}, got {fields[0]!r}", path=path)
        yield number, fields[0], fields[1]
