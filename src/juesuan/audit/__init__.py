"""Audit: rules that recompute and cross-check every stated figure, producing Findings.

``juesuan.audit(disclosure, config=None)`` is the public entry point. ``juesuan.audit`` is also this
package, so the package module itself is made callable (importing a submodule rebinds the parent's
attribute to the package, which would shadow a plain function of the same name).
"""

from __future__ import annotations

import sys
import types
from typing import Any

from juesuan.audit.config import AuditConfig, load_config
from juesuan.audit.engine import run_audit
from juesuan.audit.finding import Finding, Severity

__all__ = ["AuditConfig", "Finding", "Severity", "load_config", "run_audit"]


class _CallableModule(types.ModuleType):
    def __call__(self, disclosure: Any, config: AuditConfig | None = None) -> list[Finding]:
        return run_audit(disclosure, config)


sys.modules[__name__].__class__ = _CallableModule
