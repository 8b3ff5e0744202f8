from __future__ import annotations

from pathlib import Path

from typer.testing import CliRunner

from juesuan.cli import app

EXAMPLE = Path(__file__).resolve().parents[2] / "examples" / "jincheng-eeb-2024" / "data.yaml"
runner = CliRunner()


def test_render_several_outputs(tmp_path: Path) -> None:
    txt, xlsx = tmp_path / "out.txt", tmp_path / "out.xlsx"
    result = runner.invoke(app, ["render", str(EXAMPLE), "-o", str(txt), "-o", str(xlsx), "--no-charts"])
    assert result.exit_code == 0, result.output
    assert "第三部分 情况说明" in txt.read_text(encoding="utf-8")
    assert xlsx.stat().st_size > 0


def test_render_template_then_data(tmp_path: Path) -> None:
    book = tmp_path / "data.xlsx"
    assert runner.invoke(app, ["render", "template", "-o", str(book)]).exit_code == 0
    out = tmp_path / "t.html"
    result = runner.invoke(app, ["render", str(book), "-o", str(out)])
    assert result.exit_code == 0, result.output
    assert "<table" in out.read_text(encoding="utf-8")


def test_render_errors_exit_2(tmp_path: Path) -> None:
    bad = runner.invoke(app, ["render", str(EXAMPLE), "-o", str(tmp_path / "out.odt")])
    assert bad.exit_code == 2 and "O004" in bad.output
    missing = runner.invoke(app, ["render", str(tmp_path / "none.yaml"), "-o", str(tmp_path / "o.txt")])
    assert missing.exit_code == 2 and "D001" in missing.output
    no_dir = runner.invoke(app, ["render", str(EXAMPLE), "-o", str(tmp_path / "nodir" / "o.txt")])
    assert no_dir.exit_code == 2 and "O002" in no_dir.output
