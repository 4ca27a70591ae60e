"""The typer application and its root options (--version, --debug); every command module registers on it.

Apart from the package's __init__ so that a command module imports this, and
__init__ imports the command modules: no two modules import each other.
"""

from __future__ import annotations

import os

import typer

from voc import __version__

app = typer.Typer(
    name="voc",
    help=(
        "Voice-of-customer text mining for survey comments, reviews and tickets "
        "in Italian, Polish, Russian and English.\n\n"
        "Examples:\n\n"
        "  voc analyze export.csv -o results.xlsx\n\n"
        "  voc analyze - < export.csv | other-tool\n\n"
        "Run 'voc COMMAND --help' for a command's options and examples."
    ),
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,  # its tracebacks print local variables: customer text
    context_settings={"help_option_names": ["-h", "--help"]},
)

_state = {"debug": bool(os.environ.get("VOC_DEBUG"))}


def _version(value: bool) -> None:
    if value:
        typer.echo(f"voc {__version__}")
        raise typer.Exit()


@app.callback()
def _root(
    version: bool = typer.Option(False, "--version", callback=_version, is_eager=True, help="Show the version and exit."),
    debug: bool = typer.Option(False, "--debug", help="Show tracebacks on internal errors (they may quote your data)."),
) -> None:
    if debug:
        _state["debug"] = True
