"""Domain objects that flow through the pipeline.

Offsets: every span is half-open `[start, end)` in Python string indices. Stages that work on the
cleaned text (segment, quantities) produce `span` in cleaned coordinates; `analyze` maps each to
`source` in the loaded original through `OffsetMap`, so `original[source.start:source.end]` is what a
user sees highlighted.
"""

from __future__ import annotations

from decimal import Decimal
from enum import StrEnum
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

__all__ = [
    "FIGURE_KINDS",
    "Change",
    "ChangeKind",
    "Document",
    "LoadedText",
    "NodeKind",
    "OffsetMap",
    "Quantity",
    "QuantityKind",
    "Section",
    "Span",
    "StandardPart",
]


class Span(BaseModel):
    model_config = ConfigDict(frozen=True)

    start: int = Field(ge=0)
    end: int = Field(ge=0)

    def slice(self, text: str) -> str:
        return text[self.start : self.end]


class OffsetMap:
    """Maps each cleaned character back to the original characters it came from.

    `starts[i]`/`ends[i]` is the original range that produced cleaned char `i` (usually one char;
    a Traditional phrase converted with a length change spreads over its whole source phrase).
    """

    __slots__ = ("ends", "original_length", "starts")

    def __init__(self, starts: list[int], ends: list[int], original_length: int) -> None:
        if len(starts) != len(ends):
            raise ValueError("starts and ends differ in length")
        self.starts = starts
        self.ends = ends
        self.original_length = original_length

    def __len__(self) -> int:
        return len(self.starts)

    def to_original(self, start: int, end: int) -> Span:
        """Original span covering cleaned `[start, end)`; an empty range maps to an empty span."""
        if not 0 <= start <= end <= len(self.starts):
            raise IndexError(f"cleaned range {start}:{end} outside 0:{len(self.starts)}")
        if start == end:
            pos = self.starts[start] if start < len(self.starts) else self.original_length
            return Span(start=pos, end=pos)
        return Span(start=min(self.starts[start:end]), end=max(self.ends[start:end]))


class LoadedText(BaseModel):
    """What `load` returns: the text the user's file holds, as one string."""

    source: str  # path as given, or "标准输入"
    format: Literal["text", "docx", "pdf", "html"]
    encoding: str | None = None  # detected encoding for text input
    text: str
    notes: list[str] = Field(default_factory=list)  # what reading it did that the user should know


class ChangeKind(StrEnum):
    CHROME = "chrome"  # web / document-site boilerplate removed
    TRAILING_BLOCK = "trailing_block"  # related documents / adverts after the article
    SPLICE_MARKER = "splice_marker"  # "2、" page-splice marker removed, words rejoined
    PINYIN = "pinyin"  # "(wǎng)" annotation removed
    SCRIPT = "script"  # Traditional -> Simplified
    PUNCTUATION = "punctuation"  # full-width / ASCII normalisation
    WHITESPACE = "whitespace"
    LINE_WRAP = "line_wrap"  # PDF visual line breaks inside a sentence rejoined
    CONTROL = "control"  # control, zero-width, bidi characters removed
    RADICAL = "radical"  # a radical code point standing for its ideograph (⼯ U+2F2F -> 工), from PDF fonts
    SYNONYM_REPAIR = "synonym_repair"  # fixed collocation restored (平安生产 -> 安全生产)
    SYNONYM_SUSPECT = "synonym_suspect"  # reported only, text unchanged


class Change(BaseModel):
    """One edit (or one finding) of `clean`, located in the original."""

    kind: ChangeKind
    source: Span
    before: str
    after: str
    note: str = ""


class QuantityKind(StrEnum):
    MONEY = "money"
    PERCENT = "percent"
    PERCENTAGE_POINTS = "percentage_points"
    AREA = "area"
    COUNT = "count"
    CAPACITY = "capacity"  # 40万吨/年, 6.6万千伏安, 100兆瓦
    ENERGY = "energy"  # 2GWh, 千瓦时, 吨标准煤
    WEIGHT = "weight"
    LENGTH = "length"
    DURATION = "duration"  # 3年, 6个月 as a span of time (a figure, unlike a date)
    OTHER = "other"  # a number with no recognised unit
    # recognised but never figures:
    YEAR = "year"
    DATE = "date"
    PERIOD = "period"  # 1-9月, 上半年 markers with digits
    SLOGAN = "slogan"  # "123"工程, "233"空间格局
    LIST_MARKER = "list_marker"
    PHONE = "phone"
    IDENTIFIER = "identifier"  # ICP / 备案 / 文档编号 / long digit strings
    ORDINAL = "ordinal"  # 第3期, 2号路, 4.0版


FIGURE_KINDS = frozenset(
    {
        QuantityKind.MONEY,
        QuantityKind.PERCENT,
        QuantityKind.PERCENTAGE_POINTS,
        QuantityKind.AREA,
        QuantityKind.COUNT,
        QuantityKind.CAPACITY,
        QuantityKind.ENERGY,
        QuantityKind.WEIGHT,
        QuantityKind.LENGTH,
        QuantityKind.DURATION,
        QuantityKind.OTHER,
    }
)


class Quantity(BaseModel):
    """A number found in the cleaned text, parsed deterministically."""

    text: str  # exactly as written in the cleaned text, qualifiers included
    span: Span  # in cleaned text
    source: Span | None = None  # in original text; set by analyze
    kind: QuantityKind
    value: Decimal | None = None  # as written (271.3 for 271.3亿元); low end of a range
    high: Decimal | None = None  # high end of a range (15—20家 -> value 15, high 20)
    magnitude: int = 1  # 1, 1_000, 10_000, 100_000_000 (万/萬, 亿/億, 千)
    unit: str = ""  # unit after the magnitude: 元, 美元, %, 个百分点, 吨/年, 家 ...
    normalized: Decimal | None = None  # value * magnitude, in `unit` (271.3亿元 -> 27130000000 元)
    qualifiers: tuple[str, ...] = ()  # 约 近 余 以上 左右 不少于 预计 力争 ...
    direction: Literal["up", "down"] | None = None  # 增长 / 下降 attached to this figure
    comparison: str | None = None  # 同比 / 环比 / 比上年 ...
    subject: str | None = None  # what it measures, when the sentence makes it clear
    subject_rule: Literal["clause", "nearest", "respectively"] | None = None
    # a table cell (text/tables.py): its column's header (1-9月), and how a reader writes it when the
    # unit stands in another cell (256.4 under 亿元 -> 256.4亿元); "" in prose
    column: str = ""
    shown: str = ""

    @property
    def is_figure(self) -> bool:
        return self.kind in FIGURE_KINDS


class StandardPart(StrEnum):
    BASIC_SITUATION = "基本情况"
    MAIN_WORK = "主要工作"
    PROBLEMS = "存在问题"
    NEXT_STEPS = "下步打算"
    GUIDING_IDEAS = "指导思想"
    MAIN_GOALS = "主要目标"
    KEY_TASKS = "重点任务"
    SAFEGUARDS = "保障措施"


NodeKind = Literal["document", "heading", "paragraph", "item", "sentence"]


class Section(BaseModel):
    """A node of the section tree. Headings nest by level; paragraphs, 一是 items and sentences below."""

    kind: NodeKind
    level: int = 0  # heading level 1-4 (一、 /（一）/ 1. /（1）); 0 for non-headings
    marker: str | None = None  # "一、", "（二）", "一是" ...
    title: str | None = None  # heading text without the marker
    label: StandardPart | None = None
    span: Span  # in cleaned text, marker included
    source: Span | None = None  # in original text; set by analyze
    children: list[Section] = Field(default_factory=list)

    def walk(self) -> list[Section]:
        nodes = [self]
        for child in self.children:
            nodes.extend(child.walk())
        return nodes


class Document(BaseModel):
    """Everything the deterministic half knows about one input."""

    model_config = ConfigDict(arbitrary_types_allowed=True)

    source: str
    format: str
    encoding: str | None
    original: str
    cleaned: str
    script: Literal["simplified", "traditional"]
    offsets: OffsetMap = Field(exclude=True)
    changes: list[Change]
    outline: Section
    quantities: list[Quantity]
    warnings: list[str] = Field(default_factory=list)

    @property
    def figures(self) -> list[Quantity]:
        return [q for q in self.quantities if q.is_figure]
