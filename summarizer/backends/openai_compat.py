"""Any OpenAI-compatible endpoint through the official SDK (OpenAI, DeepSeek, DashScope, vLLM, Ollama,
llama.cpp server).

Structured output is requested down a capability ladder, because servers differ in what they honour:
json_schema -> json_object with the schema (llama.cpp's extension) -> json_object -> plain text with
the schema in the instructions. A rung a server rejects is remembered per endpoint and model, in the
instance and in `capabilities.json` in the cache dir, so later calls and processes start at the rung
that works. Retries are ours (tenacity): 429, 5xx, timeouts and connection errors back off
exponentially, honouring Retry-After; 401/403/404 fail at once with the setting to fix. The API key is
never put in a message, a log line or a repr.
"""

from __future__ import annotations

import email.utils
import json
import logging
import time
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

import openai
from tenacity import RetryCallState, Retrying, retry_if_exception, stop_after_attempt, wait_exponential_jitter

from ..config import Settings
from ..errors import BackendError, EndpointAuthError, EndpointFailed, EndpointNotFound
from ..jsontext import extract_json_text, strip_think
from .base import Completion, Message, Usage

__all__ = ["RUNGS", "OpenAIBackend", "extract_json_text"]

_log = logging.getLogger(__name__)
RUNGS = ("json_schema", "json_object_schema", "json_object", "text")
_MAX_RETRY_AFTER = 60.0
# A local server needs no key, but the SDK insists on one; a real endpoint answers 401 and we say so.
_PLACEHOLDER_KEY = "not-needed"


class _CapabilityRejected(Exception):
    """The server refused this way of asking for structure; try the next rung."""


def _retry_after(exc: BaseException) -> float | None:
    response = getattr(exc, "response", None)
    header = response.headers.get("retry-after") if response is not None else None
    if not header:
        return None
    try:
        return min(float(header), _MAX_RETRY_AFTER)
    except ValueError:
        parsed = email.utils.parsedate_to_datetime(header)
        return min(max(parsed.timestamp() - time.time(), 0.0), _MAX_RETRY_AFTER)


def _retryable(exc: BaseException) -> bool:
    if isinstance(exc, openai.APITimeoutError | openai.APIConnectionError | openai.RateLimitError):
        return True
    return isinstance(exc, openai.APIStatusError) and exc.status_code >= 500 and not _is_capability_error(exc)


def _is_capability_error(exc: BaseException) -> bool:
    """llama.cpp's server answers an unsupported json_schema with HTTP 500 and a validation text."""
    if not isinstance(exc, openai.APIStatusError):
        return False
    if exc.status_code in (400, 422):
        return True
    body = str(exc.message).lower()
    return exc.status_code == 500 and any(w in body for w in ("response_format", "json_schema", "validation"))


class OpenAIBackend:
    name = "openai"

    def __init__(
        self,
        *,
        model: str,
        base_url: str | None = None,
        api_key: str | None = None,
        timeout: float = 300.0,
        max_retries: int = 4,
        cache_dir: Path | None = None,
        sleep: Callable[[float], None] = time.sleep,
    ) -> None:
        self.model = model
        self.base_url = base_url
        self.max_retries = max_retries
        self._sleep = sleep
        self._client = openai.OpenAI(
            base_url=base_url, api_key=api_key or _PLACEHOLDER_KEY, timeout=timeout, max_retries=0
        )
        self._has_key = bool(api_key)
        self._capabilities_file = cache_dir / "capabilities.json" if cache_dir else None
        self._rung = self._load_rung()

    @classmethod
    def from_settings(cls, settings: Settings) -> OpenAIBackend:
        if not settings.model:
            raise BackendError("使用 openai 后端时必须指定模型名称：--model 或 SUMMARIZER_MODEL。")
        return cls(
            model=settings.model,
            base_url=settings.base_url,
            api_key=settings.api_key.get_secret_value() if settings.api_key else None,
            timeout=settings.timeout,
            max_retries=settings.max_retries,
            cache_dir=settings.resolved_cache_dir(),
        )

    def __repr__(self) -> str:
        return f"OpenAIBackend(model={self.model!r}, base_url={self.base_url!r})"

    @property
    def _endpoint_key(self) -> str:
        return f"{self.base_url or 'https://api.openai.com/v1'} {self.model}"

    def _load_rung(self) -> int:
        try:
            data = json.loads(self._capabilities_file.read_text(encoding="utf-8"))  # type: ignore[union-attr]
            return RUNGS.index(data[self._endpoint_key])
        except (AttributeError, OSError, ValueError, KeyError):
            return 0

    def _save_rung(self) -> None:
        if self._capabilities_file is None:
            return
        try:
            data = json.loads(self._capabilities_file.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            data = {}
        data[self._endpoint_key] = RUNGS[self._rung]
        try:
            self._capabilities_file.parent.mkdir(parents=True, exist_ok=True)
            self._capabilities_file.write_text(
                json.dumps(data, ensure_ascii=False, indent=1), encoding="utf-8"
            )
        except OSError:
            _log.debug("could not persist endpoint capabilities")

    def complete(
        self,
        messages: Sequence[Message],
        *,
        schema: dict[str, Any] | None = None,
        max_tokens: int = 1024,
        temperature: float = 0.0,
        stop: Sequence[str] = (),
    ) -> Completion:
        while True:
            rung = RUNGS[self._rung] if schema else "text"
            try:
                return self._with_retries(messages, schema, rung, max_tokens, temperature, stop)
            except _CapabilityRejected:
                if self._rung + 1 >= len(RUNGS):
                    raise EndpointFailed(f"{self._endpoint_key}：接口拒绝了所有结构化输出方式。") from None
                self._rung += 1
                _log.info("endpoint %s does not accept %s; trying %s", self.base_url, rung, RUNGS[self._rung])
                self._save_rung()

    def _with_retries(
        self,
        messages: Sequence[Message],
        schema: dict[str, Any] | None,
        rung: str,
        max_tokens: int,
        temperature: float,
        stop: Sequence[str],
    ) -> Completion:
        backoff = wait_exponential_jitter(initial=1, max=30)

        def wait(state: RetryCallState) -> float:
            exc = state.outcome.exception() if state.outcome else None
            hinted = _retry_after(exc) if exc else None
            return hinted if hinted is not None else backoff(state)

        retrying = Retrying(
            stop=stop_after_attempt(self.max_retries + 1),
            wait=wait,
            retry=retry_if_exception(_retryable),
            sleep=self._sleep,
            reraise=True,
        )
        try:
            return retrying(self._once, messages, schema, rung, max_tokens, temperature, stop)
        except openai.AuthenticationError as exc:
            raise EndpointAuthError(
                f"{self._endpoint_key}：认证失败（HTTP {exc.status_code}）。"
                f"请检查 OPENAI_API_KEY 或配置中的 api_key{'（当前未设置）' if not self._has_key else ''}。"
            ) from None
        except openai.PermissionDeniedError as exc:
            raise EndpointAuthError(
                f"{self._endpoint_key}：无权访问（HTTP {exc.status_code}）。请检查 API 密钥的权限或所选模型。"
            ) from None
        except openai.NotFoundError:
            raise EndpointNotFound(
                f"{self._endpoint_key}：接口或模型不存在（HTTP 404）。"
                "请检查 --base-url（通常以 /v1 结尾）和 --model。"
            ) from None
        except (openai.APIConnectionError, openai.APITimeoutError) as exc:
            raise EndpointFailed(
                f"{self._endpoint_key}：连接失败或超时（已重试 {self.max_retries} 次）："
                f"{type(exc).__name__}。请确认服务已启动、地址正确，或调大 timeout。"
            ) from None
        except openai.APIStatusError as exc:
            raise EndpointFailed(
                f"{self._endpoint_key}：接口持续返回 HTTP {exc.status_code}"
                f"（已重试 {self.max_retries} 次）。请稍后再试。"
            ) from None

    def _once(
        self,
        messages: Sequence[Message],
        schema: dict[str, Any] | None,
        rung: str,
        max_tokens: int,
        temperature: float,
        stop: Sequence[str],
    ) -> Completion:
        request: dict[str, Any] = {"model": self.model, "max_tokens": max_tokens, "temperature": temperature}
        chat: list[dict[str, str]] = [{"role": m["role"], "content": m["content"]} for m in messages]
        if stop:
            request["stop"] = list(stop)
        if schema is not None:
            if rung == "json_schema":
                request["response_format"] = {
                    "type": "json_schema",
                    "json_schema": {"name": schema.get("title", "output"), "schema": schema, "strict": False},
                }
            elif rung == "json_object_schema":
                request["response_format"] = {"type": "json_object", "schema": schema}
            elif rung == "json_object":
                request["response_format"] = {"type": "json_object"}
            if rung in ("json_object", "text"):  # the server will not see the schema: tell the model
                chat[-1] = {
                    **chat[-1],
                    "content": chat[-1]["content"]
                    + "\n只输出符合以下 JSON Schema 的 JSON 对象：\n"
                    + json.dumps(schema, ensure_ascii=False),
                }
        started = time.perf_counter()
        try:
            response = self._client.chat.completions.create(messages=chat, **request)  # type: ignore[arg-type]
        except openai.APIStatusError as exc:
            if schema is not None and rung != "text" and _is_capability_error(exc):
                raise _CapabilityRejected from exc
            raise
        choice = response.choices[0]
        usage = response.usage
        details = getattr(usage, "prompt_tokens_details", None) if usage else None
        return Completion(
            text=strip_think(choice.message.content or ""),
            usage=Usage(
                prompt_tokens=usage.prompt_tokens if usage else 0,
                completion_tokens=usage.completion_tokens if usage else 0,
                cached_tokens=getattr(details, "cached_tokens", None) if details else None,
            ),
            seconds=time.perf_counter() - started,
            model=response.model or self.model,
            finish_reason=choice.finish_reason,
            mode=rung if schema is not None else "text",
        )

    def describe(self) -> dict[str, str]:
        return {
            "backend": self.name,
            "model": self.model,
            "base_url": self.base_url or "https://api.openai.com/v1",
            "structured_output": RUNGS[self._rung],
            "api_key": "已设置" if self._has_key else "未设置",
        }
