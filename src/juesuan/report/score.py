"""Outputs of ``juesuan score``: text, the JSON contract, an XLSX workbook, and a summary table."""

from __future__ import annotations

import json
from collections import Counter
from decimal import Decimal
from pathlib import Path
from typing import Any

from juesuan.score.engine import FormScore, ItemScore, Status
from juesuan.score.workbook import excel_number

SCORE_SCHEMA_VERSION = 1

REASON_LABELS = {
    "arithmetic": "表内算术错误（总分≠各项得分之和）",
    "qualitative": "定性指标评档（填报分值不在该档区间）",
    "over_achievement": "超额完成扣分",
    "proportional": "未达成定量指标的比例计分",
    "met": "已达成指标被扣分",
    "execution": "预算执行率得分",
    "missing_score": "得分未填",
    "cannot_read": "无法读取的值",
    "no_total": "未填总分",
}


def _num(value: Decimal | None) -> str | None:
    return None if value is None else format(value.normalize(), "f")


def item_payload(item: ItemScore) -> dict[str, Any]:
    return {
        "name": item.name,
        "weight": _num(item.weight),
        "stated_score": item.stated.plain() if item.stated else None,
        "recomputed_score": _num(item.recomputed),
        "allowed": None if item.allowed is None else [_num(item.allowed.lo), _num(item.allowed.hi)],
        "status": item.status.value,
        "kind": item.kind.value,
        "reason": item.reason,
        "line": item.indicator.span.line if item.indicator else None,
    }


def form_payload(score: FormScore) -> dict[str, Any]:
    return {
        "name": score.form.name,
        "line": score.form.span.line,
        "stated_total": score.stated_total.plain() if score.stated_total else None,
        "recomputed_total": _num(score.recomputed_total),
        "stated_grade": score.stated_grade,
        "recomputed_grade": score.recomputed_grade,
        "reproduced": score.reproduced,
        "reasons": score.reasons(),
        "stated_sum": _num(score.stated_sum),
        "execution": item_payload(score.execution),
        "indicators": [item_payload(i) for i in score.indicators],
        "notes": score.notes,
    }


def summary(scores: list[FormScore]) -> dict[str, Any]:
    """How many stated totals the policy reproduces, and the reasons for the rest (by form)."""
    reasons: Counter[str] = Counter()
    for s in scores:
        reasons.update(s.reasons())
    return {
        "forms": len(scores),
        "reproduced": sum(1 for s in scores if s.reproduced and not s.unreadable),
        "reproduced_with_unreadable": sum(1 for s in scores if s.reproduced and s.unreadable),
        "not_reproduced": sum(1 for s in scores if not s.reproduced),
        "reasons": dict(sorted(reasons.items(), key=lambda kv: (-kv[1], kv[0]))),
        "items": {
            status.value: sum(1 for s in scores for i in s.items if i.status is status)
            for status in Status
        },
    }


def score_payload(source: str, policy: str, scores: list[FormScore]) -> dict[str, Any]:
    return {
        "schema_version": SCORE_SCHEMA_VERSION,
        "source": source,
        "policy": policy,
        "evaluations": [form_payload(s) for s in scores],
        "summary": summary(scores),
    }


def dumps(payload: dict[str, Any]) -> str:
    return json.dumps(payload, ensure_ascii=False, indent=2) + "\n"


_MARK = {Status.AGREES: "✓", Status.DIFFERS: "✗", Status.UNREADABLE: "?"}


def render_text(scores: list[FormScore], policy: str) -> str:
    lines: list[str] = []
    for s in scores:
        stated = s.stated_total.text if s.stated_total else "未填"
        verdict = "一致" if s.reproduced else "不一致"
        lines.append(f"「{s.form.name}」（第 {s.form.span.line} 行）填报总分 {stated}"
                     f"{'/' + s.stated_grade if s.stated_grade else ''}，按 {policy} 口径重算 "
                     f"{_num(s.recomputed_total)}/{s.recomputed_grade}：{verdict}")
        for item in s.items:
            st = item.stated.text if item.stated else "—"
            rc = _num(item.recomputed) if item.recomputed is not None else "—"
            w = _num(item.weight) if item.weight is not None else "—"
            lines.append(f"  {_MARK[item.status]} {item.name}  分值 {w}  填报 {st}  重算 {rc}  "
                         f"{item.reason}")
        if s.arithmetic_error:
            lines.append(f"  ✗ 各项填报得分之和为 {_num(s.stated_sum)}，与填报总分 {stated} 不符")
        for note in s.notes:
            lines.append(f"  · {note}")
        lines.append("")
    lines.append(summary_text(scores))
    return "\n".join(lines) + "\n"


def summary_text(scores: list[FormScore]) -> str:
    data = summary(scores)
    out = [f"共 {data['forms']} 张自评表：重现填报总分 {data['reproduced']} 张"
           f"（另有 {data['reproduced_with_unreadable']} 张含无法读取的值、按填报分值计入），"
           f"未重现 {data['not_reproduced']} 张"]
    for reason, count in data["reasons"].items():
        out.append(f"  {REASON_LABELS.get(reason, reason)}: {count}")
    return "\n".join(out)


SCORE_COLUMNS: tuple[tuple[str, str], ...] = (
    ("evaluation", "项目名称"), ("name", "指标"), ("weight", "分值"), ("stated", "填报得分"),
    ("recomputed", "重算得分"), ("status", "结论"), ("reason", "说明"), ("line", "所在行"),
)
STATUS_ZH = {Status.AGREES: "一致", Status.DIFFERS: "不一致", Status.UNREADABLE: "无法读取"}


def write_score_xlsx(scores: list[FormScore], out: Path) -> None:
    """Two sheets: 评分汇总 (one row per form) and 评分明细 (one row per item)."""
    from openpyxl import Workbook

    wb = Workbook()
    ws = wb.active
    assert ws is not None
    ws.title = "评分汇总"
    ws.append(["项目名称", "填报总分", "重算总分", "填报等级", "重算等级", "是否一致", "原因", "所在行"])
    for s in scores:
        ws.append([s.form.name, excel_number(s.stated_total.value if s.stated_total else None),
                   excel_number(s.recomputed_total), s.stated_grade, s.recomputed_grade,
                   "是" if s.reproduced else "否",
                   "；".join(REASON_LABELS.get(r, r) for r in s.reasons()), s.form.span.line])
    detail = wb.create_sheet("评分明细")
    detail.append([h for _, h in SCORE_COLUMNS])
    for s in scores:
        for item in s.items:
            detail.append([s.form.name, item.name, excel_number(item.weight),
                           excel_number(item.stated.value if item.stated else None),
                           excel_number(item.recomputed), STATUS_ZH[item.status], item.reason,
                           item.indicator.span.line if item.indicator else s.form.span.line])
    wb.save(out)


