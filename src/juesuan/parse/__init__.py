"""Parsers: Document → Disclosure (sections, public tables, self-evaluation forms, narrative figures,
claims)."""

from __future__ import annotations

from juesuan.model.disclosure import Disclosure
from juesuan.model.spans import StatedText
from juesuan.parse.claims import parse_claims
from juesuan.parse.figures import extract_figures
from juesuan.parse.forms import parse_forms
from juesuan.parse.public_tables import parse_public_tables
from juesuan.parse.sections import detect_header, parse_sections
from juesuan.read.document import Document
from juesuan.read.errors import InputError

__all__ = ["parse_document"]


def parse_document(doc: Document) -> Disclosure:
    """Parse a Document into the typed Disclosure; refuse a text that is not a disclosure."""
    parts = parse_sections(doc)
    evaluations, form_notes = parse_forms(doc)
    tables = parse_public_tables(doc)
    # A workbook of the public tables alone (as many units publish them) is read too.
    if not parts and not evaluations and not tables:
        raise InputError(
            "P001",
            "未识别出决算公开的结构（没有“第一部分…”等部分标题、公开表或项目支出绩效自评表）",
            "not a final-accounts disclosure: no parts (第一部分…), public tables or self-evaluation "
            "forms found",
            doc.path,
        )
    header = detect_header(doc)
    narrative = next((p for p in parts if "情况说明" in p.title), None)
    claims = (parse_claims(doc, range(narrative.span.line, narrative.end_line + 1))
              if narrative is not None else [])
    return Disclosure(
        source=doc.path,
        department=header.department,
        year=header.year,
        title=header.title,
        parts=parts,
        evaluations=evaluations,
        figures=extract_figures(doc, parts),
        claims=claims,
        notes=form_notes,
        tables=tables,
        lines=[StatedText(text=ln.text, span=ln.span(file=doc.path)) for ln in doc.lines
               if ln.is_content],
    )
