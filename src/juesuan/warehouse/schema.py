"""The warehouse schema (数据仓库表结构): tables, their version, and the migrations between versions.

Every table is keyed by ``doc_id``, the SHA-256 of the file's bytes, so a document read twice (or
from two paths) is stored once. The columns are the fields of the ``extract``, ``audit`` and
``score`` JSON contracts (README, "Output contracts"), with the same names and the same values
(money as the contract's decimal strings: exact, with the decimals the document shows; cast with
``::DECIMAL(38, 10)`` to compute). A field the contracts gain later and no column holds yet lands in
the row's ``extra`` JSON, so nothing is lost; a migration may then promote it to a column.

``meta.schema_version`` holds the version. A new file gets :func:`create_statements`; an older one
gets the :data:`MIGRATIONS` it lacks, in order, in one transaction, when it is opened for writing.
"""

from __future__ import annotations

from dataclasses import dataclass

SCHEMA_VERSION = 1


@dataclass(frozen=True)
class Table:
    name: str
    columns: tuple[tuple[str, str], ...]
    """(name, DuckDB type) in order; every table but ``documents`` starts with ``doc_id``."""
    key: tuple[str, ...]
    doc: str

    @property
    def names(self) -> list[str]:
        return [c for c, _ in self.columns]

    def create_sql(self) -> str:
        cols = ",\n  ".join(f'"{c}" {t}' for c, t in self.columns)
        return f'CREATE TABLE {self.name} (\n  {cols},\n  PRIMARY KEY ({", ".join(self.key)})\n)'


_FUND = (("declared_budget", "VARCHAR"), ("initial_budget", "VARCHAR"), ("annual_budget", "VARCHAR"),
         ("executed", "VARCHAR"), ("balance", "VARCHAR"), ("execution_rate", "VARCHAR"),
         ("budget_score", "VARCHAR"))

TABLES: tuple[Table, ...] = (
    Table("documents", (
        ("doc_id", "VARCHAR"), ("source", "VARCHAR"), ("size", "BIGINT"), ("format", "VARCHAR"),
        ("department", "VARCHAR"), ("year", "INTEGER"), ("kind", "VARCHAR"), ("parent", "VARCHAR"),
        ("title", "VARCHAR"), ("status", "VARCHAR"), ("error_code", "VARCHAR"),
        ("error_message", "VARCHAR"), ("evaluations", "INTEGER"), ("errors", "INTEGER"),
        ("warnings", "INTEGER"), ("infos", "INTEGER"), ("reader_warnings", "JSON"),
        ("juesuan_version", "VARCHAR"), ("disclosure", "BLOB"), ("extra", "JSON")),
        ("doc_id",),
        "one row per distinct file content: what it is (department, year, kind: department | unit | "
        "budget | unknown, parent: a unit's 主管部门), status ok | error with the input error's code "
        "(R001 …, P001) and message, finding counts by severity (document and corpus rules), and "
        "the parsed disclosure (zlib-compressed JSON of juesuan.model.Disclosure)"),
    Table("sources", (("doc_id", "VARCHAR"), ("path", "VARCHAR")), ("doc_id", "path"),
          "every path a document was found at"),
    Table("sections", (
        ("doc_id", "VARCHAR"), ("ord", "INTEGER"), ("level", "INTEGER"), ("number", "VARCHAR"),
        ("title", "VARCHAR"), ("line", "INTEGER"), ("end_line", "INTEGER"), ("extra", "JSON")),
        ("doc_id", "ord"), "extract JSON `sections`"),
    Table("public_tables", (
        ("doc_id", "VARCHAR"), ("ord", "INTEGER"), ("number", "INTEGER"), ("standard", "INTEGER"),
        ("name", "VARCHAR"), ("caption", "VARCHAR"), ("line", "INTEGER"), ("unit", "VARCHAR"),
        ("columns", "JSON"), ("empty_note", "VARCHAR"), ("extra", "JSON")),
        ("doc_id", "ord"), "extract JSON `tables` (公开01–09表), without their rows"),
    Table("table_cells", (
        ("doc_id", "VARCHAR"), ("table_ord", "INTEGER"), ("row_ord", "INTEGER"), ("ord", "INTEGER"),
        ("code", "VARCHAR"), ("name", "VARCHAR"), ("side", "VARCHAR"), ("category", "VARCHAR"),
        ("row_line", "INTEGER"), ("column", "VARCHAR"), ("value", "VARCHAR"), ("text", "VARCHAR"),
        ("cell", "INTEGER"), ("unreadable", "VARCHAR"), ("extra", "JSON")),
        ("doc_id", "table_ord", "row_ord", "ord"),
        "one row per amount cell of the public tables: a `tables[].rows[].values[]` entry with "
        "its row's fields"),
    Table("figures", (
        ("doc_id", "VARCHAR"), ("ord", "INTEGER"), ("value", "VARCHAR"), ("unit", "VARCHAR"),
        ("label", "VARCHAR"), ("line", "INTEGER"), ("column", "INTEGER"), ("text", "VARCHAR"),
        ("section", "VARCHAR"), ("extra", "JSON")),
        ("doc_id", "ord"), "extract JSON `figures`: every number in the narrative"),
    Table("claims", (
        ("doc_id", "VARCHAR"), ("ord", "INTEGER"), ("kind", "VARCHAR"), ("quote", "VARCHAR"),
        ("line", "INTEGER"), ("section", "VARCHAR"), ("sentence", "VARCHAR"), ("claim", "JSON")),
        ("doc_id", "ord"), "the narrative's typed claims (total, share, change, completion …); "
        "`claim` is the claim as juesuan.model.claims dumps it"),
    Table("forms", (
        ("doc_id", "VARCHAR"), ("ord", "INTEGER"), ("name", "VARCHAR"),
        ("department_code", "VARCHAR"), ("department_name", "VARCHAR"), ("unit_code", "VARCHAR"),
        ("unit_name", "VARCHAR"), *_FUND, ("total_score", "VARCHAR"), ("grade", "VARCHAR"),
        ("line", "INTEGER"), ("extra", "JSON")),
        ("doc_id", "ord"), "extract JSON `evaluations` (项目支出绩效自评表), the 资金总额 row's fields"),
    Table("fund_sources", (
        ("doc_id", "VARCHAR"), ("form_ord", "INTEGER"), ("ord", "INTEGER"), ("source", "VARCHAR"),
        *_FUND, ("line", "INTEGER"), ("extra", "JSON")),
        ("doc_id", "form_ord", "ord"), "extract JSON `evaluations[].fund_sources`"),
    Table("indicators", (
        ("doc_id", "VARCHAR"), ("form_ord", "INTEGER"), ("ord", "INTEGER"), ("level1", "VARCHAR"),
        ("level2", "VARCHAR"), ("name", "VARCHAR"), ("initial_target", "VARCHAR"),
        ("adjusted_target", "VARCHAR"), ("actual", "VARCHAR"), ("weight", "VARCHAR"),
        ("score", "VARCHAR"), ("deviation_reason", "VARCHAR"), ("line", "INTEGER"),
        ("extra", "JSON")),
        ("doc_id", "form_ord", "ord"), "extract JSON `evaluations[].indicators`"),
    Table("notes", (
        ("doc_id", "VARCHAR"), ("ord", "INTEGER"), ("line", "INTEGER"), ("message", "VARCHAR"),
        ("evaluation", "VARCHAR"), ("extra", "JSON")),
        ("doc_id", "ord"), "extract JSON `notes`: what the parser assumed"),
    Table("findings", (
        ("doc_id", "VARCHAR"), ("scope", "VARCHAR"), ("ord", "INTEGER"), ("code", "VARCHAR"),
        ("name", "VARCHAR"), ("severity", "VARCHAR"), ("message", "VARCHAR"),
        ("message_en", "VARCHAR"), ("line", "INTEGER"), ("page", "INTEGER"), ("column", "INTEGER"),
        ("quote", "VARCHAR"), ("stated", "VARCHAR"), ("expected", "VARCHAR"), ("part", "VARCHAR"),
        ("related", "JSON"), ("fingerprint", "VARCHAR"), ("extra", "JSON")),
        ("doc_id", "scope", "ord"),
        "audit JSON `findings` (both languages); scope `document` for the single-document rules, "
        "`corpus` for the cross-document rules (M1xx), recomputed after every batch"),
    Table("scores", (
        ("doc_id", "VARCHAR"), ("ord", "INTEGER"), ("policy", "VARCHAR"), ("name", "VARCHAR"),
        ("line", "INTEGER"), ("stated_total", "VARCHAR"), ("recomputed_total", "VARCHAR"),
        ("stated_grade", "VARCHAR"), ("recomputed_grade", "VARCHAR"), ("reproduced", "BOOLEAN"),
        ("reasons", "JSON"), ("stated_sum", "VARCHAR"), ("execution", "JSON"),
        ("indicators", "JSON"), ("notes", "JSON"), ("extra", "JSON")),
        ("doc_id", "ord"), "score JSON `evaluations`: one row per form under the batch's policy"),
)

BY_NAME = {t.name: t for t in TABLES}

META = "CREATE TABLE meta (key VARCHAR PRIMARY KEY, value VARCHAR)"


def create_statements() -> list[str]:
    """A new (empty) file gets the current schema directly."""
    return [META, *(t.create_sql() for t in TABLES)]


MIGRATIONS: dict[int, list[str]] = {}
"""version → the statements that bring a file of version − 1 to it. Version 1 is the first, so
there are none yet. A change to :data:`TABLES` bumps :data:`SCHEMA_VERSION` and adds its entry,
e.g. ``{2: ["ALTER TABLE forms ADD COLUMN fund_type VARCHAR",
"UPDATE forms SET fund_type = extra->>'fund_type'"]}`` (a field the contracts gained moves out of
``extra``); tests/warehouse pins each version's columns, so a change without a bump fails."""
