"""Ingest: read, parse, audit and score an uploaded version through the public pipeline — the same
calls ``juesuan audit`` and ``juesuan score`` make — and keep the findings and the source lines.

Uploads return at once; a small pool of worker threads processes queued versions in order, and the
batch page polls their status (the progress). A version left queued or running when the server
stopped is queued again at start, so no upload is lost.
"""

from __future__ import annotations

import logging
import threading
from concurrent.futures import ThreadPoolExecutor
from typing import Any

from sqlalchemy import insert, literal, select
from sqlalchemy.orm import Session, sessionmaker

from juesuan.audit import run_audit
from juesuan.parse import parse_document
from juesuan.read import read_document
from juesuan.read.errors import InputError
from juesuan.report.json import finding_row, summary
from juesuan.report.score import summary as score_summary
from juesuan.score import load_policy, score_disclosure
from juesuan.web.db import Document, FindingRow, SourceLine, Status, Version, now
from juesuan.web.store import Store

log = logging.getLogger("juesuan.web")


def process(db: Session, store: Store, version: Version) -> None:
    """Audit ``version`` and record the result on it (status done, or failed with the reader's code)."""
    reused = db.scalars(select(Version).where(Version.sha256 == version.sha256, Version.id != version.id,
                                              Version.status == Status.DONE.value).limit(1)).first()
    if reused is not None:  # the same bytes were audited before: the findings cannot differ
        _copy_result(db, reused, version)
    else:
        try:
            _audit(db, store, version)
        except InputError as error:
            version.status, version.error_code = Status.FAILED.value, error.code
            version.error = f"{error.message_zh} / {error.message_en}"
    version.finished_at = now()
    document = db.get(Document, version.document_id)
    if document is not None:
        _name_from_cover(document, version)
    db.commit()


def _name_from_cover(document: Document, version: Version) -> None:
    """What the first version's cover says replaces what the upload could not know: the department
    when none was given, the title (the file name until now) when the cover names department and year."""
    if document.department is None and version.department_read:
        document.department = version.department_read
    if version.number == 1 and version.department_read and version.year:
        document.title = f"{version.department_read}{version.year}年度部门决算"


def _audit(db: Session, store: Store, version: Version) -> None:
    document = read_document(store.path(version.sha256, version.suffix))
    disclosure = parse_document(document)
    findings = run_audit(disclosure)
    db.execute(insert(SourceLine), [{"version_id": version.id, "number": line.number, "page": line.page,
                                     "text": line.text} for line in document.lines])
    version.department_read, version.year = disclosure.department, disclosure.year
    version.summary = {**summary(findings), "evaluations": len(disclosure.evaluations),
                       "score": score_summary(score_disclosure(disclosure, load_policy("national"))),
                       "reader_warnings": list(document.warnings)}
    version.findings = [
        FindingRow(position=i, fingerprint=f.fingerprint, code=f.code, severity=f.severity.value,
                   part=f.part, line=f.line, page=f.page, quote=f.quote, message=f.message,
                   data={**finding_row(f), "message_en": f.message_en})
        for i, f in enumerate(findings)]
    version.status = Status.DONE.value


def _copy_result(db: Session, source: Version, target: Version) -> None:
    db.execute(insert(SourceLine).from_select(
        ["version_id", "number", "page", "text"],
        select(literal(target.id), SourceLine.number, SourceLine.page, SourceLine.text)
        .where(SourceLine.version_id == source.id)))
    target.summary = dict(source.summary)
    target.department_read, target.year = source.department_read, source.year
    target.findings = [
        FindingRow(position=f.position, fingerprint=f.fingerprint, code=f.code, severity=f.severity,
                   part=f.part, line=f.line, page=f.page, quote=f.quote, message=f.message, data=f.data)
        for f in source.findings]
    target.status = Status.DONE.value


class Worker:
    """Processes queued versions on ``threads`` threads (an audit is CPU-bound: keep it small)."""

    def __init__(self, sessions: sessionmaker[Session], store: Store, threads: int = 1):
        self.sessions, self.store = sessions, store
        self.pool = ThreadPoolExecutor(max_workers=threads, thread_name_prefix="juesuan-ingest")
        self._lock = threading.Lock()
        self._pending = 0

    def submit(self, version_id: int) -> None:
        with self._lock:
            self._pending += 1
        self.pool.submit(self._run, version_id)

    @property
    def pending(self) -> int:
        return self._pending

    def _run(self, version_id: int) -> None:
        try:
            with self.sessions() as db:
                version = db.get(Version, version_id)
                if version is None or version.status not in (Status.QUEUED.value, Status.RUNNING.value):
                    return
                version.status = Status.RUNNING.value
                db.commit()
                try:
                    process(db, self.store, version)
                except Exception as exc:  # a bug in the pipeline: record it, keep the worker alive
                    log.exception("version %s failed", version_id)
                    db.rollback()
                    version = db.get(Version, version_id)
                    if version is not None:
                        version.status, version.error_code = Status.FAILED.value, "E999"
                        version.error = f"内部错误 / internal error: {type(exc).__name__}"
                        version.finished_at = now()
                        db.commit()
        finally:
            with self._lock:
                self._pending -= 1

    def resume(self) -> int:
        """Queue again what a stopped server left unfinished; how many."""
        with self.sessions() as db:
            ids = list(db.scalars(select(Version.id).where(
                Version.status.in_([Status.QUEUED.value, Status.RUNNING.value])).order_by(Version.id)))
        for version_id in ids:
            self.submit(version_id)
        return len(ids)

    def shutdown(self) -> None:
        self.pool.shutdown(wait=True, cancel_futures=False)


def version_payload(version: Version) -> dict[str, Any]:
    return {"id": version.id, "document_id": version.document_id, "number": version.number,
            "batch": version.batch, "filename": version.filename, "sha256": version.sha256,
            "size": version.size, "status": version.status, "error_code": version.error_code,
            "error": version.error, "department": version.department_read, "year": version.year,
            "summary": version.summary, "created_at": version.created_at.isoformat(),
            "finished_at": version.finished_at.isoformat() if version.finished_at else None}
