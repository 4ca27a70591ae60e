"""Greetings, sign-offs and signatures (lexicons/<lang>/furniture.tsv), found where a message puts them.

- a greeting only at the start, followed by punctuation or a line end, with an
  optional capitalised name in between ("Hi Anna,", "Dzień dobry!");
- a sign-off only at the end, after the start of a line or punctuation, followed
  by nothing but punctuation and an optional capitalised name on the same line
  or on up to two lines below ("Thanks, Ana", "Pozdrawiam\\nJan Kowalski").
  "Thank you for the quick help" is not one: more words follow the phrase;
- a signature as a whole line anywhere ("Sent from my iPhone", "Inviato da
  iPhone"), the phrase followed by at most three words; everything under a
  "-- " line;
- phone, e-mail and web address lines only in a trailing block that also holds
  a sign-off or a signature.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from voc.clean.data import PUNCTUATION, Furniture, first_word

_SPACE = r"[ \t]+"
_NAME_WORD = r"[^\W\d_][\w'’.-]*"
_CONTACT_ITEM = r"(?:\+?[\d(][\d \t()./-]{5,}\d|[\w.+-]+@[\w-]+(?:\.[\w-]+)+|(?:https?://|www\.)\S+)"
_LABEL = r"(?:[^\W\d_][^\W\d_ -]{0,14}\.?[ \t]*[:.]?[ \t]*)?"
_CONTACT = re.compile(rf"[ \t>]*{_LABEL}{_CONTACT_ITEM}(?:[ \t]*[|,;/•·][ \t]*{_LABEL}{_CONTACT_ITEM})*[ \t]*")
_RULE = re.compile(r"[ \t]*(?:[-_=*~.•]{2,}[ \t]*)?")  # blank, or a line of dashes or underscores
_SIG_SEPARATOR = re.compile(r"^--[ \t]*$", re.MULTILINE)
_WORD = re.compile(r"[^\W\d_]{2}")


@dataclass(frozen=True)
class Patterns:
    greeting: re.Pattern
    signoff: re.Pattern
    signature: re.Pattern


def compile_patterns(furniture: Furniture) -> Patterns:
    def alternatives(phrases: list[str]) -> str:
        # Phrases are stored with plain apostrophes; texts have typographic ones too ("iPhone’a").
        return "|".join(_SPACE.join(re.escape(w).replace("'", "['’]") for w in p.split()) for p in phrases) or r"(?!x)x"

    greeting = re.compile(
        rf"[ \t]*(?i:{alternatives(furniture.greetings)})(?P<name>(?:{_SPACE}{_NAME_WORD}){{0,3}}?)"
        r"[ \t]*(?:[,!.:;]+|[ \t]+[-–—](?=[ \t])|$)",
    )
    signoff = re.compile(
        rf"(?:^|(?<=[.!?,;:…])|(?<=[ \t][-–—]))[ \t]*(?i:{alternatives(furniture.signoffs)})(?![\w'])"
        rf"[ \t.!,;:]*(?P<name>{_NAME_WORD}(?:{_SPACE}{_NAME_WORD}){{0,2}})?[ \t.!]*$",
    )
    signature = re.compile(
        rf"^[ \t>]*(?i:{alternatives(furniture.signatures)})(?:[ \t]+[^\s?!]+){{0,3}}[ \t]*$", re.MULTILINE
    )
    return Patterns(greeting, signoff, signature)


def has_words(text: str) -> bool:
    return _WORD.search(text) is not None


def strip_greeting(text: str, furniture: Furniture, patterns: Patterns) -> str | None:
    """``text`` without its opening greeting, or None when it has none."""
    if first_word(text) not in furniture.greeting_words:
        return None
    line_end = text.find("\n")
    first = text if line_end < 0 else text[:line_end]
    match = patterns.greeting.match(first)
    if match is None or not _capitalised(match.group("name")):
        return None
    return (first[match.end() :] + ("" if line_end < 0 else text[line_end:])).strip()


def strip_signoff(text: str, furniture: Furniture, patterns: Patterns) -> str | None:
    """``text`` without its closing sign-off (and the name and contact lines under it), or None."""
    # The sign-off, a name on its line and two lines under it, and contact lines: the last 16 words.
    words = furniture.signoff_words
    if not any(word.strip(PUNCTUATION) in words for word in text[-200:].lower().split()[-16:]):
        return None
    lines = text.split("\n")
    end = _skip_contacts(lines, len(lines))
    for names in range(3):  # the sign-off line, then with one or two name lines under it
        k = end - 1 - names
        if k < 0 or (names and not _name_line(lines[k + 1])):
            break
        match = patterns.signoff.search(lines[k])
        if match and _capitalised(match.group("name")):
            head = lines[k][: match.start()].rstrip(" \t,;:-–—")
            return "\n".join([*lines[:k], head]).strip()
    return None


def strip_signatures(text: str, patterns: Patterns) -> str | None:
    """``text`` without signature lines, what follows a "-- " line and the contact lines left at its end, or None."""
    out = text
    separator = _SIG_SEPARATOR.search(out)
    if separator and has_words(out[: separator.start()]):
        out = out[: separator.start()]
    out = patterns.signature.sub("", out)
    if out == text:
        return None
    lines = out.rstrip().split("\n")
    return "\n".join(lines[: _skip_contacts(lines, len(lines))]).strip()


def _skip_contacts(lines: list[str], end: int) -> int:
    """Index after the last line that is not blank, a rule, or a phone / e-mail / web address line."""
    while end > 0 and (_RULE.fullmatch(lines[end - 1]) or _CONTACT.fullmatch(lines[end - 1])):
        end -= 1
    return end


def _name_line(line: str) -> bool:
    """A short line that can be a name or a job title under a sign-off: "Jan Kowalski", "Anna R."."""
    words = line.split()
    return 0 < len(words) <= 5 and words[0][0].isupper() and not any(ch.isdigit() or ch in "!?" for ch in line)


def _capitalised(name: str | None) -> bool:
    return not name or all(word[0].isupper() for word in name.split())
