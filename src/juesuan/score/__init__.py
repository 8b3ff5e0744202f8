"""Scoring: recompute self-evaluation forms' points under a policy (national or local YAML).

A sibling stage of ``audit``: it reads the model and never imports ``audit``.
"""

from juesuan.score.engine import FormScore, ItemScore, Status, score_disclosure, score_form
from juesuan.score.policy import Policy, load_policy
from juesuan.score.values import parse_value

__all__ = ["FormScore", "ItemScore", "Policy", "Status", "load_policy", "parse_value",
           "score_disclosure", "score_form"]
