"""Errors a reader raises for unusable input: a code, and one line each in Chinese and English."""

from __future__ import annotations


class InputError(Exception):
    """Input juesuan cannot use. The CLI prints ``message_zh / message_en`` and exits 2."""

    def __init__(self, code: str, message_zh: str, message_en: str, path: str | None = None):
        self.code = code
        self.message_zh = message_zh
        self.message_en = message_en
        self.path = path
        super().__init__(f"{code}: {message_zh} / {message_en}")

    def one_line(self) -> str:
        where = f"{self.path}: " if self.path else ""
        return f"错误 {self.code}: {where}{self.message_zh} / error: {self.message_en}"
