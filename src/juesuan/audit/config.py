"""Audit configuration from ``juesuan.toml``: which rules run, their severities, grade thresholds.

Example::

    [audit]
    select = ["F", "N101"]        # codes or prefixes; default: all
    ignore = ["C104"]             # codes, prefixes or rule names
    [audit.severity]
    F108 = "warning"              # override a rule's default severity
    [grades]                      # 等级 thresholds on 总分 (national default 90 / 80 / 60)
    "优" = 90                     # non-ASCII keys are quoted in TOML
    "良" = 80
    "中" = 60
    [forms]
    fund_weight = 10              # 分值 of the fund-execution row

Unknown keys, unknown rule codes and bad values are errors (sqlfluff's users were hurt by silently
ignored names).
"""

from __future__ import annotations

import tomllib
from decimal import Decimal
from pathlib import Path
from typing import TYPE_CHECKING, Any

from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator

from juesuan.audit.finding import Severity
from juesuan.read.errors import InputError, validation_reason

if TYPE_CHECKING:
    from juesuan.audit.registry import Rule

NATIONAL_GRADES: dict[str, Decimal] = {"优": Decimal(90), "良": Decimal(80), "中": Decimal(60)}
"""财政部 convention for 项目支出绩效自评: 优 ≥ 90, 良 ≥ 80, 中 ≥ 60, else 差."""


class AuditConfig(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    select: list[str] = Field(default_factory=list)
    ignore: list[str] = Field(default_factory=list)
    severity: dict[str, Severity] = Field(default_factory=dict)
    grades: dict[str, Decimal] = Field(default_factory=lambda: dict(NATIONAL_GRADES))
    lowest_grade: str = "差"
    fund_weight: Decimal = Decimal(10)
    total_weight: Decimal = Decimal(100)

    @field_validator("grades")
    @classmethod
    def _grades_descending(cls, value: dict[str, Decimal]) -> dict[str, Decimal]:
        if not value:
            raise ValueError("grades must name at least one threshold")
        return dict(sorted(value.items(), key=lambda kv: kv[1], reverse=True))

    def grade_for(self, total: Decimal) -> str:
        for grade, threshold in self.grades.items():
            if total >= threshold:
                return grade
        return self.lowest_grade

    def severity_for(self, rule: Rule) -> Severity:
        return self.severity.get(rule.code, rule.severity)

    def enabled(self, rule: Rule) -> bool:
        def hit(patterns: list[str]) -> bool:
            return any(rule.code.startswith(p) or rule.name == p for p in patterns)

        if (self.select or rule.opt_in) and not hit(self.select):
            return False
        return not hit(self.ignore)


def _known(pattern: str) -> bool:
    from juesuan.audit.registry import all_rules

    return any(r.code.startswith(pattern) or r.name == pattern for r in all_rules())


def load_config(path: str | Path) -> AuditConfig:
    """Load and validate a TOML config; every problem is an InputError naming the key."""
    name = str(path)
    try:
        raw = tomllib.loads(Path(path).read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise InputError("K001", "配置文件不存在", "config file not found", name) from None
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
        raise InputError("K002", f"配置文件不是有效的 TOML：{exc}", f"invalid TOML: {exc}",
                         name) from None
    unknown = set(raw) - {"audit", "grades", "forms"}
    if unknown:
        keys = ", ".join(sorted(unknown))
        raise InputError("K003", f"未知的配置节：{keys}", f"unknown config sections: {keys}", name)
    audit: dict[str, Any] = dict(raw.get("audit", {}))
    forms: dict[str, Any] = dict(raw.get("forms", {}))
    data: dict[str, Any] = {
        "select": audit.pop("select", []),
        "ignore": audit.pop("ignore", []),
        "severity": audit.pop("severity", {}),
    }
    if audit:
        keys = ", ".join(sorted(audit))
        raise InputError("K003", f"[audit] 中有未知的键：{keys}", f"unknown keys in [audit]: {keys}",
                         name)
    if "grades" in raw:
        # A partial table changes only the thresholds it names; the others keep their defaults.
        data["grades"] = {**NATIONAL_GRADES, **raw["grades"]}
    for key in ("fund_weight", "total_weight"):
        if key in forms:
            value = forms.pop(key)  # a number via its text (0.1 stays 0.1); anything else validated below
            data[key] = Decimal(str(value)) if isinstance(value, int | float) and not isinstance(value, bool) \
                else value
    if "lowest_grade" in forms:
        data["lowest_grade"] = forms.pop("lowest_grade")
    if forms:
        keys = ", ".join(sorted(forms))
        raise InputError("K003", f"[forms] 中有未知的键：{keys}", f"unknown keys in [forms]: {keys}",
                         name)
    for pattern in [*data["select"], *data["ignore"], *data["severity"]]:
        if not _known(str(pattern)):
            raise InputError("K004", f"配置中引用了不存在的规则：{pattern}",
                             f"the config names an unknown rule: {pattern}", name)
    try:
        return AuditConfig(**data)
    except ValidationError as exc:
        first = exc.errors()[0]
        where = ".".join(str(x) for x in first["loc"])
        zh, en = validation_reason(first)
        raise InputError("K005", f"配置值无效（{where}）：{zh}", f"invalid config value at {where}: {en}",
                         name) from None
