"""`voc topics`: discover themes the taxonomy does not know."""

from __future__ import annotations

from typing import List, Optional

import typer

from voc.cli.root import app
from voc.cli import options as shared

EXAMPLES = """
Examples:

  voc topics sample_data/en_feedback_mixed.csv sample_data/ru_reviews.jsonl -o topics/

  voc topics export.csv --seed 7 --model models/nov/ -o topics/    # fit and save the model

  voc topics export.csv --topics 15 -o topics/                     # at most 15 topics; hierarchy.csv says what merged

  voc topics export.csv --topics auto -o topics/                   # merge only topics that are one theme

  voc topics december.csv --model models/nov/ -o topics_dec/       # reuse it, offline

  voc topics week50.csv --model models/weekly/ --update -o topics/ # keep this week's new themes in it

  voc analyze export.csv -o results.csv && voc topics results.csv -o topics/
"""


@app.command(epilog=EXAMPLES)
def topics(
    inputs: List[str] = typer.Argument(..., metavar="INPUT...", help=shared.INPUT_HELP),
    output: str = typer.Option("topics", "-o", "--output", help="Folder for topics.csv, assignments.csv, topics.png, topics.md."),
    seed: int = typer.Option(42, "--seed", help="Random seed: the same input and seed give the same topics."),
    model: Optional[str] = typer.Option(None, "--model", help="Folder of a saved topic model: reused if present, else fitted and saved there."),
    min_topic_size: Optional[int] = typer.Option(None, "--min-topic-size", help="Smallest topic (default: scales with the input)."),
    nr_topics: Optional[str] = typer.Option(None, "--topics", metavar="N|auto", help="At most N topics: the closest merge; 'auto' merges near-duplicate topics (hierarchy.csv lists the merges)."),
    update: bool = typer.Option(False, "--update", help="With --model: save the new themes found in the model, so next week they are known topics."),
    week: Optional[str] = typer.Option(None, "--week", metavar="YYYY-Www", help="ISO week of this run, for first_seen (default: this week)."),
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
    """Discover themes across languages with BERTopic, offline: topics.csv, assignments.csv, a chart and topics.md."""
    from voc.core.console import Console
    from voc.read import FieldSpec
    from voc.topics import TopicsRequest, discover_topics

    request = TopicsRequest(
        inputs=list(inputs),
        output_dir=output,
        seed=seed,
        model_dir=model,
        min_topic_size=min_topic_size,
        nr_topics=shared.topic_count(nr_topics),
        update=update,
        week=week,
        fields=FieldSpec(text=list(text_col), id=id_col),
        read=shared.read_options(input_format, encoding, delimiter, sheet, on_bad_lines),
        pipeline=pipeline,
        language=language,
        lexicons=lexicons,
    )
    discover_topics(request, Console(quiet=quiet))
