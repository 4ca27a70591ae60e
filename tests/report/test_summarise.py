"""Summary tables on constructed data with known answers."""

from __future__ import annotations

import polars as pl
import pytest

from voc.core import columns as C
from voc.report import summarise as S


def rows(spec: list[tuple[str, list[str], str, float | None]]) -> pl.DataFrame:
    """(week, topics, sentiment, score) per comment."""
    return pl.DataFrame(
        {
            S.PERIOD: [w for w, _, _, _ in spec],
            C.TOPICS: [t for _, t, _, _ in spec],
            C.SENTIMENT: [s for _, _, s, _ in spec],
            C.SCORE: [x for _, _, _, x in spec],
            C.SCORE_SCALE: ["0-10"] * len(spec),
            C.LANGUAGE: ["en"] * len(spec),
        },
        schema_overrides={C.TOPICS: pl.List(pl.String), C.SCORE: pl.Float64},
    )


def test_topic_table_counts_mentions_and_negative_share():
    t = S.topic_table(rows([("W1", ["delivery"], "negative", None), ("W1", ["delivery", "price_value"], "positive", None), ("W1", [], "neutral", None)]))
    assert t.row(0, named=True) == {"topic": "delivery", "mentions": 2, "share": 0.6667, "negative_share": 0.5,
                                    "negative": 1, "neutral": 0, "positive": 1}  # fmt: skip


def test_topic_sentiment_comes_from_its_own_clauses_when_known():
    frame = rows([("W1", ["website_app", "delivery"], "negative", None)]).with_columns(
        pl.Series(C.TOPIC_SENTIMENTS, [["website_app:positive", "delivery:negative"]])
    )
    t = {r["topic"]: r for r in S.topic_table(frame).iter_rows(named=True)}
    assert t["website_app"]["positive"] == 1 and t["website_app"]["negative_share"] == 0.0
    assert t["delivery"]["negative"] == 1


def test_a_real_rise_is_emerging_and_tiny_counts_are_not():
    base = [(f"2026-W{w:02d}", ["delivery"] if i < 5 else ["price_value"], "negative", None) for w in range(40, 46) for i in range(100)]
    now = [("2026-W46", ["website_app"] if i < 30 else ["delivery"] if i < 35 else ["price_value"], "negative", None) for i in range(100)]
    now += [("2026-W46", ["loyalty"], "positive", None) for _ in range(3)]  # new but tiny
    out = S.emerging(rows(base + now), "2026-W46")
    assert out["topic"].to_list() == ["website_app"]
    assert out["p_value"][0] < 1e-6


def test_noise_is_not_emerging():
    spec = [(f"2026-W{w:02d}", ["delivery"] if i < 10 + (w % 2) else [], "neutral", None) for w in range(40, 47) for i in range(100)]
    assert S.emerging(rows(spec), "2026-W46").is_empty()


def test_movers_compare_with_previous_and_trailing_weeks():
    spec = [("2026-W44", ["delivery"], "negative", None)] * 10 + [("2026-W44", [], "neutral", None)] * 90
    spec += [("2026-W45", ["delivery"], "negative", None)] * 20 + [("2026-W45", [], "neutral", None)] * 80
    spec += [("2026-W46", ["delivery"], "negative", None)] * 40 + [("2026-W46", [], "neutral", None)] * 60
    out = S.movers(rows(spec), "2026-W46", trailing=2).row(0, named=True)
    assert out["topic"] == "delivery" and out["share"] == 0.4
    assert out["change_vs_previous"] == pytest.approx(0.2)
    assert out["trailing_share"] == pytest.approx(0.15) and out["change_vs_trailing"] == pytest.approx(0.25)


def test_a_topic_that_vanished_is_a_mover_and_empty_weeks_are_not_zero_shares():
    spec = [("2026-W44", ["billing"], "negative", None)] * 30 + [("2026-W44", [], "neutral", None)] * 70
    spec += [("2026-W46", [], "neutral", None)] * 100  # W45 had no comments at all
    out = S.movers(rows(spec), "2026-W46", trailing=2, earlier=["2026-W43", "2026-W44", "2026-W45"]).row(0, named=True)
    assert out["topic"] == "billing" and out["mentions"] == 0
    assert out["previous_share"] is None and out["change_vs_previous"] is None  # the previous period is W45, empty, not W44
    assert out["trailing_share"] == pytest.approx(0.3) and out["change_vs_trailing"] == pytest.approx(-0.3)  # W44 only


def test_only_answers_with_text_are_comments():
    texts = [None, "", "   ", "-", "...", "ok", "👍", "Nie."]
    frame = pl.DataFrame({"text": texts}, schema={"text": pl.String})
    assert frame.select(S.is_comment())["text"].to_list() == [False] * 5 + [True] * 3


def test_a_fall_to_one_mention_is_tested_and_only_a_large_sample_makes_it_significant():
    base = [(f"2026-W{w}", ["delivery"] if i < 25 else [], "negative", None) for w in (44, 45) for i in range(100)]
    small = [("2026-W46", ["delivery"] if i == 0 else [], "negative", None) for i in range(20)]
    large = [("2026-W46", ["delivery"] if i < 2 else [], "negative", None) for i in range(200)]
    few = {r["topic"]: r for r in S.movers(rows(base + small), "2026-W46", trailing=2).iter_rows(named=True)}
    many = {r["topic"]: r for r in S.movers(rows(base + large), "2026-W46", trailing=2).iter_rows(named=True)}
    assert few["delivery"]["change_vs_trailing"] == pytest.approx(-0.2) and few["delivery"]["significant"] is False
    assert 0.01 < few["delivery"]["p_value"] < 0.1  # tested (5 expected mentions) but not significant
    assert many["delivery"]["significant"] is True and many["delivery"]["p_value"] < 1e-6
    # Expected 25% of 12 = 3 mentions: below min_count, so not even tested.
    tiny = S.movers(rows(base + small[:12]), "2026-W46", trailing=2).row(0, named=True)
    assert tiny["p_value"] is None and tiny["significant"] is False


def test_holm_stops_at_the_first_failure():
    assert S.holm([0.001, None, 0.02, 0.004], 0.01) == {0, 3}  # 0.001 <= 0.01/3, 0.004 <= 0.01/2, 0.02 > 0.01
    assert S.holm([0.02, 0.001], 0.01) == {1}


def test_topic_trend_gives_each_topic_each_period_with_empty_shares_where_nothing_was_said():
    spec = [("2026-W45", ["delivery"], "negative", None), ("2026-W45", ["delivery"], "positive", None), ("2026-W45", [], "neutral", None),
            ("2026-W45", [], "neutral", None), ("2026-W46", [], "neutral", None)]  # fmt: skip
    out = S.topic_trend(rows(spec), ["2026-W44", "2026-W45", "2026-W46"], ["delivery"])
    w44, w45, w46 = out.iter_rows(named=True)
    assert (w44["comments"], w44["share"], w44["net_sentiment"]) == (0, None, None)  # no comments: no share, not 0%
    assert (w45["mentions"], w45["share"], w45["negative_share"], w45["net_sentiment"]) == (2, 0.5, 0.5, 0.0)
    assert (w46["mentions"], w46["share"], w46["negative_share"]) == (0, 0.0, None)


def test_zendesk_good_bad_ratings_are_csat_as_the_share_rated_good():
    frame = rows([("W1", [], "neutral", 1.0), ("W1", [], "neutral", 1.0), ("W1", [], "neutral", 0.0), ("W1", [], "neutral", 1.0)])
    frame = frame.with_columns(pl.lit("good-bad").alias(C.SCORE_SCALE))
    assert S.score_summary(frame).row(0) == ("CSAT %", "good-bad", 4, 75.0)


def _discovered(spec: list[tuple[str, int, str]]) -> pl.DataFrame:
    """(period, discovered topic, sentiment) per comment."""
    return pl.DataFrame(
        {
            S.PERIOD: [p for p, _, _ in spec],
            C.DISCOVERED_TOPIC: [t for _, t, _ in spec],
            C.DISCOVERED_TOPIC_LABEL: [f"theme {t}" for _, t, _ in spec],
            C.SENTIMENT: [s for _, _, s in spec],
        }
    )


def test_a_discovered_topic_first_seen_this_period_is_a_new_theme_and_known_ones_outliers_and_tiny_ones_are_not():
    before = [("W1", 3, "negative")] * 10 + [("W1", -1, "neutral")] * 5
    now = [("W2", 3, "negative")] * 8 + [("W2", 7, "negative")] * 5 + [("W2", 7, "positive")] + [("W2", 9, "negative")] * 2
    now += [("W2", -1, "neutral")] * 4  # outliers are never a theme, new or old
    out = S.new_themes(_discovered(before + now), "W2", min_count=5)
    assert out.to_dicts() == [{"discovered_topic": 7, "label": "theme 7", "comments": 6, "share": 0.3, "negative_share": 0.8333}]


def test_no_new_theme_without_discovered_topics_in_earlier_periods():
    only_now = _discovered([("W2", 7, "negative")] * 6)
    earlier_undiscovered = pl.concat([_discovered([("W1", 1, "neutral")] * 6).with_columns(pl.lit(None, pl.Int64).alias(C.DISCOVERED_TOPIC)),
                                      only_now])  # fmt: skip
    assert S.new_themes(only_now, "W2").is_empty()  # the first period: everything would look new
    assert S.new_themes(earlier_undiscovered, "W2").is_empty()  # analysed without --discover before
    assert S.new_themes(rows([("W2", [], "neutral", None)]), "W2").is_empty()  # no discovery at all
