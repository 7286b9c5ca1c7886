"""Pull the JSON object out of a model's reply: <think> blocks, code fences and chatter removed."""

from __future__ import annotations

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


def extract_json_text(text: str) -> str:
    """The first balanced `{...}` in `text` (strings and escapes respected), or the text itself."""
    text = strip_think(text)
    start = text.find("{")
    while start >= 0:
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
