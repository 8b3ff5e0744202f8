"""The format-neutral Document every reader returns: lines, each either prose or a table row.

Everything after ``read/`` works on this structure only, so parsing and audit are format-blind.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum

from juesuan.model.spans import SourceSpan

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
