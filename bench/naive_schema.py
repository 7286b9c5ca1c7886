"""The output shape the baselines are asked for: one object of indicators, projects, measures,
problems, next steps and goals, as a naive single prompt or instructor would ask a model to fill it.

Only the benchmarks use it; the tool itself never asks a model for a summary's content."""

from __future__ import annotations

from pydantic import BaseModel, ConfigDict, Field

_FORBID = ConfigDict(extra="forbid")


class IndicatorOut(BaseModel):
    model_config = _FORBID
    name: str = Field(min_length=2, max_length=30, description="指标名称")
    value: str = Field(max_length=20, description="数值，照抄原文，含单位")
    change: str = Field(default="", max_length=20, description="增减，照抄原文")


class ProjectOut(BaseModel):
    model_config = _FORBID
    name: str = Field(min_length=2, max_length=40)
    investment: str = Field(default="", max_length=20)
    status: str = Field(default="未知", max_length=6)


class SectionExtraction(BaseModel):
    model_config = _FORBID
    indicators: list[IndicatorOut] = Field(default_factory=list, max_length=12)
    projects: list[ProjectOut] = Field(default_factory=list, max_length=6)
    measures: list[str] = Field(default_factory=list, max_length=6)
    problems: list[str] = Field(default_factory=list, max_length=5)
    next_steps: list[str] = Field(default_factory=list, max_length=6)
    goals: list[str] = Field(default_factory=list, max_length=5)
