from __future__ import annotations

from pathlib import Path

import pytest

from juesuan.model.public_tables import FinalAccounts
from juesuan.read.errors import InputError
from juesuan.render import charts, pdf, render
from juesuan.render.charts import cjk_font


def test_missing_pango_is_one_clear_error(example: FinalAccounts, tmp_path: Path,
                                          monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(pdf, "weasyprint_error", lambda: "OSError: cannot load library 'pango-1.0-0'")
    monkeypatch.setattr(charts, "cjk_font", lambda style="Sans": Path("NotoSansCJK-Regular.ttc"))  # fonts there
    with pytest.raises(InputError) as info:
        render(example, tmp_path / "out.pdf")
    assert info.value.code == "D006"
    assert "libpango" in info.value.one_line()


def test_charts_use_the_installed_cjk_font(example: FinalAccounts) -> None:
    from juesuan.render.blocks import Chart
    from juesuan.render.charts import chart_png

    if cjk_font() is None:
        pytest.skip("no CJK font installed (fonts-noto-cjk)")
    png = chart_png(Chart("change", "对比", ["节能环保支出"], [2.0], [1.0]))
    assert png.startswith(b"\x89PNG")
