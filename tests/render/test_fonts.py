"""Without a CJK font, render never writes a PDF of empty boxes with exit 0: a PDF is refused
(``D007``, nothing written) and HTML/DOCX are written without their charts, saying so in one line.

A machine without CJK fonts is stood for by fontconfig's own switch, ``FONTCONFIG_FILE`` naming an
empty configuration (the lookup Pango makes for the PDF and juesuan makes for the charts), or in
process by the font lookup returning nothing; no system package is touched.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import warnings
from pathlib import Path

import pytest

from juesuan.model.public_tables import FinalAccounts
from juesuan.read.errors import InputError
from juesuan.render import charts, render

EXAMPLE = Path(__file__).resolve().parents[2] / "examples" / "jincheng-eeb-2024" / "data.yaml"


@pytest.fixture
def no_cjk_font(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(charts, "cjk_font", lambda style="Sans": None)


def test_pdf_without_a_cjk_font_is_refused(example: FinalAccounts, tmp_path: Path, no_cjk_font: None) -> None:
    out = tmp_path / "out.pdf"
    with pytest.raises(InputError) as info:
        render(example, out)
    assert info.value.code == "D007" and "fonts-noto-cjk" in info.value.one_line()
    assert not out.exists()


@pytest.mark.parametrize("suffix", [".html", ".docx"])
def test_charts_are_left_out_and_said_so(example: FinalAccounts, tmp_path: Path, no_cjk_font: None,
                                         suffix: str) -> None:
    out = tmp_path / f"out{suffix}"
    warnings = render(example, out)
    assert len(warnings) == 1 and "图表已省略" in warnings[0] and "charts left out" in warnings[0]
    if suffix == ".html":
        assert 'class="chart"' not in out.read_text(encoding="utf-8")
    else:
        from docx import Document

        assert len(Document(str(out)).inline_shapes) == 0
    assert render(example, tmp_path / "plain.html", charts=False) == []  # --no-charts: nothing to say


def test_charts_name_the_cjk_font_file(monkeypatch: pytest.MonkeyPatch) -> None:
    """The chart's every label is drawn with the font file juesuan found, never matplotlib's default."""
    from matplotlib import font_manager

    from juesuan.render.blocks import Chart

    font = charts.cjk_font("Sans")
    if font is None:
        pytest.skip("no CJK font installed (fonts-noto-cjk; .ci/apt-packages)")
    used: list[str] = []
    original = font_manager.FontProperties.__init__

    def spy(self: font_manager.FontProperties, *args: object, **kwargs: object) -> None:
        used.append(str(kwargs.get("fname")))
        original(self, *args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(font_manager.FontProperties, "__init__", spy)
    with warnings.catch_warnings(record=True) as seen:
        warnings.simplefilter("always")
        charts.chart_png(Chart("change", "对比", ["节能环保支出"], [2.0], [1.0]))
    assert str(font) in used
    assert not [w for w in seen if "Glyph" in str(w.message)]  # no boxes


def test_a_machine_without_cjk_fonts(tmp_path: Path) -> None:
    """The whole command, with fontconfig seeing no font at all."""
    if shutil.which("fc-list") is None:
        pytest.skip("fontconfig's fc-list is not installed")
    conf = tmp_path / "fonts.conf"
    conf.write_text('<?xml version="1.0"?>\n<fontconfig></fontconfig>\n', encoding="utf-8")
    env = {**os.environ, "FONTCONFIG_FILE": str(conf)}
    assert subprocess.run(["fc-list", ":lang=zh"], env=env, capture_output=True, text=True,
                          check=False).stdout.strip() == ""

    def render_cli(*outputs: Path) -> subprocess.CompletedProcess[str]:
        args = [a for out in outputs for a in ("-o", str(out))]
        return subprocess.run([sys.executable, "-m", "juesuan", "render", str(EXAMPLE), *args, "--no-check"],
                              env=env, capture_output=True, text=True, timeout=300, check=False)

    pdf, html = tmp_path / "out.pdf", tmp_path / "out.html"
    refused = render_cli(html, pdf)  # checked before anything is written
    assert refused.returncode == 2 and "D007" in refused.stderr and len(refused.stderr.strip().splitlines()) == 1
    assert not pdf.exists() and not html.exists()
    written = render_cli(html)
    assert written.returncode == 0, written.stderr
    lines = written.stderr.strip().splitlines()
    assert lines == ["警告 / warning: 未找到中文字体（请安装 fonts-noto-cjk：apt-get install fonts-noto-cjk）："
                     "图表已省略 / no CJK font installed (install fonts-noto-cjk: apt-get install fonts-noto-cjk): "
                     "charts left out", f"已写入 / written: {html}"]
    assert "Glyph" not in written.stderr and 'class="chart"' not in html.read_text(encoding="utf-8")
