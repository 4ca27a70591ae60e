"""Shared fixtures: the sample exports and an in-process `voc` runner."""

from __future__ import annotations

import io
import os
import sys
from dataclasses import dataclass
from pathlib import Path

import polars as pl
import pytest

# In-process runs share loaded models across tests; worker processes would load them again for every
# test that reads more than one batch. Tests that are about --jobs pass it explicitly.
os.environ.setdefault("VOC_JOBS", "1")

ROOT = Path(__file__).resolve().parent.parent
SAMPLES = ROOT / "sample_data"


@dataclass
class Result:
    code: int
    stdout: bytes
    stderr: str

    def frame(self) -> pl.DataFrame:
        return pl.read_csv(io.BytesIO(self.stdout), infer_schema=False)


@pytest.fixture
def voc(monkeypatch, capsysbinary):
    """Run the CLI in this process: voc("analyze", "x.csv", stdin=b"...") -> Result."""
    from voc.cli import run

    def invoke(*args: str, stdin: bytes | None = None) -> Result:
        if stdin is not None:
            fake = io.TextIOWrapper(io.BytesIO(stdin))
            monkeypatch.setattr(sys, "stdin", fake)
        code = run([str(a) for a in args])
        out, err = capsysbinary.readouterr()
        return Result(code, out, err.decode("utf-8", "replace"))

    return invoke


@pytest.fixture
def write(tmp_path):
    """write("name.csv", text_or_bytes, encoding="utf-8") -> Path in a private folder."""

    def make(name: str, content: str | bytes, encoding: str = "utf-8") -> Path:
        path = tmp_path / name
        path.write_bytes(content if isinstance(content, bytes) else content.encode(encoding))
        return path

    return make


def sample(name: str) -> Path:
    return SAMPLES / name


def pytest_sessionfinish(session, exitstatus) -> None:  # noqa: ANN001
    """In CI (CI=true, as .ci/run runs) a skipped test fails the run: .ci/run installs what every test
    needs, so a skip there means a test the README promises did not run. Elsewhere a test may skip
    where the README says it will (no Chromium, no Java or no spark extra)."""
    if os.environ.get("CI", "").lower() not in ("true", "1") or exitstatus != 0:
        return
    reporter = session.config.pluginmanager.get_plugin("terminalreporter")
    skipped = reporter.stats.get("skipped", []) if reporter is not None else []
    if skipped:
        reasons = sorted({str(r.longrepr[2]) if isinstance(r.longrepr, tuple) else str(r.longrepr) for r in skipped})
        reporter.ensure_newline()
        reporter.write_line(f"CI: {len(skipped)} test(s) skipped, and nothing may skip in CI: {'; '.join(reasons)}", red=True)
        session.exitstatus = 1
