"""Benchmark: pages per second of juesuan's PDF reader (tables included) beside pypdfium2's raw text
extraction and pdfplumber's ``extract_text`` on the same files, in one run.

Usage: python bench/pdf.py [PDF ...] — with no arguments, the bundled example and (when present)
the reference disclosure are laid out as DOCX (as the tests do) and printed to PDF by LibreOffice.
Target: juesuan no slower than pdfplumber's extract_text; closer to pypdfium2 is better.
"""

from __future__ import annotations

import importlib.util
import shutil
import sys
import tempfile
from pathlib import Path

from _common import REFERENCE, ROOT, median_seconds


def _fixtures() -> object:
    spec = importlib.util.spec_from_file_location("read_fixtures", ROOT / "tests" / "read" / "conftest.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def build_pdfs(outdir: Path) -> list[Path]:
    if shutil.which("soffice") is None and shutil.which("libreoffice") is None:
        sys.exit("LibreOffice (soffice) is needed to build the PDFs; or pass PDF files as arguments")
    fx = _fixtures()
    sources = [ROOT / "examples" / "sample-2024-final-accounts.txt"]
    if REFERENCE.is_file():
        sources.append(REFERENCE)
    pdfs = []
    for source in sources:
        docx = fx.write_docx(source.read_text(encoding="utf-8"), outdir / (source.stem + ".docx"))  # type: ignore[attr-defined]
        pdfs.append(fx.convert(docx, "pdf", outdir))  # type: ignore[attr-defined]
    return pdfs


def pypdfium2_text(path: Path) -> None:
    import pypdfium2 as pdfium

    pdf = pdfium.PdfDocument(path)
    for page in pdf:
        textpage = page.get_textpage()
        textpage.get_text_range()
        textpage.close()
        page.close()
    pdf.close()


def pdfplumber_text(path: Path) -> None:
    import pdfplumber

    with pdfplumber.open(path) as pdf:
        for page in pdf.pages:
            page.extract_text()
            page.close()


def juesuan_pdf(path: Path) -> None:
    from juesuan.read.pdf import read_pdf

    read_pdf(path)


def main() -> None:
    import pypdfium2 as pdfium

    with tempfile.TemporaryDirectory() as tmp:
        paths = [Path(a) for a in sys.argv[1:]] or build_pdfs(Path(tmp))
        print(f"{'file':<42} {'pages':>5}  {'juesuan':>9}  {'pypdfium2':>9}  {'pdfplumber':>10}   (pages/s, median)")
        totals = {"juesuan": 0.0, "pypdfium2": 0.0, "pdfplumber": 0.0}
        pages_total = 0
        for path in paths:
            pages = len(pdfium.PdfDocument(path))
            pages_total += pages
            row = []
            for label, fn, runs in (("juesuan", juesuan_pdf, 5), ("pypdfium2", pypdfium2_text, 5),
                                    ("pdfplumber", pdfplumber_text, 2)):
                _lo, med, _hi = median_seconds(lambda fn=fn, path=path: fn(path), runs=runs)  # type: ignore[misc]
                totals[label] += med
                row.append(pages / med)
            print(f"{path.name[:42]:<42} {pages:>5}  {row[0]:>9.1f}  {row[1]:>9.1f}  {row[2]:>10.1f}")
        rates = {k: pages_total / v for k, v in totals.items()}
        print(f"{'all':<42} {pages_total:>5}  {rates['juesuan']:>9.1f}  {rates['pypdfium2']:>9.1f}  "
              f"{rates['pdfplumber']:>10.1f}")
        print(f"juesuan is {rates['juesuan'] / rates['pdfplumber']:.1f}x pdfplumber extract_text and "
              f"{rates['juesuan'] / rates['pypdfium2']:.2f}x pypdfium2 raw text "
              f"(target: >= 1x pdfplumber)")


if __name__ == "__main__":
    main()
