"""Command line: parse arguments -> Settings -> pipeline call -> exit code. Nothing else lives here.

Exit codes: 0 ok, 1 runtime error, 2 usage error, 3 input error (see errors.py).
"""

from __future__ import annotations

import logging
import re
import sys
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

import click
from click.formatting import join_options
from rich.cells import cell_len

from .. import __version__
from ..core.config import Settings, load_settings
from ..core.errors import SummarizerError, UsageError
from ..grounding.ground import UNVERIFIED_MARK
from ..outputs.guard import OutputGuard
from ..outputs.plan import office_owners
from ..skeleton.genre import extra_genre_cues
from ..skeleton.vocabulary import extra_indicators

if TYPE_CHECKING:
    from ..backends.base import Backend
    from ..jobs.document import Gathered
from ..text.analyze import analyze_file
from . import console

__all__ = ["main"]

_CONTEXT = {"help_option_names": ["-h", "--help"], "max_content_width": 100}


_NO_LINE_START = frozenset("，。、；：？！）》」』”’…")


def _wrap(text: str, width: int) -> list[str]:
    """Greedy wrap by display cells (click counts a Chinese character as one column; it takes two): any
    Chinese character may end a line, an ASCII word stays whole, closing punctuation never starts a line."""
    lines: list[str] = []
    line = ""
    for token in re.findall(r"[!-~]+| +|.", text):
        breakable = line.strip() and not token.isspace() and token[0] not in _NO_LINE_START
        if breakable and cell_len(line + token) > width:
            lines.append(line.rstrip())
            line = ""
        if line or not token.isspace():
            line += token
    return [*lines, line.rstrip()] if line.strip() else lines


class _ChineseFormatter(click.HelpFormatter):
    """Headings end in a full-width colon; text and definition lists are laid out in display cells."""

    def write_heading(self, heading: str) -> None:
        self.write(f"{'':>{self.current_indent}}{heading}：\n")

    def write_text(self, text: str) -> None:
        indent = " " * self.current_indent
        for n, paragraph in enumerate(re.split(r"\n\s*\n", text)):
            lines = [line.strip() for line in paragraph.splitlines() if line.strip()]
            if lines and lines[0] == "\b":  # click's mark for lines kept as written
                wrapped = lines[1:]
            else:  # Chinese lines join without a space; ASCII words with one
                joined = "".join(
                    f" {line}" if i and line[0].isascii() and lines[i - 1][-1].isascii() else line
                    for i, line in enumerate(lines)
                )
                wrapped = _wrap(joined, max(self.width - self.current_indent, 20))
            self.write("\n" * (n > 0) + "".join(f"{indent}{line}\n" for line in wrapped))

    def write_dl(self, rows: Iterable[tuple[str, str]], col_max: int = 30, col_spacing: int = 2) -> None:
        rows = list(rows)
        first_col = min(max((cell_len(term) for term, _ in rows), default=0), col_max) + col_spacing
        indent = " " * self.current_indent
        hanging = indent + " " * first_col
        for term, text in rows:
            lines = _wrap(text, max(self.width - len(hanging), 20))
            if not lines:
                self.write(f"{indent}{term}\n")
                continue
            pad = first_col - cell_len(term)
            self.write(f"{indent}{term}{' ' * pad}" if pad >= col_spacing else f"{indent}{term}\n{hanging}")
            self.write("".join(f"{hanging * (i > 0)}{line}\n" for i, line in enumerate(lines)))


class _ChineseContext(click.Context):
    formatter_class = _ChineseFormatter


def _verbosity_options() -> list[click.Option]:
    """-v and -q on the group and on every command, so they work before or after the command name."""

    def remember(ctx: click.Context, param: click.Parameter, value: bool) -> None:
        if value:  # either place turns it on; main() resets it for each run
            setattr(console.verbosity, str(param.name), True)

    return [
        click.Option(
            ["-v", "--verbose"],
            is_flag=True,
            expose_value=False,
            callback=remember,
            help="输出更多细节（出错时显示调用栈）。",
        ),
        click.Option(
            ["-q", "--quiet"],
            is_flag=True,
            expose_value=False,
            callback=remember,
            help="安静模式：不显示进度条和过程信息（如“已写出”），警告和错误照常显示。",
        ),
    ]


def _range_text(kind: click.IntRange | click.FloatRange) -> str:
    low, high = kind.min, kind.max
    if low is not None and high is not None and not (kind.min_open or kind.max_open):
        return f"{low}～{high}"
    bounds = [f"{'大于' if kind.min_open else '不小于'} {low}"] if low is not None else []
    bounds += [f"{'小于' if kind.max_open else '不大于'} {high}"] if high is not None else []
    return "、".join(bounds)


def _metavar(option: click.Option) -> str:
    """Click's metavars are English type names (TEXT, INTEGER, DIRECTORY): name the value in Chinese."""
    kind = option.type
    if option.metavar:
        return option.metavar
    if isinstance(kind, click.Path):
        return "文件" if not kind.dir_okay else "目录" if not kind.file_okay else "路径"
    if isinstance(kind, click.Choice):
        return "取值"
    if isinstance(kind, click.types.IntParamType):
        return "整数"
    if isinstance(kind, click.types.FloatParamType):
        return "数字"
    return "文字"


def _option_row(option: click.Option, ctx: click.Context) -> tuple[str, str]:
    """One 选项 row: spellings with a Chinese metavar; help, then choices, range and default in Chinese."""
    metavar = "" if option.is_flag or option.count else f" {_metavar(option)}"
    spec = " / ".join(
        join_options(opts)[0] + metavar for opts in (option.opts, option.secondary_opts) if opts
    )
    help_text = option.help or ""
    notes = []
    kind = option.type
    if isinstance(kind, click.Choice) and not all(str(c) in help_text for c in kind.choices):
        notes.append("可选：" + "、".join(str(c) for c in kind.choices))
    if isinstance(kind, click.IntRange | click.FloatRange):
        notes.append(f"取值 {_range_text(kind)}")
    if default := option.get_help_extra(ctx).get("default"):
        notes.append(
            f"默认：--{default}" if option.is_bool_flag and option.secondary_opts else f"默认：{default}"
        )
    return spec, help_text + "".join(f"{note}。" for note in notes)


class _ChineseHelp(click.Command):
    """Every help page in Chinese: 用法, the description, 参数 (each argument described), 选项 (Chinese
    metavars, 可选/取值/默认 in Chinese) and 示例 (`examples`: what it does, the command line)."""

    context_class = _ChineseContext

    def __init__(self, *args: Any, examples: Sequence[tuple[str, str]] = (), **kwargs: Any) -> None:
        kwargs.setdefault("options_metavar", "[选项]")
        super().__init__(*args, **kwargs)
        self.examples = list(examples)
        self.params.extend(_verbosity_options())

    def format_usage(self, ctx: click.Context, formatter: click.HelpFormatter) -> None:
        formatter.write_usage(ctx.command_path, " ".join(self.collect_usage_pieces(ctx)), "用法：")

    def format_arguments(self, ctx: click.Context, formatter: click.HelpFormatter) -> None:
        rows = [
            (p.make_metavar(ctx), p.help or "") for p in self.get_params(ctx) if isinstance(p, click.Argument)
        ]
        if rows:
            with formatter.section("参数"):
                formatter.write_dl(rows)

    def format_options(self, ctx: click.Context, formatter: click.HelpFormatter) -> None:
        rows = [
            _option_row(p, ctx) for p in self.get_params(ctx) if isinstance(p, click.Option) and not p.hidden
        ]
        if rows:
            with formatter.section("选项"):
                formatter.write_dl(rows)

    def format_epilog(self, ctx: click.Context, formatter: click.HelpFormatter) -> None:
        if self.examples:
            with formatter.section("示例"):
                for what, line in self.examples:
                    formatter.write_text(f"{what}：")
                    formatter.write(f"{'':>{formatter.current_indent + 2}}{line}\n")

    def get_help_option(self, ctx: click.Context) -> click.Option | None:
        option = super().get_help_option(ctx)
        if option is not None:
            option.help = "显示本帮助并退出。"
        return option


class _ChineseGroup(_ChineseHelp, click.Group):
    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("subcommand_metavar", "命令 [参数]…")
        super().__init__(*args, **kwargs)

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


@click.group(
    cls=_ChineseGroup,
    context_settings=_CONTEXT,
    examples=[
        ("先看程序从报告里读出了什么（不调用模型）", "summarizer inspect 上半年工作总结.docx"),
        ("抽取摘要，写到“摘要”目录", "summarizer extract 上半年工作总结.docx -o 摘要"),
        ("由摘要生成 Word 简报", "summarizer brief 摘要/上半年工作总结.summary.json -f docx -o 简报"),
        (
            "批量处理一个目录，生成摘要、简报和计划草稿",
            "summarizer batch 报告目录 --do extract,brief,plan -o 输出",
        ),
        ("查看某个命令的用法", "summarizer brief --help"),
    ],
)
@click.version_option(
    __version__, "-V", "--version", message="summarizer %(version)s", help="显示版本并退出。"
)
@click.pass_context
def cli(ctx: click.Context) -> None:
    """summarizer：开发区工作总结、计划与简报的结构化摘要工具。

    \b
    退出码：0 成功；1 运行错误；2 用法错误；3 输入文件有问题。
    """
    try:
        settings = load_settings()
    except SummarizerError:
        return  # a broken summarizer.toml is reported by the command that reads it (not by --help)
    ctx.with_resource(extra_indicators(settings.indicators))
    ctx.with_resource(extra_genre_cues(settings.genres))
    ctx.with_resource(office_owners(settings.plan_owners))


@cli.command(
    cls=_ChineseHelp,
    context_settings=_CONTEXT,
    examples=[
        ("清洗记录、结构层级和指标数字个数", "summarizer inspect 上半年工作总结.docx"),
        ("列出全部指标数字及其原文位置", "summarizer inspect 上半年工作总结.docx --quantities"),
        ("从标准输入读取，以 JSON 输出", "type 报告.txt | summarizer inspect - --json"),
    ],
)
@click.argument("file", metavar="文件", help="要检查的报告（txt/md/docx/pdf/html）；“-” 表示从标准输入读取。")
@click.option("--quantities", is_flag=True, help="列出识别出的全部数字（数值、单位、类型、指标）。")
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
    metavar="格式",
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
                metavar="后端",
                default=None,
                help="大模型后端（默认 local：内置本地模型）。",
            ),
            click.option(
                "--model", metavar="模型", default=None, help="local：GGUF 模型文件路径；openai：模型名称。"
            ),
            click.option(
                "--base-url",
                metavar="网址",
                default=None,
                help="OpenAI 兼容接口地址，如 http://127.0.0.1:8000/v1。",
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
    for path, summary in gathered.summaries.items():
        if summary.source_check:  # never marked 【待核】 in silence: say why, and what to do
            console.warn(
                f"{path}：{summary.source_check.removeprefix(UNVERIFIED_MARK)}"
                "请把原文放回摘要记录的位置，或在原文所在目录运行；也可用 summarizer review 摘要 原文 核对。"
            )
    return gathered, backend


# what Windows (and so a shared drive or a colleague's PC) refuses in a file name, and its device names
_BAD_NAME_CHARS = re.compile(r'[\\/:*?"<>|\x00-\x1f]')
_DEVICE_NAMES = re.compile(r"^(?:CON|PRN|AUX|NUL|COM[1-9]|LPT[1-9])(?:\..*)?$", re.IGNORECASE)
_NAME_BYTES_MAX = 200  # the file system allows 255 bytes; the extension and a chart's suffix need room


def _portable_name(name: str) -> None:
    """--name must be a file name every office's computer can hold: no blank name, no \\ / : * ? " < > |,
    no CON/NUL…, not ending in a dot or space, and short enough once the extension is added."""
    if not name.strip() or _BAD_NAME_CHARS.search(name) or _DEVICE_NAMES.match(name) or name[-1] in ". ":
        raise UsageError(
            f"--name 不能作为文件名：“{name}”。请只用汉字、字母、数字和 - _，"
            '不要用 \\ / : * ? " < > | 或 CON、NUL 等设备名，也不要以空格或句点结尾。'
        )
    if len(name.encode("utf-8")) > _NAME_BYTES_MAX:
        raise UsageError(
            f"--name 过长（{len(name.encode('utf-8'))} 字节，最多 {_NAME_BYTES_MAX}）。请换一个短一些的名字。"
        )


_DATE = re.compile(r"^\s*(\d{4})\s*[年\-/.]\s*(\d{1,2})\s*[月\-/.]\s*(\d{1,2})\s*日?\s*$")


def _memo_date(text: str) -> str:
    """--date as a memo prints it (2025年7月1日), from 2025年7月1日, 2025-07-01, 2025/7/1 or 2025.7.1;
    a day no calendar has (2025-13-45) is refused, never printed on a memo."""
    import datetime

    m = _DATE.match(text)
    try:
        day = datetime.date(int(m.group(1)), int(m.group(2)), int(m.group(3))) if m else None
    except ValueError:
        day = None
    if day is None:
        raise UsageError(f"--date 不是有效的日期：{text}。请写成 2025年7月1日 或 2025-07-01。")
    return f"{day.year}年{day.month}月{day.day}日"


def _no_backend() -> Backend:
    raise AssertionError("summary files need no model")


@cli.command(
    cls=_ChineseHelp,
    context_settings=_CONTEXT,
    examples=[
        ("抽取一份报告，摘要写到“摘要”目录", "summarizer extract 上半年工作总结.docx -o 摘要"),
        ("不调用模型，先检查输入和输出是否可行", "summarizer extract 上半年工作总结.docx --dry-run"),
        (
            "改用 OpenAI 兼容接口",
            "summarizer extract 报告.txt --backend openai --base-url http://127.0.0.1:8000/v1"
            " --model qwen2.5-7b-instruct",
        ),
    ],
)
@click.argument(
    "reports", nargs=-1, required=True, metavar="报告…", help="一份或多份报告（txt/md/docx/pdf/html）。"
)
@_output_dir_option
@click.option("--json", "as_json", is_flag=True, help="把摘要 JSON 打印到标准输出。")
@click.option("--dry-run", is_flag=True, help="不调用模型，只走一遍流程（检查输入与输出）。")
@click.option(
    "--unverified",
    type=click.Choice(["flag", "drop", "fail"]),
    metavar="处理方式",
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


@cli.command(
    cls=_ChineseHelp,
    context_settings=_CONTEXT,
    examples=[
        ("当前配置的后端和内置模型状态", "summarizer models"),
        (
            "检查某个 OpenAI 兼容接口的配置",
            "summarizer models --backend openai --base-url http://127.0.0.1:8000/v1",
        ),
    ],
)
@_backend_options
def models(**llm: Any) -> None:
    """显示当前配置的大模型后端、模型，以及内置模型是否已组装并通过校验。"""
    from .status import backend_status

    settings = _llm_settings(llm)
    console.show_status(backend_status(settings))


@cli.command(
    cls=_ChineseHelp,
    context_settings=_CONTEXT,
    examples=[
        ("由报告直接生成 Word 简报（先抽取并核对）", "summarizer brief 上半年工作总结.docx -f docx"),
        (
            "由已有摘要生成简报，指定报头和期号",
            "summarizer brief 上半年工作总结.summary.json --name 开发区工作简报 --issue 第12期",
        ),
        ("篇幅两页，同时写出核对页", "summarizer brief 上半年工作总结.docx --pages 2 --review"),
    ],
)
@click.argument(
    "inputs",
    nargs=-1,
    required=True,
    metavar="报告或摘要…",
    help="一份或多份报告，或 extract 生成的 *.summary.json；每份生成一期简报。",
)
@click.option(
    "-f",
    "--format",
    "fmt",
    type=click.Choice(["md", "html", "docx", "json"]),
    metavar="格式",
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
    "--name",
    "brief_name",
    metavar="名称",
    default=None,
    help="简报名称（报头，默认“工作简报”，可在配置文件中设定）。",
)
@click.option("--issue", metavar="期号", default="第1期", show_default=True, help="期号。")
@click.option(
    "--editor", metavar="单位", default=None, help="编发单位（默认取报告的单位，可在配置文件中设定）。"
)
@click.option("--date", "brief_date", metavar="日期", default=None, help="日期（默认今天）。")
@click.option(
    "--pages",
    type=float,
    metavar="页数",
    default=None,
    help="篇幅（A4 页数）。默认按报告需要，最多两页；指定后压缩各条目，仍超出时删减次要指标并注明。",
)
@click.option(
    "--prose",
    type=click.Choice(["model", "template"]),
    metavar="方式",
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
    """生成简报：按报告体裁和原文提纲成文（总结、计划、新闻、会议、经济运行、政府工作报告）。

    输入可以是报告（先抽取并核对），也可以是 extract 生成的 *.summary.json。未核实的内容标注【待核】。
    """
    from ..core.summary_file import load_summary
    from ..jobs.deliverables import brief_header, render_briefs

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
        # --dry-run has no model to write the memo's prose: the template's, with no word of a failure
        prose="template" if dry_run else prose,
        brief_name=brief_name,
        brief_editor=editor,
        reference_doc=reference_doc,
        **({"backend": "fake"} if dry_run else {}),
    )
    if reference_doc is not None or settings.reference_doc:
        _reference(settings, fmt)  # a bad reference file stops the run before anything is written
    header = brief_header(settings, issue, _memo_date(brief_date) if brief_date else None)
    guard = OutputGuard(output_dir, inputs, force=force)
    guard.check(f"{_stem(path)}.summary.json" for path in inputs if not path.endswith(".summary.json"))
    _check_outputs(guard, [(path, f"{_stem(path)}.brief.{fmt}") for path in inputs])
    guard.check(f"{_stem(path)}.review.html" for path in inputs if with_review)
    gathered, backend = _gather(inputs, settings, output_dir, guard, need_backend=settings.prose == "model")
    for path, summary in gathered.summaries.items():
        with console.status("撰写标题和导语"):
            rendered = render_briefs(
                summary, settings, backend, [fmt], header, label=path, template=template, warn=console.warn
            )
        console.wrote(guard.write(f"{_stem(path)}.brief.{fmt}", rendered[fmt]))
        if with_review:  # re-grounded against the report, so highlights are exact for that file
            page = render_review(summary, analyze_file(review_reports.get(path, path), settings))
            console.wrote(guard.write(f"{_stem(path)}.review.html", page))
    return gathered.exit_code


@cli.command(
    cls=_ChineseHelp,
    context_settings=_CONTEXT,
    examples=[
        ("核对摘要与原文，逐项列出结果", "summarizer verify 上半年工作总结.summary.json 上半年工作总结.docx"),
        (
            "以 JSON 输出核对结果",
            "summarizer verify 上半年工作总结.summary.json 上半年工作总结.docx --json",
        ),
    ],
)
@click.argument("summary_file", metavar="摘要.json", help="extract 生成的摘要（可以是手工改过的）。")
@click.argument("report", metavar="报告", help="摘要所依据的原文报告。")
@click.option("--json", "as_json", is_flag=True, help="以 JSON 输出核对结果。")
def verify(summary_file: str, report: str, as_json: bool) -> int:
    """核对摘要（可以是手工改过的）与原文：每个数字、每句引文是否在原文中、是否张冠李戴。

    \b
    全部核实时退出码为 0；有找不到依据或归属错误的内容时为 1。
    """
    from ..core.summary_file import load_summary
    from ..grounding.ground import ground
    from ..jobs.recheck import source_mismatch

    summary = load_summary(summary_file)
    doc = analyze_file(report, load_settings())
    if warning := source_mismatch(summary, report):  # another report than the summary's: say so first
        console.warn(warning)
    result = ground(summary, doc)
    console.show_grounding(result, doc, as_json=as_json)
    return 1 if result.failed() else 0


@cli.command(
    cls=_ChineseHelp,
    context_settings=_CONTEXT,
    examples=[
        (
            "处理目录中的全部报告：摘要、简报和计划草稿（中断后再运行同一命令即续跑）",
            "summarizer batch 报告目录 --do extract,brief,plan -o 输出",
        ),
        ("不调用模型，先走一遍流程检查输入和输出", "summarizer batch 报告目录 --dry-run -o 输出"),
        (
            "远程接口并发处理",
            "summarizer batch 报告目录 --backend openai --base-url http://127.0.0.1:8000/v1 --concurrency 8",
        ),
    ],
)
@click.argument(
    "inputs",
    nargs=-1,
    required=True,
    metavar="目录或报告…",
    help="一个或多个目录（其中的报告全部处理）或报告。",
)
@click.option(
    "--do",
    "stages",
    metavar="步骤",
    default="extract",
    show_default=True,
    help="处理步骤，逗号分隔：extract（摘要）、brief（简报）、plan（计划草稿）。",
)
@click.option(
    "-f",
    "--formats",
    metavar="格式",
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
    "--name",
    "brief_name",
    metavar="名称",
    default=None,
    help="简报名称（报头，默认“工作简报”，可在配置文件中设定）。",
)
@click.option("--issue", metavar="期号", default="第1期", show_default=True, help="期号。")
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
    from ..jobs.deliverables import brief_header

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
                header=brief_header(settings, issue),
                notify=on_event,
                force=force,
            )
    console.show_batch(outcomes, output_dir / "manifest.jsonl")
    return 1 if any(o.status == "failed" for o in outcomes) else 0


@cli.command(
    cls=_ChineseHelp,
    context_settings=_CONTEXT,
    examples=[
        ("生成核对页，在浏览器中打开", "summarizer review 上半年工作总结.summary.json 上半年工作总结.docx"),
        (
            "写到“核对”目录，覆盖旧的核对页",
            "summarizer review 上半年工作总结.summary.json 上半年工作总结.docx -o 核对 --force",
        ),
    ],
)
@click.argument("summary_file", metavar="摘要.json", help="extract 生成的摘要。")
@click.argument("report", metavar="报告", help="摘要所依据的原文报告。")
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


@cli.command(
    cls=_ChineseHelp,
    context_settings=_CONTEXT,
    examples=[
        ("对比三个园区，写到“对比”目录", "summarizer digest 甲区.txt 乙区.txt 丙区.summary.json -o 对比"),
        (
            "同一园区两期对比，Word 版",
            "summarizer digest 上半年.summary.json 去年上半年.summary.json -f docx --name 同期对比",
        ),
        ("HTML 版，不绘图", "summarizer digest 甲区.txt 乙区.txt -f html --no-charts"),
    ],
)
@click.argument(
    "inputs",
    nargs=-1,
    required=True,
    metavar="报告或摘要…",
    help="至少两份报告，或 extract 生成的 *.summary.json。",
)
@click.option(
    "-f",
    "--format",
    "fmt",
    type=click.Choice(["md", "html", "docx", "json"]),
    metavar="格式",
    default="md",
    show_default=True,
    help="输出格式：Markdown（图为同目录 PNG）、HTML（A4 打印版式，图内嵌）、Word（GB/T 9704）或 JSON。",
)
@_output_dir_option
@click.option(
    "--name",
    "digest_name",
    metavar="文件名",
    default="digest",
    show_default=True,
    help="输出文件名（不含扩展名）。",
)
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
    _portable_name(digest_name)
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


@cli.command(
    cls=_ChineseHelp,
    context_settings=_CONTEXT,
    examples=[
        ("由年度总结生成下一年工作计划草稿（Word）", "summarizer plan 2025年工作总结.docx -f docx"),
        (
            "指定期限，并逐项对照上期计划的完成情况",
            "summarizer plan 2025年工作总结.summary.json --period 2026年 --previous-plan 2025年工作计划.docx",
        ),
    ],
)
@click.argument("source", metavar="报告或摘要", help="本期报告，或 extract 生成的 *.summary.json。")
@click.option(
    "--period",
    metavar="期限",
    default=None,
    help="计划期限，如 2026年（默认按报告期推算下一期，推算不出时写【待补】）。",
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
    metavar="格式",
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
@click.option(
    "--propose/--no-propose",
    default=None,
    help="对原文未设目标的主要指标，另列程序按本期增速测算的【建议值】（默认不列；配置项 plan_propose）。",
)
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
    propose: bool | None,
    dry_run: bool,
    force: bool,
    **llm: Any,
) -> int:
    """生成下一期工作计划草稿 <文件名>.plan.<格式>：总体思路、主要目标、重点任务、保障措施。

    输入可以是报告（先抽取并核对），也可以是 *.summary.json。主要目标照录原文目标（以上、左右、力争等原样
    保留）；加 --propose 时，原文未设目标的主要指标另列程序测算的【建议值】；缺少的信息写【待补】。
    """
    from ..jobs.deliverables import render_plans

    inputs = [source, *([previous_plan] if previous_plan else [])]
    guard = OutputGuard(output_dir, inputs, force=force)
    name = f"{_stem(source)}.plan.{fmt}"
    reports = [path for path in inputs if not path.endswith(".summary.json")]
    guard.check([name])
    _check_outputs(guard, [(path, f"{_stem(path)}.summary.json") for path in reports])
    settings = _llm_settings(
        llm, reference_doc=reference_doc, plan_propose=propose, **({"backend": "fake"} if dry_run else {})
    )
    _reference(settings, fmt)  # a bad reference file stops the run before any model call
    gathered, _ = _gather(inputs, settings, output_dir, guard)
    if gathered.failures:  # a plan missing an input would mislead
        console.error("有报告未能处理，未生成工作计划。")
        return gathered.exit_code
    summaries = gathered.summaries
    previous = summaries[previous_plan] if previous_plan else None
    rendered = render_plans(
        summaries[source], settings, [fmt], period=period, previous=previous, template=template
    )
    console.wrote(guard.write(name, rendered[fmt]))
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


def _param_name(param: click.Parameter | None) -> str:
    if isinstance(param, click.Option):
        return f"选项 {max(param.opts, key=len)} "
    return f"参数“{param.human_readable_name}”" if param is not None else "参数"


def _bad_value(exc: click.BadParameter) -> str:
    """Why the value is refused, from the parameter's type; the value itself is the first word of click's
    English message (`'pdf' is not one of …`, `100 is not in the range …`, `Directory 'x' is a file.`)."""
    kind = exc.param.type if exc.param is not None else None
    if isinstance(kind, click.Choice):
        reason = f"只能是 {'、'.join(str(c) for c in kind.choices)} 之一"
    elif isinstance(kind, click.IntRange | click.FloatRange):
        number = "整数" if isinstance(kind, click.IntRange) else "数字"
        reason = f"应为{number}，取值 {_range_text(kind)}"
    elif isinstance(kind, click.types.IntParamType):
        reason = "应为整数"
    elif isinstance(kind, click.types.FloatParamType):
        reason = "应为数字"
    elif isinstance(kind, click.Path) and "is a file" in exc.message:
        reason = "这里要的是目录，给出的是文件"
    elif isinstance(kind, click.Path) and "is a directory" in exc.message:
        reason = "这里要的是文件，给出的是目录"
    elif isinstance(kind, click.Path) and "does not exist" in exc.message:
        reason = "文件或目录不存在，请检查路径"
    else:
        reason = exc.message.rstrip(".")
    found = re.match(r"(?:[A-Z][a-z]+ )?('(?:[^'\\]|\\.)*'|\S+) (?:is|does) ", exc.message)
    value = f"“{found[1].strip(chr(39))}”" if found else ""
    return f"{_param_name(exc.param)}的取值{value}无效：{reason}"


def _translate_usage_error(exc: click.ClickException) -> str:
    """Click's usage errors (English, ending in '.') as one Chinese clause, without end punctuation."""
    if isinstance(exc, click.NoSuchOption):
        hint = f"（是否想用 {'、'.join(sorted(exc.possibilities))}？）" if exc.possibilities else ""
        return f"没有这个选项：{exc.option_name}{hint}"
    if isinstance(exc, click.BadOptionUsage) and "requires an argument" in exc.message:
        return f"选项 {exc.option_name} 后面缺少取值"
    if isinstance(exc, click.BadOptionUsage) and "does not take a value" in exc.message:
        return f"选项 {exc.option_name} 不带取值"
    if isinstance(exc, click.MissingParameter):
        return f"缺少{_param_name(exc.param).rstrip()}"
    if isinstance(exc, click.BadParameter):
        return _bad_value(exc)
    if found := re.match(r"No such command '(.*)'", exc.message):
        return f"没有这个命令：{found[1]}"
    if exc.message.startswith("Missing command"):
        return "缺少命令"
    if found := re.match(r"Got unexpected extra arguments? \((.*)\)", exc.message):
        return f"多余的参数：{found[1]}"
    return f"命令行有误：{exc.format_message().rstrip('.')}"


def main(argv: Sequence[str] | None = None) -> int:
    args = list(sys.argv[1:] if argv is None else argv)
    console.verbosity.quiet = console.verbosity.verbose = False  # -q / -v turn them on for this run
    bridge = console.WarningBridge()
    logging.getLogger("summarizer").addHandler(bridge)
    try:
        return _run(args)
    finally:
        logging.getLogger("summarizer").removeHandler(bridge)


def _run(args: list[str]) -> int:
    try:
        result: Any = cli.main(args=args, prog_name="summarizer", standalone_mode=False)
        return result if isinstance(result, int) else 0
    except click.exceptions.NoArgsIsHelpError as exc:  # a bare `summarizer` asks for the help
        click.echo(exc.ctx.get_help())
        return 0
    except click.exceptions.Exit as exc:
        return exc.exit_code
    except click.exceptions.Abort:
        console.error("已中断。")
        return 130
    except click.ClickException as exc:
        command = exc.ctx.command_path if isinstance(exc, click.UsageError) and exc.ctx else "summarizer"
        console.error(f"{_translate_usage_error(exc)}。运行 {command} --help 查看用法。")
        return UsageError.exit_code
    except SummarizerError as exc:
        console.error(exc.message)
        return exc.exit_code
    except KeyboardInterrupt:
        console.error("已中断。")
        return 130
    except Exception as exc:  # the last line of defence: a message, not a traceback
        if console.verbosity.verbose:
            console.traceback()
        console.error(f"内部错误：{type(exc).__name__}: {exc}。请加 -v 重试并报告此问题。")
        return SummarizerError.exit_code


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
