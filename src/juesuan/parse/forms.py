"""Read every project performance self-evaluation form (项目支出绩效自评表) in a Document.

A form starts at its ``项目名称`` row and runs to the line before the next form's heading. Its parts are
found by landmarks, not by line counts: the fund table (under the row naming ``全年预算数``), the goals
(``年度目标`` / ``实际完成情况``), the indicator table (under the row naming ``三级指标``), the ``总分``
row, the analysis block and the notes (``备注``).

Text exports of these forms are unreliable about columns: empty cells are dropped or inserted, merged
cells land on the wrong row, and header rows shift against their data. So cells are interpreted by
what they hold first and by where they sit second:

* a fund row is a row of at least three figures; its figures are read in the fixed order of the
  form (目标申报数, 预算编制数, 全年预算数, 全年执行数, 资金结(转)余, 执行率, 得分), whatever cells they sit in;
* an indicator row ends with its 分值 and 得分 (the last two figures), possibly followed by the
  偏差原因 text; before them come the level labels (recognised by the national indicator
  vocabulary), the indicator name and the target/actual values;
* an achievement phrase (达成预期指标, 部分达成…, or a truncation of one) is a 实际完成值, never a
  target, which places two-value rows whose initial target is blank.

Nothing is completed or recomputed: a value the form does not state is ``None``, a truncated cell is
kept as printed, and every place where a layout had to be assumed gets a :class:`ParseNote` on the
form. The notes returned beside the forms are for problems outside any single form.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field

from juesuan.model.evaluation import (
    AnalysisText,
    FundRow,
    Indicator,
    ParseNote,
    ProjectEvaluation,
)
from juesuan.model.quantity import NUMBER_RE, Quantity, normalize_digits
from juesuan.model.spans import SourceSpan, StatedText
from juesuan.parse.paragraphs import is_heading
from juesuan.read.document import Cell, Document, Line, LineKind

__all__ = ["parse_forms"]

# --- vocabulary -------------------------------------------------------------------------------

_TAG_RE = re.compile(r"</?[a-zA-Z][^>]*>")
_SPACE_RE = re.compile(r"\s+")

FORM_START = "项目名称"

NOTE_LINE_RE = re.compile(r"^\s*(?:-\s*)?(?:备注|\d+\s*[.．、]\s*“)")
"""A line of the form's notes: ``备注：1.…`` or a numbered note ``2.“全年预算数”…``."""

_SEPARATOR_RE = re.compile(r"^[-—_=\s]+$")

LEVEL1_RE = re.compile(r"^(?:产出|效益|满意度)指标$")
"""一级指标 as the national framework names them."""

LEVEL2_RE = re.compile(
    r"^(?:(?:数量|质量|时效|成本)指标"
    r"|(?:经济|社会|生态|环境)效益(?:指标)?"
    r"|可持续影响(?:指标)?"
    r"|服务对象满意度(?:指标)?|服务对象)$"
)
"""二级指标 of the national framework (``服务对象`` alone is a wrapped ``服务对象满意度``)."""

_LEVEL2_PARENT = (
    (re.compile(r"^(?:数量|质量|时效|成本)"), "产出指标"),
    (re.compile(r"效益|可持续影响"), "效益指标"),
    (re.compile(r"满意度|^服务对象"), "满意度指标"),
)
"""Which 一级指标 each 二级指标 belongs to, to flag labels the export put on the wrong row."""

SECTION_LABELS = frozenset({"绩效指标", "项目绩效指标"})
"""The table's own row label in front of the indicator rows (not an indicator level)."""

GOAL_LABELS = ("项目年度绩效目标", "年度绩效目标", "项目年度目标", "年度目标")
COMPLETION_LABEL = "实际完成情况"

ACHIEVEMENT_RE = re.compile(r"预期|期指标|如期|指标并具|指标且")
"""The qualitative outcome tiers (达成预期指标 / 部分达成预期指标并具有一定效果 / 未达成预期指标且效果
较差) and the truncations the export leaves of them (``预期指标且未``, ``期指标并具``, ``如期并具``)."""

_OPERATOR_RE = re.compile(r"^(?:[=＝≥≤><≠≧≦]|[W?\ufffd](?=[\d%]))")
"""A target's comparison operator; ``W`` (or ``?``, ``？``, ``\ufffd``) before a figure or ``%``
stands where the export mangled an operator (``W95%``), kept as printed."""

_UNITS = (
    "个|份|本|套|台|辆|人|次|家|项|类|条|张|卷|座|处|册|部|包|件|批|场|期|块|户|所|篇|"
    "平方米|平米|立方米|米|公里|亩|吨|万吨|度|万度|万张|元|万元|天|日|周|月|季度|季|年|秒|小时|"
    "%|％|m3/d|m³/d"
)
_UNIT_TEMPLATE_RE = re.compile(
    rf"^(?:[=＝≥≤><≠≧≦W]\s*)?(?:{_UNITS})(?:\s*[/(（]\s*(?:{_UNITS})\s*[)）]?)?$"
)
"""A target printed as operator and unit only (``≥%``, ``=万元``, ``立方米``, ``≥次/天``): the export
drops the figure of most 年初指标值 cells but keeps their shape."""

ANALYSIS_LABEL_RE = re.compile(
    r"(?:分析|情况|做法|建议|措施|事项|说明|附件|备注|自评结果|评分)$|^(?:项目绩效|项目支出绩效|下一步|项目管理)"
)
"""Labels of the analysis block (自评结果分析, 产出情况及分析, 主要经验做法, 下一步改进措施及管理建议 …)."""

GRADES = frozenset("优良中差")
GRADE_WORDS = frozenset({"优秀", "良好", "中等", "较差", "合格", "不合格", "及格", "不及格", "一般"})
"""Grades written out in words by some units; kept as printed (the audit judges them)."""

FUND_FIELDS = (
    ("declared_budget", "万元"),
    ("initial_budget", "万元"),
    ("annual_budget", "万元"),
    ("executed", "万元"),
    ("balance", "万元"),
    ("execution_rate", "%"),
    ("score", "分"),
)
"""The fund table's figures in the form's fixed column order."""

TOTAL_SOURCE = "资金总额"

_SLOTS = ("initial_target", "adjusted_target", "actual", "qualitative_note")
_SLOT_NAMES = ("年初指标值", "调整后指标值", "实际完成值", "定性值情况说明")

_FIGURE_RE = re.compile(r"^\s*([-+]?(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?)\s*(?:%|％|分)?\s*$")
"""A table figure: a number, optionally followed by ``%`` or ``分`` (the number alone is kept)."""

_DEPARTMENT_RE = re.compile(r"^(\d{3})\s*[-－—]\s*(\S.*)$")
_UNIT_RE = re.compile(r"^(\d{6})\s*[-－—]\s*(\S.*)$")


def _norm(text: str) -> str:
    """Text for matching labels: HTML tags (left by some exports) and all whitespace removed."""
    return _SPACE_RE.sub("", _TAG_RE.sub("", normalize_digits(text)))


def _figure(text: str) -> str | None:
    """The number printed in a figure cell (``"100.00"`` of ``"100.00%"``), else ``None``."""
    match = _FIGURE_RE.match(normalize_digits(text))
    if match is None:
        return None
    # Report the characters as printed: NFKC keeps lengths for digits, so slice the original.
    start = len(text) - len(text.lstrip())
    return text[start : start + len(match.group(1))]


def _is_figure(cell: Cell) -> bool:
    return bool(cell.text) and _figure(cell.text) is not None


def _is_achievement(text: str) -> bool:
    return bool(ACHIEVEMENT_RE.search(_norm(text)))


def _is_value_shaped(text: str) -> bool:
    """Looks like a target or an actual rather than a name: operator, unit template or outcome."""
    norm = _norm(text)
    return bool(
        _OPERATOR_RE.match(norm)
        or _UNIT_TEMPLATE_RE.match(norm)
        or _is_achievement(norm)
        or norm.endswith(("%", "％"))
        or NUMBER_RE.fullmatch(norm)
    )


def _is_operator_target(text: str) -> bool:
    return bool(_OPERATOR_RE.match(_norm(text)))


def _cells(line: Line) -> list[Cell]:
    """The non-empty cells of a row (or the whole line as one cell for prose)."""
    if line.kind is LineKind.ROW:
        return [c for c in line.cells if c.text]
    stripped = line.text.strip()
    if not stripped:
        return []
    lead = len(line.text) - len(line.text.lstrip())
    return [Cell(text=stripped, index=0, column=lead + 1)]


# --- segmentation -----------------------------------------------------------------------------


def _is_form_start(line: Line) -> bool:
    cells = _cells(line)
    return line.kind is LineKind.ROW and bool(cells) and _norm(cells[0].text).startswith(FORM_START)


def _title_lines(lines: Sequence[Line], start: int) -> list[Line]:
    """The heading lines just above the form starting at index ``start`` (at most two)."""
    found: list[Line] = []
    index = start - 1
    while index >= 0 and len(found) < 2:
        line = lines[index]
        index -= 1
        if line.kind in (LineKind.BLANK, LineKind.WATERMARK):
            continue
        if line.kind is LineKind.ROW:
            break
        text = line.text.strip()
        # The previous form's notes and a part heading (第五部分 附件) are not this form's title.
        if (
            NOTE_LINE_RE.match(text)
            or text.endswith(("。", "；", ";"))
            or (is_heading(text) and "绩效" not in text)
            or _SEPARATOR_RE.match(text)
        ):
            break
        found.append(line)
    found.reverse()
    return found


def parse_forms(doc: Document) -> tuple[list[ProjectEvaluation], list[ParseNote]]:
    """Parse every 项目支出绩效自评表 in ``doc``, in document order.

    Returns the forms and the document-level notes (problems that belong to no single form). Each
    form carries its own notes for the layouts it had to assume.
    """
    lines = doc.lines
    starts = [i for i, line in enumerate(lines) if _is_form_start(line)]
    notes: list[ParseNote] = []
    titles = [_title_lines(lines, s) for s in starts]
    forms: list[ProjectEvaluation] = []
    for k, start in enumerate(starts):
        if k + 1 < len(starts):
            following = titles[k + 1]
            stop = following[0].number - 1 if following else starts[k + 1]
        else:
            stop = len(lines)
        body = [ln for ln in lines[start:stop] if ln.is_content]
        forms.append(_FormReader(doc.path, titles[k], body).read())
    first_form = starts[0] if starts else len(lines)
    for line in lines[:first_form]:
        if line.kind is LineKind.ROW and any(
            _norm(c.text).startswith(("主管部门及代码", "三级指标")) for c in line.cells
        ):
            notes.append(ParseNote(
                line=line.number,
                message="a form table row before any 项目名称 row; not read as a form",
            ))
    return forms, notes


# --- one form ---------------------------------------------------------------------------------


@dataclass(slots=True)
class _FundLine:
    line: Line
    label: list[Cell]
    figures: list[Cell]
    between: list[Cell]
    reason: list[Cell]


@dataclass(slots=True)
class _IndicatorRow:
    """An indicator row split into its parts, before its values are placed."""

    line: Line
    level1: str | None
    level2: str | None
    name: str | None
    values: list[Cell]
    weight: Quantity | None
    score: Quantity | None
    reason: list[Cell]
    anchor: Cell


@dataclass(slots=True)
class _Context:
    level1: str | None = None
    level2: str | None = None


@dataclass
class _FormReader:
    path: str
    title_lines: list[Line]
    body: list[Line]
    notes: list[ParseNote] = field(default_factory=list)
    noted: set[str] = field(default_factory=set)

    # -- helpers --

    def note(self, line: int, message: str) -> None:
        self.notes.append(ParseNote(line=line, message=message))

    def span(self, line: Line, cell: Cell | None = None, offset: int = 0) -> SourceSpan:
        if cell is None:
            return line.span(file=self.path)
        if line.kind is LineKind.ROW:
            return line.span(column=cell.column + offset, cell=cell.index, file=self.path)
        return line.span(column=cell.column + offset, file=self.path)

    def quantity(self, line: Line, cell: Cell, unit: str | None) -> Quantity:
        text = _figure(cell.text)
        assert text is not None  # callers pass figure cells only
        offset = cell.text.index(text)
        return Quantity.parse(text, unit=unit, span=self.span(line, cell, offset))

    def find(self, start: int, predicate: Callable[[Line], bool]) -> int | None:
        for index in range(start, len(self.body)):
            if predicate(self.body[index]):
                return index
        return None

    # -- the form --

    def read(self) -> ProjectEvaluation:
        head = self.body[0]
        name = self.read_name(head)
        title = self.read_title()
        department_code = department_name = unit_code = unit_name = None
        unit_text: StatedText | None = None

        fund_header = self.find(1, _is_fund_header)
        indicator_header = self.find(1, _is_indicator_header)
        first_section = min(
            (i for i in (fund_header, indicator_header) if i is not None), default=len(self.body)
        )
        for line in self.body[1:first_section]:
            for cell in _cells(line):
                text = _TAG_RE.sub("", cell.text).strip()
                if unit_code is None and (m := _UNIT_RE.match(text)):
                    unit_code, unit_name = m.group(1), m.group(2).strip()
                    if text in line.text:
                        unit_text = StatedText(text=text, span=self.span(line, cell, max(0, cell.text.find(text))))
                elif department_code is None and (m := _DEPARTMENT_RE.match(text)):
                    department_code, department_name = m.group(1), m.group(2).strip()
        if department_code is None:
            self.note(head.number, "no 主管部门及代码 (NNN-name) found in the form's header rows")
        if unit_code is None:
            self.note(head.number, "no 预算单位 (NNNNNN-name) found in the form's header rows")
        elif department_code is not None and not unit_code.startswith(department_code):
            self.note(head.number, f"预算单位 code {unit_code} does not start with the "
                                   f"主管部门 code {department_code}; kept as printed")

        goal_header = None
        if fund_header is not None:
            goal_header = self.find(fund_header + 1, _is_goal_row)
        else:
            self.note(head.number, "no fund table (no row naming 全年预算数) found")
        fund_end = min(
            (i for i in (goal_header, indicator_header) if i is not None), default=len(self.body)
        )
        fund_total: FundRow | None = None
        fund_sources: list[FundRow] = []
        if fund_header is not None:
            fund_total, fund_sources = self.read_fund(fund_header, fund_end)

        annual_goal = actual_completion = None
        if goal_header is not None:
            goals_end = indicator_header if indicator_header is not None else len(self.body)
            annual_goal, actual_completion = self.read_goals(goal_header, goals_end)

        indicators: list[Indicator] = []
        total_score: Quantity | None = None
        grade: StatedText | None = None
        analysis_start = len(self.body)
        if indicator_header is None:
            self.note(head.number, "no indicator table (no row naming 三级指标) found")
        else:
            total_row = self.find(indicator_header + 1, _is_total_row)
            after = self.find(indicator_header + 1, _ends_indicators)
            indicators_end = min(
                (i for i in (total_row, after) if i is not None), default=len(self.body)
            )
            indicators = self.read_indicators(indicator_header, indicators_end)
            if total_row is not None and (after is None or total_row <= after):
                total_score, grade, analysis_start = self.read_total(total_row)
            else:
                self.note(self.body[indicators_end - 1].number,
                          "no 总分 row after the indicators; total score and grade left empty")
                analysis_start = indicators_end
        analysis = self.read_analysis(analysis_start)

        return ProjectEvaluation(
            name=name,
            title=title,
            department_code=department_code,
            department_name=department_name,
            unit_code=unit_code,
            unit_name=unit_name,
            unit_text=unit_text,
            fund_total=fund_total,
            fund_sources=fund_sources,
            annual_goal=annual_goal,
            actual_completion=actual_completion,
            indicators=indicators,
            total_score=total_score,
            grade=grade,
            analysis=analysis,
            span=head.span(file=self.path),
            end_line=self.body[-1].number,
            notes=self.notes,
        )

    def read_name(self, head: Line) -> str:
        cells = _cells(head)
        label = cells[0]
        if len(cells) > 1:
            name = "".join(c.text for c in cells[1:])
        elif _norm(label.text) != FORM_START:
            # 项目名称 and the name in one cell: keep what follows the label as printed.
            name = _strip_label(label.text, FORM_START)
        else:
            self.note(head.number, "项目名称 row states no name")
            return ""
        # A long name wrapped by the export continues on the next line, alone on it.
        following = self.body[1] if len(self.body) > 1 else None
        if following is not None:
            more = _cells(following)
            if len(more) == 1 and not _is_form_part(more[0].text):
                self.note(following.number, "项目名称 continues on the next line; joined")
                name += more[0].text
        return name

    def read_title(self) -> StatedText | None:
        if not self.title_lines:
            return None
        first = self.title_lines[0]
        # A heading wrapped over two lines (``…自评表`` / ``(2024年度)``) is joined without a space,
        # as the characters run on; the span is its first line.
        text = "".join(line.text.strip() for line in self.title_lines)
        lead = len(first.text) - len(first.text.lstrip())
        return StatedText(text=text, span=first.span(column=lead + 1, file=self.path))

    # -- fund table --

    def read_fund(self, header: int, end: int) -> tuple[FundRow | None, list[FundRow]]:
        rows: list[_FundLine] = []
        label_in_header = False
        for line in self.body[header:end]:
            cells = _cells(line)
            figures = [c for c in cells if _is_figure(c)]
            if len(figures) < 3:
                # Header rows; the export sometimes lifts the 资金总额 label into them.
                label_in_header |= any(_is_total_label(c.text) for c in cells)
                continue
            first, last = cells.index(figures[0]), cells.index(figures[-1])
            rows.append(_FundLine(
                line=line,
                label=cells[:first],
                figures=figures,
                between=[c for c in cells[first:last + 1] if not _is_figure(c)],
                reason=cells[last + 1:],
            ))
        if not rows:
            self.note(self.body[header].number, "fund table has no row of figures")
            return None, []

        labels: list[str | None] = [_label_text(r.label) for r in rows]
        first_line = rows[0].line.number
        first_label = labels[0]
        if label_in_header:
            unlabelled = [i for i, lab in enumerate(labels) if lab is None]
            if first_label is None:
                labels[0] = TOTAL_SOURCE
                self.note(first_line, "the 资金总额 label stands in the header row; the unlabelled "
                                      "first row of figures read as the total")
            elif (
                not _is_total_label(first_label)
                and len(rows) > 1
                and unlabelled == [len(rows) - 1]
            ):
                # Labels lifted one row up: each belongs to the row of figures below it.
                labels = [TOTAL_SOURCE, *labels[:-1]]
                self.note(first_line, "fund labels stand one row above their figures (资金总额 "
                                      "in the header row); each label read with the row below it")
            elif not _is_total_label(first_label):
                self.note(first_line, "the 资金总额 label stands in the header row with no figures "
                                      "of its own; every row of figures read as a fund source and "
                                      "the total left empty")
        elif first_label is None:
            labels[0] = TOTAL_SOURCE
            self.note(first_line, "the first row of figures has no label; read as the 资金总额 "
                                  "total")

        total: FundRow | None = None
        sources: list[FundRow] = []
        for row, label in zip(rows, labels, strict=True):
            if label is None:
                self.note(row.line.number, "a row of fund figures with no source label; kept "
                                           "with an empty source")
                label = ""
            fund_row = self.fund_row(row, label)
            if total is None and not sources and _is_total_label(label):
                total = fund_row
            else:
                sources.append(fund_row)
        if total is None and not label_in_header:
            self.note(first_line, "no 资金总额 row in the fund table; total left empty")
        if total is None and len(sources) == 1 and sources[0].states_amounts():
            self.note(first_line, "the form's amounts are read from its only fund source row "
                                  "(amounts_derived_from: fund_source)")
        return total, sources

    def fund_row(self, row: _FundLine, source: str) -> FundRow:
        line = row.line
        figures = list(row.figures)
        extras: list[tuple[Cell, str | None]] = []
        expected = len(FUND_FIELDS)
        if len(figures) == expected + 1:
            extra_at = _repeated_figure(figures)
            if extra_at is not None:
                extras.append((figures.pop(extra_at), "万元"))
                self.note(line.number, f"fund row has {expected + 1} figures where {expected} "
                                       f"are expected; figure {extra_at + 1} repeats its "
                                       f"neighbour (an extra column under 年初预算数) and is "
                                       f"kept in extra_values")
        if len(figures) > expected:
            extras.extend((c, None) for c in figures[expected:])
            figures = figures[:expected]
            self.note(line.number, f"fund row has {len(row.figures)} figures where {expected} "
                                   f"are expected; the first {expected} read in column order, "
                                   f"the rest kept in extra_values")
        values: dict[str, Quantity | None] = {}
        if len(figures) == expected:
            for (name, unit), cell in zip(FUND_FIELDS, figures, strict=True):
                values[name] = self.quantity(line, cell, unit)
        else:
            # Which column a figure belongs to cannot be told once some are missing.
            extras = [(c, None) for c in figures] + extras
            self.note(line.number, f"fund row has {len(figures)} figures where {expected} are "
                                   f"expected; none placed, all kept in extra_values")
        if row.between:
            self.note(line.number, "text between the fund figures ignored: "
                                   + " ".join(c.text for c in row.between))
        reason = "".join(c.text for c in row.reason) or None
        anchor = row.label[0] if row.label else row.figures[0]
        return FundRow(
            source=source,
            deviation_reason=reason,
            extra_values=[self.quantity(line, c, unit) for c, unit in extras],
            span=self.span(line, anchor),
            **values,
        )

    # -- goals --

    def read_goals(self, start: int, end: int) -> tuple[StatedText | None, StatedText | None]:
        goal: StatedText | None = None
        completion: StatedText | None = None
        completion_column: int | None = None
        for line in self.body[start:end]:
            texts_in_row = 0
            completion_label_in_row = False
            for cell in _cells(line):
                norm = _norm(cell.text)
                slot: str | None = None
                text, offset = cell.text, 0
                if norm == COMPLETION_LABEL:
                    completion_column = cell.index
                    completion_label_in_row = True
                    continue
                if norm in GOAL_LABELS:
                    continue
                for label in (COMPLETION_LABEL, *GOAL_LABELS):
                    if norm.startswith(label):
                        # Label and text in one cell (``年度目标 聘请第三方…``): keep the text.
                        slot = "completion" if label == COMPLETION_LABEL else "goal"
                        after = _strip_label(cell.text, label)
                        offset = len(cell.text) - len(after)
                        text = after
                        break
                if slot is None:
                    at_completion = (
                        completion_column is not None and completion_column > 0
                        and cell.index >= completion_column
                    )
                    # Goal and completion side by side: the second text of a row is the
                    # completion wherever the export put its cell.
                    slot = (
                        "completion"
                        if at_completion or completion_label_in_row or texts_in_row
                        else "goal"
                    )
                    if slot == "goal" and goal is not None:
                        slot = "completion"
                        self.note(line.number, "a second text below the 年度目标 text in the "
                                               "same column; read as 实际完成情况")
                texts_in_row += 1
                stated = StatedText(text=text, span=self.span(line, cell, offset))
                if slot == "goal" and goal is None:
                    goal = stated
                elif slot == "completion" and completion is None:
                    completion = stated
                else:
                    self.note(line.number, "more goal texts than 年度目标 and 实际完成情况; "
                                           "extra text ignored")
        return goal, completion

    # -- indicators --

    def read_indicators(self, header: int, end: int) -> list[Indicator]:
        context = _Context()
        rows: list[_IndicatorRow] = []
        for line in self.body[header + 1:end]:
            cells = _cells(line)
            if not cells or all(_SEPARATOR_RE.match(c.text) for c in cells):
                continue
            row = self.indicator_row(line, cells, context)
            if row is not None:
                rows.append(row)
        initial_column = self.initial_column(rows, self.body[header])
        indicators: list[Indicator] = []
        for row in rows:
            for level, value in (("一级指标", row.level1), ("二级指标", row.level2)):
                if value is None and f"no {level}" not in self.noted:
                    self.noted.add(f"no {level}")
                    self.note(row.line.number, f"{level} not printed for this or the rows above "
                                               f"it; left empty")
            indicators.append(Indicator(
                level1=row.level1,
                level2=row.level2,
                name=row.name,
                weight=row.weight,
                score=row.score,
                deviation_reason="".join(c.text for c in row.reason) or None,
                span=self.span(row.line, row.anchor),
                **self.place_values(row.line, row.values, initial_column),
            ))
        return indicators

    def indicator_row(
        self, line: Line, cells: list[Cell], context: _Context
    ) -> _IndicatorRow | None:
        # From the right: 偏差原因 text, then the run of figures ending with 分值 and 得分.
        last_figure = max((i for i, c in enumerate(cells) if _is_figure(c)), default=None)
        if last_figure is None:
            if all(_level(c.text) or _norm(c.text) in SECTION_LABELS for c in cells):
                self.set_levels(line, cells, context)
                return None
            self.note(line.number, "indicator row with no 分值 figure; read with weight and "
                                   "score empty")
            reason: list[Cell] = []
            run: list[Cell] = []
            run_start = len(cells)
        else:
            reason = cells[last_figure + 1:]
            run_start = last_figure
            while run_start > 0 and _is_figure(cells[run_start - 1]):
                run_start -= 1
            run = cells[run_start:last_figure + 1]
        weight = score = None
        if len(run) >= 2:
            weight = self.quantity(line, run[-2], "分")
            score = self.quantity(line, run[-1], "分")
        elif len(run) == 1:
            weight = self.quantity(line, run[0], "分")
            self.note(line.number, "indicator row has one figure; read as 分值, 得分 left empty")
        if len(run) > 2:
            self.note(line.number, f"indicator row has {len(run)} figures at its end; the last "
                                   f"two read as 分值 and 得分, the others as values")
        labels, name, values = self.split_labels(line, cells[:run_start] + run[:-2], context)
        if name is None:
            self.note(line.number, "indicator row states no indicator name (三级指标)")
        return _IndicatorRow(
            line=line,
            level1=context.level1,
            level2=context.level2,
            name=name,
            values=values,
            weight=weight,
            score=score,
            reason=reason,
            anchor=labels[0] if labels else cells[0],
        )

    @staticmethod
    def initial_column(rows: list[_IndicatorRow], header: Line) -> int | None:
        """The cell index where this form's rows print 年初指标值.

        Taken from the form's own complete rows (three values, the first a target) rather than
        the header, which the export often shifts against the data; the header is the fallback.
        """
        counts: dict[int, int] = {}
        for row in rows:
            if len(row.values) == 3 and not _is_achievement(row.values[1].text):
                index = row.values[0].index
                counts[index] = counts.get(index, 0) + 1
        if counts:
            return max(counts, key=lambda i: (counts[i], -i))
        return next((c.index for c in header.cells if _norm(c.text) == "年初指标值"), None)

    def set_levels(self, line: Line, cells: Iterable[Cell], context: _Context) -> None:
        stated1 = stated2 = None
        for cell in cells:
            kind = _level(cell.text)
            if kind == 1:
                stated1 = _norm(cell.text)
            elif kind == 2:
                stated2 = _norm(cell.text)
        # 一级/二级 are merged cells: printed once per group, carried down to the rows below.
        if stated1 is not None:
            context.level1 = stated1
        if stated2 is not None:
            context.level2 = stated2
        if (stated1 or stated2) and context.level1 and context.level2:
            parent = _parent_of(context.level2)
            if parent is not None and parent != context.level1:
                self.note(line.number, f"二级指标 {context.level2} stated under 一级指标 "
                                       f"{context.level1} (it belongs to {parent}); kept as printed")

    def split_labels(
        self, line: Line, cells: list[Cell], context: _Context
    ) -> tuple[list[Cell], str | None, list[Cell]]:
        """Level labels, the indicator name and the value cells of one indicator row."""
        levels: list[Cell] = []
        index = 0
        while index < len(cells) and (
            _level(cells[index].text) or _norm(cells[index].text) in SECTION_LABELS
        ):
            if _level(cells[index].text) == 2 and any(_level(c.text) == 2 for c in levels):
                break  # a row has one 二级指标; a second one is the indicator's name (服务对象满意度)
            levels.append(cells[index])
            index += 1
        rest = cells[index:]
        name_cell: Cell | None = None
        if rest and not _is_value_shaped(rest[0].text):
            name_cell, rest = rest[0], rest[1:]
        elif (
            levels
            and _level(levels[-1].text) == 2
            and _norm(levels[-1].text) == context.level2
            and not any(_level(c.text) == 1 for c in levels)
        ):
            # Merged level cells print once, so the 二级指标 already in effect, repeated alone in
            # a row with no other name, is the indicator's own name (``服务对象满意度``).
            name_cell = levels.pop()
            self.note(line.number, f"{name_cell.text!r} repeats the 二级指标 in effect in a row "
                                   f"with no indicator name; read as the indicator")
        self.set_levels(line, levels, context)
        # A second name-like cell followed only by operator targets is the name; the first is a
        # wrapped level label (``服务对象`` / ``群众`` above ``群众满意度``).
        if (
            name_cell is not None
            and len(rest) >= 3
            and not _is_value_shaped(rest[0].text)
            and not re.search(r"\d", rest[0].text)
            and all(_is_operator_target(c.text) for c in rest[1:])
        ):
            extra, name_cell, rest = name_cell, rest[0], rest[1:]
            context.level2 = _norm(extra.text)
            self.note(line.number, f"two label cells before the targets; {extra.text!r} read as "
                                   f"二级指标 and {name_cell.text!r} as the indicator")
            levels.append(extra)
        labels = [*levels, *([name_cell] if name_cell else [])]
        return labels, (name_cell.text if name_cell else None), rest

    def place_values(
        self, line: Line, values: list[Cell], initial_column: int | None
    ) -> dict[str, str | None]:
        """Assign value cells to 年初指标值, 调整后指标值, 实际完成值, 定性值情况说明.

        Three values are the two targets and the actual; an outcome phrase is always an actual
        (or the 定性 note after it), never a target; failing both, the cell's position against the
        form's own 年初指标值 column decides.
        """
        texts = [c.text for c in values]
        count = len(texts)
        slots: dict[str, str | None] = dict.fromkeys(_SLOTS)
        if count == 0:
            return slots
        if count > len(_SLOTS):
            self.note(line.number, f"indicator row has {count} value cells; the ones past the "
                                   f"fourth joined into 定性值情况说明")
            texts = [*texts[:3], "".join(texts[3:])]
            count = len(texts)
        by_position = 0
        if initial_column is not None:
            by_position = max(0, min(values[0].index - initial_column, len(_SLOTS) - count))
        if count == 4:
            first = 0
        elif count == 3:
            first = 1 if _is_achievement(texts[1]) else 0
            if first:
                self.note(line.number, "an outcome phrase in the 调整后指标值 position; values read "
                                       "as 调整后指标值, 实际完成值, 定性值情况说明")
        elif count == 2 and (_is_achievement(texts[0]) or _is_achievement(texts[1])):
            first = 2 if _is_achievement(texts[0]) else 1  # 1: the usual blank 年初指标值
        elif count == 1 and _is_achievement(texts[0]):
            first = 2
        else:
            first = min(by_position, 2 if count == 1 else 1)
            placed = ", ".join(_SLOT_NAMES[first + i] for i in range(count))
            self.note(line.number, f"{count} value cell{'s' if count > 1 else ''} and no outcome "
                                   f"phrase; read by position as {placed}")
        for offset, text in enumerate(texts):
            slots[_SLOTS[first + offset]] = text
        return slots

    # -- total and grade --

    def read_total(self, index: int) -> tuple[Quantity | None, StatedText | None, int]:
        line = self.body[index]
        cells = _cells(line)
        tokens = list(_tokens(line, cells[0], after_label=True)) + [
            t for c in cells[1:] for t in _tokens(line, c)
        ]
        consumed = index + 1
        while consumed < len(self.body):
            following = self.body[consumed]
            more = [t for c in _cells(following) for t in _tokens(following, c)]
            if not more or not all(_is_figure_text(t.text) or t.text in GRADES for t in more):
                break
            if not _has_total_parts(tokens):
                tokens.extend(more)
                consumed += 1
                self.note(following.number, "总分 figure or grade on the line after the 总分 row")
            else:
                break
        score: Quantity | None = None
        grade: StatedText | None = None
        for token in tokens:
            if score is None and _is_figure_text(token.text):
                score = Quantity.parse(token.text, unit="分", span=token.span(self.path))
            elif grade is None and (token.text in GRADES or token.text in GRADE_WORDS):
                grade = StatedText(text=token.text, span=token.span(self.path))
            elif token.text != "分":  # a unit after the figure says nothing more

                self.note(token.line.number, f"unexpected text in the 总分 row ignored: {token.text}")
        if score is None:
            self.note(line.number, "总分 row states no total score")
        if grade is None:
            self.note(line.number, "总分 row states no grade (等级)")
        return score, grade, consumed

    # -- analysis --

    def read_analysis(self, start: int) -> list[AnalysisText]:
        out: list[AnalysisText] = []
        for line in self.body[start:]:
            cells = _cells(line)
            if not cells or all(_SEPARATOR_RE.match(c.text) for c in cells):
                continue
            if line.kind is LineKind.TEXT or _norm(cells[0].text) == "备注":
                if NOTE_LINE_RE.match(line.text) or _norm(cells[0].text) == "备注":
                    break  # the form's own notes (备注：1.…4.) close the form
                self.note(line.number, "prose line inside the analysis block ignored")
                continue
            if len(cells) < 2:
                continue  # a label alone (其他说明, 附件) states nothing
            # The text starts at the first cell that reads as prose; failing that, it is the last
            # cell (a short answer such as ``无``). The label is the cell just before it; cells
            # further left are the block's group headings (项目绩效分析, 自评结果分析 …).
            first_text = next(
                (i for i, c in enumerate(cells) if _is_prose(c.text)), len(cells) - 1
            )
            texts = cells[first_text:]
            if first_text == 0:
                self.note(line.number, "analysis text with no label before it ignored")
                continue
            label = cells[first_text - 1]
            if len(texts) == 1 and _is_analysis_label(texts[0].text):
                continue  # a row of headings only
            last = texts[-1]
            # Text split over several cells is kept as the raw stretch of the line.
            raw = line.text[texts[0].column - 1 : last.column - 1 + len(last.text)]
            out.append(AnalysisText(
                label=_norm(label.text),
                text=raw,
                span=self.span(line, texts[0]),
            ))
        return out


# --- row tests and small helpers ----------------------------------------------------------------


def _is_fund_header(line: Line) -> bool:
    return any(
        "全年预算数" in _norm(c.text) or _norm(c.text).startswith("项目资金") for c in _cells(line)
    )


def _is_indicator_header(line: Line) -> bool:
    return any(_norm(c.text) == "三级指标" for c in _cells(line))


def _is_goal_row(line: Line) -> bool:
    return any(_norm(c.text).startswith((*GOAL_LABELS, COMPLETION_LABEL)) for c in _cells(line))


def _is_total_row(line: Line) -> bool:
    cells = _cells(line)
    return bool(cells) and _norm(cells[0].text).startswith("总分")


def _ends_indicators(line: Line) -> bool:
    """The first line after the indicators when there is no 总分 row: analysis or notes."""
    cells = _cells(line)
    if not cells:
        return False
    if line.kind is LineKind.TEXT:
        return bool(NOTE_LINE_RE.match(line.text))
    if any(_is_figure(c) for c in cells[-2:]):
        return False
    return any(_is_analysis_label(c.text) for c in cells[:3])


_FORM_PART_LABELS = (
    "主管部门", "预算单位", "项目资金", "年初预算数", "资金总额", *GOAL_LABELS, COMPLETION_LABEL,
    "绩效指标", "一级指标", "总分",
)


def _is_form_part(text: str) -> bool:
    """The text starts a part of the form (so it cannot continue the name above it)."""
    norm = _norm(text)
    return norm.startswith(_FORM_PART_LABELS) or bool(_UNIT_RE.match(norm) or _DEPARTMENT_RE.match(norm))


def _is_total_label(text: str) -> bool:
    return _norm(text).startswith((TOTAL_SOURCE, "合计", "总计"))


def _label_text(cells: list[Cell]) -> str | None:
    texts = [c.text for c in cells if not _SEPARATOR_RE.match(c.text)]
    if not texts:
        return None
    return " ".join(texts).rstrip(":：") if _is_total_label(texts[0]) else " ".join(texts)


def _repeated_figure(figures: list[Cell]) -> int | None:
    """Where an extra figure sits in an over-long fund row: a figure equal to its neighbour.

    The export's extra column lies under 年初预算数 (the third figure) and repeats a neighbour; the
    third figure is preferred, then any other repeat among the budget figures.
    """
    values = [normalize_digits(c.text).replace(",", "") for c in figures]
    for i in (2, 1, 3, 4):
        if i + 1 < len(values) and values[i] in (values[i - 1], values[i + 1]):
            return i
    return None


def _level(text: str) -> int:
    norm = _norm(text)
    if LEVEL1_RE.match(norm):
        return 1
    if LEVEL2_RE.match(norm):
        return 2
    return 0


def _parent_of(level2: str) -> str | None:
    for pattern, parent in _LEVEL2_PARENT:
        if pattern.search(level2):
            return parent
    return None


def _is_analysis_label(text: str) -> bool:
    norm = _norm(text)
    return 0 < len(norm) <= 40 and not _is_prose(norm) and bool(ANALYSIS_LABEL_RE.search(norm))


def _is_prose(text: str) -> bool:
    """A cell of running text rather than a label: long, or with sentence punctuation."""
    norm = _norm(text)
    return len(norm) > 40 or bool(re.search(r"[，。；,;：:、！？]", norm))


def _strip_label(text: str, label: str) -> str:
    """``text`` after its leading ``label`` (which may contain spaces or tags in the export)."""
    consumed = 0
    seen = ""
    for i, ch in enumerate(text):
        if not ch.isspace():
            seen += ch
        if _norm(seen) == label:
            consumed = i + 1
            break
    return text[consumed:].lstrip(" :：\t")


def _is_figure_text(text: str) -> bool:
    return bool(NUMBER_RE.fullmatch(normalize_digits(text)))


@dataclass(frozen=True, slots=True)
class _Token:
    line: Line
    cell: Cell
    offset: int
    text: str

    def span(self, path: str) -> SourceSpan:
        cell = self.cell.index if self.line.kind is LineKind.ROW else None
        return self.line.span(column=self.cell.column + self.offset, cell=cell, file=path)


_TOKEN_RE = re.compile(r"[-+]?\d[\d,]*(?:\.\d+)?|[^\s\d]+")


def _tokens(line: Line, cell: Cell, *, after_label: bool = False) -> Iterable[_Token]:
    """Figures and words of a cell (``总分 100 优`` or ``94优`` in one cell).

    With ``after_label`` the leading ``总分`` label (also ``总 分`` or ``总分：``) is skipped.
    """
    text = cell.text
    start = 0
    if after_label:
        seen = ""
        for i, ch in enumerate(text):
            if not ch.isspace():
                seen += ch
            if seen == "总分":
                start = i + 1
                break
        while start < len(text) and text[start] in " \t:：":
            start += 1
    for match in _TOKEN_RE.finditer(text, start):
        yield _Token(line=line, cell=cell, offset=match.start(), text=match.group())


def _has_total_parts(tokens: list[_Token]) -> bool:
    return any(_is_figure_text(t.text) for t in tokens) and any(t.text in GRADES for t in tokens)
