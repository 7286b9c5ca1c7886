"""Structure-first extraction on the embedded model, on real documents (issue 12's measurements).

Part 1, every document (the five seeds when ../shared/seeds is present, the three examples, the
20,000-character fixture from bench/make_long_report.py): exit status, parser figures vs figures in
the summary by role, items per kind, how many ids the model named, generated tokens per item, wall
time, resident memory after the document.

Part 2, side by side in this one run on the same model, on seed 004 and the long fixture:
- this extraction;
- the previous one (section prompts, the model decides the content), run from a git worktree of
  `BASELINE_REF`, the last commit that had it;
- a naive single prompt: the whole document, one JSON schema, one call.
Wall time, generated tokens, and the figures kept (parser figures whose exact text is a value in
the output).

    .venv/bin/python bench/bench_structure.py              # ~40 min; writes bench/results/structure.md
    .venv/bin/python bench/bench_structure.py --documents  # part 1 only, the recorded part 2 kept
    .venv/bin/python bench/bench_structure.py --side       # part 2 only, the recorded part 1 kept
"""

from __future__ import annotations

import json
import os
import re
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

from summarizer.backends.llamacpp import LlamaCppBackend
from summarizer.core.config import Settings
from summarizer.core.models import Document
from summarizer.grounding.ground import apply_policy, ground
from summarizer.llm.cache import CallCache
from summarizer.llm.extract import Extractor
from summarizer.text.analyze import analyze_file
from summarizer.text.normalise import nfkc

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT.parent / "shared" / "seeds"
LONG = ROOT / "bench" / "data" / "long-annual-report.txt"
OUT = ROOT / "bench" / "results" / "structure.md"
BASELINE_REF = "80f1e50"  # the last commit whose extractor asked the model for the content itself

NAIVE_PROMPT = "从开发区工作报告中抽取主要指标（名称和数值，数值照抄原文）、存在问题、下步打算。只输出 JSON。"
NAIVE_SCHEMA = {
    "type": "object",
    "properties": {
        "indicators": {
            "type": "array",
            "maxItems": 30,
            "items": {
                "type": "object",
                "properties": {"name": {"type": "string"}, "value": {"type": "string"}},
                "required": ["name", "value"],
            },
        },
        "problems": {"type": "array", "maxItems": 8, "items": {"type": "string"}},
        "next_steps": {"type": "array", "maxItems": 8, "items": {"type": "string"}},
    },
    "required": ["indicators", "problems", "next_steps"],
}


def rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def kept(doc: Document, values: list[str]) -> int:
    """Parser figures whose exact text is one of the output's values (or inside one)."""
    written = [nfkc(v) for v in values]
    return sum(1 for q in doc.figures if any(q.text == w or q.text in w for w in written))


def ours(backend: LlamaCppBackend, doc: Document) -> dict[str, Any]:
    started = time.perf_counter()
    summary = Extractor(backend, CallCache(Path(tempfile.mkdtemp()))).extract(doc)
    summary = apply_policy(summary, ground(summary, doc), "flag")
    wall = time.perf_counter() - started
    c = summary.coverage
    assert c is not None
    items = c.facts + sum(c.items.values()) + c.projects
    values = [i.value for i in summary.indicators] + [i.change for i in summary.indicators]
    return {
        "wall": wall,
        "generated": summary.usage.get("completion_tokens", 0),
        "prompt": summary.usage.get("prompt_tokens", 0),
        "kept": kept(doc, values),
        "coverage": c,
        "items": items,
        "summary": summary,
    }


def naive(backend: LlamaCppBackend, doc: Document) -> dict[str, Any]:
    messages = [
        {
            "role": "system",
            "content": NAIVE_PROMPT,
        },
        {"role": "user", "content": doc.cleaned},
    ]
    started = time.perf_counter()
    try:
        completion = backend.complete(messages, schema=NAIVE_SCHEMA, max_tokens=1500)  # type: ignore[arg-type]
    except Exception as exc:  # the long report does not fit the context: that is the finding
        return {"wall": time.perf_counter() - started, "generated": 0, "kept": 0, "valid": f"no ({exc})"[:90]}
    wall = time.perf_counter() - started
    try:
        data = json.loads(completion.text)
        values = [str(i.get("value", "")) for i in data.get("indicators", [])]
        valid = "yes"
    except (json.JSONDecodeError, AttributeError):
        values, valid = [], "no (truncated or invalid JSON)"
    return {
        "wall": wall,
        "generated": completion.usage.completion_tokens,
        "kept": kept(doc, values),
        "valid": valid,
    }


def previous(path: Path, worktree: Path) -> dict[str, Any]:
    """The previous extractor in a subprocess (its own code from the worktree, the same venv)."""
    script = (
        "import json,sys,time,tempfile\n"
        # the venv's editable install maps `summarizer` to this checkout ahead of sys.path: drop it
        "sys.meta_path=[f for f in sys.meta_path if 'editable' not in repr(f).lower()]\n"
        "sys.path.insert(0, sys.argv[2])\n"
        "import summarizer; assert summarizer.__file__.startswith(sys.argv[2]), summarizer.__file__\n"
        "from pathlib import Path\n"
        "from summarizer.text.analyze import analyze_file\n"
        "from summarizer.llm.extract import Extractor\n"
        "from summarizer.llm.cache import CallCache\n"
        "from summarizer.backends.llamacpp import LlamaCppBackend\n"
        "from summarizer.core.config import Settings\n"
        "s=Settings(); b=LlamaCppBackend.from_settings(s); d=analyze_file(sys.argv[1], s)\n"
        "t=time.perf_counter()\n"
        "try:\n"
        "    x=Extractor(b, CallCache(Path(tempfile.mkdtemp()))).extract(d); ok='yes'\n"
        "    v=[i.value for i in x.indicators]+[i.change for i in x.indicators]\n"
        "    g=x.usage.get('completion_tokens',0)\n"
        "except Exception as e:\n"
        "    ok=f'no ({type(e).__name__})'; v=[]; g=0\n"
        "print(json.dumps({'wall':time.perf_counter()-t,'ok':ok,'values':v,'generated':g},ensure_ascii=False))\n"
    )
    env = {**os.environ, "PYTHONPATH": str(worktree)}
    try:
        result = subprocess.run(
            [sys.executable, "-c", script, str(path), str(worktree)],
            env=env,
            capture_output=True,
            text=True,
            timeout=1200,
        )
    except subprocess.TimeoutExpired:
        return {"wall": 1200, "ok": "no (over 20 min)"}
    line = result.stdout.strip().splitlines()[-1] if result.stdout.strip() else "{}"
    return json.loads(line) if line.startswith("{") else {"wall": 0, "ok": f"no ({result.stderr[-200:]})"}


def main() -> None:
    settings = Settings()
    backend = LlamaCppBackend.from_settings(settings)
    side_only = "--side" in sys.argv  # rerun only the side-by-side, keeping the recorded part 1
    documents_only = "--documents" in sys.argv  # rerun only part 1, keeping the recorded side-by-side
    paths = (
        [] if side_only else sorted(SEEDS.glob("*.txt")) + sorted((ROOT / "examples").glob("*.txt")) + [LONG]
    )
    expected = (
        json.loads((SEEDS / "figures.json").read_text("utf-8")) if (SEEDS / "figures.json").is_file() else {}
    )
    rows, side = [], []
    for path in paths:
        doc = analyze_file(str(path), settings)
        try:
            r = ours(backend, doc)
        except Exception as exc:  # a failure is a result here, recorded as such
            rows.append(f"| {path.name} | fails: {type(exc).__name__} | | | | | | | |")
            continue
        c = r["coverage"]
        listed = expected.get(path.name, {}).get("figures", [])
        shown = r["summary"].indicators
        # as the reader wrote them: the original's own characters (Traditional stays Traditional)
        present = {nfkc(doc.original[i.source.start : i.source.end]) for i in shown if i.source}
        present |= {nfkc(i.value) for i in shown} | {nfkc(i.change) for i in shown}
        present |= {
            nfkc(q.text) for q in doc.figures if any(q.text in nfkc(i.change) for i in shown if i.change)
        }
        reader = f"{sum(nfkc(x) in present for x in listed)}/{len(listed)}" if listed else "—"
        roles = " ".join(f"{k} {v}" for k, v in sorted(c.by_role.items()))
        kinds = " ".join(f"{k} {v}" for k, v in sorted(c.items.items()))
        rows.append(
            f"| {path.name} | 0 | {c.figures_in_body} | {c.facts}+{c.rates_attached} | {roles} | {kinds} "
            f"| {c.named_by_model}/{c.asked} | {r['generated'] / max(1, r['items']):.1f} | {r['wall']:.0f} s "
            f"| {reader} | {rss_mb():.0f} |"
        )
    with tempfile.TemporaryDirectory() as tmp:
        if documents_only:
            return _write_documents(rows)
        worktree = Path(tmp) / "baseline"
        add = ["git", "worktree", "add", "--detach", str(worktree), BASELINE_REF]
        subprocess.run(add, cwd=ROOT, check=True, capture_output=True)
        try:
            for path in [SEEDS / "004_edz-2021-h1-summary-next-steps.txt", LONG]:
                if not path.is_file():
                    continue
                doc = analyze_file(str(path), settings)
                new = ours(backend, doc)
                old = previous(path, worktree)
                one = naive(backend, doc)
                n = len(doc.figures)
                old_kept = kept(doc, old.get("values", []))
                for approach, wall, generated, held, done in (
                    ("structure-first (this)", new["wall"], new["generated"], new["kept"], "yes"),
                    (
                        "previous (sections)",
                        old.get("wall", 0),
                        old.get("generated", 0),
                        old_kept,
                        old.get("ok"),
                    ),
                    ("naive single prompt", one["wall"], one["generated"], one["kept"], one["valid"]),
                ):
                    side.append(
                        f"| {path.name} | {approach} | {wall:.0f} s | {generated} | {held}/{n} | {done} |"
                    )
        finally:
            subprocess.run(
                ["git", "worktree", "remove", "--force", str(worktree)], cwd=ROOT, capture_output=True
            )
    side_text = (
        "## Side by side, one run, same model\n\n"
        "`kept`: parser figures present as values in the output.\n\n"
        "| document | approach | wall | generated tokens | kept | completed |\n"
        "| --- | --- | ---: | ---: | ---: | --- |\n" + "\n".join(side) + "\n"
    )
    if side_only and OUT.is_file():
        recorded = OUT.read_text("utf-8")
        OUT.write_text(recorded[: recorded.index("## Side by side")] + side_text, encoding="utf-8")
    else:
        OUT.write_text(
            "# Structure-first extraction on the embedded model\n\n"
            "Qwen2.5-Coder-1.5B Q4_K_M, llama.cpp, 2 cores; "
            f"{time.strftime('%Y-%m-%d')}. Every call uncached.\n\n"
            "`figures`: parser figures in the body. `facts`: indicators in the summary + growth rates\n"
            "they carry (together every body figure). `named`: ids the model named / ids it was asked\n"
            "about (the rest kept their source form). `tok/item`: generated tokens per item of the\n"
            "summary (indicators, list items, projects). `reader`: figures of figures.json present in\n"
            "the summary. `RSS`: peak resident memory of the process so far, MB.\n\n"
            "| document | exit | figures | facts | roles | items | named | tok/item | wall | reader | RSS |\n"
            "| --- | ---: | ---: | ---: | --- | --- | ---: | ---: | ---: | ---: | ---: |\n"
            + "\n".join(rows)
            + "\n\n"
            + side_text,
            encoding="utf-8",
        )
    print(OUT.read_text("utf-8"))


def _write_documents(rows: list[str]) -> None:
    recorded = OUT.read_text("utf-8")
    head, table_and_rest = recorded.split("| document | exit |", 1)
    rest = table_and_rest[table_and_rest.index("\n\n") :]
    table = "| document | exit |" + table_and_rest.split("\n", 2)[0] + "\n"
    table += "| --- | ---: | ---: | ---: | --- | --- | ---: | ---: | ---: | ---: | ---: |\n" + "\n".join(rows)
    head = re.sub(r"2 cores; \d{4}-\d\d-\d\d", f"2 cores; {time.strftime('%Y-%m-%d')}", head)
    OUT.write_text(head + table + rest, encoding="utf-8")
    print(OUT.read_text("utf-8"))


if __name__ == "__main__":
    main()
