"""Where voc's data files (lexicons/, pipelines/) are.

In a source checkout they sit at the repository's top level so they are easy to
review; a built wheel carries them as ``voc/_data/`` (see pyproject.toml). The
installed location is tried first so an installed voc never reads a stray
folder from the current directory.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path

_PACKAGE_DIR = Path(__file__).resolve().parent.parent


@cache
def data_dir(name: str) -> Path:
    """Return the folder of the data set ``name`` ("lexicons" or "pipelines")."""
    for candidate in (_PACKAGE_DIR / "_data" / name, _PACKAGE_DIR.parent.parent / name):
        if candidate.is_dir():
            return candidate
    raise FileNotFoundError(f"voc's {name}/ folder is missing from this installation: reinstall voc")


def lexicon_path(*parts: str) -> Path:
    return data_dir("lexicons").joinpath(*parts)


def pipeline_path(name: str) -> Path:
    return data_dir("pipelines") / f"{name}.toml"
