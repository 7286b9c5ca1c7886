"""简报 (briefing memo) from a grounded summary, in the shape of the report's genre (docs/domain.md).

The memo's items are the author's own outline (memo.py): headings and topic sentences, each with the
source clauses that carry its key figures; a 总结 adds a table of its headline results. Every item keeps
its grounding verdict: unverified ones carry 【待核】, and the finished text passes the output gate
(`gate.gate`) before anyone sees it — a figure that is neither verified nor marked is a bug and stops
the run. A part the report does not have is not in the memo: no line says "原文未列出".
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any

from markupsafe import Markup

from ..core.errors import UsageError
from ..core.models import StandardPart
from ..core.summary import GroundingStatus, Summary, TextItem
from ..grounding.ground import UNVERIFIED_MARK, signed_value
from ..llm.assemble import MISSING_NAME
from ..skeleton.genre import is_template
from ..skeleton.names import name_problem
from ..text.normalise import nfkc
from ..text.numerals import chinese_numeral
from ..text.periods import parse_period, period_months
from ..text.quantities import find_quantities
from .gate import ToolCounts, field_mark, gate, mark
from .memo import PART_TITLES, MemoItem, MemoSection, memo_sections
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
    "omitted_note",
    "render_brief",
    "render_brief_docx",
    "render_brief_output",
]

FORMATS = ("md", "html", "docx", "json")


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


def _table_rows(summary: Summary) -> list[dict[str, Any]]:
    """Results of the period only (headline ones first); targets and plan quantities are never in the
    table of what was achieved. With the outline carrying every part's figures in its own words, the
    table holds the report's key results: its core indicators (all results for 经济运行 figures)."""
    rows = [
        {
            "name": i.name + _ROLE_NOTE.get(i.role or "", ""),
            "value": i.value + field_mark(summary, "indicators", i, "value"),
            "change": change_words(i.change)
            + (field_mark(summary, "indicators", i, "change") if i.change else ""),
            "period": _row_period(i.period, summary.meta.period),
            "mark": mark(i.grounding_status),
            "headline": i.headline,
        }
        for i in summary.memo_indicators()
        # an unnamed figure, or one named only 完成投资, tells a reader nothing (the summary keeps it)
        if i.is_result and i.name != MISSING_NAME and not name_problem(i.name)
    ]
    if summary.meta.genre in ("plan", "government_report", "economy"):
        # a plan's memo is its targets and tasks, last year's results stand in its review; 经济运行
        # figures are told field by field in the report's own sentences
        return []
    if summary.outline:
        # the 主要指标 of a memo: money and rates; counts (签约项目3个 of one sub-park) read right only
        # in their own sentences
        headline = [row for row in rows if row["headline"] and _is_economic(row)][:MAX_TABLE_ROWS]
        # a story's few figures read better in its items than in a table of their own
        least = MIN_STORY_ROWS if summary.meta.genre in SECTIONLESS_GENRES else MIN_TABLE_ROWS
        return headline if len(headline) >= least else []
    return rows


def _is_economic(row: dict[str, Any]) -> bool:
    """A value in money or a rate, or any value with its growth: what a table of results compares."""
    if row["change"]:
        return True
    return any(q.kind in ("money", "percent") for q in find_quantities(nfkc(row["value"])) if q.is_figure)


def brief_context(
    summary: Summary, header: BriefHeader, prose: Prose | None = None, pages: float = 0
) -> dict[str, Any]:
    """The variables every brief format renders. `prose` from `prose.write_prose` (default: built by
    code). The memo is as long as the report needs, up to AUTO_PAGES; `pages` > 0 forces a limit,
    condensing every item further and then leaving table rows out, saying so."""
    meta = summary.meta
    issuer = meta.issuer or "本单位"
    prose = prose or template_prose(summary)
    context: dict[str, Any] = {
        "header": {
            **{k: v for k, v in header.__dict__.items() if k != "distribution"},
            "editor": header.editor or issuer,
        },
        "title": prose.title,
        "lead": prose.lead,
        "note": prose.note,
        "prose_by": prose.written_by,
        "genre": meta.genre,
        # a template's figures are blanks: the memo says so before anything else
        "template_note": TEMPLATE_NOTE if is_template(meta.placeholders) else "",
        "indicators": _table_rows(summary),
        "sections": [],
        "omitted": {},
        "over_budget": False,
        "footer": f"（{issuer}　{header.date}）",
        # 版记 (GB/T 9704): the distribution lines, then who printed it and when; only when configured
        "distribution": list(header.distribution),
        "printed": f"{header.editor or issuer}　　{header.date}印发" if header.distribution else "",
        "source_note": summary.source_check,  # the report could not be re-checked: says so, marked
    }
    fit_to_pages(context, summary, pages)
    periods = {row["period"] for row in context["indicators"]}
    context["show_period"] = len(periods) > 1  # one period for all rows is the title's: no column
    # Counts of left-out items are about the memo, not the zone (ToolCounts: exempt from the gate).
    counts = ToolCounts()
    context["omitted_note"] = omitted_note(context["omitted"], counts)
    context["tool_counts"] = counts.written
    _number(context, meta.genre)
    context["sections"] = [
        {
            "title": section.title,
            "number": section.number,
            # headings that are whole sentences (decisions) open their bodies, all alike in a section
            "entries": [
                _entry(item, any(len(i.heading) > HEAD_MAX for i in section.items)) for item in section.items
            ],
        }
        for section in context["sections"]
    ]
    return context


HEAD_MAX = 30  # a longer "heading" is a whole decision or sentence: it opens the body, not in bold


def _entry(item: MemoItem, sentences: bool) -> dict[str, str]:
    if item.heading and sentences:
        body = item.heading.rstrip("。") + "。" + item.text
        return {"head": item.label, "text": body, "mark": item.mark}
    return {"head": _head(item.label, item.heading), "text": item.text, "mark": item.mark}


def _head(label: str, heading: str) -> str:
    """（一）抓项目建设，夯实产业基础。 — the author's heading as a run-in bold lead of its paragraph."""
    if not heading:
        return ""
    return f"{label}{heading}" + ("" if heading.endswith(("。", "！", "？", "：")) else "。")


def _number(context: dict[str, Any], genre: str) -> None:
    """一、二、 for sections (the table first), （一）（二） for their items; a memo of one untitled run
    of items (a feature, a plan) numbers the items themselves 一、二、."""
    sections: list[MemoSection] = context["sections"]
    single = len(sections) == 1 and not context["indicators"]
    body = bool(sections) and sections[0].title in (
        PART_TITLES[StandardPart.MAIN_WORK.value],
        PART_TITLES[StandardPart.KEY_TASKS.value],
    )
    if single and (genre in SECTIONLESS_GENRES or body) and sections[0].title not in _ALWAYS_TITLED:
        sections[0].title = ""  # a memo of one run of items: they are its 一、二、三
    numbers = iter(chinese_numeral(n) for n in range(1, 100))
    context["table_number"] = next(numbers) if context["indicators"] else ""
    for section in sections:
        section.number = next(numbers) if section.title else ""
        headed = [item for item in section.items if item.heading]
        for n, item in enumerate(headed, 1):
            item.label = f"{chinese_numeral(n)}、" if not section.title else f"（{chinese_numeral(n)}）"


def empty_note(summary: Summary, part: str) -> str:
    """What a digest says where a report's list is empty: that the source has none only when it truly
    has no such section; otherwise that extraction found nothing there, marked for a human to check."""
    if part in summary.parts:
        written = any(e.text.strip() for e in summary.outline if e.part == part)
        if summary.outline and not written:  # a heading with nothing under it: the part is empty
            return f"原文“{part}”部分没有写内容。"
        return f"原文有“{part}”部分，但未能自动提取出条目，请对照原文补充。{UNVERIFIED_MARK}"
    return f"原文未列出{part}。"


# GB/T 9704: 22 lines of 28 characters on a page. The title (22 pt) fits about 20 characters a line;
# table rows are set in 14 pt and take about one line each.
LINES_PER_PAGE = 22
# What one page holds in `estimate_lines` units: the estimate rounds every short line and heading up,
# so a page rendered by LibreOffice from each example held 24 estimated lines
# (bench/results/docx_render.md records the page counts of every example).
PAGE_CAPACITY = 24
AUTO_PAGES = 2  # a 简报 of a report runs one to two pages
MIN_HEADLINE_ROWS = 4
MIN_TABLE_ROWS = 2  # one key result is the lead's, not a table's
MIN_STORY_ROWS = 4
MAX_TABLE_ROWS = 8  # the core results; the items carry the rest in their own words
CHARS_PER_LINE = 28
# Characters all item bodies may take together, longest first; the memo takes the longest that fits
# its pages (each item keeps its key clause whatever the budget).
BODY_BUDGETS = (3200, 2800, 2400, 2000, 1700, 1400, 1100, 900, 700, 500, 300, 0)
SECTIONLESS_GENRES = frozenset({"news", "plan", "meeting"})
# a part a reader must see named even when it is the memo's only one
_ALWAYS_TITLED = frozenset(PART_TITLES[p.value] for p in (StandardPart.PROBLEMS, StandardPart.NEXT_STEPS))
TEMPLATE_NOTE = "原文为待填写的模板，数字以“XX”等代替，以下内容不是实际数据。"


def _lines(text: str, per_line: int = CHARS_PER_LINE) -> int:
    return max(1, -(-len(text) // per_line))


_OMITTED_NAMES = {"indicators": "指标"}


def omitted_note(left_out: dict[str, int], counts: ToolCounts) -> str:
    """One line saying what a forced page limit left out, so trimming is never silent."""
    parts = [f"{_OMITTED_NAMES[name]}{counts(n, '项')}" for name, n in left_out.items() if n]
    return f"（篇幅所限，另有{'、'.join(parts)}从略。）" if parts else ""


def estimate_lines(context: dict[str, Any]) -> int:
    """Lines the memo takes in the .docx layout; deliberately simple and a little generous."""
    # 报头: the 36 pt name, the 期号 line, the ruled line and the blank under it: five body lines. The
    # title's 22 pt lines keep the body's line pitch. (Calibrated on LibreOffice renders of the examples:
    # bench/results/docx_render.md.)
    lines = 5 + _lines(context["title"], 20) + _lines("　　" + context["lead"])
    for extra in ("note", "template_note", "source_note"):
        lines += _lines("　　" + context[extra]) if context.get(extra) else 0
    if context["indicators"]:  # 14 pt cells, single spaced: a row is 0.7 of a body line
        rows = [max(_lines(r["name"], 10), _lines(r["change"], 8)) for r in context["indicators"]]
        lines += 1 + -(-7 * (1 + sum(rows)) // 10)
    for section in context["sections"]:  # MemoSection while fitting, the rendered dicts after
        if isinstance(section, MemoSection):
            title, texts = (
                section.title,
                ["（一）" + i.heading + "。" + i.text + i.mark for i in section.items],
            )
        else:
            title, texts = section["title"], [e["head"] + e["text"] + e["mark"] for e in section["entries"]]
        lines += (1 if title else 0) + sum(_lines("　　" + text) for text in texts)
    note = omitted_note(context["omitted"], ToolCounts())
    lines += _lines("　　" + note) if note else 0
    return lines + 1  # 报尾


def fit_to_pages(context: dict[str, Any], summary: Summary, pages: float) -> None:
    """Condense every item to the longest budget that fits; with a forced limit, then leave table rows
    out beyond the first headline ones, counting them. Every item keeps its heading and key clause."""
    budget = int(PAGE_CAPACITY * (pages or AUTO_PAGES))
    # figures the table shows need no second telling in an item
    shown = {row["value"] for row in context["indicators"]} | {row["change"] for row in context["indicators"]}
    for total in BODY_BUDGETS:
        context["sections"] = memo_sections(summary, total, shown=shown)
        if estimate_lines(context) <= budget:
            break
    if pages:
        rows: list[dict[str, Any]] = context["indicators"]
        headline = min(MIN_HEADLINE_ROWS, sum(1 for row in rows if row["headline"]))
        while estimate_lines(context) > budget and len(rows) > max(headline, MIN_TABLE_ROWS):
            rows.pop()
            context["omitted"]["indicators"] = context["omitted"].get("indicators", 0) + 1
    # Every item at its least and still too long: the memo runs over rather than lose a part.
    context["over_budget"] = estimate_lines(context) > budget


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
    context: dict[str, Any] | None = None,
) -> str:
    context = dict(context or brief_context(summary, header or BriefHeader(), prose, pages))
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
    context: dict[str, Any] | None = None,
) -> bytes:
    """`reference`: an office's own .docx/.dotx whose styles and 红头 the memo takes."""
    from .docx_writer import brief_docx, reference_texts

    chart = brief_chart(summary) if _room_for_chart(pages) else None
    context = dict(context or brief_context(summary, header or BriefHeader(), prose, pages))
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
    context: dict[str, Any] | None = None,
) -> str | bytes:
    """The brief in one format, gated: Markdown, HTML, .docx, or the template variables as JSON.
    `reference` (from `read_reference_doc`) applies to .docx only; `context`: `brief_context`'s, when
    the caller built it already (one memo, several formats)."""
    if fmt == "docx":
        if template is not None:
            raise UsageError("--template 只用于 md 或 html 格式；Word 版式由程序生成。")
        return render_brief_docx(
            summary, header, prose=prose, pages=pages, reference=reference, context=context
        )
    if fmt == "json":
        context = context or brief_context(summary, header or BriefHeader(), prose, pages)
        text = json.dumps(context, ensure_ascii=False, indent=2, default=str) + "\n"
        gate(text, "json", summary, what="简报", tool_counts=context["tool_counts"])
        return text
    if fmt in ("md", "html"):
        return render_brief(summary, fmt, header, template, prose=prose, pages=pages, context=context)
    raise UsageError(f"不支持的简报格式：{fmt}。可选 {'、'.join(FORMATS)}。")
