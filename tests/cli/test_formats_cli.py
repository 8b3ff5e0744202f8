"""The command line on published formats: same findings from DOCX/HTML/PDF as from text, PDF
passwords, scanned-page warnings on stderr, and one-line refusals (exit 2) for bad files."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from read.conftest import EXAMPLE, convert, make_pdf, text_op, write_docx, write_html

from .test_cli import assert_one_line_error, run


def _findings(path: Path, *extra: str) -> list[tuple[str, str]]:
    result = run("audit", path, "--format", "json", *extra)
    assert result.returncode == 1, result.stderr
    return sorted((f["code"], f["quote"]) for f in json.loads(result.stdout)["findings"])


@pytest.fixture(scope="module")
def example_docx_cli(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return write_docx(EXAMPLE.read_text(encoding="utf-8"), tmp_path_factory.mktemp("cli") / "sample.docx")


def test_docx_and_html_audit_like_text(example_docx_cli: Path, tmp_path: Path) -> None:
    html = write_html(EXAMPLE.read_text(encoding="utf-8"), tmp_path / "sample.html")
    expected = _findings(EXAMPLE)
    assert _findings(example_docx_cli) == expected
    assert _findings(html) == expected


def test_encrypted_pdf_is_one_line_and_exit_2(tmp_path: Path) -> None:
    path = tmp_path / "locked.pdf"
    path.write_bytes(make_pdf([text_op(72, 700, "x")], encrypted=True))
    result = run("extract", path)
    assert_one_line_error(result)
    assert "R006" in result.stderr and "--password" in result.stderr
    assert_one_line_error(run("audit", path, "--password", "nope"))


def test_pdf_with_password_and_a_scanned_page(example_docx_cli: Path, tmp_path: Path) -> None:
    import pypdfium2 as pdfium

    pdf_path = convert(example_docx_cli, "pdf", tmp_path)
    scan = tmp_path / "scan.pdf"
    scan.write_bytes(make_pdf(["q 500 0 0 700 50 70 cm /Im1 Do Q"]))
    merged = pdfium.PdfDocument(pdf_path)
    merged.import_pages(pdfium.PdfDocument(scan))
    with_scan = tmp_path / "with-scan.pdf"
    merged.save(with_scan)
    pages = len(merged)
    result = run("audit", with_scan, "--format", "json")
    assert result.returncode == 1, result.stderr
    assert f"page {pages} has no text layer" in result.stderr and "警告" in result.stderr
    assert sorted((f["code"], f["quote"]) for f in json.loads(result.stdout)["findings"]) == _findings(EXAMPLE)
    options = ('pdf:writer_pdf_Export:{"EncryptFile":{"type":"boolean","value":"true"},'
               '"DocumentOpenPassword":{"type":"string","value":"pw"}}')
    locked_dir = tmp_path / "locked"
    locked_dir.mkdir()
    locked = convert(example_docx_cli, options, locked_dir)
    assert_one_line_error(run("audit", locked))
    assert _findings(locked, "--password", "pw") == _findings(EXAMPLE)


@pytest.mark.parametrize(("name", "data", "code"), [
    ("cut.pdf", b"%PDF-1.7\n1 0 obj <<", "R007"),
    ("bundle.docx", b"PK\x05\x06" + bytes(18), "R011"),
    ("old.doc", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(100), "R005"),
])
def test_bad_files_exit_2_in_one_line(tmp_path: Path, name: str, data: bytes, code: str) -> None:
    path = tmp_path / name
    path.write_bytes(data)
    result = run("audit", path)
    assert_one_line_error(result)
    assert code in result.stderr
