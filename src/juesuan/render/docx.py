"""DOCX output (python-docx): A4 pages, 黑体 headings, 仿宋 body, bordered tables, page numbers in the
footer, a table of contents (a Word field: Word offers to fill it in on opening, or on F9), charts as
pictures.

Self-evaluation forms are laid out as in HTML: their merged cells (``Table.spans``) are ``w:gridSpan``
cells, which juesuan's DOCX reader reads back as the text at its first column and
empty cells after it, the same row as the text rendering's.
"""

from __future__ import annotations

import io
import re
from pathlib import Path
from typing import Any

from juesuan.render.blocks import Block, Chart, Heading, Paragraph, Table

BODY_FONT = "仿宋"
HEADING_FONT = "黑体"
_HEADING_SIZES = {0: 22, 1: 16, 2: 14, 3: 12, 4: 12}
PAGE_CM = (21.0, 29.7)
"""A4, as the HTML/PDF output."""
MARGINS_CM = (2.5, 2.2)
"""Top/bottom and left/right, as the HTML/PDF output's ``@page`` margins."""
CELL_PADDING_CM = 0.1
"""Left and right cell padding (the HTML's 3pt), narrower than Word's default 0.19cm so a
twelve-column form keeps its text room on A4."""
_THEME_FONTS = ("asciiTheme", "eastAsiaTheme", "hAnsiTheme", "cstheme")
_AFTER_UPDATE_FIELDS = (
    "hdrShapeDefaults", "footnotePr", "endnotePr", "compat", "docVars", "rsids", "attachedSchema",
    "themeFontLang", "clrSchemeMapping", "doNotIncludeSubdocsInStats", "doNotAutoCompressPictures", "forceUpgrade",
    "captions", "readModeInkLockDown", "smartTagType", "shapeDefaults", "doNotEmbedSmartTags",
    "decimalSymbol", "listSeparator")
_NUMBER = re.compile(r"^-?[\d,]+(\.\d+)?%?$")
"""A figure cell (as the HTML output's ``td.num``)."""
_SPAN_CAP = {"table": 14.0, "form": 6.0}
"""Longest text (in CJK characters) a column is widened for; longer cells wrap."""


def _font(run_or_style: Any, name: str, size: float | None = None, bold: bool = False) -> None:
    from docx.oxml.ns import qn
    from docx.shared import Pt

    font = run_or_style.font
    font.name = name
    font.bold = bold
    if size is not None:
        font.size = Pt(size)
    rpr = run_or_style.element.get_or_add_rPr()
    fonts = rpr.find(qn("w:rFonts"))
    if fonts is None:
        fonts = rpr.makeelement(qn("w:rFonts"), {})
        rpr.append(fonts)
    fonts.set(qn("w:eastAsia"), name)
    # A theme font attribute overrides the named font (the template's headings have them).
    for attribute in _THEME_FONTS:
        fonts.attrib.pop(qn(f"w:{attribute}"), None)


def _field(paragraph: Any, instruction: str, end: Any = None) -> None:
    """A complex field; its result (empty until Word updates it) ends in ``end`` when given, a later
    paragraph, as Word writes a table of contents (LibreOffice reads a TOC field only so)."""
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    for kind, text in (("begin", None), (None, instruction), ("separate", None), ("end", None)):
        if kind is not None:
            element = OxmlElement("w:fldChar")
            element.set(qn("w:fldCharType"), kind)
        else:
            element = OxmlElement("w:instrText")
            element.set(qn("xml:space"), "preserve")
            element.text = text
        # One run per field character, as Word writes a complex field.
        (end if kind == "end" and end is not None else paragraph).add_run()._r.append(element)


def _update_fields_on_open(doc: Any) -> None:
    """Ask Word to update fields when the file is opened, so the table of contents gets its entries
    and page numbers (python-docx cannot paginate)."""
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    settings = doc.settings.element
    element = OxmlElement("w:updateFields")
    element.set(qn("w:val"), "true")
    # w:settings is a sequence (ECMA-376 §17.15.1.78): updateFields goes before the first of these.
    later = {qn(f"w:{tag}") for tag in _AFTER_UPDATE_FIELDS}
    anchor = next((child for child in settings if child.tag in later), None)
    if anchor is None:
        settings.append(element)
    else:
        anchor.addprevious(element)


def _width(text: str) -> float:
    """Text width in CJK character widths (Latin letters and digits are about half as wide)."""
    return sum(1.0 if ord(ch) > 0x2E7F else 0.6 for ch in text)


def _column_widths(rows: list[list[tuple[int, int, str]]], width: int, cap: float, font_pt: float,
                   total: float) -> list[float]:
    """Column widths in cm, summing to ``total``. A column is as wide as its longest figure (figures
    do not wrap, as the HTML's ``td.num``) and, room permitting, its longest text up to ``cap``
    characters (text wraps); a spanning cell widens its columns only if they are together too narrow."""
    char = font_pt * 2.54 / 72  # a CJK character's width in cm
    pad = 2 * CELL_PADDING_CM + 0.05
    floor = [2 * char + pad] * width  # two characters a line at least (a 二级指标 word wraps by two)
    want = floor[:]
    for row in rows:
        for first, span, text in row:
            if span == 1 and text:
                w = _width(text) * char + pad
                if _NUMBER.match(text):
                    floor[first] = max(floor[first], w)
                want[first] = max(want[first], min(w, cap * char + pad))
    for row in rows:
        for first, span, text in row:
            short = min(_width(text), cap) * char + pad - sum(want[first:first + span])
            if span > 1 and short > 0:
                for column in range(first, first + span):
                    want[column] += short / span
    want = [max(w, f) for w, f in zip(want, floor, strict=True)]
    if sum(want) <= total:  # everything fits: share out the rest of the line in proportion
        return [total * w / sum(want) for w in want]
    if sum(floor) >= total:  # not even the figures fit: shrink all alike
        return [total * f / sum(floor) for f in floor]
    give = (total - sum(floor)) / (sum(want) - sum(floor))  # text columns give up room, figures do not
    return [f + (w - f) * give for w, f in zip(want, floor, strict=True)]


def _table(doc: Any, b: Table, text_width_cm: float) -> None:
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn
    from docx.shared import Cm, Emu, Pt
    from docx.table import _Cell

    width = max(len(r) for r in b.rows)
    merge = b.kind == "form"
    rows = [b.cells(i) + [(c, 1, "") for c in range(len(r), width)] for i, r in enumerate(b.rows)]
    font_pt = 7.5 if merge else 9
    widths = [Cm(w) for w in _column_widths(rows, width, _SPAN_CAP.get(b.kind, 14.0), font_pt, text_width_cm)]
    table = doc.add_table(rows=len(b.rows), cols=width)
    table.style = "Table Grid"
    table.autofit = False  # fixed layout: Word keeps the widths below instead of refitting the text
    margins = OxmlElement("w:tblCellMar")
    for side in ("left", "right"):
        margin = OxmlElement(f"w:{side}")
        margin.set(qn("w:w"), str(int(CELL_PADDING_CM * 567)))  # twips
        margin.set(qn("w:type"), "dxa")
        margins.append(margin)
    tblpr = table._tbl.tblPr
    # w:tblPr is a sequence: tblCellMar comes before these (ECMA-376 §17.4.60).
    later = next((c for c in tblpr if c.tag in {qn("w:tblLook"), qn("w:tblCaption"), qn("w:tblDescription")}), None)
    if later is None:
        tblpr.append(margins)
    else:
        later.addprevious(margins)
    for column, w in zip(table.columns, widths, strict=True):
        column.width = w
    size = Pt(font_pt)
    for i, (row, spans) in enumerate(zip(table.rows, rows, strict=True)):
        row._tr.get_or_add_trPr().append(OxmlElement("w:cantSplit"))  # a row stays on one page, as in the PDF
        tcs = list(row._tr.tc_lst)
        for first, span, text in spans:
            tc = tcs[first]
            if span > 1:
                # What _Cell.merge writes for cells in one row (gridSpan on the first cell, the others
                # removed), without its whole-table geometry checks on every merge (6x slower here).
                tc.grid_span = span
                for swallowed in tcs[first + 1:first + span]:
                    row._tr.remove(swallowed)
            tc.width = sum(widths[first:first + span], Emu(0))
            cell = _Cell(tc, table)
            if text:
                paragraph = cell.paragraphs[0]
                run = paragraph.add_run(text)
                run.font.size = size
                if i < b.header_rows:
                    _font(run, HEADING_FONT, font_pt)  # header cells in 黑体, as the HTML's th
                elif not merge and _NUMBER.match(text):
                    paragraph.alignment = WD_ALIGN_PARAGRAPH.RIGHT  # figures right-aligned, as td.num


def write_docx(blocks: list[Block], path: str | Path, charts: bool = True) -> None:
    from docx import Document
    from docx.enum.section import WD_ORIENT
    from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_BREAK
    from docx.shared import Cm, Pt

    from juesuan.render.charts import chart_png

    doc = Document()
    _font(doc.styles["Normal"], BODY_FONT, 12)
    for level in range(1, 5):
        style = doc.styles[f"Heading {level}"]
        _font(style, HEADING_FONT, _HEADING_SIZES[level])
        style.font.color.rgb = None
        style.font.italic = False  # the template's Heading 4 is italic; the HTML's h4 is not
    doc.styles["Heading 1"].paragraph_format.alignment = WD_ALIGN_PARAGRAPH.CENTER  # parts, as the HTML's h1
    section = doc.sections[0]
    section.orientation = WD_ORIENT.PORTRAIT
    section.page_width, section.page_height = Cm(PAGE_CM[0]), Cm(PAGE_CM[1])
    section.top_margin = section.bottom_margin = Cm(MARGINS_CM[0])
    section.left_margin = section.right_margin = Cm(MARGINS_CM[1])
    text_width_cm = PAGE_CM[0] - 2 * MARGINS_CM[1]
    footer = section.footer.paragraphs[0]
    footer.alignment = WD_ALIGN_PARAGRAPH.CENTER
    _field(footer, "PAGE")
    _update_fields_on_open(doc)
    toc_done = False
    for b in blocks:
        if isinstance(b, Heading):
            if b.level == 0:
                p = doc.add_paragraph()
                p.alignment = WD_ALIGN_PARAGRAPH.CENTER
                _font(p.add_run(b.text), HEADING_FONT, _HEADING_SIZES[0])
                continue
            if b.level == 1 and not toc_done:
                doc.add_paragraph().add_run().add_break(WD_BREAK.PAGE)
                title = doc.add_paragraph()
                title.alignment = WD_ALIGN_PARAGRAPH.CENTER
                _font(title.add_run("目录"), HEADING_FONT, 16)
                toc, toc_end = doc.add_paragraph(), doc.add_paragraph()
                _field(toc, 'TOC \\o "1-3" \\h \\z \\u', end=toc_end)
                toc_done = True
            if b.level == 1:
                doc.add_paragraph().add_run().add_break(WD_BREAK.PAGE)
            doc.add_heading(b.text, level=min(b.level, 4))
        elif isinstance(b, Paragraph):
            p = doc.add_paragraph(b.text)
            p.paragraph_format.first_line_indent = Pt(24)
        elif isinstance(b, Table):
            if b.caption:
                cap = doc.add_paragraph()
                cap.alignment = WD_ALIGN_PARAGRAPH.CENTER
                _font(cap.add_run(b.caption), HEADING_FONT, 12)
            _table(doc, b, text_width_cm)
        elif isinstance(b, Chart) and charts:
            doc.add_picture(io.BytesIO(chart_png(b)), width=Cm(15))
            doc.paragraphs[-1].alignment = WD_ALIGN_PARAGRAPH.CENTER
    doc.save(str(path))
