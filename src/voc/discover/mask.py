"""What carries no theme, taken out of a comment before its sentence embedding (discovery; reads the comments' text, adds nothing).

- links, @handles and the # of hashtags: a tweet to @united and one to @delta
  about the same lost bag are one theme;
- terms in at least ``DOMINANT`` of the corpus's comments ("united", "flight",
  "hotel", "сбербанк"), learned per corpus when the model is fitted and kept
  with it: the brand or the domain that every comment shares would otherwise
  pull them all together, so complaints split by who they are about instead of
  by what went wrong. 0.1 was chosen on the tune half of our labelled aspect
  sets (benchmarks/topics_ami.py): +0.004 mean AMI over no such masking.

Greetings and sign-offs are already out of `text` (the clean step) and out of
the features (features.py).
"""

from __future__ import annotations

import re

DOMINANT = 0.1  # share of comments a term must be in to be masked
MIN_LETTERS = 4  # shorter words are function words the encoder reads as such, not brands
MIN_COMMENTS = 5  # a few dozen comments: a word in two of them is no corpus-wide brand

_NOISE = re.compile(r"https?://\S+|www\.\S+|@\w+", re.IGNORECASE)
_WORD = re.compile(r"#?\w+")


class ThemeMask:
    def __init__(self, dominant: float = DOMINANT) -> None:
        self.dominant = dominant

    def fit(self, texts: list[str]) -> "ThemeMask":
        counts: dict[str, int] = {}
        for text in texts:
            for term in {_key(w) for w in _WORD.findall(_NOISE.sub(" ", text))}:
                counts[term] = counts.get(term, 0) + 1
        floor = max(self.dominant * len(texts), MIN_COMMENTS)
        # sorted: the same corpus gives the same pickled model, byte for byte
        self.terms_ = sorted(t for t, n in counts.items() if n >= floor and len(t) >= MIN_LETTERS and not t.isdigit())
        self._set = frozenset(self.terms_)
        return self

    def __call__(self, text: str) -> str:
        terms = getattr(self, "_set", None) or frozenset(getattr(self, "terms_", ()))
        kept = _WORD.sub(lambda m: " " if _key(m.group(0)) in terms else m.group(0).lstrip("#"), _NOISE.sub(" ", text))
        return " ".join(kept.split())

    def __getstate__(self) -> dict:
        return {k: v for k, v in self.__dict__.items() if k != "_set"}


def _key(word: str) -> str:
    return word.lstrip("#").casefold()
