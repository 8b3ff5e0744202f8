#!/usr/bin/env bash
# Regenerate docs/render/*.png from the bundled example: pages of its PDF (pdftoppm, poppler-utils)
# and its first self-evaluation form as a browser shows the HTML (headless Chromium). Needs the CJK
# font (fonts-noto-cjk), WeasyPrint's Pango, poppler-utils and chromium.
set -euo pipefail
cd "$(dirname "$0")/.."
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
.venv/bin/juesuan render examples/jincheng-eeb-2024/data.yaml -o "$work/example.pdf" --no-check --quiet
# The PDF pages the README of docs/render lists, and the first form's page at a readable resolution.
for page in 1 2 3 10 11 12 13; do
  pdftoppm -r 60 -png -f "$page" -l "$page" -singlefile "$work/example.pdf" "docs/render/page-$(printf %03d "$page")"
done
form_page=$(.venv/bin/python - "$work/example.pdf" <<'PY'
import sys
import pypdfium2
pdf = pypdfium2.PdfDocument(sys.argv[1])
print(next(n + 1 for n in range(len(pdf)) if "资金总额" in pdf[n].get_textpage().get_text_range()))
PY
)
rm -f docs/render/page-019.png
pdftoppm -r 60 -png -f "$form_page" -l "$form_page" -singlefile "$work/example.pdf" "docs/render/page-$(printf %03d "$form_page")"
pdftoppm -r 110 -png -f "$form_page" -l "$form_page" -singlefile -x 0 -y 0 -W 910 -H 700 \
  "$work/example.pdf" docs/render/form-pdf
# The first form alone, as HTML in a browser.
.venv/bin/python - "$work/form.html" <<'PY'
import sys
from pathlib import Path
from juesuan.render.data import load
from juesuan.render.forms import form_blocks
from juesuan.render.html import render_html
data = load("examples/jincheng-eeb-2024/data.yaml")
Path(sys.argv[1]).write_text(render_html(form_blocks(data.forms[0], data.year), "自评表", charts=False),
                             encoding="utf-8")
PY
chromium --headless --no-sandbox --disable-gpu --hide-scrollbars --window-size=1000,760 \
  --screenshot=docs/render/form-html.png "file://$work/form.html" >/dev/null 2>&1
echo "docs/render: form-html.png, form-pdf.png, page-*.png (the first form on page $form_page)"
