"""Every number the narrative states, with its unit, the words it quantifies and where it stands.

Scope: the prose of every part before the attachments (附件/附表): in practice 第三部分 情况说明,
plus the few numbers of 概况. The cover, the table of contents, table rows and the attachments'
forms are not read here (the forms have their own parser).

What counts as a figure: an Arabic number (thousands commas and decimals allowed, full-width digits
too) directly followed by a recognised unit (:data:`UNITS`). Not figures: dates (``2024年度``,
``2024年12月31日``: a four-digit year before 年, and any number before 月/日/号), ordinals
(``第1批``), list numbering (``1、``, ``1.``) and document numbers (``〔2019〕1号``) — these carry
no unit — and numbers glued to Latin letters (``PM2.5``).

Labels (stable on purpose: a later cross-check looks one quantity up in several places by label)
are built from the clause that holds the number — the text since the last ``，。；：、`` — as
``subject`` plus an optional ``relation``, joined by one space:

* subject: the clause's words before the number, cleaned: date prefixes (``2024年度``), connectives
  (``其中``, ``共``, ``本部门（单位）``, ``使用财政拨款``…), list markers and quotes are dropped;
  half-width brackets become full-width; classification markers ``(类)`` are dropped;
  ``决算支出`` reads ``支出``; a trailing ``费支出`` reads ``费`` (``公务接待费支出`` → ``公务接待费``).
* relation: a trailing ``占比`` / ``占X的`` (→ ``占比`` / ``占X``), ``完成年初预算的`` (→
  ``完成年初预算``), ``(比|较|与)上年…增加/减少/增长/下降`` and bare ``增加/减少/增长/下降`` (→ the
  verb), ``年初预算``/``全年预算`` (→ itself); ``支出决算``/``决算`` add nothing (a 决算 figure is the
  quantity itself, so ``…支出年初预算X，支出决算Y`` labels Y like the plain statement of Y).
* a clause with a relation but no subject (``，增长57.49%``) takes the paragraph's last subject.
* ``支出总计``/``支出合计`` right after ``<Q>收入总计``/``<Q>收入合计`` in a sentence inherit the
  qualifier: ``财政拨款收入总计X，支出总计Y`` labels Y ``财政拨款支出总计``.
* a generic subject (``资金``, ``金额``…) is prefixed with the sentence's previous subject.
* counts (units other than money and %): a noun right after the unit is what is counted
  (``设办公室、规划股4个内设机构`` → ``内设机构``; ``52个项目自评等级为“优”`` → ``项目自评等级为优``);
  otherwise the words before it as above; a verb phrase (``共接待6批次``) is labelled with the
  paragraph's subject, the verb and the unit (``公务接待费 接待 批次``), a verb with its object by
  itself and the unit (``共购置公务用车0辆`` → ``购置公务用车 辆``); a count with no words
  before or after it repeats the last count's stem with its own unit (``，152人次`` →
  ``公务接待费 接待 人次``).
* a number followed by ``（含）以上``/``以下`` is a threshold: ``单价 下限``/``上限``; the clause's
  next number keeps the threshold in its label (``单价100万元（含）以上设备（不含车辆）``).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field

from juesuan.model.disclosure import Figure, Section
from juesuan.model.quantity import Quantity
from juesuan.parse.paragraphs import Paragraph
from juesuan.parse.sections import body_paragraphs, is_attachment_title, section_at
from juesuan.read.document import Document

__all__ = [
    "MONEY_UNITS",
    "PERCENT_UNITS",
    "UNITS",
    "extract_figures",
    "figures_in_paragraph",
    "narrative_parts",
]

UNITS: tuple[tuple[str, str], ...] = tuple(
    sorted(
        (
            ("万元", "万元"), ("亿元", "亿元"), ("千元", "千元"), ("元", "元"),
            ("%", "%"), ("％", "%"), ("个百分点", "个百分点"), ("倍", "倍"),
            ("台（套）", "台（套）"), ("台(套)", "台（套）"), ("台（件）", "台（件）"),
            ("万人次", "万人次"), ("人次", "人次"), ("批次", "批次"), ("万人", "万人"),
            ("人", "人"), ("名", "名"), ("户", "户"), ("家", "家"),
            ("辆", "辆"), ("台", "台"), ("套", "套"), ("件", "件"),
            ("个月", "个月"), ("个", "个"), ("项", "项"), ("次", "次"), ("份", "份"),
            ("处", "处"), ("所", "所"), ("座", "座"), ("篇", "篇"), ("场", "场"),
            ("条", "条"), ("册", "册"), ("期", "期"), ("天", "天"), ("小时", "小时"),
            ("年", "年"), ("万吨", "万吨"), ("吨", "吨"), ("公里", "公里"), ("千米", "千米"),
            ("平方公里", "平方公里"), ("平方米", "平方米"), ("立方米", "立方米"),
            ("亩", "亩"), ("公顷", "公顷"),
        ),
        key=lambda pair: -len(pair[0]),
    )
)
"""(as printed, canonical) pairs, longest first so ``万元`` wins over ``元`` and ``人次`` over ``人``."""

MONEY_UNITS = frozenset({"万元", "亿元", "千元", "元"})
PERCENT_UNITS = frozenset({"%", "个百分点", "倍"})

NUMBER_TOKEN_RE = re.compile(
    r"(?<![0-9０-９A-Za-zＡ-Ｚａ-ｚ.,．_])"
    r"(?:[0-9０-９]{1,3}(?:,[0-9０-９]{3})+(?![0-9０-９])|[0-9０-９]+)"
    r"(?:[.．][0-9０-９]+)?"
)
"""A printed number: digits, optional thousands commas, optional decimals (ASCII or full-width)."""

_GAP_RE = re.compile(r"[ \u3000]*")
_CLAUSE_DELIMS = "，,。；;：:、！!？?\n"
_SENTENCE_DELIMS = "。！!？?；;"
_THRESHOLD_RE = re.compile(r"(?:（含）|\(含\))?(?:及)?(以上|以下)")

_QUOTES = str.maketrans({"“": "", "”": "", "‘": "", "’": "", '"': "", "'": "", "「": "",
                         "」": "", "『": "", "』": "", "(": "（", ")": "）", " ": "", "\u3000": ""})
_CLASS_MARK_RE = re.compile(r"（[类款项]）")
_LEADING = re.compile(
    r"^(?:"
    r"(?:截至|截止到?)?[0-9０-９]{4}年度?(?:[0-9０-９]{1,2}月(?:[0-9０-９]{1,2}日)?)?"
    r"|本年度|年度|其中|另外|此外|同时|并且|以及|并|和|及|与上年度?相比|与上年同期相比"
    r"|主要用于|用于|涉及|使用财政拨款负担的|使用财政拨款|本部门（单位）|本部门|本单位"
    r"|共计|共有|共|总共|累计"
    r"|[0-9０-９]+[、.．]|（[一二三四五六七八九十0-9]+）|[一二三四五六七八九十]+[、是]"
    r")"
)
_TRAILING = re.compile(r"(?:共计|共有|共|为|是|达到|达|约|的|了)$")
_RELATIONS: tuple[tuple[re.Pattern[str], str], ...] = (
    (re.compile(r"占比(?:为)?$"), "占比"),
    (re.compile(r"占(.+?)的?(?:比重|比例)?(?:为)?$"), "占{0}"),
    (re.compile(r"完成(年初|全年|调整后)?预算(?:数)?的?$"), "完成{0}预算"),
    (re.compile(
        r"(?:与|比|较)(?:上年度?|上一年度?|上年决算|上年同期|[0-9]{4}年度?)?(?:决算)?(?:相比)?"
        r"(增加|减少|增长|下降|持平)(?:了)?$"), "{0}"),
    (re.compile(r"(增加|减少|增长|下降)(?:了)?$"), "{0}"),
    (re.compile(r"(?:增幅|增长率)(?:为)?$"), "增长"),
    (re.compile(r"(?:降幅|下降率)(?:为)?$"), "下降"),
    (re.compile(r"(年初预算|全年预算|调整后预算)(?:数)?(?:为)?$"), "{0}"),
    (re.compile(r"(?:支出决算|决算数|决算)(?:为)?$"), ""),
)
_GENERIC = frozenset({"资金", "金额", "总额", "合计", "总计", "共计", "数量", "规模"})
_COUNT_VERBS = ("接待", "购置", "购买", "采购", "开展", "组织", "举办", "召开", "培训", "检查",
                "出动", "派出", "办理", "受理", "发放", "处理", "查处", "监测", "新增", "减少")
_SUFFIX_STOP = ("主要", "用于", "其中", "以上", "以下", "（含）", "左右", "的", "与", "比", "较")
_QUALIFIED_TOTAL_RE = re.compile(r"^(.+)收入(总计|合计)$")


@dataclass(slots=True)
class _State:
    """What a paragraph carries from one figure to the next."""

    subject: str = ""
    """The last explicit subject of a money or percent figure."""
    count_stem: str = ""
    """The last count's label without its unit."""
    sentence_subjects: list[str] = field(default_factory=list)
    sentence_start: int = 0


def _normalise(text: str) -> str:
    text = _CLASS_MARK_RE.sub("", text.translate(_QUOTES))
    return text.replace("决算支出", "支出")


def _strip_leading(text: str) -> str:
    while True:
        m = _LEADING.match(text)
        if m is None or m.end() == 0:
            return text
        text = text[m.end() :]


def _strip_trailing(text: str) -> str:
    while True:
        new = _TRAILING.sub("", text)
        if new == text:
            return text
        text = new


def _split_relation(prefix: str) -> tuple[str, str]:
    """(subject, relation) of a cleaned clause prefix."""
    for pattern, template in _RELATIONS:
        m = pattern.search(prefix)
        if m is not None:
            subject = prefix[: m.start()]
            return subject, template.format(*m.groups()) if m.groups() else template
    return prefix, ""


def _subject_words(prefix: str) -> tuple[str, str]:
    cleaned = _strip_leading(_normalise(prefix))
    subject, relation = _split_relation(cleaned)
    subject = _strip_trailing(_strip_leading(subject))
    if subject.endswith("费支出"):
        subject = subject[: -len("支出")]
    return subject, relation


def _suffix_words(text: str) -> str:
    end = len(text)
    for i, ch in enumerate(text):
        if ch in _CLAUSE_DELIMS:
            end = i
            break
    words = _normalise(text[:end])
    if not words or words.startswith(_SUFFIX_STOP) or not ("\u4e00" <= words[0] <= "\u9fff"):
        return ""
    return words


def _is_date(digits: str, after: str) -> bool:
    plain = digits.replace(",", "")
    if after.startswith(("月", "日", "号")):
        return True
    return (after.startswith("年") and len(plain) == 4 and plain.isdigit()
            and 1900 <= int(plain) <= 2100)


@dataclass(frozen=True, slots=True)
class _Match:
    start: int
    end: int
    unit: str
    unit_end: int


def _matches(text: str) -> list[_Match]:
    out: list[_Match] = []
    for m in NUMBER_TOKEN_RE.finditer(text):
        start, end = m.span()
        if start > 0 and text[start - 1] == "第":
            continue  # an ordinal: 第1批
        gap = _GAP_RE.match(text, end)
        after_pos = gap.end() if gap else end
        after = text[after_pos:]
        if _is_date(m.group(), after):
            continue
        unit = next(((p, c) for p, c in UNITS if after.startswith(p)), None)
        if unit is None:
            continue  # list numbering, document numbers, bare numbers: no unit, not a figure
        out.append(_Match(start, end, unit[1], after_pos + len(unit[0])))
    return out


def _clause_start(text: str, pos: int) -> int:
    for i in range(pos - 1, -1, -1):
        if text[i] in _CLAUSE_DELIMS:
            return i + 1
    return 0


def _sentence_start(text: str, pos: int) -> int:
    for i in range(pos - 1, -1, -1):
        if text[i] in _SENTENCE_DELIMS:
            return i + 1
    return 0


def figures_in_paragraph(para: Paragraph, section: str | None = None) -> tuple[list[Figure], int]:
    """The figures of one paragraph, and how many numbers were skipped for crossing a line break."""
    text = para.text
    state = _State()
    figures: list[Figure] = []
    skipped = 0
    matches = _matches(text)
    for index, match in enumerate(matches):
        sentence = _sentence_start(text, match.start)
        if sentence != state.sentence_start:
            state.sentence_start = sentence
            state.sentence_subjects = []
        start = _clause_start(text, match.start)
        if index > 0:
            prev = matches[index - 1]
            threshold = _THRESHOLD_RE.match(text, prev.unit_end) is not None
            if prev.unit_end > start and not threshold:
                start = prev.unit_end
        label = _label(text, match, start, state)
        first_line, _ = para.locate(match.start)
        last_line, _ = para.locate(match.end - 1)
        if first_line.number != last_line.number:
            skipped += 1  # the digits are split over two lines: no single span can hold them
            continue
        quantity = Quantity.parse(text[match.start : match.end], match.unit,
                                  para.span(match.start, match.end))
        figures.append(Figure(quantity=quantity, label=label, section=section))
    return figures, skipped


def _label(text: str, match: _Match, start: int, state: _State) -> str:
    threshold = _THRESHOLD_RE.match(text, match.unit_end)
    subject, relation = _subject_words(text[start : match.start])
    is_count = match.unit not in MONEY_UNITS and match.unit not in PERCENT_UNITS
    if threshold is not None:
        bound = "下限" if threshold.group(1) == "以上" else "上限"
        return f"{subject or state.subject} {bound}".strip()
    if is_count:
        return _count_label(text, match, subject, relation, state)
    if subject:
        previous = state.sentence_subjects[-1] if state.sentence_subjects else ""
        if subject in ("支出总计", "支出合计"):
            q = _QUALIFIED_TOTAL_RE.match(previous)
            if q is not None:
                subject = q.group(1) + subject
        elif subject in _GENERIC and previous:
            subject = f"{previous} {subject}"
        state.subject = subject
        state.sentence_subjects.append(subject)
    else:
        subject = state.subject
    label = f"{subject} {relation}".strip()
    return label or _suffix_words(text[match.unit_end :])


def _count_label(text: str, match: _Match, subject: str, relation: str, state: _State) -> str:
    unit = match.unit
    suffix = _suffix_words(text[match.unit_end :])
    if suffix:  # 4个内设机构, 52个项目自评等级为“优”: the noun after the unit is what is counted
        state.count_stem = suffix
        state.sentence_subjects.append(suffix)
        return suffix
    if subject:
        if subject in _COUNT_VERBS:
            stem = f"{state.subject} {subject}".strip()  # 共接待6批次 → 公务接待费 接待 批次
            label = f"{stem} {unit}"
        elif subject.startswith(_COUNT_VERBS):
            stem = subject  # 共购置公务用车0辆 → 购置公务用车 辆
            label = f"{stem} {unit}"
        else:
            stem = subject
            label = f"{subject} {relation}".strip()
            if subject in _GENERIC and state.sentence_subjects:
                label = f"{state.sentence_subjects[-1]} {label}"
        state.count_stem = stem
        state.sentence_subjects.append(stem)
        return label
    stem = state.count_stem or state.subject
    return f"{stem} {unit}".strip() if stem else unit


def narrative_parts(parts: list[Section]) -> list[Section]:
    """The parts before the first attachment part (附件/附表)."""
    out: list[Section] = []
    for part in parts:
        if is_attachment_title(part.title):
            break
        out.append(part)
    return out


def extract_figures(doc: Document, parts: list[Section], scope: Sequence[int] | None = None) -> list[Figure]:
    """Every figure stated in the narrative parts, in document order (see the module docstring);
    with ``scope``, in those lines instead (a piece of a disclosure has no parts)."""
    if scope is None:
        scope = [n for part in narrative_parts(parts) for n in range(part.span.line, part.end_line + 1)]
    lines = [doc.lines[n - 1] for n in scope if 1 <= n <= len(doc.lines)]
    figures: list[Figure] = []
    for para in body_paragraphs(lines, doc.path):
        chain = section_at(parts, para.first_line)
        path = "/".join(s.number for s in chain) or None
        found, _ = figures_in_paragraph(para, path)
        figures.extend(found)
    return figures
