"""What ``juesuan serve`` is told: where the data lives, and how cookies are sent."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True)
class Settings:
    store: Path
    """The directory the server owns: uploaded files by hash, temporary files, the SQLite database."""
    database_url: str | None = None
    """Any SQLAlchemy URL (``postgresql+psycopg://…``); default ``sqlite:///STORE/juesuan.db``."""
    secure_cookies: bool = True
    """Send the session cookie only over HTTPS; turn off only for plain HTTP on a trusted loopback."""
    workers: int = 1
    """Threads auditing uploads (each audit is CPU-bound)."""

    @property
    def url(self) -> str:
        return self.database_url or f"sqlite:///{(self.store / 'juesuan.db').resolve()}"
