"""[report] settings from the pipeline TOML, and the alerts they set off."""

from __future__ import annotations

import polars as pl
import pytest

from voc.core.errors import PipelineError
from voc.report.alerts import fired
from voc.report.settings import Alerts, load_settings


def test_shipped_pipeline_has_the_documented_defaults():
    from voc.report.settings import ReportSettings

    # default.toml spells every setting out for users to copy; it must say what the code does.
    assert load_settings("default") == ReportSettings()


def test_a_teams_own_thresholds(tmp_path):
    path = tmp_path / "team.toml"
    path.write_text('[pipeline]\nstages = ["language"]\n[stages.language]\nfactory = "voc.language.lingua.v1"\n'
                    "[report]\ntop_topics = 5\n[report.alerts]\nnegative_share = 0.3\nemerging = false\n")  # fmt: skip
    settings = load_settings(str(path))
    assert settings.top_topics == 5 and settings.alerts.negative_share == 0.3 and settings.alerts.emerging is False
    assert settings.alerts.topic_rise == Alerts().topic_rise


@pytest.mark.parametrize("table, message", [
    ("[report.alerts]\nnegative_shar = 0.3\n", "no setting"),  # a typo must not switch an alert off silently
    ("[report.alerts]\nnegative_share = '30%'\n", "non-negative float"),
    ("[report]\ntrend_periods = 0\n", "positive int"),
])  # fmt: skip
def test_bad_settings_stop_with_the_file_named(tmp_path, table, message):
    path = tmp_path / "team.toml"
    path.write_text('[pipeline]\nstages = []\n' + table)
    with pytest.raises(PipelineError, match=message) as err:
        load_settings(str(path))
    assert "team.toml" in str(err.value)


def tables(negative_shares, comments=100, movers=(), emerging=(), scores=()):
    """Tables as build.py makes them; movers are (topic, mentions, share, trailing, change, significant), scores end with the p-value."""
    return {
        "trend": pl.DataFrame({"comments": [comments] * len(negative_shares), "negative_share": negative_shares,
                               "negative": [round(s * comments) for s in negative_shares]}),
        "movers": pl.DataFrame(list(movers), schema={"topic": pl.String, "mentions": pl.Int64, "share": pl.Float64,
                                                    "trailing_share": pl.Float64, "change_vs_trailing": pl.Float64,
                                                    "significant": pl.Boolean}, orient="row"),
        "emerging": pl.DataFrame(list(emerging), schema={"topic": pl.String, "mentions": pl.Int64, "p_value": pl.Float64}, orient="row"),
        "scores": pl.DataFrame(list(scores), schema={"measure": pl.String, "responses": pl.Int64, "previous_responses": pl.Int64,
                                                    "value": pl.Float64, "previous_value": pl.Float64, "change": pl.Float64,
                                                    "p_value": pl.Float64}, orient="row"),
    }  # fmt: skip


def test_each_alert_fires_on_its_threshold():
    t = tables([0.3, 0.3, 0.3, 0.65], comments=200, movers=[("billing", 20, 0.2, 0.1, 0.1, True)], emerging=[("billing", 20, 1e-5)],
               scores=[("NPS", 50, 50, 10.0, 25.0, -15.0, 0.001)])  # fmt: skip
    out = fired(t, 200, Alerts(), str)
    assert any("above the 50%" in a for a in out)
    assert any("rose to 65% from an average of 30%" in a for a in out)
    assert any("'billing' rose" in a for a in out) and any("'billing' is emerging" in a for a in out)
    assert any("NPS fell to 10" in a for a in out)


def test_quiet_weeks_small_weeks_and_switched_off_alerts_fire_nothing():
    calm = tables([0.3, 0.32, 0.31, 0.33], movers=[("billing", 20, 0.12, 0.1, 0.02, False)],
                  scores=[("NPS", 50, 50, 20.0, 25.0, -5.0, 0.4)])  # fmt: skip
    assert fired(calm, 100, Alerts(), str) == []
    loud = tables([0.3, 0.3, 0.3, 0.9], movers=[("billing", 6, 0.6, 0.1, 0.5, True)], emerging=[("billing", 6, 1e-5)])
    assert fired(loud, 10, Alerts(), str) == []  # 10 comments: below min_comments
    off = Alerts(negative_share=0, negative_rise=0, topic_rise=0, emerging=False)
    assert fired(loud, 100, off, str) == []
    assert fired(loud, 100, Alerts(topic_min_mentions=10, negative_share=0, negative_rise=0, emerging=False), str) == []


def test_a_threshold_crossed_by_noise_is_no_alert():
    # 55% negative of 40 comments is not evidence of more than 50%; 30% -> 44% of 50 is not a significant rise;
    # a 15-point NPS fall with p = 0.2 (one-sided 0.1) and a topic rise that failed its test are noise too.
    noisy = tables([0.5, 0.5, 0.5, 0.55], comments=40, movers=[("billing", 12, 0.3, 0.1, 0.2, False)],
                   scores=[("NPS", 40, 40, 10.0, 25.0, -15.0, 0.2)])  # fmt: skip
    assert fired(noisy, 40, Alerts(), str) == []
    rising = tables([0.3, 0.3, 0.3, 0.44], comments=50)
    assert fired(rising, 50, Alerts(), str) == []
    assert fired(tables([0.3, 0.3, 0.3, 0.44], comments=500), 500, Alerts(), str)  # the same shares on 500 comments are news


def _risk(counts, tagged=200):
    from voc.report.signals import risk_trend
    from voc.report.periods import PERIOD

    rows = [{PERIOD: f"2026-W{10 + i:02d}", "churn_risk": k < n, "effort": "normal"} for i, n in enumerate(counts) for k in range(tagged)]
    return risk_trend(pl.DataFrame(rows), [f"2026-W{10 + i:02d}" for i in range(len(counts))])


def test_churn_risk_alert_fires_on_a_significant_rise_with_enough_comments():
    t = tables([0.3] * 5, comments=200)
    assert any("churn risk rose to 15%" in a for a in fired({**t, "risk": _risk([10, 10, 12, 8, 30])}, 200, Alerts(), str))
    assert not any("churn" in a for a in fired({**t, "risk": _risk([10, 10, 12, 8, 14])}, 200, Alerts(), str))  # within noise
    assert not any("churn" in a for a in fired({**t, "risk": _risk([10, 10, 12, 8, 30])}, 200, Alerts(churn_rise=0), str))  # switched off
    low = Alerts(churn_min_count=40)
    assert not any("churn" in a for a in fired({**t, "risk": _risk([10, 10, 12, 8, 30])}, 200, low, str))
