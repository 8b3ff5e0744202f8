"""CSV output of one tabular view (forms, indicators, figures or public-table cells), UTF-8 with BOM
for Excel."""

from __future__ import annotations

import csv
import io
from typing import Any

from juesuan.model.disclosure import Disclosure
from juesuan.report.tables import evaluations, figures, indicators, table_cells

VIEWS = {"forms": evaluations, "indicators": indicators, "figures": figures, "tables": table_cells}


def extract_csv(disclosure: Disclosure, view: str = "forms") -> str:
    rows: list[dict[str, Any]] = VIEWS[view](disclosure)
    out = io.StringIO()
    if rows:
        writer = csv.DictWriter(out, fieldnames=list(rows[0]), lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows)
    return "\ufeff" + out.getvalue()
