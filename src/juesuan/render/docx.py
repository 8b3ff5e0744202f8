"""DOCX output (python-docx): 黑体 headings, 仿宋 body, bordered tables, page numbers in the footer,
a table of contents (a Word field: Word fills it in on opening, or on F9), charts as pictures."""

from __future__ import annotations

import io
from pathlib import Path
from typing import Any

from juesuan.render.blocks import Block, Chart, Heading, Paragraph, Table

BODY_FONT = "仿宋"
HEADING_FONT = "黑体"
_HEADING_SIZES = {0: 22, 1: 16, 2: 14, 3: 12, 4: 12}


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


def _field(paragraph: Any, instruction: str) -> None:
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    run = paragraph.add_run()
    for kind, text in (("begin", None), (None, instruction), ("separate", None), ("end", None)):
        if kind is not None:
            element = OxmlElement("w:fldChar")
            element.set(qn("w:fldCharType"), kind)
        else:
            element = OxmlElement("w:instrText")
            element.set(qn("xml:space"), "preserve")
            element.text = text
        run._r.append(element)


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
    section = doc.sections[0]
    section.orientation = WD_ORIENT.PORTRAIT
    section.left_margin = section.right_margin = Cm(2.2)
    footer = section.footer.paragraphs[0]
    footer.alignment = WD_ALIGN_PARAGRAPH.CENTER
    _field(footer, "PAGE")
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
                _field(doc.add_paragraph(), 'TOC \\o "1-3" \\h \\z \\u')
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
            width = max(len(r) for r in b.rows)
            table = doc.add_table(rows=len(b.rows), cols=width)
            table.style = "Table Grid"
            size = Pt(7.5 if b.kind == "form" else 9)
            for row, values in zip(table.rows, b.rows, strict=True):
                for cell, value in zip(row.cells, values, strict=False):
                    if value:
                        run = cell.paragraphs[0].add_run(value)
                        run.font.size = size
        elif isinstance(b, Chart) and charts:
            doc.add_picture(io.BytesIO(chart_png(b)), width=Cm(15))
            doc.paragraphs[-1].alignment = WD_ALIGN_PARAGRAPH.CENTER
    doc.save(str(path))
