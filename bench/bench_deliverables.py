"""The memo quality bench: the 办公室 reader's checklist per genre over every kind of report we have.

Documents: the examples' committed summaries (examples/out, made with the embedded model by `make
examples`); the seeds and the genre fixtures (tests/data/genres: 会议新闻, 经济运行, 政府工作报告, a
template with XX, a feature, a 工作要点 — invented texts) summarised without a model, since the checks
are about what the memo is built from and how it reads. For the seeds it also checks the figures a
careful reader says their memo must carry (../shared/seeds/figures.json `memo_must_carry`). Writes
bench/results/deliverables.md.
"""

from __future__ import annotations

import json
import sys
import time
from pathlib import Path

from summarizer.core.config import Settings
from summarizer.core.summary_file import load_summary
from summarizer.jobs.document import summarize
from summarizer.outputs.brief import BriefHeader, render_brief_output
from summarizer.outputs.checklist import Check, brief_checks
from summarizer.text.units import to_simplified

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT.parent / "shared" / "seeds"
GENRES = ROOT / "tests" / "data" / "genres"
OUT = ROOT / "bench" / "results" / "deliverables.md"


def main() -> int:
    cases = [
        (p.name.removesuffix(".summary.json"), load_summary(str(p)))
        for p in sorted((ROOT / "examples" / "out").glob("*.summary.json"))
    ]
    settings = Settings(backend="fake", cache=False)
    for seed in sorted(SEEDS.glob("*.txt")) if SEEDS.is_dir() else []:
        cases.append((f"{seed.name}（无模型）", summarize(seed, settings)))
    for fixture in sorted(GENRES.glob("*.txt")):
        cases.append((f"{fixture.name}（无模型）", summarize(fixture, settings)))
    figures = SEEDS / "figures.json"
    must = json.loads(figures.read_text("utf-8")) if figures.is_file() else {}
    names: list[str] = []
    rows: list[str] = []
    failed = 0
    started = time.perf_counter()
    for label, summary in cases:
        checks = brief_checks(summary)
        carry = must.get(label.removesuffix("（无模型）"), {})
        if isinstance(carry, dict) and carry.get("memo_must_carry"):
            memo = render_brief_output(summary, "md", BriefHeader(date="2025年12月1日"))
            assert isinstance(memo, str)
            # figures.json writes them as the source does (Traditional 億/項): compare in the memo's script
            lost = [f for f in carry["memo_must_carry"] if to_simplified(f) not in memo]
            checks.append(Check("带上读者列出的必备数字", not lost, "、".join(lost)))
        else:
            checks.append(Check("带上读者列出的必备数字", True, "（无清单）"))
        label = f"{label} [{summary.meta.genre or '—'}]"
        names = names or [c.name for c in checks]
        failed += sum(not c.passed for c in checks)
        cells = ["✓" if c.passed else f"✗ {c.detail[:40]}".strip() for c in checks]
        rows.append(f"| {label} | " + " | ".join(cells) + " |")
    seconds = time.perf_counter() - started
    lines = [
        "# Deliverables checklist (the 办公室 reader's, as code)",
        "",
        "Each column is one check of `summarizer/outputs/checklist.py` on the memo as `brief` writes it",
        "(the genre in brackets chooses its shape), plus the seeds' must-carry figures. Examples use their",
        "committed model summaries; seeds and the genre fixtures are summarised without a model",
        "(`--dry-run`). ✗ names what failed.",
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
