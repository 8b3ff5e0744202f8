"""The ``juesuan`` command line: a thin layer that parses arguments, calls one stage, prints.

Exit codes (a contract): 0 success (``audit``: no error-level finding); 1 ``audit`` found at least
one error-level finding; 2 unusable input or arguments (one line in Chinese and English on stderr);
3 an internal error (a bug: one line, set JUESUAN_DEBUG=1 for the traceback).
"""

from __future__ import annotations

import json
import os
import sys
from enum import StrEnum
from pathlib import Path
from typing import Annotated, NoReturn

import typer
from rich.console import Console

from juesuan import __version__
from juesuan.read.errors import InputError

app = typer.Typer(
    add_completion=False,
    no_args_is_help=True,
    pretty_exceptions_enable=False,
    help="juesuan — 部门决算公开的读取、审核与评分 / read, audit and score final-accounts disclosures.",
)
err = Console(stderr=True, soft_wrap=True)

EXIT_OK, EXIT_FINDINGS, EXIT_INPUT, EXIT_INTERNAL = 0, 1, 2, 3


class ExtractFormat(StrEnum):
    json = "json"
    xlsx = "xlsx"
    csv = "csv"


class AuditFormat(StrEnum):
    text = "text"
    json = "json"
    sarif = "sarif"
    xlsx = "xlsx"


class Lang(StrEnum):
    zh = "zh"
    en = "en"


class CsvView(StrEnum):
    forms = "forms"
    indicators = "indicators"
    figures = "figures"


def _fail(error: InputError) -> NoReturn:
    err.print(error.one_line(), markup=False, highlight=False)
    raise typer.Exit(EXIT_INPUT)


def _write_text(out: Path | None, text: str) -> None:
    if out is None:
        sys.stdout.write(text)
        return
    _check_writable(out)
    out.write_text(text, encoding="utf-8")


def _check_writable(out: Path) -> None:
    if out.exists() and out.is_dir():
        _fail(InputError("O001", "输出路径是一个目录", "the output path is a directory", str(out)))
    if not out.parent.exists():
        _fail(InputError("O002", "输出目录不存在", "the output directory does not exist",
                         str(out.parent)))


def _read(file: Path):  # type: ignore[no-untyped-def]
    import juesuan

    try:
        return juesuan.read(file)
    except InputError as error:
        _fail(error)


FileArg = Annotated[Path, typer.Argument(help="公开文件（TXT 文本导出）/ the disclosure file")]
OutOpt = Annotated[Path | None, typer.Option("-o", "--output", help="输出文件 / output file")]


@app.command()
def extract(
    file: FileArg,
    fmt: Annotated[ExtractFormat, typer.Option("--format", "-f", help="json | xlsx | csv")] =
    ExtractFormat.json,
    output: OutOpt = None,
    table: Annotated[CsvView, typer.Option(help="CSV: which table to write")] = CsvView.forms,
) -> None:
    """读取公开文件为结构化数据 / Read a disclosure into structured data (forms, indicators, figures)."""
    disclosure = _read(file)
    if fmt is ExtractFormat.json:
        from juesuan.report.json import dumps, extract_payload

        _write_text(output, dumps(extract_payload(disclosure)))
    elif fmt is ExtractFormat.csv:
        from juesuan.report.csv import extract_csv

        _write_text(output, extract_csv(disclosure, table.value))
    else:
        if output is None:
            _fail(InputError("O003", "XLSX 输出需要用 -o 指定文件", "xlsx output needs -o FILE"))
        _check_writable(output)
        from juesuan.report.xlsx import write_extract_xlsx

        write_extract_xlsx(disclosure, output)
        err.print(f"已写入 / written: {output}")


def _load_baseline(path: Path) -> set[str]:
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
        return {str(item["fingerprint"]) for item in data["accepted"]}
    except FileNotFoundError:
        _fail(InputError("B001", "基线文件不存在", "baseline file not found", str(path)))
    except (ValueError, KeyError, TypeError):
        _fail(InputError("B002", "基线文件格式无效（应为 juesuan audit --write-baseline 生成的 JSON）",
                         "invalid baseline file (write one with juesuan audit --write-baseline)",
                         str(path)))


@app.command()
def audit(
    file: FileArg,
    fmt: Annotated[AuditFormat, typer.Option("--format", "-f", help="text | json | sarif | xlsx")]
    = AuditFormat.text,
    config: Annotated[Path | None, typer.Option(help="juesuan.toml 配置 / config file")] = None,
    baseline: Annotated[Path | None, typer.Option(help="已接受问题的基线 / accepted findings")]
    = None,
    write_baseline: Annotated[Path | None, typer.Option(
        help="把当前全部发现写为基线 / write all current findings as a baseline")] = None,
    lang: Annotated[Lang, typer.Option(help="zh | en")] = Lang.zh,
    output: OutOpt = None,
) -> None:
    """审核公开文件：重算并交叉核对每一个填报数字 / Audit a disclosure; exit 1 on any error finding."""
    from juesuan.audit import AuditConfig, Severity, load_config, run_audit
    from juesuan.audit.engine import apply_baseline

    try:
        cfg = load_config(config) if config else AuditConfig()
    except InputError as error:
        _fail(error)
    disclosure = _read(file)
    findings = run_audit(disclosure, cfg)
    if write_baseline is not None:
        _check_writable(write_baseline)
        write_baseline.write_text(json.dumps({"accepted": [
            {"fingerprint": f.fingerprint, "code": f.code, "part": f.part, "quote": f.quote}
            for f in findings]}, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    hidden = 0
    if baseline is not None:
        shown = apply_baseline(findings, _load_baseline(baseline))
        hidden = len(findings) - len(shown)
        findings = shown
    if fmt is AuditFormat.text:
        from juesuan.report.text import print_findings

        console = Console(file=open(output, "w", encoding="utf-8") if output else None,  # noqa: SIM115
                          soft_wrap=True, width=200 if output else None)
        print_findings(console, findings, str(file), lang.value, hidden)
        if output:
            console.file.close()
    elif fmt is AuditFormat.json:
        from juesuan.report.json import audit_payload, dumps

        _write_text(output, dumps(audit_payload(disclosure, findings, lang.value, hidden)))
    elif fmt is AuditFormat.sarif:
        from juesuan.report.json import dumps
        from juesuan.report.sarif import sarif_payload

        _write_text(output, dumps(sarif_payload(findings, str(file), __version__, lang.value)))
    else:
        if output is None:
            _fail(InputError("O003", "XLSX 输出需要用 -o 指定文件", "xlsx output needs -o FILE"))
        _check_writable(output)
        from juesuan.report.xlsx import write_findings_xlsx

        write_findings_xlsx(findings, output, lang.value)
    if any(f.severity is Severity.ERROR for f in findings):
        raise typer.Exit(EXIT_FINDINGS)


@app.command()
def rules(
    code: Annotated[str | None, typer.Argument(help="规则代码或名称 / rule code or name")] = None,
    lang: Annotated[Lang, typer.Option(help="zh | en")] = Lang.zh,
) -> None:
    """列出审核规则，或显示一条规则的说明与示例 / List the audit rules, or document one."""
    from rich.table import Table

    from juesuan.audit.registry import all_rules, get_rule

    out = Console(soft_wrap=True)
    if code is None:
        table = Table("code", "name", "family", "severity", "summary")
        for r in all_rules():
            table.add_row(r.code, r.name, r.family.value, r.severity.value,
                          r.summary_en if lang is Lang.en else r.summary)
        out.print(table)
        return
    found = get_rule(code)
    if found is None:
        _fail(InputError("U001", f"没有这条规则：{code}（用 juesuan rules 查看全部）",
                         f"no such rule: {code} (run juesuan rules to list them)"))
    out.print(f"[bold]{found.code}[/bold] {found.name}  ({found.family.value}, "
              f"{found.severity.value})")
    out.print(found.summary if lang is Lang.zh else found.summary_en)
    out.print(f"\n{found.doc}\n", markup=False)
    out.print("[bold]不合格示例 / failing example[/bold]")
    out.print(found.failing.replace("\t", " │ "), markup=False)
    out.print("[bold]合格示例 / passing example[/bold]")
    out.print(found.passing.replace("\t", " │ "), markup=False)


@app.callback(invoke_without_command=True)
def _root(
    version: Annotated[bool, typer.Option("--version", help="显示版本 / show the version")] = False,
) -> None:
    if version:
        typer.echo(f"juesuan {__version__}")
        raise typer.Exit(EXIT_OK)


def main() -> None:
    """Entry point: run the app; turn any unexpected exception into one line and exit 3."""
    try:
        app()  # standalone: exits itself (usage errors exit 2 with typer's own message)
    except SystemExit:
        raise
    except Exception as exc:
        if os.environ.get("JUESUAN_DEBUG"):
            raise
        err.print(f"内部错误 / internal error: {type(exc).__name__}: {exc} "
                  "(JUESUAN_DEBUG=1 shows the traceback; please report it)", markup=False)
        sys.exit(EXIT_INTERNAL)


if __name__ == "__main__":
    main()
