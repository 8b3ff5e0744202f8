"""Benchmark: audit recall on planted errors, and false alarms on the unmutated reference.

Plants one edit at a time into a stated figure that the audit checks (narrative claim operands,
form figures and, in a document that prints them, the public tables' cells), re-reads and re-audits
the mutant, and counts it found when a finding that the unmutated document does not have (by code,
line, quote, stated and expected value) sits on the edited line or names it among its related spans.

Edits change a significant digit, swap two adjacent digits, or shift the decimal point — each moves
the figure well beyond the interval its printed decimals allow. Edits of only the last printed
digit by one are reported separately ("last-digit ±1"): rounding may legitimately absorb them, so
they are information, not part of the recall target.

Usage: python bench/mutations.py [PATH] [--k 300] [--seed 7]
"""

from __future__ import annotations

import argparse
import random
import sys
import time
from collections import Counter, defaultdict
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path

from _common import REFERENCE
from juesuan.audit.engine import run_audit
from juesuan.audit.finding import Finding, Severity
from juesuan.model.disclosure import Disclosure
from juesuan.model.quantity import Quantity, parse_decimal
from juesuan.parse import parse_document
from juesuan.read.text import document_from_text


@dataclass(frozen=True)
class Target:
    kind: str
    quantity: Quantity


def targets(disclosure: Disclosure) -> list[Target]:
    found: dict[tuple[int, int], Target] = {}

    def add(kind: str, q: Quantity | None) -> None:
        if q is None or q.span is None or q.span.column is None:
            return
        found.setdefault((q.span.line, q.span.column), Target(kind, q))

    for claim in disclosure.claims:
        for q in claim.operands():
            unit = q.unit or ""
            add("narrative %" if unit == "%" else "narrative 万元" if "元" in unit
                else "narrative count", q)
    for form in disclosure.evaluations:
        row = form.fund_total
        if row is not None:
            for q in (row.annual_budget, row.executed, row.balance, row.execution_rate, row.score):
                add("form fund row", q)
        for ind in form.indicators:
            add("form indicator score", ind.score)
            add("form indicator weight", ind.weight)
        add("form 总分", form.total_score)
    for table in disclosure.tables:  # the public tables, when the document prints them
        for row in table.rows:
            for _, q in row.values:
                add("public table cell", q)
    return list(found.values())


def mutate(text: str, rng: random.Random) -> tuple[str, str] | None:
    """A changed printed number and the kind of edit, or None when no edit applies."""
    digits = [i for i, ch in enumerate(text) if ch.isdigit()]
    significant = [i for i in digits if text[i] != "0"] or digits
    options: list[str] = ["digit"]
    pairs = [i for i in digits if i + 1 < len(text) and text[i + 1].isdigit()
             and text[i] != text[i + 1]]
    if pairs:
        options.append("transpose")
    if "." in text or len(digits) >= 2:
        options.append("shift")
    edit = rng.choice(options)
    if edit == "digit":
        i = significant[0] if len(significant) == 1 else rng.choice(significant[:2])
        new_digit = rng.choice([d for d in "123456789" if d != text[i]])
        return text[:i] + new_digit + text[i + 1:], edit
    if edit == "transpose":
        i = rng.choice(pairs)
        return text[:i] + text[i + 1] + text[i] + text[i + 2:], edit
    plain = text.replace(",", "")
    value, decimals = parse_decimal(plain)
    shifted = value * 10 if rng.random() < 0.5 or value < 1 else value / 10
    return format(shifted.quantize(Decimal(1).scaleb(-decimals)), "f"), edit


def last_digit(text: str, rng: random.Random) -> str | None:
    digits = [i for i, ch in enumerate(text) if ch.isdigit()]
    i = digits[-1]
    d = int(text[i])
    choices = [x for x in (d - 1, d + 1) if 0 <= x <= 9]
    return text[:i] + str(rng.choice(choices)) + text[i + 1:] if choices else None


def key(f: Finding) -> tuple[str, int | None, str, str | None, str | None]:
    # A finding the unmutated document also has, but with other stated/expected figures, is new:
    # the reviewer sees the edited numbers in it.
    return (f.code, f.line, f.quote, f.stated, f.expected)


def audit_text(text: str, path: str) -> list[Finding]:
    return run_audit(parse_document(document_from_text(text, path)))


def splice(lines: list[str], q: Quantity, new: str) -> str:
    assert q.span is not None and q.span.column is not None
    line = lines[q.span.line - 1]
    start = q.span.column - 1
    assert line[start:start + len(q.text)] == q.text, (q.span, q.text, line[start:start + 20])
    mutated = list(lines)
    mutated[q.span.line - 1] = line[:start] + new + line[start + len(q.text):]
    return "\n".join(mutated)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("path", nargs="?", type=Path, default=REFERENCE)
    ap.add_argument("--k", type=int, default=300, help="number of mutants (default 300)")
    ap.add_argument("--seed", type=int, default=7)
    args = ap.parse_args()
    if not args.path.is_file():
        sys.exit(f"reference document not found: {args.path}")
    source = args.path.read_text(encoding="utf-8")
    lines = source.split("\n")
    name = str(args.path)

    start = time.perf_counter()
    base = audit_text(source, name)
    base_seconds = time.perf_counter() - start
    base_keys = {key(f) for f in base}
    disclosure = parse_document(document_from_text(source, name))
    population = targets(disclosure)
    counts = Counter(f.severity for f in base)
    print(f"unmutated: {counts[Severity.ERROR]} errors, {counts[Severity.WARNING]} warnings, "
          f"{counts[Severity.INFO]} notes (audit {base_seconds * 1000:.0f} ms)")
    print(f"checked figures available for mutation: {len(population)} "
          f"({', '.join(f'{k} {v}' for k, v in sorted(Counter(t.kind for t in population).items()))})")

    rng = random.Random(args.seed)
    # Stratified: each kind of figure gets an equal share of the mutants, so the few narrative
    # figures are measured as well as the ~1,800 indicator cells.
    by_kind: dict[str, list[Target]] = defaultdict(list)
    for t in population:
        by_kind[t.kind].append(t)
    kinds = sorted(by_kind)
    found: dict[str, list[bool]] = defaultdict(list)
    small: list[bool] = []
    missed: list[str] = []
    for _ in range(args.k):
        target = rng.choice(by_kind[rng.choice(kinds)])
        q = target.quantity
        edit = mutate(q.text, rng)
        if edit is None or edit[0] == q.text:
            continue
        new_text, how = edit
        mutant_findings = audit_text(splice(lines, q, new_text), name)
        line = q.span.line if q.span else -1
        hit = any(
            key(f) not in base_keys
            and (f.line == line or any(s.line == line for s in f.related))
            for f in mutant_findings
        )
        found[target.kind].append(hit)
        found["(all)"].append(hit)
        if not hit and len(missed) < 12:
            missed.append(f"  line {line}: {q.text} -> {new_text} ({target.kind}, {how})")
        tiny = last_digit(q.text, rng)
        if tiny is not None and len(small) < args.k // 3:
            tiny_findings = audit_text(splice(lines, q, tiny), name)
            small.append(any(key(f) not in base_keys and (f.line == line or any(
                s.line == line for s in f.related)) for f in tiny_findings))

    print(f"\nrecall on {len(found['(all)'])} mutants beyond rounding (seed {args.seed}):")
    for kind in sorted(found):
        hits = found[kind]
        print(f"  {kind:<24} {sum(hits):4d}/{len(hits):<4d} = {100 * sum(hits) / len(hits):6.2f}%")
    if small:
        print(f"last-digit ±1 edits (may be absorbed by rounding): {sum(small)}/{len(small)} "
              f"= {100 * sum(small) / len(small):.2f}% flagged")
    if missed:
        print("first missed mutants:")
        print("\n".join(missed))


if __name__ == "__main__":
    main()
