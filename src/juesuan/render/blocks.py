"""The rendered disclosure as a flat list of blocks every output format lays out its own way."""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True)
class Heading:
    level: int
    """0 the cover title, 1 a part (第N部分), 2 a section (一、), 3 a subsection (（一）)."""
    text: str


@dataclass(frozen=True)
class Paragraph:
    text: str


@dataclass(frozen=True)
class Table:
    rows: list[list[str]]
    header_rows: int = 1
    caption: str = ""
    """Shown above the table (公开01表 …); a paragraph in the text output."""
    kind: str = "table"
    """``table`` for a public table, ``form`` for a self-evaluation form."""
    spans: tuple[tuple[int, ...], ...] = ()
    """Merged cells: for each row, how many columns each of its cells covers, in order (a row's spans
    add up to its length, a covered column's text is empty). Empty: no merged cells. The HTML, DOCX
    and XLSX writers all lay a form out from these, so a value stands under its header in each."""

    def cells(self, row: int) -> list[tuple[int, int, str]]:
        """``(first column, columns covered, text)`` for each cell of ``row``."""
        texts = self.rows[row]
        widths = self.spans[row] if self.spans else (1,) * len(texts)
        out: list[tuple[int, int, str]] = []
        first = 0
        for width in widths:
            out.append((first, width, texts[first]))
            first += width
        return out


@dataclass(frozen=True)
class Chart:
    name: str
    """``structure`` or ``change``."""
    title: str
    labels: list[str] = field(default_factory=list)
    values: list[float] = field(default_factory=list)
    prior: list[float] = field(default_factory=list)


Block = Heading | Paragraph | Table | Chart
