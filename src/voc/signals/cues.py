"""Signal cues found in a parsed item (part of the signals step; reads `_parsed`, adds nothing itself).

A cue is a term of lexicons/<lang>/{intent,emotion,churn,effort}.tsv found in
one clause. Like sentiment words, a cue is *negated* when a negator stands
up to ``window`` words before it in the same clause (negation does not cross
punctuation), unless the term carries its own negation ("never again",
"nie wrócę"): rules.py decides what a negated cue means for each signal.
"""

from __future__ import annotations

from dataclasses import dataclass

from voc.analyse.lexicon import SIGNAL_VALUES, Lexicon
from voc.analyse.text import Parsed, Token


@dataclass(frozen=True, slots=True)
class Cue:
    signal: str  # intent, emotion, churn or effort
    value: str  # the lexicon's first field: request, anger, leave, contact...
    term: str  # as written in the lexicon, for evidence
    clause: int
    position: int  # token index within the clause
    negated: bool
    end: int = 0  # the token index after the term
    written: str = ""  # the lexicon's term when ``term`` shows the words matched instead (Pattern.shown)


def find_cues(parsed: Parsed, lexicon: Lexicon, window: int = 3) -> list[Cue]:
    """Every cue of every signal, clause by clause, signal by signal, left to right; within a signal the longest
    term wins where terms overlap, and terms of equal length at one place each count once per value."""
    found = []
    for index, clause in enumerate(parsed.clauses):
        tokens = clause.tokens
        by_signal: dict[str, list[Cue]] = {}
        free: dict[str, int] = {}  # per signal, the first position not inside a term already found
        for i in range(len(tokens)):
            here: dict[str, tuple[int, set[str]]] = {}  # per signal, the span of the term taken at i and its values
            for pattern in lexicon.signals.at(tokens, i):  # longest first
                signal, value = pattern.value
                span = len(pattern.elements)
                # A word may play two roles of one signal: "comprerò" is a return cue ("non comprerò più")
                # and a custom cue ("comprerò su altri siti"); a term as long as the one taken here keeps both.
                taken = here.get(signal)
                if i < free.get(signal, 0) and not (taken and taken[0] == span and value not in taken[1]):
                    continue
                here.setdefault(signal, (span, set()))[1].add(value)
                own = any(lexicon.negators.at(tokens, k) for k in range(i, i + span))
                negated = not own and negated_at(tokens, i, lexicon, window)
                shown = pattern.shown(tokens, i)
                by_signal.setdefault(signal, []).append(Cue(signal, value, shown, index, i, negated, i + span, pattern.term))
                free[signal] = i + span
        for signal in SIGNAL_VALUES:
            found += by_signal.get(signal, ())
    return found


def negated_at(tokens: list[Token], i: int, lexicon: Lexicon, window: int) -> bool:
    for j in range(i - 1, max(0, i - window) - 1, -1):
        if tokens[j].punct:
            return False
        if lexicon.negators.at(tokens, j):
            return True
    return False
