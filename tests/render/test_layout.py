"""Layout of the rendered example: the HTML/PDF table of contents (目录) and the DOCX forms' merged cells.

The contents must point at the real headings (anchors in HTML, page numbers in the PDF) and must not
change what juesuan reads back: the parts, sections and figures stay those of the text rendering.
"""

from __future__ import annotations

import re
from collections import Counter
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest

import juesuan
from juesuan.model.disclosure import Disclosure
from juesuan.model.public_tables import FinalAccounts
from juesuan.read.document import LineKind
from juesuan.render.blocks import Heading, Table

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
_TOC_ENTRY = re.compile(r"^(?P<title>.+?)\s*[.·…]{3,}\s*(?P<page>\d{1,4})$")


def _contents(example: FinalAccounts) -> list[tuple[int, str]]:
    """What the table of contents lists: the parts and sections, in order."""
    from juesuan.render.document import build

    return [(b.level, b.text) for b in build(example, charts=False) if isinstance(b, Heading) and b.level in (1, 2)]


def _titles(d: Disclosure, levels: tuple[int, ...] = (1, 2, 3)) -> list[tuple[int, str, str]]:
    return [(s.level, s.number, s.title) for s in d.sections() if s.level in levels]


def _figures(d: Disclosure) -> Counter[tuple[str, Decimal]]:
    return Counter((f.label, f.quantity.value) for f in d.figures)


def _no_spans(value: Any) -> Any:
    """A model dump without source locations (line numbers differ between formats by design)."""
    if isinstance(value, dict):
        return {k: _no_spans(v) for k, v in value.items() if k not in ("span", "line", "end_line")}
    if isinstance(value, list):
        return [_no_spans(v) for v in value]
    return value


@pytest.fixture(scope="module")
def from_text(rendered: dict[str, Path]) -> Disclosure:
    return juesuan.read(rendered[".txt"])


# ------------------------------------------------------------------------------------------------ HTML


def test_html_contents_link_every_part_and_section(rendered: dict[str, Path], example: FinalAccounts) -> None:
    import lxml.html

    root = lxml.html.fromstring(rendered[".html"].read_bytes())
    navs = root.xpath("//nav[contains(concat(' ', @class, ' '), ' toc ')]")
    assert len(navs) == 1
    nav = navs[0]
    assert "目 录" in nav.text_content()
    # after the cover, before the first part
    body = root.find("body")
    order = [el for el in body if el.tag in ("h1", "nav")]
    assert [el.tag for el in order[:3]] == ["h1", "nav", "h1"] and order[0].get("class") == "cover"
    links = nav.xpath(".//a")
    expected = _contents(example)
    assert [a.text_content() for a in links] == [text for _, text in expected]  # no page numbers in HTML
    hrefs = [a.get("href") for a in links]
    assert all(h.startswith("#") for h in hrefs) and len(set(hrefs)) == len(hrefs)
    for (level, text), href in zip(expected, hrefs, strict=True):
        targets = root.xpath(f"//*[@id='{href[1:]}']")
        assert len(targets) == 1, href
        assert targets[0].tag == f"h{level}" and targets[0].text_content() == text
    css = root.xpath("//style")[0].text
    assert "target-counter(attr(href), page)" in css and "leader(" in css


@pytest.mark.parametrize("suffix", [".html", ".docx"])
def test_contents_add_no_sections_or_figures(suffix: str, rendered: dict[str, Path], from_text: Disclosure) -> None:
    d = juesuan.read(rendered[suffix])
    assert _titles(d) == _titles(from_text)
    assert [p.title for p in d.parts] == [p.title for p in from_text.parts]
    assert _figures(d) == _figures(from_text)
    assert (d.department, d.year, d.title) == (from_text.department, from_text.year, from_text.title)


# ------------------------------------------------------------------------------------------------ PDF


def _page_lines(pdf: Path) -> list[list[str]]:
    """Each page's text lines, whitespace removed (pdfium's spacing of CJK text varies)."""
    import pypdfium2 as pdfium

    doc = pdfium.PdfDocument(str(pdf))
    pages: list[list[str]] = []
    try:
        for index in range(len(doc)):
            page = doc[index]
            textpage = page.get_textpage()
            try:
                pages.append([re.sub(r"\s+", "", ln) for ln in textpage.get_text_range().splitlines()])
            finally:
                textpage.close()
                page.close()
    finally:
        doc.close()
    return pages


def test_pdf_contents_give_the_real_pages(rendered_pdf: Path, example: FinalAccounts) -> None:
    pages = _page_lines(rendered_pdf)
    toc_page = next(i for i, lines in enumerate(pages) if "目录" in lines)
    assert toc_page == 1  # right after the cover
    entries = [(m.group("title"), int(m.group("page")))
               for ln in pages[toc_page] if (m := _TOC_ENTRY.match(ln))]
    expected = _contents(example)
    assert [title for title, _ in entries] == [re.sub(r"\s+", "", text) for _, text in expected]
    start = toc_page + 1
    for title, listed in entries:
        # the heading's page: the first, from the previous heading's page on, with a line of its title
        found = next(i for i in range(start, len(pages)) if title in pages[i])
        assert listed == found + 1, f"{title}: listed on page {listed}, printed on page {found + 1}"
        assert f"—{listed}—" in pages[found]  # the footer's page number agrees
        start = found


def test_pdf_contents_add_no_sections_or_figures(rendered_pdf: Path, from_text: Disclosure) -> None:
    d = juesuan.read(rendered_pdf)
    assert [p.title for p in d.parts] == [p.title for p in from_text.parts]
    assert _titles(d, (1, 2)) == _titles(from_text, (1, 2))
    # Every subsection too, including an item such as （十四） that starts a page after a full line.
    assert _titles(d) == _titles(from_text)
    assert _figures(d) == _figures(from_text)
    assert (d.department, d.year) == (from_text.department, from_text.year)


# ------------------------------------------------------------------------------------------------ DOCX


def test_docx_keeps_its_contents_field_and_a4(rendered: dict[str, Path]) -> None:
    from docx import Document

    doc = Document(str(rendered[".docx"]))
    body = doc.element.body
    paragraphs = list(body.iterchildren(f"{W}p"))
    toc = next(i for i, p in enumerate(paragraphs) if "TOC " in "".join(t.text or "" for t in p.iter(f"{W}instrText")))
    kinds = [c.get(f"{W}fldCharType") for p in paragraphs[toc:toc + 2] for c in p.iter(f"{W}fldChar")]
    assert kinds == ["begin", "separate", "end"]
    assert "".join(t.text or "" for t in paragraphs[toc - 1].iter(f"{W}t")) == "目录"
    assert doc.settings.element.find(f"{W}updateFields").get(f"{W}val") == "true"
    section = doc.sections[0]
    assert (round(section.page_width.cm, 1), round(section.page_height.cm, 1)) == (21.0, 29.7)
    fonts = doc.styles["Heading 4"].element.rPr.find(f"{W}rFonts")
    assert fonts.get(f"{W}eastAsia") == "黑体" and fonts.get(f"{W}eastAsiaTheme") is None


def _form_tables(doc: Any) -> list[Any]:
    return [t for t in doc.tables if t.rows[0].cells[0].text == "项目名称"]


def test_docx_forms_merge_cells_like_the_html(rendered: dict[str, Path], example: FinalAccounts) -> None:
    from docx import Document

    from juesuan.render.document import build

    doc = Document(str(rendered[".docx"]))
    forms = _form_tables(doc)
    assert len(forms) == len(example.forms) == 64
    built = [b for b in build(example, charts=False) if isinstance(b, Table) and b.kind == "form"]
    for table, block in zip(forms, built, strict=True):
        tbl = table._tbl
        grid = [int(c.get(f"{W}w")) for c in tbl.find(f"{W}tblGrid")]
        assert sum(grid) == pytest.approx(16.6 / 2.54 * 1440, abs=12)  # A4 less the 2.2cm margins, in twips
        assert min(grid) > 300  # no column too narrow for two digits at 7.5pt
        for tr, row_spans in zip(tbl.iterchildren(f"{W}tr"), block.spans, strict=True):
            spans = []
            for tc in tr.iterchildren(f"{W}tc"):
                span = tc.find(f"{W}tcPr/{W}gridSpan")
                spans.append(int(span.get(f"{W}val")) if span is not None else 1)
            assert sum(spans) == len(grid)  # every row fills the grid
            assert tuple(spans) == row_spans  # the form's merged cells (its layout: forms.py)
        assert tbl.xml.count("<w:gridSpan ") >= 5
    # public tables are not merged
    merged = {id(t._tbl) for t in forms}
    assert all("<w:gridSpan " not in t._tbl.xml for t in doc.tables if id(t._tbl) not in merged)


def test_docx_forms_read_back_as_from_the_text(rendered: dict[str, Path], from_text: Disclosure) -> None:
    from juesuan.read import read_document

    def rows(path: Path) -> list[list[str]]:
        out = []
        for line in read_document(path).lines:
            if line.kind is LineKind.ROW:
                cells = [c.text for c in line.cells]
                while cells and not cells[-1]:
                    cells.pop()
                out.append(cells)
        return out

    assert rows(rendered[".docx"]) == rows(rendered[".txt"])  # merged cells: text at its first column
    d = juesuan.read(rendered[".docx"])
    assert len(d.evaluations) == len(from_text.evaluations) == 64
    for got, want in zip(d.evaluations, from_text.evaluations, strict=True):
        assert _no_spans(got.model_dump())["indicators"] == _no_spans(want.model_dump())["indicators"]
        assert _no_spans(got.model_dump()) == _no_spans(want.model_dump())
