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


def print_findings(console: Console, findings: list[Finding], source: str, lang: str = "zh",
                   hidden: int = 0) -> None:
    labels = _LABEL["en" if lang == "en" else "zh"]
    ordered = sorted(findings, key=lambda f: (f.line or 0, f.code))
    for part, group in groupby(ordered, key=lambda f: part_group(f.part)):
        console.print(f"\n[bold]{escape(part)}[/bold]")
        for f in group:
            where = f"{source}:{f.line}" if f.line else source
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
