"""The audit workbook a reviewer works in (``juesuan audit --format xlsx -o findings.xlsx``).

Two sheets:

* 汇总 — the source, then the findings counted by severity, by rule (code, name, severity, count,
  what the rule checks) and by place (each self-evaluation form, each part of the disclosure).
* 审核发现 — one finding a row: 级别 (coloured), 规则, 规则名称, 位置, 页 (paged input), 行, 问题说明,
  原文, 填报值, 应为 (a readable number or range: ``15,056–15,090``), then 审核意见 (a drop-down:
  接受 / 误报 / 需整改 / 待核实), 备注, and 指纹 (the finding's identity). Header frozen, filters on,
  text wrapped, widths fitted to the content.

A reviewed workbook is a baseline: ``juesuan audit FILE --baseline findings.xlsx`` hides the
findings marked 接受 or 误报 (:func:`accepted_fingerprints`).
"""

from __future__ import annotations

import re
from collections import Counter
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation
from pathlib import Path
from typing import Any

from juesuan.audit.finding import Finding, Severity
from juesuan.audit.registry import REGISTRY
from juesuan.model.disclosure import Disclosure
from juesuan.read.errors import InputError
from juesuan.report.text import group_key

FINDINGS_SHEET = "审核发现"
SUMMARY_SHEET = "汇总"
DECISIONS = ("接受", "误报", "需整改", "待核实")
"""The 审核意见 drop-down: accepted as known, a false alarm, to be corrected, to be checked."""
ACCEPTING = {"接受", "误报", "accept", "accepted", "false alarm", "false positive"}
"""Decisions that put a finding in the baseline (no longer shown)."""
DECISION_HEADER, FINGERPRINT_HEADER = "审核意见", "指纹"
COLUMNS: tuple[tuple[str, float], ...] = (
    # header, widest a column grows to (in Excel character widths); text beyond that wraps
    ("级别", 8), ("规则", 8), ("规则名称", 26), ("位置", 30), ("页", 6), ("行", 7), ("问题说明", 60),
    ("原文", 40), ("填报值", 14), ("应为", 20), (DECISION_HEADER, 10), ("备注", 30), (FINGERPRINT_HEADER, 18),
)
WRAPPED = {"规则名称", "位置", "问题说明", "原文", "备注"}
SEVERITY_LABEL = {"zh": {Severity.ERROR: "错误", Severity.WARNING: "警告", Severity.INFO: "提示"},
                  "en": {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "info"}}
SEVERITY_FILL = {Severity.ERROR: "FFC7CE", Severity.WARNING: "FFEB9C", Severity.INFO: "DDEBF7"}
"""Excel's own "bad", "neutral" and a light blue: red errors, amber warnings, blue notes."""

_RANGE = re.compile(r"^\[(-?[\d.]+), (-?[\d.]+)\](.*)$")
_BOUND = re.compile(r"^([<>≤≥]=?\s*)(-?[\d.]+)(.*)$")
_NUMBER = re.compile(r"^-?[\d,]*\.?\d+")


def _stated_number(stated: str | None) -> tuple[Decimal, int] | None:
    """The stated figure and its decimals (``92.94%`` → 92.94, 2), ``None`` when it is no number."""
    match = _NUMBER.match((stated or "").strip())
    if match is None:
        return None
    text = match.group(0).replace(",", "")
    return Decimal(text), len(text.split(".")[1]) if "." in text else 0


def _show(value: Decimal, places: int) -> str:
    """``15055.9855`` at 0 places → ``15,056``."""
    rounded = value.quantize(Decimal(1).scaleb(-places), rounding=ROUND_HALF_UP)
    return f"{rounded:,.{places}f}"


def _exact(value: Decimal) -> str:
    """All the digits there are, with thousands separators: ``15055.9855`` → ``15,055.9855``."""
    return f"{value.normalize():,f}"


def readable_expected(expected: str | None, stated: str | None) -> str | Decimal | None:
    """What the audit recomputed, as a reviewer reads it: ``[15055.9855, 15089.7465]`` beside a
    stated ``15,072`` → ``15,056–15,090``; ``≤ 580.005`` → ``≤ 580.01``; a single number as a number.

    Bounds are shown at the stated figure's decimals; when that rounding would make the range take
    in the stated figure itself (two printings of one figure a cent apart) they are shown exactly.
    Anything else (a grade, a word) is returned as it is.
    """
    if expected is None:
        return None
    number = _stated_number(stated)
    stated_value, places = number if number is not None else (None, None)
    if (match := _RANGE.match(expected)) is not None:
        lo, hi, unit = Decimal(match.group(1)), Decimal(match.group(2)), match.group(3)
        if places is not None:
            shown_lo, shown_hi = _show(lo, places), _show(hi, places)
            inside = stated_value is not None and \
                Decimal(shown_lo.replace(",", "")) <= stated_value <= Decimal(shown_hi.replace(",", ""))
            if not inside:
                return (shown_lo if shown_lo == shown_hi else f"{shown_lo}–{shown_hi}") + unit
        return f"{_exact(lo)}–{_exact(hi)}{unit}"
    if (match := _BOUND.match(expected)) is not None:
        bound = Decimal(match.group(2))
        shown = _show(bound, places) if places is not None else _exact(bound)
        return f"{match.group(1)}{shown}{match.group(3)}"
    try:
        return Decimal(expected.replace(",", ""))
    except InvalidOperation:
        return expected


def _width(value: Any) -> float:
    text = str(value) if value is not None else ""
    longest = max((sum(2.0 if ord(ch) > 0x2E7F else 1.1 for ch in line) for line in text.split("\n")), default=0)
    return longest + 2


def write_review_xlsx(disclosure: Disclosure, findings: list[Finding], path: Path, lang: str = "zh",
                      hidden: int = 0) -> None:
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font, PatternFill
    from openpyxl.worksheet.datavalidation import DataValidation

    labels = SEVERITY_LABEL["en" if lang == "en" else "zh"]
    bold = Font(bold=True)
    book = Workbook()
    summary = book.active
    summary.title = SUMMARY_SHEET
    sheet = book.create_sheet(FINDINGS_SHEET)

    # -- 审核发现
    sheet.append([header for header, _ in COLUMNS])
    for cell in sheet[1]:
        cell.font = bold
        cell.alignment = Alignment(vertical="center", wrap_text=True)
    ordered = sorted(findings, key=lambda f: (f.severity.rank, f.page or 0, f.line or 0, f.code))
    widths = [_width(header) for header, _ in COLUMNS]
    for f in ordered:
        rule = REGISTRY.get(f.code)
        row = [labels[f.severity], f.code, rule.name if rule else f.name, f.part, f.page, f.line, f.text(lang),
               f.quote.replace("\t", " │ "), f.stated, readable_expected(f.expected, f.stated), None, None,
               f.fingerprint]
        sheet.append(row)
        r = sheet.max_row
        fill = PatternFill("solid", fgColor=SEVERITY_FILL[f.severity])
        for c, (value, (header, _)) in enumerate(zip(row, COLUMNS, strict=True), start=1):
            cell = sheet.cell(r, c)
            cell.alignment = Alignment(vertical="top", wrap_text=header in WRAPPED)
            if isinstance(value, Decimal):
                places = max(-value.as_tuple().exponent, 0)  # type: ignore[operator]
                cell.number_format = "#,##0" + ("." + "0" * places if places else "")
            if c <= 2:
                cell.fill = fill
            widths[c - 1] = max(widths[c - 1], _width(value))
    for c, (_, cap) in enumerate(COLUMNS, start=1):
        sheet.column_dimensions[sheet.cell(1, c).column_letter].width = min(widths[c - 1], cap)
    sheet.freeze_panes = "C2"  # the header, and 级别 and 规则 while scrolling right
    last = sheet.cell(max(sheet.max_row, 2), len(COLUMNS)).coordinate
    sheet.auto_filter.ref = f"A1:{last}"
    decision = [h for h, _ in COLUMNS].index(DECISION_HEADER) + 1
    letter = sheet.cell(1, decision).column_letter
    choice = DataValidation(type="list", formula1='"' + ",".join(DECISIONS) + '"', allow_blank=True,
                            promptTitle=DECISION_HEADER,
                            prompt="接受或误报：用 juesuan audit 文件 --baseline 本工作簿 不再显示")
    choice.add(f"{letter}2:{letter}{max(sheet.max_row, 2) + 500}")  # room for rows a reviewer adds
    sheet.add_data_validation(choice)

    # -- 汇总
    def heading(text: str) -> None:
        summary.append([])
        summary.append([text])
        summary.cell(summary.max_row, 1).font = bold

    def table(headers: list[str], rows: list[list[Any]]) -> None:
        summary.append(headers)
        for cell in summary[summary.max_row]:
            cell.font = bold
        for row in rows:
            summary.append(row)

    summary.append(["审核汇总 / audit summary"])
    summary.cell(1, 1).font = Font(bold=True, size=14)
    summary.append(["文件 / file", disclosure.source])
    summary.append(["自评表 / forms", len(disclosure.evaluations)])
    summary.append(["基线已接受（未列出）/ hidden by the baseline", hidden])
    heading("按级别 / by severity")
    by_severity = Counter(f.severity for f in findings)
    table(["级别", "条数"], [[labels[s], by_severity.get(s, 0)] for s in Severity])
    for offset, s in enumerate(reversed(Severity)):
        summary.cell(summary.max_row - offset, 1).fill = PatternFill("solid", fgColor=SEVERITY_FILL[s])
    heading("按规则 / by rule")
    by_code = Counter(f.code for f in findings)
    table(["规则", "规则名称", "级别", "条数", "说明"],
          [[code, REGISTRY[code].name if code in REGISTRY else "", labels[_severity(findings, code)], n,
            (REGISTRY[code].summary_en if lang == "en" else REGISTRY[code].summary) if code in REGISTRY else ""]
           for code, n in sorted(by_code.items())])
    heading("按自评表与部分 / by form and part")
    places = sorted({group_key(f) for f in findings}, key=lambda g: (g.startswith("附件/"), g))
    table(["位置", "错误", "警告", "提示", "合计"],
          [[place, *(sum(1 for f in findings if group_key(f) == place and f.severity is s) for s in Severity),
            sum(1 for f in findings if group_key(f) == place)] for place in places])
    summary.append([])
    summary.append(["在“审核发现”表的“审核意见”列选“接受”或“误报”，再用 juesuan audit 文件 --baseline 本工作簿，"
                    "只显示其余的发现 / mark 接受 (accept) or 误报 (false alarm) under 审核意见, then "
                    "juesuan audit FILE --baseline this.xlsx shows only the rest"])
    for letter, width in zip("ABCDE", (34, 26, 10, 8, 60), strict=True):
        summary.column_dimensions[letter].width = width
    book.save(path)


def _severity(findings: list[Finding], code: str) -> Severity:
    """A rule's severity as reported (the config may have changed the default)."""
    return next(f.severity for f in findings if f.code == code)


def accepted_fingerprints(path: Path) -> set[str]:
    """The fingerprints of the findings a reviewed workbook marks 接受 or 误报 (a baseline)."""
    from openpyxl import load_workbook

    try:
        book = load_workbook(path, read_only=True, data_only=True)
    except Exception as exc:  # openpyxl raises many types on a damaged file
        raise InputError("B002", f"无法读取审核工作簿（{type(exc).__name__}）",
                         f"cannot read the review workbook ({type(exc).__name__})", str(path)) from None
    try:
        if FINDINGS_SHEET not in book.sheetnames:
            raise InputError("B002", f"工作簿中没有“{FINDINGS_SHEET}”表（应为 juesuan audit --format xlsx 生成）",
                             f"the workbook has no {FINDINGS_SHEET} sheet (write one with juesuan audit "
                             "--format xlsx)", str(path))
        rows = book[FINDINGS_SHEET].iter_rows(values_only=True)
        header = [str(h) if h is not None else "" for h in next(rows, ())]
        if DECISION_HEADER not in header or FINGERPRINT_HEADER not in header:
            raise InputError("B002", f"“{FINDINGS_SHEET}”表缺少“{DECISION_HEADER}”或“{FINGERPRINT_HEADER}”列",
                             f"the {FINDINGS_SHEET} sheet lacks its {DECISION_HEADER} (decision) or "
                             f"{FINGERPRINT_HEADER} (fingerprint) column", str(path))
        decision, fingerprint = header.index(DECISION_HEADER), header.index(FINGERPRINT_HEADER)
        return {str(row[fingerprint]) for row in rows
                if len(row) > max(decision, fingerprint) and row[fingerprint]
                and str(row[decision] or "").strip().lower() in ACCEPTING}
    finally:
        book.close()
