"""Pipelines: an ordered list of stages declared in a TOML file.

    [pipeline]
    description = "..."
    stages = ["language"]

    [stages.language]
    factory = "voc.language.lingua.v1"
    prior = 5.0                 # any constructor parameter; omitted ones keep defaults

``--pipeline NAME`` loads ``pipelines/NAME.toml`` shipped with voc; a path loads
the user's own file. Loading checks everything it can without data: known
factories, known parameters, and that each stage's required columns are
provided by the reader or an earlier stage.
"""

from __future__ import annotations

import copy
import difflib
import inspect
import tomllib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Iterable

import polars as pl

from voc.core.errors import PipelineError
from voc.core.resources import data_dir, pipeline_path
from voc.core.stages import Stage, registered


@dataclass
class Pipeline:
    name: str
    stages: list[Stage]
    description: str = ""
    source: str = ""
    settings: dict[str, Any] = field(default_factory=dict)

    def bind(self, available: Iterable[str]) -> "Pipeline":
        """The stages that can run on these input columns; fails before reading data if one cannot."""
        have = set(available)
        kept = []
        for stage in self.stages:
            missing = [c for c in stage.requires if c not in have]
            if missing and stage.only_when_available:
                continue
            if missing:
                raise PipelineError(
                    f"stage {stage.registered_name!r} needs column(s) {', '.join(missing)} "
                    "that no earlier stage provides: reorder the stages or add the one that provides them",
                    path=self.source,
                )
            have.update(stage.provides)
            kept.append(stage)
        return self._with(kept)

    def split(self, roles: Iterable[str]) -> tuple["Pipeline", "Pipeline"]:
        """(the leading stages whose role is in ``roles``, the rest): run one part here and the other elsewhere."""
        roles = set(roles)
        n = 0
        while n < len(self.stages) and self.stages[n].role in roles:
            n += 1
        return self._with(self.stages[:n]), self._with(self.stages[n:])

    def configured(self, **params: Any) -> "Pipeline":
        """A copy whose stages that take these parameters have them set; the others are shared."""
        stages = []
        for stage in self.stages:
            accepted = inspect.signature(type(stage).__init__).parameters
            if all(p in accepted for p in params):
                stage = copy.copy(stage)
                stage.__dict__.update(params)
            stages.append(stage)
        return self._with(stages)

    def _with(self, stages: list[Stage]) -> "Pipeline":
        return Pipeline(self.name, stages, self.description, self.source, self.settings)

    @property
    def provides(self) -> list[str]:
        out: list[str] = []
        for stage in self.stages:
            out.extend(c for c in stage.provides if c not in out)
        return out

    def __call__(self, frame: pl.DataFrame) -> pl.DataFrame:
        for stage in self.stages:
            frame = stage(frame)
        return frame


# Stages a command-line option adds to a pipeline that lacks them: role -> (factory,
# the roles it goes before). The learned model follows the lexicon stages it reads and
# the evidence of the clean step, and comes before the score check, which should
# compare the score with the final sentiment.
INSERTED = {"learned": ("voc.learned.v1", ("score_check",))}


def available_pipelines() -> list[str]:
    return sorted(p.stem for p in data_dir("pipelines").glob("*.toml"))


def load_pipeline(name_or_path: str, overrides: dict[str, dict[str, Any]] | None = None) -> Pipeline:
    """Build a pipeline from a shipped name or a TOML path.

    ``overrides`` are keyed by stage role ("language": {"force": "it"}); the key
    "*" gives parameters to every stage that accepts them ("lexicons"). Overrides
    for a role the file does not name add that stage where it belongs, if it is
    one of ``INSERTED`` (``--model`` adds the learned stage to any pipeline).
    """
    path, spec = read_spec(name_or_path)
    head = spec.get("pipeline", {})
    order = head.get("stages")
    if not isinstance(order, list) or not all(isinstance(s, str) for s in order):
        raise PipelineError("[pipeline] must have stages = [\"...\", ...]", path=path)
    configs = spec.get("stages", {})
    registry = registered()
    stages = [_build(name, configs.get(name), registry, overrides or {}, path) for name in order]
    for role, (factory, before) in INSERTED.items():
        if role in (overrides or {}) and all(s.role != role for s in stages):
            stage = _build(role, {"factory": factory}, registry, overrides or {}, path)
            at = next((i for i, s in enumerate(stages) if s.role in before), len(stages))
            stages.insert(at, stage)
    settings = {k: v for k, v in spec.items() if k not in ("pipeline", "stages")}
    return Pipeline(
        name=path.stem,
        stages=stages,
        description=head.get("description", ""),
        source=str(path),
        settings=settings,
    )


def read_spec(name_or_path: str) -> tuple[Path, dict[str, Any]]:
    """The parsed TOML of a shipped pipeline name or a path, and where it came from."""
    path = Path(name_or_path)
    if not (path.suffix == ".toml" or path.exists()):
        path = pipeline_path(name_or_path)
        if not path.exists():
            known = ", ".join(available_pipelines())
            raise PipelineError(f"unknown pipeline {name_or_path!r}: use one of {known} or a path to a .toml file")
    try:
        return path, tomllib.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise PipelineError("pipeline file not found: check the path", path=path) from None
    except tomllib.TOMLDecodeError as exc:
        raise PipelineError(f"not valid TOML ({exc}): fix the file", path=path) from None


def _build(name: str, config: Any, registry: dict[str, type[Stage]], overrides: dict, path: Path) -> Stage:
    if not isinstance(config, dict) or "factory" not in config:
        raise PipelineError(f"stage {name!r} needs a [stages.{name}] table with a factory", path=path)
    params = dict(config)
    factory = params.pop("factory")
    cls = registry.get(factory)
    if cls is None:
        close = difflib.get_close_matches(str(factory), registry, n=1)
        hint = f" (did you mean {close[0]!r}?)" if close else f"; known: {', '.join(sorted(registry))}"
        raise PipelineError(f"stage {name!r}: unknown factory {factory!r}{hint}", path=path)
    accepted = inspect.signature(cls.__init__).parameters
    params.update({k: v for k, v in overrides.get("*", {}).items() if k in accepted})
    for param in cls.path_params:
        if isinstance(params.get(param), str) and not Path(params[param]).is_absolute():
            params[param] = str(path.parent / params[param])
    params.update(overrides.get(cls.role, {}))
    unknown = [p for p in params if p not in accepted]
    if unknown:
        raise PipelineError(
            f"stage {name!r} ({factory}) has no parameter(s) {', '.join(unknown)}: "
            f"it takes {', '.join(p for p in accepted if p != 'self')}",
            path=path,
        )
    try:
        return cls(**params)
    except (TypeError, ValueError) as exc:
        raise PipelineError(f"stage {name!r} ({factory}): {exc}", path=path) from None
