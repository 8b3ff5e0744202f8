"""Loading the render input: YAML, JSON, the XLSX workbook and its template; clear errors."""

from __future__ import annotations

import json
from decimal import Decimal
from pathlib import Path

import pytest
import yaml

from juesuan.model.public_tables import FinalAccounts
from juesuan.read.errors import InputError
from juesuan.render import render_text
from juesuan.render.data import load, validate, write_template, write_workbook
from juesuan.render.figures import compute

from .test_public_tables import accounts, sample_leaves


def test_json_and_workbook_load_the_same_model(example: FinalAccounts, tmp_path: Path) -> None:
    as_json = tmp_path / "data.json"
    as_json.write_text(json.dumps(example.model_dump(mode="json"), ensure_ascii=False), encoding="utf-8")
    assert load(as_json) == example
    book = tmp_path / "data.xlsx"
    write_workbook(example, book)
    assert load(book) == example


def test_template_loads_and_renders(tmp_path: Path) -> None:
    path = tmp_path / "t.xlsx"
    write_template(path)
    data = load(path)
    text = render_text(data)
    assert "本年度无此项收支。" in text and "第五部分 附件" in text


def test_yuan_input_is_balanced_in_wan(example: FinalAccounts) -> None:
    raw = example.model_dump(mode="json")
    raw["unit"] = "元"
    for key in ("fiscal_general", "other", "carryover_begin"):
        raw["income"][key] = str(round(float(raw["income"][key]) * 10000))
    raw["carryover_end"] = "39200"
    for row in raw["functions"]:
        for key in ("basic", "project", "general_basic", "general_project", "general_budget", "general_prior",
                    "income_fiscal", "income_other"):
            row[key] = str(round(Decimal(row[key]) * 10000))
    for row in raw["economic"]:
        row["amount"] = str(round(float(row["amount"]) * 10000))
    from juesuan.render.data import validate

    f = compute(validate(raw))
    assert str(f.income_total) == "47549.83"
    assert sum(c.general for c in f.classes) == f.general


@pytest.mark.parametrize(("content", "name", "code"), [
    (None, "missing.yaml", "D001"),
    ("department: [", "bad.yaml", "D002"),
    ("{", "bad.json", "D002"),
    ("department: x\nyear: 2024\n", "short.yaml", "D003"),
    ("x", "data.toml", "D005"),
])
def test_errors(tmp_path: Path, content: str | None, name: str, code: str) -> None:
    path = tmp_path / name
    if content is not None:
        path.write_text(content, encoding="utf-8")
    with pytest.raises(InputError) as info:
        load(path)
    assert info.value.code == code
    assert name in info.value.one_line()


def test_validation_error_names_the_key_and_the_cell(example: FinalAccounts, tmp_path: Path) -> None:
    raw = example.model_dump(mode="json")
    raw["functions"][1]["code"] = "21"
    path = tmp_path / "bad.yaml"
    path.write_text(yaml.safe_dump(raw, allow_unicode=True), encoding="utf-8")
    with pytest.raises(InputError, match=r"functions\.1\.code"):
        load(path)
    book = tmp_path / "bad.xlsx"
    write_workbook(example, book)
    from openpyxl import load_workbook

    wb = load_workbook(book)
    sheet = wb["数据"]
    row = next(r for r in sheet.iter_rows() if r[0].value == "year")
    row[1].value = "二〇二四"
    wb.save(book)
    with pytest.raises(InputError, match=rf"数据!B{row[1].row}"):
        load(book)


def test_unbalanced_data_is_refused(example: FinalAccounts) -> None:
    raw = example.model_dump(mode="json")
    raw["income"]["other"] = "10046.76"
    from juesuan.render.data import validate

    with pytest.raises(InputError) as info:
        compute(validate(raw))
    assert info.value.code == "D004"


def test_workbook_holds_the_tables_in_their_layout(example: FinalAccounts, tmp_path: Path) -> None:
    from openpyxl import load_workbook

    book = tmp_path / "data.xlsx"
    write_workbook(example, book)
    wb = load_workbook(book)
    assert {"公开01表", "公开03表", "公开05表", "公开06表", "公开07表", "数据"} <= set(wb.sheetnames)
    rows = [[c for c in r] for r in wb["公开05表"].iter_rows(min_row=2, values_only=True)]
    assert rows[0][:5] == ["科目编码", "科目名称", "合计", "基本支出", "项目支出"]
    assert rows[3][:5] == ["211", "节能环保支出", 35321.01, 8807.97, 26513.04]
    keys = {r[0] for r in wb["数据"].iter_rows(min_row=2, values_only=True)}
    assert not any(str(k).startswith("functions.") for k in keys)
    sheet = wb["公开05表"]
    sheet["A5"] = "21"  # a 2-digit code: refused, naming the table cell
    wb.save(book)
    with pytest.raises(InputError, match=r"公开05表!A5"):
        load(book)
    template = tmp_path / "t.xlsx"
    write_template(template)
    assert "公开03表" in load_workbook(template).sheetnames


def test_workbook_carries_the_function_hierarchy_and_the_new_columns(tmp_path: Path) -> None:
    from openpyxl import load_workbook

    data = validate(accounts(sample_leaves()))
    book = tmp_path / "data.xlsx"
    write_workbook(data, book)
    assert load(book) == data
    assert compute(load(book)) == compute(data)
    wb = load_workbook(book)
    assert wb.sheetnames == ["说明", *(f"公开{n:02d}表" for n in (1, 2, 3, 5, 6, 7, 8, 9)), "数据"]
    header = {name: [c.value for c in wb[name][2]] for name in ("公开02表", "公开03表", "公开08表", "公开09表")}
    assert header["公开02表"] == ["科目编码", "科目名称", "合计", "财政拨款收入", "上级补助收入", "事业收入",
                                "经营收入", "附属单位上缴收入", "其他收入"]
    assert header["公开03表"] == ["科目编码", "科目名称", "合计", "基本支出", "项目支出", "上缴上级支出", "经营支出",
                                "对附属单位补助支出"]
    assert header["公开08表"] == header["公开09表"] == ["科目编码", "科目名称", "合计", "基本支出", "项目支出"]
    codes = [c.value for c in wb["公开08表"]["A"][2:]]
    assert codes[:4] == ["201", "20103", "2010301", "2010350"]
    sheet = wb["公开08表"]
    sheet["D6"] = "一百"  # not a number: refused, naming the table cell
    wb.save(book)
    with pytest.raises(InputError, match=r"公开08表!D6") as info:
        load(book)
    assert info.value.code == "D003"


def test_template_has_every_function_sheet(tmp_path: Path) -> None:
    from openpyxl import load_workbook

    path = tmp_path / "t.xlsx"
    write_template(path)
    wb = load_workbook(path)
    assert {"公开02表", "公开03表", "公开05表", "公开08表", "公开09表"} <= set(wb.sheetnames)
    assert [c.value for c in wb["公开03表"][2]][5:] == ["上缴上级支出", "经营支出", "对附属单位补助支出"]
    data = load(path)
    assert data.functions[0].income is None and data.functions[0].fund_basic == 0
