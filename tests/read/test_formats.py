"""Every reader returns the same Document shape, and the same disclosure audits the same in every
format: text export, DOCX (python-docx), HTML, PDF printed by LibreOffice, XLSX and XLS tables."""

from __future__ import annotations

from pathlib import Path

import pytest

from juesuan.audit import AuditConfig, run_audit
from juesuan.parse import parse_document
from juesuan.read import read_document
from juesuan.read.document import WATERMARK, Document, LineKind, split_cells

from .conftest import EXAMPLE, convert

FORMATS = ["docx", "html", "pdf", "pdf_split"]


def findings(doc: Document) -> list[tuple[str, str]]:
    return sorted((f.code, f.quote) for f in run_audit(parse_document(doc), AuditConfig()))


def check_shape(doc: Document) -> None:
    """Line numbers are 1-based positions; rows' cells come from split_cells of the row's text."""
    for index, line in enumerate(doc.lines, start=1):
        assert line.number == index
        if line.kind is LineKind.ROW:
            assert line.cells == split_cells(line.text)
        else:
            assert "\t" not in line.text and "\n" not in line.text


@pytest.fixture(scope="session")
def text_findings() -> list[tuple[str, str]]:
    return findings(read_document(EXAMPLE))


@pytest.mark.parametrize("fmt", FORMATS)
def test_same_findings_in_every_format(fmt: str, request: pytest.FixtureRequest,
                                       text_findings: list[tuple[str, str]]) -> None:
    path: Path = request.getfixturevalue(f"example_{fmt}")
    doc = read_document(path)
    check_shape(doc)
    # The three planted errors, and C105: the made-up sample prints only part of 公开01表.
    assert sorted(code for code, _ in text_findings) == ["C105", "F107", "N101", "N103"]
    assert findings(doc) == text_findings
    for finding in run_audit(parse_document(doc), AuditConfig()):
        assert finding.line is not None
        assert finding.quoted_on(doc.line(finding.line).text)  # quoted verbatim from its line
        assert finding.page == (doc.line(finding.line).page)


def test_docx_merged_cells_and_paragraphs(example_docx: Path) -> None:
    doc = read_document(example_docx)
    assert doc.encoding == "docx" and all(ln.page is None for ln in doc.lines)
    texts = [ln.text for ln in doc.lines]
    assert "第三部分 情况说明" in texts
    # "项目名称" spans two grid columns: its text, then an empty cell, as in the text export
    row = next(ln for ln in doc.lines if ln.text.startswith("项目名称"))
    assert [c.text for c in row.cells][:3] == ["项目名称", "", "耕地保护监测"]


def test_docx_vertical_merge(tmp_path: Path) -> None:
    import docx

    document = docx.Document()
    table = document.add_table(rows=3, cols=3)
    table.cell(0, 0).merge(table.cell(1, 0)).text = "绩效指标"
    table.cell(0, 1).text, table.cell(0, 2).text = "一级指标", "分值"
    table.cell(1, 1).text, table.cell(1, 2).text = "产出指标", "20"
    table.cell(2, 0).merge(table.cell(2, 2)).text = "总分 100"
    document.add_paragraph("备注：无")
    document.save(str(tmp_path / "v.docx"))
    doc = read_document(tmp_path / "v.docx")
    assert [ln.text for ln in doc.lines] == ["绩效指标\t一级指标\t分值", "\t产出指标\t20", "总分 100",
                                             "备注：无"]


def test_html_as_government_sites_publish(example_html: Path, tmp_path: Path) -> None:
    doc = read_document(example_html)
    texts = [ln.text for ln in doc.lines]
    assert not any("不是正文" in t or "首页" in t or "版权所有" in t for t in texts)
    assert "第三部分 情况说明" in texts
    page = tmp_path / "gbk.htm"
    page.write_bytes(
        '<html><head><meta http-equiv="Content-Type" content="text/html; charset=gb2312"></head><body>'
        '<p>收入合计<b>2,500.00</b>万元。<br>第二行</p><table><tr><td rowspan="2">项目</td><td>金额</td>'
        '</tr><tr><td>1.00</td></tr><tr><td colspan="2">合计 1.00</td></tr></table></body></html>'
        .encode("gb18030"))
    doc = read_document(page)
    assert [ln.text for ln in doc.lines] == ["收入合计2,500.00万元。", "第二行", "项目\t金额", "\t1.00",
                                             "合计 1.00"]


def test_pdf_from_libreoffice(example_pdf: Path, example_docx: Path) -> None:
    doc = read_document(example_pdf)
    assert doc.encoding == "pdf" and not doc.warnings
    assert all(ln.page is not None and ln.page >= 1 for ln in doc.lines)
    assert max(ln.page or 0 for ln in doc.lines) >= 3
    texts = [ln.text for ln in doc.lines]
    # the light header watermark and the "第 N 页" footer are gone
    assert not any(WATERMARK in t for t in texts)
    assert not any(t.startswith("第 ") and t.endswith(" 页") for t in texts)
    # wrapped prose is one line again, and so is every paragraph the DOCX holds
    docx_texts = {ln.text for ln in read_document(example_docx).lines if ln.kind is LineKind.TEXT}
    assert {t for t, ln in zip(texts, doc.lines, strict=True) if ln.kind is LineKind.TEXT} == docx_texts


def test_pdf_watermarks_headers_tables_and_scans(crafted_pdf: bytes, tmp_path: Path) -> None:
    path = tmp_path / "crafted.pdf"
    path.write_bytes(crafted_pdf)
    doc = read_document(path)
    assert [(ln.page, ln.kind.value, ln.text) for ln in doc.lines] == [
        (1, "text", "Income total 2,560.00 and expenditure total 2,560.00, an increase of 160.00 over "
                    "last year."),
        (1, "text", "Table 1 income"),
        (1, "row", "Item\tAmount\tNote"),
        (1, "row", "Fiscal grant\t2,310.55\tok"),
        (1, "row", "Other\t189.45\trent and interest"),  # a wrapped cell, joined
        (2, "row", "Total\t2,500.00"),                    # continued table: repeated header dropped
        (2, "text", "End of part two."),
    ]
    assert len(doc.warnings) == 1 and "page 3" in doc.warnings[0] and "第 3 页" in doc.warnings[0]


def test_a_txt_that_is_really_a_pdf_is_read_as_pdf(crafted_pdf: bytes, tmp_path: Path) -> None:
    path = tmp_path / "export.txt"
    path.write_bytes(crafted_pdf)
    assert read_document(path).encoding == "pdf"


def _public_table(path: Path) -> Path:
    from openpyxl import Workbook

    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.title = "公开01表"
    sheet.append(["收入支出决算表"])
    sheet.merge_cells("A1:C1")
    sheet.append(["项目", "行次", "金额"])
    sheet.append(["一、一般公共预算财政拨款收入", 1, 2310.55])
    sheet.append(["六、其他收入", 6, 189.45])
    sheet.append(["本年收入合计", 7, 2500])
    sheet.append(["财政拨款占比", None, 0.9242])
    for row in range(3, 6):
        sheet.cell(row, 3).number_format = "#,##0.00"
    sheet.cell(6, 3).number_format = "0.00%"
    book.save(path)
    return path


EXPECTED_TABLE = ["收入支出决算表", "项目\t行次\t金额", "一、一般公共预算财政拨款收入\t1\t2,310.55",
                  "六、其他收入\t6\t189.45", "本年收入合计\t7\t2,500.00", "财政拨款占比\t\t92.42%"]


def test_xlsx_public_table_reads_as_printed(tmp_path: Path) -> None:
    doc = read_document(_public_table(tmp_path / "t.xlsx"))
    check_shape(doc)
    assert [ln.text for ln in doc.lines] == EXPECTED_TABLE
    assert doc.line(3).values() == ["一、一般公共预算财政拨款收入", "1", "2,310.55"]


def test_xls_public_table(tmp_path: Path) -> None:
    xls = convert(_public_table(tmp_path / "t.xlsx"), "xls", tmp_path)
    doc = read_document(xls)
    assert doc.encoding == "xls"
    assert [ln.text for ln in doc.lines] == EXPECTED_TABLE


def test_reference_audits_the_same_as_docx_and_pdf(reference_path: Path, tmp_path_factory: pytest.TempPathFactory,
                                                   reference_document: Document) -> None:
    """The real reference (64 forms, ~200 pages once printed): same findings from all three."""
    from .conftest import write_docx

    out = tmp_path_factory.mktemp("reference")
    docx_path = write_docx(reference_path.read_text(encoding="utf-8"), out / "reference.docx")
    expected = findings(reference_document)
    assert len(expected) > 20
    assert findings(read_document(docx_path)) == expected
    pdf_doc = read_document(convert(docx_path, "pdf", out))
    check_shape(pdf_doc)
    assert len(parse_document(pdf_doc).evaluations) == 64
    assert findings(pdf_doc) == expected
