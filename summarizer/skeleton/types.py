"""What the skeleton holds: facts, list items and project candidates, each with a stable id."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal

from ..core.models import Quantity, Span

__all__ = [
    "ROLES",
    "Fact",
    "ItemKind",
    "ListItem",
    "OutlineEntry",
    "OutlineKind",
    "ProjectCandidate",
    "Role",
    "Skeleton",
    "Unit",
]

# result: achieved in the report's own period; estimate: the same, stated as 预计/初步统计;
# target: 确保/力争/目标, or anything in 下步打算/主要目标 or about a later period; plan: a yardstick
# (安排/计划投资/年度计划); problem: evidence of a problem (inside 存在问题).
Role = Literal["result", "estimate", "target", "plan", "problem"]
ROLES: tuple[Role, ...] = ("result", "estimate", "target", "plan", "problem")
ItemKind = Literal["measure", "problem", "next_step", "safeguard", "goal"]


@dataclass
class Fact:
    id: str  # "f1", "f2" … in document order
    value: Quantity  # the figure itself (never a growth rate that belongs to another figure)
    changes: list[Quantity]  # growth rates attached to it (同比增长12.4%)
    subject: str  # the parser's subject, "" when it found none
    clause: str  # the source text from the clause start to the figure's end (cleaned)
    period: str  # period words the source puts before it (1-9月, 上半年), "" if none
    role: Role
    section: str  # heading path
    part: str = ""  # the standard part it stands in (主要目标, 下步打算 …): what a plan's tables draw on
    canonical: str = ""  # the vocabulary's name when the subject matches one (规上工业总产值)
    # the sentence around the figure, which stands in 〖〗: where an elliptical subject is found
    context: str = ""
    neighbours: tuple[str, ...] = ()  # the names of the other figures of its sentence (never its own)
    headline: bool = False  # a core indicator of the report's own period


@dataclass
class ListItem:
    id: str  # "m1" measures, "p1" problems, "n1" next steps, "s1" safeguards, "g1" goals
    kind: ItemKind
    text: str  # the whole item as written (marker removed)
    short: str  # its title sentence when that is short enough to stand alone, else ""
    theme: str  # 主要做法 theme from the heading or the item's own words; "" when unknown
    section: str
    span: Span  # cleaned text
    fact_ids: list[str] = field(default_factory=list)


@dataclass
class ProjectCandidate:
    id: str  # "j1" …
    clause: str  # the clause that names the project
    name: str  # the name the rules can read ("" when they cannot)
    investment: Quantity | None
    status: str  # from the clause's words; 计划 for anything in a plan part; 未知 when silent
    section: str
    span: Span
    company: str = ""  # the company the clause names (…有限公司, …集团), "" when none


OutlineKind = Literal["preamble", "item", "intro", "closing"]


@dataclass
class OutlineEntry:
    """One item of the author's outline: a heading or topic sentence and the body under it, as written.
    preamble: text before the first item (a news lead); intro: a part's lead-in (下半年，开发区将…);
    closing: a feature's last line."""

    id: str  # "o1" …
    kind: OutlineKind
    heading: str  # without marker and final stop; "" for a preamble, an intro, a paragraph without topic
    text: str  # the body under it (cleaned)
    part: str  # the standard part at its start (主要工作, 下步打算 …)
    group: str  # the title of the part heading it stands under, "" when none
    span: Span  # cleaned text, body only


@dataclass
class Unit:
    """A stretch of the report the model names in one call: its section text and the ids in it."""

    section: str
    start: int
    end: int
    ids: list[str]


@dataclass
class Skeleton:
    issuer: str
    period: str
    title: str
    doc_type: str
    facts: list[Fact]
    items: list[ListItem]
    projects: list[ProjectCandidate]
    parts: list[str]  # standard parts the report has (存在问题, 下步打算 …), by heading or cue
    units: list[Unit] = field(default_factory=list)
    genre: str = "summary"  # genre.GENRES
    genre_name: str = ""  # what the memo calls it (工作思路 as the title says, else the genre's name)
    placeholders: int = 0  # figures written as blanks (XX亿元): a template when several
    outline: list[OutlineEntry] = field(default_factory=list)

    def to_json(self) -> dict[str, object]:
        """A plain view for `inspect --skeleton --json`: figures as written, spans in cleaned text."""
        return {
            "issuer": self.issuer,
            "period": self.period,
            "title": self.title,
            "doc_type": self.doc_type,
            "parts": self.parts,
            "facts": [
                {
                    "id": f.id,
                    "value": f.value.text,
                    "changes": [c.text for c in f.changes],
                    "subject": f.subject,
                    "canonical": f.canonical,
                    "period": f.period,
                    "role": f.role,
                    "headline": f.headline,
                    "section": f.section,
                    "span": [f.value.span.start, f.value.span.end],
                }
                for f in self.facts
            ],
            "items": [
                {
                    "id": i.id,
                    "kind": i.kind,
                    "short": i.short,
                    "text": i.text,
                    "theme": i.theme,
                    "section": i.section,
                    "span": [i.span.start, i.span.end],
                    "facts": i.fact_ids,
                }
                for i in self.items
            ],
            "projects": [
                {
                    "id": p.id,
                    "name": p.name,
                    "clause": p.clause,
                    "status": p.status,
                    "investment": p.investment.text if p.investment else "",
                    "section": p.section,
                }
                for p in self.projects
            ],
        }
