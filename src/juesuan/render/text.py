"""Plain-text output in the reference export's layout: one paragraph a line, table rows tab-separated."""

from __future__ import annotations

from juesuan.render.blocks import Block, Chart, Heading, Paragraph, Table


def render_text(blocks: list[Block]) -> str:
    lines: list[str] = []
    for block in blocks:
        if isinstance(block, Heading | Paragraph):
            lines += [block.text, ""]
        elif isinstance(block, Table):
            if block.caption:
                lines += [block.caption, ""]
            lines += ["\t".join(row) for row in block.rows]
            lines.append("")
        elif isinstance(block, Chart):
            continue
    return "\n".join(lines)
