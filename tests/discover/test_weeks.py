"""voc topics week to week with a saved model: known topics keep their ids and labels, new themes get new ids (--update keeps them), first_seen.

Every sentence here was written for these tests. Week 1 plants five themes in four languages; week 2
says the same things in other words and adds one the model has never seen (an app that logs you out);
week 3 comes after --update.
"""

from __future__ import annotations

import contextlib
import io
import shutil
from collections import Counter
from pathlib import Path

import polars as pl
import pytest

from voc.core import columns as C

from tests.discover.test_themes import GREETINGS, RUDE_IT, RUDE_PL, VENDING

COURIER = [
    "The courier was three days late and never called me",
    "My parcel was left outside in the rain by the courier",
    "Delivery promised for Monday, the courier came on Thursday",
    "The courier did not ring the bell and left a missed delivery note",
    "Parcel delivered to the wrong address, the courier did not care",
    "Il corriere è arrivato con tre giorni di ritardo",
    "Il pacco è stato lasciato fuori dalla porta dal corriere",
    "Consegna in ritardo, il corriere non ha nemmeno suonato",
    "Kurier spóźnił się z dostawą o dwa dni",
    "Kurier zostawił paczkę pod drzwiami bez pytania",
    "Dostawa miała być w poniedziałek, kurier przyjechał w piątek",
    "Курьер опоздал на три дня и не позвонил",
]
REFUND = [
    "I returned the shoes a month ago and still have no refund",
    "Still waiting for my refund after sending the item back",
    "The refund for my returned order never arrived on my card",
    "They promised a refund in five days, it has been three weeks",
    "Деньги за возврат так и не вернули на карту",
    "Вернул товар месяц назад, а деньги до сих пор не вернули",
    "Жду возврата денег уже три недели",
    "Обещали вернуть деньги за пять дней, прошёл месяц",
    "Zwróciłem buty miesiąc temu i nadal nie mam zwrotu pieniędzy",
    "Czekam na zwrot pieniędzy od trzech tygodni",
    "Ho restituito il prodotto un mese fa e non ho ancora il rimborso",
    "Il rimborso per il reso non è mai arrivato sulla carta",
]
HOLD = [
    "I waited forty minutes on the phone before anyone answered",
    "The hotline keeps you on hold for an hour",
    "Nobody answers the customer service phone line",
    "On hold for half an hour, then the call dropped",
    "Ждал ответа оператора на линии сорок минут",
    "На горячей линии никто не отвечает",
    "Czekałem na infolinii pół godziny",
    "Attesa al telefono di quaranta minuti prima di parlare con qualcuno",
]
WEEK_1 = {"courier": COURIER, "refund": REFUND, "rude_pl": RUDE_PL, "rude_it": RUDE_IT, "vending": VENDING, "hold": HOLD}

WEEK_2 = {
    "courier": [
        "The courier came a week late with a crushed box",
        "Nobody delivered my parcel, the courier says I was not home",
        "Il corriere ha lasciato il pacco dal vicino senza avvisare",
        "Kurier w ogóle nie przyjechał, paczka wróciła do magazynu",
        "Курьер оставил посылку у двери без звонка",
    ],
    "refund": [
        "Two weeks since my return and no refund yet",
        "Refund still missing for the jacket I sent back",
        "Возврат денег обещали, но так ничего и не пришло",
        "Nadal czekam na zwrot pieniędzy za zwrócony towar",
        "Ancora nessun rimborso per il reso di marzo",
    ],
    "rude_pl": [
        "Sprzedawczyni była niemiła i nieuprzejma przy kasie",
        "Bardzo nieuprzejma obsługa w sklepie na rynku",
        "Kasjer był opryskliwy i niemiły",
    ],
    "rude_it": [
        "Il commesso è stato scortese e non mi ha salutato",
        "Personale del negozio maleducato, mai più",
        "La cassiera del negozio era scortese e maleducata",
    ],
    "vending": [
        "Il distributore ha mangiato le monete di nuovo",
        "Automat połknął monety i nic nie wydał",
        "Il distributore del secondo piano trattiene le monete",
        "Automat przy wejściu zjada monety",
    ],
    "hold": [
        "An hour on hold and the line went dead",
        "Дозвониться в поддержку невозможно, час ожидания",
        "Infolinia nie odbiera, czekam godzinę",
    ],
    "logout": [  # new this week
        "The app logs me out every time I close it",
        "Since the last version the app keeps logging me out",
        "I have to log in again every single day, the app forgets me",
        "The app signs me out after a few minutes",
        "Logged out of the app again, I must type my password every time",
        "Приложение постоянно выкидывает из аккаунта",
        "Каждый день приходится заново входить в приложение",
        "Aplikacja ciągle mnie wylogowuje",
        "Aplikacja wylogowuje mnie po kilku minutach",
        "L'app mi disconnette dall'account ogni volta",
        "The app logged me out in the middle of my order",
        "Each time I switch apps I get logged out and lose my basket",
        "Меня выкидывает из приложения, приходится снова вводить пароль",
        "Po aktualizacji aplikacja wylogowuje mnie codziennie",
    ],
}
WEEK_3 = {
    "courier": COURIER[:4],
    "refund": REFUND[:4],
    "hold": HOLD[:3],
    "logout": [
        "Why does the app log me out every morning?",
        "The app logged me out again and forgot my password",
        "Every time I open the app I am signed out",
        "Приложение опять разлогинило меня",
        "Aplikacja znowu mnie wylogowała, muszę się logować codziennie",
        "L'app mi butta fuori dall'account continuamente",
    ],
}


def _write(path: Path, themes: dict[str, list[str]], extra: list[str] = ()) -> Path:
    pl.DataFrame({"comment": [t for texts in themes.values() for t in texts] + list(extra)}).write_csv(path)
    return path


def _voc(*args) -> tuple[int, str]:  # noqa: ANN002 - command-line words
    from voc.cli import run

    err = io.StringIO()
    with contextlib.redirect_stderr(err), contextlib.redirect_stdout(io.StringIO()):
        code = run([str(a) for a in args])
    return code, err.getvalue()


def _files(folder: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in sorted(folder.iterdir()) if p.is_file()}


def _majority(folder: Path, themes: dict[str, list[str]]) -> dict[str, int]:
    """Planted theme -> the topic most of its comments got (assignments.csv is in input order)."""
    return {name: Counter(got).most_common(1)[0][0] for name, got in _assigned(folder, themes).items()}


def _known(folder: Path, themes: dict[str, list[str]]) -> dict[str, set[int]]:
    """Planted theme -> the topics that hold at least a third of its comments: a fit may split a theme in two
    (couriers late / couriers careless), and either is that theme's known id next week."""
    return {name: {t for t, n in Counter(got).items() if t != -1 and 3 * n >= len(got)} for name, got in _assigned(folder, themes).items()}


def _assigned(folder: Path, themes: dict[str, list[str]]) -> dict[str, list[int]]:
    topics = pl.read_csv(folder / "assignments.csv")["discovered_topic"].to_list()
    out, start = {}, 0
    for name, texts in themes.items():
        out[name] = topics[start : start + len(texts)]
        start += len(texts)
    return out


def _topics(folder: Path) -> dict[int, dict]:
    return {row["topic"]: row for row in pl.read_csv(folder / "topics.csv", infer_schema=False).with_columns(pl.col("topic").cast(pl.Int64)).iter_rows(named=True)}


@pytest.fixture(scope="module")
def weeks(tmp_path_factory):
    d = tmp_path_factory.mktemp("weeks")
    w1, w2, w3 = _write(d / "w1.csv", WEEK_1, GREETINGS), _write(d / "w2.csv", WEEK_2), _write(d / "w3.csv", WEEK_3)
    model = d / "model"
    runs = {"fit": _voc("topics", w1, "--model", model, "--week", "2026-W49", "--seed", "3", "-o", d / "o1")}
    shutil.copytree(model, d / "week1_model")
    before = _files(model)
    runs["plain"] = _voc("topics", w2, "--model", model, "--week", "2026-W50", "-o", d / "o2_plain")
    runs["plain_again"] = _voc("topics", w2, "--model", model, "--week", "2026-W50", "-o", d / "o2_plain_again")
    untouched = _files(model)
    shutil.copytree(model, d / "model_twin")
    runs["update"] = _voc("topics", w2, "--model", model, "--update", "--week", "2026-W50", "-o", d / "o2")
    runs["update_twin"] = _voc("topics", w2, "--model", d / "model_twin", "--update", "--week", "2026-W50", "-o", d / "o2_twin")
    runs["week3"] = _voc("topics", w3, "--model", model, "--week", "2026-W51", "-o", d / "o3")
    for name, (code, err) in runs.items():
        assert code == 0, (name, err)
    return d, runs, before, untouched


def test_known_themes_keep_their_ids_and_labels_and_the_new_one_gets_a_new_id(weeks):
    d, _, _, _ = weeks
    first, second = _known(d / "o1", WEEK_1), _majority(d / "o2", WEEK_2)
    for name in WEEK_1:
        assert second[name] in first[name], (name, first, second)
    assert len(set().union(*first.values())) >= 4  # the planted themes were found (two languages' rude staff may share one)
    known = set(_topics(d / "o1")) - {-1}
    topics1, topics2 = _topics(d / "o1"), _topics(d / "o2")
    for topic in known & set(topics2):
        assert topics2[topic]["label"] == topics1[topic]["label"]
        assert topics2[topic]["new_theme"] == "false" and topics2[topic]["first_seen"] == "2026-W49"
    new = second["logout"]
    assert new not in known and new == max(known) + 1
    assert topics2[new]["new_theme"] == "true" and topics2[new]["first_seen"] == "2026-W50"
    assert [t for t, row in topics2.items() if row["new_theme"] == "true"] == [new]
    assert list(pl.read_csv(d / "o2" / "topics.csv").columns[10:12]) == ["new_theme", "first_seen"]
    assert "new since the model" in (d / "o2" / "topics.md").read_text(encoding="utf-8")
    # the first fit: every topic first seen that week, new_theme still says "no taxonomy topic covers it"
    assert {row["first_seen"] for t, row in topics1.items() if t != -1} == {"2026-W49"}
    majority = _majority(d / "o1", WEEK_1)
    assert topics1[majority["vending"]]["new_theme"] == "true" and topics1[majority["courier"]]["new_theme"] == "false"


def test_after_update_the_new_topic_is_known(weeks):
    d, _, _, _ = weeks
    new = _majority(d / "o2", WEEK_2)["logout"]
    third = _majority(d / "o3", WEEK_3)
    assert third["logout"] == new and third["courier"] in _known(d / "o1", WEEK_1)["courier"]
    row = _topics(d / "o3")[new]
    assert row["new_theme"] == "false" and row["first_seen"] == "2026-W50"
    assert row["label"] == _topics(d / "o2")[new]["label"]
    import json

    assert str(new) in json.loads((d / "model" / "labels.json").read_text(encoding="utf-8"))


def test_without_update_the_model_is_untouched_and_a_warning_says_so(weeks):
    d, runs, before, untouched = weeks
    assert untouched == before
    _, err = runs["plain"]
    assert err.count("1 new theme found that the model in") == 1 and "--update keeps them" in err
    assert "new theme" not in runs["update"][1]
    assert _majority(d / "o2_plain", WEEK_2) == _majority(d / "o2", WEEK_2)


def test_the_same_input_gives_the_same_bytes_with_a_saved_model(weeks):
    d, _, _, _ = weeks
    assert _files(d / "o2_plain") == _files(d / "o2_plain_again")
    assert set(_files(d / "o2_plain")) == {"topics.csv", "assignments.csv", "topics.png", "topics.md"}
    assert _files(d / "o2") == _files(d / "o2_twin")
    assert _files(d / "model_twin") == _files(d / "model")  # week 3 (no --update) left it as week 2 saved it


def test_analyze_discover_update_grows_the_model_too(weeks, tmp_path):
    d, _, _, _ = weeks
    model = tmp_path / "model"
    shutil.copytree(d / "week1_model", model)
    code, err = _voc("analyze", d / "w2.csv", "--discover", "--topic-model", model, "--update", "--week", "2026-W50", "-o", tmp_path / "out.csv",
                     "--store", tmp_path / "store")  # fmt: skip
    assert code == 0, err
    out = pl.read_csv(tmp_path / "out.csv")
    topics = out["discovered_topic"].to_list()
    logout = Counter(topics[-len(WEEK_2["logout"]) :]).most_common(1)[0][0]
    assert logout not in set(_topics(d / "o1"))
    from voc.discover.engine import Discovery, load_labels
    from voc.report.store import Store

    assert logout in load_labels(model) and Discovery.load(model).first_seen()[logout] == "2026-W50"
    # The history store keeps each row's discovered topic and label, as the output has them (voc report's new themes).
    stored = Store(tmp_path / "store").read().sort(C.VOC_ID)
    expected = out.select(C.VOC_ID, C.DISCOVERED_TOPIC, C.DISCOVERED_TOPIC_LABEL).sort(C.VOC_ID)
    assert stored.select(C.VOC_ID, C.DISCOVERED_TOPIC, C.DISCOVERED_TOPIC_LABEL).rows() == expected.rows()


@pytest.mark.parametrize(
    "args, message",
    [
        (["--week", "2026-50"], "--week '2026-50' is not an ISO week"),
        (["--week", "2026-W54"], "2026 has no week 54"),
        (["--update"], "--update keeps new themes in a saved topic model"),
    ],
)
def test_bad_week_or_update_without_a_model_is_one_line_and_exit_2(voc, write, tmp_path, args, message):
    path = write("x.csv", "comment\nthe courier was late\n")
    for command in (["topics", path, "-o", tmp_path / "o"], ["analyze", path, "--discover", "-o", tmp_path / "o.csv"]):
        result = voc(*command, *args)
        assert result.code == 2 and message in result.stderr, result.stderr
        assert len(result.stderr.strip().splitlines()) == 1, result.stderr


@pytest.mark.parametrize("option", [["--week", "2026-W50"], ["--update"]])
def test_week_or_update_without_discover_is_refused(voc, write, tmp_path, option):
    path = write("x.csv", "comment\nthe courier was late\n")
    result = voc("analyze", path, *option, "-o", tmp_path / "o.csv")
    assert result.code == 2 and "use it with --discover" in result.stderr, result.stderr
    assert not (tmp_path / "o.csv").exists()
