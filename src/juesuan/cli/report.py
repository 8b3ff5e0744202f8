"""``juesuan report``: summarise a warehouse as XLSX or HTML (per department and year, by rule)."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from juesuan.cli.app import check_writable, command, fail
from juesuan.read.errors import InputError

FORMATS = (".xlsx", ".html", ".htm")


@command("report")
def report(
    warehouse: Annotated[Path, typer.Argument(help="juesuan batch 写的仓库 / a warehouse from juesuan batch")],
    output: Annotated[list[Path], typer.Option("-o", "--output", help="summary.xlsx 或 summary.html")],
    top: Annotated[int, typer.Option(min=1, help="列出错误最多的部门数 / departments with most errors")] = 10,
) -> None:
    """仓库汇总报告：按部门、年度与规则 / Summarise a warehouse: by department, year and rule."""
    from juesuan.warehouse import open as open_warehouse
    from juesuan.warehouse.summary import summarize

    for out in output:
        if out.suffix.lower() not in FORMATS:
            fail(InputError("O004", "报告格式须为 .xlsx 或 .html", "the report must be .xlsx or .html",
                            str(out)))
        check_writable(out)
    try:
        with open_warehouse(warehouse) as w:
            summary = summarize(w, top=top)
    except InputError as error:
        fail(error)
    for out in output:
        if out.suffix.lower() == ".xlsx":
            from juesuan.warehouse.summary_xlsx import write_xlsx

            write_xlsx(summary, out)
        else:
            from juesuan.warehouse.summary_html import write_html

            write_html(summary, str(warehouse), out)
