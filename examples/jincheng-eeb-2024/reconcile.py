"""Make the reference's 64 self-evaluation forms consistent, each change justified by the reference.

The reference's forms carry their preparer's own contradictions (weights that do not add up to the
100-point scale, scored indicators with no actual value, two units sharing a code, an analysis that
quotes another execution rate). ``juesuan render`` publishes what it is given, so the example's data
must be consistent for the rendering to audit clean. Every rule below changes a form only where the
reference itself determines the new value (its overview, the form's own printed total, its analysis
text, the convention its other forms follow), and every change is recorded — ``build.py`` writes
them to ``corrections.md`` beside this file, so a reader sees each original cell and why it changed.
"""

from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

NATIONAL_SPLIT = {"产出指标": Decimal(50), "效益指标": Decimal(30), "满意度指标": Decimal(10)}
"""财预〔2020〕10号: 产出 50, 效益 30, 满意度 10 of the 90 indicator points (预算执行 10)."""
INDICATOR_POINTS = Decimal(90)
MET = "达成预期指标"
"""The reference's own wording for an indicator whose target was met (used on dozens of its rows)."""
_ORDINAL = "一二三四五六七八九十"
_UNIT_ENTRY = re.compile(r"（([一二三四五六七八九十]+)）([^。（]{2,20}?分局)。")
_COMPLETED_IN = re.compile(r"^(\d{4}年\d{1,2}月)完成预期指标$")
_EXECUTED = re.compile(r"执行数\s*([\d,.]+)\s*万元[，,]\s*预算执行率为\s*([\d.]+)\s*%")
_SATISFACTION = re.compile(r"满意度达到\s*([\d.]+)\s*%")


@dataclass(frozen=True)
class Correction:
    form: str
    rule: str
    cell: str
    before: str
    after: str
    evidence: str


def _d(value: str | None) -> Decimal:
    return Decimal(value) if value else Decimal(0)


def _fmt(value: Decimal) -> str:
    return format(value.normalize(), "f") if value == value.to_integral() else format(value, "f")


def _chinese_number(text: str) -> int:
    """一 → 1, 十 → 10, 十四 → 14, 二十一 → 21 (the numbering of 机构设置's items)."""
    if "十" not in text:
        return _ORDINAL.index(text) + 1
    tens, _, ones = text.partition("十")
    return (_ORDINAL.index(tens) + 1 if tens else 1) * 10 + (_ORDINAL.index(ones) + 1 if ones else 0)


def unit_codes(forms: list[dict[str, Any]], structure: str) -> list[Correction]:
    """Rule U: a unit printed with two codes gets the code its place in 机构设置 gives it.

    The 分局 are listed in 二、机构设置情况 as （三）城区分局 … （八）沁水分局; every unit that uses a
    single code has code = base + its ordinal there (城区 (三) 218005, 高平 (五) 218007, …), so the
    two units printed with both 218006 and 218008 get theirs from the same formula.
    """
    order = {name: _chinese_number(num) for num, name in _UNIT_ENTRY.findall(structure)}
    codes: dict[str, set[str]] = defaultdict(set)
    for form in forms:
        codes[form["unit_name"]].add(form["unit_code"])

    def ordinal(unit: str) -> int | None:
        return next((n for name, n in order.items() if unit.endswith(name)), None)

    offsets = {int(next(iter(c))) - n for u, c in codes.items() if len(c) == 1 and (n := ordinal(u)) is not None}
    if len(offsets) != 1:
        raise SystemExit(f"机构设置 order does not determine the unit codes: offsets {offsets}")
    base = offsets.pop()
    out: list[Correction] = []
    for form in forms:
        n = ordinal(form["unit_name"])
        if n is None or len(codes[form["unit_name"]]) == 1:
            continue
        code = str(base + n)
        if form["unit_code"] != code:
            out.append(Correction(form["name"], "U", "预算单位代码", form["unit_code"], code,
                                  f"机构设置第{n}项 → {base} + {n}（其他分局均符合此规则）"))
            form["unit_code"] = code
    return out


def missing_values(form: dict[str, Any]) -> list[Correction]:
    """Rules A, B, C, S: a scored indicator whose actual value or target the export left empty.

    A — full marks, no actual: the preparer judged the target met → 达成预期指标.
    B — partial marks, no actual, two different values printed: they are the target and the actual
        (the year-start column of this form holds no value of its own), as the deduction implies.
    S — a satisfaction indicator with no actual whose form's analysis states the rate reached.
    C — a 时效 indicator with empty targets whose actual reads ``YYYY年M月完成预期指标``: that
        month is the target it met (full marks).
    """
    out: list[Correction] = []
    analysis = " ".join(text for _, text in form["analysis"])
    for ind in form["indicators"]:
        if ind["score"] is None:
            continue
        name, weight, score = ind["name"], _d(ind["weight"]), _d(ind["score"])

        def change(rule: str, cell: str, after: str, evidence: str, ind: dict[str, Any] = ind,
                   name: str = name) -> None:
            key = {"实际完成值": "actual", "调整后指标值": "adjusted_target", "年初指标值": "initial_target"}[cell]
            out.append(Correction(form["name"], rule, f"{name} · {cell}", ind[key], after, evidence))
            ind[key] = after

        if not ind["actual"].strip():
            satisfaction = _SATISFACTION.search(analysis)
            if score == weight:
                change("A", "实际完成值", MET, f"得分 {ind['score']} = 分值 {ind['weight']}")
            elif "满意度" in ind["level1"] + ind["level2"] + name and satisfaction is not None:
                change("S", "实际完成值", f"{satisfaction.group(1)}%", f"分析：「{satisfaction.group(0)}」")
            elif ind["initial_target"] and ind["adjusted_target"] and ind["initial_target"] != ind["adjusted_target"]:
                target, actual = ind["initial_target"], ind["adjusted_target"]
                change("B", "实际完成值", actual, f"得分 {ind['score']} < 分值 {ind['weight']}")
                change("B", "调整后指标值", target, "目标未调整")
        if not ind["adjusted_target"].strip() and (month := _COMPLETED_IN.match(ind["actual"])) and score == weight:
            change("C", "调整后指标值", month.group(1), f"实际完成值「{ind['actual']}」，满分")
            if not ind["initial_target"].strip():
                change("C", "年初指标值", month.group(1), "目标未调整")
    return out


def weight_gap(form: dict[str, Any], stated_total: Decimal | None, stated_fund_score: Decimal | None,
               ) -> list[Correction]:
    """Rule W: indicator weights adding up to less than 90 get the missing points as one row.

    The row is labelled as not in the original; it belongs to the 一级指标 that falls short of the
    national split, and it is scored with what the form's printed 总分 gives those points
    (printed 总分 − printed indicator scores − printed 预算执行 score: all of them where the
    preparer counted the form as complete, none where the total was added from the printed rows;
    none where the form prints no 总分, since nothing in it awards them).
    """
    indicators = form["indicators"]
    weights = sum((_d(i["weight"]) for i in indicators), Decimal(0))
    gap = INDICATOR_POINTS - weights
    if gap == 0:
        return []
    if gap < 0:
        raise SystemExit(f"{form['name']}: weights {weights} exceed 90 and cannot be reconciled from the form")
    scores = sum((_d(i["score"]) for i in indicators), Decimal(0))
    if stated_total is None or stated_fund_score is None:
        gap_score = Decimal(0)
        note = f"原表各指标分值合计 {_fmt(weights)}，不足 90，且未列总分；缺少的 {_fmt(gap)} 分计 0 分"
    else:
        gap_score = stated_total - scores - stated_fund_score
        note = (f"原表各指标分值合计 {_fmt(weights)}，不足 90；缺少的 {_fmt(gap)} 分按原表总分 "
                f"{_fmt(stated_total)} 计得分 {_fmt(gap_score)}")
    if not 0 <= gap_score <= gap:
        raise SystemExit(f"{form['name']}: the printed total does not score the missing {gap} points")
    by_level: dict[str, Decimal] = defaultdict(Decimal)
    for i in indicators:
        by_level[i["level1"]] += _d(i["weight"])
    short = [level for level, points in NATIONAL_SPLIT.items() if by_level.get(level, Decimal(0)) < points]
    level = short[0] if len(short) == 1 else "产出指标"
    insert_at = max((n + 1 for n, i in enumerate(indicators) if i["level1"] == level), default=len(indicators))
    # The row goes last under its 一级指标 and repeats the 二级指标 above it, as a merged cell reads.
    level2 = indicators[insert_at - 1]["level2"] if insert_at else ""
    indicators.insert(insert_at, {
        "level1": level, "level2": level2, "name": "原表未列明的指标", "initial_target": "原表未列明",
        "adjusted_target": "原表未列明", "actual": "原表未列明", "qualitative_note": "",
        "weight": _fmt(gap), "score": _fmt(gap_score), "deviation_reason": note})
    return [Correction(form["name"], "W", f"{level} · 原表未列明的指标", "—",
                       f"分值 {_fmt(gap)}，得分 {_fmt(gap_score)}", note)]


def executed_per_analysis(form: dict[str, Any]) -> list[Correction]:
    """Rule E: the analysis states 执行数 X万元 and 预算执行率 Y% with Y = X ÷ 预算编制数 while the
    fund table prints another execution: the table follows the analysis (全年预算数 = 预算编制数)."""
    analysis = " ".join(text for _, text in form["analysis"])
    match = _EXECUTED.search(analysis)
    total = form["total"]
    if match is None or not total["initial_budget"] or len(form["sources"]) > 1:
        return []
    executed, rate = Decimal(match.group(1).replace(",", "")), Decimal(match.group(2))
    budget = Decimal(total["initial_budget"])
    if budget <= 0 or (total["executed"] and Decimal(total["executed"]) == executed):
        return []
    # The stated rate must follow from the stated amounts within its printed precision (18% is [17.5, 18.5]).
    half_unit = Decimal(1).scaleb(-len(match.group(2).partition(".")[2])) / 2
    if abs(executed / budget * 100 - rate) > half_unit:
        return []
    out: list[Correction] = []
    for row in [total, *form["sources"]]:
        for key, cell, value in (("annual_budget", "全年预算数", budget), ("executed", "全年执行数", executed)):
            if row[key] != _fmt(value):
                out.append(Correction(form["name"], "E", f"{row['source']} · {cell}", row[key] or "",
                                      _fmt(value), f"分析：「{match.group(0)}」"))
                row[key] = _fmt(value)
    return out


_LOST_OPERATOR = re.compile(r"^(W(?=[\d%])|≠)")
_STATED_RATE = re.compile(r"((?:预算)?执行率(?:为|达到|达)?\s*)(\d+(?:\.\d+)?)(\s*[%％])")


def lost_operators(form: dict[str, Any]) -> list[Correction]:
    """Rule O: a target or actual whose operator the export turned into ``W`` or ``≠``.

    ``W`` stands where only ``≥`` can: on the reference's satisfaction rows (W85%, W80%), whose
    rates are higher-is-better; one export loses one character the same way, so ``W`` is ``≥``
    on its other rows too. ``≠`` is no target's operator, and what it replaced cannot be told: it
    becomes ``=`` only where the actual equals the target, so met or not does not depend on it.
    """
    out: list[Correction] = []
    for ind in form["indicators"]:
        same = _LOST_OPERATOR.sub("", ind["adjusted_target"]) == _LOST_OPERATOR.sub("", ind["actual"])
        for key, cell in (("initial_target", "年初指标值"), ("adjusted_target", "调整后指标值"),
                          ("actual", "实际完成值")):
            match = _LOST_OPERATOR.match(ind[key])
            if match is None:
                continue
            if match.group(1) == "W":
                after, evidence = "≥" + ind[key][1:], "本表满意度行同样印作W（满意度越高越好，只能是≥）"
            elif same:
                after, evidence = "=" + ind[key][1:], "实际完成值等于指标值：达成与否不取决于运算符"
            else:
                continue
            out.append(Correction(form["name"], "O", f"{ind['name']} · {cell}", ind[key], after,
                                  evidence))
            ind[key] = after
    return out


def rate_base(form: dict[str, Any]) -> list[Correction]:
    """Rule R: the analysis states 执行率 as 全年执行数 ÷ 预算编制数 where the table's 执行率 is
    全年执行数 ÷ 全年预算数 (the form's own note 4): the text takes the table's rate, so the form
    publishes one rate for the project. Only a rate that the 预算编制数 base reproduces within its
    printed precision, and that the table's rate does not, is changed."""
    total = form["total"]
    if not (total["annual_budget"] and total["executed"] and total["initial_budget"]):
        return []
    annual, executed, initial = (Decimal(total[k]) for k in ("annual_budget", "executed", "initial_budget"))
    if annual <= 0 or initial <= 0:
        return []
    table_rate = (executed / annual * 100).quantize(Decimal("0.01"))
    initial_rate = executed / initial * 100
    out: list[Correction] = []
    for entry in form["analysis"]:
        label, text = entry

        def replace(match: re.Match[str], label: str = label) -> str:
            stated = match.group(2)
            half_unit = Decimal(1).scaleb(-len(stated.partition(".")[2])) / 2
            if abs(Decimal(stated) - table_rate) <= half_unit or abs(initial_rate - Decimal(stated)) > half_unit:
                return match.group(0)
            after = _fmt(table_rate)
            out.append(Correction(form["name"], "R", f"{label} · 执行率", match.group(0).strip(),
                                  f"{match.group(1)}{after}{match.group(3)}".strip(),
                                  f"表中执行率 = 全年执行数 {total['executed']} ÷ 全年预算数 "
                                  f"{total['annual_budget']}；原文按预算编制数 {total['initial_budget']} 计"))
            return f"{match.group(1)}{after}{match.group(3)}"

        entry[1] = _STATED_RATE.sub(replace, text)
    return out
