"""Hygiene (文本规范): what a template or a careless edit leaves in the published text (H1xx).

These rules read the document's wording line by line (``Disclosure.lines``), not its figures:
placeholders a template left unfilled (``上海市XX局``, ``XXX万元``, ``20XX年``), the template's own
instructions left in (``（如持平作持平表述）``, ``增加（减少）``), a year in a title or in a sentence
stating this year's accounts that is not the disclosure's year, and doubled punctuation (``。。``).

Each pattern is anchored so that real text does not match: a run of ``X`` next to a Latin letter or a
digit is a word or a code (``VOCs``, ``TVOC``, ``XXL``), not a placeholder; years after ``比``/``与``
(comparisons), in 文号 (``〔2023〕5号``), in names of laws, plans and projects are not looked at.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

from juesuan.audit.context import AuditContext
from juesuan.audit.finding import Finding, Severity
from juesuan.audit.registry import REGISTRY, Family, rule
from juesuan.model.disclosure import Disclosure, Section
from juesuan.model.spans import SourceSpan, StatedText

_CJK = "\u3400-\u9fff\uf900-\ufaff"
_FULLWIDTH_PUNCT = "，。、；：？！“”‘’（）《》〈〉【】…—"

# --- placeholders (H101) ------------------------------------------------------------------------

_X = "XＸ×╳xｘ"
_X_RUN = re.compile(
    rf"(?<![A-Za-z0-9Ａ-Ｚａ-ｚ０-９])([{_X}])\1+(?![A-Za-z0-9Ａ-Ｚａ-ｚ０-９])"
)
"""Two or more of one X-like letter, not part of a Latin word or a code (``VOCs``, ``2XX``)."""

_YEAR_PLACEHOLDER = re.compile(rf"(?<![0-9０-９])(?:19|20)[0-9]?[{_X}]{{1,2}}\s*年")
"""A year left as ``20XX年`` or ``202X年``."""

_STAR_RUN = re.compile(r"(?:\*{2,}|＊{2,}|□{3,})")
"""``**局``, ``＊＊万元``; ``□`` only in runs of three (a single box is a check box)."""

_NAME_BLANK = re.compile(r"[（(](?:单位|部门|项目|制度|机构|预算单位|主管部门)?名称[）)]")
"""``（单位名称）``, ``（制度名称）``: a blank the template asks to fill with a name."""

_FILL_IN_NOTE = re.compile(r"填写说明|填报说明[:：]?\s*$")
"""The template's 填写说明 (a 填报说明 heading alone on its line; the self-evaluation form's own
``备注`` notes are not a template's)."""


def _placeholder_context(ch: str) -> bool:
    """A character next to which an X-run reads as a placeholder: CJK, full-width punctuation, %."""
    return bool(re.match(rf"[{_CJK}{_FULLWIDTH_PUNCT}%％]", ch))


@dataclass(frozen=True, slots=True)
class Hit:
    """One match on a line: its text, where it starts (0-based) and the quote shown to the reader."""

    text: str
    start: int
    quote: str


_WORD_END = frozenset("局委办厅院部所心元年度个辆次人项台套家%％")
"""Characters that end the word a placeholder stands in (``XX局``, ``XXX万元``, ``XX%``)."""


def _with_context(text: str, start: int, end: int, before: int = 3, after: int = 2) -> str:
    """The match with a few neighbouring CJK characters, so the quote says what was left blank
    (``上海市XX局``, ``XXX万元``); the quote stays verbatim on its line."""
    lo = start
    while lo > 0 and start - lo < before and re.match(rf"[{_CJK}]", text[lo - 1]):
        lo -= 1
    hi = end
    while (hi < len(text) and hi - end < after and re.match(rf"[{_CJK}%％]", text[hi])
           and text[hi - 1] not in _WORD_END):
        hi += 1
    return text[lo:hi]


def placeholders(text: str) -> list[Hit]:
    """Every unfilled template blank on one line, in order of position (overlaps dropped)."""
    hits: list[Hit] = []
    for m in _YEAR_PLACEHOLDER.finditer(text):
        hits.append(Hit(m.group(0), m.start(), _with_context(text, m.start(), m.end())))
    for m in _X_RUN.finditer(text):
        before = text[m.start() - 1] if m.start() > 0 else ""
        after = text[m.end()] if m.end() < len(text) else ""
        if not (_placeholder_context(before) or _placeholder_context(after)):
            continue  # an X-run among Latin text or alone: a model name, a Roman numeral
        hits.append(Hit(m.group(0), m.start(), _with_context(text, m.start(), m.end())))
    for pattern in (_STAR_RUN, _NAME_BLANK, _FILL_IN_NOTE):
        for m in pattern.finditer(text):
            if pattern is _STAR_RUN and not any(
                _placeholder_context(c) for c in (text[m.start() - 1 : m.start()],
                                                  text[m.end() : m.end() + 1]) if c
            ):
                continue
            hits.append(Hit(m.group(0), m.start(), _with_context(text, m.start(), m.end())))
    hits.sort(key=lambda h: h.start)
    kept: list[Hit] = []
    for hit in hits:
        if kept and hit.start < kept[-1].start + len(kept[-1].text):
            continue  # ``20XX年`` is one placeholder, not a year and an X-run
        kept.append(hit)
    return kept


# --- template instructions (H102) ---------------------------------------------------------------

_INSTRUCTION = re.compile(
    r"[（(](?:如持平作持平表述|不涉及的?不列示?|[^（）()]{0,20}的单位保留[^（）()]{0,30}|以下同)[）)]"
)
"""The Shanghai template's bracketed instructions to the author."""

_ALTERNATIVE = re.compile(
    r"(?:增加|减少|增长|下降|上升|大于|小于)[（(](?:增加|减少|增长|下降|上升|大于|小于)[）)]"
)
"""A choice the template offers and the author did not make: ``增加（减少）``, ``大于（小于）``."""

_FILL_IN_SENTENCE = re.compile(r"^\s*(?:由|请)[^。]{2,40}填写[。.]?\s*$")
"""A whole line telling the author what to write: ``由主管部门根据三定方案……填写。``."""

_ELLIPSIS_CELL = re.compile(r"^(?:[.。…·]{2,}|…)$")
"""A table cell holding only an ellipsis (``。。。``, ``……``): a row the template left to fill."""


def instructions(text: str) -> list[Hit]:
    """The template's instructions and unmade choices left on one line."""
    hits: list[Hit] = []
    is_row = "\t" in text
    for pattern in (_INSTRUCTION, *(() if is_row else (_ALTERNATIVE,))):
        # In a table a header such as 增加（减少） is the accounting convention, not a choice left open.
        for m in pattern.finditer(text):
            hits.append(Hit(m.group(0), m.start(), m.group(0)))
    if not is_row:
        m = _FILL_IN_SENTENCE.match(text)
        if m is not None:
            body = text.strip()
            hits.append(Hit(body, text.index(body), body))
    else:
        cells = [c.strip() for c in text.split("\t") if c.strip()]
        if cells and all(_ELLIPSIS_CELL.match(c) or c.isdigit() for c in cells) and any(
            _ELLIPSIS_CELL.match(c) for c in cells
        ):
            first = next(c for c in cells if _ELLIPSIS_CELL.match(c))
            hits.append(Hit(first, text.index(first), first))
    hits.sort(key=lambda h: h.start)
    return hits


# --- year consistency (H103) -------------------------------------------------------------------

_HEADING_YEAR = re.compile(r"(?<![0-9〔\[［(（])(\d{4})\s*年度?(?=[^，。；;,\d]{0,24}决算)")
"""A year naming the accounts a title is about: ``2024年度部门决算``, ``2024年部门决算表``."""

_FORM_TITLE_YEAR = re.compile(r"[（(]\s*(\d{4})\s*年度\s*[）)]\s*$")
"""The ``（2024年度）`` closing a self-evaluation form's title."""

ACCOUNTS_TERMS = (
    "收入支出总计", "收入总计", "支出总计", "收入合计", "支出合计", "财政拨款收入支出总计",
    "财政拨款收入", "财政拨款支出", "财政拨款基本支出", "一般公共预算财政拨款", "政府性基金预算财政拨款",
    "国有资本经营预算财政拨款", "基本支出", "项目支出", "“三公”经费", "\"三公\"经费", "三公经费",
    "机关运行经费", "政府采购支出", "政府采购金额",
)
"""What a sentence stating this year's accounts names right after its year."""

_OWNER = r"(?:[\u4e00-\u9fff（）()]{0,30}?(?:局|部|委|办|院|厅|会|中心|单位|部门|所|站|队|本级))?"
"""The department (or 本部门) a sentence may open with: ``上海市普陀区财政局2024年度收入…``."""

_STATEMENT_YEAR = re.compile(
    rf"^{_OWNER}(\d{{4}})\s*年度?\s*(?:部门|本部门|全年|全局)?\s*(?:{'|'.join(map(re.escape, ACCOUNTS_TERMS))})"
)
_AS_AT_YEAR = re.compile(r"^截[至止]\s*(\d{4})\s*年\s*(?:12\s*月\s*31\s*日|底|末)")
"""The state of assets at the year's end: ``截至2024年12月31日，本部门共有车辆94辆``."""

_SENTENCE_START = re.compile(
    r"(?:^\s*(?:[一二三四五六七八九十]+、|[（(][一二三四五六七八九十]+[）)]|\d+[、.．](?!\d))?\s*|(?<=[。；;]))"
)
_AMOUNT = re.compile(r"\d\s*万?元")


def _sentences(text: str) -> Iterator[tuple[int, str]]:
    """(start, sentence) for each sentence of a prose line, after any heading numbering."""
    starts = sorted({m.end() for m in _SENTENCE_START.finditer(text)})
    for start in starts:
        end = min((i for i in (text.find("。", start), text.find("；", start)) if i >= 0),
                  default=len(text))
        if end > start:
            yield start, text[start:end]


@dataclass(frozen=True, slots=True)
class YearHit:
    line: StatedText
    start: int
    year: int
    quote: str
    kind: str
    """``heading`` (a title, heading, caption or form title) or ``sentence``."""


def _heading_lines(d: Disclosure) -> dict[int, str]:
    """Line → kind for the lines that title something: the cover title, part and section headings,
    public-table captions and the self-evaluation forms' titles."""
    out: dict[int, str] = {}
    for section in d.sections():
        out[section.span.line] = "heading"
    for table in d.tables:
        out[table.span.line] = "heading"
    for form in d.evaluations:
        if form.title is not None:
            out[form.title.span.line] = "form"
    if d.title:
        for line in d.lines:
            if line.text.strip() == d.title.strip():
                out[line.span.line] = "heading"
                break
    return out


def _in_form(d: Disclosure, line: int) -> bool:
    return any(f.span.line <= line <= f.end_line for f in d.evaluations)


def year_mismatches(d: Disclosure) -> Iterator[YearHit]:
    """Titles and accounts sentences that name another year than the disclosure's."""
    if d.year is None:
        return
    headings = _heading_lines(d)
    for line in d.lines:
        text = line.text
        kind = headings.get(line.span.line)
        if kind == "form":
            for m in _FORM_TITLE_YEAR.finditer(text):
                if int(m.group(1)) != d.year:
                    yield YearHit(line, m.start(), int(m.group(1)), m.group(0).strip(), "heading")
            continue
        if kind == "heading":
            for m in _HEADING_YEAR.finditer(text):
                if int(m.group(1)) != d.year:
                    end = text.find("决算", m.end()) + 2
                    yield YearHit(line, m.start(), int(m.group(1)), text[m.start():end], "heading")
            continue
        if "\t" in text or _in_form(d, line.span.line):
            continue  # table rows and the forms' own text (projects named after years) are not read
        for start, sentence in _sentences(text):
            found = _STATEMENT_YEAR.match(sentence) or _AS_AT_YEAR.match(sentence)
            if found is None or int(found.group(1)) == d.year:
                continue
            if str(d.year) in sentence[found.end():]:
                continue  # the sentence compares with the disclosure's year: both are meant
            if found.re is _STATEMENT_YEAR and not _AMOUNT.search(sentence, found.end()):
                continue  # no figure: not a statement of the accounts
            quote = sentence[: found.end()].strip()
            yield YearHit(line, start + sentence.index(quote), int(found.group(1)), quote,
                          "sentence")


# --- duplicated punctuation (H104) --------------------------------------------------------------

_DOUBLED = re.compile(r"[。，、；：][。，、；：]+")
"""Two sentence marks in a row (``。。``, ``，，``, ``、、``, ``，。``)."""


def doubled_punctuation(text: str) -> list[Hit]:
    hits: list[Hit] = []
    for cell_start, cell in _cells(text):
        if _ELLIPSIS_CELL.match(cell.strip()):
            continue  # a cell of dots is a template row (H102), not a typo
        for m in _DOUBLED.finditer(cell):
            start = cell_start + m.start()
            hits.append(Hit(m.group(0), start, _with_context(text, start, start + len(m.group(0)),
                                                            before=6, after=0)))
    return hits


def _cells(text: str) -> Iterator[tuple[int, str]]:
    offset = 0
    for cell in text.split("\t"):
        yield offset, cell
        offset += len(cell) + 1


# --- where a line sits --------------------------------------------------------------------------


def part_of(disclosure: Disclosure, line: int) -> str | None:
    """The finding's ``part`` for a line: ``附件/<项目名称>`` inside a form, else the numbering path
    of the innermost section holding it (``第三部分/十/（四）``)."""
    for form in disclosure.evaluations:
        if form.span.line <= line <= form.end_line:
            return f"附件/{form.name}"
    path: list[str] = []
    sections: list[Section] = disclosure.parts
    while True:
        inner = next((s for s in sections if s.span.line <= line <= s.end_line), None)
        if inner is None:
            break
        path.append(inner.number or inner.title)
        sections = inner.children
    return "/".join(path) or None


def _span_at(line: StatedText, start: int) -> SourceSpan:
    return line.span.model_copy(update={"column": start + 1, "cell": line.text.count("\t", 0, start)
                                        if "\t" in line.text else None})


_HEAD = "第一部分 概况\n\n一、主要职能\n\n"


@rule(
    code="H101",
    name="hygiene.placeholder",
    family=Family.HYGIENE,
    severity=Severity.ERROR,
    summary="模板占位符未填写（如“上海市XX局”“XXX万元”“20XX年”“（单位名称）”）",
    summary_en="a template placeholder was left unfilled (上海市XX局, XXX万元, 20XX年, （单位名称）)",
    failing=_HEAD + "上海市XX局2024年度收入支出总计XXX万元。\n",
    passing=_HEAD + "上海市普陀区财政局2024年度收入支出总计2995.39万元，VOCs治理设备XXL型1台。\n",
)
def placeholder(ctx: AuditContext) -> Iterator[Finding]:
    """A blank the template asks the author to fill, still blank in the published text.

    Reported as an error: the document then states no name or figure where it must state one, and
    each pattern needs a placeholder's own shape — a run of one X-like letter (``XX``, ``××``) with
    Chinese text or ``%`` beside it and no Latin letter or digit touching it, a year ``20XX年``, a
    run of ``*``, a bracketed ``（单位名称）``, or the template's ``填写说明``. One finding per line,
    quoting its first placeholder and counting the rest.
    """
    me = REGISTRY["H101"]
    d = ctx.disclosure
    for line in d.lines:
        hits = placeholders(line.text)
        if not hits:
            continue
        first = hits[0]
        distinct = list(dict.fromkeys(h.quote for h in hits))
        more = f"（本行共{len(hits)}处：{'、'.join(distinct[:6])}{'等' if len(distinct) > 6 else ''}）" \
            if len(hits) > 1 else ""
        more_en = f" ({len(hits)} on this line)" if len(hits) > 1 else ""
        yield ctx.finding(
            me,
            message=f"模板占位符「{first.quote}」未替换为实际内容{more}，请填写或删除",
            message_en=f"template placeholder '{first.quote}' was never filled in{more_en}",
            span=_span_at(line, first.start),
            quote=first.quote,
            stated=first.text,
            part=part_of(d, line.span.line),
        )


@rule(
    code="H102",
    name="hygiene.template-instruction",
    family=Family.HYGIENE,
    severity=Severity.WARNING,
    summary="模板的填写提示或未选定的选项留在正文中（如“（如持平作持平表述）”“增加（减少）”）",
    summary_en="the template's instructions or an unmade choice were left in the text "
               "(（如持平作持平表述）, 增加（减少）)",
    failing=_HEAD + "收入支出总计2995.39万元，比上年增加（减少）100.00万元。（如持平作持平表述）\n",
    passing=_HEAD + "收入支出总计2995.39万元，比上年增加100.00万元（增长3.45%）。\n",
)
def template_instruction(ctx: AuditContext) -> Iterator[Finding]:
    """Guidance the template gives the author, left in the published text.

    The Shanghai template's bracketed notes (``（如持平作持平表述）``, ``（不涉及的不列）``), a choice
    it offers in prose (``增加（减少）``, ``大于（小于）``: in a table such a header is the accounting
    convention and is not reported), a line telling the author what to write (``由……填写。``) and a
    table row of ellipses standing for more rows. A warning, not an error: the figures around such
    a note may well be filled in; the note itself must go.
    """
    me = REGISTRY["H102"]
    d = ctx.disclosure
    for line in d.lines:
        for hit in instructions(line.text):
            yield ctx.finding(
                me,
                message=f"模板填写提示「{hit.quote}」留在正文中，请删除或按提示改写",
                message_en=f"the template's instruction '{hit.quote}' was left in the text",
                span=_span_at(line, hit.start),
                quote=hit.quote,
                stated=hit.text,
                part=part_of(d, line.span.line),
            )


@rule(
    code="H103",
    name="hygiene.year-mismatch",
    family=Family.HYGIENE,
    severity=Severity.WARNING,
    summary="标题或陈述本年决算数字的句子中的年度与公开的年度不符",
    summary_en="a title, or a sentence stating this year's accounts, names another year than the "
               "disclosure's",
    failing="2024年度部门决算公开\n\n第一部分 概况\n\n第三部分 2023年度部门决算情况说明\n\n"
            "2023年度收入总计47,549.83万元，支出总计47,549.83万元。\n",
    passing="2024年度部门决算公开\n\n第一部分 概况\n\n第三部分 2024年度部门决算情况说明\n\n"
            "2024年度收入总计47,549.83万元。与2023年度相比，收入总计增加17,356.89万元；"
            "2023年收入总计30,192.94万元，2024年增长57.49%。本单位于2023年成立。\n",
)
def year_mismatch(ctx: AuditContext) -> Iterator[Finding]:
    """The disclosure's year (from its title) against the years that must equal it.

    Only two places are read, to raise no false alarm: titles (the cover title, part and section
    headings, public-table captions — ``2023年度部门决算`` in a 2024 disclosure — and the
    ``（2024年度）`` of each form's title), and a narrative sentence that opens with a year and then
    states the accounts with a figure (``2023年度收入总计…万元``, ``截至2023年12月31日``). A sentence
    that also names the disclosure's year is a comparison; 上年 figures, plans (``2025年预算``),
    dates of 成立/设立, 文号 (``〔2023〕5号``), laws' and projects' names are never read. A warning:
    the title's year itself may be the wrong one.
    """
    me = REGISTRY["H103"]
    d = ctx.disclosure
    for hit in year_mismatches(d):
        where = "标题" if hit.kind == "heading" else "本句陈述的决算数字"
        where_en = "the title" if hit.kind == "heading" else "this sentence's accounts"
        yield ctx.finding(
            me,
            message=(f"{where}年度为{hit.year}年（「{hit.quote}」），与本公开的年度{d.year}年不符；"
                     "请核对年度（是否沿用了其他年度的文字）"),
            message_en=(f"{where_en} name the year {hit.year} ('{hit.quote}'), the disclosure is "
                        f"for {d.year}"),
            span=_span_at(hit.line, hit.start),
            quote=hit.quote,
            stated=str(hit.year),
            expected=str(d.year),
            part=part_of(d, hit.line.span.line),
        )


@rule(
    code="H104",
    name="hygiene.doubled-punctuation",
    family=Family.HYGIENE,
    severity=Severity.INFO,
    summary="标点重复（如“。。”“，，”“、、”）",
    summary_en="doubled punctuation (。。, ，，, 、、)",
    failing=_HEAD + "主要用于信息化建设及运行维护等方面的支出。。2025年当年预算执行数为60.41万元。\n",
    passing=_HEAD + "主要用于信息化建设及运行维护等方面的支出。2025年当年预算执行数为60.41万元。\n",
)
def doubled(ctx: AuditContext) -> Iterator[Finding]:
    """Two sentence marks in a row, a typing slip worth one keystroke: information only."""
    me = REGISTRY["H104"]
    d = ctx.disclosure
    for line in d.lines:
        for hit in doubled_punctuation(line.text):
            yield ctx.finding(
                me,
                message=f"标点重复：「{hit.quote}」中的「{hit.text}」",
                message_en=f"doubled punctuation '{hit.text}' in '{hit.quote}'",
                span=_span_at(line, hit.start),
                quote=hit.quote,
                stated=hit.text,
                expected=hit.text[0],
                part=part_of(d, line.span.line),
            )
