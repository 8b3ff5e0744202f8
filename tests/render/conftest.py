"""Fixtures: the bundled example's data and its renderings (the PDF once per session)."""

from __future__ import annotations

from pathlib import Path

import pytest

from juesuan.model.public_tables import FinalAccounts

EXAMPLE = Path(__file__).resolve().parents[2] / "examples" / "jincheng-eeb-2024" / "data.yaml"


@pytest.fixture(scope="session")
def example() -> FinalAccounts:
    from juesuan.render.data import load

    return load(EXAMPLE)


@pytest.fixture(scope="session")
def rendered(example: FinalAccounts, tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """The example rendered to text, HTML, DOCX and XLSX (charts off except in HTML/DOCX)."""
    from juesuan.render import render

    out = tmp_path_factory.mktemp("rendered")
    paths = {suffix: out / f"example{suffix}" for suffix in (".txt", ".html", ".docx", ".xlsx")}
    for path in paths.values():
        render(example, path)
    return paths


@pytest.fixture(scope="session")
def rendered_pdf(example: FinalAccounts, tmp_path_factory: pytest.TempPathFactory) -> Path:
    from juesuan.render import render
    from juesuan.render.charts import cjk_font
    from juesuan.render.pdf import weasyprint_error

    if cjk_font() is None:  # checked first: WeasyPrint warns at import when there is no font at all
        pytest.skip("no CJK font installed (fonts-noto-cjk; .ci/apt-packages): render refuses a PDF of boxes")
    problem = weasyprint_error()
    if problem is not None:
        pytest.skip(f"WeasyPrint cannot run here (Pango missing?): {problem}")
    path = tmp_path_factory.mktemp("pdf") / "example.pdf"
    render(example, path)
    return path
