"""Parse the narrative (情况说明) into typed claims, and measure what the parse left unused.

The narrative restates the tables in sentences built from a small set of templates (domain.md §3):
a total and its parts (其中 / 主要用于 / 包括 / 分别为), a share (占比 p%, 占…的 p%), a change against
last year (与上年相比 / 比上年度 / 较上年决算 增加/减少 D, 增长/下降 g%, 与上年相同), a completion rate
(完成年初预算/全年预算的 p%), counts with their parts, and the performance summary. The parser reads
each paragraph (lines joined where the export broke them) into number tokens with the words before
them, then assembles claims by pattern. It never relies on line numbers of a particular document.

:func:`extraction_coverage` lists the narrative's numbers that no claim uses, so extraction recall
can be published separately from the precision of findings (statcheck's lesson, anchors.md).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Literal, TypedDict

from pydantic import BaseModel, ConfigDict

from juesuan.model.claims import (
    COUNT_UNITS,
    LEAD_WORDS,
    MONEY_UNITS,
    TRAILING_VERB,
    YEAR_PREFIX,
    ChangeClaim,
    Claim,
    CompletionClaim,
    CountClaim,
    IdentityClaim,
    Operand,
    PerformanceSummaryClaim,
    Role,
    ShareClaim,
    TotalClaim,
    claim_operands,
)
from juesuan.model.claims import normalize_label as norm
from juesuan.model.quantity import Interval, Quantity
from juesuan.model.spans import SourceSpan
from juesuan.parse.paragraphs import Paragraph, is_heading, paragraphs
from juesuan.read.document import Document, Line, LineKind

# --------------------------------------------------------------------------------------------
# Finding the narrative
# --------------------------------------------------------------------------------------------

_PART_RE = re.compile(r"^\s*第[一二三四五六七八九十0-9０-９]+部分")


def find_narrative(doc: Document) -> range | None:
    """The line numbers of the 情况说明 part: from its heading up to the next 第N部分 heading.

    Only prose lines count as headings (a table of contents is a tab-separated row). The part is
    recognised by its title (情况说明); failing that, by its number (第三部分).
    """
    heads = [ln for ln in doc.lines if ln.kind is LineKind.TEXT and _PART_RE.match(ln.text)]
    start = next((ln for ln in heads if "情况说明" in ln.text), None)
    if start is None:
        start = next((ln for ln in heads if ln.text.strip().startswith("第三部分")), None)
    if start is None:
        return None
    end = next((ln.number for ln in heads if ln.number > start.number), len(doc.lines) + 1)
    return range(start.number, end)


def _narrative_paragraphs(doc: Document, narrative_lines: Sequence[int] | None) -> list[Paragraph]:
    lines = narrative_lines if narrative_lines is not None else find_narrative(doc)
    if lines is None:
        return []
    selected: list[Line] = [
        doc.line(n) for n in lines if 1 <= n <= len(doc.lines)
    ]
    return paragraphs(selected, file=doc.path)


# --------------------------------------------------------------------------------------------
# Section paths
# --------------------------------------------------------------------------------------------

_LEVELS: list[tuple[int, re.Pattern[str]]] = [
    (1, re.compile(r"^\s*(第[一二三四五六七八九十0-9０-９]+部分)")),
    (2, re.compile(r"^\s*([一二三四五六七八九十]+)、")),
    (3, re.compile(r"^\s*([（(][一二三四五六七八九十]+[）)])")),
    (4, re.compile(r"^\s*(\d+)[、.．]")),
]


def _numbering(text: str) -> int | None:
    """The level of the numbering a paragraph opens with (第N部分 1, 一、 2, （一） 3, 1、 4), if any."""
    return next((level for level, pattern in _LEVELS if pattern.match(text)), None)


def _heading(text: str) -> tuple[int, str] | None:
    if not is_heading(text):
        return None
    for level, pattern in _LEVELS:
        m = pattern.match(text)
        if m:
            return level, m.group(1)
    return None


# --------------------------------------------------------------------------------------------
# Number tokens
# --------------------------------------------------------------------------------------------

_FOLD = str.maketrans({chr(0xFF10 + i): str(i) for i in range(10)} | {"．": ".", "％": "%"})
"""Full-width digits and signs folded one character for one, so offsets stay the same."""

_UNITS = ("万元", "亿元", "元", "%", "台（套）", "台(套)", "批次", "人次", "个", "辆", "台", "人",
          "次", "家", "项")
_TOKEN_RE = re.compile(
    r"(?<![\d.,])(?P<num>(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?)(?![\d])\s*"
    r"(?P<unit>" + "|".join(re.escape(u) for u in _UNITS) + r")?"
)
_DATE_AFTER = re.compile(r"\s*(?:年|月|日|号)")
_LIST_MARKER_BEFORE = re.compile(r"(?:^|[：:。；;！？\s])$")
_DELIMS = set("，。；：、,;:！？!?\n")

Kind = Literal["money", "percent", "count", "plain"]
Tail = Literal["level", "change", "rate", "share", "completion"]

_COMPARE_RE = re.compile(
    r"与上年(?:度)?相比|与\d{4}年(?:度)?相比|比上年(?:度)?(?:决算)?(?:数)?|较上年(?:度)?(?:决算)?(?:数)?|"
    r"比\d{4}年(?:度)?(?:决算)?|较\d{4}年(?:度)?(?:决算)?|同比"
)
_CHANGE_TAIL = re.compile(r"(增加|减少|增长|下降|上升|降低|减少了|增加了)$")
_RATE_TAIL = re.compile(r"(增长|下降|增幅|降幅|减少|增加|上升|降低)(?:了|率)?(?:为|是)?$")
_SHARE_TAIL = re.compile(r"占(?:(?P<whole>[^占]+?)的(?:比(?:例|重))?|比(?:例|重)?)?(?:为|是)?$")
_COMPLETION_TAIL = re.compile(r"完成(?P<basis>年初预算|全年预算|预算)(?:数)?的$")
_INCREASE = {"增加", "增长", "上升", "增幅", "增加了"}
_RELATION_RE = re.compile(
    r"决算数?(?:(?P<greater>大于|高于|超过|多于)|(?P<less>小于|低于|少于)|(?P<same>等于|与|同|和))"
    r"(?:年初|全年)?预算数?(?P<flat>持平)?|(?:与|同)(?:年初|全年)?预算数?(?P<flat2>持平)"
)
"""A sentence comparing the outturn with the budget (决算数小于预算数的主要原因…, 决算数同预算数持平)."""


@dataclass(eq=False)
class _Token:
    para: _Para
    start: int
    """Offset of the number in the paragraph text."""
    end: int
    """Offset after the unit."""
    text: str
    unit: str | None
    kind: Kind
    label_start: int
    label: str
    tail: Tail = "level"
    direction: Literal["increase", "decrease"] | None = None
    whole_label: str | None = None
    basis: str | None = None
    role: Role = "actual"
    subject: str = ""
    sentence: int = 0

    @property
    def quantity(self) -> Quantity:
        p = self.para.paragraph
        return Quantity.parse(self.text, unit=self.unit,
                              span=p.span(self.start, self.start + len(self.text)))

    def operand(self, subject: str | None = None) -> Operand:
        return Operand(
            label=self.label,
            subject=self.subject if subject is None else subject,
            role=self.role,
            quantity=self.quantity,
            quote=self.para.quote_on_line(self.label_start, self.end, self.start),
        )


@dataclass(eq=False)
class _Para:
    paragraph: Paragraph
    section: str | None
    index: int
    heading: bool = False
    tokens: list[_Token] = field(default_factory=list)
    sentences: list[tuple[int, int]] = field(default_factory=list)

    @property
    def text(self) -> str:
        return self.paragraph.text

    def quote_on_line(self, start: int, end: int, anchor: int) -> str:
        """Verbatim text from ``start`` to ``end``, starting no earlier than ``anchor``'s line."""
        line_start = max((pc.offset for pc in self.paragraph.pieces if pc.offset <= anchor),
                         default=0)
        return self.paragraph.quote(max(start, line_start), end)

    def sentence_of(self, offset: int) -> int:
        for i, (s, e) in enumerate(self.sentences):
            if s <= offset < e:
                return i
        return len(self.sentences) - 1

    def sentence_text(self, index: int) -> str:
        s, e = self.sentences[index]
        return self.text[s:e]


def _sentences(text: str) -> list[tuple[int, int]]:
    out: list[tuple[int, int]] = []
    start = 0
    for m in re.finditer(r"[。！？!?]", text):
        out.append((start, m.end()))
        start = m.end()
    if start < len(text) or not out:
        out.append((start, len(text)))
    return out


def _kind(unit: str | None) -> Kind:
    if unit in MONEY_UNITS:
        return "money"
    if unit == "%":
        return "percent"
    if unit in COUNT_UNITS:
        return "count"
    return "plain"


def _strip_role(label: str) -> tuple[Role, str]:
    role: Role = "actual"
    if "年初预算" in label:
        role = "initial_budget"
    elif "全年预算" in label or "预算数" in label:
        role = "annual_budget"
    subject = re.sub(r"年初预算(?:数)?|全年预算(?:数)?|预算数|决算(?:数)?", "", label)
    return role, subject


_BARE = {"", "支出", "收入"}


def _tokenize(para: _Para) -> None:
    text = para.text
    shadow = text.translate(_FOLD)
    para.sentences = _sentences(text)
    previous_end = 0
    for m in _TOKEN_RE.finditer(shadow):
        num, unit = m.group("num"), m.group("unit")
        start, end = m.start("num"), m.end("unit") if unit else m.end("num")
        after = shadow[m.end("num"):]
        if unit is None and _DATE_AFTER.match(after):
            continue  # a year or a date
        if shadow[max(0, start - 1):start] == "第":
            continue
        if (
            unit is None
            and "." not in num
            and re.match(r"[、.．]\D", after + " ")
            and _LIST_MARKER_BEFORE.search(shadow[:start])
        ):
            continue  # a list marker such as 1、 or 2.
        label_start = start
        while label_start > previous_end and text[label_start - 1] not in _DELIMS:
            label_start -= 1
        label = text[label_start:start].strip()
        kind = _kind(unit)
        tok = _Token(para, start, end, text[start:m.end("num")], unit, kind, label_start, label)
        tok.sentence = para.sentence_of(start)
        _classify(tok)
        para.tokens.append(tok)
        previous_end = end
    _resolve_subjects(para)


def _classify(tok: _Token) -> None:
    label = tok.label
    if tok.kind == "percent":
        if m := _COMPLETION_TAIL.search(label):
            tok.tail, tok.basis = "completion", m.group("basis")
        elif m := _SHARE_TAIL.search(label):
            tok.tail = "share"
            tok.whole_label = m.group("whole") or "占比"
        elif m := _RATE_TAIL.search(label):
            tok.tail = "rate"
            tok.direction = "increase" if m.group(1) in _INCREASE else "decrease"
        return
    if tok.kind in ("money", "count") and (m := _CHANGE_TAIL.search(label)):
        tok.tail = "change"
        tok.direction = "increase" if m.group(1) in _INCREASE else "decrease"
        body = label[: m.start()]
        compare = _COMPARE_RE.search(body)
        if compare:
            tok.basis = compare.group(0)
            body = body[: compare.start()] + body[compare.end():]
        tok.subject = norm(body)
        return
    role, subject = _strip_role(label)
    tok.role = role
    subject = YEAR_PREFIX.sub("", LEAD_WORDS.sub("", YEAR_PREFIX.sub("", subject.strip())))
    tok.subject = TRAILING_VERB.sub("", subject)


def _resolve_subjects(para: _Para) -> None:
    """Complete subjects the text leaves implicit, from the figure before in the same sentence.

    ``支出决算`` after ``卫生健康支出年初预算…`` is 卫生健康支出's outturn; ``支出总计`` after
    ``财政拨款收入总计…`` is 财政拨款支出总计.
    """
    previous: _Token | None = None
    for tok in para.tokens:
        if tok.tail != "level" or tok.kind != "money":
            continue
        if previous is not None and previous.sentence == tok.sentence:
            bare = norm(tok.subject)
            prev = previous.subject
            if bare in _BARE and prev:
                tok.subject = prev
            else:
                m = re.fullmatch(r"(收入|支出)(总计|合计)", bare)
                other = {"收入": "支出", "支出": "收入"}
                if m and prev.endswith(other[m.group(1)] + m.group(2)) and len(prev) > len(bare):
                    tok.subject = prev[: -len(bare)] + bare
        previous = tok


# --------------------------------------------------------------------------------------------
# Claim assembly
# --------------------------------------------------------------------------------------------

_CONNECTIVE_RE = re.compile(
    r"其中[：:]?|主要用于(?:以下方面)?[：:]?|主要包括[：:]?|包括[：:]?|分别为[：:]?"
)

_KNOWN_SETS: list[tuple[str, list[re.Pattern[str]]]] = [
    ("政府采购 = 货物 + 工程 + 服务",
     [re.compile("货物"), re.compile("工程"), re.compile("服务")]),
    ("四本预算（一般公共预算、政府性基金、国有资本经营、社会保险基金）",
     [re.compile("一般公共预算"), re.compile("政府性基金"), re.compile("国有资[本金]经营"),
      re.compile("社会保险基金")]),
    ("“三公”经费 = 因公出国（境）+ 公务用车购置 + 公务用车运行维护 + 公务接待",
     [re.compile("因公出国"), re.compile("公务用车购置"), re.compile("运行维护"),
      re.compile("公务接待")]),
    ("支出 = 基本支出 + 项目支出", [re.compile("基本支出"), re.compile("项目支出")]),
    ("基本支出 = 人员经费 + 公用经费", [re.compile("人员经费"), re.compile("公用经费")]),
]


def _known_set(subjects: list[str]) -> str | None:
    if len(subjects) < 2:
        return None
    for reason, patterns in _KNOWN_SETS:
        hits = [[p.search(s) is not None for p in patterns] for s in subjects]
        every_part_in_set = all(sum(h) == 1 for h in hits)
        set_covered = all(any(h[i] for h in hits) for i in range(len(patterns)))
        if every_part_in_set and set_covered:
            return reason
    return None


class _Base(TypedDict):
    quote: str
    span: SourceSpan
    section: str | None
    sentence: str


class _Parser:
    def __init__(self, paras: list[_Para]) -> None:
        self.paras = paras
        self.claims: list[tuple[int, int, Claim]] = []
        self.consumed: set[int] = set()
        self.group_of: dict[int, _Token] = {}
        """id(part token) → the total token of the list it belongs to."""
        self.shares_of: dict[int, _Token] = {}
        """id(part token) → its 占比 share token."""
        self.levels: list[_Token] = [
            t for p in paras for t in p.tokens if t.tail == "level" and t.kind != "plain"
        ]

    # -- helpers -----------------------------------------------------------------------------

    def add(self, claim: Claim, para: _Para, offset: int) -> None:
        self.claims.append((para.index, offset, claim))

    def base(self, para: _Para, start: int, end: int, anchor: int | None = None) -> _Base:
        """quote/span/section/sentence for a claim covering ``text[start:end]``."""
        anchor = start if anchor is None else anchor
        quote = para.quote_on_line(start, end, anchor)
        line_start = max(
            (pc.offset for pc in para.paragraph.pieces if pc.offset <= anchor), default=0
        )
        qstart = max(start, line_start)
        s = para.sentence_of(anchor)
        return _Base(quote=quote, span=para.paragraph.span(qstart, qstart + len(quote)),
                     section=para.section, sentence=para.sentence_text(s))

    def find_level(self, subject: str, kind: Kind, before: _Token | None,
                   scope: Iterable[_Token]) -> _Token | None:
        """The latest level figure before ``before`` whose subject matches, else any match."""
        want = norm(subject)
        if not want:
            return None
        candidates = [t for t in scope if t.kind == kind and t.tail == "level"]
        order = self._position
        if before is not None:
            b = order(before)
            earlier = [t for t in candidates if order(t) < b][::-1]
            later = [t for t in candidates if order(t) > b]
            candidates = earlier + later
        exact = next((t for t in candidates if norm(t.subject) == want), None)
        if exact is not None or len(want) < 2:
            return exact
        return next((t for t in candidates if norm(t.subject).endswith(want)), None)

    @staticmethod
    def _position(t: _Token) -> tuple[int, int]:
        return t.para.index, t.start

    # -- special templates ---------------------------------------------------------------------

    def performance(self, para: _Para) -> None:
        for i, tok in enumerate(para.tokens):
            if id(tok) in self.consumed:
                continue
            sent = para.sentence_text(tok.sentence)
            before = para.text[para.sentences[tok.sentence][0]:tok.start]
            if tok.kind == "count" and tok.label.endswith("项目") and "自评" in before:
                self._performance_claim(para, i, "self_evaluation", None)
            elif tok.kind == "money" and "资金" in tok.label and re.search(
                r"部门评价|重点评价|部门绩效评价", sent
            ):
                m = re.search(r"对(.{1,60}?项目)", sent)
                self._performance_claim(para, i, "department_evaluation",
                                        m.group(1) if m else None)

    def _performance_claim(self, para: _Para, i: int, scope: Literal[
            "self_evaluation", "department_evaluation"], project: str | None) -> None:
        toks = para.tokens
        first = toks[i]
        s = first.sentence
        in_sentence = [t for t in toks[i:] if t.sentence == s]
        project_count = first if first.kind == "count" else None
        funds = next((t for t in in_sentence if t.kind == "money" and "资金" in t.label), None)
        parts: list[_Token] = []
        if funds is not None:
            conn = _CONNECTIVE_RE.search(para.text, funds.end, para.sentences[s][1])
            if conn:
                parts = [t for t in in_sentence if t.start >= conn.start() and t.kind == "money"
                         and t.tail == "level"]
        grades: list[tuple[_Token, str, int]] = []
        if scope == "self_evaluation":
            for t in toks[i + 1:]:
                if t.kind != "count":
                    continue
                m = re.match(r"\s*个?项目(?:自评)?(?:等级|结果)?(?:为|是)[“\"‘']?([优良中差])[”\"’']?",
                             para.text[t.start + len(t.text):])
                if m:
                    grades.append((t, m.group(1), t.start + len(t.text) + m.end()))
        used = [t for t in (project_count, funds) if t is not None] + parts
        used += [g for g, _, _ in grades]
        for t in used:
            self.consumed.add(id(t))
        reason = _known_set([p.subject for p in parts])
        end = max(t.end for t in used)
        grade_ops = []
        for t, grade, grade_end in grades:
            op = t.operand(subject=f"自评等级为{grade}的项目数")
            quote = para.quote_on_line(t.label_start, grade_end, t.start)
            grade_ops.append(op.model_copy(update={"label": grade, "quote": quote}))
        claim = PerformanceSummaryClaim(
            **self.base(para, used[0].label_start, end),
            scope=scope,
            project=project,
            project_count=project_count.operand() if project_count else None,
            funds=funds.operand() if funds else None,
            fund_parts=[p.operand() for p in parts],
            fund_parts_exhaustive=reason is not None,
            exhaustive_reason=reason,
            grades=grade_ops,
        )
        self.add(claim, para, first.start)

    def reception(self, para: _Para) -> None:
        """公务接待: total = 国内 + 国（境）外 (money, 批次, 人次); 国内 其中 外事."""
        if "公务接待" not in para.text:
            return
        money = [t for t in para.tokens if t.kind == "money" and t.tail == "level"]
        total = next((t for t in money if "公务接待" in t.label), None)
        domestic = next((t for t in money if "国内" in t.label), None)
        abroad = next((t for t in money if re.search(r"国[（(]境[）)]外|境外", t.label)), None)
        foreign = next((t for t in money if "外事" in t.label), None)
        if total is None or domestic is None or abroad is None:
            return

        def counts_after(t: _Token, unit: str) -> _Token | None:
            following = [x for x in para.tokens if x.start > t.start]
            for x in following:
                if x.kind == "money" and x.tail == "level":
                    return None
                if x.unit == unit:
                    return x
            return None

        def group(head: _Token, parts: list[_Token], connective: str,
                  reason: str | None) -> None:
            self.add(TotalClaim(
                **self.base(para, head.label_start, parts[-1].end, head.start),
                total=head.operand(), parts=[p.operand() for p in parts],
                connective=connective, exhaustive=reason is not None,
                exhaustive_reason=reason), para, head.start)
            for unit in ("批次", "人次"):
                c_head = counts_after(head, unit)
                c_parts = [c for c in (counts_after(p, unit) for p in parts) if c is not None]
                if c_head is None or len(c_parts) != len(parts):
                    continue
                for c, owner in zip([c_head, *c_parts], [head, *parts], strict=True):
                    c.subject = f"{norm(owner.subject)}{unit}"
                    self.consumed.add(id(c))
                self.add(CountClaim(
                    **self.base(para, c_head.label_start, c_parts[-1].end, c_head.start),
                    total=c_head.operand(), parts=[p.operand() for p in c_parts],
                    connective=connective, exhaustive=reason is not None,
                    exhaustive_reason=reason), para, c_head.start)
            for t in (head, *parts):
                self.consumed.add(id(t))

        group(total, [domestic, abroad], "国内/国（境）外", "公务接待 = 国内 + 国（境）外")
        if foreign is not None and foreign.start > domestic.start:
            group(domestic, [foreign], "其中", None)

    # -- generic templates ---------------------------------------------------------------------

    def lists(self, para: _Para, following: list[_Para]) -> None:
        text = para.text
        for conn in _CONNECTIVE_RE.finditer(text):
            s = para.sentence_of(conn.start())
            s_end = para.sentences[s][1]
            nxt = _CONNECTIVE_RE.search(text, conn.end(), s_end)
            stop = nxt.start() if nxt else s_end
            in_sentence = [t for t in para.tokens if conn.end() <= t.start < stop
                           and t.tail == "level" and t.kind in ("money", "count")]
            totals = [t for t in para.tokens if t.sentence == s and t.start < conn.start()
                      and t.tail == "level" and t.kind in ("money", "count")]
            if not totals and s > 0:
                totals = [t for t in para.tokens if t.sentence == s - 1
                          and t.tail == "level" and t.kind in ("money", "count")]
            if not totals:
                continue
            rest = text[conn.end():].strip("：: ")
            multi = not rest and conn.group(0).endswith(("：", ":")) and not in_sentence
            # one total per (kind, role): the last stated
            heads: dict[tuple[str, str], _Token] = {}
            for t in totals:
                heads[(t.kind, t.role)] = t
            for (kind, role), head in heads.items():
                if id(head) in self.consumed:
                    continue
                single = sum(1 for k in heads if k[0] == kind) == 1
                if multi:
                    parts = []
                    semicolons = False
                    own = _numbering(para.text)
                    for p in following:
                        if p.heading or (own is not None and _numbering(p.text) == own):
                            break  # a heading, or the next item numbered like the list's own
                        cand = [t for t in p.tokens if t.tail == "level" and t.kind == kind
                                and (single or t.role == role) and id(t) not in self.consumed]
                        if cand:
                            parts.append(cand[0])
                        # items separated by ；end at the first 。(items that are whole
                        # sentences run to the next heading)
                        semicolons = semicolons or p.text.endswith(("；", ";"))
                        if semicolons and p.text.endswith("。"):
                            break
                else:
                    parts = [t for t in in_sentence if t.kind == kind
                             and (single or t.role == role) and id(t) not in self.consumed]
                if not parts:
                    continue
                self._list_claim(para, head, parts, conn.group(0).rstrip("：:"))

    def _list_claim(self, para: _Para, head: _Token, parts: list[_Token], connective: str
                    ) -> None:
        for p in parts:
            self.group_of[id(p)] = head
            self.consumed.add(id(p))
        shares = []
        for p in parts:
            share = next((t for t in p.para.tokens if t.tail == "share" and t.start > p.start
                          and t.sentence == p.sentence and t.whole_label == "占比"
                          and not any(x.start > p.start and x.start < t.start
                                      and x.tail == "level" for x in p.para.tokens)), None)
            if share is not None:
                self.shares_of[id(p)] = share
                shares.append(share)
        reason: str | None = None
        if len(shares) == len(parts) and len(parts) >= 2:
            total_share = Interval(lo=Decimal(0), hi=Decimal(0))
            for sh in shares:
                total_share = total_share + sh.quantity.interval()
            if total_share.contains(Decimal(100)):
                reason = "各部分占比之和为100%"
        if reason is None and len(parts) >= 2 and any(
            norm(p.subject).startswith("其他") for p in parts
        ):
            reason = "列出了“其他”项（余项），各部分应合计为总数"
        if reason is None:
            reason = _known_set([p.subject for p in parts])
        cls = CountClaim if head.kind == "count" else TotalClaim
        last = parts[-1]
        end = last.end if last.para is para else head.end
        self.add(cls(
            **self.base(para, head.label_start, end, head.start),
            total=head.operand(), parts=[p.operand() for p in parts], connective=connective,
            exhaustive=reason is not None, exhaustive_reason=reason), para, head.start)

    def shares(self, para: _Para) -> None:
        for tok in para.tokens:
            if tok.tail != "share":
                continue
            part = next((t for t in reversed(para.tokens) if t.start < tok.start
                         and t.sentence == tok.sentence and t.tail == "level"
                         and t.kind in ("money", "count")), None)
            if part is None:
                continue
            whole: _Token | None
            if tok.whole_label == "占比":
                whole = self.group_of.get(id(part))
            else:
                whole = self.find_level(tok.whole_label or "", part.kind, tok, self.levels)
            if whole is None or whole is part:
                continue
            self.add(ShareClaim(
                **self.base(para, part.label_start, tok.end, part.start),
                part=part.operand(), whole=whole.operand(), share=tok.quantity,
                whole_label=tok.whole_label or "占比"), para, tok.start)

    def changes(self, para: _Para) -> None:
        toks = para.tokens
        paired: set[int] = set()
        for i, tok in enumerate(toks):
            if tok.tail not in ("change", "rate") or id(tok) in paired:
                continue
            change = tok if tok.tail == "change" else None
            rate = tok if tok.tail == "rate" else None
            if change is not None and i + 1 < len(toks):
                nxt = toks[i + 1]
                if nxt.tail == "rate" and nxt.sentence == tok.sentence:
                    rate = nxt
                    paired.add(id(nxt))
            anchor = change or tok
            current = self._current(para, anchor)
            basis = anchor.basis or self._basis(para, anchor) or ""
            last = rate or anchor
            self.add(ChangeClaim(
                **self.base(para, anchor.label_start, last.end, anchor.start),
                current=current.operand() if current else None,
                basis=basis,
                direction=change.direction if change else None,
                change=change.quantity if change else None,
                rate_direction=rate.direction if rate else None,
                rate=rate.quantity if rate else None), para, anchor.start)
        for m in re.finditer(r"与上年(?:度)?(?:相同|持平)|与\d{4}年(?:度)?(?:相同|持平)",
                             para.text):
            s = para.sentence_of(m.start())
            current_tok = next((t for t in reversed(para.tokens) if t.start < m.start()
                                and t.sentence == s and t.tail == "level"
                                and t.kind in ("money", "count")), None)
            if current_tok is None:
                continue
            self.add(ChangeClaim(
                **self.base(para, current_tok.label_start, m.end(), current_tok.start),
                current=current_tok.operand(), basis=m.group(0), direction="unchanged"),
                para, m.start())

    def _basis(self, para: _Para, tok: _Token) -> str | None:
        s_start = para.sentences[tok.sentence][0]
        found = list(_COMPARE_RE.finditer(para.text, s_start, tok.start))
        return found[-1].group(0) if found else None

    def _current(self, para: _Para, tok: _Token) -> _Token | None:
        kind: Kind = "count" if tok.kind == "count" else "money"
        subject = tok.subject if tok.tail == "change" else ""
        if tok.tail == "rate":
            body = tok.label[: len(tok.label) - len(_RATE_TAIL.search(tok.label).group(0))]  # type: ignore[union-attr]
            compare = _COMPARE_RE.search(body)
            if compare:
                body = body[: compare.start()] + body[compare.end():]
            subject = norm(body)
            kind = "money"
        if subject and subject not in _BARE:
            found = self.find_level(subject, kind, tok, [t for t in para.tokens
                                                         if t.start < tok.start])
            if found is not None:
                return found
        earlier = [t for t in para.tokens if t.start < tok.start and t.tail == "level"
                   and t.kind == kind and t.role == "actual"]
        same = [t for t in earlier if t.sentence == tok.sentence]
        pick = same or earlier
        return pick[-1] if pick else None

    def completions(self, para: _Para) -> None:
        for tok in para.tokens:
            if tok.tail != "completion":
                continue
            before = [t for t in para.tokens if t.start < tok.start and t.sentence == tok.sentence
                      and t.tail == "level" and t.kind == "money"]
            actual = next((t for t in reversed(before) if t.role == "actual"), None)
            want = {"年初预算": ("initial_budget",), "全年预算": ("annual_budget",)}.get(
                tok.basis or "", ("initial_budget", "annual_budget"))
            budget = next((t for t in reversed(before) if t.role in want), None)
            first = budget if budget and (actual is None or budget.start < actual.start) else actual
            start_tok = first or tok
            relation, relation_quote = self._relation(para, tok)
            self.add(CompletionClaim(
                **self.base(para, start_tok.label_start, tok.end, start_tok.start),
                actual=actual.operand() if actual else None,
                budget=budget.operand() if budget else None,
                basis=tok.basis or "预算", rate=tok.quantity, relation=relation,
                relation_quote=relation_quote), para, tok.start)

    @staticmethod
    def _relation(para: _Para, tok: _Token) -> tuple[Literal["greater", "less", "equal"] | None, str | None]:
        """The outturn-against-budget statement in the rate's sentence or the next one, before any
        further money figure (which would start another item)."""
        start = para.sentences[tok.sentence][0]
        stop = para.sentences[min(tok.sentence + 1, len(para.sentences) - 1)][1]
        nxt = next((t.start for t in para.tokens if t.start > tok.end and t.kind == "money"), None)
        if nxt is not None:
            stop = min(stop, nxt)
        for m in _RELATION_RE.finditer(para.text, max(start, tok.end), stop):
            if m.group("greater"):
                return "greater", para.paragraph.quote(m.start(), m.end())
            if m.group("less"):
                return "less", para.paragraph.quote(m.start(), m.end())
            if m.group("same") == "等于" or m.group("flat") or m.group("flat2"):
                return "equal", para.paragraph.quote(m.start(), m.end())
            # 决算数与预算数存在差异…: names both without comparing them
        return None, None

    def identities(self, para: _Para) -> None:
        money = [t for t in para.tokens if t.tail == "level" and t.kind == "money"]
        for a in money:
            if not a.subject.endswith("收入总计"):
                continue
            prefix = norm(a.subject)[: -len("收入总计")]
            b = next((t for t in money if t.sentence == a.sentence and t is not a
                      and norm(t.subject) == prefix + "支出总计"), None)
            if b is None:
                continue
            self.add(IdentityClaim(
                **self.base(para, a.label_start, b.end, a.start),
                left=a.operand(), right=b.operand()), para, a.start)

    # -- driver --------------------------------------------------------------------------------

    def run(self) -> list[Claim]:
        for p in self.paras:
            if p.heading:
                continue
            self.performance(p)
            self.reception(p)
        for i, p in enumerate(self.paras):
            if p.heading:
                continue
            self.identities(p)
            self.lists(p, self.paras[i + 1:])
        for p in self.paras:
            if p.heading:
                continue
            self.shares(p)
            self.changes(p)
            self.completions(p)
        self.claims.sort(key=lambda c: (c[0], c[1]))
        return _mark_parallel_lists([c for _, _, c in self.claims])


def _mark_parallel_lists(claims: list[Claim]) -> list[Claim]:
    """A list with the same parts as an exhaustive list elsewhere is exhaustive too.

    (三)'s per-类 年初预算 and 决算 list the same 类 as (二), whose shares add to 100%.
    """
    exhaustive: list[tuple[frozenset[str], str]] = [
        (frozenset(norm(p.subject) for p in c.parts), c.section or "")
        for c in claims if isinstance(c, TotalClaim) and c.exhaustive and len(c.parts) >= 2
    ]
    out: list[Claim] = []
    for c in claims:
        if isinstance(c, TotalClaim) and not c.exhaustive and len(c.parts) >= 2:
            subjects = frozenset(norm(p.subject) for p in c.parts)
            twin = next((sec for s, sec in exhaustive if s == subjects), None)
            if twin is not None:
                c = c.model_copy(update={
                    "exhaustive": True,
                    "exhaustive_reason": f"与{twin}中合计为总数的分项相同",
                })
        out.append(c)
    return out


def _prepare(doc: Document, narrative_lines: Sequence[int] | None) -> list[_Para]:
    out: list[_Para] = []
    path: dict[int, str] = {}
    for i, paragraph in enumerate(_narrative_paragraphs(doc, narrative_lines)):
        head = _heading(paragraph.text)
        if head is not None:
            level, number = head
            path = {k: v for k, v in path.items() if k < level}
            path[level] = number
        section = "/".join(path[k] for k in sorted(path)) or None
        para = _Para(paragraph, section, i, heading=head is not None)
        if head is None:
            _tokenize(para)
        out.append(para)
    return out


def parse_claims(doc: Document, narrative_lines: Sequence[int] | None = None) -> list[Claim]:
    """The narrative's claims in document order.

    ``narrative_lines`` are the 1-based line numbers of the 情况说明 part; when ``None`` the part is
    found by its heading (:func:`find_narrative`). A document without a narrative has no claims.
    """
    return _Parser(_prepare(doc, narrative_lines)).run()


# --------------------------------------------------------------------------------------------
# Extraction coverage
# --------------------------------------------------------------------------------------------


class Coverage(BaseModel):
    """How many of the narrative's stated numbers the claims use (extraction recall)."""

    model_config = ConfigDict(frozen=True)

    numbers: int
    used: int
    unused: list[Quantity]

    @property
    def recall(self) -> Decimal:
        return Decimal(self.used) / Decimal(self.numbers) if self.numbers else Decimal(1)


def narrative_numbers(doc: Document, narrative_lines: Sequence[int] | None = None) -> list[Quantity]:
    """Every stated number in the narrative's prose (years, dates and list markers excluded)."""
    return [t.quantity for p in _prepare(doc, narrative_lines) for t in p.tokens]


def unused_numbers(doc: Document, claims: list[Claim], narrative_lines: Sequence[int] | None = None
                   ) -> list[Quantity]:
    """The narrative's numbers that no claim uses (to publish extraction recall)."""
    used = {(q.span.line, q.span.column) for q in claim_operands(claims) if q.span}
    return [q for q in narrative_numbers(doc, narrative_lines)
            if q.span is None or (q.span.line, q.span.column) not in used]


def extraction_coverage(doc: Document, claims: list[Claim] | None = None,
                        narrative_lines: Sequence[int] | None = None) -> Coverage:
    """Numbers in the narrative, how many the claims use, and the unused ones."""
    if claims is None:
        claims = parse_claims(doc, narrative_lines)
    numbers = narrative_numbers(doc, narrative_lines)
    unused = unused_numbers(doc, claims, narrative_lines)
    return Coverage(numbers=len(numbers), used=len(numbers) - len(unused), unused=unused)
