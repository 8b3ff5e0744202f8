"""The ``juesuan`` command line: one module per command, all registered on one typer app.

A thin layer: each command parses its arguments, calls one stage function and prints. Start-up is
kept light: ``juesuan``, ``juesuan --help`` and ``juesuan --version`` answer from the table below
without importing typer, rich or the model (a few milliseconds instead of a third of a second);
everything else loads the typer app, and each command imports the libraries it needs when it runs.
"""

from __future__ import annotations

import sys

TYPE_CHECKING = False  # not ``typing``'s: nothing beyond sys is imported for ``juesuan --help``
if TYPE_CHECKING:
    from typing import Any

    import typer

ABOUT = "juesuan — 部门决算公开的读取、审核与评分 / read, audit and score final-accounts disclosures."
COMMANDS: tuple[tuple[str, str], ...] = (
    ("audit", "审核公开文件：重算并交叉核对每一个填报数字 / Audit a disclosure; exit 1 on any error finding."),
    ("batch", "批量审核：读取、审核、评分并写入仓库，可续跑 / Audit many disclosures into a warehouse (resumable)."),
    ("extract", "读取公开文件为结构化数据 / Read a disclosure into structured data (forms, indicators, figures)."),
    ("render", "由结构化数据生成决算公开文件 / Render a disclosure from structured data."),
    ("report", "仓库汇总报告：按部门、年度与规则 / Summarise a warehouse: by department, year and rule."),
    ("rules", "列出审核规则，或显示一条规则的说明与示例 / List the audit rules, or document one."),
    ("score", "按评分口径重算自评表得分并逐项说明 / Score self-evaluations under a policy, point by point."),
    ("serve", "启动审核工作台（网页）/ Start the web review workspace."),
)
"""Each command and its one-line help: the typer app uses these lines (tests check they agree)."""
VERSION_HELP = "显示版本 / show the version"

__all__ = ["ABOUT", "COMMANDS", "app", "main", "root_help"]


def root_help() -> str:
    """``juesuan --help``, without typer."""
    width = max(len(name) for name, _ in COMMANDS)
    lines = ["Usage: juesuan [OPTIONS] COMMAND [ARGS]...", "", f"  {ABOUT}", "", "Options:",
             f"  --version  {VERSION_HELP}", "  --help     Show this message and exit.", "", "Commands:",
             *(f"  {name.ljust(width)}  {text}" for name, text in COMMANDS), "",
             "  juesuan COMMAND --help 显示命令用法 / shows a command's usage.", ""]
    return "\n".join(lines)


def _app() -> typer.Typer:
    from juesuan.cli import (  # noqa: F401  (each registers its command)
        audit,
        batch,
        extract,
        render,
        report,
        rules,
        score,
        serve,
    )
    from juesuan.cli.app import app as typer_app

    # Importing juesuan.cli.app made ``app`` here name that module; the package's ``app`` is the typer
    # app, as before start-up was made lazy.
    globals()["app"] = typer_app
    return typer_app


def main() -> None:
    """Entry point: the root help and version at once; every command through the typer app."""
    args = sys.argv[1:]
    if args in ([], ["--help"]):
        sys.stdout.write(root_help())
        sys.exit(0)
    if args == ["--version"]:
        from juesuan import __version__

        sys.stdout.write(f"juesuan {__version__}\n")
        sys.exit(0)
    _app()
    from juesuan.cli.app import main as run

    run()


def __getattr__(name: str) -> Any:
    if name == "app":  # ``from juesuan.cli import app`` (tests, typer's CliRunner) loads the app
        return _app()
    raise AttributeError(f"module 'juesuan.cli' has no attribute {name!r}")
