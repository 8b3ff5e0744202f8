"""Change one input figure: every narrative restatement of it (and what derives from it) changes."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

import pytest

from juesuan.model.public_tables import FinalAccounts
from juesuan.render import render_text
from juesuan.render.data import validate
from juesuan.render.narrative import change


def _with(example: FinalAccounts, **updates: Any) -> FinalAccounts:
    raw = example.model_dump(mode="json")
    for dotted, value in updates.items():
        node = raw
        *path, last = dotted.split("__")
        for key in path:
            node = node[int(key)] if key.isdigit() else node[key]
        node[last] = value
    return validate(raw)


def _narrative(text: str) -> str:
    return text[text.index("第三部分 情况说明"):text.index("第四部分 名词解释")]


def test_one_class_figure_changes_everywhere(example: FinalAccounts) -> None:
    before = render_text(example)
    # 节能环保 一般公共预算项目支出 +100.00 (all funds too, and 其他收入 so the totals still balance)
    after = render_text(_with(example, functions__2__general_project="26613.04",
                              functions__2__project="36825.33", income__fiscal_general="37401.92",
                              functions__2__income_fiscal="35421.01", prior__fiscal_total="29283.34"))
    nb, na = _narrative(before), _narrative(after)
    for old, new in (("35,321.01", "35,421.01"), ("37,301.92", "37,401.92"), ("47,545.91", "47,645.91")):
        assert nb.count(old) > 1 or old == "47,545.91"
        assert old not in na, old
        assert na.count(new) == nb.count(old), new
        assert before.count(old) == after.count(new)  # the tables restate it as often
    assert "完成年初预算的151.41%" in na  # 35,421.01 ÷ 23,394.24
    assert "完成年初预算的150.98%" in nb


def test_three_public_change_reaches_totals_and_rates(example: FinalAccounts) -> None:
    after = _narrative(render_text(_with(example, three_public__reception__actual="2.50")))
    assert "公务接待费支出2.50万元，完成全年预算的81.97%，比上年度增加2.16万元，增长635.29%" in after
    assert "支出决算2.50万元，完成全年预算的81.97%，比上年度减少40.62万元，下降94.20%" in after
    assert "3.05万元，共接待" not in after


def test_reasons_verbatim_and_never_invented(example: FinalAccounts) -> None:
    text = _narrative(render_text(example))
    assert "主要原因是各县（市、区）分局经费由市级承担，且上级资金较往年增加。" in text
    silent = _narrative(render_text(_with(example, reasons__total="")))
    first = silent[silent.index("一、收入支出决算总体情况说明"):silent.index("二、收入决算情况说明")]
    assert "原因" not in first


def test_sections_without_data_say_so(example: FinalAccounts) -> None:
    text = _narrative(render_text(example))
    assert "七、政府性基金预算财政拨款收支决算情况说明\n\n本年度无此项收支。" in text
    assert "八、国有资本经营预算财政拨款支出决算情况说明\n\n本年度无此项支出。" in text
    assert text.count("\n十、") == 1 and "\n九、" in text


@pytest.mark.parametrize(("this", "prior", "expected"), [
    ("3.05", "0.34", "增加2.71万元，增长797.06%"),
    ("0", "42.78", "减少42.78万元，下降100.00%"),
    ("5", "5", "与上年相同"),
    ("5", "0", "增加5.00万元"),
])
def test_change_wording(this: str, prior: str, expected: str) -> None:
    assert change(Decimal(this), Decimal(prior)) == expected


def test_one_form_figure_changes_its_form_and_the_summary(example: FinalAccounts) -> None:
    """A form's 全年执行数 drives its 资金结余, 执行率, 预算执行得分, 总分 and 等级, and through them the
    grade counts of 十（四）; the rendering still audits clean."""
    from juesuan.audit import run_audit
    from juesuan.parse import parse_document
    from juesuan.read.text import document_from_text

    n = next(i for i, f in enumerate(example.forms) if f.name == "城区分局背街小巷洒水降尘服务费")
    before = _narrative(render_text(example))
    changed = _with(example, **{f"forms__{n}__total__executed": "99.25", f"forms__{n}__sources__0__executed": "99.25"})
    text = render_text(changed)
    form = text[text.index("城区分局背街小巷洒水降尘服务费项目支出绩效自评"):]
    form = form[:form.index("备注")]
    assert "\t198.5\t99.25\t99.25\t50\t5\t" in form  # of 198.5: balance 99.25, rate 50 %, score 5
    assert "\t87.5\t良" in form  # 92.5 − 10 + 5
    after = _narrative(text)
    assert "50个项目自评等级为“优”，10个项目自评等级为“良”" in after
    assert "51个项目自评等级为“优”，9个项目自评等级为“良”" in before
    findings = run_audit(parse_document(document_from_text(text)))
    assert findings == []
