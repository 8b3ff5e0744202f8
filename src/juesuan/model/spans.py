"""Where a stated value came from: file, page, line, column, table cell."""

from __future__ import annotations

from pydantic import BaseModel, ConfigDict


class SourceSpan(BaseModel):
    """A location in a source document.

    ``line`` is 1-based in the text the reader produced (for a text export, the file's own lines);
    ``column`` is the 1-based character column where the value starts on that line; ``cell`` is the
    0-based index of the table cell (tab-separated field) holding it, when it sits in a table row.
    ``page`` is known only where the format carries pages (PDF); a plain text export has none.
    """

    model_config = ConfigDict(frozen=True)

    file: str | None = None
    page: int | None = None
    line: int
    column: int | None = None
    end_column: int | None = None
    cell: int | None = None

    def describe(self) -> str:
        """A short human-readable location such as ``第12页 第305行 第3格``."""
        parts = []
        if self.page is not None:
            parts.append(f"p.{self.page}")
        parts.append(f"line {self.line}")
        if self.cell is not None:
            parts.append(f"cell {self.cell + 1}")
        elif self.column is not None:
            parts.append(f"col {self.column}")
        return ", ".join(parts)


class StatedText(BaseModel):
    """A piece of text exactly as the document states it, with its location."""

    model_config = ConfigDict(frozen=True)

    text: str
    span: SourceSpan
