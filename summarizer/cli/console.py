"""Everything the terminal shows: rich tables, trees and error lines. Only `cli` imports this."""

from __future__ import annotations

import io
import json
import logging
import sys
import threading
import time
from collections import Counter
from collections.abc import Callable, Iterator, Sequence
from contextlib import AbstractContextManager, contextmanager, nullcontext
from pathlib import Path
from typing import Any, TextIO

from rich.console import Console
from rich.progress import (
    BarColumn,
    DownloadColumn,
    MofNCompleteColumn,
    Progress,
    TaskID,
    TextColumn,
    TimeElapsedColumn,
    TimeRemainingColumn,
)
from rich.status import Status
from rich.table import Table
from rich.text import Text
from rich.tree import Tree

from ..backends.base import Usage
from ..core.labels import CHANGE_LABELS, ITEM_LABELS, QUANTITY_LABELS, ROLE_LABELS
from ..core.models import Change, ChangeKind, Document, Quantity, Section
from ..core.summary import GroundingReport, GroundingStatus, Summary
from ..jobs.batch import BatchEvent
from ..jobs.batch import DocOutcome as BatchOutcome
from ..jobs.document import FileResult
from ..outputs.render import render_inspect_markdown, render_skeleton_markdown
from ..skeleton.types import Skeleton

__all__ = [
    "batch_progress",
    "error",
    "extraction_progress",
    "model_progress",
    "show_batch",
    "show_extraction",
    "show_grounding",
    "show_inspection",
    "show_status",
    "status",
    "traceback",
    "verbosity",
    "warn",
    "wrote",
]


class Verbosity:
    """Set from the command line's -q / -v (before or after the command name), read here."""

    quiet = False  # no progress display and no info lines; warnings and errors still show
    verbose = False  # an internal error also prints its traceback


verbosity = Verbosity()


# Every console is built with markup off: text from reports, paths and messages (`gongwen-summarizer[local]`,
# `报告[定稿].docx`) is shown as written, and the few deliberately styled words are `Text` spans.
def _stdout() -> Console:
    # Piped output has no terminal width; a wide table beats one wrapped into unreadable cells.
    stream = _tolerant(sys.stdout)
    return Console(file=stream, width=None if stream.isatty() else 160, markup=False, highlight=False)


def _stderr() -> Console:
    # soft_wrap: never hard-wrap a path in an error line
    return Console(file=_tolerant(sys.stderr), soft_wrap=True, markup=False, highlight=False)


def _tolerant(stream: TextIO) -> TextIO:
    """A GBK (cp936) Windows console cannot show every character of a report or a file name: a `?` in a
    message for people beats a crash. Machine output does not come this way (see `_machine`)."""
    if isinstance(stream, io.TextIOWrapper) and stream.errors == "strict":
        stream.reconfigure(errors="replace")
    return stream


def _machine(text: str) -> None:
    """JSON and Markdown on stdout are UTF-8 bytes whatever the console's code page, so a pipe or a
    redirect on a GBK Windows console neither crashes on an emoji nor writes a file in a second encoding."""
    sys.stdout.flush()
    buffer = getattr(sys.stdout, "buffer", None)
    if buffer is None:  # a text-only stream (io.StringIO) has no encoding to get wrong
        sys.stdout.write(text)
        return
    buffer.write(text.encode("utf-8"))
    buffer.flush()


def _label(text: str, style: str) -> Text:
    return Text(text, style=style)


def error(message: str) -> None:
    # One plain line: scripts grep it and users read it; no panel around a single sentence.
    _stderr().print(Text.assemble(_label("错误", "bold red"), "：", message))


def warn(message: str) -> None:
    _stderr().print(Text.assemble(_label("提示", "yellow"), "：", message))


class WarningBridge(logging.Handler):
    """What the pipeline logs as a warning (a damaged manifest line, a call cache that cannot be
    written) reaches the user as one 提示 line, like every other warning."""

    def __init__(self) -> None:
        super().__init__(logging.WARNING)

    def emit(self, record: logging.LogRecord) -> None:
        warn(record.getMessage())


def status(label: str) -> AbstractContextManager[Status | None]:
    """A spinner on stderr while one model call runs (stdout stays clean for pipes)."""
    return nullcontext() if verbosity.quiet else _stderr().status(Text(label))


def traceback() -> None:
    _stderr().print_exception()


def show_inspection(
    doc: Document,
    *,
    fmt: str,
    quantities: bool,
    include_all: bool,
    show_text: bool,
    skeleton: Skeleton | None = None,
) -> None:
    if fmt == "json":
        data = inspection_json(doc, include_all=include_all)
        if skeleton is not None:
            data["skeleton"] = skeleton.to_json()
        _machine(json.dumps(data, ensure_ascii=False, indent=2) + "\n")
        return
    if fmt == "md":
        markdown = render_inspect_markdown(doc, include_non_figures=include_all)
        _machine(markdown + (render_skeleton_markdown(skeleton) if skeleton is not None else ""))
        return
    out = _stdout()
    _show_header(out, doc)
    _show_changes(out, doc)
    out.print(_outline_tree(doc.outline))
    if quantities:
        out.print(_quantity_table(doc.quantities if include_all else doc.figures, doc.original))
    else:
        out.print(f"识别出 {len(doc.figures)} 个指标数字；加 --quantities 查看明细。")
    if skeleton is not None:
        _show_skeleton(out, skeleton)
    if show_text:
        out.rule("清洗后正文")
        out.print(doc.cleaned)


def _show_skeleton(out: Console, sk: Skeleton) -> None:
    roles = Counter(f.role for f in sk.facts)
    out.print(
        f"骨架：{sk.issuer or '单位未识别'}，{sk.period or '时期未识别'}；指标数字 {len(sk.facts)} 个（"
        + "、".join(f"{ROLE_LABELS[r]} {n}" for r, n in roles.items())
        + f"），条目 {len(sk.items)} 条，项目 {len(sk.projects)} 个。"
    )
    facts = Table(title="指标数字与作用", show_lines=False)
    for column in ("编号", "名称或主语", "数值", "增减", "时期", "作用", "核心"):
        facts.add_column(column)
    for f in sk.facts:
        changes = "、".join(c.text for c in f.changes)
        name = f.canonical or f.subject
        facts.add_row(f.id, name, f.value.text, changes, f.period, ROLE_LABELS[f.role], "★" * f.headline)
    out.print(facts)
    items = Table(title="条目")
    for column in ("编号", "类别", "主题", "内容"):
        items.add_column(column)
    for i in sk.items:
        items.add_row(i.id, ITEM_LABELS[i.kind], i.theme, i.short or i.text[:60])
    out.print(items)


def inspection_json(doc: Document, *, include_all: bool) -> dict[str, Any]:
    quantities = doc.quantities if include_all else doc.figures
    return {
        "source": doc.source,
        "format": doc.format,
        "encoding": doc.encoding,
        "script": doc.script,
        "original_chars": len(doc.original),
        "cleaned_chars": len(doc.cleaned),
        "warnings": doc.warnings,
        "change_counts": dict(Counter(c.kind.value for c in doc.changes)),
        "changes": [c.model_dump(mode="json") for c in doc.changes],
        "outline": doc.outline.model_dump(mode="json"),
        "quantities": [q.model_dump(mode="json") for q in quantities],
        "cleaned": doc.cleaned,
    }


def _show_header(out: Console, doc: Document) -> None:
    script = "繁体（已转为简体分析，位置仍指向原文）" if doc.script == "traditional" else "简体"
    encoding = f"，编码 {doc.encoding}" if doc.encoding else ""
    out.print(_label(doc.source, "bold"))
    out.print(
        f"格式 {doc.format}{encoding}；{script}；原文 {len(doc.original)} 字 → 清洗后 {len(doc.cleaned)} 字"
    )
    for warning in doc.warnings:
        out.print(Text.assemble(_label("注意", "yellow"), "：", warning))


def _show_changes(out: Console, doc: Document) -> None:
    table = Table(title="清洗记录", title_justify="left")
    table.add_column("类别")
    table.add_column("处数", justify="right")
    table.add_column("字符数", justify="right")
    table.add_column("示例（原文 → 清洗后）", overflow="fold")
    groups: dict[ChangeKind, list[Change]] = {}
    for change in doc.changes:
        groups.setdefault(change.kind, []).append(change)
    for kind, changes in sorted(groups.items(), key=lambda item: -len(item[1])):
        chars = sum(len(c.before) for c in changes)
        examples = "；".join(
            f"{_short(c.before)} → {_short(c.after) or '（删除）'}" for c in changes[:2] if c.before.strip()
        )
        table.add_row(CHANGE_LABELS[kind], str(len(changes)), str(chars), examples)
    if not groups:
        table.add_row("（无）", "0", "0", "")
    out.print(table)


def _short(text: str, limit: int = 24) -> str:
    flat = text.replace("\n", "⏎")
    return flat if len(flat) <= limit else flat[: limit - 1] + "…"


def _outline_tree(root: Section) -> Tree:
    tree = Tree(_label("结构", "bold"))

    def add(branch: Tree, node: Section) -> None:
        for child in node.children:
            if child.kind == "heading":
                label = f" 〔{child.label.value}〕" if child.label else ""
                add(branch.add(f"{child.marker}{child.title}{label}"), child)
        paragraphs = sum(1 for c in node.children if c.kind == "paragraph")
        items = sum(1 for c in node.walk() if c.kind == "item")
        if node.kind == "document" and paragraphs:
            branch.add(_label(f"{paragraphs} 个段落，{items} 个“一是…”条目", "dim"))

    add(tree, root)
    return tree


def _quantity_table(quantities: list[Quantity], original: str) -> Table:
    table = Table(title=f"数字（{len(quantities)} 个）", title_justify="left")
    for name, justify in [
        ("原文", "left"),
        ("类型", "left"),
        ("数值", "right"),
        ("单位", "left"),
        ("限定", "left"),
        ("增减", "left"),
        ("指标", "left"),
        ("原文行:列", "right"),
    ]:
        table.add_column(name, justify=justify)  # type: ignore[arg-type]
    for q in quantities:
        direction = {"up": "增", "down": "降"}.get(q.direction or "", "")
        if q.comparison and direction:
            direction = f"{q.comparison}{direction}"
        table.add_row(
            q.text,
            QUANTITY_LABELS[q.kind],
            _value(q),
            q.unit,
            "、".join(q.qualifiers),
            direction,
            q.subject or "",
            _line_col(original, q.source.start) if q.source else "",
        )
    return table


def _value(q: Quantity) -> str:
    if q.normalized is None:
        return ""
    if q.high is None:
        return f"{q.normalized:,}"
    return f"{q.normalized:,}–{q.high * q.magnitude:,}"


def _line_col(text: str, offset: int) -> str:
    line = text.count("\n", 0, offset) + 1
    column = offset - (text.rfind("\n", 0, offset) + 1) + 1
    return f"{line}:{column}"


# --- extraction --------------------------------------------------------------------------------


@contextmanager
def model_progress() -> Iterator[Callable[[int, int], None]]:
    """A byte progress bar for assembling the embedded model; shown only if assembly happens."""
    bar = Progress(
        TextColumn("组装内置模型"),
        BarColumn(),
        DownloadColumn(),
        TimeRemainingColumn(),
        console=_stderr(),
        disable=verbosity.quiet,
    )
    task: list[TaskID] = []

    def on_bytes(done: int, total: int) -> None:
        if not task:
            bar.start()
            task.append(bar.add_task("model", total=total))
        bar.update(task[0], completed=done)

    try:
        yield on_bytes
    finally:
        bar.stop()


@contextmanager
def extraction_progress() -> Iterator[Callable[[str], Callable[[str, int, int, Usage], None]]]:
    """One bar per document: stage, calls done, tokens generated per second."""
    bar = Progress(
        TextColumn("{task.description}", markup=False),
        BarColumn(),
        MofNCompleteColumn(),
        TextColumn("{task.fields[stage]}", markup=False),
        TextColumn("{task.fields[speed]}"),
        TimeElapsedColumn(),
        console=_stderr(),
        transient=False,
        disable=verbosity.quiet,
    )
    started: dict[str, float] = {}

    def progress_for(path: str) -> Callable[[str, int, int, Usage], None]:
        task = bar.add_task(path, total=None, stage="读取", speed="")
        started[path] = time.perf_counter()

        def update(stage: str, done: int, total: int, usage: Usage) -> None:
            elapsed = max(time.perf_counter() - started[path], 1e-6)
            speed = f"{usage.completion_tokens / elapsed:.1f} token/s" if usage.completion_tokens else ""
            bar.update(task, completed=done, total=total, stage=stage, speed=speed)

        return update

    with bar:
        yield progress_for


_STAGE_NAMES = {"extract": "抽取", "brief": "简报", "plan": "计划"}


@contextmanager
def batch_progress(total: int, stages: Sequence[str]) -> Iterator[Callable[[BatchEvent], None]]:
    """An overall bar (documents done/failed, tokens/s, ETA) and one bar per stage."""
    bar = Progress(
        TextColumn("{task.description}", markup=False),
        BarColumn(),
        MofNCompleteColumn(),
        TextColumn("{task.fields[info]}", markup=False),
        TimeElapsedColumn(),
        TextColumn("剩余"),
        TimeRemainingColumn(),
        console=_stderr(),
        disable=verbosity.quiet,
    )
    overall = bar.add_task("全部文档", total=total, info="")
    per_stage = {
        stage: bar.add_task(f"  {_STAGE_NAMES.get(stage, stage)}", total=total, info="") for stage in stages
    }
    counts = {"done": 0, "failed": 0, "skipped": 0}
    generated = [0]
    started = time.perf_counter()
    lock = threading.Lock()

    def on_event(event: BatchEvent) -> None:
        with lock:
            if event.stage in counts:
                counts[event.stage] += 1
                speed = generated[0] / max(time.perf_counter() - started, 1e-6)
                info = (
                    f"完成 {counts['done']}  失败 {counts['failed']}  跳过 {counts['skipped']}  "
                    f"{speed:.1f} token/s"
                )
                bar.update(overall, advance=1, info=info)
                if event.stage == "skipped":
                    for task in per_stage.values():
                        bar.update(task, advance=1)
            elif event.stage.endswith(":done"):
                stage = event.stage.removesuffix(":done")
                if event.usage is not None:
                    generated[0] += event.usage.completion_tokens
                if stage in per_stage:
                    bar.update(per_stage[stage], advance=1, info=Path(event.path).name)
            elif event.stage in per_stage:
                bar.update(per_stage[event.stage], info=Path(event.path).name)

    with bar:
        yield on_event


def show_batch(outcomes: list[BatchOutcome], manifest: Path) -> None:
    out = _stdout()
    done = [o for o in outcomes if o.status == "done"]
    skipped = [o for o in outcomes if o.status == "skipped"]
    failed = [o for o in outcomes if o.status == "failed"]
    tokens = sum(o.prompt_tokens + o.completion_tokens for o in done)
    out.print(
        f"共 {len(outcomes)} 份：完成 {len(done)}，上次已完成而跳过 {len(skipped)}，失败 {len(failed)}；"
        f"本次模型 token {tokens}。记录：{manifest}"
    )
    for o in outcomes:
        for name in o.kept:
            out.print(f"已保留您修改过的 {name}（与上次生成的不同），未覆盖；如需重新生成，请加 --force。")
    if failed:
        table = Table(title="失败的文档", title_justify="left")
        for name in ("文件", "步骤", "原因"):
            table.add_column(name, overflow="fold")
        for o in failed:
            table.add_row(o.path, _STAGE_NAMES.get(o.stage, o.stage), o.error)
        out.print(table)


def show_extraction(results: list[FileResult], *, as_json: bool) -> None:
    if as_json:
        payload = [r.summary.model_dump(mode="json") for r in results if r.summary is not None]
        _machine(
            json.dumps(payload[0] if len(payload) == 1 else payload, ensure_ascii=False, indent=2) + "\n"
        )
    out = _stdout() if not as_json else _stderr()
    table = Table(title="抽取结果", title_justify="left")
    for name in (
        "文件",
        "指标",
        "项目",
        "做法",
        "问题",
        "下步打算",
        "调用",
        "输入/输出 token",
        "用时",
        "输出",
    ):
        table.add_column(name, overflow="fold")
    for r in results:
        if r.summary is None:
            message = r.error.message if r.error else "失败"
            table.add_row(r.path, *[""] * 7, f"{r.seconds:.1f}s", _label(message, "red"))
            continue
        s = r.summary
        table.add_row(
            r.path,
            str(len(s.indicators)),
            str(len(s.projects)),
            str(len(s.measures)),
            str(len(s.problems)),
            str(len(s.next_steps)),
            str(s.calls),
            f"{s.usage.get('prompt_tokens', 0)}/{s.usage.get('completion_tokens', 0)}",
            f"{r.seconds:.1f}s",
            str(r.output),
        )
    out.print(table)
    for r in results:
        if r.error is not None:
            error(r.error.message)  # one greppable line per failed file, whatever the table width
        if r.raw_output is not None:
            out.print(Text.assemble(_label("模型原始输出已保存", "yellow"), "：", str(r.raw_output)))
        if r.summary is not None and r.summary.indicators and not as_json:
            out.print(_indicator_table(r.summary))
        if r.summary is not None:
            show_coverage(r.summary)


def coverage_line(summary: Summary) -> str:
    """What the summary holds of the report, in one line: counted by code, not by the model."""
    c = summary.coverage
    if c is None:
        return ""
    roles = "、".join(f"{ROLE_LABELS.get(role, role)} {n}" for role, n in c.by_role.items())
    items = "、".join(f"{ITEM_LABELS.get(kind, kind)} {n}" for kind, n in c.items.items()) or "无"
    rates = f"，另有 {c.rates_attached} 个增速随指标" if c.rates_attached else ""
    named = f"模型命名 {c.named_by_model}/{c.asked} 条" + (
        f"，{c.skeleton_form} 条保留原文形式" if c.skeleton_form else ""
    )
    return (
        f"{summary.source}：正文数字 {c.figures_in_body} 个，摘要收录指标 {c.facts} 个（{roles}{rates}）；"
        f"条目：{items}；项目 {c.projects} 个；{named}。"
    )


def show_coverage(summary: Summary) -> None:
    """The coverage line, then one warning per naming call that fell back to the skeleton."""
    line = coverage_line(summary)
    if line and not verbosity.quiet:
        _stderr().print(line)
    for warning in summary.warnings:
        warn(warning)


def _indicator_table(summary: Summary) -> Table:
    table = Table(title=f"{summary.meta.title or summary.source}：主要指标", title_justify="left")
    for name in ("指标", "数值", "增减", "时期", "作用", "核对"):
        table.add_column(name)
    for ind in summary.indicators:
        status = _STATUS_LABELS[ind.grounding_status] if ind.grounding_status else ""
        role = ROLE_LABELS.get(ind.role or "", "")
        table.add_row(ind.name, ind.value, ind.change, ind.period, role, status)
    return table


def show_status(status: dict[str, str]) -> None:
    table = Table(title="模型与后端", title_justify="left", show_header=False)
    table.add_column("项目")
    table.add_column("状态")
    for key, value in status.items():
        table.add_row(key, value)
    _stdout().print(table)


_STATUS_LABELS = {
    GroundingStatus.VERIFIED: _label("已核实", "green"),
    GroundingStatus.MISATTRIBUTED: _label("归属错误", "red"),
    GroundingStatus.FIGURE_NOT_IN_SOURCE: _label("原文无此数字", "red"),
    GroundingStatus.TEXT_NOT_FOUND: _label("原文未找到", "yellow"),
}


def show_grounding(report: GroundingReport, doc: Document, *, as_json: bool) -> None:
    if as_json:
        payload = {"counts": report.counts, **report.model_dump(mode="json")}
        _machine(json.dumps(payload, ensure_ascii=False, indent=2) + "\n")
        return
    table = Table(title=f"核对结果：{report.source}", title_justify="left")
    for name in ("条目", "字段", "摘要中的写法", "结果", "原文位置", "说明"):
        table.add_column(name, overflow="fold")
    for f in report.findings:
        where = "；".join(_line_col(doc.original, s.start) for s in f.spans[:3])
        note = f.note or ("" if f.match == "exact" else f"匹配：{f.match}")
        table.add_row(f.item, f.field, _short(f.written, 40), _STATUS_LABELS[f.status], where, note)
    out = _stdout()
    out.print(table)
    counts = report.counts
    out.print(
        f"已核实 {counts['verified']}，归属错误 {counts['misattributed']}，"
        f"原文无此数字 {counts['figure_not_in_source']}，原文未找到 {counts['text_not_found']}。"
    )
    for check in report.arithmetic:
        verdict = _label("一致", "green") if check.consistent else _label("不一致", "red")
        if check.kind == "sum":
            parts = " + ".join(check.operands)
            line = f"分项合计：总数 {check.stated}，分项 {parts} = {check.computed} "
        else:
            label = "完成率" if check.kind == "completion" else "占比"
            line = (
                f"{label}核算：原文 {check.stated}，按 {check.operands[0]} ÷ {check.operands[1]} "
                f"计算为 {check.computed}% "
            )
        out.print(Text.assemble(line, verdict))


def wrote(path: object) -> None:
    if not verbosity.quiet:
        _stdout().print(f"已写出：{path}")
