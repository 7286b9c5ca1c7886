"""A local stand-in for the OpenAI Batch API (files, batches, file content) and chat completions.

Answers are computed by `answer(body)` for each request line; the batch reports in_progress on its
first retrieval and completed afterwards, so a test sees both states.
"""

from __future__ import annotations

import email.parser
import email.policy
import json
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

__all__ = ["BatchApi", "batch_api_server"]


def _completion(content: str) -> dict[str, Any]:
    message = {"role": "assistant", "content": content}
    return {
        "id": "chatcmpl-standin", "object": "chat.completion", "created": 0, "model": "m",
        "choices": [{"index": 0, "message": message, "finish_reason": "stop"}],
        "usage": {"prompt_tokens": 11, "completion_tokens": 7, "total_tokens": 18},
    }  # fmt: skip


@dataclass
class BatchApi:
    answer: Callable[[dict[str, Any]], str]
    uploaded: list[dict[str, Any]] = field(default_factory=list)  # the request lines received
    retrievals: int = 0
    chat_calls: int = 0


@contextmanager
def batch_api_server(api: BatchApi) -> Iterator[str]:
    class Handler(BaseHTTPRequestHandler):
        def _send(self, payload: Any, raw: bytes | None = None) -> None:
            data = raw if raw is not None else json.dumps(payload, ensure_ascii=False).encode("utf-8")
            self.send_response(200)
            self.send_header("content-type", "application/json")
            self.send_header("content-length", str(len(data)))
            self.end_headers()
            self.wfile.write(data)

        def do_POST(self) -> None:
            body = self.rfile.read(int(self.headers.get("content-length", 0)))
            if self.path.endswith("/files"):
                head = f"Content-Type: {self.headers['content-type']}\r\n\r\n".encode()
                message = email.parser.BytesParser(policy=email.policy.HTTP).parsebytes(head + body)
                for part in message.iter_parts():
                    if part.get_filename():
                        lines = part.get_payload(decode=True).decode("utf-8").splitlines()
                        api.uploaded = [json.loads(line) for line in lines]
                self._send({"id": "file-in", "object": "file", "bytes": len(body), "created_at": 0,
                            "filename": "in.jsonl", "purpose": "batch", "status": "processed"})  # fmt: skip
            elif self.path.endswith("/batches"):
                self._send(self._batch("validating"))
            else:  # chat completions made online
                api.chat_calls += 1
                self._send(_completion(api.answer(json.loads(body))))

        def do_GET(self) -> None:
            if self.path.endswith("/batches/batch-1"):
                api.retrievals += 1
                self._send(self._batch("in_progress" if api.retrievals == 1 else "completed"))
            elif self.path.endswith("/files/file-out/content"):
                lines = [
                    {"id": f"r{i}", "custom_id": line["custom_id"],
                     "response": {"status_code": 200, "body": _completion(api.answer(line["body"]))}}
                    for i, line in enumerate(api.uploaded)
                ]  # fmt: skip
                self._send(
                    None, raw="".join(json.dumps(x, ensure_ascii=False) + "\n" for x in lines).encode()
                )
            else:
                self.send_error(404)

        def _batch(self, status: str) -> dict[str, Any]:
            done = status == "completed"
            return {"id": "batch-1", "object": "batch", "endpoint": "/v1/chat/completions",
                    "input_file_id": "file-in", "completion_window": "24h", "status": status,
                    "created_at": 0, "output_file_id": "file-out" if done else None}  # fmt: skip

        def log_message(self, format: str, *args: Any) -> None:
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.01})
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/v1"
    finally:
        server.shutdown()
        thread.join()
        server.server_close()
