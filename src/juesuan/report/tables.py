"""Tabular views of a Disclosure: one plain dict per form, indicator, figure and public-table cell.

The rows hold only str / None / int values (money as decimal strings), so they serialise to JSON
as they are and load straight into pandas: ``pandas.DataFrame(evaluations(disclosure))``.
These rows are the ``extract`` JSON contract (README, "Output contracts").
"""

from __future__ import annotations

from typing import Any

from juesuan.model.disclosure import Disclosure
from juesuan.model.evaluation import FundRow, Indicator, ProjectEvaluation
from juesuan.model.quantity import Quantity
from juesuan.model.stated_tables import StatedRow, StatedTable, UnreadableCell

Row = dict[str, Any]


def _num(q: Quantity | None) -> str | None:
    return None if q is None else q.plain()


def fund_row(row: FundRow | None) -> Row:
    return {
        "declared_budget": _num(row.declared_budget) if row else None,
        "initial_budget": _num(row.initial_budget) if row else None,
        "annual_budget": _num(row.annual_budget) if row else None,
        "executed": _num(row.executed) if row else None,
        "balance": _num(row.balance) if row else None,
        "execution_rate": _num(row.execution_rate) if row else None,
        "budget_score": _num(row.score) if row else None,
    }


def indicator_row(ind: Indicator) -> Row:
    return {
        "level1": ind.level1,
        "level2": ind.level2,
        "name": ind.name,
        "initial_target": ind.initial_target,
        "adjusted_target": ind.adjusted_target,
        "actual": ind.actual,
        "weight": _num(ind.weight),
        "score": _num(ind.score),
        "deviation_reason": ind.deviation_reason,
        "line": ind.span.line,
        "page": ind.span.page,
    }


def evaluation_row(form: ProjectEvaluation, *, nested: bool = True) -> Row:
    row: Row = {
        "name": form.name,
        "department_code": form.department_code,
        "department_name": form.department_name,
        "unit_code": form.unit_code,
        "unit_name": form.unit_name,
        **fund_row(form.amounts),
        "amounts_derived_from": form.amounts_derived_from,
        "total_score": _num(form.total_score),
        "grade": form.grade.text if form.grade else None,
        "line": form.span.line,
    }
    if nested:
        row["fund_sources"] = [
            {"source": r.source, **fund_row(r), "line": r.span.line, "page": r.span.page}
            for r in form.fund_sources
        ]
        row["indicators"] = [indicator_row(i) for i in form.indicators]
    else:
        row["indicator_count"] = len(form.indicators)
    row["page"] = form.span.page  # last, so CSV columns keep their places
    return row


def evaluations(disclosure: Disclosure) -> list[Row]:
    """One flat row per self-evaluation form (no nested lists), in document order."""
    return [evaluation_row(f, nested=False) for f in disclosure.evaluations]


def indicators(disclosure: Disclosure) -> list[Row]:
    """One row per indicator, with the form's name and 项目名称 line to join on."""
    return [
        {"evaluation": f.name, "evaluation_line": f.span.line, **indicator_row(i)}
        for f in disclosure.evaluations
        for i in f.indicators
    ]


def figures(disclosure: Disclosure) -> list[Row]:
    """One row per narrative figure."""
    return [
        {
            "value": fig.quantity.plain(),
            "unit": fig.quantity.unit,
            "label": fig.label,
            "line": fig.quantity.span.line if fig.quantity.span else None,
            "column": fig.quantity.span.column if fig.quantity.span else None,
            "text": fig.quantity.text,
            "section": fig.section,
            "page": fig.quantity.span.page if fig.quantity.span else None,
        }
        for fig in disclosure.figures
    ]


def _value(label: str, q: Quantity | None, unreadable: UnreadableCell | None = None) -> Row:
    """A cell: its amount, or for an amount cell that is not an amount (``见附注``) a null value and,
    under ``unreadable``, the text as printed."""
    out: Row = {
        "column": label,
        "value": _num(q),
        "text": q.text if q is not None else None,
        "cell": q.span.cell if q is not None and q.span is not None else None,
    }
    if unreadable is not None:
        out["unreadable"] = unreadable.text
    return out


def stated_row(row: StatedRow) -> Row:
    return {
        "code": row.code,
        "name": row.name,
        "side": row.side,
        "category": row.category,
        "line": row.span.line,
        "page": row.span.page,
        "values": [_value(label, q, row.unreadable_at(i)) for i, (label, q) in enumerate(row.values)],
    }


def stated_table(table: StatedTable) -> Row:
    """One public table with its rows nested (the ``tables`` key of the extract JSON)."""
    return {
        "number": table.number,
        "standard": table.standard,
        "name": table.name,
        "caption": table.caption,
        "line": table.span.line,
        "page": table.span.page,
        "unit": table.unit,
        "columns": list(table.columns),
        "empty_note": table.empty_note,
        "rows": [stated_row(r) for r in table.rows],
    }


def table_cells(disclosure: Disclosure) -> list[Row]:
    """One flat row per amount cell of the public tables (公开01–09表), in document order."""
    return [
        {
            "table": t.label,
            "standard": t.standard,
            "table_name": t.name,
            "unit": t.unit,
            "side": r.side,
            "code": r.code,
            "name": r.name,
            "category": r.category,
            **_value(label, q, r.unreadable_at(i)),
            "line": q.span.line if q is not None and q.span is not None else r.span.line,
            "page": q.span.page if q is not None and q.span is not None else r.span.page,
        }
        for t in disclosure.tables
        for r in t.rows
        for i, (label, q) in enumerate(r.values)
    ]


def to_dataframe(rows: list[Row]) -> Any:
    """A pandas DataFrame of ``rows`` (needs the optional ``pandas`` extra)."""
    try:
        import pandas as pd
    except ImportError as exc:  # pragma: no cover - depends on the environment
        raise ImportError("pandas is optional: pip install 'juesuan[pandas]'") from exc
    return pd.DataFrame(rows)
