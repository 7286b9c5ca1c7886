"""One recipe per deliverable, used by the `brief` and `plan` commands and by `batch` alike.

The memo's prose, its page budget, the office's reference .docx and the header are decided once per
summary here, so a batch writes what the commands write (the same 红头 from `reference_doc`, the same
prose and the same warnings), and the memo's context is built once for every format.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from pathlib import Path

from ..backends.base import Backend
from ..core.config import Settings
from ..core.errors import UsageError
from ..core.summary import Summary
from ..outputs.brief import AUTO_PAGES, BriefHeader, brief_context, render_brief_output
from ..outputs.docx_writer import read_reference_doc
from ..outputs.plan import render_plan_output
from ..outputs.prose import prose_for
from ..text.normalise import nfkc
from ..text.quantities import find_quantities

__all__ = ["BRIEF_FORMATS", "PLAN_FORMATS", "brief_header", "render_briefs", "render_plans"]

BRIEF_FORMATS = ("md", "html", "docx", "json")
PLAN_FORMATS = ("md", "docx", "json")  # a plan is a working draft: no HTML page
Warn = Callable[[str], None]


def brief_header(settings: Settings, issue: str = "第1期", date: str | None = None) -> BriefHeader:
    """The memo's 报头. A figure in its words (投资99亿元简报) would stand on the memo unchecked: the
    option that holds it is named, before anything is written."""
    for where, words in (
        ("--name（简报名称，设置项 brief_name）", settings.brief_name),
        ("--editor（编发单位，设置项 brief_editor）", settings.brief_editor),
        ("--issue（期号）", issue),
    ):
        figures = [q.text for q in find_quantities(nfkc(words)) if q.is_figure]
        if figures:
            raise UsageError(
                f"{where}中不能有数字：{'、'.join(figures)}。报头只写名称，如“工作简报”“招商动态”；"
                "数字请写在报告里，由程序核对后进入简报。"
            )
    return BriefHeader(
        name=settings.brief_name,
        issue=issue,
        editor=settings.brief_editor,
        distribution=settings.brief_distribution,
        **({"date": date} if date else {}),
    )


def _reference(settings: Settings, formats: Sequence[str]) -> bytes | None:
    wanted = settings.reference_doc and "docx" in formats
    return read_reference_doc(settings.reference_doc) if wanted and settings.reference_doc else None


def render_briefs(
    summary: Summary,
    settings: Settings,
    backend: Backend | None,
    formats: Sequence[str],
    header: BriefHeader,
    *,
    label: str,
    template: Path | None = None,
    warn: Warn | None = None,
) -> dict[str, str | bytes]:
    """The memo in every format asked for, each gated; `warn` hears what the user should know (the
    model's prose was refused, a forced page limit is exceeded). `label` names the report in them."""
    warn = warn or (lambda _message: None)
    prose = prose_for(summary, settings, backend)
    if prose is not None and prose.problems:
        warn(f"{label}：模型撰写的标题和导语未通过核对，已改用程序生成（{prose.problems[0]}）")
    pages = settings.brief_pages
    context = brief_context(summary, header, prose, pages)
    if context["over_budget"]:  # every item at its key clause and still too long: it runs over
        limit = f"{pages:g} 页" if pages else f"{AUTO_PAGES} 页"
        warn(f"{label}：压缩到最短后仍超出 {limit}，简报会略长；可用 --pages 调整篇幅。")
    reference = _reference(settings, formats)
    return {
        fmt: render_brief_output(
            summary,
            fmt,
            header,
            template if fmt in ("md", "html") else None,
            prose=prose,
            pages=pages,
            reference=reference if fmt == "docx" else None,
            context=context,
        )
        for fmt in formats
    }


def render_plans(
    summary: Summary,
    settings: Settings,
    formats: Sequence[str],
    *,
    period: str | None = None,
    previous: Summary | None = None,
    template: Path | None = None,
) -> dict[str, str | bytes]:
    """The plan draft in every format asked for (HTML has none), each gated."""
    reference = _reference(settings, formats)
    return {
        fmt: render_plan_output(
            summary,
            fmt,
            period=period,
            previous=previous,
            template=template if fmt == "md" else None,
            reference=reference if fmt == "docx" else None,
            propose=settings.plan_propose,
        )
        for fmt in formats
        if fmt in PLAN_FORMATS
    }
