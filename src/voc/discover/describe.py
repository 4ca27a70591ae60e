"""Describe discovered topics so a person can read them (reads the analysed rows and their topic).

For each topic: a label of its most distinctive words in each language it
speaks (up to three each, as customers wrote them), its top words in each language present, the shortest clear
comments as examples, its size, the share of negative comments, the mix of
service and experience, and which taxonomy topics it overlaps.

Words are shown as customers wrote them in that topic: a lemma's base form
where someone wrote it ("obsługa", not the folded "obsluga"), else its most
frequent written form ("negozio", not the lemma "negoziare"; "commessi", not
"commettere"). Spellings that differ only in diacritics are one word, shown
with them; lower-case unless most of its occurrences are capitalised; ties go
to the alphabetically first form.

A theme is new (on a first fit; with a saved model weekly.py says what is
new) unless one taxonomy topic covers more than half of its comments (``COVERED_ABOVE``): then a taxonomy report already counts most of it.
That is the topic the taxonomy itself tagged most where it tagged more than
half; otherwise a comment also counts as covered by a taxonomy topic when it
mentions a concept that, in the comments of *other* topics, comes with that
taxonomy topic more than half the time (over at least ``MIN_SUPPORT`` tagged
comments): Italian "scortese" may be missing from the taxonomy's terms, but
the concept it shares with "rude" and "nieuprzejmy" is staff_attitude
elsewhere in the export. Other topics only, so a new theme cannot vouch for
itself.
"""

from __future__ import annotations

import math
from collections import Counter
from dataclasses import dataclass, field

from voc.analyse.text import fold
from voc.discover.features import CONCEPT, LEMMA, model_view, split_surface

OUTLIER = -1
COVERED_ABOVE = 0.5  # a clear majority: at exactly half, half the theme is still invisible to the taxonomy
MIN_SUPPORT = 5  # tagged comments elsewhere before a concept speaks for a taxonomy topic; fewer is anecdote
LABEL_WORDS = 3  # words per language in a label: two may not say what went wrong, four is a sentence
LABEL_MIN_COMMENTS = 2
LABEL_MIN_SHARE = 0.1


@dataclass
class TopicSummary:
    topic: int
    label: str
    size: int
    share: float
    languages: dict[str, int]
    terms: dict[str, list[str]]
    examples: list[str]
    negative_share: float
    scope_mix: dict[str, float]
    taxonomy: list[tuple[str, float]]
    new: bool
    covered_by: tuple[str, float] | None = None  # the taxonomy topic that covers it, and the share it covers
    first_seen: str = ""  # the ISO week a saved model first saw it (weekly.py); "" for outliers
    members: list[int] = field(default_factory=list, repr=False)


def describe(rows: list[dict], assigned: list[int], features: list[list[str]], covered_above: float = COVERED_ABOVE) -> list[TopicSummary]:
    """``rows`` hold language, text, sentiment, scope and topics per comment."""
    by_topic: dict[int, list[int]] = {}
    for i, t in enumerate(assigned):
        by_topic.setdefault(t, []).append(i)
    plain = [model_view(f) for f in features]
    counts = {t: Counter(f for i in members for f in plain[i]) for t, members in by_topic.items()}
    doc_freq = Counter(f for c in counts.values() for f in c)
    n_topics = len(counts)
    coverage = _Coverage(rows, plain)

    def weight(topic: int, feature: str) -> float:
        c = counts[topic]
        return c[feature] / max(sum(c.values()), 1) * math.log(1 + n_topics / doc_freq[feature])

    summaries = []
    total = len(assigned)
    for topic, members in sorted(by_topic.items(), key=lambda kv: (kv[0] == OUTLIER, -len(kv[1]))):
        ranked = sorted(counts[topic], key=lambda f: -weight(topic, f))
        written = _written_forms(features, members)
        languages = Counter(rows[i]["language"] for i in members)
        terms = {
            lang: _unique(written(f) for f in ranked if f.startswith(f"{LEMMA}{lang}:"))[:6]
            for lang in sorted(languages)
            if lang in ("it", "pl", "ru", "en")
        }
        label = "outliers" if topic == OUTLIER else _label(terms, languages, ranked, written) or f"topic {topic}"
        taxonomy = Counter(t for i in members for t in set(rows[i]["topics"] or ()))
        overlap = [(t, round(n / len(members), 3)) for t, n in sorted(taxonomy.items(), key=lambda kv: (-kv[1], kv[0]))[:3]]
        covered = None if topic == OUTLIER else coverage.best(members, covered_above)
        scopes = Counter(rows[i]["scope"] for i in members if rows[i]["scope"])
        summaries.append(
            TopicSummary(
                topic=topic,
                label=label,
                size=len(members),
                share=round(len(members) / total, 4),
                languages=dict(languages.most_common()),
                terms=terms,
                examples=_examples(rows, members),
                negative_share=round(sum(rows[i]["sentiment"] == "negative" for i in members) / len(members), 3),
                scope_mix={s: round(n / max(sum(scopes.values()), 1), 3) for s, n in scopes.most_common()},
                taxonomy=overlap,
                new=topic != OUTLIER and covered is None,
                covered_by=covered,
                members=members,
            )
        )
    return summaries


class _Coverage:
    """Which taxonomy topic covers a set of comments, directly or through the concepts they mention."""

    def __init__(self, rows: list[dict], plain: list[list[str]]) -> None:
        self.topics = [frozenset(r["topics"] or ()) for r in rows]
        self.concepts = [frozenset(f[len(CONCEPT):] for f in p if f.startswith(CONCEPT)) for p in plain]
        self.tagged, self.together = self._count(range(len(rows)))

    def _count(self, comments) -> tuple[Counter, dict[str, Counter]]:  # noqa: ANN001 - any iterable of row numbers
        tagged: Counter = Counter()
        together: dict[str, Counter] = {}
        for i in comments:
            if self.topics[i]:
                for c in self.concepts[i]:
                    tagged[c] += 1
                    together.setdefault(c, Counter()).update(self.topics[i])
        return tagged, together

    def best(self, members: list[int], covered_above: float) -> tuple[str, float] | None:
        direct = self._majority(Counter(t for i in members for t in self.topics[i]), len(members), covered_above)
        if direct:  # the taxonomy's own tags suffice: covered_by then agrees with taxonomy_overlap
            return direct
        inside_tagged, inside_together = self._count(members)
        speaks_for: dict[str, str] = {}  # concept -> the taxonomy topic it comes with in other topics' comments
        for c in set().union(*(self.concepts[i] for i in members)):
            tagged = self.tagged[c] - inside_tagged[c]
            if tagged < MIN_SUPPORT:
                continue
            elsewhere = self.together[c] - inside_together.get(c, Counter())
            topic, n = min(elsewhere.items(), key=lambda kv: (-kv[1], kv[0]))
            if n * 2 > tagged:
                speaks_for[c] = topic
        covered: Counter = Counter()
        for i in members:
            covered.update(self.topics[i] | {speaks_for[c] for c in self.concepts[i] if c in speaks_for})
        return self._majority(covered, len(members), covered_above)

    @staticmethod
    def _majority(covered: Counter, size: int, covered_above: float) -> tuple[str, float] | None:
        if not covered:
            return None
        topic, n = min(covered.items(), key=lambda kv: (-kv[1], kv[0]))
        return (topic, round(n / size, 3)) if n / size > covered_above else None


def _written_forms(features: list[list[str]], members: list[int]):  # noqa: ANN202 - feature -> word to show
    seen: dict[str, Counter] = {}
    for i in members:
        for f in features[i]:
            key, written = split_surface(f)
            if written:
                seen.setdefault(key, Counter())[written] += 1

    def written(feature: str) -> str:
        _, lang, lemma = feature.split(":", 2)
        return _usual_form(seen.get(feature, Counter()), lemma, lang)

    return written


def _usual_form(spellings: Counter, lemma: str, lang: str) -> str:
    """How a lemma is shown: its base form where customers wrote it ("obsługa" for "obsluga"), else
    its most frequent written form ("negozio" for "negoziare"). Spellings that differ only in
    diacritics count as one word, shown with them; lower-case unless most occurrences are
    capitalised; ties go to the alphabetically first form."""
    if not spellings:
        return lemma
    lowered: Counter = Counter()
    folded: Counter = Counter()
    for word, n in spellings.items():
        lowered[word.lower()] += n
        folded[fold(word.lower(), lang)] += n
    word = min(folded, key=lambda w: (w != lemma, -folded[w], w))
    lower = min((w for w in lowered if fold(w, lang) == word), key=lambda w: (fold(w, lang) == w, -lowered[w], w))
    capitalised = {w: n for w, n in spellings.items() if w.lower() == lower and w != lower}
    if sum(capitalised.values()) * 2 > lowered[lower]:
        return min(capitalised, key=lambda w: (-capitalised[w], w))
    return lower


def _label(terms: dict[str, list[str]], languages: Counter, ranked: list[str], written) -> str:  # noqa: ANN001
    """The topic's most distinctive words in each language it speaks: "en: parcel, courier, late ·
    it: corriere, pacco" (no prefix when one language speaks). A language speaks with at least
    ``LABEL_MIN_COMMENTS`` comments and ``LABEL_MIN_SHARE`` of the topic's (a stray comment in
    another language is no part of its name), the four largest at most, ``LABEL_WORDS`` words each.
    A topic without such words (only concepts or taxonomy features) is named by its concepts."""
    size = sum(languages.values())
    speaking = [lang for lang, n in sorted(languages.items(), key=lambda kv: (-kv[1], kv[0]))
                if terms.get(lang) and n >= LABEL_MIN_COMMENTS and n >= LABEL_MIN_SHARE * size][:4]  # fmt: skip
    if len(speaking) == 1:
        return ", ".join(terms[speaking[0]][:LABEL_WORDS])
    if speaking:
        return " · ".join(f"{lang}: {', '.join(terms[lang][:LABEL_WORDS])}" for lang in speaking)
    parts = [f[len(CONCEPT):].replace("_", " ") for f in ranked if f.startswith(CONCEPT)][:2]
    for word in (written(f) for f in ranked if f.startswith(LEMMA)):
        if len(parts) >= 3:
            break
        if word not in parts:  # "fee / order / fee" reads as a stutter
            parts.append(word)
    return " / ".join(parts)


def _unique(words) -> list[str]:  # noqa: ANN001 - an iterable of words
    return list(dict.fromkeys(words))


def _examples(rows: list[dict], members: list[int], k: int = 3) -> list[str]:
    """The shortest clear comments: long enough to say something, one per language first."""
    clear = sorted((i for i in members if 25 <= len(rows[i]["text"] or "") <= 240), key=lambda i: len(rows[i]["text"]))
    if not clear:
        clear = sorted(members, key=lambda i: -len(rows[i]["text"] or ""))
    picked, seen = [], set()
    for i in clear:
        if rows[i]["language"] not in seen:
            picked.append(i)
            seen.add(rows[i]["language"])
    picked += [i for i in clear if i not in picked]
    return [" ".join((rows[i]["text"] or "").split()) for i in picked[:k]]

