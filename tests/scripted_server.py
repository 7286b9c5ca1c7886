"""A real OpenAI-compatible HTTP server on 127.0.0.1 that answers from a script, for backend tests.

    script = Script(Reply(429, headers={"Retry-After": "2"}), Reply(content='{"a": 1}'))
    with scripted_server(script) as url:          # http://127.0.0.1:<ephemeral port>/v1
        ...                                       # point a client at url
    script.requests                               # every request body, parsed, in order

Each POST takes the next reply (an empty script answers 500). On exit the server stops, wakes any
handler still sleeping in a `delay`, and joins every thread, so no thread outlives the test.
"""

from __future__ import annotations

import json
import threading
from collections import deque
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

__all__ = ["Reply", "Script", "chat_body", "scripted_server"]

DEFAULT_USAGE: dict[str, Any] = {"prompt_tokens": 11, "completion_tokens": 7, "total_tokens": 18}


@dataclass
class Reply:
    status: int = 200  # 0: drop the connection without answering (a reset)
    content: str = "{}"  # the assistant message of a chat completion
    headers: dict[str, str] = field(default_factory=dict)
    delay: float = 0.0  # seconds to wait before answering (to provoke client timeouts)
    finish_reason: str = "stop"
    usage: dict[str, Any] | None = None  # replaces DEFAULT_USAGE
    raw_body: str | None = None  # sent as is instead of a chat completion (error bodies)
    model: str = "scripted"  # the `model` field of the answer
    content_type: str = "application/json"
    drip: float = 0.0  # seconds between bytes: the whole answer, status line first, one byte at a time

    @classmethod
    def error(cls, status: int, message: str = "error", **kwargs: Any) -> Reply:
        return cls(status, raw_body=json.dumps({"error": {"message": message}}, ensure_ascii=False), **kwargs)


def chat_body(
    content: str, finish_reason: str = "stop", usage: dict[str, Any] | None = None, model: str = "scripted"
) -> str:
    return json.dumps(
        {
            "id": "chatcmpl-scripted",
            "object": "chat.completion",
            "created": 0,
            "model": model,
            "choices": [
                {
                    "index": 0,
                    "message": {"role": "assistant", "content": content},
                    "finish_reason": finish_reason,
                }
            ],
            "usage": usage if usage is not None else DEFAULT_USAGE,
        },
        ensure_ascii=False,
    )


class Script:
    def __init__(self, *replies: Reply, default: Callable[[dict[str, Any]], Reply] | None = None) -> None:
        self.replies: deque[Reply] = deque(replies)
        self.default = default  # answers a request (parsed body) once the queued replies are used up
        self.requests: list[dict[str, Any]] = []  # parsed JSON bodies, in arrival order
        self.headers: list[dict[str, str]] = []  # request headers, names lower-cased
        self.paths: list[str] = []
        self.in_flight = 0
        self.max_in_flight = 0  # the most requests the server was answering at one time
        self.lock = threading.Lock()


@contextmanager
def scripted_server(script: Script) -> Iterator[str]:
    stopping = threading.Event()

    class Handler(BaseHTTPRequestHandler):
        def do_POST(self) -> None:
            length = int(self.headers.get("content-length", 0))
            request = json.loads(self.rfile.read(length) or b"{}")
            with script.lock:
                script.requests.append(request)
                script.headers.append({k.lower(): v for k, v in self.headers.items()})
                script.paths.append(self.path)
                if script.replies:
                    reply = script.replies.popleft()
                elif script.default is not None:
                    reply = script.default(request)
                else:
                    reply = Reply.error(500, "script is empty")
                script.in_flight += 1
                script.max_in_flight = max(script.max_in_flight, script.in_flight)
            try:
                self._answer(reply)
            finally:
                with script.lock:
                    script.in_flight -= 1

        def _answer(self, reply: Reply) -> None:
            if reply.delay and stopping.wait(reply.delay):
                return  # the test is over; the client left long ago
            if reply.status == 0:  # a connection reset: hang up without a word
                self.close_connection = True
                self.connection.shutdown(2)
                return
            body = reply.raw_body
            if body is None:
                body = chat_body(reply.content, reply.finish_reason, reply.usage, reply.model)
            data = body.encode("utf-8")
            if reply.drip:
                self._drip(reply, data)
                return
            try:
                self.send_response(reply.status)
                self.send_header("content-type", reply.content_type)
                self.send_header("content-length", str(len(data)))
                for key, value in reply.headers.items():
                    self.send_header(key, value)
                self.end_headers()
                self.wfile.write(data)
            except OSError:  # the client timed out and closed the connection
                pass

        def _drip(self, reply: Reply, data: bytes) -> None:
            """The whole answer, status line first, one byte per `reply.drip` seconds."""
            self.close_connection = True
            head = f"HTTP/1.1 {reply.status} Scripted\r\ncontent-type: {reply.content_type}\r\n"
            head += f"content-length: {len(data)}\r\n\r\n"
            whole = head.encode("ascii") + data
            for i in range(len(whole)):
                if stopping.wait(reply.drip):
                    return
                try:
                    self.wfile.write(whole[i : i + 1])
                    self.wfile.flush()
                except OSError:  # the client gave up
                    return

        def log_message(self, format: str, *args: Any) -> None:
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    server.daemon_threads = False
    server.block_on_close = True  # server_close() joins the handler threads
    thread = threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.01})
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/v1"
    finally:
        stopping.set()
        server.shutdown()
        thread.join()
        server.server_close()
