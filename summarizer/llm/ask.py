"""One validated answer from a model: ask -> parse -> validate -> re-ask with the error, bounded.

Every caller that wants structured output from a model (extraction, the memo's prose) goes through
`Asker`, so caching, the run log, token counting across attempts and the failure message exist
once. Each attempt's tokens are counted: retry cost is never hidden.
"""

from __future__ import annotations

import json
import time
from collections.abc import Callable, Sequence
from typing import Any, TypeVar

from pydantic import BaseModel, ValidationError
from tenacity import RetryError, Retrying, retry_if_exception_type, stop_after_attempt

from ..backends.base import Backend, Completion, Message, Usage
from ..backends.jsontext import extract_json_text
from ..core.errors import ExtractionFailed
from . import prompts
from .cache import CallCache, call_key

__all__ = ["Asker"]

Model = TypeVar("Model", bound=BaseModel)


class _Invalid(Exception):
    def __init__(self, error: str, raw: str) -> None:
        super().__init__(error)
        self.error = error
        self.raw = raw


class Asker:
    """A backend plus the call cache and sampling parameters; `usage` and `calls` add up every
    uncached attempt since the last `reset()`."""

    def __init__(
        self,
        backend: Backend,
        cache: CallCache | None = None,
        *,
        max_attempts: int = 3,
        max_tokens: int = 900,
        temperature: float = 0.0,
    ) -> None:
        self.backend = backend
        self.cache = cache
        self.max_attempts = max_attempts
        self.params: dict[str, Any] = {"max_tokens": max_tokens, "temperature": temperature}
        self.usage = Usage()
        self.calls = 0

    def reset(self) -> None:
        self.usage, self.calls = Usage(), 0

    def ask(
        self,
        messages: list[Message],
        model: type[Model],
        where: str,
        check: Callable[[Model], str | None] | None = None,
        *,
        schema: dict[str, Any] | None = None,
    ) -> Model:
        """One validated answer: pydantic first, then `check` (returns a problem to re-ask with).

        `schema` is what the model is held to, when it is stricter than `model` (which then only
        has to accept the answer, so that its items can be checked one by one)."""
        schema = schema or model.model_json_schema()
        conversation = list(messages)
        last_raw = ""
        attempts = 0
        try:
            for attempt in Retrying(
                stop=stop_after_attempt(self.max_attempts),
                retry=retry_if_exception_type(_Invalid),
                reraise=False,
            ):
                with attempt:
                    attempts += 1
                    completion, remember = self._call(conversation, schema, attempts)
                    last_raw = completion.text
                    try:
                        answer = _parse(completion, model)
                        remember()  # only an answer that parsed is cached: a broken one is asked again
                        problem = check(answer) if check else None
                        if problem:
                            raise _Invalid(problem, completion.text)
                        return answer
                    except _Invalid as invalid:
                        # Keep every failed answer and its error: at temperature 0 a re-ask that
                        # differed only in the last answer could repeat it word for word.
                        conversation += [
                            {"role": "assistant", "content": prompts.defang(invalid.raw[:1500])},
                            prompts.reask(invalid.error),
                        ]
                        raise
        except RetryError:
            pass
        raise ExtractionFailed(
            f"{where}：模型输出 {attempts} 次均未通过校验。原始输出已保存，"
            "可换用更大的模型（--model）或 openai 后端后重试。",
            raw=last_raw,
            attempts=attempts,
            prompt_tokens=self.usage.prompt_tokens,
            completion_tokens=self.usage.completion_tokens,
        )

    def _call(
        self, messages: Sequence[Message], schema: dict[str, Any], attempt: int
    ) -> tuple[Completion, Callable[[], None]]:
        """The answer, and how to cache it once it has parsed."""
        params = self.params
        key = call_key(self.backend.name, self.backend.model, messages, schema, **params)
        cached = self.cache.get(key) if self.cache else None
        started = time.perf_counter()
        completion = cached or self.backend.complete(messages, schema=schema, **params)
        cache = self.cache if cached is None else None
        if cached is None:
            self.usage = self.usage + completion.usage
            self.calls += 1
        if self.cache:
            self.cache.log(
                key=key[:16],
                backend=self.backend.name,
                model=self.backend.model,
                cached=cached is not None,
                attempt=attempt,
                prompt_tokens=completion.usage.prompt_tokens,
                completion_tokens=completion.usage.completion_tokens,
                cached_tokens=completion.usage.cached_tokens,
                seconds=round(completion.seconds if cached is None else time.perf_counter() - started, 3),
                finish_reason=completion.finish_reason,
                mode=completion.mode,
            )
        return completion, (lambda: cache.put(key, completion)) if cache else (lambda: None)


def _parse(completion: Completion, model: type[Model]) -> Model:
    raw = completion.text
    if completion.finish_reason == "length":
        raise _Invalid("输出被截断（超过长度上限）。请减少条目、缩短每条文字，只输出 JSON。", raw)
    try:
        data = json.loads(extract_json_text(raw))
    except json.JSONDecodeError as exc:
        raise _Invalid(f"不是合法的 JSON：{exc.msg}（第 {exc.pos} 个字符）。", raw) from exc
    except RecursionError as exc:  # a hostile endpoint's 200,000-deep nesting
        raise _Invalid("JSON 嵌套过深，无法读取。请输出扁平的 JSON 对象。", raw) from exc
    try:
        return model.model_validate(data)
    except ValidationError as exc:
        problems = "；".join(
            f"{'.'.join(str(p) for p in err['loc']) or '整体'}：{err['msg']}" for err in exc.errors()[:6]
        )
        raise _Invalid(f"字段不符合要求：{problems}", raw) from exc
