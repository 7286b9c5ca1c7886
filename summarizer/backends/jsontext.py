"""Pull the JSON object out of a model's reply: <think> blocks, code fences and chatter removed."""

from __future__ import annotations

import json
import re

__all__ = ["extract_json_text", "strip_think"]

_THINK = re.compile(r"<think>.*?</think>", re.DOTALL)


def strip_think(text: str) -> str:
    text = _THINK.sub("", text)
    if "</think>" in text:  # the opening tag was in the prompt or cut off: drop everything before the end
        text = text.split("</think>", 1)[1]
    elif text.lstrip().startswith("<think>"):  # never closed: no answer came
        return ""
    return text.strip()


_MAX_STARTS = 32


def extract_json_text(text: str) -> str:
    """The first balanced `{...}` in `text` (strings and escapes respected), or the text itself."""
    text = strip_think(text)
    start = text.find("{")
    tries = 0
    while start >= 0 and tries < _MAX_STARTS:  # bounded: an unbalanced 200,000-deep answer stays linear
        tries += 1
        depth, in_string, escaped = 0, False, False
        for index in range(start, len(text)):
            ch = text[index]
            if in_string:
                if escaped:
                    escaped = False
                elif ch == "\\":
                    escaped = True
                elif ch == '"':
                    in_string = False
            elif ch == '"':
                in_string = True
            elif ch == "{":
                depth += 1
            elif ch == "}":
                depth -= 1
                if depth == 0:
                    return text[start : index + 1]
        start = text.find("{", start + 1) if depth else -1
    return text


def parses_as_json(text: str) -> bool:
    """Whether `text` holds a JSON object that can be read (bounded nesting included)."""
    try:
        json.loads(extract_json_text(text))
    except (ValueError, RecursionError):
        return False
    return True
