"""juesuan — read, audit, score and render departmental final-accounts disclosures (部门决算公开).

Public API::

    import juesuan
    disclosure = juesuan.read("2024-final-accounts.txt")
    findings = juesuan.audit(disclosure)
    juesuan.report.tables.evaluations(disclosure)   # rows ready for pandas.DataFrame
"""

from __future__ import annotations

import sys
import types

TYPE_CHECKING = False  # typing itself is not imported: ``juesuan --help`` starts with no more than this
if TYPE_CHECKING:
    from pathlib import Path

    from juesuan.model.disclosure import Disclosure
    from juesuan.read.errors import InputError

__version__ = "0.1.0"
__all__ = ["Disclosure", "InputError", "__version__", "audit", "read"]


def read(path: str | Path, password: str | None = None) -> Disclosure:
    """Read a published disclosure (text, PDF, DOCX, XLS/XLSX or HTML) into the typed model.

    ``password`` opens an encrypted PDF. Raises InputError on unusable input.
    """
    from juesuan.parse import parse_document
    from juesuan.read import read_document

    return parse_document(read_document(path, password=password))


class _Package(types.ModuleType):
    """``juesuan.read`` is the function above, although the subpackage of that name is imported
    later, on first use (importing a subpackage sets its parent's attribute; this keeps the
    function, as when the subpackage was imported before ``read`` was defined)."""

    def __setattr__(self, name: str, value: object) -> None:
        if name == "read" and isinstance(value, types.ModuleType):
            return
        super().__setattr__(name, value)


sys.modules[__name__].__class__ = _Package


def __getattr__(name: str) -> object:
    # ``juesuan.audit``, ``Disclosure`` and ``InputError`` are loaded on first use so ``import juesuan``
    # stays cheap: ``juesuan --help`` answers before pydantic or the model is imported.
    if name == "audit":
        import juesuan.audit as audit_package

        return audit_package
    if name == "Disclosure":
        from juesuan.model.disclosure import Disclosure

        return Disclosure
    if name == "InputError":
        from juesuan.read.errors import InputError

        return InputError
    raise AttributeError(f"module 'juesuan' has no attribute {name!r}")
