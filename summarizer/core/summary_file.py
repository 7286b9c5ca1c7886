"""Read a summary JSON a user may have edited by hand, with input-error messages instead of tracebacks."""

from __future__ import annotations

import json
from pathlib import Path

from pydantic import ValidationError

from .distribution import DIST_NAME
from .errors import CorruptDocument, InputNotFound, InputTooLarge, validation_words
from .summary import SCHEMA_VERSION, Summary

__all__ = ["SUMMARY_MAX_BYTES", "load_summary"]

# extract's summary of the largest report it reads (2,000,000 characters) stays far below this: a
# bigger file was made by something else, and is refused before it is read
SUMMARY_MAX_BYTES = 32 * 1024 * 1024


def load_summary(path: str) -> Summary:
    file = Path(path)
    if not file.is_file():
        raise InputNotFound(
            path, "摘要文件不存在", "请检查路径，摘要由 summarizer extract 生成（*.summary.json）。"
        )
    size = file.stat().st_size
    if size > SUMMARY_MAX_BYTES:
        raise InputTooLarge(
            path,
            f"摘要文件过大（{size / 1024 / 1024:.0f} MB，上限 {SUMMARY_MAX_BYTES // 1024 // 1024} MB）",
            "summarizer extract 生成的摘要不会这么大，请对原报告重新运行 summarizer extract。",
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
    _check_version(path, text)
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


def _check_version(path: str, text: str) -> None:
    """A summary written by a newer summarizer is refused by its version, before its fields are read
    (an unknown field would otherwise read as a hand-editing mistake)."""
    try:
        version = json.loads(text).get("schema_version", 1)
    except (ValueError, AttributeError, RecursionError):
        return  # not a JSON object: validation says what is wrong with it
    if isinstance(version, int) and not isinstance(version, bool) and version > SCHEMA_VERSION:
        raise CorruptDocument(
            path,
            f"摘要由更新版本的 summarizer 生成（摘要格式第 {version} 版，"
            f"本程序只认第 {SCHEMA_VERSION} 版及以前）",
            f'请升级本程序（pip install -U "{DIST_NAME}"），或用本版本对原报告重新运行 summarizer extract。',
        )
