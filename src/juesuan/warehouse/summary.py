"""What ``juesuan report`` shows, as queries on the warehouse (each a pandas DataFrame).

Per department and year: documents, findings by severity, forms by grade; findings by rule; the
departments with most errors; the year-over-year totals the charts draw; the files refused.
Column names are Chinese (the report's readers); each query is also usable from Python.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from juesuan.warehouse.store import Warehouse

if TYPE_CHECKING:
    import pandas as pd

GRADES = ("优", "良", "中", "差")

_BY_DEPARTMENT = """
WITH f AS (
  SELECT doc_id, count(*) FILTER (WHERE severity = 'error') AS errors,
         count(*) FILTER (WHERE severity = 'warning') AS warnings,
         count(*) FILTER (WHERE severity = 'info') AS infos,
         count(*) FILTER (WHERE scope = 'corpus') AS corpus
  FROM findings GROUP BY doc_id),
g AS (
  SELECT doc_id, count(*) AS forms,
         {grades}
  FROM forms GROUP BY doc_id)
SELECT coalesce(d.department, '（未识别）') AS "部门", d.year AS "年度",
       count(*) AS "文件数",
       count(*) FILTER (WHERE d.status <> 'ok') AS "无法读取",
       coalesce(sum(f.errors), 0)::BIGINT AS "错误", coalesce(sum(f.warnings), 0)::BIGINT AS "警告",
       coalesce(sum(f.infos), 0)::BIGINT AS "提示", coalesce(sum(f.corpus), 0)::BIGINT AS "跨文件发现",
       coalesce(sum(g.forms), 0)::BIGINT AS "自评表",
       {grade_sums}
FROM documents d LEFT JOIN f USING (doc_id) LEFT JOIN g USING (doc_id)
WHERE d.status = 'ok'
GROUP BY ALL ORDER BY "部门", "年度"
"""

_BY_RULE = """
SELECT code AS "规则", name AS "名称", severity AS "级别", scope AS "范围",
       count(DISTINCT doc_id) AS "文件数", count(*) AS "发现数"
FROM findings GROUP BY ALL ORDER BY "发现数" DESC, "规则"
"""

_BY_DEPARTMENT_RULE = """
SELECT coalesce(d.department, '（未识别）') AS "部门", d.year AS "年度", f.code AS "规则",
       f.severity AS "级别", count(*) AS "发现数"
FROM findings f JOIN documents d USING (doc_id)
GROUP BY ALL ORDER BY "部门", "年度", "发现数" DESC, "规则"
"""

_TOP = """
SELECT coalesce(d.department, '（未识别）') AS "部门",
       count(DISTINCT d.doc_id) AS "文件数",
       count(*) FILTER (WHERE f.severity = 'error') AS "错误",
       count(*) FILTER (WHERE f.severity = 'warning') AS "警告"
FROM documents d JOIN findings f USING (doc_id)
GROUP BY ALL ORDER BY "错误" DESC, "警告" DESC, "部门" LIMIT ?
"""

_YEARS = """
WITH f AS (
  SELECT doc_id, count(*) FILTER (WHERE severity = 'error') AS errors,
         count(*) FILTER (WHERE severity = 'warning') AS warnings
  FROM findings GROUP BY doc_id)
SELECT d.year AS "年度", count(*) AS "文件数",
       coalesce(sum(f.errors), 0)::BIGINT AS "错误", coalesce(sum(f.warnings), 0)::BIGINT AS "警告",
       round(coalesce(sum(f.errors), 0) / count(*), 2)::DOUBLE AS "每份错误数",
       (SELECT count(*) FROM forms x JOIN documents y USING (doc_id) WHERE y.year = d.year) AS "自评表",
       {grade_counts}
FROM documents d LEFT JOIN f USING (doc_id)
WHERE d.status = 'ok' AND d.year IS NOT NULL
GROUP BY d.year ORDER BY d.year
"""

_REFUSED = """
SELECT s.path AS "文件", d.error_code AS "错误代码", d.error_message AS "说明"
FROM documents d JOIN sources s USING (doc_id) WHERE d.status <> 'ok' ORDER BY s.path
"""


def _grade_sql() -> dict[str, str]:
    return {
        "grades": ", ".join(f"count(*) FILTER (WHERE grade = '{g}') AS g_{i}"
                            for i, g in enumerate(GRADES)),
        "grade_sums": ", ".join(f'coalesce(sum(g.g_{i}), 0)::BIGINT AS "{g}"'
                                for i, g in enumerate(GRADES)),
        "grade_counts": ", ".join(
            f"(SELECT count(*) FROM forms x JOIN documents y USING (doc_id) WHERE y.year = d.year "
            f"AND x.grade = '{g}') AS \"{g}\"" for g in GRADES),
    }


@dataclass
class Summary:
    """Every view the report shows."""

    by_department: pd.DataFrame
    by_rule: pd.DataFrame
    by_department_rule: pd.DataFrame
    top_departments: pd.DataFrame
    years: pd.DataFrame
    refused: pd.DataFrame
    documents: int
    schema_version: int


def summarize(warehouse: Warehouse, top: int = 10) -> Summary:
    sql = _grade_sql()
    con = warehouse.con
    return Summary(
        by_department=con.execute(_BY_DEPARTMENT.format(**sql)).df(),
        by_rule=con.execute(_BY_RULE).df(),
        by_department_rule=con.execute(_BY_DEPARTMENT_RULE).df(),
        top_departments=con.execute(_TOP, [top]).df(),
        years=con.execute(_YEARS.format(**sql)).df(),
        refused=con.execute(_REFUSED).df(),
        documents=int(con.execute("SELECT count(*) FROM documents").fetchall()[0][0]),
        schema_version=warehouse.schema_version,
    )
