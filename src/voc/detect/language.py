"""Language identification stage (reads `text`, `lang_hint`; adds `language`, `language_confidence`).

lingua is limited to a declared set of languages: the four voc analyses plus
neighbours that real exports contain (a Ukrainian comment must come out `uk`,
not be forced into Russian). More candidates make single words ambiguous, so
lingua's confidences are combined with a prior: the analysed languages are
``prior`` times likelier than a neighbour, and a `--lang-col` hint is
``hint_weight`` times likelier again. Long texts are unaffected (lingua is
near-certain on them); one-word answers such as "Polecam" or "grazie" stop
being read as Czech or Romanian. Measured in README ("Language detection").

lingua's high-accuracy mode costs about 1.4 ms a text on one core, the largest
single cost of a run; its trigram-only (low-accuracy) mode 0.3 ms. They differ on
short texts only: on 10,540 distinct real feedback texts their top language
agreed on 5,160 of the 5,161 of 80 characters or more, and on all 1,940 of 120
or more. So texts from ``low_accuracy_from`` characters (after cleaning) go to
the trigram models, shorter ones to the full ones.
"""

from __future__ import annotations

import threading

from functools import cache
from typing import ClassVar, Sequence

import polars as pl

from voc.core import columns as C
from voc.core.stages import Stage, register
from voc.detect.clean import clean_for_detection, has_signal

# The four analysed languages, the neighbours named by the product, and
# languages with their own script, which lingua tells apart at almost no cost.
DEFAULT_LANGUAGES = (
    "it", "pl", "ru", "en",
    "uk", "be", "bg", "cs", "sk", "de", "fr", "es", "pt", "ro", "nl",
    "el", "he", "ar", "hy", "ka", "ko", "th", "hi", "zh", "ja",
)  # fmt: skip


@register("voc.language.lingua.v1")
class LinguaLanguage(Stage):
    role: ClassVar[str] = "language"
    requires = (C.TEXT,)
    optional = (C.LANG_HINT,)
    provides = (C.LANGUAGE, C.LANGUAGE_CONFIDENCE)

    def __init__(
        self,
        languages: Sequence[str] = DEFAULT_LANGUAGES,
        preferred: Sequence[str] = C.ANALYSED_LANGUAGES,
        prior: float = 5.0,
        hint_weight: float = 20.0,
        force: str | None = None,
        max_chars: int = 1000,
        accuracy: str = "high",
        threads: int = 0,
        low_accuracy_from: int = 80,
    ) -> None:
        self.languages = tuple(languages)
        self.preferred = tuple(preferred)
        self.prior = float(prior)
        self.hint_weight = float(hint_weight)
        self.force = force
        self.max_chars = int(max_chars)
        self.accuracy = accuracy
        # 0: lingua spreads each batch over all cores. With --jobs the workers need those
        # cores, and idle lingua threads spin: one thread costs 30% less CPU per text.
        self.threads = int(threads)
        self.low_accuracy_from = int(low_accuracy_from)  # 0: every text gets the models `accuracy` names
        if accuracy not in ("high", "low"):
            raise ValueError(f"accuracy must be 'high' or 'low', got {accuracy!r}")
        _check_codes(self.languages)
        if self.prior <= 0 or self.hint_weight <= 0:
            raise ValueError("prior and hint_weight must be positive")
        if force is not None and (len(force) != 2 or not force.isalpha()):
            raise ValueError(f"force must be a two-letter ISO 639-1 code, got {force!r}")

    def _detector(self, accuracy: str | None = None):
        with _BUILDING:  # warm() may be building it in a background thread
            return _detector_for(tuple(sorted(self.languages)), accuracy or self.accuracy)

    def _splits(self) -> bool:
        return self.accuracy == "high" and self.low_accuracy_from > 0

    def warm(self) -> None:
        """Build the detector and load its n-gram models, which lingua otherwise loads on the first
        batch: voc analyze runs this in a background thread while it reads the input."""
        if self.force is None:
            for accuracy in (self.accuracy, "low") if self._splits() else (self.accuracy,):
                detector = self._detector(accuracy)
                for text in ("warm up the models", "прогреть модели"):  # Latin and Cyrillic load different models
                    detector.compute_language_confidence_values(text)

    def __call__(self, frame: pl.DataFrame) -> pl.DataFrame:
        texts = frame.get_column(C.TEXT).to_list()
        hints = frame.get_column(C.LANG_HINT).to_list() if C.LANG_HINT in frame.columns else [None] * len(texts)
        cleaned = [clean_for_detection(t, self.max_chars) for t in texts]
        signal = [has_signal(c) for c in cleaned]

        if self.force is not None:
            langs = [self.force if ok else C.UNDETERMINED for ok in signal]
            confs = [1.0 if ok else 0.0 for ok in signal]
        else:
            langs, confs = self._detect(cleaned, hints, signal)
        return frame.with_columns(
            pl.Series(C.LANGUAGE, langs, dtype=pl.String),
            pl.Series(C.LANGUAGE_CONFIDENCE, confs, dtype=pl.Float64),
        )

    def _detect(self, cleaned: list[str], hints: list, has_signal: list[bool]) -> tuple[list[str], list[float]]:
        # Feedback repeats itself ("ok", "super", "Polecam"): score each distinct text once.
        unique = sorted({c for c, ok in zip(cleaned, has_signal) if ok})
        if self._splits():
            short = [t for t in unique if len(t) < self.low_accuracy_from]
            long = [t for t in unique if len(t) >= self.low_accuracy_from]
            unique, values = short + long, self._confidences(short, self.accuracy) + self._confidences(long, "low")
        else:
            values = self._confidences(unique, self.accuracy)
        codes = _codes()
        # Zero confidences can neither win nor add to the total: dropping them halves the loop below.
        scored = {text: [(codes[cv.language], cv.value) for cv in cvs if cv.value > 0] for text, cvs in zip(unique, values)}

        langs: list[str] = []
        confs: list[float] = []
        preferred = set(self.preferred)
        for text, ok, hint in zip(cleaned, has_signal, hints):
            if not ok:
                langs.append(C.UNDETERMINED)
                confs.append(0.0)
                continue
            best, best_w, total = C.UNDETERMINED, 0.0, 0.0
            for code, value in scored[text]:
                weight = value * (self.prior if code in preferred else 1.0)
                if hint is not None and code == hint:
                    weight *= self.hint_weight
                total += weight
                if weight > best_w:
                    best, best_w = code, weight
            langs.append(best if total > 0 else C.UNDETERMINED)
            confs.append(round(best_w / total, 4) if total > 0 else 0.0)
        return langs, confs


    def _confidences(self, texts: list[str], accuracy: str) -> list:
        if not texts:
            return []
        detector = self._detector(accuracy)
        if self.threads == 1:
            return [detector.compute_language_confidence_values(text) for text in texts]
        return detector.compute_language_confidence_values_in_parallel(texts)


_BUILDING = threading.Lock()


@cache
def _detector_for(codes: tuple[str, ...], accuracy: str = "high"):
    """One detector per language set and process: its models load lazily and are shared."""
    from lingua import IsoCode639_1, Language, LanguageDetectorBuilder

    langs = [Language.from_iso_code_639_1(getattr(IsoCode639_1, c.upper())) for c in codes]
    builder = LanguageDetectorBuilder.from_languages(*langs)
    if accuracy == "low":
        builder = builder.with_low_accuracy_mode()
    return builder.build()


@cache
def _codes() -> dict:
    """lingua Language -> ISO 639-1 code, built once (the enum's attributes are slow to read per value)."""
    from lingua import Language

    return {language: language.iso_code_639_1.name.lower() for language in Language.all()}


def _check_codes(codes: Sequence[str]) -> None:
    from lingua import IsoCode639_1

    unknown = [c for c in codes if not hasattr(IsoCode639_1, str(c).upper())]
    if unknown:
        raise ValueError(f"unknown language code(s) {', '.join(map(str, unknown))}: use ISO 639-1 codes such as 'de'")
