"""The layout shows the architecture: read → parse → audit/score → report, render on the side, the
CLI on top. A module may import only the layers its path allows (imports inside functions too)."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

SRC = Path(__file__).resolve().parents[1] / "src" / "juesuan"
ALLOWED: dict[str, set[str]] = {
    "model": {"model"},
    "read": {"model", "read"},
    "parse": {"model", "read", "parse"},
    "audit": {"model", "read", "parse", "audit", "score"},
    "score": {"model", "read", "parse", "score"},
    "render": {"model", "read", "render"},
    "report": {"model", "read", "parse", "audit", "score", "report"},
    "web": {"model", "read", "parse", "audit", "score", "report", "web"},
    "warehouse": {"model", "read", "parse", "audit", "score", "report", "warehouse"},
    "batch": {"model", "read", "parse", "audit", "score", "report", "warehouse", "batch"},
    "synth": {"model", "read", "parse", "render", "synth"},
}


def _imported_layers(path: Path) -> set[str]:
    layers: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            names = [a.name for a in node.names]
        elif isinstance(node, ast.ImportFrom) and node.level > 0:
            raise AssertionError(f"{path}: relative import; juesuan imports by absolute name")
        elif isinstance(node, ast.ImportFrom) and node.module == "juesuan":
            names = [f"juesuan.{a.name}" for a in node.names]  # from juesuan import audit
        elif isinstance(node, ast.ImportFrom):
            names = [node.module or ""]
        else:
            continue
        layers |= {n.split(".")[1] for n in names if n.startswith("juesuan.")}
    return layers


@pytest.mark.parametrize("layer", sorted(ALLOWED))
def test_layer_imports_only_what_its_path_allows(layer: str) -> None:
    for path in sorted((SRC / layer).rglob("*.py")):
        extra = _imported_layers(path) - ALLOWED[layer]
        assert not extra, f"{path.relative_to(SRC)} imports {sorted(extra)}"
