"""Every error the tool raises on purpose, each carrying its exit code and a Chinese message.

    SummarizerError                  exit 1   base; anything unexpected at run time
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

__all__ = [
    "BinaryInput",
    "ConfigError",
    "CorruptDocument",
    "DecodeError",
    "EmptyInput",
    "InputError",
    "InputNotFound",
    "InputTooLarge",
    "NeedsOCR",
    "SummarizerError",
    "UnsupportedFormat",
    "UsageError",
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
