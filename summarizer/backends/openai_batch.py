"""The OpenAI Batch API as a transport: request lines in, answers out (files + batches endpoints).

Only the endpoint's wire format lives here: how one chat call is written as a batch request line, how
a JSONL is uploaded and started, how a finished batch's answers are read back as `Completion`s. What
goes into a batch and where answers go (the call cache) is `jobs.offline_batch`'s business.
"""

from __future__ import annotations

import io
import json
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from typing import Any

from ..core.errors import EndpointFailed
from .base import Completion, Message, Usage
from .jsontext import parses_as_json
from .openai_compat import OpenAIBackend

__all__ = ["BatchStatus", "request_line", "results", "start", "status"]


@dataclass(frozen=True)
class BatchStatus:
    batch_id: str
    status: str  # validating / in_progress / finalizing / completed / failed / expired / cancelled
    output_file_id: str | None = None


def request_line(
    backend: OpenAIBackend,
    custom_id: str,
    messages: Sequence[Message],
    schema: dict[str, Any],
    params: dict[str, Any],
) -> dict[str, Any]:
    """One chat completion as a batch request line, asking for JSON matching `schema`."""
    structured = {
        "type": "json_schema",
        "json_schema": {"name": str(schema.get("title", "output")), "schema": schema, "strict": False},
    }
    body = {"model": backend.model, "messages": list(messages), **params, "response_format": structured}
    return {"custom_id": custom_id, "method": "POST", "url": "/v1/chat/completions", "body": body}


def start(backend: OpenAIBackend, lines: Sequence[dict[str, Any]]) -> BatchStatus:
    """Upload the request lines as one JSONL and start a batch over them."""
    data = "".join(json.dumps(line, ensure_ascii=False) + "\n" for line in lines).encode("utf-8")
    client = backend.client
    try:
        uploaded = client.files.create(file=("summarizer-batch.jsonl", io.BytesIO(data)), purpose="batch")
        batch = client.batches.create(
            input_file_id=uploaded.id, endpoint="/v1/chat/completions", completion_window="24h"
        )
    except Exception as exc:  # the SDK's many error types; the message names the endpoint
        raise EndpointFailed(f"提交批处理失败（{backend.describe().get('base_url', '')}）：{exc}") from exc
    return BatchStatus(batch.id, batch.status)


def status(backend: OpenAIBackend, batch_id: str) -> BatchStatus:
    try:
        batch = backend.client.batches.retrieve(batch_id)
    except Exception as exc:
        raise EndpointFailed(f"取回批处理 {batch_id} 失败：{exc}") from exc
    return BatchStatus(batch.id, batch.status, batch.output_file_id or None)


def results(backend: OpenAIBackend, batch: BatchStatus) -> Iterator[tuple[str, Completion]]:
    """(custom_id, answer) for every request of a completed batch that succeeded; failed ones are
    left out (the caller makes those calls online)."""
    if batch.output_file_id is None:
        return
    try:
        content = backend.client.files.content(batch.output_file_id).text
    except Exception as exc:
        raise EndpointFailed(f"取回批处理 {batch.batch_id} 失败：{backend.redact_text(str(exc))}") from exc
    for line in content.splitlines():
        try:  # a line that is not a well-formed answer is left out and asked online later
            item = json.loads(line)
            response = item.get("response") or {}
            if response.get("status_code") != 200:
                continue
            body = response["body"]
            choice = body["choices"][0]
            usage = body.get("usage") or {}
            if not parses_as_json(choice["message"].get("content") or ""):
                continue  # only answers that parse go into the cache
        except (ValueError, RecursionError, KeyError, IndexError, TypeError, AttributeError):
            continue
        yield (
            item["custom_id"],
            backend.redact(
                Completion(
                    text=choice["message"].get("content") or "",
                    usage=Usage(usage.get("prompt_tokens", 0), usage.get("completion_tokens", 0)),
                    model=body.get("model", backend.model),
                    finish_reason=choice.get("finish_reason"),
                    mode="json_schema",
                )
            ),
        )
