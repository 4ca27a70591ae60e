"""Remove personal data from text before it leaves voc in a report.

Report step (build): reads the quoted example comments and their ``voc_id``;
adds no column. Customers paste their e-mail address, phone number, IBAN or
card number into comments. Reports quote comments as examples and travel by
e-mail, so these are replaced by a placeholder naming what was there
("[email]", "[phone]", "[iban]", "[card]"). Over-redacting a long order number
is cheaper than mailing a customer's phone number around, but dates, prices and
short numbers stay (they are what the report is about).

Formats covered: e-mail addresses; IBANs of any country (two letters, two check
digits, 11-30 more, optionally in groups of four); card numbers of 13-19 digits
that pass the Luhn check; phone numbers as written in Italy, Poland, Russia,
the UK and the US, found two ways and merged:

- libphonenumber's ``PhoneNumberMatcher`` at leniency VALID for each region of
  ``lexicons/redact.toml`` (``601 234 567``, ``8 (912) 345-67-89``,
  ``02/12345678``, ``+44 (0)7911 123456``). POSSIBLE also takes "1 299" and
  "11.2026" for numbers, so it is not used;
- a run of 9-15 digits grouped by spaces, dashes, dots, slashes or brackets,
  with an optional + or 00: it catches what the library calls invalid (fictional
  ranges, the old Polish "0 22 ..."). A run in thousands groups ending in 000
  ("100 000 000") is left to the library alone;
- a 7-8 digit local number ("123-45-67", "555-0142") right after a word that
  announces a phone ("tel.", "тел.", "cell", lexicons/redact.toml).

Dates, and runs next to a currency or with a decimal part ("125 000 000 zł",
"1 250 000,00"), are amounts and stay, whichever way found them. Overlapping
finds are merged into one placeholder, so no digit of a number survives.

Measured (issue 11) on tests/report/test_redact.py's tables, 59 phone numbers
and 26 sentences of prices, dates, order numbers and postal codes, then on 35
numbers and 25 such sentences written apart from the tests: numbers redacted
whole / sentences changed by mistake.

    approach                          tables        held out
    hand-written before issue 11      52/59  1/26   32/35  0/25
    hand-written rules alone          59/59  0/26   34/35  1/25
    library alone, VALID              56/59  3/26   35/35  3/25
    library alone, POSSIBLE           59/59 16/26   35/35 17/25
    both (this module)                59/59  0/26   35/35  1/25

The library alone misses local numbers and fictional ranges and takes
"125 000 000 zł" and "12.11.2026 9" for numbers; the rules alone miss a
"600 000 000" written without +. The one held-out mistake of both is an order
number "2026/000123", a valid US number. Speed on one shared, loaded core, best
of 5: both 2,800 comments/s when every comment holds digits, 75,000/s when none
does (rules alone 50,000/s, library alone 650/s); reports redact a few dozen
quoted comments, so this is ample.
"""

from __future__ import annotations

import re
import tomllib
from functools import cache
from typing import NamedTuple

import phonenumbers

from voc.core.resources import lexicon_path

EMAIL = "[email]"
PHONE = "[phone]"
IBAN = "[iban]"
CARD = "[card]"
_KEEP = "keep"

_EMAIL = re.compile(r"(?<![\w.+-])[\w.+-]+@[\w-]+(?:\.[\w-]+)*\.[A-Za-z]{2,}\b")
_IBAN = re.compile(r"\b[A-Z]{2}\d{2}(?:[ ]?[A-Z0-9]{4}){2,7}(?:[ ]?[A-Z0-9]{1,4})?\b")
# Digits in groups: a run that starts with + or a digit (or an opening bracket),
# with separators between groups; a slash only between digits (02/12345678), so
# "333 1234567 / 06 1234567" stays two runs. Never across a line, never into a
# time ("2026-11-02 14:30" ends at the date). Its digit count decides what it is.
_NUMBER_RUN = re.compile(r"(?<![\w+])(?:\+|\(\+?)?\d(?:[\d().\-]|[^\S\n]|/(?=\d)){7,24}\d(?![\w:])")
_SHORT_RUN = r"\(?\d(?:[\d().\-]|[^\S\n]){5,10}\d(?![\w:])"
_DIGITS_IN_A_ROW = re.compile(r"\d(?:[\d().\-/]|[^\S\n]){4,}\d")
# day.month.year or year-month-day; "123-45-67" is a phone, not a date
_DATE_LIKE = re.compile(r"^(?:\d{1,2}([./-])\d{1,2}\1\d{2}(?:\d{2})?|\d{4}([./-])\d{1,2}\2\d{1,2})$")
_ROUND_THOUSANDS = re.compile(r"^\d{1,3}(?:([.\s])\d{3})(?:\1\d{3})*$")
_DECIMAL_AFTER = re.compile(r"[.,]\d{1,2}(?!\d)")


class _Redaction(NamedTuple):
    regions: tuple[str, ...]
    cued: re.Pattern
    currency_after: re.Pattern
    currency_before: re.Pattern


def redact(text: str | None) -> str | None:
    """``text`` with e-mail addresses, IBANs, card and phone numbers replaced."""
    if not text:
        return text
    text = _EMAIL.sub(EMAIL, text)
    text = _IBAN.sub(_iban, text)
    out, last = [], 0
    for start, end, placeholder in _number_spans(text):
        out += [text[last:start], placeholder]
        last = end
    return "".join(out) + text[last:]


def redact_email(text: str | None) -> str | None:
    """Only e-mail addresses: for ids, whose long numbers are what finds the ticket again."""
    return _EMAIL.sub(EMAIL, text) if text else text


def _iban(match: re.Match) -> str:
    compact = match.group(0).replace(" ", "")
    return IBAN if 15 <= len(compact) <= 34 and any(c.isdigit() for c in compact[4:]) else match.group(0)


def _number_spans(text: str) -> list[tuple[int, int, str]]:
    """Sorted, non-overlapping (start, end, placeholder) of the card and phone numbers in ``text``."""
    runs = [(m.start(), m.end(), _kind(m, text)) for m in _NUMBER_RUN.finditer(text)]
    amounts = [(s, e) for s, e, kind in runs if kind == _KEEP]
    spans = [(s, e, kind) for s, e, kind in runs if kind in (PHONE, CARD)]
    decided = [(s, e) for s, e, kind in runs if kind is not None]
    for start, end in _cued(text) + _library(text, decided):
        if any(start < e and s < end for s, e in amounts):
            continue
        # widen to the whole run it touches, so no digit of the number is left behind
        for s, e, _ in runs:
            if s < end and start < e:
                start, end = min(start, s), max(end, e)
        spans.append((start, end, PHONE))
    merged: list[tuple[int, int, str]] = []
    for start, end, kind in sorted(spans):
        if merged and start < merged[-1][1]:
            s, e, k = merged[-1]
            merged[-1] = (s, max(e, end), CARD if k == kind == CARD else PHONE)
        else:
            merged.append((start, end, kind))
    return merged


def _kind(match: re.Match, text: str) -> str | None:
    """What a run of digits is: PHONE, CARD, an amount or date to keep, or None (not sure)."""
    run = match.group(0)
    digits = re.sub(r"\D", "", run)
    # an amount never starts with +, a bracket or 0; a phone number often does
    if _DATE_LIKE.match(run) or (run[0] in "123456789" and _is_amount(text, match.start(), match.end())):
        return _KEEP
    if 13 <= len(digits) <= 19 and digits[0] != "0" and run[0].isdigit() and _luhn(digits):
        return CARD
    if _ROUND_THOUSANDS.match(run) and digits.endswith("000"):
        return None  # "100 000 000 users" or "600 000 000": the library knows which
    return PHONE if 9 <= len(digits) <= 15 else None


def _is_amount(text: str, start: int, end: int) -> bool:
    rules = _rules()
    return bool(
        _DECIMAL_AFTER.match(text, end)
        or rules.currency_after.match(text, end)
        or rules.currency_before.search(text, max(0, start - 6), start)
    )


def _cued(text: str) -> list[tuple[int, int]]:
    """Short local numbers right after a phone word: "тел. 123-45-67", "phone 555-0142"."""
    out = []
    for m in _rules().cued.finditer(text):
        number = m.group(1)
        if 7 <= sum(c.isdigit() for c in number) <= 8 and not _DATE_LIKE.match(number):
            out.append(m.span(1))
    return out


def _library(text: str, decided: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Phone numbers libphonenumber calls valid in one of the regions; only run where the
    rules above left digits undecided (the library is 20 times slower than they are)."""
    if all(any(s <= m.start() and m.end() <= e for s, e in decided) for m in _DIGITS_IN_A_ROW.finditer(text)):
        return []
    found = set()
    for region in _rules().regions:
        for m in phonenumbers.PhoneNumberMatcher(text, region, leniency=phonenumbers.Leniency.VALID):
            found.add((m.start, m.end))
    return sorted(found)


@cache
def _rules() -> _Redaction:
    path = lexicon_path("redact.toml")
    try:
        with path.open("rb") as fh:
            data = tomllib.load(fh)
        regions = tuple(data["regions"])
        cues, currencies = data["phone_cues"], data["currencies"]
    except (OSError, tomllib.TOMLDecodeError, KeyError, TypeError) as exc:
        raise ValueError(f"{path}: cannot read regions, phone_cues and currencies ({exc.__class__.__name__}): reinstall voc or fix the file") from None
    unknown = [r for r in regions if r not in phonenumbers.SUPPORTED_REGIONS]
    if unknown:
        raise ValueError(f"{path}: unknown region {unknown[0]!r}: use a two-letter code libphonenumber knows (GB, not UK)")
    money, words = _alternatives(currencies), _alternatives(cues)
    return _Redaction(
        regions=regions,
        cued=re.compile(rf"(?<!\w)(?:{words})\.?(?:[^\d\n]{{0,12}}?)({_SHORT_RUN})", re.IGNORECASE),
        currency_after=re.compile(rf"[^\S\n]?(?:{money})", re.IGNORECASE),
        # "20 zł 601 234 567": a currency that ends an earlier amount says nothing of what follows
        currency_before=re.compile(rf"(?<!\d)(?<!\d[^\S\n])(?:{money})[^\S\n]?$", re.IGNORECASE),
    )


def _alternatives(entries: list[str]) -> str:
    """Regex alternatives for words; "stem*" matches any word starting so, a symbol matches anywhere."""
    out = []
    for entry in sorted(entries, key=len, reverse=True):
        stem = entry.removesuffix("*")
        word_end = r"\w*" if entry.endswith("*") else r"(?!\w)" if stem[-1].isalnum() else ""
        out.append(re.escape(stem) + word_end)
    return "|".join(out)


def _luhn(digits: str) -> bool:
    total = 0
    for i, ch in enumerate(reversed(digits)):
        d = int(ch)
        if i % 2:
            d = d * 2 - 9 if d > 4 else d * 2
        total += d
    return total % 10 == 0
