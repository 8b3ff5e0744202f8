"""The shared pieces of the command line: the typer app, exit codes, error printing, I/O helpers.

Exit codes (a contract): 0 success (``audit``: no error-level finding); 1 ``audit`` found at least
one error-level finding; 2 unusable input or arguments (one line in Chinese and English on stderr);
3 an internal error (a bug: one line, set JUESUAN_DEBUG=1 for the traceback).
"""

from __future__ import annotations

import os
import sys
from collections.abc import Callable
from contextlib import nullcontext
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any, NoReturn, TypeVar

import typer
from rich.console import Console
from typer.exceptions import TyperException

from juesuan import __version__
from juesuan.cli import ABOUT, COMMANDS, VERSION_HELP
from juesuan.cli.progress import Progress
from juesuan.read.errors import InputError

if TYPE_CHECKING:
    from juesuan.model.disclosure import Disclosure

app = typer.Typer(
    add_completion=False,
    no_args_is_help=True,
    pretty_exceptions_enable=False,
    help=ABOUT,
)
err = Console(stderr=True, soft_wrap=True)

EXIT_OK, EXIT_FINDINGS, EXIT_INPUT, EXIT_INTERNAL = 0, 1, 2, 3


CommandFunction = TypeVar("CommandFunction", bound=Callable[..., Any])


def command(name: str) -> Callable[[CommandFunction], CommandFunction]:
    """``@app.command()`` with the command's one-line help from ``juesuan.cli.COMMANDS`` (the help
    ``juesuan --help`` prints without loading typer)."""
    return app.command(name, help=dict(COMMANDS)[name])


class Lang(StrEnum):
    zh = "zh"
    en = "en"


STDIN = "-"
"""The file argument that reads standard input."""
STDIN_NAME = "<stdin>"
"""How standard input is named in findings and messages."""


class _State:
    quiet = False
    """``--quiet``: no progress display and no ``已写入`` lines (warnings and errors still print)."""


state = _State()


def set_quiet(quiet: bool) -> None:
    state.quiet = quiet


def progress() -> Progress:
    """A progress display on stderr (silent when stderr is not a terminal or with ``--quiet``)."""
    return Progress(err, quiet=state.quiet)


def fail(error: InputError) -> NoReturn:
    err.print(error.one_line(), markup=False, highlight=False)
    raise typer.Exit(EXIT_INPUT)


def warn(message: str) -> None:
    err.print(f"警告 / warning: {message}", markup=False, highlight=False)


def written(path: Path, what: tuple[str, str] | None = None) -> None:
    """The one line after every ``-o``: what (Chinese, English: ``("基线", "baseline")``) was
    written where."""
    if not state.quiet:
        label = f"已写入{what[0]} / {what[1]} written" if what else "已写入 / written"
        err.print(f"{label}: {path}", markup=False, highlight=False)


def write_text(out: Path | None, text: str) -> None:
    if out is None:
        sys.stdout.write(text)
        return
    check_writable(out)
    out.write_text(text, encoding="utf-8")
    written(out)


def check_writable(out: Path) -> None:
    if out.exists() and out.is_dir():
        fail(InputError("O001", "输出路径是一个目录", "the output path is a directory", str(out)))
    if not out.parent.exists():
        fail(InputError("O002", "输出目录不存在", "the output directory does not exist",
                         str(out.parent)))


def read_stdin() -> bytes:
    """Standard input's bytes (``-`` as the file), bounded by the largest file juesuan reads."""
    from juesuan.read.limits import MAX_BYTES

    if sys.stdin is None or sys.stdin.isatty():
        fail(InputError("R000", "标准输入没有数据（用法：juesuan audit - < 文件）",
                        "nothing on standard input (usage: juesuan audit - < FILE)", STDIN_NAME))
    limit = max(MAX_BYTES.values())
    data = sys.stdin.buffer.read(limit + 1)
    if not data:
        fail(InputError("R001", "标准输入为空，没有可读取的内容", "standard input is empty", STDIN_NAME))
    return data


def read_disclosure(file: Path, password: str | None = None, tracker: Progress | None = None) -> Disclosure:
    """Read and parse ``file`` (``-``: standard input); unusable input ends the command with exit 2
    and one line. A PDF's pages advance ``tracker`` when given (else a display of its own).

    What the reader could not read but did not refuse (a scanned page) is printed to stderr as
    ``警告 / warning:`` lines; the command goes on with the rest.
    """
    from juesuan.parse import parse_document
    from juesuan.read import read_document

    stdin = str(file) == STDIN
    name = STDIN_NAME if stdin else str(file)
    try:
        with nullcontext(tracker) if tracker else progress() as shown:
            task = shown.task(f"读取 / reading {Path(name).name}")
            document = read_document(name, password=password, data=read_stdin() if stdin else None,
                                     progress=task)
            for warning in document.warnings:
                warn(f"{name}: {warning}")
            task.update(description=f"解析 / parsing {Path(name).name}")
            return parse_document(document)
    except InputError as error:
        fail(error)


FileArg = Annotated[Path, typer.Argument(
    help="公开文件（TXT、PDF、DOCX、XLSX、XLS、HTML；- 为标准输入）/ the disclosure file (text, PDF, DOCX, "
         "XLSX, XLS, HTML; - reads standard input)")]
PasswordOpt = Annotated[str | None, typer.Option("--password", help="加密 PDF 的密码 / password of an encrypted PDF")]
OutOpt = Annotated[Path | None, typer.Option("-o", "--output", help="输出文件 / output file")]
QuietOpt = Annotated[bool, typer.Option(
    "--quiet", "-q", help="不显示进度与“已写入”提示 / no progress display, no 'written' lines")]


@app.callback(invoke_without_command=True)
def _root(
    version: Annotated[bool, typer.Option("--version", help=VERSION_HELP)] = False,
) -> None:
    if version:
        typer.echo(f"juesuan {__version__}")
        raise typer.Exit(EXIT_OK)


def main() -> None:
    """Entry point. Usage errors become one bilingual line and exit 2; an unexpected exception
    becomes one line and exit 3 (JUESUAN_DEBUG=1 re-raises it for the traceback)."""
    try:
        code = app(standalone_mode=False)
    except SystemExit:
        raise
    except TyperException as exc:
        if type(exc).__name__ == "NoArgsIsHelpError":  # bare `juesuan`: typer has printed the help
            sys.exit(EXIT_OK)
        message = exc.format_message().replace("\n", " ")
        err.print(f"错误 U002: 命令参数有误：{message}（用 --help 查看用法） / error: bad arguments: "
                  f"{message} (see --help)", markup=False, highlight=False)
        sys.exit(EXIT_INPUT)
    except Exception as exc:
        if os.environ.get("JUESUAN_DEBUG"):
            raise
        err.print(f"内部错误 / internal error: {type(exc).__name__}: {exc} "
                  "(JUESUAN_DEBUG=1 shows the traceback; please report it)", markup=False)
        sys.exit(EXIT_INTERNAL)
    sys.exit(code if isinstance(code, int) else EXIT_OK)


if __name__ == "__main__":
    main()
