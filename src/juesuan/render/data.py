"""Load the input of ``juesuan render``: YAML, JSON or an XLSX workbook; write the empty workbook.

The workbook holds the public tables in their standard layout — 公开01表 (income items by label);
the function-classification tables 公开02表 (收入决算表: 财政拨款收入, 上级补助收入, 事业收入, 经营收入,
附属单位上缴收入, 其他收入, all optional), 公开03表 (基本支出, 项目支出, 上缴上级支出, 经营支出,
对附属单位补助支出), 公开05表 (一般公共预算财政拨款 基本支出, 项目支出, then the input-only columns 年初预算,
上年决算, 用途说明, 变动原因), 公开08表 and 公开09表 (政府性基金 / 国有资本经营预算财政拨款 基本支出,
项目支出), each row 科目编码, 科目名称, 合计, amounts… for a 类, 款 or 项 (amounts on the deepest rows);
公开06表 (economic classification: 科目编码, 科目名称, 类别, 决算数) and 公开07表 (三公: 项目, 预算数,
决算数; input-only 上年决算, 变动原因, 主要用于) — and a sheet 数据 for everything else, two columns: 键
(a dotted path into the model, list items numbered from 0: ``forms.0.name``) and 值; an instruction
sheet 说明 comes first. Totals and 合计 rows are never read: they are recomputed. Errors are
InputError ``D001`` (unreadable), ``D002`` (syntax), ``D003`` (a value the model refuses, naming the
key or the sheet cell), ``D004`` (figures that do not balance, raised while rendering), ``D005``
(an input format other than .yaml/.yml/.json/.xlsx).
"""

from __future__ import annotations

import json
from decimal import Decimal
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from juesuan.model.public_tables import FinalAccounts
from juesuan.read.errors import InputError, validation_reason

SHEET = "数据"


def load(path: str | Path) -> FinalAccounts:
    path = Path(path)
    if not path.is_file():
        raise InputError("D001", "数据文件不存在或无法读取", "the data file is missing or unreadable", str(path))
    suffix = path.suffix.lower()
    cells: dict[str, str] = {}
    if suffix in (".yaml", ".yml", ".json"):
        try:
            text = path.read_text(encoding="utf-8")
            raw = json.loads(text, parse_float=Decimal) if suffix == ".json" else _yaml(text)
        except (ValueError, UnicodeDecodeError) as exc:
            raise InputError("D002", f"数据文件格式错误：{exc}", f"the data file does not parse: {exc}",
                             str(path)) from None
    elif suffix == ".xlsx":
        raw, cells = _read_workbook(path)
    else:
        raise InputError("D005", "数据文件须为 .yaml、.yml、.json 或 .xlsx",
                         "the data file must be .yaml, .yml, .json or .xlsx", str(path))
    return validate(raw, str(path), cells)


def _yaml(text: str) -> Any:
    import yaml

    # LibYAML's safe loader when PyYAML was built with it (6× faster on the 64-form example).
    loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
    try:
        return yaml.load(text, Loader=loader)  # a safe loader either way
    except yaml.YAMLError as exc:
        raise ValueError(str(exc).replace("\n", " ")) from None


def validate(raw: Any, source: str = "", cells: dict[str, str] | None = None) -> FinalAccounts:
    try:
        return FinalAccounts.model_validate(raw)
    except ValidationError as exc:
        first = exc.errors()[0]
        key = ".".join(str(p) for p in first["loc"]) or "(根)"
        where = cells[key] if cells and key in cells else key
        zh, en = validation_reason(first)
        raise InputError("D003", f"{where}：{zh}", f"{where}: {en}", source) from None


def _read_workbook(path: Path) -> tuple[Any, dict[str, str]]:
    from openpyxl import load_workbook

    try:
        book = load_workbook(path, read_only=True, data_only=True)
    except Exception as exc:
        raise InputError("D001", f"工作簿无法打开：{exc}", f"the workbook cannot be opened: {exc}",
                         str(path)) from None
    if SHEET not in book.sheetnames:
        raise InputError("D003", f"工作簿缺少工作表“{SHEET}”", f"the workbook has no sheet '{SHEET}'", str(path))
    root: dict[str, Any] = {}
    cells: dict[str, str] = {}
    for n, row in enumerate(book[SHEET].iter_rows(min_row=2, values_only=True), start=2):
        if not row or row[0] is None or str(row[0]).startswith("#"):
            continue
        key, value = str(row[0]).strip(), row[1] if len(row) > 1 else None
        if value is None or value == "":
            continue
        cells[key] = f"{SHEET}!B{n}"
        _put(root, key.split("."), str(value) if isinstance(value, float) else value)
    raw = _lists(root)
    _read_tables(book, raw, cells)
    return raw, cells


INCOME_ITEMS = {
    "一般公共预算财政拨款收入": "income.fiscal_general", "政府性基金预算财政拨款收入": "income.fiscal_fund",
    "国有资本经营预算财政拨款收入": "income.fiscal_capital", "上级补助收入": "income.superior",
    "事业收入": "income.business", "经营收入": "income.operating", "附属单位上缴收入": "income.affiliated",
    "其他收入": "income.other", "使用非财政拨款结余": "income.non_fiscal_balance_used",
    "年初结转和结余": "income.carryover_begin", "其中：财政拨款年初结转和结余": "income.fiscal_carryover_begin",
    "结余分配": "surplus_distribution", "年末结转和结余": "carryover_end",
    "其中：财政拨款年末结转和结余": "fiscal_carryover_end",
}
FUNCTION_HEADER = ["科目编码", "科目名称", "合计", "基本支出", "项目支出"]
FUNCTION_EXTRA = [("年初预算", "general_budget"), ("上年决算", "general_prior"), ("用途说明", "purpose"),
                  ("变动原因", "reason")]
BASIC_PROJECT = ["基本支出", "项目支出"]
FUNCTION_SHEETS: list[tuple[str, str, list[tuple[str, str]]]] = [
    ("公开03表", "支出决算表", list(zip(
        [*BASIC_PROJECT, "上缴上级支出", "经营支出", "对附属单位补助支出"],
        ["basic", "project", "superior_remit", "operating_expense", "subsidiary_grant"], strict=True))),
    ("公开05表", "一般公共预算财政拨款支出决算表",
     list(zip(BASIC_PROJECT, ["general_basic", "general_project"], strict=True)) + FUNCTION_EXTRA),
    ("公开02表", "收入决算表", list(zip(
        ["财政拨款收入", "上级补助收入", "事业收入", "经营收入", "附属单位上缴收入", "其他收入"],
        ["income_fiscal", "income_superior", "income_business", "income_operating", "income_affiliated",
         "income_other"], strict=True))),
    ("公开08表", "政府性基金预算财政拨款收入支出决算表（支出）",
     list(zip(BASIC_PROJECT, ["fund_basic", "fund_project"], strict=True))),
    ("公开09表", "国有资本经营预算财政拨款支出决算表",
     list(zip(BASIC_PROJECT, ["capital_basic", "capital_project"], strict=True))),
]
"""(sheet, title, [(column label, field)]) of the function-classification sheets, in reading order
(03 first: it lists every row, so the rows keep their order). Columns: 科目编码, 科目名称, 合计 (not
read), then the fields; of 05's, the last four are input-only text and figures."""
_AMOUNT_COLUMNS = {"公开05表": 2}
"""Sheets whose fields after the first N are not amounts (and so not in the 合计 column)."""
_TEXT_FIELDS = {"purpose", "reason"}
ECONOMIC_HEADER = ["科目编码", "科目名称", "类别", "决算数"]
THREE_PUBLIC = [("因公出国（境）费", "abroad"), ("公务用车购置费", "vehicle_purchase"),
                ("公务用车运行维护费", "vehicle_operation"), ("公务接待费", "reception")]
THREE_PUBLIC_HEADER = ["项目", "预算数", "决算数", "上年决算", "变动原因", "主要用于"]
THREE_PUBLIC_FIELDS = ["budget", "actual", "prior", "reason", "use"]


def _text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, float):
        return str(Decimal(str(value)))
    return str(value).strip()


def _rows(book: Any, name: str) -> list[tuple[int, list[str]]]:
    """(row number, cell texts) of a table sheet's rows below its title and header."""
    if name not in book.sheetnames:
        return []
    out = []
    for n, row in enumerate(book[name].iter_rows(min_row=3, values_only=True), start=3):
        texts = [_text(v) for v in row]
        if any(texts):
            out.append((n, texts))
    return out


def _col(index: int) -> str:
    return "ABCDEFGHIJKLMNOPQRSTUVWXYZ"[index]


def _read_tables(book: Any, raw: Any, cells: dict[str, str]) -> None:
    """Fill ``raw`` from the public-table sheets (their figures win over the same keys in 数据)."""
    if not isinstance(raw, dict):
        return
    for n, texts in _rows(book, "公开01表"):
        for i, label in enumerate(texts[:-1]):
            key = INCOME_ITEMS.get(label)
            if key and texts[i + 1]:
                _put(raw, key.split("."), texts[i + 1])
                cells[key] = f"公开01表!{_col(i + 1)}{n}"
    functions: dict[str, dict[str, Any]] = {}
    for sheet, _, columns in FUNCTION_SHEETS:
        for n, texts in _rows(book, sheet):
            texts += [""] * (3 + len(columns))
            code = texts[0]
            if not code:
                continue
            row = functions.setdefault(code, {"code": code, "name": texts[1]})
            index = list(functions).index(code)
            cells.setdefault(f"functions.{index}.code", f"{sheet}!A{n}")
            for offset, (_, field) in enumerate(columns, start=3):
                if texts[offset]:
                    row[field] = texts[offset]
                    cells[f"functions.{index}.{field}"] = f"{sheet}!{_col(offset)}{n}"
    if functions:
        raw["functions"] = list(functions.values())
    economic: list[dict[str, str]] = []
    for n, texts in _rows(book, "公开06表"):
        texts += [""] * 4
        if texts[0]:
            index = len(economic)
            economic.append({"code": texts[0], "name": texts[1], "kind": texts[2], "amount": texts[3]})
            cells.update({f"economic.{index}.{f}": f"公开06表!{_col(i)}{n}"
                          for i, f in enumerate(("code", "name", "kind", "amount"))})
    if economic:
        raw["economic"] = economic
    names = dict(THREE_PUBLIC)
    for n, texts in _rows(book, "公开07表"):
        key = names.get(texts[0])
        if key is None:
            continue
        texts += [""] * 6
        item = raw.setdefault("three_public", {}).setdefault(key, {})
        for offset, field in enumerate(THREE_PUBLIC_FIELDS, start=1):
            if texts[offset]:
                item[field] = texts[offset]
                cells[f"three_public.{key}.{field}"] = f"公开07表!{_col(offset)}{n}"


def _table_keys(key: str) -> bool:
    """Keys the table sheets hold (left out of the 数据 sheet)."""
    if key in INCOME_ITEMS.values() or key.startswith(("functions.", "economic.")):
        return True
    parts = key.split(".")
    return (len(parts) == 3 and parts[0] == "three_public" and parts[1] in dict(THREE_PUBLIC).values()
            and parts[2] in THREE_PUBLIC_FIELDS)


def _number(value: Any) -> Any:
    if value is None or value == "":
        return None
    try:
        return float(Decimal(str(value)))
    except ArithmeticError:
        return value


def _write_tables(book: Any, raw: dict[str, Any]) -> None:
    def sheet(name: str, title: str, header: list[str]) -> Any:
        ws = book.create_sheet(name)
        ws.append([f"{name} {title}"])
        ws.append(header)
        for column in "ABCDEFGHI":
            ws.column_dimensions[column].width = 18
        return ws

    def codes_as_text(ws: Any) -> None:
        for row_cells in ws.iter_rows(min_row=3):
            row_cells[0].number_format = "@"

    ws = sheet("公开01表", "收入支出决算表（收入项目）", ["项目", "决算数"])
    for label, key in INCOME_ITEMS.items():
        node: Any = raw
        for part in key.split("."):
            node = node.get(part) if isinstance(node, dict) else None
        ws.append([label, _number(node)])
    function_sheets = {name: (title, columns) for name, title, columns in FUNCTION_SHEETS}
    for number in range(2, 10):
        name = f"公开{number:02d}表"
        if name in function_sheets:
            title, columns = function_sheets[name]
            ws = sheet(name, title, ["科目编码", "科目名称", "合计", *(label for label, _ in columns)])
            amounts = [field for _, field in columns[:_AMOUNT_COLUMNS.get(name, len(columns))]]
            for row in raw.get("functions") or []:
                given = [Decimal(str(row[field])) for field in amounts if row.get(field) not in (None, "")]
                ws.append([row.get("code"), row.get("name"), float(sum(given, Decimal(0))) if given else None,
                           *((row.get(field) or None) if field in _TEXT_FIELDS else _number(row.get(field))
                             for _, field in columns)])
            codes_as_text(ws)
        elif number == 6:
            ws = sheet(name, "一般公共预算财政拨款基本支出决算表", ECONOMIC_HEADER)
            for row in raw.get("economic") or []:
                ws.append([row.get("code"), row.get("name"), row.get("kind"), _number(row.get("amount"))])
            codes_as_text(ws)
        elif number == 7:
            ws = sheet(name, "一般公共预算财政拨款“三公”经费支出决算表", THREE_PUBLIC_HEADER)
            tp = raw.get("three_public") or {}
            for label, key in THREE_PUBLIC:
                item = tp.get(key) or {}
                ws.append([label, _number(item.get("budget")), _number(item.get("actual")),
                           _number(item.get("prior")), item.get("reason") or None, item.get("use") or None])


def _put(node: dict[str, Any], keys: list[str], value: Any) -> None:
    for key in keys[:-1]:
        node = node.setdefault(key, {})
    node[keys[-1]] = value


def _lists(node: Any) -> Any:
    """Dicts whose keys are all digits become lists (in numeric order)."""
    if isinstance(node, dict):
        if node and all(k.isdigit() for k in node):
            return [_lists(node[k]) for k in sorted(node, key=int)]
        return {k: _lists(v) for k, v in node.items()}
    return node


def flatten(value: Any, prefix: str = "") -> list[tuple[str, Any]]:
    """(dotted key, scalar) pairs of a JSON-like value, list items numbered from 0."""
    if isinstance(value, dict):
        return [pair for k, v in value.items() for pair in flatten(v, f"{prefix}{k}.")]
    if isinstance(value, list | tuple):
        return [pair for i, v in enumerate(value) for pair in flatten(v, f"{prefix}{i}.")]
    return [(prefix.rstrip("."), value)]


INSTRUCTIONS = [
    "部门决算公开数据模板 / data template for juesuan render",
    "公开01表（收入项目）、公开02/03/05/08/09表（功能分类科目：类 3 位、款 5 位、项 7 位编码）、公开06表"
    "（经济分类）、公开07表（“三公”经费）按标准格式逐行填写；合计数不填，由各行相加得出。公开05表和07表右侧几列"
    "为输入专用（年初预算、上年决算、用途说明、变动原因、主要用于）。",
    "功能分类科目：金额填在最末级科目（项，或没有下级的款、类）上；有下级科目的类、款可不填金额，由下级相加得出，"
    "若填写则须等于下级之和。款、项须有其上级类、款行。公开02表（按科目的收入来源）可不填，不填时只列合计行；"
    "填写时各来源之和须等于公开01表的相应收入。公开08/09表为政府性基金、国有资本经营预算财政拨款支出，"
    "其合计须等于公开01表的相应收入。",
    "其余内容在“数据”工作表中逐行填写：A 列为键（模型中的路径，列表项从 0 编号，如 forms.0.name），B 列为值。",
    "金额单位由 unit 指定（元 或 万元）；合计数不填，由各行相加得出；原因（reason）原文照录，不填则不写。",
    "functions: 功能分类科目（3 位类、5 位款、7 位项），basic/project 为全部资金的基本/项目支出，"
    "superior_remit/operating_expense/subsidiary_grant 为上缴上级支出、经营支出、对附属单位补助支出，"
    "general_basic/general_project 为一般公共预算财政拨款部分，fund_basic/fund_project、"
    "capital_basic/capital_project 为政府性基金、国有资本经营预算财政拨款部分，income_fiscal、income_superior、"
    "income_business、income_operating、income_affiliated、income_other 为按科目的收入来源（公开02表，可不填），"
    "general_budget 年初预算，general_prior 上年决算。",
    "three_public: “三公”经费（预算、决算、上年、原因、批次人次车辆）；procurement: 政府采购；assets: 国有资产；"
    "forms: 项目支出绩效自评表（结余、执行率、得分、总分、等级自动计算）。",
    "以“=”开头的指标值（如 =8次/天）请在前面加英文单引号，以免被当作公式。",
    "同样的数据也可写成 YAML 或 JSON（结构见 examples/jincheng-eeb-2024/data.yaml）。",
]


def template_data() -> dict[str, Any]:
    """A minimal valid input, every key present, to fill in."""
    return {
        "department": "（部门名称）", "year": 2024, "unit": "万元",
        "overview": [{"title": "一、部门职责", "text": ""}],
        "income": {"fiscal_general": "0", "other": "0", "carryover_begin": "0"},
        "surplus_distribution": "0", "carryover_end": "0",
        "functions": [{"code": "201", "name": "一般公共服务支出", "basic": "0", "project": "0",
                       "superior_remit": "0", "operating_expense": "0", "subsidiary_grant": "0",
                       "general_basic": "0", "general_project": "0", "fund_basic": "0", "fund_project": "0",
                       "capital_basic": "0", "capital_project": "0", "general_budget": "0",
                       "general_prior": "0", "purpose": "", "reason": ""}],
        "economic": [{"code": "301", "name": "工资福利支出", "amount": "0", "kind": "人员经费"}],
        "personnel_items": "", "public_items": "",
        "prior": {"total": "0", "fiscal_total": "0", "general_total": "0"},
        "reasons": {"total": "", "fiscal": "", "general": ""},
        "office_costs": "0", "office_costs_prior": "0", "office_costs_reason": "",
        "procurement": {"goods": "0", "works": "0", "services": "0", "sme": "0", "small_micro": "0"},
    }


def write_template(path: str | Path) -> None:
    from openpyxl import Workbook

    book = Workbook()
    info = book.active
    info.title = "说明"
    for line in INSTRUCTIONS:
        info.append([line])
    info.column_dimensions["A"].width = 120
    raw = template_data()
    _write_tables(book, raw)
    sheet = book.create_sheet(SHEET)
    sheet.append(["键", "值"])
    for key, value in flatten(raw):
        if not _table_keys(key):
            sheet.append([key, value])
    sheet.column_dimensions["A"].width = 40
    sheet.column_dimensions["B"].width = 60
    book.save(path)


def write_workbook(data: FinalAccounts, path: str | Path) -> None:
    """The input workbook holding ``data`` (what ``load`` reads back)."""
    from openpyxl import Workbook

    book = Workbook()
    info = book.active
    info.title = "说明"
    for line in INSTRUCTIONS:
        info.append([line])
    raw = data.model_dump(mode="json")
    _write_tables(book, raw)
    sheet = book.create_sheet(SHEET)
    sheet.append(["键", "值"])
    for key, value in flatten(raw):
        if value is not None and value != "" and not _table_keys(key):
            sheet.append([key, value if isinstance(value, int | str) else str(value)])
            cell = sheet.cell(sheet.max_row, 2)
            if isinstance(value, str) and value.startswith("="):
                cell.data_type = "s"  # a target such as ``=8次/天`` is text, not a formula
    book.save(path)
