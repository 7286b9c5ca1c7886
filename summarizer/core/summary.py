"""The structured summary: what the model is asked for, and what `extract` writes.

Two layers. `SectionExtraction` / `DocumentMeta` are the compact shapes the model fills (their field
descriptions become the JSON schema it sees; bounds stay small because llama.cpp grammars choke on
large repetition counts). `Summary` is the merged, enriched result: figures as written plus what the
deterministic parser knows about them (unit, normalised value, span), ready for grounding.
"""

from __future__ import annotations

from decimal import Decimal
from enum import StrEnum
from typing import Literal, get_args

from pydantic import BaseModel, ConfigDict, Field, field_validator

from .models import Span

__all__ = [
    "MEASURE_THEMES",
    "PROJECT_STATUSES",
    "TARGET_MODALS",
    "ArithmeticCheck",
    "DocumentMeta",
    "Finding",
    "GroundingReport",
    "GroundingStatus",
    "Indicator",
    "IndicatorOut",
    "Measure",
    "MeasureOut",
    "Project",
    "ProjectOut",
    "SectionExtraction",
    "Summary",
    "TextItem",
]

# Literal types put an `enum` into the JSON schema, which the llama.cpp grammar then enforces.
ProjectStatus = Literal["在谈", "签约", "开工", "在建", "竣工", "投产", "达产", "计划", "未知"]
MeasureTheme = Literal[
    "产业发展", "项目建设", "招商引资", "营商环境", "体制机制改革", "基础设施",
    "科技创新", "安全环保", "党建", "民生", "其他",
]  # fmt: skip
PROJECT_STATUSES: tuple[str, ...] = get_args(ProjectStatus)
MEASURE_THEMES: tuple[str, ...] = get_args(MeasureTheme)
DocType = Literal["plan", "summary", "summary_with_next_steps", "news", "other"]
_FORBID = ConfigDict(extra="forbid")


def _has_digit(value: str) -> str:
    if not any(ch.isdigit() for ch in value):
        raise ValueError("数值必须照抄原文中的数字和单位，例如“27.3亿元”")
    return value


# --- what the model fills ------------------------------------------------------------------------


class IndicatorOut(BaseModel):
    model_config = _FORBID
    name: str = Field(min_length=2, max_length=30, description="指标名称，照抄原文，如“规模以上工业总产值”")
    value: str = Field(max_length=20, description="数值，照抄原文，含数量级和单位，如“386.5亿元”")
    change: str = Field(
        default="", max_length=20, description="增减，照抄原文，如“同比增长12.4%”；没有则留空"
    )
    period: str = Field(default="", max_length=12, description="时期，如“上半年”“1-9月”；没有则留空")

    _digit = field_validator("value")(_has_digit)


class ProjectOut(BaseModel):
    model_config = _FORBID
    name: str = Field(min_length=2, max_length=40, description="项目名称，照抄原文")
    company: str = Field(default="", max_length=24, description="建设或投资企业；没有则留空")
    investment: str = Field(
        default="", max_length=20, description="投资额，照抄原文，如“总投资18.6亿元”；没有则留空"
    )
    status: ProjectStatus = Field(default="未知", description="进度，原文没说就填“未知”")
    timeline: str = Field(default="", max_length=20, description="时间节点，如“12月底前投产”；没有则留空")


class MeasureOut(BaseModel):
    model_config = _FORBID
    theme: MeasureTheme = Field(description="做法所属主题")
    text: str = Field(min_length=4, max_length=60, description="一句话概括做法，尽量用原文词句")


class SectionExtraction(BaseModel):
    """One section's items. Empty lists are a valid answer: nothing is better than invented."""

    model_config = _FORBID
    indicators: list[IndicatorOut] = Field(default_factory=list, max_length=12)
    projects: list[ProjectOut] = Field(default_factory=list, max_length=6)
    measures: list[MeasureOut] = Field(default_factory=list, max_length=6)
    problems: list[str] = Field(
        default_factory=list, max_length=5, description="存在的问题，每条一句，照抄或压缩原文"
    )
    next_steps: list[str] = Field(default_factory=list, max_length=6, description="下步打算，每条一句")
    goals: list[str] = Field(
        default_factory=list, max_length=5, description="目标，如“力争全年固定资产投资增长10%左右”"
    )


class DocumentMeta(BaseModel):
    model_config = _FORBID
    title: str = Field(default="", max_length=50, description="文件标题；没有则留空")
    issuer: str = Field(default="", max_length=30, description="单位或园区名称，如“青禾经济开发区”")
    region: str = Field(default="", max_length=20, description="所在地区；不确定则留空")
    period: str = Field(default="", max_length=20, description="报告期，如“2025年上半年”")
    doc_type: DocType = Field(
        description="plan=计划/要点/思路，summary=总结，summary_with_next_steps=总结含下步打算，news=新闻报道，other=其他"
    )
    overview: str = Field(default="", max_length=120, description="一两句话概述，不写原文没有的数字")


# --- grounding -------------------------------------------------------------------------------------


class GroundingStatus(StrEnum):
    VERIFIED = "verified"
    MISATTRIBUTED = "misattributed"  # the figure is in the source, but tied to another subject
    FIGURE_NOT_IN_SOURCE = "figure_not_in_source"
    TEXT_NOT_FOUND = "text_not_found"


class Finding(BaseModel):
    item: str  # "indicators[2]", "projects[0]", "problems[1]", "meta.overview"
    field: str  # which field was checked: value, change, investment, text, name
    written: str  # what the summary says
    status: GroundingStatus
    spans: list[Span] = Field(default_factory=list)  # in the original text
    match: str = "exact"  # exact / sentence / fuzzy(0.73) / none
    note: str = ""


class ArithmeticCheck(BaseModel):
    """A rate the source states next to both of its operands: stated vs computed."""

    kind: str  # "completion"
    stated: str  # the percent as written
    computed: Decimal  # actual / target * 100, rounded to the stated precision
    operands: list[str]  # actual, target as written
    consistent: bool
    spans: list[Span] = Field(default_factory=list)


class GroundingReport(BaseModel):
    source: str
    findings: list[Finding]
    arithmetic: list[ArithmeticCheck] = Field(default_factory=list)

    @property
    def counts(self) -> dict[str, int]:
        counts = {status.value: 0 for status in GroundingStatus}
        for finding in self.findings:
            counts[finding.status.value] += 1
        return counts

    def failed(self) -> list[Finding]:
        return [f for f in self.findings if f.status is not GroundingStatus.VERIFIED]


# --- what extract writes ---------------------------------------------------------------------------


# Words that make a figure a goal rather than a result (the parser keeps them as qualifiers).
TARGET_MODALS = frozenset({"预计", "预期", "力争", "力求", "确保", "争取", "计划", "目标"})


class Indicator(BaseModel):
    name: str
    value: str  # as written
    unit: str = ""
    normalized: Decimal | None = None
    kind: str | None = None
    qualifiers: tuple[str, ...] = ()
    change: str = ""
    period: str = ""
    section: str = ""  # heading path the item came from
    source: Span | None = None  # where the parser found `value` in the section, if it did
    grounding_status: GroundingStatus | None = None  # set by grounding; None until grounded

    @property
    def is_target(self) -> bool:
        """确保突破330亿元 is a goal: never presented, compared or charted as a result."""
        return bool(TARGET_MODALS & set(self.qualifiers))


class Project(BaseModel):
    name: str
    company: str = ""
    investment: str = ""
    investment_normalized: Decimal | None = None
    status: str = "未知"
    timeline: str = ""
    section: str = ""
    source: Span | None = None
    grounding_status: GroundingStatus | None = None  # set by grounding; None until grounded


class Measure(BaseModel):
    theme: str
    text: str
    section: str = ""
    grounding_status: GroundingStatus | None = None  # set by grounding; None until grounded


class TextItem(BaseModel):
    text: str
    section: str = ""
    grounding_status: GroundingStatus | None = None  # set by grounding; None until grounded


class Summary(BaseModel):
    source: str
    meta: DocumentMeta
    indicators: list[Indicator] = Field(default_factory=list)
    projects: list[Project] = Field(default_factory=list)
    measures: list[Measure] = Field(default_factory=list)
    problems: list[TextItem] = Field(default_factory=list)
    next_steps: list[TextItem] = Field(default_factory=list)
    goals: list[TextItem] = Field(default_factory=list)
    # Standard parts the segmenter found headings for (存在问题, 下步打算 …): lets a memo tell "the
    # source has no problems section" from "the extraction found none in it".
    parts: list[str] = Field(default_factory=list)
    usage: dict[str, int] = Field(default_factory=dict)  # tokens over every call and attempt
    calls: int = 0
    backend: str = ""
    model: str = ""
    prompt_id: str = ""
    grounding: GroundingReport | None = None
