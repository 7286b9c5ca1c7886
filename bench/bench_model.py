"""The embedded model's own speeds here: prefill, free generation, and generation under a JSON-schema
grammar (what the schema constraint costs), plus prefix reuse on a repeated system prompt.

Writes bench/results/model.md. Run: make bench (needs the `local` extra).
"""

from __future__ import annotations

import platform
import sys
import time
from datetime import date
from pathlib import Path

from naive_schema import SectionExtraction

from summarizer.backends.base import Message
from summarizer.backends.llamacpp import LlamaCppBackend
from summarizer.core.config import Settings

ROOT = Path(__file__).resolve().parent.parent
TEXT = (ROOT / "examples" / "songchuan-park-2025-annual-summary.txt").read_text(encoding="utf-8")[:700]
SYSTEM = "你是开发区工作报告的信息抽取助手。只根据原文抽取，不编造，数字照抄原文。"


def ask(task: str) -> list[Message]:
    return [{"role": "system", "content": SYSTEM}, {"role": "user", "content": f"{TEXT}\n{task}"}]


def main() -> int:
    backend = LlamaCppBackend.from_settings(Settings())
    started = time.perf_counter()
    backend.load()
    load_seconds = time.perf_counter() - started
    rows: list[tuple[str, str]] = [("model load", f"{load_seconds:.1f} s")]
    schema = SectionExtraction.model_json_schema()
    backend.complete(ask("预热"), max_tokens=1)  # a cold prompt: its prefill is what a new document costs
    t = backend.last_timings
    cold = f"{t['prefill_tokens'] / t['prefill_seconds']:.0f} tok/s ({t['prefill_tokens']:.0f} tokens)"
    rows.append(("prefill, cold prompt", cold))
    for label, task, use_schema in [
        ("free generation", "用三句话概述上文的主要指标。", False),
        ("JSON-schema grammar", "按要求抽取上文的指标，输出 JSON。", True),
    ]:
        completion = backend.complete(ask(task), schema=schema if use_schema else None, max_tokens=256)
        t = backend.last_timings
        generation = completion.usage.completion_tokens / max(completion.seconds - t["prefill_seconds"], 1e-9)
        rows.append(
            (
                f"{label}: generation (wall)",
                f"{generation:.1f} tok/s ({completion.usage.completion_tokens} tokens)",
            )
        )
        rows.append(
            (
                f"{label}: reused prompt prefix",
                f"{completion.usage.cached_tokens} of {completion.usage.prompt_tokens} tokens",
            )
        )
    lines = [
        "# The embedded model on this machine",
        "",
        f"Measured {date.today().isoformat()} with `make bench` on {platform.machine()}, "
        f"{backend.describe().get('threads')} threads, model {backend.model}; "
        "one process, nothing else running.",
        "",
        "| measure | value |",
        "| --- | --- |",
        *[f"| {name} | {value} |" for name, value in rows],
    ]
    report = "\n".join(lines) + "\n"
    (ROOT / "bench" / "results" / "model.md").write_text(report, encoding="utf-8")
    sys.stdout.write(report)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
