"""Reader for PDF files: PDFium (pypdfium2) for characters and ruling lines, pdfplumber's lattice
algorithm for table cells.

Every page's characters, with loose boxes, angle and fill colour, and the horizontal and vertical
segments of its paths come from PDFium in one pass; pdfplumber's edge merging, intersection and
cell-finding functions turn those segments into table cells (pdfminer's content-stream parse,
~90% of pdfplumber's time, is never run). Characters are then assigned to cells in one pass.

Rotated or very light characters, and lines that read :data:`WATERMARK`, are dropped as
watermarks; lines repeated in the top or bottom band of most pages, and page numbers, are dropped
as headers and footers; wrapped prose lines (also across a page break) and wrapped cell text are
joined; a table continued on the next page does not repeat its header row, and a row broken over
the page break is joined again when its cells' text visibly runs on (:func:`_split_row`). Each page
is closed as soon as it is read, so memory stays bounded by one page.
"""

from __future__ import annotations

import bisect
import ctypes
import math
import re
import statistics
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, cast

from juesuan.read.document import HEADING_START, SENTENCE_END, WATERMARK, Document, DocumentBuilder, join_wrapped
from juesuan.read.errors import InputError
from juesuan.read.limits import MAX_PAGE_CHARS, MAX_PAGES, corrupt, read_bytes, too_many

LIGHT = 215
"""A character whose fill colour is at least this light in every channel (0–255) is a watermark."""
BAND = 0.09
"""Top and bottom share of the page height where headers, footers and page numbers live."""

_PAGE_NUMBER = re.compile(
    r"^[-—–\s]*(第\s*)?\d{1,4}\s*(页)?\s*((/|of|共)\s*\d{1,4}\s*(页)?)?[-—–\s]*$|^-?\s*[ivxlcIVXLC]{1,6}\s*-?$")
_WATERMARK_ONLY = re.compile(rf"^(?:{re.escape(WATERMARK)})+$")


@dataclass(slots=True)
class _Char:
    text: str
    x0: float
    x1: float
    top: float
    bottom: float
    base: float = -1.0
    """The baseline (top-based), shared by every glyph of a line; -1 when PDFium gave none."""

    @property
    def size(self) -> float:
        return max(self.bottom - self.top, 1.0)


@dataclass(slots=True)
class _Block:
    """A text line or a table row on one page, in reading order by ``top``."""

    top: float
    bottom: float
    x0: float
    x1: float
    size: float
    text: str = ""
    cells: list[str] | None = None
    table: int = -1  # index of the table on its page, for rows
    lefts: list[float] = field(default_factory=list)  # per column of a row: the cell's left edge,
    rights: list[float] = field(default_factory=list)  # its right edge,
    lasts: list[float] = field(default_factory=list)  # where its text's last line ends (0: empty)
    sizes: list[float] = field(default_factory=list)  # and its text size (0: empty)


@dataclass(slots=True)
class _Page:
    number: int
    height: float
    blocks: list[_Block] = field(default_factory=list)


def _chars(textpage: Any, height: float, page: int, name: str) -> tuple[list[_Char], int]:
    """The page's visible characters (top-based boxes) and how many undecodable ones it had."""
    import pypdfium2.raw as raw

    count = raw.FPDFText_CountChars(textpage)
    if count > MAX_PAGE_CHARS:
        raise too_many(f"第 {page} 页的字符", f"characters on page {page}", count, MAX_PAGE_CHARS, name)
    rect = raw.FS_RECTF()
    r, g, b, a = ctypes.c_uint(), ctypes.c_uint(), ctypes.c_uint(), ctypes.c_uint()
    ox, oy = ctypes.c_double(), ctypes.c_double()
    out: list[_Char] = []
    bad = 0
    for i in range(max(count, 0)):
        code = raw.FPDFText_GetUnicode(textpage, i)
        if code < 32 or code == 0xFFFE:
            continue
        if code in (32, 0xA0, 0x3000):
            if raw.FPDFText_IsGenerated(textpage, i) == 1:
                continue  # PDFium's guess at a word break; gaps are measured below instead
            code = 32
        if code == 0xFFFD or 0xE000 <= code <= 0xF8FF:
            bad += 1
            continue
        angle = raw.FPDFText_GetCharAngle(textpage, i)
        if angle > 0.02 and abs(angle - 2 * math.pi) > 0.02:
            continue  # rotated: a diagonal watermark or a stamp
        if raw.FPDFText_GetFillColor(textpage, i, r, g, b, a) and (
                a.value < 80 or min(r.value, g.value, b.value) >= LIGHT):
            continue  # very light or transparent: a watermark
        if not raw.FPDFText_GetLooseCharBox(textpage, i, rect):
            continue
        try:
            ch = chr(code)
        except ValueError:
            bad += 1
            continue
        base = height - oy.value if raw.FPDFText_GetCharOrigin(textpage, i, ox, oy) else -1.0
        out.append(_Char(ch, rect.left, rect.right, height - rect.top, height - rect.bottom, base))
    return out, bad


_Matrix = tuple[float, float, float, float, float, float]
_IDENTITY: _Matrix = (1.0, 0.0, 0.0, 1.0, 0.0, 0.0)


def _compose(inner: _Matrix, outer: _Matrix) -> _Matrix:
    a, b, c, d, e, f = inner
    A, B, C, D, E, F = outer
    return (a * A + b * C, a * B + b * D, c * A + d * C, c * B + d * D, e * A + f * C + E, e * B + f * D + F)


def _edge(x0: float, y0: float, x1: float, y1: float, height: float) -> dict[str, Any] | None:
    """A horizontal or vertical segment as a pdfplumber edge (top-based), or None if slanted."""
    if abs(y0 - y1) < 1.0:
        left, right = min(x0, x1), max(x0, x1)
        top = height - (y0 + y1) / 2
        return {"x0": left, "x1": right, "top": top, "bottom": top, "width": right - left, "height": 0.0,
                "orientation": "h", "object_type": "line"}
    if abs(x0 - x1) < 1.0:
        top, bottom = height - max(y0, y1), height - min(y0, y1)
        x = (x0 + x1) / 2
        return {"x0": x, "x1": x, "top": top, "bottom": bottom, "width": 0.0, "height": bottom - top,
                "orientation": "v", "object_type": "line"}
    return None


def _objects(container: Any, count: int, get: Any, height: float, matrix: _Matrix,
             edges: list[dict[str, Any]], depth: int = 0) -> bool:
    """Collect ruling-line edges from path objects (into ``edges``); return whether an image is drawn.

    Path segments are read straight from PDFium, so finding a table's ruling lines never parses
    the page's content stream a second time.
    """
    import pypdfium2.raw as raw

    images = False
    m = raw.FS_MATRIX()
    x, y = ctypes.c_float(), ctypes.c_float()
    fill, stroke = ctypes.c_int(), ctypes.c_int()
    for i in range(count):
        obj = get(container, i)
        kind = raw.FPDFPageObj_GetType(obj)
        if kind == raw.FPDF_PAGEOBJ_IMAGE:
            images = True
            continue
        if kind not in (raw.FPDF_PAGEOBJ_PATH, raw.FPDF_PAGEOBJ_FORM):
            continue
        own: _Matrix = _IDENTITY
        if raw.FPDFPageObj_GetMatrix(obj, m):
            own = (m.a, m.b, m.c, m.d, m.e, m.f)
        full = _compose(own, matrix)
        if kind == raw.FPDF_PAGEOBJ_FORM:
            if depth < 4:
                images |= _objects(obj, raw.FPDFFormObj_CountObjects(obj), raw.FPDFFormObj_GetObject,
                                   height, full, edges, depth + 1)
            continue
        if raw.FPDFPath_GetDrawMode(obj, fill, stroke) and not stroke.value and not fill.value:
            continue  # an invisible path (a clip or a hit area)
        a, b, c, d, e, f = full
        start: tuple[float, float] | None = None
        prev: tuple[float, float] | None = None
        segments = raw.FPDFPath_CountSegments(obj)
        if segments > 5000:
            continue
        for k in range(segments):
            seg = raw.FPDFPath_GetPathSegment(obj, k)
            if not raw.FPDFPathSegment_GetPoint(seg, x, y):
                continue
            point = (a * x.value + c * y.value + e, b * x.value + d * y.value + f)
            kind_seg = raw.FPDFPathSegment_GetType(seg)
            if kind_seg == raw.FPDF_SEGMENT_MOVETO:
                start = prev = point
                continue
            if kind_seg == raw.FPDF_SEGMENT_LINETO and prev is not None:
                found = _edge(prev[0], prev[1], point[0], point[1], height)
                if found is not None:
                    edges.append(found)
            prev = point
            if raw.FPDFPathSegment_GetClose(seg) and start is not None:
                found = _edge(point[0], point[1], start[0], start[1], height)
                if found is not None:
                    edges.append(found)
                prev = start
        if len(edges) > 20000:
            break
    return images


def _level(ch: _Char) -> float:
    """Where a character sits on the page, for grouping lines: its baseline, else its box's centre."""
    return ch.base if ch.base >= 0 else (ch.top + ch.bottom) / 2


def _group_lines(chars: list[_Char]) -> list[list[_Char]]:
    """Characters grouped into visual lines (by baseline), each sorted left to right."""
    if not chars:
        return []
    ordered = sorted(chars, key=_level)
    lines: list[list[_Char]] = [[ordered[0]]]
    level, size = _level(ordered[0]), ordered[0].size
    for ch in ordered[1:]:
        here = _level(ch)
        if abs(here - level) <= 0.45 * min(ch.size, size):
            lines[-1].append(ch)
            size = max(size, ch.size)
        else:
            lines.append([ch])
            level, size = here, ch.size
    for line in lines:
        line.sort(key=lambda c: c.x0)
        # Punctuation and thin glyphs (，、：一) have small ink boxes that sit low or high on the
        # line: give each the line's height, so gaps are measured in the line's em.
        top, bottom = min(c.top for c in line), max(c.bottom for c in line)
        for c in line:
            c.top, c.bottom = top, bottom
    return lines


def _line_text(line: list[_Char], tabs: bool = True) -> str:
    parts: list[str] = []
    prev: _Char | None = None
    for ch in line:
        if ch.text == " ":
            if parts and parts[-1] not in (" ", "\t"):
                parts.append(" ")
            continue
        if prev is not None and parts and parts[-1] == " " and ch.x0 - prev.x1 > 3.0 * ch.size and tabs:
            parts[-1] = "\t"
        elif prev is not None and parts and parts[-1] == " ":
            pass
        elif prev is not None:
            gap = ch.x0 - prev.x1
            size = min(ch.size, prev.size)
            if tabs and gap > 3.0 * size:
                parts.append("\t")
            elif gap > 0.3 * size and not (_cjk(prev.text) and _cjk(ch.text)):
                parts.append(" ")
            elif ch.x0 < prev.x0 + 0.15 * size and ch.text == prev.text:  # ("..." is 0.25 em apart)
                continue  # fake bold: the same glyph printed twice at one place
        parts.append(ch.text)
        prev = ch
    return "".join(parts).strip(" ")


def _cjk(ch: str) -> bool:
    return ch >= "\u2e80"


@dataclass(slots=True)
class _Table:
    bbox: tuple[float, float, float, float]
    cells: list[tuple[float, float, float, float, int, int]]  # x0, top, x1, bottom, row, col
    nrows: int
    ncols: int
    bands: list[float] = field(default_factory=list)
    by_band: list[list[int]] = field(default_factory=list)

    def index(self) -> None:
        self.bands = sorted({c[1] for c in self.cells})
        self.by_band = [[] for _ in self.bands]
        for k, (_x0, top, _x1, bottom, _r, _c) in enumerate(self.cells):
            for band, start in enumerate(self.bands):
                if top <= start < bottom:
                    self.by_band[band].append(k)

    def locate(self, x: float, y: float) -> int:
        band = bisect.bisect_right(self.bands, y) - 1
        if band < 0:
            return -1
        for k in self.by_band[band]:
            x0, top, x1, bottom, _r, _c = self.cells[k]
            if x0 <= x <= x1 and top <= y <= bottom:
                return k
        return -1


def _tables(edges: list[dict[str, Any]]) -> list[_Table]:
    """Tables from ruling-line edges, by pdfplumber's own lattice algorithm (its default settings)."""
    from pdfplumber.table import (
        Table,
        TableSettings,
        cells_to_tables,
        edges_to_intersections,
        intersections_to_cells,
        merge_edges,
    )
    from pdfplumber.utils.geometry import filter_edges

    settings = TableSettings.resolve(None)
    merged = merge_edges(edges, snap_x_tolerance=settings.snap_x_tolerance,
                         snap_y_tolerance=settings.snap_y_tolerance,
                         join_x_tolerance=settings.join_x_tolerance,
                         join_y_tolerance=settings.join_y_tolerance)
    merged = filter_edges(merged, min_length=settings.edge_min_length)
    points = edges_to_intersections(merged, settings.intersection_x_tolerance,
                                    settings.intersection_y_tolerance)
    tables: list[_Table] = []
    for group in cells_to_tables(intersections_to_cells(points)):
        found = Table(cast(Any, None), group)  # rows need only the cells, never the page
        cells: list[tuple[float, float, float, float, int, int]] = []
        ncols = 0
        for r, row in enumerate(found.rows):
            ncols = max(ncols, len(row.cells))
            for c, bbox in enumerate(row.cells):
                if bbox is not None:
                    x0, top, x1, bottom = (float(v) for v in bbox)
                    cells.append((x0, top, x1, bottom, r, c))
        if not cells:
            continue
        x0, top, x1, bottom = (float(v) for v in found.bbox)
        table = _Table((x0, top, x1, bottom), cells, len(found.rows), ncols)
        table.index()
        tables.append(table)
    tables.sort(key=lambda t: (t.bbox[1], t.bbox[0]))
    return tables


def _page_blocks(number: int, height: float, chars: list[_Char], tables: list[_Table]) -> _Page:
    page = _Page(number, height)
    free: list[_Char] = []
    in_cell: list[list[list[_Char]]] = [[[] for _ in t.cells] for t in tables]
    for ch in chars:
        x, y = (ch.x0 + ch.x1) / 2, (ch.top + ch.bottom) / 2
        for t, table in enumerate(tables):
            x0, top, x1, bottom = table.bbox
            if x0 <= x <= x1 and top <= y <= bottom:
                k = table.locate(x, y)
                if k >= 0:
                    in_cell[t][k].append(ch)
                break
        else:
            free.append(ch)
    for line in _group_lines(free):
        text = _line_text(line)
        page.blocks.append(_Block(min(c.top for c in line), max(c.bottom for c in line), line[0].x0,
                                  line[-1].x1, statistics.median(c.size for c in line), text))
    for t, table in enumerate(tables):
        rows = [_Block(table.bbox[3], table.bbox[1], table.bbox[0], table.bbox[2], 0.0,
                       cells=[""] * table.ncols, table=t, lefts=[-1.0] * table.ncols,
                       rights=[-1.0] * table.ncols, lasts=[0.0] * table.ncols, sizes=[0.0] * table.ncols)
                for _ in range(table.nrows)]
        for k, (x0, top, x1, bottom, r, c) in enumerate(table.cells):
            row = rows[r]
            row.top, row.bottom = min(row.top, top), max(row.bottom, bottom)
            lines = _group_lines(in_cell[t][k])
            assert row.cells is not None
            row.cells[c] = join_wrapped([_line_text(ln, tabs=False) for ln in lines])
            row.lefts[c], row.rights[c] = x0, x1
            if lines:
                row.lasts[c] = lines[-1][-1].x1
                row.sizes[c] = statistics.median(ch.size for ch in lines[-1])
        page.blocks.extend(rows)
    page.blocks.sort(key=lambda b: (b.top, b.x0))
    return page


def _drop_headers_footers(pages: list[_Page]) -> None:
    """Remove page numbers and lines repeated in the top or bottom band of most pages."""
    def banded(block: _Block, page: _Page) -> bool:
        return block.cells is None and (block.bottom < page.height * BAND
                                        or block.top > page.height * (1 - BAND))

    def key(text: str) -> str:
        return re.sub(r"\d+", "#", re.sub(r"\s+", "", text))

    counts: Counter[str] = Counter()
    for page in pages:
        counts.update({key(b.text) for b in page.blocks if banded(b, page)})
    with_text = sum(1 for p in pages if p.blocks)
    repeated = {k for k, n in counts.items() if n >= 2 and n >= 0.5 * with_text}
    for page in pages:
        page.blocks = [b for b in page.blocks if not (banded(b, page) and (
            key(b.text) in repeated or _PAGE_NUMBER.match(b.text.strip())))]


_LEAD = re.compile(r"[\x21-\x7e]+|[（「『“‘《〈【(\[]*.")
_OPENING = re.compile(r"[（「『“‘《〈【]+.")
_NO_LINE_START = re.compile(r"[，。、；：？！）」』”’%)\],.;:!?]*")


def _lead_width(text: str, size: float) -> float:
    """Estimated width of a line's first unbreakable piece (a Latin word or one CJK character,
    with the closing punctuation that may not start a line)."""
    match = _LEAD.match(text)
    token = match.group(0) if match else ""
    tail = _NO_LINE_START.match(text, len(token))
    token += tail.group(0) if tail else ""
    opening = _OPENING.match(text, len(token))  # an opening quote cannot end a line: it moves too
    token += opening.group(0) if opening else ""
    return sum(0.55 * size if ch.isascii() else size for ch in token)


_WHOLE_NUMBER = re.compile(r"^[-+]?[\d,]*\d(\.\d+)?%?$")


def _split_row(prev: _Block, cont: _Block, bottom: float) -> dict[int, int] | None:
    """If ``cont``, first on its page, is the rest of ``prev``, a row broken over the page break,
    the map from ``cont``'s columns to ``prev``'s (matched by left edge); else None.

    A broken row reaches to within a line of the text area's bottom, and every filled cell of ``cont`` continues a
    filled cell of ``prev`` whose last line is full (its next word did not fit), as wrapped prose is
    recognised.
    """
    if prev.cells is None or cont.cells is None:
        return None
    if prev.bottom < bottom - 1.6 * max(prev.sizes, default=10.0):
        return None  # room for another line was left: the row ended here
    columns: dict[int, int] = {}
    for j, text in enumerate(cont.cells):
        if not text:
            continue
        match = [i for i, left in enumerate(prev.lefts) if left >= 0 and abs(left - cont.lefts[j]) <= 2.0]
        if not match or not prev.cells[match[0]]:
            return None
        i = match[0]
        if _WHOLE_NUMBER.match(prev.cells[i]) and _WHOLE_NUMBER.match(text):
            return None  # a number does not wrap into a second number: two rows (45,565.00 / 624.69)
        size = cont.sizes[j] or prev.sizes[i] or 10.0
        if prev.lasts[i] + _lead_width(text, size) < prev.rights[i] - 6.0 - 0.5 * size:
            return None
        columns[j] = i
    return columns or None


def _join_rows(prev: _Block, cont: _Block, columns: dict[int, int]) -> None:
    assert prev.cells is not None and cont.cells is not None
    for j, i in columns.items():
        prev.cells[i] = join_wrapped([prev.cells[i], cont.cells[j]])
        prev.lasts[i], prev.sizes[i] = cont.lasts[j], cont.sizes[j]
    prev.bottom = cont.bottom


def _emit(pages: list[_Page], builder: DocumentBuilder) -> None:
    """Join wrapped prose (also across pages) and continued tables, then write Document lines."""
    text_blocks = [b for p in pages for b in p.blocks if b.cells is None and len(b.text) >= 8]
    right = max((b.x1 for b in text_blocks), default=0.0)
    left = min((b.x0 for b in text_blocks), default=0.0)
    gaps = sorted(b.top - a.bottom for p in pages for a, b in zip(p.blocks, p.blocks[1:], strict=False)
                  if a.cells is None and b.cells is None and b.top > a.bottom - 0.5 * a.size)
    line_gap = gaps[len(gaps) // 5] if gaps else 0.0
    bottom = max((b.bottom for p in pages for b in p.blocks), default=0.0)
    pending: tuple[_Block, int] | None = None  # the paragraph being joined: first line, page
    pending_x1 = 0.0
    held: tuple[_Block, int] | None = None  # the last table row, kept back in case it continues
    parts: list[str] = []
    last_table_head: list[str] | None = None
    last_was_row = False

    def flush_row() -> None:
        nonlocal held
        if held is not None and held[0].cells is not None:
            builder.row(held[0].cells, held[1])
        held = None

    def flush_text() -> None:
        nonlocal pending
        if pending is not None:
            builder.paragraph(join_wrapped(parts), pending[1])
            parts.clear()
            pending = None

    def flush() -> None:
        flush_row()
        flush_text()

    for page in pages:
        pending_bottom: float | None = None  # a paragraph continued from the previous page
        first_row_on_page = True
        current_table = -1
        for block in page.blocks:
            if block.cells is not None:
                flush_text()
                if block.table != current_table:
                    current_table = block.table
                    continuing = first_row_on_page and last_was_row
                    if continuing and last_table_head is not None and block.cells == last_table_head:
                        first_row_on_page = False
                        continue  # a header row repeated on the continuation page
                    if not continuing:
                        last_table_head = block.cells
                    elif held is not None and (columns := _split_row(held[0], block, bottom)):
                        _join_rows(held[0], block, columns)  # one row broken over the page break
                        first_row_on_page = False
                        continue
                first_row_on_page = False
                flush_row()
                held = (block, page.number)
                last_was_row = True
                continue
            first_row_on_page = False
            last_was_row = False
            flush_row()
            if _WATERMARK_ONLY.match(re.sub(r"\s+", "", block.text)):
                continue
            if pending is not None:
                indented = block.x0 > left + 1.2 * block.size  # a 2-em first-line indent; size runs large for CJK
                spaced = pending_bottom is not None and block.top - pending_bottom > line_gap + 0.2 * block.size
                # the previous line was wrapped if this line's first word would not have fit on it
                fits = pending_x1 + _lead_width(block.text, block.size) < right - 0.5 * block.size
                # a full line that ends a sentence, then a heading or a new page; or a heading at the
                # top of a page: a new paragraph (a part heading is not the note above it)
                heading = bool(HEADING_START.match(block.text))
                sentence_end, page_top = parts[-1].endswith(SENTENCE_END), pending_bottom is None
                ended = (page_top and (heading or sentence_end)) or (heading and sentence_end)
                if indented or spaced or fits or ended or "\t" in block.text or "\t" in parts[-1]:
                    flush()
            if pending is None:
                pending = (block, page.number)
            parts.append(block.text)
            pending_bottom = block.bottom
            pending_x1 = block.x1
            if "\t" in block.text:
                flush()
    flush()


def read_pdf(path: str | Path, password: str | None = None, data: bytes | None = None,
             progress: Callable[[int, int], None] | None = None) -> Document:
    """``progress(pages read, pages)`` is called before each page and once all are read."""
    import pypdfium2 as pdfium
    import pypdfium2.raw as raw

    name = str(path)
    if data is None:
        data = read_bytes(path, "pdf")
    try:
        pdf = pdfium.PdfDocument(data, password=password)
    except pdfium.PdfiumError as exc:
        if getattr(exc, "err_code", None) == raw.FPDF_ERR_PASSWORD:
            if password:
                raise InputError("R006", "PDF 密码不正确", "wrong password for the encrypted PDF",
                                 name) from None
            raise InputError("R006", "PDF 已加密，请用 --password 提供密码",
                             "the PDF is encrypted: give its password with --password", name) from None
        raise corrupt("PDF", name, str(exc)[:80]) from None
    try:
        count = len(pdf)
        if count > MAX_PAGES:
            raise too_many("PDF 页数", "PDF pages", count, MAX_PAGES, name)
        if count == 0:
            raise corrupt("PDF", name, "no pages")
        builder = DocumentBuilder(name, encoding="pdf")
        pages: list[_Page] = []
        unreadable: list[int] = []
        for index in range(count):
            if progress is not None:
                progress(index, count)
            page = pdf[index]
            edges: list[dict[str, Any]] = []
            try:
                height = page.get_height()
                textpage = page.get_textpage()
                try:
                    chars, bad = _chars(textpage, height, index + 1, name)
                finally:
                    textpage.close()
                _objects(page.raw, raw.FPDFPage_CountObjects(page.raw), raw.FPDFPage_GetObject, height,
                         _IDENTITY, edges)
            finally:
                page.close()
            if bad > max(10, len(chars)):
                unreadable.append(index + 1)
                builder.warn(f"第 {index + 1} 页的文字无法解码（字体缺少 ToUnicode 映射），未能读取 / "
                             f"page {index + 1}: its text cannot be decoded (fonts without a ToUnicode "
                             "map); it was not read")
                pages.append(_Page(index + 1, height))
                continue
            if not chars:
                unreadable.append(index + 1)
                builder.warn(f"第 {index + 1} 页没有文字层（可能是扫描件），未能读取 / "
                             f"page {index + 1} has no text layer (a scan?); it was not read")
                pages.append(_Page(index + 1, height))
                continue
            tables = _tables(edges) if len(edges) >= 4 else []
            pages.append(_page_blocks(index + 1, height, chars, tables))
        if len(unreadable) == count:
            raise InputError("R009", "PDF 没有可读的文字层（可能是扫描件或字体无法解码），请提供文字版",
                             "the PDF has no readable text layer (scanned, or undecodable fonts); "
                             "give a text version", name)
        if progress is not None:
            progress(count, count)
        _drop_headers_footers(pages)
        _emit(pages, builder)
    except InputError:
        raise
    except Exception as exc:  # pdfminer and PDFium raise many types on damaged files
        raise corrupt("PDF", name, type(exc).__name__) from None
    finally:
        pdf.close()
    return builder.doc
