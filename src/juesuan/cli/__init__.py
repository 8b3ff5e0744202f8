"""The ``juesuan`` command line: one module per command, all registered on one typer app.

A thin layer: each command parses its arguments, calls one stage function and prints.
"""

from juesuan.cli import audit as audit
from juesuan.cli import batch as batch
from juesuan.cli import extract as extract
from juesuan.cli import render as render
from juesuan.cli import report as report
from juesuan.cli import rules as rules
from juesuan.cli import score as score
from juesuan.cli.app import app, main

__all__ = ["app", "main"]
