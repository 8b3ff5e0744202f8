"""Rebuild data.yaml — 晋城市生态环境局's 2024 data — from the reference disclosure.

Usage: .venv/bin/python examples/jincheng-eeb-2024/build.py [REFERENCE.txt]

The reference's export lost its nine public tables, so the figures below are those its narrative
(第三部分, lines 142–258) states; README.md beside this script lists every assumption made to fill
the tables. The overview, glossary and the 64 self-evaluation forms are read from the reference
with juesuan itself.
"""

from __future__ import annotations

import sys
from decimal import Decimal
from pathlib import Path
from typing import Any

import yaml

import juesuan
from juesuan.model.evaluation import FundRow, ProjectEvaluation
from juesuan.model.quantity import Quantity

sys.path.insert(0, str(Path(__file__).resolve().parent))
from reconcile import (
    Correction,
    executed_per_analysis,
    lost_operators,
    missing_values,
    rate_base,
    unit_codes,
    weight_gap,
)

HERE = Path(__file__).resolve().parent
DEFAULT_REFERENCE = HERE.parents[2] / "shared" / "corpus" / "jincheng-eeb-2024-final-accounts.txt"
REASON = "各县（市、区）分局经费由市级承担，且上级资金较往年增加"
CLASS_REASON = "各县（市、区）分局经费由市级承担"


def _v(q: Quantity | None) -> str | None:
    return None if q is None else format(q.value, "f")


def _fund(row: FundRow) -> dict[str, Any]:
    return {"source": row.source, "declared_budget": _v(row.declared_budget),
            "initial_budget": _v(row.initial_budget), "annual_budget": _v(row.annual_budget),
            "executed": _v(row.executed), "deviation_reason": row.deviation_reason or ""}


def _form(e: ProjectEvaluation) -> dict[str, Any]:
    total = _fund(e.fund_total) if e.fund_total is not None else _sum_sources(e.fund_sources)
    return {
        "name": e.name, "department_code": e.department_code or "", "department_name": e.department_name or "",
        "unit_code": e.unit_code or "", "unit_name": e.unit_name or "",
        "total": total, "sources": [_fund(s) for s in e.fund_sources],
        "annual_goal": e.annual_goal.text if e.annual_goal else "",
        "actual_completion": e.actual_completion.text if e.actual_completion else "",
        "indicators": [{
            "level1": i.level1 or "", "level2": i.level2 or "", "name": i.name or "",
            "initial_target": i.initial_target or "", "adjusted_target": i.adjusted_target or "",
            "actual": i.actual or "", "qualitative_note": i.qualitative_note or "",
            "weight": _v(i.weight), "score": _v(i.score), "deviation_reason": i.deviation_reason or "",
        } for i in e.indicators],
        "analysis": [[a.label, a.text] for a in e.analysis],
    }


def _sum_sources(rows: list[FundRow]) -> dict[str, Any]:
    """资金总额 of a form whose export lost it: the sum of its fund-source rows."""
    out: dict[str, Any] = {"source": "资金总额", "deviation_reason": ""}
    for key in ("declared_budget", "initial_budget", "annual_budget", "executed"):
        values = [getattr(r, key) for r in rows]
        out[key] = None if any(v is None for v in values) else format(sum(v.value for v in values), "f")
    return out


def _cls(code: str, name: str, basic: str, project: str, gbasic: str, gproject: str, budget: str,
         prior: str, other_income: str = "0") -> dict[str, Any]:
    # 公开02表: 财政拨款收入 by 类 is the class's 一般公共预算 spending (no 财政拨款 carry-over);
    # 其他收入 goes where the non-appropriation spending goes (README assumptions 6 and 10).
    fiscal = str(Decimal(gbasic) + Decimal(gproject))
    return {"code": code, "name": name, "basic": basic, "project": project, "general_basic": gbasic,
            "general_project": gproject, "general_budget": budget, "general_prior": prior,
            "purpose": f"用于机关和事业单位{name.removesuffix('支出')}(类)支出", "reason": CLASS_REASON,
            "income_fiscal": fiscal, "income_other": other_income}


def build(reference: Path) -> dict[str, Any]:
    d = juesuan.read(reference)
    overview = next(p for p in d.parts if "概况" in p.title)
    glossary = next(p for p in d.parts if "名词解释" in p.title)
    w = Decimal
    # 节能环保 (211): 一般公共预算 35,321.01 = 基本 8,807.97 + 项目 26,513.04; non-fiscal money
    # (10,243.99 = 基本 31.70 + 项目 10,212.29) is all put in 211 (see README).
    return {
        "department": d.department, "year": d.year, "unit": "万元",
        "overview": [{"title": f"{c.number}、{c.title}", "text": "\n".join(
            [c.text, *[f"{g.number}{g.title}。{g.text}".replace("。。", "。") for g in c.children]]).strip()}
            for c in overview.children],
        "income": {"fiscal_general": "37301.92", "other": "10046.75", "carryover_begin": "201.16"},
        "carryover_end": "3.92",
        "functions": [
            _cls("208", "社会保障和就业支出", "889.93", "0", "889.93", "0", "833.74", "427.78"),
            _cls("210", "卫生健康支出", "466.29", "0", "466.29", "0", "457.71", "408.21"),
            _cls("211", "节能环保支出", "8839.67", "36725.33", "8807.97", "26513.04", "23394.24", "27753.14",
                 "10046.75"),
            _cls("221", "住房保障支出", "624.69", "0", "624.69", "0", "651.11", "553.76"),
        ],
        "economic": [
            {"code": "301", "name": "人员经费（工资福利支出、对个人和家庭的补助）", "amount": "9853.08",
             "kind": "人员经费"},
            {"code": "302", "name": "公用经费（商品和服务支出等）", "amount": "935.80", "kind": "公用经费"},
        ],
        "personnel_items": ("其他对个人和家庭的补助、其他工资福利支出、其他社会保障缴费、公务员医疗补助缴费、绩效工资、"
                            "基本工资、机关事业单位基本养老保险缴费、奖金、住房公积金、退休费、奖励金、职业年金缴费、"
                            "职工基本医疗保险缴费、津贴补贴等"),
        "public_items": ("办公费、会议费、其他对个人和家庭的补助、邮电费、电费、福利费、生活补助、其他商品和服务支出、"
                         "其他交通费用、工会经费、差旅费、培训费、取暖费、水费、租赁费、劳务费等"),
        "prior": {"total": str(w("47549.83") - w("17356.89")),
                  "fiscal_total": str(w("37301.92") - w("8018.58")),
                  "general_total": str(w("37301.92") - w("8018.58"))},
        "reasons": {"total": REASON, "fiscal": REASON, "general": REASON},
        "three_public": {
            "abroad": {"reason": "本单位无因公出国（境）支出", "use": "本单位无因公出国（境）费支出"},
            "vehicle_purchase": {"reason": "本单位无公务用车购置费支出", "use": "本单位无公务用车购置费支出"},
            "vehicle_operation": {"prior": "42.78", "reason": "2024年公务用车运行维护费科目调为其他交通费用",
                                  "use": "本单位无公务用车运行维护费"},
            "reception": {"budget": "3.05", "actual": "3.05", "prior": "0.34",
                          "reason": "2024年省级环保厅在市局巡查，所以公务接待费增加",
                          "use": "上级部门到下级单位开展检查、调研、指导工作等公务活动"},
            "reason": "2024年公务用车运行维护费科目调为其他交通费用",
            "reception_batches": 6, "reception_persons": 152, "overseas_use": "本单位无出国（境）外接待费",
        },
        "office_costs": "752.02", "office_costs_prior": "742.81", "office_costs_reason": "资产运行维护费用增加",
        "procurement": {"goods": "5862.22", "works": "71.03", "services": "5753.79", "sme": "9702.52",
                        "small_micro": "4545.96"},
        "assets": {"as_of": "2024年12月31日", "vehicles": [
            {"category": "机要通信用车", "count": 3}, {"category": "应急保障用车", "count": 1},
            {"category": "执法执勤用车", "count": 21}, {"category": "特种专业技术用车", "count": 23},
            {"category": "其他用车", "count": 46}], "other_vehicles_use": "日常下乡检查工作",
            "equipment_over_1m": 33},
        "performance": {
            "measures": ("1. 建立健全内部控制制度，提高预算编制准确性，以保证国家法律、法规及政策的贯彻落实，确保项目的"
                         "协调性、有效性。2. 完善财务管理制度，同时确保财政资金安全性、合规性。3. 针对预算执行率较低的"
                         "问题，加强前期谋划，提早应对出现的各种问题。"),
            "department_evaluation": ("二是组织对晋城市大气污染防治能力建设项目开展了部门评价，涉及资金1,225.10万元，"
                                      "其中一般公共预算支出1,225.10万元。从评价结果来看，该项目高效使用了财政资金，"
                                      "成功地实现了预定目标，并产生了显著地环境效益。"),
            "other_matters": "无",
        },
        "glossary": [{"term": c.title, "definition": c.text.replace("\n", "")} for c in glossary.children],
        "forms": [_form(e) for e in d.evaluations],
    }


def reconciled(data: dict[str, Any], evaluations: list[ProjectEvaluation]) -> list[Correction]:
    """Apply reconcile.py's rules to the forms in ``data``; return every change made."""
    structure = next(s["text"] for s in data["overview"] if "机构设置" in s["title"])
    changes = unit_codes(data["forms"], structure)
    for form, e in zip(data["forms"], evaluations, strict=True):
        fund = e.amounts
        changes += missing_values(form)
        changes += lost_operators(form)
        changes += executed_per_analysis(form)
        changes += rate_base(form)
        changes += weight_gap(form, e.total_score.value if e.total_score else None,
                              fund.score.value if fund is not None and fund.score is not None else None)
    return changes


def corrections_markdown(changes: list[Correction]) -> str:
    rules = {"U": "单位代码按机构设置顺序", "A": "满分而实际完成值为空",
             "B": "扣分而实际完成值为空（两值为目标与实际）", "S": "满意度实际值取自分析文字",
             "C": "时效指标目标取自实际完成值中的月份", "E": "资金执行数取自分析文字", "W": "指标分值合计不足 90",
             "O": "导出损坏的运算符（W→≥，≠→=）", "R": "分析文字的执行率按表中口径"}
    lines = ["# Corrections to the reference's forms (generated by build.py — do not edit)", "",
             "Rules: see reconcile.py. " + "; ".join(f"{k} = {v}" for k, v in rules.items()) + ".", "",
             f"{len(changes)} changes in {len({c.form for c in changes})} forms.", "",
             "| # | form | rule | cell | reference | example | evidence |", "|---|---|---|---|---|---|---|"]
    for n, c in enumerate(changes, 1):
        cells = [str(n), c.form, c.rule, c.cell, c.before or "（空）", c.after, c.evidence]
        lines.append("| " + " | ".join(x.replace("|", "\\|") for x in cells) + " |")
    return "\n".join(lines) + "\n"


def main() -> None:
    reference = Path(sys.argv[1]) if len(sys.argv) > 1 else DEFAULT_REFERENCE
    data = build(reference)
    changes = reconciled(data, juesuan.read(reference).evaluations)
    (HERE / "corrections.md").write_text(corrections_markdown(changes), encoding="utf-8")
    juesuan_check = __import__("juesuan.render.data", fromlist=["validate"])
    juesuan_check.validate(data)  # fail here, not at render time
    out = HERE / "data.yaml"
    out.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False, width=100), encoding="utf-8")
    print(f"wrote {out} ({len(data['forms'])} forms, {len(changes)} corrections)")


if __name__ == "__main__":
    main()
