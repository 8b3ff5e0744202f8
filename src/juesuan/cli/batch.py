"""``juesuan batch``: read, audit and score many disclosures into one warehouse (DuckDB)."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console

from juesuan.cli.app import EXIT_FINDINGS, QuietOpt, command, fail, progress, set_quiet
from juesuan.read.errors import InputError


@command("batch")
def batch(
    paths: Annotated[list[str], typer.Argument(
        help="文件、目录、通配符或 @清单文件 / files, directories, globs or @list-files")],
    output: Annotated[Path, typer.Option("-o", "--output", help="仓库文件 / the warehouse (DuckDB)")]
    = Path("results.duckdb"),
    workers: Annotated[int, typer.Option(min=1, help="本机工作进程数 / local worker processes")] = 2,
    scheduler: Annotated[str | None, typer.Option(
        help="已有 Dask 集群的调度器地址 / a running Dask scheduler (tcp://host:8786)")] = None,
    config: Annotated[Path | None, typer.Option(help="juesuan.toml 配置 / config file")] = None,
    policy: Annotated[str, typer.Option(help="评分口径 / scoring policy")] = "national",
    log: Annotated[Path | None, typer.Option(
        help="每份文件一行 JSON 的处理记录 / a JSON line per stored document")] = None,
    commit_every: Annotated[int, typer.Option(
        min=1, help="每个事务写入的文件数 / documents per transaction")] = 16,
    quiet: QuietOpt = False,
) -> None:
    """批量审核：读取、审核、评分并写入仓库，可续跑 / Audit many disclosures into a warehouse (resumable).

    Exit 0 when every document was read and none has an error-level finding, 1 otherwise."""
    set_quiet(quiet)
    from juesuan.audit import AuditConfig, load_config
    from juesuan.batch import BatchOptions, discover, run_batch
    from juesuan.score import load_policy
    from juesuan.warehouse import open as open_warehouse

    try:
        cfg = load_config(config) if config else AuditConfig()
        load_policy(policy)  # a bad policy is an argument error before any work starts
        files = discover(paths)
        if output.exists() and output.is_dir():
            raise InputError("O001", "输出路径是一个目录", "the output path is a directory", str(output))
        warehouse = open_warehouse(output, read_only=False)
    except InputError as error:
        fail(error)
    options = BatchOptions(workers=workers, scheduler=scheduler, config=cfg, policy=policy, log=log,
                           commit_every=commit_every)
    try:
        with progress() as display:  # the display every long command shares (silent with -q)
            summary = run_batch(files, warehouse, options, progress=display.task("审核 / auditing"))
        refused, errors = warehouse.con.execute(
            "SELECT count(*) FILTER (WHERE status <> 'ok'), coalesce(sum(errors), 0) "
            "FROM documents").fetchall()[0]
    except InputError as error:
        fail(error)
    finally:
        warehouse.close()
    out = Console(soft_wrap=True, highlight=False)
    out.print(f"{summary.found} 个文件 / files: 新写入 {summary.processed} (stored), 已在仓库 "
              f"{summary.skipped} (skipped), 内容重复 {summary.duplicates} (duplicates), 无法读取 "
              f"{summary.refused} (refused); 跨文件发现 {summary.corpus_findings} (cross-document "
              f"findings); {summary.documents_per_second:.2f} 份/秒 (documents/s) → {output}")
    if refused or errors:
        raise typer.Exit(EXIT_FINDINGS)
