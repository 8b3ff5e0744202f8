"""The review memo (审核意见) handed back to the department: DOCX (python-docx) and PDF (WeasyPrint),
in Chinese — the findings confirmed, the questions asked, what was dismissed and why, what is open,
and what the version fixed against the one before."""

from __future__ import annotations

import io
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from jinja2 import Environment

from juesuan.web.db import Decision, Document, FindingRow, Verdict, Version
from juesuan.web.review import SEVERITY_ZH, Comparison, Item

FONT = "仿宋"
HEADING_FONT = "黑体"


@dataclass
class Entry:
    code: str
    severity: str
    message: str
    where: str
    quote: str
    note: str = ""


@dataclass
class Memo:
    title: str
    facts: list[tuple[str, str]]
    overview: str
    sections: list[tuple[str, list[Entry]]] = field(default_factory=list)


def _where(row: FindingRow) -> str:
    parts = [f"第{row.page}页"] if row.page else []
    if row.line:
        parts.append(f"第{row.line}行")
    if row.part:
        parts.append(row.part)
    return "，".join(parts) or "全文"


def _entry(item: Item, note: str = "") -> Entry:
    row = item.row
    return Entry(row.code, SEVERITY_ZH.get(row.severity, row.severity), row.message, _where(row),
                 row.quote.replace("\t", " │ "), note)


def build(document: Document, version: Version, found: list[Item], comparison: Comparison | None,
          reviewer: str, at: datetime) -> Memo:
    by_verdict: dict[str | None, list[Item]] = {}
    for item in found:
        by_verdict.setdefault(item.decision.verdict if item.decision else None, []).append(item)
    confirmed = by_verdict.get(Verdict.CONFIRMED.value, [])
    queries = by_verdict.get(Verdict.QUERY.value, [])
    dismissed = by_verdict.get(Verdict.DISMISSED.value, [])
    pending = by_verdict.get(None, [])
    s = version.summary
    overview = (f"本版共发现问题 {len(found)} 条（错误 {s.get('errors', 0)} 条，警告 {s.get('warnings', 0)} 条，"
                f"提示 {s.get('infos', 0)} 条）。经审核：确认为错误 {len(confirmed)} 条，请部门说明 {len(queries)} 条，"
                f"排除 {len(dismissed)} 条，尚未处理 {len(pending)} 条。")
    if comparison is not None and comparison.base.id != comparison.head.id:
        overview += (f"与第{comparison.base.number}版相比，已修正 {len(comparison.fixed)} 条，新出现 "
                     f"{len(comparison.new)} 条，未变 {len(comparison.unchanged)} 条。")
    memo = Memo(
        title=f"关于《{document.title}》的审核意见",
        facts=[("部门", document.department or version.department_read or "（未注明）"),
               ("文件", version.filename), ("版本", f"第{version.number}版（SHA-256 {version.sha256[:12]}…）"),
               ("审核人", reviewer), ("日期", at.strftime("%Y年%m月%d日"))],
        overview=overview)
    memo.sections.append(("一、确认的问题（请予以更正）", [_entry(i) for i in confirmed]))
    memo.sections.append(("二、请部门说明的问题", [_entry(i, _query_note(i.decision)) for i in queries
                                                   if i.decision is not None]))
    memo.sections.append(("三、经审核排除的发现", [_entry(i, f"排除理由：{i.decision.reason}") for i in dismissed
                                                   if i.decision is not None]))
    memo.sections.append(("四、尚未处理的发现", [_entry(i) for i in pending]))
    if comparison is not None and comparison.fixed and comparison.base.id != comparison.head.id:
        memo.sections.append((f"五、较第{comparison.base.number}版已修正的问题",
                              [Entry(r.code, SEVERITY_ZH.get(r.severity, r.severity), r.message, _where(r),
                                     r.quote.replace("\t", " │ ")) for r in comparison.fixed]))
    return memo


def _query_note(decision: Decision) -> str:
    answer = f"部门答复：{decision.reply}" if decision.reply else "部门尚未答复"
    return f"问题：{decision.reason}；{answer}"


def _east_asian(run_or_style: Any, name: str) -> None:
    """Set the font for CJK text too (python-docx's ``font.name`` sets only the Latin one)."""
    from docx.oxml.ns import qn

    run_or_style.font.name = name
    run_or_style.element.get_or_add_rPr().get_or_add_rFonts().set(qn("w:eastAsia"), name)


def to_docx(memo: Memo) -> bytes:
    from docx import Document as Docx
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.shared import Pt

    doc = Docx()
    normal = doc.styles["Normal"]
    _east_asian(normal, FONT)
    normal.font.size = Pt(12)
    title = doc.add_paragraph()
    title.alignment = WD_ALIGN_PARAGRAPH.CENTER
    run = title.add_run(memo.title)
    run.bold, run.font.size = True, Pt(18)
    _east_asian(run, HEADING_FONT)
    facts = doc.add_table(rows=0, cols=2)
    facts.style = "Table Grid"
    for label, value in memo.facts:
        cells = facts.add_row().cells
        cells[0].text, cells[1].text = label, value
    doc.add_paragraph(memo.overview)
    for heading, entries in memo.sections:
        para = doc.add_paragraph()
        head = para.add_run(heading)
        head.bold, head.font.size = True, Pt(14)
        _east_asian(head, HEADING_FONT)
        if not entries:
            doc.add_paragraph("无。")
        for n, entry in enumerate(entries, 1):
            p = doc.add_paragraph()
            p.add_run(f"{n}. [{entry.code} {entry.severity}] ").bold = True
            p.add_run(entry.message)
            doc.add_paragraph(f"位置：{entry.where}；原文：“{entry.quote}”")
            if entry.note:
                doc.add_paragraph(entry.note)
    out = io.BytesIO()
    doc.save(out)
    return out.getvalue()


def to_pdf(memo: Memo, env: Environment) -> bytes:
    """The memo through the same HTML template the browser shows, laid out by WeasyPrint."""
    from weasyprint import HTML  # type: ignore[import-untyped]

    html = env.get_template("memo.html.j2").render(memo=memo, print=True)
    return bytes(HTML(string=html, base_url=".").write_pdf())
