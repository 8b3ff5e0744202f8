"""Authoring in Excel: template → fill in by hand → score → read back (a round trip)."""

from __future__ import annotations

from pathlib import Path

from openpyxl import load_workbook

from juesuan.model.disclosure import Disclosure
from juesuan.score import Status, load_policy
from juesuan.score.workbook import (
    COL,
    OPERATORS,
    TIERS,
    fill_workbook,
    read_forms,
    write_forms,
    write_template,
)


def test_template_has_one_sheet_per_project_and_dropdowns(tmp_path: Path) -> None:
    path = tmp_path / "forms.xlsx"
    write_template(path, projects=2)
    wb = load_workbook(path)
    assert wb.sheetnames == ["项目1", "项目2"]
    ws = wb["项目1"]
    formulas = {dv.formula1 for dv in ws.data_validations.dataValidation}
    assert '"' + ",".join(OPERATORS) + '"' in formulas
    assert '"' + ",".join(TIERS) + '"' in formulas


def test_template_fill_score_round_trip(tmp_path: Path) -> None:
    path = tmp_path / "forms.xlsx"
    write_template(path)
    wb = load_workbook(path)
    ws = wb["项目1"]
    ws["B2"] = "示例项目"
    # 资金总额: 全年预算数 100, 全年执行数 95, 执行率 95 (得分 left empty)
    for col, value in ((4, 100), (5, 95), (6, 5), (7, 95)):
        ws.cell(5, col, value)
    header = next(r for r in range(1, ws.max_row + 1) if ws.cell(r, 1).value == "一级指标")
    rows = [
        ("产出指标", "数量指标", "完成数量", "≥", None, "40个", "36个", 50),
        ("效益指标", "社会效益", "环境改善", None, None, "提升", TIERS[1], 30),
        ("满意度指标", "服务对象满意度", "群众满意度", None, None, "≥90%", None, 10),
    ]
    for i, (l1, l2, name, op, initial, adjusted, actual, weight) in enumerate(rows, 1):
        r = header + i
        for key, value in (("一级指标", l1), ("二级指标", l2), ("三级指标", name), ("运算符", op),
                           ("年初指标值", initial), ("调整后指标值", adjusted),
                           ("实际完成值", actual), ("分值", weight)):
            ws.cell(r, COL[key], value)
    wb.save(path)

    out = tmp_path / "scored.xlsx"
    scores = fill_workbook(path, out, load_policy("national"))
    [result] = scores
    assert [i.status for i in result.indicators] == [Status.DIFFERS, Status.DIFFERS,
                                                     Status.UNREADABLE]
    # 9.5 (execution) + 45 (36 ÷ 40 × 50) + 24 (partial tier, upper end 80% × 30); the
    # satisfaction row has no actual and no stated score, so it adds nothing and is marked
    assert str(result.recomputed_total) == "78.50"

    back = load_workbook(out)["项目1"]
    assert back.cell(5, 8).value == 9.5
    assert back.cell(header + 1, COL["得分"]).value == 45
    assert back.cell(header + 2, COL["得分"]).value == 24
    assert back.cell(header + 3, COL["得分"]).value is None
    assert back.cell(header + 3, COL["实际完成值"]).fill.start_color.rgb.endswith("FFFF00")
    assert "cannot read" in back.cell(header + 3, COL["说明"]).value
    total_row = next(r for r in range(1, back.max_row + 1) if back.cell(r, 1).value == "总分")
    assert back.cell(total_row, COL["得分"]).value == 78.5
    assert back.cell(total_row + 1, 2).value == "中"

    # the filled workbook reads back as forms whose scores now agree with the policy
    [form] = read_forms(out)
    assert form.name == "示例项目" and form.total_score is not None
    assert str(form.total_score.value) == "78.5"


def test_reference_forms_through_the_workbook(tmp_path: Path, reference: Disclosure) -> None:
    names = {"高平分局高平市入河排污口排查及溯源调查报告", "城区分局背街小巷洒水降尘服务费",
             "道路清扫保洁能力提升项目"}
    forms = [f for f in reference.evaluations if f.name in names]
    path = tmp_path / "ref.xlsx"
    write_forms(forms, path)
    scores = fill_workbook(path, tmp_path / "out.xlsx", load_policy("example-local"))
    assert {s.form.name: str(s.recomputed_total.normalize()) for s in scores} == {
        "高平分局高平市入河排污口排查及溯源调查报告": "99.61",
        "城区分局背街小巷洒水降尘服务费": "92.5",
        "道路清扫保洁能力提升项目": "76",
    }
    assert all(s.reproduced for s in scores)
