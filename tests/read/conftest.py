"""Fixtures that lay one disclosure out in every published format.

The example text export is written as a DOCX with python-docx (prose as paragraphs, each run of
tab-separated rows as a bordered table, a filled cell merged with the empty cells after it as in
the reference's forms, a light watermark and a page-number footer on every page), as HTML (``p``
and ``table`` with ``colspan``), and — when LibreOffice is installed — converted to PDF once per
session. Tests that need ``soffice`` skip, saying so, when it is absent.
"""

from __future__ import annotations

import html
import shutil
import subprocess
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
EXAMPLE = ROOT / "examples" / "sample-2024-final-accounts.txt"
WATERMARK = "仅供内部审核"


def blocks(text: str) -> list[tuple[str, list[list[str]]]]:
    """The text export as ("p", [[line]]) and ("table", rows) blocks; blanks and watermarks dropped."""
    out: list[tuple[str, list[list[str]]]] = []
    for raw in text.split("\n"):
        line = raw.rstrip("\r")
        if not line.strip() or line.strip() == WATERMARK:
            continue
        if "\t" in line:
            cells = line.split("\t")
            if out and out[-1][0] == "table":
                out[-1][1].append(cells)
            else:
                out.append(("table", [cells]))
        else:
            out.append(("p", [[line]]))
    return out


def spans(cells: list[str], width: int) -> list[tuple[str, int]]:
    """(text, colspan): a filled cell takes the empty cells after it, as merged cells do."""
    padded = cells + [""] * (width - len(cells))
    out: list[tuple[str, int]] = []
    for cell in padded:
        if out and not cell.strip() and out[-1][0].strip():
            out[-1] = (out[-1][0], out[-1][1] + 1)
        else:
            out.append((cell.strip(), 1))
    return out


def write_docx(text: str, path: Path, watermark: bool = True, split_rows: bool = False) -> Path:
    import docx
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn
    from docx.shared import Cm, Pt, RGBColor
    from docx.table import _Cell

    document = docx.Document()
    section = document.sections[0]
    section.page_width, section.page_height = Cm(21), Cm(29.7)
    section.left_margin = section.right_margin = Cm(2)
    style = document.styles["Normal"]
    style.font.size = Pt(10.5)
    style.font.name = "Noto Sans CJK SC"
    style.element.rPr.rFonts.set(qn("w:eastAsia"), "Noto Sans CJK SC")
    style.paragraph_format.space_after = Pt(4)
    if watermark:
        run = section.header.paragraphs[0].add_run(WATERMARK)
        run.font.color.rgb = RGBColor(0xE0, 0xE0, 0xE0)
        footer = section.footer.paragraphs[0]
        footer.add_run("第 ")
        field = OxmlElement("w:fldSimple")
        field.set(qn("w:instr"), "PAGE")
        inner = OxmlElement("w:r")
        t = OxmlElement("w:t")
        t.text = "1"
        inner.append(t)
        field.append(inner)
        footer._p.append(field)
        footer.add_run(" 页")
    for kind, rows in blocks(text):
        if kind == "p":
            document.add_paragraph(rows[0][0])
            continue
        width = max(len(r) for r in rows)
        table = document.add_table(rows=len(rows), cols=width)
        table.style = "Table Grid"
        for r, cells in enumerate(rows):
            tr = table.rows[r]._tr
            if not split_rows:  # most published forms keep each row on one page
                tr.get_or_add_trPr().append(OxmlElement("w:cantSplit"))
            tcs = list(tr.tc_lst)
            column = 0
            for cell_text, colspan in spans(cells, width):
                tc = tcs[column]
                if colspan > 1:  # a merged cell: one w:tc spanning grid columns, as Word writes it
                    span = OxmlElement("w:gridSpan")
                    span.set(qn("w:val"), str(colspan))
                    tc.get_or_add_tcPr().append(span)
                    for extra in tcs[column + 1:column + colspan]:
                        tr.remove(extra)
                _Cell(tc, table).text = cell_text
                column += colspan
    document.save(str(path))
    return path


def write_html(text: str, path: Path) -> Path:
    parts = ['<!DOCTYPE html><html><head><meta charset="utf-8"><title>决算公开</title>',
             "<script>var x = '<p>不是正文</p>';</script></head><body>",
             '<div class="nav"><nav>首页 &gt; 信息公开</nav></div><div class="TRS_Editor">']
    for kind, rows in blocks(text):
        if kind == "p":
            parts.append(f'<p style="text-indent:2em">&nbsp;&nbsp;{html.escape(rows[0][0])}</p>')
            continue
        width = max(len(r) for r in rows)
        parts.append('<table border="1" cellspacing="0">')
        for cells in rows:
            tds = "".join(f'<td colspan="{n}"><span>{html.escape(t)}</span></td>' if n > 1
                          else f"<td>{html.escape(t)}</td>" for t, n in spans(cells, width))
            parts.append(f"<tr>{tds}</tr>")
        parts.append("</table>")
    parts.append("</div><footer>版权所有 © 示范县人民政府</footer></body></html>")
    path.write_text("\n".join(parts), encoding="utf-8")
    return path


def soffice() -> str | None:
    return shutil.which("soffice") or shutil.which("libreoffice")


def convert(source: Path, target_ext: str, outdir: Path) -> Path:
    """Convert with LibreOffice headless (a private profile, so parallel runs do not collide)."""
    exe = soffice()
    if exe is None:
        pytest.skip("LibreOffice (soffice) is not installed; .ci/run installs it "
                    "(.ci/apt-packages: libreoffice-writer-nogui)")
    profile = outdir / "lo-profile"
    subprocess.run([exe, f"-env:UserInstallation=file://{profile}", "--headless", "--convert-to",
                    target_ext, "--outdir", str(outdir), str(source)],
                   check=True, capture_output=True, timeout=180)
    out = outdir / (source.stem + "." + target_ext.split(":")[0])
    if not out.is_file() and target_ext == "xls":
        pytest.skip("LibreOffice Calc is not installed (.ci/apt-packages: libreoffice-calc-nogui)")
    assert out.is_file(), f"LibreOffice did not write {out}"
    return out


@pytest.fixture(scope="session")
def example_text() -> str:
    return EXAMPLE.read_text(encoding="utf-8")


@pytest.fixture(scope="session")
def example_docx(tmp_path_factory: pytest.TempPathFactory, example_text: str) -> Path:
    return write_docx(example_text, tmp_path_factory.mktemp("docx") / "sample.docx")


@pytest.fixture(scope="session")
def example_html(tmp_path_factory: pytest.TempPathFactory, example_text: str) -> Path:
    return write_html(example_text, tmp_path_factory.mktemp("html") / "sample.html")


@pytest.fixture(scope="session")
def example_pdf(tmp_path_factory: pytest.TempPathFactory, example_docx: Path) -> Path:
    """The example DOCX as LibreOffice prints it to PDF (converted once per test session)."""
    return convert(example_docx, "pdf", tmp_path_factory.mktemp("pdf"))


# --- hand-made PDFs: exact control over watermarks, headers, ruling lines, scans and encryption ---

PAGE_W, PAGE_H = 595, 842


def text_op(x: float, y: float, text: str, size: float = 11, gray: float = 0.0, angle: float = 0.0) -> str:
    """One line of Helvetica text at (x, y); ``gray`` 0 is black, ``angle`` in degrees."""
    import math

    escaped = text.replace("\\", "\\\\").replace("(", "\\(").replace(")", "\\)")
    cos, sin = math.cos(math.radians(angle)), math.sin(math.radians(angle))
    return (f"q {gray} g BT /F1 {size} Tf {cos:.4f} {sin:.4f} {-sin:.4f} {cos:.4f} {x} {y} Tm "
            f"({escaped}) Tj ET Q")


def table_ops(x: float, top: float, widths: list[float], rows: list[tuple[float, list[list[str]]]]) -> str:
    """A ruled table: ``rows`` of (height, cells), each cell a list of its (wrapped) lines."""
    ops = ["0 G 0.6 w"]
    right = x + sum(widths)
    y = top
    ops.append(f"{x} {y} m {right} {y} l S")
    for height, cells in rows:
        cx = x
        for width, lines in zip(widths, cells, strict=False):
            for k, line in enumerate(lines):
                ops.append(text_op(cx + 3, y - 13 - 13 * k, line, 10))
            cx += width
        y -= height
        ops.append(f"{x} {y} m {right} {y} l S")
    cx = x
    for width in [0.0, *widths]:
        cx += width
        ops.append(f"{cx} {top} m {cx} {y} l S")
    return "\n".join(ops)


def make_pdf(pages: list[str], encrypted: bool = False) -> bytes:
    """A PDF whose pages draw the given content streams (Helvetica as /F1, an 8×8 grey image as
    /Im1). ``encrypted`` adds a Standard security handler no empty password opens."""
    objects: list[bytes] = [b"<< /Type /Catalog /Pages 2 0 R >>", b"",
                            b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
                            b"<< /Type /XObject /Subtype /Image /Width 8 /Height 8 /ColorSpace /DeviceGray "
                            b"/BitsPerComponent 8 /Length 64 >>\nstream\n" + bytes(range(64)) + b"\nendstream"]
    kids = []
    for content in pages:
        data = content.encode("latin-1")
        objects.append(b"<< /Length %d >>\nstream\n" % len(data) + data + b"\nendstream")
        content_ref = len(objects)
        objects.append(b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 %d %d] /Contents %d 0 R "
                       b"/Resources << /Font << /F1 3 0 R >> /XObject << /Im1 4 0 R >> >> >>"
                       % (PAGE_W, PAGE_H, content_ref))
        kids.append(b"%d 0 R" % len(objects))
    objects[1] = b"<< /Type /Pages /Kids [" + b" ".join(kids) + b"] /Count %d >>" % len(kids)
    trailer_extra = b""
    if encrypted:
        objects.append(b"<< /Filter /Standard /V 1 /R 2 /O <" + b"ab" * 32 + b"> /U <" + b"cd" * 32
                       + b"> /P -3904 >>")
        trailer_extra = b" /Encrypt %d 0 R /ID [<0123456789abcdef0123456789abcdef>" \
                        b"<0123456789abcdef0123456789abcdef>]" % len(objects)
    out = bytearray(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % number + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    for offset in offsets:
        out += b"%010d 00000 n \n" % offset
    out += b"trailer\n<< /Size %d /Root 1 0 R" % (len(objects) + 1) + trailer_extra
    out += b" >>\nstartxref\n%d\n%%%%EOF\n" % xref
    return bytes(out)


def chrome(number: int) -> list[str]:
    """A running header, a page-number footer, a rotated and a light watermark, as on every page."""
    return [text_op(72, 800, "Demo County Bureau 2024 Final Accounts", 9),
            text_op(280, 30, f"- {number} -", 9),
            text_op(150, 300, "DRAFT COPY", 60, gray=0.85, angle=45),
            text_op(100, 450, "INTERNAL", 40, gray=0.92)]


@pytest.fixture(scope="session")
def crafted_pdf() -> bytes:
    """Three pages: prose wrapped over two lines, a ruled table continued onto page 2 with its
    header row repeated and a wrapped cell, and a page 3 that is only an image (a scan)."""
    header = (20.0, [["Item"], ["Amount"], ["Note"]])
    page1 = [*chrome(1),
             text_op(72, 740, "Income total 2,560.00 and expenditure total 2,560.00, an increase of"),
             text_op(72, 726, "160.00 over last year."),
             text_op(72, 700, "Table 1 income"),
             table_ops(72, 680, [150, 100, 200], [header,
                                                   (20.0, [["Fiscal grant"], ["2,310.55"], ["ok"]]),
                                                   (33.0, [["Other"], ["189.45"], ["rent and", "interest"]])])]
    page2 = [*chrome(2),
             table_ops(72, 760, [150, 100, 200], [header, (20.0, [["Total"], ["2,500.00"], [""]])]),
             text_op(72, 700, "End of part two.")]
    page3 = ["q 500 0 0 700 50 70 cm /Im1 Do Q"]
    return make_pdf(["\n".join(page1), "\n".join(page2), "\n".join(page3)])


@pytest.fixture(scope="session")
def example_pdf_split(tmp_path_factory: pytest.TempPathFactory, example_text: str) -> Path:
    """The example printed with table rows allowed to break across pages (Word's default)."""
    out = tmp_path_factory.mktemp("pdf-split")
    return convert(write_docx(example_text, out / "sample-split.docx", split_rows=True), "pdf", out)
