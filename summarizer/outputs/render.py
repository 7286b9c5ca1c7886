"""Jinja environments over the shipped templates/, and the user's own templates in a sandbox.

Built-in templates are trusted project files: an error in one is a bug in the program (exit 1). A
user's template is not our code: it runs sandboxed, and its errors are usage errors (exit 2) that
name the file and line.
"""

from __future__ import annotations

from collections import Counter
from functools import lru_cache
from pathlib import Path
from typing import Any

import jinja2
import jinja2.sandbox

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


def md_text(value: object) -> str:
    """Markdown is rendered to HTML by most viewers: source text must not become live HTML."""
    return str(value).replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def md_cell(value: object) -> str:
    """A table cell: also a literal "|" would split the row."""
    return md_text(value).replace("|", "\\|").replace("\n", " ")


MARKDOWN_FILTERS = {"md": md_text, "mdcell": md_cell}


@lru_cache(maxsize=1)
def template_env() -> jinja2.Environment:
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(resource_dir("templates")),
        undefined=jinja2.StrictUndefined,
        autoescape=jinja2.select_autoescape(["html", "htm", "html.j2"]),
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )
    env.globals.update(change_labels=CHANGE_LABELS, quantity_labels=QUANTITY_LABELS)
    env.filters.update(MARKDOWN_FILTERS)
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
    template = template_env().get_template("inspect.md.j2")
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
        lines.append("| " + " | ".join(md_cell(c) for c in cells) + f" | {'★' if f.headline else ''} |")
    lines += ["", "| 编号 | 类别 | 主题 | 内容 |", "| --- | --- | --- | --- |"]
    for i in sk.items:
        lines.append(
            f"| {i.id} | {ITEM_LABELS[i.kind]} | {md_cell(i.theme)} | {md_cell(i.short or i.text[:60])} |"
        )
    return "\n".join(lines) + "\n"


def load_template(path: Path | None, builtin: str) -> jinja2.Template:
    """A built-in template, or the user's own file in Jinja's sandbox (it is not our code)."""
    if path is None:
        return template_env().get_template(builtin)
    env = jinja2.sandbox.SandboxedEnvironment(
        loader=jinja2.FileSystemLoader(path.parent),
        undefined=jinja2.StrictUndefined,
        autoescape=jinja2.select_autoescape(["html", "htm", "html.j2"]),
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.filters.update(MARKDOWN_FILTERS)
    try:
        return env.get_template(path.name)
    except jinja2.TemplateNotFound:
        raise UsageError(f"找不到模板文件 {path}。请检查 --template 的路径。") from None
    except jinja2.TemplateSyntaxError as exc:
        raise UsageError(f"模板 {path} 第 {exc.lineno} 行有语法错误：{exc.message}。") from None


def render_template(path: Path | None, builtin: str, context: dict[str, Any]) -> str:
    """Render a built-in template, or the user's own copy of it (sandboxed); an error in either names
    the file and line and points to the variables' documentation."""
    try:
        return load_template(path, builtin).render(**context)
    except jinja2.TemplateError as exc:
        line = getattr(exc, "lineno", None)
        where = f"{path or builtin}{f' 第 {line} 行' if line else ''}"
        if path is None:
            raise RenderGateError(f"内置模板 {where}出错：{exc}。这是程序的错误，请报告此问题。") from None
        raise UsageError(f"模板 {where}出错：{exc}。变量说明见 templates/README.md。") from None
