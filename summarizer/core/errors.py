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
