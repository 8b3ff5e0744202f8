"""Typed claims: what the narrative (情况说明) asserts about its own figures.

A claim is data (architecture.md, "Claims are data"): the parser turns a sentence such as
``收入合计47,348.67万元，其中：财政拨款收入37,301.92万元，占比78.78%`` into a :class:`TotalClaim` and a
:class:`ShareClaim` whose operands are :class:`Quantity` objects with their spans. Rules evaluate
claims; they never re-read text.

Every claim keeps ``quote`` (verbatim text from the claim's first line), ``span`` (where the quote
starts), ``section`` (the numbering path, e.g. ``第三部分/五/（三）``) and ``sentence`` (the whole
sentence as joined across the export's line breaks, for context).
"""

from __future__ import annotations

import re
from typing import Annotated, Literal, TypeAlias

from pydantic import BaseModel, ConfigDict, Field, TypeAdapter

from juesuan.model.quantity import Quantity
from juesuan.model.spans import SourceSpan

Role = Literal["actual", "initial_budget", "annual_budget"]
"""What a money figure is: the outturn (决算, the default), the 年初预算 or the 全年预算."""

Direction = Literal["increase", "decrease", "unchanged"]

MONEY_UNITS = frozenset({"万元", "元", "亿元"})
COUNT_UNITS = frozenset({"个", "辆", "批次", "人次", "台（套）", "台(套)", "台", "人", "次", "家", "项"})
PERCENT = "%"

YEAR_PREFIX = re.compile(r"^(?:截至|截止)?\d{4}年(?:度)?(?:初|末)?(?:\d{1,2}月\d{1,2}日)?")
"""A leading date such as ``2024年度`` or ``截至2024年12月31日``."""
LEAD_WORDS = re.compile(
    r"^(?:其中[：:]?|主要用于(?:以下方面)?[：:]?|主要包括[：:]?|包括[：:]?|分别为[：:]?|"
    r"本部门（单位）|本部门\(单位\)|本部门|本单位|共有|共计|合计为|共)"
)
"""Connectives and phrases that lead into a figure but are not what it is of."""
TRAILING_VERB = re.compile(r"(?:为|是|达到?|共计)$")
"""Verbs between a label and its number (``支出决算为500.00万元``), not part of the subject."""


def normalize_label(label: str) -> str:
    """A label reduced for comparison: year prefix, 本年, quotes, (类), 决算 and spaces removed.

    >>> normalize_label("2024年度一般公共预算财政拨款决算支出")
    '一般公共预算财政拨款支出'
    >>> normalize_label("社会保障和就业支出(类)")
    '社会保障和就业支出'
    """
    s = YEAR_PREFIX.sub("", label.strip())
    s = LEAD_WORDS.sub("", s)
    s = re.sub(r"本年度|本年|[“”\"‘’'\s]|[（(]类[）)]|决算", "", s)
    return TRAILING_VERB.sub("", s)


class Operand(BaseModel):
    """One stated figure a claim rests on, with the words it quantifies."""

    model_config = ConfigDict(frozen=True)

    label: str
    """The words before the number as printed (connectives such as 其中 dropped)."""
    subject: str
    """What the figure is of, resolved in context: ``支出总计`` after ``财政拨款收入总计…，`` becomes
    ``财政拨款支出总计``; ``支出决算`` after ``卫生健康支出年初预算…，`` becomes ``卫生健康支出``."""
    role: Role = "actual"
    quantity: Quantity
    quote: str
    """Label, number and unit, verbatim on the quantity's line (cut to that line)."""

    @property
    def span(self) -> SourceSpan | None:
        return self.quantity.span


class _ClaimBase(BaseModel):
    model_config = ConfigDict(frozen=True)

    quote: str
    """Verbatim text of the claim, cut to its first line."""
    span: SourceSpan
    """Where ``quote`` starts."""
    section: str | None = None
    """The numbering path of the section it sits in (``第三部分/五/（三）``)."""
    sentence: str = ""
    """The whole sentence (joined across line breaks), for context and reports."""

    def operands(self) -> list[Quantity]:
        """Every stated number this claim uses, in text order."""
        raise NotImplementedError


class TotalClaim(_ClaimBase):
    """A money total and its listed parts (其中 / 包括 / 主要用于 / 分别为)."""

    kind: Literal["total"] = "total"
    total: Operand
    parts: list[Operand]
    connective: str
    """The word that introduced the parts, as printed (``其中``, ``主要用于``, …)."""
    exhaustive: bool
    """The parts claim to make up the whole total (not just a selection)."""
    exhaustive_reason: str | None = None
    """Why the parser took the parts as exhaustive (shares add to 100%, a 其他 residual part, a
    complete known set such as 货物/工程/服务, or the same parts as an exhaustive list elsewhere)."""

    def operands(self) -> list[Quantity]:
        return [self.total.quantity, *(p.quantity for p in self.parts)]


class CountClaim(_ClaimBase):
    """A count (车辆94辆, 6批次) and its listed parts; counts are exact integers."""

    kind: Literal["count"] = "count"
    total: Operand
    parts: list[Operand]
    connective: str
    exhaustive: bool
    exhaustive_reason: str | None = None

    def operands(self) -> list[Quantity]:
        return [self.total.quantity, *(p.quantity for p in self.parts)]


class ShareClaim(_ClaimBase):
    """``part`` is ``share`` percent of ``whole`` (占比 p% / 占…的 p%)."""

    kind: Literal["share"] = "share"
    part: Operand
    whole: Operand
    share: Quantity
    whole_label: str
    """How the text named the whole: ``占比`` (the list's total) or the words of ``占…的``."""

    def operands(self) -> list[Quantity]:
        return [self.part.quantity, self.whole.quantity, self.share]


class ChangeClaim(_ClaimBase):
    """A change against last year: 增加/减少 D (magnitude), 增长/下降 g% (magnitude), 与上年相同.

    ``current`` is this year's figure the change is of; last year's is implied
    (current − D for an increase, current + D for a decrease), and g = D ÷ last year.
    """

    kind: Literal["change"] = "change"
    current: Operand | None
    basis: str
    """The comparison as printed: ``与上年相比``, ``比上年度``, ``较上年决算``, ``比2023年``."""
    direction: Direction | None = None
    """The direction of the amount (增加 / 减少 / 与上年相同), ``None`` when no amount is stated."""
    change: Quantity | None = None
    rate_direction: Literal["increase", "decrease"] | None = None
    """The direction of the rate (增长 / 下降)."""
    rate: Quantity | None = None

    def operands(self) -> list[Quantity]:
        out = [self.current.quantity] if self.current else []
        return out + [q for q in (self.change, self.rate) if q is not None]


class CompletionClaim(_ClaimBase):
    """``actual`` is ``rate`` percent of ``budget`` (完成年初预算/全年预算的 p%)."""

    kind: Literal["completion"] = "completion"
    actual: Operand | None
    budget: Operand | None
    """``None`` when the sentence names the budget but does not state it."""
    basis: str
    """``年初预算``, ``全年预算`` or ``预算`` as printed."""
    rate: Quantity
    relation: Literal["greater", "less", "equal"] | None = None
    """What a following sentence says of the outturn against the budget (``决算数大于/小于预算数``,
    ``决算数同预算数持平``, ``与预算持平``), if one does."""
    relation_quote: str | None = None
    """That sentence's words, verbatim on the line of the claim's first operand."""

    def operands(self) -> list[Quantity]:
        out = [o.quantity for o in (self.actual, self.budget) if o is not None]
        return [*out, self.rate]


class IdentityClaim(_ClaimBase):
    """Two figures an accounting identity makes equal, stated together (收入总计 = 支出总计)."""

    kind: Literal["identity"] = "identity"
    left: Operand
    right: Operand
    relation: Literal["="] = "="

    def operands(self) -> list[Quantity]:
        return [self.left.quantity, self.right.quantity]


class PerformanceSummaryClaim(_ClaimBase):
    """The performance summary (预算绩效情况说明): projects, funds by fund type, grade counts.

    ``scope`` is ``self_evaluation`` for the 绩效自评 summary over all attached forms, or
    ``department_evaluation`` for a 部门评价 of one named ``project``.
    """

    kind: Literal["performance"] = "performance"
    scope: Literal["self_evaluation", "department_evaluation"]
    project: str | None = None
    project_count: Operand | None = None
    funds: Operand | None = None
    fund_parts: list[Operand] = Field(default_factory=list)
    fund_parts_exhaustive: bool = False
    exhaustive_reason: str | None = None
    grades: list[Operand] = Field(default_factory=list)
    """One operand per grade stated (``label`` is the grade: 优 / 良 / 中 / 差)."""

    def operands(self) -> list[Quantity]:
        out = [o.quantity for o in (self.project_count, self.funds) if o is not None]
        return out + [p.quantity for p in self.fund_parts] + [g.quantity for g in self.grades]


Claim: TypeAlias = (
    TotalClaim
    | CountClaim
    | ShareClaim
    | ChangeClaim
    | CompletionClaim
    | IdentityClaim
    | PerformanceSummaryClaim
)
"""Any narrative claim (a tagged union on ``kind``)."""

CLAIM_ADAPTER: TypeAdapter[list[Claim]] = TypeAdapter(
    list[Annotated[Claim, Field(discriminator="kind")]]
)
"""Validate or dump a list of claims as JSON (``CLAIM_ADAPTER.dump_json(claims)``)."""


def claim_operands(claims: list[Claim]) -> list[Quantity]:
    """Every distinct stated number the claims use, in document order (deduplicated by place).

    A figure used by several claims (a total that is also the whole of a share) appears once.
    """
    seen: set[tuple[int, int | None, str]] = set()
    out: list[Quantity] = []
    for claim in claims:
        for q in claim.operands():
            key = (q.span.line, q.span.column, q.text) if q.span else (0, None, q.text)
            if key not in seen:
                seen.add(key)
                out.append(q)
    out.sort(key=lambda q: (q.span.line, q.span.column or 0) if q.span else (0, 0))
    return out
