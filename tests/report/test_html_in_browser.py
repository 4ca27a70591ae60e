"""The HTML report in a real browser, offline: headless Chromium renders it with its charts.

Skipped where Chromium is not installed (`apt-get install chromium`). The
network stays off for the browser (the page's own policy forbids fetching
anything), so the charts can only show if they are embedded.
"""

from __future__ import annotations

import shutil
import subprocess

import pytest

from tests.report.test_report import BILLING, fill, history, report

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser") or shutil.which("google-chrome")


@pytest.mark.skipif(CHROMIUM is None, reason="no Chromium on this machine")
def test_the_report_renders_with_its_charts_in_headless_chromium(voc, tmp_path):
    from matplotlib.image import imread

    fill(tmp_path / "store", history(BILLING))
    assert report(voc, tmp_path).code == 0
    shot = tmp_path / "shot.png"
    flags = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
             "--disable-component-update", "--disable-sync", "--hide-scrollbars", f"--user-data-dir={tmp_path / 'profile'}",
             "--window-size=1000,3000", f"--screenshot={shot}"]  # fmt: skip
    subprocess.run([CHROMIUM, *flags, (tmp_path / "out/summary.html").as_uri()], capture_output=True, timeout=120, check=True)
    pixels = imread(shot)[:, :, :3]
    # The bars of the charts are drawn in the report's red and green; text and tables never use them.
    red = ((abs(pixels[:, :, 0] - 0xC8 / 255) < 0.04) & (abs(pixels[:, :, 1] - 0x45 / 255) < 0.04)).sum()
    green = ((abs(pixels[:, :, 0] - 0x3F / 255) < 0.04) & (abs(pixels[:, :, 1] - 0x8F / 255) < 0.04)).sum()
    assert red > 2000 and green > 2000, (red, green)
