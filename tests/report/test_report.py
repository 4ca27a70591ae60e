"""`voc report` end to end on constructed history with known answers: files, idempotence, empty weeks,
tiny counts, drivers, redaction, escaping, exit codes and a failed run that leaves the old report whole."""

from __future__ import annotations

import datetime as dt
import re

import polars as pl
import pytest

from voc.core import columns as C
from voc.report.store import Store

WEEKS = [dt.date.fromisocalendar(2026, w, 1) for w in range(38, 48)]  # W38..W47


def comment(day, text, topics, sentiment, score=None, source="survey.csv", n=0):
    pairs = [f"{t}:{sentiment}" for t in topics]
    return {C.VOC_ID: f"{source}:{day}:{n}", C.SOURCE_FILE: source, C.DATE: dt.datetime.combine(day, dt.time(10)),
            C.SCORE: score, C.SCORE_SCALE: "0-10" if score is not None else None, C.LANGUAGE: "en",
            C.SENTIMENT: sentiment, C.SENTIMENT_SCORE: -0.6 if sentiment == "negative" else 0.5 if sentiment == "positive" else 0.0,
            C.TOPICS: topics, C.TOPIC_SENTIMENTS: pairs, C.SCOPE: "service" if "staff_attitude" in topics else "experience",
            C.CHANNEL: "email" if n % 3 else "app", "text": text}  # fmt: skip


def history(extra_last_week=()):
    """40 comments a week: delivery steady at 25% (score 5), staff praised at 25% (score 9), the rest plain (score 7)."""
    out = []
    for monday in WEEKS:
        for i in range(40):
            day = monday + dt.timedelta(days=i % 7)
            if i < 10:
                out.append(comment(day, f"The parcel came late again, week {monday} item {i}.", ["delivery"], "negative", 5, n=i))
            elif i < 20:
                out.append(comment(day, f"Lovely staff in the shop, thank you ({i}).", ["staff_attitude"], "positive", 9, n=i))
            else:
                out.append(comment(day, f"Bought a lamp, nothing to add {i}.", [], "neutral", 7, n=i))
    return out + list(extra_last_week)


def fill(path, rows):
    store = Store(path)
    frame = pl.DataFrame(rows, schema_overrides={C.DATE: pl.Datetime("us"), C.SCORE: pl.Float64, C.TOPICS: pl.List(pl.String),
                                                 C.TOPIC_SENTIMENTS: pl.List(pl.String), C.DUPLICATE_OF: pl.String},
                         infer_schema_length=None)  # fmt: skip
    return store.append(store.canonical(frame))


def report(voc, tmp_path, *args, store="store", out="out"):
    return voc("report", "--store", str(tmp_path / store), "-o", str(tmp_path / out), "--today", "2026-11-23", *args)


BILLING = [comment(WEEKS[-1] + dt.timedelta(days=i % 7), f"Charged twice this month, write to me at jane.doe{i}@example.com or +39 333 123 4567",
                   ["fees_billing"], "negative", 2, n=100 + i) for i in range(15)]  # fmt: skip


def test_a_week_with_a_billing_surge_reports_it_everywhere(voc, tmp_path):
    fill(tmp_path / "store", history(BILLING))
    result = report(voc, tmp_path)
    assert result.code == 0 and result.stdout == b""  # cron: nothing on stdout
    out = tmp_path / "out"
    names = {p.relative_to(out).as_posix() for p in out.rglob("*") if p.is_file()}
    assert {"summary.md", "summary.html", "summary.xlsx", "tables/topics.csv", "tables/emerging.csv", "tables/drivers.csv",
            "charts/volume_sentiment.png", "charts/scope_trend.png", "charts/top_topics.png", "charts/score_trend.png"} <= names  # fmt: skip
    emerging = pl.read_csv(out / "tables/emerging.csv")
    assert emerging["topic"].to_list() == ["fees_billing"]  # delivery and staff are steady: not emerging
    channels = dict(pl.read_csv(out / "tables/channels.csv").select("channel", "comments").iter_rows())
    assert sum(channels.values()) == 55 and set(channels) == {"email", "app"}
    overview = dict(pl.read_csv(out / "tables/overview.csv", infer_schema=False).iter_rows())
    assert overview["period"] == "2026-W47" and overview["comments"] == "55"
    md = (out / "summary.md").read_text()
    assert "Fees and billing is emerging" in md and "alert" in result.stderr
    # Redacted by default, in the page and in the tables.
    examples = pl.read_csv(out / "tables/examples.csv")
    billing = examples.filter(pl.col("topic") == "fees_billing")["text"].to_list()
    assert billing and all("[email]" in t and "[phone]" in t for t in billing)
    assert "@example.com" not in md and "333 123" not in (out / "summary.html").read_text()
    assert not any(p.name.startswith(".voc-report-") for p in out.iterdir())


def test_drivers_find_the_known_gap_with_its_interval(voc, tmp_path):
    fill(tmp_path / "store", history())
    assert report(voc, tmp_path).code == 0
    drivers = {r["topic"]: r for r in pl.read_csv(tmp_path / "out/tables/drivers.csv").iter_rows(named=True)}
    # Constructed: delivery 5 vs the rest's mean (10*9 + 20*7)/30 = 7.67; staff 9 vs (10*5 + 20*7)/30 = 6.33.
    assert drivers["delivery"]["gap"] == pytest.approx(5 - 23 / 3, abs=0.01) and drivers["delivery"]["high"] < 0
    assert drivers["staff_attitude"]["gap"] == pytest.approx(9 - 19 / 3, abs=0.01) and drivers["staff_attitude"]["low"] > 0
    assert drivers["delivery"]["with_topic"] == 40  # four weeks of driver history, 10 a week
    md = (tmp_path / "out/summary.md").read_text()
    assert "Delivery pulls the score down" in md and "Staff attitude lifts the score" in md


def test_rerunning_gives_the_same_report_byte_for_byte(voc, tmp_path):
    fill(tmp_path / "store", history(BILLING))
    assert fill(tmp_path / "store", history(BILLING)) == 0  # the same exports stored again add nothing
    report(voc, tmp_path, out="a")
    report(voc, tmp_path, out="b")
    for name in ("summary.md", "summary.html", "summary.xlsx", "tables/trend.csv", "tables/topic_trend.csv",
                 "charts/top_topics.png", "charts/topic_trend.png"):
        assert (tmp_path / "a" / name).read_bytes() == (tmp_path / "b" / name).read_bytes(), name
    assert "55 comments" in (tmp_path / "a/summary.md").read_text().replace("*", "")


def test_an_empty_week_says_so_and_succeeds(voc, tmp_path):
    fill(tmp_path / "store", history())
    result = report(voc, tmp_path, "--week", "2026-W49", "--fail-on-alert")
    assert result.code == 0
    md = (tmp_path / "out/summary.md").read_text()
    assert "No comments in 2026-W49" in md
    trend = pl.read_csv(tmp_path / "out/tables/trend.csv")
    assert trend["comments"].to_list()[-3:] == [40, 0, 0]  # W47 had data; W48 and W49 did not
    assert pl.read_csv(tmp_path / "out/tables/topics.csv").is_empty()


def test_a_handful_of_new_mentions_is_not_a_trend(voc, tmp_path):
    tiny = [comment(WEEKS[-1], "The loyalty points vanished", ["loyalty"], "negative", 3, n=200 + i) for i in range(3)]
    fill(tmp_path / "store", history(tiny))
    result = report(voc, tmp_path, "--fail-on-alert")
    assert result.code == 0, result.stderr
    assert pl.read_csv(tmp_path / "out/tables/emerging.csv").is_empty()
    assert "alert" not in result.stderr


def test_exit_codes(voc, tmp_path):
    fill(tmp_path / "store", history(BILLING))
    assert report(voc, tmp_path).code == 0  # alerts alone do not fail a run
    alerted = report(voc, tmp_path, "--fail-on-alert")
    assert alerted.code == 3 and (tmp_path / "out/summary.html").exists()  # the report is there to read
    assert report(voc, tmp_path, "--week", "2026-47").code == 2
    missing = report(voc, tmp_path, store="nowhere")
    assert missing.code == 2 and "voc analyze" in missing.stderr and missing.stderr.count("\n") == 1
    both = voc("report", "results.csv", "--store", str(tmp_path / "store"), "-o", str(tmp_path / "x"))
    assert both.code == 2 and "one of the two" in both.stderr


def test_print_puts_the_summary_on_stdout(voc, tmp_path):
    fill(tmp_path / "store", history())
    result = report(voc, tmp_path, "--print")
    assert result.code == 0 and result.stdout.decode().startswith("# Voice of customer: 2026-W47")


def test_no_redact_keeps_the_text_as_written(voc, tmp_path):
    fill(tmp_path / "store", history(BILLING))
    report(voc, tmp_path, "--no-redact")
    assert "@example.com" in (tmp_path / "out/summary.md").read_text()


def test_html_is_self_contained_and_escapes_customer_text(voc, tmp_path):
    hostile = [comment(WEEKS[-1], f'<script>alert("x")</script> <img src="http://evil.example/p.png"> late parcel {i}',
                       ["delivery"], "negative", 1, n=300 + i) for i in range(12)]  # fmt: skip
    fill(tmp_path / "store", history(hostile))
    report(voc, tmp_path)
    page = (tmp_path / "out/summary.html").read_text()
    assert "<script" not in page and "&lt;script&gt;" in page
    assert not re.search(r"""(src|href)=["']?(https?:|//)""", page)  # nothing to fetch
    assert page.count('src="data:image/png;base64,') == 5
    assert "default-src 'none'" in page


def test_a_failed_run_leaves_the_previous_report_whole(voc, tmp_path, monkeypatch):
    fill(tmp_path / "store", history())
    report(voc, tmp_path)
    before = {p: p.read_bytes() for p in (tmp_path / "out").rglob("*") if p.is_file()}
    fill(tmp_path / "store", history(BILLING))

    def broken(*args, **kwargs):
        raise OSError("disk full")

    monkeypatch.setattr("voc.report.output._workbook", broken)
    assert report(voc, tmp_path).code == 1
    after = {p: p.read_bytes() for p in (tmp_path / "out").rglob("*") if p.is_file()}
    assert after == before


@pytest.mark.parametrize("fmt", ["csv", "xlsx", "parquet", "jsonl"])
def test_a_results_file_reports_on_its_newest_week(voc, tmp_path, fmt):
    from voc.write.writers import open_writer

    frame = pl.DataFrame(history(BILLING), schema_overrides={C.DATE: pl.Datetime("us"), C.SCORE: pl.Float64})
    # What `voc analyze -o results.FMT` writes: the user's columns in front, then voc's (lists ";"-joined in csv/xlsx).
    frame = frame.rename({"text": "Comment"}).select("Comment", pl.exclude("Comment"))
    with open_writer(str(tmp_path / f"results.{fmt}"), fmt) as writer:
        writer.write(frame)
    result = voc("report", str(tmp_path / f"results.{fmt}"), "-o", str(tmp_path / "out"))
    assert result.code == 0, result.stderr
    assert pl.read_csv(tmp_path / "out/tables/emerging.csv")["topic"].to_list() == ["fees_billing"]
    assert "2026-W47" in (tmp_path / "out/summary.md").read_text().splitlines()[0]
    assert pl.read_csv(tmp_path / "out/tables/drivers.csv").height >= 2  # scores came through


def test_results_without_dates_are_one_period_and_say_so(voc, tmp_path):
    frame = pl.DataFrame(history(BILLING)).drop(C.DATE, C.SCORE, C.SCORE_SCALE)
    frame.with_columns(pl.col(C.TOPICS).list.join(";"), pl.col(C.TOPIC_SENTIMENTS).list.join(";")).write_csv(tmp_path / "r.csv")
    result = voc("report", str(tmp_path / "r.csv"), "-o", str(tmp_path / "out"))
    assert result.code == 0 and "no dates" in result.stderr
    md = (tmp_path / "out/summary.md").read_text()
    assert md.startswith("# Voice of customer: every row (the results have no dates)") and "415 comments" in md
    assert pl.read_csv(tmp_path / "out/tables/emerging.csv").is_empty()  # nothing to compare with


def test_a_file_that_was_never_analysed_is_refused(voc, tmp_path):
    (tmp_path / "raw.csv").write_text("id,comment\n1,late\n")
    result = voc("report", str(tmp_path / "raw.csv"), "-o", str(tmp_path / "out"))
    assert result.code == 2 and "run 'voc analyze" in result.stderr
    assert not (tmp_path / "out").exists()


def blank(day, n, text=None, score=3.0):
    """An NPS row with no comment: what `voc analyze` makes of it (language und, neutral, scope none)."""
    row = comment(day, text, [], "neutral", score, n=n)
    return {**row, C.LANGUAGE: "und", C.SCOPE: "none", C.TOPICS: [], C.TOPIC_SENTIMENTS: [], C.CHANNEL: "app"}


def test_blank_answers_are_responses_not_comments(voc, tmp_path):
    # 40 comments in W47 plus 30 scored rows whose comment is missing, empty, blank or a placeholder dash.
    empties = [blank(WEEKS[-1] + dt.timedelta(days=i % 7), 500 + i, [None, "", "   ", "-"][i % 4]) for i in range(30)]
    thumbs = [blank(WEEKS[-1], 600 + i, "👍👍") for i in range(2)]  # a text, but no language to tell
    fill(tmp_path / "store", history(empties + thumbs))
    assert report(voc, tmp_path).code == 0
    out = tmp_path / "out"
    overview = dict(pl.read_csv(out / "tables/overview.csv", infer_schema=False).iter_rows())
    assert overview["responses"] == "72" and overview["comments"] == "42"
    sentiment = {r["sentiment"]: r for r in pl.read_csv(out / "tables/sentiment.csv").iter_rows(named=True)}
    assert sentiment["negative"]["comments"] == 10 and sentiment["negative"]["share"] == pytest.approx(10 / 42, abs=1e-4)
    topics = {r["topic"]: r for r in pl.read_csv(out / "tables/topics.csv").iter_rows(named=True)}
    assert topics["delivery"]["share"] == pytest.approx(10 / 42, abs=1e-4)
    scope = dict(pl.read_csv(out / "tables/scope.csv").select("scope", "comments").iter_rows())
    assert scope.get("none") == 2  # the two thumbs; the blank rows have no scope to count
    languages = dict(pl.read_csv(out / "tables/languages.csv").select("language", "comments").iter_rows())
    assert languages == {"en": 40, "undetermined": 2}
    scores = pl.read_csv(out / "tables/scores.csv").row(0, named=True)
    assert scores["responses"] == 72  # NPS counts every answer, commented or not
    trend = pl.read_csv(out / "tables/trend.csv").row(-1, named=True)
    assert (trend["responses"], trend["comments"]) == (72, 42)
    md = (out / "summary.md").read_text()
    assert "und " not in md and "**42 comments**" in md and "72 responses" in md
    assert "Responses are" in md  # the note on how they were counted


def test_a_tiny_count_in_a_small_week_is_no_finding(voc, tmp_path):
    # W47 has 20 comments and one delivery complaint, against 25% delivery before: 5% of comments (1).
    rows = [r for r in history() if r[C.DATE].date() < WEEKS[-1]]
    rows += [comment(WEEKS[-1], "The parcel came late again.", ["delivery"], "negative", 5, n=0)]
    rows += [comment(WEEKS[-1] + dt.timedelta(days=i % 7), f"Bought a lamp, nothing to add {i}.", [], "neutral", 7, n=i) for i in range(1, 20)]
    fill(tmp_path / "store", rows)
    assert report(voc, tmp_path, "--fail-on-alert").code == 0
    movers = {r["topic"]: r for r in pl.read_csv(tmp_path / "out/tables/movers.csv").iter_rows(named=True)}
    assert movers["delivery"]["mentions"] == 1 and movers["delivery"]["significant"] is False  # still in the table
    md = (tmp_path / "out/summary.md").read_text()
    assert "Delivery fell" not in md and "Delivery:" not in md.split("## Findings")[-1].split("##")[0]


def test_a_real_fall_is_still_a_finding(voc, tmp_path):
    # 80 comments, one about delivery, against 25% before: significant, and a finding.
    rows = [r for r in history() if r[C.DATE].date() < WEEKS[-1]]
    rows += [comment(WEEKS[-1], "The parcel came late again.", ["delivery"], "negative", 5, n=0)]
    rows += [comment(WEEKS[-1] + dt.timedelta(days=i % 7), f"Bought a lamp, nothing to add {i}.", [], "neutral", 7, n=i) for i in range(1, 80)]
    fill(tmp_path / "store", rows)
    report(voc, tmp_path)
    movers = {r["topic"]: r for r in pl.read_csv(tmp_path / "out/tables/movers.csv").iter_rows(named=True)}
    assert movers["delivery"]["significant"] is True and movers["delivery"]["p_value"] < 0.01
    assert "Delivery fell to 1% of comments (1)" in (tmp_path / "out/summary.md").read_text()


def test_topic_trend_table_and_chart_in_every_output(voc, tmp_path):
    fill(tmp_path / "store", history(BILLING))
    assert report(voc, tmp_path).code == 0
    out = tmp_path / "out"
    trend = pl.read_csv(out / "tables/topic_trend.csv")
    delivery = trend.filter(pl.col("topic") == "delivery")
    assert delivery["period"].to_list() == [f"2026-W{w}" for w in range(38, 48)]
    assert delivery["mentions"].to_list() == [10] * 10 and delivery["negative_share"].to_list() == [1.0] * 10
    assert delivery["share"].to_list()[:-1] == [0.25] * 9 and delivery["share"][-1] == pytest.approx(10 / 55, abs=1e-4)
    billing = trend.filter(pl.col("topic") == "fees_billing")
    assert billing["mentions"].to_list() == [0] * 9 + [15] and billing["net_sentiment"][-1] == -1.0
    assert (out / "charts/topic_trend.png").read_bytes().startswith(b"\x89PNG")
    assert "*topic_trend*" in (out / "summary.md").read_text()
    assert "<caption>topic_trend</caption>" in (out / "summary.html").read_text()
    sheet = pl.read_excel(out / "summary.xlsx", sheet_name="topic_trend")
    assert sheet.filter(pl.col("topic") == "delivery")["mentions"].to_list() == [10] * 10


def test_a_theme_the_topic_model_grew_this_week_is_reported_with_its_comments(voc, tmp_path):
    rows = history()
    for row in rows:  # every week: the parcels are discovered topic 0, the rest topic 1
        row[C.DISCOVERED_TOPIC] = 0 if row[C.TOPICS] == ["delivery"] else 1
        row[C.DISCOVERED_TOPIC_LABEL] = "parcel late" if row[C.DISCOVERED_TOPIC] == 0 else "shop staff"
    locker = [comment(WEEKS[-1] + dt.timedelta(days=i % 7), f"The parcel locker ate my code again, attempt {i}", [], "negative", n=200 + i)
              for i in range(6)]  # fmt: skip
    for row in locker:
        row[C.DISCOVERED_TOPIC], row[C.DISCOVERED_TOPIC_LABEL] = 2, "parcel locker code"
    frame = pl.DataFrame(rows + locker, schema_overrides={C.DATE: pl.Datetime("us"), C.SCORE: pl.Float64})
    frame.with_columns(pl.col(C.TOPICS).list.join(";"), pl.col(C.TOPIC_SENTIMENTS).list.join(";")).write_csv(tmp_path / "results.csv")
    result = voc("report", str(tmp_path / "results.csv"), "-o", str(tmp_path / "out"))
    assert result.code == 0, result.stderr
    table = pl.read_csv(tmp_path / "out/tables/new_themes.csv")
    assert table.select("discovered_topic", "label", "comments").rows() == [(2, "parcel locker code", 6)]
    md = (tmp_path / "out/summary.md").read_text()
    assert "New discovered themes: parcel locker code (6)." in md
    finding = md.split('New theme discovered: "parcel locker code"')[1].split("\n**")[0]
    assert finding.count("> The parcel locker ate my code again") == 2  # its own comments as examples
    # The same data through a history store reads the discovered topics back.
    fill(tmp_path / "store", rows + locker)
    result = report(voc, tmp_path, out="out2")
    assert result.code == 0, result.stderr
    assert pl.read_csv(tmp_path / "out2/tables/new_themes.csv")["discovered_topic"].to_list() == [2]


def test_a_bad_line_in_a_results_file_stops_the_report_unless_skipped(voc, tmp_path):
    frame = pl.DataFrame(history(BILLING)).drop(C.DATE, C.SCORE, C.SCORE_SCALE)
    frame.with_columns(pl.col(C.TOPICS).list.join(";"), pl.col(C.TOPIC_SENTIMENTS).list.join(";")).write_csv(tmp_path / "r.csv")
    lines = (tmp_path / "r.csv").read_text(encoding="utf-8").splitlines(keepends=True)
    (tmp_path / "r.csv").write_text("".join(lines[:5] + ["a,b,c,d,e,f,g,h,i,j,k,l,m,n,o,p\n"] + lines[5:]), encoding="utf-8")
    stopped = voc("report", str(tmp_path / "r.csv"), "-o", str(tmp_path / "out"))
    assert stopped.code == 2 and "line 6" in stopped.stderr and "--on-bad-lines skip" in stopped.stderr
    skipped = voc("report", str(tmp_path / "r.csv"), "--on-bad-lines", "skip", "-o", str(tmp_path / "out"))
    assert skipped.code == 0, skipped.stderr
    assert "415 comments" in (tmp_path / "out/summary.md").read_text()  # every good row, as without the bad line
    assert pl.read_csv(tmp_path / "out.rejected.csv")["line"].to_list() == [6]


def test_signals_mix_churn_and_effort_findings_and_copies_counted_once(voc, tmp_path):
    def signalled(row, intent, emotion, churn, effort, copy_of=None):
        return {**row, C.INTENT: intent, C.EMOTION: emotion, C.CHURN_RISK: churn, C.EFFORT: effort, C.DUPLICATE_OF: copy_of}

    rows = [signalled(r, "complaint" if r[C.SENTIMENT] == "negative" else "praise" if r[C.SENTIMENT] == "positive" else "other",
                      "none", False, "normal") for r in history()]  # fmt: skip
    last = WEEKS[-1]
    leaving = [signalled(comment(last + dt.timedelta(days=i % 7), f"Third call this week about the fee, I am closing my account ({i}).",
                                 ["fees_billing"], "negative", 1, n=200 + i), "complaint", "anger", True, "high") for i in range(12)]  # fmt: skip
    copies = [signalled(comment(last, "Third call this week about the fee, I am closing my account (0)!", ["fees_billing"], "negative",
                                1, n=300 + i), "complaint", "anger", True, "high", leaving[0][C.VOC_ID]) for i in range(5)]  # fmt: skip
    fill(tmp_path / "store", rows + leaving + copies)
    result = report(voc, tmp_path)
    assert result.code == 0, result.stderr
    out = tmp_path / "out"
    overview = dict(pl.read_csv(out / "tables/overview.csv", infer_schema=False).iter_rows())
    assert overview["comments"] == "52"  # 40 + 12 leaving; the 5 copies are counted once, as their original
    intent = dict(pl.read_csv(out / "tables/intent.csv").select("intent", "comments").iter_rows())
    assert intent["complaint"] == 22 and intent["praise"] == 10 and sum(intent.values()) == 52
    risk = pl.read_csv(out / "tables/risk.csv")
    assert risk["churn_risk"].to_list()[-1] == 12 and risk["high_effort"].to_list()[-1] == 12 and risk["churn_risk"].to_list()[0] == 0
    md = (out / "summary.md").read_text()
    assert "12 comments (23%) say or imply leaving" in md and "Near-duplicates are counted once: 5 row(s)" in md
    assert "churn risk rose to 23%" in result.stderr  # the alert
    examples = pl.read_csv(out / "tables/examples.csv")
    assert examples.filter(pl.col("topic") == "churn")["text"].str.contains("closing my account").all()
