"""Describe discovered topics so a person can read them (reads the analysed rows and their topic).

For each topic: a label from its most distinctive features (concepts first,
then words), its top words in each language present, the shortest clear
comments as examples, its size, the share of negative comments, the mix of
service and experience, and which taxonomy topics it overlaps. A theme that
no taxonomy topic covers for at least half its comments is flagged as new.
"""

from __future__ import annotations

import math
from collections import Counter
from dataclasses import dataclass, field

from voc.discover.features import CONCEPT, LEMMA

OUTLIER = -1


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
    members: list[int] = field(default_factory=list, repr=False)


def describe(rows: list[dict], assigned: list[int], features: list[list[str]], new_below: float = 0.5) -> list[TopicSummary]:
    """``rows`` hold language, text, sentiment, scope and topics per comment."""
    by_topic: dict[int, list[int]] = {}
    for i, t in enumerate(assigned):
        by_topic.setdefault(t, []).append(i)
    counts = {t: Counter(f for i in members for f in features[i]) for t, members in by_topic.items()}
    doc_freq = Counter(f for c in counts.values() for f in c)
    n_topics = len(counts)

    def weight(topic: int, feature: str) -> float:
        c = counts[topic]
        return c[feature] / max(sum(c.values()), 1) * math.log(1 + n_topics / doc_freq[feature])

    summaries = []
    total = len(assigned)
    for topic, members in sorted(by_topic.items(), key=lambda kv: (kv[0] == OUTLIER, -len(kv[1]))):
        ranked = sorted(counts[topic], key=lambda f: -weight(topic, f))
        languages = Counter(rows[i]["language"] for i in members)
        terms = {
            lang: [f.split(":", 2)[2] for f in ranked if f.startswith(f"{LEMMA}{lang}:")][:6]
            for lang in sorted(languages)
            if lang in ("it", "pl", "ru", "en")
        }
        parts = [f[len(CONCEPT):] for f in ranked if f.startswith(CONCEPT)][:2]
        for word in (f.split(":", 2)[2] for f in ranked if f.startswith(LEMMA)):
            if len(parts) >= 3:
                break
            if word not in parts:  # "fee / order / fee" reads as a stutter
                parts.append(word)
        label = "outliers" if topic == OUTLIER else " / ".join(parts) or f"topic {topic}"
        taxonomy = Counter(t for i in members for t in set(rows[i]["topics"] or ()))
        overlap = [(t, round(n / len(members), 3)) for t, n in taxonomy.most_common(3)]
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
                new=topic != OUTLIER and (not overlap or overlap[0][1] < new_below),
                members=members,
            )
        )
    return summaries


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

