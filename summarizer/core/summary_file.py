"""Read a summary JSON a user may have edited by hand, with input-error messages instead of tracebacks."""

from __future__ import annotations

from pathlib import Path

from pydantic import ValidationError

from .errors import CorruptDocument, InputNotFound, validation_words
from .summary import Summary

__all__ = ["load_summary"]


def load_summary(path: str) -> Summary:
    file = Path(path)
    if not file.is_file():
        raise InputNotFound(
            path, "摘要文件不存在", "请检查路径，摘要由 summarizer extract 生成（*.summary.json）。"
        )
    try:
        # A summary edited in Notepad keeps a BOM; any other encoding than UTF-8 is the user's to fix.
        text = file.read_bytes().decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise CorruptDocument(
            path,
            "不是 UTF-8 编码的摘要 JSON（可能被另存为 GBK/ANSI）",
            "请用记事本“另存为”，编码选 UTF-8 后重试。",
        ) from exc
    try:
        return Summary.model_validate_json(text)
    except ValidationError as exc:
        first = exc.errors()[0]
        where = ".".join(str(p) for p in first["loc"]) or "整体"
        raise CorruptDocument(
            path,
            f"不是有效的摘要 JSON（{where}：{validation_words(first)}）",
            "请用 summarizer extract 重新生成，或修正该字段。",
        ) from exc
