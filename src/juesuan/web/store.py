"""The content-addressed store: uploaded files kept under the SHA-256 of their bytes.

The server owns the directory; a file's path is built from its hash (checked to be 64 hex digits)
and a suffix from a fixed list, never from anything a user typed, so no upload can name a path.
"""

from __future__ import annotations

import hashlib
import os
import re
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import BinaryIO

from juesuan.read import SUPPORTED_SUFFIXES, size_limit
from juesuan.read.errors import InputError
from juesuan.read.limits import MAX_BYTES, MB

_HASH = re.compile(r"^[0-9a-f]{64}$")
CHUNK = 1024 * 1024
UPLOAD_LIMIT = max(MAX_BYTES.values())
"""The largest request body (the PDF limit); each file gets its format's limit (:func:`size_limit`)."""


def upload_suffix(filename: str) -> str:
    """The file's suffix if juesuan reads that format, else R005 (the readers' own refusal)."""
    suffix = Path(filename).suffix.lower()
    if suffix not in SUPPORTED_SUFFIXES:
        raise InputError("R005", f"不支持的文件类型（{suffix or '无扩展名'}）；请上传 PDF、DOCX、XLSX、XLS、"
                         "HTML 或 TXT", f"unsupported file type ({suffix or 'no extension'}); upload PDF, "
                         "DOCX, XLSX, XLS, HTML or TXT", filename)
    return suffix


class Store:
    def __init__(self, root: Path):
        self.root = root
        (root / "blobs").mkdir(parents=True, exist_ok=True)
        (root / "tmp").mkdir(exist_ok=True)

    def path(self, sha256: str, suffix: str) -> Path:
        if not _HASH.match(sha256) or suffix not in SUPPORTED_SUFFIXES:
            raise ValueError("not a stored file")  # only reachable with a corrupt database row
        return self.root / "blobs" / sha256[:2] / f"{sha256}{suffix}"

    def put(self, stream: BinaryIO | Iterator[bytes], suffix: str, name: str) -> tuple[str, int]:
        """Copy ``stream`` into the store; (sha256, size). Over the readers' limit for the suffix
        (PDF 200 MB, others 50 MB) → R004, and nothing is kept. The same bytes are stored once."""
        limit = size_limit(suffix)
        digest = hashlib.sha256()
        size = 0
        fd, tmp_name = tempfile.mkstemp(dir=self.root / "tmp")
        tmp = Path(tmp_name)
        try:
            with os.fdopen(fd, "wb") as out:
                chunks = iter(lambda: stream.read(CHUNK), b"") if hasattr(stream, "read") else stream
                for chunk in chunks:
                    size += len(chunk)
                    if size > limit:
                        raise InputError("R004", f"文件过大（上限 {limit // MB} MB）",
                                         f"file too large (limit {limit // MB} MB)", name)
                    digest.update(chunk)
                    out.write(chunk)
            sha = digest.hexdigest()
            target = self.path(sha, suffix)
            target.parent.mkdir(exist_ok=True)
            os.replace(tmp, target)
            return sha, size
        finally:
            tmp.unlink(missing_ok=True)
