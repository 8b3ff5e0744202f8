"""``juesuan render``: write a disclosure from structured data (YAML, JSON or the XLSX workbook).

* ``juesuan render DATA -o OUT [-o OUT2 …]``: the format follows each OUT's extension (.txt, .html,
  .pdf, .docx, .xlsx).
* ``juesuan render template -o data.xlsx``: the empty input workbook, with instructions.
"""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from juesuan.cli.app import app, check_writable, err, fail
from juesuan.read.errors import InputError


@app.command()
def render(
    data: Annotated[str, typer.Argument(
        help="数据文件（.yaml/.json/.xlsx）或 template / the data file, or the word template")],
    output: Annotated[list[Path], typer.Option(
        "-o", "--output", help="输出文件，可多次指定；格式取扩展名 / output file(s); format from the extension")],
    charts: Annotated[bool, typer.Option(help="插入图表 / include the charts")] = True,
) -> None:
    """由结构化数据生成决算公开文件 / Render a disclosure from structured data."""
    from juesuan.render import FORMATS
    from juesuan.render import render as render_to
    from juesuan.render.data import load, write_template

    if not output:
        fail(InputError("O003", "需要用 -o 指定输出文件", "give the output with -o FILE"))
    if data == "template":
        for out in output:
            check_writable(out)
            if out.suffix.lower() != ".xlsx":
                fail(InputError("O004", "模板须写成 .xlsx", "the template is an .xlsx workbook", str(out)))
            write_template(out)
            err.print(f"已写入模板 / template written: {out}")
        return
    for out in output:
        check_writable(out)
        if out.suffix.lower() not in FORMATS:
            fail(InputError("O004", "输出格式须为 .txt、.html、.pdf、.docx 或 .xlsx",
                            "the output must be .txt, .html, .pdf, .docx or .xlsx", str(out)))
    try:
        model = load(data)
        for out in output:
            render_to(model, out, charts=charts)
            err.print(f"已写入 / written: {out}")
    except InputError as error:
        fail(error)
