"""Command line: parse arguments -> Settings -> pipeline call -> exit code. Nothing else lives here.

Exit codes: 0 ok, 1 runtime error, 2 usage error, 3 input error (see errors.py).
"""

from __future__ import annotations

import logging
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

import click

from .. import __version__
from ..core.config import Settings, load_settings
from ..core.errors import SummarizerError, UsageError
from ..outputs.guard import OutputGuard
from ..skeleton.vocabulary import extra_indicators

if TYPE_CHECKING:
    from ..backends.base import Backend
    from ..jobs.document import Gathered
from ..text.analyze import analyze_file
from . import console

__all__ = ["main"]

_CONTEXT = {"help_option_names": ["-h", "--help"], "max_content_width": 100}


class _ChineseHelp(click.Command):
    """Click's own help headings are English; users read Chinese."""

    def format_usage(self, ctx: click.Context, formatter: click.HelpFormatter) -> None:
        formatter.write_usage(ctx.command_path, " ".join(self.collect_usage_pieces(ctx)), "用法：")

    def format_options(self, ctx: click.Context, formatter: click.HelpFormatter) -> None:
        rows = [row for p in self.get_params(ctx) if (row := p.get_help_record(ctx)) is not None]
        if rows:
            with formatter.section("选项"):
                formatter.write_dl(rows)

    def get_help_option(self, ctx: click.Context) -> click.Option | None:
        option = super().get_help_option(ctx)
        if option is not None:
            option.help = "显示本帮助并退出。"
        return option


class _ChineseGroup(_ChineseHelp, click.Group):
    def format_options(self, ctx: click.Context, formatter: click.HelpFormatter) -> None:
        super().format_options(ctx, formatter)
        rows = [
            (name, cmd.get_short_help_str(limit=60))
            for name in self.list_commands(ctx)
            if (cmd := self.get_command(ctx, name)) is not None and not cmd.hidden
        ]
        if rows:
            with formatter.section("命令"):
                formatter.write_dl(rows)


@click.group(cls=_ChineseGroup, context_settings=_CONTEXT)
@click.version_option(
    __version__, "-V", "--version", message="summarizer %(version)s", help="显示版本并退出。"
)
@click.option("-v", "--verbose", is_flag=True, help="输出更多细节（出错时显示调用栈）。")
@click.pass_context
def cli(ctx: click.Context, verbose: bool) -> None:
    """summarizer：开发区工作总结、计划与简报的结构化摘要工具。

    \b
    退出码：0 成功；1 运行错误；2 用法错误；3 输入文件有问题。
    """
    ctx.obj = {"verbose": verbose}
    try:
        own = load_settings().indicators
    except SummarizerError:
        return  # a broken summarizer.toml is reported by the command that reads it (not by --help)
    ctx.with_resource(extra_indicators(own))


@cli.command(cls=_ChineseHelp, context_settings=_CONTEXT)
@click.argument("file", metavar="文件")
@click.option("-q", "--quantities", is_flag=True, help="列出识别出的全部数字（数值、单位、类型、指标）。")
@click.option("--all", "include_all", is_flag=True, help="数字表中也列出年份、日期、序号、电话等非指标数字。")
@click.option("--text", "show_text", is_flag=True, help="输出清洗后的正文。")
@click.option(
    "--skeleton",
    "show_skeleton",
    is_flag=True,
    help="列出骨架：每个数字的作用（实绩/预计/目标等）和每个条目。",
)
@click.option(
    "-f",
    "--format",
    "output_format",
    type=click.Choice(["rich", "md", "json"]),
    default="rich",
    show_default=True,
    help="输出格式：终端表格、Markdown 或 JSON。",
)
@click.option("--json", "as_json", is_flag=True, help="以 JSON 输出（同 --format json）。")
@click.option("--max-input-chars", type=int, default=None, help="可接受的最大正文字数（默认 2000000）。")
@click.pass_context
def inspect(
    ctx: click.Context,
    file: str,
    quantities: bool,
    include_all: bool,
    show_text: bool,
    show_skeleton: bool,
    output_format: str,
    as_json: bool,
    max_input_chars: int | None,
) -> None:
    """检查文档：显示清洗记录、结构层级和数字。文件可为 txt/md/docx/pdf/html，“-” 表示标准输入。"""
    settings = load_settings({"max_input_chars": max_input_chars})
    doc = analyze_file(file, settings)
    fmt = "json" if as_json else output_format
    skeleton = None
    if show_skeleton:
        from ..skeleton.build import build_skeleton

        skeleton = build_skeleton(doc)
    console.show_inspection(
        doc,
        fmt=fmt,
        quantities=quantities or include_all,
        include_all=include_all,
        show_text=show_text,
        skeleton=skeleton,
    )


def _backend_options(command: Any) -> Any:
    for option in reversed(
        [
            click.option(
                "--backend",
                type=click.Choice(["local", "openai", "fake"]),
                default=None,
                help="大模型后端（默认 local：内置本地模型）。",
            ),
            click.option("--model", default=None, help="local：GGUF 模型文件路径；openai：模型名称。"),
            click.option(
                "--base-url", default=None, help="OpenAI 兼容接口地址，如 http://127.0.0.1:8000/v1。"
            ),
            click.option("--threads", type=int, default=None, help="本地模型线程数（默认全部 CPU 核）。"),
            click.option(
                "--context", type=int, default=None, help="本地模型上下文长度（token，默认 8192）。"
            ),
            click.option(
                "--cache-dir",
                type=click.Path(file_okay=False, path_type=Path),
                default=None,
                help="模型、调用缓存和运行日志所在目录。",
            ),
            click.option("--no-cache", is_flag=True, help="不使用已缓存的模型调用结果。"),
        ]
    ):
        command = option(command)
    return command


def _output_dir_option(command: Any) -> Any:
    return click.option(
        "-o",
        "--output-dir",
        type=click.Path(file_okay=False, path_type=Path),
        default=Path("."),
        help="输出目录（默认当前目录）。",
    )(command)


def _reference_doc_option(command: Any) -> Any:
    return click.option(
        "--reference-doc",
        "reference_doc",
        type=click.Path(dir_okay=False, path_type=Path),
        default=None,
        help="参考 Word 文档或模板（.docx/.dotx）：Word 输出沿用其样式、页面设置和开头的红头"
        "（也可在配置文件中设定 reference_doc）。",
    )(command)


def _reference(settings: Settings, fmt: str) -> bytes | None:
    from ..outputs.docx_writer import read_reference_doc

    return read_reference_doc(settings.reference_doc) if settings.reference_doc and fmt == "docx" else None


def _force_option(command: Any) -> Any:
    return click.option("--force", is_flag=True, help="覆盖已存在的输出文件（默认不覆盖）。")(command)


def _stem(path: str) -> str:
    from ..jobs.document import output_stem

    return output_stem(path).removesuffix(".summary")


def _distinct(inputs: Sequence[str]) -> tuple[str, ...]:
    """One file named twice (r.txt ./r.txt) is read once; the user is told which spelling stays."""
    from ..jobs.document import distinct_inputs

    kept, dropped = distinct_inputs(inputs)
    for path, same in dropped:
        console.warn(f"{path} 与 {same} 是同一个文件，只处理一次。")
    return tuple(kept)


def _check_outputs(guard: OutputGuard, outputs: list[tuple[str, str]]) -> None:
    """(input, output name) pairs: two inputs with one output name are refused, then every target."""
    from ..outputs.guard import refuse_shared_outputs

    refuse_shared_outputs(outputs)
    guard.check(name for _, name in outputs)


def _llm_settings(llm: dict[str, Any], **override: Any) -> Settings:
    """Backend flags -> Settings; a flag left unset lets env / config file / default decide."""
    flags = {key: value for key, value in llm.items() if key != "no_cache"}
    flags["cache"] = False if llm.get("no_cache") else None
    flags.update(override)
    return load_settings(flags)


def _make_backend(settings: Settings) -> Backend:
    from ..backends.factory import make_backend

    with console.model_progress() as on_bytes:
        return make_backend(settings, model_progress=on_bytes, notify=console.warn)


def _gather(
    inputs: Sequence[str], settings: Settings, output_dir: Path, guard: Any, *, need_backend: bool = False
) -> tuple[Gathered, Backend | None]:
    """The inputs' summaries (reports extracted first), each failure printed; the backend, made only
    when a report needs extracting or `need_backend`, before any progress display starts."""
    from ..jobs.document import gather_summaries

    reports = [path for path in inputs if not path.endswith(".summary.json")]
    backend = _make_backend(settings) if reports or need_backend else None
    if reports:
        assert backend is not None
        with console.extraction_progress() as progress_for:
            gathered = gather_summaries(inputs, settings, lambda: backend, output_dir, guard, progress_for)
    else:
        gathered = gather_summaries(inputs, settings, _no_backend, output_dir, guard)
    for failure in gathered.failures:
        console.error(failure.error.message if failure.error else f"{failure.path}：未能生成摘要。")
    for path in reports:
        if (summary := gathered.summaries.get(path)) is not None:
            console.show_coverage(summary)
    return gathered, backend


def _no_backend() -> Backend:
    raise AssertionError("summary files need no model")


@cli.command(cls=_ChineseHelp, context_settings=_CONTEXT)
@click.argument("reports", nargs=-1, required=True, metavar="报告...")
@_output_dir_option
@click.option("--json", "as_json", is_flag=True, help="把摘要 JSON 打印到标准输出。")
@click.option("--dry-run", is_flag=True, help="不调用模型，只走一遍流程（检查输入与输出）。")
@click.option(
    "--unverified",
    type=click.Choice(["flag", "drop", "fail"]),
    default=None,
    help="原文中找不到依据的内容：flag 保留并标注（默认），drop 删除，fail 以非零退出码结束。",
)
@click.option(
    "--strict",
    is_flag=True,
    default=None,
    help="模型对任一条目的回答无法使用时判为失败（默认保留原文形式并提示）。",
)
@_force_option
@_backend_options
def extract(
    reports: tuple[str, ...],
    output_dir: Path,
    as_json: bool,
    dry_run: bool,
    unverified: str | None,
    strict: bool | None,
    force: bool,
    **llm: Any,
) -> int:
    """抽取结构化摘要：指标、项目、做法、问题、下步打算，写出 <文件名>.summary.json。"""
    from ..jobs.document import extract_files

    reports = _distinct(reports)
    guard = OutputGuard(output_dir, reports, force=force)
    _check_outputs(guard, [(path, f"{_stem(path)}.summary.json") for path in reports])  # before any work
    settings = _llm_settings(
        llm, unverified=unverified, strict=strict or None, **({"backend": "fake"} if dry_run else {})
    )
    backend = _make_backend(settings)
    with console.extraction_progress() as progress_for:
        results = extract_files(list(reports), settings, backend, output_dir, progress_for, guard)
    console.show_extraction(results, as_json=as_json)
    failures = [r.error for r in results if r.error is not None]
    return failures[0].exit_code if failures else 0


@cli.command(cls=_ChineseHelp, context_settings=_CONTEXT)
@_backend_options
def models(**llm: Any) -> None:
    """显示当前配置的大模型后端、模型，以及内置模型是否已组装并通过校验。"""
    from .status import backend_status

    settings = _llm_settings(llm)
    console.show_status(backend_status(settings))


@cli.command(cls=_ChineseHelp, context_settings=_CONTEXT)
@click.argument("inputs", nargs=-1, required=True, metavar="报告或摘要.json...")
@click.option(
    "-f",
    "--format",
    "fmt",
    type=click.Choice(["md", "html", "docx", "json"]),
    default="md",
    show_default=True,
    help="输出格式：Markdown、HTML（A4 打印版式）、Word（GB/T 9704 公文版式）或 JSON。",
)
@_output_dir_option
@click.option(
    "--template",
    type=click.Path(dir_okay=False, path_type=Path),
    default=None,
    help="自定义模板文件（在沙箱中运行）。",
)
@_reference_doc_option
@click.option(
    "--name", "brief_name", default=None, help="简报名称（报头，默认“工作简报”，可在配置文件中设定）。"
)
@click.option("--issue", default="第1期", show_default=True, help="期号。")
@click.option("--editor", default=None, help="编发单位（默认取报告的单位，可在配置文件中设定）。")
@click.option("--date", "brief_date", default=None, help="日期（默认今天）。")
@click.option(
    "--pages",
    type=float,
    default=None,
    help="篇幅（A4 页数，默认 1；0 表示不限）。超出时先删减次要条目，并注明从略。",
)
@click.option(
    "--prose",
    type=click.Choice(["model", "template"]),
    default=None,
    help="标题、导语、按语：model 由模型依据已核实要点撰写（默认），template 由程序按要点生成。",
)
@click.option("--dry-run", is_flag=True, help="不调用模型（报告输入时只生成空摘要的简报）。")
@click.option(
    "--review", "with_review", is_flag=True, help="同时写出核对页 <文件名>.review.html（原文与摘要对照）。"
)
@_force_option
@_backend_options
def brief(
    inputs: tuple[str, ...],
    fmt: str,
    output_dir: Path,
    template: Path | None,
    reference_doc: Path | None,
    brief_name: str | None,
    issue: str,
    editor: str | None,
    brief_date: str | None,
    pages: float | None,
    prose: str | None,
    dry_run: bool,
    with_review: bool,
    force: bool,
    **llm: Any,
) -> int:
    """生成简报：报头、标题、导语、主要指标、重点项目、主要做法、存在问题、下步打算。

    输入可以是报告（先抽取并核对），也可以是 extract 生成的 *.summary.json。未核实的内容标注【待核】。
    """
    from ..core.summary_file import load_summary
    from ..outputs.brief import BriefHeader, brief_context, render_brief_output
    from ..outputs.prose import prose_for

    if template is not None and fmt not in ("md", "html"):
        raise UsageError("--template 只用于 md 或 html 格式；Word 版式由程序生成。")
    inputs = _distinct(inputs)
    if with_review:  # the review page needs each summary's report: fail before writing anything
        from ..jobs.recheck import report_for_review
        from ..outputs.review import render_review

        loaded = {path: load_summary(path) for path in inputs if path.endswith(".summary.json")}
        review_reports = {path: report_for_review(path, summary) for path, summary in loaded.items()}
    settings = _llm_settings(
        llm,
        brief_pages=pages,
        prose=prose,
        brief_name=brief_name,
        brief_editor=editor,
        reference_doc=reference_doc,
        **({"backend": "fake"} if dry_run else {}),
    )
    reference = _reference(settings, fmt)
    header = BriefHeader(
        name=settings.brief_name,
        issue=issue,
        editor=settings.brief_editor,
        distribution=settings.brief_distribution,
        **({"date": brief_date} if brief_date else {}),
    )
    guard = OutputGuard(output_dir, inputs, force=force)
    guard.check(f"{_stem(path)}.summary.json" for path in inputs if not path.endswith(".summary.json"))
    _check_outputs(guard, [(path, f"{_stem(path)}.brief.{fmt}") for path in inputs])
    guard.check(f"{_stem(path)}.review.html" for path in inputs if with_review)
    gathered, backend = _gather(inputs, settings, output_dir, guard, need_backend=settings.prose == "model")
    for path, summary in gathered.summaries.items():
        if backend is not None and settings.prose == "model":
            with console.status("撰写标题和导语"):
                prose_text = prose_for(summary, settings, backend)
            if prose_text is not None and prose_text.problems:
                console.warn(
                    f"{path}：模型撰写的标题和导语未通过核对，已改用程序生成（{prose_text.problems[0]}）"
                )
        else:
            prose_text = None
        pages_ = settings.brief_pages
        if pages_ and brief_context(summary, header, prose_text, pages_)["over_budget"]:
            console.warn(f"{path}：删减到最少条目后仍超出 {pages_:g} 页，简报会略长；可用 --pages 调整篇幅。")
        content = render_brief_output(
            summary, fmt, header, template, prose=prose_text, pages=pages_, reference=reference
        )
        console.wrote(guard.write(f"{_stem(path)}.brief.{fmt}", content))
        if with_review:  # re-grounded against the report, so highlights are exact for that file
            page = render_review(summary, analyze_file(review_reports.get(path, path), settings))
            console.wrote(guard.write(f"{_stem(path)}.review.html", page))
    return gathered.exit_code


@cli.command(cls=_ChineseHelp, context_settings=_CONTEXT)
@click.argument("summary_file", metavar="摘要.json")
@click.argument("report", metavar="报告")
@click.option("--json", "as_json", is_flag=True, help="以 JSON 输出核对结果。")
def verify(summary_file: str, report: str, as_json: bool) -> int:
    """核对摘要（可以是手工改过的）与原文：每个数字、每句引文是否在原文中、是否张冠李戴。

    \b
    全部核实时退出码为 0；有找不到依据或归属错误的内容时为 1。
    """
    from ..core.summary_file import load_summary
    from ..grounding.ground import ground

    summary = load_summary(summary_file)
    doc = analyze_file(report, load_settings())
    result = ground(summary, doc)
    console.show_grounding(result, doc, as_json=as_json)
    return 1 if result.failed() else 0


@cli.command(cls=_ChineseHelp, context_settings=_CONTEXT)
@click.argument("inputs", nargs=-1, required=True, metavar="目录或报告...")
@click.option(
    "--do",
    "stages",
    default="extract",
    show_default=True,
    help="处理步骤，逗号分隔：extract（摘要）、brief（简报）、plan（计划草稿）。",
)
@click.option(
    "-f",
    "--formats",
    default="md,docx",
    show_default=True,
    help="简报和计划的输出格式，逗号分隔：md、html、docx。",
)
@click.option(
    "-o",
    "--output-dir",
    type=click.Path(file_okay=False, path_type=Path),
    default=Path("out"),
    show_default=True,
    help="输出目录；其中的 manifest.jsonl 记录已完成的文档，重新运行时跳过。",
)
@click.option(
    "--concurrency",
    type=click.IntRange(1, 64),
    default=4,
    show_default=True,
    help="同时处理的文档数（仅 openai 后端；内置模型按顺序处理）。",
)
@click.option(
    "--name", "brief_name", default=None, help="简报名称（报头，默认“工作简报”，可在配置文件中设定）。"
)
@click.option("--issue", default="第1期", show_default=True, help="期号。")
@click.option("--dry-run", is_flag=True, help="不调用模型，只走一遍流程。")
@click.option(
    "--openai-batch",
    is_flag=True,
    help="经 OpenAI Batch API 离线处理（半价，24 小时内完成）：首次运行提交，之后同一命令取回。",
)
@_force_option
@_backend_options
def batch(
    inputs: tuple[str, ...],
    stages: str,
    formats: str,
    output_dir: Path,
    concurrency: int,
    brief_name: str | None,
    issue: str,
    dry_run: bool,
    openai_batch: bool,
    force: bool,
    **llm: Any,
) -> int:
    """批量处理：一个目录或多份报告，依次（或并发）抽取摘要、生成简报和计划草稿。

    \b
    可中断、可续跑：已完成的文档记录在输出目录的 manifest.jsonl，重新运行时跳过；
    一份文档出错不影响其他文档，最后列出失败的文档和原因。有失败时退出码为 1。
    """
    from ..jobs.batch import collect_inputs, output_lock, run_batch
    from ..outputs.brief import BriefHeader

    stage_list = [s.strip() for s in stages.split(",") if s.strip()]
    format_list = [f.strip() for f in formats.split(",") if f.strip()]
    bad = [f for f in format_list if f not in ("md", "html", "docx")]
    if bad:
        raise UsageError(f"不支持的输出格式：{'、'.join(bad)}。可选 md、html、docx。")
    paths = collect_inputs(inputs)
    settings = _llm_settings(llm, brief_name=brief_name, **({"backend": "fake"} if dry_run else {}))
    backend = _make_backend(settings)
    with output_lock(output_dir):  # the submit/collect step writes there too
        if openai_batch and not _offline_batch_ready(paths, settings, backend, output_dir):
            return 0
        with console.batch_progress(len(paths), stage_list) as on_event:
            outcomes = run_batch(
                paths,
                settings,
                backend,
                output_dir,
                stages=stage_list,
                formats=format_list,
                concurrency=concurrency,
                header=BriefHeader(
                    name=settings.brief_name,
                    issue=issue,
                    editor=settings.brief_editor,
                    distribution=settings.brief_distribution,
                ),
                notify=on_event,
                force=force,
            )
    console.show_batch(outcomes, output_dir / "manifest.jsonl")
    return 1 if any(o.status == "failed" for o in outcomes) else 0


@cli.command(cls=_ChineseHelp, context_settings=_CONTEXT)
@click.argument("summary_file", metavar="摘要.json")
@click.argument("report", metavar="报告")
@_output_dir_option
@_force_option
def review(summary_file: str, report: str, output_dir: Path, force: bool) -> None:
    """生成核对页 <文件名>.review.html：左侧原文（每个数字高亮），右侧摘要及核对状态。

    单个 HTML 文件，离线可用，不发出任何网络请求。点击条目定位原文，点击高亮定位条目。
    """
    from ..core.summary_file import load_summary
    from ..jobs.document import output_stem
    from ..jobs.recheck import source_mismatch
    from ..outputs.guard import OutputGuard
    from ..outputs.review import render_review

    guard = OutputGuard(output_dir, [summary_file, report], force=force)
    name = f"{output_stem(report)}.review.html"
    guard.check([name])
    summary = load_summary(summary_file)
    doc = analyze_file(report, load_settings())
    if warning := source_mismatch(summary, report):
        console.warn(warning)
    console.wrote(guard.write(name, render_review(summary, doc)))


@cli.command(cls=_ChineseHelp, context_settings=_CONTEXT)
@click.argument("inputs", nargs=-1, required=True, metavar="报告或摘要.json...")
@click.option(
    "-f",
    "--format",
    "fmt",
    type=click.Choice(["md", "html", "docx", "json"]),
    default="md",
    show_default=True,
    help="输出格式：Markdown（图为同目录 PNG）、HTML（A4 打印版式，图内嵌）、Word（GB/T 9704）或 JSON。",
)
@_output_dir_option
@click.option("--name", "digest_name", default="digest", show_default=True, help="输出文件名（不含扩展名）。")
@click.option("--charts/--no-charts", default=True, show_default=True, help="是否绘制对比图（JSON 不含图）。")
@click.option(
    "--template",
    type=click.Path(dir_okay=False, path_type=Path),
    default=None,
    help="自定义模板文件（md 或 html，在沙箱中运行）。",
)
@_reference_doc_option
@click.option("--dry-run", is_flag=True, help="不调用模型（报告输入时只生成空摘要的对比）。")
@_force_option
@_backend_options
def digest(
    inputs: tuple[str, ...],
    fmt: str,
    output_dir: Path,
    digest_name: str,
    charts: bool,
    template: Path | None,
    reference_doc: Path | None,
    dry_run: bool,
    force: bool,
    **llm: Any,
) -> int:
    """对比多份报告：共同指标、重点项目进度、主要做法侧重、存在问题，并绘制对比图。

    输入至少两份，可以是报告（先抽取并核对），也可以是 *.summary.json。数字照录原文；未核实的标注【待核】，
    单位或时期口径不同的指标注明原因；两者都不绘图。
    """
    from ..outputs.digest import render_digest

    inputs = _distinct(inputs)  # a file compared with itself would only look like agreement
    if len(inputs) < 2:
        raise UsageError(f"对比至少需要两份报告或摘要，现在只有一份（{inputs[0]}）。请再给出一份。")
    if template is not None and fmt not in ("md", "html"):
        raise UsageError("--template 只用于 md 或 html 格式；Word 版式由程序生成。")
    if digest_name in ("", ".", "..") or Path(digest_name).name != digest_name:
        raise UsageError(f"--name 只能是文件名，不含目录：{digest_name}。输出目录请用 -o 指定。")
    guard = OutputGuard(output_dir, inputs, force=force)
    reports = [path for path in inputs if not path.endswith(".summary.json")]
    guard.check([f"{digest_name}.{fmt}"])
    _check_outputs(guard, [(path, f"{_stem(path)}.summary.json") for path in reports])
    settings = _llm_settings(llm, reference_doc=reference_doc, **({"backend": "fake"} if dry_run else {}))
    reference = _reference(settings, fmt)
    gathered, _ = _gather(inputs, settings, output_dir, guard)
    if gathered.failures:  # a digest that silently leaves a report out would mislead
        console.error("有报告未能处理，未生成对比。")
        return gathered.exit_code
    files = render_digest(
        list(gathered.summaries.items()),
        fmt,
        stem=digest_name,
        charts=charts,
        template=template,
        reference=reference,
    )
    guard.check(name for name, _ in files)  # the chart files too, before any is written
    for name, content in files:  # charts first: the Markdown never links to a missing file
        console.wrote(guard.write(name, content))
    return 0


@cli.command(cls=_ChineseHelp, context_settings=_CONTEXT)
@click.argument("source", metavar="报告或摘要.json")
@click.option(
    "--period", default=None, help="计划期限，如 2026年（默认按报告期推算下一期，推算不出时写【待补】）。"
)
@click.option(
    "--previous-plan",
    default=None,
    metavar="上期计划",
    help="上期工作计划（报告或 *.summary.json）：逐项标注完成、部分完成、未完成、未提及或无法比较。",
)
@click.option(
    "-f",
    "--format",
    "fmt",
    type=click.Choice(["md", "docx", "json"]),
    default="md",
    show_default=True,
    help="输出格式：Markdown、Word（GB/T 9704 公文版式）或 JSON。",
)
@_output_dir_option
@click.option(
    "--template",
    type=click.Path(dir_okay=False, path_type=Path),
    default=None,
    help="自定义 Markdown 模板文件（在沙箱中运行）。",
)
@_reference_doc_option
@click.option("--dry-run", is_flag=True, help="不调用模型（报告输入时只生成空摘要的计划草稿）。")
@_force_option
@_backend_options
def plan(
    source: str,
    period: str | None,
    previous_plan: str | None,
    fmt: str,
    output_dir: Path,
    template: Path | None,
    reference_doc: Path | None,
    dry_run: bool,
    force: bool,
    **llm: Any,
) -> int:
    """生成下一期工作计划草稿 <文件名>.plan.<格式>：总体思路、主要目标、重点任务、保障措施。

    输入可以是报告（先抽取并核对），也可以是 *.summary.json。建议目标只取原文目标，或按本期增速测算并标注
    【建议值】，否则写【待定】；缺少的信息写【待补】。
    """
    from ..outputs.plan import render_plan_output

    inputs = [source, *([previous_plan] if previous_plan else [])]
    guard = OutputGuard(output_dir, inputs, force=force)
    name = f"{_stem(source)}.plan.{fmt}"
    reports = [path for path in inputs if not path.endswith(".summary.json")]
    guard.check([name])
    _check_outputs(guard, [(path, f"{_stem(path)}.summary.json") for path in reports])
    settings = _llm_settings(llm, reference_doc=reference_doc, **({"backend": "fake"} if dry_run else {}))
    reference = _reference(settings, fmt)
    gathered, _ = _gather(inputs, settings, output_dir, guard)
    if gathered.failures:  # a plan missing an input would mislead
        console.error("有报告未能处理，未生成工作计划。")
        return gathered.exit_code
    summaries = gathered.summaries
    previous = summaries[previous_plan] if previous_plan else None
    content = render_plan_output(
        summaries[source], fmt, period=period, previous=previous, template=template, reference=reference
    )
    console.wrote(guard.write(name, content))
    return 0


def _offline_batch_ready(paths: list[Path], settings: Settings, backend: Any, output_dir: Path) -> bool:
    """Submit, or poll; True once the answers are in the call cache and the normal run can go on."""
    from ..backends.openai_compat import OpenAIBackend
    from ..jobs.offline_batch import collect, pending, submit
    from ..llm.cache import CallCache

    if not isinstance(backend, OpenAIBackend):
        raise UsageError("--openai-batch 需要 --backend openai（OpenAI 或支持 Batch API 的兼容接口）。")
    if not settings.cache:
        raise UsageError("--openai-batch 的回答经调用缓存交给后续处理，不能与 --no-cache 同用。")
    if pending(output_dir) is None:
        state = submit(paths, settings, backend, output_dir)
        console.wrote(output_dir / "openai-batch.json")
        console.warn(
            f"已提交批处理 {state.batch_id}（{state.requests} 个请求）。完成后用同一命令取回结果并生成输出。"
        )
        return False
    state = collect(backend, CallCache(settings.resolved_cache_dir(), enabled=True), output_dir)
    if state.status != "completed":
        console.warn(f"批处理 {state.batch_id} 尚未完成（状态：{state.status}），请稍后再运行同一命令。")
        return False
    console.warn(f"批处理 {state.batch_id} 已完成：{state.answered}/{state.requests} 个回答已取回。")
    return True


def _translate_usage_error(exc: click.ClickException) -> str:
    if isinstance(exc, click.NoSuchOption):
        return f"没有这个选项：{exc.option_name}"
    if isinstance(exc, click.MissingParameter):
        name = exc.param.human_readable_name if exc.param else "参数"
        return f"缺少参数：{name}"
    if isinstance(exc, click.BadParameter):
        name = exc.param.human_readable_name if exc.param else "参数"
        return f"参数 {name} 的取值无效：{exc.message}"
    if isinstance(exc, click.UsageError) and "No such command" in exc.message:
        return f"没有这个命令：{exc.message.split(' ', 3)[-1]}"
    return exc.format_message()


def main(argv: Sequence[str] | None = None) -> int:
    args = list(sys.argv[1:] if argv is None else argv)
    verbose = "-v" in args or "--verbose" in args
    bridge = console.WarningBridge()
    logging.getLogger("summarizer").addHandler(bridge)
    try:
        return _run(args, verbose)
    finally:
        logging.getLogger("summarizer").removeHandler(bridge)


def _run(args: list[str], verbose: bool) -> int:
    try:
        result: Any = cli.main(args=args, prog_name="summarizer", standalone_mode=False)
        return result if isinstance(result, int) else 0
    except click.exceptions.Exit as exc:
        return exc.exit_code
    except click.exceptions.Abort:
        console.error("已中断。")
        return 130
    except click.ClickException as exc:
        console.error(f"{_translate_usage_error(exc)}。运行 summarizer --help 查看用法。")
        return UsageError.exit_code
    except SummarizerError as exc:
        console.error(exc.message)
        return exc.exit_code
    except KeyboardInterrupt:
        console.error("已中断。")
        return 130
    except Exception as exc:  # the last line of defence: a message, not a traceback
        if verbose:
            console.traceback()
        console.error(f"内部错误：{type(exc).__name__}: {exc}。请加 -v 重试并报告此问题。")
        return SummarizerError.exit_code


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
