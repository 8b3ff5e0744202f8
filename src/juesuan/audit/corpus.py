"""Other disclosures a cross-document rule may consult (语料, the documents beside this one).

The single-document rules see one disclosure. The ``corpus`` rules (rules/corpus.py) also compare
it with last year's disclosure of the same department, with the disclosures of its units and with
every other form naming the same unit. They ask for those through :class:`RelatedDocuments`, a
small protocol: the warehouse (``juesuan.warehouse``) answers it from its tables, and
:class:`MemoryCorpus` answers it from disclosures held in memory (the rules' documented examples,
tests). The audit never imports the warehouse; the warehouse implements this protocol.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Collection, Iterable
from dataclasses import dataclass
from typing import Literal, Protocol

from juesuan.model.disclosure import Disclosure

Kind = Literal["department", "unit", "budget", "unknown"]
"""部门决算 (a department's consolidated final accounts), 单位决算 (one budget unit's), a 预算
(a budget, not final accounts) or a document whose title says neither."""

_SPACE = re.compile(r"\s+")


def document_kind(disclosure: Disclosure) -> Kind:
    """What the disclosure is, from its title (``2024年度部门决算公开``, ``单位决算``, ``部门预算``)."""
    title = _SPACE.sub("", disclosure.title or "")
    if "决算" not in title:
        return "budget" if "预算" in title else "unknown"
    return "unit" if "单位决算" in title else "department"


def parent_department(disclosure: Disclosure) -> str | None:
    """The 主管部门 of a unit's disclosure: the department its forms name most often (else None).

    A department's own disclosure has no parent; its forms name the department itself."""
    if document_kind(disclosure) != "unit":
        return None
    names = Counter(f.department_name for f in disclosure.evaluations
                    if f.department_name and f.department_name != disclosure.department)
    return names.most_common(1)[0][0] if names else None


def same_department(a: str | None, b: str | None) -> bool:
    """Department names compare without spaces (a PDF's text layer splits names at line ends)."""
    return a is not None and b is not None and _SPACE.sub("", a) == _SPACE.sub("", b)


@dataclass(frozen=True)
class DocumentRef:
    """One stored disclosure: its identity (content hash), where it was read, and what it is."""

    doc_id: str
    source: str
    department: str | None
    year: int | None
    kind: Kind
    parent: str | None = None


@dataclass(frozen=True)
class UnitMention:
    """A 预算单位 code and name as one form of one document prints them."""

    code: str
    name: str
    ref: DocumentRef
    form: str
    """The form's 项目名称."""
    line: int


class RelatedDocuments(Protocol):
    """What the cross-document rules may ask about the other stored disclosures."""

    def documents(self, *, department: str | None = None, year: int | None = None,
                  parent: str | None = None) -> list[DocumentRef]:
        """Stored final-accounts disclosures (budgets and unreadable files excluded) matching
        every given criterion, in a stable order."""
        ...

    def disclosure(self, ref: DocumentRef) -> Disclosure:
        """The stored disclosure ``ref`` names."""
        ...

    def forms_named(self, name: str, year: int, unit_code: str | None = None
                    ) -> list[tuple[DocumentRef, int]]:
        """(document, index into its ``evaluations``) of every form with this 项目名称 (and, when
        given, this 预算单位代码) in a disclosure of ``year``."""
        ...

    def units(self, year: int, codes: Collection[str], names: Collection[str]) -> list[UnitMention]:
        """Every unit printed on a form of a disclosure of ``year`` with one of these codes or one
        of these names."""
        ...


def ref_of(doc_id: str, disclosure: Disclosure) -> DocumentRef:
    return DocumentRef(doc_id=doc_id, source=disclosure.source, department=disclosure.department,
                       year=disclosure.year, kind=document_kind(disclosure),
                       parent=parent_department(disclosure))


def unit_mentions(ref: DocumentRef, disclosure: Disclosure) -> list[UnitMention]:
    return [UnitMention(code=f.unit_code, name=f.unit_name, ref=ref, form=f.name, line=f.span.line)
            for f in disclosure.evaluations if f.unit_code and f.unit_name]


class MemoryCorpus:
    """:class:`RelatedDocuments` over disclosures in memory (keyed by their ``source``)."""

    def __init__(self, disclosures: Iterable[Disclosure]) -> None:
        self._docs = {d.source: d for d in disclosures}
        self._refs = [ref_of(source, d) for source, d in self._docs.items()]

    def documents(self, *, department: str | None = None, year: int | None = None,
                  parent: str | None = None) -> list[DocumentRef]:
        return [r for r in self._refs if r.kind in ("department", "unit")
                and (department is None or same_department(r.department, department))
                and (year is None or r.year == year)
                and (parent is None or same_department(r.parent, parent))]

    def disclosure(self, ref: DocumentRef) -> Disclosure:
        return self._docs[ref.doc_id]

    def forms_named(self, name: str, year: int, unit_code: str | None = None
                    ) -> list[tuple[DocumentRef, int]]:
        return [(r, i) for r in self.documents(year=year)
                for i, f in enumerate(self._docs[r.doc_id].evaluations)
                if f.name == name and (unit_code is None or f.unit_code == unit_code)]

    def units(self, year: int, codes: Collection[str], names: Collection[str]) -> list[UnitMention]:
        return [m for r in self.documents(year=year) for m in unit_mentions(r, self._docs[r.doc_id])
                if m.code in codes or m.name in names]
