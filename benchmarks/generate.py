"""Write a large synthetic export for benchmarks whose text is as costly to analyse as real feedback.

    uv run python benchmarks/generate.py 1000000 /tmp/big.csv
    uv run python benchmarks/generate.py 100000 /tmp/long.csv 2000   # every comment about 2,000 characters

Columns id, date, score, comment; the seed is fixed, so the same ROWS give the
same file. Comments are made to match real feedback in the figures that set
the cost of `voc analyze` (benchmarks/realism.py computes each of them, for the
dev sets and for this generator, and prints them side by side):

- **Length.** Each row's length in characters is drawn from the length
  distribution of its language in the dev sets (../shared/eval/dev: Italian
  hotel-review sentences, Polish PolEmo review sentences, Russian bank and
  telecom tweets, English airline tweets), linear between the quantiles in
  LENGTH_QUANTILES: mean 96 characters, median 91. The tweets stop near 140
  characters, the limit Twitter had when they were written. (Real exports can
  be longer: the issue's sample of public feedback had mean 144, median 104.
  We match what we can measure.)
- **Language mix.** MIX: the four languages in the shares of the dev sets,
  plus 2% German, 2% Ukrainian and 3% junk answers ("-", "ok", a link, an
  emoji, empty), kept from the earlier generator (not measured).
- **Vocabulary growth.** Words are drawn with their frequencies from wordfreq
  (its data, read at run time; no text of the dev sets is used): from the
  language's N most frequent words with weight frequency ** exponent, or, with
  chance `tail`, any word ranked N to 200,000 (rare words, names,
  misspellings: nearly always new). VOCAB holds (N, exponent, tail), chosen
  with `realism.py --tune` so that new words per 1,000 tokens at 10,000 and
  25,000 tokens of a language, and words per comment, come near the dev set's.
  That is what per-word caches see: the earlier generator's small repeated
  vocabulary hit them far more often than real text does.
- **Our own phrases.** PHRASES are short feedback phrases written for this
  benchmark; with PHRASE_CHANCE per piece they make up a little under half of
  the words, so that sentiment, topic, scope and intent cues turn up about as
  often as in the dev sets (realism.py --time compares what voc finds). Real
  feedback repeats its domain's words the same way; the vocabulary figures
  above are measured with the phrases in.
- **Surface.** FEATURES: the share of rows with a link, an @mention, a
  retweet prefix, a #hashtag, an emoji, a number, "!", "?", a word in
  capitals, a lower-case first letter, a space before punctuation (the Polish
  sentences come tokenised) and a closing mark, all from the dev sets;
  PUNCTUATION (sentence ends and commas inside a comment) is derived from
  dev-set figures; MARKS (other punctuation), TITLE (capitalised names) and
  BRAND_SHARE are set so that realism.py's figures come near the dev sets'.

The figures are constants below, each with its source; rerun realism.py to
check them after a change here or in wordfreq.
"""

from __future__ import annotations

import bisect
import csv
import itertools
import random
import re
import sys

# Quantiles of the comment length in characters at 0, 5, 10, ..., 95, 98, 99, 99.5, 99.9 and 100%:
# dev sets, computed by realism.py. "*" (German, Ukrainian) uses the four sets pooled.
QUANTILE_POINTS = (0, 5, 10, 15, 20, 25, 30, 35, 40, 45, 50, 55, 60, 65, 70, 75, 80, 85, 90, 95, 98, 99, 99.5, 99.9, 100)
LENGTH_QUANTILES = {
    "it": (8, 26, 29, 33, 37, 40, 43, 48, 51, 56, 61, 67, 73, 81, 88, 98, 110, 124, 143, 185, 234, 275, 321, 474, 605),
    "pl": (2, 24, 31, 38, 44, 51, 56, 62, 69, 77, 84, 92, 100, 107, 117, 129, 144, 160, 188, 232, 306, 380, 451, 590, 822),
    "ru": (14, 47, 56, 62, 68, 73, 79, 84, 88, 94, 100, 105, 111, 117, 124, 130, 134, 137, 139, 140, 140, 140, 140, 143, 148),
    "en": (12, 34, 47, 59, 68, 78, 87, 95, 102, 109, 116, 122, 127, 131, 134, 136, 138, 139, 140, 144, 149, 152, 155, 160, 165),
    "*": (2, 28, 36, 43, 50, 56, 63, 70, 77, 84, 91, 99, 106, 115, 123, 130, 136, 139, 142, 170, 228, 278, 340, 493, 822),
}
# Share of rows per language: dev sets (rows of it/pl/ru/en among the four sets, 0.233/0.279/0.208/0.279,
# computed by realism.py), scaled to 93%; German, Ukrainian and junk kept from the earlier generator, not measured.
MIX = {"it": 21.7, "pl": 26.0, "ru": 19.4, "en": 26.0, "de": 2.0, "uk": 2.0, "junk": 3.0}
# Per language: (N, exponent, tail): see Words. Tuned with `realism.py --tune LANG` to the dev sets' new
# words per 1,000 tokens at 10k and 25k tokens and words per comment (German, Ukrainian: not tuned).
VOCAB = {"it": (1800, 0.7, 0.14), "pl": (10000, 0.8, 0.24), "ru": (8000, 0.8, 0.2), "en": (3000, 0.9, 0.09),
         "de": (2500, 0.8, 0.14), "uk": (8000, 0.8, 0.2)}
TAIL_END = 200_000  # the rarest rank a tail word is drawn from
# Share of rows with each surface feature: dev sets, computed by realism.py (numbers, capitals, "!", "?"
# and the first letter counted outside links, mentions and hashtags; end_mark: the comment ends with
# ".", "!" or "?"). German and Ukrainian take the Italian and Russian rows.
FEATURES = {
    "it": dict(url=0.0, mention=0.0, retweet=0.0, hashtag=0.0, emoji=0.0, digit=0.093, exclaim=0.0, question=0.0,
               caps=0.013, lower_start=0.140, space_punct=0.070, end_mark=0.649),
    "pl": dict(url=0.0, mention=0.0, retweet=0.0, hashtag=0.0, emoji=0.0, digit=0.139, exclaim=0.058, question=0.014,
               caps=0.052, lower_start=0.032, space_punct=0.972, end_mark=0.980),
    "ru": dict(url=0.445, mention=0.407, retweet=0.174, hashtag=0.230, emoji=0.003, digit=0.257, exclaim=0.085,
               question=0.115, caps=0.248, lower_start=0.301, space_punct=0.018, end_mark=0.304),
    "en": dict(url=0.075, mention=1.0, retweet=0.0, hashtag=0.159, emoji=0.031, digit=0.338, exclaim=0.225,
               question=0.256, caps=0.187, lower_start=0.588, space_punct=0.018, end_mark=0.641),
}
FEATURES["de"], FEATURES["uk"] = FEATURES["it"], FEATURES["ru"]
# Per language: (chance that a sentence ends after a word, chance of a comma after a word) inside a
# comment: dev sets, from realism.py's figures: (sentence_ends_per_row - ends_with_mark) / (words_per_row - 1)
# and commas_per_row / words_per_row.
PUNCTUATION = {"it": (0.002, 0.049), "pl": (0.024, 0.069), "ru": (0.034, 0.048), "en": (0.052, 0.017)}
PUNCTUATION["de"], PUNCTUATION["uk"] = PUNCTUATION["it"], PUNCTUATION["ru"]
# Other marks, per 100 characters of words, in the forms of MARK_FORMS ("{}" is the word they attach to):
# set so that the marks per 100 characters that `realism.py --marks` counts come near the dev sets'
# (hyphens, colons, quotes, brackets, ellipses...). "&amp;" is how the English tweets write "&".
MARK_FORMS = ("{} -", "{}:", "{};", "{}...", "{}…", "({})", '"{}"', "«{}»", "„{}”", "{}/", "{} &amp;", "{} –")
MARKS = {
    "it": (0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0),
    "pl": (0.13, 0.04, 0.01, 0, 0, 0.095, 0.045, 0, 0.02, 0.01, 0, 0.02),
    "ru": (0.31, 0.22, 0.04, 0.16, 0.065, 0.06, 0.10, 0.14, 0, 0.03, 0, 0),
    "en": (0.09, 0.10, 0.01, 0.12, 0, 0.04, 0.035, 0, 0, 0.06, 0.06, 0),
}
MARKS["de"], MARKS["uk"] = MARKS["it"], MARKS["ru"]
# How many "!" or "?" close a comment that has them: dev sets, "!" (and "?") per comment that has one,
# 1.6 (1.25) in the English and Russian tweets, computed from realism.py's figures.
EXCLAIMS, QUESTIONS = (1, 1, 1, 2, 3), (1, 1, 1, 2)
NUMBERS = (1, 2, 3, 5, 10, 15, 20, 30, 45, 100, 2015, 0)  # 0: any of 1-999
# Chance that a drawn word is written with a capital (names of places, companies, people: wordfreq's
# words are lower-case). Set so that capital letters per 100 characters come near the dev sets'.
TITLE = {"it": 0.07, "pl": 0.05, "ru": 0.17, "en": 0.13, "de": 0.3, "uk": 0.07}
# Chance that the next piece of a comment is one of our own phrases rather than one drawn word. Not a
# measured figure: set so that negators, contrast words and voc's findings (realism.py) come near the dev sets'.
PHRASE_CHANCE = 0.14

# Written for this benchmark: short feedback of the kind voc is built for (no dev-set text).
PHRASES = {
    "it": ["Il corriere è arrivato in ritardo", "servizio clienti gentilissimo", "l'app si blocca dopo l'aggiornamento",
           "prezzo troppo alto per la qualità", "ho aspettato mezz'ora al telefono", "prodotto ottimo, lo consiglio",
           "nessuno risponde alle email", "la commissione nuova non mi piace", "camera pulita ma un po' rumorosa",
           "colazione buona, però il personale non era cortese", "non tornerò mai più", "tutto perfetto, grazie",
           "la stanza era piccola e sporca", "il personale della reception è stato molto disponibile",
           "colazione abbondante e varia", "posizione comoda, vicino alla stazione", "il bagno aveva bisogno di una pulizia",
           "rimborso mai arrivato", "il wifi non funzionava in camera", "rapporto qualità prezzo eccellente"],
    "pl": ["Kurier zostawił paczkę pod złymi drzwiami", "konsultantka była bardzo pomocna", "aplikacja się zawiesza",
           "faktura jest błędna", "czekałem godzinę na infolinii", "internet działa świetnie", "nikt nie oddzwonił",
           "nowa opłata za fakturę papierową", "pokój czysty, ale bardzo głośny", "lekarz miły, jednak długo czekałam",
           "nie polecam nikomu", "wszystko w porządku, dziękuję",
           "pokój był mały i brudny", "obsługa w recepcji bardzo miła", "śniadanie smaczne i urozmaicone",
           "lekarz nie miał dla mnie czasu", "rejestracja telefoniczna to koszmar", "zwrot pieniędzy trwa już miesiąc",
           "cena nieadekwatna do jakości", "świetna lokalizacja, blisko plaży"],
    "ru": ["Курьер опоздал на два часа", "оператор очень вежливый", "приложение вылетает после обновления",
           "комиссия за перевод слишком высокая", "ждал на линии сорок минут", "отличный банк, рекомендую",
           "никто не перезвонил", "очередь в отделении огромная", "связь хорошая, но интернет медленный",
           "карту так и не выпустили", "больше не буду пользоваться", "спасибо за быструю помощь",
           "в отделении нагрубили", "деньги списали дважды", "мобильный интернет постоянно пропадает",
           "поддержка ответила быстро и по делу", "тариф подорожал без предупреждения", "банкомат съел карту",
           "удобное приложение, всё понятно", "кредит одобрили за один день"],
    "en": ["The parcel arrived late again", "the agent was lovely and quick", "the app keeps logging me out",
           "price is too high for what you get", "on hold for forty minutes", "great quality, would buy again",
           "nobody answered my emails", "the new small order fee is a joke", "the crew was friendly but the seat was broken",
           "not impressed at all", "still waiting for my refund", "thanks for sorting it out so fast",
           "flight delayed three hours with no explanation", "lost my bag and nobody can tell me where it is",
           "the crew were amazing, thank you", "seats are so uncomfortable", "customer service hung up on me",
           "the refund still hasn't arrived", "check-in was quick and easy", "worst airline experience ever"],
    "de": ["Die Lieferung kam zu spät", "der Kundenservice war freundlich", "leider keine Antwort bekommen",
           "alles gut, aber etwas teuer"],
    "uk": ["Кур'єр запізнився", "дякую за допомогу", "ніхто не відповів", "зв'язок поганий, але ціна нормальна"],
}
# Handles of companies that do not exist, written for this benchmark (the English tweets all open with one).
BRANDS = {"en": ["@NorthwindAir", "@BlueKiteAir", "@SkyLarkAirways", "@AeroMeridian", "@JetHarbor", "@FlyCobalt"],
          "ru": ["@bank_vostok", "@SvyazPlus", "@mobitel_help", "@KreditDom", "@tele_sfera"]}
# Share of @mentions that name the company rather than a user: set so that distinct mentions per mention
# come near the dev sets' (realism.py: 0.07 in the English tweets, 0.62 in the Russian ones).
BRAND_SHARE = {"en": 0.93, "ru": 0.7}
EMOJI = ["😡", "😂", "🙏", "👍", "😢", "❤️", "😤", "✈️", "🙄", "😊"]
JUNK = ["", "-", "ok", "👍", "n/a", "https://example.com/x"]
ELIDED = {"it": {"l", "d", "c", "n", "s", "m", "t", "v"}}  # Italian forms written with an apostrophe before the next word
LETTER_WORD = re.compile(r"[^\W\d_]+(?:['’][^\W\d_]+)*")
ALNUM = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789"


class Words:
    """Words of one language with wordfreq's frequencies: the top `n` with weight frequency ** `exponent`,
    and with chance `tail` instead one of the words ranked n to TAIL_END, all equally likely (nearly
    always a word not seen before: rare words, names, misspellings)."""

    def __init__(self, lang: str, n: int, exponent: float, tail: float) -> None:
        from wordfreq import get_frequency_dict, top_n_list

        freq = get_frequency_dict(lang)
        ranked = [w for w in top_n_list(lang, max(n, TAIL_END)) if LETTER_WORD.fullmatch(w)]
        self.words, self.tail_words, self.tail = ranked[:n], ranked[n:], tail
        self.cum = list(itertools.accumulate(freq[w] ** exponent for w in self.words))
        self.elided = ELIDED.get(lang, set())

    def draw(self, rng: random.Random) -> str:
        if rng.random() < self.tail:
            word = rng.choice(self.tail_words)
        else:
            word = self.words[bisect.bisect(self.cum, rng.random() * self.cum[-1])]
        if word in self.elided:  # wordfreq splits "l'albergo" into "l" and "albergo": join them again
            return word + "'" + self.draw(rng)
        return word


class Generator:
    """Comments with the figures above; `vocab` overrides VOCAB (realism.py --tune)."""

    def __init__(self, seed: int = 42, vocab: dict[str, tuple[int, float, float]] | None = None, length: int | None = None) -> None:
        self.rng = random.Random(seed)
        self.fixed = length  # every comment about this long (the scaling table's length axis), else real lengths
        self.vocab = {**VOCAB, **(vocab or {})}
        self._words: dict[str, Words] = {}
        self.langs, self.weights = list(MIX), list(itertools.accumulate(MIX.values()))

    def words(self, lang: str) -> Words:
        if lang not in self._words:
            self._words[lang] = Words(lang, *self.vocab[lang])
        return self._words[lang]

    def length(self, lang: str) -> int:
        """A length drawn from the language's quantiles, linear between them."""
        if self.fixed:
            return self.fixed
        q = LENGTH_QUANTILES[lang if lang in ("it", "pl", "ru", "en") else "*"]
        u = self.rng.random() * 100
        i = bisect.bisect(QUANTILE_POINTS, u) - 1
        lo, hi = QUANTILE_POINTS[i], QUANTILE_POINTS[min(i + 1, len(QUANTILE_POINTS) - 1)]
        frac = (u - lo) / (hi - lo) if hi > lo else 0.0
        return round(q[i] + frac * (q[min(i + 1, len(q) - 1)] - q[i]))

    def handle(self) -> str:
        """A user's @handle: random letters, sometimes digits; like most users' handles, a new one each time."""
        name = "".join(self.rng.choices(ALNUM[:26], k=self.rng.randint(5, 11)))
        return "@" + (name + str(self.rng.randint(1, 99)) if self.rng.random() < 0.3 else name)

    def comment(self, lang: str | None = None) -> tuple[str, str]:
        """(language, comment) in `lang` or one drawn from MIX; language "junk" for the junk answers."""
        rng = self.rng
        lang = lang or self.langs[bisect.bisect(self.weights, rng.random() * self.weights[-1])]
        if lang == "junk":
            return lang, rng.choice(JUNK)
        f = FEATURES[lang]
        target = self.length(lang)
        head, tail = [], []
        if rng.random() < f["retweet"]:
            head.append(f"RT {self.handle()}:")
        elif rng.random() < (f["mention"] - f["retweet"]) / (1 - f["retweet"]):  # a retweet names a user already
            head.append(rng.choice(BRANDS.get(lang, BRANDS["ru"])) if rng.random() < BRAND_SHARE.get(lang, 0.7) else self.handle())
        if rng.random() < f["hashtag"]:
            tail.append("#" + self.words(lang).draw(rng).capitalize())
        if rng.random() < f["emoji"]:
            tail.append(rng.choice(EMOJI))
        if rng.random() < f["url"]:
            tail.append("http://t.co/" + "".join(rng.choices(ALNUM, k=10)))
        room = target - sum(len(x) + 1 for x in head + tail)
        body = self.body(lang, max(room, 1), f)
        return lang, " ".join(head + [body] + tail)

    def body(self, lang: str, target: int, f: dict[str, float]) -> str:
        """About `target` characters of words and phrases, with sentence ends, commas and marks at the dev rates."""
        rng, words, (breaks, commas), marks = self.rng, self.words(lang), PUNCTUATION[lang], MARKS[lang]
        mark_rate = sum(marks) / 100
        stop = " ." if rng.random() < f["space_punct"] else "."  # the Polish sentences come tokenised: "słowo ."
        r = rng.random()
        if r < f["exclaim"]:
            ending = stop[:-1] + "!" * rng.choice(EXCLAIMS)
        elif r < f["exclaim"] + f["question"]:
            ending = stop[:-1] + "?" * rng.choice(QUESTIONS)
        else:
            ending = stop if r < f["end_mark"] else ""
        number = str(rng.choice(NUMBERS) or rng.randint(1, 999)) if rng.random() < f["digit"] else ""
        target -= len(ending) + (len(number) + 1 if number else 0)
        out: list[str] = []
        size, capital = -1, True
        while size < target or not out:
            if rng.random() < PHRASE_CHANCE:
                segment = rng.choice(PHRASES[lang]).split()
            else:
                w = words.draw(rng)
                segment = [w.capitalize() if rng.random() < TITLE[lang] else w]
            for w in segment:
                out.append(w[:1].upper() + w[1:] if capital else w)
                size += len(out[-1]) + 1
                capital = False
                if rng.random() < mark_rate * (len(w) + 1):
                    out[-1] = rng.choices(MARK_FORMS, weights=marks)[0].format(out[-1])
                    size += len(out[-1]) - len(w)
                if size >= target:
                    break
            if size < target:  # a phrase of k words gets the chances of k words
                r = rng.random() / len(segment)
                if r < breaks:
                    out[-1] += stop
                    size += len(stop)
                    capital = True
                elif r < breaks + commas and not out[-1].endswith(","):
                    out[-1] += ","
                    size += 1
        if len(out) > 1 and size - target > len(out[-1]) // 2:  # closer to the target without the last word
            out.pop()
        out[-1] = out[-1].rstrip(" .,") + ending
        if number:
            out.insert(rng.randrange(len(out) + 1), number)
        if rng.random() < f["caps"]:
            long = [i for i, w in enumerate(out) if len(w) >= 3 and w.isalpha()]
            if long:
                i = rng.choice(long)
                out[i] = out[i].upper()
        text = " ".join(out)
        return text[:1].lower() + text[1:] if rng.random() < f["lower_start"] else text


def main(rows: int, path: str, length: int | None = None) -> None:
    gen = Generator(42, length=length)
    rng = random.Random(7)  # dates and scores, apart so that the comments do not depend on them
    with open(path, "w", encoding="utf-8", newline="") as fh:
        writer = csv.writer(fh)
        writer.writerow(["id", "date", "score", "comment"])
        for i in range(rows):
            writer.writerow([i, f"2026-{rng.randint(1, 11):02d}-{rng.randint(1, 28):02d}", rng.randint(0, 10), gen.comment()[1]])


if __name__ == "__main__":
    main(int(sys.argv[1]), sys.argv[2], int(sys.argv[3]) if len(sys.argv) > 3 else None)
