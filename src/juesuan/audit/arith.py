"""Interval arithmetic on stated figures, shared by the rules.

Every helper takes printed quantities, widens each to the interval its shown decimals allow, and
answers whether some choice of true values reproduces the stated result (Arelle's calc 1.1,
statcheck's "consistent within rounding"). No tolerance is ever hand-tuned.
"""

from __future__ import annotations

from collections.abc import Iterable
from decimal import ROUND_HALF_UP, Decimal

from juesuan.model.quantity import Interval, Quantity

HUNDRED = Interval.point(Decimal(100))


def total_interval(parts: Iterable[Quantity]) -> Interval:
    acc = Interval.point(Decimal(0))
    for part in parts:
        acc = acc + part.interval()
    return acc


def ratio_percent(numerator: Interval, denominator: Interval) -> Interval | None:
    """numerator ÷ denominator × 100, or None when the denominator may be zero."""
    quotient = numerator / denominator
    return None if quotient is None else quotient.scale(Decimal(100))


def consistent(computed: Interval | None, stated: Quantity) -> bool:
    """True when the computed interval meets the stated figure's interval (or cannot be tested)."""
    return computed is None or computed.intersects(stated.interval())


def fmt(value: Decimal, decimals: int = 2) -> str:
    """A plain decimal string rounded half-up to ``decimals`` places for messages."""
    q = Decimal(1).scaleb(-decimals)
    return format(value.quantize(q, rounding=ROUND_HALF_UP), "f")


def fmt_interval(interval: Interval, decimals: int = 2) -> str:
    lo, hi = fmt(interval.lo, decimals), fmt(interval.hi, decimals)
    return lo if lo == hi else f"[{lo}, {hi}]"


def clamp(interval: Interval, low: Decimal, high: Decimal) -> Interval:
    return Interval(lo=min(max(interval.lo, low), high), hi=min(max(interval.hi, low), high))
