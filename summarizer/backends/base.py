"""The one interface every backend implements, and what a call returns.

Backends never import the pipeline: they take chat messages and an optional JSON schema and give
back text plus token usage and timings. Parsing and validation are the caller's job.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any, Literal, Protocol, TypedDict, runtime_checkable

__all__ = ["Backend", "Capabilities", "Completion", "Message", "Usage"]


class Message(TypedDict):
    role: Literal["system", "user", "assistant"]
    content: str


@dataclass(frozen=True, slots=True)
class Usage:
    prompt_tokens: int = 0
    completion_tokens: int = 0
    cached_tokens: int | None = None  # prompt tokens served from a reused prefix, where known

    def __add__(self, other: Usage) -> Usage:
        cached = (
            None
            if self.cached_tokens is None and other.cached_tokens is None
            else (self.cached_tokens or 0) + (other.cached_tokens or 0)
        )
        return Usage(
            self.prompt_tokens + other.prompt_tokens, self.completion_tokens + other.completion_tokens, cached
        )


@dataclass(frozen=True, slots=True)
class Completion:
    text: str
    usage: Usage = field(default_factory=Usage)
    seconds: float = 0.0  # wall time of the call
    model: str = ""
    finish_reason: str | None = None  # "stop", "length" (max_tokens hit), ...
    mode: str = "text"  # how structure was requested: json_schema / json_object / grammar / text


@dataclass(frozen=True, slots=True)
class Capabilities:
    """What callers may expect of a backend, so that no caller tests a backend's name."""

    # Whether re-asking with the validation error appended tends to fix an answer. The embedded 1.5B
    # model mostly repeats its first answer, so a re-ask only doubles the wait.
    reask_useful: bool = True
    # How many requests may run at once. The embedded model is one instance with one KV cache.
    parallel_slots: int = 64


@runtime_checkable
class Backend(Protocol):
    name: str  # "local", "openai", "fake"
    model: str  # model id or GGUF file name; part of every cache key
    capabilities: Capabilities

    def complete(
        self,
        messages: Sequence[Message],
        *,
        schema: dict[str, Any] | None = None,
        max_tokens: int = 1024,
        temperature: float = 0.0,
        stop: Sequence[str] = (),
    ) -> Completion:
        """One chat completion. With `schema`, ask the model for JSON matching it as strictly as the
        backend can (grammar, json_schema, json_object, or instructions only) and report which in
        `Completion.mode`. Raises `BackendError` subclasses from `summarizer.core.errors`."""
        ...

    def describe(self) -> dict[str, str]:
        """Human-readable facts for `summarizer models` (never secrets)."""
        ...
