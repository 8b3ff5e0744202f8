"""The review itself, shared by the pages and the JSON API: who sees what, findings with their
decisions, decisions that carry over, version comparison, uploads, the baseline export.

Access is checked on the object: every lookup of a document (and so of its versions, findings and
decisions, which are reached only through it) goes through :func:`document_for`, which answers 404
for a document the user may not see — the same answer as for one that does not exist.
"""

from __future__ import annotations

import secrets
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any, BinaryIO

from fastapi import HTTPException
from sqlalchemy import Select, func, select
from sqlalchemy.orm import Session

from juesuan.audit.baseline import baseline_payload
from juesuan.report.text import part_group
from juesuan.web.db import (
    Decision,
    DecisionEvent,
    Document,
    FindingRow,
    Role,
    SourceLine,
    Status,
    User,
    Verdict,
    Version,
    now,
)
from juesuan.web.store import Store, upload_suffix

VERDICT_ZH = {Verdict.CONFIRMED.value: "确认为错误", Verdict.DISMISSED.value: "排除",
              Verdict.QUERY.value: "请部门说明"}
EVENT_ZH = {**VERDICT_ZH, "reply": "部门答复"}
SEVERITY_ZH = {"error": "错误", "warning": "警告", "info": "提示"}


def can_decide(user: User) -> bool:
    return user.role in (Role.ADMIN.value, Role.REVIEWER.value)


def visible(user: User) -> Select[Document]:
    """The documents ``user`` may see: all for admin and reviewers, its department's for a department."""
    query = select(Document)
    if user.role == Role.DEPARTMENT.value:
        query = query.where(Document.department == user.department, Document.department.is_not(None))
    return query


def documents(db: Session, user: User) -> list[Document]:
    return list(db.scalars(visible(user).order_by(Document.id.desc()).limit(500)))


def document_for(db: Session, user: User, document_id: int) -> Document:
    document = db.scalars(visible(user).where(Document.id == document_id)).first()
    if document is None:
        raise HTTPException(404, "document not found")
    return document


def version_of(document: Document, number: int | None) -> Version:
    """Version ``number`` of the document, or its latest when None."""
    if not document.versions:
        raise HTTPException(404, "version not found")
    if number is None:
        return document.versions[-1]
    for version in document.versions:
        if version.number == number:
            return version
    raise HTTPException(404, "version not found")


def finding_by_fingerprint(document: Document, version: int | None, fingerprint: str) -> FindingRow:
    """The finding with ``fingerprint`` in version ``version`` (the latest when None)."""
    row = next((r for r in version_of(document, version).findings if r.fingerprint == fingerprint), None)
    if row is None:
        raise HTTPException(404, "finding not found")
    return row


def finding_for(db: Session, document: Document, finding_id: int) -> FindingRow:
    row = db.get(FindingRow, finding_id)
    if row is None or db.get(Version, row.version_id) not in document.versions:
        raise HTTPException(404, "finding not found")
    return row


def decisions(db: Session, document: Document) -> dict[str, Decision]:
    return {d.fingerprint: d for d in db.scalars(select(Decision).where(Decision.document_id == document.id))}


def source_lines(db: Session, version: Version, line: int | None, radius: int = 6
                 ) -> list[tuple[int, int | None, str]]:
    """The reader's lines ``line`` ± ``radius`` of the version: (number, page, text)."""
    if line is None:
        return []
    rows = db.execute(select(SourceLine.number, SourceLine.page, SourceLine.text).where(
        SourceLine.version_id == version.id, SourceLine.number.between(line - radius, line + radius))
        .order_by(SourceLine.number))
    return [(number, page, text) for number, page, text in rows]


@dataclass
class Item:
    """A finding as the reviewer sees it: the row, its decision (maybe from an earlier version)."""

    row: FindingRow
    decision: Decision | None
    carried_from: int | None = None
    """The number of the version the decision was taken on, when it is an earlier one."""

    def payload(self) -> dict[str, Any]:
        data = dict(self.row.data)
        data["id"] = self.row.id
        data["decision"] = None if self.decision is None else {
            "verdict": self.decision.verdict, "reason": self.decision.reason,
            "decided_at": self.decision.decided_at.isoformat(), "carried_from": self.carried_from,
            "reply": self.decision.reply or None}
        return data


@dataclass
class Group:
    part: str
    code: str
    items: list[Item] = field(default_factory=list)


def items(db: Session, document: Document, version: Version, severity: str | None = None,
          code: str | None = None, verdict: str | None = None) -> list[Item]:
    """The version's findings with their decisions; ``verdict`` filters by decision (``pending``: none)."""
    known = decisions(db, document)
    numbers = {v.id: v.number for v in document.versions}
    out = []
    for row in version.findings:
        if (severity and row.severity != severity) or (code and row.code != code):
            continue
        decision = known.get(row.fingerprint)
        if verdict and (decision.verdict if decision else "pending") != verdict:
            continue
        carried = None
        if decision is not None and decision.version_id != version.id:
            carried = numbers.get(decision.version_id)
        out.append(Item(row, decision, carried))
    return out


def groups(found: Iterable[Item]) -> list[Group]:
    """Findings grouped by part (as the text report groups them), then by rule, in document order."""
    by_key: dict[tuple[str, str], Group] = {}
    for item in found:
        key = (part_group(item.row.part), item.row.code)
        by_key.setdefault(key, Group(*key)).items.append(item)
    return list(by_key.values())


def decide(db: Session, user: User, document: Document, row: FindingRow, verdict: str, reason: str) -> Decision:
    if not can_decide(user):
        raise HTTPException(403, "only reviewers decide")
    if verdict not in VERDICT_ZH:
        raise HTTPException(422, "verdict must be confirmed, dismissed or query")
    reason = reason.strip()[:2000]
    if verdict != Verdict.CONFIRMED.value and not reason:
        raise HTTPException(422, "a dismissal needs its reason and a query its question")
    decision = db.scalars(select(Decision).where(Decision.document_id == document.id,
                                                 Decision.fingerprint == row.fingerprint)).first()
    if decision is None:
        decision = Decision(document_id=document.id, fingerprint=row.fingerprint)
        db.add(decision)
    decision.verdict, decision.reason, decision.version_id = verdict, reason, row.version_id
    decision.code, decision.part, decision.quote = row.code, row.part, row.quote
    decision.decided_by, decision.decided_at = user.id, now()
    _record(db, user, document, row, verdict, reason)
    db.commit()
    return decision


def _record(db: Session, user: User, document: Document, row: FindingRow, verdict: str, text: str) -> None:
    db.add(DecisionEvent(document_id=document.id, fingerprint=row.fingerprint, version_id=row.version_id,
                         verdict=verdict, text=text, user_id=user.id, username=user.username))


def history(db: Session, document: Document, fingerprint: str) -> list[tuple[DecisionEvent, int | None]]:
    """The finding's decisions and replies, newest first, each with its version's number."""
    numbers = {v.id: v.number for v in document.versions}
    events = db.scalars(select(DecisionEvent).where(DecisionEvent.document_id == document.id,
                                                    DecisionEvent.fingerprint == fingerprint)
                        .order_by(DecisionEvent.id.desc()).limit(100))
    return [(e, numbers.get(e.version_id)) for e in events]


def answer(db: Session, user: User, document: Document, row: FindingRow, text: str) -> Decision:
    """The department's reply to a query on ``row`` (anyone who sees the document may write it)."""
    decision = decisions(db, document).get(row.fingerprint)
    if decision is None or decision.verdict != Verdict.QUERY.value:
        raise HTTPException(409, "only a query (请部门说明) takes a reply")
    text = text.strip()[:4000]
    if not text:
        raise HTTPException(422, "the reply is empty")
    decision.reply, decision.replied_by, decision.replied_at = text, user.id, now()
    _record(db, user, document, row, "reply", text)
    db.commit()
    return decision


@dataclass
class Comparison:
    base: Version
    head: Version
    fixed: list[FindingRow]
    new: list[FindingRow]
    unchanged: list[FindingRow]

    def payload(self) -> dict[str, Any]:
        def rows(found: list[FindingRow]) -> list[dict[str, Any]]:
            return [{**r.data, "id": r.id} for r in found]
        return {"base": self.base.number, "head": self.head.number, "fixed": rows(self.fixed),
                "new": rows(self.new), "unchanged": rows(self.unchanged)}


def compare(document: Document, base: int | None, head: int | None) -> Comparison:
    """Findings of ``base`` gone from ``head`` (fixed), only in ``head`` (new), in both — by fingerprint,
    the identity the baseline uses, so findings that only moved are unchanged."""
    newer = version_of(document, head)
    older = version_of(document, base if base is not None else max(newer.number - 1, 1))
    old_prints = {r.fingerprint for r in older.findings}
    new_prints = {r.fingerprint for r in newer.findings}
    return Comparison(older, newer, [r for r in older.findings if r.fingerprint not in new_prints],
                      [r for r in newer.findings if r.fingerprint not in old_prints],
                      [r for r in newer.findings if r.fingerprint in old_prints])


def baseline(db: Session, document: Document) -> dict[str, Any]:
    """The dismissed findings as a baseline file ``juesuan audit --baseline`` accepts: what the
    reviewers decided is not an error stays hidden on the next run; confirmed findings and queries
    stay visible until the document is corrected or the question answered."""
    dismissed = db.scalars(select(Decision).where(Decision.document_id == document.id,
                                                  Decision.verdict == Verdict.DISMISSED.value)
                           .order_by(Decision.id))
    return baseline_payload({"fingerprint": d.fingerprint, "code": d.code, "part": d.part, "quote": d.quote,
                             "reason": d.reason} for d in dismissed)


@dataclass
class Upload:
    filename: str
    stream: BinaryIO


def add_versions(db: Session, store: Store, user: User, uploads: list[Upload], department: str | None,
                 document: Document | None = None) -> tuple[str, list[Version]]:
    """Store each upload and queue it as a version: of ``document`` when given (a corrected version),
    else each as a new document. A department user's documents are always its own department's.

    Every file is checked (type, size) before anything is recorded: one refused file refuses the upload.
    """
    if user.role == Role.DEPARTMENT.value:
        department = user.department
    if not uploads:
        raise HTTPException(422, "no file")
    suffixes = [upload_suffix(u.filename) for u in uploads]  # every type is checked before any is stored
    stored = [(u.filename, suffix, *store.put(u.stream, suffix, u.filename)) for u, suffix in zip(uploads, suffixes,
                                                                                                 strict=True)]
    batch = secrets.token_hex(8)
    versions = []
    for filename, suffix, sha, size in stored:
        target = document
        if target is None:
            target = Document(title=_title(filename), department=(department or "").strip() or None,
                              created_by=user.id)
            db.add(target)
            db.flush()
        number = (db.scalar(select(func.max(Version.number)).where(Version.document_id == target.id)) or 0) + 1
        version = Version(document_id=target.id, number=number, batch=batch, filename=filename[:255], sha256=sha,
                          suffix=suffix, size=size, status=Status.QUEUED.value, uploaded_by=user.id)
        db.add(version)
        versions.append(version)
    db.commit()
    return batch, versions


def _title(filename: str) -> str:
    stem = filename.rsplit("/", 1)[-1].rsplit("\\", 1)[-1]
    return (stem.rsplit(".", 1)[0] or stem)[:300]


def batch_versions(db: Session, user: User, batch: str) -> list[Version]:
    """The versions of one upload the user may see; 404 when none."""
    visible_ids = visible(user).with_only_columns(Document.id).scalar_subquery()
    found = list(db.scalars(select(Version).where(Version.batch == batch, Version.document_id.in_(visible_ids))
                            .order_by(Version.id)))
    if not found:
        raise HTTPException(404, "batch not found")
    return found
