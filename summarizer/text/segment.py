"""Section tree of a cleaned report: GB/T 9704 headings, paragraphs, 一是 items and sentences.

Rules (all spans are in the cleaned text, half-open, trimmed of surrounding whitespace):

- Headings: rank 0 `第一部分/第一章/第一篇`, rank 1 `一、`, rank 2 `（一）`/`(一)`, rank 3 `1.`/`1．`/`1、`,
  rank 4 `（1）`/`(1)`. `level` is the GB/T level (rank 0 reports level 1, since a 第一部分 that holds
  一、 headings is still a first-level part); nesting follows rank, so a heading attaches to the
  nearest open heading of a smaller rank.
- A marker at the start of a line is a heading unless it is a decimal (1.5亿) or an enumeration
  (1、2号, 一、二期). A marker inside a line (document sites glue the whole body into one line) counts
  only right after 。！？； and only when it continues the sequence at its rank or starts a new one
  (ordinal 1); "…。(3)…" after a (1) is therefore text, not a heading.
- Title: text after the marker up to the first 。！？；or ：, or to the end of the line/segment; the rest
  of the line is a paragraph child. The terminator belongs to the heading's own span.
- Paragraph: each non-blank line, or the part of a line between inline headings. A document title line
  ("…2025年工作计划") stays an ordinary paragraph; it only tells labelling whether this is a plan.
- Items: 一是/二是…, 第一，/第二，…, 首先，/其次，/再次，/最后， inside a paragraph, in sequence, after a
  clause boundary; each spans to the next item or the paragraph end. One family per paragraph.
- Sentences: split after 。！？!? (runs of them), closing quotes/brackets stay with the sentence. ；does not
  split: clauses joined by ；share figures ("分别增长…") and belong together for attribution.

This module owns where sentences end for every reader of the text: `SENTENCE_END` (the segmenter's
own), `SENTENCE_BREAK`, `SEMICOLON_BREAK` and `CLAUSE_BREAK` (one-character boundaries for figures and
grounding, from the same `SENTENCE_STOPS`), and `PIECE_ENDINGS` (how a finished piece of text ends).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from ..core.models import Section, Span, StandardPart

__all__ = [
    "CLAUSE_BREAK",
    "CLOSERS",
    "PIECE_ENDINGS",
    "SEMICOLON_BREAK",
    "SENTENCE_BREAK",
    "SENTENCE_END",
    "SENTENCE_STOPS",
    "heading_label",
    "segment",
]

_NUMERALS = "一二三四五六七八九十"
_DIGIT = {c: i for i, c in enumerate("一二三四五六七八九", start=1)}
_CN = f"[{_NUMERALS}]{{1,3}}"

# Named groups tell the rank; each rank's ordinal group is `n<rank>`.
_HEADING = re.compile(
    rf"(?P<r0>第(?P<n0>{_CN})(?:部分|章|篇)(?!章))"
    rf"|(?P<r1>(?P<n1>{_CN})、(?!{_CN}(?:、|期)))"  # not "一、二期" / "一、二、三产业"
    rf"|(?P<r2>[（(](?P<n2>{_CN})[）)])"
    r"|(?P<r3>(?P<n3>\d{1,3})[.．、](?!\d))"  # not 1.5亿 / 1、2号
    r"|(?P<r4>[（(](?P<n4>\d{1,3})[）)])"
)
# What ends a sentence, and what may close one after it (closing quotes and brackets).
SENTENCE_STOPS = "。！？!?"
CLOSERS = "”’」』）)】》〉"
# Where an inline heading may start: after a sentence end, its closers and spaces.
_INLINE_AT = re.compile(rf"[{SENTENCE_STOPS}；;][{CLOSERS}]*[ \t\u3000]*")
_TITLE_END = re.compile(rf"[{SENTENCE_STOPS}；;：:]")
# Where a glued sub-heading may start inside a title: a CJK char, then （一）/(一)/1./（1）.
_EMBEDDED_START = re.compile(r"(?<=[\u4e00-\u9fff])(?:[（(][一1][）)]|1[.．、](?!\d))")
# An item run glued to a heading title ("存在的问题一是…") ends the title.
_TITLE_ITEM = re.compile(r"(?<=[\u4e00-\u9fff])一是")
# A sentence's end as the segmenter cuts it: a run of stops and the closers after them.
SENTENCE_END = re.compile(rf"[{SENTENCE_STOPS}]+[{CLOSERS}]*")
# One-character boundaries, for windows around a figure. A line break ends a sentence too.
SENTENCE_BREAK = re.compile(rf"[{SENTENCE_STOPS}\n]")
# A sentence, or one of its ；-joined parts: grounding looks for a figure's subject in that part.
SEMICOLON_BREAK = re.compile(rf"[{SENTENCE_STOPS}；;\n]")
# A clause: also at ，; a comma between digits groups thousands (1,234) and ends nothing.
CLAUSE_BREAK = re.compile(rf"[{SENTENCE_STOPS}\n，；;]|,(?![0-9]{{3}})")
# How a finished piece of text ends (a sentence, a list item closed by ；or ：, an ellipsis, a closer):
# cleaning tells page splices, which cut text mid-sentence, by pieces that end otherwise. It reads the
# text after punctuation is made full-width in Chinese context, so only the full-width forms are here.
PIECE_ENDINGS = tuple("。！？；：”’）】》…")
_LINE_BREAK = re.compile(r"\r\n|[\n\r\v\f\x1c\x1d\x1e\x85\u2028\u2029]")
_ITEM = re.compile(
    rf"(?P<shi>(?P<ns>{_CN})是)|(?P<di>第(?P<nd>{_CN}))(?=[，,、：:])|(?P<seq>首先|其次|再次|最后)(?=[，,、：:])"
)
# An item marker must open a clause, so 统一是 / 唯一是 / 第一要务 are not items.
_ITEM_BOUNDARY = frozenset(SENTENCE_STOPS + "；;：:，,、" + CLOSERS)
_SEQ_ORDINAL = {"首先": 1, "其次": 2, "再次": 3}

# Checked in order; the first match wins (问题 before 工作, 目标 before 主要工作 ...).
_LABEL_RULES: tuple[tuple[StandardPart, re.Pattern[str]], ...] = (
    (
        StandardPart.PROBLEMS,
        re.compile(
            r"存在的?(?:问题|困难|不足)|问题(?:和|与|及)不足|(?:困难|不足)(?:和|与|及)问题|短板|不足之处"
        ),
    ),
    (StandardPart.GUIDING_IDEAS, re.compile(r"指导思想|总体思路|总体要求|基本思路")),
    (StandardPart.MAIN_GOALS, re.compile(r"主要目标|目标任务|发展目标|工作目标|预期目标|目标指标")),
    (StandardPart.SAFEGUARDS, re.compile(r"保障措施|保障机制|组织保障|工作保障")),
    (StandardPart.KEY_TASKS, re.compile(r"重点任务|主要任务")),
    (
        StandardPart.NEXT_STEPS,
        re.compile(r"下一?步|下半年|明年|来年|下一?年度|工作(?:计划|打算|思路|安排)"),
    ),
    (StandardPart.BASIC_SITUATION, re.compile(r"基本情况|总体情况|主要指标|指标完成|经济运行|运行情况")),
    (
        StandardPart.MAIN_WORK,
        re.compile(
            r"主要工作|工作成效|主要做法|开展情况|完成情况|工作情况|主要成[效绩]|取得的成[效绩]|工作回顾|工作进展"
        ),
    ),
)
_PLAN_TITLE = re.compile(r"计划|要点|思路|安排|打算")
_PLAN_PARTS = frozenset(
    {StandardPart.GUIDING_IDEAS, StandardPart.MAIN_GOALS, StandardPart.KEY_TASKS, StandardPart.SAFEGUARDS}
)


def _cn_value(numeral: str) -> int:
    """一 … 九十九 (the regex guarantees only numeral characters)."""
    tens, ten, units = numeral.partition("十")
    if not ten:
        return _DIGIT.get(numeral, 0) if len(numeral) == 1 else 0
    if "十" in units or len(tens) > 1 or len(units) > 1:
        return 0
    return (_DIGIT.get(tens, 0) if tens else 1) * 10 + (_DIGIT.get(units, 0) if units else 0)


@dataclass(slots=True)
class _Marker:
    rank: int
    ordinal: int
    start: int
    end: int


@dataclass(slots=True)
class _Heading:
    rank: int
    marker: str
    title: str
    start: int
    own_end: int  # end of marker + title + terminator
    label: StandardPart | None = None
    children: list[Section | _Heading] = field(default_factory=list)

    def build(self) -> Section:
        kids = [c.build() if isinstance(c, _Heading) else c for c in self.children]
        end = max(self.own_end, kids[-1].span.end) if kids else self.own_end
        return Section(
            kind="heading",
            level=max(self.rank, 1),
            marker=self.marker,
            title=self.title,
            label=self.label,
            span=Span(start=self.start, end=end),
            children=kids,
        )


def _trim(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end


def _match_marker(text: str, pos: int, end: int) -> _Marker | None:
    m = _HEADING.match(text, pos, end)
    if m is None:
        return None
    for rank in range(5):
        if m.group(f"r{rank}"):
            raw = m.group(f"n{rank}")
            ordinal = int(raw) if rank >= 3 else _cn_value(raw)
            return _Marker(rank, ordinal, m.start(), m.end()) if ordinal > 0 else None
    return None  # pragma: no cover - one alternative always matched


def _sentences(text: str, start: int, end: int) -> list[Section]:
    out: list[Section] = []
    cut = start
    bounds = [m.end() for m in SENTENCE_END.finditer(text, start, end)]
    bounds.append(end)
    for bound in bounds:
        s, e = _trim(text, cut, bound)
        if s < e:
            out.append(Section(kind="sentence", span=Span(start=s, end=e)))
        cut = bound
    return out


def _item_starts(text: str, start: int, end: int) -> list[tuple[int, str]]:
    found: list[tuple[int, str]] = []
    family: str | None = None
    expected = 1
    for m in _ITEM.finditer(text, start, end):
        pos = m.start()
        if pos > start and not (text[pos - 1] in _ITEM_BOUNDARY or text[pos - 1].isspace()):
            continue
        if m.group("shi"):
            fam, marker, ordinal = "shi", m.group("shi"), _cn_value(m.group("ns"))
        elif m.group("di"):
            fam, marker, ordinal = "di", m.group("di"), _cn_value(m.group("nd"))
        else:
            fam, marker = "seq", m.group("seq")
            # 最后 closes a 首先/其次 run; it never opens one.
            ordinal = _SEQ_ORDINAL.get(marker, expected if expected >= 3 else 0)
        if family not in (None, fam) or ordinal <= 0:
            continue
        if ordinal == 1 or ordinal == expected:
            family, expected = fam, ordinal + 1
            found.append((pos, marker))
    return found


def _paragraph(text: str, start: int, end: int) -> Section:
    items = _item_starts(text, start, end)
    children = _sentences(text, start, items[0][0] if items else end)
    for k, (pos, marker) in enumerate(items):
        s, e = _trim(text, pos, items[k + 1][0] if k + 1 < len(items) else end)
        children.append(
            Section(kind="item", marker=marker, span=Span(start=s, end=e), children=_sentences(text, s, e))
        )
    return Section(kind="paragraph", span=Span(start=start, end=end), children=children)


def _lines(text: str) -> list[tuple[int, int]]:
    out: list[tuple[int, int]] = []
    cut = 0
    for m in _LINE_BREAK.finditer(text):
        out.append(_trim(text, cut, m.start()))
        cut = m.end()
    out.append(_trim(text, cut, len(text)))
    return [(s, e) for s, e in out if s < e]


class _Builder:
    """Walks lines once; the heading stack and per-rank ordinals decide what an inline marker is."""

    def __init__(self, text: str) -> None:
        self.text = text
        self.top: list[Section | _Heading] = []
        self.stack: list[_Heading] = []
        self.last = [0] * 5  # last accepted ordinal per rank, reset below a new heading

    def _attach(self, node: Section | _Heading) -> None:
        (self.stack[-1].children if self.stack else self.top).append(node)

    def _accept(self, marker: _Marker) -> None:
        self.last[marker.rank] = marker.ordinal
        for deeper in range(marker.rank + 1, 5):
            self.last[deeper] = 0

    def _markers(self, start: int, end: int) -> list[_Marker]:
        found: list[_Marker] = []
        first = _match_marker(self.text, start, end)
        if first is not None:
            self._accept(first)
            found.append(first)
        cursor = first.end if first else start
        while cursor < end:
            inline = _INLINE_AT.search(self.text, cursor, end)
            embedded = self._embedded_child(found[-1], end) if found else None
            if embedded is not None and (inline is None or embedded.start <= inline.end()):
                self._accept(embedded)
                found.append(embedded)
                cursor = embedded.end
                continue
            if inline is None:
                break
            cursor = max(inline.end(), cursor + 1)
            cand = _match_marker(self.text, inline.end(), end) if inline.end() < end else None
            if cand is not None and cand.ordinal in (1, self.last[cand.rank] + 1):
                self._accept(cand)
                found.append(cand)
                cursor = cand.end
        return found

    def _embedded_child(self, parent: _Marker, end: int) -> _Marker | None:
        """A first sub-heading glued to its parent's unterminated title: "一、工作情况（一）抓项目".

        Document sites drop the line break after a heading; the child is told apart by being the
        first of a deeper rank, inside the parent's title, right after a Chinese character.
        """
        stop = _TITLE_END.search(self.text, parent.end, end)
        limit = stop.start() if stop else end
        for m in _EMBEDDED_START.finditer(self.text, parent.end + 1, limit):
            cand = _match_marker(self.text, m.start(), end)
            if cand is not None and cand.rank > parent.rank and cand.ordinal == 1:
                return cand
        return None

    def _paragraph(self, start: int, end: int) -> None:
        s, e = _trim(self.text, start, end)
        if s < e:
            self._attach(_paragraph(self.text, s, e))

    def _heading(self, marker: _Marker, end: int) -> None:
        text = self.text
        title_start = marker.end
        while title_start < end and (text[title_start].isspace() or text[title_start] in "：:"):
            title_start += 1
        stop = _TITLE_END.search(text, title_start, end)
        title_end, own_end = (stop.start(), stop.end()) if stop else (end, end)
        glued = _TITLE_ITEM.search(text, title_start, title_end)
        if glued is not None:
            title_end = own_end = glued.start()
        _, title_end = _trim(text, title_start, title_end)
        heading = _Heading(
            marker.rank, text[marker.start : marker.end], text[title_start:title_end], marker.start, own_end
        )
        while self.stack and self.stack[-1].rank >= marker.rank:
            self.stack.pop()
        self._attach(heading)
        self.stack.append(heading)
        self._paragraph(own_end, end)

    def feed_line(self, start: int, end: int) -> None:
        markers = self._markers(start, end)
        self._paragraph(start, markers[0].start if markers else end)
        for k, marker in enumerate(markers):
            seg_end = markers[k + 1].start if k + 1 < len(markers) else end
            self._heading(marker, _trim(self.text, marker.start, seg_end)[1])


def _headings(nodes: list[Section | _Heading]) -> list[_Heading]:
    out: list[_Heading] = []
    for node in nodes:
        if isinstance(node, _Heading):
            out.append(node)
            out.extend(_headings(node.children))
    return out


def heading_label(title: str, is_plan: bool = False) -> StandardPart | None:
    """The standard part a heading names (存在的问题 -> 存在问题), None for a topic heading."""
    return _label(title, is_plan)


def _label(title: str, is_plan: bool) -> StandardPart | None:
    for part, pattern in _LABEL_RULES:
        if pattern.search(title):
            return part
    if "重点工作" in title:
        return StandardPart.KEY_TASKS if is_plan else StandardPart.MAIN_WORK
    return None


def _document_title(text: str, lines: list[tuple[int, int]]) -> str:
    """First line when it is short, has no sentence end and is no heading (e.g. "…2025年工作计划")."""
    if not lines:
        return ""
    s, e = lines[0]
    line = text[s:e]
    if e - s > 60 or SENTENCE_END.search(line) or _match_marker(text, s, e):
        return ""
    return line


def _assign_labels(text: str, lines: list[tuple[int, int]], top: list[Section | _Heading]) -> None:
    headings = _headings(top)
    chosen = [h for h in headings if h.rank <= 1] or [h for h in headings if h.rank == 2]
    doc_title = _document_title(text, lines)
    # 重点工作 is a task list in a plan but a record of work in a summary.
    is_plan = bool(_PLAN_TITLE.search(doc_title) and "总结" not in doc_title) or any(
        _label(h.title, is_plan=False) in _PLAN_PARTS for h in chosen
    )
    for h in chosen:
        h.label = _label(h.title, is_plan)


def segment(text: str) -> Section:
    """Split cleaned `text` into a section tree rooted at a "document" node spanning all of it."""
    lines = _lines(text)
    builder = _Builder(text)
    for start, end in lines:
        builder.feed_line(start, end)
    _assign_labels(text, lines, builder.top)
    children = [c.build() if isinstance(c, _Heading) else c for c in builder.top]
    return Section(kind="document", span=Span(start=0, end=len(text)), children=children)
