"""voc topics: what counts as a new theme, greetings that form none, labels as customers wrote them.

Every sentence here was written for these tests.
"""

from __future__ import annotations

import io
import json
from pathlib import Path

import polars as pl
import pytest

RUDE_PL = [
    "Pani w sklepie była bardzo niemiła i nieuprzejma",
    "Nieuprzejma obsługa w sklepie, nikt się nie uśmiechnął",
    "Sprzedawca był opryskliwy i niemiły dla klientów",
    "Obsługa w sklepie niemiła, sprzedawczyni nieuprzejma",
    "Bardzo niemiły sprzedawca, opryskliwy i arogancki",
    "Kasjerka była nieuprzejma i niemiła, obsługa fatalna",
    "Nieuprzejmy pracownik sklepu krzyczał na mnie",
    "Obsługa klienta w sklepie była arogancka i niemiła",
]
# "scortese" and "maleducato" are not (yet) taxonomy terms: most of these carry no taxonomy topic.
RUDE_IT = [
    "Il commesso del negozio è stato scortese e maleducato",
    "Commessa scortese, nel negozio ti trattano male",
    "Personale del negozio maleducato e scortese con i clienti",
    "Il commesso mi ha risposto in modo scortese e maleducato",
    "In negozio i commessi sono scortesi e maleducati",
    "Commessi maleducati, il negozio di via Roma è da evitare",
    "Negozio con personale scortese, il commesso ha alzato la voce",
    "La commessa era maleducata e scortese, negozio pessimo",
]
# A vending machine that swallows coins: no taxonomy topic is about it.
VENDING = [
    "Il distributore nell'atrio si mangia le monete e non restituisce niente",
    "Il distributore si è mangiato le mie monete un'altra volta",
    "Distributore rotto: inserisco le monete e non esce nulla",
    "Il distributore nell'atrio inghiotte monete da settimane",
    "Automat w holu połyka monety i nic nie wydaje",
    "Automat znowu zjadł moje monety, nic nie wypadło",
    "Wrzucam monety do automatu i automat nic nie wydaje",
    "Automat od tygodnia połyka monety",
]
GREETINGS = ["Grazie", "Grazie!", "Buongiorno", "Dziękuję", "Pozdrawiam", "Dzień dobry", "Thank you!", "Thanks", "Спасибо", "Здравствуйте"]


# -- describe(): which taxonomy topic covers a theme ---------------------------


def _row(lang: str, topics: tuple[str, ...] = ()) -> dict:
    return {"language": lang, "text": "a comment long enough to be an example", "sentiment": "negative", "scope": "service", "topics": list(topics)}


def test_a_theme_covered_through_its_concept_elsewhere_is_not_new_and_says_by_what():
    from voc.discover.describe import describe
    from voc.discover.outputs import topics_frame

    rows, assigned, feats = [], [], []
    for i in range(6):  # Polish rude staff: the taxonomy tags every one
        rows.append(_row("pl", ("staff_attitude",)))
        assigned.append(0)
        feats.append(["t:staff_attitude", "c:rude", "w:pl:nieuprzejmy|nieuprzejma"])
    for i in range(6):  # Italian rude staff: the taxonomy's terms miss all but one
        rows.append(_row("it", ("staff_attitude",) if i == 0 else ()))
        assigned.append(1)
        feats.append(["c:rude", "c:shop", "w:it:scortese|scortese"])
    for i in range(6):  # a vending machine: half tagged by a stray word, its concept tagged nowhere else
        rows.append(_row("it", ("premises_cleanliness",) if i < 3 else ()))
        assigned.append(2)
        feats.append(["c:cash", "w:it:distributore|distributore"])
    by_topic = {s.topic: s for s in describe(rows, assigned, feats)}

    assert not by_topic[1].new and by_topic[1].covered_by == ("staff_attitude", 1.0)
    assert by_topic[1].taxonomy == [("staff_attitude", 0.167)]  # what the taxonomy itself tagged
    # Exactly half is no clear majority, and the theme's own tagged comments cannot vouch for its concept.
    assert by_topic[2].new and by_topic[2].covered_by is None
    frame = topics_frame(list(by_topic.values()))
    assert frame["covered_by"].to_list() == ["staff_attitude:1.0", "staff_attitude:1.0", ""]
    assert frame["new_theme"].to_list() == [False, False, True]


def test_labels_show_words_as_written_in_the_topic():
    from voc.discover.describe import describe

    feats = [
        ["w:it:negoziare|negozio", "w:it:roma|Roma", "w:pl:obsluga|obsługi", "w:pl:sklep|sklepie"],
        ["w:it:negoziare|negozio", "w:it:roma|Roma", "w:pl:obsluga|obsługi", "w:pl:sklep|sklepu"],
        ["w:it:negoziare|Negozi", "w:it:roma|Roma", "w:pl:obsluga|obsluga", "w:pl:sklep|sklepie"],
        ["w:it:negoziare|negozio", "w:it:roma|roma", "w:pl:obsluga|obsługa", "w:pl:sklep|sklepu"],
        ["w:it:negoziare|negozio", "w:pl:obsluga|obsluga", "w:pl:obsluga|obsługi"],
    ]
    rows = [_row("it"), _row("pl"), _row("it"), _row("pl"), _row("it")]
    (summary,) = describe(rows, [0] * 5, feats)
    # "negoziare" is the lemmatiser's mistake; the base form "obsługa" was written (once with its
    # diacritics, twice without); "sklepie" and "sklepu" tie and the first alphabetically wins.
    assert summary.terms == {"it": ["negozio", "Roma"], "pl": ["obsługa", "sklepie"]}
    # The label names the topic in each language it speaks, most comments first.
    assert summary.label == "it: negozio, Roma · pl: obsługa, sklepie"
    (alone,) = describe([rows[i] for i in (0, 2, 4)], [0, 0, 0], [feats[i] for i in (0, 2, 4)])
    assert alone.label == "negozio, Roma"  # one language: no prefix


# -- features(): greetings and sign-offs carry no theme --------------------------


@pytest.fixture(scope="module")
def parse():
    from voc.analyse.nlp import PARSED, SpacyParser
    from voc.core import columns as C

    stage = SpacyParser()

    def run(text: str, lang: str):
        frame = pl.DataFrame({C.TEXT: [text], C.LANGUAGE: [lang]})
        return stage(frame).get_column(PARSED)[0]

    return run


def test_greetings_and_signoffs_give_no_feature(parse):
    from voc.discover.features import features, model_view, split_surface

    for text, lang in [("Grazie!", "it"), ("Dzień dobry", "pl"), ("Thank you so much", "en"), ("Спасибо", "ru"), ("Hello", "it")]:
        assert features(parse(text, lang), []) == [], text  # "Hello" taken for Italian is still a greeting
    found = features(parse("Dzień dobry, obsługa w sklepie była niemiła. Pozdrawiam", "pl"), ["staff_attitude"])
    lemmas = [f for f in model_view(found) if f.startswith("w:")]
    assert not {"w:pl:dzien", "w:pl:dobry", "w:pl:pozdrawiac", "w:pl:pozdrawiam"} & set(lemmas)
    assert "w:pl:obsluga" in lemmas  # folded for the model...
    assert "obsługa" in {split_surface(f)[1] for f in found}  # ...and as written for the labels


def test_the_model_never_sees_the_written_forms():
    from voc.discover.embedding import FeatureEmbedder
    from voc.discover.features import SURFACE

    docs = [["c:rude", "w:pl:obsluga|obsługa"], ["c:rude", "w:pl:obsluga|Obsługi"], ["w:it:negoziare|negozio", "c:shop"]]
    vocabulary = FeatureEmbedder(n_components=2).fit(docs).vectorizer_.get_feature_names_out()
    assert sorted(vocabulary) == ["c:rude", "c:shop", "w:it:negoziare", "w:pl:obsluga"]
    assert not any(SURFACE in v for v in vocabulary)


# -- the whole command on planted themes ----------------------------------------


class _Terminal(io.StringIO):
    def isatty(self) -> bool:  # so that the console prints its info lines
        return True


@pytest.fixture(scope="module")
def planted(tmp_path_factory):
    from voc.core.console import Console
    from voc.topics import TopicsRequest, discover_topics

    folder = tmp_path_factory.mktemp("planted")
    texts = RUDE_PL + RUDE_IT + VENDING + GREETINGS
    source = folder / "export.csv"
    pl.DataFrame({"comment": texts}).write_csv(source)
    stream = _Terminal()
    out = f"{folder / 'topics_naive'}/"  # as typed with shell completion
    result = discover_topics(TopicsRequest(inputs=[str(source)], output_dir=out, seed=1), Console(stream=stream))
    return result, stream.getvalue(), folder / "topics_naive"


def _kind(result, summary) -> str:
    texts = [result.rows[i]["text"] for i in summary.members]
    counts = {name: sum(t in group for t in texts) for name, group in (("rude", RUDE_PL + RUDE_IT), ("vending", VENDING), ("greeting", GREETINGS))}
    return max(counts, key=counts.get) if max(counts.values()) * 2 > len(texts) else "mixed"


def test_rude_staff_in_two_languages_is_covered_and_a_vending_machine_is_new(planted):
    result, _, _ = planted
    topics = [s for s in result.summaries if s.topic != -1]
    rude = [s for s in topics if _kind(result, s) == "rude"]
    vending = [s for s in topics if _kind(result, s) == "vending"]
    assert rude and vending, [(s.label, _kind(result, s)) for s in topics]
    assert any(s.languages.get("it", 0) * 2 > s.size for s in rude)  # the Italian one, which the taxonomy mostly misses
    for s in rude:
        assert not s.new and s.covered_by and s.covered_by[0] == "staff_attitude", (s.label, s.taxonomy, s.covered_by)
    for s in vending:
        assert s.new and s.covered_by is None, (s.label, s.taxonomy)


def test_greetings_alone_are_outliers_and_never_label_a_topic(planted):
    result, _, _ = planted
    for i, row in enumerate(result.rows):
        if row["text"] in GREETINGS:
            assert result.assigned[i] == -1, row["text"]
    words = " ".join(s.label + " " + json.dumps(s.terms, ensure_ascii=False) for s in result.summaries).lower()
    for greeting in ("grazie", "buongiorno", "dziękuję", "pozdrawiam", "dobry", "thank", "спасибо", "здравствуйте"):
        assert greeting not in words


def test_labels_keep_the_written_form_in_italian_and_polish(planted):
    result, _, _ = planted
    terms = {lang: {w for s in result.summaries for w in s.terms.get(lang, [])} for lang in ("it", "pl")}
    assert "negozio" in terms["it"] and "negoziare" not in terms["it"]
    assert "obsługa" in terms["pl"] and "obsluga" not in terms["pl"]


def test_outputs_agree_and_the_folder_is_printed_with_one_slash(planted):
    result, printed, folder = planted
    assert f"written to {folder}/" in printed and "//" not in printed
    topics = pl.read_csv(folder / "topics.csv", infer_schema=False)
    real = topics.filter(pl.col("topic") != "-1")
    assert [v == "true" for v in real["new_theme"].to_list()] == [not c for c in real["covered_by"].to_list()]
    assert "true" in real["new_theme"].to_list() and "false" in real["new_theme"].to_list()
    markdown = (folder / "topics.md").read_text(encoding="utf-8")
    assert "Covered by the taxonomy topic staff_attitude" in markdown and "**new theme**" in markdown
    assert Path(folder / "assignments.csv").exists()
