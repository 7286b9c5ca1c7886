"""How the deliverables' time grows with a summary's size: linear, or refused early.

A summary made without a model from an invented report is padded to N problems, measures and next
steps (distinct texts, as a hand-made or hostile file might hold), then re-grounded against its report
and rendered as a brief (Markdown), a plan and a digest of two copies, each timed once per size. Each
size is 4x the one before: a stage that grows linearly shows a ratio near 4, a quadratic one near 16.
A file above `SUMMARY_MAX_BYTES` is refused before it is read, and a plan of more than `PLAN_LIST_MAX`
items of a kind is refused before it is drafted (tests/reliability). Writes
bench/results/scale.md.
"""

from __future__ import annotations

import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from summarizer.core.config import Settings
from summarizer.core.summary import Summary, TextItem
from summarizer.grounding.ground import apply_policy, ground
from summarizer.jobs.document import summarize
from summarizer.outputs.brief import render_brief_output
from summarizer.outputs.digest import render_digest
from summarizer.outputs.plan import render_plan
from summarizer.text.analyze import analyze_file

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "bench" / "results" / "scale.md"
SIZES = (60, 240, 960)  # the plan lists at most PLAN_LIST_MAX (999) items of a kind
REPORT = (
    "梧桐产业园2025年上半年工作总结\n一、主要工作\n上半年完成规上工业总产值58.2亿元，同比增长9.1%。\n"
    "二、存在问题\n土地指标紧张。\n三、下半年打算\n推进12个项目建设。\n"
)
_CJK = "甲乙丙丁戊己庚辛壬癸子丑寅卯辰巳午未申酉戌亥"


def _word(n: int) -> str:
    said = ""
    for _ in range(4):
        said += _CJK[n % len(_CJK)]
        n //= len(_CJK)
    return said


def _padded(summary: Summary, n: int) -> Summary:
    def items(template: TextItem, lead: str) -> list[TextItem]:
        return [
            template.model_copy(update={"id": f"x{i}", "text": f"{lead}{_word(i)}工作"}) for i in range(n)
        ]

    return summary.model_copy(
        update={
            "problems": items(summary.problems[0], "土地指标紧张"),
            "next_steps": items(summary.next_steps[0], "推进项目建设"),
        }
    )


def _timed(work: Callable[[], object]) -> float:
    started = time.perf_counter()
    work()
    return time.perf_counter() - started


def main() -> int:
    with tempfile.TemporaryDirectory() as folder:
        report = Path(folder) / "r.txt"
        report.write_text(REPORT, encoding="utf-8")
        settings = Settings(backend="fake", cache=False)
        base = summarize(report, settings)
        doc = analyze_file(str(report), settings)
        rows: list[tuple[int, dict[str, float]]] = []
        for n in SIZES:
            summary = _padded(base, n)
            started = time.perf_counter()
            checked = apply_policy(summary, ground(summary, doc), "flag")
            times = {"ground": time.perf_counter() - started}
            times["brief"] = _timed(lambda s=checked: render_brief_output(s, "md"))
            times["plan"] = _timed(lambda s=checked: render_plan(s))
            pair = [("a", checked), ("b", checked)]
            times["digest"] = _timed(lambda p=pair: render_digest(p, "md", charts=False))
            rows.append((n, times))
            print(n, {k: round(v, 2) for k, v in times.items()}, file=sys.stderr)
    stages = list(rows[0][1])
    lines = [
        "# Deliverables' time against a summary's size",
        "",
        "`bench/bench_scale.py`: problems and next steps each padded to N distinct items; seconds per stage,",
        "and the ratio to the size before (4x the items: about 4 is linear, about 16 quadratic).",
        "",
        "| items | " + " | ".join(stages) + " |",
        "| --- | " + " | ".join("---" for _ in stages) + " |",
    ]
    for index, (n, times) in enumerate(rows):
        cells = []
        for stage in stages:
            ratio = f" (×{times[stage] / rows[index - 1][1][stage]:.1f})" if index else ""
            cells.append(f"{times[stage]:.2f}{ratio}")
        lines.append(f"| {n} | " + " | ".join(cells) + " |")
    OUT.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
