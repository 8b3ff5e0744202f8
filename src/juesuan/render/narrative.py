"""The ten sections of 第三部分 情况说明 in the standard wording.

Every figure is a displayed figure from ``figures.compute``; every share, change, growth and
completion rate is computed from those displayed figures; the preparer's reasons are inserted
verbatim and a reason that was not given is left out, never invented.
"""

from __future__ import annotations

from collections.abc import Callable
from decimal import Decimal

from juesuan.model.public_tables import FinalAccounts
from juesuan.render.blocks import Block, Chart, Heading, Paragraph
from juesuan.render.figures import Figures, money, pct
from juesuan.render.rounding import balance

ZERO = Decimal(0)
NONE_INCOME = "本年度无此项收支。"
NONE_EXPENSE = "本年度无此项支出。"
_Emit = Callable[[str], None]


def _reason(reason: str, colon: bool = False) -> str:
    if not reason:
        return ""
    return f"，主要原因是{'：' if colon else ''}{reason.rstrip('。；;')}"


def change(this: Decimal, prior: Decimal) -> str:
    """``增加X万元，增长g%`` / ``减少X万元，下降g%`` / ``与上年相同`` from displayed figures."""
    delta = this - prior
    if delta == 0:
        return "与上年相同"
    verb, trend = ("增加", "增长") if delta > 0 else ("减少", "下降")
    if prior == 0:
        return f"{verb}{money(abs(delta))}万元"
    return f"{verb}{money(abs(delta))}万元，{trend}{pct(abs(delta), prior)}%"


def _shares(parts: list[tuple[str, Decimal]], total: Decimal, sep: str = "；") -> str:
    return sep.join(f"{label}{money(v)}万元，占比{pct(v, total)}%" for label, v in parts if v != 0)


def sections(data: FinalAccounts, f: Figures) -> list[Block]:
    y = data.year
    r = data.reasons
    out: list[Block] = []

    def h2(text: str) -> None:
        out.append(Heading(2, text))

    def h3(text: str) -> None:
        out.append(Heading(3, text))

    def p(text: str) -> None:
        out.append(Paragraph(text))

    h2("一、收入支出决算总体情况说明")
    ch = change(f.income_total, f.prior_total)
    p(f"{y}年度收入总计{money(f.income_total)}万元，支出总计{money(f.expense_total)}万元。"
      f"与上年相比，收入总计{ch}，支出总计{ch}{_reason(r.total)}。")

    h2("二、收入决算情况说明")
    parts = [(label, v) for label, v in f.income_parts]
    p(f"{y}年度收入合计{money(f.income_year)}万元，其中：{_shares(parts, f.income_year)}。"
      if f.income_year else NONE_INCOME)

    h2("三、支出决算情况说明")
    # 公开03表's columns; the last three are usually 0 and then left out of the sentence.
    expense_parts = [("基本支出", f.basic), ("项目支出", f.project), ("上缴上级支出", f.superior_remit),
                     ("经营支出", f.operating_expense), ("对附属单位补助支出", f.subsidiary_grant)]
    p(f"{y}年度支出合计{money(f.expense_year)}万元，其中："
      f"{_shares(expense_parts, f.expense_year)}。"
      if f.expense_year else NONE_EXPENSE)

    h2("四、财政拨款收支决算总体情况说明")
    if f.fiscal_total:
        chf = change(f.fiscal_total, f.prior_fiscal_total)
        p(f"{y}年度财政拨款收入总计{money(f.fiscal_total)}万元，支出总计{money(f.fiscal_total)}万元。"
          f"与上年相比，财政拨款收入总计{chf}；财政拨款支出总计{chf}{_reason(r.fiscal)}。")
    else:
        p(NONE_INCOME)

    h2("五、一般公共预算财政拨款支出决算情况说明")
    h3("（一）一般公共预算财政拨款支出决算总体情况")
    if f.general:
        p(f"{y}年一般公共预算财政拨款决算支出{money(f.general)}万元，占本年支出合计的"
          f"{pct(f.general, f.expense_year)}%。与上年相比，一般公共预算财政拨款支出"
          f"{change(f.general, f.prior_general)}{_reason(r.general)}。")
    else:
        p(NONE_EXPENSE)
    h3("（二）一般公共预算财政拨款支出决算结构情况")
    spent = [c for c in f.classes if c.general]
    if spent:
        p(f"{y}年度一般公共预算财政拨款支出{money(f.general)}万元，主要用于以下方面：")
        for i, c in enumerate(spent):
            end = "。" if i == len(spent) - 1 else "；"
            p(f"{c.row.name}(类){money(c.general)}万元，占比{pct(c.general, f.general)}%{end}")
        out.append(Chart("structure", f"{y}年度一般公共预算财政拨款支出结构（按功能分类）",
                         [f"{c.row.name} {pct(c.general, f.general)}%" for c in spent],
                         [float(c.general) for c in spent]))
    else:
        p(NONE_EXPENSE)
    h3("（三）一般公共预算财政拨款支出决算具体情况")
    # Every 类 with a budget is listed, spent or not: the 年初预算 stated for the whole is their sum.
    detailed = [c for c in f.classes if c.general or c.budget]
    if detailed:
        head = f"{y}年度一般公共预算财政拨款支出"
        if f.general_budget:
            head += (f"年初预算{money(f.general_budget)}万元，支出决算{money(f.general)}万元，"
                     f"完成年初预算的{pct(f.general, f.general_budget)}%。其中：")
        else:
            head += f"决算{money(f.general)}万元。其中："
        p(head)
        for c in detailed:
            text = c.row.name
            if c.budget:
                text += (f"年初预算{money(c.budget)}万元，支出决算{money(c.general)}万元，"
                         f"完成年初预算的{pct(c.general, c.budget)}%")
            else:
                text += f"支出决算{money(c.general)}万元"
            if c.row.purpose:
                text += f"，{c.row.purpose.rstrip('。')}"
            text += "。"
            if c.prior is not None:
                text += f"较上年决算{change(c.general, c.prior)}{_reason(c.row.reason)}。"
            p(text.replace("。，", "，"))
        with_prior = [c for c in detailed if c.prior is not None]
        if with_prior:
            out.append(Chart("change", f"{y}年与上年一般公共预算财政拨款支出对比（万元）",
                             [c.row.name for c in with_prior], [float(c.general) for c in with_prior],
                             [float(c.prior or 0) for c in with_prior]))
    else:
        p(NONE_EXPENSE)

    h2("六、一般公共预算财政拨款基本支出决算情况说明")
    if f.general_basic:
        p(f"{y}年度财政拨款基本支出{money(f.general_basic)}万元，其中：")
        if f.economic:
            p(f"人员经费{money(f.personnel)}万元，主要包括{data.personnel_items.rstrip('。；')}；")
            p(f"公用经费{money(f.public)}万元，主要包括{data.public_items.rstrip('。；')}。")
    else:
        p(NONE_EXPENSE)

    h2("七、政府性基金预算财政拨款收支决算情况说明")
    p(f"{y}年度政府性基金预算财政拨款收入{money(f.fiscal_fund)}万元。" if f.fiscal_fund else NONE_INCOME)
    h2("八、国有资本经营预算财政拨款支出决算情况说明")
    p(f"{y}年度国有资本经营预算财政拨款收入{money(f.fiscal_capital)}万元。"
      if f.fiscal_capital else NONE_EXPENSE)

    _three_public(data, f, h2, h3, p)
    _other(data, f, h2, h3, p)
    return out


def _three_public(data: FinalAccounts, f: Figures, h2: _Emit, h3: _Emit, p: _Emit) -> None:
    y = data.year
    tp = data.three_public
    h2("九、财政拨款“三公”经费支出决算情况说明")
    h3("（一）“三公”经费财政拨款支出决算总体情况说明")
    budget = sum((b for _, b, _, _ in f.three_public), ZERO)
    actual = sum((a for _, _, a, _ in f.three_public), ZERO)
    prior = sum((pr for _, _, _, pr in f.three_public), ZERO)
    text = f"{y}年度“三公”经费财政拨款支出全年预算{money(budget)}万元，支出决算{money(actual)}万元"
    if budget:
        text += f"，完成全年预算的{pct(actual, budget)}%"
    text += f"，比上年度{change(actual, prior)}" if actual != prior else "，与上年相同"
    p(text + _reason(tp.reason, colon=True) + "。其中：")
    inputs = [i for _, i in tp.items()]
    for n, ((name, b, a, pr), item) in enumerate(zip(f.three_public, inputs, strict=True)):
        t = f"{name}支出{money(a)}万元"
        if b and a:
            t += f"，完成全年预算的{pct(a, b)}%"
        t += f"，比上年度{change(a, pr)}" if a != pr else "，与上年相同"
        t += _reason(item.reason, colon=True)
        p(t + ("。" if n == 3 else "；"))
    h3("（二）“三公”经费财政拨款支出决算具体情况说明")
    (_, _, abroad, _), (_, _, purchase, _), (_, _, operation, _), (_, _, reception, _) = f.three_public

    def use(item_use: str) -> str:
        return f"主要用于：{item_use.rstrip('。')}。" if item_use else ""

    p(f"1、因公出国（境）费支出{money(abroad)}万元，出国（境）团组共{tp.abroad_groups}个，"
      f"{tp.abroad_persons}人次。{use(tp.abroad.use)}")
    p(f"2、公务用车购置支出{money(purchase)}万元，使用财政拨款共购置公务用车{tp.vehicles_bought}辆，"
      f"{use(tp.vehicle_purchase.use)}".rstrip("，"))
    p(f"3、公务用车运行维护费支出{money(operation)}万元，使用财政拨款负担的公务用车保有量共"
      f"{tp.vehicles_held}辆，{use(tp.vehicle_operation.use)}".rstrip("，"))
    domestic = reception - f.overseas
    text = (f"4、公务接待费支出{money(reception)}万元，共接待{tp.reception_batches + tp.overseas_batches}批次，"
            f"{tp.reception_persons + tp.overseas_persons}人次。国内接待费{money(domestic)}万元，共接待"
            f"{tp.reception_batches}批次，{tp.reception_persons}人次，其中外事接待费"
            f"{money(f.reception_foreign)}万元，共接待{tp.foreign_batches}批次，{tp.foreign_persons}人次")
    if tp.reception.use:
        text += f"，主要是{tp.reception.use.rstrip('。；')}"
    text += (f"；国（境）外接待费{money(f.overseas)}万元，共接待国（境）外{tp.overseas_batches}批次，"
             f"{tp.overseas_persons}人次")
    if tp.overseas_use:
        text += f"，主要是{tp.overseas_use.rstrip('。')}"
    p(text + "。")


def _other(data: FinalAccounts, f: Figures, h2: _Emit, h3: _Emit, p: _Emit) -> None:
    y = data.year
    h2("十、其他重要事项情况说明")
    h3("（一）机关运行经费支出情况说明")
    if f.office_costs or f.office_costs_prior:
        ch = change(f.office_costs, f.office_costs_prior)
        reason = f"，主要原因{data.office_costs_reason.rstrip('。')}" if data.office_costs_reason else ""
        p(f"{y}年机关运行经费支出{money(f.office_costs)}万元，比{y - 1}年{ch}{reason}。")
    else:
        p(NONE_EXPENSE)
    h3("（二）政府采购情况说明")
    goods, works, services = f.procurement
    if f.procurement_total:
        p(f"{y}年度政府采购支出总额{money(f.procurement_total)}万元，其中：政府采购货物支出{money(goods)}万元、"
          f"政府采购工程支出{money(works)}万元、政府采购服务支出{money(services)}万元。"
          f"政府采购授予中小企业合同金额{money(f.sme)}万元，占政府采购支出总额的"
          f"{pct(f.sme, f.procurement_total)}%。其中：授予小微企业合同金额{money(f.small_micro)}万元，"
          f"占政府采购支出总额的{pct(f.small_micro, f.procurement_total)}%。")
    else:
        p(f"{y}年度本部门无政府采购支出。")
    h3("（三）国有资产占用情况说明")
    a = data.assets
    if a is not None:
        total = sum(v.count for v in a.vehicles)
        text = f"截至{a.as_of}，本部门（单位）共有车辆{total}辆。"
        if a.vehicles:
            text += "其中：" + "、".join(f"{v.category}{v.count}辆" for v in a.vehicles)
            text += f"，其他用车主要是{a.other_vehicles_use.rstrip('。')}。" if a.other_vehicles_use else "。"
        text += f"单价100万元（含）以上设备（不含车辆）{a.equipment_over_1m}台（套）。"
        p(text)
    else:
        p("本年度无此项内容。")
    h3("（四）预算绩效情况说明")
    _performance(data, p)


def _performance(data: FinalAccounts, p: _Emit) -> None:
    from juesuan.render.forms import computed

    forms = [computed(form) for form in data.forms]
    p("1、预算绩效管理工作的开展情况")
    if not forms:
        p(f"{data.year}年度未开展项目支出绩效自评。")
    else:
        types = ("一般公共预算", "政府性基金预算", "国有资本经营预算", "社会保险基金预算")
        # Forms print amounts to 3 decimals: the four parts are balanced so they add to the total shown.
        shown = balance([sum((c.initial for c in forms if c.form.fund_type == t), ZERO) for t in types])
        by_type = dict(zip(types, shown, strict=True))
        funds = sum(shown, ZERO)
        counts = {g: sum(1 for c in forms if c.grade == g) for g in ("优", "良", "中", "差")}
        text = (f"根据预算绩效管理要求，一是组织对{data.year}年初预算安排的所有项目资金全面开展了绩效自评，"
                f"涉及二级项目{len(forms)}个，资金{money(funds)}万元，其中"
                + "、".join(f"{t}项目支出{money(v)}万元" for t, v in by_type.items())
                + "。自评结果为："
                + "，".join(f"{n}个项目自评等级为“{g}”" for g, n in counts.items()) + "。")
        if data.performance.measures:
            text += f"对于自评结果为“中”和“差”的项目，采取的改进管理措施为：{data.performance.measures}"
        if data.performance.department_evaluation:
            text += data.performance.department_evaluation
        p(text)
    p("2、其他需要说明的事项")
    p(data.performance.other_matters or "无")
