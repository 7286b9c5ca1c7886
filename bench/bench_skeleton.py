"""Skeleton coverage on real documents: the seeds (when ../shared/seeds is present) and the examples.

For each report: figures the parser finds in the body, facts and attached growth rates (together
they must cover every figure), facts by role, list items by kind, projects, and — where
`figures.json` lists what a careful reader finds — the share of those figures present in the
skeleton and of the memo's must-carry figures marked as headline or result. No model is involved.

    .venv/bin/python bench/bench_skeleton.py      # writes bench/results/skeleton.md
"""

from __future__ import annotations

import json
import time
from collections import Counter
from pathlib import Path

from summarizer.core.config import Settings
from summarizer.skeleton.build import build_skeleton
from summarizer.text.analyze import analyze_file
from summarizer.text.normalise import nfkc

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT.parent / "shared" / "seeds"
OUT = ROOT / "bench" / "results" / "skeleton.md"


def main() -> None:
    expected = (
        json.loads((SEEDS / "figures.json").read_text("utf-8")) if (SEEDS / "figures.json").is_file() else {}
    )
    paths = sorted(SEEDS.glob("*.txt")) + sorted((ROOT / "examples").glob("*.txt"))
    rows = []
    for path in paths:
        started = time.perf_counter()
        doc = analyze_file(str(path), Settings())
        sk = build_skeleton(doc)
        ms = (time.perf_counter() - started) * 1000
        quantities = [f.value for f in sk.facts] + [c for f in sk.facts for c in f.changes]
        covered = [q.text for q in quantities]
        # as the reader wrote them: the original's own characters (Traditional stays Traditional)
        written = {nfkc(doc.original[q.source.start : q.source.end]) for q in quantities if q.source}
        roles = Counter(f.role for f in sk.facts)
        kinds = Counter(i.kind for i in sk.items)
        listed = expected.get(path.name, {})
        present = {nfkc(t) for t in covered} | written
        recall = (
            f"{sum(nfkc(x) in present for x in listed['figures'])}/{len(listed['figures'])}"
            if listed
            else "—"
        )
        results = {nfkc(f.value.text) for f in sk.facts if f.role in ("result", "estimate")}
        results |= {nfkc(c.text) for f in sk.facts if f.role in ("result", "estimate") for c in f.changes}
        must = listed.get("memo_must_carry", [])
        carried = f"{sum(nfkc(x) in results for x in must)}/{len(must)}" if listed else "—"
        rows.append(
            f"| {path.name} | {sk.issuer or '—'} | {sk.period or '—'} "
            f"| {len(doc.figures)} | {len(covered)} | "
            + " ".join(f"{r} {n}" for r, n in sorted(roles.items()))
            + " | "
            + " ".join(f"{k} {n}" for k, n in sorted(kinds.items()))
            + f" | {len(sk.projects)} | {recall} | {carried} | {ms:.0f} |"
        )
    OUT.write_text(
        "# Skeleton coverage (no model)\n\n"
        "`figures` = parser figures in the body; `covered` = facts + growth rates carried by a fact\n"
        "(must be equal). `reader` = figures of figures.json found in the skeleton; `memo` = must-carry\n"
        "figures the skeleton holds as a result or estimate (a target or plan figure stays a target).\n\n"
        "| document | issuer | period | figures | covered | facts by role | items | projects "
        "| reader | memo | ms |\n"
        "| --- | --- | --- | ---: | ---: | --- | --- | ---: | ---: | ---: | ---: |\n"
        + "\n".join(rows)
        + "\n",
        encoding="utf-8",
    )
    print(OUT.read_text("utf-8"))


if __name__ == "__main__":
    main()
