"""Options shared by every command that reads exports (defined once, as sqlite-utils does)."""

from __future__ import annotations

import typer

INPUT_HELP = (
    "Export file(s): csv, tsv, jsonl, json, parquet, xlsx; '-' reads standard input. "
    "Several files are read as one table."
)

INPUT_FORMAT = typer.Option(
    None, "--input-format", help="Input format when the extension does not tell: csv, tsv, jsonl, json, parquet, xlsx."
)
ENCODING = typer.Option(None, "--encoding", help="Text encoding of csv/tsv input (default: detected), e.g. cp1250.")
DELIMITER = typer.Option(None, "--delimiter", help="Field delimiter of csv/tsv input (default: detected among , ; tab |).")
SHEET = typer.Option(None, "--sheet", help="Excel sheet to read (default: the first).")
ON_BAD_LINES = typer.Option(
    "error", "--on-bad-lines",
    help="A csv/tsv line with too many fields, or a JSON Lines line that is not a JSON object: "
    "error (stop, naming the line) or skip (go on; the lines are written to <output>.rejected.csv).",
)  # fmt: skip
PIPELINE = typer.Option("default", "--pipeline", help="Pipeline name (see pipelines/) or path to a .toml file.")
LEXICONS = typer.Option(
    None, "--lexicons", help="Folder of extra lexicon files (<lang>/topics.tsv, taxonomy.tsv, ...) laid over voc's own."
)
MODEL = typer.Option(
    None, "--model", help="Model folder written by 'voc learn': sentiment, scope and your categories as learned from your labels."
)
TEXT_COL = typer.Option(
    [], "--text-col", help="Column holding the text; repeat to join several (title + body). Default: picked by name."
)
ID_COL = typer.Option(None, "--id-col", help="Column with each row's id. Default: file:row.")
LANGUAGE = typer.Option(None, "--language", help="Treat every item as this language (ISO code, e.g. it).")
QUIET = typer.Option(False, "-q", "--quiet", help="Only warnings and errors on standard error.")


def read_options(  # noqa: ANN201
    input_format: str | None, encoding: str | None, delimiter: str | None, sheet: str | None, on_bad_lines: str = "error"
):
    """The reading options every command shares, as voc.read wants them."""
    from voc.core.errors import UsageError
    from voc.read.rejects import ON_BAD_LINES as CHOICES
    from voc.read.source import ReadOptions

    if on_bad_lines not in CHOICES:
        raise UsageError(f"unknown --on-bad-lines {on_bad_lines!r}: use {' or '.join(CHOICES)}")
    return ReadOptions(input_format=input_format, encoding=encoding, delimiter=delimiter, sheet=sheet, on_bad_lines=on_bad_lines)


def topic_count(value: str | None) -> int | str | None:
    """--topics: a number of topics (1 or more) or "auto"."""
    from voc.core.errors import UsageError

    if value is None or value.strip().lower() == "auto":
        return None if value is None else "auto"
    try:
        count = int(value)
    except ValueError:
        count = 0
    if count < 1:
        raise UsageError(f"--topics {value!r}: give a number of topics (1 or more) or 'auto'")
    return count
