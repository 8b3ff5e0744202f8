"""A finding: one problem the audit found, quoted from its source, with the recomputed value."""

from __future__ import annotations

from enum import StrEnum

from pydantic import BaseModel, ConfigDict, Field

from juesuan.model.spans import SourceSpan


class Severity(StrEnum):
    ERROR = "error"
    WARNING = "warning"
    INFO = "info"

    @property
    def rank(self) -> int:
        return {"error": 0, "warning": 1, "info": 2}[self.value]


class Finding(BaseModel):
    """One audit finding. ``quote`` occurs verbatim on ``line`` of the source."""

    model_config = ConfigDict(frozen=True)

    code: str
    """Stable rule code, e.g. ``F103``."""
    name: str
    """Readable rule name, e.g. ``forms.execution-rate``."""
    severity: Severity
    message: str
    """Chinese message (the default language)."""
    message_en: str
    line: int | None
    page: int | None = None
    column: int | None = None
    quote: str
    """The source text the finding is about, verbatim from ``line``; a form cell is quoted with its
    row's label, ``作业频次 … 7.5`` (on ``line``: the cell verbatim, the label up to spacing)."""
    stated: str | None = None
    """The value as the document states it."""
    expected: str | None = None
    """The value or range juesuan recomputed from the document's own figures."""
    part: str | None = None
    """Where in the disclosure (part/section path or the form's 项目名称), for grouping output."""
    related: list[SourceSpan] = Field(default_factory=list)
    """Other places the finding rests on (the total a part was compared with, …)."""
    fingerprint: str = ""
    """A location-independent identity for baselines (code + part + the quoted text, a form cell
    without its row label)."""

    def quoted_on(self, line_text: str) -> bool:
        """Whether the quote stands on ``line_text``: verbatim, or for a form cell the cell verbatim
        and its row's label as printed up to spacing (``总分 … 100`` on ``总 分\t\t100``)."""
        label, sep, cell = self.quote.rpartition(" … ")
        return cell in line_text and (not sep or "".join(label.split()) in "".join(line_text.split()))

    def text(self, lang: str = "zh") -> str:
        return self.message_en if lang == "en" else self.message
