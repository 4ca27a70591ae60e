"""The README's links lead to files a user has: a clone, not the developers' workspace (issue 11)."""

from __future__ import annotations

import re

from tests.conftest import ROOT


def test_every_relative_link_in_the_readme_points_inside_the_repository():
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    links = [t for t in re.findall(r"\]\(([^)#\s]+)(?:#[^)]*)?\)", text) if "://" not in t]
    assert links, "the README links to its docs"
    for target in links:
        path = (ROOT / target).resolve()
        assert path.is_relative_to(ROOT), f"{target} is outside the repository"
        assert path.exists(), f"{target} does not exist"
