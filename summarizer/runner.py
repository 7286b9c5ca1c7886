"""`extract` over several files: one bad file is reported and skipped, the rest still complete.

Outputs are written atomically next to each other in the output dir: `<name>.summary.json`, and on a
validation failure `<name>.raw.txt` with the model's last output for inspection.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

from .analyze import analyze_file
from .backends.base import Backend
from .cache import CallCache
from .config import Settings
from .errors import ExtractionFailed, GroundingFailed, SummarizerError
from .extract import Extractor, Progress
from .ground import apply_policy, ground
from .outputs import OutputGuard
from .summary import Summary

__all__ = ["FileResult", "extract_files", "output_stem"]


@dataclass
class FileResult:
    path: str
    summary: Summary | None = None
    output: Path | None = None
    raw_output: Path | None = None
    error: SummarizerError | None = None
    seconds: float = 0.0


def output_stem(path: str) -> str:
    return "stdin" if path == "-" else Path(path).name.rsplit(".", 1)[0]


def extract_files(
    paths: Sequence[str],
    settings: Settings,
    backend: Backend,
    out_dir: Path,
    progress_for: Callable[[str], Progress] | None = None,
    guard: OutputGuard | None = None,
) -> list[FileResult]:
    """`guard` decides what may be written (the CLI's honours --force); by default outputs may
    replace earlier outputs but never an input file or anything outside `out_dir`."""
    guard = guard or OutputGuard(out_dir, paths, force=True)
    cache = CallCache(settings.resolved_cache_dir(), enabled=settings.cache)
    results: list[FileResult] = []
    for path in paths:
        started = time.perf_counter()
        result = FileResult(path)
        try:
            doc = analyze_file(path, settings)
            extractor = Extractor(backend, cache, progress=progress_for(path) if progress_for else None)
            summary = extractor.extract(doc)
            report = ground(summary, doc)
            result.summary = apply_policy(summary, report, settings.unverified)
            result.output = guard.write(
                f"{output_stem(path)}.summary.json", result.summary.model_dump_json(indent=2) + "\n"
            )
            unverified = report.failed()
            if unverified and settings.unverified == "fail":
                raise GroundingFailed(
                    f"{path}：有 {len(unverified)} 处内容在原文中找不到依据（--unverified fail）。"
                    f"摘要已写入 {result.output}，可用 summarizer verify 查看明细。"
                )
        except ExtractionFailed as exc:
            result.error = exc
            result.raw_output = guard.write(f"{output_stem(path)}.raw.txt", exc.raw)
        except SummarizerError as exc:
            result.error = exc
        result.seconds = time.perf_counter() - started
        results.append(result)
    return results
