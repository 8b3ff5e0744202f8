"""Reader for web pages as government sites publish them: paragraphs (``p``, ``div``, headings,
``br``-separated lines) and ``table`` rows, with ``colspan``/``rowspan`` laid out as empty cells.
Scripts, styles and navigation chrome (``nav``, ``header``, ``footer``) are skipped.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

from juesuan.read.document import Document, DocumentBuilder, join_wrapped
from juesuan.read.errors import InputError
from juesuan.read.limits import MAX_ROWS, corrupt, read_bytes, too_many
from juesuan.read.text import decode

_BLOCK = frozenset((
    "address", "article", "aside", "blockquote", "body", "center", "dd", "div", "dl", "dt", "fieldset",
    "figcaption", "figure", "form", "h1", "h2", "h3", "h4", "h5", "h6", "hr", "li", "main", "ol", "p",
    "pre", "section", "tbody", "td", "th", "thead", "tfoot", "tr", "ul", "caption", "html"))
_SKIP = frozenset(("script", "style", "noscript", "template", "nav", "header", "footer", "head",
                   "iframe", "object", "svg", "select", "button"))
_META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_\-]+)""", re.I)
_SPACE = re.compile(r"[ \t\r\n\f\v\u00a0\u3000]+")


def _decode(data: bytes, name: str) -> str:
    match = _META_CHARSET.search(data[:4096])
    if match:
        charset = match.group(1).decode("ascii", "replace").lower()
        if charset in ("gb2312", "gbk", "gb18030", "x-gbk"):
            charset = "gb18030"
        try:
            return data.decode(charset).lstrip("\ufeff")
        except (LookupError, UnicodeDecodeError):
            pass
    return decode(data, name)[0]


class _Walker:
    def __init__(self, builder: DocumentBuilder) -> None:
        self.builder = builder
        self.buffer: list[str] = []

    def flush(self) -> None:
        text = _SPACE.sub(" ", "".join(self.buffer)).strip()
        self.buffer.clear()
        if text:
            self.builder.paragraph(text)
        if len(self.builder.doc.lines) > MAX_ROWS:
            raise too_many("段落和表格行", "paragraphs and rows", len(self.builder.doc.lines),
                           MAX_ROWS, self.builder.doc.path)

    def walk(self, element: Any) -> None:
        tag = element.tag if isinstance(element.tag, str) else ""
        tag = tag.lower()
        if tag in _SKIP or not tag:
            if element.tail:
                self.buffer.append(element.tail)
            return
        if tag == "table":
            self.flush()
            self.table(element)
        elif tag == "br":
            self.flush()
        else:
            block = tag in _BLOCK
            if block:
                self.flush()
            if element.text:
                self.buffer.append(element.text)
            for child in element:
                self.walk(child)
            if block:
                self.flush()
        if element.tail:
            self.buffer.append(element.tail)

    def table(self, table: Any) -> None:
        pending: dict[int, int] = {}  # grid column -> rows still covered by a rowspan above
        for tr in table.iter("tr"):
            if tr.getparent() is not None and _nearest_table(tr) is not table:
                continue  # a nested table's row: its text is part of the enclosing cell
            cells: list[str] = []
            column = 0
            for td in tr:
                if not isinstance(td.tag, str) or td.tag.lower() not in ("td", "th"):
                    continue
                while pending.get(column, 0) > 0:
                    pending[column] -= 1
                    cells.append("")
                    column += 1
                colspan = _span(td.get("colspan"))
                rowspan = _span(td.get("rowspan"))
                cells.append(_cell_text(td))
                cells.extend([""] * (colspan - 1))
                for offset in range(colspan):
                    if rowspan > 1:
                        pending[column + offset] = rowspan - 1
                column += colspan
            while pending.get(column, 0) > 0:
                pending[column] -= 1
                cells.append("")
                column += 1
            self.builder.row(cells)
        if len(self.builder.doc.lines) > MAX_ROWS:
            raise too_many("段落和表格行", "paragraphs and rows", len(self.builder.doc.lines),
                           MAX_ROWS, self.builder.doc.path)


def _nearest_table(element: Any) -> Any:
    parent = element.getparent()
    while parent is not None and (not isinstance(parent.tag, str) or parent.tag.lower() != "table"):
        parent = parent.getparent()
    return parent


def _span(value: str | None) -> int:
    try:
        return max(1, min(int(str(value).strip()), 64))
    except ValueError:
        return 1


def _cell_text(td: Any) -> str:
    lines: list[str] = []
    current: list[str] = []

    def visit(node: Any) -> None:
        tag = node.tag.lower() if isinstance(node.tag, str) else ""
        if tag in _SKIP:
            pass
        elif tag == "br" or tag in _BLOCK:
            lines.append("".join(current))
            current.clear()
            if tag != "br":
                if node.text:
                    current.append(node.text)
                for child in node:
                    visit(child)
                lines.append("".join(current))
                current.clear()
        else:
            if node.text:
                current.append(node.text)
            for child in node:
                visit(child)
        if node.tail:
            current.append(node.tail)

    if td.text:
        current.append(td.text)
    for child in td:
        visit(child)
    lines.append("".join(current))
    return join_wrapped([_SPACE.sub(" ", ln).strip() for ln in lines])


def read_html(path: str | Path, data: bytes | None = None) -> Document:
    name = str(path)
    if data is None:
        data = read_bytes(path, "html")
    text = _decode(data, name)
    text = re.sub(r"^\s*<\?xml[^>]*\?>", "", text)
    try:
        import lxml.html

        root = lxml.html.document_fromstring(text) if text.strip() else None
    except Exception as exc:  # lxml's parser errors on hostile markup
        raise corrupt("HTML", name, type(exc).__name__) from None
    builder = DocumentBuilder(name, encoding="html")
    if root is None:
        raise InputError("R001", "文件为空，没有可读取的内容", "the file is empty", name)
    walker = _Walker(builder)
    try:
        walker.walk(root)
        walker.flush()
    except InputError:
        raise
    except RecursionError:
        raise corrupt("HTML", name, "nesting too deep") from None
    return builder.doc
