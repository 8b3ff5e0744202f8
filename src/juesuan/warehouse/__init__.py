"""The warehouse (数据仓库): many disclosures' extracts, findings and scores in one DuckDB file.

``juesuan batch`` fills it; ``juesuan report`` summarises it; Python queries it::

    import juesuan.warehouse
    with juesuan.warehouse.open("results.duckdb") as w:
        w.df("findings")                                   # a table as a pandas DataFrame
        w.table("documents").filter("year = 2024").df()    # a DuckDB relation
        w.sql("SELECT code, count(*) FROM findings GROUP BY code").fetchall()

The tables and their columns are in :mod:`juesuan.warehouse.schema` (README, "Warehouse").
"""

from __future__ import annotations

from juesuan.warehouse.schema import SCHEMA_VERSION, TABLES
from juesuan.warehouse.store import Warehouse, open

__all__ = ["SCHEMA_VERSION", "TABLES", "Warehouse", "open"]
