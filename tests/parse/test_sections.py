"""The part/section tree and the cover header, on the reference and on synthetic documents."""

from __future__ import annotations

import pytest

from juesuan.model.disclosure import Section
from juesuan.parse.sections import Header, detect_header, parse_sections, section_at
from juesuan.read.document import Document
from juesuan.read.text import document_from_text

PART3_TITLES = [
    ("一", "收入支出决算总体情况说明"),
    ("二", "收入决算情况说明"),
    ("三", "支出决算情况说明"),
    ("四", "财政拨款收支决算总体情况说明"),
    ("五", "一般公共预算财政拨款支出决算情况说明"),
    ("六", "一般公共预算财政拨款基本支出决算情况说明"),
    ("七", "政府性基金预算财政拨款收支决算情况说明"),
    ("八", "国有资本经营预算财政拨款支出决算情况说明"),
    ("九", "财政拨款“三公”经费支出决算情况说明"),
    ("十", "其他重要事项情况说明"),
]


@pytest.fixture(scope="module")
def parts(reference_document: Document) -> list[Section]:
    return parse_sections(reference_document)


def _part(parts: list[Section], number: str) -> Section:
    return next(p for p in parts if p.number == number)


def test_five_parts_with_titles_from_the_body_not_the_contents(parts: list[Section]) -> None:
    assert [(p.level, p.number, p.title) for p in parts] == [
        (1, "第一部分", "概况"),
        (1, "第二部分", "2024年部门决算表"),
        (1, "第三部分", "情况说明"),
        (1, "第四部分", "名词解释"),
        (1, "第五部分", "附件"),
    ]
    assert [p.span.line for p in parts] == [43, 138, 142, 262, 292]
    assert all(p.span.line > 41 for s in parts for p in s.walk())  # nothing from the contents


def test_spans_name_the_file_and_point_at_the_numbering(
    parts: list[Section], reference_lines: list[str], reference_document: Document
) -> None:
    for section in (s for p in parts for s in p.walk()):
        assert section.span.file == reference_document.path
        assert section.span.column is not None
        line = reference_lines[section.span.line - 1]
        assert line[section.span.column - 1 :].startswith(section.number)
        assert section.end_line >= section.span.line
        for child in section.children:
            assert section.span.line < child.span.line <= child.end_line <= section.end_line


def test_part3_has_the_ten_sections(parts: list[Section]) -> None:
    part3 = _part(parts, "第三部分")
    assert [(s.level, s.number, s.title) for s in part3.children] == [
        (2, n, t) for n, t in PART3_TITLES
    ]
    assert part3.text == ""
    assert part3.end_line == 260


def test_section_five_has_three_subsections(parts: list[Section]) -> None:
    five = _part(parts, "第三部分").children[4]
    assert [(c.level, c.number, c.title) for c in five.children] == [
        (3, "（一）", "一般公共预算财政拨款支出决算总体情况"),
        (3, "（二）", "一般公共预算财政拨款支出决算结构情况"),
        (3, "（三）", "一般公共预算财政拨款支出决算具体情况"),
    ]
    assert five.text == ""  # its text is all in the subsections
    assert five.children[2].end_line == 192


def test_section_text_joins_lines_broken_by_the_export(parts: list[Section]) -> None:
    four = _part(parts, "第三部分").children[3]
    assert "增长27.38%。主要原因" in four.text
    assert four.span.line == 156
    assert four.end_line == 160
    structure = _part(parts, "第三部分").children[4].children[1]
    assert structure.text.split("\n")[1] == "社会保障和就业支出(类)889.93万元，占比2.39%；"


def test_empty_sections_say_so(parts: list[Section]) -> None:
    part3 = _part(parts, "第三部分")
    assert part3.children[6].text == "本年度无此项收支。"
    assert part3.children[7].text == "本年度无此项支出。"
    assert part3.children[9].children[3].title == "预算绩效情况说明"
    assert part3.children[9].children[3].text.startswith("1、预算绩效管理工作的开展情况\n")


def test_part2_is_empty(parts: list[Section]) -> None:
    part2 = _part(parts, "第二部分")
    assert part2.text == ""
    assert part2.children == []
    assert part2.end_line == 138


def test_glossary_terms_are_titles_with_their_definitions(parts: list[Section]) -> None:
    glossary = _part(parts, "第四部分")
    terms = [c.title for c in glossary.children]
    assert terms == [
        "财政拨款收入", "事业收入", "经营收入", "其他收入", "使用非财政拨款结余（含专用结余）",
        "年初结转和结余", "结余分配", "年末结转和结余", "基本支出", "项目支出", "“三公”经费",
        "机关运行经费",
    ]
    assert [c.number for c in glossary.children][-2:] == ["十一", "十二"]
    assert glossary.children[0].text == "指单位从同级财政部门取得的财政预算资金。"
    # 十一 is broken over lines 284/286; its definition is joined
    assert "支出。其中，因公出国（境）费" in glossary.children[10].text
    assert glossary.children[10].end_line == 286


def test_part1_items_are_titled_up_to_the_first_full_stop(parts: list[Section]) -> None:
    part1 = _part(parts, "第一部分")
    duties, organisation = part1.children
    assert (duties.number, duties.title) == ("一", "本部门（单位）职责")
    assert len(duties.children) == 18
    assert duties.text.startswith("第一条 根据")
    assert (organisation.number, organisation.title) == ("二", "机构设置情况")
    assert organisation.text == "市生态环境部门设下列内设机构："
    first = organisation.children[0]
    assert (first.number, first.title) == ("（一）", "晋城市生态环境行政执法队")
    assert first.text.startswith("负责依法在辖区内")
    fifteen = duties.children[14]
    assert fifteen.title == "承担本部门职权范围内的应急管理和安全生产监督管理职责"
    assert fifteen.text == fifteen.title + "。"  # a one-statement item is its own text
    assert [c.title for c in organisation.children][2:] == [
        "城区分局", "泽州分局", "高平分局", "阳城分局", "陵川分局", "沁水分局",
    ]
    # numbered items 1、2、 are paragraphs of （十八）, not sections
    eighteen = duties.children[-1]
    assert eighteen.title == "有关职责分工"
    assert eighteen.children == []
    assert eighteen.text.startswith("1、与市农业农村局有关职责分工。")
    assert "监督指导农业面源污染治理。" in eighteen.text  # lines 95/97 joined


def test_attachments_have_no_sections_inside(parts: list[Section]) -> None:
    part5 = _part(parts, "第五部分")
    assert part5.children == []
    assert part5.end_line == 3792
    assert "城区分局背街小巷洒水降尘服务费项目支出绩效自评" in part5.text
    assert "\t" not in part5.text  # table rows are not text


def test_section_count(parts: list[Section]) -> None:
    every = [s for p in parts for s in p.walk()]
    assert len(every) == 5 + 2 + 26 + 10 + 9 + 12
    assert sum(1 for s in every if s.level == 2) == 2 + 10 + 12


def test_section_at(parts: list[Section]) -> None:
    assert [s.number for s in section_at(parts, 188)] == ["第三部分", "五", "（三）"]
    assert [s.number for s in section_at(parts, 30)] == []


def test_header(reference_document: Document) -> None:
    assert detect_header(reference_document) == Header(
        title="2024年度部门决算公开", department="晋城市生态环境局", year=2024
    )


# ------------------------------------------------------------------------------ synthetic documents

SYNTHETIC = """\
某某县教育局2023年度部门决算
目录
第一部分 部门概况 ........ 1
一、主要职能 ........ 1
第二部分 决算报表 ........ 3
第三部分 决算情况说明 ........ 4
第四部分 附件 ........ 9

第一部分 部门概况
一、主要职能
负责全县教育事业发展规划。
二、机构设置
(一)县教育局机关。负责日常工作。
(二)县教研室。
第二部分 决算报表
收入支出决算表\t单位：万元
项目\t金额
第三部分：决算情况说明
一、收入支出决算总体情况说明
2023年度收入总计1,234.50万元，支出总计1,234.50万元。与上年相比，收入总计增加100.00万元，增
长8.82%。
二、名词解释
第四部分 附件
某项目支出绩效自评表 (2023年度)
项目名称\t某项目
一、\t产出指标
备注：1.“年初预算数”来源于项目申报表。
"""


def test_synthetic_document() -> None:
    doc = document_from_text(SYNTHETIC, "synthetic.txt")
    parts = parse_sections(doc)
    assert [(p.number, p.title) for p in parts] == [
        ("第一部分", "部门概况"), ("第二部分", "决算报表"), ("第三部分", "决算情况说明"),
        ("第四部分", "附件"),
    ]
    part1, part2, part3, part4 = parts
    assert [c.title for c in part1.children] == ["主要职能", "机构设置"]
    assert [(c.number, c.title, c.text) for c in part1.children[1].children] == [
        ("(一)", "县教育局机关", "负责日常工作。"), ("(二)", "县教研室", "县教研室。"),
    ]
    assert part2.text == "" and part2.children == []
    assert part2.end_line == 17  # its table rows are inside it
    assert [c.title for c in part3.children] == ["收入支出决算总体情况说明", "名词解释"]
    assert part3.children[0].text.endswith("增长8.82%。")
    assert part4.children == []
    assert part4.text == "某项目支出绩效自评表 (2023年度)\n备注：1.“年初预算数”来源于项目申报表。"
    assert detect_header(doc) == Header(
        title="某某县教育局2023年度部门决算", department="某某县教育局", year=2023
    )


def test_contents_without_page_numbers_is_not_a_section() -> None:
    text = (
        "第一部分 概况\n第二部分 情况说明\n一、收入\n"
        "第一部分 概况\n本部门负责环境保护。\n第二部分 情况说明\n一、收入\n收入总计1万元。\n"
    )
    parts = parse_sections(document_from_text(text))
    assert [(p.number, p.span.line) for p in parts] == [("第一部分", 4), ("第二部分", 6)]
    assert parts[1].children[0].text == "收入总计1万元。"


def test_no_parts_no_header() -> None:
    doc = document_from_text("随便一段文字。\n另一段。\n")
    assert parse_sections(doc) == []
    assert detect_header(doc) == Header()
