"""`voc sample`: which rows it picks, the workbook it writes, and the way back into `voc learn`."""

from __future__ import annotations

import re
import zipfile

import numpy as np
import polars as pl
import pytest

from voc.learn import sample as recipe

# Written for these tests: (text, sentiment, scope, category) per language; a few "both" rows are the rare class.
_BASES = {
    "en": [
        ("The agent on the hotline was rude and hung up on me", "negative", "service", "staff"),
        ("Nobody from customer support answered my three emails", "negative", "service", "staff"),
        ("The consultant in the branch explained everything patiently", "positive", "service", "staff"),
        ("Lovely receptionist, she sorted out my booking in a minute", "positive", "service", "staff"),
        ("My parcel came a week late and the box was torn", "negative", "experience", "delivery"),
        ("The courier left the package in the rain again", "negative", "experience", "delivery"),
        ("Way too expensive, the monthly fee went up twice this year", "negative", "experience", "price"),
        ("The mobile app logs me out every time I try to pay", "negative", "experience", "app"),
        ("Great value for money and the sofa looks beautiful", "positive", "experience", "product"),
        ("The new app is quick and simple to use", "positive", "experience", "app"),
        ("I picked up the order at the shop on Tuesday", "neutral", "none", "delivery"),
        ("Do you also sell gift cards for the garden centre", "neutral", "experience", "product"),
        ("Rude staff at the desk and the room smelled of smoke", "negative", "both", "staff;product"),
    ],
    "it": [
        ("L'operatore del call center è stato maleducato e ha riattaccato", "negative", "service", "staff"),
        ("Nessuno dell'assistenza clienti ha risposto alle mie email", "negative", "service", "staff"),
        ("La consulente in filiale mi ha spiegato tutto con pazienza", "positive", "service", "staff"),
        ("Receptionist gentilissima, ha sistemato la prenotazione subito", "positive", "service", "staff"),
        ("Il pacco è arrivato con una settimana di ritardo e la scatola rotta", "negative", "experience", "delivery"),
        ("Il corriere ha lasciato il pacco sotto la pioggia", "negative", "experience", "delivery"),
        ("Troppo caro, il canone mensile è aumentato due volte", "negative", "experience", "price"),
        ("L'app mi disconnette ogni volta che provo a pagare", "negative", "experience", "app"),
        ("Ottimo rapporto qualità prezzo, il divano è bellissimo", "positive", "experience", "product"),
        ("La nuova applicazione è veloce e semplice", "positive", "experience", "app"),
        ("Ho ritirato l'ordine in negozio martedì", "neutral", "none", "delivery"),
        ("Vendete anche buoni regalo per il vivaio", "neutral", "experience", "product"),
        ("Personale scortese alla reception e camera sporca", "negative", "both", "staff;product"),
    ],
    "pl": [
        ("Konsultant na infolinii był niemiły i się rozłączył", "negative", "service", "staff"),
        ("Nikt z obsługi klienta nie odpisał na moje trzy maile", "negative", "service", "staff"),
        ("Doradczyni w oddziale cierpliwie wszystko wyjaśniła", "positive", "service", "staff"),
        ("Bardzo miła recepcjonistka, poprawiła rezerwację w minutę", "positive", "service", "staff"),
        ("Paczka przyszła tydzień po terminie, a karton był rozdarty", "negative", "experience", "delivery"),
        ("Kurier znowu zostawił przesyłkę na deszczu", "negative", "experience", "delivery"),
        ("Za drogo, abonament podrożał dwa razy w tym roku", "negative", "experience", "price"),
        ("Aplikacja wylogowuje mnie przy każdej płatności", "negative", "experience", "app"),
        ("Świetna cena, a sofa wygląda pięknie", "positive", "experience", "product"),
        ("Nowa aplikacja jest szybka i prosta", "positive", "experience", "app"),
        ("Odebrałem zamówienie w sklepie we wtorek", "neutral", "none", "delivery"),
        ("Czy sprzedajecie też karty podarunkowe", "neutral", "experience", "product"),
        ("Niemiła obsługa w recepcji i brudny pokój", "negative", "both", "staff;product"),
    ],
    "ru": [
        ("Оператор горячей линии нагрубил и бросил трубку", "negative", "service", "staff"),
        ("Никто из службы поддержки не ответил на три письма", "negative", "service", "staff"),
        ("Консультант в отделении терпеливо всё объяснила", "positive", "service", "staff"),
        ("Очень милая администратор, исправила бронь за минуту", "positive", "service", "staff"),
        ("Посылка пришла на неделю позже, коробка порвана", "negative", "experience", "delivery"),
        ("Курьер опять оставил посылку под дождём", "negative", "experience", "delivery"),
        ("Слишком дорого, абонентская плата выросла дважды", "negative", "experience", "price"),
        ("Приложение выкидывает меня при каждой оплате", "negative", "experience", "app"),
        ("Отличная цена, и диван выглядит прекрасно", "positive", "experience", "product"),
        ("Новое приложение быстрое и простое", "positive", "experience", "app"),
        ("Забрал заказ в магазине во вторник", "neutral", "none", "delivery"),
        ("Продаёте ли вы подарочные карты", "neutral", "experience", "product"),
        ("Грубый персонал на ресепшене и грязный номер", "negative", "both", "staff;product"),
    ],
}
# Variants that keep a text's meaning: the sample must take at most one of each family.
_VARIANTS = ("{t}", "{t}!", "{t}.", "Order 4417: {t}", "{t}!!!")
_JUNK = ["", "   ", "ok", "-", "n/a", "12345", "Das Essen war kalt und der Kellner unfreundlich"]
GOLD = {}  # normalised text -> (sentiment, scope, categories)


def _rows() -> list[dict]:
    rows = []
    for variant in _VARIANTS:
        for lang, bases in _BASES.items():
            for text, sentiment, scope, category in bases:
                full = variant.format(t=text)
                GOLD[recipe.normalised(full)] = (sentiment, scope, category)
                rows.append({"ticket": f"T{len(rows) + 1}", "comment": full})
    rows += [{"ticket": f"T{len(rows) + 1 + k}", "comment": text} for k, text in enumerate(_JUNK)]
    return rows


@pytest.fixture(scope="module")
def export(tmp_path_factory):
    path = tmp_path_factory.mktemp("sample") / "export.csv"
    pl.DataFrame(_rows()).write_csv(path)
    return path


@pytest.fixture(scope="module")
def sampled(export):
    """One `voc sample` run shared by the tests that only read its workbook."""
    from voc.core.console import Console
    from voc.learn.sampler import SampleRequest, sample_rows
    from voc.read import FieldSpec

    out = export.parent / "to_label.xlsx"
    summary = sample_rows(SampleRequest([str(export)], str(out), n=40, seed=7, fields=FieldSpec(text=["comment"], id="ticket")), Console(quiet=True))
    return summary, out, _sheet(out)


def _sheet(path) -> pl.DataFrame:
    return pl.read_excel(path, sheet_name="to label", engine="calamine", infer_schema_length=0)


# -- the recipe on its own (no models) ---------------------------------------


def test_allocate_gives_every_group_a_place_before_any_gets_two_and_grows_with_the_square_root():
    quota = recipe.allocate({"big": 900, "mid": 100, "rare": 4, "tiny": 1}, 10)
    assert quota["rare"] >= 1 and quota["tiny"] == 1 and sum(quota.values()) == 10
    assert quota["big"] > quota["mid"] > quota["tiny"]
    assert quota["big"] < 9  # proportional sampling would give the big group 9 of 10
    assert recipe.allocate({"a": 2, "b": 1}, 10) == {"a": 2, "b": 1}  # never more than a group holds


def test_scores_near_a_threshold_and_both_are_more_uncertain_than_clear_ones():
    near = recipe.Candidate("1", "x", "en", "neutral", 0.22, "service", evidence="service: agent")
    clear = recipe.Candidate("2", "x", "en", "negative", -0.8, "service", evidence="service: agent, hotline, rude agent (staff)")
    both = recipe.Candidate("3", "x", "en", "negative", -0.8, "both", evidence="service: agent; experience: room")
    assert recipe.uncertainty(near) > recipe.uncertainty(clear)
    assert recipe.uncertainty(both) > recipe.uncertainty(clear)
    learned = recipe.Candidate("4", "x", "en", "negative", -0.8, "service", evidence="service: agent", doubt={"sentiment": 0.9})
    assert recipe.uncertainty(learned) > recipe.uncertainty(clear)  # the model's doubt replaces the lexicon's sureness
    assert recipe.model_doubt(1 / 3, 3) == 1.0 and recipe.model_doubt(1.0, 3) == 0.0


def test_choose_takes_rare_strata_and_languages_and_no_near_duplicates():
    rng = np.random.default_rng(0)
    rows, vectors = [], []
    for i in range(300):  # 294 common English rows, 3 rare "both" rows, 3 Polish rows
        lang = "pl" if i >= 297 else "en"
        scope = "both" if 294 <= i < 297 else "experience"
        rows.append(recipe.Candidate(str(i), f"text {i}", lang, "negative", -0.5, scope, evidence="experience: parcel"))
        vectors.append(rng.normal(size=16))
    vectors[1] = vectors[0] + 1e-4  # a near-duplicate pair: at most one of them may be chosen
    emb = np.array(vectors, dtype=np.float32)
    emb /= np.linalg.norm(emb, axis=1, keepdims=True)
    first = recipe.choose(rows, emb, 12, seed=3)
    assert len(first) == 12 and len(set(first)) == 12
    assert any(rows[i].scope == "both" for i in first) and any(rows[i].language == "pl" for i in first)
    cos = emb[first] @ emb[first].T
    assert (cos[~np.eye(len(first), dtype=bool)] <= recipe.NEAR_DUPLICATE).all()
    assert recipe.choose(rows, emb, 12, seed=3) == first
    # 150 copies of one text and nothing else: only one row is not a near-duplicate of another.
    same = np.repeat(emb[:1], 150, axis=0)
    assert len(recipe.choose(rows[:150], same, 5, seed=3)) == 1


def test_without_a_model_each_pick_stands_for_a_dense_group_of_rows_not_an_outlier():
    rng = np.random.default_rng(1)
    centres = rng.normal(size=(3, 32))
    vectors = [centres[i % 3] + rng.normal(scale=0.15, size=32) for i in range(90)]  # three themes, 30 rows each
    vectors += [rng.normal(size=32) * 2 for _ in range(10)]  # ten odd rows, one of a kind each
    emb = np.array(vectors, dtype=np.float32)
    emb /= np.linalg.norm(emb, axis=1, keepdims=True)
    rows = [recipe.Candidate(str(i), f"text {i}", "en", "negative", -0.5, "experience") for i in range(100)]
    picked = recipe.choose(rows, emb, 3, seed=0)
    assert sorted(i % 3 for i in picked) == [0, 1, 2] and max(picked) < 90  # one row per theme, no odd row
    # and within its theme, a pick sits nearer the theme's centre than the theme's average row does
    for i in picked:
        theme = [j for j in range(90) if j % 3 == i % 3]
        centre = emb[theme].mean(axis=0)
        assert emb[i] @ centre > np.mean(emb[theme] @ centre)


def test_usable_counts_empty_content_free_repeated_and_other_language_rows():
    rows = [
        recipe.Candidate("1", "The parcel was late", "en", "negative", -0.4, "experience"),
        recipe.Candidate("2", "the parcel was LATE!!", "en", "negative", -0.5, "experience"),
        recipe.Candidate("3", "  ", "en"),
        recipe.Candidate("4", "ok", "en", "neutral", 0.0, "none", evidence="content-free answer"),
        recipe.Candidate("5", "Das Paket kam zu spät", "de"),
        recipe.Candidate("6", "Paczka przyszła po terminie", "pl", "negative", -0.3, "experience"),
    ]
    found = recipe.usable(rows)
    assert [c.id for c in found.rows] == ["1", "6"]
    assert (found.empty, found.duplicates, found.other_language) == (2, 1, 1)


# -- voc sample end to end ----------------------------------------------------


def test_sample_covers_every_language_and_voc_guess_and_counts_rows_in(sampled):
    summary, _, sheet = sampled
    assert sheet.height == 40 == len(summary.chosen)
    # 5 variants x 52 texts + 7 junk rows; junk: 2 empty, 3 content-free or letterless, 1 German (+ "12345")
    assert summary.rows == 5 * 52 + len(_JUNK)
    assert summary.other_language == 1 and summary.empty == len(_JUNK) - 1
    assert summary.duplicates == 3 * 52  # "x", "x!", "x." and "x!!!" are one text; "Order 4417: x" another
    assert summary.usable == 2 * 52
    assert set(sheet["language"]) == {"en", "it", "pl", "ru"}
    assert min(sheet["language"].value_counts()["count"]) >= 8
    assert set(sheet["voc_sentiment"]) == {"negative", "neutral", "positive"}
    assert set(sheet["id"]) <= {f"T{i}" for i in range(1, 300)} and sheet["id"].n_unique() == 40


def test_sample_covers_every_guessed_class_of_the_input(sampled, export):
    from voc.batch import Analyzer

    _, _, sheet = sampled
    analysed = Analyzer("comment", id_col="ticket")(pl.read_csv(export))
    usable = analysed.filter(pl.col("language").is_in(["en", "it", "pl", "ru"]) & ~pl.col("evidence").str.starts_with("content-free"))
    for column, guess in (("scope", "voc_scope"), ("sentiment", "voc_sentiment")):
        missing = set(usable[column].drop_nulls()) - set(sheet[guess].drop_nulls())
        assert not missing, f"{column}: no row guessed {sorted(missing)} in the sample"


def test_sample_has_no_near_duplicates(sampled):
    from voc.learn.embed import embed

    _, _, sheet = sampled
    texts = sheet["text"].to_list()
    assert len({recipe.normalised(t) for t in texts}) == len(texts)
    emb = embed(texts)
    cos = emb @ emb.T
    np.fill_diagonal(cos, 0)
    assert cos.max() <= recipe.NEAR_DUPLICATE
    assert not any(t.strip() in ("", "ok", "-", "n/a", "12345") for t in texts)


def test_same_seed_same_rows_another_seed_other_rows(sampled, export, voc, tmp_path):
    summary, _, sheet = sampled
    again = voc("sample", export, "--text-col", "comment", "--id-col", "ticket", "-n", "40", "--seed", "7", "-o", tmp_path / "a.xlsx", "-q")
    assert again.code == 0, again.stderr
    assert _sheet(tmp_path / "a.xlsx")["id"].to_list() == sheet["id"].to_list() == summary.chosen
    other = voc("sample", export, "--text-col", "comment", "--id-col", "ticket", "-n", "40", "--seed", "8", "-o", tmp_path / "b.xlsx", "-q")
    assert other.code == 0 and set(_sheet(tmp_path / "b.xlsx")["id"]) != set(sheet["id"])


def test_workbook_has_drop_downs_frozen_header_and_instructions(sampled):
    _, path, sheet = sampled
    assert sheet.columns == ["id", "text", "language", "voc_sentiment", "voc_scope", "voc_topics",
                             "sentiment_label", "scope_label", "categories_label"]  # fmt: skip
    assert sheet.select("sentiment_label", "scope_label", "categories_label").null_count().row(0) == (40, 40, 40)
    with zipfile.ZipFile(path) as z:
        xml = z.read("xl/worksheets/sheet1.xml").decode()
        book = z.read("xl/workbook.xml").decode()
    lists = dict(re.findall(r'<dataValidation type="list"[^>]*sqref="([A-Z]+)2:[A-Z]+41"[^>]*>\s*<formula1>"([^<]*)"', xml))
    assert lists == {"G": "negative,neutral,positive", "H": "service,experience,both,none"}
    assert 'state="frozen"' in xml and 'wrapText="1"' in z_styles(path)
    assert 'name="how to label"' in book


def z_styles(path) -> str:
    with zipfile.ZipFile(path) as z:
        return z.read("xl/styles.xml").decode()


def test_more_rows_asked_than_usable_warns_and_takes_all(voc, write, tmp_path):
    texts = ["The parcel was late again", "Konsultant był bardzo miły", "Оператор нагрубил мне", "Il prezzo è troppo alto", "ok", ""]
    src = write("few.csv", "comment\n" + "\n".join(f'"{t}"' for t in texts) + "\n")
    result = voc("sample", src, "-n", "50", "-o", tmp_path / "few.xlsx")
    assert result.code == 0, result.stderr
    assert "-n 50: only 4 usable rows (of 6 read)" in result.stderr
    assert _sheet(tmp_path / "few.xlsx").height == 4


@pytest.mark.parametrize(
    "args, message",
    [
        (["-n", "0", "-o", "out.xlsx"], "-n 0: ask for at least 1 row"),
        (["-o", "out.csv"], "end the name in .xlsx"),
    ],
)
def test_refusals_are_one_line_and_write_nothing(voc, export, tmp_path, args, message):
    args = [str(tmp_path / a) if a.startswith("out.") else a for a in args]
    result = voc("sample", export, *args)
    assert result.code == 2 and message in result.stderr and len(result.stderr.strip().splitlines()) == 1
    assert not list(tmp_path.iterdir())


def test_a_labelled_workbook_goes_straight_back_into_voc_learn(sampled, voc, tmp_path):
    """Fill the labels as a person would (in a copy of the workbook), then learn from it and sample again with the model."""
    import xlsxwriter

    _, _, sheet = sampled
    gold = [GOLD[recipe.normalised(t)] for t in sheet["text"]]
    filled = sheet.with_columns(
        pl.Series("sentiment_label", [g[0] for g in gold]),
        pl.Series("scope_label", [g[1] for g in gold]),
        pl.Series("categories_label", [g[2].replace(";", "; ") for g in gold]),
    )
    path = tmp_path / "labelled.xlsx"
    with xlsxwriter.Workbook(str(path)) as book:
        ws = book.add_worksheet("to label")
        ws.write_row(0, 0, filled.columns)
        for r, row in enumerate(filled.iter_rows(), start=1):
            ws.write_row(r, 0, ["" if v is None else v for v in row])
    learned = voc("learn", path, "--text-col", "text", "--id-col", "id", "--sentiment-col", "sentiment_label",
                  "--scope-col", "scope_label", "--categories-col", "categories_label", "-o", tmp_path / "model", "-q")  # fmt: skip
    assert learned.code == 0, learned.stderr
    assert (tmp_path / "model" / "model.json").is_file()
    again = voc("sample", sampled[1].parent / "export.csv", "--text-col", "comment", "--id-col", "ticket",
                "--model", tmp_path / "model", "-n", "20", "-o", tmp_path / "round2.xlsx", "-q")  # fmt: skip
    assert again.code == 0, again.stderr
    assert _sheet(tmp_path / "round2.xlsx").height == 20


def test_signals_add_voc_s_guesses_and_four_label_columns_with_drop_downs(export, voc, tmp_path):
    out = tmp_path / "signals.xlsx"
    result = voc("sample", export, "--text-col", "comment", "--id-col", "ticket", "-n", "12", "--signals", "-o", out, "-q")
    assert result.code == 0, result.stderr
    sheet = _sheet(out)
    assert sheet.columns == ["id", "text", "language", "voc_sentiment", "voc_scope", "voc_topics", "voc_intent", "voc_emotion",
                             "voc_churn", "voc_effort", "sentiment_label", "scope_label", "categories_label", "intent_label",
                             "emotion_label", "churn_label", "effort_label"]  # fmt: skip
    assert set(sheet["voc_churn"].drop_nulls()) <= {"true", "false"} and sheet["voc_intent"].null_count() == 0
    with zipfile.ZipFile(out) as z:
        xml = z.read("xl/worksheets/sheet1.xml").decode()
    lists = dict(re.findall(r'<dataValidation type="list"[^>]*sqref="([A-Z]+)2:[A-Z]+13"[^>]*>\s*<formula1>"([^<]*)"', xml))
    assert lists["N"] == "complaint,question,request,suggestion,praise,other" and lists["P"] == "true,false"
    assert lists["Q"] == "high,normal" and lists["O"].startswith("anger,")
