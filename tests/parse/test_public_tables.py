"""Reading the nine public tables (公开01–09表): the layouts found in disclosures, the rendered
example, the reference (which has none), and a property test over random 舍位平衡 hierarchies."""

from __future__ import annotations

from collections.abc import Callable
from decimal import ROUND_HALF_UP, Decimal
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from juesuan.audit import AuditConfig, Finding, run_audit
from juesuan.model.disclosure import Disclosure
from juesuan.model.stated_tables import StatedTable, find_table
from juesuan.parse import parse_document
from juesuan.read.text import document_from_text
from juesuan.render.rounding import balance

EXAMPLE = Path(__file__).resolve().parents[2] / "examples" / "jincheng-eeb-2024" / "data.yaml"
HEAD = "第二部分 部门决算表\n\n"


def parse(text: str) -> Disclosure:
    return parse_document(document_from_text(text, "t.txt"))


def tables_of(text: str) -> list[StatedTable]:
    return parse(text).tables


def t_findings(d: Disclosure) -> list[Finding]:
    return run_audit(d, AuditConfig(select=["T"]))


def values(table: StatedTable, name: str) -> list[str | None]:
    row = table.find(name)
    assert row is not None, name
    return [q.plain() if q is not None else None for _, q in row.values]


# ------------------------------------------------------------------------------------------ layouts


def test_renderer_layout_with_kuan_and_xiang_rows() -> None:
    [t] = tables_of(HEAD + "公开03表 支出决算表（单位：万元）\n\n"
                    "科目编码\t科目名称\t本年支出合计\t基本支出\t项目支出\t上缴上级支出\n"
                    "\t合计\t47,545.91\t10,820.58\t36,725.33\t0.00\n"
                    "211\t节能环保支出(类)\t47,545.91\t10,820.58\t36,725.33\t\n"
                    "21101\t环境保护管理事务\t47,545.91\t10,820.58\t36,725.33\t-\n"
                    "2110101\t行政运行\t10,820.58\t10,820.58\t0.00\t\n"
                    "2110199\t其他环境保护管理事务支出\t36,725.33\t\t36,725.33\t\n")
    assert (t.number, t.standard, t.name, t.unit) == (3, 3, "支出决算表", "万元")
    assert t.columns == ["科目编码", "科目名称", "本年支出合计", "基本支出", "项目支出", "上缴上级支出"]
    assert [(r.code, r.level) for r in t.rows] == [(None, None), ("211", 1), ("21101", 2), ("2110101", 3),
                                                   ("2110199", 3)]
    assert t.rows[0].name == "合计" and t.total_row() is t.rows[0]
    assert values(t, "合计") == ["47545.91", "10820.58", "36725.33", "0.00"]
    assert values(t, "节能环保支出") == ["47545.91", "10820.58", "36725.33", None]
    assert values(t, "环境保护管理事务")[-1] is None  # a dash is no amount
    q = t.rows[0].values[0][1]
    assert q is not None and q.span is not None and (q.span.line, q.span.cell, q.text) == (6, 2, "47,545.91")


def test_two_header_rows_join_spanning_labels() -> None:
    [t] = tables_of(HEAD + "公开03表 支出决算表\n单位：元\n"
                    "项目\t\t本年支出合计\t本年支出\t\n"
                    "科目编码\t科目名称\t\t基本支出\t项目支出\n"
                    "\t合计\t900\t600\t300\n"
                    "201\t一般公共服务支出\t900\t600\t300\n")
    assert t.unit == "元"
    assert t.columns == ["项目/科目编码", "项目/科目名称", "本年支出合计", "本年支出/基本支出", "本年支出/项目支出"]
    assert t.rows[1].value("基本支出") is not None
    q = t.rows[1].values[0][1]
    assert q is not None and q.unit == "元" and q.interval().lo == Decimal("0.08995")


def test_code_and_name_in_one_cell_and_split_code() -> None:
    [a, b] = tables_of(HEAD + "公开05表 一般公共预算财政拨款支出决算表\n"
                       "科目编码\t科目名称\t合计\t基本支出\t项目支出\n"
                       "\t合计\t3.00\t1.00\t2.00\n"
                       "2110101 行政运行\t3.00\t1.00\t2.00\n\n"
                       "公开02表 收入决算表\n"
                       "科目编码\t\t\t科目名称\t本年收入合计\t财政拨款收入\t其他收入\n"
                       "类\t款\t项\n"
                       "211\t01\t01\t行政运行\t3.00\t1.00\t2.00\n")
    assert (a.rows[1].code, a.rows[1].name) == ("2110101", "行政运行")
    assert values(a, "行政运行") == ["3.00", "1.00", "2.00"]
    assert (b.rows[0].code, b.rows[0].name) == ("2110101", "行政运行")
    assert values(b, "行政运行") == ["3.00", "1.00", "2.00"]


def test_table_01_two_sides_with_row_numbers() -> None:
    text = (HEAD + "附表1\n收入支出决算总表\n编制单位：某局\t单位：万元\n"
            "收入\t\t\t支出\t\t\n"
            "项目\t行次\t决算数\t项目\t行次\t决算数\n"
            "一、一般公共预算财政拨款收入\t1\t80.00\t一、节能环保支出\t29\t90.00\n"
            "二、其他收入\t2\t20.00\t\t\t\n"
            "本年收入合计\t3\t100.00\t本年支出合计\t30\t90.00\n"
            "年初结转和结余\t4\t5.00\t年末结转和结余\t31\t15.00\n"
            "总计\t5\t105.00\t总计\t32\t105.00\n")
    [t] = tables_of(text)
    assert (t.number, t.standard, t.unit) == (None, 1, "万元")
    assert t.columns == ["收入/项目", "收入/行次", "收入/决算数", "支出/项目", "支出/行次", "支出/决算数"]
    assert [(r.side, r.name) for r in t.rows][:3] == [("收入", "一、一般公共预算财政拨款收入"),
                                                      ("支出", "一、节能环保支出"), ("收入", "二、其他收入")]
    assert all(len(r.values) == 1 for r in t.rows)  # 行次 is not an amount
    assert t_findings(parse(text)) == []
    assert {f.code for f in t_findings(parse(text.replace("\t3\t100.00", "\t3\t110.00")))} == {"T104"}


def test_table_06_in_blocks_and_merged_total() -> None:
    [t] = tables_of(HEAD + "公开06表 一般公共预算财政拨款基本支出决算表（单位：元）\n"
                    "人员经费\t\t\t公用经费\t\t\t\t\t\n"
                    "科目编码\t科目名称\t决算数\t科目编码\t科目名称\t决算数\t科目编码\t科目名称\t决算数\n"
                    "301\t工资福利支出\t900\t302\t商品和服务支出\t80\t310\t资本性支出\t20\n"
                    "30101\t基本工资\t900\t30201\t办公费\t80\t31002\t办公设备购置\t20\n"
                    "人员经费合计\t\t900\t公用经费合计\t\t\t\t\t100\n")
    sides = {(r.code or r.name): r.side for r in t.rows}
    assert sides == {"301": "人员经费", "302": "公用经费", "310": "公用经费", "30101": "人员经费",
                     "30201": "公用经费", "31002": "公用经费", "人员经费合计": "人员经费", "公用经费合计": "公用经费"}
    assert values(t, "公用经费合计") == ["100"]
    assert t_findings(parse(HEAD + "公开06表 一般公共预算财政拨款基本支出决算表（单位：元）\n" + "\n".join(
        ["人员经费\t\t\t公用经费\t\t\t\t\t",
         "科目编码\t科目名称\t决算数\t科目编码\t科目名称\t决算数\t科目编码\t科目名称\t决算数",
         "301\t工资福利支出\t900\t302\t商品和服务支出\t80\t310\t资本性支出\t20",
         "30101\t基本工资\t900\t30201\t办公费\t70\t31002\t办公设备购置\t20",
         "人员经费合计\t\t900\t公用经费合计\t\t\t\t\t100"]))) != []


def test_table_06_renderer_layout_with_category_column() -> None:
    [t] = tables_of(HEAD + "公开06表 一般公共预算财政拨款基本支出决算表（单位：万元）\n"
                    "科目编码\t科目名称\t类别\t决算数\n"
                    "\t人员经费合计\t人员经费\t9,853.08\n"
                    "301\t人员经费（工资福利支出、对个人和家庭的补助）\t人员经费\t9,853.08\n"
                    "\t公用经费合计\t公用经费\t935.80\n"
                    "302\t公用经费（商品和服务支出等）\t公用经费\t935.80\n")
    assert [r.category for r in t.rows] == ["人员经费", "人员经费", "公用经费", "公用经费"]
    assert [r.values[0][0] for r in t.rows] == ["决算数"] * 4


@pytest.mark.parametrize("quote", ["“三公”", '"三公"', "三公", "‘三公’"])
def test_table_07_name_with_any_quotes(quote: str) -> None:
    [t] = tables_of(HEAD + f"一般公共预算财政拨款{quote}经费支出决算表\n"
                    "项目\t预算数\t决算数\n合计\t3.05\t3.05\n公务接待费\t3.05\t3.05\n")
    assert (t.number, t.standard) == (None, 7) and quote.strip("“”\"‘’") in t.name


def test_table_07_with_items_as_columns() -> None:
    text = (HEAD + "公开07表 一般公共预算财政拨款“三公”经费支出决算表\n"
            "预算数\t\t\t\t\t\t决算数\t\t\t\t\t\n"
            "合计\t因公出国（境）费\t公务用车购置及运行维护费\t\t\t公务接待费\t合计\t因公出国（境）费\t"
            "公务用车购置及运行维护费\t\t\t公务接待费\n"
            "\t\t小计\t公务用车购置费\t公务用车运行费\t\t\t\t小计\t公务用车购置费\t公务用车运行费\t\n"
            "3.05\t0.00\t1.00\t0.00\t1.00\t2.05\t3.05\t0.00\t1.00\t0.00\t1.00\t2.05\n")
    [t] = tables_of(text)
    assert t.columns[2] == "预算数/公务用车购置及运行维护费/小计"
    assert len(t.rows) == 1 and len(t.rows[0].values) == 12
    assert t_findings(parse(text)) == []
    broken = t_findings(parse(text.replace("\t1.00\t0.00\t1.00\t2.05\n", "\t1.50\t0.00\t1.00\t2.05\n")))
    assert {f.code for f in broken} == {"T106"}


def test_table_04_two_sided_summary() -> None:
    [t] = tables_of(HEAD + "公开04表 财政拨款收入支出决算总表\n"
                    "收入\t\t支出\t\t\t\n"
                    "项目\t决算数\t项目\t合计\t一般公共预算财政拨款\t政府性基金预算财政拨款\n"
                    "一般公共预算财政拨款\t80.00\t节能环保支出\t80.00\t80.00\t0.00\n"
                    "本年收入合计\t80.00\t本年支出合计\t80.00\t80.00\t0.00\n"
                    "收入总计\t80.00\t支出总计\t80.00\t80.00\t0.00\n")
    assert {r.side for r in t.rows} == {"收入", "支出"}
    total = t.find("支出总计")
    assert total is not None and [label for label, _ in total.values] == [
        "支出/合计", "支出/一般公共预算财政拨款", "支出/政府性基金预算财政拨款"]


def test_empty_tables_and_what_is_not_a_table() -> None:
    text = ("目录\n公开01表 收入支出决算表……5\n公开02表 收入决算表……6\n\n" + HEAD
            + "公开08表 政府性基金预算财政拨款收入支出决算表：本年度无此项收支。\n\n"
            "国有资本经营预算财政拨款支出决算表\n金额单位：万元\n本年度无此项支出。\n\n"
            "第三部分 情况说明\n\n一、收入支出决算总体情况说明\n\n详见公开01表收入支出决算表。\n"
            "二、收入决算情况说明\n\n收入决算表反映本年收入，本年收入合计100.00万元。\n")
    tables = tables_of(text)
    assert [(t.number, t.standard, t.empty_note, t.rows) for t in tables] == [
        (8, 8, "本年度无此项收支", []), (None, 9, "本年度无此项支出", [])]


def test_page_break_name_lines_and_no_header() -> None:
    [a, b] = tables_of(HEAD + "一般公共预算财政拨款支出决算表（公开05表）\n（单位：元）\n"
                       "科目编码\t科目名称\t合计\t基本支出\t项目支出\n"
                       "合计\t\t1,000\t600\t400\n"
                       "节能环保支出（类）\n"
                       "环境保护管理事务（款）\t\t1,000\t600\t400\n"
                       "行政运行（项）\t\t600\t600\t\n"
                       "3\n\n仅供内部审核\n"
                       "科目编码\t科目名称\t合计\t基本支出\t项目支出\n"
                       "其他环境保护管理事务支出（项）\t\t400\t\t400\n\n"
                       "公开09表 国有资本经营预算财政拨款支出决算表\n"
                       "\t合计\t1.00\t1.00\n211\t节能环保支出\t1.00\t1.00\n")
    assert (a.number, a.unit) == (5, "元")
    assert [(r.name, r.level) for r in a.rows] == [
        ("合计", None), ("节能环保支出（类）", 1), ("环境保护管理事务（款）", 2), ("行政运行（项）", 3),
        ("其他环境保护管理事务支出（项）", 3)]
    assert all(q is None for _, q in a.rows[1].values)
    assert [(r.code, r.name) for r in b.rows] == [(None, "合计"), ("211", "节能环保支出")]


def test_reference_has_no_tables(reference: Disclosure) -> None:
    assert reference.tables == []
    codes = {f.code for f in run_audit(reference)}
    assert not {c for c in codes if c.startswith("T")} and "X104" not in codes


# ---------------------------------------------------------------------------------- rendered example


@pytest.fixture(scope="module")
def rendered(tmp_path_factory: pytest.TempPathFactory) -> Disclosure:
    import juesuan
    from juesuan.render import render
    from juesuan.render.data import load

    out = tmp_path_factory.mktemp("public-tables") / "example.txt"
    render(load(EXAMPLE), out)
    return juesuan.read(out)


def test_rendered_example_has_all_nine_tables(rendered: Disclosure) -> None:
    assert sorted(t.standard for t in rendered.tables if t.standard) == list(range(1, 10))
    assert [t.number for t in rendered.tables] == list(range(1, 10))
    t1 = find_table(rendered.tables, 1)
    assert t1 is not None
    totals = [r for r in t1.rows if r.key in ("收入总计", "支出总计")]
    assert [(r.side, r.values[0][1].text if r.values[0][1] else None) for r in totals] == [
        ("收入", "47,549.83"), ("支出", "47,549.83")]
    for table in rendered.tables:
        if table.standard in (8, 9) and not table.rows:
            assert table.empty_note


def test_rendered_example_has_no_table_findings(rendered: Disclosure) -> None:
    codes = [f.code for f in run_audit(rendered)]
    assert [c for c in codes if c.startswith(("T", "X"))] == []


# ----------------------------------------------------------------------------------- property test

CENT = Decimal("0.01")
LAYOUTS = {
    3: ("支出决算表", ("本年支出合计", "基本支出", "项目支出")),
    5: ("一般公共预算财政拨款支出决算表", ("合计", "基本支出", "项目支出")),
    2: ("收入决算表", ("本年收入合计", "财政拨款收入", "其他收入")),
}

@st.composite
def hierarchies(draw: st.DrawFn) -> tuple[int, list[tuple[str, str, int]], dict[str, list[Decimal]]]:
    """A random 类/款/项 hierarchy with true amounts (four decimals) for the two part columns."""
    standard = draw(st.sampled_from(sorted(LAYOUTS)))
    amount = st.integers(min_value=0, max_value=10**9).map(lambda n: Decimal(n).scaleb(-4))
    rows: list[tuple[str, str, int]] = []
    leaves: dict[str, list[Decimal]] = {}
    for c in range(draw(st.integers(1, 3))):
        lei = f"2{c + 10:02d}"
        rows.append((lei, f"第{c + 1}类支出", 1))
        for k in range(draw(st.integers(1, 3))):
            kuan = f"{lei}{k + 1:02d}"
            rows.append((kuan, f"第{c + 1}类第{k + 1}款", 2))
            for x in range(draw(st.integers(1, 3))):
                xiang = f"{kuan}{x + 1:02d}"
                rows.append((xiang, f"第{c + 1}类第{k + 1}款第{x + 1}项", 3))
                leaves[xiang] = [draw(amount), draw(amount)]
    return standard, rows, leaves


def _true(code: str | None, leaves: dict[str, list[Decimal]], column: int) -> Decimal:
    return sum((v[column] for k, v in leaves.items() if code is None or k.startswith(code)), Decimal(0))


def _balanced(rows: list[tuple[str, str, int]], leaves: dict[str, list[Decimal]]) -> dict[str | None, list[Decimal]]:
    """舍位平衡 top-down per part column (合计 rounded half-up, each family balanced to its parent);
    the total column is the sum of the shown parts. Every identity then holds exactly."""
    shown: dict[str | None, list[Decimal]] = {None: [Decimal(0), Decimal(0)]}
    for column in (0, 1):
        shown[None][column] = _true(None, leaves, column).quantize(CENT, rounding=ROUND_HALF_UP)
        parents: list[str | None] = [None] + [code for code, _, _ in rows]
        for parent in parents:
            kids = [code for code, _, level in rows
                    if (parent is None and level == 1) or (parent is not None and code[:-2] == parent)]
            if not kids:
                continue
            target = shown[parent][column]
            for code, value in zip(kids, balance([_true(k, leaves, column) for k in kids], target), strict=True):
                shown.setdefault(code, [Decimal(0), Decimal(0)])[column] = value
    return {code: [a + b, a, b] for code, (a, b) in shown.items()}


def _rounded(rows: list[tuple[str, str, int]], leaves: dict[str, list[Decimal]]) -> dict[str | None, list[Decimal]]:
    """Every cell rounded half-up on its own: sums may miss their totals by the accumulated rounding,
    which the interval comparison must accept (the true values lie in every printed interval)."""
    out: dict[str | None, list[Decimal]] = {}
    for code in [None, *(c for c, _, _ in rows)]:
        a, b = _true(code, leaves, 0), _true(code, leaves, 1)
        out[code] = [v.quantize(CENT, rounding=ROUND_HALF_UP) for v in (a + b, a, b)]
    return out


def _money(value: Decimal) -> str:
    return f"{value:,.2f}"


def _document(standard: int, rows: list[tuple[str, str, int]], shown: dict[str | None, list[Decimal]]) -> str:
    name, (total, first, second) = LAYOUTS[standard]
    lines = [f"公开{standard:02d}表 {name}（单位：万元）", f"科目编码\t科目名称\t{total}\t{first}\t{second}"]
    for code, label in [(None, "合计"), *((c, n) for c, n, _ in rows)]:
        lines.append(f"{code or ''}\t{label}\t" + "\t".join(_money(v) for v in shown[code]))
    return HEAD + "\n".join(lines) + "\n"


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(hierarchies(), st.sampled_from([_balanced, _rounded]), st.data())
def test_rounded_hierarchies_read_back_and_audit_clean(
        case: tuple[int, list[tuple[str, str, int]], dict[str, list[Decimal]]],
        rounding: Callable[[list[tuple[str, str, int]], dict[str, list[Decimal]]], dict[str | None, list[Decimal]]],
        data: st.DataObject) -> None:
    standard, rows, leaves = case
    shown = rounding(rows, leaves)
    text = _document(standard, rows, shown)
    d = parse(text)
    [table] = d.tables
    assert table.standard == standard and len(table.rows) == len(rows) + 1
    for row in table.rows:
        assert [q.value if q is not None else None for _, q in row.values] == shown[row.code]
    assert t_findings(d) == []

    # one wrong digit in the integer part of any amount cell is found
    lines = text.split("\n")
    first_row = lines.index(next(ln for ln in lines if ln.startswith("\t合计")))
    at = data.draw(st.integers(first_row, first_row + len(rows)), label="row")
    cells = lines[at].split("\t")
    column = data.draw(st.integers(2, 4), label="column")
    digits = [i for i, ch in enumerate(cells[column].split(".")[0]) if ch.isdigit()]
    pos = data.draw(st.sampled_from(digits), label="digit")
    old = cells[column][pos]
    new = data.draw(st.sampled_from([d for d in "0123456789" if d != old]), label="new digit")
    cells[column] = cells[column][:pos] + new + cells[column][pos + 1:]
    lines[at] = "\t".join(cells)
    found = t_findings(parse("\n".join(lines)))
    assert found, (lines[at], old, new)
    assert all(f.quoted_on("\n".join(lines).split("\n")[(f.line or 1) - 1]) for f in found)


# ------------------------------------------------------------------------------- review regressions

T03_HEAD = (HEAD + "公开03表 支出决算表（单位：万元）\n"
            "科目编码\t科目名称\t本年支出合计\t基本支出\t项目支出\n")


def test_a_running_header_between_rows_is_not_a_row() -> None:
    text = (T03_HEAD + "\t合计\t110.00\t60.00\t50.00\n"
            "211\t节能环保支出\t100.00\t60.00\t40.00\n"
            "晋城市生态环境局2024年度部门决算\n"
            "221\t住房保障支出\t10.00\t0.00\t10.00\n")
    [t] = tables_of(text)
    assert [(r.code, r.name) for r in t.rows] == [(None, "合计"), ("211", "节能环保支出"), ("221", "住房保障支出")]
    assert t_findings(parse(text)) == []
    # the 合计 is still checked against its 类 rows (a loose row would switch the check off)
    wrong = t_findings(parse(text.replace("\t合计\t110.00\t60.00\t50.00", "\t合计\t120.00\t60.00\t60.00")))
    assert {(f.code, f.quote) for f in wrong} == {("T102", "120.00"), ("T102", "60.00")}


def test_lone_lines_with_a_marker_or_a_code_or_a_wrapped_name_are_rows() -> None:
    text = (T03_HEAD + "\t合计\t100.00\t60.00\t40.00\n"
            "211 节能环保支出\n"
            "21101\t环境保护管理事务\t100.00\t60.00\t40.00\n"
            "2110101\t行政运行\t60.00\t60.00\t0.00\n"
            "其他环境保护管理事务支出\n"
            "2110199\t\t40.00\t0.00\t40.00\n")
    [t] = tables_of(text)
    assert [(r.code, r.name) for r in t.rows] == [
        (None, "合计"), ("211", "节能环保支出"), ("21101", "环境保护管理事务"), ("2110101", "行政运行"),
        ("2110199", "其他环境保护管理事务支出")]
    assert values(t, "其他环境保护管理事务支出") == ["40.00", "0.00", "40.00"]


def test_a_line_repeated_on_several_pages_is_skipped() -> None:
    running = "部门决算公开\n"
    text = (T03_HEAD + "\t合计\t100.00\t60.00\t40.00\n" + running
            + "211\t\t100.00\t60.00\t40.00\n" + running
            + "2110101\t行政运行\t100.00\t60.00\t40.00\n")
    [t] = tables_of(text)
    assert [(r.code, r.name) for r in t.rows] == [(None, "合计"), ("211", ""), ("2110101", "行政运行")]


@pytest.mark.parametrize("first", ["合计\t—\t—\n", "因公出国（境）费\t-\t-\n", "合计\t\t\n"])
def test_leading_dash_rows_are_data_not_header(first: str) -> None:
    text = (HEAD + "公开07表 一般公共预算财政拨款“三公”经费支出决算表（单位：万元）\n"
            "项目\t预算数\t决算数\n" + first
            + "因公出国（境）费\t—\t—\n"
            "公务用车购置及运行维护费\t1.00\t1.50\n公务用车购置费\t0.00\t0.00\n公务用车运行维护费\t1.00\t1.00\n"
            "公务接待费\t2.00\t2.00\n")
    [t] = tables_of(text)
    assert t.columns == ["项目", "预算数", "决算数"]
    assert t.rows[0].name == first.split("\t")[0]
    found = t_findings(parse(text))
    assert [(f.code, f.quote) for f in found] == [("T106", "1.50")]


def test_a_leading_code_row_is_data() -> None:
    [t] = tables_of(HEAD + "公开05表 一般公共预算财政拨款支出决算表\n"
                    "211 节能环保支出\t\t\t\n"
                    "2110101 行政运行\t3.00\t1.00\t2.00\n")
    assert [r.code for r in t.rows] == ["211", "2110101"]


def test_amount_cells_that_are_not_amounts_keep_their_text() -> None:
    [t] = tables_of(T03_HEAD + "\t合计\t1,234.50万元\t八百\t1 234.56\n"
                    "211\t节能环保支出\t12.3%\t1,234.50元\t见附注\n")
    total, row = t.rows
    assert values(t, "合计") == ["1234.50", None, "1234.56"]  # 万元 in a 万元 table; grouped by a space
    q = total.values[0][1]
    assert q is not None and q.text == "1,234.50" and q.unit == "万元"
    assert [(c.index, c.column, c.text) for c in total.unreadable] == [(1, "基本支出", "八百")]
    assert values(t, "节能环保支出") == [None, None, None]
    assert [c.text for c in row.unreadable] == ["12.3%", "1,234.50元", "见附注"]
    assert row.unreadable[2].span.cell == 4 and not row.blank and total.unreadable_at(1) is not None


def test_a_thin_space_groups_thousands() -> None:
    [t] = tables_of(T03_HEAD + "\t合计\t1\u2009234.56\t1\u202f000.00\t234.56\n")
    assert values(t, "合计") == ["1234.56", "1000.00", "234.56"]
    assert t.rows[0].unreadable == []


def test_a_form_row_naming_a_table_is_not_a_caption() -> None:
    text = (HEAD + "公开01表 收入支出决算表（单位：万元）\n收入项目\t决算数\t支出项目\t决算数\n"
            "财政拨款收入\t100.00\t节能环保支出\t100.00\n收入总计\t100.00\t支出总计\t100.00\n\n"
            "附件\n\n项目支出绩效自评表\n项目名称\t决算公开工作\n"
            "一级指标\t二级指标\t三级指标\t年初指标值\n"
            "\t按时完成收入支出决算表填报\t是\t是\n"
            "产出指标\t数量指标\t公开表数量\t9\n")
    assert [t.standard for t in tables_of(text)] == [1]


@pytest.mark.parametrize(("caption", "standard"), [
    ("附表1 收入支出决算总表", 1), ("附件2：收入决算表", 2), ("晋城市生态环境局2024年度支出决算表", 3),
    ("2024年晋城市生态环境局财政拨款收入支出决算表", 4), ("一般公共预算财政拨款支出决算表（公开05表）", 5),
    ("公开06表 一般公共预算财政拨款基本支出决算表", 6), ("2024年度部门收入支出决算表", 1),
    ("（公开01表）收入支出决算总表", 1), ("一、收入支出决算总表", 1),
    ("关于收入支出决算表", None), ("按时完成收入决算表填报", None), ("收入支出决算表填报情况", None),
    ("本表为公开03表", None),
])
def test_a_caption_starts_with_the_table_number_or_name(caption: str, standard: int | None) -> None:
    tables = tables_of(HEAD + caption + "\n项目\t决算数\n合计\t1.00\n")
    assert [t.standard for t in tables] == ([standard] if standard else [])


@pytest.mark.parametrize(("unit", "amount"), [("元", "900,000"), ("千元", "900.0"), ("万元", "90.00"),
                                              ("亿元", "0.009")])
def test_table_units(unit: str, amount: str) -> None:
    t01 = ("公开01表 收入支出决算表（单位：万元）\n收入项目\t决算数\t支出项目\t决算数\n"
           "财政拨款收入\t90.00\t节能环保支出\t90.00\n本年收入合计\t90.00\t本年支出合计\t90.00\n"
           "收入总计\t90.00\t支出总计\t90.00\n\n")
    t03 = (f"公开03表 支出决算表\n金额单位：{unit}\n科目编码\t科目名称\t本年支出合计\n"
           f"\t合计\t{amount}\n211\t节能环保支出\t{amount}\n")
    d = parse(HEAD + t01 + t03)
    assert d.tables[1].unit == unit
    assert t_findings(d) == []
    wrong = amount.replace("9", "8")
    found = t_findings(parse(HEAD + t01 + t03.replace(f"\t合计\t{amount}", f"\t合计\t{wrong}")))
    assert "T105" in {f.code for f in found}


def test_a_caption_followed_by_a_header_only_is_a_table_without_rows() -> None:
    [t] = tables_of(HEAD + "公开05表 一般公共预算财政拨款支出决算表\n科目编码\t科目名称\t合计\t基本支出\t项目支出\n\n"
                    "第三部分 情况说明\n")
    assert t.standard == 5 and t.rows == [] and t.empty_note is None


def test_lines_between_rows_over_two_lines_and_a_marker_row_without_amounts() -> None:
    text = (T03_HEAD + "\t合计\t110.00\t60.00\t50.00\n"
            "节能环保支出（类）\n"
            "环境保护管理事务（款）\t\t\t\t\n"
            "行政运行（项）\t\t100.00\t60.00\t40.00\n"
            "晋城市生态环境局\n2024年度部门决算\n"
            "住房保障支出（类）\t\t10.00\t0.00\t10.00\n")
    [t] = tables_of(text)
    assert [r.name for r in t.rows] == ["合计", "节能环保支出（类）", "环境保护管理事务（款）", "行政运行（项）",
                                        "住房保障支出（类）"]
    assert t_findings(parse(text)) == []
    wrong = text.replace("住房保障支出（类）\t\t10.00", "住房保障支出（类）\t\t11.00")
    assert {f.code for f in t_findings(parse(wrong))} == {"T102", "T103"}


# ------------------------------------------------------- Shanghai and other provincial variants
# Fixtures below use the wording of the Shanghai Putuo 2024 决算 (and the blank Shanghai template),
# in the text-export format the PDF reader gives them: a merged header cell becomes a line of its own
# (科目编码, 财政拨款“三公”经费) or lends its labels to the first data row (类 | 款 | 项 | 合计 | …).

SH_UNIT = "单位：万元\n"


@pytest.mark.parametrize(("caption", "standard"), [
    ("收入支出决算总表", 1), ("收入决算表", 2), ("支出决算表", 3), ("财政拨款收入支出决算总表", 4),
    ("一般公共预算财政拨款支出决算表", 5), ("一般公共预算财政拨款基本支出决算表", 6),
    ("财政拨款“三公”经费支出决算表", 7), ("政府性基金预算财政拨款收入支出决算表", 8),
    ("国有资本经营预算财政拨款收入支出决算表", 9),
    ("上海市普陀区财政局2024年度收入支出决算总表", 1),
    ("中共上海市普陀区委社会工作部2024年度财政拨款收入支出决算总表", 4),
    ("二、收入决算总表", 2), ("三、支出决算总表", 3),                       # Shaanxi 柞水 2020
    ("表7：一般公共预算财政拨款“三公”经费及会议费、培训费支出决算表", 7),
    ("六、一般公共预算财政拨款基本支出决算明细表", 6),                         # 湛江 2021
    ("五、一般公共预算财政拨款收入支出决算表", 5),                             # 楚雄 2019
    ("八、“三公”经费、行政参公单位机关运行经费情况表", 7),
    ("政府性基金预算财政拨款支出决算表", 8), ("表9：国有资本经营预算财政拨款支出决算表", 9),
    ("七、财政拨款“三公”经费支出决算情况说明", None),
    ("一般公共预算财政拨款支出决算明细表", None),                               # Sichuan's extra tables
    ("一般公共预算财政拨款项目支出决算表", None), ("财政拨款支出决算明细表", None),
    ("项目收入支出决算表", None), ("行政参公单位机关运行经费情况表", None),   # Inner Mongolia, Yunnan
    ("表九 一般公共预算财政拨款“三公”经费支出决算表", 7),                    # Guangxi: 三公 last
])
def test_provincial_table_names(caption: str, standard: int | None) -> None:
    tables = tables_of(HEAD + caption + "\n" + SH_UNIT + "项目\t决算数\n合计\t1.00\n")
    assert [t.standard for t in tables] == ([standard] if standard else [])


SH_T07 = ("财政拨款“三公”经费支出决算表\n" + SH_UNIT + "财政拨款“三公”经费\n"
          "合计\t\t因公出国（境）费\t\t公务用车购置及运行费\t\t\t\t\t\t公务接待费\t\n"
          "\t\t\t\t小计\t\t公务用车购置费\t\t公务用车运行费\t\t\t\n"
          "预算数\t决算数\t预算数\t决算数\t预算数\t决算数\t预算数\t决算数\t预算数\t决算数\t预算数\t决算数\n"
          "2.85\t0.39\t0.00\t0.00\t0.00\t0.00\t0.00\t0.00\t0.00\t0.00\t2.85\t0.39\n"
          "注：本表反映部门本年度“三公”经费支出预决算情况。\n")


def test_shanghai_three_public_title_row_and_three_header_rows() -> None:
    [t] = tables_of(HEAD + SH_T07)
    assert t.standard == 7 and t.number is None and t.unit == "万元"
    assert t.columns[:2] == ["合计/预算数", "合计/决算数"]
    assert t.columns[5] == "公务用车购置及运行费/小计/决算数"
    # a span under 公务用车购置及运行费 ends where 公务接待费 begins in the row above
    assert t.columns[8:] == ["公务用车购置及运行费/公务用车运行费/预算数", "公务用车购置及运行费/公务用车运行费/决算数",
                             "公务接待费/预算数", "公务接待费/决算数"]
    assert [q.plain() if q else None for _, q in t.rows[0].values][-2:] == ["2.85", "0.39"]
    assert t_findings(parse(HEAD + SH_T07)) == []
    wrong = SH_T07.replace("2.85\t0.39\t0.00", "2.85\t0.93\t0.00")
    assert {f.code for f in t_findings(parse(HEAD + wrong))} == {"T106"}


SH_T02 = ("收入决算表\n" + SH_UNIT
          + "项目\t\t\t\t本年收入合计\t财政拨款收入\t上级补助收入\t事业收入\t经营收入\t附属单位上缴收入\t其他收入\n"
          "支出功能分类\t\t\t科目名称\n"
          "科目编码\n"
          "类\t款\t项\t合计\t2,946.25\t2,940.05\t\t\t\t\t6.20\n"
          "201\t\t\t一般公共服务支出\t2,112.86\t2,106.66\t\t\t\t\t6.20\n"
          "201\t06\t\t财政事务\t2,112.86\t2,106.66\t\t\t\t\t6.20\n"
          "201\t06\t01\t行政运行\t1,511.90\t1,511.89\t\t\t\t\t0.01\n"
          "201\t06\t02\t一般行政管理事务\t600.96\t594.77\t\t\t\t\t6.19\n"
          "208\t\t\t社会保障和就业支出\t833.39\t833.39\n"
          "208\t05\t\t行政事业单位养老支出\t833.39\t833.39\n"
          "208\t05\t01\t行政单位离退休\t833.39\t833.39\n")


def test_two_line_header_with_code_labels_on_the_total_row() -> None:
    d = parse(HEAD + SH_T02)
    [t] = d.tables
    assert t.columns[:4] == ["项目/支出功能分类/类", "项目/支出功能分类/款", "项目/支出功能分类/项", "项目/科目名称"]
    assert [(r.code, r.name) for r in t.rows[:4]] == [
        (None, "合计"), ("201", "一般公共服务支出"), ("20106", "财政事务"), ("2010601", "行政运行")]
    assert values(t, "合计")[:2] == ["2946.25", "2940.05"] and values(t, "合计")[-1] == "6.20"
    assert all(not r.unreadable for r in t.rows)  # 类/款/项 are labels, not amounts: no T107
    assert t_findings(d) == []
    wrong = SH_T02.replace("208\t05\t01\t行政单位离退休\t833.39", "208\t05\t01\t行政单位离退休\t823.39")
    assert {f.code for f in t_findings(parse(HEAD + wrong))} == {"T102", "T103"}


def test_code_label_row_of_its_own_and_the_total_last() -> None:
    [t] = tables_of(HEAD + "一般公共预算财政拨款支出决算表\n" + SH_UNIT
                    + "项目\t\t\t\t合计\t基本支出\t项目支出\n支出功能分类\t\t\t科目名称\n科目编码\n类\t款\t项\n"
                    "201\t\t\t一般公共服务支出\t2,106.66\t1,503.52\t603.14\n"
                    "201\t06\t\t财政事务\t2,106.66\t1,503.52\t603.14\n"
                    "合计\t\t\t\t2,106.66\t1,503.52\t603.14\n")
    assert [(r.code, r.name) for r in t.rows] == [("201", "一般公共服务支出"), ("20106", "财政事务"), (None, "合计")]
    assert t.total_row() is t.rows[-1]


def test_numbered_fund_lines_inside_table_04_are_rows() -> None:
    text = (HEAD + "财政拨款收入支出决算总表\n" + SH_UNIT
            + "收入\t\t支出\t\t\n"
            "项目\t决算数\t项目\t合计\t一般公共预算财政拨款\n"
            "一、一般公共预算财政拨款\t2,940.05\t一、一般公共服务支出\t2,940.05\t2,940.05\n"
            "二、政府性基金预算财政拨款\t\t二、外交支出\t\t\n"
            "本年收入合计\t2,940.05\t本年支出合计\t2,940.05\t2,940.05\n"
            "年初财政拨款结转和结余\t21.63\t年末财政拨款结转和结余\t21.63\t21.63\n"
            "一、一般公共预算财政拨款\t21.63\n"
            "二、政府性基金预算财政拨款\n"
            "三、国有资本经营预算财政拨款\n"
            "总计\t2,961.68\t总计\t2,961.68\t2,961.68\n")
    [t] = tables_of(text)
    income = [r.name for r in t.rows if r.side == "收入"]
    assert income[-4:] == ["一、一般公共预算财政拨款", "二、政府性基金预算财政拨款", "三、国有资本经营预算财政拨款",
                           "总计"]
    assert t_findings(parse(text)) == []
    wrong = text.replace("总计\t2,961.68\t总计", "总计\t2,691.68\t总计")
    assert {f.code for f in t_findings(parse(wrong))} == {"T101", "T104"}


@pytest.mark.parametrize(("under", "unit"), [
    ("单位：万元", "万元"), ("单位：元", "元"), ("金额单位：万元", "万元"), ("单位:千元", "千元"),
    ("编制单位：上海市普陀区财政局\t单位：元", "元"),
])
def test_unit_on_the_line_under_the_caption(under: str, unit: str) -> None:
    [t] = tables_of(HEAD + "支出决算表\n" + under + "\n科目编码\t科目名称\t本年支出合计\n\t合计\t90.00\n")
    assert t.unit == unit


def test_unit_in_a_header_label() -> None:
    [t] = tables_of(HEAD + "支出决算表\n科目编码\t科目名称\t本年支出合计（元）\t基本支出（元）\n\t合计\t900\t900\n")
    assert t.unit == "元" and t.columns[2:] == ["本年支出合计", "基本支出"]


@pytest.mark.parametrize(("notes", "note"), [
    ("注：本表反映部门本年度政府性基金预算财政拨款收入支出及结转和结余情况。\n"
     "说明：上海市普陀区规划和自然资源局本年度没有政府性基金预算财政拨款收入和支出，故本表无数据。\n",
     "上海市普陀区规划和自然资源局本年度没有政府性基金预算财政拨款收入和支出，故本表无数据"),
    ("合计\n注：上海市普陀区财政局无政府性基金预算财政拨款支出，故本表无数据。\n",
     "上海市普陀区财政局无政府性基金预算财政拨款支出，故本表无数据"),
    ("本年度无此项收支。\n", "本年度无此项收支"),
    ("说明：本单位无政府性基金预算财政拨款，故本表为空。\n", "本单位无政府性基金预算财政拨款，故本表为空"),
    ("（本表无数据）\n", "本表无数据"),
])
def test_empty_table_notes_under_the_header(notes: str, note: str) -> None:
    text = (HEAD + "政府性基金预算财政拨款收入支出决算表\n" + SH_UNIT
            + "项目\t\t年初结转和结余\t本年收入\t本年支出\t\t\t年末结转和结余\n"
            "功能分类科目编码\t科目名称\n"
            "合计\t\t\t\t合计\t基本支出\t项目支出\n" + notes + "\n第三部分 情况说明\n")
    [t] = tables_of(text)
    assert (t.standard, t.empty_note) == (8, note)
    assert t_findings(parse(text)) == []  # said empty: no T108


def test_an_instruction_left_from_the_template_is_no_note() -> None:
    text = (HEAD + "政府性基金预算财政拨款收入支出决算表\n" + SH_UNIT
            + "项目\t\t年初结转和结余\t本年收入\t本年支出\t\t\t年末结转和结余\n"
            "功能分类科目编码\t科目名称\n"
            "无政府性基金预算财政拨款收入支出的，仍保留该表格式，并在本表下方作下述说明：\n")
    [t] = tables_of(text)
    assert t.empty_note is None and [f.code for f in t_findings(parse(text))] == ["T108"]


def test_blank_template_rows_are_rows_not_header() -> None:
    [t] = tables_of(HEAD + "收入支出决算总表\n" + SH_UNIT + "收入\t\t支出\t\n项目\t决算数\t项目\t决算数\n"
                    "一、一般公共预算财政拨款收入\t\t一、一般公共服务支出\t\n"
                    "本年收入合计\t\t本年支出合计\t\n")
    assert t.columns == ["收入/项目", "收入/决算数", "支出/项目", "支出/决算数"]
    assert [r.name for r in t.rows] == ["一、一般公共预算财政拨款收入", "一、一般公共服务支出", "本年收入合计",
                                        "本年支出合计"]


def test_table_06_blocks_take_no_side_from_a_column_label() -> None:
    [t] = tables_of(HEAD + "一般公共预算财政拨款基本支出决算表\n" + SH_UNIT
                    + "经济分类科目编码\t科目名称\t决算数\t经济分类科目编码\t科目名称\t决算数\n"
                    "301\t工资福利支出\t95.36\t302\t商品和服务支出\t10.23\n"
                    "人员经费合计\t\t95.36\t公用经费合计\t\t10.23\n")
    assert {r.side for r in t.rows} == {None}
    assert [r.name for r in t.rows] == ["工资福利支出", "商品和服务支出", "人员经费合计", "公用经费合计"]


@pytest.mark.parametrize("note", ["本单位2024年度无“三公”经费支出。", "本部门无“三公”经费支出，故此表为空。"])
def test_three_public_table_said_empty(note: str) -> None:
    text = HEAD + "财政拨款“三公”经费支出决算表\n部门：上海市普陀区某局\t单位：万元\n" + SH_T07.split("\n", 2)[2].split(
        "2.85")[0] + "\n" + note + "\n"
    [t] = tables_of(text)
    assert t.standard == 7 and t.rows == [] and t.empty_note == note.rstrip("。")[note.find("本"):]


def test_a_continued_caption_continues_the_table() -> None:
    head = "科目编码\t科目名称\t合计\t基本支出\t项目支出\n"
    [t] = tables_of(HEAD + "一般公共预算财政拨款支出决算表\n" + SH_UNIT + head
                    + "\t合计\t10.00\t10.00\t0.00\n201\t一般公共服务支出\t6.00\t6.00\t0.00\n"
                    "一般公共预算财政拨款支出决算表（续）\n" + SH_UNIT + head
                    + "208\t社会保障和就业支出\t4.00\t4.00\t0.00\n")
    assert [r.code for r in t.rows] == [None, "201", "208"]
