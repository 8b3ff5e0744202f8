"""The indicator-value grammar: examples from the reference, and properties (hypothesis)."""

from __future__ import annotations

from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from juesuan.score.values import (
    Deadline,
    Goal,
    Missing,
    Numeric,
    Op,
    Period,
    Tier,
    TierLevel,
    Unreadable,
    parse_value,
)

GLYPHS = {"=": Op.EQ, "≥": Op.GE, "≧": Op.GE, ">=": Op.GE, "≤": Op.LE, "≦": Op.LE, "<=": Op.LE,
          ">": Op.GT, "<": Op.LT, "＝": Op.EQ, "＞": Op.GT, "＜": Op.LT}
UNITS = ["%", "万元", "元/台", "个", "次/天", "台", "份", "家", "人", "平方米", "家/季度", "台(套)",
         "m3/d", "次/月", ""]


@pytest.mark.parametrize(("text", "op", "value", "unit"), [
    ("=8次/天", Op.EQ, "8", "次/天"),
    ("≥90%", Op.GE, "90", "%"),
    ("≧14.5847万元", Op.GE, "14.5847", "万元"),
    ("= 10台", Op.EQ, "10", "台"),
    ("7600元/台", None, "7600", "元/台"),
    ("1231.18万", None, "1231.18", "万元"),
    ("≤4990000元", Op.LE, "4990000", "元"),
    ("=3.5m3/d", Op.EQ, "3.5", "m3/d"),
    ("50个(盒)", None, "50", "个(盒)"),
])
def test_numeric(text: str, op: Op | None, value: str, unit: str) -> None:
    v = parse_value(text)
    assert isinstance(v, Numeric)
    assert (v.op, v.value, v.unit) == (op, Decimal(value), unit)


def test_operator_without_number_and_unknown_glyphs() -> None:
    empty = parse_value("≥%")
    assert isinstance(empty, Numeric) and empty.value is None and empty.op is Op.GE
    for text in ("W85%", "≠241家"):
        v = parse_value(text)
        assert isinstance(v, Numeric) and v.op is Op.UNKNOWN and v.glyph == text[0]


@pytest.mark.parametrize(("text", "month", "year", "by"), [
    ("6月底前", 6, None, True), ("2024年7月", 7, 2024, False), ("6月中旬", 6, None, False),
    ("2024年底", 12, 2024, False), ("12月前完成", 12, None, True), ("=9月", 9, None, False),
    ("4月8日", 4, None, False),
])
def test_deadlines(text: str, month: int, year: int | None, by: bool) -> None:
    v = parse_value(text)
    assert isinstance(v, Deadline)
    assert (v.month, v.year, v.by) == (month, year, by)


@pytest.mark.parametrize("text", ["每年3至10月", "全年", "每天", "每月", "2024年全年", "5月至7月",
                                  "1月、6月、9月", "按季度", "2024年9月至10月"])
def test_periods(text: str) -> None:
    assert isinstance(parse_value(text), Period)


def test_every_year_span() -> None:
    v = parse_value("每年3至10月")
    assert isinstance(v, Period) and (v.start_month, v.end_month, v.recurring) == (3, 10, "每年")


@pytest.mark.parametrize(("text", "level"), [
    ("达成预期指标", TierLevel.MET), ("达成预期指", TierLevel.MET),
    ("部分达成预期指标并具有一定效果", TierLevel.PARTIAL), ("期指标并具", TierLevel.PARTIAL),
    ("如期指标并具", TierLevel.PARTIAL), ("未达成预期指标且效果较差", TierLevel.UNMET),
    ("预期指标且未", TierLevel.UNMET), ("预期指标且", TierLevel.UNMET),
])
def test_tiers(text: str, level: TierLevel) -> None:
    v = parse_value(text)
    assert isinstance(v, Tier) and v.level is level


@pytest.mark.parametrize("text", ["保障", "提升", "持续改善", "提高"])
def test_goals(text: str) -> None:
    assert isinstance(parse_value(text), Goal)


@pytest.mark.parametrize("text", ["024年1、2", "考核要求9", "提前、10月", "12abc"])
def test_unreadable_is_reported_not_guessed(text: str) -> None:
    assert isinstance(parse_value(text), Unreadable)


def test_missing() -> None:
    assert isinstance(parse_value(None), Missing) and isinstance(parse_value("  "), Missing)


numbers = st.decimals(min_value=Decimal(0), max_value=Decimal(10) ** 9, places=3,
                      allow_nan=False, allow_infinity=False)


@given(op=st.sampled_from(sorted(GLYPHS)), number=numbers, unit=st.sampled_from(UNITS),
       space=st.sampled_from(["", " "]))
def test_numeric_roundtrip(op: str, number: Decimal, unit: str, space: str) -> None:
    text = f"{op}{space}{number}{unit}"
    v = parse_value(text)
    assert isinstance(v, Numeric), text
    assert v.op is GLYPHS[op]
    assert v.value == number
    assert v.unit == unit


@given(year=st.one_of(st.none(), st.integers(2000, 2099)), month=st.integers(1, 12),
       part=st.sampled_from(["", "底", "中旬", "上旬"]), by=st.booleans())
def test_deadline_roundtrip(year: int | None, month: int, part: str, by: bool) -> None:
    text = f"{f'{year}年' if year else ''}{month}月{part}{'前' if by else ''}"
    v = parse_value(text)
    assert isinstance(v, Deadline), text
    assert (v.year, v.month, v.by) == (year, month, by)


@given(st.text(max_size=30))
def test_any_text_reads_as_exactly_one_kind(text: str) -> None:
    v = parse_value(text)
    assert isinstance(v, (Numeric, Deadline, Period, Tier, Goal, Unreadable, Missing))
    assert v.text == text.strip() or isinstance(v, Missing)


def test_lost_operator_glyphs() -> None:
    for text in ("？90%", "?90%", "\ufffd90%"):
        v = parse_value(text)
        assert isinstance(v, Numeric) and v.op is Op.UNKNOWN and v.value == 90
    assert parse_value("＞＝90%") == Numeric("＞＝90%", Op.GE, Decimal(90), "%")
