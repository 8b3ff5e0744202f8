"""Which files a batch reads: directories (recursively), glob patterns, and list files (``@FILE``).

A list file names one path (or glob) per line, relative to the list file's folder; blank lines
and lines starting with ``#`` are skipped. A path named on the command line that matches nothing
is an argument error (G001); a path a list file names that does not exist becomes a document row
with error R000, like any file that cannot be read.
"""

from __future__ import annotations

import glob
import hashlib
from collections.abc import Sequence
from pathlib import Path

from juesuan.read.errors import InputError

DISCLOSURE_SUFFIXES = frozenset({
    ".txt", ".text", ".pdf", ".docx", ".xlsx", ".xlsm", ".xls", ".html", ".htm", ".shtml",
    # Read only to be refused with their code (R005): better a row than a silent skip.
    ".doc", ".wps", ".et", ".ofd",
})
"""What a directory contributes: the formats juesuan reads and those it refuses by name."""
_GLOB_CHARS = frozenset("*?[")


def _from_directory(folder: Path) -> list[Path]:
    return sorted(p for p in folder.rglob("*")
                  if p.is_file() and p.suffix.lower() in DISCLOSURE_SUFFIXES
                  and not any(part.startswith(".") for part in p.relative_to(folder).parts))


def _expand(spec: str, base: Path | None, strict: bool) -> list[Path]:
    """One path, directory or glob; ``strict`` (command-line arguments) refuses no match."""
    if spec.startswith("@"):
        return _from_list(Path(spec[1:]))
    path = Path(spec) if base is None or Path(spec).is_absolute() else base / spec
    if _GLOB_CHARS & set(spec):
        found = sorted(Path(p) for p in glob.glob(str(path), recursive=True))
        out = [q for p in found for q in (_from_directory(p) if p.is_dir() else [p])]
        if not out and strict:
            raise InputError("G001", "没有与该模式匹配的文件", "no file matches this pattern", spec)
        return out
    if path.is_dir():
        return _from_directory(path)
    if not path.exists() and strict:
        raise InputError("G001", "文件或目录不存在", "no such file or directory", spec)
    return [path]


def _from_list(list_file: Path) -> list[Path]:
    try:
        lines = list_file.read_text(encoding="utf-8-sig").splitlines()
    except (OSError, UnicodeDecodeError) as exc:
        raise InputError("G002", "文件清单无法读取（应为 UTF-8 文本，每行一个路径）",
                         f"cannot read the list file (UTF-8 text, one path a line): {exc}",
                         str(list_file)) from None
    out: list[Path] = []
    for line in lines:
        entry = line.strip()
        if entry and not entry.startswith("#"):
            out += _expand(entry, list_file.parent, strict=False)
    return out


def discover(specs: Sequence[str]) -> list[Path]:
    """Every file the arguments name, absolute, each once, in a stable (sorted) order."""
    seen: dict[Path, None] = {}
    for spec in specs:
        for path in _expand(spec, None, strict=True):
            seen.setdefault(path.absolute(), None)
    if not seen:
        raise InputError("G001", "没有找到要审核的文件", "no documents found", " ".join(specs))
    return sorted(seen)


def content_hash(path: Path) -> tuple[str, int]:
    """(SHA-256 of the file's bytes, size): a document's identity in the warehouse. A path that
    cannot be read is identified by its name instead (its row records why)."""
    digest = hashlib.sha256()
    size = 0
    try:
        with path.open("rb") as handle:
            for chunk in iter(lambda: handle.read(1 << 20), b""):
                digest.update(chunk)
                size += len(chunk)
    except OSError:
        return "unreadable:" + hashlib.sha256(str(path).encode("utf-8")).hexdigest(), 0
    return digest.hexdigest(), size
