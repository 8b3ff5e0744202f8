"""Shared fixtures. Tests that need the reference document skip with a reason when it is absent."""

from __future__ import annotations

from pathlib import Path

import pytest

from juesuan.model.disclosure import Disclosure
from juesuan.read.document import Document

REFERENCE = (
    Path(__file__).resolve().parents[1].parent
    / "shared"
    / "corpus"
    / "jincheng-eeb-2024-final-accounts.txt"
)


@pytest.fixture(scope="session")
def reference_path() -> Path:
    if not REFERENCE.is_file():
        pytest.skip(f"reference document not found at {REFERENCE} (../shared/corpus is absent)")
    return REFERENCE


@pytest.fixture(scope="session")
def reference_document(reference_path: Path) -> Document:
    from juesuan.read import read_document

    return read_document(reference_path)


@pytest.fixture(scope="session")
def reference_lines(reference_path: Path) -> list[str]:
    """The reference's raw lines (index 0 is line 1), for checking that spans point at the text."""
    return reference_path.read_text(encoding="utf-8").split("\n")


@pytest.fixture(scope="session")
def reference(reference_document: Document) -> Disclosure:
    from juesuan.parse import parse_document

    return parse_document(reference_document)
