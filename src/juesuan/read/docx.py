"""Reader for Word (.docx) files: body paragraphs in order, tables row by row, merged cells kept.

A horizontally merged cell (``w:gridSpan``) gives its text to its first grid column and empty cells
to the rest; a vertically merged continuation (``w:vMerge``) is empty — the layout of a text export.
"""

from __future__ import annotations

import io
from pathlib import Path
from typing import Any

from juesuan.read.document import Document, DocumentBuilder, join_wrapped
from juesuan.read.errors import InputError
from juesuan.read.limits import MAX_ROWS, corrupt, open_zip, read_bytes, too_many

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


def _text(element: Any) -> str:
    """A paragraph's text: runs, tabs and breaks, as Word shows them."""
    parts: list[str] = []
    for node in element.iter(f"{W}t", f"{W}tab", f"{W}br", f"{W}cr", f"{W}noBreakHyphen"):
        tag = node.tag
        if tag == f"{W}t":
            parts.append(node.text or "")
        elif tag == f"{W}tab":
            parts.append("\t")
        elif tag == f"{W}noBreakHyphen":
            parts.append("-")
        else:
            parts.append("\n")
    return "".join(parts)


def _cell_text(tc: Any) -> str:
    paragraphs = [_text(p).replace("\t", " ") for p in tc.iter(f"{W}p")]
    return join_wrapped([seg for p in paragraphs for seg in p.split("\n")])


def _int_attr(element: Any, tag: str, default: int) -> int:
    node = element.find(tag) if element is not None else None
    if node is None:
        return default
    try:
        return max(0, min(int(node.get(f"{W}val", default)), 64))
    except ValueError:
        return default


def _table(builder: DocumentBuilder, tbl: Any) -> None:
    for tr in tbl.iterchildren(f"{W}tr"):
        trpr = tr.find(f"{W}trPr")
        cells: list[str] = [""] * _int_attr(trpr, f"{W}gridBefore", 0)
        for tc in tr.iterchildren(f"{W}tc"):
            tcpr = tc.find(f"{W}tcPr")
            span = max(1, _int_attr(tcpr, f"{W}gridSpan", 1))
            vmerge = tcpr.find(f"{W}vMerge") if tcpr is not None else None
            continued = vmerge is not None and vmerge.get(f"{W}val", "continue") != "restart"
            cells.append("" if continued else _cell_text(tc))
            cells.extend([""] * (span - 1))
        builder.row(cells)
        if len(builder.doc.lines) > MAX_ROWS:
            raise too_many("段落和表格行", "paragraphs and rows", len(builder.doc.lines), MAX_ROWS,
                           builder.doc.path)


def _blocks(builder: DocumentBuilder, parent: Any) -> None:
    for child in parent.iterchildren():
        tag = child.tag
        if tag == f"{W}p":
            for piece in _text(child).split("\n"):
                builder.paragraph(piece)
        elif tag == f"{W}tbl":
            _table(builder, child)
        elif tag in (f"{W}sdt", f"{W}sdtContent", f"{W}customXml", f"{W}ins", f"{W}smartTag"):
            _blocks(builder, child)
        if len(builder.doc.lines) > MAX_ROWS:
            raise too_many("段落和表格行", "paragraphs and rows", len(builder.doc.lines), MAX_ROWS,
                           builder.doc.path)


def read_docx(path: str | Path, data: bytes | None = None) -> Document:
    name = str(path)
    if data is None:
        data = read_bytes(path, "docx")
    archive = open_zip(data, "DOCX", name)
    if "word/document.xml" not in archive.namelist():
        raise corrupt("DOCX", name, "no word/document.xml")
    try:
        import docx

        body = docx.Document(io.BytesIO(data)).element.body
        builder = DocumentBuilder(name, encoding="docx")
        _blocks(builder, body)
    except InputError:
        raise
    except Exception as exc:  # python-docx and lxml raise many types on damaged files
        raise corrupt("DOCX", name, f"{type(exc).__name__}") from None
    return builder.doc
