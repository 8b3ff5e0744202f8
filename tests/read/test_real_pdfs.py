"""The PDF reader on real published disclosures (../shared/corpus/real, Shanghai Putuo 2024).

Their text layers report full-width punctuation and thin glyphs (，：、一) with small ink boxes that
sit low or high on the line; grouped by box centre they fell onto lines of their own (``单位`` /
``：`` / ``万元``) and ``一、`` became ``一…、`` at the end of a cell. A part heading at the top of a page
was joined to the note that ended the page before.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from juesuan.read import read_document
from juesuan.read.document import Document, LineKind

REAL = Path(__file__).resolve().parents[2].parent / "shared" / "corpus" / "real"
PUTUO = ("shanghai-putuo-caizhengju-2024-final-accounts.pdf",
         "shanghai-putuo-guihuaziyuanju-2024-final-accounts.pdf",
         "shanghai-putuo-shehuigongzuobu-2024-final-accounts.pdf")


@pytest.fixture(scope="module", params=PUTUO)
def putuo(request: pytest.FixtureRequest) -> Document:
    path = REAL / request.param
    if not path.is_file():
        pytest.skip(f"real corpus file not found at {path} (../shared/corpus/real is absent)")
    return read_document(path)


def test_punctuation_stays_on_its_line(putuo: Document) -> None:
    texts = [ln.text.strip() for ln in putuo.lines if ln.kind is LineKind.TEXT]
    alone = [t for t in texts if re.fullmatch(r"[，。、；：！？,.;:]+", t)]
    assert alone == []
    assert any(re.fullmatch(r"单位[：:]\s*万元", t) for t in texts)


def test_numbered_cells_keep_their_numbering(putuo: Document) -> None:
    cells = [c.text for ln in putuo.lines if ln.kind is LineKind.ROW for c in ln.cells]
    assert "一、一般公共预算财政拨款收入" in cells
    assert not any(c.startswith("一一般") for c in cells)


def test_part_heading_at_page_top_starts_its_own_line(putuo: Document) -> None:
    heads = [ln for ln in putuo.lines if ln.kind is LineKind.TEXT and "第三部分" in ln.text]
    assert len(heads) == 2  # the table of contents' entry and the body's heading
    assert all(ln.text.lstrip().startswith("第三部分") for ln in heads)
