"""Summaries written by hand for renderer tests: what a model-era summary file may hold.

Deliverables are tested on summaries with exactly the items a test needs (an unverified 税收, a
project amount the report does not hold), which structure-first extraction would never produce from
the report itself. `written_summary` builds one the way a summary JSON edited by hand would look,
then it is grounded against the report like any summary file a user brings.
"""

from __future__ import annotations

from typing import Any

from summarizer.core.models import Document, Quantity
from summarizer.core.summary import DocumentMeta, Indicator, Measure, Project, Summary, TextItem
from summarizer.grounding.ground import apply_policy, ground
from summarizer.text.normalise import nfkc
from summarizer.text.periods import PERIOD_WORD


def _figure(doc: Document, written: str) -> Quantity | None:
    """The parser's figure written exactly so, or the longest one the text contains whole."""
    want = nfkc(written).strip()
    exact = [q for q in doc.figures if q.text == want]
    contained = [q for q in doc.figures if want and q.text in want]
    return exact[0] if exact else max(contained, key=lambda q: len(q.text)) if contained else None


def _period(doc: Document, q: Quantity | None) -> str:
    if q is None:
        return ""
    line = doc.cleaned.rfind("\n", 0, q.span.start) + 1
    found = PERIOD_WORD.findall(doc.cleaned, line, q.span.start)
    return "".join(found[-1].split()) if found else ""


def written_summary(doc: Document, meta: dict[str, Any], items: dict[str, Any]) -> Summary:
    indicators = []
    for ind in items.get("indicators", []):
        q = _figure(doc, ind["value"])
        indicators.append(
            Indicator(
                name=ind["name"],
                value=ind["value"],
                change=ind.get("change", ""),
                unit=q.unit if q else "",
                normalized=q.normalized if q else None,
                kind=q.kind.value if q else None,
                qualifiers=q.qualifiers if q else (),
                period=_period(doc, q),
                source=q.source if q else None,
            )
        )
    projects = []
    for proj in items.get("projects", []):
        q = _figure(doc, proj["investment"]) if proj.get("investment") else None
        projects.append(
            Project(
                name=proj["name"],
                company=proj.get("company", ""),
                investment=proj.get("investment", ""),
                investment_normalized=q.normalized if q else None,
                status=proj.get("status", "未知"),
                source=q.source if q else None,
            )
        )
    summary = Summary(
        source=doc.source,
        meta=DocumentMeta(**{"doc_type": "summary", **meta}),
        indicators=indicators,
        projects=projects,
        measures=[Measure(theme=m["theme"], text=m["text"]) for m in items.get("measures", [])],
        problems=[TextItem(text=t) for t in items.get("problems", [])],
        next_steps=[TextItem(text=t) for t in items.get("next_steps", [])],
        goals=[TextItem(text=t) for t in items.get("goals", [])],
        parts=[n.label.value for n in doc.outline.walk() if n.kind == "heading" and n.label is not None],
    )
    return apply_policy(summary, ground(summary, doc), "flag")
