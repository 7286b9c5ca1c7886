"""Combine per-section extractions into one `Summary`, deterministically.

Duplicates (the same indicator reported by two pieces, a project named twice) are dropped by a
normalised key: name with whitespace and punctuation removed, plus the value as written. Values are
attached to the parser's figures by exact text inside the piece they came from: the model's "386.5亿元"
must be a figure the parser found there, character for character, or it stays unmatched for
grounding to judge.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable, Iterable
from typing import TypeVar

from .chunks import Chunk
from .models import Document, Quantity
from .summary import DocumentMeta, Indicator, Measure, Project, SectionExtraction, Summary, TextItem

__all__ = ["build_summary", "normalise_key"]

Item = TypeVar("Item")
_NOISE = re.compile(r"[\s，。、；：,.;:!?！？“”\"'（）()《》【】\-—]+")


def normalise_key(text: str) -> str:
    return _NOISE.sub("", unicodedata.normalize("NFKC", text)).lower()


def _figure(doc: Document, chunk: Chunk, written: str) -> Quantity | None:
    """The parser's figure in this piece whose text is exactly `written`, or contains it whole."""
    want = unicodedata.normalize("NFKC", written).strip()
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
                    value=ind.value.strip(),
                    unit=q.unit if q else "",
                    normalized=q.normalized if q else None,
                    kind=q.kind.value if q else None,
                    qualifiers=q.qualifiers if q else (),
                    change=ind.change.strip(),
                    period=ind.period.strip(),
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
        measures += [
            Measure(theme=m.theme, text=m.text.strip(), section=chunk.section) for m in part.measures
        ]
        problems += [TextItem(text=t.strip(), section=chunk.section) for t in part.problems if t.strip()]
        next_steps += [TextItem(text=t.strip(), section=chunk.section) for t in part.next_steps if t.strip()]
        goals += [TextItem(text=t.strip(), section=chunk.section) for t in part.goals if t.strip()]
    return Summary(
        source=doc.source,
        meta=meta,
        indicators=_dedupe(indicators, lambda i: normalise_key(i.name) + "|" + normalise_key(i.value)),
        projects=_dedupe(projects, lambda p: normalise_key(p.name)),
        measures=_dedupe(measures, lambda m: normalise_key(m.text)),
        problems=_dedupe(problems, lambda t: normalise_key(t.text)),
        next_steps=_dedupe(next_steps, lambda t: normalise_key(t.text)),
        goals=_dedupe(goals, lambda t: normalise_key(t.text)),
    )
