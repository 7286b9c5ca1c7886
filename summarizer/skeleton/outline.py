"""The author's outline: the headings and topic sentences a memo's items are made of.

A report says what matters in its own structure: first-level headings ("一、以项目建设的加速度推进…"),
or, in a feature without headings, each paragraph's topic sentence ("实施西部拓展工程，切实提高园区
承载力。"). Each becomes one entry with the body under it, as written; the paragraphs before the first
entry are the preamble (a news item's lead, a summary's overview). A part heading holding headings of
its own (二、下半年工作打算 over （一）（二）…) lends its title to them as their group.
"""

from __future__ import annotations

import re

from ..core.models import Document, Section, Span, StandardPart
from ..text.segment import SENTENCE_BREAK
from .parts import PartMap
from .types import OutlineEntry

__all__ = ["TOPIC_SENTENCE_MAX", "memo_outline", "topic_sentence"]

TOPIC_SENTENCE_MAX = 32  # "通过产业集群升级改造工程，全力打造工业经济的新高地。" is 26
_DIGIT = re.compile(r"[0-9０-９]")
_NARRATION = re.compile(r"^(?:他|她|该|据|记者|近日|日前|目前|截至|截止|今年以来|同时|此外|但|而)")
_TITLE_PREFIX_MIN = 8
_ASPECT = re.compile(r"^(?:在|从)?(?P<topic>[\u4e00-\u9fff、]{2,10}?)(?:方面|工作中|领域)[，,]")
# a speech's byline under its title: "——2026年1月12日在…大会上" / "区长 XXX"
_BYLINE = re.compile(
    r"^(?:[—－-]{1,2}|（\s*20\d\d年\d{1,2}月\d{1,2}日)|^[^。]{0,30}(?:会议|大会)上[^。]{0,12}$|^[^。，]{1,15}$"
)


def topic_sentence(paragraph: str) -> str:
    """The paragraph's first sentence when it states a topic: short, no figure, not narration."""
    first = SENTENCE_BREAK.split(paragraph.strip(), maxsplit=1)[0].strip()
    if not first or len(first) > TOPIC_SENTENCE_MAX or len(first) == len(paragraph.strip().rstrip("。")):
        return ""
    if _DIGIT.search(first) or _NARRATION.match(first):
        return ""
    return first


def _body_after_title(text: str, node: Section) -> tuple[int, int]:
    """Where a heading's body starts: after its marker, its title and the stop after it."""
    start = node.span.start
    if node.title:
        at = text.find(node.title, start, node.span.end)
        start = at + len(node.title) if at >= 0 else start
    while start < node.span.end and text[start] in "。.：: \t\n":
        start += 1
    return start, node.span.end


def _cut_at_part_change(start: int, end: int, parts: PartMap) -> int:
    """An entry never runs into the next part: "下半年，开发区将…" after the last result ends it."""
    return min([end, *(offset for offset, _ in parts.events if start < offset < end)])


def _strip_title(paragraph: str, title: str) -> str:
    """A scraped page repeats the title glued to the first sentence ("…工作总结和下步打算2021年以来，")."""
    if not title:
        return paragraph
    common = 0
    for a, b in zip(paragraph, title, strict=False):
        if a != b:
            break
        common += 1
    if common >= min(len(title), _TITLE_PREFIX_MIN) and common >= _TITLE_PREFIX_MIN:
        return paragraph[common:].lstrip("，。： \n")
    return paragraph


_SIGNATURE_LINE = re.compile(r"^(?:[^。，,；;：:！？]{2,24}|(?:19|20)\d\d年\d{1,2}月\d{1,2}日)$")


def _before_signature(text: str, start: int, end: int) -> int:
    """Where a body ends before the signature under the report's last paragraph (云塘高新区经济发展局 /
    2025年12月26日): short lines without a stop, after a line that ends a sentence."""
    lines = text[start:end].rstrip().split("\n")
    kept = len(lines)
    while kept > 1 and (not lines[kept - 1].strip() or _SIGNATURE_LINE.match(lines[kept - 1].strip())):
        kept -= 1
    if kept == len(lines) or not lines[kept - 1].rstrip().endswith(("。", "！", "？")):
        return end
    return start + len("\n".join(lines[:kept]))


class _Builder:
    def __init__(self, doc: Document, parts: PartMap, title: str) -> None:
        self.doc, self.parts, self.title = doc, parts, title
        self.entries: list[OutlineEntry] = []
        self.preamble: list[tuple[int, int]] = []

    def add(self, kind: str, heading: str, start: int, end: int, group: str = "") -> None:
        whole, end = end, _cut_at_part_change(start, end, self.parts)
        self._entry(kind, heading, start, end, group)
        if kind in ("preamble", "item") and not heading:
            # a paragraph running on into the next part (a scraped page on one line: …83.4%。二、下半年
            # 工作打算下半年，…): what follows the change is that part's intro, one per part
            while end < whole:
                following = _cut_at_part_change(end, whole, self.parts)
                self._entry("intro", "", end, following, "")
                end = following

    def _entry(self, kind: str, heading: str, start: int, end: int, group: str = "") -> None:
        body = self.doc.cleaned[start:end].strip()
        if not body and not heading:
            return
        self.entries.append(
            OutlineEntry(
                id=f"o{len(self.entries) + 1}",
                kind=kind,  # type: ignore[arg-type]
                heading=heading,
                text=body,
                part=self.parts.at(start if body else max(0, start - 1)).value,
                group=group,
                span=Span(start=start, end=end),
            )
        )

    def heading(self, node: Section, group: str = "") -> None:
        sub = [c for c in node.children if c.kind == "heading"]
        if len(sub) >= 2:  # a part over headings of its own: its headings are the entries
            first = sub[0].span.start
            start, _ = _body_after_title(self.doc.cleaned, node)
            if self.doc.cleaned[start:first].strip():
                self.add("intro", "", start, first, group=node.title or "")
            for child in node.children:
                if child.kind == "heading":
                    self.heading(child, group=node.title or "")
            return
        start, end = _body_after_title(self.doc.cleaned, node)
        end = _before_signature(self.doc.cleaned, start, end)
        self.add("item", (node.title or "").strip().rstrip("。"), start, end, group)
        # text after a part change inside this heading (the 下半年 lead-in, 存在的问题：…) is the
        # next part's intro, one per part
        cut = _cut_at_part_change(start, end, self.parts)
        while cut < end:
            following = _cut_at_part_change(cut, end, self.parts)
            if self.doc.cleaned[cut:following].strip():
                self.add("intro", "", cut, following)
            cut = following

    def paragraph(self, node: Section, topics: bool, before_headings: bool) -> None:
        """Before a report's first heading, paragraphs are its preamble; in a story without headings
        the first paragraph is (its lead) and each later one an item, by its topic sentence if any."""
        text = self.doc.cleaned[node.span.start : node.span.end]
        if not text.strip() or text.strip() == self.title or _BYLINE.match(text.strip()):
            return
        aspect = _ASPECT.match(text.strip())
        if aspect and any(e.kind == "preamble" for e in self.entries):
            # "在项目建设方面，…": the paragraph's topic is the aspect it names
            start = node.span.start + text.find(aspect.group()) + len(aspect.group())
            self.add("item", aspect.group("topic"), start, node.span.end)
            return
        topic = topic_sentence(text) if topics else ""
        if topic:
            at = text.find(topic) + len(topic)
            while at < len(text) and text[at] in "。！？ \n":
                at += 1
            self.add("item", topic, node.span.start + at, node.span.end)
        elif not self.entries or (before_headings and not any(e.kind == "item" for e in self.entries)):
            self.add("preamble", "", node.span.start, node.span.end)
        else:
            self.add("item", "", node.span.start, node.span.end)


def memo_outline(doc: Document, parts: PartMap, title: str) -> list[OutlineEntry]:
    """Preamble, then one entry per first-level heading (or per paragraph, by its topic sentence)."""
    builder = _Builder(doc, parts, title)
    top = doc.outline.children
    headings = [n for n in top if n.kind == "heading"]
    # a story told in topic paragraphs: most paragraphs after its lead open with a topic sentence
    body = [n for n in top if n.kind == "paragraph"][1:]
    with_topic = sum(1 for n in body if topic_sentence(doc.cleaned[n.span.start : n.span.end]))
    topics = len(headings) < 2 and with_topic >= 2 and with_topic * 2 >= len(body)
    paragraphs = [
        n for n in top if n.kind == "paragraph" and doc.cleaned[n.span.start : n.span.end].strip() != title
    ]
    # a feature opens with its lead paragraph, whatever its first sentence looks like ("新春伊始，乍暖还寒。")
    lead = paragraphs[0] if topics and paragraphs else None
    for node in top:
        if node is lead:
            builder.add("preamble", "", node.span.start, node.span.end)
        elif node.kind == "heading":
            builder.heading(node)
        elif headings and node.span.start > headings[0].span.start:
            builder.add("closing", "", node.span.start, node.span.end)
        else:
            builder.paragraph(node, topics, before_headings=bool(headings))
    entries = builder.entries
    for entry in entries:
        if entry.kind == "preamble":
            entry.text = _strip_title(entry.text, title)
    # a feature's last paragraph without a topic or a figure is its closing line, not an item; a
    # part of its own (存在问题：…) never is
    last = entries[-1] if entries else None
    closing = last and last.kind == "item" and not last.heading and not _DIGIT.search(last.text)
    if (
        topics
        and last
        and closing
        and last.part in (StandardPart.MAIN_WORK.value, StandardPart.KEY_TASKS.value)
    ):
        last.kind = "closing"
    return [e for e in entries if e.text or e.heading]
