"""The command line as users' scripts see it: output contracts, exit codes, one-line errors."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from juesuan.audit.finding import Finding

ROOT = Path(__file__).resolve().parents[2]
EXAMPLE = ROOT / "examples" / "sample-2024-final-accounts.txt"

EVALUATION_KEYS = {
    "name", "department_code", "unit_code", "unit_name", "declared_budget", "initial_budget",
    "annual_budget", "executed", "balance", "execution_rate", "budget_score", "total_score",
    "grade", "line", "indicators", "amounts_derived_from",
}
INDICATOR_KEYS = {"level1", "level2", "name", "initial_target", "adjusted_target", "actual",
                  "weight", "score", "deviation_reason"}


def run(*args: str | Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "juesuan", *map(str, args)],
                          capture_output=True, text=True, encoding="utf-8", timeout=120,
                          check=False)


def assert_one_line_error(result: subprocess.CompletedProcess[str], code: int = 2) -> None:
    assert result.returncode == code, result.stderr
    assert "Traceback" not in result.stderr
    lines = [ln for ln in result.stderr.splitlines() if ln.strip()]
    assert len(lines) == 1, result.stderr
    assert "error" in lines[0] and "错误" in lines[0]


def test_extract_json_contract_on_reference(reference_path: Path) -> None:
    result = run("extract", reference_path)
    assert result.returncode == 0, result.stderr
    data = json.loads(result.stdout)
    assert len(data["evaluations"]) == 64
    for ev in data["evaluations"]:
        assert set(ev) >= EVALUATION_KEYS
        for ind in ev["indicators"]:
            assert set(ind) >= INDICATOR_KEYS
        for key in ("declared_budget", "initial_budget", "annual_budget", "executed", "balance",
                    "execution_rate", "budget_score", "total_score"):
            assert ev[key] is None or (isinstance(ev[key], str) and "," not in ev[key])
    by_name = {ev["name"]: ev for ev in data["evaluations"]}
    road = by_name["道路清扫保洁能力提升项目"]
    assert (road["initial_budget"], road["annual_budget"], road["grade"]) == ("1090", "0", "中")
    assert road["amounts_derived_from"] is None
    # A form whose 资金总额 row was lost: its amounts are its only source row's, marked as such.
    lost = by_name["污染源监控系统运行费"]
    assert (lost["initial_budget"], lost["executed"], lost["amounts_derived_from"]) == (
        "185.78", "184.043", "fund_source")
    assert sum(ev["amounts_derived_from"] == "fund_source" for ev in data["evaluations"]) == 9
    assert all(ev["initial_budget"] is not None for ev in data["evaluations"])
    assert data["figures"] and {"value", "unit", "label", "line"} <= set(data["figures"][0])


def test_extract_xlsx_has_chinese_sheets(tmp_path: Path, reference_path: Path) -> None:
    from openpyxl import load_workbook

    out = tmp_path / "out.xlsx"
    result = run("extract", reference_path, "--format", "xlsx", "-o", out)
    assert result.returncode == 0, result.stderr
    wb = load_workbook(out, read_only=True)
    assert wb.sheetnames == ["自评表", "绩效指标", "说明数字"]
    forms = list(wb["自评表"].iter_rows(values_only=True))
    assert forms[0][0] == "项目名称" and "全年预算数（万元）" in forms[0]
    assert len(forms) == 65


def test_extract_csv(reference_path: Path) -> None:
    result = run("extract", reference_path, "--format", "csv", "--table", "indicators")
    assert result.returncode == 0, result.stderr
    header = result.stdout.lstrip("\ufeff").splitlines()[0]
    assert header.startswith("evaluation,evaluation_line,level1,level2,name")


def test_audit_example_exits_1_and_quotes_source() -> None:
    result = run("audit", EXAMPLE, "--format", "json")
    assert result.returncode == 1, result.stderr
    data = json.loads(result.stdout)
    assert data["summary"]["errors"] >= 1
    lines = EXAMPLE.read_text(encoding="utf-8").split("\n")
    for f in data["findings"]:
        assert {"code", "severity", "message", "line", "quote", "stated", "expected"} <= set(f)
        if f["line"]:  # a form cell is quoted with its row's label (``总分 … 良``)
            assert Finding.model_validate({**f, "message_en": ""}).quoted_on(lines[f["line"] - 1])


def test_audit_text_sarif_and_english() -> None:
    text = run("audit", EXAMPLE, "--lang", "en")
    assert text.returncode == 1 and "errors" in text.stdout
    sarif = json.loads(run("audit", EXAMPLE, "--format", "sarif").stdout)
    assert sarif["version"] == "2.1.0" and sarif["runs"][0]["results"]


def test_baseline_hides_accepted_findings(tmp_path: Path) -> None:
    base = tmp_path / "baseline.json"
    first = run("audit", EXAMPLE, "--write-baseline", base)
    assert first.returncode == 1
    again = run("audit", EXAMPLE, "--baseline", base, "--format", "json")
    assert again.returncode == 0, again.stdout
    data = json.loads(again.stdout)
    assert data["findings"] == [] and data["summary"]["hidden_by_baseline"] > 0


def test_config_selects_and_rejects_unknown_rules(tmp_path: Path) -> None:
    cfg = tmp_path / "juesuan.toml"
    cfg.write_text('[audit]\nselect = ["C"]\n', encoding="utf-8")
    data = json.loads(run("audit", EXAMPLE, "--config", cfg, "--format", "json").stdout)
    assert all(f["code"].startswith("C") for f in data["findings"])
    cfg.write_text('[audit]\nignore = ["Z999"]\n', encoding="utf-8")
    assert_one_line_error(run("audit", EXAMPLE, "--config", cfg))
    cfg.write_text('[audit\n', encoding="utf-8")
    assert_one_line_error(run("audit", EXAMPLE, "--config", cfg))


def test_rules_listing_and_detail() -> None:
    listing = run("rules")
    assert listing.returncode == 0 and "F107" in listing.stdout
    detail = run("rules", "forms.grade")
    assert detail.returncode == 0 and "F107" in detail.stdout
    assert_one_line_error(run("rules", "X999"))


@pytest.mark.parametrize(
    ("content", "code"),
    [
        (b"", "R001"),
        (b"\x00\x01\x02binary\x00" * 50, "R002"),
        ("这是一段普通的文字，不是决算公开。\n".encode("gb18030"), "P001"),
    ],
)
def test_bad_input_exits_2_with_one_line(tmp_path: Path, content: bytes, code: str) -> None:
    path = tmp_path / "input.txt"
    path.write_bytes(content)
    result = run("extract", path)
    assert_one_line_error(result)
    assert code in result.stderr


def test_gbk_disclosure_is_read(tmp_path: Path) -> None:
    path = tmp_path / "gbk.txt"
    path.write_bytes(EXAMPLE.read_text(encoding="utf-8").encode("gb18030"))
    result = run("extract", path)
    assert result.returncode == 0, result.stderr
    assert len(json.loads(result.stdout)["evaluations"]) == 3


def test_missing_file_and_unsupported_format(tmp_path: Path) -> None:
    assert_one_line_error(run("extract", tmp_path / "missing.txt"))
    pdf = tmp_path / "x.pdf"
    pdf.write_bytes(b"%PDF-1.7")
    assert_one_line_error(run("extract", pdf))


def test_cli_start_up_does_not_import_pandas() -> None:
    code = ("import sys, juesuan.cli, juesuan.report.tables, juesuan.report.json; "
            "sys.exit('pandas' in sys.modules)")
    assert subprocess.run([sys.executable, "-c", code], check=False).returncode == 0


@pytest.mark.parametrize(
    "args",
    [("audit",), ("audit", str(EXAMPLE), "--format", "yaml"), ("audit", str(EXAMPLE), "--lang", "fr"),
     ("extract", str(EXAMPLE), "--table", "nope"), ("extract", str(EXAMPLE), "--bogus")],
)
def test_usage_errors_are_one_bilingual_line(args: tuple[str, ...]) -> None:
    result = run(*args)
    assert_one_line_error(result)
    assert "U002" in result.stderr


def test_bare_command_shows_help() -> None:
    result = run()
    assert result.returncode == 0 and "Usage" in result.stdout
