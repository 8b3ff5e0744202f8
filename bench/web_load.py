"""Load test of the review workspace on loopback: concurrent users browsing and uploading.

Usage: python bench/web_load.py [--users 20] [--seconds 60] [--upload-every 15] [--url URL]

Without --url it starts ``juesuan serve`` on 127.0.0.1 (a free port, a temporary store), creates the
accounts through the admin page, uploads the reference and one real Shanghai PDF, then runs USERS
virtual users for SECONDS: each logs in through the login form and loops over the pages a reviewer
uses (document list, a document's findings, a filter, a finding beside its source, the page image of
a PDF finding, the JSON findings), and every UPLOAD-EVERY-th request uploads a new version of the
reference (made unique so each one is really audited). Department users browse and upload within
their own department. After the run it waits for every upload to be audited and checks that each
one is there with the reference's findings (nothing lost). Prints requests per second, latency
percentiles, errors and the upload accounting. Bounded: the run stops at SECONDS, the drain at 300 s.
"""

from __future__ import annotations

import argparse
import os
import re
import secrets
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import partial
from pathlib import Path

import httpx

ROOT = Path(__file__).resolve().parents[1]
REFERENCE = ROOT.parent / "shared" / "corpus" / "jincheng-eeb-2024-final-accounts.txt"
SHANGHAI = ROOT.parent / "shared" / "corpus" / "real" / "shanghai-putuo-shehuigongzuobu-2024-final-accounts.pdf"
PASSWORD = "load-test-password"
_CSRF = re.compile(r'name="csrf_token" value="([^"]+)"')


@dataclass
class Result:
    seconds: float
    latencies: list[float] = field(default_factory=list)
    by_kind: dict[str, list[float]] = field(default_factory=dict)
    errors: list[str] = field(default_factory=list)
    batches: list[str] = field(default_factory=list)
    processed: int = 0
    lost: list[str] = field(default_factory=list)
    drain_seconds: float = 0.0
    lock: threading.Lock = field(default_factory=threading.Lock)

    def percentile(self, p: float) -> float:
        ordered = sorted(self.latencies)
        return ordered[min(len(ordered) - 1, int(p / 100 * len(ordered)))] if ordered else 0.0

    def report(self, users: int) -> str:
        n = len(self.latencies)
        return "\n".join([
            f"users {users}, {self.seconds:.0f} s on loopback",
            f"requests      {n} ({n / self.seconds:.1f} per second)",
            f"latency       median {statistics.median(self.latencies) * 1000 if n else 0:.0f} ms, "
            f"p95 {self.percentile(95) * 1000:.0f} ms, p99 {self.percentile(99) * 1000:.0f} ms, "
            f"max {max(self.latencies, default=0) * 1000:.0f} ms",
            *(f"  {kind:<22} {len(times):5d} requests, median {statistics.median(times) * 1000:5.0f} ms, "
              f"p95 {sorted(times)[int(0.95 * len(times))] * 1000:5.0f} ms"
              for kind, times in sorted(self.by_kind.items())),
            f"errors        {len(self.errors)}" + "".join(f"\n  {e}" for e in self.errors[:10]),
            f"uploads       {len(self.batches)} accepted, {self.processed} audited "
            f"(queue drained {self.drain_seconds:.1f} s after the run), {len(self.lost)} lost",
        ])


def login(client: httpx.Client, username: str) -> str:
    """Log in through the form like a browser; the CSRF token of the new session."""
    form = client.get("/login")
    token = _CSRF.search(form.text)
    assert token is not None
    response = client.post("/login", data={"username": username, "password": PASSWORD,
                                           "csrf_token": token.group(1), "next": "/"})
    if response.status_code != 303:
        raise RuntimeError(f"login {username}: {response.status_code}")
    home = client.get("/")
    token = _CSRF.search(home.text)
    assert token is not None
    return token.group(1)


def _user(base: str, username: str, upload_every: int, upload: bytes, deadline: float, result: Result,
          stagger: float) -> None:
    time.sleep(stagger)
    with httpx.Client(base_url=base, timeout=60, follow_redirects=False) as client:
        csrf = login(client, username)
        n = cursor = 0
        documents: list[dict[str, object]] = []
        while time.monotonic() < deadline:
            n += 1
            if n % 10 == 1:  # the list a user sees changes as uploads arrive
                documents = [d for d in _get(client, "/api/documents", result).json() if d["versions"]]
            if n % upload_every == 0:
                unique = upload + f"\n\n{secrets.token_hex(8)}\n".encode()  # new bytes: a real audit, no reuse
                files = [("files", ("reference.txt", unique, "text/plain"))]
                response = _timed(result, partial(client.post, "/upload", data={"csrf_token": csrf}, files=files),
                                  "POST /upload")
                if response.status_code == 303:
                    with result.lock:
                        result.batches.append(str(response.headers["location"]).rsplit("/", 1)[-1])
                else:
                    _error(result, "POST /upload", response)
                continue
            if not documents:
                _get(client, "/", result)
                continue
            document = documents[cursor % len(documents)]
            cursor += 1
            paths = [f"/documents/{document['id']}", f"/documents/{document['id']}?severity=error", "/"]
            findings = _get(client, f"/api/documents/{document['id']}/findings", result).json()["findings"]
            if findings:
                finding = findings[n % len(findings)]
                paths.append(f"/documents/{document['id']}/findings/{finding['id']}")
                if finding["page"] and n % 3 == 0:
                    paths.append(f"/documents/{document['id']}/findings/{finding['id']}/page.png")
            for path in paths:
                if time.monotonic() >= deadline:
                    break
                _get(client, path, result)


def _kind(method: str, path: str) -> str:
    """The route a request went to, for latency by route: ids and queries dropped."""
    return f"{method} " + re.sub(r"/[0-9a-f]{16}\b|/\d+", "/{id}", path.split("?")[0]) + ("?…" if "?" in path else "")


def _timed(result: Result, call: Callable[[], httpx.Response], kind: str) -> httpx.Response:
    start = time.perf_counter()
    response = call()
    elapsed = time.perf_counter() - start
    with result.lock:
        result.latencies.append(elapsed)
        result.by_kind.setdefault(kind, []).append(elapsed)
    return response


def _get(client: httpx.Client, path: str, result: Result) -> httpx.Response:
    try:
        response = _timed(result, partial(client.get, path), _kind("GET", path))
    except httpx.HTTPError as exc:
        with result.lock:
            result.errors.append(f"GET {path}: {type(exc).__name__}")
        return httpx.Response(599, json={"findings": []}, request=httpx.Request("GET", path))
    if response.status_code != 200:
        _error(result, f"GET {path}", response)
    return response


def _error(result: Result, what: str, response: httpx.Response) -> None:
    with result.lock:
        result.errors.append(f"{what}: {response.status_code}")


def run(base: str, usernames: list[str], seconds: float, upload_every: int, upload: bytes,
        expected_findings: int | None, drain_limit: float = 300) -> Result:
    """``usernames`` (password :data:`PASSWORD`) browse and upload for ``seconds``; then the queue drains."""
    result = Result(seconds)
    deadline = time.monotonic() + seconds
    threads = [threading.Thread(target=_user, args=(base, name, upload_every, upload, deadline, result,
                                                    i * 0.05), daemon=True)
               for i, name in enumerate(usernames)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=seconds + 120)
    start = time.monotonic()
    with httpx.Client(base_url=base, timeout=60) as client:
        login(client, usernames[0])
        pending = list(result.batches)
        while pending and time.monotonic() - start < drain_limit:
            still = []
            for batch in pending:
                data = client.get(f"/api/batches/{batch}").json()
                if data.get("done") != data.get("total"):
                    still.append(batch)
            pending = still
            time.sleep(0.2 if pending else 0)
        result.drain_seconds = time.monotonic() - start
        for batch in result.batches:
            response = client.get(f"/api/batches/{batch}")
            versions = response.json().get("versions", []) if response.status_code == 200 else []
            done = [v for v in versions if v["status"] == "done"]
            summary = done[0]["summary"] if done else {}
            count = summary.get("errors", 0) + summary.get("warnings", 0) + summary.get("infos", 0)
            if not done or (expected_findings is not None and count != expected_findings):
                result.lost.append(f"{batch}: {versions[0]['status'] if versions else 'missing'}, {count} findings")
            else:
                result.processed += 1
    return result


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--users", type=int, default=20)
    parser.add_argument("--seconds", type=float, default=60)
    parser.add_argument("--upload-every", type=int, default=15)
    args = parser.parse_args()
    if not REFERENCE.is_file():
        sys.exit(f"reference document not found: {REFERENCE}")
    import juesuan

    expected = len(juesuan.audit(juesuan.read(REFERENCE)))
    port = _free_port()
    base = f"http://127.0.0.1:{port}"
    with tempfile.TemporaryDirectory() as store:
        juesuan_cmd = [sys.executable, "-m", "juesuan"]
        server = subprocess.Popen(
            [*juesuan_cmd, "serve", "--store", store, "--host", "127.0.0.1", "--port", str(port),
             "--no-secure-cookies", "--admin", "admin"],
            env={**os.environ, "JUESUAN_ADMIN_PASSWORD": PASSWORD}, stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL)
        try:
            deadline = time.monotonic() + 60
            while True:
                try:
                    if httpx.get(f"{base}/api/health").status_code == 200:
                        break
                except httpx.HTTPError:
                    pass
                if time.monotonic() > deadline or server.poll() is not None:
                    sys.exit("the server did not start")
                time.sleep(0.2)
            names = seed(base, args.users)
            result = run(base, names, args.seconds, args.upload_every, REFERENCE.read_bytes(), expected)
            print(result.report(args.users))
        finally:
            server.terminate()
            server.wait(timeout=30)


def seed(base: str, users: int) -> list[str]:
    """Accounts (a quarter department users, in two departments, the rest reviewers) and two documents."""
    names = []
    with httpx.Client(base_url=base, timeout=120, follow_redirects=False) as admin:
        csrf = login(admin, "admin")
        for i in range(users):
            department = ["晋城市生态环境局", "上海市普陀区委社会工作部"][i % 2] if i % 4 == 3 else ""
            name = f"{'dept' if department else 'reviewer'}{i}"
            admin.post("/admin/users", data={"csrf_token": csrf, "username": name, "password": PASSWORD,
                                             "role": "department" if department else "reviewer",
                                             "department": department})
            names.append(name)
        files = [("files", (REFERENCE.name, REFERENCE.read_bytes(), "text/plain"))]
        if SHANGHAI.is_file():
            files.append(("files", (SHANGHAI.name, SHANGHAI.read_bytes(), "application/pdf")))
        batch = str(admin.post("/upload", data={"csrf_token": csrf}, files=files).headers["location"]).rsplit("/")[-1]
        while True:
            data = admin.get(f"/api/batches/{batch}").json()
            if data["done"] == data["total"]:
                break
            time.sleep(0.2)
    return names


if __name__ == "__main__":
    main()
