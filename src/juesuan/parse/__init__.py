"""Parsers: Document → Disclosure (sections, public tables, self-evaluation forms, narrative figures,
claims)."""

from __future__ import annotations

from juesuan.model.disclosure import Disclosure, Section
from juesuan.model.evaluation import ParseNote, ProjectEvaluation
from juesuan.model.spans import StatedText
from juesuan.parse.claims import parse_claims
from juesuan.parse.figures import extract_figures, narrative_parts
from juesuan.parse.forms import parse_forms
from juesuan.parse.public_tables import parse_public_tables
from juesuan.parse.sections import (
    detect_header,
    is_budget_disclosure,
    is_tables_title,
    parse_sections,
    toc_lines,
)
from juesuan.parse.variants import NOTE as TRADITIONAL_NOTE
from juesuan.parse.variants import fold_traditional
from juesuan.read.document import Document
from juesuan.read.errors import InputError

__all__ = ["parse_document", "prose_scope"]


def prose_scope(doc: Document, parts: list[Section], evaluations: list[ProjectEvaluation]) -> list[int]:
    """The line numbers whose prose states checkable figures.

    In a whole disclosure: every part before the attachments except the public tables (概况,
    情况说明, 名词解释, however titled). In a piece of one (a web page of 情况说明, one 三公
    paragraph): every line outside the table of contents and the self-evaluation forms.
    """
    if parts:
        return [n for part in narrative_parts(parts) if not is_tables_title(part.title)
                for n in range(part.span.line, part.end_line + 1)]
    skip = set(toc_lines(doc))
    for form in evaluations:
        start = form.title.span.line if form.title is not None and form.title.span.line else form.span.line
        skip.update(range(start or 1, form.end_line + 1))
    return [ln.number for ln in doc.lines if ln.number not in skip]


def parse_document(doc: Document) -> Disclosure:
    """Parse a Document into the typed Disclosure; refuse a text with nothing checkable in it."""
    folded = fold_traditional(doc)
    notes = [ParseNote(line=1, message=TRADITIONAL_NOTE)] if folded is not doc else []
    doc = folded
    if is_budget_disclosure(doc):
        raise InputError(
            "P002",
            "这是部门预算公开（预算），不是部门决算公开；juesuan 审核决算公开及其绩效自评表，请提供决算文件",
            "this is a budget disclosure (部门预算), not a final-accounts disclosure (部门决算); juesuan "
            "audits final accounts and their self-evaluations: give the 决算 document",
            doc.path,
        )
    parts = parse_sections(doc)
    evaluations, form_notes = parse_forms(doc)
    tables = parse_public_tables(doc)
    scope = prose_scope(doc, parts, evaluations)
    claims = parse_claims(doc, scope)
    figures = extract_figures(doc, parts, scope)
    # A workbook of the public tables alone, a file of forms, a lone page of 情况说明 or one
    # paragraph of it are read too: refused only when nothing in it can be checked.
    if not parts and not evaluations and not tables and not claims:
        raise InputError(
            "P001",
            "未识别出可审核的内容（没有“第一部分…”等部分标题、公开表、项目支出绩效自评表，也没有可核对的"
            "数字表述）",
            "nothing to audit: no parts (第一部分…), public tables or self-evaluation forms, and no "
            "checkable statement of figures",
            doc.path,
        )
    header = detect_header(doc)
    return Disclosure(
        source=doc.path,
        department=header.department,
        year=header.year,
        title=header.title,
        parts=parts,
        evaluations=evaluations,
        figures=figures,
        claims=claims,
        notes=[*notes, *form_notes],
        tables=tables,
        lines=[StatedText(text=ln.text, span=ln.span(file=doc.path)) for ln in doc.lines
               if ln.is_content],
    )
