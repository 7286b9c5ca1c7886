"""Secrets never leave the backend: every string an endpoint returns, and every URL shown, is redacted.

An endpoint (a debugging proxy, a hostile server) may echo the API key in any field of its answer:
the text, `model`, `finish_reason`, an error body. It may echo it upper-cased, JSON-\\u-escaped or cut
short. A `Redactor` knows the secrets (the key, and secret-looking values in the base URL's query
string) and replaces, case-insensitively, each one written plainly or escaped character by character,
and any run of 8 or more of its leading or trailing characters.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import replace
from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

from .base import Completion

__all__ = ["MASK", "Redactor", "safe_url", "url_secrets"]

MASK = "***"
_MIN_FRAGMENT = 8  # shorter pieces of a key are too common to tell from ordinary text
_PUBLIC_QUERY = frozenset({"api-version", "api_version", "model", "deployment"})  # not secrets


def _char(ch: str) -> str:
    """One character as written, or escaped as JSON (\\u0041) or Python (\\x41) would write it."""
    code = ord(ch)
    escapes = [rf"\\u{code:04x}"] + ([rf"\\x{code:02x}"] if code < 256 else [])
    return "(?:" + "|".join([re.escape(ch), *escapes]) + ")"


def _pattern(secret: str) -> str:
    """The secret whole, or any run of at least _MIN_FRAGMENT characters that starts or ends it."""
    chars = [_char(ch) for ch in secret]
    if len(chars) <= _MIN_FRAGMENT:
        return "".join(chars)
    rest = ""
    for c in reversed(chars[_MIN_FRAGMENT:]):  # c1..c8 (?:c9(?:c10 ...)?)?
        rest = f"(?:{c}{rest})?"
    optional = ""
    for c in chars[:-_MIN_FRAGMENT]:  # (?:(?:c1)?c2)? ... then the last eight
        optional = f"(?:{optional}{c})?"
    return "".join(chars[:_MIN_FRAGMENT]) + rest + "|" + optional + "".join(chars[-_MIN_FRAGMENT:])


class Redactor:
    def __init__(self, secrets: Iterable[str]) -> None:
        kept = sorted({s for s in secrets if s and len(s) >= 4}, key=len, reverse=True)
        self._regex = re.compile("|".join(_pattern(s) for s in kept), re.IGNORECASE) if kept else None

    def text(self, value: str) -> str:
        return self._regex.sub(MASK, value) if self._regex is not None and value else value

    def completion(self, answer: Completion) -> Completion:
        """Every string field of an answer redacted (text, model, finish_reason, mode)."""
        reason = answer.finish_reason
        return replace(
            answer,
            text=self.text(answer.text),
            model=self.text(answer.model),
            finish_reason=self.text(reason) if reason is not None else None,
            mode=self.text(answer.mode),
        )


def url_secrets(url: str) -> list[str]:
    """What a URL carries that must never be shown: user:password and secret query values."""
    parts = urlsplit(url)
    found = [p for p in (parts.username, parts.password) if p]
    found += [v for k, v in parse_qsl(parts.query, keep_blank_values=True) if k.lower() not in _PUBLIC_QUERY]
    return found


def safe_url(url: str) -> str:
    """The URL as it may be printed: no user:password, every non-public query value masked."""
    parts = urlsplit(url)
    netloc = parts.netloc if "@" not in parts.netloc else MASK + "@" + parts.netloc.rsplit("@", 1)[1]
    query = urlencode(
        [
            (k, v if k.lower() in _PUBLIC_QUERY else MASK)
            for k, v in parse_qsl(parts.query, keep_blank_values=True)
        ],
        safe="*",
    )
    return urlunsplit(parts._replace(netloc=netloc, query=query))
