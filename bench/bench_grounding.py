"""Extraction + grounding on the embedded model over every example: how many items got each status.

The target is zero unflagged figures that are not in the source. "Unflagged" is checked
independently of the grounding verdicts: every figure of every item whose status is `verified` must
be found, digit for digit, at the span grounding reported in the original file.
Writes bench/results/grounding.md. Run: make bench (needs the `local` extra; several minutes).
"""

from __future__ import annotations

import platform
import sys
import unicodedata
from collections import Counter
from datetime import date
from pathlib import Path

from summarizer.backends.llamacpp import LlamaCppBackend
from summarizer.core.config import Settings
from summarizer.grounding.ground import apply_policy, ground
from summarizer.llm.cache import CallCache
from summarizer.llm.extract import Extractor
from summarizer.text.analyze import analyze_file

ROOT = Path(__file__).resolve().parent.parent


def digits(text: str) -> str:
    return "".join(ch for ch in unicodedata.normalize("NFKC", text) if ch.isdigit())


def main() -> int:
    settings = Settings()
    backend = LlamaCppBackend.from_settings(settings)
    rows = []
    # The user's call cache: after `make examples` these are the same model answers as examples/out/.
    cache = CallCache(settings.resolved_cache_dir())
    for example in sorted((ROOT / "examples").glob("*.txt")):
        doc = analyze_file(example)
        summary = Extractor(backend, cache).extract(doc)
        report = ground(summary, doc)
        grounded = apply_policy(summary, report, "flag")
        counts = Counter(f.status.value for f in report.findings)
        unflagged = sum(
            1
            for f in report.findings
            if f.status.value == "verified"
            and f.field != "text"
            and f.spans  # the 单位/报告期 checks carry no span
            and digits(f.written)
            and digits(f.written) not in digits(doc.original[f.spans[0].start : f.spans[0].end])
        )
        items = Counter(
            (entry.grounding_status.value if entry.grounding_status else "none")
            for name in ("indicators", "projects", "measures", "problems", "next_steps", "goals")
            for entry in getattr(grounded, name)
        )
        bad_math = sum(1 for c in report.arithmetic if not c.consistent)
        rows.append((example.name, items, counts, unflagged, len(report.arithmetic), bad_math))
    lines = [
        "# Grounding of embedded-model extractions over the examples",
        "",
        f"Measured {date.today().isoformat()} with `make bench` on {platform.machine()}, "
        f"model {backend.model}.",
        "Items: worst finding per summary item. Findings: every figure / quote checked.",
        "",
        "| example | items verified / misattributed / not in source / text not found "
        "| findings v / m / n / t | unflagged figures not in source | arithmetic checks (inconsistent) |",
        "| --- | --- | --- | ---: | --- |",
    ]
    for name, items, counts, unflagged, checks, bad in rows:
        keys = ("verified", "misattributed", "figure_not_in_source", "text_not_found")
        item_cells = " / ".join(str(items[k]) for k in keys)
        finding_cells = " / ".join(str(counts[k]) for k in keys)
        lines.append(f"| {name} | {item_cells} | {finding_cells} | {unflagged} | {checks} ({bad}) |")
    report_text = "\n".join(lines) + "\n"
    (ROOT / "bench" / "results" / "grounding.md").write_text(report_text, encoding="utf-8")
    sys.stdout.write(report_text)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
