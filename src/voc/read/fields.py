"""Pick the columns voc needs and build the working frame (adds voc_id, text, lang_hint, source_file, voc_date, voc_score, voc_score_scale, channel).

The user's columns are never changed here: the working frame is a separate,
canonical frame (see voc.core.columns) that the analysis stages read, so a
stage cannot clash with an input column named "language" or "text".
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

import polars as pl

from voc.core import columns as C
from voc.core.console import Console
from voc.core.errors import ColumnError, UsageError
from voc.core.resources import lexicon_path
from voc.read.dates import DateParser
from voc.read.scores import SCALES, ScoreParser
from voc.read.source import Batch, Source
from voc.read.textcol import SAMPLE_ROWS, pick_text_column


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
    def __init__(self, spec: FieldSpec, columns: list[str], console: Console, sources: list[Source] | None = None) -> None:
        if spec.score_scale != "auto" and spec.score_scale not in SCALES:
            raise UsageError(f"unknown --score-scale {spec.score_scale!r}: use auto, {', '.join(SCALES)}")
        self.columns = columns
        self.console = console
        self.sources = sources or []
        self.where = _where(self.sources)
        default, self._text_by_file = _split_text_spec(spec.text, self.sources)
        self.auto_text = not default
        self.id = self._find(spec.id, "--id-col") if spec.id else None
        self.lang = self._find(spec.lang, "--lang-col") if spec.lang else None
        self.channel = self._find(spec.channel, "--channel-col") if spec.channel else None
        self.date = DateParser(self._find(spec.date, "--date-col"), spec.date_format) if spec.date else None
        self.score = ScoreParser(self._find(spec.score, "--score-col"), spec.score_scale) if spec.score else None
        self.roles = {c for c in (self.id, self.lang, self.channel, spec.date, spec.score) if c}
        self.roles |= {self.date.column} if self.date else set()
        self.roles |= {self.score.column} if self.score else set()
        # Several exports need not share their layout: without --text-col the text
        # column is picked per file (the Italian survey's "Commento", the Polish
        # tickets' "Opis"), by name and content, when its first rows are read.
        self.text = [self._find(name, "--text-col") for name in default] if default else []
        self._text_by_source: dict[str, list[str]] = {}
        for source in self.sources:
            self._check(source)
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
        columns = self.columns
        if name in columns:
            return name
        folded = [c for c in columns if c.casefold().strip() == name.casefold().strip()]
        if len(folded) == 1:
            return folded[0]
        if _nested_head(name, columns):
            return name  # reply.text: a field inside a nested (JSON) column
        raise ColumnError(f"{option} {name!r} is not a column of {self.where}; columns are: {_listing(columns)}")

    def _check(self, source: Source) -> None:
        """Every column named on the command line must be in every input: a file without --date-col would
        otherwise be stored under the week voc ran, silently."""
        own = list(source.schema)
        named = [("--id-col", self.id), ("--lang-col", self.lang), ("--channel-col", self.channel),
                 ("--date-col", self.date.column if self.date else None),
                 ("--score-col", self.score.column if self.score else None)]  # fmt: skip
        texts = self._text_by_file.get(source.display, self.text)
        named += [("--text-col", t) for t in texts]
        for option, column in named:
            if column and column not in own and not _nested_head(column, own):
                raise ColumnError(f"{option} {column!r} is not a column of this file; its columns are: {_listing(own)}", path=source.display)

    def text_columns(self, source: Source) -> list[str]:
        """The text column(s) of one input file."""
        if source.display in self._text_by_file:
            return self._text_by_file[source.display]
        if not self.auto_text:
            return self.text
        if source.display not in self._text_by_source:
            self._text_by_source[source.display] = [self._pick(source)]
        return self._text_by_source[source.display]

    def _pick(self, source: Source) -> str:
        own = list(source.schema)
        exclude = self.roles | {c for c in own if c in C.OUTPUT or c.startswith("voc_")}
        sample = source.peek(SAMPLE_ROWS)
        pick = pick_text_column(own, sample, exclude)
        if pick is None:
            raise ColumnError(
                f"no text column found: no column's name or content looks like free text; name it with --text-col; "
                f"columns are: {_listing(own)}",
                path=source.display if self.sources else None,
            )
        where = f" of {source.display}" if self.sources else ""
        also = f"; {pick.runner_up!r} also looked like text" if pick.runner_up else ""
        self.console.warn(f"text column{where}: {pick.column!r}, picked {pick.reason}{also} (use --text-col to choose another)")
        return pick.column

    def working(self, batch: Batch) -> pl.DataFrame:
        """The working frame for one batch of the user's rows."""
        frame = batch.frame
        n = frame.height
        derived = pl.Series(C.VOC_ID, [f"{batch.source.name}:{batch.first_row + i}" for i in range(n)], dtype=pl.String)
        if self.id:
            given = column(frame, self.id).cast(pl.String).str.strip_chars()
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
            out.append(self.date(column(frame, self.date.column)).alias(C.DATE))
        if self.score:
            out.append(self.score(column(frame, self.score.column)).alias(C.SCORE))
            out.append(pl.Series(C.SCORE_SCALE, [self.score.scale] * n, dtype=pl.String))
        if self.channel:
            out.append(column(frame, self.channel).cast(pl.String).str.strip_chars().alias(C.CHANNEL))
        return pl.DataFrame(out)

    def _text(self, frame: pl.DataFrame, columns: list[str]) -> pl.Series:
        parts = [column(frame, c).cast(pl.String) for c in columns]
        if len(parts) == 1:
            return parts[0].fill_null("")
        # Title + body: join the non-empty parts, one per line, so sentence splitting sees the break.
        cleaned = [pl.when(pl.lit(p).str.strip_chars() != "").then(pl.lit(p)) for p in parts]
        return pl.select(pl.concat_str(cleaned, separator="\n", ignore_nulls=True).fill_null("")).to_series()

    def _hints(self, frame: pl.DataFrame) -> pl.Series:
        if not self.lang:
            return pl.Series(C.LANG_HINT, [None] * frame.height, dtype=pl.String)
        raw = column(frame, self.lang).cast(pl.String)
        mapping = {}
        for value in raw.drop_nulls().unique().to_list():
            code = language_code(value)
            mapping[value] = code
            if code is None and value.strip():
                self.unknown_hints.add(value.strip()[:20])
        return raw.replace_strict(mapping, default=None, return_dtype=pl.String)

    def report(self) -> None:
        """Warn, once per run, about values that were read as empty, and about a score scale that was guessed."""
        if self.score and self.score.guess:
            self.console.warn(self.score.guess)
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


def column(frame: pl.DataFrame, name: str) -> pl.Series:
    """A column of ``frame``, or a field inside a nested one: "reply.text" reads key "text" of column "reply"
    (a struct from Parquet, or JSON text as the JSON reader keeps nested values)."""
    if name in frame.columns:
        return frame.get_column(name)
    head = _nested_head(name, frame.columns)
    if head is None:
        return frame.get_column(name)  # polars' own error: a bug, since names are checked up front
    series, keys = frame.get_column(head), name[len(head) + 1 :].split(".")
    if isinstance(series.dtype, pl.Struct):
        for key in keys:
            series = series.struct.field(key) if isinstance(series.dtype, pl.Struct) else pl.Series([None] * len(series))
        return series.alias(name)
    path = "$" + "".join(f"[{json.dumps(key)}]" for key in keys)
    return series.cast(pl.String).str.json_path_match(path).alias(name)


def _nested_head(name: str, columns: list[str]) -> str | None:
    """The longest column that ``name`` is a dotted path into, if any."""
    heads = [c for c in columns if name.startswith(c + ".") and len(name) > len(c) + 1]
    return max(heads, key=len) if heads else None


def _split_text_spec(texts: list[str], sources: list[Source]) -> tuple[list[str], dict[str, list[str]]]:
    """--text-col COLUMN applies to every file; --text-col FILE=COLUMN to the file given as FILE (as on the
    command line, or its name), so exports of different layouts combine in one run."""
    default: list[str] = []
    by_file: dict[str, list[str]] = {}
    names = {}
    for source in sources:
        for alias in {source.display, source.name, Path(source.display).name, "-" if source.display == "standard input" else ""}:
            names.setdefault(alias, source.display)
    for entry in texts:
        file, _, col = entry.partition("=")
        if col and file in names and entry not in {c for s in sources for c in s.schema}:
            by_file.setdefault(names[file], []).append(col)
        else:
            default.append(entry)
    if by_file and not default:
        missing = [s.display for s in sources if s.display not in by_file]
        if missing:
            raise UsageError(f"--text-col names no column for {', '.join(missing)}: add --text-col FILE=COLUMN for it, or a plain --text-col COLUMN for the rest")
    return default, by_file


def _where(sources: list[Source]) -> str:
    if not sources:
        return "the input"
    return sources[0].display if len(sources) == 1 else f"any of the {len(sources)} inputs"


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
