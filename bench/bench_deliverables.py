"""The 办公室 reader's checklist (summarizer/outputs/checklist.py) over the examples and the seeds.

Examples: their committed summaries (examples/out, made with the embedded model by `make examples`).
Seeds: summaries made without a model (`--dry-run`: the skeleton's own names and items), since the
checklist is about what the deliverable is built from and how it is laid out. Writes
bench/results/deliverables.md.
"""

from __future__ import annotations

import sys
import time
from pathlib import Path

from summarizer.core.config import Settings
from summarizer.core.summary_file import load_summary
from summarizer.jobs.document import summarize
from summarizer.outputs.checklist import brief_checks

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT.parent / "shared" / "seeds"
OUT = ROOT / "bench" / "results" / "deliverables.md"


def main() -> int:
    cases = [
        (p.name.removesuffix(".summary.json"), load_summary(str(p)))
        for p in sorted((ROOT / "examples" / "out").glob("*.summary.json"))
    ]
    settings = Settings(backend="fake", cache=False)
    for seed in sorted(SEEDS.glob("*.txt")) if SEEDS.is_dir() else []:
        cases.append((f"{seed.name}（无模型）", summarize(seed, settings)))
    names: list[str] = []
    rows: list[str] = []
    failed = 0
    started = time.perf_counter()
    for label, summary in cases:
        checks = brief_checks(summary)
        names = names or [c.name for c in checks]
        failed += sum(not c.passed for c in checks)
        cells = ["✓" if c.passed else f"✗ {c.detail[:40]}".strip() for c in checks]
        rows.append(f"| {label} | " + " | ".join(cells) + " |")
    seconds = time.perf_counter() - started
    lines = [
        "# Deliverables checklist (the 办公室 reader's, as code)",
        "",
        "Each column is one check of `summarizer/outputs/checklist.py` on the one-page brief (problems and",
        "next steps on the unlimited one). Examples use their committed model summaries; seeds are",
        "summarised without a model (`--dry-run`). ✗ names what failed.",
        "",
        "| document | " + " | ".join(names) + " |",
        "| --- | " + " | ".join("---" for _ in names) + " |",
        *rows,
        "",
        f"{len(cases)} documents, {failed} failed checks, {seconds:.1f} s.",
        "",
    ]
    OUT.write_text("\n".join(lines), encoding="utf-8")
    print("\n".join(lines))
    return 0


if __name__ == "__main__":
    sys.exit(main())
