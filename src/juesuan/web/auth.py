"""Accounts, logins and CSRF: argon2id password hashes, server-side sessions, per-session CSRF tokens.

A login is a random 256-bit token in an HttpOnly, SameSite=Lax cookie (Secure unless the server is
told it runs on plain HTTP); the database keeps only the token's SHA-256, so a leaked database holds
no usable session. Scripts log in through ``POST /api/session`` and send the token as
``Authorization: Bearer …``; a bearer token is never sent by a browser on its own, so those requests
need no CSRF token, while every state-changing request that rides on the cookie must carry the
session's CSRF token (a form field or the ``X-CSRF-Token`` header).
"""

from __future__ import annotations

import hashlib
import hmac
import secrets
from datetime import UTC, datetime, timedelta

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError
from sqlalchemy import delete, select
from sqlalchemy.orm import Session

from juesuan.web.db import Login, Role, User, now

COOKIE = "juesuan_session"
SESSION_DAYS = 7
MAX_FAILURES = 10
"""Wrong passwords in a row before an account is locked for :data:`LOCKOUT` (guessing is slowed
to 10 tries per 15 minutes an account; the answer stays "wrong user name or password")."""
LOCKOUT = timedelta(minutes=15)
_hasher = PasswordHasher()
_DUMMY_HASH = _hasher.hash(secrets.token_urlsafe(16))


def hash_password(password: str) -> str:
    return _hasher.hash(password)


def create_user(db: Session, username: str, password: str, role: Role, department: str | None = None) -> User:
    if role is Role.DEPARTMENT and not department:
        raise ValueError("a department account needs its department")
    if len(password) < 8:
        raise ValueError("a password has at least 8 characters")
    user = User(username=username, password_hash=hash_password(password), role=role.value,
                department=department if role is Role.DEPARTMENT else None)
    db.add(user)
    db.commit()
    return user


def _aware(moment: datetime) -> datetime:
    """SQLite hands back naive datetimes; every one stored here is UTC."""
    return moment if moment.tzinfo else moment.replace(tzinfo=UTC)


def authenticate(db: Session, username: str, password: str) -> User | None:
    user = db.scalars(select(User).where(User.username == username)).first()
    try:
        # An unknown name is checked against a dummy hash so timing does not tell names apart.
        _hasher.verify(user.password_hash if user else _DUMMY_HASH, password)
    except (VerificationError, InvalidHashError):
        if user is not None:
            user.failed_logins += 1
            if user.failed_logins >= MAX_FAILURES:
                user.failed_logins, user.locked_until = 0, now() + LOCKOUT
            db.commit()
        return None
    if user is None or not user.active or (user.locked_until and _aware(user.locked_until) > now()):
        return None
    user.failed_logins, user.locked_until = 0, None
    if _hasher.check_needs_rehash(user.password_hash):
        user.password_hash = hash_password(password)
    db.commit()
    return user


def _digest(token: str) -> str:
    return hashlib.sha256(token.encode("ascii", "replace")).hexdigest()


def open_session(db: Session, user: User) -> tuple[str, Login]:
    """A new login for ``user``: (the token for the cookie, the row holding its CSRF token)."""
    token = secrets.token_urlsafe(32)
    login = Login(token_hash=_digest(token), csrf_token=secrets.token_urlsafe(32), user_id=user.id,
                  expires_at=now() + timedelta(days=SESSION_DAYS))
    db.add(login)
    db.execute(delete(Login).where(Login.expires_at < now()))
    db.commit()
    return token, login


def find_session(db: Session, token: str) -> Login | None:
    login = db.scalars(select(Login).where(Login.token_hash == _digest(token))).first()
    if login is None or not login.user.active:
        return None
    return login if _aware(login.expires_at) > now() else None


def close_session(db: Session, login: Login) -> None:
    db.delete(login)
    db.commit()


def csrf_ok(login: Login, token: str | None) -> bool:
    return token is not None and hmac.compare_digest(login.csrf_token.encode(), token.encode("utf-8", "replace"))
