"""Build the configured backend. Imports are lazy: the openai SDK and llama.cpp load only when used."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

from ..core.config import Settings
from .base import Backend, Message
from .fake import FakeBackend

__all__ = ["dry_run_reply", "make_backend"]

ModelProgress = Callable[[int, int], None]  # bytes assembled so far, total bytes
Notify = Callable[[str], None]  # one Chinese line for the user (an endpoint's retry), shown by the caller


def dry_run_reply(messages: Sequence[Message], schema: dict[str, Any] | None) -> str:
    """`--dry-run`: no answer at all. Extraction keeps every item's skeleton form (the rules' names and
    the source's words) and the memo's prose is written by code, so the pipeline runs with no model."""
    return "{}"


def make_backend(
    settings: Settings, *, model_progress: ModelProgress | None = None, notify: Notify | None = None
) -> Backend:
    if settings.backend == "fake":
        return FakeBackend(default=dry_run_reply, model="dry-run")
    if settings.backend == "openai":
        from .openai_compat import OpenAIBackend

        return OpenAIBackend.from_settings(settings, notify=notify)
    from .llamacpp import LlamaCppBackend

    return LlamaCppBackend.from_settings(settings, progress=model_progress)
