"""Reader for plain-text exports of a published disclosure (tab-separated table rows).

Decodes UTF-8 (with or without BOM) and GB18030 (a superset of GBK/GB2312, which Chinese Windows
tools still write), refuses binary data and over-large files with a specific error.
"""

from __future__ import annotations

from pathlib import Path

from juesuan.read.document import Document, classify
from juesuan.read.errors import InputError

MAX_BYTES = 50 * 1024 * 1024
"""Largest text export accepted; a real disclosure is well under 5 MB (the reference is 0.3 MB)."""

_ENCODINGS = ("utf-8-sig", "gb18030")


def decode(data: bytes, path: str) -> tuple[str, str]:
    """Decode ``data`` as UTF-8 or GB18030; raise InputError for empty or binary data."""
    if not data.strip():
        raise InputError("R001", "文件为空，没有可读取的内容", "the file is empty", path)
    head = data[:65536]
    if b"\x00" in head:
        raise InputError(
            "R002",
            "文件是二进制数据，不是文本导出；请提供 TXT 文本或支持的格式",
            "the file is binary, not a text export; give a text file or a supported format",
            path,
        )
    for encoding in _ENCODINGS:
        try:
            text = data.decode(encoding)
        except UnicodeDecodeError:
            continue
        controls = sum(1 for ch in text[:65536] if ord(ch) < 32 and ch not in "\t\r\n\f")
        if controls > max(8, len(text[:65536]) // 100):
            break
        return text, encoding.replace("-sig", "")
    raise InputError(
        "R003",
        "无法识别文件编码（既不是 UTF-8 也不是 GB18030/GBK），或文件不是文本",
        "cannot decode the file as UTF-8 or GB18030/GBK text",
        path,
    )


def read_text(path: str | Path) -> Document:
    """Read a text export into a Document; form feeds (``\\f``) start a new page when present."""
    p = Path(path)
    name = str(path)
    try:
        size = p.stat().st_size
    except FileNotFoundError:
        raise InputError("R000", "文件不存在", "file not found", name) from None
    except OSError as exc:
        raise InputError("R000", f"无法读取文件（{exc.strerror}）", f"cannot read ({exc.strerror})",
                         name) from None
    if p.is_dir():
        raise InputError("R000", "这是一个目录，不是文件", "this is a directory, not a file", name)
    if size > MAX_BYTES:
        raise InputError(
            "R004",
            f"文件过大（{size // 1048576} MB，上限 {MAX_BYTES // 1048576} MB）",
            f"file too large ({size // 1048576} MB, limit {MAX_BYTES // 1048576} MB)",
            name,
        )
    text, encoding = decode(p.read_bytes(), name)
    return document_from_text(text, name, encoding)


def document_from_text(text: str, path: str = "<text>", encoding: str = "utf-8") -> Document:
    has_pages = "\f" in text
    page = 1 if has_pages else None
    doc = Document(path=path, encoding=encoding)
    # Split on "\n" only: str.splitlines() also breaks on \f, \x1c and U+2028, which would shift
    # every line number away from what an editor or grep shows.
    raw_lines = text.split("\n")
    if raw_lines and raw_lines[-1] == "":
        raw_lines.pop()
    for number, raw in enumerate(raw_lines, start=1):
        raw = raw.removesuffix("\r")
        if has_pages and "\f" in raw:
            assert page is not None
            page += raw.count("\f")
            raw = raw.replace("\f", "")
        doc.lines.append(classify(number, raw, page))
    return doc
