"""The HTTP client under the openai backend: a wall-clock deadline per request, and no request to another
origin.

httpx2 times each connect, read and write on its own, so a server that drips one byte a second keeps a
request with a 3 s timeout alive for minutes. Here every socket operation made inside `deadline()` is
given at most what is left of that deadline, and fails with httpx2's own timeout once it has passed:
`timeout` becomes the budget of the whole request, and the SDK's timeout handling applies unchanged.

A redirect is followed only to the base URL's own scheme, host and port. httpx2 re-sends the body of a
307/308 to wherever Location points, and the body is the user's document; a request hook refuses the
hop before anything is sent (`ForeignRedirect`).

Known gap: connections made through an environment proxy (HTTPS_PROXY) use httpx2's own proxy
transport, which keeps per-operation timeouts.
"""

from __future__ import annotations

import contextlib
import time
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from typing import Any

import httpcore2
import httpx2
import openai

__all__ = ["ForeignRedirect", "TooManyRedirects", "deadline", "endpoint_client"]

TooManyRedirects = httpx2.TooManyRedirects

# monotonic time by which the current thread's request must be done; None: no deadline
_DEADLINE: ContextVar[float | None] = ContextVar("summarizer_request_deadline", default=None)


@contextmanager
def deadline(seconds: float) -> Iterator[None]:
    """Every socket operation of requests made inside the block ends `seconds` from now at the latest."""
    token = _DEADLINE.set(time.monotonic() + seconds)
    try:
        yield
    finally:
        _DEADLINE.reset(token)


def _left(timeout: float | None, expired: type[Exception]) -> float | None:
    """The smaller of an operation's own timeout and the time left; `expired` once none is left."""
    end = _DEADLINE.get()
    if end is None:
        return timeout
    left = end - time.monotonic()
    if left <= 0:
        raise expired("the request's deadline has passed")
    return left if timeout is None else min(timeout, left)


class _DeadlineStream(httpcore2.NetworkStream):
    def __init__(self, inner: httpcore2.NetworkStream) -> None:
        self._inner = inner

    def read(self, max_bytes: int, timeout: float | None = None) -> bytes:
        return self._inner.read(max_bytes, _left(timeout, httpcore2.ReadTimeout))

    def write(self, buffer: bytes, timeout: float | None = None) -> None:
        self._inner.write(buffer, _left(timeout, httpcore2.WriteTimeout))

    def close(self) -> None:
        self._inner.close()

    def start_tls(
        self, ssl_context: Any, server_hostname: str | None = None, timeout: float | None = None
    ) -> httpcore2.NetworkStream:
        tls = self._inner.start_tls(ssl_context, server_hostname, _left(timeout, httpcore2.ConnectTimeout))
        return _DeadlineStream(tls)

    def get_extra_info(self, info: str) -> Any:
        return self._inner.get_extra_info(info)


class _DeadlineBackend(httpcore2.NetworkBackend):
    def __init__(self, inner: httpcore2.NetworkBackend) -> None:
        self._inner = inner

    def connect_tcp(
        self,
        host: str,
        port: int,
        timeout: float | None = None,
        local_address: str | None = None,
        socket_options: Iterable[Any] | None = None,
    ) -> httpcore2.NetworkStream:
        stream = self._inner.connect_tcp(
            host, port, _left(timeout, httpcore2.ConnectTimeout), local_address, socket_options
        )
        return _DeadlineStream(stream)

    def connect_unix_socket(
        self, path: str, timeout: float | None = None, socket_options: Iterable[Any] | None = None
    ) -> httpcore2.NetworkStream:  # pragma: no cover - endpoints are reached over TCP
        stream = self._inner.connect_unix_socket(
            path, _left(timeout, httpcore2.ConnectTimeout), socket_options
        )
        return _DeadlineStream(stream)

    def sleep(self, seconds: float) -> None:
        self._inner.sleep(seconds)


class _DeadlineTransport(httpx2.HTTPTransport):
    def __init__(self) -> None:
        super().__init__()
        # httpx2 offers no network_backend argument; its pool takes the backend it hands to each new
        # connection from this attribute (httpcore2's ConnectionPool). tests/test_backend_openai.py's
        # drip test fails if a release moves it.
        pool: Any = self._pool
        pool._network_backend = _DeadlineBackend(pool._network_backend)


class ForeignRedirect(httpx2.RequestError):
    """The endpoint redirected a request to another origin; nothing was sent there. A RequestError, so
    that the SDK reports it as it reports any request that failed (APIConnectionError, this as cause)."""

    def __init__(self, origin: str, request: httpx2.Request) -> None:
        super().__init__(f"refused a redirect to {origin}", request=request)
        self.origin = origin


def _origin(url: httpx2.URL) -> tuple[str, str, int | None]:
    return url.scheme, url.host, url.port  # port None: the scheme's default, so scheme must match too


def endpoint_client(base_url: str) -> httpx2.Client:
    """The SDK's default client (its limits, redirects followed) with the deadline and the origin rule."""
    home = _origin(httpx2.URL(base_url))

    def same_origin(request: httpx2.Request) -> None:
        if _origin(request.url) != home:
            url = request.url
            origin = f"{url.scheme}://{url.host}" + (f":{url.port}" if url.port else "")
            raise ForeignRedirect(origin, request)

    return _OwnedClient(
        transport=_DeadlineTransport(), event_hooks={"request": [same_origin], "response": []}
    )


class _OwnedClient(openai.DefaultHttpxClient):
    """Closed when it is collected, as the SDK closes the client it makes itself: a caller that never
    calls `close()` must not leave keep-alive sockets open."""

    def __del__(self) -> None:
        with contextlib.suppress(Exception):  # interpreter shutdown: nothing left to close with
            self.close()
