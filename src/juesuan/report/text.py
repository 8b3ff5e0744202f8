"""Human-readable audit report: findings grouped by part, each quoting its source (rich)."""

from __future__ import annotations

from itertools import groupby

from rich.console import Console
from rich.markup import escape

from juesuan.audit.finding import Finding, Severity

_STYLE = {Severity.ERROR: "bold red", Severity.WARNING: "yellow", Severity.INFO: "cyan"}
_LABEL = {
    "zh": {Severity.ERROR: "错误", Severity.WARNING: "警告", Severity.INFO: "提示"},
    "en": {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "info"},
}


def part_group(part: str | None) -> str:
    """The heading findings are grouped under: a form (附件/…) by itself, else the top-level part."""
    if part and part.startswith("附件/"):
        return part
    return (part or "").split("/")[0] or "（全文）"


def group_key(f: Finding) -> str:
    """Where a finding is grouped: its form (``附件/项目名称``), else its part (the workbook's 汇总 too)."""
    return part_group(f.part)


def location(source: str, f: Finding, lang: str = "zh") -> str:
    """Where a reviewer finds the finding: ``file.txt:164``; for paged input (PDF) the page, with
    the reader's line number after it (the ``line`` of the JSON), ``file.pdf 第12页（行164）``."""
    if f.page is None:
        return f"{source}:{f.line}" if f.line else source
    line = (f" (line {f.line})" if lang == "en" else f"（行{f.line}）") if f.line else ""
    return f"{source} p.{f.page}{line}" if lang == "en" else f"{source} 第{f.page}页{line}"


def print_findings(console: Console, findings: list[Finding], source: str, lang: str = "zh",
                   hidden: int = 0) -> None:
    labels = _LABEL["en" if lang == "en" else "zh"]
    ordered = sorted(findings, key=lambda f: (f.page or 0, f.line or 0, f.code))
    for part, group in groupby(ordered, key=group_key):
        console.print(f"\n[bold]{escape(part)}[/bold]")
        for f in group:
            where = location(source, f, lang)
            sev = labels[f.severity]
            console.print(f"  [{_STYLE[f.severity]}]{sev} {f.code}[/] {escape(where)}  "
                          f"{escape(f.text(lang))}", soft_wrap=True)
            quote = f.quote.replace("\t", " │ ")
            if quote:
                console.print(f"      [dim]原文:[/dim] {escape(quote)}" if lang != "en"
                              else f"      [dim]quote:[/dim] {escape(quote)}", soft_wrap=True)
    errors = sum(f.severity is Severity.ERROR for f in findings)
    warnings = sum(f.severity is Severity.WARNING for f in findings)
    infos = len(findings) - errors - warnings
    if lang == "en":
        tail = f"\n{errors} errors, {warnings} warnings, {infos} notes"
        if hidden:
            tail += f" ({hidden} hidden by the baseline)"
    else:
        tail = f"\n错误 {errors} 条，警告 {warnings} 条，提示 {infos} 条"
        if hidden:
            tail += f"（基线已接受 {hidden} 条未显示）"
    console.print(tail)
