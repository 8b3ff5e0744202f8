"""Fixtures for the web workspace: an app on a temporary store, accounts of every role, logged-in
clients, and the reference with one figure corrected (so that exactly one finding disappears)."""

from __future__ import annotations

import os
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient

from juesuan.web import Settings, create_app
from juesuan.web.auth import COOKIE, create_user, open_session
from juesuan.web.db import Base, Role, User, make_engine

DEPT_A = "晋城市生态环境局"
DEPT_B = "晋城市财政局"
PASSWORD = "correct horse battery"
SHANGHAI = Path(__file__).resolve().parents[2].parent / "shared" / "corpus" / "real" / \
    "shanghai-putuo-guihuaziyuanju-2024-final-accounts.pdf"
WRONG = "一般公共预算项目支出25416.8万元"
"""The reference's N101 finding: a part (25,416.8) larger than its total (12,814.56)."""
FIXED = "一般公共预算项目支出12814.56万元"
ROLES = ("admin", "reviewer", "dept_a", "dept_b")


@dataclass
class Workspace:
    app: FastAPI
    users: dict[str, User]

    def client(self, role: str | None) -> tuple[TestClient, str]:
        """A client logged in as ``role`` (None: anonymous) on a fresh session; (client, CSRF token)."""
        client = TestClient(self.app, base_url="https://testserver", follow_redirects=False)
        if role is None:
            return client, ""
        with self.app.state.sessions() as db:
            token, login = open_session(db, db.get(User, self.users[role].id))
        client.cookies.set(COOKIE, token)
        return client, login.csrf_token


@pytest.fixture
def workspace(tmp_path: Path) -> Iterator[Workspace]:
    """SQLite in the store, or the database JUESUAN_TEST_DATABASE_URL names (e.g. a PostgreSQL
    ``postgresql+psycopg://…``), emptied first."""
    url = os.environ.get("JUESUAN_TEST_DATABASE_URL")
    if url:
        engine = make_engine(url)
        Base.metadata.drop_all(engine)
        engine.dispose()
    app = create_app(Settings(store=tmp_path / "store", database_url=url))
    with app.state.sessions() as db:
        users = {"admin": create_user(db, "admin", PASSWORD, Role.ADMIN),
                 "reviewer": create_user(db, "reviewer", PASSWORD, Role.REVIEWER),
                 "dept_a": create_user(db, "dept-a", PASSWORD, Role.DEPARTMENT, DEPT_A),
                 "dept_b": create_user(db, "dept-b", PASSWORD, Role.DEPARTMENT, DEPT_B)}
    with TestClient(app):  # runs the lifespan: the ingest worker starts and stops with it
        yield Workspace(app, users)


def upload(client: TestClient, csrf: str, *paths: Path, department: str = "", data: bytes | None = None,
           name: str | None = None) -> str:
    """Upload through the page form; the batch id from the redirect."""
    files = [("files", (name or p.name, data if data is not None else p.read_bytes(), "application/octet-stream"))
             for p in paths]
    response = client.post("/upload", data={"csrf_token": csrf, "department": department}, files=files)
    assert response.status_code == 303, response.text
    return str(response.headers["location"]).rsplit("/", 1)[-1]


def wait(client: TestClient, batch: str, timeout: float = 60) -> list[dict[str, object]]:
    """Poll the batch (as the progress page does) until every version is done or failed."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        data = client.get(f"/api/batches/{batch}").json()
        if data["done"] == data["total"]:
            return list(data["versions"])
        time.sleep(0.1)
    raise AssertionError(f"batch {batch} not processed within {timeout}s")


@pytest.fixture(scope="session")
def corrected_text(reference_path: Path) -> str:
    text = reference_path.read_text(encoding="utf-8")
    assert text.count(WRONG) == 1
    return text.replace(WRONG, FIXED)


@pytest.fixture(scope="session")
def shanghai_pdf() -> Path:
    if not SHANGHAI.is_file():
        pytest.skip(f"real Shanghai PDF not found at {SHANGHAI} (../shared/corpus is absent)")
    return SHANGHAI
