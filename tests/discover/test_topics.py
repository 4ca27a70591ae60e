"""voc topics: planted themes, determinism, small and mixed corpora, offline save/load, outputs."""

from __future__ import annotations

import json
import socket

import polars as pl
import pytest

from tests.conftest import sample

SAMPLES = ["it_survey_nps.csv", "pl_helpdesk_tickets.xlsx", "ru_reviews.jsonl", "en_feedback_mixed.csv"]


@pytest.fixture(scope="module")
def sample_topics(tmp_path_factory):
    from voc.core.console import Console
    from voc.topics import TopicsRequest, discover_topics

    out = tmp_path_factory.mktemp("topics")
    result = discover_topics(TopicsRequest(inputs=[str(sample(n)) for n in SAMPLES], output_dir=str(out), seed=7), Console())
    return out, result


def test_output_files_exist_and_parse(sample_topics):
    out, result = sample_topics
    topics = pl.read_csv(out / "topics.csv")
    assignments = pl.read_csv(out / "assignments.csv", infer_schema=False)
    assert {"topic", "label", "size", "languages", "negative_share", "scope_mix", "taxonomy_overlap", "new_theme", "terms", "examples"} <= set(topics.columns)
    assert assignments.columns == ["voc_id", "language", "discovered_topic", "discovered_topic_label"]
    assert assignments.height == len(result.rows) == 490
    assert topics["size"].sum() == assignments.height
    assert (out / "topics.png").read_bytes().startswith(b"\x89PNG")
    assert (out / "topics.md").read_text(encoding="utf-8").startswith("# Discovered topics")
    for terms in topics["terms"].to_list():
        assert isinstance(json.loads(terms), dict)


def test_planted_themes_show_up_as_topics(sample_topics):
    """The sample exports plant four stories in every language; each must lead some topic."""
    _, result = sample_topics
    leading = {s.taxonomy[0][0] for s in result.summaries if s.topic != -1 and s.taxonomy}
    assert {"website_app", "fees_billing", "delivery"} <= leading
    assert leading & {"wait_time", "contact_channels"}
    assert sum(s.size for s in result.summaries if s.topic == -1) < 0.25 * len(result.rows)


def test_planted_stories_form_across_languages(sample_topics):
    """Concepts link the languages: a planted story is one topic in three or more languages, not four topics."""
    _, result = sample_topics
    multilingual = [s for s in result.summaries if s.topic != -1 and sum(n >= 5 for n in s.languages.values()) >= 3]
    assert multilingual, [(s.label, s.languages) for s in result.summaries]


def test_same_seed_same_topics_and_model_reuse_offline(tmp_path, monkeypatch):
    from voc.core.console import Console
    from voc.topics import TopicsRequest, discover_topics

    inputs = [str(sample("en_feedback_mixed.csv"))]
    first = discover_topics(TopicsRequest(inputs=inputs, output_dir=str(tmp_path / "a"), seed=3, model_dir=str(tmp_path / "m")), Console())
    again = discover_topics(TopicsRequest(inputs=inputs, output_dir=str(tmp_path / "b"), seed=3), Console())
    assert first.assigned == again.assigned
    assert sorted(p.name for p in first.files) == ["assignments.csv", "topics.csv", "topics.md", "topics.png"]
    assert _files(tmp_path / "a") == _files(tmp_path / "b")  # every file written, byte for byte

    def no_network(*args, **kwargs):
        raise OSError("network disabled in this test")

    monkeypatch.setattr(socket.socket, "connect", no_network)
    reused = discover_topics(TopicsRequest(inputs=inputs, output_dir=str(tmp_path / "c"), model_dir=str(tmp_path / "m")), Console())
    assert (tmp_path / "m" / "voc_topics.pkl").exists()
    agree = sum(a == b for a, b in zip(first.assigned, reused.assigned)) / len(first.assigned)
    assert agree > 0.9
    model = _files(tmp_path / "m")
    discover_topics(TopicsRequest(inputs=inputs, output_dir=str(tmp_path / "d"), model_dir=str(tmp_path / "m")), Console())
    assert _files(tmp_path / "c") == _files(tmp_path / "d")  # the saved model: the same bytes again
    assert _files(tmp_path / "m") == model  # and it was only read


def _files(folder) -> dict:
    return {p.name: p.read_bytes() for p in sorted(folder.iterdir()) if p.is_file()}


def test_a_few_dozen_comments_give_topics_not_only_outliers(voc, write, tmp_path):
    rows = []
    for i in range(12):
        rows.append(f"The courier left my parcel outside again, delivery number {i}")
        rows.append(f"On hold for {20 + i} minutes with customer service, nobody answered")
        rows.append(f"The app crashes after the update when I log in, try {i}")
    path = write("small.csv", "comment\n" + "\n".join(rows) + "\n")
    result = voc("topics", path, "-o", tmp_path / "out", "--seed", "1")
    assert result.code == 0, result.stderr
    topics = pl.read_csv(tmp_path / "out" / "topics.csv")
    real = topics.filter(pl.col("topic") >= 0)
    assert real.height >= 2
    assert real["size"].sum() >= 0.8 * len(rows)


def test_too_few_comments_is_a_clear_error(voc, write, tmp_path):
    result = voc("topics", write("tiny.csv", "comment\nok\ngood\n"), "-o", tmp_path / "o")
    assert result.code == 2 and "too few comments" in result.stderr


def test_missing_model_folder_content_is_explained(tmp_path):
    from voc.core.errors import UsageError
    from voc.discover.engine import Discovery

    with pytest.raises(UsageError, match="no topic model in"):
        Discovery.load(tmp_path)


def test_analyze_discover_adds_the_two_columns_in_input_order(voc, tmp_path):
    out = tmp_path / "r.parquet"
    result = voc("analyze", sample("en_feedback_mixed.csv"), "--discover", "--seed", "5", "-o", out)
    assert result.code == 0, result.stderr
    frame = pl.read_parquet(out)
    original = pl.read_csv(sample("en_feedback_mixed.csv"), infer_schema=False, encoding="utf8")
    assert frame.height == original.height
    assert frame["feedback_id"].to_list() == original["feedback_id"].to_list()
    i = frame.columns.index("discovered_topic")
    assert frame.columns[i - 1 : i + 3] == ["evidence", "discovered_topic", "discovered_topic_label", "intent"]
    assert frame["discovered_topic"].dtype == pl.Int64 and frame["discovered_topic"].n_unique() >= 3
    assert frame.filter(pl.col("discovered_topic") == -1)["discovered_topic_label"].unique().to_list() in ([], ["outliers"])


def test_topics_n_merges_the_closest_topics_and_hierarchy_csv_says_which(tmp_path):
    from voc.core.console import Console
    from voc.topics import TopicsRequest, discover_topics

    inputs = [str(sample("en_feedback_mixed.csv"))]
    found = discover_topics(TopicsRequest(inputs=inputs, output_dir=str(tmp_path / "all"), seed=5), Console())
    merged = discover_topics(TopicsRequest(inputs=inputs, output_dir=str(tmp_path / "few"), seed=5, nr_topics=3,
                                           model_dir=str(tmp_path / "m")), Console())  # fmt: skip
    before = {s.topic: s.size for s in found.summaries if s.topic != -1}
    assert len(before) > 3
    after = [s for s in merged.summaries if s.topic != -1]
    assert len(after) == 3
    hierarchy = pl.read_csv(tmp_path / "few" / "hierarchy.csv")
    assert hierarchy["topic"].to_list() == [s.topic for s in after]
    merged_from = [[int(t) for t in m.split(";")] for m in hierarchy["merged_from"].to_list()]
    assert sorted(t for m in merged_from for t in m) == sorted(before)  # every topic found, merged exactly once
    for size, parts in zip(hierarchy["size"].to_list(), merged_from):
        assert size == sum(before[t] for t in parts)  # a merge relabels comments, it moves none
    assert hierarchy["size"].to_list() == sorted(hierarchy["size"].to_list(), reverse=True)  # numbered by size
    assert not (tmp_path / "all" / "hierarchy.csv").exists()

    again = discover_topics(TopicsRequest(inputs=inputs, output_dir=str(tmp_path / "again"), model_dir=str(tmp_path / "m")), Console())
    assert set(again.assigned) <= {-1, 0, 1, 2}  # new comments land in the merged topics
    assert sum(a == b for a, b in zip(merged.assigned, again.assigned)) / len(again.assigned) > 0.9


def test_topics_auto_merges_only_topics_that_are_one_theme(tmp_path):
    import numpy as np

    from voc.core.console import Console
    from voc.discover.engine import AUTO_SIMILARITY, Discovery
    from voc.topics import TopicsRequest, discover_topics

    inputs = [str(sample(n)) for n in SAMPLES]
    # Small topics split a theme: the app update alone comes out in four topics, in four languages.
    discover_topics(TopicsRequest(inputs=inputs, output_dir=str(tmp_path / "all"), seed=42, min_topic_size=5,
                                  model_dir=str(tmp_path / "found")), Console())  # fmt: skip
    merged = discover_topics(TopicsRequest(inputs=inputs, output_dir=str(tmp_path / "auto"), seed=42, min_topic_size=5, nr_topics="auto",
                                           model_dir=str(tmp_path / "merged")), Console())  # fmt: skip
    found = Discovery.load(tmp_path / "found")
    units = found.centres_ / np.linalg.norm(found.centres_, axis=1, keepdims=True)
    similarity = dict(zip(found.centre_topics_, units @ units.T))
    at = {t: i for i, t in enumerate(found.centre_topics_)}
    groups = [[int(t) for t in m.split(";")] for m in pl.read_csv(tmp_path / "auto" / "hierarchy.csv", infer_schema=False)["merged_from"].to_list()]
    assert sorted(t for g in groups for t in g) == sorted(found.centre_topics_)  # every topic found, once
    joined = [g for g in groups if len(g) > 1]
    assert joined and len(groups) < len(found.centre_topics_)
    for g in joined:  # average linkage: a merged group's topics are, on average, at least that close
        pairs = [similarity[a][at[b]] for a in g for b in g if a < b]
        assert np.mean(pairs) >= AUTO_SIMILARITY, (g, pairs)
    for g in groups:  # and no two groups are
        for h in groups:
            if g < h:
                assert np.mean([similarity[a][at[b]] for a in g for b in h]) < AUTO_SIMILARITY
    assert len([s for s in merged.summaries if s.topic != -1]) == len(groups)


@pytest.mark.parametrize("value", ["0", "few", "-3"])
def test_topics_takes_a_number_or_auto(voc, tmp_path, value):
    result = voc("topics", str(sample("en_feedback_mixed.csv")), "--topics", value, "-o", str(tmp_path / "t"))
    assert result.code == 2 and "give a number of topics (1 or more) or 'auto'" in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1


def test_a_bad_line_stops_topics_unless_skipped_and_then_it_is_kept_beside_the_folder(voc, tmp_path):
    lines = sample("en_feedback_mixed.csv").read_text(encoding="utf-8-sig").splitlines(keepends=True)
    broken = tmp_path / "export.csv"
    broken.write_text("".join(lines[:10] + ["NW-BAD,2026-10-01,email,,standard,late again,one field too many\n"] + lines[10:]), encoding="utf-8")
    stopped = voc("topics", str(broken), "--text-col", "comment", "-o", str(tmp_path / "t1"))
    assert stopped.code == 2 and "line 11" in stopped.stderr and "--on-bad-lines skip" in stopped.stderr
    assert not (tmp_path / "t1").exists()
    skipped = voc("topics", str(broken), "--text-col", "comment", "--on-bad-lines", "skip", "-o", str(tmp_path / "t2") + "/")
    assert skipped.code == 0, skipped.stderr
    assert "1 bad line(s) skipped in" in skipped.stderr and "t2.rejected.csv" in skipped.stderr
    rejected = pl.read_csv(tmp_path / "t2.rejected.csv")
    assert rejected["line"].to_list() == [11] and "one field too many" in rejected["raw"][0]
    assert pl.read_csv(tmp_path / "t2" / "assignments.csv").height == pl.read_csv(sample("en_feedback_mixed.csv")).height  # every good row
