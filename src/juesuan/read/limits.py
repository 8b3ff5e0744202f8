"""Limits every reader enforces, and the checks shared by them (file access, size, ZIP archives).

Each limit turns hostile or broken input into a specific :class:`InputError` within seconds and in
bounded memory, instead of a hang, an out-of-memory kill or a traceback.
"""

from __future__ import annotations

import zipfile
from pathlib import Path

from juesuan.read.errors import InputError

MB = 1024 * 1024
MAX_BYTES = {"text": 50 * MB, "pdf": 200 * MB, "docx": 50 * MB, "xlsx": 50 * MB, "xls": 50 * MB,
             "html": 50 * MB}
"""Largest file accepted per format (R004). A real disclosure PDF is a few MB; scans run larger."""
MAX_PAGES = 2000
"""Most PDF pages read (R008); the reference disclosure, with 64 forms, is about 150 pages."""
MAX_PAGE_CHARS = 100_000
"""Most characters on one PDF page (R008); a dense A4 page of small print holds about 5,000."""
MAX_ZIP_MEMBERS = 2000
"""Most members in a DOCX/XLSX archive (R010); Word and Excel write 10–100."""
MAX_UNZIPPED = 300 * MB
"""Largest total uncompressed size of a DOCX/XLSX archive (R010)."""
MAX_RATIO = 200
"""Largest compression ratio of any member over 1 MB uncompressed (R010); Office XML is 5–30."""
MAX_CELLS = 2_000_000
"""Most spreadsheet cells read over all sheets (R008)."""
MAX_ROWS = 200_000
"""Most lines (paragraphs and rows) a document may produce (R008)."""


def read_bytes(path: str | Path, kind: str) -> bytes:
    """The file's bytes, after the checks every reader shares (R000 missing, R004 too large)."""
    p = Path(path)
    name = str(path)
    try:
        if p.is_dir():
            raise InputError("R000", "这是一个目录，不是文件", "this is a directory, not a file", name)
        size = p.stat().st_size
    except FileNotFoundError:
        raise InputError("R000", "文件不存在", "file not found", name) from None
    except OSError as exc:
        raise InputError("R000", f"无法读取文件（{exc.strerror}）", f"cannot read ({exc.strerror})",
                         name) from None
    check_size(size, kind, name)
    try:
        return p.read_bytes()
    except OSError as exc:
        raise InputError("R000", f"无法读取文件（{exc.strerror}）", f"cannot read ({exc.strerror})",
                         name) from None


def check_size(size: int, kind: str, name: str) -> None:
    limit = MAX_BYTES.get(kind, MAX_BYTES["text"])
    if size > limit:
        raise InputError(
            "R004",
            f"文件过大（{size // MB} MB，上限 {limit // MB} MB）",
            f"file too large ({size // MB} MB, limit {limit // MB} MB)",
            name,
        )


def corrupt(kind: str, name: str, detail: str = "") -> InputError:
    """R007: a file of a known format that cannot be read (truncated, damaged, not what it claims)."""
    extra = f"（{detail}）" if detail else ""
    return InputError("R007", f"{kind} 文件已损坏或不完整，无法读取{extra}",
                      f"the {kind} file is corrupt or truncated{': ' + detail if detail else ''}", name)


def too_many(what_zh: str, what_en: str, count: int, limit: int, name: str) -> InputError:
    return InputError("R008", f"{what_zh}过多（{count}，上限 {limit}）",
                      f"too many {what_en} ({count}, limit {limit})", name)


def check_zip(archive: zipfile.ZipFile, name: str) -> None:
    """Refuse archive bombs before anything is decompressed (R010): member count, size, ratio."""
    infos = archive.infolist()
    if len(infos) > MAX_ZIP_MEMBERS:
        raise InputError("R010", f"压缩包成员过多（{len(infos)} 个，上限 {MAX_ZIP_MEMBERS}），疑似压缩炸弹",
                         f"too many archive members ({len(infos)}, limit {MAX_ZIP_MEMBERS}): "
                         "a likely archive bomb", name)
    total = sum(info.file_size for info in infos)
    if total > MAX_UNZIPPED:
        raise InputError("R010", f"解压后过大（{total // MB} MB，上限 {MAX_UNZIPPED // MB} MB），疑似压缩炸弹",
                         f"uncompressed size too large ({total // MB} MB, limit {MAX_UNZIPPED // MB} MB): "
                         "a likely archive bomb", name)
    for info in infos:
        ratio = info.file_size / max(info.compress_size, 1)
        if info.file_size > MB and ratio > MAX_RATIO:
            raise InputError("R010", f"成员 {info.filename} 压缩比过高（{ratio:.0f}:1，上限 {MAX_RATIO}:1），"
                             "疑似压缩炸弹",
                             f"member {info.filename} compression ratio too high ({ratio:.0f}:1, "
                             f"limit {MAX_RATIO}:1): a likely archive bomb", name)


def open_zip(data: bytes, kind: str, name: str) -> zipfile.ZipFile:
    import io

    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
    except (zipfile.BadZipFile, OSError, ValueError, EOFError, NotImplementedError) as exc:
        # NotImplementedError: a member needing a newer ZIP version or an unknown compression.
        raise corrupt(kind, name, str(exc)[:80]) from None
    check_zip(archive, name)
    return archive
