"""Policies load from YAML and reject unknown keys and bad values with a clear, coded error."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest

from juesuan.read.errors import InputError
from juesuan.score.policy import load_policy, parse_policy


def test_builtin_policies_load() -> None:
    national = load_policy("national")
    assert national.weights.fund_execution == 10 and national.weights.output == 50
    assert not national.over_achievement.enabled and national.sources
    assert [national.grade(Decimal(v)) for v in ("90", "89.99", "80", "60", "59.9")] == [
        "优", "良", "良", "中", "差"]
    local = load_policy("example-local")
    assert local.over_achievement.enabled and local.over_achievement.threshold == Decimal("0.2")


def test_policy_from_path(tmp_path: Path) -> None:
    src = Path(__file__).resolve().parents[2] / "src/juesuan/score/policies/national.yaml"
    path = tmp_path / "mine.yaml"
    path.write_text(src.read_text(encoding="utf-8").replace("name: national", "name: mine"),
                    encoding="utf-8")
    assert load_policy(path).name == "mine"


@pytest.mark.parametrize(("text", "key"), [
    ("name: x\nqualitative: {met: {min: 0.8, max: 1}, partial: {min: 0.6, max: 0.8}, "
     "unmet: {min: 0, max: 0.6}}\ngrades: [{name: 优, min: 90}]\ncolour: red\n", "colour"),
    ("name: x\nweights: {foo: 1}\n", "weights.foo"),
    ("name: x\nqualitative: {met: {min: 0.9, max: 0.8}, partial: {min: 0.6, max: 0.8}, "
     "unmet: {min: 0, max: 0.6}}\ngrades: [{name: 优, min: 90}]\n", "qualitative.met"),
    ("name: x\nqualitative: {met: {min: 0.8, max: 1}, partial: {min: 0.6, max: 0.8}, "
     "unmet: {min: 0, max: 0.6}}\ngrades: [{name: 优, min: 90}]\n"
     "weights: {output: 60}\n", "weights"),
])
def test_bad_policy_names_the_key(text: str, key: str) -> None:
    with pytest.raises(InputError) as info:
        parse_policy(text, "p.yaml")
    assert info.value.code == "Y001"
    assert key in info.value.message_en


def test_not_yaml_and_missing_file(tmp_path: Path) -> None:
    with pytest.raises(InputError) as info:
        parse_policy("a: [", "p.yaml")
    assert info.value.code == "Y001"
    with pytest.raises(InputError) as info:
        load_policy(tmp_path / "absent.yaml")
    assert info.value.code == "Y002"
