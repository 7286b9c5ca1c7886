"""核对页 (review page): the original report beside its summary, every figure traced to its place.

One self-contained HTML file. Left: the loaded original (not the cleaned text: findings' spans point
into the original), cut into segments at every span boundary so overlapping highlights stay flat and
lossless; grounded spans are coloured by verdict, every other figure the parser found is underlined.
Right: the summary, each item with its grounding badge. The summary is re-grounded against the given
document, so highlights are exact for that file even if the summary was checked against another copy.

Safety: all document and summary text goes through Jinja autoescape; the page script reads its data
from a JSON block escaped so that no text can close the tag; a CSP meta forbids every network request.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from dataclasses import dataclass
from itertools import pairwise
from pathlib import Path
from typing import Any, Literal

from markupsafe import Markup

from ..core.labels import QUANTITY_LABELS
from ..core.models import Document, Span
from ..core.summary import Finding, GroundingReport, GroundingStatus, Summary
from ..grounding.ground import UNVERIFIED_MARK, apply_policy, ground
from .render import template_env

__all__ = [
    "STATUS_LABELS",
    "render_review",
    "review_context",
    "script_json",
]

STATUS_LABELS: dict[GroundingStatus, str] = {
    GroundingStatus.VERIFIED: "已核实",
    GroundingStatus.MISATTRIBUTED: "归属错误",
    GroundingStatus.FIGURE_NOT_IN_SOURCE: "原文无此数字",
    GroundingStatus.TEXT_NOT_FOUND: "原文未找到",
}
SECTION_LABELS = {
    "meta": "概述",
    "indicators": "主要指标",
    "projects": "重点项目",
    "measures": "主要做法",
    "problems": "存在问题",
    "next_steps": "下步打算",
    "goals": "目标",
    "outline": "提纲",
}
_FIELD_LABELS = {"value": "数值", "change": "增减", "investment": "投资", "text": "文字", "name": "名称"}
_LISTS = ("indicators", "projects", "measures", "problems", "next_steps", "goals")
_STDIN_NAMES = {"", "-", "标准输入"}
_DOC_TYPES = {
    "plan": "工作计划",
    "summary": "工作总结",
    "summary_with_next_steps": "工作总结（含下步打算）",
    "news": "新闻报道",
    "other": "其他",
}

MarkKind = Literal["figure", "text", "other"]


@dataclass(frozen=True)
class _Mark:
    id: str
    item: str | None  # None: a figure the parser found that no summary item cites
    kind: MarkKind
    status: GroundingStatus | None
    start: int
    end: int
    title: str


def script_json(data: object) -> Markup:
    """JSON safe inside <script>: `<`, `>`, `&` as \\u escapes, so no text can close or open a tag."""
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":"))
    for char, escaped in (("<", "\\u003c"), (">", "\\u003e"), ("&", "\\u0026")):
        text = text.replace(char, escaped)
    # U+2028/2029 are legal in JSON but were line terminators in older JS parsers
    return Markup(text.replace("\u2028", "\\u2028").replace("\u2029", "\\u2029"))


def _short(text: str, limit: int = 30) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _item_labels(summary: Summary) -> dict[str, str]:
    labels = {"meta.overview": _short(summary.meta.overview)}
    for index, ind in enumerate(summary.indicators):
        labels[f"indicators[{index}]"] = f"{ind.name} {ind.value}"
    for index, proj in enumerate(summary.projects):
        labels[f"projects[{index}]"] = proj.name
    for name in ("measures", "problems", "next_steps", "goals"):
        for index, entry in enumerate(getattr(summary, name)):
            labels[f"{name}[{index}]"] = _short(entry.text)
    for index, outline in enumerate(summary.outline):
        labels[f"outline[{index}]"] = _short(outline.heading or outline.text)
    return labels


def _section_of(key: str) -> str:
    return key.split("[", 1)[0].split(".", 1)[0]


def _marks(report: GroundingReport, doc: Document, labels: dict[str, str]) -> list[_Mark]:
    figure_spans = {(q.source.start, q.source.end) for q in doc.figures if q.source is not None}
    marks: list[_Mark] = []
    seen: set[tuple[str, int, int, GroundingStatus]] = set()
    for f in report.findings:
        # the outline is the report's own text: its figures are marked by the indicators citing them,
        # and an outline entry is shown only where it failed
        if f.item.startswith("outline[") and f.status is GroundingStatus.VERIFIED:
            continue
        for span in f.spans:
            key = (f.item, span.start, span.end, f.status)
            if span.start >= span.end or key in seen:
                continue
            seen.add(key)
            # figure findings point at a parser figure; text findings at a clause or sentence
            kind: MarkKind = "figure" if (span.start, span.end) in figure_spans else "text"
            where = f"{SECTION_LABELS[_section_of(f.item)]}：{labels.get(f.item, f.item)}"
            title = f"{where} — {STATUS_LABELS[f.status]}"
            if f.note:
                title += f"（{f.note}）"
            marks.append(_Mark(f"m{len(marks)}", f.item, kind, f.status, span.start, span.end, title))
    # figure marks sit exactly on parser figures, and parser figures never overlap one another
    cited = {(m.start, m.end) for m in marks if m.kind == "figure"}
    for q in doc.figures:
        if q.source is None or (q.source.start, q.source.end) in cited:
            continue
        title = f"识别出的数字：{q.text}（{QUANTITY_LABELS[q.kind]}），摘要未引用"
        marks.append(_Mark(f"m{len(marks)}", None, "other", None, q.source.start, q.source.end, title))
    return marks


def _segment_class(active: list[_Mark]) -> str:
    figures = [m for m in active if m.kind == "figure"]
    classes = []
    if figures:
        # red wins: a span that is right for one item but wrongly cited by another needs a look
        bad = any(m.status is not GroundingStatus.VERIFIED for m in figures)
        classes.append("hl bad" if bad else "hl ok")
    if any(m.kind == "text" for m in active):
        classes.append("tx")
    if any(m.kind == "other" for m in active) and not figures:
        classes.append("fig")
    return " ".join(classes)


def _segments(text: str, marks: list[_Mark]) -> Iterator[tuple[int, int, list[_Mark]]]:
    """Flat, gap-free pieces of `text`: a new piece wherever a mark starts or ends, and at newlines."""
    points = {0, len(text)}
    for m in marks:
        points.update((m.start, m.end))
    at = text.find("\n")
    while at >= 0:
        points.update((at, at + 1))
        at = text.find("\n", at + 1)
    starts: dict[int, list[_Mark]] = {}
    for m in marks:
        starts.setdefault(m.start, []).append(m)
    active: list[_Mark] = []
    ordered = sorted(p for p in points if 0 <= p <= len(text))
    for a, b in pairwise(ordered):
        active = [m for m in active if m.end > a] + starts.get(a, [])
        yield a, b, active


def _source_lines(text: str, marks: list[_Mark]) -> list[list[dict[str, str]]]:
    lines: list[list[dict[str, str]]] = [[]]
    for a, b, active in _segments(text, marks):
        piece = text[a:b]
        if piece == "\n":
            lines.append([])
            continue
        segment = {"text": piece, "cls": "", "marks": "", "title": ""}
        if active:
            segment.update(
                cls=_segment_class(active),
                marks=" ".join(m.id for m in active),
                title="\n".join(dict.fromkeys(m.title for m in active)),
            )
        lines[-1].append(segment)
    return lines


def _line_of(text: str, offset: int) -> int:
    return text.count("\n", 0, offset) + 1


def _notes(findings: list[Finding]) -> list[str]:
    notes = []
    for f in findings:
        if f.status is GroundingStatus.VERIFIED:
            continue
        note = f"{_FIELD_LABELS.get(f.field, f.field)}“{_short(f.written, 24)}”：{STATUS_LABELS[f.status]}"
        notes.append(note + (f"，{f.note}" if f.note else ""))
    return notes


def _badge(
    key: str, status: GroundingStatus | None, findings: list[Finding], doc: Document
) -> dict[str, Any]:
    spans = [s for f in findings for s in f.spans if s.start < s.end]
    first: Span | None = min(spans, key=lambda s: s.start) if spans else None
    # no status: an overview without figures, which grounding has nothing to check in
    unverified = status is not None and status is not GroundingStatus.VERIFIED
    return {
        "key": key,
        "status": status.value if status else "",
        "status_label": STATUS_LABELS[status] if status else "无数字可核",
        "cls": "bad" if unverified else ("ok" if status else "none"),
        "mark": UNVERIFIED_MARK if unverified else "",
        "notes": _notes(findings),
        "line": _line_of(doc.original, first.start) if first else None,
    }


def review_context(summary: Summary, doc: Document) -> dict[str, Any]:
    """Everything `review.html.j2` renders; the summary is grounded afresh against `doc`."""
    report = ground(summary, doc)
    flagged = apply_policy(summary, report, "flag")  # flag keeps every item: indices stay aligned
    by_item: dict[str, list[Finding]] = {}
    for f in report.findings:
        by_item.setdefault(f.item, []).append(f)
    labels = _item_labels(summary)
    marks = _marks(report, doc, labels)

    def badge(name: str, index: int, status: GroundingStatus | None) -> dict[str, Any]:
        key = f"{name}[{index}]"
        return _badge(key, status, by_item.get(key, []), doc)

    indicators = [
        {**badge("indicators", i, e.grounding_status), "name": e.name, "value": e.value}
        | {"change": e.change, "period": e.period}
        for i, e in enumerate(flagged.indicators)
    ]
    projects = [
        {**badge("projects", i, e.grounding_status), "name": e.name, "company": e.company}
        | {"investment": e.investment, "state": e.status, "timeline": e.timeline}
        for i, e in enumerate(flagged.projects)
    ]
    themes: dict[str, list[dict[str, Any]]] = {}
    for i, m in enumerate(flagged.measures):
        themes.setdefault(m.theme, []).append({**badge("measures", i, m.grounding_status), "text": m.text})
    texts = {
        name: [
            {**badge(name, i, t.grounding_status), "text": t.text}
            for i, t in enumerate(getattr(flagged, name))
        ]
        for name in ("problems", "next_steps", "goals")
    }
    overview_findings = by_item.get("meta.overview", [])
    overview = None
    if summary.meta.overview:
        failed = [f.status for f in overview_findings if f.status is not GroundingStatus.VERIFIED]
        status = (failed[0] if failed else GroundingStatus.VERIFIED) if overview_findings else None
        overview = {**_badge("meta.overview", status, overview_findings, doc), "text": summary.meta.overview}

    items = [*indicators, *projects, *[m for ms in themes.values() for m in ms]]
    items += [t for name in ("problems", "next_steps", "goals") for t in texts[name]]
    items += [overview] if overview and overview["status"] else []
    counts = [
        {"status": s.value, "label": STATUS_LABELS[s], "n": sum(1 for i in items if i["status"] == s.value)}
        for s in GroundingStatus
    ]
    marks_of: dict[str, list[str]] = {}
    for mark in marks:
        if mark.item is not None:
            marks_of.setdefault(mark.item, []).append(mark.id)
    data = {
        "items": {
            i["key"]: {"label": labels.get(i["key"], i["key"]), "status": i["status"]}
            | {"marks": marks_of.get(i["key"], [])}
            for i in items
        },
        "marks": {k.id: {"item": k.item, "kind": k.kind, "start": k.start, "end": k.end} for k in marks},
    }
    cited = {(k.start, k.end) for k in marks if k.kind == "figure"}
    return {
        "source_name": Path(doc.source).name or doc.source,
        "script": "繁体" if doc.script == "traditional" else "简体",
        "meta": summary.meta,
        "doc_type": _DOC_TYPES.get(summary.meta.doc_type, summary.meta.doc_type),
        "summary_info": {"backend": summary.backend, "model": summary.model},
        "overview": overview,
        "counts": counts,
        "item_total": len(items),
        "figure_total": len(doc.figures),
        "figure_cited": sum(1 for q in doc.figures if q.source and (q.source.start, q.source.end) in cited),
        "lines": _source_lines(doc.original, marks),
        "indicators": indicators,
        "projects": projects,
        "measures": list(themes.items()),
        "problems": texts["problems"],
        "next_steps": texts["next_steps"],
        "goals": texts["goals"],
        "warnings": doc.warnings,
        "unverified_mark": UNVERIFIED_MARK,
        "data_json": script_json(data),
    }


def render_review(summary: Summary, doc: Document) -> str:
    return template_env().get_template("review.html.j2").render(**review_context(summary, doc))
