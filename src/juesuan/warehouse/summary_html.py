"""The warehouse summary as one self-contained HTML page, with year-over-year charts (inline SVG).

The charts are matplotlib SVG with their text kept as text (``svg.fonttype = none``), so the
browser draws the Chinese labels with its own CJK font and the page needs no font file.
"""

from __future__ import annotations

import io
import warnings
from pathlib import Path
from typing import TYPE_CHECKING, Any

from jinja2 import Environment

from juesuan.warehouse.summary import GRADES, Summary

if TYPE_CHECKING:
    import pandas as pd

_FONTS = ["Noto Sans CJK SC", "Noto Sans CJK JP", "WenQuanYi Zen Hei", "Microsoft YaHei", "SimHei",
          "DejaVu Sans"]
_SEVERITY_COLOURS = {"错误": "#b3261e", "警告": "#e0a100"}
_GRADE_COLOURS = ("#1f6f3f", "#5aa469", "#e0a100", "#b3261e")

_PAGE = """<!doctype html>
<html lang="zh-CN"><head><meta charset="utf-8"><title>{{ title }}</title>
<style>
 body { font-family: "Noto Sans CJK SC", "Microsoft YaHei", sans-serif; margin: 24px 32px; color: #222; }
 h1 { font-size: 22px; margin-bottom: 4px; } h2 { font-size: 17px; margin-top: 28px;
 border-bottom: 2px solid #1f4e8c; padding-bottom: 3px; }
 .meta { color: #666; font-size: 13px; }
 .cards { display: flex; gap: 14px; margin: 14px 0; }
 .card { border: 1px solid #ccd; border-radius: 6px; padding: 8px 16px; min-width: 110px; }
 .card b { display: block; font-size: 22px; } .card span { color: #555; font-size: 12px; }
 .charts { display: flex; flex-wrap: wrap; gap: 12px; } .charts figure { margin: 0; }
 .charts svg { width: 460px; height: auto; }
 table { border-collapse: collapse; font-size: 13px; margin: 6px 0; }
 th, td { border: 1px solid #bbb; padding: 3px 8px; } th { background: #eef2f8; }
 td.n { text-align: right; font-variant-numeric: tabular-nums; }
 tr.bad td.err { color: #b3261e; font-weight: bold; }
</style></head><body>
<h1>{{ title }}</h1>
<div class="meta">仓库 {{ source }} · 表结构版本 {{ schema }} · juesuan report</div>
<div class="cards">{% for label, value in cards %}
 <div class="card"><b>{{ value }}</b><span>{{ label }}</span></div>{% endfor %}</div>
<h2>逐年变化 / year over year</h2>
<div class="charts">{% for svg in charts %}<figure>{{ svg }}</figure>{% endfor %}</div>
{{ years }}
<h2>错误最多的部门 / departments with most errors</h2>
{{ top }}
<h2>按部门和年度 / by department and year</h2>
{{ by_department }}
<h2>按规则 / findings by rule</h2>
{{ by_rule }}
{% if refused %}<h2>无法读取的文件 / files refused</h2>
{{ refused }}{% endif %}
</body></html>
"""


def _missing(value: Any) -> bool:
    import pandas as pd

    return value is None or bool(pd.api.types.is_scalar(value) and pd.isna(value))


def _register_cjk_fonts() -> None:
    """Let matplotlib measure CJK labels with an installed CJK font (the SVG keeps them as text)."""
    from matplotlib import font_manager

    known = {f.fname for f in font_manager.fontManager.ttflist}
    for path in font_manager.findSystemFonts():
        if "CJK" in path and path not in known:
            font_manager.fontManager.addfont(path)


def _table(frame: pd.DataFrame) -> str:
    from markupsafe import escape

    head = "".join(f"<th>{escape(str(c))}</th>" for c in frame.columns)
    errors = list(frame.columns).index("错误") if "错误" in frame.columns else None
    rows = []
    for record in frame.itertuples(index=False):
        cells = []
        for column, value in zip(frame.columns, record, strict=True):
            shown = "" if _missing(value) else value
            numeric = isinstance(value, int | float) and not isinstance(value, bool)
            classes = " ".join(c for c in ("n" if numeric else "", "err" if column == "错误" else "") if c)
            cells.append(f'<td class="{classes}">{escape(str(shown))}</td>' if classes
                         else f"<td>{escape(str(shown))}</td>")
        bad = errors is not None and (record[errors] or 0) > 0
        rows.append(f'<tr class="{"bad" if bad else ""}">{"".join(cells)}</tr>')
    return f"<table><thead><tr>{head}</tr></thead><tbody>{''.join(rows)}</tbody></table>"


def _svg(draw: Any) -> str:
    import matplotlib

    matplotlib.use("Agg")
    from matplotlib import pyplot as plt

    _register_cjk_fonts()
    with matplotlib.rc_context({"svg.fonttype": "none", "font.family": "sans-serif",
                                "font.sans-serif": _FONTS, "axes.spines.top": False,
                                "axes.spines.right": False}), warnings.catch_warnings():
        warnings.simplefilter("ignore")  # without a CJK font a missing glyph only shifts the layout
        fig, ax = plt.subplots(figsize=(6.0, 3.3))
        try:
            draw(ax)
            fig.tight_layout()
            buffer = io.StringIO()
            fig.savefig(buffer, format="svg")
        finally:
            plt.close(fig)
    text = buffer.getvalue()
    return text[text.index("<svg"):]


def charts(summary: Summary) -> list[str]:
    """Year-over-year: findings by severity; forms by grade; errors of the top departments."""
    years = summary.years
    out: list[str] = []
    if years.empty:
        return out
    labels = [str(y) for y in years["年度"]]
    positions = list(range(len(labels)))

    def severity(ax: Any) -> None:
        for offset, column in ((-0.2, "错误"), (0.2, "警告")):
            ax.bar([p + offset for p in positions], years[column], width=0.4, label=column,
                   color=_SEVERITY_COLOURS[column])
        ax.set_xticks(positions, labels)
        ax.set_title("各年度审核发现")
        ax.legend()

    def grades(ax: Any) -> None:
        bottom = [0] * len(labels)
        for grade, colour in zip(GRADES, _GRADE_COLOURS, strict=True):
            values = [int(v) for v in years[grade]]
            ax.bar(positions, values, bottom=bottom, label=grade, color=colour)
            bottom = [b + v for b, v in zip(bottom, values, strict=True)]
        ax.set_xticks(positions, labels)
        ax.set_title("各年度自评表等级")
        ax.legend(ncols=4)

    frame = summary.by_department
    dated = frame.dropna(subset=["年度"])
    per = dated.groupby("部门").agg(years=("年度", "nunique"), errors=("错误", "sum"))
    # The departments disclosed in several years, most errors first: their trend is the point.
    per = per[(per["years"] > 1) & (per.index != "（未识别）")]
    trend = list(per.sort_values(["errors", "years"], ascending=False).index[:6])

    def departments(ax: Any) -> None:
        for name in trend:
            rows = frame[frame["部门"] == name].dropna(subset=["年度"]).sort_values("年度")
            if not rows.empty:
                ax.plot([str(y) for y in rows["年度"]], list(rows["错误"]), marker="o", label=name)
        ax.yaxis.get_major_locator().set_params(integer=True)
        ax.set_title("多年公开的部门：逐年错误数（最多的 6 个）")
        ax.legend(fontsize=7)

    out.append(_svg(severity))
    out.append(_svg(grades))
    if trend:
        out.append(_svg(departments))
    return out


def render_html(summary: Summary, source: str) -> str:
    from markupsafe import Markup

    frame = summary.by_department
    cards = [("文件", summary.documents), ("部门", frame["部门"].nunique()),
             ("错误", int(frame["错误"].sum())), ("警告", int(frame["警告"].sum())),
             ("跨文件发现", int(frame["跨文件发现"].sum())), ("无法读取", len(summary.refused))]
    env = Environment(autoescape=True)
    return env.from_string(_PAGE).render(
        title="决算公开批量审核汇总", source=source, schema=summary.schema_version, cards=cards,
        charts=[Markup(svg) for svg in charts(summary)], years=Markup(_table(summary.years)),
        top=Markup(_table(summary.top_departments)), by_department=Markup(_table(frame)),
        by_rule=Markup(_table(summary.by_rule)),
        refused=Markup(_table(summary.refused)) if not summary.refused.empty else None)


def write_html(summary: Summary, source: str, out: Path) -> None:
    out.write_text(render_html(summary, source), encoding="utf-8")
