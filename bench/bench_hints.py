"""How the parser's figures are pointed out to the model: tokens against recall, one run each.

Variants (ExtractOptions.hints): "subject" lists each figure with its indicator after the text,
"values" lists them bare, "inline" brackets them in the text itself, "none" gives no pointer.
Each runs `extract` on the annual-summary example with an empty call cache on the embedded model.
Prefilled tokens exclude the system prompt (prefilled once per process, shared by a batch).
Writes bench/results/hints.md. Run: python bench/bench_hints.py (about 7 minutes here).
"""

from __future__ import annotations

import platform
import sys
import tempfile
import time
from datetime import date
from pathlib import Path

from summarizer.backends.llamacpp import LlamaCppBackend
from summarizer.core.config import Settings
from summarizer.core.summary import MEASURE_THEMES, PROJECT_STATUSES
from summarizer.grounding.ground import ground
from summarizer.llm import prompts
from summarizer.llm.cache import CallCache
from summarizer.llm.extract import ExtractOptions, Extractor
from summarizer.text.analyze import analyze_file

ROOT = Path(__file__).resolve().parent.parent
EXAMPLE = ROOT / "examples" / "songchuan-park-2025-annual-summary.txt"
VARIANTS = ("subject", "values", "inline", "none")


def main() -> int:
    settings = Settings()
    backend = LlamaCppBackend.from_settings(settings)
    backend.load()
    doc = analyze_file(EXAMPLE)
    doc_tokens = backend.count_tokens(doc.cleaned)
    system = prompts.render(
        prompts.SECTION,
        {"statuses": "、".join(PROJECT_STATUSES), "themes": "、".join(MEASURE_THEMES)},
        {"section": "", "figures": [], "text": "", "inline": False},
    )[0]["content"]
    system_tokens = backend.count_tokens(system)
    rows = []
    for variant in VARIANTS:
        backend.complete([{"role": "user", "content": "你好"}], max_tokens=1)  # same cold-ish state
        with tempfile.TemporaryDirectory() as tmp:
            started = time.perf_counter()
            summary = Extractor(backend, CallCache(Path(tmp)), ExtractOptions(hints=variant)).extract(doc)
            wall = time.perf_counter() - started
        prefilled = summary.usage["prompt_tokens"] - summary.usage.get("cached_tokens", 0) - system_tokens
        located = {(i.source.start, i.source.end) for i in summary.indicators if i.source is not None}
        report = ground(summary, doc)
        counts = report.counts
        rows.append(
            f"| {variant} | {summary.calls} | {prefilled} | {prefilled / doc_tokens:.2f} | "
            f"{summary.usage['completion_tokens']} | {len(summary.indicators)} | {len(located)} | "
            f"{counts['verified']}/{len(report.findings)} | {wall:.0f} s |"
        )
        print(rows[-1], flush=True)
    out = ROOT / "bench" / "results" / "hints.md"
    out.write_text(
        "# Pointing the model at the parser's figures\n\n"
        f"Measured {date.today()} on {platform.machine()}, Python {platform.python_version()}, model "
        f"{backend.model}, {EXAMPLE.name} ({len(doc.cleaned)} chars, {doc_tokens} tokens; "
        f"{len(doc.figures)} figures found by the parser). Prefilled excludes the {system_tokens}-token "
        "system prompt, which a batch prefills once.\n\n"
        "| hints | calls | prefilled | / doc tokens | generated | indicators | distinct source figures "
        "reported | checks verified | wall |\n"
        "| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |\n" + "\n".join(rows) + "\n",
        encoding="utf-8",
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
