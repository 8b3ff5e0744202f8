"""The review in a real Chromium (Debian's, driven by Playwright): log in, upload the reference and a
real Shanghai PDF, open a finding beside its highlighted page, dismiss one with a reason, upload a
corrected version, see the decision carried and the fixed finding gone, export the memo.
Screenshots go to the folder JUESUAN_SCREENSHOTS names (``JUESUAN_SCREENSHOTS=docs/web`` refreshes
the README's), else to a temporary one. Skips, saying why, when Chromium or Playwright is absent."""

from __future__ import annotations

import io
import os
import shutil
from pathlib import Path

import pytest

from juesuan.web import Settings, create_app
from juesuan.web.auth import create_user
from juesuan.web.db import Role

from .conftest import PASSWORD
from .live import serving


def _chromium() -> str:
    path = os.environ.get("JUESUAN_CHROMIUM") or shutil.which("chromium") or shutil.which("chromium-browser")
    if not path:
        pytest.skip("Chromium not installed (apt-get install chromium; listed in .ci/apt-packages)")
    return path


def test_review_in_chromium(tmp_path: Path, reference_path: Path, shanghai_pdf: Path, corrected_text: str) -> None:
    executable = _chromium()
    sync_api = pytest.importorskip("playwright.sync_api", reason="the playwright package is not installed")
    from docx import Document as Docx

    app = create_app(Settings(store=tmp_path / "store"))
    with app.state.sessions() as db:
        create_user(db, "审核员", PASSWORD, Role.REVIEWER)
    shots = Path(os.environ.get("JUESUAN_SCREENSHOTS") or tmp_path / "screenshots")
    shots.mkdir(parents=True, exist_ok=True)
    with serving(app) as base, sync_api.sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=executable, args=["--no-sandbox"])
        try:
            page = browser.new_page(viewport={"width": 1440, "height": 900}, accept_downloads=True)
            page.set_default_timeout(30_000)
            expect = sync_api.expect

            page.goto(f"{base}/")
            expect(page).to_have_url(f"{base}/login?next=/")
            page.fill("input[name=username]", "审核员")
            page.fill("input[name=password]", PASSWORD)
            page.click("button[type=submit]")
            expect(page.locator("h1").first).to_have_text("上传公开文件")

            page.set_input_files("#upload input[type=file]", [str(reference_path), str(shanghai_pdf)])
            page.click("#upload button[type=submit]")
            expect(page.locator("#progress")).to_have_attribute("data-finished", "2", timeout=60_000)
            expect(page.locator("tr.version[data-status=done]")).to_have_count(2)
            page.screenshot(path=shots / "upload-progress.png")

            # The PDF: a finding beside its page, the quoted text highlighted.
            page.click(f"text=错误 {_summary(page, 2)}")
            page.locator("li.finding", has_text="人员经费").locator("a").click()
            image = page.locator("#page-image")
            expect(image).to_be_visible()
            expect(image).to_have_js_property("complete", True)
            assert image.evaluate("img => img.naturalWidth") > 0
            page.screenshot(path=shots / "finding-pdf-page.png")

            # The reference: findings grouped by part and rule, a filter, then one dismissed with a reason.
            page.goto(f"{base}/")
            page.click("text=晋城市生态环境局2024年度部门决算")  # the title the cover gives
            total = page.locator("li.finding").count()
            assert total > 20
            page.screenshot(path=shots / "document-findings.png")
            page.select_option("select[name=code]", "F107")
            expect(page.locator("li.finding")).to_have_count(1)  # htmx swapped the list in place
            page.select_option("select[name=code]", "")
            expect(page.locator("li.finding")).to_have_count(total)
            page.locator("li.finding", has_text="九张公开表").locator("a").click()
            expect(page.locator("#quoted-line mark")).to_be_visible()
            page.check("input[value=dismissed]")
            page.fill("textarea[name=reason]", "公开表另册报送，已核对")
            page.click("#decide button")
            expect(page.locator("#current-decision")).to_contain_text("排除：公开表另册报送，已核对")
            page.screenshot(path=shots / "finding-text-decision.png")

            # A corrected version: the decision carries over, the fixed finding (N101) is gone.
            page.click(".crumbs a")
            page.click("details.newversion summary")
            page.set_input_files("#upload-version input[type=file]", files=[{
                "name": "jincheng-eeb-2024-final-accounts-corrected.txt", "mimeType": "text/plain",
                "buffer": corrected_text.encode("utf-8")}])
            page.click("#upload-version button")
            expect(page.locator("#progress")).to_have_attribute("data-finished", "1", timeout=60_000)
            page.click("tr.version a")
            expect(page.locator("li.finding")).to_have_count(total - 1)
            assert page.locator("li.finding .sev", has_text="N101").count() == 0
            carried = page.locator("li.finding", has_text="九张公开表")
            expect(carried.locator(".decision")).to_have_text("排除：公开表另册报送，已核对 （沿用第1版的决定）")
            carried.scroll_into_view_if_needed()
            page.screenshot(path=shots / "version-2-decision-carried.png")
            page.click("#compare-link")
            expect(page.locator("#fixed li")).to_have_count(1)
            expect(page.locator("#fixed")).to_contain_text("N101")
            page.screenshot(path=shots / "compare-versions.png")

            page.go_back()
            with page.expect_download() as download:
                page.click("#memo-docx")
            memo = Docx(io.BytesIO(Path(download.value.path()).read_bytes()))
            text = "\n".join(p.text for p in memo.paragraphs)
            assert "排除理由：公开表另册报送，已核对" in text and "较第1版已修正的问题" in text
        finally:
            browser.close()


def _summary(page: object, row: int) -> str:
    """The error count shown for the batch's ``row``-th file (its link text starts with it)."""
    cell = page.locator(f"tr.version:nth-child({row}) td:last-child a")  # type: ignore[attr-defined]
    return str(cell.inner_text()).removeprefix("错误 ").split("，")[0]
