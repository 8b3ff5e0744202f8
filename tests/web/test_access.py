"""Authorisation over every route of the app for every role, object-level access (IDOR), CSRF on
every state-changing route, upload limits, passwords, cookies."""

from __future__ import annotations

import re
import uuid
from dataclasses import dataclass
from datetime import timedelta
from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient
from starlette.routing import Mount, Route

from juesuan.web.db import User

from .conftest import DEPT_A, DEPT_B, PASSWORD, ROLES, Workspace, upload, wait

EXAMPLE = Path(__file__).resolve().parents[2] / "examples" / "sample-2024-final-accounts.txt"

ANYONE, USER, DOCUMENT, DECIDE, ADMIN = "anyone", "user", "document", "decide", "admin"
POLICY = {
    "login_form": ANYONE, "login": ANYONE, "api_login": ANYONE, "api_health": ANYONE, "openapi": ANYONE,
    "home": USER, "upload": USER, "logout": USER, "api_logout": USER, "api_me": USER, "api_documents": USER,
    "api_upload": USER,
    "batch": DOCUMENT, "batch_progress": DOCUMENT, "document": DOCUMENT, "upload_version": DOCUMENT,
    "finding": DOCUMENT, "finding_page_image": DOCUMENT, "compare": DOCUMENT, "memo": DOCUMENT,
    "baseline": DOCUMENT, "api_batch": DOCUMENT, "api_document": DOCUMENT, "api_upload_version": DOCUMENT,
    "api_findings": DOCUMENT, "api_compare": DOCUMENT, "api_baseline": DOCUMENT,
    "reply": DOCUMENT, "api_reply": DOCUMENT,
    "decide": DECIDE, "api_decide": DECIDE,
    "users": ADMIN, "create_user": ADMIN, "toggle_user": ADMIN,
}
"""Who may use each route. DOCUMENT routes concern department A's document: department B must get
404 (as for a document that does not exist), never 403, which would confirm that it exists."""

EXPECTED = {  # role → policy → outcome
    None: {ANYONE: "ok", USER: "login", DOCUMENT: "login", DECIDE: "login", ADMIN: "login"},
    "admin": {ANYONE: "ok", USER: "ok", DOCUMENT: "ok", DECIDE: "ok", ADMIN: "ok"},
    "reviewer": {ANYONE: "ok", USER: "ok", DOCUMENT: "ok", DECIDE: "ok", ADMIN: "forbidden"},
    "dept_a": {ANYONE: "ok", USER: "ok", DOCUMENT: "ok", DECIDE: "forbidden", ADMIN: "forbidden"},
    "dept_b": {ANYONE: "ok", USER: "ok", DOCUMENT: "hidden", DECIDE: "hidden", ADMIN: "forbidden"},
}


@dataclass
class Target:
    """Department A's document with a finding (on a PDF page when the corpus is there) and a spare user."""

    document_id: int
    finding_id: int
    fingerprint: str
    batch: str
    spare_user: int
    query_finding_id: int
    query_fingerprint: str


@pytest.fixture
def target(workspace: Workspace, shanghai_pdf: Path) -> Target:
    client, csrf = workspace.client("dept_a")
    [version] = wait(client, upload(client, csrf, shanghai_pdf))
    document_id = int(version["document_id"])  # type: ignore[call-overload]
    findings = [f for f in client.get(f"/api/documents/{document_id}/findings").json()["findings"] if f["page"]]
    finding, queried = findings[0], findings[1]
    reviewer, csrf = workspace.client("reviewer")
    query = {"verdict": "query", "reason": "请说明"}
    assert reviewer.put(f"/api/documents/{document_id}/decisions/{queried['fingerprint']}", json=query,
                        headers={"X-CSRF-Token": csrf}).status_code == 200
    from juesuan.web.auth import create_user
    from juesuan.web.db import Role

    with workspace.app.state.sessions() as db:
        spare = create_user(db, "spare", "spare-password", Role.REVIEWER)
    return Target(document_id, finding["id"], finding["fingerprint"], str(version["batch"]), spare.id,
                  queried["id"], queried["fingerprint"])


def _path(route: Route, t: Target) -> str:
    values = {"document_id": t.document_id, "finding_id": t.finding_id, "fingerprint": t.fingerprint,
              "batch": t.batch, "user_id": t.spare_user, "fmt": "docx"}
    if route.name in ("reply", "api_reply"):  # a reply answers a query
        values |= {"finding_id": t.query_finding_id, "fingerprint": t.query_fingerprint}
    return re.sub(r"\{(\w+)\}", lambda m: str(values[m.group(1)]), route.path_format)


def _call(client: TestClient, csrf: str, method: str, route: Route, path: str) -> Any:
    """A well-formed request for the route, so that only access decides the answer."""
    form = {"csrf_token": csrf}
    text = ("sample.txt", EXAMPLE.read_bytes(), "text/plain")
    if route.name == "login":
        token = re.search(r'name="csrf_token" value="([^"]+)"', client.get("/login").text)
        assert token is not None
        return client.post(path, data={"username": "admin", "password": PASSWORD, "csrf_token": token.group(1)})
    if route.name == "api_login":
        return client.post(path, json={"username": "admin", "password": PASSWORD})
    if route.name in ("upload", "api_upload"):
        return client.post(path, data=form, files=[("files", text)], headers={"X-CSRF-Token": csrf})
    if route.name in ("upload_version", "api_upload_version"):
        return client.post(path, data=form, files={"file": text}, headers={"X-CSRF-Token": csrf})
    if route.name == "decide":
        return client.post(path, data={**form, "verdict": "confirmed"})
    if route.name == "api_decide":
        # version 1: the loop uploads later versions of the target document as it goes
        return client.put(f"{path}?version=1", json={"verdict": "confirmed"}, headers={"X-CSRF-Token": csrf})
    if route.name == "reply":
        return client.post(path, data={**form, "text": "已更正"})
    if route.name == "api_reply":
        return client.put(f"{path}?version=1", json={"text": "已更正"}, headers={"X-CSRF-Token": csrf})
    if route.name == "create_user":
        return client.post(path, data={**form, "username": uuid.uuid4().hex[:8], "password": "long password",
                                       "role": "reviewer"})
    if method in ("POST", "PUT", "DELETE"):
        return client.request(method, path, data=form if not route.path.startswith("/api") else None,
                              headers={"X-CSRF-Token": csrf})
    return client.get(path)


def _outcome(response: Any) -> str:
    if response.status_code == 401 or (response.status_code == 303
                                      and response.headers["location"].startswith("/login?next=")):
        return "login"
    return {403: "forbidden", 404: "hidden"}.get(response.status_code, "ok")


def _routes(workspace: Workspace) -> list[tuple[str, Route]]:
    return [(method, r) for r in workspace.app.routes if isinstance(r, Route)
            for method in sorted(r.methods or ()) if method != "HEAD"]


def test_every_route_has_a_policy(workspace: Workspace) -> None:
    names = {r.name for r in workspace.app.routes if isinstance(r, Route)}
    assert all(isinstance(r, Route | Mount) for r in workspace.app.routes)
    assert names == set(POLICY), f"unclassified: {names - set(POLICY)}, stale: {set(POLICY) - names}"
    mounts = [r for r in workspace.app.routes if isinstance(r, Mount)]
    assert [m.path for m in mounts] == ["/static"]


@pytest.mark.parametrize("role", [None, *ROLES])
def test_every_route_for_every_role(workspace: Workspace, target: Target, role: str | None) -> None:
    wrong = []
    for method, route in _routes(workspace):
        client, csrf = workspace.client(role)  # a fresh session each time: logout ends only its own
        response = _call(client, csrf, method, route, _path(route, target))
        expected = EXPECTED[role][POLICY[route.name]]
        if _outcome(response) != expected or response.status_code >= 500:
            wrong.append(f"{method} {route.path}: {response.status_code}, expected {expected}")
        if expected == "ok" and POLICY[route.name] != ANYONE:
            assert response.status_code in (200, 202, 303), f"{method} {route.path}: {response.status_code}"
    assert not wrong, "\n".join(wrong)


def test_static_files_are_public_and_cannot_escape(workspace: Workspace) -> None:
    client, _ = workspace.client(None)
    assert client.get("/static/htmx.min.js").status_code == 200
    assert client.get("/static/../db.py").status_code == 404
    assert client.get("/static/%2e%2e/db.py").status_code == 404


def test_department_cannot_reach_another_departments_document_by_id(workspace: Workspace,
                                                                     reference_path: Path) -> None:
    owner, csrf = workspace.client("dept_a")
    [version] = wait(owner, upload(owner, csrf, reference_path))
    doc = int(version["document_id"])  # type: ignore[call-overload]
    finding = owner.get(f"/api/documents/{doc}/findings").json()["findings"][0]["id"]
    other, other_csrf = workspace.client("dept_b")
    assert other.get("/api/documents").json() == []
    assert DEPT_A not in other.get("/").text
    for path in (f"/documents/{doc}", f"/documents/{doc}?version=1", f"/documents/{doc}/findings/{finding}",
                 f"/documents/{doc}/findings/{finding}/page.png", f"/documents/{doc}/compare",
                 f"/documents/{doc}/memo.docx", f"/documents/{doc}/baseline.json", f"/batches/{version['batch']}",
                 f"/api/documents/{doc}", f"/api/documents/{doc}/findings", f"/api/batches/{version['batch']}",
                 f"/api/documents/{doc}/baseline", f"/api/documents/{doc}/compare"):
        assert other.get(path).status_code == 404, path
    # Its own document's id with the other's finding id: the finding is reached only through its document.
    [own] = wait(other, upload(other, other_csrf, reference_path))
    own_doc = int(own["document_id"])  # type: ignore[call-overload]
    assert other.get(f"/documents/{own_doc}/findings/{finding}").status_code == 404
    assert other.get(f"/documents/{own_doc}/findings/{finding}/page.png").status_code == 404
    assert other.post(f"/documents/{doc}/versions", data={"csrf_token": other_csrf},
                      files={"file": ("x.txt", b"x", "text/plain")}).status_code == 404
    # The department user's upload belongs to its own department, whatever the form says.
    assert other.get(f"/api/documents/{own_doc}").json()["department"] == DEPT_B
    upload(other, other_csrf, reference_path, department=DEPT_A)
    assert {d["department"] for d in other.get("/api/documents").json()} == {DEPT_B}
    assert len(owner.get("/api/documents").json()) == 1


def test_state_changing_routes_need_the_csrf_token(workspace: Workspace, target: Target) -> None:
    for method, route in _routes(workspace):
        if method == "GET" or route.name in ("login", "api_login"):
            continue
        client, _csrf = workspace.client("admin")
        response = _call(client, "", method, route, _path(route, target))
        assert response.status_code == 403 and "CSRF" in response.text, f"{method} {route.path}"
    # The login form has its own token (a cookie set with the form), so a forged login fails too.
    client, _ = workspace.client(None)
    assert client.post("/login", data={"username": "admin", "password": "x", "csrf_token": "forged"}
                       ).status_code == 403


def test_bearer_token_needs_no_csrf(workspace: Workspace) -> None:
    client = TestClient(workspace.app, base_url="https://testserver")
    session = client.post("/api/session", json={"username": "reviewer", "password": PASSWORD}).json()
    api = TestClient(workspace.app, base_url="https://testserver",
                     headers={"Authorization": f"Bearer {session['token']}"})
    response = api.post("/api/documents", files=[("files", ("s.txt", EXAMPLE.read_bytes(), "text/plain"))])
    assert response.status_code == 202
    assert api.delete("/api/session").status_code == 200
    assert api.get("/api/me").status_code == 401


def test_upload_type_and_size_limits(workspace: Workspace, monkeypatch: pytest.MonkeyPatch) -> None:
    client, csrf = workspace.client("reviewer")
    for name in ("report.doc", "report.exe", "report", "report.ofd"):
        response = client.post("/api/documents", headers={"X-CSRF-Token": csrf},
                               files=[("files", (name, b"data", "application/octet-stream"))])
        assert response.status_code == 415 and response.json()["code"] == "R005", name
    # A file name is only a label: a path in it never reaches the file system.
    response = client.post("/api/documents", headers={"X-CSRF-Token": csrf},
                           files=[("files", ("../../etc/passwd.txt", EXAMPLE.read_bytes(), "text/plain"))])
    stored = list((workspace.app.state.store.root / "blobs").rglob("*"))
    sha = response.json()["versions"][0]["sha256"]
    assert response.status_code == 202 and [p.name for p in stored if p.is_file()] == [f"{sha}.txt"]
    assert response.json()["versions"][0]["filename"] == "../../etc/passwd.txt"
    wait(client, response.json()["batch"])

    from juesuan.read import limits

    monkeypatch.setitem(limits.MAX_BYTES, "text", 1000)  # the readers' own limit decides
    response = client.post("/api/documents", headers={"X-CSRF-Token": csrf},
                           files=[("files", ("big.txt", b"x" * 5000, "text/plain"))])
    assert response.status_code == 413 and response.json()["code"] == "R004"
    assert len(client.get("/api/documents").json()) == 1  # a refused file leaves no document
    assert len([p for p in (workspace.app.state.store.root / "blobs").rglob("*") if p.is_file()]) == 1
    too_big = client.post("/api/documents", headers={"X-CSRF-Token": csrf, "Content-Length": str(10**12)},
                          content=b"")
    assert too_big.status_code == 413


def test_passwords_are_hashed_and_logins_work(workspace: Workspace) -> None:
    with workspace.app.state.sessions() as db:
        hashes = [u.password_hash for u in db.query(User)]
    assert all(h.startswith("$argon2id$") and PASSWORD not in h for h in hashes)
    client = TestClient(workspace.app, base_url="https://testserver", follow_redirects=False)
    form = client.get("/login?next=/admin/users")
    token = re.search(r'name="csrf_token" value="([^"]+)"', form.text).group(1)  # type: ignore[union-attr]
    bad = client.post("/login", data={"username": "admin", "password": "nope", "csrf_token": token})
    assert bad.status_code == 401 and "用户名或密码错误" in bad.text
    token = re.search(r'name="csrf_token" value="([^"]+)"', bad.text).group(1)  # type: ignore[union-attr]
    good = client.post("/login", data={"username": "admin", "password": PASSWORD, "csrf_token": token,
                                       "next": "/admin/users"})
    assert good.status_code == 303 and good.headers["location"] == "/admin/users"
    cookie = good.headers["set-cookie"]
    assert "HttpOnly" in cookie and "Secure" in cookie and "SameSite=lax" in cookie
    assert client.get("/admin/users").status_code == 200
    # No open redirect after login.
    token = re.search(r'name="csrf_token" value="([^"]+)"',  # type: ignore[union-attr]
                      client.get("/login").text).group(1)
    away = client.post("/login", data={"username": "admin", "password": PASSWORD, "csrf_token": token,
                                       "next": "//evil.example/"})
    assert away.headers["location"] == "/"


def test_repeated_wrong_passwords_lock_the_account(workspace: Workspace) -> None:
    from juesuan.web.auth import MAX_FAILURES

    client = TestClient(workspace.app, base_url="https://testserver")
    for _ in range(MAX_FAILURES):
        assert client.post("/api/session", json={"username": "reviewer", "password": "guess"}).status_code == 401
    right = {"username": "reviewer", "password": PASSWORD}
    assert client.post("/api/session", json=right).status_code == 401  # locked: even the right password
    with workspace.app.state.sessions() as db:
        user = db.get(User, workspace.users["reviewer"].id)
        assert user is not None and user.locked_until is not None
        user.locked_until = user.locked_until - timedelta(hours=1)  # the lockout has passed
        db.commit()
    assert client.post("/api/session", json=right).status_code == 200


def test_user_text_is_escaped(workspace: Workspace) -> None:
    client, csrf = workspace.client("reviewer")
    name = "<script>alert(1)</script>.txt"
    batch = upload(client, csrf, Path(name), data=EXAMPLE.read_bytes(), name=name, department="<b>x</b>")
    wait(client, batch)
    for path in ("/", f"/batches/{batch}"):
        page = client.get(path).text
        assert "<script>alert(1)" not in page and "&lt;script&gt;alert(1)&lt;/script&gt;" in page, path
    assert "<b>x</b>" not in client.get("/").text


def test_disabled_account_loses_its_sessions(workspace: Workspace) -> None:
    client, _ = workspace.client("reviewer")
    assert client.get("/api/me").status_code == 200
    admin, csrf = workspace.client("admin")
    assert admin.post(f"/admin/users/{workspace.users['reviewer'].id}/active",
                      data={"csrf_token": csrf}).status_code == 303
    assert client.get("/api/me").status_code == 401
    assert admin.post(f"/admin/users/{workspace.users['admin'].id}/active",
                      data={"csrf_token": csrf}).status_code == 422


def test_security_headers(workspace: Workspace) -> None:
    client, _ = workspace.client("reviewer")
    headers = client.get("/").headers
    assert "script-src" not in headers["content-security-policy"]  # default-src 'self': no inline script
    assert headers["x-frame-options"] == "DENY" and headers["cache-control"] == "no-store"
