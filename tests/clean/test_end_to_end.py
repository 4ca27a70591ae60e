"""The clean step inside `voc analyze`: the input column stays as it was, analysis sees clean text (our own tickets)."""

from __future__ import annotations

import csv
import io

import polars as pl

from tests.analysis_helpers import analyse
from voc.core import columns as C

TICKETS = [
    ("T-1", '<div dir="ltr"><p>Hello&nbsp;team,</p><p>the wardrobe door arrived scratched &amp; the hinge is bent. '
            "I&#39;d like a replacement door.</p><p>Thanks,<br>Ana</p></div>"),
    ("T-2", "<p>Dzień dobry,</p><p>kurier nie przyjechał w umówionym terminie, czekałem cały dzień.</p>"
            "<p>Pozdrawiam<br>Jan Kowalski</p>"),
    ("T-3", "<div>Il rimborso non è ancora arrivato.</div><div><br></div>"
            '<div class="gmail_quote">Il giorno lun 3 mar 2025 Assistenza ha scritto:<blockquote>'
            "<p>Gentile cliente, il rimborso &egrave; stato emesso &amp; arriver&agrave; presto.</p></blockquote></div>"),
    ("T-4", "<p>Здравствуйте!</p><p>Оператор так и не перезвонил, жду третий день.</p><p>С уважением,<br>Ольга</p>"),
    ("T-5", "I'd like to update my delivery address to 14 Mill Lane. Thanks"),
    ("T-6", "Great sofa, very comfortable"),
]  # fmt: skip


def tickets_csv() -> str:
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(["ticket_id", "body"])
    writer.writerows(TICKETS)
    return out.getvalue()


def test_analysis_sees_clean_text_and_the_input_column_is_unchanged(voc, write, tmp_path):
    path = write("tickets.csv", tickets_csv())
    result = voc("analyze", path, "--text-col", "body", "--id-col", "ticket_id", "-o", tmp_path / "out.parquet",
                 "--store", tmp_path / "store")  # fmt: skip
    assert result.code == 0, result.stderr
    out = pl.read_parquet(tmp_path / "out.parquet")
    assert out["body"].to_list() == [body for _, body in TICKETS]
    assert not {"_removed", "_uncleaned"} & set(out.columns)
    assert out[C.LANGUAGE].to_list() == ["en", "pl", "it", "ru", "en", "en"]
    for column in (C.EVIDENCE, C.TOPICS):
        words = " ".join(str(v) for v in out[column].to_list()).lower().replace(";", " ").replace(",", " ").split()
        assert not {"div", "amp", "p", "br", "nbsp", "blockquote", "dir"} & set(words), column
    from voc.report.store import Store

    stored = Store(tmp_path / "store").read().sort(C.VOC_ID)["text"].to_list()  # what reports quote
    assert stored[0] == "the wardrobe door arrived scratched & the hinge is bent. I'd like a replacement door."
    assert stored[2] == "Il rimborso non è ancora arrivato."
    assert not any("<" in t or "&amp;" in t or "Pozdrawiam" in t or "Ольга" in t for t in stored)


def test_a_request_that_ends_with_thanks_is_neutral_and_the_evidence_says_why():
    out = analyse(["I'd like to update my delivery address to 14 Mill Lane. Thanks",
                   "I'd like to update my delivery address to 14 Mill Lane."])  # fmt: skip
    assert out[C.SENTIMENT].to_list() == ["neutral", "neutral"]
    assert out[C.EVIDENCE][0] == f"{out[C.EVIDENCE][1]}; removed: sign-off"


def test_a_removal_that_changes_no_decision_is_not_in_evidence():
    out = analyse(["The courier broke the lamp and left. Kind regards, Tom", "The courier broke the lamp and left."])
    assert out[C.REMOVED].to_list()[0] == ["sign-off"]
    assert out[C.EVIDENCE][0] == out[C.EVIDENCE][1]
    assert "removed" not in out[C.EVIDENCE][0]


def test_two_workers_clean_like_one_process(voc, write, tmp_path):
    path = write("tickets.csv", tickets_csv())
    args = ("analyze", path, "--text-col", "body", "--batch-size", "2")
    one = voc(*args, "--jobs", "1", "-o", tmp_path / "one.parquet")
    two = voc(*args, "--jobs", "2", "-o", tmp_path / "two.parquet")
    assert one.code == two.code == 0, two.stderr
    a, b = pl.read_parquet(tmp_path / "one.parquet"), pl.read_parquet(tmp_path / "two.parquet")
    assert a.equals(b)
    assert "removed: sign-off" in a[C.EVIDENCE][4]
