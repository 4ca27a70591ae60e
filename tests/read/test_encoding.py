"""Encodings real exports come in: each must come out with the right letters."""

from __future__ import annotations

import polars as pl
import pytest

from voc.core.errors import InputError
from voc.read.delimited import DelimitedSource
from voc.read.encoding import detect_encoding

POLISH = "Zgłoszenie;Treść\n1;Świetna obsługa, żółć i gęś, dziękuję za szybką pomoc\n2;Źle, nadal czekam na zwrot\n"
RUSSIAN = "id;отзыв\n1;Оператор ответил быстро, всё решили за пять минут\n2;Ужасное приложение, ничего не работает\n"
ITALIAN = "id;commento\n1;Perché la consegna è arrivata così tardi? Però il prodotto è più bello\n2;Città, caffè, 12€\n"


def texts(path) -> list[str]:
    source = DelimitedSource(path, path.name)
    return pl.concat(list(source.batches(100))).to_series(1).to_list()


@pytest.mark.parametrize(
    ("content", "encoding", "expected"),
    [
        (POLISH, "cp1250", "cp1250"),
        (RUSSIAN, "cp1251", "cp1251"),
        (ITALIAN, "cp1252", "cp1252"),
        (ITALIAN, "utf-8", "utf-8"),
        (POLISH, "utf-8-sig", "utf-8-sig"),
        (RUSSIAN, "utf-16", "utf-16"),
    ],
)
def test_encoding_is_detected_and_letters_are_right(write, content, encoding, expected):
    path = write("x.csv", content, encoding=encoding)
    assert detect_encoding(path) == expected
    assert texts(path) == [line.split(";", 1)[1] for line in content.splitlines()[1:]]


def test_short_polish_cp1250_file(write):
    path = write("x.csv", "id;opis\n1;Źle\n2;Dziękuję, świetnie\n", encoding="cp1250")
    assert texts(path) == ["Źle", "Dziękuję, świetnie"]


def test_utf8_is_checked_over_the_whole_file(write):
    # A non-UTF-8 byte far past any sample must still switch to a code page.
    content = "id;commento\n" + "1;tutto bene\n" * 200_000 + "2;perché\n"
    path = write("x.csv", content, encoding="cp1252")
    assert detect_encoding(path) == "cp1252"


def test_encoding_option_overrides_detection(write):
    path = write("x.csv", "id;text\n1;ą\n", encoding="cp1250")
    source = DelimitedSource(path, "x.csv", encoding="latin-1")
    assert pl.concat(list(source.batches(10)))["text"][0] == "¹"  # what latin-1 makes of cp1250's ą


def test_wrong_encoding_option_gives_a_clear_error(write):
    path = write("x.csv", "id;text\n1;zażółć\n", encoding="utf-8")
    source = DelimitedSource(path, "x.csv", encoding="ascii")
    with pytest.raises(InputError, match="not valid ascii.*--encoding"):
        list(source.batches(10))


def test_unknown_encoding_name(write):
    with pytest.raises(InputError, match="unknown encoding"):
        DelimitedSource(write("x.csv", "a\n1\n"), "x.csv", encoding="klingon")
