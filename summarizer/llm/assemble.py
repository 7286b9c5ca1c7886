"""Skeleton + checked model answers -> `Summary`, deterministically.

Each item takes the model's checked answer for its id when there is one, and its skeleton form
otherwise: a fact keeps the vocabulary's name or the parser's subject, a list item its title
sentence (or its first clause), a project the name the rules read. Values, units, growth rates,
periods, roles and spans are always the skeleton's.
"""

from __future__ import annotations

import re
from collections import Counter
from typing import Any

from ..core.models import Document
from ..core.summary import (
    Coverage,
    DocumentMeta,
    Form,
    Indicator,
    Measure,
    OutlineItem,
    Project,
    Summary,
    TextItem,
)
from ..skeleton.build import change_text, is_growth
from ..skeleton.types import Fact, ListItem, ProjectCandidate, Skeleton

__all__ = ["assemble"]

_DOC_TYPES = {"plan", "summary", "summary_with_next_steps", "news", "other"}
_CLAUSE = re.compile(r"[，,；;：:]")
_FALLBACK_MAX = 60
MISSING_NAME = "（指标名称待补）"  # visible: neither the parser nor the model could name the figure


def _fact_name(fact: Fact, answer: Any) -> tuple[str, Form]:
    if fact.canonical:
        return fact.canonical, "vocabulary"
    if isinstance(answer, str):
        return answer, "model"
    if fact.subject:  # the source's own subject, read by skeleton/names.py
        return fact.subject, "source"
    return MISSING_NAME, "source"


def _item_text(item: ListItem, answer: Any) -> tuple[str, Form]:
    if item.short:
        return item.short, "source"
    if isinstance(answer, str):
        return answer, "model"
    first = re.split(r"[。；;！？]", item.text, maxsplit=1)[0].strip()
    if len(first) <= _FALLBACK_MAX:
        return first, "source"
    # A long first sentence is cut at the last clause break that fits: still the source's own words.
    cut = max((m.start() for m in _CLAUSE.finditer(first, 0, _FALLBACK_MAX)), default=_FALLBACK_MAX)
    return first[:cut] + "……", "source"


def _indicator(fact: Fact, answer: Any) -> Indicator:
    q = fact.value
    name, named_by = _fact_name(fact, answer)
    # A growth rate standing alone (进出口总额同比下降4.2%) is its own value, with its direction: "4.2%"
    # alone would read as a level, and as a rise.
    value = change_text(q) if is_growth(q) else q.shown or q.text  # 256.4 under 亿元: 256.4亿元
    return Indicator(
        id=fact.id,
        name=name,
        value=value,
        unit=q.unit,
        normalized=q.normalized,
        kind=q.kind.value,
        qualifiers=q.qualifiers,
        change="，".join(change_text(c) for c in fact.changes),
        period=fact.period,
        section=fact.section,
        part=fact.part,
        source=q.source,
        role=fact.role,
        headline=fact.headline,
        named_by=named_by,
    )


def _project(candidate: ProjectCandidate, answer: Any) -> Project:
    name, company, status, named_by = candidate.name, candidate.company, candidate.status, "source"
    if isinstance(answer, dict):
        name, company, named_by = answer["name"], answer["company"], "model"
        if status == "未知":  # the rules' reading of the clause wins over the model's (计划 stays 计划)
            status = answer["status"]
    if not name:
        name = candidate.clause  # the source clause, whole: never cut mid-word
    q = candidate.investment
    return Project(
        id=candidate.id,
        name=name,
        company=company,
        investment=q.text if q else "",
        investment_normalized=q.normalized if q else None,
        status=status,
        section=candidate.section,
        source=q.source if q else None,
        named_by=named_by,  # type: ignore[arg-type]
    )


def assemble(doc: Document, skeleton: Skeleton, answers: dict[str, Any], *, asked: int) -> Summary:
    indicators = [_indicator(f, answers.get(f.id)) for f in skeleton.facts]
    measures: list[Measure] = []
    lists: dict[str, list[TextItem]] = {"problem": [], "next_step": [], "goal": []}
    for item in skeleton.items:
        text, form = _item_text(item, answers.get(item.id))
        if item.kind in ("measure", "safeguard"):
            theme = item.theme or ("其他" if item.kind == "measure" else "营商环境")
            measures.append(Measure(id=item.id, theme=theme, text=text, section=item.section, form=form))
        else:
            # a heading and its body ("主要目标\n力争…") read as one line: 主要目标：力争…
            body = re.sub(r"^(.{2,12}?)\s*\n\s*", r"\1：", item.text.strip()).replace("\n", "")
            detail = body if body.rstrip("。；;") != text.rstrip("。；;") and form == "source" else ""
            lists[item.kind].append(
                TextItem(id=item.id, text=text, detail=detail, section=item.section, form=form)
            )
    projects = [_project(p, answers.get(p.id)) for p in skeleton.projects]
    named = sum(1 for ident in answers if ident)
    coverage = Coverage(
        figures_in_body=len(doc.figures),
        facts=len(skeleton.facts),
        rates_attached=sum(len(f.changes) for f in skeleton.facts),
        by_role=dict(Counter(f.role for f in skeleton.facts)),
        items=dict(Counter(i.kind for i in skeleton.items)),
        projects=len(skeleton.projects),
        asked=asked,
        named_by_model=named,
        skeleton_form=asked - named,
    )
    return Summary(
        source=doc.source,
        meta=DocumentMeta(
            title=skeleton.title,
            issuer=skeleton.issuer,
            period=skeleton.period,
            doc_type=skeleton.doc_type if skeleton.doc_type in _DOC_TYPES else "other",  # type: ignore[arg-type]
            genre=skeleton.genre,  # type: ignore[arg-type]
            genre_name=skeleton.genre_name,
            placeholders=skeleton.placeholders,
        ),
        outline=[
            OutlineItem(
                id=e.id,
                kind=e.kind,
                heading=e.heading,
                text=e.text,
                part=e.part,
                group=e.group,
                source=doc.offsets.to_original(e.span.start, e.span.end),
            )
            for e in skeleton.outline
        ],
        indicators=indicators,
        projects=projects,
        measures=measures,
        problems=lists["problem"],
        next_steps=lists["next_step"],
        goals=lists["goal"],
        parts=skeleton.parts,
        coverage=coverage,
    )
