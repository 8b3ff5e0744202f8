"""Scoring policies: YAML files validated on load (pydantic v2), so rules are data, not code.

A policy names the weights, how the fund row's execution is scored, how quantitative and
qualitative indicators earn points, an optional penalty for large over-achievement, and the grade
thresholds. ``national`` ships in ``policies/national.yaml``; a local variant is any YAML file of
the same shape (``policies/example-local.yaml`` documents one). An unknown key or a bad value is an
:class:`~juesuan.read.errors.InputError` (code ``Y001``; ``Y002`` for a file that cannot be read)
naming the key, so the CLI exits 2 with one line.
"""

from __future__ import annotations

from decimal import Decimal
from importlib import resources
from pathlib import Path
from typing import Literal

import yaml
from pydantic import BaseModel, ConfigDict, Field, ValidationError, model_validator

from juesuan.read.errors import InputError

BUILTIN = ("national", "example-local")


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class Weights(_Strict):
    fund_execution: Decimal = Decimal(10)
    output: Decimal = Decimal(50)
    """产出指标."""
    effect: Decimal = Decimal(30)
    """效益指标."""
    satisfaction: Decimal = Decimal(10)
    """满意度指标."""
    adjustable: bool = True
    """Whether a form may shift weight between and within its levels (the stated 分值 are used)."""

    @model_validator(mode="after")
    def _sum_100(self) -> Weights:
        total = self.fund_execution + self.output + self.effect + self.satisfaction
        if total != 100:
            raise ValueError(f"weights must add to 100, they add to {total}")
        return self


class Execution(_Strict):
    method: Literal["rate_times_weight"] = "rate_times_weight"
    """得分 = 执行率 × 分值, capped at the 分值."""
    cap_at_weight: bool = True


class Quantitative(_Strict):
    met: Literal["full"] = "full"
    unmet: Literal["proportional", "zero"] = "proportional"
    """proportional: ≥ targets earn actual ÷ target × 分值, ≤ targets target ÷ actual × 分值."""
    exact_direction: Literal["by_category"] = "by_category"
    """How an ``=`` target is read: lower is better under 成本指标, higher is better elsewhere."""


class TierRange(_Strict):
    min: Decimal = Field(ge=0, le=1)
    max: Decimal = Field(ge=0, le=1)

    @model_validator(mode="after")
    def _ordered(self) -> TierRange:
        if self.min > self.max:
            raise ValueError("min must not exceed max")
        return self


class Qualitative(_Strict):
    met: TierRange
    partial: TierRange
    unmet: TierRange


OpName = Literal["=", "≥", ">", "≤", "<"]


def _default_ops() -> list[OpName]:
    return ["="]


class OverAchievement(_Strict):
    enabled: bool = False
    operators: list[OpName] = Field(default_factory=_default_ops)
    threshold: Decimal = Field(default=Decimal("0.2"), ge=0)
    """The penalty applies when the actual passes the target, in the indicator's direction, by
    more than this share of the target (|actual − target| ÷ target)."""
    min_share: Decimal = Field(default=Decimal("0.5"), ge=0, le=1)
    """The lowest share of the 分值 a reviewer may award; the highest is 1 − the excess share."""


class Grade(_Strict):
    name: str
    min: Decimal = Field(ge=0, le=100)


class Policy(_Strict):
    name: str
    description: str = ""
    sources: list[str] = Field(default_factory=list)
    weights: Weights = Field(default_factory=Weights)
    execution: Execution = Field(default_factory=Execution)
    quantitative: Quantitative = Field(default_factory=Quantitative)
    qualitative: Qualitative
    over_achievement: OverAchievement = Field(default_factory=OverAchievement)
    grades: list[Grade]
    """Highest first; a total below every threshold gets ``fallback_grade``."""
    fallback_grade: str = "差"

    @model_validator(mode="after")
    def _grades_descending(self) -> Policy:
        mins = [g.min for g in self.grades]
        if mins != sorted(mins, reverse=True) or len(set(mins)) != len(mins):
            raise ValueError("grades must be listed from the highest threshold down")
        return self

    def grade(self, total: Decimal) -> str:
        return next((g.name for g in self.grades if total >= g.min), self.fallback_grade)


def load_policy(spec: str | Path = "national") -> Policy:
    """A built-in policy by name (``national``, ``example-local``) or a YAML file by path."""
    if isinstance(spec, str) and spec in BUILTIN:
        text = resources.files("juesuan.score").joinpath(f"policies/{spec}.yaml").read_text(
            encoding="utf-8")
        return parse_policy(text, spec)
    path = Path(spec)
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise InputError("Y002", "评分规则文件无法读取", f"cannot read the policy file ({exc})",
                         str(path)) from exc
    return parse_policy(text, str(path))


def parse_policy(text: str, where: str = "<policy>") -> Policy:
    try:
        data = yaml.safe_load(text)
    except yaml.YAMLError as exc:
        raise InputError("Y001", "评分规则不是合法的 YAML", f"policy is not valid YAML: {exc}",
                         where) from exc
    if not isinstance(data, dict):
        raise InputError("Y001", "评分规则应为键值表", "a policy must be a mapping", where)
    try:
        return Policy.model_validate(data)
    except ValidationError as exc:
        errors = sorted(exc.errors(), key=lambda e: e["type"] != "extra_forbidden")
        first = errors[0]
        key = ".".join(str(p) for p in first["loc"]) or "(top level)"
        reason = "未知的键" if first["type"] == "extra_forbidden" else "取值无效"
        raise InputError("Y001", f"评分规则 {key}: {reason}",
                         f"policy key {key}: {first['msg']}", where) from exc
