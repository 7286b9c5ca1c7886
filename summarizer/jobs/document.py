"""One document end to end — the pipeline API the CLI, batch and Python users all call.

`summarize(path, settings)` is the whole pipeline for one report: load -> clean -> segment -> figures
-> extract -> ground -> policy, returning a grounded `Summary`. `extract_files` runs it over several
files and writes `<name>.summary.json` atomically (on a validation failure, `<name>.raw.txt` with the
model's last output). `gather_summaries` turns a deliverable's inputs (reports and/or summary JSON
files) into summaries under the one failure rule:

    A document that cannot be processed is reported with its reason and never stops the others.
    A deliverable built from one document is still made for every document that succeeded; a
    deliverable that combines documents (a digest, a plan checked against last period's plan) is not
    made at all when one of its inputs failed, because leaving a report out silently would mislead.
"""

from __future__ import annotations

import os
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from ..backends.base import Backend
from ..core.config import Settings
from ..core.errors import ExtractionFailed, GroundingFailed, InputError, SummarizerError
from ..core.models import Document
from ..core.summary import GroundingReport, Summary
from ..grounding.ground import apply_policy, ground
from ..llm.cache import CallCache
from ..llm.extract import ExtractOptions, Extractor, Progress
from ..outputs.guard import OutputGuard
from ..skeleton.genre import extra_genre_cues
from ..skeleton.vocabulary import extra_indicators
from ..text.analyze import analyze_file
from .recheck import file_sha256, recheck

__all__ = [
    "FileResult",
    "Gathered",
    "distinct_inputs",
    "extract_files",
    "gather_summaries",
    "output_stem",
    "read_summary_inputs",
    "summarize",
]


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


def summarize(
    path: str | Path,
    settings: Settings | None = None,
    backend: Backend | None = None,
    *,
    progress: Progress | None = None,
) -> Summary:
    """A grounded summary of one report: every figure traced to the source, the `unverified` policy
    applied. Writes nothing. `backend` defaults to the configured one (the embedded model).

    Raises `InputError` for an unreadable report, `BackendError` / `ExtractionFailed` when the model
    fails; `settings.unverified == "fail"` is the caller's to enforce (see `extract_files`)."""
    settings = settings or Settings()
    if backend is None:
        from ..backends.factory import make_backend

        backend = make_backend(settings)
    cache = CallCache(settings.resolved_cache_dir(), enabled=settings.cache)
    with extra_indicators(settings.indicators), extra_genre_cues(settings.genres):
        return _summarize(str(path), settings, backend, cache, progress)[0]


def _summarize(
    path: str, settings: Settings, backend: Backend, cache: CallCache, progress: Progress | None
) -> tuple[Summary, GroundingReport]:
    doc = analyze_file(path, settings)
    _require_content(doc)
    options = ExtractOptions(strict=settings.strict, unit_items=settings.unit_items)
    summary = Extractor(backend, cache, options, progress=progress).extract(doc)
    report = ground(summary, doc)
    if path != "-":  # what a deliverable made later from the summary JSON re-checks against
        summary = summary.model_copy(update={"source_sha256": file_sha256(path)})
    return apply_policy(summary, report, settings.unverified), report


def distinct_inputs(paths: Sequence[str]) -> tuple[list[str], list[tuple[str, str]]]:
    """Inputs deduplicated by real location (s.summary.json and ./s.summary.json are one file), kept
    as given and in order: the first spelling stays. Also returns (dropped, the input it repeats)."""
    kept: list[str] = []
    dropped: list[tuple[str, str]] = []
    seen: dict[Path, str] = {}
    for path in paths:
        where = Path(path).resolve() if path != "-" else Path(path)
        if where in seen:
            dropped.append((path, seen[where]))
        else:
            seen[where] = path
            kept.append(path)
    return kept, dropped


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
            result.summary, report = _summarize(
                path, settings, backend, cache, progress_for(path) if progress_for else None
            )
            if path != "-":
                beside = os.path.relpath(Path(path).resolve(), out_dir.resolve())
                result.summary = result.summary.model_copy(update={"source_from_summary": beside})
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


@dataclass
class Gathered:
    """The summaries of a deliverable's inputs, in input order, and the inputs that failed."""

    summaries: dict[str, Summary] = field(default_factory=dict)
    failures: list[FileResult] = field(default_factory=list)

    @property
    def exit_code(self) -> int:
        return self.failures[0].error.exit_code if self.failures and self.failures[0].error else 0


def read_summary_inputs(inputs: Sequence[str], settings: Settings) -> dict[str, Summary]:
    """The `*.summary.json` among a deliverable's inputs, read and validated (a clear input error
    names a broken one), then grounded again against their reports: stored statuses are never trusted."""
    from ..core.summary_file import load_summary

    return {
        path: recheck(path, load_summary(path), settings) for path in inputs if path.endswith(".summary.json")
    }


def gather_summaries(
    inputs: Sequence[str],
    settings: Settings,
    backend_for: Callable[[], Backend],
    out_dir: Path,
    guard: OutputGuard,
    progress_for: Callable[[str], Progress] | None = None,
) -> Gathered:
    """`*.summary.json` inputs are read (and must be valid); every other input is a report, extracted
    with the backend `backend_for()` makes (called only when there is a report) and written as its
    summary JSON. Failures are collected, not raised: the caller applies the one failure rule."""
    loaded = read_summary_inputs(inputs, settings)
    reports = [path for path in inputs if path not in loaded]
    results = extract_files(reports, settings, backend_for(), out_dir, progress_for, guard) if reports else []
    # A summary written under `--unverified fail` still failed its document: it is not used.
    extracted = {r.path: r.summary for r in results if r.summary is not None and r.error is None}
    gathered = Gathered(failures=[r for r in results if r.error is not None or r.summary is None])
    for path in inputs:
        summary = loaded.get(path) or extracted.get(path)
        if summary is not None:
            gathered.summaries[path] = summary
    return gathered
