"""Hygiene rules (H1xx) on real wording: the blank Shanghai template, the Putuo 2024 disclosures,
the 2026 budget's doubled full stop and the reference with its years edited."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import pytest

from juesuan.audit import AuditConfig, Finding, run_audit
from juesuan.audit.rules.hygiene import (
    doubled_punctuation,
    instructions,
    placeholders,
    year_mismatches,
)
from juesuan.model.disclosure import Disclosure
from juesuan.parse import parse_document
from juesuan.read.text import document_from_text

REAL = Path(__file__).resolve().parents[2].parent / "shared" / "corpus" / "real"
HYGIENE = AuditConfig(select=["H"])


def _audit_text(text: str) -> list[Finding]:
    return run_audit(parse_document(document_from_text(text, "t.txt")), HYGIENE)


# --- placeholders (H101) and the template's instructions (H102) ----------------------------------

# The Shanghai template's own sentence (shanghai-final-accounts-template.pdf, page 15).
TEMPLATE_SENTENCE = ("上海市XX局2024年度收入支出总计XXX万元。与2023年度相比，收入支出总计增加（减少）"
                     "XXX万元，增长（下降）XX%。主要原因：XXXXXXXX。（如持平作持平表述）")


def test_placeholders_in_the_templates_sentence() -> None:
    hits = placeholders(TEMPLATE_SENTENCE)
    assert [h.text for h in hits] == ["XX", "XXX", "XXX", "XX", "XXXXXXXX"]
    assert hits[0].quote == "上海市XX局" and hits[1].quote == "出总计XXX万元"
    assert [h.text for h in instructions(TEMPLATE_SENTENCE)] == [
        "增加（减少）", "增长（下降）", "（如持平作持平表述）"]


@pytest.mark.parametrize("text", [
    "2022年至2024年",                                                   # years
    "开展VOCs综合治理，TVOC在线监测设备3台",                            # the reference's Latin words
    "采购MAXX品牌打印机2台，XXL型号防护服",                             # X-runs inside Latin words
    "X射线探伤装置1台",                                                 # one X is a word
    "科目编码2XX\t合计",                                                # a code
    "规格3×3米的展板",                                                  # a multiplication sign
    "上海市普陀区财政局2024年度收入支出总计2995.39万元。",               # a filled-in sentence
    "项目\t本年增加（减少）\t年末数",                                    # an accounting header
])
def test_real_text_is_no_placeholder(text: str) -> None:
    assert placeholders(text) == [] and instructions(text) == []


@pytest.mark.parametrize(("text", "placeholder"), [
    ("截至20XX年12月31日，本部门共有车辆XX辆。", "20XX年"),
    ("纳入××局部门决算编制范围的单位包括：", "××"),
    ("建立了XXXX（制度名称）、XXXX（制度名称）", "XXXX"),
    ("编制单位：（单位名称）", "（单位名称）"),
    ("附：填写说明", "填写说明"),
    ("**局2024年度部门决算", "**"),
])
def test_placeholder_shapes(text: str, placeholder: str) -> None:
    assert placeholders(text)[0].text == placeholder


def test_table_row_of_ellipses_is_a_template_row() -> None:
    # 部门决算单位构成 in the template: "4 。。。" rows after the named units.
    assert [h.text for h in instructions("4\t。。。")] == ["。。。"]
    assert [h.text for h in instructions("…\t…")] == ["…"]
    assert instructions("1\t上海市普陀区财政局（本级）") == []


# --- doubled punctuation (H104) ----------------------------------------------------------------


def test_doubled_full_stop_from_the_putuo_budget() -> None:
    # shanghai-putuo-sifaju-2026-budget.pdf, page 8.
    line = ("5、公共安全支出（204类）司法（06款）信息化建设（13项）227.88万元。主要用于：信息化建设"
            "及运行维护等方面的支出。。2025年当年预算执行数为60.41万元")
    (hit,) = doubled_punctuation(line)
    assert hit.text == "。。" and hit.quote == "等方面的支出。。"
    assert doubled_punctuation("4\t。。。") == []  # a template row, reported by H102


def test_doubled_punctuation_finding_quotes_its_place() -> None:
    text = ("第一部分 概况\n\n一、主要职能\n\n负责本区财政收支管理，，拟订财政政策、、规章。\n")
    findings = [f for f in _audit_text(text) if f.code == "H104"]
    assert [(f.quote, f.stated, f.line, f.part) for f in findings] == [
        ("财政收支管理，，", "，，", 5, "第一部分/一"),
        ("拟订财政政策、、", "、、", 5, "第一部分/一")]


# --- year consistency (H103) -------------------------------------------------------------------


def _edited_reference(reference_path: Path, *edits: tuple[str, str]) -> Disclosure:
    text = reference_path.read_text(encoding="utf-8")
    for old, new in edits:
        assert old in text, old
        text = text.replace(old, new, 1)
    return parse_document(document_from_text(text, str(reference_path)))


def test_reference_years_are_consistent(reference: Disclosure) -> None:
    """上年 comparisons (与上年相比, 比2023年增加), 2025年 payment dates in the forms, projects named
    after 2023 (2023年晋城市“三线一单”…尾款) and 文号 raise nothing."""
    assert [f for f in run_audit(reference, HYGIENE) if f.code == "H103"] == []


def test_stale_years_in_the_reference(reference_path: Path) -> None:
    """Last year's text left in this year's disclosure: a part title, an accounts sentence, the
    vehicles' year-end date and a form title's 年度."""
    d = _edited_reference(
        reference_path,
        ("第二部分 2024年部门决算表\n", "第二部分 2023年部门决算表\n"),
        ("2024年度收入合计47,348.67万元", "2023年度收入合计47,348.67万元"),
        ("截至2024年12月31日", "截至2023年12月31日"),
        ("（尾款）项目支出绩效评价报告（2024年度）", "（尾款）项目支出绩效评价报告（2023年度）"),
    )
    found = [f for f in run_audit(d, HYGIENE) if f.code == "H103"]
    assert [(f.quote, f.stated, f.expected) for f in found] == [
        ("2023年部门决算", "2023", "2024"),
        ("2023年度收入合计", "2023", "2024"),
        ("截至2023年12月31日", "2023", "2024"),
        ("（2023年度）", "2023", "2024"),
    ]
    assert all(f.severity.value == "warning" for f in found)


@pytest.mark.parametrize("sentence", [
    "2023年度收入总计30,192.94万元，2024年度收入总计47,549.83万元，增长57.49%。",  # a comparison
    "2025年预算安排项目支出500.00万元。",                                          # a plan
    "根据《关于印发〈晋城市机构改革方案〉的通知》（晋市办发〔2018〕5号），2019年组建。",
    "单位于2023年成立，机关运行经费支出10.23万元。",
])
def test_other_years_that_are_meant(sentence: str) -> None:
    text = "2024年度部门决算公开\n\n第一部分 概况\n\n第三部分 情况说明\n\n" + sentence + "\n"
    assert [f for f in _audit_text(text) if f.code == "H103"] == []


# --- the real Shanghai PDFs ----------------------------------------------------------------------


def _real(name: str) -> Disclosure:
    path = REAL / name
    if not path.is_file():
        pytest.skip(f"{path} not found (../shared/corpus/real is absent)")
    from juesuan.read import read_document

    return parse_document(read_document(path))


def test_blank_template_gives_placeholder_findings() -> None:
    findings = run_audit(_real("shanghai-final-accounts-template.pdf"), HYGIENE)
    counts = Counter(f.code for f in findings)
    assert counts["H101"] >= 40 and counts["H102"] >= 30, counts
    quotes = {f.quote for f in findings if f.code == "H101"}
    assert {"上海市XX局", "上海市XX中心"} <= quotes
    assert {"（如持平作持平表述）", "（不涉及的不列）", "增加（减少）", "。。。"} <= {
        f.quote for f in findings if f.code == "H102"}
    assert all(f.line is not None and f.quote for f in findings)


@pytest.mark.parametrize("name", [
    "shanghai-putuo-caizhengju-2024-final-accounts.pdf",
    "shanghai-putuo-guihuaziyuanju-2024-final-accounts.pdf",
    "shanghai-putuo-shehuigongzuobu-2024-final-accounts.pdf",
])
def test_real_disclosures_have_no_placeholders(name: str) -> None:
    findings = run_audit(_real(name), HYGIENE)
    # The one true finding: 规划和自然资源局 wrote 下降（增长）27.78%, the template's choice unmade.
    assert [(f.code, f.quote) for f in findings] == (
        [("H102", "下降（增长）")] if "guihuaziyuanju" in name else [])


@pytest.mark.parametrize("name", [
    "shanghai-putuo-caizhengju-2024-final-accounts.pdf",
    "shanghai-putuo-guihuaziyuanju-2024-final-accounts.pdf",
    "shanghai-putuo-shehuigongzuobu-2024-final-accounts.pdf",
])
def test_putuo_years_checked_against_2024_and_a_stale_2025(name: str) -> None:
    """Each Putuo disclosure read as 2024 (its title's year; the header reader misses one title
    today) names no other year; read as if republished unchanged for 2025, its titles and its
    截至2024年12月31日 sentence are found."""
    d = _real(name)
    assert list(year_mismatches(d.model_copy(update={"year": 2024}))) == []
    stale = list(year_mismatches(d.model_copy(update={"year": 2025})))
    assert any(h.kind == "heading" and "2024" in h.quote and "决算" in h.quote for h in stale)
    assert any(h.kind == "sentence" and h.quote.startswith("截至") for h in stale)
