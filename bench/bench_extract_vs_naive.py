"""`extract` on seed 004 against the naive single prompt, side by side in one run on the embedded model.

Issue 19's measurement: now that figures are named from the source by rule, the model is asked only for
elliptical subjects and for long items. Both approaches run in this one process on the same loaded
model (the structure-first one first, then the naive prompt, each from a cold call cache), so the
ratio is fair even though absolute times on 2 cores are noisy. `kept`: parser figures present as
values in the output (`bench_structure.kept`).

    .venv/bin/python bench/bench_extract_vs_naive.py   # ~3 min; writes bench/results/extract-vs-naive.md
"""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from bench_structure import naive, ours

from summarizer.backends.llamacpp import LlamaCppBackend
from summarizer.core.config import Settings
from summarizer.text.analyze import analyze_file

ROOT = Path(__file__).resolve().parent.parent
SEED = ROOT.parent / "shared" / "seeds" / "004_edz-2021-h1-summary-next-steps.txt"
OUT = ROOT / "bench" / "results" / "extract-vs-naive.md"


def main() -> None:
    if not SEED.is_file():
        sys.exit(f"{SEED} is missing: this bench needs the seeds in ../shared/seeds")
    settings = Settings()
    backend = LlamaCppBackend.from_settings(settings)
    doc = analyze_file(str(SEED), settings)
    mine = ours(backend, doc)
    theirs = naive(backend, doc)
    c = mine["coverage"]
    total = len(doc.figures)
    rows = [
        f"| structure-first, names from the source | {mine['wall']:.0f} s | {mine['generated']} "
        f"| {mine['summary'].calls} | {mine['kept']}/{total} | asked {c.asked} ids "
        f"(named by the model {c.named_by_model}) |",
        f"| naive single prompt | {theirs['wall']:.0f} s | {theirs['generated']} | 1 "
        f"| {theirs['kept']}/{total} | valid JSON: {theirs['valid']} |",
    ]
    described = backend.describe()
    ratio = mine["wall"] / theirs["wall"] if theirs["wall"] else float("nan")
    OUT.write_text(
        "# extract on seed 004 against the naive single prompt\n\n"
        "Made by `bench/bench_extract_vs_naive.py`: one process, one loaded embedded model "
        f"({described.get('model', '')}, {described.get('threads', '?')} threads), cold call caches.\n\n"
        "| approach | wall | generated tokens | calls | kept | notes |\n"
        "| --- | ---: | ---: | ---: | ---: | --- |\n"
        + "\n".join(rows)
        + f"\n\nWall-time ratio, structure-first / naive: **{ratio:.2f}**.\n",
        encoding="utf-8",
    )
    print(OUT.read_text(encoding="utf-8"))


if __name__ == "__main__":
    main()
