"""``juesuan audit``: recompute and cross-check every stated figure."""

from __future__ import annotations

import json
from enum import StrEnum
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console

from juesuan import __version__
from juesuan.cli.app import (
    EXIT_FINDINGS,
    FileArg,
    Lang,
    OutOpt,
    PasswordOpt,
    QuietOpt,
    check_writable,
    command,
    fail,
    progress,
    read_disclosure,
    set_quiet,
    write_text,
    written,
)
from juesuan.read.errors import InputError


class AuditFormat(StrEnum):
    text = "text"
    json = "json"
    sarif = "sarif"
    xlsx = "xlsx"


def _load_baseline(path: Path) -> set[str]:
    """The accepted fingerprints: a ``--write-baseline`` JSON, or a reviewed audit workbook (.xlsx)
    whose 审核意见 marks findings 接受 or 误报."""
    if path.suffix.lower() == ".xlsx":
        from juesuan.report.review import accepted_fingerprints

        if not path.is_file():
            fail(InputError("B001", "基线文件不存在", "baseline file not found", str(path)))
        try:
            return accepted_fingerprints(path)
        except InputError as error:
            fail(error)
    try:
        from juesuan.audit.baseline import baseline_fingerprints

        return baseline_fingerprints(json.loads(path.read_text(encoding="utf-8")))
    except FileNotFoundError:
        fail(InputError("B001", "基线文件不存在", "baseline file not found", str(path)))
    except (ValueError, KeyError, TypeError):
        fail(InputError("B002", "基线文件格式无效（应为 juesuan audit --write-baseline 生成的 JSON）",
                         "invalid baseline file (write one with juesuan audit --write-baseline)",
                         str(path)))


@command("audit")
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
    password: PasswordOpt = None,
    quiet: QuietOpt = False,
    warehouse: Annotated[Path | None, typer.Option(
        help="与仓库中的其他文件交叉核对 / cross-check against a warehouse (juesuan batch)")] = None,
) -> None:
    from juesuan.audit import AuditConfig, Severity, load_config, run_audit
    from juesuan.audit.engine import apply_baseline

    set_quiet(quiet)
    try:
        cfg = load_config(config) if config else AuditConfig()
    except InputError as error:
        fail(error)
    with progress() as tracker:
        disclosure = read_disclosure(file, password, tracker)
        tracker.task("审核 / auditing")
        if warehouse is None:
            findings = run_audit(disclosure, cfg)
        else:  # the cross-document rules compare it with the warehouse's documents (not with itself)
            from juesuan.batch.discover import content_hash
            from juesuan.warehouse import open as open_warehouse

            try:
                with open_warehouse(warehouse) as related:
                    findings = run_audit(disclosure, cfg, related=related,
                                         document_id=content_hash(file)[0])
            except InputError as error:
                fail(error)
    if write_baseline is not None:
        check_writable(write_baseline)
        from juesuan.audit.baseline import baseline_entry, baseline_payload

        write_baseline.write_text(json.dumps(baseline_payload(baseline_entry(f) for f in findings),
                                             ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
        written(write_baseline, ("基线", "baseline"))
    hidden = 0
    if baseline is not None:
        shown = apply_baseline(findings, _load_baseline(baseline))
        hidden = len(findings) - len(shown)
        findings = shown
    if fmt is AuditFormat.text:
        from juesuan.report.text import print_findings

        console = Console(file=open(output, "w", encoding="utf-8") if output else None,  # noqa: SIM115
                          soft_wrap=True, width=200 if output else None)
        print_findings(console, findings, disclosure.source, lang.value, hidden)
        if output:
            console.file.close()
            written(output)
    elif fmt is AuditFormat.json:
        from juesuan.report.json import audit_payload, dumps

        write_text(output, dumps(audit_payload(disclosure, findings, lang.value, hidden)))
    elif fmt is AuditFormat.sarif:
        from juesuan.report.json import dumps
        from juesuan.report.sarif import sarif_payload

        write_text(output, dumps(sarif_payload(findings, disclosure.source, __version__, lang.value)))
    else:
        if output is None:
            fail(InputError("O003", "XLSX 输出需要用 -o 指定文件", "xlsx output needs -o FILE"))
        check_writable(output)
        from juesuan.report.review import write_review_xlsx

        write_review_xlsx(disclosure, findings, output, lang.value, hidden)
        written(output)
    if any(f.severity is Severity.ERROR for f in findings):
        raise typer.Exit(EXIT_FINDINGS)
