"""The public-table rules (T1xx) and the narrative-vs-tables cross-reference (X104)."""

from __future__ import annotations

import pytest

from juesuan.audit import AuditConfig, Finding, Severity, run_audit
from juesuan.audit.registry import Family, all_rules
from juesuan.parse import parse_document
from juesuan.read.text import document_from_text
from juesuan.report.json import extract_payload

HEAD = "第二部分 部门决算表\n\n"
NARRATIVE = "\n第三部分 情况说明\n\n"

T01 = ("公开01表 收入支出决算表（单位：万元）\n"
       "收入项目\t决算数\t支出项目\t决算数\n"
       "一般公共预算财政拨款收入\t80.00\t节能环保支出\t90.00\n"
       "其他收入\t20.00\t本年支出合计\t90.00\n"
       "本年收入合计\t100.00\t结余分配\t0.00\n"
       "使用非财政拨款结余\t0.00\t年末结转和结余\t15.00\n"
       "年初结转和结余\t5.00\t\t\n"
       "收入总计\t105.00\t支出总计\t105.00\n\n")
T03 = ("公开03表 支出决算表（单位：万元）\n"
       "科目编码\t科目名称\t本年支出合计\t基本支出\t项目支出\n"
       "\t合计\t90.00\t50.00\t40.00\n"
       "211\t节能环保支出\t90.00\t50.00\t40.00\n\n")
T04 = ("公开04表 财政拨款收入支出决算表（单位：万元）\n"
       "项目\t年初结转和结余\t本年收入\t本年支出\t年末结转和结余\n"
       "一般公共预算财政拨款\t0.00\t80.00\t70.00\t10.00\n\n")
T05 = ("公开05表 一般公共预算财政拨款支出决算表（单位：万元）\n"
       "科目编码\t科目名称\t合计\t基本支出\t项目支出\n"
       "\t合计\t70.00\t40.00\t30.00\n"
       "211\t节能环保支出\t70.00\t40.00\t30.00\n\n")
T06 = ("公开06表 一般公共预算财政拨款基本支出决算表（单位：万元）\n"
       "科目编码\t科目名称\t类别\t决算数\n"
       "\t人员经费合计\t人员经费\t35.00\n"
       "301\t工资福利支出\t人员经费\t35.00\n"
       "\t公用经费合计\t公用经费\t5.00\n"
       "302\t商品和服务支出\t公用经费\t5.00\n\n")
T07 = ("公开07表 一般公共预算财政拨款“三公”经费支出决算表（单位：万元）\n"
       "项目\t预算数\t决算数\n"
       "合计\t3.00\t2.05\n"
       "因公出国（境）费\t0.00\t0.00\n"
       "公务用车购置及运行维护费\t1.00\t0.00\n"
       "公务用车购置费\t0.00\t0.00\n"
       "公务用车运行维护费\t1.00\t0.00\n"
       "公务接待费\t2.00\t2.05\n\n")
TABLES = HEAD + T01 + T03 + T04 + T05 + T06 + T07


def audit(text: str, select: str = "T") -> list[Finding]:
    findings = run_audit(parse_document(document_from_text(text, "t.txt")), AuditConfig(select=[select]))
    lines = text.split("\n")
    for f in findings:
        assert f.line is not None and f.quoted_on(lines[f.line - 1]), (f.code, f.quote)
    return findings


def codes(text: str, select: str = "T") -> list[str]:
    return [f.code for f in audit(text, select)]


def test_rules_are_registered_in_the_tables_family() -> None:
    tables = [r for r in all_rules() if r.family is Family.TABLES]
    assert [r.code for r in tables] == ["T101", "T102", "T103", "T104", "T105", "T106", "T107", "T108"]
    assert all(r.name.startswith("tables.") for r in tables)
    assert [r.code for r in tables if r.severity is Severity.WARNING] == ["T107", "T108"]
    assert any(r.code == "X104" and r.family is Family.CROSSREF for r in all_rules())


def test_a_consistent_package_is_clean() -> None:
    assert codes(TABLES) == []
    assert codes(TABLES, "X104") == []


# ------------------------------------------------------------------------------------ T101 / T104


def test_income_total_differs_from_expenditure_total() -> None:
    text = HEAD + T01.replace("收入总计\t105.00\t支出总计\t105.00", "收入总计\t105.00\t支出总计\t106.00")
    found = audit(text)
    t101 = [f for f in found if f.code == "T101"]
    assert len(t101) == 1 and t101[0].quote == "106.00" and t101[0].stated == "106.00"
    assert t101[0].part == "公开01表/支出总计" and t101[0].related
    assert "收入总计" in t101[0].message
    assert {f.code for f in found} == {"T101", "T104"}  # 支出总计 also ≠ 90 + 0 + 15


def test_totals_at_different_precisions_agree() -> None:
    text = HEAD + T01.replace("支出总计\t105.00", "支出总计\t105.0")
    assert codes(text) == []


def test_one_column_table_01_is_split_at_income_total() -> None:
    text = (HEAD + "公开01表 收入支出决算表（单位：万元）\n项目\t金额\n"
            "财政拨款收入\t100.00\n本年收入合计\t100.00\n收入总计\t100.00\n"
            "节能环保支出\t100.00\n本年支出合计\t100.00\n支出总计\t101.00\n")
    assert sorted(codes(text)) == ["T101", "T104"]


def test_summary_items_and_breakdowns() -> None:
    text = (HEAD + "公开01表 收入支出决算表（单位：万元）\n收入项目\t决算数\t支出项目\t决算数\n"
            "一、财政拨款收入\t80.00\t节能环保支出\t100.00\n"
            "其中：一般公共预算财政拨款\t80.00\t\t\n"
            "一般公共预算财政拨款收入\t80.00\t\t\n"
            "二、其他收入\t20.00\t\t\n"
            "本年收入合计\t100.00\t本年支出合计\t100.00\n"
            "收入总计\t100.00\t支出总计\t100.00\n")
    assert codes(text) == []  # 其中 and fund types under 财政拨款收入 are not added again
    wrong = audit(text.replace("本年支出合计\t100.00", "本年支出合计\t99.00"))
    assert [(f.code, f.quote) for f in wrong] == [("T104", "99.00"), ("T104", "100.00")]


# ------------------------------------------------------------------------------------------- T102


def _t05(parent: str, kids: tuple[str, str, str]) -> str:
    return (HEAD + "公开05表 一般公共预算财政拨款支出决算表（单位：万元）\n"
            "科目编码\t科目名称\t合计\n"
            f"\t合计\t{parent}\n"
            f"211\t节能环保支出\t{parent}\n"
            f"21101\t环境保护管理事务\t{parent}\n"
            + "".join(f"21101{i + 1:02d}\t项目{i + 1}\t{k}\n" for i, k in enumerate(kids)))


@pytest.mark.parametrize(("parent", "reported"), [("9.99", False), ("10.00", False), ("10.01", False),
                                                  ("9.97", False), ("10.02", True), ("9.96", True)])
def test_accumulated_rounding_is_not_an_alarm(parent: str, reported: bool) -> None:
    # three parts of 3.33 stand for [9.975, 10.005]: totals printed 9.97 … 10.01 meet it (closed
    # intervals: 3 × 3.335 = 10.005 prints as 10.01), 10.02 and 9.96 do not
    found = codes(_t05(parent, ("3.33", "3.33", "3.33")))
    assert ("T102" in found) is reported, found


def test_classification_markers_without_codes() -> None:
    text = (HEAD + "公开05表 一般公共预算财政拨款支出决算表（单位：万元）\n"
            "项目\t合计\t基本支出\t项目支出\n"
            "合计\t10.00\t6.00\t4.00\n"
            "节能环保支出（类）\t10.00\t6.00\t4.00\n"
            "环境保护管理事务（款）\t10.00\t6.00\t4.00\n"
            "行政运行（项）\t6.00\t6.00\t0.00\n"
            "一般行政管理事务（项）\t3.00\t0.00\t3.00\n")
    found = audit(text)
    assert [(f.code, f.quote, f.part) for f in found] == [
        ("T102", "10.00", "公开05表/环境保护管理事务（款）"), ("T102", "4.00", "公开05表/环境保护管理事务（款）")]


def test_a_row_outside_the_hierarchy_leaves_the_total_unchecked() -> None:
    text = (HEAD + "公开03表 支出决算表（单位：万元）\n科目编码\t科目名称\t本年支出合计\n"
            "\t合计\t12.00\n211\t节能环保支出\t10.00\n\t其他支出\t2.00\n")
    assert codes(text) == []


def test_table_06_by_kind() -> None:
    assert codes(HEAD + T06) == []
    found = audit(HEAD + T06.replace("301\t工资福利支出\t人员经费\t35.00", "301\t工资福利支出\t人员经费\t34.00"))
    assert [(f.code, f.quote, f.part) for f in found] == [("T102", "35.00", "公开06表/人员经费合计")]


# ------------------------------------------------------------------------------------------- T103


def test_income_sources_add_up_and_breakdown_columns_are_skipped() -> None:
    text = (HEAD + "公开02表 收入决算表（单位：万元）\n"
            "项目\t本年收入合计\t财政拨款收入\t一般公共预算财政拨款收入\t事业收入\t其中：教育收费\t其他收入\n"
            "合计\t100.00\t80.00\t80.00\t10.00\t5.00\t10.00\n")
    assert codes(text) == []
    found = audit(text.replace("\t10.00\t5.00\t10.00", "\t10.00\t5.00\t11.00"))
    assert [(f.code, f.quote) for f in found] == [("T103", "100.00")]
    assert "财政拨款收入 80.00 + 事业收入 10.00 + 其他收入 11.00 = 101.00万元" in found[0].message


def test_an_unknown_sibling_column_is_not_guessed() -> None:
    text = (HEAD + "公开03表 支出决算表（单位：万元）\n科目编码\t科目名称\t本年支出合计\t基本支出\t项目支出\t调剂数\n"
            "\t合计\t100.00\t60.00\t30.00\t10.00\n")
    assert codes(text) == []


def test_fund_balance_identity() -> None:
    assert codes(HEAD + T04) == []
    found = audit(HEAD + T04.replace("\t70.00\t10.00", "\t70.00\t12.00"))
    assert [(f.code, f.quote) for f in found] == [("T103", "12.00")]
    assert "年初结转和结余 0.00 + 本年收入 80.00 − 本年支出 70.00" in found[0].message


def test_two_level_header_total_over_its_group() -> None:
    text = (HEAD + "公开03表 支出决算表（单位：万元）\n"
            "科目编码\t科目名称\t本年支出合计\t本年支出\t\n"
            "\t\t\t基本支出\t项目支出\n"
            "\t合计\t100.00\t60.00\t30.00\n")
    assert [f.code for f in audit(text)] == ["T103"]


# ------------------------------------------------------------------------------------------- T105


def test_cross_table_links_hold_in_a_consistent_package() -> None:
    assert codes(TABLES, "T105") == []


@pytest.mark.parametrize(("old", "new", "where"), [
    ("\t合计\t90.00\t50.00\t40.00", "\t合计\t91.00\t51.00\t40.00", "公开03表/合计"),
    ("211\t节能环保支出\t90.00\t50.00\t40.00", "211\t节能环保支出\t91.00\t51.00\t40.00", "公开03表/节能环保支出"),
    ("一般公共预算财政拨款\t0.00\t80.00\t70.00\t10.00", "一般公共预算财政拨款\t0.00\t81.00\t70.00\t11.00",
     "公开04表/一般公共预算财政拨款"),
    ("\t合计\t70.00\t40.00\t30.00", "\t合计\t70.00\t41.00\t29.00", "公开05表/合计"),
])
def test_one_figure_in_two_tables(old: str, new: str, where: str) -> None:
    assert old in TABLES
    found = [f for f in audit(TABLES.replace(old, new)) if f.code == "T105"]
    assert found and {f.part for f in found} == {where}, found


def test_units_differ_between_tables() -> None:
    t03 = T03.replace("（单位：万元）", "（单位：元）").replace("90.00", "900,000.00").replace(
        "50.00", "500,000.00").replace("40.00", "400,000.00")
    assert codes(HEAD + T01 + t03) == []
    assert "T105" in codes(HEAD + T01 + t03.replace("\t合计\t900,000.00", "\t合计\t900,100.00"))


# ------------------------------------------------------------------------------------------- T106


def test_three_public_without_the_combined_line() -> None:
    text = (HEAD + "公开07表 一般公共预算财政拨款三公经费支出决算表\n项目\t预算数\t决算数\n"
            "合计\t3.00\t3.00\n因公出国（境）费\t0.00\t0.00\n公务用车购置费\t0.00\t0.00\n"
            "公务用车运行维护费\t1.00\t1.00\n公务接待费\t2.00\t2.00\n会议费\t5.00\t5.00\n")
    assert codes(text) == []  # 会议费 is not part of the 三公 identity
    found = audit(text.replace("合计\t3.00\t3.00", "合计\t4.00\t3.00"))
    assert [(f.code, f.quote, "预算数" in f.message) for f in found] == [("T106", "4.00", True)]


# ------------------------------------------------------------------------------------------- X104


def _with_narrative(body: str) -> str:
    return TABLES + NARRATIVE + body


NARRATIVE_OK = (
    "一、收入支出决算总体情况说明\n\n2024年度收入总计105.00万元，支出总计105.00万元。\n\n"
    "二、收入决算情况说明\n\n2024年度收入合计100.00万元，其中：财政拨款收入80.00万元，占比80.00%；"
    "其他收入20.00万元，占比20.00%。\n\n"
    "三、支出决算情况说明\n\n2024年度支出合计90.00万元，其中：基本支出50.00万元，占比55.56%；"
    "项目支出40.00万元，占比44.44%。\n\n"
    "五、一般公共预算财政拨款支出决算情况说明\n\n（二）一般公共预算财政拨款支出决算结构情况\n\n"
    "2024年度一般公共预算财政拨款支出70.00万元，主要用于以下方面：节能环保支出(类)70.00万元，占比100.00%。\n\n"
    "六、一般公共预算财政拨款基本支出决算情况说明\n\n2024年度财政拨款基本支出40.00万元，其中：\n\n"
    "人员经费35.00万元，主要包括基本工资；\n\n公用经费5.00万元，主要包括办公费。\n\n"
    "九、财政拨款“三公”经费支出决算情况说明\n\n"
    "2024年度“三公”经费财政拨款支出全年预算3.00万元，支出决算2.05万元，完成全年预算的68.33%。其中：\n\n"
    "公务接待费支出2.05万元。\n"
)


def test_narrative_agreeing_with_the_tables_is_clean() -> None:
    assert codes(_with_narrative(NARRATIVE_OK), "X104") == []


@pytest.mark.parametrize(("old", "new", "label"), [
    ("收入总计105.00万元", "收入总计106.00万元", "收入总计"),
    ("基本支出50.00万元", "基本支出51.00万元", "基本支出"),
    ("节能环保支出(类)70.00万元", "节能环保支出(类)71.00万元", "节能环保支出"),
    ("人员经费35.00万元", "人员经费34.00万元", "人员经费"),
    ("全年预算3.00万元", "全年预算3.50万元", "三公经费财政拨款支出 全年预算"),
    ("公务接待费支出2.05万元", "公务接待费支出2.50万元", "公务接待费"),
])
def test_narrative_figure_differs_from_its_table(old: str, new: str, label: str) -> None:
    text = _with_narrative(NARRATIVE_OK.replace(old, new))
    found = audit(text, "X104")
    assert len(found) == 1 and f"“{label}”" in found[0].message, [f.message for f in found]
    assert found[0].related and found[0].stated is not None and found[0].stated in found[0].quote
    assert found[0].stated in new


def test_basic_expenditure_of_fiscal_sections_is_not_compared_with_all_funds() -> None:
    # 六's 基本支出 is the 财政拨款 one (公开05表, 40.00), not 公开03表's 50.00
    body = ("六、一般公共预算财政拨款基本支出决算情况说明\n\n2024年度基本支出40.00万元，其中：\n\n"
            "人员经费35.00万元；公用经费5.00万元。\n")
    assert codes(_with_narrative(body), "X104") == []


def test_narrative_in_yuan_against_a_table_in_wan() -> None:
    body = "一、收入支出决算总体情况说明\n\n2024年度收入总计1,050,000元，支出总计1,050,000元。\n"
    assert codes(_with_narrative(body), "X104") == []
    assert codes(_with_narrative(body.replace("收入总计1,050,000元", "收入总计1,060,000元")), "X104") == ["X104"]


# Shanghai's wording (Putuo 2024): a department and year before the subject, one 收入支出总计 for both
# totals, 财政拨款收入支出总计 for 公开04表, and 六's 基本支出 split into 人员经费 and 公用经费.
NARRATIVE_SHANGHAI = (
    "一、收入支出决算总体情况说明\n\n上海市普陀区财政局2024年度收入支出总计105.00万元。与2023年度相比，"
    "收入支出总计增加5.00万元，增长5.00%。\n\n"
    "四、财政拨款收入支出决算总体情况说明\n\n上海市普陀区财政局2024年度财政拨款收入支出总计80.00万元。\n\n"
    "六、一般公共预算财政拨款基本支出决算情况说明\n\n一般公共预算财政拨款基本支出40.00万元。其中：人员经费"
    "35.00万元，主要包括：基本工资、津贴补贴；公用经费5.00万元，主要包括：办公费、印刷费。\n"
)


def test_shanghai_wording_agreeing_with_the_tables_is_clean() -> None:
    assert codes(_with_narrative(NARRATIVE_SHANGHAI), "X104") == []


@pytest.mark.parametrize(("old", "new", "table"), [
    ("收入支出总计105.00万元", "收入支出总计106.00万元", "公开01表"),
    ("财政拨款收入支出总计80.00万元", "财政拨款收入支出总计0.3万元", "公开04表"),
    ("基本支出40.00万元", "基本支出41.00万元", "公开05表"),
    ("人员经费35.00万元", "人员经费36.00万元", "公开06表"),
])
def test_shanghai_wording_differing_from_its_table(old: str, new: str, table: str) -> None:
    found = audit(_with_narrative(NARRATIVE_SHANGHAI.replace(old, new)), "X104")
    assert len(found) == 1 and table in found[0].message, [f.message for f in found]
    assert found[0].stated is not None and found[0].stated in new


def test_no_tables_no_crossref() -> None:
    assert codes(NARRATIVE + NARRATIVE_OK.replace("105.00", "1.00"), "X104") == []


# ------------------------------------------------------------------------------------------ outputs


def test_extract_json_lists_the_tables() -> None:
    d = parse_document(document_from_text(TABLES, "t.txt"))
    payload = extract_payload(d)
    assert list(payload)[-1] == "tables" and len(payload["tables"]) == 6
    t03 = payload["tables"][1]
    assert (t03["number"], t03["standard"], t03["name"], t03["unit"], t03["line"]) == (3, 3, "支出决算表", "万元", 12)
    assert t03["rows"][0]["values"][0] == {"column": "本年支出合计", "value": "90.00", "text": "90.00", "cell": 2}


@pytest.mark.parametrize("layout", [
    "合计\t因公出国（境）费\t公务用车购置及运行维护费\t公务用车购置费\t公务用车运行维护费\t公务接待费\n"
    "3.00\t0.00\t1.00\t0.00\t1.00\t{reception}\n",
    "项目\t合计\t因公出国（境）费\t公务用车购置及运行维护费\t公务用车购置费\t公务用车运行维护费\t公务接待费\n"
    "预算数\t3.00\t0.00\t1.00\t0.00\t1.00\t2.00\n"
    "决算数\t3.00\t0.00\t1.00\t0.00\t1.00\t{reception}\n",
])
def test_three_public_items_as_columns(layout: str) -> None:
    head = HEAD + "公开07表 一般公共预算财政拨款“三公”经费支出决算表\n"
    assert codes(head + layout.format(reception="2.00")) == []
    assert codes(head + layout.format(reception="2.50")) == ["T106"]


# -------------------------------------------------------------------------------- review regressions


def test_one_figure_printed_twice_must_be_equal_at_equal_precision() -> None:
    # 105.00 and 105.01 stand for intervals that touch at 105.005, but one quantity printed twice
    # with the same decimals rounds one way only
    t101 = audit(HEAD + T01.replace("支出总计\t105.00", "支出总计\t105.01"))
    assert [(f.code, f.quote) for f in t101] == [("T101", "105.01")]
    t105 = [f for f in audit(TABLES.replace("\t合计\t90.00\t50.00\t40.00", "\t合计\t90.01\t50.00\t40.00"))
            if f.code == "T105"]
    assert [(f.part, f.quote) for f in t105] == [("公开03表/合计", "90.01")]
    x104 = audit(_with_narrative(NARRATIVE_OK.replace("收入总计105.00万元", "收入总计105.01万元")), "X104")
    assert [f.stated for f in x104] == ["105.01"]


def test_one_figure_at_different_precisions_or_a_sum_still_allows_rounding() -> None:
    assert codes(_with_narrative(NARRATIVE_OK.replace("收入总计105.00万元", "收入总计105.0万元")), "X104") == []
    # 3.34 + 6.67 = 10.01 against a printed 10.00: a sum of two rounded parts, not a restatement
    text = (HEAD + "公开05表 一般公共预算财政拨款支出决算表（单位：万元）\n"
            "科目编码\t科目名称\t合计\t基本支出\t项目支出\n\t合计\t10.00\t3.34\t6.67\n")
    assert codes(text) == []


def test_x104_and_t105_messages_name_things_once() -> None:
    x104 = audit(_with_narrative(NARRATIVE_OK.replace("收入总计105.00万元", "收入总计106.00万元")), "X104")
    assert len(x104) == 1
    assert "而公开01表收入总计为105.00万元" in x104[0].message, x104[0].message
    t05 = T05.replace("科目名称\t合计\t", "科目名称\t本年支出合计\t")
    text = HEAD + T01 + T03 + T04.replace("\t70.00\t10.00", "\t71.00\t9.00") + t05
    t105 = [f for f in audit(text) if f.code == "T105"]
    assert len(t105) == 1 and "“合计”行“本年支出合计”列" in t105[0].message, [f.message for f in t105]


def test_unreadable_amount_cells_are_reported_once_and_not_counted_as_zero() -> None:
    text = HEAD + T03.replace("\t合计\t90.00\t50.00\t40.00", "\t合计\t90.00\t见附注\t40.00").replace(
        "211\t节能环保支出\t90.00\t50.00\t40.00", "211\t节能环保支出\t90.00\t五十\t40.00")
    found = audit(text)
    assert [(f.code, f.quote, f.part, f.severity) for f in found] == [
        ("T107", "见附注", "公开03表/合计", Severity.WARNING),
        ("T107", "五十", "公开03表/节能环保支出", Severity.WARNING)]
    assert found[0].stated == "见附注" and found[0].column is not None and "（空）" not in found[0].message
    assert "“合计”行“基本支出”列" in found[0].message and found[0].related
    # an unreadable total is not zero either: no T103, no T105 against 01's 本年支出合计
    assert codes(HEAD + T01 + T03.replace("\t合计\t90.00\t50.00\t40.00", "\t合计\t八十\t50.00\t40.00")) == ["T107"]


def test_table_08_with_balance_and_part_columns() -> None:
    text = (HEAD + "公开08表 政府性基金预算财政拨款收入支出决算表（单位：万元）\n"
            "科目编码\t科目名称\t年初结转和结余\t本年收入\t本年支出合计\t基本支出\t项目支出\t年末结转和结余\n"
            "\t合计\t0.00\t10.00\t10.00\t3.00\t7.00\t0.00\n")
    assert codes(text) == []
    found = audit(text.replace("\t3.00\t7.00\t0.00", "\t3.00\t9.00\t5.00"))
    assert sorted((f.code, f.quote) for f in found) == [("T103", "10.00"), ("T103", "5.00")]
    assert any("基本支出 3.00 + 项目支出 9.00" in f.message for f in found)
    assert any("年初结转和结余 0.00 + 本年收入 10.00 − 本年支出合计 10.00" in f.message for f in found)


T04_SUMMARY = ("公开04表 财政拨款收入支出决算总表（单位：万元）\n"
               "收入\t\t支出\t\t\t\n"
               "项目\t决算数\t项目\t合计\t一般公共预算财政拨款\t政府性基金预算财政拨款\n"
               "一般公共预算财政拨款\t80.00\t节能环保支出\t70.00\t70.00\t0.00\n"
               "政府性基金预算财政拨款\t0.00\t住房保障支出\t10.00\t10.00\t0.00\n"
               "本年收入合计\t80.00\t本年支出合计\t80.00\t80.00\t0.00\n"
               "年初财政拨款结转和结余\t5.00\t年末财政拨款结转和结余\t5.00\t5.00\t0.00\n"
               "收入总计\t85.00\t支出总计\t85.00\t85.00\t0.00\n")


def test_two_sided_table_04_totals_are_checked_like_01() -> None:
    assert codes(HEAD + T04_SUMMARY) == []
    found = audit(HEAD + T04_SUMMARY.replace("住房保障支出\t10.00\t10.00", "住房保障支出\t12.00\t12.00"))
    assert sorted((f.code, f.quote) for f in found) == [("T104", "80.00"), ("T104", "80.00")]
    assert {f.part for f in found} == {"公开04表/本年支出合计"}
    found = audit(HEAD + T04_SUMMARY.replace("年初财政拨款结转和结余\t5.00", "年初财政拨款结转和结余\t6.00"))
    assert [(f.code, f.quote, f.part) for f in found] == [("T104", "85.00", "公开04表/收入总计")]


def test_a_table_without_rows_that_does_not_say_so() -> None:
    text = HEAD + "公开05表 一般公共预算财政拨款支出决算表\n科目编码\t科目名称\t合计\t基本支出\t项目支出\n\n"
    found = audit(text)
    assert [(f.code, f.severity, f.quote, f.line) for f in found] == [
        ("T108", Severity.WARNING, "一般公共预算财政拨款支出决算表", 3)]
    assert "本年度无此项收支" in found[0].message
    assert codes(HEAD + "公开05表 一般公共预算财政拨款支出决算表：本年度无此项收支。\n") == []
