"""Narrative figures: values, units, labels, sections and spans (reference, synthetic, properties)."""

from __future__ import annotations

from collections import Counter
from decimal import Decimal

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from juesuan.model.disclosure import Figure
from juesuan.parse.figures import extract_figures
from juesuan.parse.sections import parse_sections
from juesuan.read.document import Document
from juesuan.read.text import document_from_text


@pytest.fixture(scope="module")
def figures(reference_document: Document) -> list[Figure]:
    return extract_figures(reference_document, parse_sections(reference_document))


def _find(figures: list[Figure], label: str, line: int | None = None) -> list[Figure]:
    return [
        f for f in figures
        if f.label == label and (line is None or (f.quantity.span and f.quantity.span.line == line))
    ]


def _one(figures: list[Figure], label: str, line: int) -> Figure:
    found = _find(figures, label, line)
    assert len(found) == 1, (label, line, [(f.label, f.quantity.text) for f in figures
                                           if f.quantity.span and f.quantity.span.line == line])
    return found[0]


def _assert_spans_hold_digits(figures: list[Figure], lines: list[str]) -> None:
    for f in figures:
        span = f.quantity.span
        assert span is not None and span.column is not None
        line = lines[span.line - 1]
        assert line[span.column - 1 :].startswith(f.quantity.text), (f, line)
        assert span.end_column == span.column + len(f.quantity.text)


def test_every_figure_points_at_its_printed_digits(
    figures: list[Figure], reference_lines: list[str], reference_document: Document
) -> None:
    _assert_spans_hold_digits(figures, reference_lines)
    assert all(f.quantity.span and f.quantity.span.file == reference_document.path
               for f in figures)


def test_counts(figures: list[Figure]) -> None:
    assert len(figures) == 128
    assert Counter(f.quantity.unit for f in figures) == {
        "万元": 73, "%": 31, "辆": 8, "个": 6, "人次": 5, "批次": 4, "台（套）": 1,
    }


def test_only_narrative_parts(figures: list[Figure]) -> None:
    assert {f.section.split("/")[0] for f in figures if f.section} == {"第三部分"}
    assert all(f.section for f in figures)
    assert all(f.label for f in figures)
    assert max(f.quantity.span.line for f in figures if f.quantity.span) < 262


def test_no_dates_or_numbering(figures: list[Figure]) -> None:
    texts = {f.quantity.text for f in figures}
    assert not texts & {"2024", "2023", "2019", "31"}  # 2024年度, 截至2024年12月31日, 〔2019〕
    where = {(f.quantity.span.line, f.quantity.span.column) for f in figures if f.quantity.span}
    assert (230, 1) not in where  # 1、因公出国（境）费支出
    assert not where & {(256, 225), (256, 281), (256, 309)}  # 1. 建立… 2. 完善… 3. 针对…
    assert not any(line < 142 for line, _ in where)  # 〔2019〕1号 in 概况: no unit


def test_totals(figures: list[Figure]) -> None:
    income = _one(figures, "收入总计", 146)
    assert income.quantity.value == Decimal("47549.83")
    assert income.quantity.text == "47,549.83"
    assert income.quantity.decimals == 2
    assert income.quantity.unit == "万元"
    assert income.section == "第三部分/一"
    assert _one(figures, "支出总计", 146).quantity.value == Decimal("47549.83")
    assert _one(figures, "收入总计 增加", 146).quantity.value == Decimal("17356.89")
    assert _one(figures, "收入总计 增长", 146).quantity.value == Decimal("57.49")
    assert _one(figures, "支出总计 增长", 146).quantity.unit == "%"


def test_income_shares(figures: list[Figure]) -> None:
    fiscal = _one(figures, "财政拨款收入", 150)
    assert fiscal.quantity.value == Decimal("37301.92")
    share = _one(figures, "财政拨款收入 占比", 150)
    assert (share.quantity.value, share.quantity.unit) == (Decimal("78.78"), "%")
    assert _one(figures, "其他收入 占比", 150).quantity.value == Decimal("21.22")
    assert _one(figures, "收入合计", 150).quantity.value == Decimal("47348.67")
    assert _one(figures, "基本支出 占比", 154).quantity.value == Decimal("22.76")


def test_growth_after_the_line_break(figures: list[Figure]) -> None:
    growth = _one(figures, "财政拨款支出总计 增长", 160)
    assert growth.quantity.value == Decimal("27.38")
    assert growth.quantity.span is not None and growth.quantity.span.column == 2
    # 支出总计 after 财政拨款收入总计 inherits the qualifier
    assert _one(figures, "财政拨款支出总计", 158).quantity.value == Decimal("37301.92")


def test_same_quantity_same_label(figures: list[Figure]) -> None:
    """A quantity restated in several sections is found under one label, so it can be compared."""
    general = _find(figures, "一般公共预算财政拨款支出")
    assert [f.quantity.span.line for f in general if f.quantity.span] == [166, 170, 182]
    assert {f.quantity.value for f in general} == {Decimal("37301.92")}
    for label, value in (("社会保障和就业支出", "889.93"), ("节能环保支出", "35321.00")):
        found = _find(figures, label)
        assert len(found) == 2
        assert {f.quantity.value for f in found} == {Decimal(value)}
        assert {f.section for f in found} == {"第三部分/五/（二）", "第三部分/五/（三）"}


def test_budget_completion_and_change(figures: list[Figure]) -> None:
    assert _one(figures, "卫生健康支出 年初预算", 186).quantity.value == Decimal("457.71")
    assert _one(figures, "卫生健康支出 完成年初预算", 186).quantity.value == Decimal("101.87")
    # 较上年决算增加 on line 188 continues line 186's paragraph
    assert _one(figures, "卫生健康支出 增加", 188).quantity.value == Decimal("58.08")
    assert _one(figures, "一般公共预算财政拨款支出 占本年支出合计", 166).quantity.value == Decimal(
        "78.45"
    )


def test_three_public_expenses(figures: list[Figure]) -> None:
    down = _one(figures, "公务用车运行维护费 下降", 224)
    assert (down.quantity.value, down.quantity.decimals, down.quantity.text) == (
        Decimal("100"), 0, "100"
    )
    zero = _one(figures, "因公出国（境）费", 220)
    assert (zero.quantity.value, zero.quantity.unit) == (Decimal("0"), "万元")
    assert _one(figures, "公务接待费 增长", 226).quantity.value == Decimal("797.06")
    assert _one(figures, "三公经费财政拨款支出 全年预算", 218).quantity.value == Decimal("3.05")
    assert _one(figures, "三公经费财政拨款支出 完成全年预算", 218).quantity.text == "100.00"


def test_reception_counts(figures: list[Figure]) -> None:
    batches = _one(figures, "公务接待费 接待 批次", 236)
    assert (batches.quantity.value, batches.quantity.unit) == (Decimal("6"), "批次")
    persons = _one(figures, "公务接待费 接待 人次", 236)
    assert (persons.quantity.value, persons.quantity.unit) == (Decimal("152"), "人次")
    assert _one(figures, "外事接待费 接待 批次", 236).quantity.value == 0
    assert _one(figures, "出国（境）团组 人次", 230).quantity.value == 0


def test_assets(figures: list[Figure]) -> None:
    vehicles = _one(figures, "车辆", 250)
    assert (vehicles.quantity.value, vehicles.quantity.unit) == (Decimal("94"), "辆")
    kinds = [f for f in figures if f.quantity.unit == "辆" and f.quantity.span
             and f.quantity.span.line == 250 and f.label != "车辆"]
    assert sum(f.quantity.value for f in kinds) == 94
    equipment = next(f for f in figures if f.quantity.unit == "台（套）")
    assert equipment.quantity.value == 33
    assert equipment.label == "单价100万元（含）以上设备（不含车辆）"
    assert _one(figures, "单价 下限", 250).quantity.value == 100


def test_procurement_and_performance(figures: list[Figure]) -> None:
    assert _one(figures, "政府采购授予中小企业合同金额 占政府采购支出总额", 246).quantity.value == (
        Decimal("83.02")
    )
    no_comma = _one(figures, "一般公共预算项目支出", 256)
    assert (no_comma.quantity.text, no_comma.quantity.value, no_comma.quantity.decimals) == (
        "25416.8", Decimal("25416.8"), 1
    )
    assert _one(figures, "二级项目", 256).quantity.value == 64
    assert _one(figures, "二级项目 资金", 256).quantity.value == Decimal("12814.56")
    grades = {f.label: f.quantity.value for f in figures if f.label.startswith("项目自评等级为")}
    assert grades == {"项目自评等级为优": 52, "项目自评等级为良": 9, "项目自评等级为中": 2,
                      "项目自评等级为差": 1}
    assert _one(figures, "机关运行经费 增长", 242).section == "第三部分/十/（一）"


# ------------------------------------------------------------------------------ synthetic documents

SYNTHETIC = """\
某某县水利局
2023年度部门决算公开
第一部分 部门概况
一、人员情况
年末实有人员35人，其中：在职28人，退休7人。
第二部分 情况说明
一、收入决算情况说明
本年收入合计2,000.10万元，其中：财政拨款收入1,500.00万元，占比75.00%；事业收入500.10万元，
占比25.00%。与上年相比，本年收入合计减少
12.5万元，下降0.62%。
二、“三公”经费支出决算情况说明
公务接待费支出0.85万元，共接待3批次，27人次。截至2023年12月31日，共有车辆5辆。
三、政府采购情况说明
政府采购支出总额８８.５万元，完成年初预算的98.3%。
第三部分 附件
某项目绩效自评表
项目名称\t某项目\t全年预算数\t100万元
备注：1.全年执行数为50万元。
"""


def test_synthetic_document() -> None:
    doc = document_from_text(SYNTHETIC, "synthetic.txt")
    figures = extract_figures(doc, parse_sections(doc))
    _assert_spans_hold_digits(figures, SYNTHETIC.split("\n"))
    got = [(f.label, f.quantity.text, f.quantity.unit, f.section) for f in figures]
    assert got == [
        ("年末实有人员", "35", "人", "第一部分/一"),
        ("在职", "28", "人", "第一部分/一"),
        ("退休", "7", "人", "第一部分/一"),
        ("本年收入合计", "2,000.10", "万元", "第二部分/一"),
        ("财政拨款收入", "1,500.00", "万元", "第二部分/一"),
        ("财政拨款收入 占比", "75.00", "%", "第二部分/一"),
        ("事业收入", "500.10", "万元", "第二部分/一"),
        ("事业收入 占比", "25.00", "%", "第二部分/一"),
        ("本年收入合计 减少", "12.5", "万元", "第二部分/一"),
        ("本年收入合计 下降", "0.62", "%", "第二部分/一"),
        ("公务接待费", "0.85", "万元", "第二部分/二"),
        ("公务接待费 接待 批次", "3", "批次", "第二部分/二"),
        ("公务接待费 接待 人次", "27", "人次", "第二部分/二"),
        ("车辆", "5", "辆", "第二部分/二"),
        ("政府采购支出总额", "８８.５", "万元", "第二部分/三"),
        ("政府采购支出总额 完成年初预算", "98.3", "%", "第二部分/三"),
    ]
    assert figures[-2].quantity.value == Decimal("88.5")
    reduced = figures[8].quantity
    assert reduced.span is not None and reduced.span.line == 10  # after the line break


def test_no_parts_no_figures() -> None:
    doc = document_from_text("收入总计100万元。\n")
    assert extract_figures(doc, parse_sections(doc)) == []


def test_digits_split_over_two_lines_are_skipped() -> None:
    doc = document_from_text("第一部分 情况说明\n一、收入\n收入总计1,2\n34.5万元，支出总计9万元。\n")
    figures = extract_figures(doc, parse_sections(doc))
    assert [(f.label, f.quantity.text) for f in figures] == [("支出总计", "9")]


# ---------------------------------------------------------------------------------------- properties

_LABEL_CHARS = "财政拨款收入支出经营事业其他基本项目公用人员"


@st.composite
def printed_numbers(draw: st.DrawFn) -> tuple[str, Decimal, int]:
    """A number as a disclosure prints it, with its exact value and decimals."""
    whole = draw(st.integers(min_value=0, max_value=10**10))
    places = draw(st.integers(min_value=0, max_value=4))
    fraction = draw(st.integers(min_value=0, max_value=10**places - 1)) if places else 0
    commas = draw(st.booleans())
    head = f"{whole:,}" if commas else str(whole)
    text = f"{head}.{fraction:0{places}d}" if places else head
    return text, Decimal(f"{whole}.{fraction:0{places}d}" if places else str(whole)), places


def _doc(paragraph: str) -> Document:
    return document_from_text(f"第三部分 情况说明\n二、收入决算情况说明\n{paragraph}\n", "p.txt")


@settings(max_examples=200, deadline=None)
@given(
    label=st.text(alphabet=_LABEL_CHARS, min_size=1, max_size=12),
    amount=printed_numbers(),
    share=printed_numbers(),
)
def test_amount_and_share_are_found_exactly(
    label: str, amount: tuple[str, Decimal, int], share: tuple[str, Decimal, int]
) -> None:
    paragraph = f"{label}{amount[0]}万元，占比{share[0]}%。"
    doc = _doc(paragraph)
    figures = extract_figures(doc, parse_sections(doc))
    assert [(f.label, f.quantity.text, f.quantity.value, f.quantity.decimals, f.quantity.unit)
            for f in figures] == [
        (label, amount[0], amount[1], amount[2], "万元"),
        (f"{label} 占比", share[0], share[1], share[2], "%"),
    ]
    assert all(f.section == "第三部分/二" for f in figures)
    _assert_spans_hold_digits(figures, ["", "", paragraph])


@settings(max_examples=100, deadline=None)
@given(
    label=st.text(alphabet=_LABEL_CHARS, min_size=1, max_size=8),
    amount=printed_numbers(),
    change=printed_numbers(),
    growth=printed_numbers(),
    cut=st.integers(min_value=1, max_value=60),
)
def test_change_and_growth_survive_a_line_break(
    label: str, amount: tuple[str, Decimal, int], change: tuple[str, Decimal, int],
    growth: tuple[str, Decimal, int], cut: int,
) -> None:
    pieces = [label, amount[0], "万元，比上年增加", change[0], "万元，增长", growth[0], "%。"]
    offsets = [sum(len(p) for p in pieces[:i]) for i in range(len(pieces))]
    paragraph = "".join(pieces)
    cut = min(cut, len(paragraph) - 1)
    broken = paragraph[:cut] + "\n\n仅供内部审核\n\n" + paragraph[cut:]
    doc = _doc(broken)
    figures = extract_figures(doc, parse_sections(doc))
    _assert_spans_hold_digits(figures, [ln.text for ln in doc.lines])
    found = {(f.label, f.quantity.value) for f in figures}
    for name, (text, value, _), offset in (
        (label, amount, offsets[1]),
        (f"{label} 增加", change, offsets[3]),
        (f"{label} 增长", growth, offsets[5]),
    ):
        if offset < cut < offset + len(text):
            assert all(f.quantity.text != text[: cut - offset] or f.quantity.span is None
                       or f.quantity.span.line != 3 or f.label != name for f in figures)
            continue  # the break falls inside the digits: skipped, never misread
        assert (name, value) in found


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet="收入支出总计万元占比增长下降人次批次辆个年月日、，。；：%.,0123456789１２ \n\t",
               max_size=120))
def test_any_text_spans_hold(text: str) -> None:
    doc = _doc(text)
    figures = extract_figures(doc, parse_sections(doc))
    _assert_spans_hold_digits(figures, [ln.text for ln in doc.lines])
    for f in figures:
        assert f.quantity.value >= 0
