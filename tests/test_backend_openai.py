"""The openai backend against a real HTTP server on 127.0.0.1 that plays scripted replies and failures."""

from __future__ import annotations

import email.utils
import json
import logging
import socket
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from pydantic import SecretStr

from summarizer.backends.base import Backend, Message
from summarizer.backends.openai_compat import CAPABILITIES_FILE, OpenAIBackend, extract_json_text
from summarizer.core.config import Settings
from summarizer.core.errors import ConfigError, EndpointAuthError, EndpointFailed, EndpointNotFound

from .scripted_server import Reply, Script, scripted_server

SCHEMA: dict[str, Any] = {
    "title": "Out",
    "type": "object",
    "properties": {"value": {"type": "string"}},
    "required": ["value"],
    "additionalProperties": False,
}
ASK: list[Message] = [
    {"role": "system", "content": "抽取"},
    {"role": "user", "content": "完成投资27.3亿元。"},
]
KEY = "sk-test-NEVER-SHOW-4242"
GOOD = '{"value": "27.3亿元"}'
# what llama-cpp-python's server answers to response_format={"type": "json_schema", ...}
CAPABILITY_500 = Reply.error(500, "1 validation error for CreateChatCompletionRequest response_format")


@pytest.fixture
def sleeps() -> list[float]:
    return []


@pytest.fixture
def make(tmp_path: Path, sleeps: list[float]) -> Iterator[Any]:
    """Backends on a scripted URL whose sleeps are recorded instead of slept; closed afterwards."""
    made: list[OpenAIBackend] = []

    def build(url: str, **kwargs: Any) -> OpenAIBackend:
        options: dict[str, Any] = {"api_key": KEY, "cache_dir": tmp_path, "sleep": sleeps.append}
        llm = OpenAIBackend(model="qwen-test", base_url=url, **{**options, **kwargs})
        made.append(llm)
        return llm

    yield build
    for llm in made:
        llm.close()


def capabilities(tmp_path: Path) -> dict[str, str]:
    return dict(json.loads((tmp_path / CAPABILITIES_FILE).read_text(encoding="utf-8")))


def test_json_schema_success_reports_usage_and_sends_the_request(make: Any) -> None:
    script = Script(Reply(content=GOOD))
    with scripted_server(script) as url:
        llm = make(url)
        result = llm.complete(ASK, schema=SCHEMA, max_tokens=99, temperature=0.3, stop=["。"])
    assert isinstance(llm, Backend) and llm.name == "openai" and llm.model == "qwen-test"
    assert json.loads(result.text) == {"value": "27.3亿元"}
    assert (result.mode, result.model, result.finish_reason) == ("json_schema", "scripted", "stop")
    assert (result.usage.prompt_tokens, result.usage.completion_tokens) == (11, 7)
    assert result.usage.cached_tokens is None and result.seconds > 0
    sent = script.requests[0]
    assert sent["response_format"] == {
        "type": "json_schema",
        "json_schema": {"name": "Out", "schema": SCHEMA, "strict": False},
    }
    assert (sent["model"], sent["max_tokens"], sent["temperature"], sent["stop"]) == (
        "qwen-test",
        99,
        0.3,
        ["。"],
    )
    assert sent["messages"] == ASK  # the schema travels in response_format, not in the prompt
    assert script.paths == ["/v1/chat/completions"]
    assert script.headers[0]["authorization"] == f"Bearer {KEY}"


@pytest.mark.parametrize(
    ("title", "name"), [("指标表", "output"), ("Indicator table 1", "Indicator_table_1")]
)
def test_json_schema_name_is_what_openai_accepts(make: Any, title: str, name: str) -> None:
    script = Script(Reply(content=GOOD))
    with scripted_server(script) as url:
        make(url).complete(ASK, schema={**SCHEMA, "title": title})
    assert script.requests[0]["response_format"]["json_schema"]["name"] == name


def test_cached_tokens_come_from_prompt_tokens_details(make: Any) -> None:
    usage = {"prompt_tokens": 40, "completion_tokens": 3, "prompt_tokens_details": {"cached_tokens": 32}}
    script = Script(Reply(content=GOOD, usage=usage))
    with scripted_server(script) as url:
        result = make(url).complete(ASK, schema=SCHEMA)
    assert (result.usage.prompt_tokens, result.usage.completion_tokens, result.usage.cached_tokens) == (
        40,
        3,
        32,
    )


def test_without_schema_no_response_format_and_no_instruction(make: Any) -> None:
    script = Script(Reply(content="一段简报。"))
    with scripted_server(script) as url:
        result = make(url).complete(ASK)
    assert result.mode == "text" and result.text == "一段简报。"
    assert "response_format" not in script.requests[0] and script.requests[0]["messages"] == ASK


def test_capability_500_falls_back_and_is_remembered(make: Any, tmp_path: Path) -> None:
    script = Script(CAPABILITY_500, *[Reply(content=GOOD) for _ in range(3)])
    with scripted_server(script) as url:
        first = make(url)
        assert first.complete(ASK, schema=SCHEMA).mode == "json_object_schema"
        assert len(script.requests) == 2  # no retries of the capability 500
        assert first.complete(ASK, schema=SCHEMA).mode == "json_object_schema"
        assert len(script.requests) == 3  # the second call went straight to the working rung
        # a new process (a new instance) starts at the rung that worked, read from capabilities.json
        again = make(url)
        assert again.describe()["structured_output"] == "json_object_schema"
        assert again.complete(ASK, schema=SCHEMA).mode == "json_object_schema"
    formats = [r["response_format"] for r in script.requests]
    assert formats[0]["type"] == "json_schema"
    assert formats[1:] == [{"type": "json_object", "schema": SCHEMA}] * 3
    assert all(r["messages"] == ASK for r in script.requests)
    assert capabilities(tmp_path) == {f"{url} qwen-test": "json_object_schema"}


def test_json_object_rung_puts_the_schema_in_the_last_user_message(make: Any) -> None:
    rejected = Reply.error(400, "unknown field")
    prose = Reply(content='好的：\n```json\n{"value": "27.3亿元"}\n```\n以上。')
    script = Script(rejected, rejected, prose, prose)
    asked: list[Message] = [*ASK, {"role": "assistant", "content": "好的"}]
    with scripted_server(script) as url:
        llm = make(url)
        result = llm.complete(asked, schema=SCHEMA)
        assert llm.complete(asked, schema=SCHEMA).mode == "json_object"
    assert result.mode == "json_object" and len(script.requests) == 4
    assert [r["response_format"]["type"] for r in script.requests] == ["json_schema"] + ["json_object"] * 3
    assert "schema" not in script.requests[2]["response_format"]
    messages = script.requests[2]["messages"]
    assert messages[0] == ASK[0] and messages[2] == asked[2]  # system prompt and assistant turn untouched
    assert (
        messages[1]["content"].startswith(ASK[1]["content"])
        and '"required": ["value"]' in messages[1]["content"]
    )
    assert json.loads(extract_json_text(result.text)) == {"value": "27.3亿元"}


def test_plain_text_rung_when_even_json_object_is_rejected(make: Any, tmp_path: Path) -> None:
    rejected = Reply.error(422, "response_format is not supported")
    script = Script(rejected, rejected, rejected, Reply(content=f"结果：{GOOD}"))
    with scripted_server(script) as url:
        llm = make(url)
        result = llm.complete(ASK, schema=SCHEMA)
    assert result.mode == "text" and "response_format" not in script.requests[3]
    assert "JSON Schema" in script.requests[3]["messages"][-1]["content"]
    assert extract_json_text(result.text) == GOOD
    assert (
        llm.describe()["structured_output"] == "text" and capabilities(tmp_path)[f"{url} qwen-test"] == "text"
    )


def test_a_server_ignoring_response_format_returns_prose_for_the_caller(make: Any) -> None:
    script = Script(
        Reply(content='以下是抽取结果：\n```json\n{"value": "27.3亿元", "note": "见{原文}"}\n```')
    )
    with scripted_server(script) as url:
        result = make(url).complete(ASK, schema=SCHEMA)
    assert result.mode == "json_schema" and result.text.startswith("以下是")  # not our job to parse
    assert json.loads(extract_json_text(result.text)) == {"value": "27.3亿元", "note": "见{原文}"}


def test_an_unrelated_400_never_downgrades_the_endpoint(make: Any, tmp_path: Path) -> None:
    too_long = Reply.error(400, "This model's maximum context length is 2048 tokens")
    script = Script(*[too_long] * 4)
    with scripted_server(script) as url:
        llm = make(url)
        with pytest.raises(EndpointFailed, match="HTTP 400") as caught:
            llm.complete(ASK, schema=SCHEMA)
    assert "maximum context length" in caught.value.message and len(script.requests) == 4
    assert llm.describe()["structured_output"] == "json_schema"
    assert not (tmp_path / CAPABILITIES_FILE).exists()


def test_a_damaged_capabilities_file_is_ignored_then_repaired(make: Any, tmp_path: Path) -> None:
    (tmp_path / CAPABILITIES_FILE).write_text('["not", "a", "mapping"]', encoding="utf-8")
    script = Script(CAPABILITY_500, Reply(content=GOOD))
    with scripted_server(script) as url:
        llm = make(url)
        assert llm.describe()["structured_output"] == "json_schema"
        assert llm.complete(ASK, schema=SCHEMA).mode == "json_object_schema"
    assert capabilities(tmp_path) == {f"{url} qwen-test": "json_object_schema"}


@pytest.mark.parametrize(
    ("content", "expected"),
    [
        (f"<think>先想一想：{{}}</think>\n{GOOD}", GOOD),
        (f"<think>\n多行\n思考\n</think>{GOOD}", GOOD),
        ("<think>想到一半就没了", ""),  # never closed: no answer came
    ],
)
def test_think_blocks_are_stripped(make: Any, content: str, expected: str) -> None:
    script = Script(Reply(content=content))
    with scripted_server(script) as url:
        assert make(url).complete(ASK, schema=SCHEMA).text == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ('```json\n{"a": {"b": [1, 2]}}\n```', '{"a": {"b": [1, 2]}}'),
        ('结果如下 {"a": "括号}在字符串里"} 以上', '{"a": "括号}在字符串里"}'),
        ('<think>{"draft": 1}</think>答：{"a": 1}', '{"a": 1}'),
        ("没有 JSON", "没有 JSON"),
    ],
)
def test_extract_json_text_pulls_the_first_balanced_object(text: str, expected: str) -> None:
    assert extract_json_text(text) == expected


@pytest.mark.parametrize(
    ("header", "low", "high"),
    [
        ("2", 2.0, 2.0),
        ("3600", 60.0, 60.0),  # capped
        ("in-a-while", 1.0, 2.0),  # unreadable: our own backoff (1 s + up to 1 s jitter)
    ],
)
def test_429_honours_retry_after(
    make: Any, sleeps: list[float], header: str, low: float, high: float
) -> None:
    script = Script(Reply.error(429, "slow down", headers={"Retry-After": header}), Reply(content=GOOD))
    with scripted_server(script) as url:
        result = make(url).complete(ASK, schema=SCHEMA)
    assert result.text == GOOD and len(script.requests) == 2
    assert len(sleeps) == 1 and low <= sleeps[0] <= high


def test_429_retry_after_as_http_date(make: Any, sleeps: list[float]) -> None:
    when = email.utils.formatdate(time.time() + 30, usegmt=True)
    script = Script(Reply.error(429, headers={"Retry-After": when}), Reply(content=GOOD))
    with scripted_server(script) as url:
        make(url).complete(ASK, schema=SCHEMA)
    assert len(sleeps) == 1 and 27 <= sleeps[0] <= 30


def test_429_without_retry_after_backs_off_exponentially(make: Any, sleeps: list[float]) -> None:
    script = Script(Reply.error(429), Reply.error(429), Reply(content=GOOD))
    with scripted_server(script) as url:
        assert make(url).complete(ASK, schema=SCHEMA).text == GOOD
    assert len(sleeps) == 2 and 1 <= sleeps[0] <= 2 and 2 <= sleeps[1] <= 3


@pytest.mark.parametrize("status", [500, 502, 503, 504])
def test_server_errors_are_retried(
    make: Any, sleeps: list[float], status: int, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.WARNING, logger="summarizer")
    notes: list[str] = []
    script = Script(Reply.error(status, "busy"), Reply(content=GOOD))
    with scripted_server(script) as url:
        assert make(url, notify=notes.append).complete(ASK, schema=SCHEMA).text == GOOD
    assert len(script.requests) == 2 and len(sleeps) == 1
    assert (
        script.requests[0]["response_format"]["type"] == "json_schema"
    )  # a plain 5xx is no capability verdict
    # the user is told, in Chinese, through the caller's notifier; nothing is logged in English
    waited = f"等待 {sleeps[0]:.1f} 秒后第 1 次重试（最多 4 次）…"
    assert notes == [f"接口 {url}（模型 qwen-test）：返回 HTTP {status}，{waited}"]
    assert not caplog.records


def test_persistent_503_fails_after_bounded_attempts(make: Any, sleeps: list[float]) -> None:
    script = Script(*[Reply.error(503) for _ in range(10)])
    with scripted_server(script) as url, pytest.raises(EndpointFailed, match="HTTP 503") as caught:
        make(url, max_retries=2).complete(ASK, schema=SCHEMA)
    assert len(script.requests) == 3 and len(sleeps) == 2
    assert "共尝试 3 次" in caught.value.message and url in caught.value.message


def test_401_fails_fast_naming_the_setting(make: Any) -> None:
    script = Script(Reply.error(401, "Incorrect API key provided"))
    with scripted_server(script) as url, pytest.raises(EndpointAuthError) as caught:
        make(url).complete(ASK, schema=SCHEMA)
    assert len(script.requests) == 1 and "OPENAI_API_KEY" in caught.value.message
    assert caught.value.__cause__ is None and caught.value.__context__ is None  # no SDK request attached


def test_without_a_key_a_placeholder_is_sent_and_a_401_says_it_is_unset(make: Any) -> None:
    script = Script(Reply(content=GOOD), Reply.error(401))
    with scripted_server(script) as url:
        llm = make(url, api_key=None)
        assert llm.complete(ASK).text == GOOD  # local servers need no key
        with pytest.raises(EndpointAuthError, match="当前未设置"):
            llm.complete(ASK)
    assert script.headers[0]["authorization"] == "Bearer not-needed"
    assert llm.describe()["api_key"] == "未设置"


def test_403_is_an_auth_error_without_retry(make: Any) -> None:
    script = Script(Reply.error(403, "model not allowed"), Reply(content=GOOD))
    with scripted_server(script) as url, pytest.raises(EndpointAuthError, match="403"):
        make(url).complete(ASK, schema=SCHEMA)
    assert len(script.requests) == 1


def test_404_names_base_url_and_model(make: Any) -> None:
    script = Script(Reply.error(404, "The model `qwen-test` does not exist"), Reply(content=GOOD))
    with scripted_server(script) as url, pytest.raises(EndpointNotFound) as caught:
        make(url).complete(ASK, schema=SCHEMA)
    assert len(script.requests) == 1
    message = caught.value.message
    assert "--base-url" in message and "--model" in message and url in message and "qwen-test" in message


def test_timeout_is_retried_then_reported(make: Any, sleeps: list[float]) -> None:
    script = Script(Reply(content=GOOD, delay=5), Reply(content=GOOD, delay=5))
    started = time.monotonic()
    with scripted_server(script) as url, pytest.raises(EndpointFailed, match="超时") as caught:
        make(url, timeout=0.2, max_retries=1).complete(ASK, schema=SCHEMA)
    assert len(script.requests) == 2 and len(sleeps) == 1 and "timeout" in caught.value.message
    assert time.monotonic() - started < 3  # the client gave up; the server's handlers were woken


def test_connection_refused_is_reported(make: Any, sleeps: list[float]) -> None:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]  # nothing listens here once the probe is closed
    with pytest.raises(EndpointFailed, match="连接失败") as caught:
        make(f"http://127.0.0.1:{port}/v1", max_retries=2).complete(ASK, schema=SCHEMA)
    assert len(sleeps) == 2 and "共尝试 3 次" in caught.value.message and str(port) in caught.value.message


def test_truncated_output_is_reported_as_length(make: Any) -> None:
    script = Script(Reply(content='{"value": "27.', finish_reason="length"))
    with scripted_server(script) as url:
        result = make(url).complete(ASK, schema=SCHEMA, max_tokens=5)
    assert result.finish_reason == "length" and result.text == '{"value": "27.'
    assert script.requests[0]["max_tokens"] == 5


def test_a_200_without_choices_is_an_endpoint_failure(make: Any) -> None:
    script = Script(Reply(raw_body='{"error": {"message": "upstream overloaded"}}'))
    with scripted_server(script) as url, pytest.raises(EndpointFailed, match="choices"):
        make(url).complete(ASK, schema=SCHEMA)


def test_the_key_never_leaks(make: Any, tmp_path: Path, caplog: pytest.LogCaptureFixture) -> None:
    caplog.set_level(logging.DEBUG)  # every logger: ours, openai's, httpx's
    echo = Reply.error(400, f"key {KEY} is not valid for this project")  # a server that echoes the key
    script = Script(
        Reply.error(503), Reply.error(401), CAPABILITY_500, echo, echo, echo, Reply(content=GOOD, delay=5)
    )
    shown: list[str] = []
    with scripted_server(script) as url:
        llm = make(url, max_retries=0, timeout=0.2)
        for _ in range(4):  # 503 exhausted, 401, the ladder down to a 400 echoing the key, a timeout
            with pytest.raises((EndpointFailed, EndpointAuthError)) as caught:
                llm.complete(ASK, schema=SCHEMA)
            shown += [str(caught.value), repr(caught.value), caught.value.message]
    assert len(script.requests) == 7 and "***" in shown[-4]  # the echoed key was redacted
    shown += [repr(llm), str(llm), json.dumps(llm.describe(), ensure_ascii=False), caplog.text]
    shown += [p.read_text(encoding="utf-8") for p in tmp_path.iterdir() if p.is_file()]
    assert caplog.records and all(KEY not in text and "NEVER-SHOW" not in text for text in shown)


def test_credentials_in_the_base_url_are_not_shown() -> None:
    llm = OpenAIBackend(model="m", base_url="http://user:hunter2@127.0.0.1:9/v1", api_key=KEY)
    try:
        assert "hunter2" not in repr(llm) + json.dumps(llm.describe())
        assert llm.describe()["base_url"] == "http://***@127.0.0.1:9/v1"
    finally:
        llm.close()


def test_from_settings(tmp_path: Path) -> None:
    settings = Settings(
        backend="openai",
        model="deepseek-chat",
        base_url="http://127.0.0.1:9/v1/",
        api_key=SecretStr(KEY),
        timeout=12.5,
        max_retries=1,
        cache_dir=tmp_path,
    )
    llm = OpenAIBackend.from_settings(settings)
    try:
        assert (llm.model, llm.base_url, llm.timeout, llm.max_retries) == (
            "deepseek-chat",
            "http://127.0.0.1:9/v1",
            12.5,
            1,
        )
        assert llm.describe() == {
            "backend": "openai",
            "model": "deepseek-chat",
            "base_url": "http://127.0.0.1:9/v1",
            "structured_output": "json_schema",
            "api_key": "已设置",
        }
    finally:
        llm.close()
    with pytest.raises(ConfigError, match="--model"):
        OpenAIBackend.from_settings(Settings(backend="openai"))


def test_a_redirect_on_the_same_host_and_port_is_followed(make: Any) -> None:
    script = Script(
        Reply(308, raw_body="", headers={"Location": "/v2/chat/completions"}), Reply(content=GOOD)
    )
    with scripted_server(script) as url:
        assert make(url).complete(ASK, schema=SCHEMA).text == GOOD
    assert script.paths == ["/v1/chat/completions", "/v2/chat/completions"]
    assert script.requests[1] == script.requests[0]  # a 308 keeps the body: fine on the same origin


def test_a_redirect_to_another_port_is_refused_without_the_sdk_request_attached(make: Any) -> None:
    elsewhere = Script(Reply(content=GOOD))
    with scripted_server(elsewhere) as other:
        script = Script(Reply(307, raw_body="", headers={"Location": f"{other}/chat/completions"}))
        with scripted_server(script) as url, pytest.raises(EndpointNotFound, match="另一台主机") as caught:
            make(url).complete(ASK, schema=SCHEMA)
    assert elsewhere.requests == [] and len(script.requests) == 1
    assert caught.value.__cause__ is None and caught.value.__context__ is None


def test_each_attempt_of_a_dripping_server_ends_at_the_timeout(make: Any, sleeps: list[float]) -> None:
    notes: list[str] = []
    script = Script(default=lambda request: Reply(content=GOOD, drip=0.3))
    started = time.monotonic()
    with (
        scripted_server(script) as url,
        pytest.raises(EndpointFailed, match="每次请求限时 1 秒，共尝试 2 次"),
    ):
        make(url, timeout=1, max_retries=1, notify=notes.append).complete(ASK, schema=SCHEMA)
    assert time.monotonic() - started < 2 * 3  # two attempts of about 1 s, not one per byte
    assert len(script.requests) == 2 and len(sleeps) == 1
    assert len(notes) == 1 and "请求超时（1 秒），等待" in notes[0]
