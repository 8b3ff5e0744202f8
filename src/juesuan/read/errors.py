"""Errors a reader raises for unusable input: a code, and one line each in Chinese and English."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any


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


_REASONS_ZH = {
    "missing": "缺少必填项", "extra_forbidden": "未知的键（拼写有误？）", "decimal_parsing": "应为数字",
    "decimal_type": "应为数字", "float_parsing": "应为数字", "float_type": "应为数字", "int_parsing": "应为整数",
    "int_type": "应为整数", "int_from_float": "应为整数", "bool_parsing": "应为 true 或 false",
    "bool_type": "应为 true 或 false", "string_type": "应为文本", "list_type": "应为列表",
    "dict_type": "应为键值表", "model_type": "应为键值表", "literal_error": "不是允许的取值",
    "enum": "不是允许的取值", "greater_than_equal": "数值过小", "greater_than": "数值过小",
    "less_than_equal": "数值过大", "less_than": "数值过大", "too_short": "项数过少", "too_long": "项数过多",
    "tuple_type": "应为列表", "decimal_max_places": "小数位数过多",
}


def validation_reason(error: Mapping[str, Any]) -> tuple[str, str]:
    """A pydantic error (one of ``ValidationError.errors()``) as a (Chinese, English) reason.

    A validator's own message is written ``中文 / English`` and is split at the slash; pydantic's
    own English messages get a Chinese phrase by error type, so no English appears in the Chinese
    half of the one-line error."""
    kind = str(error.get("type", ""))
    message = str(error.get("msg", ""))
    if kind in ("value_error", "assertion_error"):
        context = error.get("ctx") or {}
        message = str(context.get("error", message.removeprefix("Value error, ")))
        zh, slash, en = message.partition(" / ")
        return (zh, en) if slash else ("取值无效：" + message, message)
    zh = _REASONS_ZH.get(kind, "取值无效")
    if kind in ("literal_error", "enum") and "expected" in (error.get("ctx") or {}):
        zh += f"（可用：{error['ctx']['expected']}）"
    return zh, message
