"""Defects found in review, each pinned by the input that showed it."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

from juesuan.audit import load_config, run_audit
from juesuan.parse import parse_document
from juesuan.read.text import document_from_text

EXAMPLE = Path(__file__).resolve().parents[2] / "examples" / "sample-2024-final-accounts.txt"


def audit_text(text: str) -> list[tuple[str, str]]:
    return [(f.code, f.message) for f in run_audit(parse_document(document_from_text(text, "t.txt")))]


def test_partial_grade_table_keeps_the_other_defaults(tmp_path: Path) -> None:
    cfg = tmp_path / "juesuan.toml"
    cfg.write_text('[grades]\n"优" = 95\n', encoding="utf-8")
    config = load_config(cfg)
    assert config.grade_for(Decimal(90)) == "良"
    assert config.grade_for(Decimal(95)) == "优"
    assert config.grade_for(Decimal(59)) == "差"


def test_every_missing_part_is_reported() -> None:
    codes = audit_text("第一部分 概况\n\n本部门负责全市生态环境工作。\n")
    assert sum(code == "C101" for code, _ in codes) == 3


def test_arabic_numbered_parts_are_read() -> None:
    text = EXAMPLE.read_text(encoding="utf-8").replace("第三部分 情况说明", "第3部分 情况说明")
    codes = {code for code, _ in audit_text(text)}
    assert {"N101", "N103"} <= codes and "C101" not in codes


def test_grade_in_words_is_read_and_judged() -> None:
    text = EXAMPLE.read_text(encoding="utf-8")
    disclosure = parse_document(document_from_text(text.replace("\t90\t良\n", "\t90\t良好\n"), "t.txt"))
    form = next(f for f in disclosure.evaluations if f.name == "不动产登记数据整合")
    assert form.grade is not None and form.grade.text == "良好"
    assert any(f.code == "F107" and f.stated == "良好" for f in run_audit(disclosure))
    ok = parse_document(document_from_text(text.replace("\t90\t良\n", "\t90\t优秀\n"), "t.txt"))
    assert not any(f.code in ("F107", "F108") and f.part == "附件/不动产登记数据整合" for f in run_audit(ok))


def test_amounts_in_yuan_are_converted_before_comparison() -> None:
    text = EXAMPLE.read_text(encoding="utf-8").replace("其他收入189.45万元", "其他收入1,894,500元")
    assert not any(code.startswith("N") and "其他收入" in message for code, message in audit_text(text))
