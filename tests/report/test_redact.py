"""PII redaction in all four languages (our own sentences, fake numbers)."""

from __future__ import annotations

import pytest

from voc.report.redact import CARD, EMAIL, IBAN, PHONE, redact

CASES = [
    # e-mail
    ("it", "Scrivetemi a mario.rossi+voc@example.it per favore", "mario.rossi", EMAIL),
    ("pl", "Mój mail: anna_kowalska@example.com.pl, proszę o kontakt", "anna_kowalska", EMAIL),
    ("ru", "Пишите на ivan.petrov@example.ru, жду ответа", "ivan.petrov", EMAIL),
    ("en", "Email me at john.doe@example.co.uk asap", "john.doe", EMAIL),
    # phone numbers, each country's ways of writing them
    ("it", "Chiamatemi al +39 333 123 4567 dopo le 18", "333 123 4567", PHONE),
    ("it", "il fisso è 06 1234 5678", "1234 5678", PHONE),
    ("pl", "Mój numer to +48 600 000 000, dzwonić rano", "600 000 000", PHONE),
    ("pl", "telefon 22 123 45 67 nie odpowiada", "123 45 67", PHONE),
    ("ru", "Мой номер +7 (912) 345-67-89, перезвоните", "345-67-89", PHONE),
    ("ru", "звонил на 8 800 555-35-35 три раза", "555-35-35", PHONE),
    ("en", "Call me back on +44 20 7946 0958 please", "7946 0958", PHONE),
    ("en", "my cell is (555) 123-4567", "123-4567", PHONE),
    # IBAN
    ("it", "Rimborso sul conto IT60 X054 2811 1010 0000 0123 456 grazie", "X054", IBAN),
    ("pl", "Proszę o zwrot na PL61109010140000071219812874", "PL61109010140000071219812874", IBAN),
    ("ru", "Реквизиты: RU0204452560040702810412345678901", "RU0204452560040702810412345678901", IBAN),
    ("en", "Refund to GB29 NWBK 6016 1331 9268 19", "NWBK", IBAN),
    # card numbers (Luhn-valid test numbers)
    ("en", "They charged my card 4111 1111 1111 1111 twice", "4111", CARD),
    ("pl", "karta 5555-5555-5555-4444 została obciążona", "5555", CARD),
    ("ru", "списали с карты 4012888888881881", "4012888888881881", CARD),
    ("it", "addebito sulla carta 3782 822463 10005", "822463", CARD),
]


@pytest.mark.parametrize(("lang", "text", "secret", "placeholder"), CASES)
def test_each_kind_is_redacted(lang, text, secret, placeholder):
    out = redact(text)
    assert secret not in out
    assert placeholder in out


@pytest.mark.parametrize(
    "text",
    [
        "Ordine arrivato il 02/11/2026, pagato 1.234,50 €",
        "Zamówienie z 2026-11-02 za 4 999 zł",
        "Доставка 12.11.2026, 15 000 рублей, 3 дня",
        "Waited 45 minutes, order 55213, £3.95 fee",
    ],
)
def test_dates_prices_and_short_numbers_stay(text):
    assert redact(text) == text


def test_empty_values_pass_through():
    assert redact(None) is None and redact("") == ""


def test_ids_lose_e_mail_addresses_but_keep_their_numbers():
    from voc.report.redact import redact_email

    assert redact_email("R-2026-00120") == "R-2026-00120"
    assert redact_email("anna.rossi@example.it") == "[email]"
