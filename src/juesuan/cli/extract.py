"""``juesuan extract``: a disclosure as structured data (JSON, XLSX, CSV)."""

from __future__ import annotations

from enum import StrEnum
from typing import Annotated

import typer

from juesuan.cli.app import (
    FileArg,
    OutOpt,
    PasswordOpt,
    QuietOpt,
    check_writable,
    command,
    fail,
    read_disclosure,
    set_quiet,
    write_text,
    written,
)
from juesuan.read.errors import InputError


class ExtractFormat(StrEnum):
    json = "json"
    xlsx = "xlsx"
    csv = "csv"


class CsvView(StrEnum):
    forms = "forms"
    indicators = "indicators"
    figures = "figures"
    tables = "tables"


@command("extract")
def extract(
    file: FileArg,
    fmt: Annotated[ExtractFormat, typer.Option("--format", "-f", help="json | xlsx | csv")] =
    ExtractFormat.json,
    output: OutOpt = None,
    table: Annotated[CsvView, typer.Option(help="CSV: which table to write")] = CsvView.forms,
    password: PasswordOpt = None,
    quiet: QuietOpt = False,
) -> None:
    set_quiet(quiet)
    disclosure = read_disclosure(file, password)
    if fmt is ExtractFormat.json:
        from juesuan.report.json import dumps, extract_payload

        write_text(output, dumps(extract_payload(disclosure)))
    elif fmt is ExtractFormat.csv:
        from juesuan.report.csv import extract_csv

        write_text(output, extract_csv(disclosure, table.value))
    else:
        if output is None:
            fail(InputError("O003", "XLSX 输出需要用 -o 指定文件", "xlsx output needs -o FILE"))
        check_writable(output)
        from juesuan.report.xlsx import write_extract_xlsx

        write_extract_xlsx(disclosure, output)
        written(output)
