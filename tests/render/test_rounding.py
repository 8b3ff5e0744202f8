from __future__ import annotations

from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from juesuan.render.rounding import CENT, balance, round_half_up

amounts = st.lists(st.decimals(min_value=0, max_value=Decimal("1e9"), places=4, allow_nan=False,
                               allow_infinity=False), min_size=1, max_size=12)


@given(amounts)
def test_parts_add_up_to_the_rounded_total(parts: list[Decimal]) -> None:
    shown = balance(parts)
    assert sum(shown, Decimal(0)) == round_half_up(sum(parts, Decimal(0)))


@given(amounts)
def test_each_part_within_one_unit(parts: list[Decimal]) -> None:
    for true, shown in zip(parts, balance(parts), strict=True):
        assert abs(shown - true) < CENT
        assert shown == shown.quantize(CENT)


def test_largest_remainder_gets_the_cent() -> None:
    # 33.333 ×3 = 99.999 → 100.00: the cents go to the largest remainders (ties: first)
    assert balance([Decimal("33.333"), Decimal("33.334"), Decimal("33.332")]) == [
        Decimal("33.33"), Decimal("33.34"), Decimal("33.33")]
    assert balance([Decimal("0.005"), Decimal("0.005")]) == [Decimal("0.01"), Decimal("0.00")]


def test_a_total_out_of_reach_is_refused() -> None:
    with pytest.raises(ValueError, match="cannot be balanced"):
        balance([Decimal("1"), Decimal("2")], Decimal("10"))
    assert balance([]) == []
