"""The warehouse file (DuckDB, embedded: nothing to start) — opening, migrating, writing, querying.

One process writes (``juesuan batch``'s driver); each write of a group of documents is one
transaction, so a batch killed at any moment leaves whole documents or none, and a re-run skips
what is stored. Readers open the file read-only (DuckDB allows several readers, or one writer).
The class is also the audit's :class:`~juesuan.audit.corpus.RelatedDocuments`: the cross-document
rules ask it for last year's disclosure, a department's units and a project's earlier forms.
"""

from __future__ import annotations

from collections import OrderedDict
from collections.abc import Collection, Iterable, Sequence
from pathlib import Path
from types import TracebackType
from typing import TYPE_CHECKING, Any

import duckdb

from juesuan.audit.corpus import DocumentRef, Kind, UnitMention
from juesuan.audit.finding import Finding
from juesuan.model.disclosure import Disclosure
from juesuan.read.errors import InputError
from juesuan.warehouse.rows import CORPUS, DocumentResult, finding_rows, record, unpack
from juesuan.warehouse.schema import MIGRATIONS, SCHEMA_VERSION, TABLES, create_statements

if TYPE_CHECKING:
    import pandas as pd

_FINAL_ACCOUNTS = ("department", "unit")
_CACHE = 32
"""Disclosures kept decoded: a department's last year is asked for by all its documents."""


def _error(code: str, zh: str, en: str, path: Path) -> InputError:
    return InputError(code, zh, en, str(path))


class Warehouse:
    """A warehouse file. ``read_only`` (the default for :func:`open`) never changes the file."""

    def __init__(self, path: str | Path, *, read_only: bool = True) -> None:
        self.path = Path(path)
        if read_only and not self.path.is_file():
            raise _error("V001", "仓库文件不存在", "warehouse file not found", self.path)
        try:
            self.con = duckdb.connect(str(self.path), read_only=read_only)
        except duckdb.IOException as exc:
            if "lock" in str(exc).lower():
                raise _error("V003", "仓库文件正被另一个进程写入", "the warehouse is being written by "
                             "another process", self.path) from None
            raise _error("V001", "不是 DuckDB 仓库文件", "not a DuckDB warehouse file",
                         self.path) from None
        except duckdb.Error:
            raise _error("V001", "不是 DuckDB 仓库文件", "not a DuckDB warehouse file",
                         self.path) from None
        self.read_only = read_only
        self.schema_version = self._version()
        if self.schema_version > SCHEMA_VERSION:
            self.con.close()
            raise _error("V002", f"仓库由更新版本的 juesuan 写入（表结构版本 {self.schema_version}），请升级",
                         f"the warehouse was written by a newer juesuan (schema version "
                         f"{self.schema_version}); upgrade", self.path)
        if self.schema_version < SCHEMA_VERSION:
            if read_only:
                self.con.close()
                raise _error("V002", f"仓库表结构版本为 {self.schema_version}，需要用 juesuan batch 升级",
                             f"the warehouse has schema version {self.schema_version}; run juesuan "
                             "batch on it to migrate", self.path)
            self._migrate()
        self._cache: OrderedDict[str, Disclosure] = OrderedDict()

    # -- schema ---------------------------------------------------------------------------------

    def _version(self) -> int:
        names = {r[0] for r in self.con.execute(
            "SELECT table_name FROM information_schema.tables").fetchall()}
        if "meta" not in names:
            if names:
                self.con.close()
                raise _error("V001", "不是 juesuan 仓库（缺少 meta 表）",
                             "not a juesuan warehouse (no meta table)", self.path)
            return 0
        # fetchall, not fetchone: DuckDB keeps a half-read result open on the connection.
        rows = self.con.execute("SELECT value FROM meta WHERE key = 'schema_version'").fetchall()
        return int(rows[0][0]) if rows else 0

    def _migrate(self) -> None:
        """Apply the migrations from the stored version up to :data:`SCHEMA_VERSION`, atomically."""
        self.con.execute("BEGIN TRANSACTION")
        if self.schema_version == 0:
            statements = create_statements()
        else:
            statements = [s for v in range(self.schema_version + 1, SCHEMA_VERSION + 1)
                          for s in MIGRATIONS[v]]
        for statement in statements:
            self.con.execute(statement)
        self.con.execute("INSERT OR REPLACE INTO meta VALUES ('schema_version', ?)",
                         [str(SCHEMA_VERSION)])
        self.con.execute("COMMIT")
        self.schema_version = SCHEMA_VERSION

    # -- queries --------------------------------------------------------------------------------

    def table(self, name: str) -> duckdb.DuckDBPyRelation:
        """A table as a DuckDB relation (``.df()`` for pandas, ``.filter(...)``, ``.aggregate``)."""
        if name not in {t.name for t in TABLES} | {"meta"}:
            raise KeyError(f"no table {name!r}; tables: {', '.join(t.name for t in TABLES)}")
        return self.con.table(name)

    def sql(self, query: str, params: Sequence[Any] | None = None) -> duckdb.DuckDBPyRelation:
        return self.con.sql(query, params=params) if params else self.con.sql(query)

    def df(self, name_or_query: str) -> pd.DataFrame:
        """A table (by name) or a query's result as a pandas DataFrame."""
        if name_or_query.isidentifier():
            return self.table(name_or_query).df()
        return self.sql(name_or_query).df()

    def stored(self) -> set[str]:
        """The doc_ids of every stored document (read or refused)."""
        return {r[0] for r in self.con.execute("SELECT doc_id FROM documents").fetchall()}

    # -- writing --------------------------------------------------------------------------------

    def write(self, results: Sequence[DocumentResult]) -> None:
        """Store ``results`` in one transaction (documents already stored only add their path)."""
        if not results:
            return
        import pandas as pd

        stored = self.stored()
        new = list({r.doc_id: r for r in reversed(results) if r.doc_id not in stored}.values())
        self.con.execute("BEGIN TRANSACTION")
        try:
            for table in TABLES:
                if table.name == "sources":
                    rows = [row for r in results for row in r.records.get("sources", [])]
                else:
                    rows = [row for r in new for row in r.records.get(table.name, [])]
                if not rows:
                    continue
                frame = pd.DataFrame(rows, columns=table.names, dtype=object)
                self.con.register("incoming", frame)
                conflict = " ON CONFLICT DO NOTHING" if table.name == "sources" else ""
                self.con.execute(f"INSERT INTO {table.name} SELECT * FROM incoming{conflict}")
                self.con.unregister("incoming")
            self._set_corpus_stale(True)
            self.con.execute("COMMIT")
        except BaseException:
            self.con.execute("ROLLBACK")
            raise

    def _set_corpus_stale(self, stale: bool) -> None:
        self.con.execute("INSERT OR REPLACE INTO meta VALUES ('corpus_stale', ?)",
                         ["true" if stale else "false"])

    def corpus_stale(self) -> bool:
        """True when documents were stored after the cross-document findings were computed (or a
        batch was killed before computing them)."""
        rows = self.con.execute("SELECT value FROM meta WHERE key = 'corpus_stale'").fetchall()
        return bool(rows) and rows[0][0] == "true"

    def add_sources(self, pairs: Iterable[tuple[str, str]]) -> None:
        """Record further paths (doc_id, path) at which stored documents were found."""
        rows = list(pairs)
        if rows:
            self.con.executemany("INSERT INTO sources VALUES (?, ?) ON CONFLICT DO NOTHING", rows)

    def replace_corpus_findings(self, findings: dict[str, list[Finding]]) -> None:
        """Replace every cross-document finding with ``findings`` (doc_id → findings), and recount
        each document's findings by severity, in one transaction."""
        import pandas as pd

        spec = next(t for t in TABLES if t.name == "findings")
        rows = [record("findings", row) for doc_id, fs in sorted(findings.items())
                for row in finding_rows(doc_id, CORPUS, fs)]
        self.con.execute("BEGIN TRANSACTION")
        try:
            self.con.execute("DELETE FROM findings WHERE scope = ?", [CORPUS])
            if rows:
                self.con.register("incoming", pd.DataFrame(rows, columns=spec.names, dtype=object))
                self.con.execute("INSERT INTO findings SELECT * FROM incoming")
                self.con.unregister("incoming")
            self._set_corpus_stale(False)
            self.con.execute("""
                UPDATE documents SET errors = c.errors, warnings = c.warnings, infos = c.infos
                FROM (SELECT d.doc_id,
                             count(f.code) FILTER (WHERE f.severity = 'error') AS errors,
                             count(f.code) FILTER (WHERE f.severity = 'warning') AS warnings,
                             count(f.code) FILTER (WHERE f.severity = 'info') AS infos
                      FROM documents d LEFT JOIN findings f USING (doc_id)
                      WHERE d.status = 'ok' GROUP BY d.doc_id) c
                WHERE documents.doc_id = c.doc_id""")
            self.con.execute("COMMIT")
        except BaseException:
            self.con.execute("ROLLBACK")
            raise

    def checkpoint(self) -> None:
        self.con.execute("CHECKPOINT")

    def close(self) -> None:
        self.con.close()

    def reopen(self) -> None:
        """Connect again after :meth:`close` (the writer lets read-only workers in between)."""
        self.con = duckdb.connect(str(self.path), read_only=self.read_only)
        self._cache.clear()

    def __enter__(self) -> Warehouse:
        return self

    def __exit__(self, kind: type[BaseException] | None, exc: BaseException | None,
                 tb: TracebackType | None) -> None:
        self.close()

    # -- RelatedDocuments -----------------------------------------------------------------------

    def documents(self, *, department: str | None = None, year: int | None = None,
                  parent: str | None = None) -> list[DocumentRef]:
        where: list[str] = ["status = 'ok'", "kind IN ('department', 'unit')"]
        params: list[str | int] = []
        # Names compare without whitespace, as juesuan.audit.corpus.same_department does.
        for column, value in (("department", department), ("parent", parent)):
            if value is not None:
                where.append(f"regexp_replace({column}, '\\s+', '', 'g') = "
                             "regexp_replace(?, '\\s+', '', 'g')")
                params.append(value)
        if year is not None:
            where.append("year = ?")
            params.append(year)
        rows = self.con.execute(
            "SELECT doc_id, source, department, year, kind, parent FROM documents WHERE "
            + " AND ".join(where) + " ORDER BY doc_id", params).fetchall()
        return [_ref(r) for r in rows]

    def disclosure(self, ref: DocumentRef) -> Disclosure:
        return self.disclosure_of(ref.doc_id)

    def disclosure_of(self, doc_id: str) -> Disclosure:
        if doc_id in self._cache:
            self._cache.move_to_end(doc_id)
            return self._cache[doc_id]
        rows = self.con.execute("SELECT disclosure FROM documents WHERE doc_id = ?", [doc_id]).fetchall()
        if not rows or rows[0][0] is None:
            raise KeyError(doc_id)
        disclosure = unpack(rows[0][0])
        self._cache[doc_id] = disclosure
        if len(self._cache) > _CACHE:
            self._cache.popitem(last=False)
        return disclosure

    def forms_named(self, name: str, year: int, unit_code: str | None = None
                    ) -> list[tuple[DocumentRef, int]]:
        rows = self.con.execute(
            "SELECT d.doc_id, d.source, d.department, d.year, d.kind, d.parent, f.ord FROM forms f "
            "JOIN documents d USING (doc_id) WHERE f.name = ? AND d.year = ? AND d.status = 'ok' "
            "AND d.kind IN ('department', 'unit') AND (?::VARCHAR IS NULL OR f.unit_code = ?) "
            "ORDER BY d.doc_id, f.ord", [name, year, unit_code, unit_code]).fetchall()
        return [(_ref(r[:6]), int(r[6])) for r in rows]

    def units(self, year: int, codes: Collection[str], names: Collection[str]) -> list[UnitMention]:
        rows = self.con.execute(
            "SELECT d.doc_id, d.source, d.department, d.year, d.kind, d.parent, f.unit_code, "
            "f.unit_name, f.name, f.line FROM forms f JOIN documents d USING (doc_id) "
            "WHERE d.year = ? AND d.status = 'ok' AND d.kind IN ('department', 'unit') "
            "AND f.unit_code IS NOT NULL AND f.unit_name IS NOT NULL "
            "AND (list_contains(?, f.unit_code) OR list_contains(?, f.unit_name)) "
            "ORDER BY d.doc_id, f.ord", [year, sorted(codes), sorted(names)]).fetchall()
        return [UnitMention(code=r[6], name=r[7], ref=_ref(r[:6]), form=r[8], line=int(r[9]))
                for r in rows]


def _ref(row: Sequence[Any]) -> DocumentRef:
    kind: Kind = row[4] if row[4] in ("department", "unit", "budget") else "unknown"
    return DocumentRef(doc_id=row[0], source=row[1], department=row[2], year=row[3], kind=kind,
                       parent=row[5])


def open(path: str | Path, *, read_only: bool = True) -> Warehouse:
    """Open a warehouse for queries (read-only by default; ``read_only=False`` creates or migrates
    it). ``with juesuan.warehouse.open("results.duckdb") as w: w.df("findings")``."""
    return Warehouse(path, read_only=read_only)
