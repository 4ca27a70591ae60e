"""The compact lemma tables give exactly the lemmas of the libraries they stand in for."""

from __future__ import annotations

import pytest

from voc.analyse.lemmatizers import CompactTable, lookup, simplemma


class Colliding(str):
    """A key whose hash collides with every other: the table must still tell them apart."""

    def __hash__(self) -> int:
        return 7


def test_compact_table_is_an_exact_mapping():
    mapping = {"andato": "andare", "andata": "andare", "case": "casa", "più": "molto", "": "vuoto"}
    table = CompactTable(mapping)
    assert len(table) == len(mapping)
    assert all(table.get(k) == v for k, v in mapping.items())
    assert table.get("andati") is None
    assert table.get("andati", "andati") == "andati"


def test_compact_table_tells_keys_with_the_same_hash_apart():
    mapping = {Colliding("uno"): "1", Colliding("due"): "2", Colliding("tre"): "3", "quattro": "4"}
    table = CompactTable(mapping)
    assert [table.get(Colliding(k)) for k in ("uno", "due", "tre", "cinque")] == ["1", "2", "3", None]
    assert table.get("quattro") == "4"


@pytest.mark.parametrize("lang", ["it", "en"])
def test_lookup_matches_spacy_lookups_on_every_entry(lang):
    from spacy.lookups import load_lookups

    spacy_table = load_lookups(lang, ["lemma_lookup"]).get_table("lemma_lookup")
    lemma = lookup(lang)
    # spaCy's table keys are hashes; its words come from the same JSON file.
    from voc.analyse.lemmatizers import _read_lookup_json

    words = list(_read_lookup_json(lang))
    assert len(words) == len(spacy_table)
    assert all(lemma(w) == spacy_table.get(w, w) for w in words)
    assert lemma("qwertyuiop") == "qwertyuiop"


def test_polish_stream_dictionary_gives_simplemma_s_lemmas():
    import simplemma as library

    words = ("zamówienia kurierem paczkę konsultantka była niemiła aplikacja zawiesza się faktury "
             "czekałem godzinę infolinii oddzwonił opłaty Warszawie dzięki polecam najgorszy").split()  # fmt: skip
    lemma = simplemma("pl")
    assert [lemma(w) for w in words] == [library.lemmatize(w, lang="pl").lower() for w in words]


def test_a_language_without_a_lookup_table_is_a_clear_error():
    with pytest.raises(ValueError, match="no lemma_lookup table"):
        lookup("xx")
