"""`voc learn`: options in, one call to voc.learn.train.learn, the report table out."""

from __future__ import annotations

from typing import List, Optional

import typer

from voc.cli.root import app
from voc.cli import options as shared

EXAMPLES = """
Examples:

  voc learn labelled.xlsx --sentiment-col Sentiment -o my_model/

  voc learn jan.csv feb.csv --text-col Comment --sentiment-col sent --scope-col scope --categories-col reasons -o my_model/

  voc learn survey.csv --text-col Commento --sentiment-from-score "NPS (0-10)" -o nps_model/

  voc learn tickets.csv --intent-col Intent --churn-col "Churn?" --effort-col Effort -o support_model/

  voc learn more_labels.xlsx --sentiment-col Sentiment --from my_model/ -o my_model_v2/
"""


@app.command(epilog=EXAMPLES)
def learn(
    inputs: List[str] = typer.Argument(..., metavar="LABELLED...", help=shared.INPUT_HELP),
    output: str = typer.Option(..., "-o", "--output", help="Model folder to write (replaced if it holds a model)."),
    sentiment_col: Optional[str] = typer.Option(None, "--sentiment-col", help="Column with negative / neutral / positive (also neg/neu/pos, -1/0/1)."),
    scope_col: Optional[str] = typer.Option(None, "--scope-col", help="Column with service / experience / both / none."),
    categories_col: Optional[str] = typer.Option(None, "--categories-col", help="Column with your own categories, ';'-separated for several per row."),
    sentiment_from_score: Optional[str] = typer.Option(
        None, "--sentiment-from-score", help="Learn sentiment from this NPS / CSAT / star column (weak labels: NPS 0-6 negative, 7-8 neutral, 9-10 positive; stars 1-2 / 3 / 4-5)."
    ),
    intent_col: Optional[str] = typer.Option(None, "--intent-col", help="Column with complaint / question / request / suggestion / praise / other."),
    emotion_col: Optional[str] = typer.Option(None, "--emotion-col", help="Column with anger / disappointment / worry / joy / gratitude / none."),
    churn_col: Optional[str] = typer.Option(None, "--churn-col", help="Column with true / false (also yes/no, 1/0): the writer says or implies leaving."),
    effort_col: Optional[str] = typer.Option(None, "--effort-col", help="Column with high / normal: the customer had to work to get something done."),
    score_scale: str = typer.Option("auto", "--score-scale", help="Scale of --sentiment-from-score: auto, 0-10, 1-5, 1-10, 0-100 or good-bad."),
    earlier: Optional[str] = typer.Option(None, "--from", help="Earlier model folder: retrain on its labels plus these."),
    seed: int = typer.Option(42, "--seed", help="Random seed of the cross-validation folds (same labels and seed, same model bytes)."),
    text_col: List[str] = shared.TEXT_COL,
    id_col: Optional[str] = shared.ID_COL,
    language: Optional[str] = shared.LANGUAGE,
    pipeline: str = shared.PIPELINE,
    lexicons: Optional[str] = shared.LEXICONS,
    quiet: bool = shared.QUIET,
    input_format: Optional[str] = shared.INPUT_FORMAT,
    encoding: Optional[str] = shared.ENCODING,
    delimiter: Optional[str] = shared.DELIMITER,
    sheet: Optional[str] = shared.SHEET,
    on_bad_lines: str = shared.ON_BAD_LINES,
) -> None:
    """Learn sentiment, scope, your own categories, intent, emotion, churn risk and effort from your labelled rows, into a model folder."""
    import sys

    from voc.core.console import Console
    from voc.learn.labels import LabelSpec
    from voc.learn.train import LearnRequest, learn as run_learn, report
    from voc.read import FieldSpec

    request = LearnRequest(
        inputs=list(inputs),
        output=output,
        labels=LabelSpec(sentiment=sentiment_col, scope=scope_col, categories=categories_col,
                         sentiment_from_score=sentiment_from_score, score_scale=score_scale, intent=intent_col,
                         emotion=emotion_col, churn_risk=churn_col, effort=effort_col),  # fmt: skip
        fields=FieldSpec(text=list(text_col), id=id_col),
        read=shared.read_options(input_format, encoding, delimiter, sheet, on_bad_lines),
        pipeline=pipeline,
        language=language,
        lexicons=lexicons,
        seed=seed,
        earlier=earlier,
    )
    console = Console(quiet=quiet)
    model = run_learn(request, console)
    if not quiet:
        print(report(model), file=sys.stderr)
    console.info(f"model written to {output}")
