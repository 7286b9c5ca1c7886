"""Name quality: is every figure of every report named as a reader accepts it? No model involved.

A name is accepted when `summarizer.skeleton.names.name_problem` finds nothing wrong with it:
- it has Chinese or Latin words and at least two characters;
- it holds no year or date (2014年再完成 is not a name);
- it is not a bare verb or measure word, alone or strung together (召开, 审议并通过, 增幅, 总数, 目标任务,
  项目, 完成投资, 项目投资); a general noun counts as a name only after a word that says which (签约项目);
- it does not end in 等 (an example standing for a total);
- it is at most 30 characters.

Reports: the seeds (../shared/seeds, when present), the examples and the project's own fixtures in
tests/data/skeleton. For each: the figures (facts), how many are named by the vocabulary, by the source's
words, and how many names a reader would not accept — those are exactly the figures the model is asked
to name (elliptical in the source); before this rule, every figure without a vocabulary name was asked.
Brief rows are the facts a memo's 主要指标 table shows (results and estimates).

    .venv/bin/python bench/bench_names.py      # writes bench/results/names.md
"""

from __future__ import annotations

import time
from pathlib import Path

from summarizer.core.config import Settings
from summarizer.skeleton.build import build_skeleton
from summarizer.skeleton.names import name_problem
from summarizer.text.analyze import analyze_file

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT.parent / "shared" / "seeds"
OUT = ROOT / "bench" / "results" / "names.md"


def main() -> None:
    paths = [
        *sorted(SEEDS.glob("*.txt")),
        *sorted((ROOT / "examples").glob("*.txt")),
        *sorted((ROOT / "tests" / "data" / "skeleton").glob("*.txt")),
    ]
    rows, refused = [], []
    totals = [0, 0, 0, 0, 0, 0]
    started = time.perf_counter()
    for path in paths:
        sk = build_skeleton(analyze_file(str(path), Settings()))
        names = [(f, f.canonical or f.subject) for f in sk.facts]
        bad = [(f, n, name_problem(n)) for f, n in names if name_problem(n)]
        brief_bad = [b for b in bad if b[0].role in ("result", "estimate")]
        brief_rows = sum(1 for f, _ in names if f.role in ("result", "estimate"))
        before = sum(1 for f in sk.facts if not f.canonical)
        counts = [
            len(names),
            sum(1 for f, _ in names if f.canonical),
            len(bad),
            brief_rows,
            len(brief_bad),
            before,
        ]
        totals = [a + b for a, b in zip(totals, counts, strict=True)]
        rows.append(
            f"| {path.name} | {counts[0]} | {counts[1]} | {counts[0] - counts[1] - counts[2]} | {counts[2]} "
            f"| {counts[3]} | {counts[4]} | {counts[5]} → {counts[2]} |"
        )
        refused += [f"- {path.name} {f.id} {f.value.text}: “{n}” — {why}" for f, n, why in bad]
    seconds = time.perf_counter() - started
    head = (
        "| report | figures | vocabulary | source words | not accepted (asked) | brief rows "
        "| brief rows not accepted | model asks: before → now |\n|---|---|---|---|---|---|---|---|"
    )
    named_by_source = totals[0] - totals[1] - totals[2]
    total = (
        f"| **all {len(paths)}** | {totals[0]} | {totals[1]} | {named_by_source} | {totals[2]} "
        f"| {totals[3]} | {totals[4]} | {totals[5]} → {totals[2]} |"
    )
    OUT.write_text(
        "# Figure names\n\n"
        "Made by `bench/bench_names.py` (no model; the rule for an accepted name is in its docstring). "
        f"{len(paths)} reports, {seconds:.1f} s in all.\n\n"
        + head
        + "\n"
        + "\n".join(rows)
        + "\n"
        + total
        + "\n\n## Names a reader would not accept (each is asked of the model; its answer must stand in the "
        "figure's sentence)\n\n" + ("\n".join(refused) or "none") + "\n",
        encoding="utf-8",
    )
    print(OUT.read_text(encoding="utf-8"))


if __name__ == "__main__":
    main()
