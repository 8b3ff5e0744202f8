"""Traditional characters (繁體) read like simplified ones.

Disclosures from Hong Kong- or Taiwan-facing offices, and text re-typed from old scans, come in
traditional characters (``決算``, ``與上年相比``, ``萬元``). The parsers' vocabulary is simplified, so
a document written mostly in traditional characters is converted with OpenCC's ``t2s`` table before it
is parsed. Conversion keeps every line's length (one character for one), so each span's line and
column still point at the character in the original text.

A simplified document is left alone: OpenCC maps a few simplified characters too (``著`` → ``着``),
so conversion is applied only when many characters are traditional-only.
"""

from __future__ import annotations

from dataclasses import replace
from functools import cache
from typing import Any

from juesuan.read.document import Cell, Document, Line

MIN_TRADITIONAL = 5
"""Fewest traditional-only characters for a document to be read as traditional."""
MIN_SHARE = 0.05
"""and their smallest share of the document's CJK characters."""
SAMPLE = 20_000
"""Characters from the start that decide it: a 200-page PDF is not converted twice to find out."""
NOTE = ("文本为繁体中文，已按简体读取（引文为简体，行列位置不变） / the text is in traditional characters and "
        "was read as simplified (quotes are simplified; lines and columns are unchanged)")


@cache
def _converter() -> Any:
    import opencc

    return opencc.OpenCC("t2s")


def _same_length(text: str) -> str:
    converted: str = _converter().convert(text)
    if len(converted) == len(text):
        return converted
    return "".join(c if len(c := _converter().convert(ch)) == 1 else ch for ch in text)


def is_traditional(text: str) -> bool:
    """Whether ``text`` is written in traditional characters (see :data:`MIN_SHARE`)."""
    cjk = sum(1 for ch in text if "\u4e00" <= ch <= "\u9fff")
    if cjk < MIN_TRADITIONAL:
        return False
    converted = _same_length(text)
    changed = sum(1 for a, b in zip(text, converted, strict=True) if a != b)
    return changed >= MIN_TRADITIONAL and changed >= MIN_SHARE * cjk


def fold_traditional(doc: Document) -> Document:
    """``doc`` itself when it is simplified; else a copy with every line converted to simplified."""
    text = "\n".join(ln.text for ln in doc.lines)
    if not is_traditional(text[:SAMPLE]):
        return doc
    lines: list[Line] = []
    for ln in doc.lines:
        cells = tuple(Cell(_same_length(c.text), c.index, c.column) for c in ln.cells)
        lines.append(replace(ln, text=_same_length(ln.text), cells=cells))
    return Document(path=doc.path, lines=lines, encoding=doc.encoding, warnings=[*doc.warnings, NOTE])
