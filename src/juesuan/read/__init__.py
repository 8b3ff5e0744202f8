"""Readers: one per source format, each returning the same :class:`Document`."""

from __future__ import annotations

from pathlib import Path

from juesuan.read.document import Document
from juesuan.read.errors import InputError
from juesuan.read.text import read_text

__all__ = ["Document", "InputError", "read_document"]


def read_document(path: str | Path) -> Document:
    """Read any supported file into a Document (text exports today; other formats to come)."""
    suffix = Path(path).suffix.lower()
    if suffix in (".pdf", ".docx", ".doc", ".xlsx", ".xls", ".html", ".htm", ".zip"):
        raise InputError(
            "R005",
            f"暂不支持 {suffix} 格式；请先导出为 TXT 文本",
            f"{suffix} files are not supported yet; export the disclosure to text first",
            str(path),
        )
    return read_text(path)
