"""The plan-quality bench: the 办公室 reader's checklist for plan drafts over every kind of report we have.

Documents: the examples' committed summaries (examples/out), and the seeds and the genre fixtures
(tests/data/genres) summarised without a model. Each column is one check of
`summarizer/outputs/checklist.plan_checks` on the draft `plan` writes by default (no `--propose`).
Writes bench/results/plans.md.
"""

from __future__ import annotations

import sys
import time
from pathlib import Path

from summarizer.core.config import Settings
from summarizer.core.summary_file import load_summary
from summarizer.jobs.document import summarize
from summarizer.outputs.checklist import plan_checks

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT.parent / "shared" / "seeds"
GENRES = ROOT / "tests" / "data" / "genres"
OUT = ROOT / "bench" / "results" / "plans.md"


def main() -> int:
    cases = [
        (p.name.removesuffix(".summary.json"), load_summary(str(p)))
        for p in sorted((ROOT / "examples" / "out").glob("*.summary.json"))
    ]
    settings = Settings(backend="fake", cache=False)
    for report in [*(sorted(SEEDS.glob("*.txt")) if SEEDS.is_dir() else []), *sorted(GENRES.glob("*.txt"))]:
        cases.append((f"{report.name}（无模型）", summarize(report, settings)))
    names: list[str] = []
    rows: list[str] = []
    failed = 0
    started = time.perf_counter()
    for label, summary in cases:
        checks = plan_checks(summary)
        names = names or [c.name for c in checks]
        failed += sum(not c.passed for c in checks)
        cells = ["✓" if c.passed else f"✗ {c.detail[:40]}".strip() for c in checks]
        rows.append(f"| {label} [{summary.meta.genre or '—'}] | " + " | ".join(cells) + " |")
    seconds = time.perf_counter() - started
    lines = [
        "# Plan drafts checklist (the 办公室 reader's, as code)",
        "",
        "Each column is one check of `summarizer/outputs/checklist.plan_checks` on the draft `plan`",
        "writes by default. Examples use their committed model summaries; seeds and the genre fixtures",
        "are summarised without a model (`--dry-run`). ✗ names what failed.",
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
