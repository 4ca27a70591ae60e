"""`voc evaluate`: run the analysis on a labelled file and print how well it agrees."""

from __future__ import annotations

from typing import List, Optional

import typer

from voc.cli.root import app
from voc.cli import options as shared

EXAMPLES = """
Examples:

  voc evaluate labelled.csv --text-col comment --gold-sentiment label

  voc evaluate held_out.csv --text-col comment --gold-sentiment label --model my_model/

  voc evaluate tickets.xlsx --text-col Opis --gold-sentiment Sentyment --gold-scope Zakres --json scores.json
"""


@app.command(epilog=EXAMPLES)
def evaluate(
    input: str = typer.Argument(..., metavar="LABELLED_FILE", help="A labelled export (any input format voc reads)."),
    text_col: List[str] = shared.TEXT_COL,
    gold_sentiment: Optional[str] = typer.Option(None, "--gold-sentiment", help="Column with negative/neutral/positive labels."),
    gold_scope: Optional[str] = typer.Option(None, "--gold-scope", help="Column with service/experience/both/none labels."),
    id_col: Optional[str] = shared.ID_COL,
    language: Optional[str] = shared.LANGUAGE,
    json_out: Optional[str] = typer.Option(None, "--json", help="Also write the figures as JSON to this file."),
    pipeline: str = shared.PIPELINE,
    lexicons: Optional[str] = shared.LEXICONS,
    model: Optional[str] = shared.MODEL,
    input_format: Optional[str] = shared.INPUT_FORMAT,
    encoding: Optional[str] = shared.ENCODING,
    delimiter: Optional[str] = shared.DELIMITER,
    sheet: Optional[str] = shared.SHEET,
    on_bad_lines: str = shared.ON_BAD_LINES,
    quiet: bool = shared.QUIET,
) -> None:
    """Accuracy, macro-F1 and confusion matrices of sentiment and scope against your own labels."""
    from voc.core.console import Console
    from voc.evaluate import evaluate as run_evaluate, write_json
    from voc.read import FieldSpec
    from voc.run import AnalyzeRequest

    request = AnalyzeRequest(
        inputs=[input],
        fields=FieldSpec(text=list(text_col), id=id_col),
        read=shared.read_options(input_format, encoding, delimiter, sheet, on_bad_lines),
        pipeline=pipeline,
        language=language,
        lexicons=lexicons,
        model=model,
        rejects_beside=json_out or input,  # the analysis itself goes to a temporary file
    )
    scores = run_evaluate(request, gold_sentiment, gold_scope, Console(quiet=quiet))
    typer.echo("\n\n".join(score.render() for score in scores))
    if json_out:
        write_json(scores, json_out)
