"""The workspace's tables (SQLAlchemy 2): users, sessions, documents, versions, findings, decisions.

SQLite by default (a file under the store directory), PostgreSQL or any SQLAlchemy URL by setting.
A *document* is one department's disclosure under review; each upload of it is a *version* whose
bytes live in the content-addressed store; a version's *findings* are the audit's, and *decisions*
belong to the document, keyed by the finding's fingerprint, so they apply to every version in which
the same finding (same rule, part and quoted text — the baseline identity) appears.
"""

from __future__ import annotations

from datetime import UTC, datetime
from enum import StrEnum
from typing import Any, ClassVar

from sqlalchemy import (
    JSON,
    DateTime,
    ForeignKey,
    Integer,
    String,
    Text,
    UniqueConstraint,
    create_engine,
    event,
)
from sqlalchemy.engine import Engine
from sqlalchemy.orm import DeclarativeBase, Mapped, Session, mapped_column, relationship, sessionmaker


def now() -> datetime:
    return datetime.now(UTC)


class Role(StrEnum):
    """admin: everything, accounts; reviewer (审核人员): all documents, decisions; department (填报部门):
    its own department's documents only, read and upload, no decisions."""

    ADMIN = "admin"
    REVIEWER = "reviewer"
    DEPARTMENT = "department"


class Status(StrEnum):
    """A version's processing state, shown as upload progress."""

    QUEUED = "queued"
    RUNNING = "running"
    DONE = "done"
    FAILED = "failed"


class Verdict(StrEnum):
    """A reviewer's decision on a finding: 确认为错误, 排除（附理由）, 请部门说明."""

    CONFIRMED = "confirmed"
    DISMISSED = "dismissed"
    QUERY = "query"


class Base(DeclarativeBase):
    type_annotation_map: ClassVar[dict[Any, Any]] = {
        datetime: DateTime(timezone=True), dict[str, Any]: JSON, list[Any]: JSON}


class User(Base):
    __tablename__ = "users"
    id: Mapped[int] = mapped_column(primary_key=True)
    username: Mapped[str] = mapped_column(String(64), unique=True)
    password_hash: Mapped[str] = mapped_column(String(255))
    role: Mapped[str] = mapped_column(String(16))
    department: Mapped[str | None] = mapped_column(String(200))
    active: Mapped[bool] = mapped_column(default=True)
    failed_logins: Mapped[int] = mapped_column(Integer, default=0)
    locked_until: Mapped[datetime | None] = mapped_column()
    """Set after :data:`juesuan.web.auth.MAX_FAILURES` wrong passwords in a row: no login until then."""
    created_at: Mapped[datetime] = mapped_column(default=now)


class Login(Base):
    """A login session. The cookie carries a random token; only its SHA-256 is stored."""

    __tablename__ = "sessions"
    id: Mapped[int] = mapped_column(primary_key=True)
    token_hash: Mapped[str] = mapped_column(String(64), unique=True)
    csrf_token: Mapped[str] = mapped_column(String(64))
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"))
    created_at: Mapped[datetime] = mapped_column(default=now)
    expires_at: Mapped[datetime] = mapped_column()
    user: Mapped[User] = relationship(lazy="joined")


class Document(Base):
    __tablename__ = "documents"
    id: Mapped[int] = mapped_column(primary_key=True)
    title: Mapped[str] = mapped_column(String(300))
    department: Mapped[str | None] = mapped_column(String(200), index=True)
    """Who may see it besides reviewers; from the uploader (a department user: always its own) or,
    when a reviewer leaves it empty, from the disclosure's cover once read."""
    created_by: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    created_at: Mapped[datetime] = mapped_column(default=now)
    versions: Mapped[list[Version]] = relationship(back_populates="document", order_by="Version.number")


class Version(Base):
    __tablename__ = "versions"
    __table_args__ = (UniqueConstraint("document_id", "number"),)
    id: Mapped[int] = mapped_column(primary_key=True)
    document_id: Mapped[int] = mapped_column(ForeignKey("documents.id", ondelete="CASCADE"), index=True)
    number: Mapped[int] = mapped_column(Integer)
    batch: Mapped[str] = mapped_column(String(32), index=True)
    filename: Mapped[str] = mapped_column(String(255))
    """As uploaded, for display only; the stored file is named by its hash."""
    sha256: Mapped[str] = mapped_column(String(64), index=True)
    suffix: Mapped[str] = mapped_column(String(8))
    size: Mapped[int] = mapped_column(Integer)
    status: Mapped[str] = mapped_column(String(16), default=Status.QUEUED.value)
    error_code: Mapped[str | None] = mapped_column(String(8))
    error: Mapped[str | None] = mapped_column(Text)
    department_read: Mapped[str | None] = mapped_column(String(200))
    year: Mapped[int | None] = mapped_column(Integer)
    summary: Mapped[dict[str, Any]] = mapped_column(default=dict)
    """The audit summary (errors, warnings, by_code), the score summary and the reader's warnings."""
    uploaded_by: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    created_at: Mapped[datetime] = mapped_column(default=now)
    finished_at: Mapped[datetime | None] = mapped_column()
    document: Mapped[Document] = relationship(back_populates="versions")
    findings: Mapped[list[FindingRow]] = relationship(order_by="FindingRow.position",
                                                      cascade="all, delete-orphan")


class FindingRow(Base):
    __tablename__ = "findings"
    id: Mapped[int] = mapped_column(primary_key=True)
    version_id: Mapped[int] = mapped_column(ForeignKey("versions.id", ondelete="CASCADE"), index=True)
    position: Mapped[int] = mapped_column(Integer)
    fingerprint: Mapped[str] = mapped_column(String(40), index=True)
    code: Mapped[str] = mapped_column(String(8))
    severity: Mapped[str] = mapped_column(String(8))
    part: Mapped[str | None] = mapped_column(Text)
    line: Mapped[int | None] = mapped_column(Integer)
    page: Mapped[int | None] = mapped_column(Integer)
    quote: Mapped[str] = mapped_column(Text)
    message: Mapped[str] = mapped_column(Text)
    data: Mapped[dict[str, Any]] = mapped_column(default=dict)
    """The finding as ``juesuan audit --format json`` writes it (with the English message)."""


class SourceLine(Base):
    """One line the reader produced (a paragraph, or a table row with tab-separated cells): the
    source shown beside a finding, fetched a few lines at a time."""

    __tablename__ = "source_lines"
    version_id: Mapped[int] = mapped_column(ForeignKey("versions.id", ondelete="CASCADE"), primary_key=True)
    number: Mapped[int] = mapped_column(Integer, primary_key=True)
    page: Mapped[int | None] = mapped_column(Integer)
    text: Mapped[str] = mapped_column(Text)


class Decision(Base):
    __tablename__ = "decisions"
    __table_args__ = (UniqueConstraint("document_id", "fingerprint"),)
    id: Mapped[int] = mapped_column(primary_key=True)
    document_id: Mapped[int] = mapped_column(ForeignKey("documents.id", ondelete="CASCADE"), index=True)
    fingerprint: Mapped[str] = mapped_column(String(40))
    verdict: Mapped[str] = mapped_column(String(16))
    reason: Mapped[str] = mapped_column(Text, default="")
    version_id: Mapped[int] = mapped_column(ForeignKey("versions.id", ondelete="CASCADE"))
    """The version the decision was taken on; on a later version it shows as carried over."""
    code: Mapped[str] = mapped_column(String(8))
    part: Mapped[str | None] = mapped_column(Text)
    quote: Mapped[str] = mapped_column(Text)
    decided_by: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    decided_at: Mapped[datetime] = mapped_column(default=now)
    reply: Mapped[str] = mapped_column(Text, default="")
    """The department's answer to a query (请部门说明), kept with the decision across versions."""
    replied_by: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    replied_at: Mapped[datetime | None] = mapped_column()


class DecisionEvent(Base):
    """Every decision and every reply as it was made, never changed: who decided what, when, on
    which version (the decision row holds only the current state)."""

    __tablename__ = "decision_events"
    id: Mapped[int] = mapped_column(primary_key=True)
    document_id: Mapped[int] = mapped_column(ForeignKey("documents.id", ondelete="CASCADE"), index=True)
    fingerprint: Mapped[str] = mapped_column(String(40))
    version_id: Mapped[int] = mapped_column(ForeignKey("versions.id", ondelete="CASCADE"))
    verdict: Mapped[str] = mapped_column(String(16))
    """confirmed, dismissed, query, or reply for a department's answer."""
    text: Mapped[str] = mapped_column(Text, default="")
    user_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    username: Mapped[str] = mapped_column(String(64))
    at: Mapped[datetime] = mapped_column(default=now)


def make_engine(url: str) -> Engine:
    """An engine for ``url``; SQLite gets WAL and a busy timeout so uploads and pages interleave."""
    if url.startswith("sqlite"):
        engine = create_engine(url, connect_args={"check_same_thread": False, "timeout": 30})

        @event.listens_for(engine, "connect")
        def _pragmas(conn: Any, _record: Any) -> None:
            cursor = conn.cursor()
            cursor.execute("PRAGMA journal_mode=WAL")
            cursor.execute("PRAGMA foreign_keys=ON")
            cursor.execute("PRAGMA busy_timeout=30000")
            cursor.close()

        return engine
    return create_engine(url, pool_pre_ping=True)


def make_sessionmaker(engine: Engine) -> sessionmaker[Session]:
    Base.metadata.create_all(engine)
    return sessionmaker(engine, expire_on_commit=False)
