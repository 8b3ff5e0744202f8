"""公开02/03/05/08/09表 at 类/款/项 level: layout, hierarchical 舍位平衡, and the input errors."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from juesuan.model.public_tables import FinalAccounts
from juesuan.read.errors import InputError
from juesuan.render import render_text
from juesuan.render.blocks import Paragraph, Table
from juesuan.render.data import validate
from juesuan.render.document import public_tables
from juesuan.render.figures import Figures, TableRow, compute, money
from juesuan.render.rounding import balance

ZERO = Decimal(0)
CENT = Decimal("0.01")
EXPENSE = ["basic", "project", "superior_remit", "operating_expense", "subsidiary_grant"]
INCOME = ["income_fiscal", "income_superior", "income_business", "income_operating", "income_affiliated",
          "income_other"]
AMOUNTS = [*EXPENSE, "general_basic", "general_project", "fund_basic", "fund_project", "capital_basic",
           "capital_project", *INCOME]
NAMES = {
    "201": "一般公共服务支出", "20103": "政府办公厅（室）及相关机构事务", "2010301": "行政运行",
    "2010350": "事业运行", "20106": "财政事务", "2010601": "行政运行",
    "211": "节能环保支出", "21101": "环境保护管理事务", "2110101": "行政运行", "2110104": "生态环境保护宣传",
    "21103": "污染防治", "2110301": "大气", "2110302": "水体", "2110399": "其他污染防治支出",
    "21104": "自然生态保护",
}


def _yuan(seed: int, field: int) -> Decimal:
    """A deterministic amount in 元 with cents, so that 万元 figures have remainders."""
    return Decimal((seed * 7919 + field * 104729) % 9_999_999 * 1013 % 98_765_432_1) / 100


def sample_leaves() -> dict[str, dict[str, Decimal]]:
    leaves = ["2010301", "2010350", "2010601", "2110101", "2110104", "2110301", "2110302", "2110399", "21104"]
    out: dict[str, dict[str, Decimal]] = {}
    for n, code in enumerate(leaves):
        row = {field: _yuan(n + 1, i) for i, field in enumerate(AMOUNTS)}
        for field in ("superior_remit", "operating_expense", "fund_basic", "capital_project", "income_superior"):
            if n % 3:
                row[field] = ZERO  # some columns empty on some rows, as in real tables
        out[code] = _appropriated(row)
    return out


def _appropriated(row: dict[str, Decimal]) -> dict[str, Decimal]:
    """The row's 财政拨款收入 covers its appropriated spending (so no budget has negative income)."""
    spent = sum((row[f] for f in AMOUNTS[5:11]), ZERO)
    return {**row, "income_fiscal": row["income_fiscal"] + spent}


def accounts(leaves: dict[str, dict[str, Decimal]], parents: dict[str, dict[str, Decimal]] | None = None,
             **changes: Any) -> dict[str, Any]:
    """A balanced input (元) whose function rows are ``leaves`` and their 类/款 parents."""
    codes = set(leaves)
    codes |= {c[:5] for c in leaves if len(c) == 7} | {c[:3] for c in leaves}

    def total(field: str, prefix: str = "") -> Decimal:
        return sum((row.get(field, ZERO) for code, row in leaves.items() if code.startswith(prefix)), ZERO)

    functions = []
    for code in sorted(codes):
        row: dict[str, Any] = {"code": code, "name": NAMES.get(code, f"科目{code}")}
        row.update({k: str(v) for k, v in (leaves.get(code) or (parents or {}).get(code) or {}).items()})
        if len(code) == 3:
            row.update(general_budget=str(total("general_basic", code)), general_prior="1000000",
                       purpose=f"用于{row['name']}")
        functions.append(row)
    fund, capital = total("fund_basic") + total("fund_project"), total("capital_basic") + total("capital_project")
    general = total("general_basic") + total("general_project")
    fiscal_general = total("income_fiscal") - fund - capital
    income = {"fiscal_general": fiscal_general, "fiscal_fund": fund, "fiscal_capital": capital,
              "superior": total("income_superior"), "business": total("income_business"),
              "operating": total("income_operating"), "affiliated": total("income_affiliated"),
              "other": total("income_other")}
    received = total("income_fiscal") + sum(total(f) for f in INCOME[1:])
    spent = sum(total(f) for f in EXPENSE)
    begin = max(ZERO, spent - received)
    fiscal_begin = max(ZERO, general - fiscal_general)
    raw: dict[str, Any] = {
        "department": "测试局", "year": 2024, "unit": "元",
        "income": {**{k: str(v) for k, v in income.items()}, "carryover_begin": str(begin),
                   "fiscal_carryover_begin": str(fiscal_begin)},
        "carryover_end": str(received + begin - spent),
        "fiscal_carryover_end": str(fiscal_general + fiscal_begin - general),
        "functions": functions,
        "prior": {"total": "100000000", "fiscal_total": "90000000", "general_total": "80000000"},
        "economic": [{"code": "301", "name": "工资福利支出", "amount": str(total("general_basic")),
                      "kind": "人员经费"}] if total("general_basic") else [],
    }
    raw.update(changes)
    return raw


@pytest.fixture(scope="module")
def data() -> FinalAccounts:
    return validate(accounts(sample_leaves()))


def _exact(data: FinalAccounts, fields: list[str], code: str) -> list[Decimal]:
    """A row's exact amounts in 万元: the sum of the deepest rows at or under it."""
    codes = [r.code for r in data.functions]
    leaves = [r for r in data.functions if not any(c != r.code and c.startswith(r.code) for c in codes)]
    return [sum((getattr(r, f) or ZERO for r in leaves if r.code.startswith(code)), ZERO) / 10000 for f in fields]


def _check_table(rows: list[TableRow], data: FinalAccounts, fields: list[str],
                 identity: str = "total") -> None:
    """合计 first; every displayed parent = Σ displayed children in every column; the row identity;
    every displayed value within a cent of its exact value."""
    assert rows[0].code == "" and rows[0].name == "合计"
    codes = [r.code for r in rows[1:]]
    assert codes == sorted(codes)
    by_code = {r.code: r.values for r in rows}
    all_codes = {r.code for r in data.functions}
    for code, values in by_code.items():
        kids = [c for c in codes if len(c) == (len(code) + 2 if code else 3) and c.startswith(code)]
        if code == "" or any(c != code and c.startswith(code) for c in all_codes):
            assert list(values) == [sum((by_code[k][i] for k in kids), ZERO) for i in range(len(values))], code
        if identity == "total":
            assert values[0] == sum(values[1:], ZERO), code
            amounts = list(values[1:])
        else:  # 08: 年初 + 本年收入 = 本年支出合计 + 年末, 本年支出合计 = 基本 + 项目
            begin, received, spent, basic, project, end = values
            assert spent == basic + project and begin + received == spent + end, code
            amounts = [basic, project]
        exact = _exact(data, fields, code)
        for shown, true in zip([sum(amounts, ZERO), *amounts], [sum(exact, ZERO), *exact], strict=True):
            assert abs(shown - true) < CENT, (code, shown, true)
            assert shown == shown.quantize(CENT)


def _check_all(data: FinalAccounts, f: Figures) -> None:
    _check_table(f.expense_table, data, EXPENSE)
    _check_table(f.general_table, data, ["general_basic", "general_project"])
    if f.income_table[1:]:
        _check_table(f.income_table, data, INCOME)
    if f.fund_table:
        _check_table(f.fund_table, data, ["fund_basic", "fund_project"], identity="08")
    if f.capital_table:
        _check_table(f.capital_table, data, ["capital_basic", "capital_project"])
    # the 合计 rows are the figures the narrative and 公开01/04表 quote
    assert f.expense_table[0].values == (f.expense_year, f.basic, f.project, f.superior_remit,
                                         f.operating_expense, f.subsidiary_grant)
    assert f.general_table[0].values == (f.general, f.general_basic, f.general_project)
    assert f.income_table[0].values == (f.income_year, *(v for _, v in f.income_parts))
    assert not f.fund_table or f.fund_table[0].values[1:3] == (f.fiscal_fund, f.fiscal_fund)
    assert not f.capital_table or f.capital_table[0].values[0] == f.fiscal_capital
    classes = {r.code: r.values for r in f.expense_table}
    general = {r.code: r.values for r in f.general_table}
    for c in f.classes:
        assert classes.get(c.row.code, (ZERO,) * 6)[:3] == (c.total, c.basic, c.project)
        assert general.get(c.row.code, (ZERO,) * 3) == (c.general, c.general_basic, c.general_project)
    assert f.fiscal_general + f.fiscal_fund + f.fiscal_capital == f.fiscal_income == f.income_parts[0][1]


def test_tables_add_up_at_every_level(data: FinalAccounts) -> None:
    f = compute(data)
    _check_all(data, f)
    assert [r.code for r in f.expense_table] == ["", "201", "20103", "2010301", "2010350", "20106", "2010601",
                                                 "211", "21101", "2110101", "2110104", "21103", "2110301",
                                                 "2110302", "2110399", "21104"]
    assert len(f.income_table) == len(f.fund_table) == len(f.capital_table) == 16
    # rounding matters here: some displayed figure is not its own half-up rounding
    shown = [(v, e) for r in f.expense_table[1:] for v, e in zip(r.values[1:], _exact(data, EXPENSE, r.code),
                                                                 strict=True)]
    assert any(v != e for v, e in shown)


def test_layout_of_the_nine_tables(data: FinalAccounts) -> None:
    f = compute(data)
    blocks = public_tables(data, f)
    tables = {b.caption[:5]: b for b in blocks if isinstance(b, Table)}
    assert [b.caption for b in tables.values()][1:] == [
        "公开02表 收入决算表（单位：万元）", "公开03表 支出决算表（单位：万元）",
        "公开04表 财政拨款收入支出决算表（单位：万元）", "公开05表 一般公共预算财政拨款支出决算表（单位：万元）",
        "公开06表 一般公共预算财政拨款基本支出决算表（单位：万元）",
        "公开07表 一般公共预算财政拨款“三公”经费支出决算表（单位：万元）",
        "公开08表 政府性基金预算财政拨款收入支出决算表（单位：万元）",
        "公开09表 国有资本经营预算财政拨款支出决算表（单位：万元）"]
    assert all(t.header_rows == 1 for t in tables.values())
    head = ["科目编码", "科目名称"]
    assert tables["公开02表"].rows[0] == [*head, "本年收入合计", "财政拨款收入", "上级补助收入", "事业收入", "经营收入",
                                       "附属单位上缴收入", "其他收入"]
    assert tables["公开03表"].rows[0] == [*head, "本年支出合计", "基本支出", "项目支出", "上缴上级支出", "经营支出",
                                       "对附属单位补助支出"]
    assert tables["公开05表"].rows[0] == [*head, "本年支出合计", "基本支出", "项目支出"]
    assert tables["公开08表"].rows[0] == [*head, "年初结转和结余", "本年收入", "本年支出合计", "基本支出", "项目支出",
                                       "年末结转和结余"]
    assert tables["公开09表"].rows[0] == [*head, "本年支出合计", "基本支出", "项目支出"]
    t03 = tables["公开03表"].rows
    assert t03[1][:2] == ["", "合计"] and t03[1][2:] == [money(v) for v in f.expense_table[0].values]
    assert t03[2][:2] == ["201", "一般公共服务支出"]
    assert t03[3][:2] == ["20103", "政府办公厅（室）及相关机构事务"]
    assert t03[4][:2] == ["2010301", "行政运行"]
    assert ["21101", "环境保护管理事务"] in [r[:2] for r in t03]
    for t in ("公开02表", "公开03表", "公开05表", "公开08表", "公开09表"):
        assert all(len(r) == len(tables[t].rows[0]) for r in tables[t].rows)


def test_rendered_totals_are_the_narratives(data: FinalAccounts) -> None:
    f = compute(data)
    text = render_text(data)
    narrative = text[text.index("第三部分 情况说明"):]
    assert f"支出合计{money(f.expense_year)}万元" in narrative
    assert f"基本支出{money(f.basic)}万元" in narrative and f"项目支出{money(f.project)}万元" in narrative
    assert f"收入合计{money(f.income_year)}万元" in narrative
    assert f"一般公共预算财政拨款决算支出{money(f.general)}万元" in narrative
    for c in f.classes:
        assert f"{c.row.name}(类){money(c.general)}万元" in narrative
    lines = text.splitlines()
    assert "\t".join(["", "合计", *map(money, f.expense_table[0].values)]) in lines
    assert "\t".join(["", "合计", *map(money, f.general_table[0].values)]) in lines
    assert "\t".join(["", "合计", *map(money, f.income_table[0].values)]) in lines


def test_yaml_example_layout_is_kept(example: FinalAccounts) -> None:
    f = compute(example)
    assert [r.code for r in f.expense_table] == ["", "208", "210", "211", "221"]
    assert f.expense_table[3].values[:3] == (Decimal("45565.00"), Decimal("8839.67"), Decimal("36725.33"))
    assert f.general_table[0].values == (Decimal("37301.92"), Decimal("10788.88"), Decimal("26513.04"))
    assert [r.code for r in f.income_table] == ["", "208", "210", "211", "221"]
    assert f.income_table[3].values == (Decimal("45367.76"), Decimal("35321.01"), *[ZERO] * 4, Decimal("10046.75"))
    assert not f.fund_table and not f.capital_table
    blocks = public_tables(example, f)
    assert Paragraph("公开08表 政府性基金预算财政拨款收入支出决算表：本年度无此项收支。") in blocks
    assert Paragraph("公开09表 国有资本经营预算财政拨款支出决算表：本年度无此项收支。") in blocks


def test_parent_rows_may_state_their_childrens_sums() -> None:
    leaves = sample_leaves()
    sums = {field: sum((r[field] for c, r in leaves.items() if c.startswith("21103")), ZERO)
            for field in EXPENSE}
    consistent = compute(validate(accounts(leaves, {"21103": sums})))
    assert consistent.expense_table == compute(validate(accounts(leaves))).expense_table


def test_a_parent_stating_part_of_a_table_is_d004() -> None:
    leaves = sample_leaves()
    sums = {field: sum((r[field] for c, r in leaves.items() if c.startswith("21103")), ZERO)
            for field in ("basic", "project")}  # but not 上缴上级支出 …, which its 项 have
    with pytest.raises(InputError, match=r"21103.*上缴上级支出") as info:
        compute(validate(accounts(leaves, {"21103": sums})))
    assert info.value.code == "D004"


def test_a_parent_that_does_not_add_up_is_d004() -> None:
    leaves = sample_leaves()
    stated = sum((r["basic"] for c, r in leaves.items() if c.startswith("21103")), ZERO) + 1
    with pytest.raises(InputError) as info:
        compute(validate(accounts(leaves, {"21103": {"basic": stated}})))
    assert info.value.code == "D004"
    assert "21103" in info.value.message_zh and "21103" in info.value.message_en
    assert str(stated) in info.value.message_zh


def test_a_parent_class_that_does_not_add_up_is_d004() -> None:
    with pytest.raises(InputError, match="211") as info:
        compute(validate(accounts(sample_leaves(), {"211": {"general_project": Decimal("5")}})))
    assert info.value.code == "D004"


@pytest.mark.parametrize(("orphan", "missing"), [("2120101", "21201"), ("21201", "212")])
def test_a_row_without_its_parent_is_refused(orphan: str, missing: str) -> None:
    raw = accounts(sample_leaves())
    raw["functions"].append({"code": orphan, "name": "城乡社区管理事务"})
    with pytest.raises(InputError) as info:
        compute(validate(raw))
    assert info.value.code == "D003"
    assert orphan in info.value.message_zh and missing in info.value.message_zh
    assert orphan in info.value.message_en


def test_income_by_source_must_match_the_income() -> None:
    raw = accounts(sample_leaves())
    raw["income"]["business"] = str(Decimal(raw["income"]["business"]) + Decimal("0.01"))
    raw["carryover_end"] = str(Decimal(raw["carryover_end"]) + Decimal("0.01"))
    with pytest.raises(InputError) as info:
        compute(validate(raw))
    assert info.value.code == "D004"
    assert "事业收入" in info.value.message_zh
    assert raw["income"]["business"] in info.value.message_zh
    assert str(Decimal(raw["income"]["business"]) - Decimal("0.01")) in info.value.message_zh


def test_without_income_by_source_02_has_only_its_total() -> None:
    raw = accounts(sample_leaves())
    for row in raw["functions"]:
        for field in INCOME:
            row.pop(field, None)
    data = validate(raw)
    f = compute(data)
    assert [r.code for r in f.income_table] == [""]
    _check_all(data, f)
    inc = data.income
    parts = [inc.fiscal_general + inc.fiscal_fund + inc.fiscal_capital, inc.superior, inc.business, inc.operating,
             inc.affiliated, inc.other]
    assert [v for _, v in f.income_parts] == balance([v / 10000 for v in parts])  # as before 02 had rows


def test_fund_spending_must_match_its_income() -> None:
    raw = accounts(sample_leaves())
    raw["income"]["fiscal_fund"] = str(Decimal(raw["income"]["fiscal_fund"]) + 1)
    raw["income"]["fiscal_general"] = str(Decimal(raw["income"]["fiscal_general"]) - 1)
    raw["fiscal_carryover_end"] = str(Decimal(raw["fiscal_carryover_end"]) - 1)
    with pytest.raises(InputError, match="公开08表") as info:
        compute(validate(raw))
    assert info.value.code == "D004"


yuan = st.integers(min_value=0, max_value=10**10).map(lambda cents: Decimal(cents) / 100)


@st.composite
def trees(draw: st.DrawFn) -> dict[str, dict[str, Decimal]]:
    """Leaf rows (a 类, 款 or 项 without children) of a random tree, with random amounts in 元."""
    leaves: dict[str, dict[str, Decimal]] = {}
    for i in range(draw(st.integers(1, 3))):
        cls = f"2{i:02d}"
        kuan = draw(st.integers(0, 3))
        codes = [cls] if not kuan else []
        for j in range(kuan):
            xiang = draw(st.integers(0, 3))
            codes += [f"{cls}{j:02d}"] if not xiang else [f"{cls}{j:02d}{k:02d}" for k in range(xiang)]
        for code in codes:
            zeros = draw(st.sets(st.sampled_from(AMOUNTS)))
            leaves[code] = _appropriated({f: ZERO if f in zeros else draw(yuan) for f in AMOUNTS})
    return leaves


@settings(max_examples=60, deadline=None)
@given(trees())
def test_random_hierarchies_always_add_up(leaves: dict[str, dict[str, Decimal]]) -> None:
    data = validate(accounts(leaves))
    _check_all(data, compute(data))
