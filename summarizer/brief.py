"""简报 (briefing memo) from a grounded summary: deterministic structure from a template.

Every item keeps its grounding verdict: unverified ones carry 【待核】 on their line, and the finished
text passes `ground.check_rendered` before anyone sees it — a figure that is neither verified nor
marked is a bug and stops the run. 存在问题 is never dropped: with none in the source, the memo says so.
"""

from __future__ import annotations

from collections import OrderedDict
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

import jinja2

from .errors import SummarizerError, UsageError
from .ground import UNVERIFIED_MARK, check_rendered
from .render import load_template
from .summary import GroundingStatus, Summary

__all__ = ["BriefHeader", "RenderGateError", "brief_context", "render_brief", "render_brief_docx"]

_CN = "一二三四五六七八九十"


class RenderGateError(SummarizerError):
    """A rendered document holds a figure that is neither verified nor marked."""


@dataclass(frozen=True)
class BriefHeader:
    name: str = "工作简报"
    issue: str = "第1期"
    editor: str = ""
    date: str = field(default_factory=lambda: f"{date.today():%Y年%-m月%-d日}")


_EMPTY = {"无", "暂无", "未知", "不详", "—", "-"}


def _clean(value: str) -> str:
    """Small models write 无 for an empty field; a memo shows nothing instead."""
    return "" if value.strip() in _EMPTY else value


def _mark(status: GroundingStatus | None) -> str:
    return "" if status is GroundingStatus.VERIFIED else UNVERIFIED_MARK


def brief_context(summary: Summary, header: BriefHeader) -> dict[str, Any]:
    meta = summary.meta
    issuer = meta.issuer or "本单位"
    title = meta.title or f"{issuer}{meta.period}工作情况"
    overview_ok = summary.grounding is None or not any(
        f.item == "meta.overview" and f.status is not GroundingStatus.VERIFIED
        for f in summary.grounding.findings
    )
    lead = meta.overview or f"{issuer}{meta.period}主要工作情况如下。"
    if meta.overview and not overview_ok:
        lead += UNVERIFIED_MARK
    themes: OrderedDict[str, list[dict[str, str]]] = OrderedDict()
    for m in summary.measures:
        themes.setdefault(m.theme, []).append({"text": m.text, "mark": _mark(m.grounding_status)})
    sections = ["indicators"] if summary.indicators else []
    sections += ["projects"] if summary.projects else []
    sections += ["measures"] if summary.measures else []
    sections += ["problems", "next_steps"]
    numbers = {name: _CN[index] for index, name in enumerate(sections)}
    return {
        "header": {**header.__dict__, "editor": header.editor or issuer},
        "title": title,
        "lead": lead,
        "numbers": numbers,
        "indicators": [
            {"name": i.name, "value": i.value, "change": i.change, "mark": _mark(i.grounding_status) or "—"}
            if i.grounding_status is not GroundingStatus.VERIFIED
            else {"name": i.name, "value": i.value, "change": i.change, "mark": "已核实"}
            for i in summary.indicators
        ],
        "projects": [
            {
                "name": p.name,
                "company": _clean(p.company),
                "status": p.status,
                "investment": _clean(p.investment),
                "timeline": _clean(p.timeline),
                "mark": _mark(p.grounding_status),
            }
            for p in summary.projects
        ],
        "measures": list(themes.items()),
        "problems": [{"text": t.text, "mark": _mark(t.grounding_status)} for t in summary.problems],
        "next_steps": [{"text": t.text, "mark": _mark(t.grounding_status)} for t in summary.next_steps],
        "footer": f"（{issuer}　{header.date}）",
    }


def render_brief(
    summary: Summary, fmt: str, header: BriefHeader | None = None, template: Path | None = None
) -> str:
    template_obj = load_template(template, f"brief.{fmt}.j2")
    try:
        text = template_obj.render(**brief_context(summary, header or BriefHeader()))
    except jinja2.TemplateError as exc:
        where = f"{template}" if template else f"brief.{fmt}.j2"
        line = getattr(exc, "lineno", None)
        raise UsageError(
            f"模板 {where}{f' 第 {line} 行' if line else ''}出错：{exc}。变量说明见 templates/README.md。"
        ) from None
    _gate(_visible_text(text, fmt), summary)
    return text


def render_brief_docx(summary: Summary, header: BriefHeader | None = None) -> bytes:
    from .docx_writer import brief_docx, docx_text

    data = brief_docx(brief_context(summary, header or BriefHeader()))
    _gate(docx_text(data), summary)
    return data


def _gate(text: str, summary: Summary) -> None:
    violations = check_rendered(text, summary)
    if violations:
        raise RenderGateError(
            f"简报中有未经核对又未标注的数字：{'、'.join(violations[:5])}。"
            "这是模板或程序的错误，已停止输出，请报告此问题。"
        )


def _visible_text(text: str, fmt: str) -> str:
    """HTML: the gate reads what a reader sees, tags stripped, one line per table row."""
    if fmt != "html":
        return text
    import re

    body = re.sub(r"<head>.*?</head>", "", text, flags=re.DOTALL)  # styles are not content
    return re.sub(r"<[^>]+>", "", re.sub(r"</tr>|<br\s*/?>|</p>|</li>", "\n", body))
