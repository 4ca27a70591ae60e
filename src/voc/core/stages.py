"""The stage contract and the registry of stages.

A stage is one step of analysis over the working frame (see columns.py). Like a
scikit-learn estimator, its constructor only stores parameters; anything heavy
(models, lexicons) is loaded on first use into attributes ending in ``_``, so a
pipeline can be built and checked without loading anything. Like a spaCy
component, it is registered under a versioned name (``voc.language.lingua.v1``)
that pipeline files refer to, and it declares the columns it ``requires`` and
the ones it ``provides``, so a pipeline that cannot run fails before any data
is read.
"""

from __future__ import annotations

import importlib
from typing import Callable, ClassVar

import polars as pl

# Modules that define stages. They are imported only when a pipeline is built,
# and keep their heavy imports inside methods, so `voc --help` stays fast.
STAGE_MODULES = (
    "voc.clean.furniture",
    "voc.detect.language",
    "voc.analyse.nlp",
    "voc.analyse.sentiment",
    "voc.analyse.topics",
    "voc.tag.scope",
    "voc.tag.removed",
    "voc.signals.stage",
    "voc.dedupe.stage",
    "voc.learn.stage",
)

_REGISTRY: dict[str, type["Stage"]] = {}


class Stage:
    """Base class: subclasses set ``role``, ``requires``, ``provides`` and ``__call__``."""

    role: ClassVar[str]  # what the stage does, e.g. "language"; CLI overrides address roles
    registered_name: ClassVar[str] = ""
    requires: ClassVar[tuple[str, ...]] = ()
    optional: ClassVar[tuple[str, ...]] = ()  # read when present, not needed
    provides: ClassVar[tuple[str, ...]] = ()
    rewrites: ClassVar[tuple[str, ...]] = ()  # required columns it changes in place (the clean step rewrites text)
    # A stage that only makes sense with an optional input (the score check needs
    # --score-col) is skipped, not an error, when that input is absent.
    only_when_available: ClassVar[bool] = False
    # Parameters holding a path: a relative one in a pipeline file is read from the file's folder.
    path_params: ClassVar[tuple[str, ...]] = ()

    def __call__(self, frame: pl.DataFrame) -> pl.DataFrame:  # pragma: no cover - abstract
        raise NotImplementedError

    def warm(self) -> None:
        """Load what the stage loads on first use, now (a worker process does this while the main one reads)."""

    def reset(self) -> None:
        """Forget what earlier batches left behind (only a stage that remembers rows, such as duplicates, has any)."""

    def __getstate__(self) -> dict:
        # Loaded state (trailing underscore) is rebuilt in each worker process.
        return {k: v for k, v in self.__dict__.items() if not k.endswith("_")}

    def __repr__(self) -> str:
        params = ", ".join(f"{k}={v!r}" for k, v in self.__getstate__().items())
        return f"{type(self).__name__}({params})"


def register(name: str) -> Callable[[type[Stage]], type[Stage]]:
    """Class decorator: make a stage available to pipeline files under ``name``."""

    def decorate(cls: type[Stage]) -> type[Stage]:
        if name in _REGISTRY and _REGISTRY[name] is not cls:
            raise ValueError(f"stage name {name!r} is registered twice")
        cls.registered_name = name
        _REGISTRY[name] = cls
        return cls

    return decorate


def registered() -> dict[str, type[Stage]]:
    """All registered stages, by name."""
    for module in STAGE_MODULES:
        importlib.import_module(module)
    return dict(_REGISTRY)
