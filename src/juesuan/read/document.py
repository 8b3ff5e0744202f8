"""The format-neutral Document every reader returns: lines, each either prose or a table row.

Everything after ``read/`` works on this structure only, so parsing and audit are format-blind.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from enum import StrEnum

from juesuan.model.spans import SourceSpan

HEADING_START = re.compile(
    r"^\s*(?:第[一二三四五六七八九十0-9０-９]+部分|[一二三四五六七八九十]+、|（[一二三四五六七八九十]+）|"
    r"\([一二三四五六七八九十]+\)|\d+(?:、|[.．](?!\d)))"
)
"""Numbering that opens a heading or an item: 第一部分, 一、, （一）, (一), 1、, 1. (``3.05`` is a decimal)."""

SENTENCE_END = tuple("。！!？?")
"""Characters that end a sentence: a line ending in one may end its paragraph."""

WATERMARK = "仅供内部审核"
"""The reference export's page watermark; readers mark such lines so parsers can skip them."""


class LineKind(StrEnum):
    BLANK = "blank"
    WATERMARK = "watermark"
    TEXT = "text"
    ROW = "row"  # a table row: cells separated by tabs in a text export, real cells elsewhere


@dataclass(frozen=True, slots=True)
class Cell:
    """One table cell: its text (stripped), 0-based index in the row and 1-based start column."""

    text: str
    index: int
    column: int


@dataclass(frozen=True, slots=True)
class Line:
    number: int
    """1-based line number in the source text."""
    text: str
    """The line exactly as read, without its line break."""
    kind: LineKind
    page: int | None = None
    cells: tuple[Cell, ...] = ()

    @property
    def is_content(self) -> bool:
        return self.kind in (LineKind.TEXT, LineKind.ROW)

    def values(self) -> list[str]:
        """The row's non-empty cell texts in order (the shape most form rows are read by)."""
        return [c.text for c in self.cells if c.text]

    def span(self, column: int | None = None, cell: int | None = None, file: str | None = None,
             end_column: int | None = None) -> SourceSpan:
        return SourceSpan(file=file, page=self.page, line=self.number, column=column,
                          end_column=end_column, cell=cell)


@dataclass(slots=True)
class Document:
    """A source read into lines. ``path`` names the file for spans; ``encoding`` what it was in."""

    path: str
    lines: list[Line] = field(default_factory=list)
    encoding: str = "utf-8"
    warnings: list[str] = field(default_factory=list)
    """What the reader could not read but did not refuse (e.g. a scanned page); the CLI prints them."""

    def line(self, number: int) -> Line:
        return self.lines[number - 1]

    def content_lines(self) -> list[Line]:
        return [ln for ln in self.lines if ln.is_content]


def split_cells(text: str, separator: str = "\t") -> tuple[Cell, ...]:
    """Split a tab-separated row into cells, keeping each cell's 1-based start column."""
    cells: list[Cell] = []
    column = 1
    for index, raw in enumerate(text.split(separator)):
        stripped = raw.strip()
        lead = len(raw) - len(raw.lstrip())
        cells.append(Cell(text=stripped, index=index, column=column + lead))
        column += len(raw) + len(separator)
    return tuple(cells)


def classify(number: int, text: str, page: int | None = None) -> Line:
    """Build a Line from raw text: blank, watermark, a tab-separated row, or prose."""
    stripped = text.strip()
    if not stripped:
        return Line(number, text, LineKind.BLANK, page)
    if stripped == WATERMARK:
        return Line(number, text, LineKind.WATERMARK, page)
    if "\t" in text:
        return Line(number, text, LineKind.ROW, page, split_cells(text))
    return Line(number, text, LineKind.TEXT, page)


def _is_word(ch: str) -> bool:
    return ch.isascii() and ch.isalnum()


def join_wrapped(parts: list[str]) -> str:
    """Join the pieces of a wrapped paragraph or cell: one space between two Latin words, none
    elsewhere (CJK text, and a number broken over two lines of a narrow cell, join directly)."""
    out = ""
    for part in (p.strip() for p in parts):
        if not part:
            continue
        if out and _is_word(out[-1]) and _is_word(part[0]) and not (out[-1].isdigit() and part[0].isdigit()):
            out += " "
        out += part
    return out


def clean_cell(text: str) -> str:
    """A cell's text on one line: tabs and line breaks would break the row's tab-separated shape."""
    return join_wrapped(text.replace("\t", " ").replace("\r", "\n").split("\n"))


class DocumentBuilder:
    """Collects paragraphs and table rows from any reader and numbers them as Document lines.

    A paragraph becomes one TEXT line (or a ROW when it holds tabs, as in a text export); a table
    row one ROW line whose text is its cells joined by tabs, so a quoted cell is verbatim in it.
    """

    def __init__(self, path: str, encoding: str = "utf-8") -> None:
        self.doc = Document(path=path, encoding=encoding)

    def _next(self) -> int:
        return len(self.doc.lines) + 1

    def paragraph(self, text: str, page: int | None = None) -> None:
        text = text.replace("\r", "").replace("\n", " ").replace("\u00a0", " ").rstrip()
        if not text.strip():
            return
        line = classify(self._next(), text, page)
        if line.kind is LineKind.BLANK:
            return
        self.doc.lines.append(line)

    def row(self, cells: list[str], page: int | None = None) -> None:
        texts = [clean_cell(c) for c in cells]
        while texts and not texts[-1]:
            texts.pop()
        if not any(texts):
            return
        if len(texts) == 1:
            self.paragraph(texts[0], page)
            return
        text = "\t".join(texts)
        self.doc.lines.append(Line(self._next(), text, LineKind.ROW, page, split_cells(text)))

    def warn(self, message: str) -> None:
        self.doc.warnings.append(message)
