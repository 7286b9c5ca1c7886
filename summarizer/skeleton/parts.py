"""Which standard part of a report each position belongs to: results, problems, next steps, goals …

Headings the segmenter labelled (存在问题, 下步打算 …) decide inside their span. Many real reports have
no such heading: "下半年，开发区将…" or "存在的问题：" opens the part in running text (seen in scraped
half-year summaries). Such a cue, at a sentence start, opens its part until the next cue or labelled
heading. Before any cue the part is the document's default: 主要工作 for a summary, 重点任务 for a plan.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass

from ..core.models import Document, Section, StandardPart
from ..text.segment import heading_label

__all__ = ["PartMap", "part_map"]

# Cues that open a part in running text; each must stand at a sentence start.
_CUES: list[tuple[StandardPart, re.Pattern[str]]] = [
    (
        StandardPart.PROBLEMS,
        re.compile(
            r"(?:当前|目前|工作中|同时|但)?[，,]?(?:[^。；]{0,12}还)?(?:存在的?(?:主要)?问题|(?:存在|面临)(?:着)?(?:一些|以下|不少)?(?:困难和问题|困难和挑战|问题和挑战|风险挑战|问题和不足|问题|不足)|主要问题|困难和问题|问题和不足"
            r"|存在的?(?:困难|不足)|短板和不足|不足之处)(?:和不足|及原因)?(?:[：:。，,]|主要(?:是|有|表现)|(?=[一二三四五六七八九十]是))"
        ),
    ),
    (
        StandardPart.NEXT_STEPS,
        re.compile(
            r"(?:下步(?:打算|工作|安排|计划)[：:]?|下一步(?:工作)?(?:打算|计划|安排|思路|重点)?|下一阶段|下半年(?:工作)?(?:打算|计划|安排|重点)"
            r"|下半年[，,]?[^。]{0,12}(?:将|要|计划|力争)|今后(?:一个时期)?[，,]|明年[，,]?[^。]{0,12}(?:将|要|计划|力争)"
            r"|20\d\d年[，,][^。，]{0,10}将"
            r"|(?:20\d\d)年(?:工作)?(?:打算|思路|计划|安排|重点)"
            # a meeting's deployment: what it asks of the zone is its next steps
            r"|会议(?:要求|强调|部署|明确|提出|号召)[，,：:]|会议(?:研究)?(?:决定|议定)[：:，,]?)"
        ),
    ),
    (StandardPart.SAFEGUARDS, re.compile(r"保障措施|(?:工作)?保障[：:]")),
]
_SENTENCE_START = re.compile(r"(?:^|(?<=[。！？；\n]))\s*")
_INLINE_MARKER = re.compile(r"[一二三四五六七八九十]{1,2}、|[（(][一二三四五六七八九十]{1,2}[)）]")

# Parts whose figures are not results of the report's own period.
FORWARD_PARTS = frozenset(
    {StandardPart.NEXT_STEPS, StandardPart.MAIN_GOALS, StandardPart.KEY_TASKS, StandardPart.GUIDING_IDEAS}
)


@dataclass(frozen=True)
class _Labelled:
    start: int
    end: int
    label: StandardPart


class PartMap:
    """`at(offset)`: the innermost labelled heading containing the offset, else the last cue or labelled
    heading before it, else the default."""

    def __init__(
        self, labelled: list[_Labelled], cues: list[tuple[int, StandardPart]], default: StandardPart
    ):
        self.labelled = labelled
        self.cues = sorted(cues)
        self.events = sorted([*cues, *((h.start, h.label) for h in labelled)])
        self.starts = [offset for offset, _ in self.events]
        self.default = default

    def at(self, offset: int) -> StandardPart:
        inside = [h for h in self.labelled if h.start <= offset < h.end]
        if inside:
            heading = min(inside, key=lambda h: h.end - h.start)
            # a cue inside the heading opens its own part there ("…还面临不少困难和挑战：" at the end
            # of 一、2025年工作回顾)
            cues = [part for at, part in self.cues if heading.start < at <= offset]
            return cues[-1] if cues else heading.label
        i = bisect_right(self.starts, offset)
        return self.events[i - 1][1] if i else self.default

    def present(self) -> list[StandardPart]:
        return list(dict.fromkeys(label for _, label in self.events))


def _labelled_headings(outline: Section) -> list[_Labelled]:
    return [
        _Labelled(n.span.start, n.span.end, n.label)
        for n in outline.walk()
        if n.kind == "heading" and n.label is not None
    ]


_BARE_HEADING_MAX = 12  # 存在的主要问题: a part's name standing alone on its line
_NUMBERED = re.compile(r"[（(]?[一二三四五六七八九十\d]{1,3}[）)、.．]|第[一二三四五六七八九十]+部分")


def _bare_headings(text: str) -> list[tuple[int, StandardPart]]:
    """Lines that are nothing but a part's name (存在问题, 下步打算：), as a Word file gives a heading
    whose number is a style's, or a writer types it without one: each opens its part."""
    found = []
    at = 0
    for line in text.split("\n"):
        name = line.strip().rstrip("：:")
        numbered = _NUMBERED.match(name) is not None  # （一）主要目标: the segmenter's heading, its own part
        if name and not numbered and len(name) <= _BARE_HEADING_MAX and not re.search("[，,。；;！？]", name):
            label = heading_label(name)
            if label is not None:
                found.append((at, label))
        at += len(line) + 1
    return found


def _cues(text: str) -> list[tuple[int, StandardPart]]:
    found: list[tuple[int, StandardPart]] = _bare_headings(text)
    bare = {at for at, _ in found}
    for start in _SENTENCE_START.finditer(text):
        at = start.end()
        # a heading run into the text of a scraped page: "…达到83.4%。二、下半年工作打算下半年，…"
        marker = _INLINE_MARKER.match(text, at)
        if at in bare:
            continue
        for part, pattern in _CUES:
            if pattern.match(text, at) or (marker and pattern.match(text, marker.end())):
                found.append((at, part))
                break
    return found


def part_map(doc: Document, *, plan: bool) -> PartMap:
    default = StandardPart.KEY_TASKS if plan else StandardPart.MAIN_WORK
    return PartMap(_labelled_headings(doc.outline), _cues(doc.cleaned), default)
