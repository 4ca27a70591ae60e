"""scope.md's decided edge cases, in four languages (our own sentences)."""

from __future__ import annotations

import pytest

from tests.analysis_helpers import one

CASES = [
    # waiting on hold, no reply to e-mails, callback never came -> service
    ("en", "I was on hold for 50 minutes and nobody picked up", "service"),
    ("it", "Ho scritto tre email al servizio clienti e nessuno mi ha risposto", "service"),
    ("pl", "Obiecali oddzwonić i nikt nie oddzwonił", "service"),
    ("ru", "Обещали перезвонить, так никто и не перезвонил", "service"),
    # a rude or competent agent, receptionist, waiter -> service
    ("en", "The receptionist was rude and dismissive", "service"),
    ("it", "Il cameriere è stato gentilissimo e molto professionale", "service"),
    ("pl", "Konsultantka była niemiła i arogancka", "service"),
    ("ru", "Менеджер в отделении очень вежливый и компетентный", "service"),
    # flight attendants' behaviour -> service
    ("en", "The flight attendant was so kind to my kids", "service"),
    # a doctor's manner -> service; clinical result -> experience
    ("pl", "Pani doktor cierpliwie wszystko wytłumaczyła", "service"),
    ("pl", "Zabieg się nie udał i leczenie trzeba było powtórzyć", "experience"),
    ("it", "Il medico ha sbagliato la diagnosi", "experience"),
    # chatbot that could not help -> service
    ("en", "The chatbot could not help me at all", "service"),
    ("ru", "Чат-бот ничем не помог", "service"),
    # product quality, room, food, cleanliness -> experience
    ("it", "La camera era sporca e il letto scomodo", "experience"),
    ("pl", "Pokój był brudny, a łazienka śmierdziała", "experience"),
    ("en", "The sofa fabric started pilling after a week", "experience"),
    # delayed flight, lost luggage -> experience
    ("en", "Flight delayed three hours and my bag got lost", "experience"),
    ("it", "Volo cancellato e bagaglio smarrito", "experience"),
    # prices, fees -> experience
    ("ru", "Опять подняли комиссию за перевод", "experience"),
    ("pl", "Nowa opłata za fakturę papierową to przesada", "experience"),
    # website or app -> experience
    ("en", "The app crashes every time I try to log in", "experience"),
    ("ru", "Приложение вылетает после обновления", "experience"),
    # delivery, courier -> experience
    ("it", "Il corriere ha lasciato il pacco dal vicino", "experience"),
    ("pl", "Kurier zostawił paczkę pod złymi drzwiami", "experience"),
    # marketing SMS -> experience
    ("ru", "Достали смс-рассылки с рекламой", "experience"),
    # overall praise or complaint naming no aspect -> experience
    ("pl", "Polecam!", "experience"),
    ("en", "Never again.", "experience"),
    ("ru", "Позор!", "experience"),
    ("it", "Consigliatissimo!", "experience"),
    # both sides clearly
    ("en", "Love the sofa but customer service never called back", "both"),
    ("it", "Prodotto ottimo ma il servizio clienti non risponde mai", "both"),
    # more of the decided cases, so that each language covers them
    ("it", "Il chatbot non ha capito la mia domanda", "service"),
    ("it", "Hanno aumentato le commissioni sui bonifici", "experience"),
    ("it", "L'app si blocca ogni volta che provo a pagare", "experience"),
    ("it", "Il volo è partito con tre ore di ritardo", "experience"),
    ("pl", "Czatbot nie umiał odpowiedzieć na żadne pytanie", "service"),
    ("pl", "Aplikacja wylogowuje mnie po każdej aktualizacji", "experience"),
    ("pl", "Kolejka w salonie na godzinę", "experience"),
    ("ru", "Номер в отеле грязный, а кровать скрипит", "experience"),
    ("ru", "Курьер привез карту на два дня позже", "experience"),
    ("ru", "Оператор горячей линии нахамил и бросил трубку", "service"),
    ("en", "They raised the monthly fee again", "experience"),
    ("en", "The courier left my parcel in the rain", "experience"),
    ("en", "Waited 40 minutes on the phone to speak to an agent", "service"),
    ("ru", "Отличный продукт, но поддержка не отвечает неделю", "both"),
    ("pl", "Świetny produkt, ale infolinia w ogóle nie odbiera", "both"),
    # nothing about a company -> none
    ("en", "n/a", "none"),
    ("it", "nessun commento", "none"),
    ("pl", "brak uwag", "none"),
    ("ru", "-", "none"),
]


@pytest.mark.parametrize(("lang", "text", "scope"), CASES)
def test_scope_edge_cases(lang, text, scope):
    row = one(text, lang)
    assert row["scope"] == scope, row["evidence"]


def test_evidence_names_the_cues_per_side():
    row = one("The agent was rude and the parcel arrived damaged", "en")
    assert row["scope"] == "both"
    assert "service:" in row["evidence"] and "experience:" in row["evidence"]
    assert "agent" in row["evidence"] and "parcel" in row["evidence"].lower()


def test_other_languages_are_not_analysed():
    row = one("Die Lieferung kam zu spät", "de")
    assert row["scope"] is None and row["sentiment"] is None and row["topics"] is None
    assert row["evidence"] == "not analysed: language de"
