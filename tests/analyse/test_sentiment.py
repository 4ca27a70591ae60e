"""Sentiment rules in each language: negation, contrast, intensity, emoji (our own sentences)."""

from __future__ import annotations

import pytest

from tests.analysis_helpers import analyse, one

NEGATION = [
    ("it", "non è male", "positive"),
    ("it", "Il pranzo non mi è piaciuto", "negative"),
    ("pl", "nie jest zły", "positive"),
    ("pl", "Nie polecam tego sklepu", "negative"),
    ("ru", "не плохо", "positive"),
    ("ru", "Не рекомендую этот банк", "negative"),
    ("en", "not bad", "positive"),
    ("en", "The room was not clean", "negative"),
]


@pytest.mark.parametrize(("lang", "text", "expected"), NEGATION)
def test_negation(lang, text, expected):
    assert one(text, lang)["sentiment"] == expected


PLAIN_AND_NEGATED = [
    ("it", "Il personale è gentile", "Il personale non è gentile"),
    ("pl", "Obsługa była pomocna", "Obsługa nie była pomocna"),
    ("ru", "Оператор был вежливый", "Оператор был не вежливый"),
    ("en", "The agent was helpful", "The agent was not helpful"),
]


@pytest.mark.parametrize(("lang", "plain", "negated"), PLAIN_AND_NEGATED)
def test_negation_flips_the_sign(lang, plain, negated):
    assert one(plain, lang)["sentiment_score"] > 0 > one(negated, lang)["sentiment_score"]


CONTRAST = [
    ("it", "Il prodotto è ottimo ma il servizio clienti non risponde mai", "product_quality"),
    ("pl", "Produkt jest świetny, ale infolinia w ogóle nie odbiera", "product_quality"),
    ("ru", "Приложение отличное, но до поддержки не дозвониться", "website_app"),
    ("en", "Great product but support never answered", "product_quality"),
]


@pytest.mark.parametrize(("lang", "text", "positive_topic"), CONTRAST)
def test_contrast_gives_each_side_its_own_sentiment(lang, text, positive_topic):
    row = one(text, lang)
    pairs = dict(p.split(":") for p in row["topic_sentiments"])
    assert pairs[positive_topic] == "positive"
    assert "negative" in pairs.values()
    assert row["scope"] == "both"


INTENSITY = [
    ("it", "buono", "molto buono"),
    ("pl", "dobry", "bardzo dobry"),
    ("ru", "хороший", "очень хороший"),
    ("en", "good", "very good"),
    ("en", "slow", "extremely slow"),
]


@pytest.mark.parametrize(("lang", "plain", "stronger"), INTENSITY)
def test_intensifiers_strengthen(lang, plain, stronger):
    assert abs(one(stronger, lang)["sentiment_score"]) > abs(one(plain, lang)["sentiment_score"]) > 0


DAMPENED = [("it", "un po' lento", "lento"), ("en", "a bit slow", "slow"), ("pl", "trochę wolno", "wolno"), ("ru", "немного медленно", "медленно")]


@pytest.mark.parametrize(("lang", "weaker", "plain"), DAMPENED)
def test_dampeners_weaken(lang, weaker, plain):
    assert abs(one(weaker, lang)["sentiment_score"]) < abs(one(plain, lang)["sentiment_score"])


EMOJI = [
    ("it", "Consegna arrivata 👍", "positive"),
    ("pl", "Paczka dotarła 😡😡", "negative"),
    ("ru", "Карту привезли 🙏😊", "positive"),
    ("en", "Parcel arrived :(", "negative"),
    ("ru", "Спасибо)))", "positive"),
]


@pytest.mark.parametrize(("lang", "text", "expected"), EMOJI)
def test_emoji_and_emoticons(lang, text, expected):
    assert one(text, lang)["sentiment"] == expected


def test_exclamation_caps_and_elongation_add_emphasis():
    base = one("the service was bad", "en")["sentiment_score"]
    assert one("the service was bad!!!", "en")["sentiment_score"] < base
    assert one("the service was BAD", "en")["sentiment_score"] < base
    assert one("sooooo good", "en")["sentiment_score"] > 0


@pytest.mark.parametrize(
    ("lang", "text"),
    [("it", "ancora in attesa del rimborso"), ("pl", "nadal czekam na zwrot"), ("ru", "до сих пор жду возврат"), ("en", "still waiting for my refund")],
)
def test_complaint_phrases_are_negative(lang, text):
    assert one(text, lang)["sentiment"] == "negative"


@pytest.mark.parametrize(
    ("lang", "text"),
    [("it", "A che ora apre il negozio?"), ("pl", "Proszę o duplikat faktury za październik."), ("ru", "Подскажите, как подключить тариф?"), ("en", "What time does the store open?")],
)
def test_plain_questions_and_requests_are_neutral(lang, text):
    assert one(text, lang)["sentiment"] == "neutral"


def test_score_is_bounded_and_empty_text_is_neutral():
    frame = analyse(["AWFUL!!! " * 50, "", "-"], "en")
    assert -1 <= frame["sentiment_score"][0] < -0.9
    assert frame["sentiment"].to_list()[1:] == ["neutral", "neutral"]


def test_text_score_disagreement_is_flagged_not_overridden():
    frame = analyse(
        ["Fantastic service, thank you so much!", "Terrible, never again", "Fantastic service, thank you so much!", "Fine"],
        "en", values=[2.0, 10.0, 10.0, None], scale="0-10",
    )  # fmt: skip
    assert frame["score_text_disagreement"].to_list() == [True, True, False, None]
    assert frame["sentiment"].to_list()[:2] == ["positive", "negative"]  # the text decides
