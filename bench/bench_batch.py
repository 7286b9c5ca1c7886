"""A batch of 50 short reports on the embedded model: memory stays flat, the pipeline costs little.

Runs `run_batch` (extract + brief as Markdown and .docx, brief prose by code so that each document is
one model call) over 50 generated reports from invented zones, and records after every document the
process's resident memory, and how much of the wall time was spent outside the model's `complete`
(reading, cleaning, parsing, grounding, rendering, writing). Then reruns the batch, which must skip
every document. Writes bench/results/batch.md. Run: python bench/bench_batch.py (about 5 minutes).
"""

from __future__ import annotations

import platform
import random
import sys
import tempfile
import time
from collections.abc import Sequence
from datetime import date
from pathlib import Path
from typing import Any

from summarizer.backends.llamacpp import LlamaCppBackend
from summarizer.core.config import load_settings
from summarizer.jobs.batch import BatchEvent, run_batch

ROOT = Path(__file__).resolve().parent.parent
DOCUMENTS = 50
ZONES = ["青枫", "白杨", "石岭", "桐湾", "柳溪", "云杉", "槐阳", "鹿鸣", "松涛", "杏坛"]


def report(index: int, rng: random.Random) -> str:
    zone = f"{ZONES[index % len(ZONES)]}{'经济开发区' if index % 2 else '产业园'}"
    output, growth = rng.randint(100, 999) / 10, rng.randint(10, 150) / 10
    invest, tax = rng.randint(50, 400) / 10, rng.randint(10, 90) / 10
    return (
        f"{zone}2025年上半年工作总结\n"
        f"上半年，{zone}实现规模以上工业总产值{output}亿元，同比增长{growth}%；"
        f"完成固定资产投资{invest}亿元；实现税收收入{tax}亿元。\n"
        f"一、项目建设\n新签约项目{rng.randint(2, 12)}个，开工建设标准厂房{rng.randint(2, 9)}万平方米。\n"
        "二、存在问题\n一是用地指标紧张；二是高层次人才不足。\n"
        "三、下步打算\n加快在建项目建设，确保年底前投产。\n"
    )


def rss_mb() -> float:
    with open("/proc/self/statm") as handle:
        pages = int(handle.read().split()[1])
    return pages * 4096 / 1e6


class Timed(LlamaCppBackend):
    """Counts the seconds spent inside the model, so the rest is the pipeline's own cost."""

    inside = 0.0

    def complete(self, messages: Sequence[Any], **kwargs: Any) -> Any:
        started = time.perf_counter()
        try:
            return super().complete(messages, **kwargs)
        finally:
            Timed.inside += time.perf_counter() - started


def main() -> int:
    settings = load_settings({"prose": "template"})
    backend = Timed.from_settings(settings)
    backend.load()
    rng = random.Random(20251124)
    memory: list[float] = []
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp) / "in"
        folder.mkdir()
        for index in range(DOCUMENTS):
            (folder / f"zone{index:02d}.txt").write_text(report(index, rng), encoding="utf-8")
        paths = sorted(folder.iterdir())

        def on_event(event: BatchEvent) -> None:
            if event.stage in ("done", "failed"):
                memory.append(rss_mb())

        cache = load_settings({"prose": "template", "cache_dir": str(Path(tmp) / "cache")})
        started = time.perf_counter()
        outcomes = run_batch(
            paths, cache, backend, Path(tmp) / "out", stages=["extract", "brief"], formats=["md", "docx"],
            notify=on_event,
        )  # fmt: skip
        wall = time.perf_counter() - started
        started = time.perf_counter()
        again = run_batch(paths, cache, backend, Path(tmp) / "out", stages=["extract", "brief"],
                          formats=["md", "docx"])  # fmt: skip
        rerun = time.perf_counter() - started
    done = sum(o.status == "done" for o in outcomes)
    tenth = max(1, len(memory) // 10)
    first, last = sum(memory[:tenth]) / tenth, sum(memory[-tenth:]) / tenth
    overhead = (wall - Timed.inside) / wall
    rows = [
        ("documents", f"{DOCUMENTS} ({done} done, {DOCUMENTS - done} failed)"),
        ("wall time", f"{wall:.0f} s ({wall / DOCUMENTS:.1f} s a document)"),
        ("time inside the model", f"{Timed.inside:.0f} s"),
        ("pipeline overhead (everything else)", f"{overhead:.1%} of wall time"),
        ("resident memory, first 5 documents (mean)", f"{first:.0f} MB"),
        ("resident memory, last 5 documents (mean)", f"{last:.0f} MB"),
        ("growth per document", f"{(memory[-1] - memory[0]) / max(1, len(memory) - 1):.2f} MB"),
        (
            "rerun of the finished batch",
            f"{rerun:.2f} s, {sum(o.status == 'skipped' for o in again)} skipped",
        ),
    ]
    table = "\n".join(f"| {k} | {v} |" for k, v in rows)
    print(table)
    (ROOT / "bench" / "results" / "batch.md").write_text(
        "# A batch of 50 reports on the embedded model\n\n"
        f"Measured {date.today()} on {platform.machine()}, Python {platform.python_version()}, model "
        f"{backend.model}; extract + brief (Markdown and .docx, prose by code), one document at a time on "
        "one shared model instance.\n\n| measure | value |\n| --- | --- |\n" + table + "\n\n"
        "Resident memory after each document: " + ", ".join(f"{m:.0f}" for m in memory) + " MB.\n",
        encoding="utf-8",
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
