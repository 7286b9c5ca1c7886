"""Every error the tool raises on purpose, each carrying its exit code and a Chinese message.

    SummarizerError                  exit 1   base; anything unexpected at run time
    ├── BackendError                 exit 1   the model or endpoint failed; message says what to fix
    │   ├── BackendUnavailable                 the `local` extra / model packages are not installed
    │   ├── ModelIntegrityError                the assembled model's sha256 does not match
    │   ├── EndpointAuthError                  401/403: the API key is wrong or missing
    │   ├── EndpointNotFound                   404, a redirect elsewhere or in a loop: fix base URL / model
    │   └── EndpointFailed                     429/5xx/timeouts still failing after the retries
    ├── ExtractionFailed             exit 1   the model's output never validated; carries the last raw output
    ├── GroundingFailed              exit 1   --unverified fail, and some item is not in the source
    ├── RenderGateError              exit 1   an output failed the gate, or a shipped template is broken:
    │                                          a bug in the program, never in the user's input
    ├── OutputWriteError             exit 1   the system refused a write (permission, read-only, disk full,
    │                                          a file open in Word/WPS); message names file + remedy
    ├── OutputLocked                 exit 1   another batch is writing into the same output directory
    ├── UsageError                   exit 2   bad flags or arguments, bad config values
    │   └── ConfigError                        a summarizer.toml that cannot be read or is wrong
    └── InputError                   exit 3   the input file is the problem; message names file + remedy
        ├── InputNotFound                      missing path, or a directory given as a file
        ├── UnsupportedFormat                  an extension / content we cannot read
        ├── EmptyInput                         nothing but whitespace, or no text after extraction
        ├── BinaryInput                        bytes that are not text
        ├── DecodeError                        text whose encoding cannot be determined
        ├── CorruptDocument                    a .docx / .pdf / .html that fails to parse
        ├── NeedsOCR                           a PDF without a text layer
        └── InputTooLarge                      more text than the configured limit

The CLI turns any of these into one line on stderr and the exit code; stages only raise them.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

__all__ = [
    "BackendError",
    "BackendUnavailable",
    "BinaryInput",
    "ConfigError",
    "CorruptDocument",
    "DecodeError",
    "EmptyInput",
    "EndpointAuthError",
    "EndpointFailed",
    "EndpointNotFound",
    "ExtractionFailed",
    "GroundingFailed",
    "InputError",
    "InputNotFound",
    "InputTooLarge",
    "ModelIntegrityError",
    "NeedsOCR",
    "OutputLocked",
    "OutputWriteError",
    "RenderGateError",
    "SummarizerError",
    "UnsupportedFormat",
    "UsageError",
    "validation_words",
]


class SummarizerError(Exception):
    """Base class. `message` is what the user reads (Simplified Chinese)."""

    exit_code = 1

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


class UsageError(SummarizerError):
    exit_code = 2


class ConfigError(UsageError):
    pass


class BackendError(SummarizerError):
    pass


class BackendUnavailable(BackendError):
    pass


class ModelIntegrityError(BackendError):
    pass


class EndpointAuthError(BackendError):
    pass


class EndpointNotFound(BackendError):
    pass


class EndpointFailed(BackendError):
    pass


class ExtractionFailed(SummarizerError):
    """Validation kept failing. `raw` is the model's last output; `attempts` and token totals count
    every try, so the cost of the retries is never hidden."""

    def __init__(
        self, message: str, *, raw: str, attempts: int, prompt_tokens: int, completion_tokens: int
    ) -> None:
        super().__init__(message)
        self.raw = raw
        self.attempts = attempts
        self.prompt_tokens = prompt_tokens
        self.completion_tokens = completion_tokens


class GroundingFailed(SummarizerError):
    pass


class RenderGateError(SummarizerError):
    """A rendered output holds a figure that is neither verified nor marked, or a shipped template
    failed to render. Either way the program is at fault: nothing is written."""


class OutputWriteError(SummarizerError):
    """Writing `target` failed in the operating system; nothing partial was left behind."""

    def __init__(self, target: str, problem: str, remedy: str) -> None:
        super().__init__(f"{target}：{problem}。{remedy}")
        self.target = target
        self.problem = problem


class OutputLocked(SummarizerError):
    pass


class InputError(SummarizerError):
    """The input is at fault. `source` names the file (or "标准输入")."""

    exit_code = 3

    def __init__(self, source: str, problem: str, remedy: str) -> None:
        super().__init__(f"{source}：{problem}。{remedy}")
        self.source = source
        self.problem = problem
        self.remedy = remedy


class InputNotFound(InputError):
    pass


class UnsupportedFormat(InputError):
    pass


class EmptyInput(InputError):
    pass


class BinaryInput(InputError):
    pass


class DecodeError(InputError):
    pass


class CorruptDocument(InputError):
    pass


class NeedsOCR(InputError):
    pass


class InputTooLarge(InputError):
    pass


# pydantic's error types, in the user's language: a message never carries its English ("Field required")
_VALIDATION_WORDS = {
    "missing": "缺少这一项",
    "extra_forbidden": "不是可用的项",
    "string_type": "应为文字",
    "string_too_short": "不能为空",
    "string_too_long": "不能超过 {max_length} 个字",
    "string_pattern_mismatch": "写法不符合要求",
    "int_type": "应为整数",
    "int_parsing": "应为整数",
    "int_from_float": "应为整数",
    "float_type": "应为数字",
    "float_parsing": "应为数字",
    "finite_number": "应为有限的数",
    "bool_type": "应为 true 或 false",
    "bool_parsing": "应为 true 或 false",
    "greater_than": "应大于 {gt}",
    "greater_than_equal": "应不小于 {ge}",
    "less_than": "应小于 {lt}",
    "less_than_equal": "应不大于 {le}",
    "literal_error": "应为以下之一：{expected}",
    "enum": "应为以下之一：{expected}",
    "dict_type": "应为一组“名称 = 值”（表）",
    "list_type": "应为列表",
    "tuple_type": "应为列表",
    "json_invalid": "不是有效的 JSON",
    "model_type": "应为一组字段（对象）",
    "too_short": "至少要有 {min_length} 项",
    "too_long": "最多 {max_length} 项",
}


def validation_words(error: Mapping[str, Any]) -> str:
    """One pydantic error said in Chinese (its bounds filled in); an unknown kind is said generally."""
    template = _VALIDATION_WORDS.get(str(error.get("type", "")))
    if template is None:
        return "取值不符合要求"
    bounds = {k: f"{v:g}" if isinstance(v, float) else v for k, v in dict(error.get("ctx") or {}).items()}
    if isinstance(bounds.get("expected"), str):  # "'local', 'openai' or 'fake'" -> local、openai、fake
        bounds["expected"] = bounds["expected"].replace("'", "").replace(" or ", "、").replace(", ", "、")
    try:
        return template.format(**bounds)
    except (KeyError, IndexError):
        return template.split("{", 1)[0].rstrip("：: ")
