"""The FastAPI application: the review pages (server-rendered, htmx for progress and filters) and the
same operations as JSON under ``/api`` (OpenAPI at ``/api/openapi.json``).

Routes stay thin: they authenticate, check CSRF and role, and call :mod:`juesuan.web.review`; every
document-scoped route takes the document id first and resolves the rest through the document, so
access is checked on the object, never on the URL's shape.
"""

from __future__ import annotations

import secrets
from collections.abc import AsyncIterator, Awaitable, Callable, Iterator
from contextlib import asynccontextmanager
from datetime import datetime
from pathlib import Path
from typing import Annotated, Any
from urllib.parse import quote

from fastapi import Depends, FastAPI, File, Form, HTTPException, Query, Request, UploadFile
from fastapi.responses import HTMLResponse, JSONResponse, RedirectResponse, Response
from fastapi.staticfiles import StaticFiles
from fastapi.templating import Jinja2Templates
from jinja2 import Environment, PackageLoader, select_autoescape
from pydantic import BaseModel, Field
from sqlalchemy import select
from sqlalchemy.orm import Session
from starlette.exceptions import HTTPException as StarletteHTTPException

import juesuan
from juesuan.read.errors import InputError
from juesuan.web import memo as memo_writer
from juesuan.web import review
from juesuan.web.auth import COOKIE, authenticate, close_session, create_user, csrf_ok, find_session, open_session
from juesuan.web.db import Decision, Login, Role, User, Verdict, make_engine, make_sessionmaker, now
from juesuan.web.ingest import Worker, version_payload
from juesuan.web.settings import Settings
from juesuan.web.source import context, render_page
from juesuan.web.store import UPLOAD_LIMIT, Store

MAX_FILES = 50
"""Most files in one upload."""
LOGIN_CSRF = "juesuan_login_csrf"


class LoginRequired(Exception):
    """No valid session: pages redirect to the login form, the API answers 401."""


def _is_api(request: Request) -> bool:
    return request.url.path.startswith("/api")


# --- dependencies --------------------------------------------------------------------------------

def get_db(request: Request) -> Iterator[Session]:
    with request.app.state.sessions() as db:
        yield db


DB = Annotated[Session, Depends(get_db)]


def current_login(request: Request, db: DB) -> Login:
    header = request.headers.get("authorization", "")
    request.state.bearer = header.lower().startswith("bearer ")
    token = header[7:].strip() if request.state.bearer else request.cookies.get(COOKIE)
    login = find_session(db, token) if token else None
    if login is None:
        raise LoginRequired()
    request.state.login = login
    return login


CurrentLogin = Annotated[Login, Depends(current_login)]


def current_user(login: CurrentLogin) -> User:
    return login.user


CurrentUser = Annotated[User, Depends(current_user)]


def _check_csrf(request: Request, login: Login, token: str | None) -> None:
    if request.state.bearer:  # a bearer token is never attached by a browser on its own
        return
    if not csrf_ok(login, token or request.headers.get("x-csrf-token")):
        raise HTTPException(403, "CSRF token missing or wrong / 缺少或错误的 CSRF 令牌")


def form_csrf(request: Request, login: CurrentLogin, csrf_token: Annotated[str, Form()] = "") -> None:
    _check_csrf(request, login, csrf_token)


def api_csrf(request: Request, login: CurrentLogin) -> None:
    _check_csrf(request, login, None)


FormCSRF = Annotated[None, Depends(form_csrf)]
ApiCSRF = Annotated[None, Depends(api_csrf)]


def admin(user: CurrentUser) -> User:
    if user.role != Role.ADMIN.value:
        raise HTTPException(403, "administrators only / 仅限管理员")
    return user


Admin = Annotated[User, Depends(admin)]


# --- the application -----------------------------------------------------------------------------

def create_app(settings: Settings) -> FastAPI:
    settings.store.mkdir(parents=True, exist_ok=True)
    engine = make_engine(settings.url)
    sessions = make_sessionmaker(engine)
    store = Store(settings.store)
    worker = Worker(sessions, store, settings.workers)

    @asynccontextmanager
    async def lifespan(_app: FastAPI) -> AsyncIterator[None]:
        worker.resume()
        yield
        worker.shutdown()
        engine.dispose()

    app = FastAPI(title="juesuan review workspace", version=juesuan.__version__, lifespan=lifespan,
                  openapi_url="/api/openapi.json", docs_url=None, redoc_url=None,
                  description="决算公开审核工作台的 JSON 接口 / the review workspace's JSON API. Log in with "
                              "POST /api/session and send the token as `Authorization: Bearer …`.")
    app.state.settings, app.state.sessions, app.state.store, app.state.worker = settings, sessions, store, worker
    env = Environment(loader=PackageLoader("juesuan.web", "templates"), autoescape=select_autoescape(["j2", "html"]))
    templates = Jinja2Templates(env=env)
    app.state.templates = templates
    app.mount("/static", StaticFiles(directory=Path(__file__).parent / "static"), name="static")

    @app.middleware("http")
    async def guard(request: Request, call_next: Callable[[Request], Awaitable[Response]]) -> Response:
        length = request.headers.get("content-length")
        if length is not None and not length.isdigit():
            return _error(request, 400, "H400", "无效的 Content-Length", "invalid Content-Length")
        if length is not None and int(length) > UPLOAD_LIMIT + 1024 * 1024:  # the form around the file
            return _error(request, 413, "R004", "请求过大（上限 200 MB）", "request too large (limit 200 MB)")
        response = await call_next(request)
        response.headers.setdefault("X-Content-Type-Options", "nosniff")
        response.headers.setdefault("X-Frame-Options", "DENY")
        response.headers.setdefault("Referrer-Policy", "same-origin")
        response.headers.setdefault("Content-Security-Policy",
                                    "default-src 'self'; img-src 'self' data:; object-src 'none'; "
                                    "frame-ancestors 'none'; base-uri 'none'; form-action 'self'")
        if request.url.path != "/login" and not request.url.path.startswith("/static"):
            response.headers.setdefault("Cache-Control", "no-store")
        return response

    def _error(request: Request, status: int, code: str, zh: str, en: str) -> Response:
        if _is_api(request) or "text/html" not in request.headers.get("accept", ""):
            return JSONResponse({"detail": en, "code": code, "message_zh": zh, "message_en": en}, status)
        return templates.TemplateResponse(request, "error.html.j2", {"status": status, "code": code, "zh": zh,
                                                                      "en": en, "user": None}, status_code=status)

    @app.exception_handler(LoginRequired)
    async def _login_required(request: Request, _exc: LoginRequired) -> Response:
        if _is_api(request):
            return JSONResponse({"detail": "login required / 请先登录"}, 401, headers={"WWW-Authenticate": "Bearer"})
        target = request.url.path + (f"?{request.url.query}" if request.url.query else "")
        return RedirectResponse(f"/login?next={quote(target)}", 303)

    @app.exception_handler(StarletteHTTPException)
    async def _http_error(request: Request, exc: StarletteHTTPException) -> Response:
        detail = str(exc.detail)
        return _error(request, exc.status_code, f"H{exc.status_code}", detail, detail)

    @app.exception_handler(InputError)
    async def _input_error(request: Request, exc: InputError) -> Response:
        status = {"R004": 413, "R005": 415}.get(exc.code, 400)
        return _error(request, status, exc.code, exc.message_zh, exc.message_en)

    def page(request: Request, name: str, status: int = 200, **ctx: Any) -> HTMLResponse:
        login = getattr(request.state, "login", None)
        ctx |= {"user": login.user if login else None, "csrf": login.csrf_token if login else "",
                "verdicts": review.VERDICT_ZH, "severities": review.SEVERITY_ZH}
        return templates.TemplateResponse(request, name, ctx, status_code=status)

    def set_cookie(response: Response, token: str) -> None:
        response.set_cookie(COOKIE, token, max_age=7 * 24 * 3600, httponly=True, samesite="lax",
                            secure=settings.secure_cookies, path="/")

    def uploads(files: list[UploadFile]) -> list[review.Upload]:
        if len(files) > MAX_FILES:
            raise HTTPException(413, f"at most {MAX_FILES} files per upload")
        return [review.Upload(f.filename or "upload", f.file) for f in files if f.filename]

    # --- pages: login --------------------------------------------------------------------------

    @app.get("/login", response_class=HTMLResponse, include_in_schema=False, name="login_form")
    def login_form(request: Request, next: str = "/") -> Response:
        token = secrets.token_urlsafe(24)
        response = page(request, "login.html.j2", next=_safe_next(next), login_csrf=token, failed=False)
        response.set_cookie(LOGIN_CSRF, token, max_age=3600, httponly=True, samesite="strict",
                            secure=settings.secure_cookies)
        return response

    @app.post("/login", include_in_schema=False, name="login")
    def login(request: Request, db: DB, username: Annotated[str, Form()], password: Annotated[str, Form()],
              csrf_token: Annotated[str, Form()] = "", next: Annotated[str, Form()] = "/") -> Response:
        expected = request.cookies.get(LOGIN_CSRF, "")
        if not expected or not secrets.compare_digest(expected, csrf_token):
            raise HTTPException(403, "CSRF token missing or wrong / 缺少或错误的 CSRF 令牌")
        user = authenticate(db, username, password)
        if user is None:
            token = secrets.token_urlsafe(24)
            response = page(request, "login.html.j2", 401, next=_safe_next(next), login_csrf=token, failed=True)
            response.set_cookie(LOGIN_CSRF, token, max_age=3600, httponly=True, samesite="strict",
                                secure=settings.secure_cookies)
            return response
        token, _login = open_session(db, user)
        redirect = RedirectResponse(_safe_next(next), 303)
        set_cookie(redirect, token)
        redirect.delete_cookie(LOGIN_CSRF)
        return redirect

    @app.post("/logout", include_in_schema=False, name="logout")
    def logout(db: DB, login: CurrentLogin, _csrf: FormCSRF) -> Response:
        close_session(db, login)
        response = RedirectResponse("/login", 303)
        response.delete_cookie(COOKIE)
        return response

    # --- pages: documents ----------------------------------------------------------------------

    @app.get("/", response_class=HTMLResponse, include_in_schema=False, name="home")
    def home(request: Request, db: DB, user: CurrentUser) -> Response:
        return page(request, "documents.html.j2", documents=review.documents(db, user))

    @app.post("/upload", include_in_schema=False, name="upload")
    def upload(db: DB, user: CurrentUser, _csrf: FormCSRF, files: Annotated[list[UploadFile], File()],
               department: Annotated[str, Form()] = "") -> Response:
        batch, versions = review.add_versions(db, store, user, uploads(files), department)
        for version in versions:
            worker.submit(version.id)
        return RedirectResponse(f"/batches/{batch}", 303)

    @app.get("/batches/{batch}", response_class=HTMLResponse, include_in_schema=False, name="batch")
    def batch_page(request: Request, db: DB, user: CurrentUser, batch: str) -> Response:
        return page(request, "batch.html.j2", batch=batch, versions=review.batch_versions(db, user, batch))

    @app.get("/batches/{batch}/progress", response_class=HTMLResponse, include_in_schema=False,
             name="batch_progress")
    def batch_progress(request: Request, db: DB, user: CurrentUser, batch: str) -> Response:
        return page(request, "_progress.html.j2", batch=batch, versions=review.batch_versions(db, user, batch))

    @app.get("/documents/{document_id}", response_class=HTMLResponse, include_in_schema=False, name="document")
    def document_page(request: Request, db: DB, user: CurrentUser, document_id: int, version: int | None = None,
                      severity: str | None = None, code: str | None = None, decision: str | None = None
                      ) -> Response:
        document = review.document_for(db, user, document_id)
        shown = review.version_of(document, version)
        found = review.items(db, document, shown, severity or None, code or None, decision or None)
        return page(request, "document.html.j2", document=document, version=shown, groups=review.groups(found),
                    shown=len(found), codes=sorted({r.code for r in shown.findings}), severity=severity or "",
                    code=code or "", decision=decision or "", can_decide=review.can_decide(user))

    @app.post("/documents/{document_id}/versions", include_in_schema=False, name="upload_version")
    def upload_version(db: DB, user: CurrentUser, _csrf: FormCSRF, document_id: int,
                       file: Annotated[UploadFile, File()]) -> Response:
        document = review.document_for(db, user, document_id)
        batch, versions = review.add_versions(db, store, user, uploads([file]), None, document)
        worker.submit(versions[0].id)
        return RedirectResponse(f"/batches/{batch}", 303)

    @app.get("/documents/{document_id}/findings/{finding_id}", response_class=HTMLResponse,
             include_in_schema=False, name="finding")
    def finding_page(request: Request, db: DB, user: CurrentUser, document_id: int, finding_id: int) -> Response:
        document = review.document_for(db, user, document_id)
        row = review.finding_for(db, document, finding_id)
        version = next(v for v in document.versions if v.id == row.version_id)
        item = review.items(db, document, version)
        index = next(i for i, it in enumerate(item) if it.row.id == row.id)
        return page(request, "finding.html.j2", document=document, version=version, item=item[index],
                    previous=item[index - 1].row if index > 0 else None,
                    following=item[index + 1].row if index + 1 < len(item) else None,
                    lines=context(review.source_lines(db, version, row.line), row.line, row.quote),
                    history=review.history(db, document, row.fingerprint), events=review.EVENT_ZH,
                    show_page=version.suffix == ".pdf" and row.page is not None,
                    can_decide=review.can_decide(user))

    @app.get("/documents/{document_id}/findings/{finding_id}/page.png", include_in_schema=False,
             name="finding_page_image")
    def finding_image(db: DB, user: CurrentUser, document_id: int, finding_id: int) -> Response:
        document = review.document_for(db, user, document_id)
        row = review.finding_for(db, document, finding_id)
        version = next(v for v in document.versions if v.id == row.version_id)
        if version.suffix != ".pdf" or row.page is None:
            raise HTTPException(404, "this finding has no PDF page")
        quoted = review.source_lines(db, version, row.line, radius=0)
        rendering = render_page(store.path(version.sha256, version.suffix), row.page, row.quote,
                                quoted[0][2] if quoted else None)
        return Response(rendering.png, media_type="image/png",
                        headers={"X-Highlighted": str(rendering.highlighted), "Cache-Control": "private, max-age=600"})

    @app.post("/documents/{document_id}/findings/{finding_id}/decision", include_in_schema=False, name="decide")
    def decide(db: DB, user: CurrentUser, _csrf: FormCSRF, document_id: int, finding_id: int,
               verdict: Annotated[str, Form()], reason: Annotated[str, Form()] = "") -> Response:
        document = review.document_for(db, user, document_id)
        row = review.finding_for(db, document, finding_id)
        review.decide(db, user, document, row, verdict, reason)
        return RedirectResponse(f"/documents/{document.id}/findings/{row.id}", 303)

    @app.post("/documents/{document_id}/findings/{finding_id}/reply", include_in_schema=False, name="reply")
    def reply(db: DB, user: CurrentUser, _csrf: FormCSRF, document_id: int, finding_id: int,
              text: Annotated[str, Form()]) -> Response:
        document = review.document_for(db, user, document_id)
        row = review.finding_for(db, document, finding_id)
        review.answer(db, user, document, row, text)
        return RedirectResponse(f"/documents/{document.id}/findings/{row.id}", 303)

    @app.get("/documents/{document_id}/compare", response_class=HTMLResponse, include_in_schema=False,
             name="compare")
    def compare_page(request: Request, db: DB, user: CurrentUser, document_id: int, base: int | None = None,
                     head: int | None = None) -> Response:
        document = review.document_for(db, user, document_id)
        return page(request, "compare.html.j2", document=document, comparison=review.compare(document, base, head))

    @app.get("/documents/{document_id}/memo.{fmt}", include_in_schema=False, name="memo")
    def memo(db: DB, user: CurrentUser, document_id: int, fmt: str, version: int | None = None) -> Response:
        document = review.document_for(db, user, document_id)
        shown = review.version_of(document, version)
        comparison = review.compare(document, None, shown.number) if shown.number > 1 else None
        built = memo_writer.build(document, shown, review.items(db, document, shown), comparison, user.username,
                                  datetime.now())
        name = quote(f"审核意见-{document.title}-第{shown.number}版.{fmt}")
        disposition = {"Content-Disposition": f"attachment; filename*=UTF-8''{name}"}
        if fmt == "docx":
            return Response(memo_writer.to_docx(built), headers=disposition, media_type=(
                "application/vnd.openxmlformats-officedocument.wordprocessingml.document"))
        if fmt == "pdf":
            return Response(memo_writer.to_pdf(built, env), media_type="application/pdf", headers=disposition)
        raise HTTPException(404, "memo formats: docx, pdf")

    @app.get("/documents/{document_id}/baseline.json", include_in_schema=False, name="baseline")
    def baseline_file(db: DB, user: CurrentUser, document_id: int) -> Response:
        document = review.document_for(db, user, document_id)
        return JSONResponse(review.baseline(db, document), headers={
            "Content-Disposition": f"attachment; filename=baseline-{document.id}.json"})

    # --- pages: accounts -----------------------------------------------------------------------

    @app.get("/admin/users", response_class=HTMLResponse, include_in_schema=False, name="users")
    def users_page(request: Request, db: DB, _user: Admin, error: str = "") -> Response:
        return page(request, "users.html.j2", users=list(db.scalars(select(User).order_by(User.id))),
                    roles=[r.value for r in Role], error=error)

    @app.post("/admin/users", include_in_schema=False, name="create_user")
    def add_user(db: DB, _user: Admin, _csrf: FormCSRF, username: Annotated[str, Form()],
                 password: Annotated[str, Form()], role: Annotated[str, Form()],
                 department: Annotated[str, Form()] = "") -> Response:
        try:
            if role not in {r.value for r in Role}:
                raise ValueError("unknown role")
            if db.scalars(select(User).where(User.username == username.strip())).first():
                raise ValueError("this user name is taken")
            create_user(db, username.strip(), password, Role(role), department.strip() or None)
        except ValueError as exc:
            return RedirectResponse(f"/admin/users?error={quote(str(exc))}", 303)
        return RedirectResponse("/admin/users", 303)

    @app.post("/admin/users/{user_id}/active", include_in_schema=False, name="toggle_user")
    def toggle_user(db: DB, me: Admin, _csrf: FormCSRF, user_id: int) -> Response:
        target = db.get(User, user_id)
        if target is None:
            raise HTTPException(404, "user not found")
        if target.id == me.id:
            raise HTTPException(422, "you cannot disable yourself")
        target.active = not target.active
        db.commit()
        return RedirectResponse("/admin/users", 303)

    _api(app, store, worker, uploads)
    return app


def _safe_next(target: str) -> str:
    """Only a path on this site (an open redirect would let a link send a user elsewhere)."""
    return target if target.startswith("/") and not target.startswith("//") and "\\" not in target else "/"


# --- the JSON API --------------------------------------------------------------------------------

class Credentials(BaseModel):
    username: str
    password: str


class SessionOut(BaseModel):
    token: str = Field(description="send as `Authorization: Bearer <token>`")
    csrf_token: str = Field(description="needed only when the cookie, not the bearer token, authenticates")
    user: dict[str, Any]


class DecisionIn(BaseModel):
    verdict: Verdict
    reason: str = Field("", description="required to dismiss (the reason) and to query (the question)")


class ReplyIn(BaseModel):
    text: str = Field(description="the department's answer to the query")


def _decision(decision: Decision) -> dict[str, Any]:
    return {"fingerprint": decision.fingerprint, "verdict": decision.verdict, "reason": decision.reason,
            "decided_at": decision.decided_at.isoformat(), "reply": decision.reply or None}


def _user(user: User) -> dict[str, Any]:
    return {"id": user.id, "username": user.username, "role": user.role, "department": user.department}


def _document(document: Any) -> dict[str, Any]:
    return {"id": document.id, "title": document.title, "department": document.department,
            "created_at": document.created_at.isoformat(),
            "versions": [version_payload(v) for v in document.versions]}


def _api(app: FastAPI, store: Store, worker: Worker,
         uploads: Callable[[list[UploadFile]], list[review.Upload]]) -> None:
    @app.post("/api/session", response_model=SessionOut, tags=["session"], name="api_login")
    def api_login(db: DB, body: Credentials) -> SessionOut:
        """Log in; the token authenticates later calls (valid 7 days)."""
        user = authenticate(db, body.username, body.password)
        if user is None:
            raise HTTPException(401, "wrong user name or password / 用户名或密码错误")
        token, login = open_session(db, user)
        return SessionOut(token=token, csrf_token=login.csrf_token, user=_user(user))

    @app.delete("/api/session", tags=["session"], name="api_logout")
    def api_logout(db: DB, login: CurrentLogin, _csrf: ApiCSRF) -> dict[str, bool]:
        """Log out: the token stops working."""
        close_session(db, login)
        return {"ok": True}

    @app.get("/api/me", tags=["session"], name="api_me")
    def api_me(user: CurrentUser) -> dict[str, Any]:
        return _user(user)

    @app.get("/api/documents", tags=["documents"], name="api_documents")
    def api_documents(db: DB, user: CurrentUser) -> list[dict[str, Any]]:
        """The documents the caller may see, newest first, with their versions' status."""
        return [_document(d) for d in review.documents(db, user)]

    @app.post("/api/documents", status_code=202, tags=["documents"], name="api_upload")
    def api_upload(db: DB, user: CurrentUser, _csrf: ApiCSRF, files: Annotated[list[UploadFile], File()],
                   department: Annotated[str, Form()] = "") -> dict[str, Any]:
        """Upload one or many disclosures, each a new document; poll ``/api/batches/{batch}``."""
        batch, versions = review.add_versions(db, store, user, uploads(files), department)
        for version in versions:
            worker.submit(version.id)
        return {"batch": batch, "versions": [version_payload(v) for v in versions]}

    @app.get("/api/batches/{batch}", tags=["documents"], name="api_batch")
    def api_batch(db: DB, user: CurrentUser, batch: str) -> dict[str, Any]:
        """An upload's progress: each version's status (queued, running, done, failed)."""
        versions = review.batch_versions(db, user, batch)
        return {"batch": batch, "done": sum(v.status in ("done", "failed") for v in versions),
                "total": len(versions), "versions": [version_payload(v) for v in versions]}

    @app.get("/api/documents/{document_id}", tags=["documents"], name="api_document")
    def api_document(db: DB, user: CurrentUser, document_id: int) -> dict[str, Any]:
        return _document(review.document_for(db, user, document_id))

    @app.post("/api/documents/{document_id}/versions", status_code=202, tags=["documents"],
              name="api_upload_version")
    def api_upload_version(db: DB, user: CurrentUser, _csrf: ApiCSRF, document_id: int,
                           file: Annotated[UploadFile, File()]) -> dict[str, Any]:
        """Upload a corrected version; decisions carry over to its findings that are the same."""
        document = review.document_for(db, user, document_id)
        batch, versions = review.add_versions(db, store, user, uploads([file]), None, document)
        worker.submit(versions[0].id)
        return {"batch": batch, "versions": [version_payload(v) for v in versions]}

    @app.get("/api/documents/{document_id}/findings", tags=["review"], name="api_findings")
    def api_findings(db: DB, user: CurrentUser, document_id: int, version: int | None = None,
                     severity: Annotated[str | None, Query(pattern="^(error|warning|info)$")] = None,
                     code: str | None = None,
                     decision: Annotated[str | None, Query(pattern="^(pending|confirmed|dismissed|query)$")] = None
                     ) -> dict[str, Any]:
        """A version's findings (the ``juesuan audit --format json`` rows), each with its decision;
        ``decision=pending`` gives those not yet decided."""
        document = review.document_for(db, user, document_id)
        shown = review.version_of(document, version)
        return {"document_id": document.id, "version": shown.number, "status": shown.status,
                "summary": shown.summary,
                "findings": [i.payload() for i in review.items(db, document, shown, severity, code, decision)]}

    @app.put("/api/documents/{document_id}/decisions/{fingerprint}", tags=["review"], name="api_decide")
    def api_decide(db: DB, user: CurrentUser, _csrf: ApiCSRF, document_id: int, fingerprint: str,
                   body: DecisionIn, version: int | None = None) -> dict[str, Any]:
        """Decide on the finding with this fingerprint in the (latest) version (reviewers and admins)."""
        document = review.document_for(db, user, document_id)
        row = review.finding_by_fingerprint(document, version, fingerprint)
        decision = review.decide(db, user, document, row, body.verdict.value, body.reason)
        return _decision(decision)

    @app.put("/api/documents/{document_id}/decisions/{fingerprint}/reply", tags=["review"], name="api_reply")
    def api_reply(db: DB, user: CurrentUser, _csrf: ApiCSRF, document_id: int, fingerprint: str,
                  body: ReplyIn, version: int | None = None) -> dict[str, Any]:
        """The department answers a query (请部门说明) on the finding with this fingerprint."""
        document = review.document_for(db, user, document_id)
        row = review.finding_by_fingerprint(document, version, fingerprint)
        return _decision(review.answer(db, user, document, row, body.text))

    @app.get("/api/documents/{document_id}/compare", tags=["review"], name="api_compare")
    def api_compare(db: DB, user: CurrentUser, document_id: int, base: int | None = None,
                    head: int | None = None) -> dict[str, Any]:
        """Findings fixed, new and unchanged between two versions (default: the latest and the one before)."""
        return review.compare(review.document_for(db, user, document_id), base, head).payload()

    @app.get("/api/documents/{document_id}/baseline", tags=["review"], name="api_baseline")
    def api_baseline(db: DB, user: CurrentUser, document_id: int) -> dict[str, Any]:
        """The dismissed findings as a baseline file for ``juesuan audit --baseline``."""
        return review.baseline(db, review.document_for(db, user, document_id))

    @app.get("/api/health", tags=["session"], name="api_health")
    def api_health() -> dict[str, Any]:
        """Liveness, and how many uploads wait to be audited."""
        return {"ok": True, "version": juesuan.__version__, "pending": worker.pending, "time": now().isoformat()}
