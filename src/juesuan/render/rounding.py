"""舍位平衡: show money in 万元 with two decimals so that displayed parts add to displayed totals.

Largest-remainder (Hamilton) rounding: each part is first rounded down to the display unit, then
the units still missing to reach the rounded total go to the parts with the largest remainders.
Every displayed part then lies within one display unit of its true value, and the displayed parts
sum exactly to the displayed total.
"""

from __future__ import annotations

import heapq
from collections.abc import Hashable, Mapping, Sequence
from decimal import ROUND_FLOOR, ROUND_HALF_UP, Decimal
from typing import TypeVar

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


K = TypeVar("K", bound=Hashable)


def balance_tree(children: Mapping[K, Sequence[K]], leaves: Mapping[K, Sequence[Decimal]], root: K,
                 total: Decimal | None = None, quantum: Decimal = CENT) -> dict[K, list[Decimal]]:
    """Hierarchical 舍位平衡 of a table whose rows form a tree (合计 → 类 → 款 → 项) and whose columns
    add up to a row total (本年支出合计 = 基本支出 + 项目支出 + …).

    ``children`` maps a row to its child rows (a row without children is a leaf); ``leaves`` holds
    each leaf's exact amounts, one per column. Returns every row's displayed amounts such that

    - every displayed parent is the sum of its displayed children, in every column;
    - every row's displayed total (the sum of its displayed columns) is a rounding of its exact total;
    - every displayed amount and total is its exact value rounded down or up to ``quantum``, and an
      exact multiple of ``quantum`` is shown as it is;
    - the root's displayed total is ``total`` rounded half up (default: the exact grand total).

    Balancing each column on its own (Hamilton, level by level) would keep the columns adding up but
    not the rows, and no level-by-level choice is safe in general; this is a controlled rounding over
    the whole table, which always exists because the constraints are the sets of two laminar
    families (column sub-trees and row sub-trees): a network flow. Among the solutions it takes the
    one with the least total leaf error (min-cost flow), so cents go to the largest remainders.
    """
    order: list[K] = []
    stack = [root]
    while stack:
        node = stack.pop()
        order.append(node)
        stack.extend(reversed(list(children.get(node, ()))))
    leaf_rows = [n for n in order if not children.get(n)]
    width = len(leaves[leaf_rows[0]])
    units = {n: [v / quantum for v in leaves[n]] for n in leaf_rows}
    floors = {n: [_floor(v) for v in units[n]] for n in leaf_rows}
    exact: dict[K, list[Decimal]] = {}
    floor_sums: dict[K, list[int]] = {}
    for node in reversed(order):
        kids = children.get(node)
        if kids:
            exact[node] = [sum((exact[k][c] for k in kids), Decimal(0)) for c in range(width)]
            floor_sums[node] = [sum(floor_sums[k][c] for k in kids) for c in range(width)]
        else:
            exact[node], floor_sums[node] = units[node], floors[node]
    grand = sum(exact[root], Decimal(0))
    target = grand if total is None else total / quantum
    target_units = int(round_half_up(target, Decimal(1)))
    if not _floor(grand) <= target_units <= -_floor(-grand):
        raise ValueError(f"total {total} cannot be balanced over the table (exact {grand * quantum})")

    def bounds(value: Decimal, base: int) -> tuple[int, int]:
        return _floor(value) - base, -_floor(-value) - base

    # nodes are numbered in topological order: columns top-down, then rows bottom-up
    flow = _Network()
    source = flow.node()
    column_node = {(n, c): flow.node() for n in order for c in range(width)}
    row_node = {n: flow.node() for n in reversed(order)}
    sink = flow.node()
    for c in range(width):
        flow.bounded(source, column_node[root, c], *bounds(exact[root][c], floor_sums[root][c]))
    for node in order:
        for kid in children.get(node, ()):
            for c in range(width):
                flow.bounded(column_node[node, c], column_node[kid, c],
                             *bounds(exact[kid][c], floor_sums[kid][c]))
            flow.bounded(row_node[kid], row_node[node],
                         *bounds(sum(exact[kid], Decimal(0)), sum(floor_sums[kid])))
    cells: dict[tuple[K, int], int] = {}
    for node in leaf_rows:
        for c in range(width):
            remainder = units[node][c] - floors[node][c]
            if remainder:
                # rounding up turns an error of r into 1 − r: the largest remainders go up first
                cells[node, c] = flow.arc(column_node[node, c], row_node[node], 1, 1 - 2 * remainder)
    needed = target_units - sum(floor_sums[root])
    flow.arc(row_node[root], sink, needed, Decimal(0))
    if not flow.send(source, sink, needed):
        raise ValueError(f"the table cannot be balanced to {target_units * quantum}")
    shown: dict[K, list[Decimal]] = {}
    for node in reversed(order):
        kids = children.get(node)
        if kids:
            shown[node] = [sum((shown[k][c] for k in kids), Decimal(0)) for c in range(width)]
        else:
            shown[node] = [(floors[node][c] + (flow.used(cells[node, c]) if (node, c) in cells else 0)) * quantum
                           for c in range(width)]
    return shown


def _floor(value: Decimal) -> int:
    return int(value.to_integral_value(rounding=ROUND_FLOOR))


class _Network:
    """Min-cost flow by successive shortest paths (Dijkstra with potentials); integer capacities.

    A lower bound ``low`` on an arc is enforced by a parallel arc of capacity ``low`` and a cost so
    negative that any flow meeting every lower bound is cheaper than any flow that misses one.
    """

    def __init__(self) -> None:
        self.heads: list[int] = []
        self.capacity: list[int] = []
        self.cost: list[Decimal] = []
        self.out: list[list[int]] = []
        self.lower: list[tuple[int, int]] = []
        """(arc, lower bound) of the bounded arcs."""

    def node(self) -> int:
        self.out.append([])
        return len(self.out) - 1

    def arc(self, tail: int, head: int, capacity: int, cost: Decimal) -> int:
        """Add an arc (and its residual twin, at index + 1); returns its index."""
        for a, b, cap, price in ((tail, head, capacity, cost), (head, tail, 0, -cost)):
            self.out[a].append(len(self.heads))
            self.heads.append(b)
            self.capacity.append(cap)
            self.cost.append(price)
        return len(self.heads) - 2

    def bounded(self, tail: int, head: int, low: int, high: int) -> None:
        """An arc carrying between ``low`` and ``high`` units (0 ≤ low ≤ high)."""
        if low:
            self.lower.append((self.arc(tail, head, low, Decimal(0)), low))
        if high > low:
            self.arc(tail, head, high - low, Decimal(0))

    def used(self, arc: int) -> int:
        return self.capacity[arc + 1]

    def send(self, source: int, sink: int, amount: int) -> bool:
        """Send ``amount`` at least cost; True when it all went through and every lower bound holds."""
        penalty = Decimal(2 * len(self.heads) + 2)
        for arc, _ in self.lower:
            self.cost[arc], self.cost[arc + 1] = -penalty, penalty
        # nodes are numbered in topological order, so one pass gives the initial potentials
        potential = [Decimal(0)] * len(self.out)
        reached = [False] * len(self.out)
        reached[source] = True
        for tail in range(len(self.out)):
            if not reached[tail]:
                continue
            for arc in self.out[tail]:
                head = self.heads[arc]
                if self.capacity[arc] > 0 and (not reached[head] or
                                               potential[tail] + self.cost[arc] < potential[head]):
                    potential[head] = potential[tail] + self.cost[arc]
                    reached[head] = True
        while amount > 0:
            distance: dict[int, Decimal] = {source: Decimal(0)}
            via: dict[int, int] = {}
            queue: list[tuple[Decimal, int]] = [(Decimal(0), source)]
            done: set[int] = set()
            while queue:
                d, tail = heapq.heappop(queue)
                if tail in done:
                    continue
                done.add(tail)
                for arc in self.out[tail]:
                    head = self.heads[arc]
                    if self.capacity[arc] <= 0 or head in done:
                        continue
                    step = d + self.cost[arc] + potential[tail] - potential[head]
                    if head not in distance or step < distance[head]:
                        distance[head], via[head] = step, arc
                        heapq.heappush(queue, (step, head))
            if sink not in done:
                return False
            for n in done:
                potential[n] += distance[n]
            path = []
            n = sink
            while n != source:
                path.append(via[n])
                n = self.heads[via[n] ^ 1]
            push = min([amount, *(self.capacity[a] for a in path)])
            for a in path:
                self.capacity[a] -= push
                self.capacity[a ^ 1] += push
            amount -= push
        return all(self.capacity[arc + 1] == low for arc, low in self.lower)
