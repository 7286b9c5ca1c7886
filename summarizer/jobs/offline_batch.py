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

import json
import time
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ..backends import openai_batch as batch_api
from ..backends.openai_compat import OpenAIBackend
from ..core.config import Settings
from ..core.errors import SummarizerError
from ..core.files import write_atomic
from ..llm.cache import CallCache, call_key
from ..llm.extract import Extractor
from ..text.analyze import analyze_file

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
            if key not in seen:
                seen.add(key)
                lines.append(batch_api.request_line(backend, key, messages, schema, params))
    return lines


def submit(paths: Sequence[Path], settings: Settings, backend: OpenAIBackend, out_dir: Path) -> BatchState:
    requests = _requests(paths, settings, backend)
    batch = batch_api.start(backend, requests)
    record = {
        "batch_id": batch.batch_id,
        "requests": len(requests),
        "submitted": time.strftime("%Y-%m-%d %H:%M"),
    }
    write_atomic(out_dir / PENDING, json.dumps(record, ensure_ascii=False) + "\n")
    return BatchState(batch.batch_id, batch.status, requests=len(requests))


def collect(backend: OpenAIBackend, cache: CallCache, out_dir: Path) -> BatchState:
    """Poll once; when the batch is complete, put every answer into the cache and forget the batch."""
    record = pending(out_dir)
    if record is None:
        raise SummarizerError(f"{out_dir} 中没有待取回的批处理。")
    batch = batch_api.status(backend, record["batch_id"])
    if batch.status != "completed" or not batch.output_file_id:
        return BatchState(batch.batch_id, batch.status, requests=record.get("requests", 0))
    answered = 0
    for key, completion in batch_api.results(backend, batch):  # a failed request is made online later
        cache.put(key, completion)
        answered += 1
    (out_dir / PENDING).unlink()
    return BatchState(batch.batch_id, "completed", requests=record.get("requests", 0), answered=answered)
