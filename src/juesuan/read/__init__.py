"""Readers: one per source format, each returning the same :class:`Document`.

:func:`read_document` picks the reader by the file's first bytes (magic numbers) and only then by
its extension, so a ``.txt`` that is really a PDF is read as a PDF.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path

from juesuan.read.document import Document
from juesuan.read.errors import InputError
from juesuan.read.limits import MAX_BYTES, check_size, open_zip, read_bytes
from juesuan.read.text import decode, document_from_text

__all__ = ["SUPPORTED_SUFFIXES", "Document", "InputError", "detect_format", "read_document", "size_limit"]

_OLE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_HTML = re.compile(rb"^\s*(<!--.*?-->\s*)*(<!doctype\s+html|<html|<head|<body|<meta|<table|<div|<p[\s>])",
                   re.I | re.S)
_BY_SUFFIX = {".pdf": "pdf", ".docx": "docx", ".xlsx": "xlsx", ".xlsm": "xlsx", ".xls": "xls",
              ".html": "html", ".htm": "html", ".shtml": "html", ".txt": "text", ".text": "text",
              ".csv": "text", ".tsv": "text"}
SUPPORTED_SUFFIXES = frozenset(_BY_SUFFIX)
"""File name suffixes juesuan reads (the web workspace accepts uploads with these only)."""


def size_limit(suffix: str) -> int:
    """The largest file :func:`read_document` accepts under this suffix (R004 above it)."""
    return MAX_BYTES[_BY_SUFFIX.get(suffix, "pdf")]
_UNSUPPORTED = {".doc": ("Word 97–2003（.doc）", "legacy Word (.doc)", "DOCX"),
                ".wps": ("WPS 文字（.wps）", "WPS (.wps)", "DOCX"),
                ".et": ("WPS 表格（.et）", "WPS spreadsheet (.et)", "XLSX"),
                ".ofd": ("OFD 版式文件", "OFD", "PDF"),
                ".rar": ("RAR 压缩包", "RAR archive", "PDF/DOCX"),
                ".7z": ("7z 压缩包", "7z archive", "PDF/DOCX")}


_IMAGES = ((b"\x89PNG\r\n\x1a\n", "PNG"), (b"\xff\xd8\xff", "JPEG"), (b"GIF87a", "GIF"), (b"GIF89a", "GIF"),
           (b"II*\x00", "TIFF"), (b"MM\x00*", "TIFF"))
PageProgress = Callable[[int, int], None]
"""Called as a reader goes through a PDF, with (pages read, pages in all), from (0, n) to (n, n):
a progress display."""


def image_kind(head: bytes) -> str | None:
    """``PNG``, ``JPEG``, ``GIF``, ``TIFF`` or ``WebP`` when the bytes are an image, else ``None``."""
    if head[:4] == b"RIFF" and head[8:12] == b"WEBP":
        return "WebP"
    return next((name for magic, name in _IMAGES if head.startswith(magic)), None)


def detect_format(head: bytes, suffix: str, zip_names: list[str] | None = None) -> str:
    """``pdf``, ``docx``, ``xlsx``, ``xls``, ``html``, ``zip`` (neither), ``ole``, ``image`` or
    ``text``."""
    if image_kind(head):
        return "image"
    if head.lstrip(b"\x00\t\r\n \xef\xbb\xbf")[:5] == b"%PDF-" or b"%PDF-" in head[:1024]:
        return "pdf"
    if head[:4] == b"PK\x03\x04" or head[:4] == b"PK\x05\x06":
        names = zip_names or []
        if "word/document.xml" in names:
            return "docx"
        if "xl/workbook.xml" in names:
            return "xlsx"
        return "zip"
    if head[:8] == _OLE:
        return "xls" if suffix in (".xls", ".xlt") else "ole"
    stripped = head.lstrip(b"\xef\xbb\xbf")
    if _HTML.match(stripped) or _HTML.match(_utf16_to_ascii(stripped)):
        return "html"
    return "html" if _BY_SUFFIX.get(suffix) == "html" else "text"


def _utf16_to_ascii(head: bytes) -> bytes:
    return head.replace(b"\x00", b"") if head[:2] in (b"\xff\xfe", b"\xfe\xff") else b""


def read_document(path: str | Path, password: str | None = None, *, data: bytes | None = None,
                  progress: PageProgress | None = None) -> Document:
    """Read any supported file (text, PDF, DOCX, XLSX, XLS, HTML) into a Document.

    ``data``: the file's bytes when they do not come from ``path`` (standard input; ``path`` then
    only names the source). ``progress`` follows a PDF page by page (:data:`PageProgress`).
    Raises :class:`InputError` with a specific code for unusable input (see README).
    """
    name = str(path)
    suffix = Path(path).suffix.lower()
    if suffix in _UNSUPPORTED:
        zh, en, target = _UNSUPPORTED[suffix]
        raise InputError("R005", f"不支持 {zh} 格式；请另存为 {target} 或 PDF",
                         f"{en} is not supported; save it as {target} or PDF", name)
    if data is None:
        data = read_bytes(path, _BY_SUFFIX.get(suffix, "pdf"))
    names: list[str] | None = None
    if data[:2] == b"PK":
        names = open_zip(data, "ZIP", name).namelist()
    kind = detect_format(data[:2048], suffix, names)
    check_size(len(data), kind if kind != "zip" else "docx", name)
    if kind == "image":
        image = image_kind(data[:16])
        raise InputError("R005", f"这是一张 {image} 图片，不是公开文件；扫描件请先做文字识别（OCR），"
                         "或提供带文字层的 PDF、DOCX、XLSX 或 TXT",
                         f"this is a {image} image, not a disclosure: run OCR on a scan first, or give a "
                         "PDF with a text layer, DOCX, XLSX or text", name)
    if kind == "text" and _BY_SUFFIX.get(suffix, "text") != "text" and b"\x00" in data[:65536]:
        expected = _BY_SUFFIX[suffix].upper()
        raise InputError("R007", f"扩展名是 {suffix}，但内容不是 {expected}（文件头不符），文件可能已损坏",
                         f"the name ends in {suffix} but the content is not {expected} (its first "
                         "bytes do not match); the file may be damaged", name)
    if kind == "pdf":
        from juesuan.read.pdf import read_pdf

        return read_pdf(name, password=password, data=data, progress=progress)
    if kind == "docx":
        from juesuan.read.docx import read_docx

        return read_docx(name, data)
    if kind == "xlsx":
        from juesuan.read.sheets import read_xlsx

        return read_xlsx(name, data)
    if kind == "xls":
        from juesuan.read.sheets import read_xls

        return read_xls(name, data)
    if kind == "html":
        from juesuan.read.html import read_html

        return read_html(name, data)
    if kind == "zip":
        raise InputError("R011", "这是一个 ZIP 压缩包，但既不是 DOCX 也不是 XLSX；请解压后提供其中的公开文件",
                         "a ZIP archive that is neither DOCX nor XLSX; extract the disclosure from it",
                         name)
    if kind == "ole":
        raise InputError("R005", "这是旧版 Office 文件（.doc/.xls 二进制格式）；Word 文件请另存为 DOCX，"
                         "表格请使用 .xls 扩展名或另存为 XLSX",
                         "a legacy binary Office file: save Word files as DOCX; name spreadsheets .xls "
                         "or save them as XLSX", name)
    text, encoding = decode(data, name)
    return document_from_text(text, name, encoding)


