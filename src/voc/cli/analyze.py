"""`voc analyze`: options in, one call to voc.run.analyze, nothing else."""

from __future__ import annotations

from typing import List, Optional

import typer

from voc.cli.root import app
from voc.cli import options as shared

EXAMPLES = """
Examples:

  voc analyze sample_data/en_feedback_mixed.csv -o results.xlsx

  voc analyze survey.csv --text-col Commento --id-col "ID risposta" --score-col "NPS (0-10)"

  voc analyze tickets.xlsx --sheet Export --text-col Temat --text-col Opis -o tickets.parquet

  voc analyze jan.csv feb.csv mar.csv -o q1.csv          # one table, with source_file

  cat export.jsonl | voc analyze - --format jsonl | jq .language

  voc analyze export.csv --excel -o for_excel.csv        # UTF-8 with BOM for Excel

  voc analyze export.csv --on-bad-lines skip -o out.csv  # bad lines go to out.rejected.csv

  voc analyze export.csv --lexicons my_terms/ -o out.xlsx  # your own topics and terms on top

  voc analyze export.csv --discover -o out.xlsx          # plus themes the taxonomy does not know

  voc analyze week47.csv --date-col received_at --store history/ -o week47.xlsx   # keep history for reports

  voc analyze week47.csv --date-col received_at --store history/ -o /dev/null -q  # cron: store only

  voc analyze export.csv --long -o for_powerbi.csv       # one row per item and topic

  voc analyze export.csv --model my_model/ -o out.xlsx   # sentiment, scope, categories learned by voc learn
"""


@app.command(epilog=EXAMPLES)
def analyze(
    inputs: List[str] = typer.Argument(..., metavar="INPUT...", help=shared.INPUT_HELP),
    output: Optional[str] = typer.Option(
        None, "-o", "--output", help="Output file; its extension picks the format. Default: CSV on standard output."
    ),
    format: Optional[str] = typer.Option(None, "--format", help="Output format: csv, tsv, jsonl, parquet or xlsx."),
    text_col: List[str] = shared.TEXT_COL,
    id_col: Optional[str] = shared.ID_COL,
    date_col: Optional[str] = typer.Option(None, "--date-col", help="Column with the date; parsed into voc_date."),
    date_format: Optional[str] = typer.Option(
        None, "--date-format", help="strftime format of --date-col when voc cannot tell, e.g. '%d/%m/%Y'."
    ),
    score_col: Optional[str] = typer.Option(None, "--score-col", help="Column with an NPS, CSAT or star score; parsed into voc_score."),
    score_scale: str = typer.Option("auto", "--score-scale", help="Scale of --score-col: auto, 0-10, 1-5, 1-10, 0-100 or good-bad (Zendesk satisfaction: good 1, bad 0)."),
    lang_col: Optional[str] = typer.Option(None, "--lang-col", help="Column with a language or locale hint (it, pl-PL, Polski)."),
    channel_col: Optional[str] = typer.Option(None, "--channel-col", help="With --store: column naming the channel (email, app, store), for volume by channel in reports."),
    language: Optional[str] = shared.LANGUAGE,
    pipeline: str = shared.PIPELINE,
    lexicons: Optional[str] = shared.LEXICONS,
    excel: bool = typer.Option(False, "--excel", help="CSV for Excel: UTF-8 with BOM and CRLF line ends."),
    formula_guard: bool = typer.Option(
        True, "--formula-guard/--no-formula-guard", help="Prefix text cells starting with = + - @ with ' (csv, tsv, xlsx)."
    ),
    batch_size: int = typer.Option(5000, "--batch-size", help="Rows read, analysed and written at a time."),
    jobs: Optional[int] = typer.Option(
        None, "--jobs", "-j", envvar="VOC_JOBS", show_envvar=True,
        help="Worker processes for the analysis (default: all cores; inputs of one batch run in-process).",
    ),
    store: Optional[str] = typer.Option(
        None, "--store", help="History store folder: analysed rows are appended (re-runs add nothing). Without -o no rows are printed."
    ),
    long: bool = typer.Option(False, "--long", help="One row per item and topic (topic, topic_label, topic_sentiment), for Power BI, Sheets and other BI tools."),
    label_language: str = typer.Option("en", "--label-language", help="With --long: language of topic_label (en, it, pl, ru)."),
    discover: bool = typer.Option(False, "--discover", help="Also discover themes (BERTopic): adds discovered_topic and discovered_topic_label."),
    seed: int = typer.Option(42, "--seed", help="With --discover: random seed (same input and seed, same topics)."),
    topic_model: Optional[str] = typer.Option(None, "--topic-model", help="With --discover: saved topic model folder, reused if present, else saved there."),
    update: bool = typer.Option(False, "--update", help="With --discover --topic-model: save the new themes found in the model."),
    week: Optional[str] = typer.Option(None, "--week", metavar="YYYY-Www", help="With --discover: ISO week of this run, for the topics' first_seen (default: this week)."),
    model: Optional[str] = shared.MODEL,
    quiet: bool = shared.QUIET,
    input_format: Optional[str] = shared.INPUT_FORMAT,
    encoding: Optional[str] = shared.ENCODING,
    delimiter: Optional[str] = shared.DELIMITER,
    sheet: Optional[str] = shared.SHEET,
    on_bad_lines: str = shared.ON_BAD_LINES,
) -> None:
    """Language, sentiment, topics and service/experience scope for every row of an export."""
    from voc.core.console import Console
    from voc.core.errors import VocError
    from voc.read import FieldSpec
    from voc.parallel import default_jobs
    from voc.run import AnalyzeRequest, analyze as run_analyze

    request = AnalyzeRequest(
        inputs=list(inputs),
        output=output,
        format=format,
        fields=FieldSpec(
            text=list(text_col),
            id=id_col,
            date=date_col,
            date_format=date_format,
            score=score_col,
            score_scale=score_scale,
            lang=lang_col,
            channel=channel_col,
        ),
        read=shared.read_options(input_format, encoding, delimiter, sheet, on_bad_lines),
        pipeline=pipeline,
        language=language,
        lexicons=lexicons,
        excel=excel,
        formula_guard=formula_guard,
        batch_size=batch_size,
        discover=discover,
        seed=seed,
        topic_model=topic_model,
        update=update,
        week=week,
        store=store,
        long=long,
        label_language=label_language,
        jobs=jobs if jobs is not None else default_jobs(),
        model=model,
    )
    try:
        run_analyze(request, Console(quiet=quiet))
    except KeyboardInterrupt:
        raise VocError("interrupted; no output file was written") from None
