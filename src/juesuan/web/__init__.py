"""The web review workspace (``juesuan serve``): upload disclosures, audit them, triage each finding
beside the page it quotes, keep the decisions across versions, export the memo and the baseline.

A thin layer like the CLI: FastAPI routes over :mod:`juesuan.web.review` (access, decisions,
comparison) and :mod:`juesuan.web.ingest` (the read → parse → audit → score pipeline), server-side
pages (Jinja2 templates, htmx vendored under ``static/``), and the same JSON API under ``/api``.
"""

from __future__ import annotations

from juesuan.web.app import create_app
from juesuan.web.settings import Settings

__all__ = ["Settings", "create_app"]
