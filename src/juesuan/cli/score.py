"""``juesuan score``: recompute self-evaluation scores under a policy, point by point.

One command whose first argument is either a file or the literal ``template``:

* ``juesuan score FILE [--policy national|PATH] [--format text|json|xlsx] [-o OUT]`` scores a
  disclosure; when FILE is an ``.xlsx`` workbook laid out like the template it is filled in instead
  (``-o`` names the filled copy).
* ``juesuan score template -o forms.xlsx [--projects N]`` writes an empty template.

A file literally named ``template`` is scored when written as ``./template``. (A typer sub-app whose
callback takes FILE cannot also have a ``template`` subcommand without the two colliding, so the
literal is handled here, in one place.)
"""

from __future__ import annotations

from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from juesuan.cli.app import (
    OutOpt,
    QuietOpt,
    check_writable,
    command,
    err,
    fail,
    read_disclosure,
    set_quiet,
    write_text,
    written,
)
from juesuan.read.errors import InputError

if TYPE_CHECKING:
    from juesuan.model.evaluation import ProjectEvaluation
    from juesuan.score.policy import Policy


class ScoreFormat(StrEnum):
    text = "text"
    json = "json"
    xlsx = "xlsx"


@command("score")
def score(
    file: Annotated[str, typer.Argument(
        help="公开文件、按模板填写的 .xlsx，或 template / a disclosure, a template workbook, "
             "or the word template")],
    policy: Annotated[str, typer.Option(
        help="评分口径：national、example-local 或 YAML 文件 / policy name or YAML path")]
    = "national",
    fmt: Annotated[ScoreFormat, typer.Option("--format", "-f", help="text | json | xlsx")]
    = ScoreFormat.text,
    output: OutOpt = None,
    projects: Annotated[int, typer.Option(min=1, max=200,
                                          help="模板中的项目（工作表）数 / sheets in the template")]
    = 1,
    quiet: QuietOpt = False,
) -> None:
    from juesuan.score import load_policy, score_disclosure, score_form

    set_quiet(quiet)
    if file == "template":
        if output is None:
            fail(InputError("O003", "模板需要用 -o 指定输出文件", "template needs -o FILE"))
        check_writable(output)
        from juesuan.score.workbook import write_template

        write_template(output, projects)
        written(output, ("模板", "template"))
        return
    try:
        pol = load_policy(policy)
    except InputError as error:
        fail(error)
    path = Path(file)
    from juesuan.report import score as report

    forms = _template_forms(path)
    if forms is not None and fmt is not ScoreFormat.json:
        _fill(path, output, pol)
        return
    scores = ([score_form(f, pol) for f in forms] if forms is not None
              else score_disclosure(read_disclosure(path), pol))
    if fmt is ScoreFormat.json:
        write_text(output, report.dumps(report.score_payload(str(path), pol.name, scores)))
    elif fmt is ScoreFormat.text:
        write_text(output, report.render_text(scores, pol.name))
    else:
        if output is None:
            fail(InputError("O003", "XLSX 输出需要用 -o 指定文件", "xlsx output needs -o FILE"))
        check_writable(output)
        report.write_score_xlsx(scores, output)
        written(output)


def _template_forms(path: Path) -> list[ProjectEvaluation] | None:
    """The forms of a workbook laid out like the template; ``None`` for anything else."""
    if path.suffix.lower() != ".xlsx" or not path.is_file():
        return None
    from juesuan.score.workbook import read_forms

    try:
        return read_forms(path)
    except InputError as error:
        if error.code == "W003":  # not a template workbook: read it as a disclosure
            return None
        fail(error)


def _fill(path: Path, output: Path | None, pol: Policy) -> None:
    from juesuan.report.score import summary_text
    from juesuan.score.workbook import fill_workbook

    if output is None:
        fail(InputError("O003", "填写工作簿需要用 -o 指定输出文件", "filling a workbook needs -o FILE"))
    check_writable(output)
    try:
        scores = fill_workbook(path, output, pol)
    except InputError as error:
        fail(error)
    err.print(summary_text(scores), markup=False)
    written(output)
