from __future__ import annotations

from decimal import ROUND_CEILING, ROUND_FLOOR, Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from juesuan.render.rounding import CENT, balance, balance_tree, round_half_up

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


def test_a_tree_keeps_its_rows_adding_up_where_columns_alone_would_not() -> None:
    # 基本 0.005 + 项目 0.005 = 0.01: rounding each column half up would show 0.01 + 0.01 ≠ 0.01
    shown = balance_tree({"": []}, {"": [Decimal("0.005"), Decimal("0.005")]}, "")
    assert sum(shown[""]) == Decimal("0.01") and sorted(shown[""]) == [Decimal("0.00"), Decimal("0.01")]
    # two 款 under a 类: each column and each row adds up, and a whole figure stays whole
    children = {"": ["211"], "211": ["21101", "21103"], "21101": [], "21103": []}
    leaves = {"21101": [Decimal("1.004"), Decimal("2.004"), Decimal("3")],
              "21103": [Decimal("1.004"), Decimal("0.004"), Decimal("0.002")]}
    shown = balance_tree(children, leaves, "")
    assert shown["211"] == shown[""] == [Decimal("2.01"), Decimal("2.01"), Decimal("3.00")]
    assert shown["21101"][2] == Decimal("3.00") and shown["21103"][2] == Decimal("0.00")
    assert [sum(shown[k]) for k in ("21101", "21103")] == [Decimal("6.01"), Decimal("1.01")]


def test_a_tree_total_out_of_reach_is_refused() -> None:
    with pytest.raises(ValueError, match="cannot be balanced"):
        balance_tree({"": []}, {"": [Decimal("1"), Decimal("2")]}, "", Decimal("3.01"))


@st.composite
def _trees(draw: st.DrawFn) -> tuple[dict[str, list[str]], dict[str, list[Decimal]]]:
    width = draw(st.integers(1, 5))
    children: dict[str, list[str]] = {"": []}
    leaves: dict[str, list[Decimal]] = {}

    def grow(node: str, depth: int) -> None:
        kids = [f"{node}{i}" for i in range(draw(st.integers(0 if depth else 1, 3 if depth < 3 else 0)))]
        children[node] = kids
        for kid in kids:
            grow(kid, depth + 1)
        if not kids:
            leaves[node] = draw(st.lists(st.decimals(min_value=0, max_value=Decimal("1e5"), places=6,
                                                     allow_nan=False, allow_infinity=False),
                                         min_size=width, max_size=width))

    grow("", 0)
    return children, leaves


@given(_trees(), st.booleans())
def test_every_level_and_every_row_adds_up(tree: tuple[dict[str, list[str]], dict[str, list[Decimal]]],
                                           round_up: bool) -> None:
    children, leaves = tree

    def exact(node: str) -> list[Decimal]:
        if not children[node]:
            return leaves[node]
        return [sum(column, Decimal(0)) for column in zip(*(exact(k) for k in children[node]), strict=True)]

    grand = sum(exact(""), Decimal(0))
    total = grand.quantize(CENT, rounding=ROUND_CEILING if round_up else ROUND_FLOOR)
    shown = balance_tree(children, leaves, "", total)
    assert sum(shown[""], Decimal(0)) == total
    for node, values in shown.items():
        if children[node]:
            assert values == [sum((shown[k][c] for k in children[node]), Decimal(0)) for c in range(len(values))]
        true = exact(node)
        assert abs(sum(values, Decimal(0)) - sum(true, Decimal(0))) < CENT
        for s, t in zip(values, true, strict=True):
            assert abs(s - t) < CENT and s == s.quantize(CENT)
