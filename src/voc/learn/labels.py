"""Read the user's label columns for `voc learn` (learn step; reads the user's own columns, adds nothing to the working frame).

Kinds of label: sentiment (negative / neutral / positive), scope (service /
experience / both / none), categories (the user's own names, ";"-separated for
several per row), and the signals: intent, emotion, churn_risk (true / false,
also yes/no, 1/0) and effort (high / normal). Sentiment may also come from a score
column (NPS 0-10, CSAT or stars 1-5), as weak labels. An empty cell means "not
labelled" and the row is skipped for that label only. Values are matched
case-blind after trimming; the spellings users have (neg/pos, -1/0/1, the
words in Italian, Polish and Russian) are mapped, and voc says which mapping
it used, because "0" means neutral to one team and negative to another.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import polars as pl

from voc.core import columns as C
from voc.core.console import Console
from voc.core.errors import ColumnError, InputError, UsageError
from voc.read.scores import ScoreParser

SENTIMENTS = ("negative", "neutral", "positive")
SCOPES = ("service", "experience", "both", "none")
INTENTS, EMOTIONS = C.INTENTS, C.EMOTIONS
CHURN = ("false", "true")
EFFORT = ("normal", "high")
MIN_ROWS = 20  # a label with fewer labelled rows cannot be learned, nor its cross-validation trusted

# Spellings of the sentiment classes seen in exports, one group per "mapping" so voc can name it.
_SENTIMENT_SPELLINGS = {
    "words": {"negative": "negative", "neutral": "neutral", "positive": "positive"},
    "short words (neg/neu/pos)": {"neg": "negative", "neu": "neutral", "pos": "positive"},
    "numbers (-1 negative, 0 neutral, 1 positive)": {"-1": "negative", "0": "neutral", "1": "positive", "+1": "positive"},
    "Italian words": {"negativo": "negative", "negativa": "negative", "neutro": "neutral", "neutrale": "neutral",
                      "positivo": "positive", "positiva": "positive"},
    "Polish words": {"negatywny": "negative", "negatywna": "negative", "negatywne": "negative", "neutralny": "neutral",
                     "neutralna": "neutral", "neutralne": "neutral", "pozytywny": "positive", "pozytywna": "positive",
                     "pozytywne": "positive"},
    "Russian words": {"негативный": "negative", "негатив": "negative", "отрицательный": "negative",
                      "нейтральный": "neutral", "нейтрально": "neutral", "позитивный": "positive",
                      "позитив": "positive", "положительный": "positive"},
}  # fmt: skip
_SCOPE_SPELLINGS = {
    "words": {s: s for s in SCOPES},
    "Italian words": {"servizio": "service", "esperienza": "experience", "entrambi": "both", "nessuno": "none"},
    "Polish words": {"obsługa": "service", "doświadczenie": "experience", "oba": "both", "brak": "none"},
    "Russian words": {"сервис": "service", "обслуживание": "service", "опыт": "experience", "оба": "both", "нет": "none"},
}  # fmt: skip
_YES_NO = {"yes": "true", "no": "false", "y": "true", "n": "false", "1": "true", "0": "false"}
_SIGNAL_SPELLINGS = {
    "intent": {"words": {v: v for v in INTENTS}},
    "emotion": {"words": {v: v for v in EMOTIONS}},
    "churn_risk": {"words": {"true": "true", "false": "false"}, "yes/no, 1/0": _YES_NO,
                   "Italian, Polish and Russian yes/no": {"sì": "true", "si": "true", "tak": "true", "nie": "false", "да": "true", "нет": "false"}},
    "effort": {"words": {"high": "high", "normal": "normal"}, "low as normal": {"low": "normal"},
               "yes/no, 1/0": {k: ("high" if v == "true" else "normal") for k, v in _YES_NO.items()} | {"true": "high", "false": "normal"}},
}  # fmt: skip
# Weak sentiment from a score, the way NPS and CSAT read them: detractors / passives / promoters,
# and 1-2 / 3 / 4-5 stars. 1-10 and 0-100 are cut at the same shares of the scale as 0-10.
_SCORE_CUTS = {"0-10": (6, 8), "1-10": (6, 8), "1-5": (2, 3), "0-100": (60, 80), "good-bad": (0, 0.5)}


@dataclass
class LabelSpec:
    """Which input columns hold labels; None means "not given"."""

    sentiment: str | None = None
    scope: str | None = None
    categories: str | None = None
    sentiment_from_score: str | None = None
    score_scale: str = "auto"
    intent: str | None = None
    emotion: str | None = None
    churn_risk: str | None = None
    effort: str | None = None

    def columns(self) -> list[tuple[str, str]]:
        """(option, column) for every column named."""
        named = [("--sentiment-col", self.sentiment), ("--scope-col", self.scope),
                 ("--categories-col", self.categories), ("--sentiment-from-score", self.sentiment_from_score),
                 *((f"--{_OPTION[name]}-col", getattr(self, name)) for name in _SIGNAL_SPELLINGS)]  # fmt: skip
        return [(o, c) for o, c in named if c]

    def signals(self) -> list[tuple[str, str]]:
        """(label name, column) for every signal label named."""
        return [(name, getattr(self, name)) for name in _SIGNAL_SPELLINGS if getattr(self, name)]


_OPTION = {"intent": "intent", "emotion": "emotion", "churn_risk": "churn", "effort": "effort"}


@dataclass
class Labels:
    """One label's values per row: a class name, a list of category names, or None where not labelled."""

    name: str  # sentiment, scope or categories
    column: str
    values: list = field(default_factory=list)
    multi: bool = False  # categories: several per row

    @property
    def classes(self) -> list[str]:
        seen = {c for v in self.values if v is not None for c in (v if self.multi else [v])}
        order = {"sentiment": SENTIMENTS, "scope": SCOPES, "intent": INTENTS, "emotion": EMOTIONS, "churn_risk": CHURN,
                 "effort": EFFORT}.get(self.name)  # fmt: skip
        return [c for c in order if c in seen] if order else sorted(seen)

    @property
    def labelled(self) -> list[int]:
        return [i for i, v in enumerate(self.values) if v is not None]


class LabelReader:
    """Turns the label columns of each batch into Labels; decides mappings once, on all values."""

    def __init__(self, spec: LabelSpec, columns: list[str], console: Console) -> None:
        if not spec.columns():
            raise UsageError("name at least one label column: --sentiment-col, --scope-col, --categories-col, --sentiment-from-score, "
                             "--intent-col, --emotion-col, --churn-col or --effort-col")
        if spec.sentiment and spec.sentiment_from_score:
            raise UsageError("give --sentiment-col or --sentiment-from-score, not both: sentiment is one label")
        for option, column in spec.columns():
            if column not in columns:
                listing = ", ".join(map(repr, columns[:30]))
                raise ColumnError(f"{option} {column!r} is not a column of the input; columns are: {listing}")
        self.spec = spec
        self.console = console
        self.raw: dict[str, list] = {c: [] for _, c in spec.columns()}
        self.score = ScoreParser(spec.sentiment_from_score, spec.score_scale) if spec.sentiment_from_score else None
        self.scores: list = []

    def add(self, frame: pl.DataFrame) -> None:
        """Keep one batch's label cells (as text; scores as numbers)."""
        for _, column in self.spec.columns():
            if column == self.spec.sentiment_from_score:
                self.scores += self.score(frame.get_column(column)).to_list()
            else:
                cells = frame.get_column(column).cast(pl.String).to_list()
                self.raw[column] += cells
                for name, spellings in self._kinds(column):  # an unknown value stops the run before any analysis of it
                    self._map(name, column, cells, spellings)

    def labels(self) -> list[Labels]:
        out = []
        if self.spec.sentiment:
            out.append(self._classes("sentiment", self.spec.sentiment, _SENTIMENT_SPELLINGS))
        if self.spec.sentiment_from_score:
            out.append(self._from_scores())
        if self.spec.scope:
            out.append(self._classes("scope", self.spec.scope, _SCOPE_SPELLINGS))
        if self.spec.categories:
            out.append(self._categories(self.spec.categories))
        for name, column in self.spec.signals():
            out.append(self._classes(name, column, _SIGNAL_SPELLINGS[name]))
        return out  # checked (check()) by the caller, once any earlier model's labels are added

    def _kinds(self, column: str) -> list[tuple[str, dict[str, dict[str, str]]]]:
        """(label name, its spellings) for each class label read from ``column`` (one column may hold several)."""
        out = [("sentiment", _SENTIMENT_SPELLINGS)] if column == self.spec.sentiment else []
        out += [("scope", _SCOPE_SPELLINGS)] if column == self.spec.scope else []
        return out + [(name, _SIGNAL_SPELLINGS[name]) for name, c in self.spec.signals() if c == column]

    def _classes(self, name: str, column: str, spellings: dict[str, dict[str, str]]) -> Labels:
        values, used = self._map(name, column, self.raw[column], spellings)
        if used - {"words"}:
            self.console.warn(f"{name} labels in {column!r} read as {' and '.join(sorted(used))}")
        return Labels(name, column, values)

    def _map(self, name: str, column: str, raw: list, spellings: dict[str, dict[str, str]]) -> tuple[list, set[str]]:
        cells = [_clean(v) for v in raw]
        used, values, unknown = set(), [], set()
        for cell in cells:
            if cell is None:
                values.append(None)
                continue
            for how, mapping in spellings.items():
                if cell in mapping:
                    used.add(how)
                    values.append(mapping[cell])
                    break
            else:
                unknown.add(cell)
                values.append(None)
        if unknown:
            classes = list(dict.fromkeys(spellings["words"].values()))
            also = "".join(f", also {how}" for how in spellings if how != "words")
            raise InputError(
                f"{len(unknown)} value(s) of --{_OPTION.get(name, name)}-col {column!r} are not {name} labels voc knows; "
                f"allowed (any case): {', '.join(classes)}{also}; leave a cell empty to skip the row"
            )
        return values, used

    def _from_scores(self) -> Labels:
        parser = self.score
        low, high = _SCORE_CUTS[parser.scale]
        values = [None if s is None else ("negative" if s <= low else "neutral" if s <= high else "positive") for s in self.scores]
        if parser.scale == "good-bad":
            values = [None if s is None else ("positive" if s >= 0.5 else "negative") for s in self.scores]
        self.console.warn(
            f"sentiment learned from the scores in {parser.column!r} ({parser.scale} scale: "
            f"{_cut_text(parser.scale, low, high)}): weak labels, a score says how the customer rated, not what the text says"
        )
        if guess := parser.guess:
            self.console.warn(guess)
        return Labels("sentiment", parser.column, values)

    def _categories(self, column: str) -> Labels:
        values = []
        for cell in self.raw[column]:
            names = sorted({n.strip() for n in (cell or "").split(";") if n.strip()})
            values.append(names or None)
        return Labels("categories", column, values, multi=True)


def check(labels: Labels) -> None:
    """Refuse a label that cannot be learned: too few rows or a single class."""
    rows, classes = len(labels.labelled), labels.classes
    what = f"label column {labels.column!r} ({labels.name})"
    if rows < MIN_ROWS:
        raise InputError(f"{what} has {rows} labelled row(s); label at least {MIN_ROWS} (a few hundred learn well)")
    if len(classes) < 2:
        raise InputError(f"{what} holds only {classes[0] if classes else 'no'} class; label rows of at least 2 classes")


def _clean(value: str | None) -> str | None:
    if value is None:
        return None
    value = value.strip().casefold()
    if value.endswith(".0") and value[:-2].lstrip("+-").isdigit():
        value = value[:-2]  # 1.0 from a spreadsheet's number cell
    return value or None


def _cut_text(scale: str, low: float, high: float) -> str:
    if scale == "good-bad":
        return "bad negative, good positive"
    return f"up to {low:g} negative, up to {high:g} neutral, above positive"
