"""Jinja environments over the shipped templates/, and the user's own templates in a sandbox.

Built-in templates are trusted project files: an error in one is a bug in the program (exit 1). A
user's template is not our code: it runs sandboxed, and its errors are usage errors (exit 2) that
name the file and line.
"""

from __future__ import annotations

import re
import signal
import threading
import traceback
from collections import Counter
from collections.abc import Iterator
from contextlib import contextmanager
from functools import cache
from pathlib import Path
from typing import Any

import jinja2
import jinja2.sandbox
from markupsafe import Markup

from ..core.errors import RenderGateError, UsageError
from ..core.labels import CHANGE_LABELS, ITEM_LABELS, QUANTITY_LABELS, ROLE_LABELS
from ..core.models import Document
from ..core.resources import resource_dir
from ..skeleton.types import Skeleton

__all__ = [
    "load_template",
    "render_inspect_markdown",
    "render_skeleton_markdown",
    "render_template",
    "template_env",
]


_LINE_BREAK = re.compile(r"\r\n|[\r\n\u2028\u2029]")


_MD_MARKS = re.compile(r"[*_`\[\]!~]")
_LEADING_BLOCK = re.compile(r"^(\s*)(?:(#|[-+])|(\d{1,9})([.)]))(?=\s)")  # a field opening a heading or list


def _escape_block(m: re.Match[str]) -> str:
    """# 标题 -> \\# 标题; 1. 项 -> 1\\. 项 (a digit takes no escape in CommonMark; its dot does)."""
    lead, mark, number, dot = m.groups()
    return f"{lead}\\{mark}" if mark else f"{lead}{number}\\{dot}"


def md_text(value: object) -> str:
    """The one Markdown escaping rule, for every field: most viewers render Markdown to HTML, so source
    text must not become live HTML (`&`, `<`, `>`); a `|` would split a table row (`\\|` shows as `|`
    anywhere in CommonMark); a line break would end a table row or a list item; and Markdown's own
    marks (emphasis, links, images, a heading or list opening the field) are escaped as text."""
    text = str(value).replace("\\", "\\\\")
    text = text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("|", "\\|")
    # Markdown's own marks in a field are text: **粗体**, [x](javascript:…), ![](http://…), a heading
    text = _MD_MARKS.sub(r"\\\g<0>", text)
    return _LINE_BREAK.sub(" ", _LEADING_BLOCK.sub(_escape_block, text))


def _md_finalize(value: object) -> object:
    """Every `{{ }}` of a Markdown template is escaped unless it is already `Markup` (escaped by the
    `md` filter, or Markdown the template means as such with `| safe`): like HTML autoescaping, so no
    field depends on a filter being remembered."""
    if isinstance(value, Markup):
        return value
    return md_text(value)


def _md_filter(value: object) -> Markup:
    return value if isinstance(value, Markup) else Markup(md_text(value))


# Kept for users' own templates written against earlier versions; built-in templates need neither.
MARKDOWN_FILTERS = {"md": _md_filter, "mdcell": _md_filter}


def _is_markdown(name: str) -> bool:
    return name.endswith(".md.j2")


def _environment(
    cls: type[jinja2.Environment], loader: jinja2.BaseLoader, *, markdown: bool, keep_trailing_newline: bool
) -> jinja2.Environment:
    env = cls(
        loader=loader,
        undefined=jinja2.StrictUndefined,
        autoescape=jinja2.select_autoescape(["html", "htm", "html.j2"]),
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=keep_trailing_newline,
        finalize=_md_finalize if markdown else None,
    )
    env.filters.update(MARKDOWN_FILTERS)
    return env


@cache
def template_env(markdown: bool = False) -> jinja2.Environment:
    """The shipped templates: HTML ones autoescaped, Markdown ones (`markdown=True`) Markdown-escaped."""
    env = _environment(
        jinja2.Environment,
        jinja2.FileSystemLoader(resource_dir("templates")),
        markdown=markdown,
        keep_trailing_newline=True,
    )
    env.globals.update(change_labels=CHANGE_LABELS, quantity_labels=QUANTITY_LABELS)
    return env


def inspect_context(doc: Document, *, include_non_figures: bool) -> dict[str, Any]:
    counts = Counter(change.kind for change in doc.changes)
    headings = [node for node in doc.outline.walk() if node.kind == "heading"]
    quantities = doc.quantities if include_non_figures else doc.figures
    return {
        "doc": doc,
        "change_counts": sorted(counts.items(), key=lambda item: -item[1]),
        "headings": headings,
        "quantities": quantities,
    }


def render_inspect_markdown(doc: Document, *, include_non_figures: bool = False) -> str:
    template = template_env(markdown=True).get_template("inspect.md.j2")
    return template.render(**inspect_context(doc, include_non_figures=include_non_figures))


def render_skeleton_markdown(sk: Skeleton) -> str:
    """The skeleton as Markdown tables: what a summary of this report will contain, before any model."""
    lines = [
        "",
        "## 骨架（程序判定，未调用模型）",
        "",
        f"- 单位：{md_text(sk.issuer or '未识别')}；时期：{md_text(sk.period or '未识别')}",
        "",
        "| 编号 | 名称或主语 | 数值 | 增减 | 时期 | 作用 | 核心 |",
        "| --- | --- | --- | --- | --- | --- | --- |",
    ]
    for f in sk.facts:
        changes = "、".join(c.text for c in f.changes)
        cells = [f.id, f.canonical or f.subject, f.value.text, changes, f.period, ROLE_LABELS[f.role]]
        lines.append("| " + " | ".join(md_text(c) for c in cells) + f" | {'★' if f.headline else ''} |")
    lines += ["", "| 编号 | 类别 | 主题 | 内容 |", "| --- | --- | --- | --- |"]
    for i in sk.items:
        lines.append(
            f"| {i.id} | {ITEM_LABELS[i.kind]} | {md_text(i.theme)} | {md_text(i.short or i.text[:60])} |"
        )
    return "\n".join(lines) + "\n"


_MAX_BUILT = 1_000_000  # characters or items one expression of a user's template may build
_MAX_POWER = 64
_TEMPLATE_SECONDS = 20


class _BoundedSandbox(jinja2.sandbox.SandboxedEnvironment):
    """Jinja's sandbox for a user's template, and no expression that builds a runaway value
    ("x" * 10**10, 10 ** 10 ** 10): refused before it is built. (The sandbox already caps range().)"""

    intercepted_binops = frozenset({"*", "**"})

    def call_binop(self, context: jinja2.runtime.Context, operator: str, left: Any, right: Any) -> Any:
        if operator == "**" and isinstance(right, int | float) and abs(right) > _MAX_POWER:
            raise jinja2.exceptions.SecurityError(f"乘方的指数过大（{right}）")
        if operator == "*":
            for seq, times in ((left, right), (right, left)):
                if (
                    isinstance(seq, str | list | tuple)
                    and isinstance(times, int)
                    and len(seq) * times > _MAX_BUILT
                ):
                    raise jinja2.exceptions.SecurityError(f"重复生成的内容过大（{len(seq)} × {times}）")
        return super().call_binop(context, operator, left, right)


def load_template(path: Path | None, builtin: str) -> jinja2.Template:
    """A built-in template, or the user's own file in Jinja's sandbox (it is not our code)."""
    markdown = _is_markdown(builtin)  # a user's template is Markdown when it replaces a Markdown one
    if path is None:
        return template_env(markdown=markdown).get_template(builtin)
    loader = jinja2.FileSystemLoader(path.parent)
    env = _environment(_BoundedSandbox, loader, markdown=markdown, keep_trailing_newline=False)
    try:
        return env.get_template(path.name)
    except jinja2.TemplateNotFound:
        raise UsageError(f"找不到模板文件 {path}。请检查 --template 的路径。") from None
    except jinja2.TemplateSyntaxError as exc:
        raise UsageError(f"模板 {path} 第 {exc.lineno} 行有语法错误：{exc.message}。") from None


def render_template(path: Path | None, builtin: str, context: dict[str, Any]) -> str:
    """Render a built-in template, or the user's own copy of it (sandboxed); an error in either names
    the file and line and points to the variables' documentation."""
    template = load_template(path, builtin)
    try:
        with _time_limit(path):
            return _bounded(template.generate(**context), path)
    except jinja2.TemplateError as exc:
        line = getattr(exc, "lineno", None) or _template_line(exc, path)
        where = f"{path or builtin}{f' 第 {line} 行' if line else ''}"
        if path is None:
            raise RenderGateError(f"内置模板 {where}出错：{exc}。这是程序的错误，请报告此问题。") from None
        raise UsageError(f"模板 {where}出错：{exc}。变量说明见 templates/README.md。") from None
    except (ArithmeticError, RecursionError, MemoryError, TypeError, ValueError, LookupError) as exc:
        if path is None:
            raise
        # a user's template that divides by zero, recurses without end or builds too much: its own fault
        line = _template_line(exc, path)
        why = {
            ZeroDivisionError: "除以零",
            OverflowError: "数值或循环范围过大（range 最多 100000 项）",
            RecursionError: "宏或循环嵌套过深（无限递归）",
            MemoryError: "内存不足",
        }
        said = next((w for kind, w in why.items() if isinstance(exc, kind)), f"{type(exc).__name__}: {exc}")
        where = f"{path}{f' 第 {line} 行' if line else ''}"
        raise UsageError(
            f"模板 {where}无法渲染：{said}。请修改模板；变量说明见 templates/README.md。"
        ) from None


_MAX_OUTPUT = 5_000_000  # characters a user's template may write: a brief is a few thousand


def _bounded(chunks: Iterator[str], path: Path | None) -> str:
    """The rendered text, gathered as the template writes it; a user's template that writes more than
    any document needs is stopped before it fills the memory."""
    parts: list[str] = []
    size = 0
    for chunk in chunks:
        size += len(chunk)
        if path is not None and size > _MAX_OUTPUT:
            raise UsageError(
                f"模板 {path} 写出的内容超过 {_MAX_OUTPUT} 字（循环过大？），已停止。请修改模板。"
            )
        parts.append(chunk)
    return "".join(parts)


class _TemplateTimeout(Exception):
    pass


@contextmanager
def _time_limit(path: Path | None) -> Iterator[None]:
    """A user's template gets a bounded time (a loop over range(100000) in another is 10^10 steps):
    an alarm on the main thread where the platform has one; built-in templates are ours and quick."""
    if (
        path is None
        or not hasattr(signal, "setitimer")
        or threading.current_thread() is not threading.main_thread()
    ):
        yield
        return

    def stop(_signum: int, _frame: Any) -> None:
        raise _TemplateTimeout

    previous = signal.signal(signal.SIGALRM, stop)
    signal.setitimer(signal.ITIMER_REAL, _TEMPLATE_SECONDS)
    try:
        yield
    except _TemplateTimeout:
        raise UsageError(
            f"模板 {path} 渲染超过 {_TEMPLATE_SECONDS} 秒仍未完成（循环过大？），已停止。请修改模板。"
        ) from None
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


def _template_line(exc: BaseException, path: Path | None) -> int | None:
    """The line of the user's template the error was raised at (Jinja maps its frames to it)."""
    if path is None:
        return None
    lines = [f.lineno for f in traceback.extract_tb(exc.__traceback__) if f.filename.endswith(path.name)]
    return lines[-1] if lines else None
