"""What a memo is about: its sections and items, from the author's outline and the report's genre.

A 简报 follows the report's own structure (docs/domain.md): each first-level heading or topic sentence
is one item, with the clauses that carry its key figures (condense.py). Items stand in sections by the
part they come from — 主要工作, 存在问题, 下步打算 … under the report's own part headings where it has
them. A part the report does not have is not in the memo. A feature or a plan with one run of items
has no section titles: its items are the memo's 一、二、三.

Summaries written before the outline existed get the same shape from their lists (measures by theme,
problems, next steps), so every memo renders through one template.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from ..core.models import StandardPart
from ..core.summary import TARGET_MODALS, GroundingStatus, Indicator, OutlineItem, Summary
from ..text.normalise import nfkc
from ..text.quantities import find_quantities
from ..text.segment import heading_label
from .condense import Clause, clauses, condense, condense_all, key_weight, render
from .gate import mark

__all__ = [
    "KEY_FIGURES",
    "PART_TITLES",
    "MemoItem",
    "MemoSection",
    "memo_sections",
    "preamble_frame",
    "preamble_lead",
]

# A section's title where the report has no part heading of its own.
PART_TITLES = {
    StandardPart.BASIC_SITUATION.value: "基本情况",
    StandardPart.MAIN_WORK.value: "主要工作",
    StandardPart.PROBLEMS.value: "存在问题",
    StandardPart.NEXT_STEPS.value: "下步打算",
    StandardPart.GUIDING_IDEAS.value: "总体思路",
    StandardPart.MAIN_GOALS.value: "主要目标",
    StandardPart.KEY_TASKS.value: "重点任务",
    StandardPart.SAFEGUARDS.value: "保障措施",
}
# Parts whose lead-in is said even without items under it (存在的问题：一是…；二是… in running text).
_SAID_ALONE = {StandardPart.PROBLEMS.value, StandardPart.NEXT_STEPS.value, StandardPart.MAIN_GOALS.value}
_LABEL_MAX = 12  # "存在的问题" "2026年工作打算": a heading this short that names a part is the part
KEY_FIGURES = 6  # the report's core results a memo must carry (the reader's checklist counts as many)
_TIME_MAX = 10  # "2021年以来，" "今年以来，": the time a framing sentence opens with
_LIST_BODY_MAX = 20  # a numbered target with at most this under it is a line of a list, not an item


@dataclass
class MemoItem:
    heading: str  # the author's heading or topic sentence; "" for a body on its own
    text: str  # the clauses kept, as written
    mark: str = ""
    left_out: int = 0  # clauses with figures the budget left out
    label: str = ""  # （一） / 一、 set when numbered


@dataclass
class MemoSection:
    title: str  # "" where the items are the memo's own 一、二、三
    items: list[MemoItem] = field(default_factory=list)
    number: str = ""


def _part_title(part: str, genre: str) -> str:
    """经济运行 figures are told by field (工业, 投资 …), not as 主要工作."""
    if genre == "economy" and part == StandardPart.MAIN_WORK.value:
        return "分领域情况"
    if genre == "plan" and part == StandardPart.NEXT_STEPS.value:
        return PART_TITLES[StandardPart.KEY_TASKS.value]  # a plan is all 下步: its tasks are its body
    if genre == "meeting" and part == StandardPart.NEXT_STEPS.value:
        return "会议部署"  # what a meeting decides and asks is its deployment, not its 下步打算
    if genre == "meeting" and part == StandardPart.MAIN_WORK.value:
        return "会议情况"
    return PART_TITLES.get(part, "")


def _is_part_label(heading: str) -> bool:
    return bool(heading) and len(heading) <= _LABEL_MAX and heading_label(heading) is not None


def _runs(entries: list[OutlineItem]) -> list[list[OutlineItem]]:
    runs: list[list[OutlineItem]] = []
    for entry in entries:
        key = (entry.group or entry.part, entry.part)
        if runs and (runs[-1][0].group or runs[-1][0].part, runs[-1][0].part) == key:
            runs[-1].append(entry)
        else:
            runs.append([entry])
    return runs


def memo_sections(
    summary: Summary, budget: int, shown: set[str] | frozenset[str] = frozenset()
) -> list[MemoSection]:
    """The memo's sections; item bodies share `budget` characters (condense.condense_all). A problem is
    said whole (a memo never drops one); `shown`: figures the table carries, which an item needs not
    repeat (基本情况 all in the table is left out)."""
    if not summary.outline:
        return _from_lists(summary)
    sections: list[MemoSection] = []
    chosen: list[tuple[MemoItem, OutlineItem]] = []

    def item(entry: OutlineItem, heading: str | None = None) -> MemoItem:
        made = MemoItem(entry.heading if heading is None else heading, "", mark(entry.grounding_status))
        chosen.append((made, entry))
        return made

    body = [e for e in summary.outline if e.kind in ("item", "intro")]
    if summary.meta.genre in _STORY_GENRES:
        # a story's lead is its first paragraph; what follows before its first item (会议听取了…，会议
        # 指出…) is what the memo reports, as items of their own
        body = [*(e.model_copy(update={"kind": "item"}) for e in _preamble(summary)[1:]), *body]
    for run in _runs(body):
        items = [e for e in run if e.kind == "item"]
        part = run[0].part
        title = run[0].group or _part_title(part, summary.meta.genre)
        if not items:  # a part said in running text: its lead-in is the section
            if part in _SAID_ALONE:
                sections.append(MemoSection(title, [item(e, "") for e in run]))
            continue
        if len(items) == 1 and _is_part_label(items[0].heading):  # 存在的问题 over its body
            if part == StandardPart.BASIC_SITUATION.value and _all_shown(items[0].text, shown):
                continue
            title = title if run[0].group else items[0].heading
            sections.append(MemoSection(title, [item(items[0], "")]))
            continue
        # a part's lead-in with figures (一、2025年工作回顾 over its indicators, then （一）…) opens it
        said = [item(e, "") for e in run if e.kind == "intro" and key_weight(e.text)]
        # a story's paragraph with neither topic nor figure is its colour (走进…现场), not an item
        if len(items) > 1 and all(
            len(e.text.strip("；;。，, ")) <= _LIST_BODY_MAX and key_weight(e.heading) for e in items
        ):
            # a list of targets numbered （一）（二）…, each a phrase with little under it: one line
            said_items = [
                e.heading.rstrip("；;。")
                + ("，" + e.text.strip("；;。，, ") if e.text.strip("；;。，, ") else "")
                for e in items
            ]
            joined = "；".join(said_items) + "。"
            sections.append(MemoSection(title, [MemoItem("", joined, mark(_worst(items)))]))
            continue
        kept = [
            e
            for e in items
            if e.heading or summary.meta.genre != "news" or any(c.weight for c in clauses(e.text))
        ]  # (a figure inside a quotation is someone's words, not the story's)
        if kept:
            sections.append(MemoSection(title, [*said, *(item(e) for e in kept)]))
    whole = [entry.part == StandardPart.PROBLEMS.value for _, entry in chosen]
    # the report's core results (vocabulary indicators) the table does not carry: their clauses first
    # (the first of them, as a reader lists them: a later 签约项目3个 of one sub-park is no core figure)
    core = [i for i in summary.memo_indicators() if i.headline and i.is_result][:KEY_FIGURES]
    key = {i.value for i in core if i.value not in shown}
    subject = (
        zone_word(summary.meta.issuer) if summary.meta.genre in _STORY_GENRES and summary.meta.issuer else ""
    )
    bodies = condense_all(
        [entry.text for _, entry in chosen], budget, whole=whole, shown=shown, key=key, subject=subject
    )
    for (made, _), (text, left) in zip(chosen, bodies, strict=True):
        made.text, made.left_out = named(text, summary), left
    return [s for s in sections if any(i.text or i.heading for i in s.items)]


def _worst(entries: list[OutlineItem]) -> GroundingStatus | None:
    statuses = [e.grounding_status for e in entries]
    return next((s for s in statuses if s is not GroundingStatus.VERIFIED), GroundingStatus.VERIFIED)


def _all_shown(text: str, shown: set[str] | frozenset[str]) -> bool:
    figures = [q.text for q in find_quantities(nfkc(text)) if q.is_figure]
    return bool(figures) and all(any(f in value for value in shown) for f in figures)


def _from_lists(summary: Summary) -> list[MemoSection]:
    """A summary from before the outline: measures by theme, then problems and next steps."""
    sections = []
    themes: dict[str, list[str]] = {}
    marks: dict[str, str] = {}
    for m in summary.measures:
        themes.setdefault(m.theme, []).append(m.text.rstrip("。；"))
        if m.grounding_status is not GroundingStatus.VERIFIED:
            marks[m.theme] = mark(m.grounding_status)
    if themes:
        sections.append(
            MemoSection(
                "主要做法",
                [
                    MemoItem(theme, "；".join(texts) + "。", marks.get(theme, ""))
                    for theme, texts in themes.items()
                ],
            )
        )
    projects = [
        MemoItem(
            p.name,
            _sentence(
                "，".join(
                    x
                    for x in (p.company, p.status if p.status != "未知" else "", p.investment, p.timeline)
                    if x
                )
            ),
            mark(p.grounding_status),
        )
        for p in summary.projects
    ]
    if projects:
        sections.insert(0, MemoSection("重点项目", projects))
    targets = [
        MemoItem("", _target(i), mark(i.grounding_status))
        for i in summary.indicators
        if i.is_target and i.role != "plan"
    ]
    for title, entries in (("存在问题", summary.problems), ("下步打算", summary.next_steps)):
        items = [MemoItem("", _sentence(e.text), mark(e.grounding_status)) for e in entries]
        items = [*targets, *items] if title == "下步打算" else items
        if items:
            sections.append(MemoSection(title, items))
    return sections


def _target(indicator: Indicator) -> str:
    """A goal as its source words it (力争 …), else named one: never readable as a result."""
    said = "".join(q for q in indicator.qualifiers if q in TARGET_MODALS)
    text = f"{said}{indicator.name}{indicator.value}" + (f"，{indicator.change}" if indicator.change else "")
    return _sentence(text + ("" if said else "（目标）"))


def _sentence(text: str) -> str:
    return text.rstrip("；;，, ") + ("" if text.rstrip().endswith(("。", "！", "？")) else "。")


_STORY_GENRES = frozenset({"news", "meeting"})


# a story's 该区 / 该开发区 is the zone the memo is about: named, as a memo names it
_THIS_ZONE = re.compile(r"该(?:开发区|高新区|园区|区)(?!域)|(?:^|(?<=[，。；]))他们(?=[\u4e00-\u9fff])")


def named(text: str, summary: Summary) -> str:
    if summary.meta.genre in _STORY_GENRES and summary.meta.issuer:
        return _THIS_ZONE.sub(zone_word(summary.meta.issuer), text)
    return text


def zone_word(issuer: str) -> str:
    """How a memo about one zone calls it inside its items: 园区, 开发区, 高新区 (its full name is in the
    title and the lead); a place keeps its name."""
    for ending, word in (
        ("高新区", "高新区"),
        ("开发区", "开发区"),
        ("经开区", "开发区"),
        ("园", "园区"),
        ("园区", "园区"),
    ):
        if issuer.endswith(ending):
            return word
    return issuer


def _preamble(summary: Summary) -> list[OutlineItem]:
    return [
        e for e in summary.outline if e.kind == "preamble" and e.grounding_status is GroundingStatus.VERIFIED
    ]


def preamble_frame(summary: Summary, limit: int = 90) -> str:
    """A 总结's own framing sentence before its figures ("2021年以来，开发区持续深化体制机制改革创新，各项
    工作均较好地实现了预期目标。"), when its opening has one that fits `limit`; else ""."""
    preamble = _preamble(summary)
    found = clauses(preamble[0].text) if preamble else []
    if not found or found[0].weight:
        return ""
    if len(found[0].text) <= limit:
        return render(found[:1])
    # a long framing sentence: its time and its conclusion (2021年以来，…，各项工作均较好地实现了预期目标)
    pieces = re.findall(r"[^，,]+[，,]?", found[0].text.rstrip("。；;"))
    when = pieces[0] if len(pieces) > 2 and len(pieces[0]) <= _TIME_MAX else ""
    frame = when + pieces[-1]
    return frame.rstrip("，,") + "。" if len(frame) <= limit and len(pieces) > 1 else ""


def preamble_lead(summary: Summary, budget: int) -> str:
    """The report's own opening, condensed: a news item's lead, a plan's frame. "" when it has none."""
    preamble = _preamble(summary)
    if not preamble:
        return ""
    if summary.meta.genre in _STORY_GENRES:
        preamble = preamble[:1]  # the rest are items (memo_sections)
    if summary.meta.genre == "plan" and len(preamble) > 1:
        # a plan opens with last year's review, then what it will do: a line of each
        review = _first_then_figures("".join(e.text for e in preamble[:-1]), budget // 2)
        return review + _opening(preamble[-1].text, summary.meta.issuer, budget - len(review))
    return named(
        _opening("".join(e.text for e in preamble), summary.meta.issuer, budget, summary.meta.genre), summary
    )


def _opening(text: str, issuer: str, budget: int, genre: str = "") -> str:
    if not key_weight(text):  # no figure: from the sentence that names the zone, as far as it fits
        found = clauses(text)
        start = next((n for n, c in enumerate(found) if issuer and issuer in c.text), 0)
        kept: list[Clause] = []
        for clause in found[start:]:
            if kept and sum(len(c.text) for c in kept) + len(clause.text) > budget:
                break
            kept.append(clause)
        return render(kept)
    if genre in ("news", "meeting", "plan"):
        # a story's first sentence about the zone is its event (召开…会议); a plan's, what it sets out
        # to do; their figures follow it
        return _first_then_figures(text, budget, issuer if genre == "news" else "")
    return condense(text, budget)[0]


def _first_then_figures(text: str, budget: int, about: str = "") -> str:
    """The opening clause (who, when, what), then the clauses with the most figures that fit.
    `about`: a story opens with the first clause naming it, not with the scene before (清晨七点……)."""
    found = clauses(text)
    if not found:
        return ""
    start = next((n for n, c in enumerate(found) if about and about in c.text), 0)
    first, rest = found[start], found[start + 1 :]
    more = condense(render(rest), budget - len(first.text))[0] if rest else ""  # stops kept between
    return render([first]) + more
