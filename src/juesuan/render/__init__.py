"""Render a complete, consistent disclosure from structured data (``juesuan render``).

``FinalAccounts`` (juesuan.model.public_tables) → blocks (document.py: the nine public tables,
the ten 情况说明 sections, the glossary, the forms) → text, HTML, PDF, DOCX or XLSX. Every figure
is rounded once (舍位平衡, rounding.py) and every derived figure is computed from the displayed
ones, so the narrative restates the tables exactly. render/ never imports audit/.
"""

from __future__ import annotations

from pathlib import Path

from juesuan.model.public_tables import FinalAccounts
from juesuan.read.errors import InputError

FORMATS = (".txt", ".html", ".htm", ".pdf", ".docx", ".xlsx")
__all__ = ["FORMATS", "render", "render_text"]


def render_text(data: FinalAccounts) -> str:
    from juesuan.render.document import build
    from juesuan.render.text import render_text as text

    return text(build(data, charts=False))


def render(data: FinalAccounts, output: str | Path, charts: bool = True) -> None:
    """Write ``data`` to ``output`` in the format its extension names."""
    from juesuan.render.document import build

    path = Path(output)
    suffix = path.suffix.lower()
    if suffix not in FORMATS:
        raise InputError("O004", "输出格式须为 .txt、.html、.pdf、.docx 或 .xlsx",
                         "the output must be .txt, .html, .pdf, .docx or .xlsx", str(path))
    blocks = build(data, charts=charts)
    title = f"{data.department}{data.year}年度部门决算公开"
    if suffix == ".txt":
        from juesuan.render.text import render_text as text

        path.write_text(text(blocks), encoding="utf-8")
    elif suffix in (".html", ".htm"):
        from juesuan.render.html import render_html

        path.write_text(render_html(blocks, title, charts), encoding="utf-8")
    elif suffix == ".pdf":
        from juesuan.render.pdf import write_pdf

        write_pdf(blocks, title, path, charts)
    elif suffix == ".docx":
        from juesuan.render.docx import write_docx

        write_docx(blocks, path, charts)
    else:
        from juesuan.render.xlsx import write_xlsx

        write_xlsx(blocks, path)
