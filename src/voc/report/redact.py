"""Remove personal data from text before it leaves voc in a report.

Customers paste their e-mail address, phone number, IBAN or card number into
comments. Reports quote comments as examples and travel by e-mail, so these
are replaced by a placeholder naming what was there ("[email]", "[phone]",
"[iban]", "[card]"). Over-redacting a long order number is cheaper than
mailing a customer's phone number around, but dates, prices and short numbers
stay (they are what the report is about).

Formats covered: e-mail addresses; phone numbers as written in Italy (+39 333
123 4567, 06 1234 5678), Poland (+48 600 000 000, 22 123 45 67), Russia (+7
(912) 345-67-89, 8 800 555-35-35) and the UK/US (+44 20 7946 0958, (555)
123-4567): 9 to 15 digits with an optional +country code, grouped by spaces,
dashes, dots or brackets; IBANs of any country (two letters, two check digits,
11-30 more, optionally in groups of four); card numbers of 13-19 digits that
pass the Luhn check.
"""

from __future__ import annotations

import re

EMAIL = "[email]"
PHONE = "[phone]"
IBAN = "[iban]"
CARD = "[card]"

_EMAIL = re.compile(r"(?<![\w.+-])[\w.+-]+@[\w-]+(?:\.[\w-]+)*\.[A-Za-z]{2,}\b")
_IBAN = re.compile(r"\b[A-Z]{2}\d{2}(?:[ ]?[A-Z0-9]{4}){2,7}(?:[ ]?[A-Z0-9]{1,4})?\b")
# Digits in groups: a run that starts with + or a digit (or an opening bracket),
# with separators between groups. Its digit count decides what it is.
_NUMBER_RUN = re.compile(r"(?<![\w+])(?:\+|\(\+?)?\d[\d\s().\-]{7,24}\d(?![\w])")
_DATE_LIKE = re.compile(r"^\d{1,4}[./-]\d{1,2}[./-]\d{1,4}$")
_PRICE_LIKE = re.compile(r"^\d{1,3}(?:[.,\s]\d{3})+(?:[.,]\d{1,2})?$")


def redact(text: str | None) -> str | None:
    """``text`` with e-mail addresses, IBANs, card and phone numbers replaced."""
    if not text:
        return text
    text = _EMAIL.sub(EMAIL, text)
    text = _IBAN.sub(_iban, text)
    return _NUMBER_RUN.sub(_number, text)


def redact_email(text: str | None) -> str | None:
    """Only e-mail addresses: for ids, whose long numbers are what finds the ticket again."""
    return _EMAIL.sub(EMAIL, text) if text else text


def _iban(match: re.Match) -> str:
    compact = match.group(0).replace(" ", "")
    return IBAN if 15 <= len(compact) <= 34 and any(c.isdigit() for c in compact[4:]) else match.group(0)


def _number(match: re.Match) -> str:
    run = match.group(0)
    stripped = run.strip()
    digits = re.sub(r"\D", "", run)
    if _DATE_LIKE.match(stripped) or _PRICE_LIKE.match(stripped):
        return run
    if 13 <= len(digits) <= 19 and _luhn(digits) and not stripped.startswith(("+", "(")):
        return CARD
    if 9 <= len(digits) <= 15:
        return PHONE
    return run


def _luhn(digits: str) -> bool:
    total = 0
    for i, ch in enumerate(reversed(digits)):
        d = int(ch)
        if i % 2:
            d = d * 2 - 9 if d > 4 else d * 2
        total += d
    return total % 10 == 0
