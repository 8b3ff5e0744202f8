"""``juesuan render``: write a disclosure from structured data (YAML, JSON or the XLSX workbook).

* ``juesuan render DATA -o OUT [-o OUT2 …]``: the format follows each OUT's extension (.txt, .html,
  .pdf, .docx, .xlsx).
* ``juesuan render template -o data.xlsx``: the empty input workbook, with instructions.

After writing, the command checks its own work (``--check``, on by default): the disclosure is
rendered as text, read back and audited like any published file, and the findings are printed on
stderr. Rendering computes every derived figure, so what it finds lies in the data itself (indicator
weights that do not add up, a scored indicator with no actual value, a unit with two codes …) and is
worth fixing before publication. Exit 1 if the check finds an error, as ``juesuan audit`` does.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from juesuan.cli.app import (
    EXIT_FINDINGS,
    QuietOpt,
    check_writable,
    command,
    err,
    fail,
    progress,
    set_quiet,
    warn,
    written,
)
from juesuan.read.errors import InputError

if TYPE_CHECKING:  # imported when the command runs, keeping start-up light
    from juesuan.audit.config import AuditConfig
    from juesuan.model.public_tables import FinalAccounts


def self_check(model: FinalAccounts, outputs: list[Path], cfg: AuditConfig) -> bool:
    """Audit the rendering as a reader would see it; print the findings; True if any is an error."""
    from juesuan.audit import Severity, run_audit
    from juesuan.parse import parse_document
    from juesuan.read.text import document_from_text, read_text
    from juesuan.render import render_text
    from juesuan.report.text import print_findings

    text_out = next((out for out in outputs if out.suffix.lower() == ".txt"), None)
    document = read_text(text_out) if text_out else document_from_text(render_text(model), "<渲染文本 / rendered text>")
    findings = run_audit(parse_document(document), cfg)
    if findings:
        err.print("自检发现数据问题（渲染结果重读后审核）/ self-check: the rendered data has problems:")
        print_findings(err, findings, document.path)
    else:
        err.print("自检：渲染结果重读后审核，未发现问题 / self-check: the rendering audits clean (0 findings)")
    return any(f.severity is Severity.ERROR for f in findings)


@command("render")
def render(
    data: Annotated[str, typer.Argument(
        help="数据文件（.yaml/.json/.xlsx）或 template / the data file, or the word template")],
    output: Annotated[list[Path], typer.Option(
        "-o", "--output", help="输出文件，可多次指定；格式取扩展名 / output file(s); format from the extension")],
    charts: Annotated[bool, typer.Option(help="插入图表 / include the charts")] = True,
    check: Annotated[bool, typer.Option(
        help="渲染后重读并审核（默认开启）/ read the rendering back and audit it (default on)")] = True,
    config: Annotated[Path | None, typer.Option(
        help="自检所用的 juesuan.toml / audit config for the self-check")] = None,
    quiet: QuietOpt = False,
) -> None:
    from juesuan.render import check_output
    from juesuan.render import render as render_to
    from juesuan.render.data import load, write_template

    set_quiet(quiet)
    if not output:
        fail(InputError("O003", "需要用 -o 指定输出文件", "give the output with -o FILE"))
    if data == "template":
        for out in output:
            check_writable(out)
            if out.suffix.lower() != ".xlsx":
                fail(InputError("O004", "模板须写成 .xlsx", "the template is an .xlsx workbook", str(out)))
            write_template(out)
            written(out, ("模板", "template"))
        return
    try:
        for out in output:  # every output checked before any is written: no half-done renders
            check_writable(out)
            check_output(out)
        from juesuan.audit import AuditConfig, load_config

        cfg = load_config(config) if config else AuditConfig()  # a bad config fails before any writing
        model = load(data)
        warned: set[str] = set()
        with progress() as shown:
            task = shown.task("渲染 / rendering", total=len(output))
            for n, out in enumerate(output):
                task.update(done=n, description=f"渲染 / rendering {out.name}")
                for warning in render_to(model, out, charts=charts):
                    if warning not in warned:  # one line, however many outputs it concerns
                        warn(warning)
                        warned.add(warning)
                written(out)
            task.update(done=len(output), description="自检 / self-check")
            errors = check and self_check(model, output, cfg)
    except InputError as error:
        fail(error)
    if errors:
        raise typer.Exit(EXIT_FINDINGS)
