"""Many reports in one run: resumable, one failure never stops the others, every output atomic.

A manifest (`<out>/manifest.jsonl`, one JSON line per finished document, flushed and fsynced) records
what is done, keyed by the input's content hash and a fingerprint of everything that shapes the
outputs (backend, model, prompts, stages, formats, policies). A rerun skips documents whose key is
done and whose outputs still exist; an interrupted run loses at most the documents in flight, and a
damaged manifest line costs only the document it recorded. One batch at a time writes into an output
directory (`output_lock`).

The embedded model runs documents one after another on one shared instance, so the fixed prompt
prefix stays in its cache from one document to the next; a remote endpoint gets up to `concurrency`
documents at once from a thread pool (the openai client is thread-safe, and its retries honour
Retry-After per request).
"""

from __future__ import annotations

import hashlib
import json
import logging
import os
import sys
import threading
import time
from collections.abc import Callable, Iterable, Iterator, Sequence
from concurrent.futures import FIRST_COMPLETED, Future, ThreadPoolExecutor, wait
from contextlib import contextmanager, suppress
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

from .. import __version__
from ..backends.base import Backend, Usage
from ..core.config import Settings
from ..core.errors import InputError, OutputLocked, SummarizerError, UsageError
from ..core.files import write_error
from ..core.summary import Summary
from ..core.summary_file import load_summary
from ..llm import prompts
from ..outputs.brief import BriefHeader
from ..outputs.guard import OutputGuard, refuse_shared_outputs
from .deliverables import render_briefs, render_plans
from .document import distinct_inputs, extract_files, output_stem

__all__ = [
    "INPUT_SUFFIXES",
    "STAGES",
    "BatchEvent",
    "DocOutcome",
    "Manifest",
    "collect_inputs",
    "fingerprint",
    "output_lock",
    "run_batch",
]

_log = logging.getLogger(__name__)

STAGES = ("extract", "brief", "plan")
INPUT_SUFFIXES = (".txt", ".md", ".docx", ".pdf", ".html", ".htm")
MANIFEST = "manifest.jsonl"
LOCK = ".batch.lock"


@dataclass
class DocOutcome:
    path: str
    key: str
    status: str = "pending"  # done / failed / skipped (done in an earlier run)
    outputs: list[str] = field(default_factory=list)
    error: str = ""
    stage: str = ""  # the stage that failed
    seconds: float = 0.0
    prompt_tokens: int = 0
    completion_tokens: int = 0
    # what the tool wrote, by content hash: a later run tells a user's edit from its own file
    hashes: dict[str, str] = field(default_factory=dict)
    kept: list[str] = field(default_factory=list)  # outputs the user changed since: left as they are


@dataclass(frozen=True)
class BatchEvent:
    """What the progress display hears: a stage of one document started or finished."""

    path: str
    stage: str  # a stage name, or "done" / "failed" / "skipped" for the document as a whole
    usage: Usage | None = None


def collect_inputs(items: Sequence[str]) -> list[Path]:
    """Files as given; a directory contributes its report files (not its subdirectories' outputs)."""
    found: list[Path] = []
    for item in items:
        path = Path(item)
        if path.is_dir():
            found += sorted(p for p in path.iterdir() if p.is_file() and p.suffix.lower() in INPUT_SUFFIXES)
        elif path.is_file():
            found.append(path)
        else:
            raise InputError(item, "文件或目录不存在", "请检查路径。")
    # Deduplicated by real location, but kept as given: the manifest and messages show the user's paths.
    unique = [Path(p) for p in distinct_inputs([str(p) for p in found])[0]]
    if not unique:
        raise InputError(
            "、".join(items), "其中没有可处理的报告", f"支持的格式：{'/'.join(INPUT_SUFFIXES)}。"
        )
    refuse_shared_outputs((str(p), f"{output_stem(str(p))}.summary.json") for p in unique)
    return unique


def fingerprint(settings: Settings, backend: Backend, stages: Sequence[str], formats: Sequence[str]) -> str:
    """Everything that changes what a document's outputs would be; the API key is never part of it."""
    shaping = {
        "version": __version__,  # another release may render differently: its outputs are redone
        "backend": backend.name,
        "model": backend.model,
        "base_url": settings.base_url,
        "prompts": prompts.prompt_id(*prompts.NAME, *prompts.PROSE, "reask.j2"),
        "stages": list(stages),
        "formats": list(formats),
        "unverified": settings.unverified,
        "strict": settings.strict,
        "unit_items": settings.unit_items,
        "brief_pages": settings.brief_pages,
        "prose": settings.prose,
    }
    return hashlib.sha256(json.dumps(shaping, sort_keys=True).encode()).hexdigest()[:16]


def _document_key(path: Path, shaping: str) -> str:
    digest = hashlib.sha256(shaping.encode())
    with path.open("rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()[:24]


def content_hash(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


class Manifest:
    """Append-only record of finished documents; the last line for a key wins."""

    def __init__(self, out_dir: Path) -> None:
        self.path = out_dir / MANIFEST
        self._lock = threading.Lock()
        self.records: dict[str, dict[str, Any]] = {}
        # every output any run of this batch planned or wrote, with the hash of what it wrote (None:
        # claimed before writing, or recorded before hashes were kept)
        self.written: dict[str, str | None] = {}
        data = self.path.read_bytes() if self.path.is_file() else b""
        for number, raw in enumerate(data.splitlines(), 1):
            try:  # line by line: one torn character or cut line costs that record, not the file
                record = json.loads(raw.decode("utf-8"))
            except (UnicodeDecodeError, json.JSONDecodeError):
                if raw.strip():
                    _log.warning("%s 第 %d 行已损坏，已跳过；该行记录的文档会重新处理。", self.path, number)
                continue
            if isinstance(record, dict) and isinstance(record.get("key"), str):
                self.records[record["key"]] = record
                self._note_written(record)
        # A crash cut the last line: the next record starts on a new line instead of joining it.
        self._torn_tail = bool(data) and not data.endswith(b"\n")

    def _note_written(self, record: dict[str, Any]) -> None:
        outputs = record.get("outputs", [])
        hashes = record.get("hashes", {})
        for name in outputs if isinstance(outputs, list) else []:
            if isinstance(name, str):
                own = hashes.get(name) if isinstance(hashes, dict) else None
                self.written[name] = own if isinstance(own, str) else None

    def edited(self, out_dir: Path) -> set[str]:
        """Outputs a user changed after this batch wrote them: their content is not what it wrote."""
        return {
            name
            for name, written in self.written.items()
            if written is not None and (out_dir / name).is_file() and content_hash(out_dir / name) != written
        }

    def finished(self, key: str, out_dir: Path) -> dict[str, Any] | None:
        record = self.records.get(key)
        outputs = record.get("outputs", []) if record else []
        if not isinstance(outputs, list) or not all(isinstance(n, str) for n in outputs):
            return None  # a hand-edited line with the wrong types: the document is done again
        if (
            record
            and record.get("status") == "done"
            and outputs
            and all((out_dir / n).is_file() for n in outputs)
        ):
            return record
        return None

    def start(self, outcome: DocOutcome, planned: list[str]) -> None:
        """Claim a document's outputs before writing them: after a crash, the rerun may replace them."""
        self._append({**asdict(outcome), "status": "started", "outputs": planned})

    def add(self, outcome: DocOutcome) -> None:
        self._append(asdict(outcome))

    def _append(self, record: dict[str, Any]) -> None:
        line = json.dumps(record, ensure_ascii=False) + "\n"
        with self._lock:
            if self._torn_tail:
                line, self._torn_tail = "\n" + line, False
            self.path.parent.mkdir(parents=True, exist_ok=True)
            with self.path.open("a", encoding="utf-8") as handle:
                handle.write(line)
                handle.flush()
                os.fsync(handle.fileno())
            self.records[record["key"]] = record
            self._note_written(record)


_held: set[Path] = set()  # output directories this process has locked (the CLI and run_batch nest)
_held_lock = threading.Lock()


@contextmanager
def output_lock(out_dir: Path) -> Iterator[None]:
    """One batch at a time per output directory: a second one would redo the same documents and trip
    over the first one's half-claimed outputs. The lock is the operating system's (flock, or
    msvcrt.locking on Windows) on `<out>/.batch.lock`, so a batch that crashed or was killed holds
    nothing: no stale lock to clean up by hand. The file is removed when the lock is released."""
    key = out_dir.resolve()
    with _held_lock:
        nested = key in _held
        _held.add(key)
    if nested:
        yield
        return
    try:
        OutputGuard(out_dir).probe()  # /dev/null, a read-only disk: the guard's message, not a lock error
        out_dir.mkdir(parents=True, exist_ok=True)
        fd = _acquire(out_dir / LOCK)
    except BaseException:
        with _held_lock:
            _held.discard(key)
        raise
    try:
        yield
    finally:
        _release(out_dir / LOCK, fd)
        with _held_lock:
            _held.discard(key)


def _acquire(path: Path) -> int:
    while True:
        try:
            fd = os.open(path, os.O_RDWR | os.O_CREAT, 0o644)
        except OSError as exc:
            raise write_error(path, exc) from exc
        try:
            _lock(fd)
        except OSError as exc:
            os.close(fd)
            raise OutputLocked(
                f"另一个批处理正在写入输出目录 {path.parent}（锁文件 {path.name}）。"
                "请等它结束后再运行，或用 -o 换一个输出目录。"
            ) from exc
        try:  # the holder may have removed the file between our open and our lock: lock the new one
            if os.stat(path).st_ino == os.fstat(fd).st_ino:
                os.write(fd, f"{os.getpid()}\n".encode())  # for a curious user; the lock is the flock
                return fd
        except FileNotFoundError:
            pass
        os.close(fd)


if sys.platform == "win32":
    import msvcrt

    def _lock(fd: int) -> None:
        msvcrt.locking(fd, msvcrt.LK_NBLCK, 1)

    def _release(path: Path, fd: int) -> None:
        os.close(fd)  # Windows cannot remove a file that is open; another batch may have opened it
        with suppress(OSError):
            path.unlink()

else:
    import fcntl

    def _lock(fd: int) -> None:
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)

    def _release(path: Path, fd: int) -> None:
        with suppress(OSError):
            path.unlink()  # while still locked: whoever opened the old file sees it gone and retries
        os.close(fd)


@dataclass(frozen=True)
class _Job:
    settings: Settings
    backend: Backend
    out_dir: Path
    stages: tuple[str, ...]
    formats: tuple[str, ...]
    header: BriefHeader
    notify: Callable[[BatchEvent], None]
    guard: OutputGuard
    manifest: Manifest
    edited: frozenset[str] = frozenset()  # outputs the user changed since the batch wrote them

    def planned(self, stem: str) -> list[str]:
        names = [f"{stem}.summary.json", f"{stem}.raw.txt"]
        if "brief" in self.stages:
            names += [f"{stem}.brief.{f}" for f in self.formats]
        if "plan" in self.stages:
            names += [f"{stem}.plan.{f}" for f in self.formats if f in ("md", "docx")]
        return names


def run_batch(
    paths: Iterable[Path],
    settings: Settings,
    backend: Backend,
    out_dir: Path,
    *,
    stages: Sequence[str] = ("extract",),
    formats: Sequence[str] = ("md",),
    concurrency: int = 1,
    header: BriefHeader | None = None,
    notify: Callable[[BatchEvent], None] | None = None,
    force: bool = False,
) -> list[DocOutcome]:
    """Outputs this batch made before (its manifest says so) are replaced freely; any other existing
    file makes that document fail with a reason, unless `force`."""
    unknown = [s for s in stages if s not in STAGES]
    if unknown:
        raise UsageError(f"未知的处理步骤：{'、'.join(unknown)}。可选：{'、'.join(STAGES)}。")
    paths = list(paths)
    guard = OutputGuard(out_dir, paths, force=force)
    with output_lock(out_dir):
        manifest = Manifest(out_dir)
        # what a user changed since this batch wrote it is theirs: kept, unless --force makes it anew
        edited = manifest.edited(out_dir)
        guard.own(set(manifest.written) if force else set(manifest.written) - edited)
        guard.keep(edited)  # the guard keeps nothing under --force
        job = _Job(
            settings, backend, out_dir, tuple(stages), tuple(formats), header or BriefHeader(),
            notify or _quiet, guard, manifest, frozenset(edited) if force else frozenset(),
        )  # fmt: skip
        return _run(job, paths, fingerprint(settings, backend, stages, formats), concurrency)


def _run(job: _Job, paths: list[Path], shaping: str, concurrency: int) -> list[DocOutcome]:
    manifest, out_dir, backend = job.manifest, job.out_dir, job.backend
    # The embedded model is one instance with one KV cache: documents go through it in order.
    workers = max(1, min(concurrency, backend.capabilities.parallel_slots))
    outcomes: list[DocOutcome] = []
    pending: list[tuple[Path, str]] = []
    for path in paths:
        key = _document_key(path, shaping)
        record = manifest.finished(key, out_dir)
        if record is not None and job.edited & set(record.get("outputs", [])):
            record = None  # --force: what the user changed is made anew
        if record is not None:
            outcomes.append(DocOutcome(str(path), key, "skipped", list(record.get("outputs", []))))
            job.notify(BatchEvent(str(path), "skipped"))
        else:
            pending.append((path, key))
    if workers == 1:
        for path, key in pending:
            outcomes.append(_finish(manifest, _process(job, path, key), job))
        return outcomes
    with ThreadPoolExecutor(max_workers=workers, thread_name_prefix="batch") as pool:
        futures: dict[Future[DocOutcome], str] = {}
        queue = list(pending)
        try:
            while queue or futures:
                while queue and len(futures) < workers:
                    path, key = queue.pop(0)
                    futures[pool.submit(_process, job, path, key)] = str(path)
                done, _ = wait(futures, return_when=FIRST_COMPLETED)
                for future in done:
                    futures.pop(future)
                    outcomes.append(_finish(manifest, future.result(), job))
        except BaseException:
            for future in futures:  # Ctrl-C: what has not started never starts
                future.cancel()
            raise
    return outcomes


def _quiet(event: BatchEvent) -> None:
    pass


def _finish(manifest: Manifest, outcome: DocOutcome, job: _Job) -> DocOutcome:
    manifest.add(outcome)
    job.notify(BatchEvent(outcome.path, outcome.status))
    return outcome


def _process(job: _Job, path: Path, key: str) -> DocOutcome:
    outcome = DocOutcome(str(path), key)
    started = time.perf_counter()
    stem = output_stem(str(path))
    stage = "extract"
    try:
        outcome.kept = [name for name in job.planned(stem) if job.guard.is_kept(name)]
        planned = [name for name in job.planned(stem) if name not in outcome.kept]
        job.guard.check(planned)  # a file this batch did not make is never replaced without --force
        job.manifest.start(outcome, planned)
        job.guard.own(planned)
        job.notify(BatchEvent(str(path), stage))
        mine = job.out_dir / f"{stem}.summary.json"
        if mine.name in outcome.kept:  # the user's own edit of the summary feeds what follows
            summary = load_summary(str(mine))
        else:
            [result] = extract_files([str(path)], job.settings, job.backend, job.out_dir, guard=job.guard)
            if result.error is not None:
                raise result.error
            assert result.summary is not None and result.output is not None
            summary = result.summary
            outcome.outputs.append(result.output.name)
        usage = summary.usage
        outcome.prompt_tokens, outcome.completion_tokens = (
            usage.get("prompt_tokens", 0),
            usage.get("completion_tokens", 0),
        )
        job.notify(
            BatchEvent(str(path), "extract:done", Usage(outcome.prompt_tokens, outcome.completion_tokens))
        )
        for stage in job.stages:
            if stage == "extract":
                continue
            job.notify(BatchEvent(str(path), stage))
            outcome.outputs += _STAGE_WRITERS[stage](job, summary, stem)
            job.notify(BatchEvent(str(path), f"{stage}:done"))
        outcome.hashes = {
            n: content_hash(job.out_dir / n) for n in outcome.outputs if (job.out_dir / n).is_file()
        }
        for name in outcome.kept:  # still the document's, still the user's: what the tool last wrote stays
            outcome.outputs.append(name)
            if (written := job.manifest.written.get(name)) is not None:
                outcome.hashes[name] = written
        outcome.status = "done"
    except SummarizerError as exc:
        outcome.status, outcome.error, outcome.stage = "failed", exc.message, stage
    except Exception as exc:  # one document's bug must not end the batch; the table names it
        outcome.status, outcome.stage = "failed", stage
        outcome.error = f"内部错误：{type(exc).__name__}: {exc}"
    outcome.seconds = round(time.perf_counter() - started, 3)
    return outcome


def _write_brief(job: _Job, summary: Summary, stem: str) -> list[str]:
    formats = [f for f in job.formats if f in ("md", "html", "docx")]
    rendered = render_briefs(summary, job.settings, job.backend, formats, job.header, label=stem)
    return _write_kept_aside(job, {f"{stem}.brief.{fmt}": content for fmt, content in rendered.items()})


def _write_plan(job: _Job, summary: Summary, stem: str) -> list[str]:
    # every format rendered (and gated) before any is written
    rendered = render_plans(summary, job.settings, [f for f in job.formats if f in ("md", "docx")])
    return _write_kept_aside(job, {f"{stem}.plan.{fmt}": content for fmt, content in rendered.items()})


def _write_kept_aside(job: _Job, files: dict[str, str | bytes]) -> list[str]:
    """Each file written, except one the user changed since the batch wrote it: that stays theirs."""
    return [
        job.guard.write(name, content).name for name, content in files.items() if not job.guard.is_kept(name)
    ]


_STAGE_WRITERS: dict[str, Callable[[_Job, Summary, str], list[str]]] = {
    "brief": _write_brief,
    "plan": _write_plan,
}
