"""A corpus generator (合成语料) for scale tests: many departments' disclosures over several years.

Two kinds of variation:

* **Rendered families.** From a base ``FinalAccounts`` (the bundled example's data), each department
  gets a consistent chain of years: every amount scaled by a whole multiplier (which keeps every
  accounting identity exact), and each year's 上年 figures (``prior``, each 类's 上年决算, 三公 and
  机关运行经费) set to what the previous year's disclosure states — so consecutive years agree. Each
  department has units (所属单位) with their own 单位决算, each a chain too, and a fixed set of
  projects (self-evaluation forms) that recur every year, one of them with 上年结转资金 within last
  year's balance. Planted errors, one kind per department, break exactly one of those agreements:
  ``prior-year`` (last year's 收入总计 off, M101), ``unit-totals`` (the units' spending above the
  department's, M102), ``carryover`` (more carried over than was left, M103), ``unit-name`` (a
  unit named differently from the department's forms, M104).
* **Text variants** of given documents (the reference export, the real PDFs): read with juesuan's
  readers, written back as text exports with the department renamed, and, for every second one,
  one narrative figure changed (a single-document error).

Every file is listed in ``manifest.json`` with its department, year, kind and planted errors.
"""

from __future__ import annotations

import json
import random
import re
from collections.abc import Sequence
from dataclasses import asdict, dataclass, field
from decimal import Decimal
from pathlib import Path
from typing import Any

from juesuan.model.public_tables import FinalAccounts, FormInput, FundRowInput, Prior
from juesuan.read import read_document
from juesuan.read.errors import InputError
from juesuan.render import render_text
from juesuan.render.figures import compute

CITIES = ("晋城市", "长治市", "阳泉市", "临汾市", "运城市", "忻州市", "吕梁市", "朔州市", "大同市", "晋中市")
BUREAUS = ("生态环境局", "财政局", "教育局", "交通运输局", "水务局", "林业局", "商务局", "民政局",
           "司法局", "审计局", "统计局", "文化和旅游局")
PLANTS = ("none", "prior-year", "unit-totals", "carryover", "unit-name")
"""The planted error of department i is ``PLANTS[i % 5]``."""
CARRYOVER_PROJECT = 25
"""The base example's form with money left over (425.405 budgeted, 400.18 spent): the project
that carries money over into the next year."""
CARRIED = Decimal("20")
OVERDRAWN = Decimal("30")
"""What the carry-over project takes over: within last year's 25.225 left, or (planted) beyond it."""
PRIOR_SHIFT = Decimal("123.45")


@dataclass
class Generated:
    path: str
    department: str
    year: int | None
    kind: str
    planted: list[str] = field(default_factory=list)


def scaled(data: FinalAccounts, factor: int) -> FinalAccounts:
    """Every amount outside the forms times a whole ``factor`` (identities stay exact)."""
    def walk(node: Any) -> Any:
        if isinstance(node, Decimal):
            return node * factor
        if isinstance(node, dict):
            return {k: walk(v) for k, v in node.items()}
        if isinstance(node, list):
            return [walk(v) for v in node]
        return node

    raw = data.model_dump()
    forms = raw.pop("forms")
    return FinalAccounts.model_validate({**walk(raw), "forms": forms})


def follow(data: FinalAccounts, before: FinalAccounts) -> FinalAccounts:
    """``data`` with its 上年 figures taken from ``before`` (last year's data), as disclosed."""
    shown = compute(before)
    general = {r.code: r.general_basic + r.general_project for r in before.functions}
    functions = [r.model_copy(update={"general_prior": general.get(r.code, r.general_prior)})
                 for r in data.functions]
    tp = data.three_public
    items = {name: getattr(tp, name).model_copy(update={"prior": getattr(before.three_public, name).actual})
             for name in ("abroad", "vehicle_purchase", "vehicle_operation", "reception")}
    return data.model_copy(update={
        "prior": Prior(total=shown.income_total, fiscal_total=shown.fiscal_total,
                       general_total=shown.general),
        "functions": functions, "three_public": tp.model_copy(update=items),
        "office_costs_prior": before.office_costs})


def _with_carryover(form: FormInput, amount: Decimal) -> FormInput:
    """The form with ``amount`` of 上年结转资金 added as a fund source and to the 资金总额 row."""
    t = form.total

    def plus(v: Decimal | None) -> Decimal:
        return (v or Decimal(0)) + amount

    total = t.model_copy(update={"initial_budget": plus(t.initial_budget),
                                 "annual_budget": plus(t.annual_budget), "executed": plus(t.executed)})
    row = FundRowInput(source="上年结转资金", declared_budget=Decimal(0), initial_budget=amount,
                       annual_budget=amount, executed=amount, deviation_reason="无")
    return form.model_copy(update={"total": total, "sources": [*form.sources, row]})


def _forms(base: FinalAccounts, picks: Sequence[int], dept: tuple[str, str], unit: tuple[str, str],
           carry: Decimal | None) -> list[FormInput]:
    out = []
    for i in picks:
        form = base.forms[i].model_copy(update={
            "department_code": dept[0], "department_name": dept[1],
            "unit_code": unit[0], "unit_name": unit[1]})
        if i == CARRYOVER_PROJECT and carry is not None:
            # Its analysis text quotes last year's execution rate, which the carry-over changes.
            form = _with_carryover(form, carry).model_copy(update={"analysis": []})
        out.append(form)
    return out


def _as_unit_disclosure(text: str) -> str:
    """A rendered 部门决算 retitled as a unit's 单位决算 (the cover and the running title)."""
    return text.replace("年度部门决算公开", "年度单位决算公开", 2)


def family(base: FinalAccounts, index: int, years: Sequence[int], units: int, rng: random.Random
           ) -> list[tuple[str, FinalAccounts, str, list[str]]]:
    """One department's documents: (kind, data, department name, planted) for each unit and year."""
    city, bureau = CITIES[index % len(CITIES)], BUREAUS[(index // len(CITIES)) % len(BUREAUS)]
    name = f"{city}{bureau}" + (f"（{index // (len(CITIES) * len(BUREAUS)) + 1}）"
                                if index >= len(CITIES) * len(BUREAUS) else "")
    code = f"{300 + index % 600:03d}"
    plant = PLANTS[index % len(PLANTS)]
    picks = sorted({CARRYOVER_PROJECT, *rng.sample(range(len(base.forms)), rng.randint(2, 9))})
    unit_picks = [p for p in picks if p != CARRYOVER_PROJECT][:2]
    last = years[-1]
    out: list[tuple[str, FinalAccounts, str, list[str]]] = []
    members = [(name, f"{code}001", "department")] + [
        (f"{name}第{n + 1}分局", f"{code}{n + 2:03d}", "unit") for n in range(units)]
    for member, unit_code, kind in members:
        before: FinalAccounts | None = None
        for offset, year in enumerate(years):
            planted: list[str] = []
            factor = (units + 2 + offset) if kind == "department" else 1
            if plant == "unit-totals" and year == last:
                # The units outspend the department; the finding stands on the department's document.
                if kind == "unit":
                    factor = units + 2 + offset
                else:
                    planted.append("unit-totals")
            carry = None
            if offset > 0 and kind == "department":
                carry = OVERDRAWN if plant == "carryover" and year == last else CARRIED
                planted += ["carryover"] if carry == OVERDRAWN else []
            shown_unit = member
            if kind == "unit" and plant == "unit-name" and year == last and unit_code.endswith("002"):
                shown_unit, planted = f"{member}（筹）", ["unit-name"]
            if kind == "department":  # its own projects, then those of each unit it consolidates
                forms = _forms(base, picks, (code, name), (unit_code, member), carry)
                for unit_name, other_code, _ in members[1:]:
                    forms += _forms(base, unit_picks, (code, name), (other_code, unit_name), None)
            else:
                forms = _forms(base, unit_picks, (code, name), (unit_code, shown_unit), None)
            data = scaled(base, factor).model_copy(update={"department": member, "year": year,
                                                           "forms": forms})
            if data.assets is not None:  # 截至2024年12月31日 → the generated year's end
                data = data.model_copy(update={"assets": data.assets.model_copy(update={
                    "as_of": re.sub(r"^\d{4}年", f"{year}年", data.assets.as_of)})})
            if before is not None:
                data = follow(data, before)
            if kind == "department" and plant == "prior-year" and year == last:
                data = data.model_copy(update={"prior": data.prior.model_copy(
                    update={"total": data.prior.total + PRIOR_SHIFT})})
                planted.append("prior-year")
            out.append((kind, data, member, planted))
            before = data
    return out


def text_variant(source: Path, department: str, plant: bool) -> tuple[str, str | None, int | None]:
    """A text export of ``source`` with its department renamed (and, with ``plant``, its first
    narrative money figure changed); returns (text, department as read, year)."""
    from juesuan.parse import parse_document

    document = read_document(source)
    text = "\n".join("\t".join(c.text for c in line.cells) if line.cells else line.text
                     for line in document.lines)
    try:
        disclosure = parse_document(document)
        original, year = disclosure.department, disclosure.year
    except InputError:
        original, year = None, None
    if original:
        text = text.replace(original, department)
    if plant:
        # One narrative money figure gains 1 in its last shown digit but one.
        m = re.search(r"(?<![\d,.])(\d{1,3}(?:,\d{3})*\.\d{2})(?=万元)", text)
        if m:
            figure = m.group(1)
            digits = figure.replace(",", "")
            changed = format(Decimal(digits) + Decimal("0.10"), ",.2f")
            text = text[:m.start()] + changed + text[m.end():]
    return text, original, year


def generate(out: Path, count: int, base: FinalAccounts, *, seed: int = 0,
             years: Sequence[int] = (2022, 2023, 2024), units: int = 2,
             variants_of: Sequence[Path] = (), bad_files: bool = True) -> list[Generated]:
    """Write at least ``count`` disclosures under ``out`` (rendered families, then text variants of
    ``variants_of``, then two files juesuan refuses) and their ``manifest.json``."""
    rng = random.Random(seed)
    out.mkdir(parents=True, exist_ok=True)
    made: list[Generated] = []
    reserved = len(variants_of) * 2 + (2 if bad_files else 0)
    per_family = len(years) * (1 + units)
    index = 0
    while len(made) < max(per_family, count - reserved):
        for kind, data, member, planted in family(base, index, years, units, rng):
            text = render_text(data)
            if kind == "unit":
                text = _as_unit_disclosure(text)
            path = out / f"{index:04d}-{data.year}-{member}.txt"
            path.write_text(text, encoding="utf-8")
            made.append(Generated(str(path), member, data.year, kind, planted))
        index += 1
    for n, source in enumerate(variants_of):
        for k in range(2):
            # Both variants are one department's: the same name, so their unit codes agree.
            name = f"{CITIES[n % len(CITIES)]}试点{BUREAUS[n % len(BUREAUS)]}"
            try:
                text, _, year = text_variant(source, name, plant=k == 1)
            except InputError:
                continue
            path = out / f"variant-{n:02d}-{k}-{source.stem}.txt"
            path.write_text(text, encoding="utf-8")
            made.append(Generated(str(path), name, year, "variant", ["figure"] if k == 1 else []))
    if bad_files:
        (out / "bad-empty.txt").write_bytes(b"")
        (out / "bad-legacy.doc").write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(64))
        made += [Generated(str(out / "bad-empty.txt"), "", None, "bad", ["R001"]),
                 Generated(str(out / "bad-legacy.doc"), "", None, "bad", ["R005"])]
    (out / "manifest.json").write_text(json.dumps([asdict(g) for g in made], ensure_ascii=False,
                                                  indent=1), encoding="utf-8")
    return made
