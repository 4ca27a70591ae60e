"""Pick the columns voc needs and build the working frame (adds voc_id, text, lang_hint, source_file, voc_date, voc_score, voc_score_scale, channel).

The user's columns are never changed here: the working frame is a separate,
canonical frame (see voc.core.columns) that the analysis stages read, so a
stage cannot clash with an input column named "language" or "text".
"""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass, field
from functools import cache

import polars as pl

from voc.core import columns as C
from voc.core.console import Console
from voc.core.errors import ColumnError, UsageError
from voc.core.resources import lexicon_path
from voc.read.dates import DateParser
from voc.read.scores import SCALES, ScoreParser
from voc.read.source import Batch, Source


@dataclass
class FieldSpec:
    """Which input columns play which part; None means "not given"."""

    text: list[str] = field(default_factory=list)
    id: str | None = None
    date: str | None = None
    date_format: str | None = None
    score: str | None = None
    score_scale: str = "auto"
    lang: str | None = None
    channel: str | None = None


class Fields:
    def __init__(self, spec: FieldSpec, columns: list[str], console: Console) -> None:
        if spec.score_scale != "auto" and spec.score_scale not in SCALES:
            raise UsageError(f"unknown --score-scale {spec.score_scale!r}: use auto, {', '.join(SCALES)}")
        self.columns = columns
        self.console = console
        self.auto_text = not spec.text
        # Several exports need not share their layout: without --text-col the text
        # column is picked per file (the Italian survey's "Commento", the Polish
        # tickets' "Opis"); the first file's pick also checks the union up front.
        self.text = [self._find(name, "--text-col") for name in spec.text] if spec.text else [self._auto_text(columns)]
        self._text_by_source: dict[str, list[str]] = {}
        self.id = self._find(spec.id, "--id-col") if spec.id else None
        self.lang = self._find(spec.lang, "--lang-col") if spec.lang else None
        self.channel = self._find(spec.channel, "--channel-col") if spec.channel else None
        self.date = DateParser(self._find(spec.date, "--date-col"), spec.date_format) if spec.date else None
        self.score = ScoreParser(self._find(spec.score, "--score-col"), spec.score_scale) if spec.score else None
        self.missing_ids = 0
        self.unknown_hints: set[str] = set()

    @property
    def provides(self) -> list[str]:
        out = [C.VOC_ID, C.TEXT, C.LANG_HINT, C.SOURCE_FILE]
        if self.date:
            out.append(C.DATE)
        if self.score:
            out += [C.SCORE, C.SCORE_SCALE]
        if self.channel:
            out.append(C.CHANNEL)
        return out

    def _find(self, name: str, option: str) -> str:
        if name in self.columns:
            return name
        folded = [c for c in self.columns if c.casefold().strip() == name.casefold().strip()]
        if len(folded) == 1:
            return folded[0]
        raise ColumnError(f"{option} {name!r} is not a column of the input; columns are: {_listing(self.columns)}")

    def _auto_text(self, columns: list[str], source: str | None = None) -> str:
        words = {c: _words(c) for c in columns}
        for candidate in _text_candidates():
            exact = [c for c, w in words.items() if w == candidate]
            if exact:
                return self._chose(exact[0], source)
        for candidate in _text_candidates():
            within = [c for c, w in words.items() if re.search(rf"(?<!\w){re.escape(candidate)}(?!\w)", w)]
            if within:
                return self._chose(within[0], source)
        where = f" in {source}" if source else ""
        raise ColumnError(f"no text column found{where}: name it with --text-col; columns are: {_listing(columns)}")

    def _chose(self, column: str, source: str | None) -> str:
        where = f" in {source}" if source else ""
        self.console.info(f"text column{where}: {column!r} (use --text-col to choose another)")
        return column

    def text_columns(self, source: Source) -> list[str]:
        """The text column(s) of one input file."""
        if not self.auto_text:
            return self.text
        if source.display not in self._text_by_source:
            own = list(source.schema)
            picked = self.text if set(self.text) <= set(own) else [self._auto_text(own, source.display)]
            self._text_by_source[source.display] = picked
        return self._text_by_source[source.display]

    def working(self, batch: Batch) -> pl.DataFrame:
        """The working frame for one batch of the user's rows."""
        frame = batch.frame
        n = frame.height
        derived = pl.Series(C.VOC_ID, [f"{batch.source.name}:{batch.first_row + i}" for i in range(n)], dtype=pl.String)
        if self.id:
            given = frame.get_column(self.id).cast(pl.String).str.strip_chars()
            missing = given.is_null() | (given == "")
            self.missing_ids += int(missing.sum())
            voc_id = pl.select(pl.when(pl.lit(missing)).then(pl.lit(derived)).otherwise(pl.lit(given))).to_series()
        else:
            voc_id = derived
        out = [
            voc_id.alias(C.VOC_ID),
            self._text(frame, self.text_columns(batch.source)).alias(C.TEXT),
            self._hints(frame).alias(C.LANG_HINT),
            pl.Series(C.SOURCE_FILE, [batch.source.name] * n, dtype=pl.String),
        ]
        if self.date:
            out.append(self.date(frame.get_column(self.date.column)).alias(C.DATE))
        if self.score:
            out.append(self.score(frame.get_column(self.score.column)).alias(C.SCORE))
            out.append(pl.Series(C.SCORE_SCALE, [self.score.scale] * n, dtype=pl.String))
        if self.channel:
            out.append(frame.get_column(self.channel).cast(pl.String).str.strip_chars().alias(C.CHANNEL))
        return pl.DataFrame(out)

    def _text(self, frame: pl.DataFrame, columns: list[str]) -> pl.Series:
        parts = [frame.get_column(c).cast(pl.String) for c in columns]
        if len(parts) == 1:
            return parts[0].fill_null("")
        # Title + body: join the non-empty parts, one per line, so sentence splitting sees the break.
        cleaned = [pl.when(pl.lit(p).str.strip_chars() != "").then(pl.lit(p)) for p in parts]
        return pl.select(pl.concat_str(cleaned, separator="\n", ignore_nulls=True).fill_null("")).to_series()

    def _hints(self, frame: pl.DataFrame) -> pl.Series:
        if not self.lang:
            return pl.Series(C.LANG_HINT, [None] * frame.height, dtype=pl.String)
        raw = frame.get_column(self.lang).cast(pl.String)
        mapping = {}
        for value in raw.drop_nulls().unique().to_list():
            code = language_code(value)
            mapping[value] = code
            if code is None and value.strip():
                self.unknown_hints.add(value.strip()[:20])
        return raw.replace_strict(mapping, default=None, return_dtype=pl.String)

    def report(self) -> None:
        """Warn, once per run, about values that were read as empty."""
        if self.missing_ids:
            self.console.warn(f"{self.missing_ids} row(s) have an empty {self.id!r}; their voc_id is file:row instead")
        if self.date and self.date.unparsed:
            self.console.warn(
                f"{self.date.unparsed} value(s) in {self.date.column!r} are not dates voc recognises; "
                "voc_date is empty there (give the format with --date-format, e.g. '%d/%m/%Y')"
            )
        if self.score and self.score.unparsed:
            self.console.warn(f"{self.score.unparsed} value(s) in {self.score.column!r} are not numbers; voc_score is empty there")
        if self.score and self.score.out_of_range:
            self.console.warn(
                f"{self.score.out_of_range} value(s) in {self.score.column!r} fall outside the {self.score.scale} scale; "
                "voc_score is empty there (set the scale with --score-scale)"
            )
        if self.unknown_hints:
            self.console.warn(
                f"{len(self.unknown_hints)} value(s) of {self.lang!r} are not languages voc knows; ignored as hints"
            )


def _words(name: str) -> str:
    return re.sub(r"[\s_.\-/]+", " ", name.casefold()).strip()


@cache
def _text_candidates() -> tuple[str, ...]:
    with open(lexicon_path("columns.toml"), "rb") as fh:
        return tuple(_words(c) for c in tomllib.load(fh)["text"])


@cache
def _language_names() -> dict[str, str]:
    names = {}
    for line in lexicon_path("language_names.tsv").read_text(encoding="utf-8").splitlines():
        if line and not line.startswith("#"):
            name, code = line.split("\t")
            names[name.casefold()] = code
    return names


@cache
def _iso_codes() -> frozenset[str]:
    lines = lexicon_path("iso639_1.txt").read_text(encoding="utf-8").splitlines()
    return frozenset(code for line in lines if not line.startswith("#") for code in line.split())


_LOCALE = re.compile(r"^([a-z]{2})(?:[-_][a-z0-9]+)*$")


def language_code(value: str) -> str | None:
    """ISO 639-1 code from a locale ("it-IT", "pl_PL", "RU") or a language name ("Polski")."""
    folded = value.strip().casefold()
    match = _LOCALE.match(folded)
    if match and match.group(1) in _iso_codes():
        return match.group(1)
    return _language_names().get(folded)


def _listing(columns: list[str], limit: int = 30) -> str:
    shown = ", ".join(repr(c) for c in columns[:limit])
    return shown + (f" and {len(columns) - limit} more" if len(columns) > limit else "")
