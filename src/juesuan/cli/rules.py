"""``juesuan rules``: list the audit rules or document one."""

from __future__ import annotations

from typing import Annotated

import typer
from rich.console import Console

from juesuan.cli.app import (
    Lang,
    command,
    fail,
)
from juesuan.read.errors import InputError


@command("rules")
def rules(
    code: Annotated[str | None, typer.Argument(help="规则代码或名称 / rule code or name")] = None,
    lang: Annotated[Lang, typer.Option(help="zh | en")] = Lang.zh,
) -> None:
    from rich.table import Table

    from juesuan.audit.registry import all_rules, get_rule

    out = Console(soft_wrap=True)
    if code is None:
        rows = [(r.code, r.name, r.family.value, r.severity.value + (" (opt-in)" if r.opt_in else ""),
                 r.summary_en if lang is Lang.en else r.summary) for r in all_rules()]
        if not out.is_terminal:
            # Piped or redirected: whole lines, tab-separated (a table would be cut at 80 columns).
            out.file.write("".join("\t".join(row) + "\n" for row in [("code", "name", "family", "severity",
                                                                       "summary"), *rows]))
            return
        table = Table("code", "name", "family", "severity", "summary")
        for row in rows:
            table.add_row(*row)
        out.print(table)
        return
    found = get_rule(code)
    if found is None:
        fail(InputError("U001", f"没有这条规则：{code}（用 juesuan rules 查看全部）",
                         f"no such rule: {code} (run juesuan rules to list them)"))
    opt_in = ", opt-in: enable with [audit] select" if found.opt_in else ""
    out.print(f"[bold]{found.code}[/bold] {found.name}  ({found.family.value}, "
              f"{found.severity.value}{opt_in})")
    out.print(found.summary if lang is Lang.zh else found.summary_en)
    out.print(f"\n{found.doc}\n", markup=False)
    for i, other in enumerate(found.corpus, 1):
        out.print(f"[bold]仓库中的其他文件 {i} / stored beside the example, document {i}[/bold]")
        out.print(other.replace("\t", " │ "), markup=False)
    out.print("[bold]不合格示例 / failing example[/bold]")
    out.print(found.failing.replace("\t", " │ "), markup=False)
    out.print("[bold]合格示例 / passing example[/bold]")
    out.print(found.passing.replace("\t", " │ "), markup=False)
