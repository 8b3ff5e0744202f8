"""The JSON API under /api: documented by OpenAPI, usable by a script with a bearer token."""

from __future__ import annotations

from pathlib import Path

from fastapi.testclient import TestClient

from .conftest import PASSWORD, Workspace, wait


def test_openapi_documents_every_api_route_and_only_those(workspace: Workspace) -> None:
    client, _ = workspace.client(None)
    schema = client.get("/api/openapi.json").json()
    assert schema["openapi"].startswith("3.") and schema["info"]["title"] == "juesuan review workspace"
    documented = {(method.upper(), path) for path, item in schema["paths"].items() for method in item}
    routes = {(method, route.path) for route in workspace.app.routes
              if getattr(route, "include_in_schema", False) for method in getattr(route, "methods", ())}
    api = {(m, p) for m, p in routes if p.startswith("/api/") and m != "HEAD"}
    assert documented == api and len(api) >= 13
    assert all(path.startswith("/api/") for _, path in documented)
    decide = schema["paths"]["/api/documents/{document_id}/decisions/{fingerprint}"]["put"]
    body = decide["requestBody"]["content"]["application/json"]["schema"]["$ref"].rsplit("/", 1)[-1]
    assert set(schema["components"]["schemas"][body]["properties"]) == {"verdict", "reason"}
    verdict = schema["components"]["schemas"]["Verdict"]
    assert verdict["enum"] == ["confirmed", "dismissed", "query"]
    # No documentation page that would load scripts from a CDN.
    assert client.get("/docs").status_code == 404 and client.get("/redoc").status_code == 404


def test_a_script_reviews_through_the_api(workspace: Workspace, reference_path: Path) -> None:
    anonymous = TestClient(workspace.app, base_url="https://testserver")
    assert anonymous.post("/api/session", json={"username": "reviewer", "password": "wrong"}).status_code == 401
    token = anonymous.post("/api/session", json={"username": "reviewer", "password": PASSWORD}).json()["token"]
    api = TestClient(workspace.app, base_url="https://testserver", headers={"Authorization": f"Bearer {token}"})
    assert api.get("/api/me").json()["role"] == "reviewer"
    upload = api.post("/api/documents", files=[("files", (reference_path.name, reference_path.read_bytes(),
                                                          "text/plain"))], data={"department": "晋城市生态环境局"})
    assert upload.status_code == 202
    [version] = wait(api, upload.json()["batch"])
    document_id = version["document_id"]
    findings = api.get(f"/api/documents/{document_id}/findings?severity=error").json()
    assert findings["summary"]["errors"] == len(findings["findings"]) > 0
    target = findings["findings"][0]
    assert {"code", "severity", "message", "line", "quote", "fingerprint", "decision"} <= set(target)
    decided = api.put(f"/api/documents/{document_id}/decisions/{target['fingerprint']}",
                      json={"verdict": "dismissed", "reason": "已另行说明"})
    assert decided.status_code == 200 and decided.json()["verdict"] == "dismissed"
    assert api.put(f"/api/documents/{document_id}/decisions/{target['fingerprint']}",
                   json={"verdict": "dismissed"}).status_code == 422
    assert api.put(f"/api/documents/{document_id}/decisions/{target['fingerprint']}",
                   json={"verdict": "maybe", "reason": "x"}).status_code == 422
    assert api.put(f"/api/documents/{document_id}/decisions/0000", json={"verdict": "confirmed"}).status_code == 404
    baseline = api.get(f"/api/documents/{document_id}/baseline").json()
    assert baseline["accepted"][0] | {"reason": "已另行说明"} == baseline["accepted"][0]
    assert api.get(f"/api/documents/{document_id}/findings?severity=bad").status_code == 422
    assert api.get(f"/api/documents/{document_id}/findings?version=9").status_code == 404
