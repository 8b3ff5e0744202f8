"""Documents of other templates and of other shapes, each built from real wording (the Shanghai
Putuo 2024 决算 PDFs in ../shared/corpus/real and the reference): a table of contents without page
numbers, a heading wrapped over two lines and one split across a page break, a part over the tables
printed without 第N部分, a page of 情况说明 alone, one 三公 paragraph, traditional characters."""

from __future__ import annotations

from pathlib import Path

import pytest

from juesuan.audit.engine import run_audit
from juesuan.model.claims import ChangeClaim, CompletionClaim, ShareClaim, TotalClaim
from juesuan.model.disclosure import Disclosure
from juesuan.parse import parse_document
from juesuan.parse.sections import detect_header, parse_sections, toc_lines
from juesuan.parse.variants import is_traditional
from juesuan.read.errors import InputError
from juesuan.read.text import document_from_text

# The Shanghai template's contents: headings without page numbers, two of them wrapped.
SHANGHAI = """中共上海市普陀区委
社会工作部2024年度
部门决算
目录
第一部分中共上海市普陀区委社会工作部概况
一、主要职能
二、部门决算单位构成
第二部分中共上海市普陀区委社会工作部2024年度部门决算表
一、收入支出决算总表
第三部分中共上海市普陀区委社会工作部2024年度部门决算情况
说明
一、收入支出决算总体情况说明
第四部分名词解释
第一部分中共上海市普陀区委社会工作部概况
一、主要职能
中共上海市普陀区委社会工作部负责贯彻落实党中央有关方针政策。
二、部门决算单位构成
纳入中共上海市普陀区委社会工作部2024年度部门决算编制范围的单位包括：本级。
中共上海市普陀区委社会工作部2024年度部门决算表
收入支出决算总表
单位：万元
项目\t决算数\t项目\t决算数
一、一般公共预算财政拨款收入\t307.82\t一、一般公共服务支出\t264.87
本年收入合计\t307.82\t本年支出合计\t307.82
说明：本年度没有国有资本经营预算财政拨款收入和支出，故本表无数据。
\f第三部分中共上海市普陀区委社会工作部2024年度部门决算情况
\f说明
一、收入支出决算总体情况说明
中共上海市普陀区委社会工作部2024年度收入支出总计307.82万元。
第四部分名词解释
一、财政拨款收入：指单位本年度从本级财政部门取得的财政拨款。
"""


def test_contents_without_page_numbers_are_skipped() -> None:
    doc = document_from_text(SHANGHAI)
    assert toc_lines(doc) == range(4, 14)
    parts = parse_sections(doc)
    assert [p.span.line for p in parts] == [14, 19, 26, 30]
    assert all(p.span.line > 13 for s in parts for p in s.walk())


def test_wrapped_and_page_split_headings_are_read_whole() -> None:
    parts = parse_sections(document_from_text(SHANGHAI))
    assert parts[2].number == "第三部分"
    assert parts[2].title == "中共上海市普陀区委社会工作部2024年度部门决算情况说明"
    assert [c.title for c in parts[2].children] == ["收入支出决算总体情况说明"]


def test_tables_part_without_its_number_and_row_labels_are_not_sections() -> None:
    parts = parse_sections(document_from_text(SHANGHAI))
    tables = parts[1]
    assert (tables.number, tables.title) == ("", "中共上海市普陀区委社会工作部2024年度部门决算表")
    assert tables.children == []
    assert tables.table_rows == 3
    assert [p.number for p in parts] == ["第一部分", "", "第三部分", "第四部分"]


def test_a_wrapped_rest_must_complete_a_title() -> None:
    text = "第一部分 概况\n一、主要职能\n详见下表\n二、机构设置\n本部门设4个内设机构。\n"
    parts = parse_sections(document_from_text(text))
    assert [c.title for c in parts[0].children] == ["主要职能", "机构设置"]
    assert "详见下表" in parts[0].children[0].text


# A page of 情况说明 alone (as published on a department's web site), real wording.
NARRATIVE_PAGE = """一、收入支出决算总体情况说明
上海市普陀区规划和自然资源局2024年度收入支出总计9859.38万元。与2023年度相比，收入支出总计增加1062.85
万元，增长12.08%。
三、支出决算情况说明
本年支出合计9759.38万元，其中：基本支出5377.64万元，
占55.10%；项目支出4381.74万元，占44.90%。
"""


def test_a_page_of_narrative_alone_is_read_with_its_claims() -> None:
    disclosure = parse_document(document_from_text(NARRATIVE_PAGE))
    assert disclosure.parts == []
    kinds = [type(c) for c in disclosure.claims]
    assert ChangeClaim in kinds and TotalClaim in kinds
    assert sum(1 for c in disclosure.claims if isinstance(c, ShareClaim)) == 2
    assert any(f.quantity.text == "9859.38" for f in disclosure.figures)
    # the wrapped line (…增加1062.85 / 万元，增长12.08%) is joined before the claim is read
    change = next(c for c in disclosure.claims if isinstance(c, ChangeClaim))
    assert change.change is not None and change.change.text == "1062.85"
    assert change.rate is not None and change.rate.text == "12.08"


SANGONG = ("“三公”经费财政拨款支出年初预算为2.85万元，支出决算为0.39万元，完成预算的13.68%，其中：因公出国"
           "（境）费决算为0.00万元，完成预算的0.00%；公务用车购置及运行维护费支出决算为0.00万元，完成预算的0.00%；"
           "公务接待费支出决算为0.39万元，完成预算的13.68%。\n")


def test_one_sangong_paragraph_is_read() -> None:
    disclosure = parse_document(document_from_text(SANGONG))
    completion = next(c for c in disclosure.claims if isinstance(c, CompletionClaim))
    assert completion.rate.text == "13.68"
    assert completion.budget is not None and completion.budget.quantity.text == "2.85"
    total = next(c for c in disclosure.claims if isinstance(c, TotalClaim))
    assert [p.quantity.text for p in total.parts] == ["0.00", "0.00", "0.39"]


def test_text_with_nothing_checkable_is_refused() -> None:
    with pytest.raises(InputError) as caught:
        parse_document(document_from_text("本部门负责全区社会工作。\n主要职责是统筹指导人民信访工作。\n"))
    assert caught.value.code == "P001"


TRADITIONAL = ("一般公共預算財政撥款支出9746.50萬元，占本年支出合計的99.87%。與2023年度相比，一般公共預算財政撥款"
               "支出增加1193.20萬元，增長13.95%。\n")


def test_traditional_characters_read_like_simplified() -> None:
    doc = document_from_text(TRADITIONAL)
    assert is_traditional(doc.lines[0].text)
    disclosure = parse_document(doc)
    assert "traditional" in disclosure.notes[0].message
    change = next(c for c in disclosure.claims if isinstance(c, ChangeClaim))
    assert change.rate is not None and change.rate.text == "13.95"
    # columns are unchanged: the rate's span points at the rate in the original line
    assert change.rate.span is not None and change.rate.span.column is not None
    original = TRADITIONAL[change.rate.span.column - 1:]
    assert original.startswith("13.95")


def test_simplified_text_is_not_converted() -> None:
    assert not is_traditional("显著提高了资金使用效益，著力推进绩效管理。" * 3)


def test_a_single_form_is_audited_alone(reference_path: Path, reference: Disclosure) -> None:
    form = reference.evaluations[0]
    start = form.title.span.line if form.title is not None and form.title.span.line else form.span.line
    lines = reference_path.read_text(encoding="utf-8").split("\n")[start - 1:form.end_line]
    piece = parse_document(document_from_text("\n".join(lines)))
    assert piece.parts == [] and piece.tables == []
    assert [e.name for e in piece.evaluations] == [form.name]
    findings = run_audit(piece)
    c106 = [f for f in findings if f.code == "C106"]
    assert len(c106) == 1 and "情况说明" in c106[0].message and "项目支出绩效自评表" not in c106[0].message


@pytest.mark.parametrize(("cover", "department"), [
    ("中共上海市普陀区委\n社会工作部2024年度\n部门决算\n目录\n", "中共上海市普陀区委社会工作部"),
    ("上海市普陀区规划和自然\n资源局\n2024年度部门决算\n目 录\n", "上海市普陀区规划和自然资源局"),
])
def test_a_cover_title_wrapped_over_lines(cover: str, department: str) -> None:
    header = detect_header(document_from_text(cover + SHANGHAI.split("目录\n", 1)[1]))
    assert (header.department, header.year) == (department, 2024)
