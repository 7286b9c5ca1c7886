"""多报告对比 (digest): several grounded summaries side by side — common indicators, projects by
status, themes of 主要做法, 存在问题 — with charts, as Markdown, HTML, .docx or JSON.

Rows of indicators come from `compare` (its docstring has the matching and 口径 rules). Charts take
verified, single, non-target figures of comparable rows only; tables show every value as written,
【待核】 where it is unverified. Counts the tool makes (projects, themes) are written in Chinese
numerals, so they can never pass for report figures. Every rendered text, and every string drawn on
a chart, passes the output gate (`gate.gate`) before anything is returned for writing.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from functools import partial
from pathlib import Path
from typing import Any

from markupsafe import Markup

from ..core.errors import UsageError
from ..core.summary import MEASURE_THEMES, PROJECT_STATUSES, GroundingStatus, Summary
from ..text.numerals import chinese_numeral
from .brief import empty_note
from .charts import Bar, Chart, ChartError, Series, growth_chart, indicators_chart, status_chart
from .compare import Cell, Row, compare
from .gate import ToolCounts, gate, mark
from .render import render_template

__all__ = ["ChartData", "chart_data", "digest_context", "draw_charts", "prepare", "render_digest"]

FORMATS = ("md", "html", "docx", "json")

# --- labels and counts -----------------------------------------------------------------------------


def _stem(path: str) -> str:
    name = Path(path).name
    return name.removesuffix(".summary.json") if name.endswith(".summary.json") else name.rsplit(".", 1)[0]


def _labels(inputs: Sequence[tuple[str, Summary]]) -> tuple[list[str], bool]:
    """Column headers: 单位, else 报告期 (one 单位), else both, else file names. True when from files."""
    issuers = [s.meta.issuer.strip() for _, s in inputs]
    periods = [s.meta.period.strip() for _, s in inputs]
    options = [
        issuers,
        periods if len(set(issuers)) == 1 else [],
        [i + p for i, p in zip(issuers, periods, strict=True)],
    ]
    for labels in options:
        if labels and all(labels) and len(set(labels)) == len(labels):
            return labels, False
    stems = [_stem(path) for path, _ in inputs]
    return (stems if len(set(stems)) == len(stems) else [path for path, _ in inputs]), True


def _title(inputs: Sequence[tuple[str, Summary]]) -> str:
    issuers = list(dict.fromkeys(s.meta.issuer.strip() for _, s in inputs))
    periods = list(dict.fromkeys(s.meta.period.strip() for _, s in inputs))
    if len(issuers) == 1 and issuers[0] and all(periods):
        return f"{issuers[0]}{'与'.join(periods)}工作对比"
    if len(periods) == 1 and periods[0]:
        return f"{periods[0]}各园区工作对比"
    return "工作报告对比汇总"


# --- charts ----------------------------------------------------------------------------------------


@dataclass(frozen=True)
class DrawnChart:
    section: str  # "indicators" or "projects": where the documents place it
    title: str
    chart: Chart


@dataclass(frozen=True)
class ChartData:
    values: list[Series]  # one per comparable row: verified, single, non-target figures in one unit
    growth: list[Series]  # one per comparable row: verified 同比 rates
    stacks: list[Series]  # one per project status: counts of verified projects per report


def _series(name: str, bars: Sequence[Bar]) -> list[Series]:
    return [Series(name, tuple(bars))] if len(bars) > 1 else []  # one bar compares nothing


def chart_data(
    rows: Sequence[Row], summaries: Sequence[Summary], labels: Sequence[str], counts: ToolCounts
) -> ChartData:
    """What the charts draw, before drawing: only comparable rows, only verified figures."""
    comparable = [row for row in rows if len(row.cells) > 1 and row.comparable]
    values, growth, stacks = [], [], []
    for row in comparable:
        cells = row.cells.items()
        values += _series(
            row.name,
            [
                Bar(labels[i], c.amount, c.item.value)
                for i, c in cells
                if c.chartable and c.amount is not None
            ],
        )
    for row in rows:  # growth rates also where only the periods differ, each labelled with its period
        if len(row.cells) < 2 or not row.growth_comparable:
            continue
        shown = row.periods_differ
        growth += _series(
            row.name,
            [
                Bar(
                    labels[i],
                    c.growth,
                    # the period on a second line: neighbouring labels never run into each other
                    f"{c.growth_text}\n（{c.period}）" if shown and c.period else c.growth_text,
                )
                for i, c in row.cells.items()
                if c.growth is not None
            ],
        )
    statuses = {p.status for s in summaries for p in s.projects}
    for status in [*PROJECT_STATUSES, *sorted(statuses - set(PROJECT_STATUSES))]:
        verified = [
            sum(p.status == status and p.grounding_status is GroundingStatus.VERIFIED for p in s.projects)
            for s in summaries
        ]
        bars = tuple(Bar(label, n, counts(n, "项")) for label, n in zip(labels, verified, strict=True) if n)
        stacks += [Series(status, bars)] if bars else []
    return ChartData(values, growth, stacks)


def draw_charts(
    rows: Sequence[Row], summaries: Sequence[Summary], labels: Sequence[str], counts: ToolCounts
) -> tuple[list[DrawnChart], list[str]]:
    """Charts of `chart_data`; notes for those that could not be drawn."""
    data = chart_data(rows, summaries, labels, counts)
    values, growth, stacks = data.values, data.growth, data.stacks
    title = "共同指标对比（柱高按同一单位换算，柱上为原文数值）"
    plans: list[tuple[str, str, Callable[[], Chart]]] = [
        ("indicators", title, partial(indicators_chart, values[start : start + 6], categories=labels))
        for start in range(0, len(values), 6)  # six panels a figure keep the labels legible
    ]
    if growth:
        plans.append(
            ("indicators", "同比增速对比（柱上为原文增速）", partial(growth_chart, growth, categories=labels))
        )
    if stacks:
        plans.append(
            ("projects", "重点项目进度（只计已核实的项目）", partial(status_chart, stacks, categories=labels))
        )
    drawn: list[DrawnChart] = []
    notes: list[str] = []
    for section, title, draw in plans:
        try:
            drawn.append(DrawnChart(section, title, draw()))
        except ChartError as exc:  # a chart is an extra: the tables still carry every figure
            notes.append(f"“{title.split('（')[0]}”图从略：{exc.message}")
    return drawn, notes


# --- context and rendering -------------------------------------------------------------------------


@dataclass
class _Prepared:
    inputs: list[tuple[str, Summary]]
    labels: list[str]
    rows: list[Row]
    charts: list[DrawnChart]
    chart_notes: list[str]
    exempt: list[str]  # file names shown in the document: the user's names, not report figures
    counts: ToolCounts  # counts of the summaries' items (项, 份): the tool's, not the reports'


def _cell_text(row: Row, cell: Cell) -> str:
    item = cell.item
    period = f"（{cell.period}）" if row.periods_differ and cell.period else ""  # 158.6亿元（上半年）
    text = item.value + period + (f"，{item.change}" if item.change else "")
    if cell.canonical != row.canonical:
        text += f"（原文：{item.name}）"
    if item.role in ("target", "plan"):  # a goal or a yardstick is said to be one, in every format
        text += "（目标）" if item.role == "target" else "（计划）"
    return text + mark(item.grounding_status)


def digest_context(prepared: _Prepared, *, stem: str = "digest") -> dict[str, Any]:
    """The variables every digest format renders (documented in templates/README.md)."""
    inputs, labels, rows = prepared.inputs, prepared.labels, prepared.rows
    summaries = [s for _, s in inputs]
    common = [row for row in rows if len(row.cells) > 1]
    themes = [t for t in MEASURE_THEMES if any(m.theme == t for s in summaries for m in s.measures)]
    themes += sorted({m.theme for s in summaries for m in s.measures} - set(themes))
    return {
        "title": _title(inputs),
        "intro": (
            f"本汇总对比{prepared.counts(len(inputs), '份')}报告。数字均照录原文；"
            "标【待核】的在原文中未能核实，不参与比较和绘图；单位或时期口径不同的指标注明原因，不作比较。"
        ),
        "source_notes": [
            f"{label}：{s.source_check}" for label, s in zip(labels, summaries, strict=True) if s.source_check
        ],
        "reports": [
            {
                "label": label,
                "issuer": s.meta.issuer or "未注明",
                "period": s.meta.period or "未注明",
                "source": Path(s.source).name or Path(path).name,
            }
            for label, (path, s) in zip(labels, inputs, strict=True)
        ],
        "common": [
            {
                "name": row.name,
                "cells": [
                    _cell_text(row, row.cells[i]) if i in row.cells else "—" for i in range(len(inputs))
                ],
                "note": row.note,
            }
            for row in common
        ],
        "single": [
            {
                "label": labels[i],
                "name": c.item.name,
                "value": c.item.value,
                # its own mark: a mark in the value cell never covers the 同比 cell beside it
                "change": c.item.change + (mark(c.item.grounding_status) if c.item.change else ""),
                "mark": mark(c.item.grounding_status),
                "note": "（目标）"
                if c.item.role == "target"
                else "（计划）"
                if c.item.role == "plan"
                else "",
            }
            for row in rows
            if len(row.cells) == 1
            for i, c in row.cells.items()
        ],
        "projects": [
            _projects(label, s, prepared.counts) for label, s in zip(labels, summaries, strict=True)
        ],
        "themes": {
            "rows": [
                {"theme": t, "cells": [_theme_count(s, t, prepared.counts) for s in summaries]}
                for t in themes
            ],
            "focus": [
                {"label": label, "themes": _focus(s)} for label, s in zip(labels, summaries, strict=True)
            ],
        },
        "problems": [
            {
                "label": label,
                "items": [{"text": t.text, "mark": mark(t.grounding_status)} for t in s.problems],
                "empty": empty_note(s, "存在问题"),
            }
            for label, s in zip(labels, summaries, strict=True)
        ],
        "charts": [
            {
                "section": d.section,
                "file": f"{stem}-chart-{n}.png",
                "caption": f"图{chinese_numeral(n)}　{d.title}",  # names the chart, counts nothing
                "alt": d.chart.alt.replace("[", "【").replace("]", "】"),
                "svg": Markup(_inline_svg(d.chart.svg)),
            }
            for n, d in enumerate(prepared.charts, start=1)
        ],
        "chart_notes": prepared.chart_notes,
    }


def _projects(label: str, summary: Summary, counts: ToolCounts) -> dict[str, Any]:
    order = [*PROJECT_STATUSES, *sorted({p.status for p in summary.projects} - set(PROJECT_STATUSES))]
    groups = []
    for status in order:
        items = [
            {"name": p.name, "mark": mark(p.grounding_status)} for p in summary.projects if p.status == status
        ]
        if items:
            groups.append({"status": status, "count": counts(len(items), "项"), "items": items})
    return {"label": label, "total": counts(len(summary.projects), "项"), "groups": groups}


def _theme_count(summary: Summary, theme: str, counts: ToolCounts) -> str:
    items = [m for m in summary.measures if m.theme == theme]
    unverified = sum(m.grounding_status is not GroundingStatus.VERIFIED for m in items)
    if not items:
        return "—"
    return counts(len(items), "项") + (f"（含待核{counts(unverified, '项')}）" if unverified else "")


def _focus(summary: Summary) -> str:
    counts: dict[str, int] = {}
    for m in summary.measures:
        counts[m.theme] = counts.get(m.theme, 0) + 1
    if not counts:
        return "原文未列出主要做法"
    top = max(counts.values())
    return "、".join(theme for theme, n in counts.items() if n == top)


def _inline_svg(svg: str) -> str:
    """The <svg> element alone (no XML declaration or DOCTYPE), to sit inside an HTML page."""
    return svg[svg.find("<svg") :]


def prepare(inputs: Sequence[tuple[str, Summary]], *, charts: bool = True) -> _Prepared:
    if len(inputs) < 2:
        raise UsageError(
            f"对比至少需要两份报告或摘要，现在只有{len(inputs)}份。请再给出一份报告或 *.summary.json。"
        )
    inputs = list(inputs)
    labels, from_files = _labels(inputs)
    summaries = [s for _, s in inputs]
    rows = compare(summaries)
    counts = ToolCounts()
    drawn, notes = draw_charts(rows, summaries, labels, counts) if charts else ([], [])
    exempt = [Path(s.source).name for s in summaries] + [Path(p).name for p, _ in inputs]
    exempt += labels if from_files else []
    prepared = _Prepared(inputs, labels, rows, drawn, notes, exempt, counts)
    for d in drawn:
        drawn_text = "\n".join(t.replace("\n", "") for t in d.chart.texts)  # labels wrapped under bars
        _gate("", "md", prepared, what=f"图表“{d.title}”", extra_texts=[drawn_text, d.chart.alt])
    return prepared


def _gate(
    content: str | bytes,
    fmt: str,
    prepared: _Prepared,
    *,
    what: str = "对比汇总",
    extra_texts: Sequence[str] = (),
) -> None:
    summaries = [s for _, s in prepared.inputs]
    gate(
        content, fmt, summaries, what=what, extra_texts=extra_texts, exempt=prepared.exempt,
        tool_counts=prepared.counts.written,
    )  # fmt: skip


def render_digest(
    inputs: Sequence[tuple[str, Summary]],
    fmt: str,
    *,
    stem: str = "digest",
    charts: bool = True,
    template: Path | None = None,
    reference: bytes | None = None,
) -> list[tuple[str, str | bytes]]:
    """The files to write, as (file name, content): chart PNGs first (Markdown links to them), the
    digest last. Everything has passed the figure gate; nothing is written here."""
    if fmt not in FORMATS:
        raise UsageError(f"不支持的格式 {fmt}，可选：{'、'.join(FORMATS)}。")
    prepared = prepare(inputs, charts=charts and fmt != "json")
    context = digest_context(prepared, stem=stem)
    prepared.exempt += [c["file"] for c in context["charts"]]
    main = f"{stem}.{fmt}"
    if fmt == "json":
        for chart in context["charts"]:
            chart.pop("svg")
        text = json.dumps(context, ensure_ascii=False, indent=2) + "\n"
        _gate(text, "json", prepared)
        return [(main, text)]
    if fmt == "docx":
        from .docx_writer import reference_texts

        data = digest_docx(context, prepared.charts, reference)
        prepared.exempt += reference_texts(reference)
        _gate(data, "docx", prepared)
        return [(main, data)]
    text = render_template(template, f"digest.{fmt}.j2", context)
    text = text.rstrip("\n") + "\n"
    _gate(text, fmt, prepared)
    pngs: list[tuple[str, str | bytes]] = []
    if fmt == "md":
        pngs = [(c["file"], d.chart.png) for c, d in zip(context["charts"], prepared.charts, strict=True)]
    return [*pngs, (main, text)]


def digest_docx(
    context: dict[str, Any], charts: Sequence[DrawnChart], reference: bytes | None = None
) -> bytes:
    """The digest in GB/T 9704 layout, from the same variables the templates see."""
    from .docx_writer import GongwenDocument

    out = GongwenDocument(reference)
    labels = [r["label"] for r in context["reports"]]

    def pictures(section: str) -> None:
        for spec, drawn in zip(context["charts"], charts, strict=True):
            if spec["section"] == section:
                out.picture(drawn.chart.png, caption=spec["caption"])
                inline = out.doc.inline_shapes[-1]._inline
                inline.docPr.set("descr", spec["alt"])  # alt text for screen readers
                # The body style's exact 28.95 pt line height would clip the picture to one line.
                holder = next(p for p in reversed(out.doc.paragraphs) if inline in p._p.iter(inline.tag))
                holder.paragraph_format.line_spacing = 1.0

    out.title(context["title"])
    out.paragraph(context["intro"])
    for note in context["source_notes"]:
        out.paragraph(note)
    out.heading("一、参与对比的报告")
    out.table(
        ("简称", "单位", "报告期", "来源文件"),
        [(r["label"], r["issuer"], r["period"], r["source"]) for r in context["reports"]],
        widths_mm=(32, 40, 24, 60),  # a file name needs the room: in a narrow cell it breaks per letter
    )
    out.heading("二、共同指标")
    if context["common"]:
        out.table(("指标", *labels, "说明"), [(r["name"], *r["cells"], r["note"]) for r in context["common"]])
    else:
        out.paragraph("各报告之间没有可对应的共同指标。")
    pictures("indicators")
    for note in context["chart_notes"]:
        out.paragraph(note)
    out.heading("三、仅见于单份报告的指标")
    if context["single"]:
        out.table(
            ("报告", "指标", "数值", "同比"),
            [
                (r["label"], r["name"] + r["note"], r["value"] + r["mark"], r["change"])
                for r in context["single"]
            ],
        )
    else:
        out.paragraph("无。")
    out.heading("四、重点项目进度")
    for report in context["projects"]:
        if not report["groups"]:
            out.paragraph(f"{report['label']}：原文未列出重点项目。")
        for group in report["groups"]:
            names = "、".join(f"{p['name']}{p['mark']}" for p in group["items"])
            out.paragraph(f"{report['label']}　{group['status']}（{group['count']}）：{names}")
    pictures("projects")
    out.heading("五、主要做法侧重")
    if context["themes"]["rows"]:
        out.table(("主题", *labels), [(r["theme"], *r["cells"]) for r in context["themes"]["rows"]])
    for focus in context["themes"]["focus"]:
        out.paragraph(f"{focus['label']}着墨最多：{focus['themes']}。")
    out.heading("六、存在问题")
    for report in context["problems"]:
        out.paragraph(f"{report['label']}：", indent=False)
        for t in report["items"] or [{"text": report["empty"], "mark": ""}]:
            out.paragraph(f"{t['text']}{t['mark']}")
    return out.to_bytes()
