"""The review through the pages and the API: upload, findings grouped and filtered, the source beside
a finding, decisions that carry over to a corrected version, comparison, memo and baseline."""

from __future__ import annotations

import io
import json
import re
from pathlib import Path

import pytest
from docx import Document as Docx

from juesuan.cli import app as cli_typer

from .conftest import DEPT_A, FIXED, WRONG, Workspace, upload, wait


def _findings(client: object, document_id: int, version: int | None = None) -> list[dict[str, object]]:
    query = f"?version={version}" if version else ""
    return list(client.get(f"/api/documents/{document_id}/findings{query}").json()["findings"])  # type: ignore[attr-defined]


def test_upload_audits_like_the_cli(workspace: Workspace, reference_path: Path) -> None:
    client, csrf = workspace.client("reviewer")
    [version] = wait(client, upload(client, csrf, reference_path))
    assert version["status"] == "done" and version["department"] == DEPT_A
    found = _findings(client, int(str(version["document_id"])))
    from typer.testing import CliRunner

    result = CliRunner().invoke(cli_typer, ["audit", str(reference_path), "--format", "json"])
    cli = json.loads(result.stdout)["findings"]
    assert [(f["code"], f["line"], f["quote"], f["fingerprint"]) for f in found] == \
        [(f["code"], f["line"], f["quote"], f["fingerprint"]) for f in cli]
    assert version["summary"]["score"]["forms"] == 64  # type: ignore[index]


def test_document_page_groups_and_filters(workspace: Workspace, reference_path: Path) -> None:
    client, csrf = workspace.client("reviewer")
    [version] = wait(client, upload(client, csrf, reference_path))
    page = client.get(f"/documents/{version['document_id']}").text
    assert "第三部分 <span class=\"code\">N101</span>" in page
    assert page.count('class="finding ') == len(_findings(client, int(str(version["document_id"]))))
    only = client.get(f"/documents/{version['document_id']}?code=F107").text
    assert only.count('class="finding ') == 1 and "F107" in only
    errors = client.get(f"/documents/{version['document_id']}?severity=warning").text
    assert 'class="finding error"' not in errors


def test_text_finding_shows_its_line_in_context(workspace: Workspace, reference_path: Path) -> None:
    client, csrf = workspace.client("reviewer")
    [version] = wait(client, upload(client, csrf, reference_path))
    n101 = next(f for f in _findings(client, int(str(version["document_id"]))) if f["code"] == "N101")
    page = client.get(f"/documents/{version['document_id']}/findings/{n101['id']}").text
    current = re.search(r'<li value="256" class="current" id="quoted-line">(.*?)</li>', page, re.S)
    assert current and "<mark>" in current.group(1)
    assert page.count("<li value=") == 13  # six lines either side
    assert 'id="page-image"' not in page


def test_pdf_finding_renders_its_page_highlighted(workspace: Workspace, shanghai_pdf: Path) -> None:
    client, csrf = workspace.client("reviewer")
    [version] = wait(client, upload(client, csrf, shanghai_pdf))
    assert version["status"] == "done"
    found = _findings(client, int(str(version["document_id"])))
    paged = [f for f in found if f["page"]]
    assert paged, "the PDF's findings name their pages"
    for f in paged[:3]:
        image = client.get(f"/documents/{version['document_id']}/findings/{f['id']}/page.png")
        assert image.status_code == 200 and image.content[:8] == b"\x89PNG\r\n\x1a\n"
        assert int(image.headers["x-highlighted"]) >= 1, f["quote"]
        page = client.get(f"/documents/{version['document_id']}/findings/{f['id']}").text
        assert 'id="page-image"' in page


def test_decisions_carry_over_and_the_fixed_finding_goes(workspace: Workspace, reference_path: Path,
                                                         corrected_text: str, tmp_path: Path) -> None:
    client, csrf = workspace.client("reviewer")
    [first] = wait(client, upload(client, csrf, reference_path))
    document_id = int(str(first["document_id"]))
    found = _findings(client, document_id)
    c102 = next(f for f in found if f["code"] == "C102")
    response = client.post(f"/documents/{document_id}/findings/{c102['id']}/decision",
                           data={"csrf_token": csrf, "verdict": "dismissed", "reason": "公开表另册报送"})
    assert response.status_code == 303
    # A dismissal without a reason is refused.
    assert client.post(f"/documents/{document_id}/findings/{c102['id']}/decision",
                       data={"csrf_token": csrf, "verdict": "dismissed", "reason": " "}).status_code == 422
    n101 = next(f for f in found if f["code"] == "N101")
    client.post(f"/documents/{document_id}/findings/{n101['id']}/decision",
                data={"csrf_token": csrf, "verdict": "query", "reason": "请核对一般公共预算项目支出"})

    # The department answers the query; a reply to anything but a query is refused.
    department, department_csrf = workspace.client("dept_a")
    assert department.post(f"/documents/{document_id}/findings/{n101['id']}/reply",
                           data={"csrf_token": department_csrf, "text": "系笔误，应为12,814.56万元"}).status_code == 303
    assert department.post(f"/documents/{document_id}/findings/{c102['id']}/reply",
                           data={"csrf_token": department_csrf, "text": "x"}).status_code == 409
    finding_page = client.get(f"/documents/{document_id}/findings/{n101['id']}").text
    assert "系笔误，应为12,814.56万元" in finding_page
    history = re.search(r'<ol class="history" id="history">(.*?)</ol>', finding_page, re.S)
    assert history is not None
    entries = [re.sub(r"^\S+ \S+ · ", "", li.strip()) for li in re.findall(r"<li>(.*?)</li>", history.group(1), re.S)]
    assert entries == ["dept-a · 第1版 · 部门答复：系笔误，应为12,814.56万元",
                       "reviewer · 第1版 · 请部门说明：请核对一般公共预算项目支出"]
    pending = client.get(f"/api/documents/{document_id}/findings?decision=pending").json()["findings"]
    assert len(pending) == len(found) - 2 and client.get(
        f"/api/documents/{document_id}/findings?decision=query").json()["findings"][0]["code"] == "N101"
    assert client.get(f"/documents/{document_id}?decision=dismissed").text.count('class="finding ') == 1

    response = client.post(f"/documents/{document_id}/versions", data={"csrf_token": csrf},
                           files={"file": ("corrected.txt", corrected_text.encode("utf-8"), "text/plain")})
    [second] = wait(client, str(response.headers["location"]).rsplit("/", 1)[-1])
    assert second["number"] == 2 and second["document_id"] == document_id
    after = _findings(client, document_id)
    assert len(after) == len(found) - 1 and "N101" not in {f["code"] for f in after}
    carried = next(f for f in after if f["fingerprint"] == c102["fingerprint"])
    assert carried["decision"] == {**carried["decision"], "verdict": "dismissed", "reason": "公开表另册报送",
                                   "carried_from": 1}
    page = client.get(f"/documents/{document_id}").text
    assert "（沿用第1版的决定）" in page

    comparison = client.get(f"/api/documents/{document_id}/compare").json()
    assert [f["code"] for f in comparison["fixed"]] == ["N101"] and comparison["new"] == []
    assert len(comparison["unchanged"]) == len(after)
    html = client.get(f"/documents/{document_id}/compare").text
    assert "已修正（1 条）" in html and "新出现（0 条）" in html

    # The exported baseline holds the dismissal, and the CLI accepts it: the finding is hidden.
    baseline = client.get(f"/documents/{document_id}/baseline.json").json()
    assert [e["fingerprint"] for e in baseline["accepted"]] == [c102["fingerprint"]]
    path = tmp_path / "baseline.json"
    path.write_text(json.dumps(baseline, ensure_ascii=False), encoding="utf-8")
    corrected = tmp_path / "corrected.txt"
    corrected.write_text(corrected_text, encoding="utf-8")
    from typer.testing import CliRunner

    result = CliRunner().invoke(cli_typer, ["audit", str(corrected), "--baseline", str(path), "--format", "json"])
    data = json.loads(result.stdout)
    assert data["summary"]["hidden_by_baseline"] == 1
    assert c102["fingerprint"] not in {f["fingerprint"] for f in data["findings"]}
    assert WRONG not in corrected_text and FIXED in corrected_text

    memo = Docx(io.BytesIO(client.get(f"/documents/{document_id}/memo.docx").content))
    text = "\n".join(p.text for p in memo.paragraphs)
    assert "审核意见" in text and "经审核排除的发现" in text and "排除理由：公开表另册报送" in text
    assert "较第1版已修正的问题" in text and "分项“其中一般公共预算项目支出25416.8万元”" in text
    first_memo = Docx(io.BytesIO(client.get(f"/documents/{document_id}/memo.docx?version=1").content))
    assert "问题：请核对一般公共预算项目支出；部门答复：系笔误，应为12,814.56万元" in "\n".join(
        p.text for p in first_memo.paragraphs)


def test_memo_pdf(workspace: Workspace, reference_path: Path) -> None:
    from juesuan.render.pdf import weasyprint_error

    if weasyprint_error():
        pytest.skip(f"WeasyPrint cannot run here: {weasyprint_error()}")
    client, csrf = workspace.client("reviewer")
    [version] = wait(client, upload(client, csrf, reference_path))
    pdf = client.get(f"/documents/{version['document_id']}/memo.pdf")
    assert pdf.status_code == 200 and pdf.content.startswith(b"%PDF-")
    import pypdfium2 as pdfium

    document = pdfium.PdfDocument(pdf.content)
    assert "审核意见" in document[0].get_textpage().get_text_range()


def test_same_bytes_are_stored_once_and_audited_once(workspace: Workspace, reference_path: Path) -> None:
    client, csrf = workspace.client("reviewer")
    wait(client, upload(client, csrf, reference_path))
    [again] = wait(client, upload(client, csrf, reference_path))
    blobs = list((workspace.app.state.store.root / "blobs").rglob("*.txt"))
    assert len(blobs) == 1 and blobs[0].name.startswith(str(again["sha256"]))
    assert again["status"] == "done"


def test_unreadable_upload_fails_with_the_readers_code(workspace: Workspace) -> None:
    client, csrf = workspace.client("reviewer")
    [version] = wait(client, upload(client, csrf, Path("x.pdf"), data=b"%PDF-1.7\n truncated", name="broken.pdf"))
    assert version["status"] == "failed" and version["error_code"] == "R007"
    page = client.get(f"/batches/{version['batch']}").text
    assert "错误 R007" in page


def test_progress_fragment_polls_until_done(workspace: Workspace, reference_path: Path) -> None:
    client, csrf = workspace.client("reviewer")
    batch = upload(client, csrf, reference_path, reference_path, name="a.txt")
    wait(client, batch)
    fragment = client.get(f"/batches/{batch}/progress").text
    assert 'data-finished="2" data-total="2"' in fragment and "hx-get" not in fragment
