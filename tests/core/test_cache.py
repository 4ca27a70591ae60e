"""The start-up cache: a hit gives the same object, anything wrong with it falls back to building."""

from __future__ import annotations

import os
import time

from voc.core.cache import cached, key_of


def test_a_second_call_reads_what_the_first_built(tmp_path, monkeypatch):
    monkeypatch.setenv("VOC_CACHE_DIR", str(tmp_path))
    builds = []
    first = cached("thing", "k1", lambda: builds.append(1) or {"a": [1, 2]})
    second = cached("thing", "k1", lambda: builds.append(1) or {"a": "rebuilt"})
    assert first == second == {"a": [1, 2]} and builds == [1]


def test_a_corrupt_entry_is_rebuilt(tmp_path, monkeypatch):
    monkeypatch.setenv("VOC_CACHE_DIR", str(tmp_path))
    (tmp_path / "thing-k1.pickle").write_bytes(b"not a pickle")
    assert cached("thing", "k1", lambda: 42) == 42
    assert cached("thing", "k1", lambda: 0) == 42  # and rewritten whole


def test_an_unwritable_folder_or_off_just_builds(tmp_path, monkeypatch):
    blocker = tmp_path / "file"
    blocker.write_text("x")
    monkeypatch.setenv("VOC_CACHE_DIR", str(blocker / "sub"))  # cannot be created under a file
    assert cached("thing", "k", lambda: 7) == 7
    monkeypatch.setenv("VOC_CACHE_DIR", "off")
    assert cached("thing", "k", lambda: 8) == 8


def test_the_key_follows_file_contents(tmp_path):
    f = tmp_path / "valence.tsv"
    f.write_text("good\t2\n")
    before = key_of("lexicon:en", [f], ["polars"])
    f.write_text("good\t3\n")
    assert key_of("lexicon:en", [f], ["polars"]) != before


def test_old_entries_of_a_kind_are_pruned(tmp_path, monkeypatch):
    monkeypatch.setenv("VOC_CACHE_DIR", str(tmp_path))
    stale = tmp_path / "thing-old.pickle"
    stale.write_bytes(b"x")
    month_ago = time.time() - 40 * 86400
    os.utime(stale, (month_ago, month_ago))
    cached("thing", "new", lambda: 1)
    assert not stale.exists() and (tmp_path / "thing-new.pickle").exists()


def test_a_lexicon_from_the_cache_matches_a_built_one(tmp_path, monkeypatch):
    from voc.analyse import lexicon

    monkeypatch.setenv("VOC_CACHE_DIR", str(tmp_path))
    lexicon.load_lexicon.cache_clear()
    built = lexicon.load_lexicon("en")
    lexicon.load_lexicon.cache_clear()
    again = lexicon.load_lexicon("en")
    lexicon.load_lexicon.cache_clear()
    assert again is not built and list(tmp_path.glob("lexicon-en-*.pickle"))
    assert again == built  # dataclass equality: every pattern set, word list and emoji


def test_a_file_edited_during_the_build_is_not_stored_under_the_old_key(tmp_path, monkeypatch):
    monkeypatch.setenv("VOC_CACHE_DIR", str(tmp_path / "cache"))
    source = tmp_path / "terms.tsv"
    source.write_text("v1")
    key = key_of("x", [source], [])

    def build() -> str:
        text = source.read_text()
        source.write_text("v2")  # edited while voc was reading it
        return text

    assert cached("kind", key, build, lambda: key_of("x", [source], [])) == "v1"
    source.write_text("v1")  # back to the first content: must be built again, not read from the cache
    assert cached("kind", key, lambda: "rebuilt", lambda: key_of("x", [source], [])) == "rebuilt"


def test_an_array_comes_back_memory_mapped_and_equal(tmp_path, monkeypatch):
    import numpy as np

    from voc.core.cache import mapped

    monkeypatch.setenv("VOC_CACHE_DIR", str(tmp_path))
    table = np.arange(24, dtype=np.uint8).reshape(6, 4)
    first = mapped("table", "k1", lambda: table)
    second = mapped("table", "k1", lambda: np.zeros((6, 4), dtype=np.uint8))  # a hit: not built again
    for got in (first, second):
        assert isinstance(got, np.memmap) and not got.flags.writeable
        assert np.array_equal(got, table) and got.dtype == table.dtype
    (tmp_path / "table-k2.npy").write_bytes(b"\x93NUMPY truncated")
    assert np.array_equal(mapped("table", "k2", lambda: table + 1), table + 1)  # corrupt: built and stored anew
    assert isinstance(mapped("table", "k2", lambda: table), np.memmap)
    monkeypatch.setenv("VOC_CACHE_DIR", "off")
    kept = mapped("table", "k1", lambda: table)
    assert kept is table  # no cache: the array built in memory


def test_the_encoder_reads_its_word_pieces_from_one_shared_file(tmp_path, monkeypatch):
    import numpy as np

    from voc.learn.embed import _encoder, share_table

    monkeypatch.setenv("VOC_CACHE_DIR", str(tmp_path))
    backend = _encoder(1)._model
    in_memory = np.array(backend.table)
    backend.table = in_memory
    share_table(backend)
    try:
        assert isinstance(backend.table, np.memmap) and np.array_equal(backend.table, in_memory)
        assert [p.name.startswith("use-table-") for p in tmp_path.glob("*.npy")] == [True]
        other = in_memory.copy()
        other[0, 0] ^= 1  # another table of the same shape and package version: its own file, never the first's
        backend.table = other
        share_table(backend)
        assert np.array_equal(backend.table, other) and len(list(tmp_path.glob("use-table-*.npy"))) == 2
    finally:
        backend.table = in_memory  # the process-wide encoder must not point into a deleted tmp folder
