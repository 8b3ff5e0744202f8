"""Join prose lines into paragraphs, keeping a map from paragraph offsets back to source lines.

Text exports break a paragraph wherever the PDF broke a line or a page (the reference splits
``增`` / ``长27.38%`` over lines 158 and 160, with a blank line between). A narrative parser needs the
sentence whole, and every value it finds must still point at its own line and column.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field

from juesuan.model.spans import SourceSpan
from juesuan.read.document import HEADING_START, Line, LineKind

_SENTENCE_END = tuple("。；;：:！!？?）)”\"")
HEADING_RE = HEADING_START
"""``1、`` and ``1.`` number items; ``3.05万元`` at the start of a continuation line is a decimal."""


@dataclass(slots=True)
class _Piece:
    offset: int
    line: Line


@dataclass(slots=True)
class Paragraph:
    """Prose joined from one or more lines. ``text`` has no line breaks."""

    text: str = ""
    pieces: list[_Piece] = field(default_factory=list)
    file: str | None = None

    @property
    def first_line(self) -> int:
        return self.pieces[0].line.number

    @property
    def lines(self) -> list[Line]:
        return [p.line for p in self.pieces]

    def append(self, line: Line) -> None:
        self.pieces.append(_Piece(len(self.text), line))
        self.text += line.text.strip()

    def locate(self, offset: int) -> tuple[Line, int]:
        """The source line and 1-based column of the character at ``offset`` in ``text``."""
        piece = self.pieces[0]
        for candidate in self.pieces:
            if candidate.offset <= offset:
                piece = candidate
            else:
                break
        lead = len(piece.line.text) - len(piece.line.text.lstrip())
        return piece.line, offset - piece.offset + lead + 1

    def span(self, start: int, end: int | None = None) -> SourceSpan:
        """The span of ``text[start:end]``, located at its first character's line."""
        line, column = self.locate(start)
        end_column = None
        if end is not None:
            end_line, end_col = self.locate(max(start, end - 1))
            if end_line.number == line.number:
                end_column = end_col + 1
        return SourceSpan(file=self.file, page=line.page, line=line.number, column=column,
                          end_column=end_column)

    def quote(self, start: int, end: int) -> str:
        """``text[start:end]`` cut to what stands on its first line, so a quote is verbatim there."""
        piece_end = next(
            (p.offset for p in self.pieces if p.offset > start), len(self.text)
        )
        return self.text[start:min(end, piece_end)]


HEADING_MAX_CHARS = 40


def is_heading(text: str) -> bool:
    """A numbered heading: the numbering, then a short title with no full stop."""
    text = text.strip()
    return bool(HEADING_RE.match(text)) and len(text) <= HEADING_MAX_CHARS and "。" not in text


def paragraphs(lines: Iterable[Line], file: str | None = None) -> list[Paragraph]:
    """Group prose lines into paragraphs.

    A line continues the paragraph before it when that paragraph does not end a sentence and the
    line is not itself a heading; blank and watermark lines in between are skipped (they are the
    export's page and line breaks, not paragraph breaks). Table rows end a paragraph.
    """
    out: list[Paragraph] = []
    current: Paragraph | None = None
    for line in lines:
        if line.kind in (LineKind.BLANK, LineKind.WATERMARK):
            continue
        if line.kind is LineKind.ROW:
            current = None
            continue
        text = line.text.strip()
        if (
            current is not None
            and not current.text.endswith(_SENTENCE_END)
            and not is_heading(text)
            and not is_heading(current.text)
        ):
            current.append(line)
            continue
        current = Paragraph(file=file)
        current.append(line)
        out.append(current)
    return out
