"""The built wheel carries lexicons/ and pipelines/ and works from any directory."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from tests.conftest import ROOT, sample


@pytest.fixture(scope="module")
def wheel(tmp_path_factory) -> Path:
    uv = shutil.which("uv")
    if uv is None:
        pytest.skip("uv is not on PATH")
    out = tmp_path_factory.mktemp("dist")
    subprocess.run([uv, "build", "--wheel", "--out-dir", str(out), str(ROOT)], check=True, capture_output=True)
    return next(out.glob("voc-*.whl"))


def test_wheel_contains_the_data(wheel):
    names = set(zipfile.ZipFile(wheel).namelist())
    assert "voc/_data/pipelines/default.toml" in names
    assert "voc/_data/lexicons/columns.toml" in names
    assert "voc/cli/__init__.py" in names


def test_installed_wheel_runs_from_another_directory(wheel, tmp_path):
    site = tmp_path / "site"
    zipfile.ZipFile(wheel).extractall(site)
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    env = {**os.environ, "PYTHONPATH": str(site)}
    result = subprocess.run(
        [sys.executable, "-c", "import voc.core.resources as r, sys; print(r.data_dir('pipelines')); sys.argv=['voc','analyze',sys.argv[1]]; from voc.cli import main; main()", str(sample("it_survey_nps.csv"))],
        cwd=elsewhere, env=env, capture_output=True, text=True,
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
    first, *rows = result.stdout.splitlines()
    assert first.startswith(str(site))  # data found inside the installed package, not the checkout
    assert len(rows) > 100
