"""PDF output: WeasyPrint lays out the HTML output; the CJK font is embedded (a subset).

WeasyPrint needs Pango at run time; it is imported lazily and its absence becomes one line
(``D006``) rather than a traceback.
"""

from __future__ import annotations

from pathlib import Path

from juesuan.read.errors import InputError
from juesuan.render.blocks import Block
from juesuan.render.html import render_html


def weasyprint_error() -> str | None:
    """Why WeasyPrint cannot run here, or ``None`` when it can."""
    try:
        import weasyprint  # type: ignore[import-untyped]  # noqa: F401
    except (ImportError, OSError) as exc:
        return f"{type(exc).__name__}: {str(exc).splitlines()[0] if str(exc) else ''}"
    return None


def pdf_error(path: str | Path) -> None:
    """Raise ``D006`` when WeasyPrint cannot run here."""
    problem = weasyprint_error()
    if problem is not None:
        raise InputError("D006", f"无法生成 PDF：WeasyPrint 或 Pango 未安装（{problem}）",
                         "cannot write PDF: WeasyPrint or its Pango libraries are missing "
                         "(apt-get install libpango-1.0-0 libpangoft2-1.0-0)", str(path))


def write_pdf(blocks: list[Block], title: str, path: str | Path, charts: bool = True) -> None:
    pdf_error(path)
    from weasyprint import HTML

    HTML(string=render_html(blocks, title, charts), base_url=".").write_pdf(str(path))
