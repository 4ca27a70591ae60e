"""What the detector sees after cleaning."""

from __future__ import annotations

import pytest

from voc.detect.clean import clean_for_detection, has_signal


@pytest.mark.parametrize(
    ("raw", "cleaned"),
    [
        ("RT @bank_help: #Сбербанк опять лежит http://t.co/abc123", "Сбербанк опять лежит"),
        ("Scrivete a info@example.com o www.example.it 😡😡 100%!!!", "Scrivete a o"),
        ("l'hotel è ok, don't worry", "l'hotel è ok don't worry"),
        ("2026-11-02: 5/5 ★★★★★", ""),
        ("'quoted' words", "quoted words"),
    ],
)
def test_noise_is_removed(raw, cleaned):
    assert clean_for_detection(raw) == cleaned


def test_long_text_is_cut():
    assert len(clean_for_detection("parola " * 100_000, max_chars=1000)) <= 1000


@pytest.mark.parametrize(("text", "signal"), [("ok", True), ("n a", False), ("", False), ("x", False), ("好的", True)])
def test_signal_needs_a_word_of_two_letters(text, signal):
    assert has_signal(text) is signal
