"""Quoted earlier messages: cut a reply at the first line that starts a quoted message.

Help-desk exports keep the whole thread under the customer's new words: "On
Mon ... wrote:", "Il giorno ... ha scritto:", "W dniu ... napisał(a):", "...
пишет:", "-----Original Message-----", an Outlook From:/Sent: block, and
"> " lines. mail-parser-reply's header patterns are used for English and
Italian; Polish and Russian headers, and what the library lacks, come from
lexicons/<lang>/quote_headers.tsv (its Polish table takes a single "Temat:" or
"Do:" line for a header and would cut ordinary tickets).
"""

from __future__ import annotations

import re
from functools import cache

from voc.clean.data import Furniture

# Cheap test before any header pattern runs: every header has a colon or a dash rule,
# and quoted lines start with ">". Most comments are one line and never get here.
_MAYBE = re.compile(r"[:>]|--")
# The library's header patterns are slow on long lines; they only run where one of
# their words is present.
_LIBRARY_HINT = re.compile(
    r"wrote:|scritto:|original message|^[ \t>*]*(?:from|sent|to|subject|date|cc|da|inviato|a|oggetto|data)[ \t*]*:",
    re.IGNORECASE | re.MULTILINE,
)
_FIELD = re.compile(r"[ \t>*]*([^\W\d_][^\W\d_ .-]*(?:[ -][^\W\d_]+)?)[ \t*]*:", re.UNICODE)
_QUOTED_LINE = re.compile(r"[ \t]*>")
_WORD = re.compile(r"[^\W\d_]{2}")


def cut_quoted(text: str, furniture: Furniture) -> str | None:
    """``text`` without quoted earlier messages, or None when it has none (or nothing of its own)."""
    if "\n" not in text or _MAYBE.search(text) is None:
        return None
    lines = [line.strip() for line in text.replace("\r\n", "\n").replace("\r", "\n").split("\n")]
    cut = _first_header(lines, furniture)
    kept = [line for line in lines[:cut] if not _QUOTED_LINE.match(line)]
    if len(kept) == len(lines):
        return None
    while kept and (not kept[-1] or set(kept[-1]) <= set("-_=*~ ")):
        kept.pop()  # the blank lines and the rule above the quoted message
    out = "\n".join(kept).strip()
    return out if _WORD.search(out) else None


def _first_header(lines: list[str], furniture: Furniture) -> int:
    """Index of the first line that starts a quoted message (len(lines) when none does)."""
    normal = "\n".join(lines)
    found = [len(lines)]
    if furniture.header_lines is not None:
        match = furniture.header_lines.search(normal)
        if match:
            found.append(normal.count("\n", 0, match.start()))
    if furniture.dated_header_lines is not None:
        for match in furniture.dated_header_lines.finditer(normal):
            if any(ch.isdigit() or ch == "@" for ch in match.group()):
                found.append(normal.count("\n", 0, match.start()))
                break
    fields = furniture.header_fields
    for i in range(len(lines) - 1):
        if _is_field(lines[i], fields) and _is_field(lines[i + 1], fields):
            found.append(i)
            break
    if _LIBRARY_HINT.search(normal):
        match = _library_headers().search(normal)
        if match:
            start = match.start()
            while start < len(normal) and normal[start] == "\n":  # the Outlook pattern starts at the line break
                start += 1
            found.append(normal.count("\n", 0, start))
    return min(found)


def _is_field(line: str, fields: set[str]) -> bool:
    match = _FIELD.match(line)
    return match is not None and match.group(1).lower() in fields


@cache
def _library_headers() -> re.Pattern:
    from mailparser_reply.parser import EmailMessage

    return EmailMessage(text="", languages=["en", "it"]).HEADER_REGEX
