"""Combine per-section extractions into one `Summary`, deterministically.

Duplicates (the same indicator reported by two pieces, a project named twice) are dropped by a
normalised key: name with whitespace and punctuation removed, plus the value as written. Values are
attached to the parser's figures by exact text inside the piece they came from: the model's "386.5亿元"
must be a figure the parser found there, character for character, or it stays unmatched for
grounding to judge.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from typing import TypeVar

from ..core.models import Document, Quantity, StandardPart
from ..core.summary import DocumentMeta, Indicator, Measure, Project, SectionExtraction, Summary, TextItem
from ..text.normalise import dedupe_key, nfkc
from ..text.periods import PERIOD_WORD
from .chunks import Chunk

__all__ = ["build_summary"]

Item = TypeVar("Item")
_CLAUSE_BREAK = re.compile(r"[，,；;。]")


def _period_before(doc: Document, q: Quantity) -> str:
    """The period the source states before this figure in its paragraph, or "" if it states none.

    Read from the text, not taken from the model: a 1.5B model labels everything 全年, and a digest
    that trusted it would compare nine months with twelve."""
    start = doc.cleaned.rfind("\n", 0, q.span.start) + 1
    found = PERIOD_WORD.findall(doc.cleaned, start, q.span.start)
    return re.sub(r"\s+", "", found[-1]) if found else ""


def _figure(doc: Document, chunk: Chunk, written: str) -> Quantity | None:
    """The parser's figure in this piece whose text is exactly `written`, or contains it whole."""
    want = nfkc(written).strip()
    if not want:
        return None
    inside = [q for q in doc.figures if chunk.start <= q.span.start and q.span.end <= chunk.end]
    exact = [q for q in inside if q.text == want]
    if exact:
        return exact[0]
    # "总投资18.6亿元" written for the figure "18.6亿元": the figure must appear whole in the answer
    contained = [q for q in inside if q.text in want]
    return max(contained, key=lambda q: len(q.text)) if contained else None


def _dedupe(items: Iterable[Item], key: Callable[[Item], str]) -> list[Item]:
    seen: set[str] = set()
    kept: list[Item] = []
    for item in items:
        k = key(item)
        if k not in seen:
            seen.add(k)
            kept.append(item)
    return kept


def _inside_part(doc: Document, chunk: Chunk, part: StandardPart) -> bool:
    """Whether the piece lies wholly within a section the segmenter labelled `part`."""
    return any(
        node.label is part and node.span.start <= chunk.start and chunk.end <= node.span.end
        for node in doc.outline.walk()
        if node.kind == "heading"
    )


_ITEM_MARKER = re.compile(
    r"^(?:[一二三四五六七八九十]+是|第[一二三四五六七八九十]+[，、,]?|首先|其次|再次|最后)[，、,：:]?"
)


def _section_items(doc: Document, part: StandardPart, limit: int) -> list[TextItem]:
    """The 一是/二是 items (else the sentences) under the section labelled `part`, quoted exactly."""
    heading = next((n for n in doc.outline.walk() if n.kind == "heading" and n.label is part), None)
    if heading is None:
        return []
    nodes = [n for n in heading.walk() if n.kind == "item"] or [
        n for n in heading.walk() if n.kind == "sentence"
    ]
    items = []
    for node in nodes[:limit]:
        text = _ITEM_MARKER.sub("", doc.cleaned[node.span.start : node.span.end].strip()).strip("；;。 \n")
        if len(text) >= 4:
            items.append(TextItem(text=text, section=f"{heading.marker or ''}{heading.title or ''}"))
    return items


def build_summary(doc: Document, meta: DocumentMeta, parts: list[tuple[Chunk, SectionExtraction]]) -> Summary:
    indicators: list[Indicator] = []
    projects: list[Project] = []
    measures: list[Measure] = []
    problems: list[TextItem] = []
    next_steps: list[TextItem] = []
    goals: list[TextItem] = []
    for chunk, part in parts:
        for ind in part.indicators:
            q = _figure(doc, chunk, ind.value)
            indicators.append(
                Indicator(
                    name=ind.name.strip(),
                    # "工业投资占比偏低，仅为41.3%" is a clause, not a value: keep the figure as written
                    # ("增长10%" stays whole: its direction word is part of the value)
                    value=q.text if q and _CLAUSE_BREAK.search(ind.value) else ind.value.strip(),
                    unit=q.unit if q else "",
                    normalized=q.normalized if q else None,
                    kind=q.kind.value if q else None,
                    qualifiers=q.qualifiers if q else (),
                    change=ind.change.strip(),
                    period=_period_before(doc, q) if q else ind.period.strip(),
                    section=chunk.section,
                    source=q.source if q else None,
                )
            )
        for proj in part.projects:
            q = _figure(doc, chunk, proj.investment) if proj.investment else None
            projects.append(
                Project(
                    name=proj.name.strip(),
                    company=proj.company.strip(),
                    investment=proj.investment.strip(),
                    investment_normalized=q.normalized if q else None,
                    status=proj.status,
                    timeline=proj.timeline.strip(),
                    section=chunk.section,
                    source=q.source if q else None,
                )
            )
        if _inside_part(doc, chunk, StandardPart.NEXT_STEPS):
            # Under 下步打算 every "做法" is a plan, not something done: small models file them as
            # measures, and a memo would then report plans as achievements.
            next_steps += [TextItem(text=m.text.strip(), section=chunk.section) for m in part.measures]
        else:
            measures += [
                Measure(theme=m.theme, text=m.text.strip(), section=chunk.section) for m in part.measures
            ]
        problems += [TextItem(text=t.strip(), section=chunk.section) for t in part.problems if t.strip()]
        next_steps += [TextItem(text=t.strip(), section=chunk.section) for t in part.next_steps if t.strip()]
        goals += [TextItem(text=t.strip(), section=chunk.section) for t in part.goals if t.strip()]
    # A small model sometimes returns no problems for a section that lists them: the memo must not
    # lose them (去问题化 is the genre's worst habit), so the section's own items are quoted instead.
    problems = problems or _section_items(doc, StandardPart.PROBLEMS, 5)
    next_steps = next_steps or _section_items(doc, StandardPart.NEXT_STEPS, 6)
    found_parts = {n.label.value for n in doc.outline.walk() if n.kind == "heading" and n.label is not None}
    return Summary(
        source=doc.source,
        meta=meta,
        parts=[p.value for p in StandardPart if p.value in found_parts],
        indicators=_dedupe(indicators, lambda i: dedupe_key(i.name) + "|" + dedupe_key(i.value)),
        projects=_dedupe(projects, lambda p: dedupe_key(p.name)),
        measures=_dedupe(measures, lambda m: dedupe_key(m.text)),
        problems=_dedupe(problems, lambda t: dedupe_key(t.text)),
        next_steps=_dedupe(next_steps, lambda t: dedupe_key(t.text)),
        goals=_dedupe(goals, lambda t: dedupe_key(t.text)),
    )
