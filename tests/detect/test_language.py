"""Language identification on short and noisy feedback (our own sentences)."""

from __future__ import annotations

import polars as pl
import pytest

from voc.core import columns as C
from voc.detect.language import LinguaLanguage


def detect(texts, hints=None, **params) -> list[tuple[str, float]]:
    frame = pl.DataFrame({C.TEXT: texts, C.LANG_HINT: hints or [None] * len(texts)}, schema={C.TEXT: pl.String, C.LANG_HINT: pl.String})
    out = LinguaLanguage(**params)(frame)
    return list(zip(out[C.LANGUAGE].to_list(), out[C.LANGUAGE_CONFIDENCE].to_list()))


CASES = {
    "it": [
        "Consegna in ritardo di una settimana, nessuno risponde al telefono",
        "ottimo servizio, grazie!!!",
        "non è male",
        "Pessimo 😡",
        "Perché devo pagare la commissione?",
        "@MercatoHelp l'app si blocca di nuovo dopo l'aggiornamento https://t.co/x1",
    ],
    "pl": [
        "Kurier zostawił paczkę pod złymi drzwiami",
        "Polecam!",
        "nie jest zły",
        "Konsultantka była bardzo miła :)",
        "Nadal czekam na zwrot pieniędzy, już trzeci tydzień",
        "RT @netfala awaria internetu #Warszawa http://t.co/abc",
    ],
    "ru": [
        "Оператор не перезвонил, до сих пор жду",
        "не плохо",
        "Спасибо!",
        "Приложение вылетает после обновления 🤬🤬",
        "#БанкСеверный очередь в отделении на час http://t.co/q",
        "RT @user: комиссия за перевод 1% это грабеж",
    ],
    "en": [
        "not bad",
        "Still waiting for my refund!!!",
        "The app keeps logging me out after the update",
        "@NorthwindHelp 40 mins on hold, seriously??",
        "Great product but support never answered",
        "Delivery was late again 🙄 https://example.com/order/5521",
    ],
}


@pytest.mark.parametrize(("lang", "text"), [(lang, t) for lang, texts in CASES.items() for t in texts])
def test_short_and_noisy_texts(lang, text):
    (found, confidence), = detect([text])
    assert found == lang
    assert 0 < confidence <= 1


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        ("Доброго дня, інтернет не працює вже три дні, прошу допомогти", "uk"),
        ("Die Lieferung kam zwei Wochen zu spät und niemand hat sich gemeldet", "de"),
        ("Le colis est arrivé abîmé et le service client ne répond pas", "fr"),
        ("Llevo dos semanas esperando el reembolso", "es"),
        ("Добър ден, картата ми не пристигна и никой не отговаря на телефона", "bg"),
        ("Dobrý den, faktura je špatně a nikdo mi neodpověděl", "cs"),
    ],
)
def test_neighbours_keep_their_own_code(text, lang):
    assert detect([text])[0][0] == lang


@pytest.mark.parametrize(
    ("word", "lang"),
    [("Polecam", "pl"), ("grazie", "it"), ("Спасибо", "ru"), ("Pessimo", "it"), ("Thanks", "en"), ("Dziękuję", "pl")],
)
def test_the_prior_keeps_one_word_answers_in_the_analysed_languages(word, lang):
    assert detect([word])[0][0] == lang


def test_without_the_prior_neighbours_steal_short_words():
    # The same candidates with no preference: measurably worse on one-word answers.
    words = ["rapido", "kurier", "refund", "Ужас"]
    expected = ["it", "pl", "en", "ru"]
    assert [f for f, _ in detect(words)] == expected
    assert [f for f, _ in detect(words, prior=1.0)] != expected


@pytest.mark.parametrize("text", ["", None, "-", "n/a", "123 456", "👍👍", "https://example.com/x", "...", "10/10"])
def test_no_linguistic_signal_is_und(text):
    assert detect([text]) == [(C.UNDETERMINED, 0.0)]


def test_a_hint_decides_an_ambiguous_text_but_not_a_clear_one():
    ambiguous = "super top"
    assert detect([ambiguous], hints=["pl"])[0][0] == "pl"
    assert detect([ambiguous], hints=["it"])[0][0] == "it"
    clear = "Die Lieferung kam zwei Wochen zu spät und niemand hat sich gemeldet"
    assert detect([clear], hints=["it"])[0][0] == "de"


def test_forced_language_applies_to_every_text_with_words():
    assert detect(["hello there", "ciao", ""], force="pl") == [("pl", 1.0), ("pl", 1.0), ("und", 0.0)]


def test_confidence_is_a_probability_and_higher_for_longer_text():
    (_, short), (_, long) = detect(["bene", "Il servizio clienti è stato gentile e veloce, lo consiglio"])
    assert 0 < short < long <= 1


def test_a_one_megabyte_text_is_detected_quickly_from_its_start():
    (found, _), = detect(["Il pacco è arrivato in ritardo. " * 40_000])
    assert found == "it"


def test_bad_parameters_are_refused():
    with pytest.raises(ValueError, match="unknown language code"):
        LinguaLanguage(languages=["it", "zz"])
    with pytest.raises(ValueError, match="two-letter"):
        LinguaLanguage(force="italian")
    with pytest.raises(ValueError, match="accuracy must be"):
        LinguaLanguage(accuracy="medium")


ALL_CASES = [t for texts in CASES.values() for t in texts]


def test_one_thread_gives_the_same_answers_as_all_cores():
    # voc analyze --jobs runs detection in the main process on one thread.
    assert detect(ALL_CASES, threads=1) == detect(ALL_CASES)


def test_low_accuracy_mode_still_reads_sentences():
    # The light mode (30 MB instead of 450 MB) is for long texts; sentences stay right.
    sentences = [CASES[lang][0] for lang in CASES] + ["Nadal czekam na zwrot pieniędzy, już trzeci tydzień"]
    assert [lang for lang, _ in detect(sentences, accuracy="low")] == ["it", "pl", "ru", "en", "pl"]


def test_warm_builds_the_detector_in_a_background_thread_safely():
    import threading

    from voc.detect.language import LinguaLanguage

    stage = LinguaLanguage()
    threads = [threading.Thread(target=stage.warm) for _ in range(2)]
    for t in threads:
        t.start()
    first = stage._detector()
    for t in threads:
        t.join()
    assert stage._detector() is first  # one detector, whoever built it
    from voc.detect.language import _detector_for

    _detector_for.cache_clear()
    forced = LinguaLanguage(force="pl")
    forced.warm()
    forced(pl.DataFrame({"text": ["to jest zdanie po polsku"]}))
    assert _detector_for.cache_info().currsize == 0  # --language needs no models


def test_long_texts_go_to_the_trigram_models_and_short_ones_to_the_full_ones(monkeypatch):
    from voc.detect import language

    asked: dict[str, list[str]] = {}
    real = language.LinguaLanguage._confidences

    def spy(self, texts, accuracy):
        asked.setdefault(accuracy, []).extend(texts)
        return real(self, texts, accuracy)

    monkeypatch.setattr(language.LinguaLanguage, "_confidences", spy)
    short, long = "Polecam", "Obsługa bardzo miła, pokój czysty i cichy, ale śniadanie mogłoby być bardziej urozmaicone."
    out = language.LinguaLanguage()(pl.DataFrame({"text": [short, long]}))
    assert out.get_column("language").to_list() == ["pl", "pl"]
    assert len(asked["high"]) == 1 and len(asked["high"][0]) < 80  # cleaned for detection, so compared by length
    assert len(asked["low"]) == 1 and len(asked["low"][0]) >= 80
    asked.clear()
    language.LinguaLanguage(low_accuracy_from=0)(pl.DataFrame({"text": [short, long]}))
    assert set(asked) == {"high"} and len(asked["high"]) == 2
