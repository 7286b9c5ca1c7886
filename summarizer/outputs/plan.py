"""工作计划 draft for the next period, built by code from a grounded summary (no model call).

标题 (单位 + 期限 + 工作计划) → 总体思路 → 主要目标 → 重点任务 → 保障措施, and with last period's plan
given, 上期计划完成情况 (plancheck.py). What the source does not say stays a visible 【待补】.

建议目标, per indicator, first rule that applies:
1. 原文目标: a verified goal / 下步打算 of the source ties a figure to the indicator ("力争明年规上工业
   总产值增长8%"); its clause is shown as written, marked （原文目标）. A clause naming the report's own
   year and not the plan's is about this period and is skipped, and so is a figure that merely
   repeats this period's actual.
2. 建议值: this period's verified growth rate (a percent, upward), proposed again: "同比增长12.4%左右
   【建议值】（按本期增速）". Only from a full year to the next full year is an absolute value computed
   (value × (1 + rate), the value's precision), because the growth of any other period is measured on
   another base; the computed figure never appears without 【建议值】 on its line.
3. 【待定】, with the reason (no growth rate, a decline, an unverified actual).

Every rendered text passes the output gate (`gate.gate`) against this summary and last period's plan
before it is returned; a figure that is neither verified nor marked stops the run (`RenderGateError`).
"""

from __future__ import annotations

import json
import re
import tomllib
from collections.abc import Iterator, Mapping, Sequence
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import asdict
from decimal import ROUND_HALF_UP, Decimal
from importlib import resources
from itertools import takewhile
from pathlib import Path
from types import MappingProxyType
from typing import Any

from ..core.errors import ConfigError, InputTooLarge, UsageError
from ..core.models import Quantity, QuantityKind, StandardPart
from ..core.summary import GroundingStatus, Indicator, OutlineItem, Summary
from ..grounding.ground import (
    PROPOSAL_MARK,
    TO_BE_DECIDED_MARK,
    UNVERIFIED_MARK,
)
from ..skeleton.genre import placeholders
from ..skeleton.names import name_problem, named_figures
from ..skeleton.outline import TOPIC_SENTENCE_MAX
from ..skeleton.vocabulary import CLOSING_PLEDGE, DRAWS_ON, PROBLEM_TOPICS, WORK_HEADING, canonical_indicator
from ..text.docmeta import ZONE_WORDS
from ..text.normalise import dedupe_key, nfkc
from ..text.periods import Period, format_period, next_period, parse_period
from ..text.quantities import find_quantities
from ..text.segment import heading_label
from .condense import speaks_of_itself
from .gate import ToolCounts, gate, mark
from .memo import named
from .plancheck import PlanReview, review_previous_plan
from .render import render_template

__all__ = [
    "FORMATS",
    "MISSING",
    "NEXT_MILESTONE",
    "plan_context",
    "plan_period",
    "render_plan",
    "render_plan_docx",
    "render_plan_json",
    "render_plan_output",
]

FORMATS = ("md", "docx", "json")
MISSING = "【待补】"
OWNER, DEADLINE = "【责任单位：待补】", "【完成时限：待补】"
# A project's next milestone by its status now; finished ones (竣工/投产/达产) are not carried over.
NEXT_MILESTONE = {
    "在谈": "签约落地",
    "签约": "开工建设",
    "开工": "加快建设、竣工投产",
    "在建": "竣工投产",
    "计划": "完成前期工作、开工建设",
    "未知": f"{MISSING}（原文未写明进度）",
}
# 责任单位 suggested by a task's theme (data/owners.toml): a function, never a zone's own office name
# (which differs), unless the office names its own (`plan_owners` in summarizer.toml).
_OWNERS = tomllib.loads(resources.files("summarizer.outputs").joinpath("data/owners.toml").read_text("utf-8"))
_THEME_WORDS: dict[str, tuple[str, ...]] = {t: tuple(w) for t, w in _OWNERS["themes"].items()}
_GENERIC_THEMES = frozenset(_OWNERS["generic"])
THEMES = tuple(_THEME_WORDS)
_OFFICE_OWNERS: ContextVar[Mapping[str, str]] = ContextVar("office_owners", default=MappingProxyType({}))


@contextmanager
def office_owners(owners: Mapping[str, str]) -> Iterator[None]:
    """The office's own 责任单位 by theme (summarizer.toml [plan_owners]), over the shipped ones; a theme
    the plan does not know is a configuration error, said when the settings are applied."""
    unknown = [theme for theme in owners if theme not in _THEME_WORDS]
    if unknown:
        raise ConfigError(
            f"summarizer.toml 的 [plan_owners] 中有未知的任务主题：{'、'.join(unknown)}。"
            f"可用的主题：{'、'.join(_THEME_WORDS)}。"
        )
    token = _OFFICE_OWNERS.set(MappingProxyType(dict(owners)))
    try:
        yield
    finally:
        _OFFICE_OWNERS.reset(token)


def _suggested_owner(theme: str) -> str:
    return _OFFICE_OWNERS.get().get(theme) or str(_OWNERS["owners"][theme])


_EMPTY = {"无", "暂无", "未知", "不详", "—", "-"}
_NUMBER = re.compile(r"[0-9][0-9,]*(?:\.[0-9]+)?")
_TRAILING_HEDGES = re.compile(r"(?:以上|以下|以内|左右|余|多)+$")
_YEAR = re.compile(r"(\d{4})年")
_CJK = re.compile(r"[\u4e00-\u9fff]")
PLAN_LIST_MAX = 999  # 1. to 999. are what a reader (and the gate) reads as an item's number
APPROACH_CHARS = 240  # 总体思路: the report's guiding sentences, condensed to a paragraph
SAFEGUARD_CHARS = 300
# A footnote, not a paragraph above the plan: what the marks mean, for whoever edits the draft.
LEGEND = "本草稿依据{source}整理，目标和任务取自原文"
# what each mark means, said only when the draft carries it
MARK_LEGENDS = (
    ("【建议值】", "【建议值】为程序测算的参考值"),
    ("（建议）", "（建议）的任务、责任单位和完成时限供研究确定"),
    (MISSING, "【待补】须研究补充"),
    (UNVERIFIED_MARK, "【待核】为原文中未能核实的内容"),
)


def _legend(source: str, context: dict[str, Any]) -> str:
    carried = json.dumps(context, ensure_ascii=False)
    said = [meaning for sign, meaning in MARK_LEGENDS if sign in carried]
    return "；".join([LEGEND.format(source=source), *said]) + "。"


def _clean(value: str) -> str:
    return "" if value.strip() in _EMPTY else value


def _figures(text: str) -> list[Quantity]:
    return [q for q in find_quantities(nfkc(text)) if q.is_figure]


def _tells_this_year(summary: Summary) -> bool:
    """A story or a meeting dated only by its year (2024年 …年内) plans the rest of that year, not the
    next; one of a quarter or a half plans the part after it."""
    own = parse_period(summary.meta.period)
    return summary.meta.genre in ("news", "meeting") and own is not None and (own.start, own.end) == (1, 12)


def _plans_ahead(summary: Summary) -> bool:
    """A report written for the period it plans (a 2026 工作思路, a 2026 政府工作报告): its own period is
    the plan's, and its results review the year before."""
    return summary.meta.doc_type == "plan" or summary.meta.genre in ("plan", "government_report")


def plan_period(summary: Summary, explicit: str | None = None) -> str:
    """`--period` when given, else the period after the report's (a plan document's own period), else
    【待补】."""
    if explicit and explicit.strip():
        if parse_period(explicit) is None:  # it becomes the title: no free text, no figures
            raise UsageError(
                f"--period 的写法无法识别：{explicit}。请写成 2026年、2026年上半年、2026年三季度等。"
            )
        return explicit.strip()
    own = parse_period(summary.meta.period)
    if own is not None and own.year is not None and _tells_this_year(summary):
        return f"{own.year}年"  # 年内/下半年 of a 2024 press release: the 2024 plan
    if (
        summary.meta.genre == "economy"
        and own is not None
        and own.start == 1
        and own.end % 3
        and own.end < 12
    ):
        # 1-8月经济运行: what it plans (确保全年…) runs to the year's end, not to next month
        return format_period(Period(own.year, own.end + 1, 12))
    if _plans_ahead(summary) and parse_period(summary.meta.period) is not None:
        return summary.meta.period  # a 工作思路 for 2026 becomes the 2026 plan, not a 2027 one
    return next_period(summary.meta.period) or MISSING


_BLANK_YEAR = re.compile(r"20[XxＸ×]{2}年")


def results_period(summary: Summary) -> str:
    """The period the report's results are of: its own period, except in a plan document, whose
    results review the year before (a 2026 工作思路 opens with 2025年 results)."""
    if _plans_ahead(summary):
        periods = {i.period for i in summary.indicators if i.is_result and i.role != "problem"}
        # its review's year (2025年), when the review names one; 全年 beside it is that same year
        dated = {p for p in periods if _YEAR.match(p) and parse_period(p) is not None}
        if len(dated) == 1:
            return dated.pop()
        own = parse_period(summary.meta.period)
        if own is not None and own.year is not None and (own.start, own.end) == (1, 12):
            return f"{own.year - 1}年"  # 全年 in a 2026 report's review is 2025
    return summary.meta.period


# --- 主要目标 --------------------------------------------------------------------------------------


def _projected(value: Quantity, rate: Decimal) -> str | None:
    """value × (1 + rate %), written like the value: 386.5亿元 × 1.124 -> 434.4亿元."""
    if value.high is not None or value.value is None or not value.unit or value.unit in ("%", "个百分点"):
        return None  # a range has no single base; a ratio does not grow by a growth rate
    number = _NUMBER.search(value.text)
    if number is None:
        return None
    suffix = _TRAILING_HEDGES.sub("", value.text[number.end() :])
    exponent = value.value.as_tuple().exponent
    places = max(-exponent if isinstance(exponent, int) else 0, 1)
    result = (value.value * (1 + rate / 100)).quantize(Decimal(1).scaleb(-places), rounding=ROUND_HALF_UP)
    return f"{result}{suffix}"


_GROWTH_WORDS = re.compile(r"(?:同比)?(?:增长|提高|提升|增速|增幅|达到|突破|实现)+$")
_MODALS = ("力争", "确保", "争取", "力求")
_PROJECT_SIZE = ("年产", "年加工", "年处理", "设计产能")
_BY_DATE = re.compile(r"(?:20\d\d年)?\d{1,2}月(?:底|末|中旬|上旬|下旬|\d{1,2}日)?(?:前|以前|之前)")
_SIGNED = ("协议", "签约", "合同", "意向")  # 协议总投资: the sum of what is signed, an indicator of 招商
_SIZE_WORDS = ("总投资", "总占地", "占地", "占地面积", "总建筑面积", "建筑面积", "总规模", "总长", "全长")
_LIST_MODAL = re.compile("|".join(_MODALS))
_REACH_WORDS = (
    "突破",
    "超过",
    "达到",
    "不低于",
    "保持在",
    "保持",
    "控制在",
    "压缩至",
    "压减至",
    "提升至",
    "提高到",
)
_MODAL_LEAD = re.compile(r"^(?:力争|确保|争取|计划|预计|目标)?(?:明年|下半年|全年|\d{4}年)?")


def _canonical(name: str) -> str:
    """The vocabulary name, growth words dropped: 规模以上工业总产值增长 -> 规上工业总产值; a name the
    vocabulary does not know is itself (社会消费品零售总额), so its target and its result still meet."""
    bare = _GROWTH_WORDS.sub("", nfkc(name))
    return canonical_indicator(bare) or bare


def _stated_target(
    ind: Indicator, summary: Summary, period: str
) -> tuple[str, GroundingStatus | None] | None:
    """The report's own target for this very indicator, as written, with its status: a target-role
    figure of the same vocabulary indicator, else (summaries without roles) a goal or next-step clause
    that names it right before its figure. Never a neighbour: 新增规模以上工业企业 is not 规上工业总产值."""
    mine = _canonical(ind.name)
    if not mine:
        return None
    for t in summary.indicators:
        if t.role == "target" and _canonical(t.name) == mine:
            if _draws_on(t, summary) or _counts_named(t, summary):
                continue  # 对进度滞后的9个重点项目: what the work deals with, no target for 重点项目
            return "，".join(x for x in (t.value, t.change) if x), t.grounding_status
    this_year = _YEAR.search(nfkc(summary.meta.period))
    plan_year = _YEAR.search(period)
    for item in [*summary.goals, *summary.next_steps]:
        for text in (nfkc(item.text), nfkc(item.detail)):
            for q in _figures(text):
                start = max((m.end() for m in re.finditer("[，。；;,！？]", text[: q.span.start])), default=0)
                if _canonical(_MODAL_LEAD.sub("", text[start : q.span.start])) != mine:
                    continue
                clause = text[start : q.span.end]
                years = set(_YEAR.findall(clause))
                if (
                    this_year
                    and this_year.group(1) in years
                    and not (plan_year and plan_year.group(1) in years)
                ):
                    continue  # a target of the period being reported on, not of the next one
                return clause, item.grounding_status
    return None


def _full_years(summary: Summary, period: str) -> bool:
    """A year's value grows into the next year's: only then is value × (1 + rate) a proposal."""
    current, following = parse_period(results_period(summary)), parse_period(period)
    return (
        current is not None
        and following is not None
        and (current.start, current.end) == (following.start, following.end) == (1, 12)
        and current.year is not None
        and following.year == current.year + 1
    )


def _growth_rate(text: str) -> Quantity | None:
    rates = [q for q in _figures(text) if q.kind is QuantityKind.PERCENT and q.normalized is not None]
    up = [q for q in rates if q.direction != "down" and q.normalized is not None and q.normalized > 0]
    return up[0] if up else None


def _proposal(ind: Indicator, summary: Summary, period: str) -> tuple[str, str, str]:
    """(原文目标 cell, 建议目标 cell, basis): basis is source / proposal / undecided.

    A proposal is an absolute value with its basis written out: 约343.9亿元【建议值】（按2025年312.6亿元、
    增长10%测算）, from the report's own target rate when it has one, else from this period's rate."""
    own = _stated_target(ind, summary, period)
    stated = f"{own[0]}{mark(own[1])}" if own is not None else ""
    if ind.grounding_status is not GroundingStatus.VERIFIED:
        return stated, f"{TO_BE_DECIDED_MARK}（本期数据待核）", "undecided"
    if own is not None and own[1] is GroundingStatus.VERIFIED:
        rate, basis = _growth_rate(own[0]), "source"
        if rate is None:  # an absolute target (不少于30个) is the target itself
            return stated, "以原文目标为准", basis
    else:
        rate, basis = _growth_rate(ind.change), "proposal"
    if rate is None or rate.normalized is None:
        fell = basis == "proposal" and any(q.direction == "down" for q in _figures(ind.change))
        why = "本期未增长，目标需研究确定" if fell else "原文未给出增速"
        return stated, f"{TO_BE_DECIDED_MARK}（{why}）", "undecided"
    growth = f"增长{_TRAILING_HEDGES.sub('', rate.text)}"
    values = _figures(ind.value)
    amount = _projected(values[0], rate.normalized) if _full_years(summary, period) and values else None
    how = "按原文目标" if basis == "source" else "按本期增速"
    if amount:
        base = f"{results_period(summary)}{ind.value}" if results_period(summary) else ind.value
        return stated, f"约{amount}{PROPOSAL_MARK}（{how}，以{base}{growth}测算）", basis
    return stated, f"{growth}左右{PROPOSAL_MARK}（{how}）", basis


def _target_indicators(summary: Summary) -> list[Indicator]:
    """The indicators a plan may propose targets for (`--propose`): this period's results (never a
    target, a plan quantity or a problem's evidence), the core ones only when the report has core ones."""
    results = [i for i in summary.indicators if i.is_result and i.role != "problem"]
    return [i for i in results if i.headline] or results


def _actual(ind: Indicator | None) -> str:
    """This period's value of an indicator as written, an estimate said as one (预计)."""
    if ind is None:
        return "—"
    said = "（预计）" if ind.role == "estimate" else ""
    return "，".join(x for x in (ind.value, ind.change) if x) + said


def _source_targets(summary: Summary) -> list[Indicator]:
    """Every target the report sets, in its order: 确保/力争 figures and anything in its plan parts; in a
    plan document its yardsticks too (年度计划投资118亿元). Named ones only: a bare 增长 is no row. A
    report with a 主要目标 part of its own decides: its targets are those; the figures of its tasks
    stay in the tasks. Never a figure the plan works with rather than sets (借助三个驻点招商小组, 发挥
    1000万元专项资金: see `_draws_on`), nor one of its 指导思想 or 保障措施."""
    # a plan's yardsticks (年度计划投资118亿元), and a story's plans (年内计划组织招商推介不少于5次;
    # a story of 前三季度: 计划年内新开工项目8个): what the new period is to reach
    ahead = _plans_ahead(summary) or summary.meta.genre == "news"
    roles = ("target", "plan") if ahead else ("target",)
    seen: set[tuple[str, str]] = set()
    found = []
    for i in summary.indicators:
        key = (i.name, i.value)
        aimed = i.role in roles or (i.role is None and i.is_target)  # a summary written before roles
        # a project's own size (年产5万吨改性树脂) is what it is, not a target the zone sets
        own = (
            not name_problem(i.name)
            and not i.name.startswith(_PROJECT_SIZE)
            and i.value not in i.name
            # 城市设施项目总投资21.5亿元, 产业综合体总占地1300亩: the size of what is named, unless a
            # 力争/确保/不少于 sets it, or it is what 招商 signs (协议总投资不少于230亿元)
            and not (
                i.name.endswith(_SIZE_WORDS)
                and not set(i.qualifiers) & {*_MODALS, "不少于", "不低于"}
                and not i.name.startswith(_SIGNED)
            )
        )
        aside = i.part in _NOT_TARGET_PARTS or _draws_on(i, summary) or _counts_named(i, summary)
        if aimed and own and not aside and key not in seen:  # (投资5亿元以上项目 | 5亿元以上 only qualifies)
            seen.add(key)
            found.append(i)
    stated = _listed(found, summary)
    return stated or found


def _listed(targets: list[Indicator], summary: Summary) -> list[Indicator]:
    """The targets that stand in the report's own list of targets (`_target_lists`)."""
    lists = _target_lists(summary)
    return [i for i in targets if (where := _where(i, summary)) and _in_lists(where, lists)]


# a plan's opening setting the year's aims: 全年力争实现…, 年度确保…
_YEAR_AIMS = re.compile(r"(?:全年|年度|今年)[^，。；]{0,4}(?:力争|确保|努力)(?:实现|达到|完成)?")
# where a report lists its targets in running text: 主要目标是：…；全年主要目标：…
_LIST_OPENS = re.compile(r"(?:主要|预期|发展|全年|年度|工作)?(?:主要)?(?:预期)?目标(?:是|为|如下)?[：:]")


def _target_lists(summary: Summary) -> list[tuple[str, int, int]]:
    """The stretches of outline text that are the report's own list of targets, as (text, start, end):
    the sentence after 主要目标是：/全年主要目标：, and the body of a part headed 主要目标 itself (not the
    tasks under 主要目标和重点任务, which have headings of their own)."""
    found = []
    # a numbered list of targets (1.地区生产总值增长7%左右 … 5.营商环境评价保持全省第一方阵): its
    # items without a figure are targets in words of the same list
    numbered = {
        e.group
        for e in summary.outline
        if e.part == StandardPart.MAIN_GOALS.value and e.group and e.heading and _figures(e.heading)
    }
    for e in summary.outline:
        opened = False
        for text in (nfkc(e.heading), nfkc(e.text)):
            for m in _LIST_OPENS.finditer(text):
                stop = text.find("。", m.end())
                found.append((text, m.end(), stop if stop >= 0 else len(text)))
                opened = True
        if e.kind == "preamble" and _plans_ahead(summary):
            # a plan's opening that sets the year's aims (全年力争实现规上工业总产值105亿元…；完成…)
            for m in _YEAR_AIMS.finditer(nfkc(e.text)):
                text = nfkc(e.text)
                stop = text.find("。", m.end())
                if len(_figures(text[m.start() : stop if stop >= 0 else len(text)])) >= 2:
                    found.append((text, m.start(), stop if stop >= 0 else len(text)))
                    opened = True
        own = (
            not e.heading
            or _is_target_list(e)
            or bool(_figures(e.heading))  # 1.地区生产总值增长7%…
            or (e.group in numbered and not e.text.strip())
        )
        if e.part == StandardPart.MAIN_GOALS.value and own and not opened:
            found += [(nfkc(e.heading), 0, len(e.heading)), (nfkc(e.text), 0, len(e.text))]
    return found


# the verb that turns a target in words from its subject to what is asked of it
_ASKED_OF = re.compile(r"不发生|增长|下降|完成|保持|实现|达到|控制在|低于|高于")


def _worded_targets(summary: Summary) -> list[tuple[str, str]]:
    """The targets of the report's own list that have no figure, as (name, what is asked): 城乡居民人均可
    支配收入 | 增长与经济增长基本同步; 重大安全生产事故 | 确保不发生."""
    found: list[tuple[str, str]] = []
    for text, start, end in _target_lists(summary):
        for part in re.split("[；;]", text[start:end]):
            pieces = re.split("[，,]", part) if all(
                _LIST_MODAL.match(p.strip()) for p in re.split("[，,]", part)
            ) else [part]  # fmt: skip
            for piece in (p.strip().rstrip("。") for p in pieces):
                if not piece or _figures(piece) or len(_CJK.findall(piece)) < 6:
                    continue
                modal = _LIST_MODAL.match(piece)
                said = modal.group() if modal else ""
                rest = piece[len(said) :]
                verb = _ASKED_OF.search(rest)
                if verb is None:
                    continue
                name, asked = rest[: verb.start()], rest[verb.start() :]
                if len(name) < 2:  # 确保不发生重大安全生产事故: what it is about follows the verb
                    name, asked = rest[verb.end() :], verb.group()
                if (name, said + asked) not in found:
                    found.append((name, said + asked))
    return found


def _in_lists(where: tuple[str, int], lists: list[tuple[str, int, int]]) -> bool:
    text, at = where
    return any(text == listed and start <= at < end for listed, start, end in lists)


_NOT_TARGET_PARTS = (StandardPart.GUIDING_IDEAS.value, StandardPart.SAFEGUARDS.value)


def _where(target: Indicator, summary: Summary) -> tuple[str, int] | None:
    """The outline text a target's figure stands in and where: of the places its value is written
    (五个 may also be 五个坚持), the one with most of its name's characters around it."""
    whole = re.compile(rf"(?<![0-9.]){re.escape(nfkc(target.value))}")
    name = set(nfkc(target.name))
    best: tuple[int, str, int] | None = None
    for text in (nfkc(t) for e in summary.outline for t in (e.heading, e.text)):  # 1.地区生产总值…
        for found in whole.finditer(text):
            around = text[max(0, found.start() - 24) : found.end() + 12]
            score = len(name & set(around))
            if best is None or score > best[0]:
                best = (score, text, found.start())
    return (best[1], best[2]) if best is not None else None


_EXISTING = re.compile(r"(?:的)?(?:在建|已竣工|已建成|已签约|已投产|现有|储备|在谈|未开工)")


def _draws_on(target: Indicator, summary: Summary) -> bool:
    """A figure the work draws on, not one it sets out to reach: the object of 借助/依托/发挥/调动/针对/
    对… in its own clause (借助新建立的三个驻点招商小组, 特别是调动5个招商顾问, 对未开工的8个项目)."""
    where = _where(target, summary)
    if where is None:
        return False
    text, at = where
    clause = re.split(r"[，,；;。：:！？]", text[:at])[-1].lstrip()
    after = text[at + len(nfkc(target.value)) : at + len(nfkc(target.value)) + 6]
    modal = set(target.qualifiers) & set(_MODALS) or _LIST_MODAL.search(clause)
    # 加快43个在建项目建设进度, 推动12个已竣工项目尽快纳统: what is there already; 安排1800万元，用于
    # 兑现…: money set aside for a purpose, a budget line
    spent = re.match(r"[，,]?用于", after) is not None
    return DRAWS_ON.match(clause) is not None or (_EXISTING.match(after) is not None and not modal) or spent


def _list_modal(sentence: str) -> str:
    """The 力争/确保 that governs a target, from its sentence up to it: the last one in its own ；-part
    (力争A，B；确保C，D: D is 确保), else the one opening the list, while no other part has one of its
    own (力争A；B；确保C: B is 力争; 力争A；确保B；C: C is neither — the source does not say)."""
    parts = re.split("[；;]", sentence)
    # of its own ；-part, the modal of the figure's own clause or of one that opens a list of figures
    # (力争A，B); 确保一期10月底前投入使用，年内新开工项目12个: 确保 is that clause's, not the figure's
    clauses = re.split("[，,]", parts[-1])
    for n, clause in reversed(list(enumerate(clauses))):
        own = _LIST_MODAL.findall(clause)
        if own and (n == len(clauses) - 1 or _figures(clause) or _BLANK.search(clause)):
            return str(own[-1])
    # the list's opening modal stands before its first figure (力争A，B；C); one after a figure is that
    # clause's own (计划再签约5个，确保总投资突破100亿元；加快建设厂房12万平方米: not 确保)
    first = min((q.span.start for q in _figures(parts[0])), default=len(parts[0]))
    opening = _LIST_MODAL.findall(parts[0][:first])
    between = [m for part in parts[1:-1] for m in _LIST_MODAL.findall(part)]
    return str(opening[-1]) if len(parts) > 1 and opening and not between else ""


def _counts_named(target: Indicator, summary: Summary) -> bool:
    """鑫钰光电、澜海生物等3个签约项目: how many things the sentence names, not a number to reach,
    unless a 确保/力争 sets it (确保统全食品、贝德食品等10个项目年内建成投产)."""
    where = _where(target, summary)
    if where is None:
        return False
    text, at = where
    heading = any(
        nfkc(e.heading) == text and e.part != StandardPart.MAIN_GOALS.value for e in summary.outline
    )
    if heading and len(text) <= TOPIC_SENTENCE_MAX and not _LIST_MODAL.search(text):
        return True  # 突出两项重点，推动…: a heading counts its points
    clause = re.split(r"[，,。；;]", text[:at])[-1]
    if "等" not in clause:  # 利华益…等总投资217亿元的7个产业项目
        return False
    sentence = re.split(r"[。；;]", text[:at])[-1]
    return not _LIST_MODAL.search(sentence) and not set(target.qualifiers) & set(_MODALS)


_PART_OF_YEAR = re.compile(r"全年|下半年|上半年|[一二三四]季度")


def _whole_year(target: Indicator, summary: Summary, period: str) -> str:
    """The span of the year a target is set for, where a plan for part of a year says it: 全年 (全年完成
    重点项目投资75亿元), 下半年 (确保下半年新开工项目12个以上); "" otherwise."""
    parsed = parse_period(period)
    where = _where(target, summary)
    if parsed is None or (parsed.start, parsed.end) == (1, 12) or where is None:
        return ""
    text, at = where
    clause = re.split(r"[，,；;。：:]", text[:at])[-1]
    # the part of the year the source names (确保下半年新开工项目12个以上), or 全年
    said = _PART_OF_YEAR.search(clause)
    return said.group() if said and said.group() not in target.name else ""


_GROUP_HEAD = re.compile(r"(?:个|家|项)?(项目|企业|工程|平台)")


def _group_named(target: Indicator, summary: Summary) -> str:
    """A target counted over named members (确保统全食品、贝德食品等10个项目年内建成投产) is named by
    what it asks of them, not by its last member: 年内建成投产项目, 6月底前开工项目."""
    where = _where(target, summary)
    if "等" not in target.name or where is None:
        return target.name
    text, at = where
    after = text[at + len(nfkc(target.value)) :]
    head = _GROUP_HEAD.match(after)
    if head is None:
        return target.name
    asked = re.split(r"[，,。；;（(]", after[head.end() :], maxsplit=1)[0]
    return f"{asked}{head.group(1)}" if 2 <= len(asked) <= 16 else target.name


def _more(target: Indicator, summary: Summary) -> str:
    """再, where the source sets the target on top of what is done (力争年内再签约亿元以上项目15个)."""
    where = _where(target, summary)
    if where is None or not target.name:
        return ""
    text, at = where
    clause = re.split(r"[，,；;。：:]", text[:at])[-1]
    return "再" if re.search("再" + re.escape(nfkc(target.name)[:2]), clause) else ""


def _as_worded(target: Indicator, summary: Summary) -> str:
    """A target with the words the source puts on it: its own 力争/确保, or the one that opens the list it
    stands in (力争规上工业总产值增长10%以上；固定资产投资增长8%左右 — both are 力争), and the verb right
    before its figure that says how far (突破330亿元, 达到236亿元)."""
    said = "".join(q for q in target.qualifiers if q in _MODALS)
    value = target.value
    where = _where(target, summary)
    if where is not None:
        text, at = where
        said = said or _list_modal(text[text.rfind("。", 0, at) + 1 : at])
        # 确保9月底前新开工亿元以上项目不少于20个: by when, which the row's name does not say
        clause = re.split("[，,；;。]", text[:at])[-1]
        by = _BY_DATE.search(clause)
        said += by.group() if by and by.group() not in target.name else ""
        value = next((w for w in _REACH_WORDS if text[:at].endswith(w) and w not in value), "") + value
    return said + "，".join(x for x in (value, target.change) if x)


def _zone_of(target: Indicator, summary: Summary) -> str:
    """A district's report that sets a target for its zone (推动经开区规上工业产值突破600亿元; 经开区将…
    新建标准厂房30万平方米): the zone's word before the row's name, so the figure is never the district's."""
    if not summary.meta.issuer or re.search(rf"(?:{ZONE_WORDS})$", summary.meta.issuer):
        return ""  # a zone's own report: its 园区/经开区 is itself
    where = _where(target, summary)
    if where is None:
        return ""
    text, at = where
    sentence = text[text.rfind("。", 0, at) + 1 : at]
    part = re.split("[；;]", sentence)[-1]
    # the zone of the figure's own ；-part, else the zone the sentence is about (经开区将…；同时，…)
    zones = re.findall(ZONE_WORDS, part) or re.findall(rf"(?:{ZONE_WORDS})(?=将|要)", sentence)
    return zones[-1] if zones and zones[-1] not in target.name else ""


def _targets(summary: Summary, period: str, *, propose: bool = False) -> list[dict[str, str]]:
    """主要目标: the report's own targets as it words them (以上/左右/不少于 and its 力争/确保 kept), beside
    this period's value of the same indicator. With `propose`, a headline result the report sets no
    target for gets a computed proposal in a column of its own (【建议值】, its basis said); an
    indicator with neither is no row."""
    results = [i for i in summary.indicators if i.is_result and i.role != "problem" and i.value not in i.name]
    rows: list[dict[str, str]] = []
    for t in _source_targets(summary):
        mine = _canonical(t.name)
        now = next((i for i in results if mine and _canonical(i.name) == mine), None)
        if rows and rows[-1]["name"] in (t.name, now.name if now else None):
            # one indicator, two targets (增长7%左右，达到286亿元以上): one row, as the source says it
            worded = _as_worded(t, summary)
            said = next((m for m in _MODALS if rows[-1]["target"].startswith(m)), "")
            worded = worded.removeprefix(said) if said else worded  # 力争增长10%以上，达到236亿元
            rows[-1]["target"] += rows[-1]["mark"] + "，" + worded
            rows[-1]["mark"] = mark(t.grounding_status)
            continue
        rows.append(
            {
                # one name for the actual and its target; 全年 where a plan for part of the year says so,
                # 再 where the target is on top of what is done (年内再签约亿元以上项目15个)
                "name": _whole_year(t, summary, period)
                + _more(t, summary)
                + _zone_of(t, summary)
                + (now.name if now is not None else _group_named(t, summary)),
                "actual": _actual(now),
                "actual_mark": mark(now.grounding_status) if now is not None else "",
                "target": _as_worded(t, summary),
                "mark": mark(t.grounding_status),
                "proposal": "",
                "basis": "source",
            }
        )
    if not rows:  # a template's targets are its blanks (确保全年规上工业总产值达到XX亿元)
        for name, said in _blank_targets(summary):
            if rows and rows[-1]["name"].endswith(name):  # 全年规上工业总产值达到XX亿元，增长XX%以上
                rows[-1]["target"] += "，" + said.removeprefix(rows[-1]["target"][:2])
                continue
            rows.append(
                {"name": name, "actual": "—", "actual_mark": "", "target": said, "mark": "",
                 "proposal": "", "basis": "source"}
            )  # fmt: skip
    # a target the report states in a sentence of its plan (力争明年规上工业总产值增长8%), as written;
    # none where the report has a list of its own targets, which is the table
    targeted = {_canonical(r["name"]) for r in rows} - {""}
    listed = bool(_listed(_source_targets(summary), summary))
    if listed:  # the list's targets in words (能耗完成市下达目标, 确保不发生重大安全生产事故)
        rows += [
            {"name": name, "actual": "—", "actual_mark": "", "target": said, "mark": "", "proposal": "",
             "basis": "source"}
            for name, said in _worded_targets(summary)
        ]  # fmt: skip
    for ind in [] if listed else _target_indicators(summary):
        own = _stated_target(ind, summary, period) if _canonical(ind.name) not in targeted else None
        if own is not None:
            targeted.add(_canonical(ind.name))
            rows.append(
                {
                    "name": ind.name,
                    "actual": _actual(ind),
                    "actual_mark": mark(ind.grounding_status),
                    "target": own[0],
                    "mark": mark(own[1]),
                    "proposal": "",
                    "basis": "source",
                }
            )
    if propose:
        for ind in _target_indicators(summary):
            if _canonical(ind.name) in targeted and _canonical(ind.name):
                continue
            _stated, proposal, basis = _proposal(ind, summary, period)
            if basis != "proposal":
                continue  # no rate to project, or the report's own target covers it
            rows.append(
                {
                    "name": ind.name,
                    "actual": _actual(ind),
                    "actual_mark": mark(ind.grounding_status),
                    "target": "—",
                    "mark": "",
                    "proposal": proposal,
                    "basis": "proposal",
                }
            )
    return rows


def _blank_targets(summary: Summary) -> list[tuple[str, str]]:
    """A template's targets, (name, as worded): each blank of its plans (确保全年规上工业总产值达到XX
    亿元，增长XX%以上), named as a figure standing there would be, its 确保/力争, reach words and
    以上/左右 kept, the blank itself shown as 【待补】 for the office to fill."""
    if not summary.meta.placeholders:
        return []
    found = []
    for entry in summary.outline:
        if entry.part not in (*_FORWARD, StandardPart.MAIN_GOALS.value):
            continue
        text = nfkc(entry.text)
        blanks = placeholders(text)
        filled = text
        for start, end, _unit in blanks:  # a digit of the same width: the spans stay where they are
            filled = filled[:start] + "8" * (end - start) + filled[end:]
        names = [(q.span.start, q.span.end, name) for q, name in named_figures(filled)]
        for start, end, unit in blanks:
            name = next((n for a, b, n in names if a <= start < b), "")
            if not name or name_problem(name) or _EXISTING.match(text[end + len(unit) :]):
                continue  # 推动XX个在建项目加快建设: what is there already
            before = text[text.rfind("。", 0, start) + 1 : start]
            # the clause before a blank names it as the source words it (全年完成投资XX亿元; 力争下半年
            # 新开工项目XX个); a bare 增长XX% takes the subject it grows
            clause = _REACH_END.sub("", _CLAUSE_OPENERS.sub("", re.split(r"[，,；;。：:]", before)[-1]))
            name = clause if len(_CJK.findall(clause)) >= 4 else name
            reach = next((w for w in (*_REACH_WORDS, "增长", "下降") if before.endswith(w)), "")
            after = re.match(r"\s*(?:以上|左右|以内|以下)", text[end + len(unit) :])
            said = _list_modal(before) + reach + MISSING + unit + (after.group().strip() if after else "")
            found.append((name, said))
    return found


_CLAUSE_OPENERS = re.compile(r"^(?:其中|同时|并|力争|确保|争取|力求)+")
_REACH_END = re.compile(r"(?:达到|突破|超过|增长|下降)$")


def _blanked(text: str) -> str:
    """A template's blanks in a task's words shown as 【待补】 (推动XX个在建项目 -> 推动【待补】个)."""
    for start, end, _unit in reversed(placeholders(text)):
        text = text[:start] + MISSING + text[end:]
    return text


# --- 总体思路, 重点任务, 保障措施 ----------------------------------------------------------------


def _owner(text: str) -> str:
    """The owner the source names (牵头单位：招商局); else 【责任单位：招商部门（建议）】 by the item's
    theme; else the placeholder."""
    led = _LED_BY.search(nfkc(text))
    if led:  # 由区自然资源和规划分局牵头，区财政局、区建设局配合
        partners = f"；{led.group(2)}（配合）" if led.group(2) else ""
        return f"【责任单位：{led.group(1)}{'（牵头）' if partners else ''}{partners}】"
    named = _NAMED_OWNER.search(nfkc(text)) or _DOER.search(nfkc(text))
    if named:
        helping = _HELPING.search(nfkc(text))
        if helping:  # 牵头单位：自然资源分局。配合单位：财政局。
            return f"【责任单位：{named.group(1).strip()}（牵头）；{helping.group(1).strip()}（配合）】"
        return f"【责任单位：{named.group(1).strip()}】"
    # what the task's first clause of substance is about (围绕集成电路…领域，编制产业链招商图谱: 招商)
    clauses = [c for c in re.split("[:：。；;，,]", nfkc(text)) if c.strip()]
    substance = [c for c in clauses if not _FRAMING.match(c)] or clauses[:1]
    for line in substance:  # 推进澄溪实验室建设，新建省级以上研发平台12个: the first clause with a theme
        # a Chinese phrase ends in its head (产业链招商 is 招商): the theme word standing last in the line
        found = [(line.rfind(w), t) for t, words in _THEME_WORDS.items() for w in words if w in line]
        # 项目 and 改革 stand in nearly every line; another theme, when there is one, says more
        found = [f for f in found if f[1] not in _GENERIC_THEMES] or found
        if found:
            return f"【责任单位：{_suggested_owner(max(found)[1])}（建议）】"
    return OWNER


# a clause that frames a task rather than says it (围绕…领域, 聚焦…, 按照…要求, 以…为抓手)
_DEPARTMENT = re.compile(r"(?:局|委|办|办公室|中心|分局)$")
_FRAMING = re.compile(r"^(?:围绕|聚焦|按照|依托|坚持|立足|瞄准|对照|紧扣|紧盯|锚定|以)")


# When a task says when it is due, in its own words: the month each names, for finding the last one.
_DUE_WORDS = (
    (re.compile(r"(?:一|1)季度(?:末|底)?(?:前)?"), 3),
    (re.compile(r"上半年|(?:二|2)季度(?:末|底)?(?:前)?"), 6),
    (re.compile(r"前三季度|(?:三|3)季度(?:末|底)?(?:前)?"), 9),
)
_DUE_DATE = re.compile(
    r"(?<![\d-])(?:(20\d\d)年)?(\d{1,2})月(?:(\d{1,2})日|(底|末|中旬|上旬|下旬|份))?(前|以前|之前)?"
)
_WITHIN_PERIOD = re.compile(r"年内|年底前|年底|年末|全年")
_STATED_DEADLINE = re.compile(r"(?:完成时限|时间节点|完成时间)[：:]([^。；;]*)")
# the office a sentence sets to work (招商局要会同商务部门…, 党政办要…)
_DOER = re.compile(
    r"(?:^|[。；;])\s*(?:[\u4e00-\u9fff]{2,8}[。])?"
    r"([\u4e00-\u9fff]{1,10}?(?:局|办|委|部|室|处|科|中心|专班|办公室|小分队|部门|单位|街道))要"
)
_HELPING = re.compile(r"(?:配合单位|协办单位|配合部门)[：:]\s*([^。；;）)\n]{2,40})")
# an owner the source names for the task (牵头单位：党政办公室、组织人事部)
# 由X牵头(，Y配合): the source's own owners, said in a sentence of the task
_LED_BY = re.compile(
    r"由([\u4e00-\u9fff、]{2,30}?)牵头(?:[，,]([\u4e00-\u9fff、]{2,40}?)(?:等单位|等部门)?(?:配合|协同|参与))?"
)
_NAMED_OWNER = re.compile(r"(?:牵头单位|责任单位|责任部门|牵头部门)[：:]\s*([^。；;）)\n]{2,40})")


def _due(text: str) -> tuple[int, int, str] | None:
    """The last date the task names, as (its year or 0, month, its words for the plan): a task with
    milestones (6月底前开工率70%，11月15日前全部开工) is done by its last one, said as the source says
    it (11月15日前, 2026年3月底前); a quarter is its last month's end (一季度 -> 3月底前)."""
    found = [(0, month, f"{month}月底前") for pattern, month in _DUE_WORDS if pattern.search(text)]
    for m in _DUE_DATE.finditer(text):
        year, month, day, part, _before = m.groups()
        if 1 <= int(month) <= 12:
            when = f"{int(month)}月{f'{int(day)}日' if day else (part or '底').replace('份', '底')}前"
            found.append((int(year or 0), int(month), f"{year}年{when}" if year else when))
    if not found:
        return None
    return max(found, key=lambda f: f[:2])


def _deadline(period: str, text: str = "") -> str:
    """The deadline the task itself names, said for the plan's year (一季度 -> 【完成时限：2026年3月底前】,
    11月15日前 as written, 年内/年底前 -> its end); else the end of the plan's period as a suggestion
    （建议）; else, for a plan of unknown year, the task's own words or the placeholder."""
    parsed = parse_period(period)
    year = f"{parsed.year}年" if parsed is not None and parsed.year is not None else ""
    stated = _STATED_DEADLINE.search(text)
    if stated is not None and _due(stated.group(1)) is not None:
        text = stated.group(1).strip()  # 完成时限：12月25日前 says it, whatever 年底前 the task says besides
        if re.search("[，,、]", text):  # 6月底前建立机制，全年推进: the source's own words, whole
            dated = text if _YEAR.match(text) or not _DUE_DATE.match(text) else f"{year}{text}"
            return f"【完成时限：{dated}】"
    due = _due(text)
    if due is not None and not due[0] and parsed is not None and _outlasts_its_date(text):
        # 新增规上工业企业25家，4月底前完成培育库建设: the milestone is one part; the rest runs the period
        return f"【完成时限：{year}{parsed.end}月底前】"
    if parsed is not None and _WITHIN_PERIOD.search(text):  # 年内/全年 is the year's end, in any plan
        return f"【完成时限：{year}12月底前】"
    if due is not None and due[0]:  # a date with its own year (确保2026年3月底前交付使用)
        return f"【完成时限：{due[2]}】"
    if due is not None and (parsed is None or parsed.start <= due[1] <= parsed.end):
        return f"【完成时限：{year}{due[2]}】"
    if parsed is None:
        return DEADLINE
    return f"【完成时限：{year}{parsed.end}月底前（建议）】"


# a dated clause that only completes the thing of the clause before (建设厂房12万平方米，6月底前交付使用)
_COMPLETES = re.compile(
    r"(?:确保|力争|争取|计划|预计)?(?:20\d\d年)?\d{1,2}月(?:底|末|中旬|上旬|下旬|\d{1,2}日)?(?:前|以前|之前)?"
    r"(?:建成|全部|正式|实现)?(?:交付使用|投产|竣工|开工|建成|投用|投运|完工|达产|投入使用|运营)+$"
)


# a clause that sets a figure to reach (新增…25家, 不少于4场, 达到4.5%), not one that counts what it acts
# on (对未开工的8个项目, 涉及用地约426亩)
_TARGET_CLAUSE = re.compile(
    r"(?:新增|新建|达到|不少于|不低于|力争|确保|争取|突破|提高到|提升到|引进|增长|培育)[^，,；;。]*\d"
)


def _outlasts_its_date(text: str) -> bool:
    """A task with a dated milestone and targets of its own beside it (…，4月底前完成培育库建设; 8月底前建成
    平台，力争新建研发机构3个): the date is the milestone's, not the task's."""
    clauses = [c.strip() for c in re.split(r"[，,；;。]", nfkc(text)) if c.strip()]
    dated = [c for c in clauses if _due(c) is not None]
    undated = [c for c in clauses if _due(c) is None and _figures(c) and _TARGET_CLAUSE.search(c)]
    return bool(dated and undated) and not all(_COMPLETES.fullmatch(c) for c in dated)


_NEXT_YEAR_WORDS = re.compile("明年|来年|下一年")


def _in_new_period(text: str, period: str) -> str:
    """A relative date of the report, said for the plan: "明年3月投产" in a 2025 report is 2026年3月 in the
    2026 plan (where 明年 would mean 2027). Only 明年 is rewritten; 年内/今年 stay as the source says."""
    parsed = parse_period(period)
    return _NEXT_YEAR_WORDS.sub(f"{parsed.year}年", text) if parsed and parsed.year else text


def _task_group(summary: Summary, text: str) -> str:
    """The source's own heading over a task (坚持把项目建设作为第一抓手): the outline item it stands in."""
    key = nfkc(text.rstrip("。；;"))[:20]
    for entry in summary.outline:
        if entry.part not in (*_FORWARD, StandardPart.MAIN_GOALS.value):
            continue  # a step's words may echo last period's (突出抓项目建设…): only its plan's headings
        if entry.kind == "item" and entry.heading and key and key in nfkc(entry.text):
            if _part_group(entry):  # a point's 一是/二是 under a part heading: the part groups them
                return _part_group(entry)
            return "" if _is_target_list(entry) else entry.heading.rstrip("。")  # not 三、重点任务
        if entry.kind == "item" and key and nfkc(entry.heading).startswith(key):
            return _part_group(entry)  # the task is a point's own line: the part heading over it
    return ""


def _topics(text: str) -> set[str]:
    return {topic for topic, words in PROBLEM_TOPICS.items() if any(w in text for w in words)}


def _point_heading(summary: Summary, text: str) -> str:
    """The heading of the point a 一是/二是 step stands in, where a part heading groups the points
    (坚持招大引强 over 壮大市场主体 over 一是…): "" otherwise."""
    key = nfkc(text.rstrip("。；;"))[:20]
    for entry in summary.outline:
        if entry.kind == "item" and entry.heading and key and key in nfkc(entry.text) and _part_group(entry):
            return entry.heading.rstrip("。")
    return ""


_REMEDIES = tomllib.loads(
    resources.files("summarizer.outputs").joinpath("data/remedies.toml").read_text("utf-8")
)["remedy"]
# words of degree between a problem's subject and its state (创新能力相对薄弱, 作风建设还需持续加强)
_DEGREE = "(?:仍然|依然|依旧|仍|还|相对|较为|比较|普遍|明显|持续|总体)*"


def _alternation(words: list[str]) -> str:
    return "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True))


def _remedy(problem: str) -> str:
    """The task for a problem the report gives no remedy for, worded from its first clause by
    data/remedies.toml (创新能力相对薄弱 -> 增强创新能力); "" where no row fits or the subject would
    carry a figure, a verb of its own or a stray word."""
    clause = re.split(r"[，,；;：:。]", problem, maxsplit=1)[0].strip()
    for row in _REMEDIES:
        need = f"(?:{_alternation(row['needs'])})" if row.get("needs") else ""
        found = re.fullmatch(
            rf"(?P<subject>.+?){_DEGREE}{need}(?P<adverb>持续|进一步|继续)?(?P<state>{_alternation(row['states'])})",
            clause,
        )
        if not found:
            continue
        subject = found["subject"]
        if row.get("compared_with") and row["compared_with"] in subject:
            subject = subject.rsplit(row["compared_with"], 1)[0]
        if not 2 <= len(subject) <= 24 or _NUMBER.search(subject) or not _CJK.match(subject):
            return ""
        return str(row["task"]).format(subject=subject, state=found["state"], adverb=found["adverb"] or "")
    return ""


def _restates_targets(text: str, stated: set[str]) -> bool:
    """Every clause of the task holds a figure, and each of them is in the target table: the task
    only says the targets again (新签约亿元以上项目30个，新增规上工业企业15家)."""
    listed = _LIST_OPENS.match(nfkc(text))  # 主要目标：力争…: the list's label says the same
    said = nfkc(text)[listed.end() if listed else 0 :]
    clauses = [c for c in re.split(r"[，,；;。：:]", said) if c.strip()]
    return bool(clauses) and all(
        (found := _figures(c)) and all(q.text in stated for q in found) for c in clauses
    )


def _beyond_targets(tasks: list[dict[str, str]], targets: list[dict[str, str]]) -> list[dict[str, str]]:
    """The tasks less the running sentences that only repeat the target table (力争全年完成规上工业总产值
    245亿元…；新签约亿元以上项目30个): an item under the source's own heading is its work, and stays."""
    stated = {q.text for row in targets for q in _figures(row["target"])}
    kept = []
    for task in tasks:
        own_date = _due(nfkc(task["text"])) is not None  # 3月底前组建两个专班: a milestone of its own
        if task["group"] or own_date or not _restates_targets(task["text"], stated):
            kept.append(task)
    return kept


def _problem_tasks(summary: Summary, period: str, tasks: list[dict[str, str]]) -> list[dict[str, str]]:
    """Each problem the report names becomes a task: where one of the report's own tasks is about the
    same topic (土地…约束趋紧 and 推动闲置低效用地盘活800亩以上), that task answers it and is named by
    its number; otherwise a line that names the problem, the program's suggestion, said so."""
    found = []
    about = [_topics(nfkc(t["text"])) for t in tasks]  # once per task: problems x tasks stays cheap
    for p in summary.problems:
        problem = p.text.rstrip("。；;")
        topics = _topics(nfkc(problem))
        answers = [n for n, task_topics in enumerate(about, start=1) if topics & task_topics]
        if answers:
            numbers = "、".join(f"第{n}项" for n in answers[:3])
            own = tasks[answers[0] - 1]
            found.append(
                {
                    "text": f"针对“{problem}”，落实重点工作{numbers}。",
                    "problem": problem,
                    "mark": mark(p.grounding_status),
                    "owner": own["owner"],
                    "deadline": own["deadline"],
                    "group": "",
                    "suggested": "",
                }
            )
            continue
        remedy = _remedy(problem)
        # a problem of one clause is all in its remedy (着力解决土地指标紧张问题): no quote before it
        said = f"{remedy}。" if remedy and not re.search(r"[，,；;：:]", problem) else ""
        found.append(
            {
                "text": said or f"针对“{problem}”，{remedy or '研究提出解决措施'}。",
                "problem": problem,
                "mark": mark(p.grounding_status),
                "owner": _owner(problem),
                "deadline": _deadline(period),
                "group": "",
                "suggested": "（建议）",
            }
        )
    return found


_ASSIGNMENT = re.compile(
    r"\s*(?:责任单位|牵头单位|责任部门|牵头部门|配合单位|协办单位|配合部门|完成时限|时间节点)[：:][^。；;]*[。；;]?"
)
# a meeting's 同意 before what it agreed to do (同意对…予以加快推进, 同意从…安排): the minutes' voice
_AGREED = re.compile(r"(?:^|(?<=[。；;]))(?:会议)?(?:原则)?同意(?=对|从|由|在|将|给予|安排|按照|以|为)")
# 原则同意《…方案》，由招商局…印发实施 -> 《…方案》由招商局…; 同意X提出的方案，对… -> 按照X提出的方案，对…:
# what the meeting agreed to is the plan's task, the agreeing is the minutes'
_AGREED_TO = re.compile(
    r"^(?:会议)?(?:原则)?同意(?P<what>[^，,。；;]{2,60}?(?:方案|意见|办法|计划|规划|》))(?P<comma>[，,])(?P<by>由)?"
)
# a story's link to the sentence before (为此，园区正在推进…; 同时联合…): no part of the task
_LINK = re.compile(r"^(?:为此|同时|此外|另外|与此同时|对此)[，,]?")


def _without_minutes_voice(text: str) -> str:
    agreed = _AGREED_TO.match(text)
    if agreed:
        lead = f"{agreed['what']}由" if agreed["by"] else f"按照{agreed['what']}，"
        text = lead + text[agreed.end() :]
    return _LINK.sub("", _AGREED.sub("", text))


# an office's name standing alone: the report's signature
_SIGNATURE = re.compile(
    r"[\u4e00-\u9fff（）()]{2,30}?(?:局|委员会|管委会|管理委员会|办公室|中心|政府|委|办)[。.]?"
)
_TASK_MIN = 6  # Chinese characters of the shortest task (开展双招双引专项行动 is 10)
_LEAD_MAX = 10  # 拓展路网框架。有序推进…: a sentence this short, without a comma, heads the next one
_PIECE = re.compile(r"[^。；;！？]*[。；;！？]?")
# a meeting's 要 before what it asks (要持续优化营商环境), never 要素/要求/要点
_ASKED = re.compile(r"^要(?![素求点件])(?=[\u4e00-\u9fff])")


def _is_lead(sentence: str) -> bool:
    """压实工作责任。: a point's title; never its 完成时限：10月底前."""
    return len(sentence) <= _LEAD_MAX and not re.search("[，,、：:]", sentence)


def _pieces(body: str) -> list[str]:
    """A heading's body as tasks, in the source's own sentences. Where short lead sentences head its
    points (拓展路网框架。有序推进…。完善功能配套。…), each point is one task, from its lead to the next,
    and what stands before the first lead is the heading's preamble (按照…的要求，进一步加快…), no task.
    Otherwise one task per sentence or ；-clause; 其中… stays with the one before it."""
    sentences = [m.group().strip() for m in _PIECE.finditer(body.strip())]
    sentences = [x for x in sentences if x.strip("。；;！？ ")]
    leads = [n for n, x in enumerate(sentences) if _is_lead(x)]
    if leads and any(not _is_lead(x) for x in sentences[leads[0] :]):
        points: list[str] = []
        for n, sentence in enumerate(sentences[leads[0] :], start=leads[0]):
            if n in leads and (not points or not _is_lead(sentences[n - 1])):
                points.append(sentence)
            else:
                points[-1] += sentence
        return points
    pieces: list[str] = []
    for sentence in sentences:
        # 其中新开工项目30个, 责任单位：…, 完成时限：…: of the one before
        if pieces and (sentence.startswith("其中") or _ASSIGNMENT.match(sentence)):
            pieces[-1] += sentence
        else:
            pieces.append(sentence)
    return pieces


def _part_group(entry: OutlineItem) -> str:
    """The report's own heading over a point's heading (一、聚力项目建设 over 1.全力推进…), unless that
    heading only names the part (三、重点工作, 下半年工作打算)."""
    group = entry.group.strip().rstrip("。")
    return "" if not group or heading_label(group) is not None or _PART_NAME.search(group) else group


_PART_NAME = re.compile(
    r"(?:工作|下半年|下步|明年|20\d\d年)(?:工作)?(?:打算|计划|安排|思路|重点|要点)$|重点(?:工作|任务)$"
)


def _forward_items(summary: Summary) -> list[OutlineItem]:
    """The report's own items of what it will do, under their headings: 聚力项目攻坚，扩大有效投资 in a
    政府工作报告's 主要目标和重点任务; not a list of bare targets (1.地区生产总值增长7%左右；)."""
    forward = (*_FORWARD, StandardPart.MAIN_GOALS.value)
    return [
        e
        for e in summary.outline
        if e.kind == "item"
        and e.heading
        and e.part in forward
        and len(_CJK.findall(e.text)) >= _LEAD_MAX
        and not _is_target_list(e)  # 二、2026年主要目标: the target table's, no task
    ]


def _assigned(text: str, period: str) -> dict[str, str]:
    """A task's text with its owner and deadline: the source's 责任单位：…；完成时限：… go to those fields,
    not twice into its text (`source` keeps the whole, for a decision's later clauses)."""
    said = _ASSIGNMENT.sub("", text).rstrip("；;，, ") or text
    return {
        "text": said if said.endswith(("。", "！", "？")) else said + "。",
        "owner": _owner(text),
        "deadline": _deadline(period, text),
        "source": text,
    }


# a sentence about what comes next, in a report with no part for it (a news item: 年内再签约亿元以上项目
# 10个; 下一步，园区将…); its verb or its time says so
_AHEAD = re.compile(
    r"下一步|下步|接下来|今后|下半年|年内|年底前|明年|(?<!年度)(?<!投资)计划(?!的|投资|总投资)|力争|确保|争取|将于"
    r"|将(?:加快|全力|继续|持续|进一步|重点|着力)"
)
# who said it, before what they said (陈慧敏表示，; 在回答记者提问时，…何晓岚表示，)
_SAID_BY = re.compile(r"^[^。]{0,40}?(?:表示|指出|介绍|说|强调)[，,：:]")
_DATED = re.compile(r"^\d{1,2}月\d{1,2}日")


def _forward_sentences(summary: Summary) -> list[tuple[OutlineItem, str]]:
    """What a report without a plans part says it will do: each sentence that looks ahead (`_AHEAD`)
    and is about work, in order; never its lead's event or a quotation."""
    found = []
    for entry in summary.outline:
        if entry.grounding_status is not GroundingStatus.VERIFIED:
            continue
        for sentence in re.findall(r"[^。！？]+[。！？]?", entry.text):
            words = _SAID_BY.sub("", sentence.strip())
            if _DATED.match(words) or re.match('[“”"]', words):
                continue  # the event of the day (7月16日，…举行新闻发布会), a quotation
            if not _AHEAD.search(words) or len(_CJK.findall(words)) < _LEAD_MAX:
                continue
            # 一是狠抓项目攻坚…；二是强化产业培育…: one task each; 下一步，经开区将…: the plan's voice
            points = [p for p in _POINT_SPLIT.split(words) if p.strip("；;，,。 ")]
            for point in points if len(points) > 1 else [words]:
                said = _VOICE.sub("", _WHEN_OPENING.sub("", _POINT_MARK.sub("", point.strip())))
                if len(_CJK.findall(said)) >= _LEAD_MAX and not _ANNOUNCES.search(said[-8:]):
                    found += [(entry, measure) for measure in _measures(said)]
    return found


def _measures(sentence: str) -> list[str]:
    """One sentence that lists the measures to come, a verb opening each (聚焦全年目标任务，加力推进
    重点项目建设，强化…帮扶，抓好…入库，用好…政策，确保…增长，为…打下坚实基础): one task each, the
    clauses without a verb of their own staying with the one before; its opening guidance is the
    总体思路's. Any other sentence is one task."""
    groups: list[str] = []
    for clause in re.findall(r"[^，,]+[，,]?", sentence):
        if groups and not WORK_HEADING.match(clause):
            groups[-1] += clause
        else:
            groups.append(clause)
    if len(groups) < 4:
        return [sentence]
    if _GUIDES.match(groups[0]) and not _figures(groups[0]):
        groups = groups[1:]
    return [re.sub("[，,；;。]$", "", g) + "。" for g in groups]


# what a story says was reached, not how the work is done: 已建成, 累计, 今年以来, 相继落地
_REACHED = re.compile(r"已|累计|以来|目前|相继|先后|显著|取得|成效|据统计|(?<![为除])了(?!解)")
_STORY_VOICE = re.compile(
    r"^(?:并|同时|还)?(?:他们|该(?:开发区|经开区|高新区|园区|区|局)|(?:开发区|园区|经开区|高新区)还?)?"
    r"[，,]?(?=[\u4e00-\u9fff]{2})"
)


def _story_areas(summary: Summary) -> list[tuple[OutlineItem, str]]:
    """A story with no plans of its own, told by its work areas under their headings (聚焦链式招商，做大
    产业规模。…): each area's measures, the ；-parts that say how the work is done, in the source's
    words, never what it has reached (今年新增高新技术企业19家), a quotation, or a project the plan lists
    already. The areas of a story about a stretch now past (前三季度) are the program's reading of what
    goes on: marked （建议）."""
    entries = [
        e
        for e in summary.outline
        if e.grounding_status is GroundingStatus.VERIFIED
        and e.kind == "item"
        and e.heading
        and e.part != StandardPart.PROBLEMS.value
    ]
    # a feature's topic sentences (服务企业的方式也在改变, 傍晚时分…) tell a story, not its work areas
    areas = [e for e in entries if WORK_HEADING.match(nfkc(e.heading))]
    if summary.meta.genre != "news" or len(areas) < 2 or len(areas) * 2 < len(entries):
        return []  # a summary's items are what was done; a meeting's 部署 are its next steps
    entries = areas
    own = parse_period(summary.meta.period)
    past = own is not None and own.end < 12
    projects = [p.name for p in summary.projects if p.name]
    found = []
    for entry in entries:
        text = _QUOTED_SAYING.sub("", entry.text)  # “项目是发展的生命线，…。”吴海峰说。
        quoting = False
        for sentence in _SENTENCE.finditer(text):
            words = _SAID_BY.sub("", sentence.group().strip())
            # a quotation, over as many sentences as it runs (林志远表示：“…。…。”): not the plan's words
            opens, closes = len(re.findall('[“「"]', words)), len(re.findall("[”」]", words))
            quoted = quoting or words.startswith(("“", "「", '"'))
            quoting = (quoting or opens > closes) and not (closes > opens or (quoting and closes))
            if quoted or _DATED.match(nfkc(words)):
                continue  # a quotation; the event of the day
            kept, dropped = [], False
            # a ；-part about a project the plan lists is in 续建项目, all of it
            unlisted = [
                part for part in re.findall(r"[^；;]+[；;]?", words) if not any(n in part for n in projects)
            ]
            for clause in re.split("(?<=[，,；;])", "".join(unlisted)):
                # 今年以来，新签约项目27个，协议总投资146亿元，其中…: the figures after a reached one are its
                # a story of a stretch now past tells its one-off steps as taken (组建6支小分队)
                dropped = (
                    _reached(clause)
                    or (past and _set_up(clause))
                    or (dropped and bool(_figures(clause) or clause.startswith("其中")))
                )
                if not dropped:
                    kept.append(clause)
                dropped = dropped and not clause.endswith(("；", ";"))
            said = _STORY_VOICE.sub("", "".join(kept).strip()).rstrip("，,；;。")
            if len(_CJK.findall(said)) <= _LEAD_MAX:
                continue  # 将项目建设作为重要着力点: a lead, its heading says it
            found.append((entry, said + ("（建议）。" if past and not _AHEAD.search(said) else "。")))
    return found


# a quotation with who said it: no measure of the plan's
_QUOTED_SAYING = re.compile(r"“[^”]*”[^。“”]{0,30}?(?:说|表示|介绍|谈道)[。！]?")


# a one-off step a story tells as taken (组建6支驻外招商小分队, 联合3所高校共建研究院, 设立服务中心):
# done, unless the clause looks ahead or pushes it on (加快建立…, 将设立…)
_SET_UP = re.compile(
    r"^(?P<before>[^，,；;]{0,14}?)(?:组建|设立|成立|建立|共建|签订|召开|出台|印发|举办|绘制|梳理|编制)"
)
_PUSHED_ON = re.compile("加快|推动|推进|积极|着力|持续|不断|逐步|力争|确保")


def _set_up(clause: str) -> bool:
    found = _SET_UP.match(clause.strip())
    return found is not None and not _AHEAD.search(clause) and not _PUSHED_ON.search(found["before"])


def _reached(clause: str) -> bool:
    """A clause of a story that says what was reached (今年新增高新技术企业19家, 已建成…), not how the
    work is done; what it says comes next is never one."""
    if _AHEAD.search(clause):
        return False
    return bool(_REACHED.search(clause) or (_figures(clause) and _ATTAINED.search(clause)))


# a verb of what a figure attained (新增高新技术企业19家), or a stretch of time heading it (前三季度，
# 园区规上工业总产值186.3亿元); a figure after any other verb is what the measure works on (加大对6平方
# 公里区块的开发建设) and stays with it
_ATTAINED = re.compile(
    r"^\s*(?:20\d\d年|今年|上半年|前三季度|[一二三四]季度)"
    r"|新增|完成|实现|达到|签约|引进|建成|落地|解决|获得|帮助|增长|下降|突破|培育|认定"
)


_POINT_SPLIT = re.compile(r"[；;，,：:]?(?=[一二三四五六七八九十]是)")
_POINT_MARK = re.compile(r"^[一二三四五六七八九十]是")
_VOICE = re.compile(r"^[^，。；“”]{0,12}?将(?=[\u4e00-\u9fff]{2})")  # 岚江经开区将…


def _tasks(summary: Summary, period: str) -> list[dict[str, str]]:
    """重点任务 from 下步打算, one each, with the quantities of its source text (推进12个项目…), once,
    under the source's own heading when it has one (`group`, "" otherwise). A next step that is a whole
    heading's body is split into its sentences; the report's other items of what it will do (a
    政府工作报告's 重点任务 under its 主要目标) follow in their order."""
    tasks: list[dict[str, str]] = []
    seen: set[str] = set()

    def add(text: str, status: GroundingStatus | None, group: str, point: str = "") -> None:
        text = _ASKED.sub("", _in_new_period(text, period).rstrip("；;，, "))
        text = _without_minutes_voice(text)  # 同意从产业发展专项资金中安排…: the task is what was agreed
        text = _blanked(text) if summary.meta.placeholders else text
        if CLOSING_PLEDGE.search(text):  # …，为全区经济社会发展作出更大贡献: the pledge is no part of it
            clauses = re.findall(r"[^，,。；;]+[，,。；;]?", text)
            text = "".join(c for c in clauses if not CLOSING_PLEDGE.search(c)).rstrip("，,；; ")
            text = _OCCASION.sub("", text) + ("。" if text and text[-1] not in "。！？" else "")
        key = dedupe_key(text)
        if key in seen or (len(_CJK.findall(text)) < _TASK_MIN and not _figures(text)):
            return  # 下载文档: a page's button, no task
        if _SIGNATURE.fullmatch(nfkc(text).strip()):
            return  # 桦川高新区经济发展局。: the report's signature, no task
        seen.add(key)
        # the source's 责任单位：…；完成时限：… go to the task's own fields, not twice into its text
        # `point`: the source's point it stands in, whose 牵头单位 line owns it (not its neighbours')
        task = {"mark": mark(status), "group": group, "point": point, **_assigned(text, period)}
        if task["owner"] == OWNER and group:  # 持续深化科技创新 over 推进澄溪实验室建设: the heading's theme
            task["owner"] = _owner(group)
        tasks.append(task)

    headed = {e.heading.rstrip("。"): e for e in _forward_items(summary)}
    # a part's lead-in (2026年是…开局之年。主要目标是：…。重点抓好以下工作：) is 总体思路 and targets
    lead_ins = [nfkc(e.text) for e in summary.outline if e.kind == "intro" and e.part in _FORWARD and e.group]
    covered: set[str] = set()
    introduced: set[str] = set()  # the points whose heading opens their first task
    lead = ""  # 压实工作责任。: a short title sentence heads the step after it
    steps = summary.next_steps
    for n, t in enumerate(steps):
        line, detail = t.text.rstrip("。；;"), t.detail.strip()
        if any(nfkc(line)[:12] in lead_in for lead_in in lead_ins):
            continue
        following = steps[n + 1].text if n + 1 < len(steps) else ""
        if not detail and _is_lead(line) and following and not _is_lead(following.rstrip("。；;")):
            lead += line + "。"
            continue
        line, lead = lead + line, ""
        entry = headed.get(line)
        if entry is not None and len(entry.heading) > TOPIC_SENTENCE_MAX:
            # 二、成立项目落地转化专班，…力争年底前新开工项目8个以上。责任单位：…: one decision, one task,
            # under the part heading over it when there is one (（一）强化科技创新策源能力 over 1.…)
            covered.add(entry.heading)
            add(f"{line}。{entry.text}", t.grounding_status, _part_group(entry), entry.heading)
            continue
        if entry is not None and _part_group(entry):
            # 一、聚力项目建设 over 1.全力推进重点项目建设。确保…: the part is the group, each point a task
            covered.add(entry.heading)
            add(f"{line}。{entry.text}", t.grounding_status, _part_group(entry), entry.heading)
            continue
        if entry is not None:  # （三）坚持把载体建设作为第一要务。按照…。拓展路网框架。有序推进…
            covered.add(entry.heading)
            for piece in _pieces(entry.text):
                add(piece, t.grounding_status, line)
            continue
        # a line cut short (重点推进…等项目建设……) is the opening of its detail, no heading of its own
        opening = line.rstrip("…")
        text = f"{line}：{detail}" if detail and not detail.startswith(opening) else detail or line
        group = _task_group(summary, t.text)
        point = _point_heading(summary, t.text)
        if point and point not in introduced:  # 壮大市场主体：新增规上工业企业25家…, once per point
            introduced.add(point)
            text = f"{point}：{text}"
        # a heading whose body is only its 责任单位/完成时限: the heading is the decision
        only_assigned = _ASSIGNMENT.fullmatch(nfkc(text)) is not None and any(
            e.heading.rstrip("。") == group and not _ASSIGNMENT.sub("", nfkc(e.text)).strip("。；; \n")
            for e in summary.outline
        )
        if len(group) > TOPIC_SENTENCE_MAX or only_assigned:
            # a decision sentence over its 责任单位/完成时限 (一、同意…。责任单位：财政局。): one task
            decided = next((task for task in tasks if task.get("decision") == group), None)
            if decided is not None:
                decided["source"] += "；" + text
                decided.update(_assigned(decided["source"], period))
                continue
            add(f"{group}。{text}", t.grounding_status, "")
            tasks[-1]["decision"] = group
            continue
        add(text, t.grounding_status, group, point)
    said = [nfkc(t.text.rstrip("。；;"))[:12] for t in summary.next_steps]
    for entry in headed.values():
        body = nfkc(entry.text)
        if entry.heading in covered or any(step and step in body for step in said):
            continue  # its 一是/二是 are next steps already
        if _part_group(entry):
            heading = entry.heading.rstrip("。")
            add(f"{heading}。{entry.text}", entry.grounding_status, _part_group(entry), heading)
            continue
        for piece in _pieces(entry.text):
            add(piece, entry.grounding_status, entry.heading.rstrip("。"))
    if not tasks:  # a story or a notice with no part of its plans: its work areas and what comes next
        areas = _story_areas(summary)
        projects = [p.name for p in summary.projects if p.name]
        for entry, sentence in _forward_sentences(summary):
            if areas and (entry.heading or any(name in sentence for name in projects)):
                continue  # said again among its area's measures, or in 续建项目
            if not _restates_guidance(sentence, summary):
                add(named(sentence, summary), entry.grounding_status, entry.heading.rstrip("。"))
        for entry, sentence in areas:
            add(named(sentence, summary), entry.grounding_status, entry.heading.rstrip("。"))
    tasks = _owned_by_group(tasks)
    for task in tasks:  # working fields, no part of the plan
        for working in ("source", "decision", "point"):
            task.pop(working, None)
    return tasks


_OWNER_LINE = re.compile(
    r"(?:^|[。；;\n])\s*(牵头单位|责任单位|责任部门|牵头部门|配合单位|协办单位)[：:]\s*([^。；;\n]+?)"
    r"(?=\s*(?:完成时限|时间节点)[：:]|[。；;\n]|$)[。；;]?"
)


def _owned_by_group(tasks: list[dict[str, str]]) -> list[dict[str, str]]:
    """A heading's 牵头单位：…/配合单位：… line, under its tasks, owns them all: it is no task itself, and
    it replaces a suggested owner (经济发展局（牵头）；规划建设局、自然资源分局（配合）)."""
    owners: dict[tuple[str, str], list[tuple[str, str]]] = {}
    kept: list[dict[str, str]] = []
    for task in tasks:
        source = nfkc(task["source"]).strip()
        lines = list(_OWNER_LINE.finditer(source))
        if task["group"]:  # the heading's (or its point's) last lines: they name who does all of it
            key = (task["group"], task.get("point", ""))
            owners.setdefault(key, []).extend((m.group(1), m.group(2).strip()) for m in lines)
        before = kept[-1] if kept and kept[-1]["group"] == task["group"] else None
        if before is not None and _ASSIGNMENT.fullmatch(source):
            # 完成时限：9月30日前 under its decision: that task's deadline, no task of its own
            before["deadline"] = task["deadline"]
            if not lines:
                continue
        if lines and lines[0].start() == 0 and task["group"]:
            continue  # 牵头单位：经济发展局。 alone is no task
        kept.append(task)
    for group in {t["group"] for t in kept if t["group"]}:
        members = [t for t in kept if t["group"] == group]
        under = [owners.get((group, t.get("point", ""))) for t in members]
        if len(members) > 1 and (last := under[-1]) and not any(under[:-1]):
            # the lines under a heading's last item only, the others naming none (1.组建专班… 2.建立机制…
            # 责任单位：投资促进局): the heading's, for all its items
            for t in members[:-1]:
                owners[(group, t.get("point", ""))] = last
    for task in kept:
        named = owners.get((task["group"], task.get("point", "")))
        if named and ("（建议）】" in task["owner"] or task["owner"] == OWNER):
            lead = [who for role, who in named if role != "配合单位" and role != "协办单位"]
            helping = [who for role, who in named if role in ("配合单位", "协办单位")]
            said = "；".join(
                [*(f"{w}（牵头）" if helping else w for w in lead), *(f"{w}（配合）" for w in helping)]
            )
            task["owner"] = f"【责任单位：{said}】"
    return kept


def _in_order(text: str, budget: int) -> str:
    """The source's sentences in their own order while they fit, the first always (cut at a comma when
    it alone runs over): a guiding paragraph or a safeguard reads as written, not by its figures."""
    kept = ""
    for m in _SENTENCE.finditer(text):
        sentence = m.group().strip()
        if not sentence.strip("。；;！？ ") or speaks_of_itself(sentence):
            continue
        if kept and len(kept) + len(sentence) > budget:
            break
        if not kept and len(sentence) > budget:
            cut = max((c.start() for c in re.finditer("[，,]", sentence[:budget])), default=budget)
            sentence = sentence[:cut]
        kept += sentence
    if not kept or kept.endswith(("。", "！", "？")):
        return kept
    return re.sub("[，,；;、]$", "", kept) + "。"


def _guiding(summary: Summary) -> list[OutlineItem]:
    """The report's own guiding sentences for the new period: a plan's opening (its last paragraph:
    what it sets out to do) and its 指导思想; a summary's lead-in to its plans (下半年，开发区将…)."""
    entries = [e for e in summary.outline if e.grounding_status is GroundingStatus.VERIFIED]
    guiding = [e for e in entries if e.part == StandardPart.GUIDING_IDEAS.value and e.text]
    if _plans_ahead(summary):
        preamble = [e for e in entries if e.kind == "preamble"]
        return [*preamble[-1:], *guiding]
    # a lead-in stands before the items of its part; an intro that is the whole part (会议要求：一是…;
    # 下一步，全区将聚焦…，加力推进…) is its tasks, and its guiding clause is found as a story's is
    lead_ins = [
        e
        for n, e in enumerate(summary.outline)
        if e in entries
        and e.kind == "intro"
        and e.part == StandardPart.NEXT_STEPS.value
        and any(later.kind == "item" and later.part == e.part for later in summary.outline[n + 1 :])
    ]
    return [*lead_ins, *guiding]


_ANNOUNCES = re.compile(r"以下|如下")
_ANNOUNCING = re.compile(r"(?:^|[，,])[^，,。：:]*(?:以下|如下)[^，,。：:]*[：:]。?$")
# 下步工作：围绕…: the part's label, no words of its guidance
_PART_LABEL = re.compile(r"^(?:下一?步(?:工作)?(?:打算|安排)?|下半年工作(?:打算|安排))[：:]")
_SENTENCE = re.compile(r"[^。；;！？]+[。；;！？]?")
_POINTS = re.compile("[一二三四五六七八九十]是")
_THIN_GUIDANCE = 16  # 下半年，我区将紧紧围绕全年目标任务 says what the work keeps to, not what it is
_THIN_APPROACH = 40  # 2026年是"十五五"开局之年。 alone says nothing of what the year will do


def _qualitative(text: str) -> str:
    """A guiding paragraph without its list of targets (主要目标是：力争…增长7.5%以上，…突破1080亿元；…,
    in the target table) and without the line announcing what follows (重点抓好以下工作：)."""
    kept = []
    for sentence in re.findall(r"[^。！？]+[。！？]?", text):
        # 重点抓好以下工作： announces what follows: the clause goes, the sentence's guidance stays
        sentence = _ANNOUNCING.sub("", sentence.rstrip())
        if not sentence.strip("，,。 "):
            continue
        if not sentence.endswith(("。", "！", "？")):
            sentence += "。"
        if len(_figures(sentence)) < 2:
            kept.append(sentence)
            continue
        # 全园上下要锚定…目标，着力抓项目…，全年力争实现…105亿元…: its words before its figures
        opening = ""
        for clause in re.findall(r"[^，,；;。！？]+[，,；;。！？]?", sentence):
            if _figures(clause) or _LIST_OPENS.search(clause):
                break
            opening += clause
        if opening:
            kept.append(re.sub("[，,；;]$", "", opening) + "。")
    return "".join(kept)


# a guiding sentence opens with what the work keeps to, after who (园区将…) at most
_GUIDES = re.compile(
    r"^(?:[^，。；]{0,12}?(?:将|要))?(?:紧紧|始终|继续|持续|全力)?(?:坚持|围绕|紧盯|紧扣|锚定|聚焦|瞄准)"
)
_WHEN_OPENING = re.compile(
    r"^(?:[一二三四五六七八九十]+、[^，。]{2,12}?(?:打算|计划|安排|思路))?"  # 二、下半年工作打算 run in
    r"(?:(?:下一步|下步|下半年|接下来|今后|第?[一二三四]季度|20\d\d年)[，,]|下步工作[：:]|下一步工作[：:])"
)
# what guidance keeps to: a goal, a main line, a requirement (围绕全年目标任务, 以高质量发展为主线)
_AIM = re.compile(r"目标|主线|总基调|要求|部署|定位|方针|战略|赛道|主攻方向")
_BLANK = re.compile(r"[Xx×＊*〇○]{2}")  # a template's blank (XX个): no figure, no words either


def _guiding_sentence(summary: Summary) -> str | None:
    """Where a report has no guiding paragraph, its first sentence about what comes next that says
    what the work keeps to (围绕全年目标，强化经济运行监测调度): its words before its figures."""
    forward = [
        (e, s)
        for e in summary.outline
        if e.part in (*_FORWARD, StandardPart.MAIN_GOALS.value)
        for s in _SENTENCE.findall(e.text)
    ]
    for entry, sentence in forward or _forward_sentences(summary):
        words = _WHEN_OPENING.sub("", _SAID_BY.sub("", sentence.strip()))
        if (
            entry.grounding_status is GroundingStatus.VERIFIED
            and _GUIDES.match(words)
            and _AIM.search(words)
            and not _BLANK.search(words)
        ):
            said = _qualitative(words if words.endswith("。") else words.rstrip("；;，,") + "。")
            if said and not _figures(said):
                return named(_guide_clauses(said, entry.text), summary)
    if _tells_this_year(summary):  # a story of its own year: the sentence that says what the year aims at
        for entry in (e for e in summary.outline if e.grounding_status is GroundingStatus.VERIFIED):
            for sentence in _SENTENCE.findall(entry.text):
                aimed = _AIMED.search(nfkc(_SAID_BY.sub("", sentence.strip())))
                said = _qualitative(aimed.group("said")) if aimed else ""
                if said and not _figures(said):
                    return named(_guide_clauses(said, entry.text), summary)
    closing = _closing_resolve(summary)
    return named(_OCCASION.sub("", closing), summary) if closing else None


# 2024年，牟平经济开发区以产业提档升级和园区高质量发展为目标，围绕…: what a story's year aims at, said
# by its subject (在…的基础上，今年， before it is dropped)
_AIMED = re.compile(
    r"(?:^|[，,])(?:今年|20\d\d年)?[，,]?"
    r"(?P<said>[^，,。；;]{2,16}?以[^，,。；;]{2,30}?为(?:目标|主线|重点|抓手|引领|导向)[^。；;]*)"
)


# the occasion a story's closing words are said on, no part of what they say
_OCCASION = re.compile(r"^(?:站在新的?起点|新的一年|展望未来|面向未来|新征程上)[，,]")


def _closing_resolve(summary: Summary) -> str | None:
    """A story's closing resolve (站在新的起点，元禾产业园将继续坚持项目为王…): its last paragraph, one
    sentence without a figure that says what the zone will keep doing; the 总体思路 of a plan drawn
    from it, no task."""
    entries = [e for e in summary.outline if e.grounding_status is GroundingStatus.VERIFIED]
    if summary.meta.genre != "news" or not entries or entries[-1].heading:
        return None
    sentences = _SENTENCE.findall(entries[-1].text.strip())
    last = _SAID_BY.sub("", sentences[0].strip()) if len(sentences) == 1 else ""
    # 放大六个“聚焦”成效 names the story's own parts; a measured figure makes it a task
    measured = any(re.search(r"\d", q.text) for q in _figures(last))
    return last if "将" in last and not measured else None


# 以…为支撑/为引领: a clause of guidance as much as 坚持/围绕 is
_BASED_ON = re.compile(r"以[^，,。；;]{2,30}?为(?:目标|主线|重点|抓手|引领|导向|支撑|动力|保障)")
# the points a guiding sentence announces (以下工作：一是全力冲刺项目建设。二是…; （一）坚定不移抓招商)
_ANNOUNCED_LEAD = re.compile(
    r"(?:[一二三四五六七八九十]是|[（(][一二三四五六七八九十]{1,2}[）)])([^，,。；;：:（(]{2,16})[，,。；;：:]"
)


def _guide_clauses(sentence: str, paragraph: str = "") -> str:
    """A guiding sentence's clauses of guidance, not the tasks that follow them in one breath:
    全区将坚持稳中求进，紧扣…主线，加力推进重点项目建设… -> 全区将坚持稳中求进，紧扣…主线。 Guidance
    that says only what it keeps to (全区将聚焦全年目标任务) is no sentence alone: the clause the author
    wrote next completes it (…，加力推进重点项目建设。)."""
    parts = re.findall(r"[^，,。；;]+[，,。；;]?", sentence)
    kept = parts[:1] + list(takewhile(lambda p: _GUIDES.match(p) or _BASED_ON.match(p), parts[1:]))
    following = parts[len(kept)] if len(parts) > len(kept) else ""
    thin = len(_CJK.findall("".join(kept))) <= _THIN_GUIDANCE
    if thin and following and _ANNOUNCES.search(following):
        # …，重点抓好以下工作：一是…二是…: the points it announces complete it, by their own leads
        said = paragraph[paragraph.find(following.rstrip("，,。；;")) :] if paragraph else following
        leads = [m.group(1) for m in _ANNOUNCED_LEAD.finditer(nfkc(said)) if not _figures(m.group(1))]
        if len(leads) >= 2:
            kept.append("，".join(leads))
    # …，奋力冲刺“全年红”: a short aim closes the guidance; a measure (加力推进…) is a task's
    elif following and (thin or (len(following) <= _LEAD_MAX + 3 and not WORK_HEADING.match(following))):
        kept.append(following)
    said = re.sub("[，,；;。]$", "", "".join(kept)) + "。"
    return re.sub(r"(?<=[\u4e00-\u9fff”]),(?=[\u4e00-\u9fff“])", "，", said)  # a web page's half-width commas


def _restates_guidance(sentence: str, summary: Summary) -> bool:
    """A sentence about what comes next that only says what the work keeps to (紧盯全年目标任务，奋力
    冲刺“全年红”): the 总体思路's, no task."""
    if (closing := _closing_resolve(summary)) and nfkc(_OCCASION.sub("", closing))[:12] in nfkc(sentence):
        return True
    clauses = [c for c in re.split("[，,；;]", sentence.rstrip("。")) if c]
    return not _figures(sentence) and len(clauses) <= 2 and _GUIDES.match(sentence) is not None


def _approach(summary: Summary) -> list[str]:
    """总体思路 in the report's own words, condensed; the goals it states; else a visible 【待补】."""
    guiding = _guiding(summary)
    said = [_in_order(_qualitative(_PART_LABEL.sub("", e.text.strip())), APPROACH_CHARS) for e in guiding]
    lines = [line + mark(e.grounding_status) for line, e in zip(said, guiding, strict=True) if line]
    # the report's own headings of its plans say what it will do, where its guiding words say little
    forward = [
        e
        for e in summary.outline
        if e.kind == "item"
        and e.heading
        and e.part in (*_FORWARD, StandardPart.MAIN_GOALS.value)
        and not _is_target_list(e)
        and len(e.heading) <= TOPIC_SENTENCE_MAX  # a decision sentence is a task, no heading
        and len(_CJK.findall(e.text)) >= _LEAD_MAX  # 1.地区生产总值增长7%左右： a target, no heading
    ]
    if not lines and (guide := _guiding_sentence(summary)) is not None:
        lines.append(guide)
    if forward and sum(len(line) for line in lines) < _THIN_APPROACH:
        if len(lines) == 1 and lines[0].endswith("。"):
            # 我区将紧紧围绕全年目标任务 + its own headings: one sentence, the author's words in order
            named = "，".join(e.heading.rstrip("。") for e in forward)
            lines[0] = f"{lines[0].removesuffix('。')}，{named}。{mark(_worst(forward))}"
        else:
            named = "；".join(e.heading.rstrip("。") for e in forward)
            lines.append(f"{named}。{mark(_worst(forward))}")
    # a goal in words (争创国家级特色开发区); a goal with figures is a row of 主要目标, a heading a task's
    headings = {e.heading.rstrip("。") for e in summary.outline}
    lines += [
        f"原文提出的目标：{g.text}{mark(g.grounding_status)}"
        for g in summary.goals
        if not _figures(g.text) and g.text.rstrip("。") not in headings
    ]
    return lines or [f"{MISSING}原文未提出总体思路，需研究补充。"]


_FORWARD = (StandardPart.NEXT_STEPS.value, StandardPart.KEY_TASKS.value)


def _is_target_list(entry: OutlineItem) -> bool:
    """A heading that names a part (主要目标, 重点工作) says nothing of what the plan will do."""
    return heading_label(entry.heading.rstrip("。")) is not None


def _worst(entries: list[OutlineItem]) -> GroundingStatus | None:
    return next(
        (e.grounding_status for e in entries if e.grounding_status is not GroundingStatus.VERIFIED),
        GroundingStatus.VERIFIED,
    )


def _progress(name: str, summary: Summary) -> str:
    """What the source says of a project's progress right after naming it (…项目总投资5000万元，已完成
    部分设备的定制购买，同步进行安装生产): its clauses after the name that say 已/正在/完成/开工…."""
    for text in (nfkc(e.text) for e in summary.outline):
        at = text.find(nfkc(name))
        if at < 0:
            continue
        end = min((i for i in (text.find(s, at) for s in "。；;") if i >= 0), default=len(text))
        said = [c for c in re.split("[，,]", text[at + len(name) : end]) if _PROGRESS.search(c)]
        if said:
            return "，".join(c.strip() for c in said[:2])
    return ""


_PROGRESS = re.compile(r"^(?:目前)?(?:已|正在|正|同步|完成|开工|投产|竣工)")
# what the source sets a project for the period ahead, right after naming it (年内投资2亿元，完成厂房
# 主体施工及部分设备采购; 计划9月底前投产)
_STEP_AHEAD = re.compile(r"^(?:年内|今年|全年|计划|力争|确保|预计|将|拟|下半年|年底前|\d{1,2}月底?前)")


# a "project" that is a group (等18个在谈项目, 等“7大项目”) or a clause (其中…, 正在推动…, 抓好…)
_NOT_ONE_PROJECT = re.compile(r"等[\d一二三四五六七八九十两]+个|等“|^(?:其中|正在|抓好|推动|加快|总投资)")
_PROJECT_NAME_MAX = 40
_DONE_SO_FAR = re.compile(r"^(?:目前|已|正在|正|同步)")


def _step_ahead(name: str, summary: Summary) -> str:
    """The project's next step in the source's own words: the clauses after its name that say what it
    is to do (年内投资2亿元，完成厂房主体施工及部分设备采购), up to what it has done so far."""
    for text in (nfkc(e.text) for e in summary.outline):
        at = text.find(nfkc(name))
        if at < 0:
            continue
        end = min((i for i in (text.find(s, at) for s in "。；;") if i >= 0), default=len(text))
        clauses = [c.strip() for c in re.split("[，,]", text[at + len(name) : end])]
        start = next((n for n, c in enumerate(clauses) if _STEP_AHEAD.match(c)), None)
        if start is None:
            continue
        said = list(takewhile(lambda c: not _DONE_SO_FAR.match(c) and "已" not in c, clauses[start:]))
        if said and not re.match(r"^(?:目前|正在)", clauses[start]):
            return "，".join(said)
    return ""


def _projects(summary: Summary, period: str) -> tuple[list[dict[str, str]], int]:
    carried, finished = [], 0
    tasks = " ".join(nfkc(t.text + t.detail) for t in summary.next_steps)
    for p in summary.projects:
        if summary.meta.doc_type == "plan" and p.status == "计划" and nfkc(p.name) in tasks:
            continue  # a plan document's own new project: its task says what is due, it is no 续建
        if p.status not in NEXT_MILESTONE:
            finished += 1
            continue
        if _NOT_ONE_PROJECT.search(nfkc(p.name)) or len(p.name) > _PROJECT_NAME_MAX:
            continue  # 抓好…等7个产业项目建设: a group or a sentence, a task of 重点工作, no one project
        verified = p.grounding_status is GroundingStatus.VERIFIED
        step = _in_new_period(_step_ahead(p.name, summary), period)  # 计划明年3月投产 -> 2026年3月
        said = _investment_said(p.name, _clean(p.investment), summary) if verified else ""
        if said and nfkc(_clean(p.investment)) in nfkc(step):
            said = ""  # 年内投资2亿元 is the next step's, said there
        carried.append(
            {
                "name": p.name,
                "company": _clean(p.company),
                # a status the source says in words of its own (已完成部分设备的定制购买): those words
                "status": p.status if p.status != "未知" else (_progress(p.name, summary) or p.status),
                # with the words the source puts before it (总投资, 年内投资): never a bare sum
                "investment": said,
                "timeline": _in_new_period(_clean(p.timeline), period),
                # the source's own next step (年内…完成厂房主体施工); else the milestone after its status,
                # the program's reading, said so
                "next": step
                or (
                    NEXT_MILESTONE[p.status] + ("" if p.status == "未知" else "（建议）")
                    if p.status != "未知" or not _progress(p.name, summary)
                    else MISSING  # what comes after progress said in words is for the office to say
                ),
                "owner": _owner(f"{p.name}项目"),
                "deadline": _deadline(period, p.timeline or step),
                "mark": "" if verified else UNVERIFIED_MARK,
            }
        )
    return carried, finished


_INVESTMENT_WORDS = re.compile(
    r"(?:计划总投资|总投资|年内计划投资|年内投资|年度计划投资|计划投资|已完成投资|完成投资|投资)约?$"
)


def _investment_said(name: str, value: str, summary: Summary) -> str:
    """A project's sum as the source says it (总投资5.2亿元, 年内投资2亿元): the words right before the
    sum, after the project's name; "" where none stands there (a bare 2亿元 says nothing of what it is)."""
    if not value or not value[0].isdigit():
        return value  # none, or said with its words already (总投资32亿元)
    name, value = nfkc(name), nfkc(value)
    for text in (nfkc(e.heading + e.text) for e in summary.outline):
        at = text.find(name)
        while at >= 0:
            found = text.find(value, at)
            words = _INVESTMENT_WORDS.search(text[at:found]) if 0 <= found - at <= len(name) + 40 else None
            # 总投资5200万元的世德装备…项目: the sum written before the name
            before = text[max(0, at - len(value) - 16) : at]
            if words is None and before.endswith(f"{value}的"):
                words = _INVESTMENT_WORDS.search(before.removesuffix(f"{value}的"))
            if words is not None:
                return f"{words.group()}{value}"
            at = text.find(name, at + 1)
    return ""


def _safeguards(summary: Summary) -> list[dict[str, Any]]:
    """保障措施 from the report's own safeguards part (组织领导, 要素保障, 考核督查 …), one group per item;
    never last period's 做法, which are achievements, not safeguards."""
    found = [
        e for e in summary.outline if e.part == StandardPart.SAFEGUARDS.value and e.kind in ("item", "intro")
    ]
    return [
        {
            "theme": e.heading if e.heading and e.heading != "保障措施" else "",
            "measures": [
                {"text": _in_order(e.text, SAFEGUARD_CHARS).rstrip("。"), "mark": mark(e.grounding_status)}
            ],
        }
        for e in found
        if e.text.strip("；;。 ")
    ]


def _review(review: PlanReview | None) -> dict[str, Any] | None:
    if review is None:
        return None
    data = asdict(review)
    for name in ("targets", "projects", "tasks"):
        for check in data[name]:
            if check["evidence"] is not None:  # pydantic spans -> plain dicts, for JSON
                check["evidence"]["spans"] = [dict(span) for span in check["evidence"]["spans"]]
    return data


def _subsections(projects: bool, problems: bool) -> dict[str, str]:
    """（一）（二）… for the parts of 重点任务 the plan has: no 续建 heading without a project to carry,
    and no subheading at all over tasks that stand alone."""
    if not projects and not problems:
        return {"projects": "", "tasks": "", "problems": ""}
    labels = iter(f"（{n}）" for n in "一二三")
    sub = {"projects": next(labels) if projects else ""}
    sub["tasks"] = next(labels)
    sub["problems"] = next(labels) if problems else ""
    return sub


def _headings(safeguards: bool, previous: bool) -> dict[str, str]:
    """一、二、… for the plan's parts: 保障措施 only when the report has its own, so the numbers follow."""
    present = {
        "approach": "总体思路", "targets": "主要目标", "tasks": "重点任务",
        "safeguards": "保障措施" if safeguards else "", "previous": "上期计划完成情况" if previous else "",
    }  # fmt: skip
    numbers = iter("一二三四五")
    return {key: f"{next(numbers)}、{title}" if title else "" for key, title in present.items()}


# the meeting a meeting report is about, as its title names it (…召开2025年第14次管委会主任办公会)
_MEETING_HELD = re.compile(r"(?:召开|举行)(?P<meeting>[^，,。：:\s]{2,30}?(?:会议|会))(?:$|[，,：:\s])")
_DECIDING = re.compile("办公会|常务会|党工委会|工作会议|联席会")  # meetings that decide, not only deploy


def _plan_title(summary: Summary, period: str) -> str:
    """A meeting's plan is the plan to carry out what it decided (青峪经开区落实2025年第14次管委会主任办公会
    议定事项工作计划), not the zone's plan for a year it was held in; any other report's plan is its
    unit's for the period after it."""
    unit = summary.meta.issuer or MISSING
    held = _MEETING_HELD.search(summary.meta.title) if summary.meta.genre == "meeting" else None
    if held:
        meeting = held["meeting"]
        return f"{unit}落实{meeting}{'议定事项' if _DECIDING.search(meeting) else '精神'}工作计划"
    blank_year = _BLANK_YEAR.search(summary.meta.title) if summary.meta.placeholders else None
    if blank_year and period != MISSING and not _YEAR.search(period):
        period = blank_year.group() + period  # a template's 20XX年上半年: its 20XX年下半年, left to fill
    return f"{unit}{period}工作计划"


def plan_context(
    summary: Summary, *, period: str | None = None, previous: Summary | None = None, propose: bool = False
) -> dict[str, Any]:
    """The variables every plan format renders (documented in templates/README.md)."""
    meta = summary.meta
    next_ = plan_period(summary, period)
    projects, finished = _projects(summary, next_)
    targets = _targets(summary, next_, propose=propose)
    tasks = _beyond_targets(_tasks(summary, next_), targets)
    problem_tasks = _problem_tasks(summary, next_, tasks)
    longest = max(len(tasks), len(problem_tasks), len(projects))
    if longest > PLAN_LIST_MAX:  # no office's plan; a hand-made or hostile summary, refused as such
        raise InputTooLarge(
            summary.source or "摘要",
            f"摘要中的一类条目有 {longest} 条，超过工作计划一节能列的上限 {PLAN_LIST_MAX} 条",
            "请检查摘要文件是否被改动，或对原报告重新运行 summarizer extract。",
        )
    counts = ToolCounts()  # the plan's own counts of carried items, exempt from the gate
    safeguards = _safeguards(summary)
    review = _review(review_previous_plan(previous, summary) if previous is not None else None)
    if _DEPARTMENT.search(meta.issuer or ""):  # a bureau's own plan: its work is its sections', unnamed
        for item in (*tasks, *problem_tasks, *projects):
            if "（建议）】" in item["owner"]:
                item["owner"] = OWNER
    context = {
        "title": _plan_title(summary, next_),
        "unit": meta.issuer or MISSING,
        "period": next_,
        "report_period": results_period(summary) or "本期",
        "approach": _approach(summary),
        "targets": targets,
        "proposals": propose,
        # a plan document sets targets with no actual of this period beside them: no such column
        "show_actual": any(t["actual"] != "—" for t in targets),
        "projects": projects,
        # a 工作思路 often states its targets inside its tasks, with no table of results to build on
        "targets_empty": "原文未提出量化目标，主要目标需研究确定。",
        # a plan document lists its new projects among its tasks; a summary names none left unfinished
        "finished": counts(finished) if finished else "",
        "tasks": tasks,
        "problem_tasks": problem_tasks,
        "sub": _subsections(bool(projects or finished), bool(problem_tasks)),
        "safeguards": safeguards,
        "headings": _headings(bool(safeguards), review is not None),
        "placeholders": {"owner": OWNER, "deadline": _deadline(next_), "missing": MISSING},
        "previous": review,
        "tool_counts": counts.written,
        "source_note": summary.source_check,
    }
    context["legend"] = _legend(f"《{meta.title}》" if meta.title else "本期报告", context)
    return context


# --- rendering -------------------------------------------------------------------------------------


def _gate(
    content: str | bytes,
    fmt: str,
    context: dict[str, Any],
    summary: Summary,
    previous: Summary | None,
    exempt: Sequence[str] = (),
) -> None:
    summaries = [summary, *([previous] if previous is not None else [])]
    gate(content, fmt, summaries, what="工作计划", exempt=exempt, tool_counts=context["tool_counts"])


def render_plan(
    summary: Summary,
    *,
    period: str | None = None,
    previous: Summary | None = None,
    template: Path | None = None,
    propose: bool = False,
) -> str:
    """Markdown, from templates/plan.md.j2 or the user's own template (sandboxed)."""
    context = plan_context(summary, period=period, previous=previous, propose=propose)
    text = render_template(template, "plan.md.j2", context)
    _gate(text, "md", context, summary, previous)
    return text


def render_plan_json(
    summary: Summary, *, period: str | None = None, previous: Summary | None = None, propose: bool = False
) -> str:
    context = plan_context(summary, period=period, previous=previous, propose=propose)
    text = json.dumps(context, ensure_ascii=False, indent=2)
    _gate(text + "\n", "json", context, summary, previous)
    return text + "\n"


def render_plan_docx(
    summary: Summary,
    *,
    period: str | None = None,
    previous: Summary | None = None,
    reference: bytes | None = None,
    propose: bool = False,
) -> bytes:
    from .docx_writer import reference_texts
    from .plan_docx import plan_docx

    context = plan_context(summary, period=period, previous=previous, propose=propose)
    data = plan_docx(context, reference)
    _gate(data, "docx", context, summary, previous, exempt=reference_texts(reference))
    return data


def render_plan_output(
    summary: Summary,
    fmt: str,
    *,
    period: str | None = None,
    previous: Summary | None = None,
    template: Path | None = None,
    reference: bytes | None = None,
    propose: bool = False,
) -> str | bytes:
    """`reference` (`docx_writer.read_reference_doc`) applies to .docx only. `propose`: targets the
    program computes, in a column of their own, for indicators the report sets none for."""
    if template is not None and fmt != "md":
        raise UsageError("--template 只用于 Markdown 输出（-f md）；Word 和 JSON 由程序生成。")
    if fmt == "docx":
        return render_plan_docx(
            summary, period=period, previous=previous, reference=reference, propose=propose
        )
    if fmt == "json":
        return render_plan_json(summary, period=period, previous=previous, propose=propose)
    if fmt == "md":
        return render_plan(summary, period=period, previous=previous, template=template, propose=propose)
    raise UsageError(f"不支持的计划输出格式：{fmt}。可选 md、docx、json。")
