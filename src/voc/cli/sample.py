"""`voc sample`: choose the rows worth labelling and write them to a workbook for `voc learn`."""

from __future__ import annotations

from typing import List, Optional

import typer

from voc.cli.root import app
from voc.cli import options as shared

EXAMPLES = """
Examples:

  voc sample export.csv -n 200 -o to_label.xlsx

  voc sample jan.csv feb.csv --text-col Commento --id-col "ID risposta" -n 300 -o to_label.xlsx

  voc sample more.csv --model model/ -n 200 -o round2.xlsx   # where the learned model is least sure

  voc learn to_label.xlsx --text-col text --sentiment-col sentiment_label --scope-col scope_label -o model/
"""


@app.command(epilog=EXAMPLES)
def sample(
    inputs: List[str] = typer.Argument(..., metavar="INPUT...", help=shared.INPUT_HELP),
    output: str = typer.Option(..., "-o", "--output", help="The workbook to write (.xlsx): the rows, voc's guesses and empty label columns."),
    n: int = typer.Option(200, "-n", "--rows", help="How many rows to choose."),
    seed: int = typer.Option(42, "--seed", help="Random seed: the same input and seed give the same rows."),
    model: Optional[str] = typer.Option(None, "--model", help="A 'voc learn' model folder: choose where it is least sure."),
    signals: bool = typer.Option(False, "--signals", help="Also label intent, emotion, churn risk and effort (voc's guesses and four more label columns)."),
    text_col: List[str] = shared.TEXT_COL,
    id_col: Optional[str] = shared.ID_COL,
    language: Optional[str] = shared.LANGUAGE,
    pipeline: str = shared.PIPELINE,
    lexicons: Optional[str] = shared.LEXICONS,
    input_format: Optional[str] = shared.INPUT_FORMAT,
    encoding: Optional[str] = shared.ENCODING,
    delimiter: Optional[str] = shared.DELIMITER,
    sheet: Optional[str] = shared.SHEET,
    on_bad_lines: str = shared.ON_BAD_LINES,
    quiet: bool = shared.QUIET,
) -> None:
    """Choose rows worth labelling (uncertain, diverse, every language and rare class) and write them to label."""
    from voc.core.console import Console
    from voc.learn.sampler import SampleRequest, sample_rows
    from voc.read import FieldSpec

    request = SampleRequest(
        inputs=list(inputs),
        output=output,
        n=n,
        seed=seed,
        model=model,
        fields=FieldSpec(text=list(text_col), id=id_col),
        read=shared.read_options(input_format, encoding, delimiter, sheet, on_bad_lines),
        pipeline=pipeline,
        language=language,
        lexicons=lexicons,
        signals=signals,
    )
    sample_rows(request, Console(quiet=quiet))
