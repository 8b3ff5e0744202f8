"""Read the nine public tables (公开01–09表) into :class:`StatedTable` objects.

A table starts at its caption: a short line (prose, or a row of caption cells) that names
``公开01表`` … ``公开09表`` or one of the national or provincial table names (:data:`STANDARD_NAMES`:
收入支出决算(总)表, 收入决算(总)表, 支出决算(总)表, 财政拨款收入支出决算(总)表, 一般公共预算财政拨款
(收入)支出决算表, …基本支出决算(明细)表, (一般公共预算)财政拨款“三公”经费支出决算表 with “”, "" or no
quotes, 政府性基金…, 国有资本经营预算财政拨款(收入)支出决算表). The longest name
found wins, so 财政拨款收入支出决算表 is not read as 收入支出决算表. The number or the name must open the
caption, after at most 附表/附件/表 N, a numbering (``一、``), a department name (``…局``), a year
(``2024年``, ``2024年度``), 部门/单位 and an opening bracket; other text before it
(``按时完成收入支出决算表填报``, ``详见…``), or a word glued to the name's end (``…决算表填报``), makes
it a sentence or a form row, not a caption.
In a row, caption cells are read without the meta cells beside them (``编制单位：…``, ``单位：万元``).
A caption counts only when header or table rows follow it, or when it (or a line under it) says
the table is empty (``本年度无此项收支``): a table of contents or a sentence naming a table is not a
table. A caption followed by a header alone gives a table without rows (the audit reports it),
unless a note within a few lines under it says the table is empty (Shanghai: ``注：本表反映…`` then
``说明：…故本表无数据。``). A caption ending in ``（续）`` continues the table of the same number before it.

Under the caption: meta lines (``单位：万元``, ``编制单位：…``, page numbers) are skipped, the unit is
taken from the caption, them or a header label (``决算数（元）``: ``元``, ``千元``, ``万元`` or ``亿元``;
万元 when not stated), and a title row over the header (the 三公 table's ``财政拨款“三公”经费``) is
skipped; then the header rows (rows without an amount; a ``栏次`` row of column numbers is skipped; a
short label line between them, ``科目编码``, is a merged cell's label; the labels ``类 | 款 | 项`` that
a merged cell puts on the first data row, ``类 | 款 | 项 | 合计 | 2,946.25``, are the header's last
row, not amounts; a numbered item, ``一、一般公共预算财政拨款收入``, is data), then the data rows
until the next caption, heading or prose line. A row with a dash in an amount cell (``合计 | — | —``),
or whose first cell is a classification code, or 合计 or a known row item (:data:`ROW_ITEMS`) with
nothing but empty or dash cells after it, is data and ends the header. Blank and watermark lines,
a repeated header after a page break, and page numbers inside the body are skipped. A short text
line between rows is a row only when it carries a ``（类）``/``（款）``/``（项）`` marker or a code or
names a row the national tables print (``二、政府性基金预算财政拨款`` in 公开04表, although numbered like
a heading) — a name line some readers give as a paragraph, its amounts empty —, or when the row after it has an
empty name cell (the line is that row's wrapped name, and becomes it); any other line there (a
running header such as ``某局2024年度部门决算``, a line repeated on several pages) is skipped.

Layouts read:

* one header row, rows ``[科目编码, 科目名称, amounts…]`` with the 合计 row's code cell empty (the
  layout ``juesuan render`` writes), or ``[项目, amounts…]``;
* two or three header rows: a spanning label is joined to each label under it with ``/``
  (``本年支出/基本支出``); a label a vertical merge repeats is kept once;
* side-by-side blocks: a new block starts at each code or name column after an amount column, so
  公开01表 (收入项目 | 决算数 | 支出项目 | 决算数, with or without 行次 columns) gives one row per side
  and line, each with its ``side`` (收入 / 支出), and 公开06表 printed in 人员经费 / 公用经费 blocks
  gives rows whose side is the block's kind;
* a code and a name sharing one cell (``2110101 行政运行``), or a 科目编码 split over 类 | 款 | 项
  cells (``211 | 01 | 01``), or a code printed in a name-only column;
* amounts ``47,549.83``, ``0.00``, ``-1.5``, full-width digits; an empty cell or a dash is ``None``;
  also read: a suffix naming the table's own unit (``1,234.50万元`` in a 万元 table: the number is
  the quoted text) and spaces or thin spaces between groups of three digits (``1 234.56``). Any
  other text in an amount cell (``八百``, ``见附注``, ``12.3%``, ``1,234.50元`` in a 万元 table) is no
  amount: its value is ``None`` and its text is kept in :attr:`StatedRow.unreadable`, so it is
  never taken for zero. A 备注/说明 column is not an amount column.

Rows are kept as printed (names with their ``（类）`` markers and numbering); what a row or column
*means* is decided by the audit rules, through the helpers of :mod:`juesuan.model.stated_tables`.
"""

from __future__ import annotations

import re
import unicodedata
from collections import defaultdict
from dataclasses import dataclass, field, replace
from decimal import Decimal
from enum import Enum

from juesuan.model.quantity import NUMBER_RE, Quantity, normalize_digits, parse_decimal
from juesuan.model.stated_tables import (
    EXPENDITURE_SIDE,
    INCOME_SIDE,
    PERSONNEL,
    PUBLIC,
    ROW_ITEMS,
    STANDARD_NAMES,
    StatedRow,
    StatedTable,
    UnreadableCell,
    class_mark,
    norm_name,
)
from juesuan.parse.sections import heading_level
from juesuan.read.document import Cell, Document, Line, LineKind, join_wrapped

__all__ = ["find_caption", "parse_public_tables"]

_QUOTE_CLASS = r"[\s\u3000“”\"'‘’「」『』]*"


def _name_pattern(name: str) -> re.Pattern[str]:
    """A national name matched with optional quotes or spaces between its characters."""
    return re.compile(_QUOTE_CLASS.join(re.escape(ch) for ch in name))


_NAMES: list[tuple[int, re.Pattern[str], int]] = sorted(
    ((number, _name_pattern(name), len(name)) for number, names in STANDARD_NAMES.items()
     for name in names),
    key=lambda item: -item[2],
)
"""(standard number, pattern, length), longest first: the longest name found wins."""

_NUMBER_RE = re.compile(r"公开\s*0?([1-9])\s*号?表")
_UNIT_RE = re.compile(r"(?:金额)?单位\s*[:：]\s*(万元|千元|亿元|元)")
_LABEL_UNIT_RE = re.compile(r"(.*?)\s*[(（](万元|千元|亿元|元)[)）]")
"""A column label naming its unit: ``决算数（万元）``."""
_EMPTY_RE = re.compile(
    r"(?:本年度?|本单位|本部门)?(?:无此项|没有此项|无该项|未发生)[^。；;]*[。]?"
    r"|[^。；;：:（(]*[本此该]表(?:无数据|为空|数据为空|无内容)[^。；;）)]*[。]?"
    r"|(?:本年度?|本单位|本部门)(?:\d{4}\s*年度?)?(?:无|没有|未发生)[^。；;，,]{1,30}?(?:收入|支出|收支)"
)
"""An empty table's note: ``本年度无此项收支``, a sentence ending in ``本表无数据`` / ``本表为空``
(Shanghai: ``说明：…本年度没有政府性基金预算财政拨款收入和支出，故本表无数据。``) without its
``注：`` / ``说明：`` prefix, or ``本单位2024年度无“三公”经费支出``."""
_PAGE_RE = re.compile(r"[-—–\s第]*\d{1,4}[-—–\s页]*(?:共\s*\d+\s*页)?")
_META_PREFIXES = ("编制单位", "填报单位", "编制部门", "部门名称", "单位名称", "填报部门", "部门：", "部门:",
                  "单位：", "单位:")
_CAPTION_MAX = 80
"""A caption is a short line: a longer one is prose that mentions a table."""
_CODE_RE = re.compile(r"\d{3}(?:\d{2}){0,2}")
_CODE_NAME_RE = re.compile(r"^(\d{3}(?:\d{2}){0,2})\s*([^\d\s].*)$")
_DASHES = frozenset({"-", "—", "－", "--", "——", "–", "/", "／", "…", "─"})
_COLUMN_NUMBER_LABELS = frozenset({"栏次", "行次"})
_MAX_HEADER_ROWS = 4
_ITEM_NUMBER_RE = re.compile(r"[一二三四五六七八九十]+[、.．]\s*\S")
_CODE_LEVEL_LABELS = ("类", "款", "项")
"""The labels over a 科目编码 split into three cells; a merged header cell may print them on the
first data row (``类 | 款 | 项 | 合计 | 2,946.25``, Shanghai's 公开02/03表)."""
_LABEL_MAX = 16
"""A header label printed as a line of its own (``科目编码``, a spanning ``财政拨款“三公”经费``)."""
_NAME_LINE_MAX = 30
_CONTINUED_RE = re.compile(r"[(（]续[)）]|续表")
_NOTE_LINES = 4
"""Text lines under an empty table searched for its note (注：本表反映…, then 说明：…本表无数据)."""
_SPACED_RE = re.compile(r"[-+]?\d{1,3}(?: \d{3})+(?:\.\d+)?")
"""Groups of three digits split by spaces (thin spaces fold to spaces): ``1 234.56``."""
_SUFFIX_RE = re.compile(r"(.*?)\s*(万元|千元|亿元|元)")
_PERCENT_RE = re.compile(r"[-+]?\d[\d,. ]*%")
_DEPT_SUFFIX = r"(?:委员会|办公室|检察院|法院|医院|政府|局|委|厅|院|中心|部|会|所|站|馆|队|校|社|处|室|署|府)"
_YEAR = r"(?:\d{4}\s*年度?\s*)"
_CAPTION_PREFIX_RE = re.compile(
    r"\s*(?:(?:附表|附件|表)\s*[0-9一二三四五六七八九十]*(?:[-.－][0-9]+)*\s*[:：、.]?\s*)?"
    r"(?:[一二三四五六七八九十]+[、.]\s*|\([一二三四五六七八九十0-9]+\)\s*|[0-9]+[、.]\s*)?"
    rf"{_YEAR}?(?:[\u4e00-\u9fff()]{{2,30}}?{_DEPT_SUFFIX}(?:\([\u4e00-\u9fff]{{1,10}}\))?\s*)?{_YEAR}?"
    r"(?:部门|单位)?\s*[(\[【]?[“\"‘]?"
)
"""What may stand before a caption's number or name (NFKC-folded): 附表/附件/表 N, a numbering, a
department name, a year, 部门/单位, an opening bracket or quote (``“三公”经费…表``). Anything else
there makes the line a sentence or a form row."""


class Role(Enum):
    CODE = "code"
    NAME = "name"
    CATEGORY = "category"
    SKIP = "skip"
    VALUE = "value"


@dataclass(frozen=True, slots=True)
class Caption:
    """A line that announces a table."""

    line: Line
    text: str
    number: int | None
    standard: int | None
    name: str
    column: int


def _names_table(text: str) -> bool:
    folded = unicodedata.normalize("NFKC", text)
    return _NUMBER_RE.search(folded) is not None or any(p.search(text) for _, p, _ in _NAMES)


def _caption_text(line: Line) -> str | None:
    if line.kind is LineKind.TEXT:
        return line.text.strip()
    if line.kind is not LineKind.ROW:
        return None
    values = line.values()
    # A row of caption cells (caption, unit, 编制单位…), never one with an amount in it.
    if not values or len(values) > 4 or any(_numberish(v) for v in values):
        return None
    # the meta cells beside the caption (编制单位：…, 单位：万元) are not text before or after it
    return " ".join(v for v in values if _names_table(v) or not _is_meta(v)) or None


def find_caption(line: Line) -> Caption | None:
    """The caption a line states, or ``None`` (a heading, prose, a data row)."""
    if "表" not in line.text:
        return None  # every name and number ends in 表: most lines are rejected here, cheaply
    text = _caption_text(line)
    if not text or len(text) > _CAPTION_MAX:
        return None
    folded = unicodedata.normalize("NFKC", text)
    number_match = _NUMBER_RE.search(folded)
    number = int(number_match.group(1)) if number_match else None
    standard: int | None = None
    name = ""
    name_end = 0
    for candidate, pattern, _ in _NAMES:
        m = pattern.search(text)
        if m is not None:
            standard, name, name_end = candidate, m.group(0), m.end()
            break
    if number is None and standard is None:
        return None
    starts = [m.start() for m in (number_match, _name_in(folded, standard)) if m is not None]
    if not _CAPTION_PREFIX_RE.fullmatch(folded[: min(starts, default=0)]):
        return None  # text before the number or name: a sentence or a form row naming a table
    rest = _EMPTY_RE.sub("", _UNIT_RE.sub("", text[name_end:])) if name else ""
    if any(p in rest for p in "。，,；;") or re.match(r"[\u4e00-\u9fff]", rest):
        return None  # a sentence after the name, or a word glued to it (…决算表填报)
    level = heading_level(text)
    if level is not None and level[0] == 1:
        return None  # a part heading (第二部分 …决算表)
    column = len(line.text) - len(line.text.lstrip()) + 1
    return Caption(line, text, number, standard if standard is not None else number, name, column)


def _name_in(folded: str, standard: int | None) -> re.Match[str] | None:
    """Where the (longest) national name of ``standard`` stands in the folded caption text."""
    return next((m for n, p, _ in _NAMES if n == standard and (m := p.search(folded)) is not None), None)


def _is_amount(text: str) -> bool:
    t = normalize_digits(text.strip())
    return bool(t) and NUMBER_RE.fullmatch(t) is not None


def _read_number(text: str, unit: str | None) -> tuple[str, Decimal, int] | None:
    """(the number as printed, its value, its decimals) in an amount cell, or ``None`` when the
    cell holds no amount. Besides a plain number: a suffix naming the table's own unit (any unit
    when ``unit`` is None), and spaces or thin spaces between groups of three digits."""
    number = text.strip()
    m = _SUFFIX_RE.fullmatch(number)
    if m is not None:
        if unit is not None and m.group(2) != unit:
            return None  # another unit than the table's: converting it would be a guess
        number = m.group(1)
    folded = normalize_digits(number)
    if NUMBER_RE.fullmatch(folded):
        return (number, *parse_decimal(number))
    if _SPACED_RE.fullmatch(folded):
        return (number, *parse_decimal(folded.replace(" ", ",")))
    return None


def _numberish(text: str) -> bool:
    """An amount, or a number a header never holds (``12.3%``, ``1,234.50万元``)."""
    t = text.strip()
    return bool(t) and (_read_number(t, None) is not None
                        or _PERCENT_RE.fullmatch(normalize_digits(t)) is not None)


def _is_nil(text: str) -> bool:
    return not text.strip() or text.strip() in _DASHES


def _unit_of(text: str) -> str | None:
    m = _UNIT_RE.search(unicodedata.normalize("NFKC", text))
    return m.group(1) if m else None


def _empty_note(text: str) -> str | None:
    m = _EMPTY_RE.search(text)
    return m.group(0).strip().rstrip("。") if m else None


def _label(text: str) -> str:
    """A header cell's label: without a unit it names (``决算数（万元）`` → ``决算数``); empty for a
    unit cell (``单位：万元``)."""
    if _unit_of(text) is not None:
        return ""
    m = _LABEL_UNIT_RE.fullmatch(text)
    return m.group(1) if m is not None else text


def _is_meta(text: str) -> bool:
    t = text.strip()
    return (_unit_of(t) is not None and len(t) <= _CAPTION_MAX) or t.startswith(_META_PREFIXES) \
        or _PAGE_RE.fullmatch(t) is not None or re.fullmatch(r"\d{4}\s*年度?", t) is not None


def _is_column_numbers(values: list[str]) -> bool:
    """A 栏次 row: the columns' numbers (``栏次 | | 1 | 2 | 3``)."""
    if values and values[0] in _COLUMN_NUMBER_LABELS:
        return True
    numbers = [v for v in values if v.isdigit()]
    return len(numbers) >= 2 and numbers == [str(i) for i in range(1, len(numbers) + 1)] \
        and len(numbers) >= len(values) - 1


def _is_header_row(line: Line) -> bool:
    values = line.values()
    if not values:
        return False
    if _is_column_numbers(values):
        return True
    if any(_numberish(v) for v in values) or all(v.isascii() for v in values):
        return False
    if any(c.text in _DASHES for c in line.cells[1:]):
        return False  # a dash amount (合计 | — | —): a data row, as no label is a dash
    first = values[0]
    if _is_code(first):
        return False  # a classification code opens a data row, never a header
    if _ITEM_NUMBER_RE.match(first):
        return False  # a numbered item (一、一般公共预算财政拨款收入): a row of a blank table, not a label
    return not (norm_name(first) in ROW_ITEMS and all(_is_nil(v) for v in values[1:]))


def _is_code(text: str) -> bool:
    """A classification code, alone or before its name (``211``, ``2110101 行政运行``)."""
    return _CODE_RE.fullmatch(text) is not None or _CODE_NAME_RE.match(text) is not None


def _is_meta_row(line: Line) -> bool:
    values = line.values()
    return bool(values) and all(_is_meta(v) for v in values)


# ----------------------------------------------------------------------------------- header


def _header_labels(rows: list[list[str]], width: int) -> list[str]:
    """Column labels from the header rows: a spanning label joined to the labels under it."""
    grid = [[r[c] if c < len(r) else "" for c in range(width)] for r in rows]
    printed = [[bool(text) for text in r] for r in grid]
    depth = len(grid)
    for r in range(depth - 1):
        origin: int | None = None
        for c in range(width):
            below = any(grid[k][c] for k in range(r + 1, depth))
            if grid[r][c]:
                origin = c if below else None
            elif origin is not None and below and not any(printed[k][c] for k in range(r)):
                grid[r][c] = grid[r][origin]
            else:
                origin = None  # a label printed above starts here: the span above ends, so does this one
    labels: list[str] = []
    for c in range(width):
        parts: list[str] = []
        for r in range(depth):
            text = grid[r][c]
            if text and (not parts or parts[-1] != text):
                parts.append(text)
        labels.append("/".join(parts))
    return labels


def _role(label: str) -> Role:
    last = norm_name(label.rsplit("/", 1)[-1])
    if not last:
        return Role.VALUE
    if "编码" in last or "代码" in last or last in ("类", "款", "项"):
        return Role.CODE
    if ("名称" in last or last in ("科目", "功能分类科目", "经济分类科目")
            or re.fullmatch(r"(?:收入|支出)?项目(?:（.*）)?", last)):
        return Role.NAME
    if last in ("类别", "分类", "经费类别", "类型", "经费类型", "经费性质"):
        return Role.CATEGORY
    if last in ("行次", "栏次", "序号", "行号", "备注", "说明"):
        return Role.SKIP
    return Role.VALUE


def _infer_roles(body: list[Line], width: int) -> list[Role]:
    """Roles for a table printed without a header: codes, then names, then amounts."""
    roles: list[Role] = []
    named = False
    for c in range(width):
        texts = [ln.cells[c].text for ln in body if c < len(ln.cells) and ln.cells[c].text]
        if texts and not named and all(_CODE_RE.fullmatch(t) for t in texts):
            roles.append(Role.CODE)
        elif texts and any(not _is_amount(t) and not _is_nil(t) for t in texts):
            roles.append(Role.CATEGORY if named else Role.NAME)
            named = True
        else:
            roles.append(Role.VALUE)
    return roles


@dataclass(slots=True)
class _Block:
    """One side-by-side block of columns (公开01表's income side, …)."""

    columns: list[int] = field(default_factory=list)
    side: str | None = None

    def of(self, roles: list[Role], role: Role) -> list[int]:
        return [c for c in self.columns if roles[c] is role]


def _canonical_side(label: str) -> str | None:
    text = norm_name(label)
    for word in (PERSONNEL, PUBLIC):
        if word in text:
            return word
    if INCOME_SIDE in text and EXPENDITURE_SIDE not in text:
        return INCOME_SIDE
    if EXPENDITURE_SIDE in text and INCOME_SIDE not in text:
        return EXPENDITURE_SIDE
    if _role(label) is not Role.VALUE:
        return None  # a column label (科目名称, 项目, 经济分类科目编码) says nothing about the block
    return text.removesuffix("项目") or None


def _blocks(labels: list[str], roles: list[Role], standard: int | None) -> list[_Block]:
    blocks: list[_Block] = [_Block()]
    for c, role in enumerate(roles):
        current = blocks[-1]
        if role in (Role.CODE, Role.NAME) and current.of(roles, Role.VALUE):
            blocks.append(_Block())
        blocks[-1].columns.append(c)
    if len(blocks) == 1:
        return blocks
    for block in blocks:
        firsts = {labels[c].split("/", 1)[0] for c in block.columns if labels[c]}
        if len(firsts) == 1 and any("/" in labels[c] for c in block.columns):
            block.side = _canonical_side(firsts.pop())
        else:
            names = [labels[c] for c in block.of(roles, Role.NAME)]
            block.side = _canonical_side(names[0].rsplit("/", 1)[-1]) if names else None
    sides = [b.side for b in blocks]
    if standard in (1, 4) and len(blocks) == 2 and (None in sides or sides[0] == sides[1]):
        blocks[0].side, blocks[1].side = INCOME_SIDE, EXPENDITURE_SIDE
    return blocks


# ------------------------------------------------------------------------------------- rows


@dataclass(slots=True)
class _Layout:
    labels: list[str]
    roles: list[Role]
    blocks: list[_Block]
    unit: str
    file: str

    def amount(self, line: Line, cell: Cell | None) -> Quantity | str | None:
        """The cell's amount; its text when it holds no amount; ``None`` when empty or a dash."""
        if cell is None or _is_nil(cell.text):
            return None
        read = _read_number(cell.text, self.unit)
        if read is None:
            return cell.text  # 八百, 见附注, 12.3%: kept as printed, never read as zero
        number, value, decimals = read
        return Quantity(value=value, decimals=decimals, unit=self.unit, text=number, span=line.span(
            column=cell.column, cell=cell.index, file=self.file, end_column=cell.column + len(number)))


def _cell(line: Line, index: int) -> Cell | None:
    return line.cells[index] if 0 <= index < len(line.cells) else None


def _text(line: Line, index: int) -> str:
    cell = _cell(line, index)
    return cell.text if cell is not None else ""


def _split_code(name: str) -> tuple[str | None, str]:
    m = _CODE_NAME_RE.match(name)
    return (m.group(1), m.group(2).strip()) if m else (None, name)


def _block_rows(line: Line, layout: _Layout, block: _Block, offset: int) -> tuple[StatedRow | None, int]:
    """The block's row on ``line`` and the column offset for the blocks after it.

    ``offset`` repairs a row whose cells do not line up with the header: −1 when a code and a
    name share the code cell, +1 when a code stands in a cell of its own under a name-only column.
    """
    roles = layout.roles
    code_cols = block.of(roles, Role.CODE)
    name_cols = block.of(roles, Role.NAME)
    category_cols = block.of(roles, Role.CATEGORY)
    value_cols = block.of(roles, Role.VALUE)
    code_texts = [_text(line, c + offset) for c in code_cols]
    name_col = name_cols[0] if name_cols else None
    name_cell = _cell(line, name_col + offset) if name_col is not None else None
    if (len(code_cols) == 1 and name_col == code_cols[0] + 1 and _CODE_NAME_RE.match(code_texts[0])
            and name_cell is not None and _is_amount(name_cell.text)):
        offset -= 1  # ``2110101 行政运行`` in the code cell: everything after moves left
        name_cell = None
    elif (not code_cols and name_cell is not None and _CODE_RE.fullmatch(name_cell.text)
          and len(line.cells) > len(roles)):
        following = _cell(line, name_cell.index + 1)
        if following is not None and following.text and not _is_amount(following.text):
            code_texts = [name_cell.text]
            offset += 1  # the code has a cell of its own, the name is in the next one
            name_cell = following
    digits = [unicodedata.normalize("NFKC", t) for t in code_texts if t.isdigit()]  # full-width too
    words = [t for t in code_texts if t and not t.isdigit()]
    code = "".join(digits) or None
    name = name_cell.text if name_cell is not None else ""
    anchor = name_cell if name_cell is not None and name_cell.text else None
    if not name and words:  # ``合计`` printed across the code and name cells
        name = words[0]
        anchor = next((_cell(line, c + offset) for c in code_cols if _text(line, c + offset) == name), None)
    if code is None:
        code, name = _split_code(name)
    category = next((t for t in (_text(line, c + offset) for c in category_cols) if t), None)
    values: list[tuple[str, Quantity | None]] = []
    unreadable: list[UnreadableCell] = []
    for c in value_cols:
        cell = _cell(line, c + offset)
        read = layout.amount(line, cell)
        if isinstance(read, str) and cell is not None:
            unreadable.append(UnreadableCell(index=len(values), column=layout.labels[c], text=read, span=line.span(
                column=cell.column, cell=cell.index, file=layout.file, end_column=cell.column + len(read))))
        values.append((layout.labels[c], read if isinstance(read, Quantity) else None))
    if not name and code is None and not unreadable and all(q is None for _, q in values):
        return None, offset
    if anchor is None:
        anchor = next((_cell(line, c + offset) for c in block.columns if _text(line, c + offset)), None)
    span = line.span(column=anchor.column if anchor else None, cell=anchor.index if anchor else None,
                     file=layout.file)
    return StatedRow(code=code, name=name, values=values, span=span, side=block.side,
                     category=category, unreadable=unreadable), offset


def _rows(line: Line, layout: _Layout) -> list[StatedRow]:
    if line.kind is LineKind.TEXT:  # a lone name between rows: a row whose amounts are all empty
        block = layout.blocks[0]
        code, name = _split_code(line.text.strip())
        labels = [layout.labels[c] for c in block.of(layout.roles, Role.VALUE)]
        column = len(line.text) - len(line.text.lstrip()) + 1
        return [StatedRow(code=code, name=name, values=[(label, None) for label in labels],
                          span=line.span(column=column, file=layout.file), side=block.side)]
    out: list[StatedRow] = []
    offset = 0
    for block in layout.blocks:
        row, offset = _block_rows(line, layout, block, offset)
        if row is None:
            continue
        before = out[-1] if out else None
        if (before is not None and not row.name and row.code is None and before.side == row.side
                and before.blank):
            # ``公用经费合计`` merged across two blocks: its amount stands in the second block
            out[-1] = before.model_copy(update={"values": row.values, "unreadable": row.unreadable})
            continue
        out.append(row)
    return out


# ---------------------------------------------------------------------------------- reading


def _skippable(line: Line) -> bool:
    return line.kind in (LineKind.BLANK, LineKind.WATERMARK)


def _ends_table(line: Line) -> bool:
    if find_caption(line) is not None:
        return True
    return line.kind is LineKind.TEXT and heading_level(line.text) is not None


def _between(text: str) -> bool:
    """A short text line that may stand between two rows of a table (not a sentence)."""
    return len(text) <= _CAPTION_MAX and "。" not in text


def _row_after(lines: list[Line], start: int) -> Line | None:
    """The first row after a few short text lines from ``start`` (a wrapped name, a running header
    over two lines), or ``None`` when prose or the end comes first."""
    texts = 0
    for ln in lines[start:]:
        if _skippable(ln):
            continue
        if ln.kind is LineKind.ROW:
            return ln
        texts += 1
        text = ln.text.strip()
        if texts > 2 or (_ends_table(ln) and not _item_line(text)) or not _between(text):
            return None
    return None


def _item_line(text: str) -> bool:
    """A line naming a row the national tables print (``二、政府性基金预算财政拨款`` under 公开04表's
    年初财政拨款结转和结余, given as a paragraph because its amount cells are empty): a row, although
    its numbering looks like a section heading's."""
    return len(text) <= _NAME_LINE_MAX and norm_name(text) in ROW_ITEMS


def _label_line(lines: list[Line], j: int) -> bool:
    """``lines[j]`` is a header label printed as a line of its own — ``科目编码`` between two header
    rows, the 三公 table's spanning title row ``财政拨款“三公”经费`` — as a reader gives a merged
    header cell: short, no sentence, and a header row comes next."""
    ln = lines[j]
    text = ln.text.strip()
    if (ln.kind is not LineKind.TEXT or not text or len(text) > _LABEL_MAX or _is_meta(text)
            or any(p in text for p in "。，,；;：:") or heading_level(text) is not None
            or _empty_note(text) is not None or find_caption(ln) is not None):
        return False
    following = next((x for x in lines[j + 1:] if not _skippable(x)), None)
    return following is not None and following.kind is LineKind.ROW and _is_header_row(following)


def _code_labels(line: Line) -> int:
    """How many leading cells of ``line`` are the labels 类 | 款 | 项 (0 when they are not)."""
    texts = [c.text for c in line.cells[: len(_CODE_LEVEL_LABELS)]]
    n = 0
    while n < len(texts) and texts[n] == _CODE_LEVEL_LABELS[n]:
        n += 1
    return n if n >= 2 else 0


def _without_code_labels(line: Line, n: int) -> Line:
    """The row with its first ``n`` cells (the 类 | 款 | 项 labels a merged header cell put there)
    emptied."""
    cells = tuple(Cell("", c.index, c.column) if c.index < n else c for c in line.cells)
    return replace(line, cells=cells)


def _note_after(lines: list[Line], j: int) -> str | None:
    """An empty table's note printed under its header, after other notes (Shanghai: ``注：本表反映…``
    then ``说明：…故本表无数据。``): the first within a few text lines, before the next row, caption
    or heading."""
    seen = 0
    for ln in lines[j:]:
        if _skippable(ln):
            continue
        if ln.kind is not LineKind.TEXT or seen >= _NOTE_LINES or (
                _ends_table(ln) and not _item_line(ln.text.strip())):
            return None
        found = _empty_note(ln.text)
        if found is not None:
            return found
        seen += 1
    return None


def _fits(line: Line, above: list[Line]) -> bool:
    """A row that continues the table above a line between rows: it has an amount (or a dash, or
    opens with a code), and no more cells than the table's rows so far (one more for a code in a
    cell of its own)."""
    width = max((len(ln.cells) for ln in above if ln.kind is LineKind.ROW), default=0)
    values = line.values()
    data = any(_numberish(v) or v in _DASHES for v in values) or bool(values and _is_code(values[0]))
    return data and len(line.cells) <= width + 1


def _lone_row(text: str) -> bool:
    """A line between rows that is a row of its own: a name with its （类）/（款）/（项） marker or
    its code (a reader gave it as a paragraph because its amount cells are empty)."""
    return (len(text) <= _NAME_LINE_MAX and not any(p in text for p in "。，；：:")
            and (class_mark(text) is not None or _split_code(text)[0] is not None or _item_line(text)))


def _body_rows(body: list[Line], layout: _Layout, repeated: frozenset[str]) -> list[StatedRow]:
    """The rows of the body lines. A text line is a row (:func:`_lone_row`), or the wrapped name of
    the row after it when that row's name cell is empty; any other text line (a running header, a
    line repeated on several pages) is skipped, as it would make the table's rows loose."""
    rows: list[StatedRow] = []
    pending: list[str] = []
    for ln in body:
        text = ln.text.strip()
        if ln.kind is LineKind.TEXT:
            if _lone_row(text):
                rows.extend(_rows(ln, layout))
                pending = []
            elif (text not in repeated and len(text) <= _NAME_LINE_MAX
                  and not any(p in text for p in "。，；：:")):
                pending.append(text)
            continue
        found = _rows(ln, layout)
        if pending and found and not found[0].name and found[0].side == layout.blocks[0].side:
            found[0] = found[0].model_copy(update={"name": join_wrapped(pending)})
        pending = []
        rows.extend(found)
    return rows


def _read_table(doc: Document, start: int, caption: Caption,
                repeated: frozenset[str] = frozenset()) -> tuple[StatedTable | None, int]:
    """The table announced at ``lines[start]`` and the index of the first line after it;
    ``repeated`` holds the text lines printed on several pages (running headers and footers)."""
    lines = doc.lines
    unit = _unit_of(caption.text)
    note = _empty_note(caption.text)
    j = start + 1
    while j < len(lines):  # the caption's meta lines (unit, 编制单位, empty note)
        ln = lines[j]
        if _skippable(ln):
            j += 1
            continue
        if _ends_table(ln):
            break
        if ln.kind is LineKind.TEXT:
            found = _empty_note(ln.text)
            if found and note is None and len(ln.text.strip()) <= _CAPTION_MAX:
                note = found
                j += 1
                continue
            if _is_meta(ln.text):
                unit = unit or _unit_of(ln.text)
                j += 1
                continue
            if _label_line(lines, j):  # a title row over the header (财政拨款“三公”经费)
                j += 1
                continue
            break
        if _is_meta_row(ln):
            unit = unit or next((u for u in map(_unit_of, ln.values()) if u), None)
            j += 1
            continue
        break
    header: list[Line] = []
    while j < len(lines) and len(header) < _MAX_HEADER_ROWS:
        ln = lines[j]
        if _skippable(ln) or (header and _label_line(lines, j)):
            j += 1  # a blank line, or a label line between header rows (科目编码)
            continue
        if ln.kind is not LineKind.ROW or _ends_table(ln) or not _is_header_row(ln):
            break
        header.append(ln)
        j += 1
    header_texts = {ln.text.strip() for ln in header}
    body: list[Line] = []
    while j < len(lines):
        ln = lines[j]
        if _skippable(ln):
            j += 1
            continue
        text = ln.text.strip()
        if _ends_table(ln) and not (body and ln.kind is LineKind.TEXT and _item_line(text)):
            break
        if ln.kind is LineKind.ROW:
            if ln.text.strip() not in header_texts and not _is_meta_row(ln):
                body.append(ln)
            j += 1
            continue
        if body and (_PAGE_RE.fullmatch(text) or (_unit_of(text) and len(text) <= _CAPTION_MAX)):
            j += 1  # a page number or a repeated unit line at a page break
            continue
        following = _row_after(lines, j + 1)
        if ((body or header) and _between(text) and following is not None and not _ends_table(following)
                and (_lone_row(text) or following.text.strip() in header_texts or _fits(following, header + body))):
            body.append(ln)  # a line between rows: a row, a wrapped name or skipped (_body_rows)
            j += 1
            continue
        break
    if not header and not body and note is None:
        return None, start + 1
    labelled = [ln for ln in header if not _is_column_numbers(ln.values())]
    for ln in labelled:  # a unit stated in a header cell
        unit = unit or next((u for u in map(_unit_of, ln.values()) if u), None)
    rows_cells = [[_label(c.text) for c in ln.cells] for ln in labelled]
    unit = unit or next((m.group(2) for ln in labelled for c in ln.cells
                         if (m := _LABEL_UNIT_RE.fullmatch(c.text)) is not None), None)
    first = next((k for k, ln in enumerate(body) if ln.kind is LineKind.ROW), None)
    if first is not None and (n := _code_labels(body[first])):
        rows_cells.append(list(_CODE_LEVEL_LABELS[:n]))  # the header's last row, printed on the first data row
        body[first] = _without_code_labels(body[first], n)
    width = max([len(r) for r in rows_cells] + [len(ln.cells) for ln in body] + [0])
    labels = _header_labels(rows_cells, width)
    roles = [_role(label) for label in labels] if any(labels) else _infer_roles(
        [ln for ln in body if ln.kind is LineKind.ROW], width)
    if roles and not any(r in (Role.CODE, Role.NAME) for r in roles) and labels and not labels[0]:
        roles[0] = Role.NAME  # an unlabelled first column holds the row names
    layout = _Layout(labels, roles, _blocks(labels, roles, caption.standard), unit or "万元", doc.path)
    rows = _body_rows(body, layout, repeated)
    printed = any(not r.blank for r in rows)
    if note is None and not printed:
        note = _note_after(lines, j)
    table = StatedTable(
        number=caption.number, standard=caption.standard, name=caption.name, caption=caption.text,
        span=caption.line.span(column=caption.column, file=doc.path), unit=layout.unit,
        columns=list(labels), rows=rows, empty_note=note if not printed else None)
    return table, j


def parse_public_tables(doc: Document) -> list[StatedTable]:
    """Every public table the document prints, in document order (see the module docstring)."""
    tables: list[StatedTable] = []
    seen: dict[str, list[int | None]] = defaultdict(list)
    for ln in doc.lines:
        if ln.kind is LineKind.TEXT:
            seen[ln.text.strip()].append(ln.page)
    # without page numbers (a text export) a line printed twice counts as repeated
    repeated = frozenset(t for t, pages in seen.items()
                         if len(pages) >= 2 and (None in pages or len(set(pages)) >= 2))
    i = 0
    while i < len(doc.lines):
        caption = find_caption(doc.lines[i])
        if caption is None:
            i += 1
            continue
        table, i = _read_table(doc, i, caption, repeated)
        if table is None:
            continue
        before = tables[-1] if tables else None
        if (before is not None and _CONTINUED_RE.search(caption.text) and table.standard == before.standard
                and table.rows):  # 一般公共预算财政拨款基本支出决算表（续）: the same table, its next rows
            tables[-1] = before.model_copy(update={"rows": before.rows + table.rows, "empty_note": None})
            continue
        tables.append(table)
    return tables
