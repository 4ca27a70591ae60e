"""Write discovery results: topics.csv, assignments.csv, topics.png, topics.md, and with --topics N hierarchy.csv (each file atomic)."""

from __future__ import annotations

import io
import json
from pathlib import Path

import polars as pl

from voc.discover.describe import OUTLIER, TopicSummary
from voc.write.atomic import AtomicFile
from voc.write.safety import guard_frame


def write_all(
    folder: Path, summaries: list[TopicSummary], assignments: pl.DataFrame, merges: dict[int, list[int]] | None = None, since_model: bool = False
) -> list[Path]:
    """``since_model``: a saved model assigned the topics, so new themes are the ones it did not know."""
    folder.mkdir(parents=True, exist_ok=True)
    topics = topics_frame(summaries)
    written = [
        _atomic(folder / "topics.csv", _csv(topics)),
        _atomic(folder / "assignments.csv", _csv(assignments)),
        _atomic(folder / "topics.png", chart(summaries)),
        _atomic(folder / "topics.md", markdown(summaries, assignments.height, since_model).encode("utf-8")),
    ]
    if merges is not None:
        written.append(_atomic(folder / "hierarchy.csv", _csv(hierarchy_frame(summaries, merges))))
    return written


def hierarchy_frame(summaries: list[TopicSummary], merges: dict[int, list[int]]) -> pl.DataFrame:
    """One row per topic: the topics the clustering found that --topics N merged into it (itself when none)."""
    shown = [s for s in summaries if s.topic != OUTLIER]
    merged = [merges.get(s.topic, [s.topic]) for s in shown]
    return pl.DataFrame(
        {
            "topic": [s.topic for s in shown],
            "label": [s.label for s in shown],
            "size": [s.size for s in shown],
            "merged_from": [";".join(str(t) for t in m) for m in merged],
            "n_merged": [len(m) for m in merged],
        },
        schema={"topic": pl.Int64, "label": pl.String, "size": pl.Int64, "merged_from": pl.String, "n_merged": pl.Int64},
    )


def topics_frame(summaries: list[TopicSummary]) -> pl.DataFrame:
    return pl.DataFrame(
        {
            "topic": [s.topic for s in summaries],
            "label": [s.label for s in summaries],
            "size": [s.size for s in summaries],
            "share": [s.share for s in summaries],
            "languages": [" ".join(f"{k}:{v}" for k, v in s.languages.items()) for s in summaries],
            "n_languages": [len(s.languages) for s in summaries],
            "negative_share": [s.negative_share for s in summaries],
            "scope_mix": [" ".join(f"{k}:{v}" for k, v in s.scope_mix.items()) for s in summaries],
            "taxonomy_overlap": [" ".join(f"{t}:{v}" for t, v in s.taxonomy) for s in summaries],
            "covered_by": [f"{s.covered_by[0]}:{s.covered_by[1]}" if s.covered_by else "" for s in summaries],
            "new_theme": [s.new for s in summaries],
            "first_seen": [s.first_seen for s in summaries],
            "terms": [json.dumps(s.terms, ensure_ascii=False) for s in summaries],
            "examples": [" | ".join(s.examples) for s in summaries],
        }
    )


def chart(summaries: list[TopicSummary]) -> bytes:
    """Horizontal bars of topic sizes, split into negative / other comments."""
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    shown = [s for s in summaries if s.topic != OUTLIER][:20][::-1]
    fig, ax = plt.subplots(figsize=(9, 0.45 * max(len(shown), 3) + 1.2))
    negative = [round(s.size * s.negative_share) for s in shown]
    other = [s.size - n for s, n in zip(shown, negative)]
    labels = [f"{s.topic}: {_short(s.label)}{' (new)' if s.new else ''}" for s in shown]
    ax.barh(labels, negative, color="#c0392b", label="negative")
    ax.barh(labels, other, left=negative, color="#95a5a6", label="neutral or positive")
    ax.set_xlabel("comments")
    ax.set_title("Discovered topics by size")
    ax.legend(loc="lower right")
    fig.tight_layout()
    buffer = io.BytesIO()
    fig.savefig(buffer, format="png", dpi=110)
    plt.close(fig)
    return buffer.getvalue()


def _short(label: str) -> str:
    """A label on a chart's axis: its first language's words (the label lists the largest language first)."""
    first = label.split(" · ")[0]
    shown = first if first == label else first + " …"
    return shown if len(shown) <= 48 else shown[:47] + "…"


def markdown(summaries: list[TopicSummary], total: int, since_model: bool = False) -> str:
    lines = [f"# Discovered topics\n", f"{total:,} comments, {sum(s.topic != OUTLIER for s in summaries)} topics.\n"]
    for s in summaries:
        if s.topic == OUTLIER:
            lines.append(f"\n{s.size} comments fit no topic (outliers).\n")
            continue
        why = "new since the model: it did not know this theme" if since_model else "no taxonomy topic covers most of it"
        flag = f" — **new theme** ({why})" if s.new else ""
        lines.append(f"\n## {s.topic}. {s.label}{flag}\n")
        langs = ", ".join(f"{k} {v}" for k, v in s.languages.items())
        seen = f"; first seen {s.first_seen}" if s.first_seen else ""
        lines.append(f"{s.size} comments ({s.share:.0%}); languages: {langs}; negative: {s.negative_share:.0%}{seen}.")
        if s.taxonomy:
            lines.append("Taxonomy overlap: " + ", ".join(f"{t} {v:.0%}" for t, v in s.taxonomy) + ".")
        if s.covered_by:
            topic, share = s.covered_by
            lines.append(f"Covered by the taxonomy topic {topic}: {share:.0%} of its comments carry it or a concept that comes with it.")
        for lang, terms in s.terms.items():
            if terms:
                lines.append(f"- {lang}: {', '.join(terms)}")
        for example in s.examples:
            lines.append(f"> {example[:240]}\n")
    return "\n".join(lines) + "\n"


def _csv(frame: pl.DataFrame) -> bytes:
    buffer = io.BytesIO()
    guard_frame(frame).write_csv(buffer)
    return buffer.getvalue()


def _atomic(path: Path, data: bytes) -> Path:
    target = AtomicFile(path)
    try:
        target.stream.write(data)
        target.commit()
    except BaseException:
        target.abort()
        raise
    return path
