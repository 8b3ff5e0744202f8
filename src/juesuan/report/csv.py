"""CSV output of one tabular view (forms, indicators or figures), UTF-8 with BOM for Excel."""

from __future__ import annotations

import csv
import io
from typing import Any

from juesuan.model.disclosure import Disclosure
from juesuan.report.tables import evaluations, figures, indicators

VIEWS = {"forms": evaluations, "indicators": indicators, "figures": figures}


def extract_csv(disclosure: Disclosure, view: str = "forms") -> str:
    rows: list[dict[str, Any]] = VIEWS[view](disclosure)
    out = io.StringIO()
    if rows:
        writer = csv.DictWriter(out, fieldnames=list(rows[0]), lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows)
    return "\ufeff" + out.getvalue()
