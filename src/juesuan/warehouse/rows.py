"""One document's rows for every warehouse table, built from the extract/audit/score contracts.

The rows are the contracts' own dicts (``juesuan.report.json`` and ``juesuan.report.score``), with
the keys that place them (``doc_id``, ``ord`` …) added; :func:`record` turns one into a table's
column tuple and keeps any field without a column in ``extra``. A document that could not be read
gives a ``documents`` row with its error code and nothing else.
"""

from __future__ import annotations

import json
import zlib
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import juesuan
from juesuan.audit.corpus import document_kind, parent_department
from juesuan.audit.finding import Finding, Severity
from juesuan.model.claims import CLAIM_ADAPTER
from juesuan.model.disclosure import Disclosure
from juesuan.read.errors import InputError
from juesuan.report.json import extract_payload
from juesuan.report.score import form_payload
from juesuan.score.engine import FormScore
from juesuan.warehouse.schema import BY_NAME

Row = dict[str, Any]
DOCUMENT, CORPUS = "document", "corpus"
"""The two scopes of findings: single-document rules, cross-document rules."""


@dataclass
class DocumentResult:
    """Everything the warehouse stores about one file, as each table's column tuples: built where
    the document was processed (a worker), so the one writer only inserts."""

    doc_id: str
    path: str
    document: Row
    """The ``documents`` row as a dict (status, error code …), for the batch's own accounting."""
    records: dict[str, list[tuple[Any, ...]]] = field(default_factory=dict)

    @classmethod
    def of(cls, doc_id: str, path: str, rows: dict[str, list[Row]]) -> DocumentResult:
        return cls(doc_id, path, rows["documents"][0],
                   {table: [record(table, row) for row in table_rows]
                    for table, table_rows in rows.items()})


def pack(disclosure: Disclosure) -> bytes:
    """The disclosure for the cross-document rules, without its raw text lines (the source file and
    the sections, figures, claims and tables are stored; the lines only serve the wording rules)."""
    return zlib.compress(disclosure.model_dump_json(exclude={"lines"}).encode("utf-8"), 6)


def unpack(blob: bytes) -> Disclosure:
    return Disclosure.model_validate_json(zlib.decompress(blob))


def severity_counts(findings: Sequence[Finding]) -> Row:
    return {"errors": sum(f.severity is Severity.ERROR for f in findings),
            "warnings": sum(f.severity is Severity.WARNING for f in findings),
            "infos": sum(f.severity is Severity.INFO for f in findings)}


def finding_rows(doc_id: str, scope: str, findings: Sequence[Finding]) -> list[Row]:
    # The audit contract's finding (finding_row) without its language choice: both messages.
    return [{"doc_id": doc_id, "scope": scope, "ord": i, **f.model_dump(mode="json")}
            for i, f in enumerate(findings)]


def document_rows(doc_id: str, path: str, size: int, disclosure: Disclosure,
                  findings: Sequence[Finding], scores: Sequence[FormScore], policy: str,
                  reader_warnings: Sequence[str] = ()) -> DocumentResult:
    """The rows of a document that was read, audited and scored."""
    extract = extract_payload(disclosure)
    out: dict[str, list[Row]] = {"documents": [{
        "doc_id": doc_id, "source": path, "size": size, "format": Path(path).suffix.lower().lstrip("."),
        "department": disclosure.department, "year": disclosure.year,
        "kind": document_kind(disclosure), "parent": parent_department(disclosure),
        "title": disclosure.title, "status": "ok", "error_code": None, "error_message": None,
        "evaluations": len(disclosure.evaluations), **severity_counts(findings),
        "reader_warnings": list(reader_warnings), "juesuan_version": juesuan.__version__,
        "disclosure": pack(disclosure)}]}
    out["sources"] = [{"doc_id": doc_id, "path": path}]
    out["sections"] = [{"doc_id": doc_id, "ord": i, **s} for i, s in enumerate(extract["sections"])]
    out["public_tables"] = []
    out["table_cells"] = []
    for t_ord, table in enumerate(extract["tables"]):
        rows = table.pop("rows")
        out["public_tables"].append({"doc_id": doc_id, "ord": t_ord, **table})
        for r_ord, row in enumerate(rows):
            values = row.pop("values")
            row["row_line"] = row.pop("line")
            out["table_cells"] += [{"doc_id": doc_id, "table_ord": t_ord, "row_ord": r_ord, "ord": i,
                                    **row, **v} for i, v in enumerate(values)]
    out["figures"] = [{"doc_id": doc_id, "ord": i, **f} for i, f in enumerate(extract["figures"])]
    claims = json.loads(CLAIM_ADAPTER.dump_json(disclosure.claims))
    out["claims"] = [{"doc_id": doc_id, "ord": i, "kind": c["kind"], "quote": c["quote"],
                      "line": c["span"]["line"], "section": c.get("section"),
                      "sentence": c.get("sentence"), "claim": c} for i, c in enumerate(claims)]
    out["forms"], out["fund_sources"], out["indicators"] = [], [], []
    for f_ord, form in enumerate(extract["evaluations"]):
        sources, indicators = form.pop("fund_sources"), form.pop("indicators")
        out["forms"].append({"doc_id": doc_id, "ord": f_ord, **form})
        out["fund_sources"] += [{"doc_id": doc_id, "form_ord": f_ord, "ord": i, **s}
                                for i, s in enumerate(sources)]
        out["indicators"] += [{"doc_id": doc_id, "form_ord": f_ord, "ord": i, **s}
                              for i, s in enumerate(indicators)]
    out["notes"] = [{"doc_id": doc_id, "ord": i, **n} for i, n in enumerate(extract["notes"])]
    out["findings"] = finding_rows(doc_id, DOCUMENT, findings)
    out["scores"] = [{"doc_id": doc_id, "ord": i, "policy": policy, **form_payload(s)}
                     for i, s in enumerate(scores)]
    return DocumentResult.of(doc_id, path, out)


def error_rows(doc_id: str, path: str, size: int, error: InputError) -> DocumentResult:
    """The one row of a file that could not be read as a disclosure."""
    return DocumentResult.of(doc_id, path, {
        "documents": [{"doc_id": doc_id, "source": path, "size": size,
                       "format": Path(path).suffix.lower().lstrip("."), "status": "error",
                       "error_code": error.code, "error_message": error.one_line(),
                       "juesuan_version": juesuan.__version__}],
        "sources": [{"doc_id": doc_id, "path": path}]})


_JSON_TYPES = frozenset({"JSON"})


def record(table: str, row: Row) -> tuple[Any, ...]:
    """``row`` as the table's column tuple; fields without a column go to ``extra`` (JSON)."""
    spec = BY_NAME[table]
    names = spec.names
    extra = {k: v for k, v in row.items() if k not in names}
    values: list[Any] = []
    for name, kind in spec.columns:
        if name == "extra":
            values.append(json.dumps(extra, ensure_ascii=False, sort_keys=True) if extra else None)
            continue
        value = row.get(name)
        if kind in _JSON_TYPES and value is not None:
            value = json.dumps(value, ensure_ascii=False, sort_keys=True)
        values.append(value)
    return tuple(values)
