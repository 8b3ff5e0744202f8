"""A grammar for indicator values (年初指标值, 调整后指标值, 实际完成值) as forms print them.

A cell reads as exactly one of:

* :class:`Numeric` — an optional operator (``= ≥ ≤ > <``, and the glyphs exports put in their place:
  ``≧ ≦ ＝ ＞ ＜ >= <=``), a number (possibly absent: the 年初 column often prints ``≥%``) and a
  unit (``%``, ``万元``, ``元/台``, ``个``, ``次/天``, ``台(套)``, ``m3/d`` …). Two glyphs stand for an
  operator we cannot tell (``W`` and ``≠``, both seen in the reference where ``≥``/``=`` belong):
  they read as :attr:`Op.UNKNOWN`, never guessed.
* :class:`Deadline` — a month, optionally a year, day, part of month and ``前`` (by): ``6月底前``,
  ``2024年7月``, ``6月中旬``, ``2024年底``, ``12月前完成``.
* :class:`Period` — a span or a recurrence: ``5月至7月``, ``每年3至10月``, ``2024年全年``, ``全年``,
  ``每天``, ``每月``, ``按季度``, ``1月、6月、9月``.
* :class:`Tier` — a qualitative outcome of the national three tiers: 达成预期指标 (met),
  部分达成预期指标并具有一定效果 (partial), 未达成预期指标且效果较差 (unmet). Exports truncate these
  cells (``达成预期指``, ``期指标并具``, ``预期指标且未``), so a tier is recognised by the fragment only
  its phrase contains: ``并具`` (partial), ``且`` after ``预期指标``/``未达成``/``较差`` (unmet), and
  otherwise ``预期指``/``预期目标`` (met).
* :class:`Goal` — a qualitative target word: 保障, 提升, 提高, 持续改善 …
* :class:`Unreadable` — anything else (a truncated date such as ``024年1、2``, ``考核要求9``), with
  the reason. The scorer reports these as "cannot read"; it never guesses.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from decimal import Decimal
from enum import StrEnum

from juesuan.model.quantity import NUMBER_RE, parse_decimal


class Op(StrEnum):
    EQ = "="
    GE = "≥"
    LE = "≤"
    GT = ">"
    LT = "<"
    UNKNOWN = "?"


class TierLevel(StrEnum):
    MET = "met"
    PARTIAL = "partial"
    UNMET = "unmet"


@dataclass(frozen=True)
class Numeric:
    text: str
    op: Op | None
    value: Decimal | None
    unit: str
    glyph: str | None = None
    """The operator as printed when it is not one of the five (``W``, ``≠``)."""


@dataclass(frozen=True)
class Deadline:
    text: str
    month: int
    year: int | None = None
    day: int | None = None
    part: str | None = None
    """上旬, 中旬, 下旬, 底, 初, 末."""
    by: bool = False
    """``前``: on or before."""


@dataclass(frozen=True)
class Period:
    text: str
    start_month: int | None = None
    end_month: int | None = None
    recurring: str | None = None
    """每天, 每月, 全年 … when the value is a recurrence rather than a span."""


@dataclass(frozen=True)
class Tier:
    text: str
    level: TierLevel


@dataclass(frozen=True)
class Goal:
    text: str


@dataclass(frozen=True)
class Unreadable:
    text: str
    why: str


@dataclass(frozen=True)
class Missing:
    """The cell is empty."""

    text: str = ""


Value = Numeric | Deadline | Period | Tier | Goal | Unreadable | Missing

_OP_GLYPHS: dict[str, Op] = {
    "=": Op.EQ, "≥": Op.GE, "≧": Op.GE, "⩾": Op.GE, ">=": Op.GE,
    "≤": Op.LE, "≦": Op.LE, "⩽": Op.LE, "<=": Op.LE, ">": Op.GT, "<": Op.LT,
}
_UNKNOWN_GLYPHS = ("W", "?", "\ufffd", "≠")
_OP_RE = re.compile(r"^(>=|<=|[=≥≧⩾≤≦⩽><]|[W?\ufffd](?=[\d%.])|≠)")
"""An operator, or a glyph standing where the export lost one: ``W95%``, ``?90%`` (``？`` folds to
``?``), the replacement character, and ``≠`` (not a target's operator: ``≠241家`` means ``=`` or
``≥``)."""
_UNIT_RE = re.compile(
    r"^(?:%|[\u4e00-\u9fff/%]{1,8}(?:\([\u4e00-\u9fff]{1,3}\))?|m3/d|m3|m2|km|kg|kWh)$")
_NUMBER_PREFIX = re.compile(r"^" + NUMBER_RE.pattern)

_MONTH = r"(1[0-2]|0?[1-9])"
_YEAR = r"(?:(\d{4})年)?"
_DEADLINE_RE = re.compile(
    rf"^{_YEAR}{_MONTH}月(?:(\d{{1,2}})日)?(上旬|中旬|下旬|底|初|末)?(以前|之前|前)?(?:完成)?$")
_YEAR_END_RE = re.compile(r"^(\d{4})年(底|末)(前)?$")
_SPAN_RE = re.compile(rf"^(每年)?{_YEAR}{_MONTH}月?(?:至|到|-|~|—){_YEAR}{_MONTH}月(?:底)?$")
_LIST_RE = re.compile(rf"^{_YEAR}{_MONTH}月(?:[、,，]{_YEAR}{_MONTH}月)+$")
_RECURRING = ("每天", "每日", "每周", "每月", "每季度", "每年", "全年", "按月", "按季度", "按年", "实时",
              "半年")
_RECURRING_RE = re.compile(r"^(?:\d{4}年)?(" + "|".join(_RECURRING) + r")(?:[\u4e00-\u9fff]{0,6})$")
_HAN_RE = re.compile(r"^[\u4e00-\u9fff、，,（）()]+$")

UNIT_ALIASES = {"万": "万元", "平方": "平方米", "平米": "平方米"}
"""Units the export truncates or spells two ways, folded to one spelling."""


def _normalize(text: str) -> str:
    folded = unicodedata.normalize("NFKC", text).replace("％", "%")
    return re.sub(r"\s+", "", folded)


def intended_operator(glyph: str | None, level1: str | None, level2: str | None,
                      name: str | None) -> tuple[Op, str] | None:
    """The operator a mangled glyph unambiguously stands for, with the reason, else ``None``.

    Only one reading is unambiguous: a satisfaction indicator (满意度指标) is higher-is-better, so
    a lost operator in front of its rate reads as ``≥`` (``=`` would score the same under the
    national rules). ``≠`` is never read: it may be a mangled ``=`` as well as a ``≥``.
    """
    if glyph is None or glyph == "≠":
        return None
    if any("满意度" in (label or "") for label in (level1, level2, name)):
        return Op.GE, "满意度指标越高越好"
    return None


def _tier(text: str) -> TierLevel | None:
    if "并具" in text or "部分达成" in text:
        return TierLevel.PARTIAL
    if "未达成" in text or "较差" in text or re.search(r"预期指?标?且", text):
        return TierLevel.UNMET
    if "预期指" in text or "预期目标" in text:
        return TierLevel.MET
    return None


def parse_value(text: str | None) -> Value:
    """Read one indicator cell; see the module docstring for the grammar."""
    if text is None or not text.strip():
        return Missing()
    raw = text.strip()
    s = _normalize(raw)
    level = _tier(s)
    if level is not None:
        return Tier(raw, level)
    dated = s[1:] if s.startswith("=") else s
    m = _DEADLINE_RE.match(dated)
    if m:
        year, month, day, part, by = m.groups()
        return Deadline(raw, int(month), int(year) if year else None, int(day) if day else None,
                        part, bool(by))
    m = _YEAR_END_RE.match(dated)
    if m:
        return Deadline(raw, 12, int(m.group(1)), None, m.group(2), bool(m.group(3)))
    m = _SPAN_RE.match(s)
    if m:
        every, _y1, m1, _y2, m2 = m.groups()
        return Period(raw, int(m1), int(m2), "每年" if every else None)
    if _LIST_RE.match(s):
        return Period(raw, recurring="按月份")
    m = _RECURRING_RE.match(s)
    if m:
        return Period(raw, recurring=m.group(1))
    numeric = _numeric(raw, s)
    if numeric is not None:
        return numeric
    if _HAN_RE.match(s) and len(s) <= 12:
        return Goal(raw)
    return Unreadable(raw, "不是可识别的指标值 / not a recognised indicator value")


def _numeric(raw: str, s: str) -> Numeric | Unreadable | None:
    op: Op | None = None
    glyph: str | None = None
    rest = s
    m = _OP_RE.match(rest)
    if m:
        token = m.group(1)
        if token in _UNKNOWN_GLYPHS:
            op, glyph = Op.UNKNOWN, token
        else:
            op = _OP_GLYPHS[token]
        rest = rest[m.end():]
    n = _NUMBER_PREFIX.match(rest)
    value: Decimal | None = None
    if n:
        value, _ = parse_decimal(n.group(0))
        rest = rest[n.end():]
    elif op is None:
        return None
    if rest and not _UNIT_RE.match(rest):
        if value is None:
            return None
        return Unreadable(raw, f"单位「{rest}」无法识别 / unit {rest!r} not recognised")
    return Numeric(raw, op, value, UNIT_ALIASES.get(rest, rest), glyph)
