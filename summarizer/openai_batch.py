"""Large offline jobs through the OpenAI Batch API (half price, answers within 24 hours).

Two runs of the same `summarizer batch ... --openai-batch` command:

1. `submit`: every first-attempt extraction call of every unfinished document goes into one JSONL
   file, uploaded and started as a batch; its id is kept in `<out>/openai-batch.json`.
2. `collect`: once the batch is complete, each answer is stored in the call cache under exactly the
   key the extractor will look up; the normal batch run then finds them there, so grounding,
   rendering, the manifest and resuming all work as usual. Re-asks for answers that fail validation
   (and the memo's prose, which needs the summary) go to the endpoint directly: they are few.

Nothing here is a job scheduler: OpenAI runs the batch; we only prepare, poll and read it back.
"""

from __future__ import annotations

import io
import json
import time
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from .analyze import analyze_file
from .backends.base import Completion, Usage
from .backends.openai_compat import OpenAIBackend
from .cache import CallCache, call_key, write_atomic
from .config import Settings
from .errors import EndpointFailed, SummarizerError
from .extract import Extractor

__all__ = ["PENDING", "BatchState", "collect", "pending", "submit"]

PENDING = "openai-batch.json"


@dataclass(frozen=True)
class BatchState:
    batch_id: str
    status: str  # validating / in_progress / finalizing / completed / failed / expired / cancelled
    requests: int = 0
    answered: int = 0


def pending(out_dir: Path) -> dict[str, Any] | None:
    path = out_dir / PENDING
    return json.loads(path.read_text(encoding="utf-8")) if path.is_file() else None


def _requests(paths: Sequence[Path], settings: Settings, backend: OpenAIBackend) -> list[dict[str, Any]]:
    lines, seen = [], set()
    extractor = Extractor(backend)
    for path in paths:
        try:
            doc = analyze_file(str(path), settings)
        except SummarizerError:
            continue  # a bad file fails in the normal run, with its message, not here
        for messages, schema, params in extractor.first_calls(doc):
            key = call_key(backend.name, backend.model, messages, schema, **params)
            if key in seen:
                continue
            seen.add(key)
            name = str(schema.get("title", "output"))
            structured = {
                "type": "json_schema",
                "json_schema": {"name": name, "schema": schema, "strict": False},
            }
            body = {"model": backend.model, "messages": messages, **params, "response_format": structured}
            lines.append({"custom_id": key, "method": "POST", "url": "/v1/chat/completions", "body": body})
    return lines


def submit(paths: Sequence[Path], settings: Settings, backend: OpenAIBackend, out_dir: Path) -> BatchState:
    requests = _requests(paths, settings, backend)
    data = "".join(json.dumps(line, ensure_ascii=False) + "\n" for line in requests).encode("utf-8")
    client = backend.client
    try:
        uploaded = client.files.create(file=("summarizer-batch.jsonl", io.BytesIO(data)), purpose="batch")
        batch = client.batches.create(
            input_file_id=uploaded.id, endpoint="/v1/chat/completions", completion_window="24h"
        )
    except Exception as exc:  # the SDK's many error types; the message names the endpoint
        raise EndpointFailed(f"提交批处理失败（{backend.describe().get('base_url', '')}）：{exc}") from exc
    record = {"batch_id": batch.id, "requests": len(requests), "submitted": time.strftime("%Y-%m-%d %H:%M")}
    write_atomic(out_dir / PENDING, json.dumps(record, ensure_ascii=False) + "\n")
    return BatchState(batch.id, batch.status, requests=len(requests))


def collect(backend: OpenAIBackend, cache: CallCache, out_dir: Path) -> BatchState:
    """Poll once; when the batch is complete, put every answer into the cache and forget the batch."""
    record = pending(out_dir)
    if record is None:
        raise SummarizerError(f"{out_dir} 中没有待取回的批处理。")
    client = backend.client
    try:
        batch = client.batches.retrieve(record["batch_id"])
        if batch.status != "completed" or not batch.output_file_id:
            return BatchState(batch.id, batch.status, requests=record.get("requests", 0))
        content = client.files.content(batch.output_file_id).text
    except Exception as exc:
        raise EndpointFailed(f"取回批处理 {record['batch_id']} 失败：{exc}") from exc
    answered = 0
    for line in content.splitlines():
        item = json.loads(line)
        response = item.get("response") or {}
        if response.get("status_code") != 200:
            continue  # that call will simply be made online in the normal run
        body = response["body"]
        choice = body["choices"][0]
        usage = body.get("usage") or {}
        cache.put(
            item["custom_id"],
            Completion(
                text=choice["message"].get("content") or "",
                usage=Usage(usage.get("prompt_tokens", 0), usage.get("completion_tokens", 0)),
                model=body.get("model", backend.model),
                finish_reason=choice.get("finish_reason"),
                mode="json_schema",
            ),
        )
        answered += 1
    (out_dir / PENDING).unlink()
    return BatchState(batch.id, "completed", requests=record.get("requests", 0), answered=answered)
