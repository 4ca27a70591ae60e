"""Lexicon loading, matching rules and user overlays."""

from __future__ import annotations

import pytest

from tests.analysis_helpers import one
from voc.analyse.lexicon import LexiconError, load_lexicon, load_taxonomy

LANGS = ("it", "pl", "ru", "en")
FILES = ("valence.tsv", "phrases.tsv", "negators.txt", "intensifiers.tsv", "contrast.txt", "expected.txt", "topics.tsv", "cues.tsv", "concepts.tsv", "empty_answers.txt")


@pytest.mark.parametrize("lang", LANGS)
def test_every_language_has_the_same_files_and_thousands_of_entries(lang):
    from voc.core.resources import lexicon_path

    for name in FILES:
        assert lexicon_path(lang, name).exists(), f"{lang}/{name} is missing"
    lexicon = load_lexicon(lang)
    terms = {p.term for p in lexicon.valence.patterns()}
    assert len(terms) >= 2500
    topics = {p.value for p in lexicon.topics.patterns()}
    assert topics == set(load_taxonomy()), "every taxonomy topic needs terms in every language"


def test_concepts_share_their_ids_across_languages():
    ids = {lang: {p.value for p in load_lexicon(lang).concepts.patterns()} for lang in LANGS}
    assert len(ids["en"]) >= 300
    assert ids["it"] == ids["pl"] == ids["ru"] == ids["en"]


def test_accents_are_folded_for_latin_languages():
    assert one("perche il prodotto e arrivato rotto? pessimo", "it")["sentiment"] == "negative"
    assert one("obsluga zle mnie potraktowala, zenada", "pl")["sentiment"] == "negative"


def test_yo_is_read_as_ye():
    assert one("Всё отлично", "ru")["sentiment_score"] == one("Все отлично", "ru")["sentiment_score"]


def overlay(tmp_path, files: dict[str, str]) -> str:
    for name, text in files.items():
        path = tmp_path / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    return str(tmp_path)


def test_overlay_adds_a_topic_and_terms(tmp_path):
    folder = overlay(
        tmp_path,
        {
            "taxonomy.tsv": "id\tscope\tlabel_en\nwidget_x\texperience\tThe Widget X\n",
            "en/topics.tsv": "widget_x\twidget x\nwidget_x\twidgetx*\n",
            "en/valence.tsv": "wobbly\t-2\n",
        },
    )
    from tests.analysis_helpers import analyse

    frame = analyse(["My Widget X is wobbly", "the widgetxpro arrived"], "en", lexicons=folder)
    assert "widget_x" in frame["topics"][0].to_list()
    assert "widget_x:negative" in frame["topic_sentiments"][0].to_list()
    assert "widget_x" in frame["topics"][1].to_list()


def test_alternatives_match_at_one_place_of_a_term(tmp_path):
    folder = overlay(tmp_path, {
        "taxonomy.tsv": "id\tscope\tlabel_en\nwidget_x\texperience\tThe Widget X\n",
        "en/topics.tsv": "widget_x\twobbly widget|gadget|gizmo\n",
    })  # fmt: skip
    from tests.analysis_helpers import analyse

    frame = analyse(["a wobbly gadget again", "my wobbly gizmo", "wobbly again, the gadget"], "en", lexicons=folder)
    assert ["widget_x" in t for t in frame["topics"].to_list()] == [True, True, False]


@pytest.mark.parametrize(
    ("files", "message"),
    [
        ({"en/valence.tsv": "good\t2\nbad\n"}, r"valence.tsv: line 2: expected 2 tab-separated fields"),
        ({"en/valence.tsv": "good\tvery\n"}, r"line 1: 'very' is not a number"),
        ({"en/valence.tsv": "good\t9\n"}, r"line 1: 9.0 is outside"),
        ({"en/topics.tsv": "# c\nno_such_topic\tthing\n"}, r"topics.tsv: line 2: unknown topic 'no_such_topic'"),
        ({"en/cues.tsv": "staff\tagent\n"}, r"line 1: side must be service or experience"),
        ({"taxonomy.tsv": "id\tscope\nx\tmaybe\n"}, r"taxonomy.tsv: line 2: scope must be service or experience"),
        ({"en/topics.tsv": "delivery\tab*\n"}, r"prefix pattern needs 3 letters"),
        ({"en/topics.tsv": "delivery\tdon't|never arrived\n"}, r"line 1: each alternative in \"don't\|never\" must be one word"),
    ],
)
def test_bad_overlay_lines_name_file_and_line(tmp_path, files, message):
    folder = overlay(tmp_path, files)
    with pytest.raises(LexiconError, match=message):
        load_taxonomy(folder)
        load_lexicon("en", folder)


def test_bad_overlay_through_the_cli_is_a_one_line_usage_error(voc, write, tmp_path):
    folder = overlay(tmp_path / "lex", {"en/valence.tsv": "good\n"})
    result = voc("analyze", write("x.csv", "text\nvery good\n"), "--lexicons", folder)
    assert result.code == 2
    assert "valence.tsv: line 1: expected 2 tab-separated fields" in result.stderr
    assert voc("analyze", write("y.csv", "text\nok\n"), "--lexicons", tmp_path / "nope").code == 2


@pytest.mark.parametrize("lang", LANGS)
def test_no_term_is_listed_twice_in_a_file(lang):
    from voc.core.resources import lexicon_path

    for name in FILES:
        seen: dict[str, int] = {}
        for number, line in enumerate(lexicon_path(lang, name).read_text(encoding="utf-8").splitlines(), 1):
            if not line.strip() or line.startswith("#"):
                continue
            paired = name in ("topics.tsv", "cues.tsv", "concepts.tsv")
            key = (line.split("\t")[0], line.split("\t")[-1]) if paired else line.split("\t")[0]
            assert key not in seen, f"{lang}/{name}: line {number} repeats line {seen[key]}"
            seen[key] = number


def _tokens(*keys: tuple[str, ...]):
    from voc.analyse.text import Token

    return [Token(text=k[-1], keys=k, form=k[-1]) for k in keys]


def test_patterns_are_found_whole_longest_first_among_thousands_sharing_a_first_word():
    from voc.analyse.lexicon import Element, Pattern, PatternSet

    def pattern(*words: str, value: str = "") -> Pattern:
        els = tuple(Element(frozenset(), w[:-1]) if w.endswith("*") else Element(frozenset(w.split("|"))) for w in words)
        return Pattern(els, value or " ".join(words), " ".join(words))

    ps = PatternSet()
    for n in range(3000):  # the shape the signal lexicons have: one verb, thousands of continuations
        ps.add(pattern("switch", "to", f"provider{n}"))
    ps.add(pattern("switch|switched"))
    ps.add(pattern("switch", "to", "anoth*"))
    ps.add(pattern("switch", "to", "another", "bank"))
    # "switched" is the form, "switch" its lemma: every term starting "switch" may match through the lemma.
    tokens = _tokens(("switch", "switched"), ("to",), ("another",), ("bank",), ("today",))
    assert [p.term for p in ps.at(tokens, 0)] == ["switch to another bank", "switch to anoth*", "switch|switched"]
    assert [p.term for p in ps.at(_tokens(("switch", "switched"), ("to",), ("provider2999",)), 0)][0] == "switch to provider2999"
    assert ps.at(tokens, 1) == [] and ps.at(_tokens(("switch",), ("to",)), 0)[0].term == "switch|switched"
    assert [(i, p.term) for i, p in ps.find(_tokens(("we",), ("switch",), ("to",), ("anotherone",)))] == [
        (1, "switch to anoth*"), (1, "switch|switched")]  # fmt: skip
    assert len(list(ps.patterns())) == 3003


def test_a_written_form_beats_a_lemma_among_terms_of_equal_length():
    from voc.analyse.lexicon import Element, Pattern, PatternSet

    ps = PatternSet()
    ps.add(Pattern((Element(frozenset({"care"})),), "lemma", "care"))
    ps.add(Pattern((Element(frozenset({"caring"})),), "form", "caring"))
    token = _tokens(("care", "caring"))
    assert [p.value for p in ps.at(token, 0)] == ["form", "lemma"]
