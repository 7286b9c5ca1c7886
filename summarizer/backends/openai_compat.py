"""Any OpenAI-compatible endpoint through the official SDK (OpenAI, DeepSeek, DashScope, vLLM, Ollama,
llama.cpp server).

Structured output is requested down a capability ladder, because servers differ in what they honour:

    json_schema          response_format={"type": "json_schema", "json_schema": {..., "strict": False}}
    json_object_schema   response_format={"type": "json_object", "schema": ...}   (llama.cpp's extension)
    json_object          response_format={"type": "json_object"} + the schema in the last user message
    text                 no response_format; the schema in the last user message

A rung is left when the server rejects it (HTTP 400/422, or a 500 whose body talks about
response_format / json_schema / validation, as llama-cpp-python's server does). The rung that then
*succeeds* is remembered for this endpoint and model, in the instance and in `capabilities.json` in the
cache dir, so later calls and processes skip the failing rungs; a failure never downgrades it.

Retries are ours (tenacity, the SDK's own are off): 408/429/500/502/503/504, timeouts and connection
errors, and a 200 whose body is not JSON (an empty body, a proxy's HTML page) back off exponentially
with jitter, honouring Retry-After (capped); each retry is announced in Chinese through `notify`.
401/403/404, a redirect to another host and a redirect loop fail at once with the setting to fix.
`timeout` is each request's whole wall-clock budget (see transport.py). The API key is never put in
a message, a log line or a repr, and our errors are raised outside the SDK's exception (which holds
the request and its Authorization header).
"""

from __future__ import annotations

import email.utils
import json
import logging
import math
import os
import re
import tempfile
import time
from collections.abc import Callable, Sequence
from datetime import UTC
from functools import partial
from pathlib import Path
from typing import Any

import openai
from tenacity import RetryCallState, Retrying, retry_if_exception, stop_after_attempt, wait_exponential_jitter

from ..core.config import Settings
from ..core.errors import BackendError, ConfigError, EndpointAuthError, EndpointFailed, EndpointNotFound
from .base import Capabilities, Completion, Message, Usage
from .jsontext import extract_json_text, strip_think
from .redact import Redactor, safe_url, url_secrets
from .transport import ForeignRedirect, TooManyRedirects, deadline, endpoint_client

__all__ = ["CAPABILITIES_FILE", "DEFAULT_BASE_URL", "RUNGS", "OpenAIBackend", "extract_json_text"]

_log = logging.getLogger(__name__)

RUNGS = ("json_schema", "json_object_schema", "json_object", "text")
CAPABILITIES_FILE = "capabilities.json"
DEFAULT_BASE_URL = "https://api.openai.com/v1"
_RETRY_STATUSES = frozenset({408, 429, 500, 502, 503, 504})
_CAPABILITY_WORDS = ("response_format", "json_schema", "validation")
_MAX_RETRY_AFTER = 60.0
# Local servers (llama.cpp, vLLM, Ollama) need no key, but the SDK insists on one; a real endpoint then
# answers 401, which we turn into "set OPENAI_API_KEY".
_PLACEHOLDER_KEY = "not-needed"
_SCHEMA_INSTRUCTION = "\n\n只输出一个符合以下 JSON Schema 的 JSON 对象，不要输出其他文字：\n"


class _CapabilityRejected(Exception):
    """The server refused this way of asking for structure; try the next rung."""


class _BadAnswer(Exception):
    """A 200 whose body is not JSON: an empty body, or an HTML page (a proxy's login or error page,
    whatever its content type says). Retried like a 5xx."""


def _count(value: object) -> int:
    """A token count as reported; anything but a non-negative integer (a string, null) counts 0."""
    return value if isinstance(value, int) and not isinstance(value, bool) and value >= 0 else 0


def _body_text(exc: openai.APIStatusError) -> str:
    try:
        return exc.response.text
    except Exception:  # a body that cannot be read: the SDK's summary is all there is
        return str(exc.message)


def _retry_after(exc: BaseException) -> float | None:
    """Seconds the server asked us to wait (Retry-After: seconds or HTTP date; retry-after-ms), capped."""
    response = getattr(exc, "response", None)
    if response is None:
        return None
    seconds: float | None = None
    try:
        if millis := response.headers.get("retry-after-ms"):
            seconds = float(millis) / 1000
        elif header := response.headers.get("retry-after"):
            try:
                seconds = float(header)
            except ValueError:
                when = email.utils.parsedate_to_datetime(header)
                if when.tzinfo is None:
                    when = when.replace(tzinfo=UTC)
                seconds = when.timestamp() - time.time()
    except (TypeError, ValueError, OverflowError):  # a header we cannot read: use our own backoff
        return None
    if seconds is None or not math.isfinite(seconds):
        return None
    return min(max(seconds, 0.0), _MAX_RETRY_AFTER)


def _retryable(exc: BaseException) -> bool:
    if isinstance(exc, (openai.APIConnectionError, _BadAnswer)):  # includes APITimeoutError
        return True
    return isinstance(exc, openai.APIStatusError) and exc.status_code in _RETRY_STATUSES


def _is_capability_error(exc: openai.APIStatusError) -> bool:
    if exc.status_code in (400, 422):
        return True
    body = _body_text(exc).lower()
    return exc.status_code == 500 and any(word in body for word in _CAPABILITY_WORDS)


class OpenAIBackend:
    name = "openai"
    capabilities = Capabilities()

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
        notify: Callable[[str], None] | None = None,
    ) -> None:
        self.model = model
        self.base_url = (base_url or DEFAULT_BASE_URL).rstrip("/")
        self.timeout = timeout
        self.max_retries = max_retries
        self._sleep = sleep
        self._notify = notify  # a Chinese line per retry; without it, a logged warning
        self._has_key = bool(api_key)
        # what an answer, an error body or a printed URL must never show
        self._redactor = Redactor([*([api_key] if api_key else []), *url_secrets(self.base_url)])
        self._client = openai.OpenAI(
            base_url=self.base_url,
            api_key=api_key or _PLACEHOLDER_KEY,
            timeout=timeout,
            max_retries=0,
            http_client=endpoint_client(self.base_url),
        )
        self._capabilities = cache_dir / CAPABILITIES_FILE if cache_dir is not None else None
        self._rung = RUNGS.index(self._load_capabilities().get(self._endpoint, RUNGS[0]))

    @classmethod
    def from_settings(
        cls, settings: Settings, *, notify: Callable[[str], None] | None = None
    ) -> OpenAIBackend:
        if not settings.model:
            raise ConfigError(
                "使用 openai 后端时必须指定模型名称：--model、SUMMARIZER_MODEL 或配置文件中的 model。"
            )
        return cls(
            model=settings.model,
            base_url=settings.base_url,
            api_key=settings.api_key.get_secret_value() if settings.api_key else None,
            timeout=settings.timeout,
            max_retries=settings.max_retries,
            cache_dir=settings.resolved_cache_dir(),
            notify=notify,
        )

    def __repr__(self) -> str:
        return f"OpenAIBackend(model={self.model!r}, base_url={safe_url(self.base_url)!r})"

    def close(self) -> None:
        self._client.close()

    @property
    def _endpoint(self) -> str:
        """The key capabilities are remembered under (one base URL and model)."""
        return f"{safe_url(self.base_url)} {self.model}"

    @property
    def client(self) -> Any:
        """The configured SDK client (key, base URL, timeouts), for the Batch API's files and batches."""
        return self._client

    @property
    def _where(self) -> str:
        return f"接口 {safe_url(self.base_url)}（模型 {self.model}）"

    def redact_text(self, text: str) -> str:
        return self._redactor.text(text)

    def redact(self, answer: Completion) -> Completion:
        """`answer` with the key (or any echo of it) gone from every string field."""
        return self._redactor.completion(answer)

    def _load_capabilities(self) -> dict[str, str]:
        if self._capabilities is None:
            return {}
        try:
            data = json.loads(self._capabilities.read_text(encoding="utf-8"))
        except (OSError, ValueError):  # absent or damaged: start from the top of the ladder
            return {}
        if not isinstance(data, dict):
            return {}
        return {k: v for k, v in data.items() if isinstance(k, str) and v in RUNGS}

    def _save_capabilities(self) -> None:
        if self._capabilities is None:
            return
        data = self._load_capabilities()
        data[self._endpoint] = RUNGS[self._rung]
        tmp: str | None = None
        try:
            self._capabilities.parent.mkdir(parents=True, exist_ok=True)
            fd, tmp = tempfile.mkstemp(dir=self._capabilities.parent, prefix=".capabilities-")
            with os.fdopen(fd, "w", encoding="utf-8") as handle:
                json.dump(data, handle, ensure_ascii=False, indent=1)
            os.replace(tmp, self._capabilities)  # atomic: a parallel run never reads half a file
        except OSError as exc:  # a read-only cache costs a re-probe next time, nothing more
            _log.debug("could not persist endpoint capabilities: %s", type(exc).__name__)
            if tmp is not None:
                Path(tmp).unlink(missing_ok=True)

    def complete(
        self,
        messages: Sequence[Message],
        *,
        schema: dict[str, Any] | None = None,
        max_tokens: int = 1024,
        temperature: float = 0.0,
        stop: Sequence[str] = (),
    ) -> Completion:
        rungs = RUNGS[self._rung :] if schema is not None else ("text",)
        for rung in rungs:  # the text rung sends no response_format, so it is never "rejected"
            try:
                call = partial(self._once, messages, schema, rung, max_tokens, temperature, stop)
                completion = self._with_retries(call)
            except _CapabilityRejected:
                _log.info("%s does not accept %s; trying the next rung", self._endpoint, rung)
                continue
            if schema is not None and RUNGS.index(rung) != self._rung:
                self._rung = RUNGS.index(rung)
                self._save_capabilities()
            return completion
        raise AssertionError("unreachable: the text rung returns or raises")  # pragma: no cover

    def _with_retries(self, call: Callable[[], Completion]) -> Completion:
        backoff = wait_exponential_jitter(initial=1, max=30, jitter=1)

        def wait(state: RetryCallState) -> float:
            exc = state.outcome.exception() if state.outcome else None
            hinted = _retry_after(exc) if exc is not None else None
            return hinted if hinted is not None else backoff(state)

        def before_sleep(state: RetryCallState) -> None:  # a status code or a kind, never server text
            exc = state.outcome.exception() if state.outcome else None
            delay = state.next_action.sleep if state.next_action else 0.0
            line = (
                f"{self._where}：{self._retry_reason(exc)}，等待 {delay:.1f} 秒后"
                f"第 {state.attempt_number} 次重试（最多 {self.max_retries} 次）…"
            )
            if self._notify is not None:
                self._notify(line)
            else:
                _log.warning("%s", line)

        retrying = Retrying(
            stop=stop_after_attempt(self.max_retries + 1),
            wait=wait,
            retry=retry_if_exception(_retryable),
            sleep=self._sleep,
            before_sleep=before_sleep,
            reraise=True,
        )
        try:
            return retrying(call)
        except (openai.APIError, _BadAnswer) as exc:
            error = self._translate(exc, int(retrying.statistics.get("attempt_number", 1)))
        # raised here, outside the handler, so no __context__ carries the SDK's request (and key) along
        raise error

    def _retry_reason(self, exc: BaseException | None) -> str:
        if isinstance(exc, openai.APIStatusError):
            return f"返回 HTTP {exc.status_code}"
        if isinstance(exc, openai.APITimeoutError):
            return f"请求超时（{self.timeout:g} 秒）"
        if isinstance(exc, openai.APIConnectionError):
            return "连接失败"
        return "返回的内容不是 JSON"

    def _translate(self, exc: openai.APIError | _BadAnswer, attempts: int) -> BackendError:
        where = self._where
        tried = f"共尝试 {attempts} 次"
        if isinstance(exc, _BadAnswer):
            return EndpointFailed(
                f"{where}：返回的内容不是 JSON（空白或网页，{tried}）。"
                "请确认 --base-url 指向 OpenAI 兼容接口（通常以 /v1 结尾），而不是网页或代理的错误页。"
            )
        if isinstance(exc, openai.AuthenticationError):
            unset = "（当前未设置）" if not self._has_key else ""
            return EndpointAuthError(
                f"{where}：认证失败（HTTP 401）。请检查环境变量 OPENAI_API_KEY 或配置中的 api_key{unset}。"
            )
        if isinstance(exc, openai.PermissionDeniedError):
            return EndpointAuthError(
                f"{where}：无权访问（HTTP 403）。请检查 OPENAI_API_KEY / api_key 对应的账户能否使用该模型。"
            )
        if isinstance(exc, openai.NotFoundError):
            return EndpointNotFound(
                f"{where}：地址或模型不存在（HTTP 404）。请检查 --base-url（通常以 /v1 结尾）和 --model。"
            )
        if isinstance(exc, openai.APITimeoutError):
            return EndpointFailed(
                f"{where}：请求超时（每次请求限时 {self.timeout:g} 秒，{tried}）。"
                "请确认服务正常，或调大 timeout（SUMMARIZER_TIMEOUT 或 summarizer.toml）。"
            )
        if isinstance(exc, openai.APIConnectionError):
            return EndpointFailed(f"{where}：连接失败（{tried}）。请确认服务已启动，并检查 --base-url。")
        if isinstance(exc, openai.APIStatusError) and exc.status_code in _RETRY_STATUSES:
            return EndpointFailed(
                f"{where}：持续返回 HTTP {exc.status_code}（{tried}）。"
                "请稍后再试，或调大 max_retries（SUMMARIZER_MAX_RETRIES）。"
            )
        if isinstance(exc, openai.APIStatusError):
            detail = self.redact_text(" ".join(_body_text(exc).split()))[:300]
            return EndpointFailed(
                f"{where}：拒绝了请求（HTTP {exc.status_code}）：{detail}。"
                "请检查 --model，以及输入是否超出模型的上下文长度。"
            )
        return EndpointFailed(f"{where}：返回内容无法解析（{type(exc).__name__}）。请确认接口兼容 OpenAI。")

    def _request(
        self, messages: Sequence[Message], schema: dict[str, Any] | None, rung: str
    ) -> tuple[list[dict[str, str]], dict[str, Any] | None]:
        chat = [{"role": m["role"], "content": m["content"]} for m in messages]
        if schema is None:
            return chat, None
        if rung in ("json_object", "text"):  # the server will not see the schema: tell the model
            users = [i for i, m in enumerate(chat) if m["role"] == "user"]
            at = users[-1] if users else len(chat) - 1
            chat[at] = {
                **chat[at],
                "content": chat[at]["content"] + _SCHEMA_INSTRUCTION + json.dumps(schema, ensure_ascii=False),
            }
        # OpenAI wants the name to match ^[a-zA-Z0-9_-]{1,64}$
        name = re.sub(r"[^A-Za-z0-9_-]+", "_", str(schema.get("title") or "")).strip("_")[:64] or "output"
        formats: dict[str, dict[str, Any] | None] = {
            "json_schema": {
                "type": "json_schema",
                "json_schema": {"name": name, "schema": schema, "strict": False},
            },
            "json_object_schema": {"type": "json_object", "schema": schema},
            "json_object": {"type": "json_object"},
            "text": None,
        }
        return chat, formats[rung]

    def _once(
        self,
        messages: Sequence[Message],
        schema: dict[str, Any] | None,
        rung: str,
        max_tokens: int,
        temperature: float,
        stop: Sequence[str],
    ) -> Completion:
        chat, response_format = self._request(messages, schema, rung)
        extra: dict[str, Any] = {"stop": list(stop)} if stop else {}
        if response_format is not None:
            extra["response_format"] = response_format
        started = time.perf_counter()
        refused: BackendError | None = None
        try:
            with deadline(self.timeout):
                response = self._client.chat.completions.create(
                    model=self.model,
                    messages=chat,  # type: ignore[arg-type]
                    max_tokens=max_tokens,
                    temperature=temperature,
                    **extra,
                )
        except openai.APIStatusError as exc:
            if response_format is not None and _is_capability_error(exc):
                raise _CapabilityRejected(rung) from None
            raise
        except openai.APIConnectionError as exc:
            refused = self._refused_redirect(exc.__cause__)
            if refused is None:
                raise
        except json.JSONDecodeError:  # a body sent as JSON that is not
            raise _BadAnswer() from None
        if refused is not None:  # raised outside the handler: no SDK request (and key) in its context
            raise refused
        if isinstance(response, str):  # the SDK hands back the text of a body not sent as JSON
            raise _BadAnswer()
        seconds = time.perf_counter() - started
        choices = getattr(response, "choices", None)
        choice: Any = choices[0] if isinstance(choices, list) and choices else None
        if getattr(choice, "message", None) is None:  # e.g. a proxy answering 200 with {"error": ...}
            raise EndpointFailed(f"{self._where}：返回结果中没有 choices。请确认接口兼容 OpenAI。")
        usage = response.usage
        details = getattr(usage, "prompt_tokens_details", None)
        cached = getattr(details, "cached_tokens", None)
        # an endpoint that echoes the key (a proxy's debug output) in any field must not get it into
        # the call cache, runs.jsonl, a saved raw output or a summary
        return self.redact(
            Completion(
                text=strip_think(choice.message.content or ""),
                usage=Usage(
                    prompt_tokens=_count(getattr(usage, "prompt_tokens", 0)),
                    completion_tokens=_count(getattr(usage, "completion_tokens", 0)),
                    cached_tokens=_count(cached) if isinstance(cached, int) else None,
                ),
                seconds=seconds,
                model=response.model or self.model,
                finish_reason=choice.finish_reason,
                mode=rung if schema is not None else "text",
            )
        )

    def _refused_redirect(self, cause: BaseException | None) -> BackendError | None:
        """A redirect we will not follow: the base URL is the user's to fix, so no retry."""
        if isinstance(cause, ForeignRedirect):
            return EndpointNotFound(
                f"{self._where}：把请求重定向到另一台主机 {safe_url(cause.origin)}，"
                "为保护文档内容已拒绝跟随。请确认该地址可信后，把 --base-url 直接改为它。"
            )
        if isinstance(cause, TooManyRedirects):
            return EndpointNotFound(
                f"{self._where}：重定向陷入循环（地址不断跳转，始终没有返回结果）。"
                "请检查 --base-url 是否正确（通常以 /v1 结尾），或联系接口管理员。"
            )
        return None

    def describe(self) -> dict[str, str]:
        return {
            "backend": self.name,
            "model": self.model,
            "base_url": safe_url(self.base_url),
            "structured_output": RUNGS[self._rung],
            "api_key": "已设置" if self._has_key else "未设置",
        }
