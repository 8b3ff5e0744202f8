"""What a reviewer sees: pages for paged input in every output, the audit workbook (and a baseline
made from it), one line after every ``-o``, standard input, ``rules`` when piped, progress, help
without the heavy imports, and wholly bilingual messages."""

from __future__ import annotations

import io
import json
import subprocess
import sys
from decimal import Decimal
from pathlib import Path

import pytest
from rich.console import Console

from juesuan.audit.registry import all_rules
from juesuan.cli.progress import Progress
from juesuan.report.review import readable_expected

from .test_cli import EXAMPLE, assert_one_line_error, run

ROOT = Path(__file__).resolve().parents[2]
REAL_PDF = ROOT.parent / "shared" / "corpus" / "real" / "shanghai-putuo-guihuaziyuanju-2024-final-accounts.pdf"


@pytest.fixture(scope="module")
def real_pdf() -> Path:
    if not REAL_PDF.is_file():
        pytest.skip(f"real PDF not found at {REAL_PDF} (../shared/corpus is absent)")
    return REAL_PDF


# ------------------------------------------------------------------------------------------------ pages


def test_pdf_audit_gives_pages_in_text_sarif_and_xlsx(real_pdf: Path, tmp_path: Path) -> None:
    from openpyxl import load_workbook

    payload = json.loads(run("audit", real_pdf, "--format", "json").stdout)
    findings = payload["findings"]
    assert findings and all(f["page"] for f in findings)

    text = run("audit", real_pdf).stdout
    first = findings[0]
    assert f"{real_pdf} 第{first['page']}页（行{first['line']}）" in text
    assert f"{real_pdf}:{first['line']}" not in text  # no bare internal line number
    english = run("audit", real_pdf, "--lang", "en").stdout
    assert f"{real_pdf} p.{first['page']} (line {first['line']})" in english

    sarif = json.loads(run("audit", real_pdf, "--format", "sarif").stdout)
    results = sarif["runs"][0]["results"]
    assert len(results) == len(findings)
    for result, f in zip(results, findings, strict=True):
        location = result["locations"][0]
        assert location["physicalLocation"]["region"]["properties"]["page"] == f["page"]
        assert location["message"]["text"] == f"第{f['page']}页 / page {f['page']}"
        assert result["message"]["text"].endswith(f"（第{f['page']}页）")

    book = tmp_path / "findings.xlsx"
    assert run("audit", real_pdf, "--format", "xlsx", "-o", book).returncode == 1
    sheet = load_workbook(book)["审核发现"]
    header = [c.value for c in sheet[1]]
    pages = [row[header.index("页")] for row in sheet.iter_rows(min_row=2, values_only=True)]
    assert sorted(pages) == sorted(f["page"] for f in findings)


def test_pdf_extract_gives_pages(real_pdf: Path) -> None:
    payload = json.loads(run("extract", real_pdf).stdout)
    assert payload["sections"] and all(s["page"] for s in payload["sections"])
    assert payload["tables"] and all(t["page"] and all(r["page"] for r in t["rows"]) for t in payload["tables"])
    csv_text = run("extract", real_pdf, "--format", "csv", "--table", "tables").stdout
    assert csv_text.splitlines()[0].endswith(",line,page")  # a column added at the end


def test_text_input_keeps_file_and_line(tmp_path: Path) -> None:
    out = run("audit", EXAMPLE).stdout
    assert f"{EXAMPLE}:168" in out and "第" not in out.split(f"{EXAMPLE}:168")[1].split("\n")[0][:6]


# ------------------------------------------------------------------------------------------------ workbook


def test_audit_workbook_is_one_a_reviewer_works_in(tmp_path: Path) -> None:
    from openpyxl import load_workbook

    book_path = tmp_path / "findings.xlsx"
    result = run("audit", EXAMPLE, "--format", "xlsx", "-o", book_path)
    assert result.returncode == 1
    assert result.stderr.strip() == f"已写入 / written: {book_path}"
    book = load_workbook(book_path)
    assert book.sheetnames == ["汇总", "审核发现"]

    summary = [[c for c in row if c is not None] for row in book["汇总"].iter_rows(values_only=True)]
    assert ["错误", 2] in summary and ["警告", 2] in summary and ["提示", 0] in summary
    assert ["F107", "forms.grade", "错误", 1, "等级应与总分对应（优≥90，良≥80，中≥60，否则差）"] in summary
    assert ["附件/不动产登记数据整合", 1, 0, 0, 1] in summary  # by form

    sheet = book["审核发现"]
    header = [c.value for c in sheet[1]]
    assert header[:10] == ["级别", "规则", "规则名称", "位置", "页", "行", "问题说明", "原文", "填报值", "应为"]
    assert {"审核意见", "指纹"} <= set(header)
    assert sheet.freeze_panes == "C2" and sheet.auto_filter.ref.startswith("A1:")
    rows = {row[1]: row for row in sheet.iter_rows(min_row=2, values_only=True)}
    assert rows["N103"][header.index("应为")] == "92.48–92.49%"  # not [92.4845, 92.4853]%
    assert rows["N101"][header.index("应为")] == "≤ 580.01"
    assert rows["F107"][header.index("原文")] == "总分 … 良"  # the row's label with the cell
    fills = {sheet.cell(r, 1).value: sheet.cell(r, 1).fill.fgColor.rgb for r in range(2, sheet.max_row + 1)}
    assert fills["错误"].endswith("FFC7CE") and fills["警告"].endswith("FFEB9C")
    message = header.index("问题说明") + 1
    assert sheet.cell(2, message).alignment.wrap_text
    widths = {c: sheet.column_dimensions[sheet.cell(1, c).column_letter].width for c in range(1, len(header) + 1)}
    assert widths[message] > 40 and widths[header.index("页") + 1] < 10  # fitted, not all 10 wide
    decision = header.index("审核意见") + 1
    validations = sheet.data_validations.dataValidation
    assert any(sheet.cell(2, decision).coordinate in v.sqref and "接受" in (v.formula1 or "") for v in validations)

    # A reviewed workbook is a baseline: 接受 / 误报 findings are no longer shown.
    for r in range(2, sheet.max_row + 1):
        if sheet.cell(r, 2).value in ("N101", "C105"):
            sheet.cell(r, decision).value = "接受" if sheet.cell(r, 2).value == "N101" else "误报"
        if sheet.cell(r, 2).value == "F107":
            sheet.cell(r, decision).value = "需整改"
    book.save(book_path)
    again = json.loads(run("audit", EXAMPLE, "--format", "json", "--baseline", book_path).stdout)
    assert sorted(f["code"] for f in again["findings"]) == ["F107", "N103"]
    assert again["summary"]["hidden_by_baseline"] == 2


def test_a_workbook_without_the_findings_sheet_is_a_bad_baseline(tmp_path: Path) -> None:
    from openpyxl import Workbook

    path = tmp_path / "other.xlsx"
    Workbook().save(path)
    result = run("audit", EXAMPLE, "--baseline", path)
    assert_one_line_error(result)
    assert "B002" in result.stderr and "审核发现" in result.stderr


@pytest.mark.parametrize(("expected", "stated", "shown"), [
    ("[15055.9855, 15089.7465]", "15,100.00", "15,055.99–15,089.75"),
    ("[15055.9855, 15089.7465]", "15,200", "15,056–15,090"),
    ("[92.4845, 92.4853]%", "92.94%", "92.48–92.49%"),
    ("[47549.825, 47549.835]", "47,549.84", "47,549.825–47,549.835"),  # rounded it would take in 47,549.84
    ("≤ 580.005", "610.00", "≤ 580.01"),
    ("12345.6", "12,000.0", Decimal("12345.6")),
    ("中", "良", "中"),
    (None, "1", None),
])
def test_expected_values_read_as_numbers_or_ranges(expected: str | None, stated: str, shown: object) -> None:
    assert readable_expected(expected, stated) == shown


# ------------------------------------------------------------------------------------------------ CLI lines


def test_one_line_after_every_output_and_quiet(tmp_path: Path) -> None:
    for args in (("extract", EXAMPLE), ("extract", EXAMPLE, "--format", "csv"), ("audit", EXAMPLE),
                 ("audit", EXAMPLE, "--format", "json"), ("audit", EXAMPLE, "--format", "sarif")):
        out = tmp_path / "out.dat"
        result = run(*args, "-o", out)
        assert result.stderr.strip() == f"已写入 / written: {out}", args
        assert out.stat().st_size > 0 and not result.stdout
        quiet = run(*args, "-o", out, "--quiet")
        assert quiet.stderr == "", args
    baseline = tmp_path / "accepted.json"
    result = run("audit", EXAMPLE, "--write-baseline", baseline)
    assert f"已写入基线 / baseline written: {baseline}" in result.stderr


def test_standard_input(tmp_path: Path) -> None:
    result = subprocess.run([sys.executable, "-m", "juesuan", "audit", "-", "--format", "json"],
                            input=EXAMPLE.read_bytes(), capture_output=True, timeout=120, check=False)
    assert result.returncode == 1, result.stderr
    payload = json.loads(result.stdout)
    assert payload["source"] == "<stdin>" and payload["summary"]["errors"] == 2
    empty = subprocess.run([sys.executable, "-m", "juesuan", "audit", "-"], input=b"", capture_output=True,
                           text=False, timeout=120, check=False)
    assert empty.returncode == 2 and b"R001" in empty.stderr and b"<stdin>" in empty.stderr


def test_rules_piped_are_whole_lines() -> None:
    result = run("rules")
    lines = result.stdout.splitlines()
    assert lines[0].split("\t") == ["code", "name", "family", "severity", "summary"]
    rules = all_rules()
    assert len(lines) == len(rules) + 1
    for line, rule in zip(lines[1:], rules, strict=True):
        code, name, _, _, summary = line.split("\t")
        assert (code, name, summary) == (rule.code, rule.name, rule.summary)  # nothing cut at 80 columns


def test_validation_messages_are_wholly_bilingual(tmp_path: Path) -> None:
    data = tmp_path / "bad.yaml"
    data.write_text("department: 某局\nyear: 2024\nexpenditure:\n  - {code: '12', name: x}\n", encoding="utf-8")
    result = run("render", data, "-o", tmp_path / "out.txt")
    assert_one_line_error(result)
    chinese = result.stderr.split(" / error:")[0]
    assert "D003" in chinese and "Value error" not in chinese and "function code" not in chinese
    config = tmp_path / "juesuan.toml"
    config.write_text("[forms]\nfund_weight = 'ten'\n", encoding="utf-8")
    result = run("audit", EXAMPLE, "--config", config)
    assert_one_line_error(result)
    chinese = result.stderr.split(" / error:")[0]
    assert "K005" in chinese and "应为数字" in chinese and "Input should" not in chinese


# ------------------------------------------------------------------------------------------------ progress


def test_progress_shows_on_a_terminal_only() -> None:
    terminal = Console(file=io.StringIO(), force_terminal=True, width=100)
    with Progress(terminal, delay=0) as progress:
        pages = progress.task("读取 / reading report.pdf")
        for page in range(1, 4):
            pages(page, 3)
    assert progress.enabled and "reading report.pdf" in terminal.file.getvalue()  # type: ignore[attr-defined]
    for console, quiet in ((Console(file=io.StringIO(), force_terminal=False), False),
                           (Console(file=io.StringIO(), force_terminal=True), True)):
        with Progress(console, quiet=quiet, delay=0) as progress:
            progress.task("读取 / reading", total=2)(1, 2)
        assert not progress.enabled and console.file.getvalue() == ""  # type: ignore[attr-defined]


def test_pdf_reader_reports_each_page(real_pdf: Path) -> None:
    from juesuan.read import read_document

    seen: list[tuple[int, int]] = []
    read_document(real_pdf, progress=lambda done, total: seen.append((done, total)))
    total = seen[-1][1]
    assert seen == [(n, total) for n in range(total + 1)]


# ------------------------------------------------------------------------------------------------ start-up


def test_help_needs_neither_typer_nor_the_model() -> None:
    code = ("import sys; sys.argv = ['juesuan', '--help']; import juesuan.cli\n"
            "try:\n    juesuan.cli.main()\nexcept SystemExit:\n    pass\n"
            "print(sorted(m for m in ('typer', 'rich', 'pydantic', 'juesuan.model') if m in sys.modules))")
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60, check=False)
    assert result.stdout.strip().endswith("[]"), result.stdout
    assert "Usage: juesuan" in result.stdout


def test_fast_help_lists_the_typer_commands_with_their_help() -> None:
    from juesuan.cli import COMMANDS, app

    registered = {c.name: c.help for c in app.registered_commands}
    assert registered == dict(COMMANDS)
    help_text = run("--help").stdout
    assert all(f"  {name}" in help_text and text in help_text for name, text in COMMANDS)
    assert run("--version").stdout.startswith("juesuan ")
