"""The bundled example is rebuilt from the reference by examples/jincheng-eeb-2024/build.py: check
that the committed data.yaml is what the script makes, and that its reconciliation of the forms is
what makes the rendering audit clean (the reference's forms as printed do not)."""

from __future__ import annotations

import importlib.util
from collections import Counter
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest
import yaml

from juesuan.audit import run_audit
from juesuan.parse import parse_document
from juesuan.read.text import document_from_text
from juesuan.render import render_text
from juesuan.render.data import validate

EXAMPLE_DIR = Path(__file__).resolve().parents[2] / "examples" / "jincheng-eeb-2024"


@pytest.fixture(scope="module")
def build_module() -> ModuleType:
    spec = importlib.util.spec_from_file_location("jincheng_build", EXAMPLE_DIR / "build.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="module")
def as_printed(build_module: ModuleType, reference_path: Path) -> dict[str, Any]:
    data: dict[str, Any] = build_module.build(reference_path)
    return data


def _codes(data: dict[str, Any]) -> Counter[str]:
    text = render_text(validate(data))
    return Counter(f.code for f in run_audit(parse_document(document_from_text(text))))


def test_forms_as_printed_carry_the_reference_problems(as_printed: dict[str, Any]) -> None:
    codes = _codes(as_printed)
    # The preparer's own: weights short of 90 (12 forms), blank actual/target cells, two units
    # sharing codes, an analysis quoting another execution rate.
    assert codes["F105"] == 12 and codes["I101"] == 2 and codes["I102"] == 2 and codes["F110"] == 1
    assert codes["F111"] == 15
    # Operators the export mangled (W85%, ≠241家) and analysis rates on the 预算编制数 base.
    assert codes["F113"] == 7 and codes["F112"] == 10
    # Totals and grades are computed by the renderer, so F106/F107 never appear.
    assert codes["F106"] == 0 and codes["F107"] == 0


def test_reconciled_forms_render_clean_and_match_data_yaml(
        build_module: ModuleType, reference_path: Path) -> None:
    import juesuan

    data = build_module.build(reference_path)
    changes = build_module.reconciled(data, juesuan.read(reference_path).evaluations)
    assert Counter(c.rule for c in changes) == {"A": 11, "U": 6, "W": 12, "C": 4, "E": 4, "B": 2, "S": 1,
                                                     "O": 19, "R": 10}
    assert all(c.evidence for c in changes)
    assert _codes(data) == Counter()
    committed = yaml.safe_load((EXAMPLE_DIR / "data.yaml").read_text(encoding="utf-8"))
    assert committed == yaml.safe_load(yaml.safe_dump(data, allow_unicode=True)), \
        "data.yaml is stale: run examples/jincheng-eeb-2024/build.py"
    assert (EXAMPLE_DIR / "corrections.md").read_text(encoding="utf-8") == build_module.corrections_markdown(changes)
