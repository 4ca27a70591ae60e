"""The rules that turn cues into the four signals (part of the signals step; see stage.py for the columns).

Each rule is written next to the reason for it; benchmarks/signals/GUIDELINES.md
defines the labels and benchmarks/signals.py measures the rules against them.

- intent: the first of request > question > suggestion > complaint > praise >
  other that applies, because the main intent is what the writer wants done.
  An `imperative` cue (a bare verb with its object: "cancel my", "refund
  me") is a request only at the start of its clause, where a verb without a
  subject gives an order.
  A question is a question cue, or a clause with "?" that neither vents (an
  anger or complaint cue, or "!": "why is it always late?!") nor proposes or
  asks for something ("why not add...?", "could you send...?"). A complaint
  is a complaint cue or a negative clause, praise a praise cue or a positive
  clause; with both kinds of clause, the side the text ends on.
- emotion: the value with most cues; between equals, the later one (the text
  ends on it). Shouting (a capitalised word of 4 letters or more: shorter ones
  are mostly acronyms) or "!!" in a negative clause counts as one anger cue.
  With no cue, a complaint's feeling is disappointment and praise's joy: a
  request or question stated flatly expresses none.
- churn_risk: a `leave` cue, a negated `return` cue ("won't come back"), an
  `end` and a `relationship` cue in one clause ("cancel ... contract"), or a
  `switch` cue followed closely (REACH) by a `rival` ("switching to a
  competitor", "taking my business elsewhere") or a `firm` ("switch banks",
  "move to another provider", "cambio gestore"), none of them in a clause
  with an `averted` cue ("almost switched"). Switching needs its object: "they
  switched my flight" and "change the date" are not leaving. A `custom` cue (doing
  one's business: buy, order, book, bank, shop) followed closely by a `rival`
  ("booking with your competitor", "robię zakupy gdzie indziej") is leaving too;
  a `firm` does not complete it ("we fly with this airline" is loyalty).
- effort: an `effort` cue, or a `contact` and a `repeat` cue in one clause
  ("called ... again").
Negated cues count for nothing, except `return` cues, which count only negated.
"""

from __future__ import annotations

from dataclasses import dataclass

from voc.analyse.text import Parsed
from voc.signals.cues import Cue

SHOUT = 4  # letters a shouted word needs: shorter capitals are mostly acronyms ("УЗИ", "ATM", "SIM")
# Words at most between a switch (or custom) cue and its rival or firm: "switching to a cheaper provider", "take my business
# elsewhere", "przejdę do innego operatora", but not "they switched my flight to another airline".
REACH = 3
PRECEDENCE = ("request", "question", "suggestion", "complaint", "praise")  # the intents in this order; else "other"


@dataclass(frozen=True, slots=True)
class Signals:
    intent: str
    emotion: str
    churn_risk: bool
    effort: str
    evidence: str  # "" when nothing beyond the defaults was found


def decide(parsed: Parsed, cues: list[Cue], clause_scores: list[float], threshold: float = 0.25) -> Signals:
    live = [c for c in cues if not c.negated]
    intent, intent_why = _intent(parsed, live, clause_scores, threshold)
    emotion, emotion_why = _emotion(parsed, live, clause_scores, threshold, intent)
    churn_why = _churn(cues)
    effort_why = _effort(live)
    parts = [f"intent={intent} ({intent_why})" if intent_why else "",
             f"emotion={emotion} ({emotion_why})" if emotion_why else "",
             f"churn ({churn_why})" if churn_why else "",
             f"effort ({effort_why})" if effort_why else ""]  # fmt: skip
    evidence = ", ".join(p for p in parts if p)
    return Signals(intent, emotion, bool(churn_why), "high" if effort_why else "normal", evidence)


def _intent(parsed: Parsed, live: list[Cue], scores: list[float], threshold: float) -> tuple[str, str]:
    terms: dict[str, list[str]] = {}
    for cue in live:
        if cue.signal == "intent" and cue.value == "imperative":
            # A bare verb asks for something only where it opens its sentence or clause: "Cancel my order."
            # and "... but refund me", not "the delay meant I had to cancel my trip".
            if cue.position == 0 and _bare(parsed, cue):
                terms.setdefault("request", []).append(cue.term)
        elif cue.signal == "intent":
            terms.setdefault(cue.value, []).append(cue.term)
    # A "?" clause that vents (angry, shouting, a complaint phrase) or already proposes or asks for
    # something ("why not add...?", "could you send...?") is not a question for information.
    other = {c.clause for c in live if (c.signal == "emotion" and c.value == "anger")
             or (c.signal == "intent" and c.value in ("complaint", "suggestion", "request"))}  # fmt: skip
    for index, clause in enumerate(parsed.clauses):
        if clause.question and "question" not in terms:
            if not (clause.exclamations or index in other):
                terms["question"] = ["?"]
    negative = [i for i in range(len(parsed.clauses)) if _score(scores, i) <= -threshold]
    positive = [i for i in range(len(parsed.clauses)) if _score(scores, i) >= threshold]
    # Mixed opinion: the side the writer ends on ("I almost closed my account, but they refunded me
    # within the hour" is praise; "lovely room, terrible breakfast" a complaint).
    if negative and (not positive or max(negative) > max(positive)):
        terms.setdefault("complaint", ["negative clause"])
    if positive:
        terms.setdefault("praise", ["positive clause"])
    for intent in PRECEDENCE:
        if intent in terms:
            return intent, _listed(terms[intent])
    return "other", ""


def _emotion(parsed: Parsed, live: list[Cue], scores: list[float], threshold: float, intent: str) -> tuple[str, str]:
    counts: dict[str, int] = {}
    last: dict[str, tuple[int, int]] = {}
    terms: dict[str, list[str]] = {}
    for cue in live:
        if cue.signal == "emotion" and cue.value != "none":  # "none" terms are politeness formulas ("thanks in advance")
            counts[cue.value] = counts.get(cue.value, 0) + 1
            last[cue.value] = (cue.clause, cue.position)
            terms.setdefault(cue.value, []).append(cue.term)
    for index, clause in enumerate(parsed.clauses):
        shouted = any(t.caps and len(t.text) >= SHOUT for t in clause.tokens) or clause.exclamations >= 2
        if shouted and _score(scores, index) <= -threshold:
            counts["anger"] = counts.get("anger", 0) + 1
            last["anger"] = max(last.get("anger", (-1, -1)), (index, len(clause.tokens)))
            terms.setdefault("anger", []).append("shouting")
    if counts:
        best = max(counts, key=lambda v: (counts[v], last[v]))
        return best, _listed(terms[best])
    if intent == "complaint":
        return "disappointment", ""
    if intent == "praise":
        return "joy", ""
    return "none", ""


def _churn(cues: list[Cue]) -> str:
    averted = {c.clause for c in cues if c.signal == "churn" and c.value == "averted" and not c.negated}
    churn = [c for c in cues if c.signal == "churn" and c.clause not in averted]
    for cue in churn:
        if cue.value == "leave" and not cue.negated:
            return cue.term
        if cue.value == "return" and cue.negated:
            return f"not {cue.term}"
    for end in churn:
        if end.value == "end" and not end.negated:
            tied = next((c for c in churn if c.value == "relationship" and c.clause == end.clause), None)
            if tied is not None:
                return f"{end.term} + {tied.term}"
    for move in churn:
        if move.value == "switch" and not move.negated:
            to = next((c for c in churn if c.value in ("rival", "firm") and c.clause == move.clause and 0 <= c.position - move.end <= REACH), None)
            if to is not None:
                return f"{move.term} + {to.term}"
    # Doing one's business with someone else: "I'll be booking with your competitor", "zamawiam już gdzie
    # indziej". Only a rival completes it: "we fly with this airline every month" is loyalty, not leaving.
    for use in churn:
        if use.value == "custom" and not use.negated:
            to = next((c for c in churn if c.value == "rival" and c.clause == use.clause and 0 <= c.position - use.end <= REACH), None)
            if to is not None:
                return f"{use.term} + {to.term}"
    return ""


def _effort(live: list[Cue]) -> str:
    effort = [c for c in live if c.signal == "effort"]
    for cue in effort:
        if cue.value == "effort":
            return cue.term
    for contact in effort:
        if contact.value == "contact":
            repeat = next((c for c in effort if c.value == "repeat" and c.clause == contact.clause), None)
            if repeat is not None:
                return f"{contact.term} + {repeat.term}"
    return ""


def _bare(parsed: Parsed, cue: Cue) -> bool:
    """Whether the cue's first word is written as in the lexicon: the bare verb "cancel", not "cancelled" or
    "cancelling", which the lemma would also match."""
    written = (cue.written or cue.term).split()[0].lower().split("|")
    return parsed.clauses[cue.clause].tokens[cue.position].form in written


def _score(scores: list[float], index: int) -> float:
    return scores[index] if index < len(scores) else 0.0


def _listed(terms: list[str]) -> str:
    return ", ".join(dict.fromkeys(terms))
