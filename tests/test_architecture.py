"""The brief's rule for the tree: modules import downwards only, so no two modules import each other."""

from __future__ import annotations

import ast
from pathlib import Path

import voc

SRC = Path(voc.__file__).parent


def module_name(path: Path) -> str:
    parts = path.relative_to(SRC.parent).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def imports() -> dict[str, set[str]]:
    """Module -> the voc modules it imports anywhere (top level or inside a function)."""
    known = {module_name(p) for p in SRC.rglob("*.py")}
    out: dict[str, set[str]] = {}
    for path in SRC.rglob("*.py"):
        name = module_name(path)
        found = set()
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
                # "from voc.cli import options" imports the module voc.cli.options; "from voc.read
                # import open_inputs" imports the package voc.read itself.
                subs = [f"{node.module}.{a.name}" for a in node.names if f"{node.module}.{a.name}" in known]
                targets = subs + ([node.module] if len(subs) < len(node.names) else [])
            elif isinstance(node, ast.Import):
                targets = [a.name for a in node.names]
            else:
                continue
            found |= {t for t in targets if t in known and t != name}
        out[name] = found
    return out


def test_no_two_modules_import_each_other():
    graph = imports()
    pairs = sorted({tuple(sorted((a, b))) for a, targets in graph.items() for b in targets if a in graph.get(b, ())})
    assert pairs == []


def test_the_check_sees_imports_inside_functions():
    graph = imports()
    assert "voc.discover.assign" in graph["voc.run"]  # run.py imports it inside a function
    assert "voc.discover.assign" in graph["voc.topics"]
