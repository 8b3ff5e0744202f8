"""Quantity parsing and interval arithmetic: exact decimals, precision from the printed string."""

from __future__ import annotations

from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from juesuan.model.quantity import Interval, NumberFormatError, Quantity, parse_decimal


@pytest.mark.parametrize(
    ("text", "value", "decimals"),
    [
        ("47,549.83", Decimal("47549.83"), 2),
        ("12,814.50", Decimal("12814.50"), 2),
        ("25416.8", Decimal("25416.8"), 1),
        ("1,090", Decimal("1090"), 0),
        ("0", Decimal("0"), 0),
        ("797.06", Decimal("797.06"), 2),
        ("－3.1", Decimal("-3.1"), 1),
        ("１２．５", Decimal("12.5"), 1),
        ("79.891", Decimal("79.891"), 3),
    ],
)
def test_parse_decimal(text: str, value: Decimal, decimals: int) -> None:
    assert parse_decimal(text) == (value, decimals)


@pytest.mark.parametrize("text", ["", "abc", "1,23", "12.", ".5", "1..2", "1,2345"])
def test_parse_decimal_rejects(text: str) -> None:
    with pytest.raises(NumberFormatError):
        parse_decimal(text)


def test_interval_of_printed_figure_is_closed_half_unit() -> None:
    q = Quantity.parse("37,301.92", unit="万元")
    assert q.interval() == Interval(lo=Decimal("37301.915"), hi=Decimal("37301.925"))
    assert Quantity.parse("100").interval() == Interval(lo=Decimal("99.5"), hi=Decimal("100.5"))


def test_reference_rounding_cases_are_consistent() -> None:
    parts = ["889.93", "466.29", "35,321.00", "624.69"]
    total = Interval.point(Decimal(0))
    for p in parts:
        total = total + Quantity.parse(p).interval()
    assert total.intersects(Quantity.parse("37,301.92").interval())
    procurement = sum(
        (Quantity.parse(p).interval() for p in ["5,862.23", "71.03", "5,753.79"]),
        Interval.point(Decimal(0)),
    )
    assert procurement.intersects(Quantity.parse("11,687.04").interval())
    # …but a sum off by more than the rounding allows is not.
    assert not total.intersects(Quantity.parse("37,301.95").interval())


def test_division_by_interval_containing_zero_is_undefined() -> None:
    assert Interval.point(Decimal(1)) / Interval(lo=Decimal("-0.005"), hi=Decimal("0.005")) is None


def _printed(value: Decimal, decimals: int, commas: bool) -> str:
    rounded = value.quantize(Decimal(1).scaleb(-decimals))
    return f"{rounded:,f}" if commas else f"{rounded:f}"


amounts = st.decimals(min_value=0, max_value=10**9, places=4, allow_nan=False,
                      allow_infinity=False)


@given(amounts, st.integers(min_value=0, max_value=3), st.booleans())
def test_printed_value_interval_contains_true_value(value: Decimal, decimals: int,
                                                    commas: bool) -> None:
    q = Quantity.parse(_printed(value, decimals, commas))
    assert q.decimals == decimals
    assert q.interval().contains(value)


@given(st.lists(amounts, min_size=1, max_size=8), st.integers(min_value=0, max_value=3))
def test_sum_of_rounded_parts_is_consistent_with_rounded_total(parts: list[Decimal],
                                                               decimals: int) -> None:
    """However the parts and the total were rounded, the interval check never false-alarms."""
    printed = [Quantity.parse(_printed(p, decimals, True)) for p in parts]
    total = Quantity.parse(_printed(sum(parts, Decimal(0)), decimals, True))
    acc = Interval.point(Decimal(0))
    for q in printed:
        acc = acc + q.interval()
    assert acc.intersects(total.interval())


@given(amounts, amounts.filter(lambda d: d > 1))
def test_quotient_interval_contains_true_quotient(a: Decimal, b: Decimal) -> None:
    qa, qb = Quantity.parse(_printed(a, 2, False)), Quantity.parse(_printed(b, 2, False))
    quotient = qa.interval() / qb.interval()
    assert quotient is not None
    assert quotient.contains(qa.value / qb.value)


def test_yuan_and_wanyuan_compare_in_one_unit() -> None:
    yuan = Quantity.parse("25,600,000", unit="元")
    wan = Quantity.parse("2,560.00", unit="万元")
    assert yuan.interval().intersects(wan.interval())
    assert Quantity.parse("1.2", unit="亿元").interval().contains(Decimal(12000))
