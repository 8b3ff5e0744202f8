"""The nine public tables and their audit on real published disclosures (Shanghai Putuo 2024 决算,
../shared/corpus/real): every table read with its numbers or recognised as empty, and every table
finding one a reviewer confirms by hand against the PDF.

The expected findings were checked on the rendered pages:
- 财政局: 公开01表 prints 八、社会保障和就业支出 326.71, 公开03表 326.72 (T105); the narrative's
  财政拨款收入支出总计 is 0.3万元 where 公开04表's 总计 is 2,961.68 (X104).
- 规划和自然资源局: 公开01表 prints 卫生健康支出 236.63 and 城乡社区支出 3845.25, 公开03表 236.64 and
  3845.24 (T105 twice); the narrative's 卫生健康支出（类）236.63 against 公开05表's 236.64, and its
  一般公共预算财政拨款基本支出 5377.64 and 人员经费 4896.98 — 公开03表's all-funds figures — against
  公开05表's 5364.75 and 公开06表's 4884.09 (X104 three times).
- 社会工作部: none (its 人员经费 95.36 + 公用经费 10.23 = 105.59 against 基本支出 105.58 is rounding).
"""

from __future__ import annotations

from pathlib import Path

import pytest

from juesuan.audit import AuditConfig, run_audit
from juesuan.model.disclosure import Disclosure
from juesuan.model.stated_tables import StatedTable
from juesuan.parse import parse_document
from juesuan.read import read_document

REAL = Path(__file__).resolve().parents[2].parent / "shared" / "corpus" / "real"

EXPECTED = {
    # file: (总计 of 公开01表, 基本支出 of 公开05表's 合计, tables printed empty, (code, stated) of findings)
    "shanghai-putuo-caizhengju-2024-final-accounts.pdf":
        ("2,995.39", "2,336.91", {8, 9}, {("T105", "326.72"), ("X104", "0.3")}),
    "shanghai-putuo-guihuaziyuanju-2024-final-accounts.pdf":
        ("9859.38", "5364.75", {8, 9}, {("T105", "236.64"), ("T105", "3845.24"), ("X104", "236.63"),
                                        ("X104", "5377.64"), ("X104", "4896.98")}),
    "shanghai-putuo-shehuigongzuobu-2024-final-accounts.pdf":
        ("307.82", "105.58", {7, 8, 9}, set()),
}


@pytest.fixture(scope="module", params=sorted(EXPECTED))
def putuo(request: pytest.FixtureRequest) -> tuple[str, Disclosure]:
    path = REAL / request.param
    if not path.is_file():
        pytest.skip(f"real corpus file not found at {path} (../shared/corpus/real is absent)")
    return request.param, parse_document(read_document(path))


def _table(d: Disclosure, standard: int) -> StatedTable:
    [table] = [t for t in d.tables if t.standard == standard]
    return table


def test_all_nine_tables_are_read_or_said_empty(putuo: tuple[str, Disclosure]) -> None:
    name, d = putuo
    total, basic, empty, _ = EXPECTED[name]
    assert sorted(t.standard for t in d.tables if t.standard is not None) == list(range(1, 10))
    for t in d.tables:
        assert t.standard is not None
        if t.standard in empty:
            assert t.empty_note is not None and "本表无数据" in t.empty_note and t.rows == []
        else:
            assert t.empty_note is None and any(not r.blank for r in t.rows), t.label
    t01 = _table(d, 1)
    assert [r.values[0][1].text for r in t01.rows if r.key == "总计" and r.values[0][1]] == [total, total]
    t05 = _table(d, 5)
    row = t05.total_row()
    assert row is not None and (q := row.value("基本支出")) is not None and q.text == basic
    for standard in (2, 3, 5):  # every 类/款/项 row has its 7-, 5- or 3-digit code
        assert all(r.code is not None for r in _table(d, standard).rows if r.key not in ("合计",)), standard


def test_three_public_table(putuo: tuple[str, Disclosure]) -> None:
    name, d = putuo
    t07 = _table(d, 7)
    if 7 in EXPECTED[name][2]:
        return
    [row] = t07.rows
    printed = {label: q.text for label, q in row.values if q is not None}
    if "caizhengju" in name:
        assert printed == {"合计/预算数": "0.95", "公务接待费/预算数": "0.95"}
    else:
        assert printed["合计/预算数"] == "2.85" and printed["公务接待费/决算数"] == "0.39"


def test_table_findings_are_the_true_ones(putuo: tuple[str, Disclosure]) -> None:
    name, d = putuo
    findings = run_audit(d, AuditConfig(select=["T", "X104", "X105", "C105"]))
    assert {(f.code, f.stated) for f in findings} == EXPECTED[name][3]
