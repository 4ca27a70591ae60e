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


# --- Phone numbers: every common local format of each country, in running text. ---
# Each row is (sentence, the number as written); the number, prefix and brackets
# included, must become exactly one "[phone]" and nothing else may change.

def test_polish_mobile_numbers_next_to_prices_are_redacted():
    """Regression (issue 11, bug 5): nine digits in groups of three were taken for a price."""
    text = "Kurier nie dzwonił na mój numer 601 234 567, a paczka za 1 299 zł nadal nie dotarła. Proszę o kontakt tel. 512 345 678, zwrot 249,99 zł."
    assert redact(text) == (
        "Kurier nie dzwonił na mój numer [phone], a paczka za 1 299 zł nadal nie dotarła. Proszę o kontakt tel. [phone], zwrot 249,99 zł."
    )


PHONES_IT = [
    ("Chiamatemi al 333 123 4567 dopo le 18, grazie", "333 123 4567"),
    ("il mio cell. 347-1234567 è sempre acceso", "347-1234567"),
    ("cellulare 3471234567, nessuno mi ha richiamato", "3471234567"),
    ("Mi trovate al +39 333 123 4567 tutto il giorno", "+39 333 123 4567"),
    ("numero estero 0039 333 1234567, scrivete pure", "0039 333 1234567"),
    ("chiamate il +39 347.123.4567 per la consegna", "+39 347.123.4567"),
    ("il fisso è 06 1234 5678 ma non rispondo mai", "06 1234 5678"),
    ("tel. 02/12345678 ufficio di Milano", "02/12345678"),
    ("numero di casa (02) 1234 5678, la sera", "(02) 1234 5678"),
    ("chiamate lo studio al +39 02 1234 5678", "+39 02 1234 5678"),
    ("negozio di Firenze 055 123456, orari pessimi", "055 123456"),
    ("tel. 0823.456789 sempre occupato", "0823.456789"),
]

PHONES_PL = [
    ("Mój numer 601 234 567, proszę dzwonić po 16", "601 234 567"),
    ("Proszę o kontakt tel. 512 345 678 w sprawie zwrotu", "512 345 678"),
    ("kom. 601-234-567, kurier nie oddzwonił", "601-234-567"),
    ("mój telefon 601234567 był wyłączony", "601234567"),
    ("numer 601.234.567 podałem dwa razy", "601.234.567"),
    ("Dzwoniłem z +48 601 234 567 kilka razy", "+48 601 234 567"),
    ("zapisali numer +48601234567 bez spacji", "+48601234567"),
    ("z zagranicy 0048 601 234 567 nie da się dodzwonić", "0048 601 234 567"),
    ("telefon (+48) 601 234 567 nie odpowiada", "(+48) 601 234 567"),
    ("tel. stacjonarny 22 123 45 67 ciągle zajęty", "22 123 45 67"),
    ("biuro w Warszawie (22) 123 45 67, nikt nie odbiera", "(22) 123 45 67"),
    ("infolinia +48 22 123-45-67 nie działa", "+48 22 123-45-67"),
    ("oddział w Krakowie 12-345-67-89 zamknięty", "12-345-67-89"),
    ("stary numer 0 22 123 45 67 jest nieaktualny", "0 22 123 45 67"),
]

PHONES_RU = [
    ("Мой номер +7 912 345-67-89, перезвоните", "+7 912 345-67-89"),
    ("звоните +7 (912) 345-67-89 после обеда", "+7 (912) 345-67-89"),
    ("мой телефон 8 (912) 345-67-89, жду звонка", "8 (912) 345-67-89"),
    ("оставил номер 8-912-345-67-89 оператору", "8-912-345-67-89"),
    ("номер 89123456789 указан в заказе", "89123456789"),
    ("сот. +79123456789 всегда доступен", "+79123456789"),
    ("тел. 8 800 555-35-35 не отвечает", "8 800 555-35-35"),
    ("офис +7(495)123-45-67 закрыт", "+7(495)123-45-67"),
    ("городской 8 (495) 123 45 67, звонил трижды", "8 (495) 123 45 67"),
    ("тел.: 8 495 123-45-67 после 10 утра", "8 495 123-45-67"),
    ("номер без восьмёрки 912 345 67 89, пишите", "912 345 67 89"),
    ("записали как 8.912.345.67.89 и не дозвонились", "8.912.345.67.89"),
    ("домашний тел. 123-45-67, звонить вечером", "123-45-67"),
]

PHONES_UK = [
    ("Call me on 07911 123456 after five", "07911 123456"),
    ("my mobile +44 7911 123456 was never called back", "+44 7911 123456"),
    ("from abroad dial 0044 7911 123 456 please", "0044 7911 123 456"),
    ("reach me at +44 (0)7911 123456 any time", "+44 (0)7911 123456"),
    ("the London office is 020 7946 0958 and nobody answers", "020 7946 0958"),
    ("ring (020) 7946 0958 for the shop", "(020) 7946 0958"),
    ("Call me back on +44 20 7946 0958 please", "+44 20 7946 0958"),
    ("the Manchester branch 0161 496 0123 was rude", "0161 496 0123"),
    ("tel. 01632 960123 goes to voicemail", "01632 960123"),
    ("my number is 07700 900123, text first", "07700 900123"),
]

PHONES_US = [
    ("my cell is (212) 555-0142, call after 6", "(212) 555-0142"),
    ("call 212-555-0142 and ask for me", "212-555-0142"),
    ("phone 212.555.0142 rings forever", "212.555.0142"),
    ("reach me at +1 212 555 0142 please", "+1 212 555 0142"),
    ("the hotline 1-800-555-0199 hung up on me", "1-800-555-0199"),
    ("from Europe I dialled 001 212 555 0142 twice", "001 212 555 0142"),
    ("cell 415 555 0132, text is fine", "415 555 0132"),
    ("office line (415)555-0132 is always busy", "(415)555-0132"),
    ("my cell is (555) 123-4567", "(555) 123-4567"),
    ("phone 555-0142 at home, evenings only", "555-0142"),
]


def _phone_cases():
    for country, table in (("it", PHONES_IT), ("pl", PHONES_PL), ("ru", PHONES_RU), ("uk", PHONES_UK), ("us", PHONES_US)):
        for text, number in table:
            yield pytest.param(text, number, id=f"{country}:{number}")


@pytest.mark.parametrize(("text", "number"), list(_phone_cases()))
def test_phone_numbers_of_each_country_become_one_placeholder(text, number):
    assert text.count(number) == 1
    assert redact(text) == text.replace(number, PHONE)


NOT_PHONES = [
    # prices and amounts, with and without the currency next to them
    "Telewizor za 1 299 zł, dostawa 19,99 zł",
    "Mieszkanie kosztowało 450 000 zł, kredyt na 1 250 000,00 zł",
    "Kontrakt na 125 000 000 zł podpisano wczoraj",
    "Pagato 1.299,00 € e poi altri 1.250.000 € di danni, scherzo",
    "Квартира за 12 500 000 руб., ремонт 150 000 руб.",
    "Оборот 150 000 000 руб. в год, а сервис плохой",
    "It cost $1,299.99 plus a £12,345.67 deposit",
    "We paid 1 250 000,00 EUR for the fit-out",
    # dates and times
    "Ordine arrivato il 02/11/2026 alle 14:30",
    "zamówienie złożone 2026-11-02 14:30, dostawa 12.11.2026 9:15",
    "Доставка с 12.11.2026 по 15.11.2026, с 9:00 до 18:00",
    "rezerwacja 12.11.2026-15.11.2026 anulowana",
    "booked for 11/02/2026 at 7:45 pm",
    # order numbers, years, percentages, quantities
    "Waited 45 minutes, order 55213, £3.95 fee",
    "zamówienie nr 123456 z 2025 roku",
    "заказ № 4567890 оформлен в 2024 году",
    "sconto del 15%, poi il 99,9% delle volte funziona",
    "dal 1998 al 2024 sempre cliente, 3 x 250 g di caffè",
    "zamówiłem 2 000 szt. po 0,50 zł",
    "В городе 1 000 000 жителей и один магазин",
    "Aplikacja ma 100 000 000 użytkowników, a działa źle",
    # postal codes
    "Sklep przy ul. Marszałkowskiej, 00-950 Warszawa",
    "Negozio in via Roma 1, 20121 Milano",
    "Магазин: 101000 Москва, ул. Мясницкая",
    "Store at 350 5th Ave, New York, NY 10118",
    "Shop in London SW1A 1AA, open 9-17",
]


@pytest.mark.parametrize("text", NOT_PHONES)
def test_prices_dates_order_numbers_and_postal_codes_stay(text):
    assert redact(text) == text


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Dostawa 20 zł 601 234 567 to mój numer", "Dostawa 20 zł [phone] to mój numer"),
        ("call 0161 496 0123 rubbish service", "call [phone] rubbish service"),
        ("Europe: +39 333 123 4567 euro-zone support", "Europe: [phone] euro-zone support"),
    ],
)
def test_currency_words_only_guard_their_own_amount(text, expected):
    assert redact(text) == expected


def test_overlapping_and_adjacent_numbers_give_clean_placeholders():
    # several regions read "8 (912) 345-67-89" differently; two numbers in a row stay two
    text = "telefony: 8 (912) 345-67-89 / +7 912 345-67-88, 601 234 567 i 22 123 45 67"
    out = redact(text)
    assert out == "telefony: [phone] / [phone], [phone] i [phone]"
    assert redact(out) == out


def test_redaction_is_deterministic():
    text = "tel. 601 234 567, +39 333 123 4567, (212) 555-0142, 4111 1111 1111 1111, a@example.com"
    assert len({redact(text) for _ in range(5)}) == 1


def test_a_region_libphonenumber_does_not_know_is_a_one_line_error(tmp_path, monkeypatch):
    import voc.report.redact as module

    bad = tmp_path / "redact.toml"
    bad.write_text('regions = ["UK"]\nphone_cues = ["tel*"]\ncurrencies = ["€"]\n', encoding="utf-8")
    monkeypatch.setattr(module, "lexicon_path", lambda *_: bad)
    module._rules.cache_clear()
    try:
        with pytest.raises(ValueError, match=r"redact\.toml: unknown region 'UK'.*GB"):
            redact("tel. 601 234 567")
    finally:
        module._rules.cache_clear()
