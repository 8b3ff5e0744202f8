"""舍位平衡: show money in 万元 with two decimals so that displayed parts add to displayed totals.

Largest-remainder (Hamilton) rounding: each part is first rounded down to the display unit, then
the units still missing to reach the rounded total go to the parts with the largest remainders.
Every displayed part then lies within one display unit of its true value, and the displayed parts
sum exactly to the displayed total.
"""

from __future__ import annotations

from collections.abc import Sequence
from decimal import ROUND_FLOOR, ROUND_HALF_UP, Decimal

CENT = Decimal("0.01")
TEN_THOUSAND = Decimal(10000)


def to_wan(value: Decimal, unit: str) -> Decimal:
    """``value`` in 万元 (exact, not rounded)."""
    return value / TEN_THOUSAND if unit == "元" else value


def round_half_up(value: Decimal, quantum: Decimal = CENT) -> Decimal:
    return value.quantize(quantum, rounding=ROUND_HALF_UP)


def balance(parts: Sequence[Decimal], total: Decimal | None = None,
            quantum: Decimal = CENT) -> list[Decimal]:
    """Round ``parts`` to ``quantum`` so they sum to the rounded ``total`` (default: their sum).

    ``total`` must be within the parts' rounding reach (|rounded total − Σ floors| ≤ len(parts)
    units); a total further away raises ValueError.
    """
    if not parts:
        return []
    exact_total = sum(parts, Decimal(0)) if total is None else total
    target = round_half_up(exact_total, quantum)
    floors = [p.quantize(quantum, rounding=ROUND_FLOOR) for p in parts]
    missing = int((target - sum(floors, Decimal(0))) / quantum)
    if missing < 0 or missing > len(parts):
        raise ValueError(f"total {exact_total} cannot be balanced over parts {list(parts)}")
    order = sorted(range(len(parts)), key=lambda i: (-(parts[i] - floors[i]), i))
    out = list(floors)
    for i in order[:missing]:
        out[i] += quantum
    return out
