"""Strip what confuses a language detector and carries no language.

URLs, e-mail addresses, @mentions, the ``RT`` of retweets, digits, emoji and
punctuation are all shared across languages, yet n-gram detectors score them
(a Russian tweet full of Latin-script links looks partly English). Hashtags
lose only their ``#``: the word is often the most telling one in a tweet.
"""

from __future__ import annotations

import re

_NOISE = re.compile(
    r"""
      (?:https?://|ftp://|www\.)\S+           # URLs
    | \b[\w.+-]+@[\w-]+(?:\.[\w-]+)+\b        # e-mail addresses
    | (?<![\w@])@\w+                          # @mentions
    | (?<!\w)RT(?!\w)                         # retweet marker
    """,
    re.VERBOSE,
)
# Everything that is not a letter (or an apostrophe inside a word, as in
# "l'hotel", "don't") becomes a space: digits, "_", emoji, symbols, punctuation.
_NON_LETTERS = re.compile(r"(?:[^\w'’]|[\d_])+|(?<!\w)['’]|['’](?!\w)")


def clean_for_detection(text: str | None, max_chars: int = 1000) -> str:
    """Return the letters-only core of ``text`` used for language detection.

    Only the first ``max_chars`` characters are looked at: the language of a
    long comment is clear long before its end, and a 1 MB text must not cost
    more than a short one.
    """
    if not text:
        return ""
    text = text[: max_chars * 2]  # noise removal shortens it; keep some slack
    if "@" in text or "://" in text or "www." in text or "RT" in text:  # the only ways _NOISE can match
        text = _NOISE.sub(" ", text)
    text = _NON_LETTERS.sub(" ", text)
    return " ".join(text.split())[:max_chars]


def has_signal(cleaned: str) -> bool:
    """True when some word has two letters or more: "n/a", "x", "-" carry no language."""
    return any(len(word) >= 2 for word in cleaned.split())
