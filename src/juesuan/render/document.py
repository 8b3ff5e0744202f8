"""The whole disclosure as blocks: cover, 概况, the nine public tables, 情况说明, 名词解释, 附件."""

from __future__ import annotations

from decimal import Decimal

from juesuan.model.public_tables import FinalAccounts
from juesuan.render import narrative
from juesuan.render.blocks import Block, Heading, Paragraph, Table
from juesuan.render.figures import INCOME_LABELS, Figures, TableRow, compute, money
from juesuan.render.forms import form_blocks

ZERO = Decimal(0)
TABLE_NAMES = [
    "收入支出决算表", "收入决算表", "支出决算表", "财政拨款收入支出决算表", "一般公共预算财政拨款支出决算表",
    "一般公共预算财政拨款基本支出决算表", "一般公共预算财政拨款“三公”经费支出决算表",
    "政府性基金预算财政拨款收入支出决算表", "国有资本经营预算财政拨款支出决算表",
]
DEFAULT_GLOSSARY = [
    ("财政拨款收入", "指单位从同级财政部门取得的财政预算资金。"),
    ("事业收入", "指事业单位开展专业业务活动及辅助活动取得的收入。"),
    ("经营收入", "指事业单位在专业业务活动及其辅助活动之外开展非独立核算经营活动取得的收入。"),
    ("其他收入", "指单位取得的除上述收入以外的各项收入。"),
    ("年初结转和结余",
     "指单位以前年度尚未完成、结转到本年仍按原规定用途继续使用的资金，或项目已完成等产生的结余资金。"),
    ("结余分配", "指事业单位按照会计制度规定缴纳的所得税、提取的专用结余以及转入非财政拨款结余的金额等。"),
    ("年末结转和结余", "指单位按有关规定结转到下年或以后年度继续使用的资金，或项目已完成等产生的结余资金。"),
    ("基本支出", "指为保障机构正常运转、完成日常工作任务而发生的人员支出和公用经费支出。"),
    ("项目支出", "指在基本支出之外为完成特定行政任务和事业发展目标所发生的支出。"),
    ("“三公”经费", "指各级部门、单位用财政拨款安排的因公出国（境）费、公务用车购置及运行维护费和公务接待费支出。"),
    ("机关运行经费", "指行政单位和参照公务员法管理的事业单位财政拨款基本支出中的公用经费支出。"),
]
CHINESE_NUMBERS = "一二三四五六七八九十"
CODE_COLUMNS = ["科目编码", "科目名称"]
BASIC_PROJECT = ["基本支出", "项目支出"]
FUNCTION_TABLE_COLUMNS = {
    2: ["本年收入合计", *(label for _, label in INCOME_LABELS)],
    3: ["本年支出合计", *BASIC_PROJECT, "上缴上级支出", "经营支出", "对附属单位补助支出"],
    5: ["本年支出合计", *BASIC_PROJECT],
    8: ["年初结转和结余", "本年收入", "本年支出合计", *BASIC_PROJECT, "年末结转和结余"],
    9: ["本年支出合计", *BASIC_PROJECT],
}
"""Amount columns of the function-classification tables, after 科目编码 and 科目名称; the order of
``Figures.income_table`` … ``capital_table``."""


def ordinal(n: int) -> str:
    """1 → 一, 12 → 十二, 20 → 二十."""
    if n <= 10:
        return CHINESE_NUMBERS[n - 1]
    tens, ones = divmod(n, 10)
    return (CHINESE_NUMBERS[tens - 1] if tens > 1 else "") + "十" + (CHINESE_NUMBERS[ones - 1] if ones else "")


def _m(v: Decimal) -> str:
    return money(v)


def _function_rows(n: int, rows: list[TableRow]) -> list[list[str]]:
    """Header, then [科目编码, 科目名称, amounts…] with the 合计 row first."""
    return [CODE_COLUMNS + FUNCTION_TABLE_COLUMNS[n], *([r.code, r.name, *map(_m, r.values)] for r in rows)]


def public_tables(data: FinalAccounts, f: Figures) -> list[Block]:
    out: list[Block] = []

    def table(n: int, rows: list[list[str]], header_rows: int = 1) -> None:
        out.append(Table(rows, header_rows, caption=f"公开{n:02d}表 {TABLE_NAMES[n - 1]}（单位：万元）"))

    left = [["一般公共预算财政拨款收入", _m(f.fiscal_general)], ["政府性基金预算财政拨款收入", _m(f.fiscal_fund)],
            ["国有资本经营预算财政拨款收入", _m(f.fiscal_capital)]]
    left += [[label, _m(v)] for label, v in f.income_parts[1:]]
    left += [["本年收入合计", _m(f.income_year)], ["使用非财政拨款结余", _m(f.balance_used)],
             ["年初结转和结余", _m(f.carryover_begin)]]
    right = [[f"{c.row.name}", _m(c.total)] for c in f.classes]
    right += [["本年支出合计", _m(f.expense_year)], ["结余分配", _m(f.surplus_distribution)],
              ["年末结转和结余", _m(f.carryover_end)]]
    height = max(len(left), len(right))
    left += [["", ""]] * (height - len(left))
    right += [["", ""]] * (height - len(right))
    rows = [["收入项目", "决算数", "支出项目", "决算数"]]
    rows += [a + b for a, b in zip(left, right, strict=True)]
    rows.append(["收入总计", _m(f.income_total), "支出总计", _m(f.expense_total)])
    table(1, rows)
    table(2, _function_rows(2, f.income_table))
    table(3, _function_rows(3, f.expense_table))
    table(4, [["项目", "年初结转和结余", "本年收入", "本年支出", "年末结转和结余"],
              ["一般公共预算财政拨款", _m(f.fiscal_carryover_begin), _m(f.fiscal_general), _m(f.general),
               _m(f.fiscal_carryover_end)],
              ["政府性基金预算财政拨款", _m(ZERO), _m(f.fiscal_fund), _m(f.fiscal_fund), _m(ZERO)],
              ["国有资本经营预算财政拨款", _m(ZERO), _m(f.fiscal_capital), _m(f.fiscal_capital), _m(ZERO)]])
    table(5, _function_rows(5, f.general_table))
    rows = [["科目编码", "科目名称", "类别", "决算数"], ["", "人员经费合计", "人员经费", _m(f.personnel)]]
    rows += [[code, name, kind, _m(v)] for code, name, kind, v in f.economic if kind == "人员经费"]
    rows.append(["", "公用经费合计", "公用经费", _m(f.public)])
    rows += [[code, name, kind, _m(v)] for code, name, kind, v in f.economic if kind == "公用经费"]
    table(6, rows)
    (n0, b0, a0, _), (n1, b1, a1, _), (n2, b2, a2, _), (n3, b3, a3, _) = f.three_public
    table(7, [["项目", "预算数", "决算数"],
              ["合计", _m(b0 + b1 + b2 + b3), _m(a0 + a1 + a2 + a3)],
              [n0, _m(b0), _m(a0)], ["公务用车购置及运行维护费", _m(b1 + b2), _m(a1 + a2)],
              [n1, _m(b1), _m(a1)], [n2, _m(b2), _m(a2)], [n3, _m(b3), _m(a3)]])
    for n, fund_rows in ((8, f.fund_table), (9, f.capital_table)):
        if fund_rows:
            table(n, _function_rows(n, fund_rows))
        else:
            out.append(Paragraph(f"公开{n:02d}表 {TABLE_NAMES[n - 1]}：本年度无此项收支。"))
    return out


def build(data: FinalAccounts, charts: bool = True) -> list[Block]:
    """Every block of the disclosure, in order."""
    f = compute(data)
    y = data.year
    out: list[Block] = [Heading(0, data.department), Paragraph(f"{y}年度部门决算公开"),
                        Heading(1, "第一部分 部门概况")]
    for section in data.overview:
        out.append(Heading(2, section.title))
        out += [Paragraph(line) for line in section.text.split("\n") if line.strip()]
    out.append(Heading(1, f"第二部分 {y}年部门决算表"))
    out += public_tables(data, f)
    out.append(Heading(1, "第三部分 情况说明"))
    out += [b for b in narrative.sections(data, f) if charts or b.__class__.__name__ != "Chart"]
    out.append(Heading(1, "第四部分 名词解释"))
    terms = [(t.term, t.definition) for t in data.glossary] or DEFAULT_GLOSSARY
    out += [Paragraph(f"{ordinal(i)}、{term}：{definition}") for i, (term, definition) in enumerate(terms, 1)]
    out.append(Heading(1, "第五部分 附件"))
    for form in data.forms:
        out += form_blocks(form, y)
    if not data.forms:  # the part stays, saying why it is empty (as every empty part must)
        out.append(Paragraph(f"本年度无此项内容（{y}年度未开展项目支出绩效自评）。"))
    return out
