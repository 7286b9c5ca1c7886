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
from .errors import ExtractionFailed, GroundingFailed, InputError, SummarizerError
from .extract import Extractor, Progress
from .ground import apply_policy, ground
from .models import Document
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


MIN_CONTENT_CHARS = 20  # Chinese characters left after cleaning; a report has hundreds


def _require_content(doc: Document) -> None:
    """A page that was all navigation and copyright lines has nothing to summarise: say so, rather
    than spend a model call and write an empty summary."""
    chars = sum(1 for ch in doc.cleaned if "\u4e00" <= ch <= "\u9fff")
    if chars < MIN_CONTENT_CHARS:
        raise InputError(
            doc.source,
            f"去掉网页、文库页面元素后几乎没有正文（只剩 {chars} 个汉字）",
            "请确认这是工作报告；可用 summarizer inspect --text 查看清洗后的内容。",
        )


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
            _require_content(doc)
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
