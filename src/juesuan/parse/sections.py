"""The part/section tree of a disclosure, and the cover header (department, year, title).

Three numbering levels are recognised at the start of a prose line (table rows are never headings):

1. ``第一部分 概况`` … ``第五部分 附件`` (parts);
2. ``一、`` … ``十、``, ``十一、`` … (sections);
3. ``（一）`` … (subsections; the half-width ``(一)`` too).

``1、`` / ``1.`` items are paragraphs, not sections. A numbered line that is a *heading* (short, no
full stop) gives its whole rest as the title. A numbered *item* that carries its own text gives a
title and text: a glossary entry ``一、财政拨款收入：指…`` is titled with the term before the colon
and its definition is the text; an item ``（一）晋城市生态环境行政执法队。负责…`` is titled up to
the first ``。`` and the rest is the text. An item that is one whole statement with nothing under it
(``（十五）承担…职责。``) keeps that statement as its text, so it does not read as an empty section.

Parts are also recognised by title without a number (``…2024年度部门决算表`` over the tables, as in
the Shanghai template), and a heading wrapped over two lines or split by a page break
(``…部门决算情况`` / ``说明``) is read whole.

Not sections: the table of contents (after a 目录 line up to the first heading it lists appearing
again; lines ending in a page number; or an earlier run of part headings with no text at all that
the body repeats), the cover, watermark lines, table rows, and anything numbered inside an
attachment part (附件/附表: the self-evaluation forms' notes and cells) or the public tables' part
(captions and row labels that lost their row).
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field

from juesuan.model.disclosure import Section
from juesuan.model.spans import SourceSpan
from juesuan.parse.paragraphs import Paragraph, paragraphs
from juesuan.read.document import Document, Line, LineKind

__all__ = [
    "Header",
    "body_paragraphs",
    "detect_header",
    "heading_level",
    "is_attachment_title",
    "is_budget_disclosure",
    "is_tables_title",
    "parse_sections",
    "section_at",
    "toc_lines",
]

_CN = "一二三四五六七八九十百零〇"
PART_RE = re.compile(rf"^(第[{_CN}0-9０-９]+部分)[\s　:：]*(.*)$")
SECTION_RE = re.compile(rf"^([{_CN}]+)、\s*(.*)$")
SUBSECTION_RE = re.compile(rf"^(（[{_CN}]+）|\([{_CN}]+\))\s*(.*)$")
TOC_PAGE_RE = re.compile(r"\S(?:[\s\u3000]+|[.．·…_\-—]{2,}[\s\u3000]*)\d{1,4}$")
"""A table-of-contents entry: the title, then spaces or dot leaders, then a page number."""

ATTACHMENT_TITLES = ("附件", "附表")
"""Parts whose content is attachments (forms, tables): no sections are created inside them."""

_TITLE_COLON_MAX = 30
"""An item ``term：definition`` is split at the colon when the term is at most this long."""

TOC_TITLES = ("目录", "目次")
"""A line that reads only this (spaces aside) opens a table of contents."""

UNNUMBERED_PART_RE = re.compile(
    r"(?:部门|单位)?决算(?:公开)?表$|决算(?:公开)?情况说明$|^情况说明$|名词解释$|(?:部门|单位)概况$|^附件$"
)
"""A part title printed on a line of its own without 第N部分 (the Shanghai template prints
``上海市XX局2024年度部门决算表`` over the tables with no number)."""

_PART_KEYS = ("决算表", "情况说明", "名词解释", "概况", "附件")

TITLE_ENDINGS = ("情况说明", "说明", "决算表", "公开表", "表", "概况", "名词解释", "附件", "附表", "情况")
"""Words a heading ends with: a heading wrapped over two lines is joined when its second line is a
short rest (``…2024年度部门决算情况`` / ``说明``) that completes it to one of these."""
_WRAP_MAX = 10
_WRAP_NOT = re.compile(r"[，。；;：:！？!?、\d]|^(?:详见|见|如|本|注)")


@dataclass(frozen=True, slots=True)
class Header:
    """What the cover states: the title line, the department, and the year disclosed."""

    title: str | None = None
    department: str | None = None
    year: int | None = None


def is_attachment_title(title: str) -> bool:
    """Whether a part's title names attachments (附件, 附表): no sections are made inside it."""
    return any(word in title for word in ATTACHMENT_TITLES)


def heading_level(text: str) -> tuple[int, str, str] | None:
    """``(level, number, rest)`` when ``text`` starts with part/section/subsection numbering."""
    text = text.strip()
    for level, pattern in ((1, PART_RE), (2, SECTION_RE), (3, SUBSECTION_RE)):
        m = pattern.match(text)
        if m:
            return level, m.group(1), m.group(2).strip()
    return None


def _is_toc_entry(text: str) -> bool:
    return bool(TOC_PAGE_RE.search(text.strip()))


def _split_title(rest: str) -> tuple[str, str]:
    """Split the words after the numbering into (title, text of the item itself)."""
    colon = min((i for i in (rest.find("："), rest.find(":")) if i >= 0), default=-1)
    stop = rest.find("。")
    if 0 < colon <= _TITLE_COLON_MAX and (stop < 0 or colon < stop):
        return rest[:colon].strip(), rest[colon + 1 :].strip()
    if stop >= 0:
        return rest[:stop].strip(), rest[stop + 1 :].strip()
    return rest.strip(), ""


def body_paragraphs(lines: Iterable[Line], file: str | None = None) -> list[Paragraph]:
    """Paragraphs of prose lines, where every numbered heading line starts a paragraph of its own.

    :func:`juesuan.parse.paragraphs.paragraphs` joins a line to an unfinished paragraph before it
    unless the line is a short heading; a long numbered item (a glossary entry) must not be swallowed
    by the paragraph above it, so the lines are cut at each heading line first.
    """
    out: list[Paragraph] = []
    run: list[Line] = []
    for line in lines:
        alone = line.kind is LineKind.TEXT and (_is_unnumbered_title(line.text)
                                                or re.sub(r"\s+", "", line.text) in TOC_TITLES)
        if line.kind is LineKind.TEXT and (heading_level(line.text) is not None or alone) and run:
            out.extend(paragraphs(run, file))
            run = []
        run.append(line)
        if alone:  # a part title or 目录 on its own line ends there too
            out.extend(paragraphs(run, file))
            run = []
    if run:
        out.extend(paragraphs(run, file))
    return out


@dataclass(slots=True)
class _Node:
    level: int
    number: str
    title: str
    head_text: str
    line: Line
    column: int
    end_line: int
    paragraphs: list[str] = field(default_factory=list)
    children: list[_Node] = field(default_factory=list)
    statement: str = ""
    """The item's whole sentence when its heading line ends in 。 (used if nothing else is there)."""
    table_rows: int = 0

    def has_text(self) -> bool:
        return bool(self.head_text or self.paragraphs) or any(c.has_text() for c in self.children)

    def freeze(self, file: str) -> Section:
        texts = ([self.head_text] if self.head_text else []) + self.paragraphs
        if not texts and not self.children and self.statement:
            texts = [self.statement]
        return Section(
            level=self.level,
            number=self.number,
            title=self.title,
            text="\n".join(texts),
            span=SourceSpan(file=file, page=self.line.page, line=self.line.number,
                            column=self.column),
            end_line=self.end_line,
            table_rows=self.table_rows,
            children=[c.freeze(file) for c in self.children],
        )


def _continues_title(title: str, para: Paragraph) -> bool:
    """Whether ``para`` is the rest of a heading wrapped onto the next line."""
    rest = para.text.strip()
    return (len(para.lines) == 1 and 0 < len(rest) <= _WRAP_MAX and heading_level(rest) is None
            and not _WRAP_NOT.search(rest) and (title + rest).endswith(TITLE_ENDINGS)
            and not title.endswith(TITLE_ENDINGS[:-1]))


def _is_unnumbered_title(text: str) -> bool:
    text = re.sub(r"\s+", "", text)
    return len(text) <= 40 and heading_level(text) is None and bool(UNNUMBERED_PART_RE.search(text))


def _unnumbered_part(para: Paragraph) -> str | None:
    """The title when ``para`` is a part heading printed without 第N部分, else None."""
    return re.sub(r"\s+", "", para.text) if len(para.lines) == 1 and _is_unnumbered_title(para.text) else None


def is_tables_title(title: str) -> bool:
    """Whether a part's title names the public tables (部门决算表): its numbered lines are captions."""
    return "决算表" in title or "公开表" in title


def _part_key(title: str) -> str | None:
    return next((k for k in _PART_KEYS if k in title), None)


def _heading_key(text: str) -> tuple[int, str] | None:
    found = heading_level(text)
    if found is not None:
        return found[0], found[1] if found[1] else found[2]
    return (1, re.sub(r"\s+", "", text)) if _is_unnumbered_title(text) else None


def toc_lines(doc: Document) -> range:
    """The line numbers of the table of contents: from a 目录 line up to the line before the first
    heading it lists appearing again in the body (empty when there is no such pair).

    Entries may be prose or rows (title, page number); wrapped rests and page numbers are inside.
    """
    start = next((ln.number for ln in doc.lines
                  if ln.kind is LineKind.TEXT and re.sub(r"\s+", "", ln.text) in TOC_TITLES), None)
    if start is None:
        return range(0)
    first: tuple[int, str] | None = None
    for line in doc.lines[start:]:
        text = line.cells[0].text if line.kind is LineKind.ROW and line.cells else line.text
        key = _heading_key(text)
        if key is None:
            continue
        if first is None:
            first = key
        elif key == first and line.kind is LineKind.TEXT and not _is_toc_entry(line.text):
            return range(start, line.number)
    return range(0)


def parse_sections(doc: Document) -> list[Section]:
    """The disclosure's parts (level 1) with their sections and subsections, in document order.

    A table of contents (after a 目录 line, up to the first heading it lists appearing again) is
    skipped; a heading wrapped over two lines is read whole; a part title printed without its
    number (``…2024年度部门决算表``) opens a part.
    """
    parts: list[_Node] = []
    stack: list[_Node] = []
    seen_parts: set[str] = set()
    toc = toc_lines(doc)
    last: _Node | None = None  # the heading just read, which the next paragraph may complete
    for para in body_paragraphs(doc.lines, doc.path):
        first = para.lines[0]
        if first.number in toc:
            continue
        found = heading_level(para.text)
        if last is not None and found is None and _continues_title(last.title, para):
            last.title += para.text.strip()
            last.end_line = para.lines[-1].number
            last = None
            continue
        last = None
        # Inside the attachments and the public tables, numbered lines are form notes, captions and
        # row labels that lost their row (``一、一般公共预算财政拨款``), not sections.
        in_attachment = bool(stack) and (is_attachment_title(stack[0].title)
                                         or is_tables_title(stack[0].title))
        if found is not None and _is_toc_entry(para.text):
            continue  # a table-of-contents entry printed as prose
        unnumbered = _unnumbered_part(para) if found is None and not in_attachment else None
        if unnumbered is not None and (key := _part_key(unnumbered)) is not None and not (
                stack and _part_key(stack[0].title) == key):
            found = (1, "", unnumbered)
        if found is not None and not (in_attachment and found[0] > 1):
            level, number, rest = found
            if level == 1 and number and number in seen_parts and not any(p.has_text() for p in parts):
                # The parts so far were a table of contents without page numbers: start again.
                parts, stack, seen_parts = [], [], set()
            if level > 1 and not stack:
                continue  # numbered text before the first part (cover, contents): not a section
            title, head_text = (rest, "") if level == 1 else _split_title(rest)
            _, column = para.locate(0)
            node = _Node(level, number, title, head_text, first, column, para.lines[-1].number)
            if level > 1 and rest.endswith("。"):
                node.statement = rest
            while stack and stack[-1].level >= level:
                stack.pop()
            if level == 1:
                parts.append(node)
                seen_parts.add(number)
            else:
                stack[-1].children.append(node)
            stack.append(node)
            if not head_text:
                last = node
            continue
        if not stack:
            continue  # cover or table of contents
        stack[-1].paragraphs.append(para.text)
    _set_end_lines(parts, doc)
    _count_table_rows(parts, doc)
    return [p.freeze(doc.path) for p in parts]


def _count_table_rows(parts: list[_Node], doc: Document) -> None:
    """Each node's own table rows: those in its range that no child's range covers."""
    rows_upto = [0] * (len(doc.lines) + 1)
    for ln in doc.lines:
        rows_upto[ln.number] = rows_upto[ln.number - 1] + (ln.kind is LineKind.ROW)
    last = len(doc.lines)

    def rows(first: int, end: int) -> int:
        return rows_upto[min(end, last)] - rows_upto[min(first, last) - 1]

    def visit(nodes: list[_Node]) -> None:
        for node in nodes:
            visit(node.children)
            own = rows(node.line.number, node.end_line)
            node.table_rows = own - sum(rows(c.line.number, c.end_line) for c in node.children)

    visit(parts)


def _set_end_lines(parts: list[_Node], doc: Document) -> None:
    """Each node ends at the last content line (prose or table row) before the next heading at
    its own level or above."""
    flat: list[_Node] = []

    def walk(nodes: list[_Node]) -> None:
        for n in nodes:
            flat.append(n)
            walk(n.children)

    walk(parts)
    last_content = [0] * (len(doc.lines) + 1)
    latest = 0
    for ln in doc.lines:
        if ln.is_content:
            latest = ln.number
        last_content[ln.number] = latest
    for i, node in enumerate(flat):
        nxt = next((m for m in flat[i + 1 :] if m.level <= node.level), None)
        stop = nxt.line.number - 1 if nxt is not None else len(doc.lines)
        node.end_line = max(node.line.number, last_content[stop] if stop >= 0 else 0)


def section_at(parts: list[Section], line: int) -> list[Section]:
    """The chain of sections (outermost first) that contains ``line``; empty outside all parts."""
    chain: list[Section] = []
    candidates = parts
    while True:
        hit = next((s for s in candidates if s.span.line <= line <= s.end_line), None)
        if hit is None:
            return chain
        chain.append(hit)
        candidates = hit.children


# ---------------------------------------------------------------------------------------- header

TITLE_RE = re.compile(
    r"^(?P<dept>.*?)\s*(?P<year>(?:19|20)\d{2})\s*年度?\s*(?:部门|单位)?(?:财务)?决算"
)
BUDGET_TITLE_RE = re.compile(r"(?:19|20)\d{2}\s*年度?\s*(?:区级|市级|县级|省级)?\s*(?:部门|单位)(?:综合)?预算")
"""A budget disclosure's cover title (预算公开: ``上海市普陀区2026年区级部门预算``), not 决算."""
_COVER_SCAN = 60
"""How many prose lines at the top of the document are read as the cover."""


def detect_header(doc: Document) -> Header:
    """Department, year and title line from the cover (the prose lines before the first part)."""
    cover: list[Line] = []
    for line in doc.lines:
        if line.kind is not LineKind.TEXT:
            continue
        found = heading_level(line.text)
        if found is not None and found[0] == 1 and not _is_toc_entry(line.text):
            break
        cover.append(line)
        if len(cover) >= _COVER_SCAN:
            break
    for i, line in enumerate(cover):
        text = line.text.strip()
        m = TITLE_RE.match(text)
        if m is None:
            continue
        year = int(m.group("year"))
        dept = m.group("dept").strip() or None
        if dept is None:
            # the name above, possibly wrapped (上海市普陀区规划和自然 / 资源局), else the line below
            above = ["".join(c.text.strip() for c in cover[j:i]) for j in (i - 2, i - 1) if j >= 0]
            neighbours = [*above, *(cover[j].text.strip() for j in (i + 1,) if j < len(cover))]
            dept = next((t for t in neighbours if _looks_like_department(t)), None)
        return Header(title=text, department=dept, year=year)
    # A cover title broken over lines (中共上海市普陀区委 / 社会工作部2024年度 / 部门决算): read the
    # lines together, up to the 目录.
    joined: list[str] = []
    for line in cover:
        text = re.sub(r"\s+", "", line.text)
        if text in TOC_TITLES:
            break
        joined.append(text)
        m = TITLE_RE.match("".join(joined[-3:]))
        if m is not None:
            return Header(title="".join(joined[-3:]), department=m.group("dept") or None,
                          year=int(m.group("year")))
    dept = next((ln.text.strip() for ln in cover if _looks_like_department(ln.text.strip())), None)
    return Header(department=dept)


def is_budget_disclosure(doc: Document) -> bool:
    """Whether the cover announces a budget (预算公开) and never a 决算: its figures are plans, and
    the 决算 rules (tables 01–09, completion against budget) do not apply."""
    cover = [ln.text for ln in doc.lines[:_COVER_SCAN] if ln.kind is LineKind.TEXT][:8]
    text = re.sub(r"\s+", "", "".join(cover))
    return bool(BUDGET_TITLE_RE.search(text)) and "决算" not in text


_DEPT_SUFFIXES = ("局", "委员会", "委", "厅", "院", "中心", "办公室", "部", "会", "所", "站", "馆",
                  "队", "校", "学", "社", "处", "室", "署", "府", "政府", "法院", "检察院", "医院")


def _looks_like_department(text: str) -> bool:
    return (
        0 < len(text) <= 40
        and not any(ch.isdigit() for ch in text)
        and text.replace(" ", "") not in ("目录", "目次")
        and text.endswith(_DEPT_SUFFIXES)
    )
