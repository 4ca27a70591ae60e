"""Write a large synthetic export for benchmarks: realistic comment lengths, four languages.

    uv run python benchmarks/generate.py 1000000 /tmp/big.csv

Comments are assembled from short phrases of our own in it/pl/ru/en (plus a few
neighbours and junk), so lengths and language mix look like real feedback
while the file stays reproducible (fixed seed).
"""

from __future__ import annotations

import csv
import random
import sys

PHRASES = {
    "it": ["Il corriere è arrivato in ritardo", "servizio clienti gentilissimo", "l'app si blocca dopo l'aggiornamento",
           "prezzo troppo alto per la qualità", "ho aspettato mezz'ora al telefono", "prodotto ottimo, lo consiglio",
           "nessuno risponde alle email", "la commissione nuova non mi piace"],
    "pl": ["Kurier zostawił paczkę pod złymi drzwiami", "konsultantka była bardzo pomocna", "aplikacja się zawiesza",
           "faktura jest błędna", "czekałem godzinę na infolinii", "internet działa świetnie", "nikt nie oddzwonił",
           "nowa opłata za fakturę papierową"],
    "ru": ["Курьер опоздал на два часа", "оператор очень вежливый", "приложение вылетает после обновления",
           "комиссия за перевод слишком высокая", "ждал на линии сорок минут", "отличный банк, рекомендую",
           "никто не перезвонил", "очередь в отделении огромная"],
    "en": ["The parcel arrived late again", "the agent was lovely and quick", "the app keeps logging me out",
           "price is too high for what you get", "on hold for forty minutes", "great quality, would buy again",
           "nobody answered my emails", "the new small order fee is a joke"],
    "de": ["Die Lieferung kam zu spät", "der Kundenservice war freundlich"],
    "uk": ["Кур'єр запізнився", "дякую за допомогу"],
}
WEIGHTS = {"it": 24, "pl": 24, "ru": 24, "en": 24, "de": 2, "uk": 2}
JUNK = ["", "-", "ok", "👍", "n/a", "https://example.com/x"]


def comment(rng: random.Random) -> str:
    if rng.random() < 0.03:
        return rng.choice(JUNK)
    lang = rng.choices(list(WEIGHTS), weights=list(WEIGHTS.values()))[0]
    parts = rng.choices(PHRASES[lang], k=rng.choice([1, 1, 2, 2, 3, 4, 6]))
    return ". ".join(parts) + rng.choice([".", "!", "!!!", " :(", ""])


def main(rows: int, path: str) -> None:
    rng = random.Random(42)
    with open(path, "w", encoding="utf-8", newline="") as fh:
        writer = csv.writer(fh)
        writer.writerow(["id", "date", "score", "comment"])
        for i in range(rows):
            writer.writerow([i, f"2026-{rng.randint(1, 11):02d}-{rng.randint(1, 28):02d}", rng.randint(0, 10), comment(rng)])


if __name__ == "__main__":
    main(int(sys.argv[1]), sys.argv[2])
