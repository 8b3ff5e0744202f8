"""``juesuan serve``: the web review workspace (FastAPI + uvicorn) over the same pipeline."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Annotated

import typer

from juesuan.cli.app import command, err, fail
from juesuan.read.errors import InputError


@command("serve")
def serve(
    store: Annotated[Path, typer.Option(help="服务器自有的数据目录（上传文件、SQLite 数据库）/ "
                                           "the directory the server owns (uploads, SQLite database)")]
    = Path("juesuan-data"),
    host: Annotated[str, typer.Option(help="监听地址 / address to listen on")] = "127.0.0.1",
    port: Annotated[int, typer.Option(help="端口 / port")] = 8000,
    database_url: Annotated[str | None, typer.Option(
        help="SQLAlchemy 数据库 URL，默认 STORE 下的 SQLite / database URL (default: SQLite in STORE), "
             "e.g. postgresql+psycopg://user@host/db")] = None,
    workers: Annotated[int, typer.Option(min=1, max=16, help="审核线程数 / audit threads")] = 1,
    secure_cookies: Annotated[bool, typer.Option(
        help="仅经 HTTPS 发送会话 Cookie / send the session cookie over HTTPS only (--no-secure-cookies for "
             "plain HTTP on a trusted network)")] = True,
    admin: Annotated[str | None, typer.Option(
        help="若不存在则创建此管理员账户，密码取自 JUESUAN_ADMIN_PASSWORD 或提示输入 / create this admin "
             "account if missing (password from JUESUAN_ADMIN_PASSWORD, else prompted)")] = None,
) -> None:
    import uvicorn
    from sqlalchemy import select
    from sqlalchemy.exc import ArgumentError, OperationalError

    from juesuan.web import Settings, create_app
    from juesuan.web.auth import create_user
    from juesuan.web.db import Role, User

    if store.exists() and not store.is_dir():
        fail(InputError("A001", "数据目录不是一个目录", "the store is not a directory", str(store)))
    try:
        store.mkdir(parents=True, exist_ok=True)
        application = create_app(Settings(store=store, database_url=database_url,
                                          secure_cookies=secure_cookies, workers=workers))
    except OSError as exc:
        fail(InputError("A001", f"无法使用数据目录（{exc.strerror}）", f"cannot use the store ({exc.strerror})",
                        str(store)))
    except (ArgumentError, OperationalError, ImportError) as exc:
        fail(InputError("A002", "无法连接数据库", f"cannot open the database: {str(exc).splitlines()[0]}",
                        database_url))
    if admin:
        with application.state.sessions() as db:
            if db.scalars(select(User).where(User.username == admin)).first() is None:
                password = os.environ.get("JUESUAN_ADMIN_PASSWORD") or typer.prompt(
                    "管理员密码 / admin password", hide_input=True, confirmation_prompt=True)
                try:
                    create_user(db, admin, password, Role.ADMIN)
                except ValueError as exc:
                    fail(InputError("A003", "管理员密码至少 8 位", str(exc)))
                err.print(f"已创建管理员 / created admin: {admin}", markup=False, highlight=False)
    if not secure_cookies and host not in ("127.0.0.1", "localhost", "::1"):
        err.print("警告 / warning: --no-secure-cookies on a non-loopback address sends the session over "
                  "plain HTTP", markup=False, highlight=False)
    uvicorn.run(application, host=host, port=port, log_level="info")
