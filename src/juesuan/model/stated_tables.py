"""The nine public tables (公开01–09表) as a disclosure states them, cell by cell.

This is the *read* side: every amount is a :class:`Quantity` with its cell's span, every label is
kept as printed. (``juesuan.model.public_tables`` is the other direction: the structured input
``juesuan render`` writes tables from.)

A table is a list of rows; a row has a 科目编码 (function or economic classification code) or
none, a name, and its amounts as ``(column label, Quantity | None)`` pairs in column order. Tables
printed side by side — 公开01表's income items on the left and expenditure items on the right, or
公开06表's 人员经费 and 公用经费 blocks — are read as one row per side and block: each row names
its ``side`` (``收入`` / ``支出`` / ``人员经费`` / ``公用经费``, or the block's header label), so
one printed line may give two rows with the same span line.

The helpers below (name normalisation, code levels, 人员经费/公用经费 by economic code) are the
domain knowledge the parser and the ``tables`` audit rules share.
"""

from __future__ import annotations

import re
import unicodedata

from pydantic import BaseModel, ConfigDict, Field

from juesuan.model.quantity import Quantity
from juesuan.model.spans import SourceSpan

STANDARD_NAMES: dict[int, tuple[str, ...]] = {
    1: ("收入支出决算总表", "收入支出决算表"),
    2: ("收入决算总表", "收入决算表"),
    3: ("支出决算总表", "支出决算表"),
    4: ("财政拨款收入支出决算总表", "财政拨款收入支出决算表"),
    5: ("一般公共预算财政拨款收入支出决算表", "一般公共预算财政拨款支出决算表"),
    6: ("一般公共预算财政拨款基本支出决算明细表", "一般公共预算财政拨款基本支出决算表"),
    7: ("财政拨款三公经费支出决算表", "三公经费支出决算表", "一般公共预算财政拨款三公经费及会议费、培训费支出决算表",
        "三公经费及会议费、培训费支出决算表", "三公经费、行政参公单位机关运行经费情况表",
        "一般公共预算财政拨款三公经费支出决算表"),
    8: ("政府性基金预算财政拨款支出决算表", "政府性基金预算财政拨款收入支出决算表"),
    9: ("国有资本经营预算财政拨款收入支出决算表", "国有资本经营预算财政拨款支出决算表"),
}
"""The names of 公开01–09表, quotes removed (``“三公”`` → ``三公``): the provincial variants found in
published packages — Shanghai's 财政拨款“三公”经费支出决算表 and 国有资本经营预算财政拨款收入支出决算表
(Putuo 2024), 收入/支出决算总表 and “三公”经费及会议费、培训费支出决算表 (Shaanxi 柞水 2020),
…基本支出决算明细表 (湛江 2021, 渠县 2024), 一般公共预算财政拨款收入支出决算表 and “三公”经费、行政参公
单位机关运行经费情况表 (楚雄 2019) — and the national name last (domain.md §2; messages name a table
by it). The longest name found in a caption wins, so a longer name containing a shorter one (财政拨款
收入支出决算表 in 一般公共预算财政拨款收入支出决算表) is safe."""

PERSONNEL = "人员经费"
PUBLIC = "公用经费"
PERSONNEL_CODES = ("301", "303")
"""Economic classes that are 人员经费 (工资福利支出, 对个人和家庭的补助); the others are 公用经费."""

INCOME_SIDE = "收入"
EXPENDITURE_SIDE = "支出"

_NUMBERING_RE = re.compile(
    r"^(?:[一二三四五六七八九十]+[、.．]|[（(][一二三四五六七八九十0-9]+[）)]|[0-9]+[、.．](?![0-9])"
    r"|其中[:：]?|减[:：])"
)
_MARK_RE = re.compile(r"[（(]([类款项])[）)]$")
_DROP = str.maketrans({"“": "", "”": "", "‘": "", "’": "", '"': "", "'": "", " ": "", "\u3000": "",
                       "(": "（", ")": "）"})


def norm_name(text: str) -> str:
    """A row or column label reduced for matching: NFKC-folded digits, no spaces or quotes,
    full-width brackets, numbering (``一、``, ``（一）``, ``1.``) and ``其中：`` dropped, and the
    classification marker ``（类）`` / ``（款）`` / ``（项）`` dropped.

    >>> norm_name("一、一般公共预算财政拨款收入")
    '一般公共预算财政拨款收入'
    >>> norm_name("节能环保支出(类)")
    '节能环保支出'
    """
    s = unicodedata.normalize("NFKC", text).translate(_DROP)
    while True:
        m = _NUMBERING_RE.match(s)
        if m is None or m.end() == 0:
            break
        s = s[m.end():]
    return _MARK_RE.sub("", s)


def is_breakdown(text: str) -> bool:
    """A 其中 line or column: a part of the row or column before it, not a sibling."""
    return text.strip().startswith("其中")


def class_mark(name: str) -> int | None:
    """1, 2 or 3 for a name printed with ``（类）``, ``（款）`` or ``（项）``."""
    m = _MARK_RE.search(unicodedata.normalize("NFKC", name).translate(_DROP))
    return None if m is None else "类款项".index(m.group(1)) + 1


def code_level(code: str | None) -> int | None:
    """1 (类), 2 (款) or 3 (项) for a 3-, 5- or 7-digit classification code."""
    if code is None or not code.isdigit():
        return None
    return {3: 1, 5: 2, 7: 3}.get(len(code))


def kind_of_code(code: str) -> str:
    """人员经费 or 公用经费 for an economic classification code (domain.md §2)."""
    return PERSONNEL if code.startswith(PERSONNEL_CODES) else PUBLIC


class UnreadableCell(BaseModel):
    """An amount cell whose text is not an amount (``八百``, ``见附注``, ``12.3%``): its value in
    :attr:`StatedRow.values` is ``None`` (so it is never read as zero), its text is kept here."""

    model_config = ConfigDict(frozen=True)

    index: int
    """Its position in :attr:`StatedRow.values`."""
    column: str
    """Its column label."""
    text: str
    """The cell's text as printed."""
    span: SourceSpan
    """The cell."""


class StatedRow(BaseModel):
    """One row of a public table, as printed."""

    model_config = ConfigDict(frozen=True)

    code: str | None = None
    """科目编码: 3/5/7 digits of the function classification (类/款/项), or an economic
    classification code (301, 30101 …); ``None`` for a 合计 row or a row without a code."""
    name: str
    """科目名称 or 项目 as printed (``（类）`` and numbering kept)."""
    values: list[tuple[str, Quantity | None]] = Field(default_factory=list)
    """(column label, amount) in column order; an empty or dash cell is ``None``, and so is a cell
    that holds no amount (its text is in :attr:`unreadable`)."""
    unreadable: list[UnreadableCell] = Field(default_factory=list)
    """The amount cells whose text could not be read as an amount, in column order."""
    span: SourceSpan
    """The row's line, at its name cell (or first cell)."""
    side: str | None = None
    """For a table printed in side-by-side blocks: ``收入`` / ``支出`` (公开01表 and the two-sided
    公开04表), ``人员经费`` / ``公用经费`` (公开06表 in blocks), else the block's header label;
    ``None`` for a one-block table."""
    category: str | None = None
    """The row's 类别 cell (公开06表: ``人员经费`` / ``公用经费``) where the table has one."""

    @property
    def key(self) -> str:
        """The name reduced for matching (:func:`norm_name`)."""
        return norm_name(self.name)

    @property
    def level(self) -> int | None:
        """1 (类), 2 (款), 3 (项) from the code, else from a ``（类）``-style marker."""
        return code_level(self.code) or class_mark(self.name)

    def amounts(self) -> list[Quantity | None]:
        return [q for _, q in self.values]

    def unreadable_at(self, index: int) -> UnreadableCell | None:
        """The unreadable cell at position ``index`` of :attr:`values`, if that cell is one."""
        return next((c for c in self.unreadable if c.index == index), None)

    @property
    def blank(self) -> bool:
        """No amount cell prints anything (every cell empty or a dash)."""
        return not self.unreadable and all(q is None for _, q in self.values)

    def value(self, label: str) -> Quantity | None:
        """The amount under the column whose label (or its last part) is ``label``."""
        want = norm_name(label)
        for column, q in self.values:
            if norm_name(column) == want or norm_name(column.rsplit("/", 1)[-1]) == want:
                return q
        return None


class StatedTable(BaseModel):
    """One public table: caption, column labels and rows as printed."""

    model_config = ConfigDict(frozen=True)

    number: int | None = None
    """The number printed in the caption (``公开03表`` → 3); ``None`` when only the name is printed."""
    standard: int | None = None
    """Which of the nine national tables this is (1–9), by its name (else by its number)."""
    name: str
    """The table's name as printed in the caption (e.g. ``一般公共预算财政拨款“三公”经费支出决算表``)."""
    caption: str
    """The whole caption line, stripped."""
    span: SourceSpan
    """Where the caption is."""
    unit: str = "万元"
    """单位 from the caption or the line under it (``元``, ``千元``, ``万元`` or ``亿元``); 万元 when not
    stated."""
    columns: list[str] = Field(default_factory=list)
    """Column labels as printed, left to right; a label under a spanning label is joined to it
    with ``/`` (``本年支出/基本支出``)."""
    rows: list[StatedRow] = Field(default_factory=list)
    empty_note: str | None = None
    """What the table says instead of rows (``本年度无此项收支``), when it says so."""

    @property
    def label(self) -> str:
        """How a message names the table: ``公开03表`` or its name."""
        n = self.number or self.standard
        return f"公开{n:02d}表" if n is not None else self.name

    def find(self, *names: str, side: str | None = None) -> StatedRow | None:
        """The first row whose normalised name is one of ``names`` (on ``side`` if given)."""
        wanted = {norm_name(n) for n in names}
        return next((r for r in self.rows if r.key in wanted and (side is None or r.side == side)),
                    None)

    def total_row(self, side: str | None = None) -> StatedRow | None:
        """The 合计 (or 总计) row without a code."""
        return next((r for r in self.rows if r.code is None and r.key in TOTAL_ROW_NAMES
                     and (side is None or r.side == side)), None)


TOTAL_ROW_NAMES = frozenset({"合计", "总计", "本年合计"})
"""Names of a table's grand-total row (normalised)."""


ROW_ITEMS = TOTAL_ROW_NAMES | frozenset(norm_name(n) for n in (
    "收入总计", "支出总计", "本年收入合计", "本年支出合计", "结余分配", "使用非财政拨款结余",
    "年初结转和结余", "年末结转和结余", "年初财政拨款结转和结余", "年末财政拨款结转和结余",
    "财政拨款收入", "一般公共预算财政拨款收入", "政府性基金预算财政拨款收入", "国有资本经营预算财政拨款收入",
    "一般公共预算财政拨款", "政府性基金预算财政拨款", "国有资本经营预算财政拨款",
    "上级补助收入", "事业收入", "经营收入", "附属单位上缴收入", "其他收入",
    "因公出国（境）费", "公务用车购置及运行维护费", "公务用车购置费", "公务用车运行维护费", "公务接待费",
    "人员经费合计", "公用经费合计",
))
"""Names (normalised) of rows the national tables print (公开01/04表's lines, the 三公 items): a
first cell with one of them and nothing but empty or dash cells after it is data, not a header."""


def find_table(tables: list[StatedTable], standard: int) -> StatedTable | None:
    """The first table that is national table ``standard`` and has rows."""
    return next((t for t in tables if t.standard == standard and t.rows), None)
