"""A scripted backend for tests and `--dry-run`: replies are queued, every call is recorded."""

from __future__ import annotations

from collections import deque
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

from .base import Capabilities, Completion, Message, Usage

__all__ = ["FakeBackend", "FakeCall"]

Reply = str | Callable[[Sequence[Message], dict[str, Any] | None], str]


@dataclass(frozen=True, slots=True)
class FakeCall:
    messages: list[Message]
    schema: dict[str, Any] | None
    max_tokens: int
    temperature: float


class FakeBackend:
    """`enqueue()` replies (text, or a function of the messages); with none left, `default` answers.

    Token counts are characters / 2, close enough to Qwen's ~1.8 Chinese characters per token for
    tests that check that usage is summed, never for measuring anything.
    """

    name = "fake"
    capabilities = Capabilities()

    def __init__(
        self, replies: Sequence[Reply] = (), *, default: Reply | None = None, model: str = "fake"
    ) -> None:
        self.model = model
        self._queue: deque[Reply] = deque(replies)
        self._default = default
        self.history: list[FakeCall] = []

    def enqueue(self, *replies: Reply) -> None:
        self._queue.extend(replies)

    def complete(
        self,
        messages: Sequence[Message],
        *,
        schema: dict[str, Any] | None = None,
        max_tokens: int = 1024,
        temperature: float = 0.0,
        stop: Sequence[str] = (),
    ) -> Completion:
        self.history.append(FakeCall(list(messages), schema, max_tokens, temperature))
        reply = self._queue.popleft() if self._queue else self._default
        if reply is None:
            raise AssertionError("FakeBackend has no scripted reply left")
        text = reply(messages, schema) if callable(reply) else reply
        prompt = sum(len(m["content"]) for m in messages) // 2
        return Completion(
            text=text,
            usage=Usage(prompt_tokens=prompt, completion_tokens=max(1, len(text) // 2)),
            model=self.model,
            finish_reason="stop",
            mode="grammar" if schema else "text",
        )

    def describe(self) -> dict[str, str]:
        return {"backend": self.name, "model": self.model, "queued_replies": str(len(self._queue))}
