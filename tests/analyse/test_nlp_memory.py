"""The nlp stage's memory stays bounded on a growing vocabulary, and bounding it changes no parse."""

from __future__ import annotations

import polars as pl

from voc.analyse import nlp
from voc.analyse.lemmatizers import pipeline_for

TEXTS = [
    "Il corriere è arrivato tardi, ma il servizio clienti è stato gentilissimo.",
    "Kurier zostawił paczkę pod złymi drzwiami, a konsultantka nie oddzwoniła.",
    "Оператор вежливый, но приложение вылетает после каждого обновления.",
    "The parcel arrived late again but the agent sorted it out within minutes.",
]
LANGS = ["it", "pl", "ru", "en"]


def _parse(stage: nlp.SpacyParser, texts: list[str]) -> list:
    return stage(pl.DataFrame({"text": texts, "language": LANGS})).get_column(nlp.PARSED).to_list()


def test_a_pipeline_past_its_vocabulary_limit_is_built_afresh_and_parses_the_same(monkeypatch):
    stage = nlp.SpacyParser()
    before = _parse(stage, TEXTS)
    first = pipeline_for("pl")
    monkeypatch.setattr(nlp, "VOCAB_LIMIT", 5)  # every pipeline holds more words than this by now
    again = _parse(stage, TEXTS)
    assert pipeline_for("pl") is not first and len(pipeline_for("pl").vocab) < len(first.vocab)
    assert again == before
    assert _parse(stage, TEXTS) == before  # and with the fresh pipelines


def test_only_the_language_past_its_limit_is_rebuilt(monkeypatch):
    stage = nlp.SpacyParser()
    _parse(stage, TEXTS)
    italian, polish = pipeline_for("it"), pipeline_for("pl")
    monkeypatch.setattr(nlp, "VOCAB_LIMIT", len(polish.vocab) + 1)  # only a language with more words than Polish
    stage(pl.DataFrame({"text": [TEXTS[1] + " Zupełnie nowe słowa: parasol, hulajnoga, truskawka."], "language": ["pl"]}))
    assert pipeline_for("pl") is not polish and pipeline_for("it") is italian
