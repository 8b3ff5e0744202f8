"""Joining lines broken by the export into paragraphs, and mapping offsets back to lines."""

from __future__ import annotations

from juesuan.parse.paragraphs import is_heading, paragraphs
from juesuan.read.document import Document
from juesuan.read.text import document_from_text


def test_reference_growth_is_joined_over_the_break(reference_document: Document) -> None:
    lines = reference_document.lines[157:160]  # 158, 159 (blank), 160
    (para,) = paragraphs(lines, reference_document.path)
    offset = para.text.index("27.38%。主要")
    line, column = para.locate(offset)
    assert (line.number, column) == (160, 2)
    assert para.span(offset, offset + 5).end_column == 7
    assert para.quote(offset - 1, offset + 5) == "长27.38"
    assert para.quote(offset - 2, offset + 5) == "增"  # a quote stops at the end of its first line


def test_numbered_items_start_paragraphs_but_decimals_do_not() -> None:
    doc = document_from_text("本年收入合计减少\n12.5万元，下降0.62%。\n1、因公出国\n2. 公务用车\n")
    paras = paragraphs(doc.lines)
    assert [p.text for p in paras] == ["本年收入合计减少12.5万元，下降0.62%。", "1、因公出国",
                                       "2. 公务用车"]
    assert is_heading("1、因公出国") and is_heading("2. 公务用车") and is_heading("（一）总体情况")
    assert not is_heading("12.5万元，下降0.62%")
    assert not is_heading("3.05万元")


def test_watermarks_and_blanks_do_not_break_a_paragraph() -> None:
    doc = document_from_text("财政拨款支出总计增加8,018.58万元，增\n\n仅供内部审核\n\n长27.38%。\n")
    (para,) = paragraphs(doc.lines, "x.txt")
    assert para.text == "财政拨款支出总计增加8,018.58万元，增长27.38%。"
    span = para.span(para.text.index("27.38"))
    assert (span.file, span.line, span.column) == ("x.txt", 5, 2)


def test_table_rows_end_a_paragraph() -> None:
    doc = document_from_text("项目名称\n项目\t金额\n合计")
    assert [p.text for p in paragraphs(doc.lines)] == ["项目名称", "合计"]
