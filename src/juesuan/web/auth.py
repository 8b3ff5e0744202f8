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
from datetime import timedelta

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError
from sqlalchemy import delete, select
from sqlalchemy.orm import Session

from juesuan.web.db import Login, Role, User, now

COOKIE = "juesuan_session"
SESSION_DAYS = 7
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


def authenticate(db: Session, username: str, password: str) -> User | None:
    user = db.scalars(select(User).where(User.username == username)).first()
    try:
        # An unknown name is checked against a dummy hash so timing does not tell names apart.
        _hasher.verify(user.password_hash if user else _DUMMY_HASH, password)
    except (VerificationError, InvalidHashError):
        return None
    if user is None or not user.active:
        return None
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
    expires = login.expires_at if login.expires_at.tzinfo else login.expires_at.replace(tzinfo=now().tzinfo)
    return login if expires > now() else None


def close_session(db: Session, login: Login) -> None:
    db.delete(login)
    db.commit()


def csrf_ok(login: Login, token: str | None) -> bool:
    return token is not None and hmac.compare_digest(login.csrf_token.encode(), token.encode("utf-8", "replace"))
