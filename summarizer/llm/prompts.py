"""Prompt templates from prompts/, rendered with StrictUndefined.

Document text only ever enters as a variable value, never as template source, so `{{ }}` in a
report stays text. Every rendering carries a prompt id (hash of the template sources) that goes into
cache keys and run logs: editing a prompt invalidates exactly the cached calls that used it.
"""

from __future__ import annotations

import hashlib
import re
from functools import cache, lru_cache
from typing import Any

import jinja2

from ..backends.base import Message
from ..core.resources import resource_dir

__all__ = ["PromptSet", "defang", "prompt_id", "render"]

PromptSet = tuple[str, str]  # (system template, user template)
# One system prompt for every task, so the embedded model prefills it once per process.
NAME: PromptSet = ("system.j2", "name_user.j2")
PROSE: PromptSet = ("system.j2", "prose_user.j2")


@lru_cache(maxsize=1)
def _env() -> jinja2.Environment:
    return jinja2.Environment(
        loader=jinja2.FileSystemLoader(resource_dir("prompts")),
        undefined=jinja2.StrictUndefined,
        autoescape=False,  # plain text for a model, not HTML
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=False,
    )


@cache
def prompt_id(*names: str) -> str:
    digest = hashlib.sha256()
    for name in names:
        source, _, _ = _env().loader.get_source(_env(), name)  # type: ignore[union-attr]
        digest.update(name.encode() + b"\0" + source.encode() + b"\0")
    return digest.hexdigest()[:12]


# Chat-template control tokens (Qwen's <|im_start|>, Llama's <|eot_id|>, …) written inside a document
# would be read as real role switches by a backend that tokenizes specials; in document text they are
# only ever data, so their brackets become full-width look-alikes. So do runs of `<<<` / `>>>`: the
# prompts fence document text between those delimiters, and a report must not close or reopen the fence.
_CONTROL_TOKEN = re.compile(r"<\|([A-Za-z_]+)\|>|<\|")
_DELIMITER = re.compile(r"<{3,}|>{3,}")
_FULL_WIDTH = str.maketrans("<>", "＜＞")


def defang(text: str) -> str:
    text = _CONTROL_TOKEN.sub(lambda m: f"＜｜{m.group(1)}｜＞" if m.group(1) else "＜｜", text)
    return _DELIMITER.sub(lambda m: m.group().translate(_FULL_WIDTH), text)


def _defanged(value: Any) -> Any:
    if isinstance(value, str):
        return defang(value)
    if isinstance(value, list):
        return [_defanged(v) for v in value]
    if isinstance(value, dict):  # the naming asks: {"id": …, "source": <document text>}
        return {k: _defanged(v) for k, v in value.items()}
    return value


def render(prompts: PromptSet, system: dict[str, Any], user: dict[str, Any]) -> list[Message]:
    env = _env()
    return [
        {"role": "system", "content": env.get_template(prompts[0]).render(**system).strip()},
        {
            "role": "user",
            "content": env.get_template(prompts[1])
            .render(**{k: _defanged(v) for k, v in user.items()})
            .strip(),
        },
    ]


def reask(error: str) -> Message:
    return {"role": "user", "content": _env().get_template("reask.j2").render(error=error).strip()}
