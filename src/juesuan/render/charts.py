"""Charts of the expenditure structure and the year-on-year change (matplotlib, a CJK font).

The font is the installed Noto CJK, found as fontconfig finds it (``fc-list :lang=zh``, the same
lookup Pango makes for the PDF, so ``FONTCONFIG_FILE`` pointing at an empty configuration stands for
a machine without one); nothing is downloaded. Every label is drawn with that font file, named
explicitly. Without a CJK font there are no charts: ``render`` leaves them out and says so, rather
than drawing boxes.
"""

from __future__ import annotations

import functools
import io
import shutil
import subprocess
from pathlib import Path

from juesuan.render.blocks import Chart

_FALLBACK_DIRS = ("/usr/share/fonts", "/usr/local/share/fonts")


@functools.cache
def cjk_font(style: str = "Sans") -> Path | None:
    """The installed Noto ``Sans`` or ``Serif`` CJK font file (regular weight), else any font file
    fontconfig says covers Chinese, else ``None``."""
    candidates: list[str] = []
    if shutil.which("fc-list"):
        try:
            out = subprocess.run(["fc-list", ":lang=zh", "file"], capture_output=True, text=True,
                                 timeout=10, check=False).stdout
            candidates = sorted(line.split(":")[0].strip() for line in out.splitlines() if line.strip())
        except (OSError, subprocess.SubprocessError):
            candidates = []
    else:  # no fontconfig tools: look where fonts are installed
        for root in _FALLBACK_DIRS:
            if Path(root).is_dir():
                candidates += sorted(str(p) for p in Path(root).rglob("*CJK*"))
    regular = [c for c in candidates if f"{style}CJK" in c.replace(" ", "") and "Regular" in c]
    noto = [c for c in candidates if "CJK" in c]
    chosen = regular or noto or candidates
    return Path(chosen[0]) if chosen else None


NO_FONT_ZH = "未找到中文字体（请安装 fonts-noto-cjk：apt-get install fonts-noto-cjk）"
NO_FONT_EN = "no CJK font installed (install fonts-noto-cjk: apt-get install fonts-noto-cjk)"


def chart_png(chart: Chart) -> bytes:
    """The chart as a PNG (150 dpi)."""
    import matplotlib

    matplotlib.use("Agg")
    from matplotlib import font_manager
    from matplotlib import pyplot as plt

    font = cjk_font("Sans")
    if font is None:  # render() leaves charts out first; drawing would give boxes
        raise RuntimeError(NO_FONT_EN)
    props = font_manager.FontProperties(fname=str(font))
    fig, ax = plt.subplots(figsize=(6.4, 3.4), dpi=150)
    try:
        if chart.name == "structure":
            # the legend quotes the narrative's own shares; no percentages recomputed on the wedges
            ax.pie(chart.values, labels=None, startangle=90, counterclock=False)
            ax.legend(chart.labels, prop=props, loc="center left", bbox_to_anchor=(1.0, 0.5), fontsize=8)
            ax.axis("equal")
        else:
            positions = range(len(chart.labels))
            ax.bar([p - 0.2 for p in positions], chart.prior, width=0.4, label="上年", color="#9db4d1")
            ax.bar([p + 0.2 for p in positions], chart.values, width=0.4, label="本年", color="#1f4e8c")
            ax.set_xticks(list(positions), chart.labels, fontproperties=props, fontsize=8)
            ax.legend(prop=props)
            for label in ax.get_yticklabels():
                label.set_fontproperties(props)
        ax.set_title(chart.title, fontproperties=props, fontsize=10)
        fig.tight_layout()
        buffer = io.BytesIO()
        fig.savefig(buffer, format="png")
        return buffer.getvalue()
    finally:
        plt.close(fig)
