"""What a worker does with one file: read → parse → audit → score → the warehouse's rows.

Runs in a Dask worker process; everything it takes and returns is picklable. A file juesuan cannot
use gives a row with its input error's code; an unexpected exception (a bug) gives one with code
``Z001`` and the exception, so one bad file never stops a batch.
"""

from __future__ import annotations

from juesuan.audit.config import AuditConfig
from juesuan.audit.engine import run_audit
from juesuan.audit.registry import Family, all_rules
from juesuan.parse import parse_document
from juesuan.read import read_document
from juesuan.read.errors import InputError
from juesuan.score.engine import score_disclosure
from juesuan.score.policy import Policy
from juesuan.warehouse.rows import DocumentResult, document_rows, error_rows

SINGLE_DOCUMENT: set[Family] = {f for f in Family if f is not Family.CORPUS}
"""The rule families a worker runs; the cross-document ones run once all documents are stored."""


def process(path: str, doc_id: str, size: int, config: AuditConfig, policy: Policy,
            policy_name: str) -> DocumentResult:
    try:
        document = read_document(path)
        disclosure = parse_document(document)
        findings = run_audit(disclosure, config, families=SINGLE_DOCUMENT)
        scores = score_disclosure(disclosure, policy)
        return document_rows(doc_id, path, size, disclosure, findings, scores, policy_name,
                             document.warnings)
    except InputError as error:
        return error_rows(doc_id, path, size, error)
    except Exception as exc:  # a bug: recorded on the file's row, the batch goes on
        return error_rows(doc_id, path, size, InputError(
            "Z001", f"内部错误：{type(exc).__name__}: {exc}",
            f"internal error: {type(exc).__name__}: {exc}", path))


def warm_up() -> int:
    """Import and register every rule in a worker before the first document (returns the count)."""
    return len(all_rules())
