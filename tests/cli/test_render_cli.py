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
    assert "<table" in out.read_text(encoding="utf-8")
    # The template's sample rows leave 部门职责 empty: the self-check says so (exit 1).
    assert result.exit_code == 1 and "C102" in result.output and "部门职责" in result.output, result.output


def test_render_errors_exit_2(tmp_path: Path) -> None:
    bad = runner.invoke(app, ["render", str(EXAMPLE), "-o", str(tmp_path / "out.odt")])
    assert bad.exit_code == 2 and "O004" in bad.output
    missing = runner.invoke(app, ["render", str(tmp_path / "none.yaml"), "-o", str(tmp_path / "o.txt")])
    assert missing.exit_code == 2 and "D001" in missing.output
    no_dir = runner.invoke(app, ["render", str(EXAMPLE), "-o", str(tmp_path / "nodir" / "o.txt")])
    assert no_dir.exit_code == 2 and "O002" in no_dir.output


def test_render_self_check_reports_clean_example(tmp_path: Path) -> None:
    result = runner.invoke(app, ["render", str(EXAMPLE), "-o", str(tmp_path / "out.txt"), "--no-charts"])
    assert result.exit_code == 0, result.output
    assert "0 findings" in result.output


def test_render_self_check_finds_data_problems(tmp_path: Path) -> None:
    """Rendering computes totals, rates and grades, but cannot fix what the preparer typed: an
    indicator weight lowered by 5 leaves the form's weights at 85 — reported (F105), exit 1, the
    output still written; ``--no-check`` skips the check."""
    import yaml

    data = yaml.safe_load(EXAMPLE.read_text(encoding="utf-8"))
    indicator = data["forms"][0]["indicators"][0]
    indicator["weight"] = str(int(indicator["weight"]) - 5)
    indicator["score"] = indicator["weight"]
    bad = tmp_path / "bad.yaml"
    bad.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    out = tmp_path / "out.txt"
    result = runner.invoke(app, ["render", str(bad), "-o", str(out), "--no-charts"])
    assert result.exit_code == 1, result.output
    assert "F105" in result.output and data["forms"][0]["name"] in result.output
    assert out.stat().st_size > 0
    quiet = runner.invoke(app, ["render", str(bad), "-o", str(out), "--no-charts", "--no-check"])
    assert quiet.exit_code == 0 and "F105" not in quiet.output


def test_render_refuses_a_bad_self_check_config_before_writing(tmp_path: Path) -> None:
    bad = tmp_path / "juesuan.toml"
    bad.write_text("[audit]\nbogus = 1\n", encoding="utf-8")
    out = tmp_path / "out.txt"
    result = runner.invoke(app, ["render", str(EXAMPLE), "-o", str(out), "--config", str(bad)])
    assert result.exit_code == 2 and "K003" in result.output and not out.exists()
