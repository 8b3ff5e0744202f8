"""Self-evaluation forms (项目支出绩效自评表): the reference export and small forms written here."""

from __future__ import annotations

import itertools
from decimal import Decimal

import pytest

from juesuan.model.evaluation import FundRow, ProjectEvaluation
from juesuan.model.quantity import Quantity
from juesuan.parse.forms import parse_forms
from juesuan.read.document import Document
from juesuan.read.text import document_from_text


@pytest.fixture(scope="module")
def forms(reference_document: Document) -> list[ProjectEvaluation]:
    parsed, _ = parse_forms(reference_document)
    return parsed


def _form(forms: list[ProjectEvaluation], name: str) -> ProjectEvaluation:
    matches = [f for f in forms if f.name == name]
    assert len(matches) == 1, [f.name for f in forms]
    return matches[0]


def _values(row: FundRow) -> list[Decimal | None]:
    fields = (row.declared_budget, row.initial_budget, row.annual_budget, row.executed,
              row.balance, row.execution_rate, row.score)
    return [None if q is None else q.value for q in fields]


def _sums(form: ProjectEvaluation) -> tuple[Decimal, Decimal]:
    weights = sum((i.weight.value for i in form.indicators if i.weight), Decimal(0))
    scores = sum((i.score.value for i in form.indicators if i.score), Decimal(0))
    return weights, scores


def _quantities(form: ProjectEvaluation) -> list[Quantity]:
    out: list[Quantity] = []
    for row in ([form.fund_total] if form.fund_total else []) + form.fund_sources:
        out.extend(q for q in (row.declared_budget, row.initial_budget, row.annual_budget,
                               row.executed, row.balance, row.execution_rate, row.score) if q)
        out.extend(row.extra_values)
    for indicator in form.indicators:
        out.extend(q for q in (indicator.weight, indicator.score) if q)
    if form.total_score:
        out.append(form.total_score)
    return out


# --- the reference export -------------------------------------------------------------------


def test_reference_has_64_forms_in_document_order(forms: list[ProjectEvaluation]) -> None:
    assert len(forms) == 64
    starts = [f.span.line for f in forms]
    assert starts == sorted(starts)
    for before, after in itertools.pairwise(forms):
        assert before.span.line <= before.end_line < after.span.line


def test_chengqu_street_sprinkling(forms: list[ProjectEvaluation]) -> None:
    form = _form(forms, "城区分局背街小巷洒水降尘服务费")
    assert (form.unit_code, form.unit_name) == ("218005", "晋城市生态环境局城区分局")
    assert (form.department_code, form.department_name) == ("218", "晋城市生态环境局")
    assert form.title is not None
    assert form.title.text == "城区分局背街小巷洒水降尘服务费项目支出绩效自评 (2024年度)"
    assert form.fund_total is not None
    assert _values(form.fund_total) == [Decimal(v) for v in
                                        ("0", "198.5", "198.5", "198.5", "0", "100", "10")]
    assert len(form.indicators) == 9
    assert _sums(form) == (Decimal(90), Decimal("82.5"))
    assert form.total_score is not None and form.total_score.value == Decimal("92.5")
    assert form.grade is not None and form.grade.text == "优"
    first = form.indicators[0]
    assert (first.level1, first.level2, first.name) == ("产出指标", "数量指标", "作业频次")
    assert (first.initial_target, first.adjusted_target, first.actual) == (
        "=次/天", "=8次/天", "=10次/天")
    # Levels are printed once per group and carried down.
    assert form.indicators[1].level2 == "数量指标"
    timely = form.indicators[3]
    assert (timely.initial_target, timely.adjusted_target, timely.actual) == (
        None, "10月底前", "预期指标且未")  # truncated by the export, kept as printed


def test_gaoping_outfall_survey_has_two_sources(forms: list[ProjectEvaluation]) -> None:
    form = _form(forms, "高平分局高平市入河排污口排查及溯源调查报告")
    assert form.unit_code == "218007"
    assert form.fund_total is not None
    assert _values(form.fund_total) == [Decimal(v) for v in
                                        ("80", "80", "80", "76.9", "3.1", "96.13", "9.61")]
    assert [s.source for s in form.fund_sources] == ["市市区财政资金", "单位自筹资金"]
    assert len(form.indicators) == 16
    assert _sums(form) == (Decimal(90), Decimal(90))
    assert form.total_score is not None and form.total_score.value == Decimal("99.61")
    assert form.grade is not None and form.grade.text == "优"


def test_road_cleaning(forms: list[ProjectEvaluation]) -> None:
    form = _form(forms, "道路清扫保洁能力提升项目")
    assert form.unit_code == "218001"
    total = form.fund_total
    assert total is not None
    assert total.initial_budget is not None and total.initial_budget.value == Decimal(1090)
    assert total.initial_budget.text == "1,090"
    assert [q.value if q else None for q in (total.annual_budget, total.executed,
                                              total.execution_rate, total.score)] == [0, 0, 0, 0]
    assert len(form.indicators) == 11
    assert _sums(form) == (Decimal(90), Decimal(76))
    assert form.total_score is not None and form.total_score.value == Decimal(76)
    assert form.grade is not None and form.grade.text == "中"


def test_reference_invariants(forms: list[ProjectEvaluation], reference_lines: list[str]) -> None:
    for form in forms:
        assert form.name and form.name in reference_lines[form.span.line - 1]
        for quantity in _quantities(form):
            assert quantity.span is not None
            line = reference_lines[quantity.span.line - 1]
            assert quantity.text in line
            assert quantity.span.column is not None
            assert line[quantity.span.column - 1:].startswith(quantity.text)
        for indicator in form.indicators:
            if indicator.weight is not None:
                assert indicator.weight.value <= 100
        assert form.department_code is not None and form.unit_code is not None
        assert len(form.unit_code) == 6 and form.unit_code.isdigit()
        assert form.unit_code.startswith(form.department_code)
        if form.grade is not None:
            assert form.grade.text in "优良中差"
            assert form.grade.text in reference_lines[form.grade.span.line - 1]
        for stated in (form.annual_goal, form.actual_completion):
            if stated is not None:
                assert stated.text in reference_lines[stated.span.line - 1]
        for analysis in form.analysis:
            assert analysis.text in reference_lines[analysis.span.line - 1]


def test_reference_layout_notes(forms: list[ProjectEvaluation]) -> None:
    messages = {n.message for f in forms for n in f.notes}
    assert any("8 figures where 7" in m for m in messages)
    assert any("资金总额 label stands in the header row" in m for m in messages)
    assert any("on the line after the 总分 row" in m for m in messages)


# --- forms written here ------------------------------------------------------------------------

HEADER = [
    "项目名称\t\t{name}\t\t\t\t\t\t\t\t\t",
    "主管部门及代码\t\t301-某市林业局\t\t\t\t预算单位\t\t301002-某市林业局东区站\t\t\t",
]
FUND_HEADER = [
    "项目资金预算安排及执行进度(万元)\t年初预算数\t\t全年预算数\t全年执行数\t资金结(转)余\t执行率"
    "\t得分\t偏差原因\t\t",
    "\t目标申报数\t预算编制数\t\t\t\t\t\t\t\t",
]
GOALS = [
    "年度绩效目标\t年度目标\t\t\t\t\t实际完成情况\t\t\t\t",
    "\t完成林区巡护。\t\t\t\t\t完成了林区巡护。\t\t\t\t",
]
INDICATOR_HEADER = (
    "绩效指标\t一级指标\t二级指标\t三级指标\t年初指标值\t调整后指标值\t实际完成值\t定性值情况说明"
    "\t分值\t得分\t偏差原因分析及改进措施"
)
INDICATORS = [
    "\t产出指标\t数量指标\t巡护里程\t≥公里\t≥120公里\t≥130公里\t\t30\t30\t",
    "\t\t时效指标\t巡护完成时间\t\t12月底前\t达成预期指标\t\t20\t20\t",
    "\t效益指标\t生态效益\t森林火灾发生率\t\t降低\t部分达成预期指标并具有一定效果\t\t30\t24\t宣传不足",
    "\t满意度指标\t服务对象满意度\t群众满意度\t≥%\t≥90%\t≥95%\t\t10\t10\t",
]
ANALYSIS = [
    "项目绩效分析\t自评结果分析\t项目实施和预算执行情况\t\t预算50万元，执行48万元。\t\t",
    "\t主要经验做法\t\t加强巡护。\t\t",
    "下一步改进措施及管理建议\t\t无\t\t",
    "",
    "备注：1.“年初预算数”项下的“目标申报数”和“预算编制数”为并列关系。",
    "2.“全年预算数”的取数规则，如果年初预算未调整，取预算编制数。",
]


def _doc(*lines: str) -> Document:
    return document_from_text("\n".join(lines) + "\n", path="synthetic.txt")


def _clean_form(name: str = "东区林区巡护") -> list[str]:
    return [
        f"{name}项目支出绩效自评表",
        "(2024年度)",
        "",
        *(row.format(name=name) for row in HEADER),
        *FUND_HEADER,
        "\t资金总额:\t50\t50\t48\t48\t2\t96\t9.6\t\t",
        "市县区财政资金\t50\t50\t48\t48\t2\t96.00\t9.60\t合同价低于预算\t\t",
        *GOALS,
        INDICATOR_HEADER,
        *INDICATORS,
        "总分\t\t\t\t\t\t\t\t\t93.6\t优",
        *ANALYSIS,
    ]


def test_clean_synthetic_form() -> None:
    doc = _doc("第五部分 附件", "", *_clean_form())
    (form,), doc_notes = parse_forms(doc)
    assert doc_notes == []
    assert form.name == "东区林区巡护"
    assert form.title is not None and form.title.text == "东区林区巡护项目支出绩效自评表(2024年度)"
    assert (form.department_code, form.unit_code, form.unit_name) == (
        "301", "301002", "某市林业局东区站")
    assert form.fund_total is not None and form.fund_total.source == "资金总额"
    assert _values(form.fund_total) == [Decimal(v) for v in
                                        ("50", "50", "48", "48", "2", "96", "9.6")]
    (source,) = form.fund_sources
    assert source.source == "市县区财政资金" and source.deviation_reason == "合同价低于预算"
    assert source.execution_rate is not None and source.execution_rate.text == "96.00"
    assert form.annual_goal is not None and form.annual_goal.text == "完成林区巡护。"
    assert form.actual_completion is not None and form.actual_completion.text == "完成了林区巡护。"
    assert [(i.level1, i.level2) for i in form.indicators] == [
        ("产出指标", "数量指标"), ("产出指标", "时效指标"), ("效益指标", "生态效益"),
        ("满意度指标", "服务对象满意度")]
    timely = form.indicators[1]
    assert (timely.initial_target, timely.adjusted_target, timely.actual) == (
        None, "12月底前", "达成预期指标")
    assert form.indicators[2].deviation_reason == "宣传不足"
    assert _sums(form) == (Decimal(90), Decimal(84))
    assert form.total_score is not None and form.total_score.value == Decimal("93.6")
    assert form.grade is not None and form.grade.text == "优"
    assert [a.label for a in form.analysis] == [
        "项目实施和预算执行情况", "主要经验做法", "下一步改进措施及管理建议"]
    assert form.analysis[2].text == "无"
    assert form.end_line == len(doc.lines)
    assert form.notes == []


def test_shifted_header_and_lifted_labels() -> None:
    lines = _clean_form()
    fund = lines.index(FUND_HEADER[0])
    # The export lifts 资金总额 into the header row and each source label one row up.
    lines[fund] = "项目资金预算安排及执行进度(万元)\t资金总额:\t年初预算数\t\t\t全年预算数\t全年执行数" \
                  "\t资金结(转)余\t执行率\t得分\t偏差原因"
    lines[fund + 2] = "\t\t\t单位自筹资金\t0\t50\t48\t48\t2\t96\t9.6"
    lines[fund + 3] = "\t\t0\t50\t48\t48\t2\t96.00\t9.60\t合同价低于预算"
    (form,), _ = parse_forms(_doc(*lines))
    assert form.fund_total is not None and form.fund_total.source == "资金总额"
    assert form.fund_total.execution_rate is not None
    assert form.fund_total.execution_rate.text == "96"
    (source,) = form.fund_sources
    assert source.source == "单位自筹资金"
    assert source.execution_rate is not None and source.execution_rate.text == "96.00"
    assert any("one row above their figures" in n.message for n in form.notes)


def test_total_and_grade_on_following_lines() -> None:
    lines = _clean_form()
    total = lines.index("总分\t\t\t\t\t\t\t\t\t93.6\t优")
    lines[total:total + 1] = ["总分\t\t", "", "仅供内部审核", "", "93.6 优\t\t"]
    (form,), _ = parse_forms(_doc(*lines))
    assert form.total_score is not None and form.total_score.text == "93.6"
    assert form.grade is not None and form.grade.text == "优"
    assert form.total_score.span is not None
    assert form.grade.span.line == form.total_score.span.line == total + 5
    assert len(form.analysis) == 3

    lines[total:total + 5] = ["总 分\t\t\t", "\t\t88"]
    (form,), _ = parse_forms(_doc(*lines))
    assert form.total_score is not None and form.total_score.value == Decimal(88)
    assert form.grade is None
    assert any("no grade" in n.message for n in form.notes)


def test_truncated_cells_and_extra_fund_column() -> None:
    lines = _clean_form()
    fund = lines.index(FUND_HEADER[0])
    lines[fund + 2] = "\t资金总额:\t50\t50\t50\t48\t48\t2\t96\t9.6"  # 年初预算数 repeated
    timely = lines.index(INDICATORS[1])
    # Truncated by the page: the name and the outcome lose their ends, the blank cells vanish.
    lines[timely] = "\t巡护完成\t12月底前\t预期指标且未\t\t20\t0\t延期"
    (form,), _ = parse_forms(_doc(*lines))
    assert form.fund_total is not None
    assert _values(form.fund_total) == [Decimal(v) for v in
                                        ("50", "50", "48", "48", "2", "96", "9.6")]
    assert [q.text for q in form.fund_total.extra_values] == ["50"]
    indicator = form.indicators[1]
    assert indicator.name == "巡护完成"
    assert (indicator.initial_target, indicator.adjusted_target, indicator.actual) == (
        None, "12月底前", "预期指标且未")
    assert indicator.level2 == "数量指标"  # its own level cell was lost: carried from above
    assert indicator.score is not None and indicator.score.value == 0
    assert indicator.deviation_reason == "延期"
    assert any("8 figures where 7" in n.message for n in form.notes)


def test_missing_pieces_are_none_and_noted() -> None:
    lines = _clean_form()
    total = lines.index("总分\t\t\t\t\t\t\t\t\t93.6\t优")
    del lines[total]
    lines[lines.index(INDICATORS[0])] = "\t产出指标\t数量指标\t巡护里程\t≥公里\t≥120公里\t≥130公里\t\t30"
    (form,), _ = parse_forms(_doc(*lines))
    assert form.total_score is None and form.grade is None
    assert form.indicators[0].weight is not None and form.indicators[0].score is None
    messages = " ".join(n.message for n in form.notes)
    assert "no 总分 row" in messages and "one figure" in messages


def test_two_forms_split_at_the_next_heading() -> None:
    doc = _doc(*_clean_form("甲项目"), "", *_clean_form("乙项目"))
    first, second = parse_forms(doc)[0]
    assert (first.name, second.name) == ("甲项目", "乙项目")
    assert second.title is not None and second.title.span.line == first.end_line + 2
    assert doc.line(first.end_line).text.startswith("2.")


def test_no_forms() -> None:
    assert parse_forms(_doc("第一部分 概况", "一、主要职能")) == ([], [])


def test_labels_and_values_read_by_shape_not_column() -> None:
    lines = _clean_form()
    quantity_row = lines.index(INDICATORS[0])
    lines[quantity_row + 1:quantity_row + 1] = [
        # 二级指标 printed in the 一级 column, no leading empty cell.
        "成本指标\t维修费\t≤万元\t≤5万元\t≤4万元\t\t0\t0\t",
        # A blank 年初指标值 and no outcome: the form's own complete rows place the two values.
        "\t\t\t巡护车辆\t\t=2辆\t=2辆\t\t0\t0\t",
    ]
    satisfaction = lines.index(INDICATORS[3])
    # 服务对象满意度 wrapped over two cells: ``群众`` above ``群众满意度``.
    lines[satisfaction] = "\t满意度指标\t群众\t群众满意度\t≥%\t≥90%\t≥95%\t\t10\t10\t"
    (form,), _ = parse_forms(_doc(*lines))
    cost, vehicles = form.indicators[1:3]
    assert (cost.level1, cost.level2, cost.name) == ("产出指标", "成本指标", "维修费")
    assert (cost.initial_target, cost.adjusted_target, cost.actual) == ("≤万元", "≤5万元", "≤4万元")
    assert (vehicles.level2, vehicles.name) == ("成本指标", "巡护车辆")
    assert (vehicles.initial_target, vehicles.adjusted_target, vehicles.actual) == (
        None, "=2辆", "=2辆")
    last = form.indicators[-1]
    assert (last.level1, last.level2, last.name) == ("满意度指标", "群众", "群众满意度")
    assert (last.initial_target, last.adjusted_target, last.actual) == ("≥%", "≥90%", "≥95%")


def test_fund_row_with_missing_figures_places_none() -> None:
    lines = _clean_form()
    source = lines.index("市县区财政资金\t50\t50\t48\t48\t2\t96.00\t9.60\t合同价低于预算\t\t")
    lines[source] = "市县区财政资金\t50\t50\t48\t\t96.00\t9.60\t合同价低于预算"
    (form,), _ = parse_forms(_doc(*lines))
    (row,) = form.fund_sources
    assert _values(row) == [None] * 7
    assert [q.text for q in row.extra_values] == ["50", "50", "48", "96.00", "9.60"]
    assert any("5 figures where 7" in n.message for n in form.notes)


def test_wrapped_project_name() -> None:
    lines = _clean_form("东区林区巡护及防火")
    head = lines.index(HEADER[0].format(name="东区林区巡护及防火"))
    lines[head:head + 1] = ["项目名称\t\t东区林区巡护\t\t", "及防火"]
    (form,), _ = parse_forms(_doc(*lines))
    assert form.name == "东区林区巡护及防火"
    assert form.unit_code == "301002"


# --- a form's amounts when its 资金总额 row was lost -------------------------------------------


def test_amounts_from_the_only_source_row(forms: list[ProjectEvaluation]) -> None:
    """Nine reference forms lost their 资金总额 row and keep one source row: that row is the form's
    amounts, marked as derived; the stated total stays None."""
    derived = [f for f in forms if f.amounts_derived_from is not None]
    assert len(derived) == 9
    form = _form(forms, "晋城市大气污染防治服务团队技术服务及网格化设备运维服务项目")
    assert form.fund_total is None and form.amounts_derived_from == "fund_source"
    assert form.amounts is form.fund_sources[0]
    assert _values(form.amounts)[1:4] == [Decimal("461.97"), Decimal("461.97"), Decimal("461.97")]
    assert any("amounts are read from its only fund source row" in n.message for n in form.notes)
    stated = _form(forms, "高平分局高平市入河排污口排查及溯源调查报告")
    assert stated.amounts is stated.fund_total and stated.amounts_derived_from is None


def test_no_amounts_derived_from_two_sources() -> None:
    lines = _clean_form()
    lines.remove("\t资金总额:\t50\t50\t48\t48\t2\t96\t9.6\t\t")
    (one,), _ = parse_forms(_doc(*lines))
    assert one.fund_total is None and one.amounts_derived_from == "fund_source"
    assert one.amounts is not None and one.amounts.source == "市县区财政资金"
    source = "市县区财政资金\t50\t50\t48\t48\t2\t96.00\t9.60\t合同价低于预算\t\t"
    lines.insert(lines.index(source) + 1, "单位自筹资金\t0\t0\t0\t0\t0\t0.00\t0.00\t\t\t")
    (two,), _ = parse_forms(_doc(*lines))
    assert len(two.fund_sources) == 2
    assert two.amounts is None and two.amounts_derived_from is None  # which is the total? unknown
