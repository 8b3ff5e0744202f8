"""``juesuan score``: the JSON contract, text, XLSX, the template and fill, one-line errors."""

from __future__ import annotations

import json
from pathlib import Path

from openpyxl import load_workbook

from .test_cli import EXAMPLE, assert_one_line_error, run

FORM_KEYS = {"name", "stated_total", "recomputed_total", "stated_grade", "recomputed_grade",
             "indicators", "execution"}
ITEM_KEYS = {"name", "weight", "stated_score", "recomputed_score", "reason"}


def test_score_json_contract_on_reference(reference_path: Path) -> None:
    result = run("score", reference_path, "--format", "json", "--policy", "example-local")
    assert result.returncode == 0, result.stderr
    data = json.loads(result.stdout)
    assert data["schema_version"] == 1 and data["policy"] == "example-local"
    assert len(data["evaluations"]) == 64
    for ev in data["evaluations"]:
        assert set(ev) >= FORM_KEYS
        assert set(ev["execution"]) >= ITEM_KEYS
        for item in ev["indicators"]:
            assert set(item) >= ITEM_KEYS and item["reason"]
    by_name = {ev["name"]: ev for ev in data["evaluations"]}
    road = by_name["城区分局背街小巷洒水降尘服务费"]
    assert (road["stated_total"], road["recomputed_total"]) == ("92.5", "92.5")
    assert data["summary"]["forms"] == 64


def test_score_text_on_example() -> None:
    result = run("score", EXAMPLE)
    assert result.returncode == 0, result.stderr
    assert "重算" in result.stdout and "张自评表" in result.stdout


def test_score_xlsx_needs_output_and_writes(tmp_path: Path) -> None:
    assert_one_line_error(run("score", EXAMPLE, "--format", "xlsx"))
    out = tmp_path / "s.xlsx"
    result = run("score", EXAMPLE, "--format", "xlsx", "-o", out)
    assert result.returncode == 0, result.stderr
    assert load_workbook(out).sheetnames == ["评分汇总", "评分明细"]


def test_bad_policy_is_one_line_exit_2(tmp_path: Path) -> None:
    bad = tmp_path / "p.yaml"
    bad.write_text("name: x\nweights: {fund: 5}\n", encoding="utf-8")
    result = run("score", EXAMPLE, "--policy", bad)
    assert_one_line_error(result)
    assert "Y001" in result.stderr and "weights.fund" in result.stderr
    assert_one_line_error(run("score", EXAMPLE, "--policy", tmp_path / "none.yaml"))


def test_template_then_fill(tmp_path: Path) -> None:
    assert_one_line_error(run("score", "template"))
    template = tmp_path / "forms.xlsx"
    result = run("score", "template", "-o", template, "--projects", "3")
    assert result.returncode == 0, result.stderr
    assert len(load_workbook(template).sheetnames) == 3
    out = tmp_path / "scored.xlsx"
    result = run("score", template, "-o", out)
    assert result.returncode == 0, result.stderr
    assert out.is_file()
    assert_one_line_error(run("score", template))  # filling needs -o


def test_template_workbook_scores_as_json(tmp_path: Path) -> None:
    template = tmp_path / "forms.xlsx"
    assert run("score", "template", "-o", template).returncode == 0
    result = run("score", template, "--format", "json")
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout)["summary"]["forms"] == 1
