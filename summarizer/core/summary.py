"""The structured summary `extract` writes, and the grounding report attached to it.

A `Summary` is built by code from the skeleton (every figure with its role, every list item) and
named by the model where the rules could not name it; values, units, spans and roles are always the
parser's. The model's own answer shape is built per call from the ids it is asked about
(`llm/naming.py`), so no model-facing schema lives here.
"""

from __future__ import annotations

from decimal import Decimal
from enum import StrEnum
from typing import Literal, get_args

from pydantic import BaseModel, ConfigDict, Field

from .models import Span

__all__ = [
    "MEASURE_THEMES",
    "PROJECT_STATUSES",
    "SCHEMA_VERSION",
    "TARGET_MODALS",
    "ArithmeticCheck",
    "Coverage",
    "DocumentMeta",
    "FigureRole",
    "Finding",
    "Form",
    "GroundingReport",
    "GroundingStatus",
    "Indicator",
    "Measure",
    "OutlineItem",
    "Project",
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
    # what kind of report it is (skeleton/genre.py): it chooses the memo's shape
    genre: Literal["summary", "plan", "news", "meeting", "economy", "government_report", ""] = ""
    genre_name: str = Field(default="", max_length=12)  # the report's own word for it: 工作思路, 新闻稿
    placeholders: int = 0  # figures written as blanks (XX亿元); several make the report a template


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


# Words that make a figure a goal rather than a result (the parser keeps them as qualifiers); used
# for summaries written before figures carried a role.
TARGET_MODALS = frozenset({"预计", "预期", "力争", "力求", "确保", "争取", "计划", "目标"})

# result / estimate: the report's own period (an estimate is shown with 预计); target: 确保/力争 or a
# later period; plan: a yardstick (安排/计划投资); problem: evidence inside 存在问题.
FigureRole = Literal["result", "estimate", "target", "plan", "problem"]
# Who gave an item its wording: the vocabulary or the source itself (the skeleton), or the model.
Form = Literal["vocabulary", "source", "model"]


class Coverage(BaseModel):
    """What the summary holds of the report, counted by code: nothing here depends on the model."""

    figures_in_body: int  # figures the parser found
    facts: int  # indicators in the summary (each body figure is one, or a growth rate of one)
    rates_attached: int  # growth rates carried by their indicator
    by_role: dict[str, int]
    items: dict[str, int]  # list items per kind: measure, problem, next_step, safeguard, goal
    projects: int
    asked: int  # ids the model was asked about
    named_by_model: int  # of those, answers that passed the checks
    skeleton_form: int  # asked ids that kept their skeleton form (answer missing or rejected)


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
    part: str = ""  # the standard part it stands in (主要目标, 下步打算 …); "" in older summaries
    source: Span | None = None  # where the parser found `value` in the section, if it did
    grounding_status: GroundingStatus | None = None  # set by grounding; None until grounded
    id: str = ""  # the skeleton's id (f1, f2 …)
    role: FigureRole | None = None  # None in summaries written before roles existed
    headline: bool = False  # a core indicator (vocabulary) among the period's results
    named_by: Form | None = None

    @property
    def is_target(self) -> bool:
        """确保突破330亿元 is a goal, 全年安排86个 a yardstick: never presented, compared or charted as
        a result."""
        if self.role is not None:
            return self.role in ("target", "plan")
        return bool(TARGET_MODALS & set(self.qualifiers))

    @property
    def is_result(self) -> bool:
        """A result (or estimate) of the report's own period: what a memo's 主要指标 may show."""
        if self.role is not None:
            return self.role in ("result", "estimate")
        return not self.is_target


class Project(BaseModel):
    id: str = ""
    name: str
    company: str = ""
    investment: str = ""
    investment_normalized: Decimal | None = None
    status: str = "未知"
    timeline: str = ""
    section: str = ""
    source: Span | None = None
    grounding_status: GroundingStatus | None = None  # set by grounding; None until grounded
    named_by: Form | None = None


class Measure(BaseModel):
    theme: str
    text: str
    section: str = ""
    grounding_status: GroundingStatus | None = None  # set by grounding; None until grounded
    id: str = ""
    form: Form | None = None


class TextItem(BaseModel):
    text: str
    # The item's whole source text when `text` is its first line (一是全力推进项目建设。推动…12个项目…):
    # what a plan's 重点任务 carries, quantities included. Grounded like `text`.
    detail: str = ""
    section: str = ""
    grounding_status: GroundingStatus | None = None  # set by grounding; None until grounded
    id: str = ""
    form: Form | None = None


class OutlineItem(BaseModel):
    """One entry of the author's outline (skeleton/outline.py), as written: a memo's items are these.
    kind: preamble (before the first item), item, intro (a part's lead-in), closing."""

    id: str = ""
    kind: Literal["preamble", "item", "intro", "closing"] = "item"
    heading: str = ""  # the author's heading or topic sentence
    text: str = ""  # the body under it
    part: str = ""  # the standard part it stands in (主要工作, 存在问题, 下步打算 …)
    group: str = ""  # the part heading over it, when the report has one
    source: Span | None = None  # the body in the original text
    grounding_status: GroundingStatus | None = None


# The summary file's format: raised when a field changes meaning or a required one is added, so that
# an older tool refuses a newer summary by name instead of misreading it.
SCHEMA_VERSION = 1


class Summary(BaseModel):
    schema_version: int = SCHEMA_VERSION
    source: str
    source_sha256: str = ""  # of the report's bytes at extraction: a deliverable re-checks against it
    # the report seen from the folder the summary was written to (../报告.docx): a summary used from
    # another directory still finds it
    source_from_summary: str = ""
    # Set when a deliverable could not re-check this summary against its report (missing, changed):
    # every item then renders as unchecked, and the deliverable prints this note.
    source_check: str = ""
    meta: DocumentMeta
    indicators: list[Indicator] = Field(default_factory=list)
    projects: list[Project] = Field(default_factory=list)
    measures: list[Measure] = Field(default_factory=list)
    problems: list[TextItem] = Field(default_factory=list)
    next_steps: list[TextItem] = Field(default_factory=list)
    goals: list[TextItem] = Field(default_factory=list)
    outline: list[OutlineItem] = Field(default_factory=list)  # the author's outline, in order
    # Standard parts the segmenter found headings for (存在问题, 下步打算 …): lets a memo tell "the
    # source has no problems section" from "the extraction found none in it".
    parts: list[str] = Field(default_factory=list)
    usage: dict[str, int] = Field(default_factory=dict)  # tokens over every call and attempt
    calls: int = 0
    backend: str = ""
    model: str = ""
    prompt_id: str = ""
    coverage: Coverage | None = None
    warnings: list[str] = Field(default_factory=list)  # units that fell back to the skeleton
    grounding: GroundingReport | None = None

    def memo_indicators(self) -> list[Indicator]:
        """What a memo's indicator table may show, most important first: headline results, other
        results, then targets and plan quantities (marked by their role). Problem evidence belongs to
        its problem and is left out."""
        rank = {"result": 1, "estimate": 1, "target": 2, "plan": 3}

        def key(i: Indicator) -> int:
            if i.role is None:
                return 2 if i.is_target else 1
            return rank[i.role] - (1 if i.headline else 0)

        # a figure named by itself (投资5亿元以上项目 for 5亿元以上) only qualifies the count beside it
        shown = (i for i in self.indicators if i.role != "problem" and not (i.value and i.value in i.name))
        return sorted(shown, key=key)
