"""duplicate_of: re-posts and copies with small edits point at the earliest original, across batches and --jobs."""

from __future__ import annotations

import polars as pl
import pytest

from voc.dedupe.stage import NearDuplicates

ORIGINAL = "The courier left my parcel at the wrong address and nobody from support has answered my three emails since Monday"
OTHERS = [
    "The courier left the parcel with a neighbour I have never met and support did not answer my emails for a week",
    "Nobody from support answered my emails about the parcel, and the courier says it was delivered on Monday",
    "Il corriere ha lasciato il pacco all'indirizzo sbagliato e l'assistenza non risponde alle mie email da lunedì",
    "Kurier zostawił paczkę pod złym adresem, a obsługa klienta nie odpowiada na moje maile od poniedziałku",
]


def _run(stage: NearDuplicates, texts: list[str], start: int = 0) -> list[str | None]:
    ids = [f"r{start + i}" for i in range(len(texts))]
    return stage(pl.DataFrame({"voc_id": ids, "text": texts})).get_column("duplicate_of").to_list()


@pytest.mark.parametrize(
    "copy",
    [
        ORIGINAL,
        ORIGINAL.upper(),
        ORIGINAL + " 😡😡",
        ORIGINAL.replace("three", "3").replace("Monday", "Monday!!!"),
        "@shipfast " + ORIGINAL + " https://example.com/t/123",
        ORIGINAL.replace(" and nobody", " nobody"),
    ],
)
def test_a_copy_with_a_small_edit_points_at_the_original(copy):
    assert _run(NearDuplicates(), [ORIGINAL, *OTHERS, copy]) == [None] * 5 + ["r0"]


def test_texts_on_the_same_topic_in_other_words_are_not_duplicates():
    assert _run(NearDuplicates(), [ORIGINAL, *OTHERS]) == [None] * 5


def test_short_answers_repeat_by_chance_and_are_never_duplicates():
    assert _run(NearDuplicates(), ["Great service, thank you!", "great service thank you"]) == [None, None]


def test_the_earliest_copy_is_named_across_batches():
    stage = NearDuplicates()
    assert _run(stage, [ORIGINAL, OTHERS[0]], start=0) == [None, None]
    assert _run(stage, [OTHERS[1], ORIGINAL + "!"], start=2) == [None, "r0"]
    assert _run(stage, [ORIGINAL.lower(), OTHERS[0] + " :("], start=4) == ["r0", "r1"]


def test_memory_is_bounded_by_forgetting_the_oldest_rows():
    stage = NearDuplicates(memory=2)
    _run(stage, [ORIGINAL, OTHERS[0]], start=0)
    _run(stage, [OTHERS[1], OTHERS[2]], start=2)  # the first batch is now past the memory
    assert _run(stage, [ORIGINAL, OTHERS[1] + "!"], start=4) == [None, "r2"]


def test_a_threshold_outside_0_1_is_refused():
    with pytest.raises(ValueError, match="threshold"):
        NearDuplicates(threshold=1.5)


def test_cli_finds_repeats_across_batches_and_workers_alike(voc, tmp_path):
    texts = [ORIGINAL, *OTHERS] * 3 + ["ok", "Grazie!"]
    source = tmp_path / "in.csv"
    pl.DataFrame({"id": [f"t{i}" for i in range(len(texts))], "comment": texts}).write_csv(source)
    outs = []
    for jobs in ("1", "2"):
        result = voc("analyze", source, "--id-col", "id", "--batch-size", "4", "--jobs", jobs, "-o", tmp_path / f"{jobs}.csv")
        assert result.code == 0, result.stderr
        outs.append(pl.read_csv(tmp_path / f"{jobs}.csv").get_column("duplicate_of").to_list())
    expected = [None] * 5 + [f"t{i}" for i in range(5)] * 2 + [None, None]
    assert outs[0] == outs[1] == expected


def test_a_batch_with_nothing_long_enough_is_fine_before_and_after_others():
    stage = NearDuplicates()
    assert _run(stage, ["ok", ""], start=0) == [None, None]
    assert _run(stage, [ORIGINAL], start=2) == [None]
    assert _run(stage, ["fine"], start=3) == [None]
    assert _run(stage, [ORIGINAL + "!"], start=4) == ["r2"]


def test_an_analyzer_remembers_across_batches_until_reset():
    from voc.batch import Analyzer

    analyzer = Analyzer(text_col="comment", id_col="id")
    first = analyzer(pl.DataFrame({"id": ["a"], "comment": [ORIGINAL]}))
    again = analyzer(pl.DataFrame({"id": ["b"], "comment": [ORIGINAL + "!"]}))
    assert first["duplicate_of"].to_list() == [None] and again["duplicate_of"].to_list() == ["a"]
    analyzer.reset()  # voc.spark does this at each partition
    assert analyzer(pl.DataFrame({"id": ["c"], "comment": [ORIGINAL]}))["duplicate_of"].to_list() == [None]
