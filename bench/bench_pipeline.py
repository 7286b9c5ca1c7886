"""Time the deterministic pipeline (clean, segment, quantities) on a ~20,000-character report.

The report is the project's Traditional, pinyin-annotated web-page example with its body repeated to
20,000 characters: script conversion, pinyin, chrome and the parser all do real work.
Writes bench/results/pipeline.md. Run: make bench
"""

from __future__ import annotations

import platform
import statistics
import sys
import time
from collections.abc import Callable
from datetime import date
from pathlib import Path

from summarizer.core.models import LoadedText
from summarizer.text.analyze import analyze_text
from summarizer.text.clean import clean
from summarizer.text.quantities import find_quantities
from summarizer.text.segment import segment

ROOT = Path(__file__).resolve().parent.parent
TARGET_CHARS = 20_000
ROUNDS = 15


def build_report() -> str:
    """One long web page: the Traditional example's header, its body repeated, its footer."""
    lines = (
        (ROOT / "examples" / "yunling-hightech-2025q3-press-traditional.txt").read_text("utf-8").split("\n")
    )
    footer_at = next(i for i, line in enumerate(lines) if line.startswith("編輯"))
    header, body, footer = lines[:3], lines[3:footer_at], lines[footer_at:]
    size = len("\n".join(header + footer))
    out: list[str] = []
    while size + len("\n".join(out)) < TARGET_CHARS:
        out.extend(body)
    return "\n".join(header + out + footer)


def median_seconds(fn: Callable[[], object]) -> float:
    fn()  # warm caches (OpenCC dictionaries, compiled regexes)
    times = []
    for _ in range(ROUNDS):
        start = time.perf_counter()
        fn()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def main() -> int:
    original = build_report()
    cleaned = clean(original)
    loaded = LoadedText(source="bench", format="text", text=original)
    rows = [
        ("clean", median_seconds(lambda: clean(original))),
        ("segment", median_seconds(lambda: segment(cleaned.text))),
        ("quantities", median_seconds(lambda: find_quantities(cleaned.text))),
        ("whole analyze (incl. span mapping)", median_seconds(lambda: analyze_text(loaded))),
    ]
    doc = analyze_text(loaded)
    total = rows[-1][1]
    lines = [
        "# Deterministic pipeline on a 20,000-character report",
        "",
        f"Measured {date.today().isoformat()} with `make bench` on {platform.machine()} / "
        f"Python {platform.python_version()}, "
        f"median of {ROUNDS} rounds. Input: {len(original)} chars -> {len(cleaned.text)} cleaned, "
        f"{len(doc.figures)} figures, {sum(1 for n in doc.outline.walk() if n.kind == 'heading')} headings.",
        "",
        "| stage | median ms | share of analyze |",
        "| --- | ---: | ---: |",
    ]
    for name, seconds in rows:
        lines.append(f"| {name} | {seconds * 1000:.1f} | {seconds / total:.0%} |")
    report = "\n".join(lines) + "\n"
    out = ROOT / "bench" / "results" / "pipeline.md"
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(report, encoding="utf-8")
    sys.stdout.write(report)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
