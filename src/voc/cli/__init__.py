"""The command line: a thin typer layer over voc.run and friends.

Commands parse options, call one function, and map errors to exit statuses:
0 success, 2 usage or input error, 1 any other failure. Tracebacks are not
shown unless asked for (--debug or VOC_DEBUG=1), because exception messages
can quote customer text.
"""

from __future__ import annotations

import os
import signal
import sys
import traceback

import typer

from voc.core.errors import VocError
from voc.cli.root import _state, app

# Each command module registers itself on app.
from voc.cli import analyze as _analyze  # noqa: F401
from voc.cli import evaluate as _evaluate  # noqa: F401
from voc.cli import topics as _topics  # noqa: F401
from voc.cli import report as _report  # noqa: F401
from voc.cli import sample as _sample  # noqa: F401
from voc.cli import learn as _learn  # noqa: F401


def run(argv: list[str] | None = None) -> int:
    """Run the CLI and return its exit status instead of exiting."""
    previous = signal.signal(signal.SIGTERM, _interrupt) if _main_thread() else None
    try:
        status = app(args=argv, prog_name="voc", standalone_mode=False)
        return status if isinstance(status, int) else 0
    except SystemExit as exc:
        return exc.code if isinstance(exc.code, int) else (0 if exc.code is None else 1)
    except typer.Exit as exc:
        return exc.exit_code
    except typer.TyperException as exc:
        # Usage errors in one line, like every other error: cron mail and log greps read one line.
        ctx = getattr(exc, "ctx", None)
        command = f"voc {ctx.info_name} --help" if ctx is not None and ctx.parent is not None else "voc --help"
        if exc.format_message():  # empty when the help was shown instead (bare `voc`)
            print(f"voc: error: {exc.format_message()} (see '{command}')", file=sys.stderr)
        return exc.exit_code
    except typer.Abort:
        print("voc: interrupted; no output file was written", file=sys.stderr)
        return 1
    except VocError as exc:
        print(f"voc: error: {exc}", file=sys.stderr)
        return exc.exit_code
    except KeyboardInterrupt:
        print("voc: interrupted; no output file was written", file=sys.stderr)
        return 1
    except BrokenPipeError:
        # The reader of our output went away (`voc analyze x.csv | head`): not an error of ours.
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        return 1
    except Exception as exc:  # noqa: BLE001 - the last line of defence
        if _state["debug"]:
            traceback.print_exc()
        else:
            where = traceback.extract_tb(exc.__traceback__)[-1]
            print(
                f"voc: internal error: {type(exc).__name__} in {os.path.basename(where.filename)}:{where.lineno}; "
                "rerun with --debug to see the traceback (it may show your data), and report it",
                file=sys.stderr,
            )
        return 1
    finally:
        if previous is not None:
            signal.signal(signal.SIGTERM, previous)


def main() -> None:
    sys.exit(run())


def _interrupt(signum, frame) -> None:  # noqa: ANN001
    raise KeyboardInterrupt


def _main_thread() -> bool:
    import threading

    return threading.current_thread() is threading.main_thread()
