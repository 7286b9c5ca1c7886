"""简报 (briefing memo) from a grounded summary: deterministic structure from a template.

Every item keeps its grounding verdict: unverified ones carry 【待核】 on their line, and the finished
text passes the output gate (`gate.gate`) before anyone sees it — a figure that is neither verified nor
marked is a bug and stops the run. 存在问题 is never dropped: with none in the source, the memo says so.
"""

from __future__ import annotations

import json
from collections import OrderedDict
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any

from markupsafe import Markup

from ..core.errors import UsageError
from ..core.summary import GroundingStatus, Summary, TextItem
from ..grounding.ground import UNVERIFIED_MARK, signed_value
from ..llm.assemble import MISSING_NAME
from ..skeleton.names import name_problem
from ..text.normalise import nfkc
from ..text.periods import parse_period, period_months
from ..text.quantities import find_quantities
from .gate import ToolCounts, field_mark, gate, mark
from .prose import Prose, template_prose
from .render import render_template

if TYPE_CHECKING:
    from .charts import Chart

__all__ = [
    "FORMATS",
    "BriefHeader",
    "brief_chart",
    "brief_context",
    "empty_note",
    "estimate_lines",
    "fit_to_pages",
    "render_brief",
    "render_brief_docx",
    "render_brief_output",
]

FORMATS = ("md", "html", "docx", "json")

_CN = "一二三四五六七八九十"


@dataclass(frozen=True)
class BriefHeader:
    name: str = "工作简报"
    issue: str = "第1期"
    editor: str = ""
    date: str = field(default_factory=lambda: f"{date.today():%Y年%-m月%-d日}")
    distribution: tuple[str, ...] = ()  # 版记: 报：… 送：… 发：…


_EMPTY = {"无", "暂无", "未知", "不详", "—", "-"}


# How a row that is not a plain result says so in the memo's table.
_ROLE_NOTE = {"estimate": "（预计）", "target": "（目标）", "plan": "（计划）"}


def _memo_text(item: TextItem) -> str:
    """An item as one bullet: its line, or for a bare heading line (主要目标) the paragraph under it."""
    if item.detail.startswith(f"{item.text}："):
        return item.detail
    return item.text


def _row_period(period: str, report_period: str) -> str:
    """The row's own period when it covers other months than the report's (1-9月 in a 全年 report);
    otherwise the report's period, as the memo's title names it."""
    if period and period_months(period) not in (None, period_months(report_period)):
        return period
    own, report = parse_period(period), parse_period(report_period)
    if own and report and own.year and report.year and own.year != report.year:
        return period  # a plan's review of last year: 2025年 in a 2026 工作思路
    return report_period or period


def change_words(change: str) -> str:
    """A change as a memo says it: -3.5% is 同比下降3.5%, +3.5% 同比增长3.5%; words stay as written."""
    text = change.strip()
    if text[:1] in ("-", "−", "－"):
        return f"同比下降{text[1:]}"
    if text[:1] in ("+", "＋"):
        return f"同比增长{text[1:]}"
    return text


def _clean(value: str) -> str:
    """Small models write 无 for an empty field; a memo shows nothing instead."""
    return "" if value.strip() in _EMPTY else value


def brief_context(
    summary: Summary, header: BriefHeader, prose: Prose | None = None, pages: float = 0
) -> dict[str, Any]:
    """The variables every brief format renders. `prose` from `prose.write_prose` (default: built by
    code); `pages` > 0 trims the lowest-priority items until the memo fits, saying what was left out."""
    meta = summary.meta
    issuer = meta.issuer or "本单位"
    prose = prose or template_prose(summary)
    themes: OrderedDict[str, list[dict[str, str]]] = OrderedDict()
    for m in summary.measures:
        themes.setdefault(m.theme, []).append({"text": m.text, "mark": mark(m.grounding_status)})
    context: dict[str, Any] = {
        "header": {
            **{k: v for k, v in header.__dict__.items() if k != "distribution"},
            "editor": header.editor or issuer,
        },
        "title": prose.title,
        "lead": prose.lead,
        "note": prose.note,
        "prose_by": prose.written_by,
        # Results of the period only (headline ones first); targets and plan quantities are said
        # apart, as what is aimed at, never in the table of what was achieved.
        "indicators": [
            {
                "name": i.name + _ROLE_NOTE.get(i.role or "", ""),
                "value": i.value + field_mark(summary, "indicators", i, "value"),
                "change": change_words(i.change)
                + (field_mark(summary, "indicators", i, "change") if i.change else ""),
                "period": _row_period(i.period, meta.period),
                "mark": mark(i.grounding_status),
                "headline": i.headline,
            }
            for i in summary.memo_indicators()
            # an unnamed figure, or one named only 完成投资, tells a reader nothing (the summary keeps it)
            if i.is_result and i.name != MISSING_NAME and not name_problem(i.name)
        ],
        "targets": [
            {
                "text": f"{i.name}{i.value}" + (f"，{change_words(i.change)}" if i.change else ""),
                "note": _ROLE_NOTE.get(i.role or "", "（目标）"),
                "mark": mark(i.grounding_status),
            }
            for i in summary.memo_indicators()
            if i.is_target and not name_problem(i.name)
        ],
        "projects": [
            {
                "name": p.name,
                "company": _clean(p.company),
                "status": p.status,
                "investment": _clean(p.investment),
                "timeline": _clean(p.timeline),
                "mark": mark(p.grounding_status),
            }
            for p in summary.projects
        ],
        "measures": list(themes.items()),
        "problems": [{"text": _memo_text(t), "mark": mark(t.grounding_status)} for t in summary.problems],
        "next_steps": [
            {"text": _memo_text(t), "mark": mark(t.grounding_status)}
            for t in summary.next_steps
            # a "主要目标" heading's paragraph is the targets, which the memo lists apart
            if not (t.text.rstrip("。").endswith("目标") and any(i.is_target for i in summary.indicators))
        ],
        "omitted": {},
        "over_budget": False,
        "empty": {
            name: empty_note(summary, part)
            for name, part in (("problems", "存在问题"), ("next_steps", "下步打算"))
        },
        "footer": f"（{issuer}　{header.date}）",
        # 版记 (GB/T 9704): the distribution lines, then who printed it and when; only when configured
        "distribution": list(header.distribution),
        "printed": f"{header.editor or issuer}　　{header.date}印发" if header.distribution else "",
        "source_note": summary.source_check,  # the report could not be re-checked: says so, marked
    }
    if pages > 0:
        fit_to_pages(context, pages)
    periods = {row["period"] for row in context["indicators"]}
    context["show_period"] = len(periods) > 1  # one period for all rows is the title's: no column
    # Counts of left-out items are about the memo, not the zone (ToolCounts: exempt from the gate).
    left_out = context["omitted"]
    counts = ToolCounts()
    context["omitted"] = {
        name: counts(n, "项") if (n := left_out.get(name, 0)) else "" for name, _ in TRIM_ORDER
    }
    context["omitted_note"] = omitted_note(left_out, counts)
    context["tool_counts"] = counts.written
    sections = [name for name in ("indicators", "projects", "measures") if context[name]]  # as rendered
    context["numbers"] = {
        name: _CN[index] for index, name in enumerate([*sections, "problems", "next_steps"])
    }
    return context


def empty_note(summary: Summary, part: str) -> str:
    """What a memo says where a list is empty: that the source has none only when it truly has no
    such section; otherwise that extraction found nothing there, marked for a human to check."""
    if part in summary.parts:
        return f"原文有“{part}”部分，但未能自动提取出条目，请对照原文补充。{UNVERIFIED_MARK}"
    return f"原文未列出{part}。"


# GB/T 9704: 22 lines of 28 characters on a page. The title (22 pt) fits about 20 characters a line;
# table rows are set in 14 pt and take about one line each.
LINES_PER_PAGE = 22
# What one page holds in `estimate_lines` units: the estimate rounds every short line and heading up,
# so a page rendered by LibreOffice from each example held 24 estimated lines
# (bench/results/docx_render.md records the page counts of every example).
PAGE_CAPACITY = 24
MAX_HEADLINE_ROWS = 6
MIN_HEADLINE_ROWS = 4
CHARS_PER_LINE = 28
# Trimmed first to last; each list keeps at least its floor. 存在问题 keeps one item at least and
# the count of the rest, so problems are never written out of the memo (docs/domain.md).
# Indicators are trimmed from the end, never below the headline results of the period (vocabulary
# core indicators), which a memo exists to carry; "targets" go first of all.
TRIM_ORDER = (("targets", 0), ("measures", 0), ("projects", 1), ("indicators", 2), ("next_steps", 1),
              ("problems", 1))  # fmt: skip


def _lines(text: str, per_line: int = CHARS_PER_LINE) -> int:
    return max(1, -(-len(text) // per_line))


_OMITTED_NAMES = {"indicators": "指标", "targets": "目标", "projects": "重点项目", "measures": "做法",
                  "problems": "存在问题", "next_steps": "下步打算"}  # fmt: skip


def omitted_note(left_out: dict[str, int], counts: ToolCounts) -> str:
    """One line saying what the page budget left out, so trimming is never silent."""
    parts = [f"{_OMITTED_NAMES[name]}{counts(n, '项')}" for name, n in left_out.items() if n]
    return f"（篇幅所限，另有{'、'.join(parts)}从略。）" if parts else ""


def estimate_lines(context: dict[str, Any]) -> int:
    """Lines the memo takes in the .docx layout; deliberately simple and a little generous."""
    # 报头: the 36 pt name, the 期号 line, the ruled line and the blank under it: five body lines. The
    # title's 22 pt lines keep the body's line pitch. (Calibrated on LibreOffice renders of the examples:
    # bench/results/docx_render.md.)
    lines = 5 + _lines(context["title"], 20) + _lines("　　" + context["lead"])
    lines += _lines("　　" + context["note"]) if context["note"] else 0
    if context["indicators"]:  # 14 pt cells, single spaced: a row is 0.7 of a body line
        rows = [max(_lines(r["name"], 10), _lines(r["change"], 8)) for r in context["indicators"]]
        lines += 1 + -(-7 * (1 + sum(rows)) // 10)
    if context["targets"]:  # one paragraph under 下步打算
        lines += _lines("　　主要目标：" + "；".join(t["text"] + t["note"] for t in context["targets"]))
    if context["projects"]:  # a project line runs longer than its characters say (seen in renders)
        lines += (
            1
            + len(context["projects"])
            + sum(
                _lines(
                    "　　"
                    + "".join(p[k] for k in ("name", "company", "status", "investment", "timeline"))
                    + "：（）"
                )
                for p in context["projects"]
            )
        )
    if context["measures"]:
        lines += 1 + sum(
            _lines("　　" + theme + "".join(m["text"] for m in items)) for theme, items in context["measures"]
        )
    for name in ("problems", "next_steps"):
        lines += 1 + sum(_lines("　　" + t["text"]) for t in context[name]) + (1 if not context[name] else 0)
    note = (
        context["omitted_note"]
        if "omitted_note" in context
        else omitted_note(context["omitted"], ToolCounts())
    )
    lines += _lines("　　" + note) if note else 0
    return lines + 1  # 报尾


def fit_to_pages(context: dict[str, Any], pages: float) -> None:
    """Drop items from the end of the lowest-priority lists until the memo fits; count what went."""
    budget = int(PAGE_CAPACITY * pages)
    omitted: dict[str, int] = context["omitted"]
    # The headline results stay, up to MAX_HEADLINE_ROWS (the first ones: output, value added, investment,
    # revenue come first in reports); beyond that, problems and next steps matter more.
    headline = min(MAX_HEADLINE_ROWS, sum(1 for row in context["indicators"] if row["headline"]))
    floors = [(name, max(floor, headline) if name == "indicators" else floor) for name, floor in TRIM_ORDER]
    # Still too long with every list at its floor: a second pass drops the project line, then keeps the
    # four first headline results, so that one page stays one page (results before a project line).
    least = dict(TRIM_ORDER)["indicators"]
    floors += [("projects", 0), ("indicators", max(least, min(headline, MIN_HEADLINE_ROWS)))]
    for name, floor in floors:
        while estimate_lines(context) > budget and _count(context, name) > floor:
            _drop_last(context, name)
            omitted[name] = omitted.get(name, 0) + 1
    # Every list at its last floor and still too long: the memo runs over rather than lose its core.
    context["over_budget"] = estimate_lines(context) > budget


def _count(context: dict[str, Any], name: str) -> int:
    if name == "measures":
        return sum(len(items) for _, items in context["measures"])
    return len(context[name])


def _drop_last(context: dict[str, Any], name: str) -> None:
    if name != "measures":
        context[name].pop()
        return
    _theme, items = context["measures"][-1]
    items.pop()
    if not items:
        context["measures"].pop()


MIN_CHART_BARS = 3  # fewer growth rates read faster as text than as a chart


def _room_for_chart(pages: float) -> bool:
    """A one-page memo has no room for a chart: its table carries the same rates."""
    return not pages or pages >= 2


def brief_chart(summary: Summary) -> Chart | None:
    """The memo's comparable series: growth rates of its verified indicators, one period, as written.

    Only rates that say which way they went (增长/下降 or a sign) are drawn; anything less than three
    is left to the table."""
    from .charts import Bar, ChartError, Series, growth_chart

    period = summary.meta.period or "本期"
    series = []
    for i in summary.indicators:
        if i.grounding_status is not GroundingStatus.VERIFIED or not i.change or not i.is_result:
            continue
        rates = [q for q in find_quantities(nfkc(i.change)) if q.kind == "percent"]
        rate = rates[0] if len(rates) == 1 else None
        signed = rate is not None and rate.value is not None and rate.value < 0
        if rate is None or not (rate.direction or signed or i.change.lstrip().startswith("+")):
            continue  # a bare "11.8%" does not say which way it went
        value = signed_value(rate)
        if value is not None:
            series.append(Series(i.name, (Bar(period, value, i.change),)))
    if len(series) < MIN_CHART_BARS:
        return None
    try:
        return growth_chart(series[:8], title="主要指标增速（柱上为原文写法）", categories=[period])
    except ChartError:
        return None  # a chart is an extra: the table carries every figure


def render_brief(
    summary: Summary,
    fmt: str,
    header: BriefHeader | None = None,
    template: Path | None = None,
    *,
    prose: Prose | None = None,
    pages: float = 0,
) -> str:
    context = brief_context(summary, header or BriefHeader(), prose, pages)
    chart = brief_chart(summary) if fmt == "html" and _room_for_chart(pages) else None
    context["chart"] = (
        {"svg": Markup(chart.svg[chart.svg.find("<svg") :]), "alt": chart.alt, "texts": chart.texts}
        if chart
        else None
    )
    text = render_template(template, f"brief.{fmt}.j2", context)
    gate(
        text,
        fmt,
        summary,
        what="简报",
        extra_texts=chart.texts if chart else (),
        tool_counts=context["tool_counts"],
    )
    return text


def render_brief_docx(
    summary: Summary,
    header: BriefHeader | None = None,
    *,
    prose: Prose | None = None,
    pages: float = 0,
    reference: bytes | None = None,
) -> bytes:
    """`reference`: an office's own .docx/.dotx whose styles and 红头 the memo takes."""
    from .docx_writer import brief_docx, reference_texts

    chart = brief_chart(summary) if _room_for_chart(pages) else None
    context = brief_context(summary, header or BriefHeader(), prose, pages)
    context["chart"] = {"png": chart.png, "alt": chart.alt} if chart else None
    data = brief_docx(context, reference)
    # the office's own 红头 (文号, 电话 …) is theirs, not a claim about the report
    own = reference_texts(reference)
    gate(
        data,
        "docx",
        summary,
        what="简报",
        extra_texts=chart.texts if chart else (),
        exempt=own,
        tool_counts=context["tool_counts"],
    )
    return data


def render_brief_output(
    summary: Summary,
    fmt: str,
    header: BriefHeader | None = None,
    template: Path | None = None,
    *,
    prose: Prose | None = None,
    pages: float = 0,
    reference: bytes | None = None,
) -> str | bytes:
    """The brief in one format, gated: Markdown, HTML, .docx, or the template variables as JSON.
    `reference` (from `read_reference_doc`) applies to .docx only."""
    if fmt == "docx":
        if template is not None:
            raise UsageError("--template 只用于 md 或 html 格式；Word 版式由程序生成。")
        return render_brief_docx(summary, header, prose=prose, pages=pages, reference=reference)
    if fmt == "json":
        context = brief_context(summary, header or BriefHeader(), prose, pages)
        text = json.dumps(context, ensure_ascii=False, indent=2, default=str) + "\n"
        gate(text, "json", summary, what="简报", tool_counts=context["tool_counts"])
        return text
    if fmt in ("md", "html"):
        return render_brief(summary, fmt, header, template, prose=prose, pages=pages)
    raise UsageError(f"不支持的简报格式：{fmt}。可选 {'、'.join(FORMATS)}。")
