"""The disclosure as a whole: department, year, the part/section tree, figures and forms."""

from __future__ import annotations

from pydantic import BaseModel, ConfigDict, Field

from juesuan.model.claims import Claim
from juesuan.model.evaluation import ParseNote, ProjectEvaluation
from juesuan.model.quantity import Quantity
from juesuan.model.spans import SourceSpan, StatedText
from juesuan.model.stated_tables import StatedTable


class Section(BaseModel):
    """A part (第一部分), section (一、) or subsection (（一）) with its own text and children."""

    model_config = ConfigDict(frozen=True)

    level: int
    """1 for 第N部分, 2 for 一、, 3 for （一）."""
    number: str
    """The numbering as printed: ``第三部分``, ``五``, ``（二）``."""
    title: str
    text: str
    """The section's own text (paragraphs up to its first child), lines joined with newlines."""
    span: SourceSpan
    """The heading's location."""
    end_line: int
    """The last line inside the section, children included."""
    table_rows: int = 0
    """How many table rows stand directly in the section (not in its children): the public
    tables of 部门决算表, the forms of 附件."""
    children: list[Section] = Field(default_factory=list)

    def walk(self) -> list[Section]:
        out = [self]
        for child in self.children:
            out.extend(child.walk())
        return out


class Figure(BaseModel):
    """A number stated in the narrative, with its unit and the words it quantifies."""

    model_config = ConfigDict(frozen=True)

    quantity: Quantity
    label: str
    """The words the number quantifies (e.g. ``财政拨款收入``, ``收入总计``, ``公务接待 批次``)."""
    section: str | None = None
    """The numbering path of the section it sits in (e.g. ``第三部分/五/（三）``)."""


class Disclosure(BaseModel):
    """A department's final-accounts disclosure (部门决算公开) read into the typed model."""

    source: str
    """The file it was read from."""
    department: str | None = None
    """部门 name, e.g. 晋城市生态环境局."""
    year: int | None = None
    """The budget year disclosed (2024 for a 2024年度部门决算)."""
    title: str | None = None
    parts: list[Section] = Field(default_factory=list)
    evaluations: list[ProjectEvaluation] = Field(default_factory=list)
    figures: list[Figure] = Field(default_factory=list)
    claims: list[Claim] = Field(default_factory=list)
    """The narrative's typed claims (totals, shares, changes, completion rates …) for the audit."""
    notes: list[ParseNote] = Field(default_factory=list)
    """What the parser could not read, with the line and what it did instead."""
    tables: list[StatedTable] = Field(default_factory=list)
    """The public tables (公开01–09表) as printed, in document order."""
    lines: list[StatedText] = Field(default_factory=list)
    """Every content line as read, in order: a paragraph, or a table row with its cells joined by
    tabs. For the rules that read wording rather than figures (template placeholders, years,
    punctuation); each quote they make is verbatim on its line."""

    def sections(self) -> list[Section]:
        out: list[Section] = []
        for part in self.parts:
            out.extend(part.walk())
        return out

    def part(self, number: str) -> Section | None:
        """The part numbered e.g. ``第三部分``, if present."""
        return next((p for p in self.parts if p.number == number), None)
