"""The source beside a finding: the PDF page rendered with the quoted text highlighted, or the text
lines around the quoted line.

The quote is verbatim text of the finding's line (table cells joined by tabs), so each cell of it is
searched on the finding's page with PDFium's text search. A short quote (a grade, a score) can occur
many times on a page; the occurrence nearest the line's longest other cell — the row the finding
is about — is the one highlighted.
"""

from __future__ import annotations

import io
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

import pypdfium2 as pdfium
from PIL import Image, ImageDraw

Box = tuple[float, float, float, float]
"""left, bottom, right, top in PDF points."""

SCALE = 1.6
MAX_PIECE = 24
"""A quoted cell longer than this is searched in pieces: PDFium does not match across the line
breaks of wrapped text."""


@dataclass(frozen=True)
class Rendering:
    png: bytes
    highlighted: int
    """How many rectangles (one per printed line of each quoted cell) were drawn."""


def _pieces(text: str) -> list[str]:
    out: list[str] = []
    for cell in (c.strip() for c in text.split("\t")):
        if len(cell) <= MAX_PIECE:
            out += [cell] if cell else []
        else:
            out += [cell[i:i + MAX_PIECE] for i in range(0, len(cell), MAX_PIECE) if cell[i:i + MAX_PIECE].strip()]
    return out


def _occurrences(textpage: Any, needle: str, limit: int = 200) -> list[list[Box]]:
    """Every occurrence of ``needle`` on the page, each as its characters' boxes (bounded)."""
    found: list[list[Box]] = []
    searcher = textpage.search(needle, match_case=True)
    while len(found) < limit:
        hit = searcher.get_next()
        if hit is None:
            break
        start, count = hit
        found.append([textpage.get_charbox(i) for i in range(start, start + count)])
    return found


def _centre(boxes: list[Box]) -> tuple[float, float]:
    return (sum(b[0] + b[2] for b in boxes) / (2 * len(boxes)), sum(b[1] + b[3] for b in boxes) / (2 * len(boxes)))


def find_boxes(textpage: Any, quote: str, line_text: str | None) -> list[Box]:
    """The boxes to highlight for ``quote``; the occurrence nearest the line's other text wins."""
    anchor_at: tuple[float, float] | None = None
    others = sorted((c for c in _pieces(line_text or "") if c not in _pieces(quote) and len(c) >= 2),
                    key=len, reverse=True)
    for other in others[:3]:
        hits = _occurrences(textpage, other, limit=1)
        if hits:
            anchor_at = _centre(hits[0])
            break
    boxes: list[Box] = []
    for piece in _pieces(quote):
        hits = _occurrences(textpage, piece)
        if not hits:
            continue
        if anchor_at is not None:
            ax, ay = anchor_at
            hits.sort(key=lambda h: (abs(_centre(h)[1] - ay), abs(_centre(h)[0] - ax)))
        boxes += _merge(hits[0])
    return boxes


def _merge(boxes: list[Box]) -> list[Box]:
    """One rectangle per printed line of an occurrence instead of one per character."""
    merged: list[Box] = []
    for left, bottom, right, top in boxes:
        if merged and merged[-1][1] <= (bottom + top) / 2 <= merged[-1][3] and left >= merged[-1][0]:
            m = merged[-1]
            merged[-1] = (m[0], min(m[1], bottom), max(m[2], right), max(m[3], top))
        else:
            merged.append((left, bottom, right, top))
    return merged


@lru_cache(maxsize=64)
def render_page(pdf: Path, page: int, quote: str, line_text: str | None) -> Rendering:
    """Page ``page`` (1-based) of ``pdf`` as PNG, the quote's characters under a translucent marker.

    Cached (64 renderings, about 10 MB): a stored file never changes, since its name is its hash."""
    document = pdfium.PdfDocument(str(pdf))
    try:
        if not 1 <= page <= len(document):
            raise IndexError(page)
        pdf_page = document[page - 1]
        textpage = pdf_page.get_textpage()
        boxes = find_boxes(textpage, quote, line_text) if quote.strip() else []
        height = pdf_page.get_height()
        image = pdf_page.render(scale=SCALE).to_pil().convert("RGBA")
        textpage.close()
        pdf_page.close()
    finally:
        document.close()
    overlay = Image.new("RGBA", image.size, (0, 0, 0, 0))
    draw = ImageDraw.Draw(overlay)
    for left, bottom, right, top in boxes:
        draw.rectangle([(left - 1.5) * SCALE, (height - top - 1.5) * SCALE,
                        (right + 1.5) * SCALE, (height - bottom + 1.5) * SCALE],
                       fill=(255, 214, 0, 110), outline=(220, 40, 40, 255), width=2)
    out = io.BytesIO()
    Image.alpha_composite(image, overlay).convert("RGB").save(out, format="PNG", optimize=False)
    return Rendering(out.getvalue(), len(boxes))


@dataclass(frozen=True)
class ContextLine:
    number: int
    page: int | None
    segments: list[tuple[str, bool]]
    """The line's text in pieces, each marked True where it is the quote."""
    current: bool


def mark(text: str, quote: str) -> list[tuple[str, bool]]:
    """``text`` split around the quote's cells (tabs shown as │)."""
    display = text.replace("\t", " │ ")
    spans: list[tuple[int, int]] = []
    for piece in _pieces(quote) if quote.strip() else []:
        at = display.find(piece)
        if at >= 0:
            spans.append((at, at + len(piece)))
    segments: list[tuple[str, bool]] = []
    pos = 0
    for start, end in sorted(spans):
        if start < pos:
            continue
        segments += [(display[pos:start], False), (display[start:end], True)]
        pos = end
    segments.append((display[pos:], False))
    return [s for s in segments if s[0]]


def context(lines: list[tuple[int, int | None, str]], line: int | None, quote: str) -> list[ContextLine]:
    """``lines`` (number, page, text) around ``line``, the quote marked on ``line`` itself."""
    return [ContextLine(number, page, mark(text, quote) if number == line else [(text.replace("\t", " │ "), False)],
                        number == line) for number, page, text in lines]
