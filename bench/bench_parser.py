"""The figure parser's speed on the long report and the seeds, optionally beside an earlier commit.

`python bench/bench_parser.py [--baseline REV]` times `find_quantities` (best of 7 calls per text)
in this checkout and, with --baseline, in a git worktree of REV, in one run, and writes
bench/results/parser.md. Report the ratio; absolute times on this machine are noisy.
"""

from __future__ import annotations

import argparse
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT.parent / "shared" / "seeds"
OUT = ROOT / "bench" / "results" / "parser.md"
_TIMER = """
import sys, time
sys.path.insert(0, sys.argv[1])
from summarizer.text.quantities import find_quantities
for path in sys.argv[2:]:
    text = open(path, encoding="utf-8").read()
    found = find_quantities(text)
    seconds = []
    for _ in range(7):
        started = time.perf_counter()
        find_quantities(text)
        seconds.append(time.perf_counter() - started)
    print(path, len(text), len(found), min(seconds) * 1000)
"""


def _times(root: Path, texts: list[Path]) -> dict[str, tuple[int, int, float]]:
    run = subprocess.run(
        [sys.executable, "-c", _TIMER, str(root), *map(str, texts)],
        capture_output=True,
        text=True,
        check=True,
    )
    rows = {}
    for line in run.stdout.splitlines():
        path, chars, found, ms = line.rsplit(" ", 3)
        rows[path] = (int(chars), int(found), float(ms))
    return rows


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--baseline", help="a git revision to time beside this checkout")
    args = parser.parse_args()
    texts = [ROOT / "bench" / "data" / "long-annual-report.txt", *sorted(SEEDS.glob("*.txt"))]
    now = _times(ROOT, texts)
    before: dict[str, tuple[int, int, float]] = {}
    if args.baseline:
        with tempfile.TemporaryDirectory() as tmp:
            tree = Path(tmp) / "baseline"
            subprocess.run(
                ["git", "-C", str(ROOT), "worktree", "add", "-q", str(tree), args.baseline], check=True
            )
            try:
                before = _times(tree, texts)
            finally:
                subprocess.run(
                    ["git", "-C", str(ROOT), "worktree", "remove", "--force", str(tree)], check=True
                )
    lines = [
        "# Figure parser speed",
        "",
        f"`python bench/bench_parser.py{' --baseline ' + args.baseline if args.baseline else ''}`: best of 7",
        "calls of `find_quantities` per text (raw text, not cleaned), this checkout"
        + (f" beside {args.baseline}, in one run." if before else "."),
        "",
        "| text | chars | quantities | ms | "
        + ("baseline quantities | baseline ms | ratio |" if before else ""),
        "| --- | ---: | ---: | ---: | " + ("---: | ---: | ---: |" if before else ""),
    ]
    for path in texts:
        chars, found, ms = now[str(path)]
        row = f"| {path.name} | {chars} | {found} | {ms:.1f} | "
        if before:
            _, old_found, old_ms = before[str(path)]
            row += f"{old_found} | {old_ms:.1f} | {ms / old_ms:.2f}× |"
        lines.append(row)
    lines.append("")
    OUT.write_text("\n".join(lines), encoding="utf-8")
    print("\n".join(lines))
    return 0


if __name__ == "__main__":
    sys.exit(main())
