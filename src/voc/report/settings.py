"""Report settings and alert thresholds, read from the pipeline TOML's [report] and [report.alerts] tables.

They live beside the analysis settings so a team keeps one file under version
control. Every key is optional; an unknown key or a wrong type stops the run
with the file named, because a typo in a threshold would silently turn an
alert off. A threshold of 0 (or ``emerging = false``) switches that alert off.
"""

from __future__ import annotations

from dataclasses import dataclass, field, fields
from typing import Any

from voc.core.errors import PipelineError
from voc.core.pipeline import read_spec


@dataclass(frozen=True)
class Alerts:
    min_comments: int = 20  # no alert fires on a period with fewer comments than this
    negative_share: float = 0.5  # the period's share of negative comments is above this
    negative_rise: float = 0.10  # ... or rose by this much against the trailing average
    topic_rise: float = 0.05  # a topic's share of comments rose by this much against the trailing average
    topic_min_mentions: int = 10  # ... and it was mentioned at least this often
    emerging: bool = True  # an emerging topic (see summarise.emerging) is an alert
    nps_drop: float = 10.0  # NPS fell by this many points against the previous period
    csat_drop: float = 5.0  # CSAT % fell by this many points against the previous period
    churn_rise: float = 0.05  # the share of comments with churn risk rose by this much against the trailing average
    churn_min_count: int = 5  # ... with at least this many such comments this period


@dataclass(frozen=True)
class ReportSettings:
    trend_periods: int = 12  # periods in the trend table and charts, the reported one included
    trailing_periods: int = 4  # the trailing average movers are compared with
    baseline_periods: int = 8  # the baseline of the emerging-topic test
    top_topics: int = 10
    examples: int = 2  # example comments per finding
    emerging_alpha: float = 0.01  # family-wise error rate of the emerging-topic test (Holm)
    emerging_min_count: int = 5  # mentions a topic needs this period before it is tested at all
    finding_alpha: float = 0.01  # significance level every other finding and alert must pass (Holm across topics)
    finding_min_count: int = 5  # mentions a topic needs (this period, or expected from before) before a change is tested
    driver_periods: int = 4  # drivers are computed over this many periods, so the counts are usable
    driver_min_count: int = 10  # scored comments a topic needs to appear among the drivers
    alerts: Alerts = field(default_factory=Alerts)


def load_settings(pipeline: str) -> ReportSettings:
    path, spec = read_spec(pipeline)
    table = spec.get("report", {})
    if not isinstance(table, dict):
        raise PipelineError("[report] must be a table", path=path)
    alerts = table.get("alerts", {})
    if not isinstance(alerts, dict):
        raise PipelineError("[report.alerts] must be a table", path=path)
    values = _checked(ReportSettings, {k: v for k, v in table.items() if k != "alerts"}, "[report]", path)
    return ReportSettings(**values, alerts=Alerts(**_checked(Alerts, alerts, "[report.alerts]", path)))


def _checked(cls: type, given: dict[str, Any], where: str, path: object) -> dict[str, Any]:
    known = {f.name: f for f in fields(cls) if f.name != "alerts"}
    unknown = [k for k in given if k not in known]
    if unknown:
        raise PipelineError(f"{where} has no setting(s) {', '.join(unknown)}: known are {', '.join(known)}", path=path)
    out = {}
    for key, value in given.items():
        want = known[key].type
        ok = {"int": isinstance(value, int) and not isinstance(value, bool),
              "float": isinstance(value, (int, float)) and not isinstance(value, bool),
              "bool": isinstance(value, bool)}[want]  # fmt: skip
        if not ok or (want != "bool" and value < (1 if key.endswith("_periods") else 0)):
            least = "a positive" if key.endswith("_periods") else "a non-negative"
            raise PipelineError(f"{where} {key} = {value!r}: give {least} {want}", path=path)
        out[key] = float(value) if want == "float" else value
    return out
