"""Labelled feedback written for these tests (templates in four languages): sentiment, scope and categories.

Each template is (text, sentiment, scope, categories). The rows cycle through
the languages so that any slice holds all of them.
"""

from __future__ import annotations

import csv
from pathlib import Path

_ROWS = {
    "en": [
        ("The agent on the phone was rude and hung up on me", "negative", "service", "staff"),
        ("Nobody at the help desk answered my emails for a week", "negative", "service", "staff"),
        ("The support person was friendly and solved it in minutes", "positive", "service", "staff"),
        ("Thank you to the lovely lady at the counter, very helpful", "positive", "service", "staff"),
        ("My parcel arrived three days late and the box was crushed", "negative", "experience", "delivery"),
        ("Delivery was fast, the package came the next morning", "positive", "experience", "delivery"),
        ("Far too expensive for what you get, prices went up again", "negative", "experience", "price"),
        ("Great value for money, cheaper than the other shops", "positive", "experience", "price"),
        ("The app crashes every time I try to pay", "negative", "experience", "app"),
        ("The new app is quick and easy to use", "positive", "experience", "app"),
        ("I ordered on Monday and collected it on Friday", "neutral", "none", "delivery"),
        ("I changed my address in the app last month", "neutral", "none", "app"),
        ("The courier was rude and the parcel was damaged", "negative", "both", "staff;delivery"),
    ],
    "it": [
        ("L'operatore al telefono è stato scortese e maleducato", "negative", "service", "staff"),
        ("Nessuno dell'assistenza ha risposto alle mie email", "negative", "service", "staff"),
        ("La commessa è stata gentilissima e disponibile", "positive", "service", "staff"),
        ("Il personale del negozio è cordiale e preparato", "positive", "service", "staff"),
        ("Il pacco è arrivato con una settimana di ritardo", "negative", "experience", "delivery"),
        ("Consegna velocissima, arrivato il giorno dopo", "positive", "experience", "delivery"),
        ("Prezzi troppo alti, non ne vale la pena", "negative", "experience", "price"),
        ("Ottimo rapporto qualità prezzo, conveniente", "positive", "experience", "price"),
        ("L'app si blocca ogni volta che pago", "negative", "experience", "app"),
        ("L'applicazione è semplice e veloce", "positive", "experience", "app"),
        ("Ho ordinato lunedì e ritirato venerdì", "neutral", "none", "delivery"),
        ("Ho cambiato indirizzo nell'app il mese scorso", "neutral", "none", "app"),
        ("Il corriere è stato sgarbato e il pacco era rotto", "negative", "both", "staff;delivery"),
    ],
    "pl": [
        ("Konsultant był niemiły i rozłączył rozmowę", "negative", "service", "staff"),
        ("Nikt z obsługi nie odpisał na moje maile", "negative", "service", "staff"),
        ("Pani w sklepie była bardzo miła i pomocna", "positive", "service", "staff"),
        ("Obsługa klienta szybko rozwiązała mój problem", "positive", "service", "staff"),
        ("Paczka przyszła tydzień po terminie, pudło zgniecione", "negative", "experience", "delivery"),
        ("Dostawa bardzo szybka, paczka była następnego dnia", "positive", "experience", "delivery"),
        ("Za drogo, ceny znowu poszły w górę", "negative", "experience", "price"),
        ("Świetne ceny, taniej niż w innych sklepach", "positive", "experience", "price"),
        ("Aplikacja zawiesza się przy każdej płatności", "negative", "experience", "app"),
        ("Nowa aplikacja jest szybka i wygodna", "positive", "experience", "app"),
        ("Zamówiłem w poniedziałek, odebrałem w piątek", "neutral", "none", "delivery"),
        ("Zmieniłem adres w aplikacji w zeszłym miesiącu", "neutral", "none", "app"),
        ("Kurier był opryskliwy, a paczka uszkodzona", "negative", "both", "staff;delivery"),
    ],
    "ru": [
        ("Оператор грубил и бросил трубку", "negative", "service", "staff"),
        ("Никто из поддержки не ответил на мои письма", "negative", "service", "staff"),
        ("Консультант была вежливой и всё объяснила", "positive", "service", "staff"),
        ("Сотрудники в отделении очень приветливые", "positive", "service", "staff"),
        ("Посылка пришла на неделю позже, коробка помята", "negative", "experience", "delivery"),
        ("Доставка быстрая, заказ привезли на следующий день", "positive", "experience", "delivery"),
        ("Слишком дорого, цены опять выросли", "negative", "experience", "price"),
        ("Отличные цены, дешевле чем у других", "positive", "experience", "price"),
        ("Приложение зависает при каждой оплате", "negative", "experience", "app"),
        ("Новое приложение удобное и быстрое", "positive", "experience", "app"),
        ("Заказал в понедельник, забрал в пятницу", "neutral", "none", "delivery"),
        ("Поменял адрес в приложении в прошлом месяце", "neutral", "none", "app"),
        ("Курьер хамил, а посылка была повреждена", "negative", "both", "staff;delivery"),
    ],
}
# Endings that vary the rows without changing their labels.
_TAILS = ("", " (order 1)", " - second time this year", "!", " Regards", "...")


def rows(n: int, start: int = 0) -> list[dict]:
    """n labelled rows; ``start`` shifts the variation so two calls can give different rows."""
    out = []
    langs = list(_ROWS)
    for k in range(start, start + n):
        lang = langs[k % 4]
        text, sentiment, scope, categories = _ROWS[lang][(k // 4) % len(_ROWS[lang])]
        tail = _TAILS[(k // (4 * len(_ROWS[lang]))) % len(_TAILS)]
        out.append({"id": f"r{k}", "text": text + tail, "sentiment": sentiment, "scope": scope, "reasons": categories})
    return out


def write(path: Path, data: list[dict], **columns: str) -> Path:
    """Write rows to CSV; ``columns`` renames (or, given "", drops) columns."""
    names = [columns.get(c, c) for c in data[0] if columns.get(c, c)]
    with open(path, "w", newline="", encoding="utf-8") as f:
        w = csv.writer(f)
        w.writerow(names)
        for row in data:
            w.writerow([v for c, v in row.items() if columns.get(c, c)])
    return path


LABEL_OPTIONS = ("--sentiment-col", "sentiment", "--scope-col", "scope", "--categories-col", "reasons")


def trained_model(folder: Path, n: int = 104) -> Path:
    """`voc learn` on ``n`` written rows with all three labels; returns the model folder."""
    from voc.cli import run

    write(folder / "labelled.csv", rows(n))
    assert run(["learn", str(folder / "labelled.csv"), "--text-col", "text", *LABEL_OPTIONS, "-o", str(folder / "model"), "-q"]) == 0
    return folder / "model"
