"""HTML output (Jinja2, print CSS: A4 pages, page numbers, 黑体 headings, 仿宋 body, bordered tables).

After the cover comes a table of contents (目录) of the parts and sections, each entry a link to its
heading's anchor; printed by WeasyPrint (pdf.py) each entry also gets a dotted leader and the page
number (``target-counter``). It is a ``nav`` element, which readers of web pages (juesuan's too) skip
as navigation, so the disclosure reads back with the same parts, sections and figures.
"""

from __future__ import annotations

import base64
import re
from typing import Any

from juesuan.render.blocks import Block, Chart, Heading, Paragraph, Table

BODY_FONT = '"Noto Serif CJK SC", "FangSong", "仿宋", serif'
HEADING_FONT = '"Noto Sans CJK SC", "SimHei", "黑体", sans-serif'
TOC_LEVELS = (1, 2)
"""Heading levels listed in the table of contents: parts (第N部分) and sections (一、)."""
_NUMBER = re.compile(r"^-?[\d,]+(\.\d+)?%?$")


def _cells(table: Table, row: int, tag: str) -> list[dict[str, Any]]:
    """A row's cells; a merged cell (a form's, ``Table.spans``) is one ``td`` with ``colspan``,
    which juesuan's HTML reader reads back as the same row of cells."""
    form = table.kind == "form"
    return [{"tag": tag, "text": text, "num": bool(_NUMBER.match(text)) and not form, "span": span}
            for _, span, text in table.cells(row)]


def anchors(blocks: list[Block]) -> dict[int, str]:
    """The anchor id of each heading the contents list, by block index: ``part-2`` for the second
    part, ``part-2-3`` for its third section (stable, readable, unique)."""
    out: dict[int, str] = {}
    part = section = 0
    for n, b in enumerate(blocks):
        if not isinstance(b, Heading) or b.level not in TOC_LEVELS:
            continue
        if b.level == 1:
            part, section = part + 1, 0
            out[n] = f"part-{part}"
        else:
            section += 1
            out[n] = f"part-{part}-{section}"
    return out


def _context(blocks: list[Block], charts: bool) -> list[dict[str, Any]]:
    from juesuan.render.charts import chart_png

    ids = anchors(blocks)
    toc = [{"level": h.level, "text": h.text, "id": anchor}
           for n, anchor in ids.items() if isinstance(h := blocks[n], Heading)]
    out: list[dict[str, Any]] = []
    for n, b in enumerate(blocks):
        if isinstance(b, Heading):
            if toc and b.level == 1 and not any(o["kind"] == "toc" for o in out):
                out.append({"kind": "toc", "entries": toc})  # before the first part, after the cover
            out.append({"kind": "heading", "level": min(b.level, 4), "text": b.text, "id": ids.get(n)})
        elif isinstance(b, Paragraph):
            cover = n == 1 and isinstance(blocks[0], Heading) and blocks[0].level == 0
            out.append({"kind": "cover" if cover else "paragraph", "text": b.text})
        elif isinstance(b, Table):
            rows = [_cells(b, i, "th" if i < b.header_rows else "td") for i in range(len(b.rows))]
            out.append({"kind": b.kind, "caption": b.caption, "rows": rows})
        elif isinstance(b, Chart) and charts:
            out.append({"kind": "chart", "text": b.title,
                        "png": base64.b64encode(chart_png(b)).decode("ascii")})
    return out


def render_html(blocks: list[Block], title: str, charts: bool = True) -> str:
    from jinja2 import Environment, PackageLoader, select_autoescape

    env = Environment(loader=PackageLoader("juesuan.render", "templates"),
                      autoescape=select_autoescape(["html", "j2"]), trim_blocks=True, lstrip_blocks=True)
    template = env.get_template("disclosure.html.j2")
    return template.render(title=title, blocks=_context(blocks, charts), body_font=BODY_FONT,
                           heading_font=HEADING_FONT)
