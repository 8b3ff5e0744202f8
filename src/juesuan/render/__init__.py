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
CHART_FORMATS = (".html", ".htm", ".pdf", ".docx")
"""The formats that carry the charts."""
__all__ = ["CHART_FORMATS", "FORMATS", "check_output", "render", "render_text"]


def render_text(data: FinalAccounts) -> str:
    from juesuan.render.document import build
    from juesuan.render.text import render_text as text

    return text(build(data, charts=False))


def check_output(output: str | Path) -> None:
    """Refuse, before anything is written, an output this machine cannot write readably: an unknown
    extension (``O004``), a PDF without WeasyPrint/Pango (``D006``) or without a CJK font (``D007``:
    every character would print as an empty box)."""
    from juesuan.render import charts

    path = Path(output)
    suffix = path.suffix.lower()
    if suffix not in FORMATS:
        raise InputError("O004", "输出格式须为 .txt、.html、.pdf、.docx 或 .xlsx",
                         "the output must be .txt, .html, .pdf, .docx or .xlsx", str(path))
    if suffix == ".pdf":
        # The font first: WeasyPrint itself warns at import when fontconfig has no font at all.
        if charts.cjk_font() is None:
            raise InputError("D007", f"{charts.NO_FONT_ZH}，PDF 中的汉字会显示为方框，未生成",
                             f"{charts.NO_FONT_EN}: every Chinese character of the PDF would be a box; "
                             "not written", str(path))
        from juesuan.render.pdf import pdf_error

        pdf_error(path)


def chart_warning(output: str | Path, charts: bool) -> str | None:
    """Why ``output`` is written without its charts (no CJK font to draw them with), else ``None``."""
    from juesuan.render import charts as chart_module

    if not charts or Path(output).suffix.lower() not in CHART_FORMATS or chart_module.cjk_font() is not None:
        return None
    return f"{chart_module.NO_FONT_ZH}：图表已省略 / {chart_module.NO_FONT_EN}: charts left out"


def render(data: FinalAccounts, output: str | Path, charts: bool = True) -> list[str]:
    """Write ``data`` to ``output`` in the format its extension names; return the warnings (one
    bilingual line each: charts left out for want of a CJK font)."""
    from juesuan.render.document import build

    path = Path(output)
    suffix = path.suffix.lower()
    check_output(path)
    warning = chart_warning(path, charts)
    charts = charts and warning is None
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
    return [warning] if warning else []
