"""The clean step on its own: markup, quoted replies, greetings, sign-offs and signatures (our own texts)."""

from __future__ import annotations

import polars as pl
import pytest

from voc.clean.furniture import FurnitureCleaner
from voc.core import columns as C

CLEAN = FurnitureCleaner()


def clean(text: str) -> tuple[str, list[str]]:
    return CLEAN.clean(text)


# -- markup -----------------------------------------------------------------

ZENDESK = (
    '<div class="zd-comment" dir="auto"><p>Hello&nbsp;team,</p>'
    "<p>I ordered the oak bookcase (order&nbsp;#88412) on Monday &amp; it still hasn&#39;t shipped.<br>"
    "The tracking page says &quot;label created&quot; since then.</p>"
    "<ul><li>Delivery was promised for Thursday</li><li>Nobody answered my chat</li></ul>"
    "<p>Thanks,<br>Ana</p></div>"
)


def test_a_zendesk_body_becomes_plain_lines_with_entities_decoded():
    text, kinds = clean(ZENDESK)
    assert text == (
        "I ordered the oak bookcase (order #88412) on Monday & it still hasn't shipped.\n"
        'The tracking page says "label created" since then.\n'
        "Delivery was promised for Thursday\nNobody answered my chat"
    )
    assert kinds == ["markup", "sign-off", "greeting"]


def test_entities_without_tags_are_decoded_even_when_escaped_twice():
    assert clean("Fish &amp; chips were cold") == ("Fish & chips were cold", ["markup"])
    assert clean("Il &quot;reso gratuito&quot; costa 5 &euro;") == ('Il "reso gratuito" costa 5 €', ["markup"])
    assert clean("Сервис &amp;laquo;Мой банк&amp;raquo; не работает")[0] == "Сервис «Мой банк» не работает"


@pytest.mark.parametrize(
    "text",
    ["I <3 this shop", "price <10 euro and delivery >5 days", "click <here> to win", "R&D team; AT&T is slow",
     "Ana <ana@example.com> was helpful"],
)  # fmt: skip
def test_angle_brackets_and_ampersands_that_are_not_markup_stay(text):
    assert clean(text) == (text, [])


def test_html_quoted_replies_go_with_the_markup():
    body = (
        "<div>La lavatrice perde ancora acqua.</div>"
        '<div class="gmail_quote"><div>Il giorno lun 3 mar 2025, Assistenza ha scritto:</div>'
        "<blockquote>Gentile cliente, il tecnico è passato.</blockquote></div>"
    )
    assert clean(body) == ("La lavatrice perde ancora acqua.", ["markup", "quoted reply"])


def test_a_message_that_is_all_quote_keeps_its_words():
    assert clean("<blockquote>Ottimo servizio, consegna puntuale</blockquote>")[0] == "Ottimo servizio, consegna puntuale"


# -- quoted replies -----------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "kept"),
    [
        ("Still no refund for order 5521.\n\nOn Tue, 4 Mar 2025 at 09:12, Help Desk <help@shop.example> wrote:\n"
         "> Hi, we have escalated your case.\n> Kind regards", "Still no refund for order 5521."),
        ("Still no refund.\n\n-----Original Message-----\nFrom: Help Desk\nSent: Tuesday, March 4, 2025\nTo: me\n"
         "Subject: Re: refund\n\nWe are sorry for the delay", "Still no refund."),
        ("Il pacco è arrivato aperto.\n\nIl giorno mar 4 mar 2025 alle ore 09:12 Assistenza <aiuto@negozio.example> "
         "ha scritto:\n> Gentile cliente, la spedizione è partita", "Il pacco è arrivato aperto."),
        ("Paczka dalej nie dotarła.\n\nW dniu wt., 4 mar 2025 o 09:12 Obsługa <pomoc@sklep.example> napisał(a):\n"
         "> Dzień dobry, paczka jest w drodze", "Paczka dalej nie dotarła."),
        ("Paczka dalej nie dotarła.\n\nOd: Obsługa klienta\nWysłano: wtorek, 4 marca 2025 09:12\nDo: Jan\n"
         "Temat: Zamówienie 5521\n\nPaczka jest w drodze", "Paczka dalej nie dotarła."),
        ("Карта так и не пришла.\n\n04.03.2025, 09:12, \"Поддержка\" <help@bank.example> пишет:\n"
         "> Здравствуйте! Карта отправлена", "Карта так и не пришла."),
        ("Карта так и не пришла.\n\nвт, 4 мар. 2025 г. в 09:12, Поддержка <help@bank.example>:\n> Карта отправлена",
         "Карта так и не пришла."),
        ("Карта так и не пришла.\n\n-------- Пересылаемое сообщение --------\nОт: Поддержка\nТема: Карта",
         "Карта так и не пришла."),
        ("Карта так и не пришла.\n-- Исходное сообщение --\nСпасибо за обращение", "Карта так и не пришла."),
        ("The app logs me out every hour.\n> Have you tried reinstalling it?\n> Support", "The app logs me out every hour."),
    ],
)  # fmt: skip
def test_quoted_replies_are_cut_in_every_language(text, kept):
    assert clean(text) == (kept, ["quoted reply"])


@pytest.mark.parametrize(
    "text",
    [
        "Dzień dobry\nTemat: zwrot towaru\nButy są za małe, chcę je zwrócić.",  # one "Temat:" line is no header
        "Kurier napisał: paczka będzie jutro.\nNie była.",  # no date, no address: a sentence
        "Оператор пишет:\nждите ответа. Жду уже неделю.",
        "On Monday the courier wrote:\nleft at the door. It was not.",
        "On Mon, 3 Mar 2025 Ana <ana@example.com> wrote: the app is great",  # one line: nothing is quoted under it
    ],
)
def test_ordinary_lines_that_look_like_headers_are_not_cut(text):
    assert "quoted reply" not in clean(text)[1]


# -- greetings, sign-offs, signatures -------------------------------------------


@pytest.mark.parametrize(
    ("text", "kept", "kinds"),
    [
        ("I'd like to update my address to 12 Elm Street. Thanks", "I'd like to update my address to 12 Elm Street.", ["sign-off"]),
        ("Hi Anna,\nthe parcel never arrived.\nThanks,\nAna", "the parcel never arrived.", ["sign-off", "greeting"]),
        ("The parcel never arrived. Thanks, Ana", "The parcel never arrived.", ["sign-off"]),
        ("Dzień dobry,\nzamówienie nie dotarło.\nPozdrawiam\nJan Kowalski\ntel. +48 600 100 200\njan.kowalski@poczta.example",
         "zamówienie nie dotarło.", ["sign-off", "greeting"]),
        ("Здравствуйте! Курьер не приехал.\nС уважением, Иван Петров", "Курьер не приехал.", ["sign-off", "greeting"]),
        ("Buongiorno, il pacco è arrivato rotto.\nCordiali saluti\nMario Rossi", "il pacco è arrivato rotto.",
         ["sign-off", "greeting"]),
        ("To whom it may concern,\nmy refund is three weeks late.\nKind regards", "my refund is three weeks late.",
         ["sign-off", "greeting"]),
    ],
)  # fmt: skip
def test_greetings_and_sign_offs_with_names_go(text, kept, kinds):
    assert clean(text) == (kept, kinds)


@pytest.mark.parametrize(
    ("text", "kept"),
    [
        ("The app crashes at login.\n\nSent from my iPhone", "The app crashes at login."),
        ("L'app si blocca all'accesso.\n\nInviato da iPhone", "L'app si blocca all'accesso."),
        ("Aplikacja zawiesza się przy logowaniu.\n\nWysłane z iPhone'a", "Aplikacja zawiesza się przy logowaniu."),
        ("Aplikacja zawiesza się przy logowaniu.\nWysłane z iPhone’a", "Aplikacja zawiesza się przy logowaniu."),
        ("Приложение вылетает при входе.\n\nОтправлено с iPhone", "Приложение вылетает при входе."),
        ("The app crashes at login.\n--\nTom Baker\nSenior Buyer, Acme Ltd\n+44 20 7946 0000", "The app crashes at login."),
    ],
)
def test_signatures_go_as_whole_lines(text, kept):
    assert clean(text) == (kept, ["signature"])


@pytest.mark.parametrize(
    "text",
    [
        "Thanks!",  # praise: removing the sign-off would leave nothing
        "Grazie mille, tutto perfetto",
        "Thank you for the quick help",  # more words follow: a sentence, not a sign-off
        "Pozdrawiam",
        "С уважением",
        "Sent from my iPhone",
        "Hello?? Is anyone there",
        "The courier was late, no thanks",
        "Great service, thanks guys",
        "Spasibo",
        "Спасибо)))",  # a smile, not a formula
        "Problems:\n- slow delivery\n- rude courier\nThanks, but I will not order again.",
        "Gentile e disponibile il personale",
        "Hi-fi speakers arrived broken",
    ],
)
def test_text_that_must_stay_whole(text):
    assert clean(text) == (text, [])


def test_the_stage_rewrites_text_and_notes_what_went_only_where_something_did():
    frame = pl.DataFrame({C.TEXT: ["Ottimo prodotto", None, "", "Still broken.\nThanks,\nAna", "Thanks!"]})
    out = FurnitureCleaner()(frame)
    assert out[C.TEXT].to_list() == ["Ottimo prodotto", None, "", "Still broken.", "Thanks!"]
    assert out[C.REMOVED].to_list() == [None, None, None, ["sign-off"], None]
    assert out[C.UNCLEANED].to_list() == [None, None, None, "Still broken.\nThanks,\nAna", None]


def test_plain_text_comes_back_as_the_same_string():
    text = "Il corriere è arrivato in ritardo e il pacco era danneggiato"
    assert clean(text)[0] is text


def test_parts_can_be_switched_off():
    text = "<p>Hi,</p><p>broken again.</p><p>Thanks</p>"
    assert FurnitureCleaner(phrases=False).clean(text) == ("Hi,\nbroken again.\nThanks", ["markup"])
    assert FurnitureCleaner(markup=False, phrases=False).clean(text) == (text, [])


def test_an_overlay_adds_phrases(tmp_path):
    (tmp_path / "en").mkdir()
    (tmp_path / "en" / "furniture.tsv").write_text("signoff\tcheerio\n", encoding="utf-8")
    assert FurnitureCleaner(lexicons=str(tmp_path)).clean("The lift is broken again. Cheerio")[0] == "The lift is broken again."


def test_a_bad_furniture_line_names_the_file_and_line(tmp_path):
    from voc.clean.data import FurnitureFileError, load_furniture

    (tmp_path / "pl").mkdir()
    (tmp_path / "pl" / "furniture.tsv").write_text("# ok\nfarewell\tnara\n", encoding="utf-8")
    with pytest.raises(FurnitureFileError, match=r"furniture.tsv: line 2: kind must be one of greeting, signoff, signature"):
        load_furniture(str(tmp_path))
