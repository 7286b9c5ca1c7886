"""Content-addressed store of LLM calls, and the run log.

Key = sha256 over backend, model, messages, schema and sampling parameters, so re-running the same
document on the same setup costs nothing, and any change (prompt edit, other model) misses. Entries
are written atomically; a corrupt entry is treated as a miss. The run log is JSONL, one line per call
(cached or not), for cost accounting: tokens in/out, cached prefix tokens, latency, attempt.
"""

from __future__ import annotations

import hashlib
import json
import logging
import threading
import time
from collections.abc import Sequence
from dataclasses import asdict
from pathlib import Path
from typing import Any

from ..backends.base import Completion, Message, Usage
from ..core.errors import OutputWriteError
from ..core.files import write_atomic

__all__ = ["CallCache", "call_key"]

_log = logging.getLogger(__name__)
_warned: set[Path] = set()  # cache roots already reported unwritable in this process
_warned_lock = threading.Lock()


def call_key(
    backend: str, model: str, messages: Sequence[Message], schema: dict[str, Any] | None, **params: Any
) -> str:
    payload = json.dumps(
        {"backend": backend, "model": model, "messages": list(messages), "schema": schema, "params": params},
        ensure_ascii=False,
        sort_keys=True,
    )
    return hashlib.sha256(payload.encode("utf-8")).hexdigest()


class CallCache:
    def __init__(self, root: Path, *, enabled: bool = True) -> None:
        self.root = root
        self.enabled = enabled
        self.log_path = root / "runs.jsonl"

    def _path(self, key: str) -> Path:
        return self.root / "calls" / key[:2] / f"{key}.json"

    def get(self, key: str) -> Completion | None:
        if not self.enabled:
            return None
        try:
            data = json.loads(self._path(key).read_text(encoding="utf-8"))
            usage = Usage(**data.pop("usage"))
            return Completion(usage=usage, **data)
        except (OSError, ValueError, TypeError, KeyError, RecursionError):
            return None

    def put(self, key: str, completion: Completion) -> None:
        """A cache that cannot be written (read-only, full) must not cost the answer just paid for:
        the run goes on uncached, and the user is told once per cache directory."""
        if not self.enabled:
            return
        try:
            write_atomic(self._path(key), json.dumps(asdict(completion), ensure_ascii=False))
        except OutputWriteError as exc:
            with _warned_lock:
                if self.root in _warned:
                    return
                _warned.add(self.root)
            _log.warning(
                "调用缓存目录 %s 无法写入（%s），模型的回答照常使用，但不会缓存，重新运行时会再次调用模型。"
                "请检查该目录的权限和磁盘空间，或用 --cache-dir 换一个目录。",
                self.root,
                exc.problem.removeprefix("无法写入，"),
            )

    def log(self, **record: Any) -> None:
        """Append one call record; logging must never break a run, so failures are swallowed."""
        record.setdefault("time", time.strftime("%Y-%m-%dT%H:%M:%S"))
        try:
            self.root.mkdir(parents=True, exist_ok=True)
            with self.log_path.open("a", encoding="utf-8") as handle:
                handle.write(json.dumps(record, ensure_ascii=False) + "\n")
        except OSError:
            pass
