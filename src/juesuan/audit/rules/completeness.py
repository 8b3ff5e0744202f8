"""Completeness: the required parts and sections are present, non-empty, or explained (C1xx)."""

from __future__ import annotations

from collections.abc import Iterator

from juesuan.audit.context import AuditContext
from juesuan.audit.finding import Finding, Severity
from juesuan.audit.registry import REGISTRY, Family, rule
from juesuan.model.claims import claim_operands
from juesuan.model.disclosure import Section
from juesuan.model.quantity import Quantity
from juesuan.model.stated_tables import STANDARD_NAMES

REQUIRED_PARTS: tuple[tuple[str, str, str], ...] = (
    ("概况", "概况", "overview"),
    ("决算表", "部门决算表", "the public tables"),
    ("情况说明", "情况说明", "the narrative"),
    ("名词解释", "名词解释", "the glossary"),
)
"""(title keyword, Chinese name, English name) of the parts every disclosure must have."""

NARRATIVE_SECTIONS: tuple[tuple[str, str], ...] = (
    ("收入支出决算总体", "overall income and expenditure"),
    ("收入决算", "income"),
    ("支出决算", "expenditure"),
    ("财政拨款收支", "fiscal appropriations"),
    ("一般公共预算财政拨款支出", "general public budget expenditure"),
    ("基本支出", "basic expenditure"),
    ("政府性基金", "government funds"),
    ("国有资本经营", "state capital operations"),
    ("三公", "three public expenses"),
    ("其他重要事项", "other important matters"),
)
"""Keywords of the ten 情况说明 sections in the standard order."""

EXPLAINED_EMPTY = ("无此项", "无此类", "本年度无", "没有此项")

_MINIMAL = (
    "第一部分 概况\n\n本部门负责全市生态环境工作。\n\n"
    "第二部分 2024年部门决算表\n\n{tables}\n\n"
    "第三部分 情况说明\n\n{narrative}\n\n"
    "第四部分 名词解释\n\n一、财政拨款收入：指单位从同级财政部门取得的财政预算资金。\n"
)
_NARRATIVE_FULL = "\n\n".join(
    f"{n}、{t}情况说明\n\n本年度无此项收支。"
    for n, t in zip("一二三四五六七八九十", (k for k, _ in NARRATIVE_SECTIONS), strict=True)
)


def _has_content(section: Section) -> bool:
    return bool(section.text.strip()) or bool(section.children) or section.table_rows > 0


def _explained(section: Section) -> bool:
    return any(marker in s.text for s in section.walk() for marker in EXPLAINED_EMPTY)


@rule(
    code="C101",
    name="completeness.required-parts",
    family=Family.COMPLETENESS,
    severity=Severity.ERROR,
    summary="缺少必备部分（概况、部门决算表、情况说明、名词解释）",
    summary_en="a required part is missing (overview, public tables, narrative, glossary)",
    failing="第三部分 情况说明\n\n一、收入支出决算总体情况说明\n\n本年度无此项收支。\n",
    passing=_MINIMAL.format(tables="收入支出决算表（公开01表）\t收入\t100", narrative=_NARRATIVE_FULL),
)
def required_parts(ctx: AuditContext) -> Iterator[Finding]:
    """Every disclosure has 概况, 部门决算表, 情况说明 and 名词解释 (domain.md §1).

    A file with no part headings at all but public tables or forms (a workbook of the nine tables,
    a file of self-evaluation forms) is a piece of a disclosure, not a whole one: not checked here.
    """
    me = REGISTRY["C101"]
    parts = ctx.disclosure.parts
    if not parts:
        return
    anchor = parts[0] if parts else None
    for keyword, zh, en in REQUIRED_PARTS:
        if any(keyword in p.title for p in parts):
            continue
        yield ctx.finding(
            me,
            message=f"缺少“{zh}”部分",
            message_en=f"the disclosure has no part for {en} ({zh})",
            span=anchor.span if anchor else None,
            quote=f"{anchor.number} {anchor.title}".strip() if anchor else "",
            expected=zh,
            part=None,
        )


@rule(
    code="C102",
    name="completeness.empty-part",
    family=Family.COMPLETENESS,
    severity=Severity.ERROR,
    summary="部分或章节为空且未说明原因（如“本年度无此项收支”）",
    summary_en="a part or section is empty and does not say why (e.g. 本年度无此项收支)",
    failing=_MINIMAL.format(tables="", narrative=_NARRATIVE_FULL),
    passing=_MINIMAL.format(tables="收入支出决算表（公开01表）\t收入\t100", narrative=_NARRATIVE_FULL),
)
def empty_part(ctx: AuditContext) -> Iterator[Finding]:
    """A heading with nothing under it: for 部门决算表 that means the public tables are missing."""
    me = REGISTRY["C102"]
    for part in ctx.disclosure.parts:
        for section in part.walk():
            if _has_content(section) or _explained(section):
                continue
            is_tables = section.level == 1 and "决算表" in section.title
            heading = f"{section.number} {section.title}".strip() if section.level == 1 else \
                section.title
            if is_tables:
                message = f"“{section.title}”部分没有任何表格：九张公开表（公开01–09表）均缺失"
                message_en = (f"part '{section.title}' holds no tables: all nine public tables "
                              "(公开01–09表) are missing")
            else:
                message = f"“{section.title}”为空，且未说明原因（如“本年度无此项收支”）"
                message_en = f"section '{section.title}' is empty and does not say why"
            yield ctx.finding(
                me,
                message=message,
                message_en=message_en,
                span=section.span,
                quote=heading if heading else section.number,
                expected="九张公开表" if is_tables else "内容或“本年度无此项收支”",
                part=section.number,
            )


@rule(
    code="C103",
    name="completeness.narrative-sections",
    family=Family.COMPLETENESS,
    severity=Severity.WARNING,
    summary="情况说明缺少标准章节",
    summary_en="the narrative lacks one of the ten standard sections",
    failing=_MINIMAL.format(tables="收入支出决算表（公开01表）\t收入\t100",
                            narrative="一、收入支出决算总体情况说明\n\n本年度无此项收支。"),
    passing=_MINIMAL.format(tables="收入支出决算表（公开01表）\t收入\t100", narrative=_NARRATIVE_FULL),
)
def narrative_sections(ctx: AuditContext) -> Iterator[Finding]:
    """情况说明 restates the tables in ten sections (domain.md §3); each must be there."""
    me = REGISTRY["C103"]
    narrative = next((p for p in ctx.disclosure.parts if "情况说明" in p.title), None)
    if narrative is None:
        return  # C101 already reports the missing part
    # Templates spell 收支 out (Shanghai: 四、财政拨款收入支出决算总体情况说明)
    titles = [c.title.replace("收入支出", "收支") for c in narrative.children]
    for keyword, en in NARRATIVE_SECTIONS:
        if any(keyword.replace("收入支出", "收支") in t for t in titles):
            continue
        yield ctx.finding(
            me,
            message=f"情况说明缺少“{keyword}”相关章节",
            message_en=f"the narrative has no section on {en} ({keyword})",
            span=narrative.span,
            quote=f"{narrative.number} {narrative.title}",
            expected=keyword,
            part=narrative.number,
        )


@rule(
    code="C104",
    name="completeness.glossary",
    family=Family.COMPLETENESS,
    severity=Severity.WARNING,
    summary="名词解释为空或缺少常用名词",
    summary_en="the glossary is empty or lacks the standard terms",
    failing=_MINIMAL.format(tables="收入支出决算表（公开01表）\t收入\t100", narrative=_NARRATIVE_FULL)
    .replace("一、财政拨款收入：指单位从同级财政部门取得的财政预算资金。", ""),
    passing=_MINIMAL.format(tables="收入支出决算表（公开01表）\t收入\t100", narrative=_NARRATIVE_FULL),
)
def glossary(ctx: AuditContext) -> Iterator[Finding]:
    """名词解释 defines the terms the tables use; an empty glossary is a gap."""
    me = REGISTRY["C104"]
    part = next((p for p in ctx.disclosure.parts if "名词解释" in p.title), None)
    if part is None or part.children or len(part.text.strip()) > 20:
        return
    yield ctx.finding(
        me,
        message="名词解释部分没有任何词条",
        message_en="the glossary defines no terms",
        span=part.span,
        quote=f"{part.number} {part.title}",
        expected="财政拨款收入、基本支出、项目支出、“三公”经费等词条",
        part=part.number,
    )


def _nine_tables(missing: int | None = None) -> str:
    """A 部门决算表 part holding the nine tables (all printed empty, which is enough to be present)."""
    lines = [f"公开{n:02d}表 {STANDARD_NAMES[n][-1]}\n\n本年度无此项收支。" for n in range(1, 10) if n != missing]
    return "\n\n".join(lines)


@rule(
    code="C105",
    name="completeness.public-tables",
    family=Family.COMPLETENESS,
    severity=Severity.WARNING,
    summary="部门决算表未列全九张公开表（公开01–09表）",
    summary_en="the public tables do not include all nine (公开01–09表)",
    failing=_MINIMAL.format(tables=_nine_tables(missing=7), narrative=_NARRATIVE_FULL),
    passing=_MINIMAL.format(tables=_nine_tables(), narrative=_NARRATIVE_FULL),
)
def public_tables(ctx: AuditContext) -> Iterator[Finding]:
    """A disclosure prints all nine public tables, an empty one with 本年度无此项收支 (domain.md §2).

    Checked once at least one table was read (no table at all is C102's empty part). A warning, not
    an error: some regions and years publish another set (a 财政拨款收入支出决算总表 in place of 04, a
    tenth table), which a reviewer may accept.
    """
    me = REGISTRY["C105"]
    tables = ctx.disclosure.tables
    if not tables:
        return
    present = {t.standard for t in tables}
    missing = [n for n in range(1, 10) if n not in present]
    if not missing:
        return
    part = next((p for p in ctx.disclosure.parts if "决算表" in p.title), None)
    names = "、".join(f"公开{n:02d}表 {STANDARD_NAMES[n][-1].replace('三公', '“三公”')}" for n in missing)
    yield ctx.finding(
        me,
        message=f"部门决算表缺少{len(missing)}张公开表：{names}；无数据的表也应列出并注明“本年度无此项收支”",
        message_en=f"{len(missing)} of the nine public tables are missing: {names}; a table with no data "
                   f"is still printed, saying 本年度无此项收支",
        span=part.span if part else tables[0].span,
        quote=f"{part.number} {part.title}" if part else tables[0].caption,
        expected="公开01–09表",
        part=part.number if part else None,
    )


_PIECE_PARTS: tuple[tuple[str, str, str], ...] = (
    *REQUIRED_PARTS,
    ("附件", "项目支出绩效自评表", "the self-evaluation forms"),
)


@rule(
    code="C106",
    name="completeness.piece-of-a-disclosure",
    family=Family.COMPLETENESS,
    severity=Severity.INFO,
    summary="输入只是决算公开的一部分（如单独的情况说明网页）：列明未包含的部分",
    summary_en="the input is a piece of a disclosure (e.g. a web page of 情况说明): the parts it lacks",
    failing="三、支出决算情况说明\n\n本年支出合计100.00万元，其中：基本支出60.00万元，占60.00%；"
    "项目支出40.00万元，占40.00%。\n",
    passing=_MINIMAL.format(tables="收入支出决算表（公开01表）\t收入\t100", narrative=_NARRATIVE_FULL),
)
def piece_of_a_disclosure(ctx: AuditContext) -> Iterator[Finding]:
    """A text with no part headings (a page of 情况说明, one paragraph, a workbook of the tables, a
    file of forms) is audited with the rules that apply; this says which parts were not there, so
    no reviewer reads a clean audit of a fragment as a clean disclosure."""
    d = ctx.disclosure
    if d.parts:
        return
    present = {"决算表": bool(d.tables), "情况说明": bool(d.claims), "附件": bool(d.evaluations)}
    absent = [(zh, en) for key, zh, en in _PIECE_PARTS if not present.get(key, False)]
    if not absent:
        return
    first = next((q.span for q in (f.quantity for f in d.figures) if q.span is not None), None)
    if first is None and d.tables:
        first = d.tables[0].span
    if first is None and d.evaluations:
        first = d.evaluations[0].span
    yield ctx.finding(
        REGISTRY["C106"],
        message=f"输入不是完整的决算公开，只审核了其中的内容；未包含：{'、'.join(zh for zh, _ in absent)}",
        message_en=f"the input is not a whole disclosure and was audited for what it holds; not present: "
                   f"{', '.join(en for _, en in absent)}",
        span=first,
        quote="",
        expected="、".join(zh for zh, _ in absent),
        part=None,
    )


_TABLE_MENTION = ("决算表", "公开表", "收入支出决算总表")
_TABLE_01_ROWS = ("项目\t决算数\t项目\t决算数\n一、一般公共预算财政拨款收入\t100.00\t一、一般公共服务支出\t100.00\n"
                  "本年收入合计\t100.00\t本年支出合计\t100.00")


@rule(
    code="C107",
    name="completeness.tables-not-read",
    family=Family.COMPLETENESS,
    severity=Severity.WARNING,
    summary="文件列有公开表，但没有一张能读出（表格的数字未核对）",
    summary_en="the document prints public tables, but none could be read (their figures were not checked)",
    failing=_MINIMAL.format(tables=_TABLE_01_ROWS, narrative=_NARRATIVE_FULL),
    passing=_MINIMAL.format(tables="收入支出决算表\n公开01表\n单位：万元\n" + _TABLE_01_ROWS,
                            narrative=_NARRATIVE_FULL),
)
def tables_not_read(ctx: AuditContext) -> Iterator[Finding]:
    """A part over the tables holding table rows, with no table recognised among them: a silent 0
    would read as 'the tables agree'. Usually a caption wording juesuan does not know yet."""
    d = ctx.disclosure
    if d.tables:
        return
    part = next((p for p in d.parts if any(k in p.title for k in _TABLE_MENTION)), None)
    if part is None or sum(s.table_rows for s in part.walk()) == 0:
        return
    yield ctx.finding(
        REGISTRY["C107"],
        message=f"“{part.title}”部分有{sum(s.table_rows for s in part.walk())}行表格，但未能识别出任何公开表，"
                "表内数字及其与情况说明的一致性均未核对。请确认表名（如“收入支出决算总表（公开01表）”）是否完整",
        message_en=f"part '{part.title}' holds table rows but no public table was recognised in them: the "
                   "tables' figures and their agreement with the narrative were not checked",
        span=part.span,
        quote=f"{part.number} {part.title}".strip(),
        expected="公开01–09表",
        part=part.number,
    )


_HEAD_NARRATIVE = "第三部分 情况说明\n\n"
_UNTIED_MIN = 2
"""A section must state at least this many money figures for C108 to say none was checked."""


@rule(
    code="C108",
    name="completeness.figures-not-checked",
    family=Family.COMPLETENESS,
    severity=Severity.INFO,
    summary="章节中的金额已读出，但没有一句能形成可核对的表述（这些数字未被核对）",
    summary_en="a section states money figures but no statement in it could be checked",
    failing=_HEAD_NARRATIVE + "三、支出决算情况说明\n\n本年支出合计100.00万元，其中：基本支出60.00万元，"
    "占60.00%；项目支出40.00万元，占40.00%。\n\n十、其他重要事项情况说明\n\n政府采购100.00万元；国有资产200.00万元。\n",
    passing=_HEAD_NARRATIVE + "三、支出决算情况说明\n\n本年支出合计100.00万元，其中：基本支出60.00万元，"
    "占60.00%；项目支出40.00万元，占40.00%。\n",
)
def figures_not_checked(ctx: AuditContext) -> Iterator[Finding]:
    """Publishes what the audit could not read: a section whose money figures no claim uses
    (statcheck's lesson: extraction recall is reported, not hidden)."""
    used = {(q.span.line, q.span.column) for q in claim_operands(ctx.claims) if q.span is not None}
    by_section: dict[str, list[Quantity]] = {}
    for f in ctx.disclosure.figures:
        if f.quantity.span is not None and f.quantity.unit in ("万元", "元", "亿元"):
            by_section.setdefault(f.section or "", []).append(f.quantity)
    for section, figures in by_section.items():
        if len(figures) < _UNTIED_MIN or any(
                q.span is not None and (q.span.line, q.span.column) in used for q in figures):
            continue
        shown = "、".join(q.text for q in figures[:4]) + ("等" if len(figures) > 4 else "")
        yield ctx.finding(
            REGISTRY["C108"],
            message=f"{section or '正文'}有{len(figures)}个金额（{shown}）已读出，"
                    "但没有形成可核对的表述，这些数字未被核对",
            message_en=f"{section or 'the text'} states {len(figures)} money figures that no checkable statement "
                       "uses: they were not checked",
            span=figures[0].span,
            quote=figures[0].text,
            expected=None,
            part=section or None,
        )
