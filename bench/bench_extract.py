"""Extraction on the embedded model: tokens, calls, wall time, and how often the document is read.

Runs `extract` on the project's longest example with an empty call cache, then once more to time a
cached rerun. "Prefilled" counts prompt tokens the model actually processed (prompt minus the prefix
llama.cpp reused); the target is to read each document about once (ratio <= 1.3). The system prompt
is prefilled once per process and shared by every document of a batch, so the ratio is given both
with it and without it.
Writes bench/results/extract.md. Run: make bench (needs the `local` extra; takes a few minutes).
"""

from __future__ import annotations

import platform
import sys
import tempfile
import time
from datetime import date
from pathlib import Path
from typing import Any

from summarizer.backends.llamacpp import LlamaCppBackend
from summarizer.core.config import Settings
from summarizer.core.summary import MEASURE_THEMES, PROJECT_STATUSES
from summarizer.grounding.ground import apply_policy, ground
from summarizer.llm import prompts
from summarizer.llm.cache import CallCache
from summarizer.llm.extract import Extractor
from summarizer.outputs.plan import render_plan
from summarizer.outputs.prose import write_prose
from summarizer.text.analyze import analyze_file

ROOT = Path(__file__).resolve().parent.parent
EXAMPLE = ROOT / "examples" / "songchuan-park-2025-annual-summary.txt"


def main() -> int:
    settings = Settings()
    backend = LlamaCppBackend.from_settings(settings)
    backend.load()
    calls: list[tuple[int, int]] = []  # (prompt, reused prefix) of every model call
    complete = backend.complete

    def counting(*args: Any, **kwargs: Any) -> Any:
        completion = complete(*args, **kwargs)
        calls.append((completion.usage.prompt_tokens, completion.usage.cached_tokens or 0))
        return completion

    backend.complete = counting  # type: ignore[method-assign]
    doc = analyze_file(EXAMPLE)
    doc_tokens = backend.count_tokens(doc.cleaned)
    system = prompts.render(
        prompts.SECTION,
        {"statuses": "、".join(PROJECT_STATUSES), "themes": "、".join(MEASURE_THEMES)},
        {"section": "", "figures": [], "text": "", "inline": True},
    )
    system_tokens = backend.count_tokens(system[0]["content"])
    with tempfile.TemporaryDirectory() as tmp:
        cache = CallCache(Path(tmp))
        started = time.perf_counter()
        summary = Extractor(backend, cache).extract(doc)
        wall = time.perf_counter() - started
        # the later stages work from the validated summary: the memo's prose is one short call,
        # the plan none at all
        grounded = apply_policy(summary, ground(summary, doc), "flag")
        before = list(calls)
        write_prose(grounded, backend, cache)
        render_plan(grounded)
        prose_prefilled = sum(p - c for p, c in calls[len(before) :])
        started = time.perf_counter()
        Extractor(backend, cache).extract(doc)
        cached_wall = time.perf_counter() - started
    prompt = summary.usage["prompt_tokens"]
    reused = summary.usage.get("cached_tokens", 0)
    prefilled = prompt - reused
    generated = summary.usage["completion_tokens"]
    found = sum(1 for i in summary.indicators if i.source is not None)
    items = len(summary.indicators) + len(summary.projects) + len(summary.measures)
    items += len(summary.problems) + len(summary.next_steps) + len(summary.goals)
    rows = [
        ("document", f"{EXAMPLE.name}: {len(doc.cleaned)} chars, {doc_tokens} tokens"),
        ("calls", str(summary.calls)),
        ("prompt tokens (all calls)", str(prompt)),
        ("of which reused prefix", str(reused)),
        ("prefilled tokens", str(prefilled)),
        ("prefilled / document tokens", f"{prefilled / doc_tokens:.2f}"),
        (
            "same, system prompt excluded (shared by a batch)",
            f"{(prefilled - system_tokens) / doc_tokens:.2f}",
        ),
        (
            "extract + brief + plan, system prompt excluded",
            f"{prefilled - system_tokens + prose_prefilled} prefilled "
            f"({(prefilled - system_tokens + prose_prefilled) / doc_tokens:.2f} x the document; "
            f"brief prose {prose_prefilled}, plan 0)",
        ),
        ("generated tokens", str(generated)),
        ("items extracted", str(items)),
        ("generated tokens per item", f"{generated / max(items, 1):.1f}"),
        ("indicators whose value the parser found in the source", f"{found}/{len(summary.indicators)}"),
        ("wall time", f"{wall:.1f} s"),
        ("cached rerun", f"{cached_wall:.3f} s"),
    ]
    lines = [
        "# Extraction on the embedded model",
        "",
        f"Measured {date.today().isoformat()} with `make bench` on {platform.machine()}, "
        f"Python {platform.python_version()}, model {backend.model}, "
        f"{backend.describe().get('threads', '?')} threads.",
        "",
        "| measure | value |",
        "| --- | --- |",
        *[f"| {name} | {value} |" for name, value in rows],
    ]
    report = "\n".join(lines) + "\n"
    out = ROOT / "bench" / "results" / "extract.md"
    out.write_text(report, encoding="utf-8")
    sys.stdout.write(report)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
