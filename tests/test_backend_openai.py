"""The openai backend against a real HTTP server on 127.0.0.1 that plays scripted failures."""

from __future__ import annotations

import json
import logging
import socket
from pathlib import Path

import pytest

from summarizer.backends.openai_compat import OpenAIBackend
from summarizer.errors import EndpointAuthError, EndpointFailed, EndpointNotFound

from .scripted_server import Reply, Script, scripted_server

SCHEMA = {
    "title": "Out",
    "type": "object",
    "properties": {"value": {"type": "string"}},
    "required": ["value"],
    "additionalProperties": False,
}
ASK = [{"role": "system", "content": "抽取"}, {"role": "user", "content": "完成投资27.3亿元。"}]
KEY = "sk-test-NEVER-SHOW-4242"
GOOD = '{"value": "27.3亿元"}'
CAPABILITY_500 = Reply(
    500, raw_body='{"error": {"message": "response_format: validation error for json_schema"}}'
)


def backend(url: str, tmp_path: Path, sleeps: list[float] | None = None, **kwargs: object) -> OpenAIBackend:
    record = sleeps if sleeps is not None else []
    return OpenAIBackend(
        model="qwen-test",
        base_url=url,
        api_key=KEY,
        cache_dir=tmp_path,
        sleep=record.append,
        **kwargs,  # type: ignore[arg-type]
    )


def test_json_schema_success_and_usage(tmp_path: Path) -> None:
    script = Script(Reply(content=GOOD))
    with scripted_server(script) as url:
        result = backend(url, tmp_path).complete(ASK, schema=SCHEMA)
    assert json.loads(result.text) == {"value": "27.3亿元"}
    assert (
        result.mode == "json_schema" and result.usage.prompt_tokens == 11 and result.finish_reason == "stop"
    )
    assert script.requests[0]["response_format"]["type"] == "json_schema"
    assert {k.lower(): v for k, v in script.headers[0].items()}["authorization"] == f"Bearer {KEY}"


def test_capability_ladder_falls_back_and_remembers(tmp_path: Path) -> None:
    script = Script(CAPABILITY_500, Reply(content=GOOD), Reply(content=GOOD), Reply(content=GOOD))
    with scripted_server(script) as url:
        first = backend(url, tmp_path)
        assert first.complete(ASK, schema=SCHEMA).mode == "json_object_schema"
        assert first.complete(ASK, schema=SCHEMA).mode == "json_object_schema"
        # a new process (new instance) starts at the rung that worked, from capabilities.json
        assert backend(url, tmp_path).complete(ASK, schema=SCHEMA).mode == "json_object_schema"
    formats = [r["response_format"] for r in script.requests]
    assert formats[0]["type"] == "json_schema"
    assert formats[1:] == [{"type": "json_object", "schema": SCHEMA}] * 3
    assert "json_object_schema" in (tmp_path / "capabilities.json").read_text(encoding="utf-8")


def test_server_ignoring_structure_gets_the_schema_in_the_prompt(tmp_path: Path) -> None:
    rejected = Reply(400, raw_body='{"error": {"message": "unknown field"}}')
    prose = Reply(content='<think>先想一想</think>好的：\n```json\n{"value": "27.3亿元"}\n```')
    script = Script(rejected, rejected, rejected, prose)
    with scripted_server(script) as url:
        result = backend(url, tmp_path).complete(ASK, schema=SCHEMA)
    assert result.mode == "text" and "<think>" not in result.text
    assert "response_format" not in script.requests[-1]
    assert "JSON Schema" in script.requests[-1]["messages"][-1]["content"]
    from summarizer.jsontext import extract_json_text

    assert json.loads(extract_json_text(result.text)) == {"value": "27.3亿元"}


def test_429_honours_retry_after(tmp_path: Path) -> None:
    sleeps: list[float] = []
    script = Script(Reply(429, raw_body="{}", headers={"Retry-After": "2"}), Reply(content=GOOD))
    with scripted_server(script) as url:
        result = backend(url, tmp_path, sleeps).complete(ASK, schema=SCHEMA)
    assert result.text == GOOD and sleeps == [2.0] and len(script.requests) == 2


def test_429_without_retry_after_backs_off(tmp_path: Path) -> None:
    sleeps: list[float] = []
    script = Script(Reply(429, raw_body="{}"), Reply(429, raw_body="{}"), Reply(content=GOOD))
    with scripted_server(script) as url:
        backend(url, tmp_path, sleeps).complete(ASK, schema=SCHEMA)
    assert len(sleeps) == 2 and all(0 < s <= 30 for s in sleeps)


@pytest.mark.parametrize("status", [500, 502, 503])
def test_server_errors_are_retried(tmp_path: Path, status: int) -> None:
    script = Script(Reply(status, raw_body='{"error": "busy"}'), Reply(content=GOOD))
    with scripted_server(script) as url:
        assert backend(url, tmp_path).complete(ASK, schema=SCHEMA).text == GOOD
    assert len(script.requests) == 2


def test_persistent_503_fails_after_bounded_attempts(tmp_path: Path) -> None:
    script = Script(*[Reply(503, raw_body="{}") for _ in range(10)])
    with scripted_server(script) as url, pytest.raises(EndpointFailed, match="503"):
        backend(url, tmp_path, max_retries=2).complete(ASK, schema=SCHEMA)
    assert len(script.requests) == 3


def test_401_fails_fast_naming_the_setting_and_never_the_key(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.DEBUG)
    script = Script(Reply(401, raw_body='{"error": {"message": "bad key"}}'))
    with scripted_server(script) as url:
        llm = backend(url, tmp_path)
        with pytest.raises(EndpointAuthError) as caught:
            llm.complete(ASK, schema=SCHEMA)
    assert len(script.requests) == 1 and "OPENAI_API_KEY" in caught.value.message
    shown = " ".join(
        [str(caught.value), repr(caught.value), repr(llm), json.dumps(llm.describe()), caplog.text]
    )
    assert KEY not in shown and "NEVER-SHOW" not in shown


def test_404_names_base_url_and_model(tmp_path: Path) -> None:
    script = Script(Reply(404, raw_body='{"error": "no such model"}'))
    with scripted_server(script) as url, pytest.raises(EndpointNotFound) as caught:
        backend(url, tmp_path).complete(ASK, schema=SCHEMA)
    assert "--base-url" in caught.value.message and "--model" in caught.value.message


def test_timeout_is_retried_then_reported(tmp_path: Path) -> None:
    script = Script(Reply(content=GOOD, delay=1.0), Reply(content=GOOD, delay=1.0))
    with scripted_server(script) as url, pytest.raises(EndpointFailed, match="超时"):
        backend(url, tmp_path, timeout=0.2, max_retries=1).complete(ASK, schema=SCHEMA)
    assert len(script.requests) == 2


def test_connection_refused_is_reported(tmp_path: Path) -> None:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    with pytest.raises(EndpointFailed, match="连接失败"):
        backend(f"http://127.0.0.1:{port}/v1", tmp_path, max_retries=1).complete(ASK, schema=SCHEMA)


def test_truncated_output_is_reported_as_length(tmp_path: Path) -> None:
    script = Script(Reply(content='{"value": "27.', finish_reason="length"))
    with scripted_server(script) as url:
        result = backend(url, tmp_path).complete(ASK, schema=SCHEMA, max_tokens=5)
    assert result.finish_reason == "length" and script.requests[0]["max_tokens"] == 5
