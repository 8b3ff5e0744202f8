"""The text reader: line numbering, cells, watermarks, encodings and refusal of bad input."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from juesuan.read import InputError, read_document
from juesuan.read.document import LineKind, split_cells
from juesuan.read.text import document_from_text


def test_reference_lines_match_the_file(reference_path: Path, reference_lines: list[str]) -> None:
    doc = read_document(reference_path)
    assert doc.encoding == "utf-8"
    for line in doc.lines:
        assert line.text == reference_lines[line.number - 1].removesuffix("\r")
    kinds = {k: sum(1 for ln in doc.lines if ln.kind is k) for k in LineKind}
    assert kinds[LineKind.WATERMARK] == 453
    assert doc.line(304).kind is LineKind.ROW
    assert doc.line(304).values()[:3] == ["资金总额:", "47.4", "47.4"]


def test_cells_keep_their_columns() -> None:
    cells = split_cells("a\t bc\t\tdef")
    assert [(c.text, c.index, c.column) for c in cells] == [
        ("a", 0, 1), ("bc", 1, 4), ("", 2, 7), ("def", 3, 8)]


@given(st.lists(st.text(alphabet=st.characters(blacklist_categories=("Cc", "Cs", "Zl", "Zp")),
                        max_size=8), min_size=1, max_size=6))
def test_cell_column_points_at_cell_text(cells: list[str]) -> None:
    line = "\t".join(cells)
    for cell in split_cells(line):
        if cell.text:
            assert line[cell.column - 1:].startswith(cell.text)


def test_form_feed_starts_a_page_and_keeps_line_numbers() -> None:
    doc = document_from_text("a\nb\fc\nd\n")
    assert [(ln.number, ln.text, ln.page) for ln in doc.lines] == [
        (1, "a", 1), (2, "bc", 2), (3, "d", 2)]


def test_gb18030_text_is_decoded(tmp_path: Path) -> None:
    path = tmp_path / "gbk.txt"
    path.write_bytes("第三部分 情况说明\n收入总计100.00万元。\n".encode("gb18030"))
    doc = read_document(path)
    assert doc.encoding == "gb18030"
    assert doc.line(1).text == "第三部分 情况说明"


@pytest.mark.parametrize(
    ("content", "code"),
    [(b"", "R001"), (b"  \n\n", "R001"), (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "R005"),
     (b"\x7fELF\x02\x01\x01\x00" * 8, "R002"),
     (bytes(range(1, 32)) * 100, "R003")],
)
def test_bad_input_is_a_specific_error(tmp_path: Path, content: bytes, code: str) -> None:
    path = tmp_path / "bad.txt"
    path.write_bytes(content)
    with pytest.raises(InputError) as info:
        read_document(path)
    assert info.value.code == code
    assert info.value.message_zh and info.value.message_en


def test_missing_file_and_directory(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="R000"):
        read_document(tmp_path / "nope.txt")
    with pytest.raises(InputError, match="R000"):
        read_document(tmp_path)
