"""Bad and hostile input: each a specific InputError, within seconds and bounded memory.
Hypothesis fuzzes every reader: whatever the bytes, a Document or an InputError, nothing else."""

from __future__ import annotations

import io
import time
import zipfile
from collections.abc import Iterator
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from juesuan.read import InputError, limits, read_document
from juesuan.read.document import Document

from .conftest import make_pdf, text_op, write_docx, write_html


def refused(path: Path, password: str | None = None) -> InputError:
    start = time.perf_counter()
    with pytest.raises(InputError) as info:
        read_document(path, password=password)
    assert time.perf_counter() - start < 5, "a refusal must come within seconds"
    error = info.value
    assert error.message_zh and error.message_en and "\n" not in error.one_line()
    return error


def test_encrypted_pdf_asks_for_a_password(tmp_path: Path) -> None:
    path = tmp_path / "locked.pdf"
    path.write_bytes(make_pdf([text_op(72, 700, "secret")], encrypted=True))
    error = refused(path)
    assert error.code == "R006" and "--password" in error.message_en
    assert refused(path, password="wrong").code == "R006"


def test_encrypted_pdf_opens_with_its_password(tmp_path: Path, example_docx: Path) -> None:
    from .conftest import convert

    options = ('pdf:writer_pdf_Export:{"EncryptFile":{"type":"boolean","value":"true"},'
               '"DocumentOpenPassword":{"type":"string","value":"s3cret"}}')
    locked = convert(example_docx, options, tmp_path)
    assert refused(locked).code == "R006"
    assert len(read_document(locked, password="s3cret").lines) > 50


@pytest.mark.parametrize("cut", [20, 200, 0.5])
def test_truncated_pdf(tmp_path: Path, cut: float) -> None:
    data = make_pdf([text_op(72, 700, "Income 1.00")])
    path = tmp_path / "cut.pdf"
    path.write_bytes(data[: int(cut if cut >= 1 else len(data) * cut)])
    try:
        doc = read_document(path)  # PDFium may rebuild a cut cross-reference table: then it reads
    except InputError as error:
        assert error.code in ("R007", "R009")
    else:
        assert isinstance(doc, Document)
    path.write_bytes(data[:20])
    assert refused(path).code == "R007"


def test_scanned_pdf_without_any_text(tmp_path: Path) -> None:
    path = tmp_path / "scan.pdf"
    path.write_bytes(make_pdf(["q 500 0 0 700 50 70 cm /Im1 Do Q"] * 2))
    assert refused(path).code == "R009"


def test_page_and_size_limits(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "three.pdf"
    path.write_bytes(make_pdf([text_op(72, 700, f"page {n}") for n in range(3)]))
    monkeypatch.setattr(limits, "MAX_PAGES", 2)
    from juesuan.read import pdf

    monkeypatch.setattr(pdf, "MAX_PAGES", 2)
    assert refused(path).code == "R008"
    monkeypatch.setitem(limits.MAX_BYTES, "pdf", 100)
    assert refused(path).code == "R004"


def _zip(members: dict[str, bytes]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in members.items():
            archive.writestr(name, data)
    return buffer.getvalue()


def test_docx_bomb_by_ratio(tmp_path: Path) -> None:
    path = tmp_path / "bomb.docx"
    path.write_bytes(_zip({"[Content_Types].xml": b"<Types/>",
                           "word/document.xml": b"<w:document>" + b" " * (64 * 1024 * 1024)}))
    assert path.stat().st_size < 200_000
    error = refused(path)
    assert error.code == "R010" and "ratio" in error.message_en


def test_xlsx_bomb_by_member_count(tmp_path: Path) -> None:
    path = tmp_path / "many.xlsx"
    members = {"xl/workbook.xml": b"<workbook/>"} | {f"xl/m{n}.xml": b"x" for n in range(2100)}
    path.write_bytes(_zip(members))
    error = refused(path)
    assert error.code == "R010" and "members" in error.message_en


def test_bomb_by_total_size(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(limits, "MAX_UNZIPPED", 1024)
    path = tmp_path / "big.docx"
    path.write_bytes(_zip({"word/document.xml": bytes(range(256)) * 8}))
    assert refused(path).code == "R010"


def test_corrupt_office_files(tmp_path: Path) -> None:
    docx = tmp_path / "bad.docx"
    docx.write_bytes(_zip({"[Content_Types].xml": b"<Types/>", "word/document.xml": b"<<not xml"}))
    assert refused(docx).code == "R007"
    xlsx = tmp_path / "bad.xlsx"
    xlsx.write_bytes(_zip({"xl/workbook.xml": b"<<not xml"}))
    assert refused(xlsx).code == "R007"
    truncated = tmp_path / "cut.docx"
    truncated.write_bytes(_zip({"word/document.xml": b"<w:document/>" * 100})[:60])
    assert refused(truncated).code == "R007"
    xls = tmp_path / "bad.xls"
    xls.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(600))
    assert refused(xls).code == "R007"


def test_zip_that_is_neither_docx_nor_xlsx(tmp_path: Path) -> None:
    path = tmp_path / "bundle.docx"
    path.write_bytes(_zip({"readme.txt": b"hello"}))
    assert refused(path).code == "R011"


def test_legacy_formats_are_named(tmp_path: Path) -> None:
    doc = tmp_path / "old.doc"
    doc.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(600))
    assert refused(doc).code == "R005"
    assert refused(tmp_path / "missing.pdf").code == "R000"


# --- fuzzing: mutate valid files of every format ----------------------------------------------

def _seeds(tmp: Path) -> Iterator[tuple[str, bytes]]:
    yield "pdf", make_pdf([text_op(72, 700, "Income 1.00") + "\n0 G 72 600 m 300 600 l S"])
    text = "第三部分 情况说明\n收入合计100.00万元。\n项目\t金额\n收入\t100.00\n"
    yield "docx", write_docx(text, tmp / "seed.docx", watermark=False).read_bytes()
    yield "html", write_html(text, tmp / "seed.html").read_bytes()
    from openpyxl import Workbook

    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.append(["项目", "金额"])
    sheet.append(["收入", 100.0])
    book.save(tmp / "seed.xlsx")
    yield "xlsx", (tmp / "seed.xlsx").read_bytes()


@pytest.fixture(scope="module")
def seeds(tmp_path_factory: pytest.TempPathFactory) -> dict[str, bytes]:
    return dict(_seeds(tmp_path_factory.mktemp("seeds")))


FUZZ = settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])


def _read_any(tmp_path: Path, suffix: str, data: bytes) -> None:
    path = tmp_path / f"fuzz.{suffix}"
    path.write_bytes(data)
    try:
        doc = read_document(path)
    except InputError as error:
        assert error.code.startswith("R") and error.message_en
    else:
        assert isinstance(doc, Document)


@pytest.mark.parametrize("fmt", ["pdf", "docx", "html", "xlsx"])
@FUZZ
@given(data=st.data())
def test_fuzz_mutated_files(fmt: str, seeds: dict[str, bytes], tmp_path: Path, data: st.DataObject) -> None:
    seed = bytearray(seeds[fmt])
    for _ in range(data.draw(st.integers(1, 8))):
        position = data.draw(st.integers(0, len(seed) - 1))
        seed[position] = data.draw(st.integers(0, 255))
    cut = data.draw(st.integers(1, len(seed)))
    _read_any(tmp_path, fmt, bytes(seed[:cut]))


@pytest.mark.parametrize("fmt", ["pdf", "docx", "html", "xlsx", "xls", "txt"])
@FUZZ
@given(blob=st.binary(max_size=2048))
def test_fuzz_random_bytes(fmt: str, tmp_path: Path, blob: bytes) -> None:
    prefix = {"pdf": b"%PDF-1.4\n", "docx": b"PK\x03\x04", "xlsx": b"PK\x03\x04",
              "xls": b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", "html": b"<html>", "txt": b""}[fmt]
    _read_any(tmp_path, fmt, prefix + blob)


def test_too_many_characters_on_a_page(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from juesuan.read import pdf

    monkeypatch.setattr(pdf, "MAX_PAGE_CHARS", 50)
    path = tmp_path / "dense.pdf"
    path.write_bytes(make_pdf([text_op(72, 700, "x" * 80)]))
    error = refused(path)
    assert error.code == "R008" and "page 1" in error.message_en


@pytest.mark.parametrize(("head", "kind"), [(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "PNG"),
                                            (b"\xff\xd8\xff\xe0\x00\x10JFIF\x00", "JPEG")])
def test_an_image_renamed_pdf_is_called_an_image(tmp_path: Path, head: bytes, kind: str) -> None:
    path = tmp_path / "scan.pdf"
    path.write_bytes(head + bytes(200))
    with pytest.raises(InputError) as info:
        read_document(path)
    assert info.value.code == "R005"
    assert f"{kind} 图片" in info.value.message_zh and f"{kind} image" in info.value.message_en
    assert "OCR" in info.value.message_en


def test_binary_junk_named_pdf_says_it_is_not_a_pdf(tmp_path: Path) -> None:
    path = tmp_path / "report.pdf"
    path.write_bytes(b"\x00\x01\x02junk" * 50)
    with pytest.raises(InputError) as info:
        read_document(path)
    assert info.value.code == "R007"
    assert "不是 PDF" in info.value.message_zh and "not PDF" in info.value.message_en
