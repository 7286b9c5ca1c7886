"""The short prose of a 简报 (标题, 导语, 按语), written by the model from the validated summary.

The model never sees the document again: it gets the verified items as a list of facts, so the prompt
is a few hundred tokens and every figure it may use has already been grounded. Its answer is checked
like any rendered text — a figure that is not one of the summary's verified figures, or a stock phrase
(套话), sends it back with the problem named. When it still fails, the memo uses prose built from the
same facts by code, so a brief is always produced and never carries an unchecked figure.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from pydantic import BaseModel, ConfigDict, Field

from ..backends.base import Backend
from ..core.config import Settings
from ..core.errors import ExtractionFailed
from ..core.summary import MEASURE_THEMES, PROJECT_STATUSES, GroundingStatus, Indicator, Summary
from ..grounding.ground import check_rendered, misnamed_figures, unsupported_judgements
from ..llm import prompts
from ..llm.ask import Asker
from ..llm.cache import CallCache
from ..skeleton.genre import is_template
from .memo import preamble_frame, preamble_lead

__all__ = ["BOILERPLATE", "BriefProse", "Prose", "prose_facts", "template_prose", "write_prose"]

# Phrases readers of this genre call 套话: they say nothing a leader can act on.
BOILERPLATE = (
    "高度重视",
    "显著成效",
    "成效显著",
    "稳中有进",
    "稳中向好",
    "亮点纷呈",
    "再创新高",
    "硕果累累",
    "可圈可点",
    "迈上新台阶",
    "开创新局面",
    "全面开花",
    "奠定坚实基础",
    "奠定了坚实基础",
    "提供了有力支撑",
    "提供有力支撑",
    "高质量发展提供",
    "取得积极成效",
    "取得明显成效",
    "取得了积极成效",
    "取得了明显成效",
    "良好态势",
    "持续向好",
    "蓬勃发展",
    "强劲动能",
    "强劲动力",
    "注入新动能",
    "注入新活力",
    "彰显",
    "亮眼",
    "喜人",
    "成绩单",
    "加速度",
    "快进键",
    "新篇章",
    "谱写",
    "砥砺",
    "行稳致远",
    "跑出",
    "交出",
)
MAX_FACTS = 2  # a lead names two or three results; a longer list only tempts the model to copy it all
MAX_LEAD = 120
_COPIED_LABELS = re.compile(r"(?:项目|问题|下步)：|[，、]无[。，；]")
_DATED_YEAR = re.compile(r"(?:19|20)\d\d年")
_DIRECTION_WORDS = ("增长", "下降", "提高", "增加", "减少", "回落", "提升")


class BriefProse(BaseModel):
    """What the model fills; small bounds keep the grammar cheap and the prose short."""

    model_config = ConfigDict(extra="forbid")
    title: str = Field(min_length=4, max_length=40, description="简报标题，一句，不超过30字")
    lead: str = Field(
        min_length=10,
        max_length=MAX_LEAD + 40,
        description="导语，一段，不超过100字：单位、时期、两三项主要成效",
    )
    note: str = Field(default="", max_length=100, description="按语，可留空")


@dataclass(frozen=True)
class Prose:
    title: str
    lead: str
    note: str = ""
    written_by: str = "template"  # "model" or "template"
    problems: list[str] = field(default_factory=list)  # why the model's prose was not used


def _verified(status: GroundingStatus | None) -> bool:
    return status is GroundingStatus.VERIFIED


def prose_facts(summary: Summary) -> list[str]:
    """The verified items, one line each, most important first."""
    facts = []
    for i in _lead_indicators(summary):
        said = "预计" if i.role == "estimate" else ""  # the source's own hedge travels with the figure
        when = i.period if _DATED_YEAR.fullmatch(i.period) and i.period != summary.meta.period else ""
        facts.append(f"{when}{said}{i.name}{i.value}" + (f"，{i.change}" if i.change else ""))
    for p in summary.projects:
        if _verified(p.grounding_status):
            known = (x for x in (p.name, p.status, p.investment) if x and x != "未知")
            facts.append("项目：" + "，".join(known))
    # Results only: the memo's 存在问题 section carries the problems, and a long quoted problem
    # was the largest part of this prompt.
    return facts[:MAX_FACTS]


def _lead_indicators(summary: Summary) -> list[Indicator]:
    """What a lead or a title may report: the period's verified core results (规上工业总产值, 固定资产投资
    …), never a figure picked because it came first (区块6平方公里, a project's 年内投资): a report
    without core results gets a lead without figures (its body carries them)."""
    results = [i for i in summary.memo_indicators() if i.is_result and _verified(i.grounding_status)]
    if all(i.role is None for i in summary.indicators):  # a summary written before roles and headlines
        return results
    return [i for i in results if i.headline]


# a 总结's memo leads with its results; a 政府工作报告's results are last year's, said in its review
_RESULT_GENRES = frozenset({"summary", "economy", ""})
LEAD_BUDGET = 150  # characters of the report's own opening a lead keeps


def template_prose(summary: Summary, problems: list[str] | None = None) -> Prose:
    """Prose from the verified facts by code, in the shape of the report's genre: a 总结's headline
    results; a plan's, a story's or a meeting's own opening. Plain, short, grounded by construction."""
    meta = summary.meta
    issuer, period = meta.issuer or "本单位", meta.period
    headline = _lead_indicators(summary)
    # a plan's review of last year: its results are 2025年's, not the 2026 plan's
    dated = {i.period for i in headline if _DATED_YEAR.fullmatch(i.period)} - {period}
    results_period = dated.pop() if len(dated) == 1 else period
    results_first = meta.genre in _RESULT_GENRES
    title = _title(summary, headline, results_period) if results_first else _title(summary, [], period)
    opening = preamble_lead(summary, LEAD_BUDGET)
    if headline and results_first:
        # the table has the rest; an estimate is said as one (预计), as the source says it
        parts = [
            f"{'预计' if i.role == 'estimate' else ''}{i.name}{i.value}{_change(i.change)}"
            # two results lead; a core count (新增市场主体236户) has no table row, so the lead says it
            for i in [
                *headline[:2],
                *[i for i in headline[2:] if _is_count(i) and i.name.startswith("新增")][:2],
            ]
        ]
        lead = (f"{results_period}，" if results_period else "") + issuer + "；".join(parts) + "。"
        lead = preamble_frame(summary) + lead  # what the report says of itself, then its results
    elif opening:
        lead = opening
    elif meta.overview and _overview_verified(summary):
        lead = meta.overview
    else:
        lead = _outline_lead(summary, issuer, period)
    if is_template(meta.placeholders):
        title += "（模板）"
    return Prose(title=title, lead=lead, written_by="template", problems=problems or [])


def _title(summary: Summary, headline: list[Indicator], period: str) -> str:
    """A 总结's first headline result with its change; else what the report is, in its own word
    (2014年工作思路); a story's own headline line when it has one."""
    meta = summary.meta
    issuer = meta.issuer or "本单位"
    # A bare "11.8%" reads oddly in a title; only a change that says which way it went is used there.
    with_change = [i for i in headline if any(word in i.change for word in _DIRECTION_WORDS)]
    if with_change:
        first = with_change[0]
        said = "预计" if first.role == "estimate" else ""  # an estimate is never headlined as final
        change = re.split(r"[，,；]", first.change, maxsplit=1)[0]  # the rate, not its comparison too
        return f"{issuer}{period}{first.name}{said}{change}"
    if meta.genre in ("news", "meeting") and meta.title and meta.title != meta.issuer:
        return meta.title  # the story's own headline (blanked by grounding unless it is a line of it)
    kind = {
        "plan": meta.genre_name or "工作计划",
        "meeting": "会议情况",
        "government_report": "政府工作报告要点",
    }
    # not the report's own title: a memo about a 工作总结 is not itself one
    return f"{issuer}{period}{kind.get(meta.genre, '重点工作情况' if meta.genre == 'news' else '工作情况')}"


def _overview_verified(summary: Summary) -> bool:
    return summary.grounding is not None and all(
        f.status is GroundingStatus.VERIFIED for f in summary.grounding.findings if f.item == "meta.overview"
    )


def _outline_lead(summary: Summary, issuer: str, period: str) -> str:
    """Without an opening or a headline result: what the report covers, in its own headings."""
    # the report's own parts (2025年工作回顾, 2026年主要目标和重点任务) say it best; else its items
    groups = list(dict.fromkeys(e.group for e in summary.outline if e.kind == "item" and e.group))
    headings = (
        groups
        if len(groups) >= 2
        else [e.heading for e in summary.outline if e.kind == "item" and e.heading][:6]
    )
    if not headings:
        return f"{issuer}{period}{summary.meta.genre_name or '工作'}的主要内容如下。"
    return f"{issuer}{period}{summary.meta.genre_name or '工作'}包括：{'；'.join(headings)}。"


def _is_count(indicator: Indicator) -> bool:
    return indicator.kind == "count" and not indicator.change


def _change(change: str) -> str:
    """ "，同比增长9.1%" as written; a bare "9.1%" (which way?) in brackets, as a reader would note it.
    Only the first of several (同比增长9.3%，增长0.4个百分点 — the second is the rate's own change)."""
    change = re.split(r"[，,；]", change, maxsplit=1)[0]
    if not change:
        return ""
    return f"，{change}" if any(word in change for word in _DIRECTION_WORDS) else f"（{change}）"


def _problem(prose: BriefProse, summary: Summary) -> str | None:
    text = "\n".join((prose.title, prose.lead, prose.note))
    invented = check_rendered(text, summary, marks=())
    if invented:
        return f"用了要点里没有的数字：{'、'.join(invented[:4])}。数字只能逐字照抄要点。"
    misnamed = misnamed_figures(text, summary)
    if misnamed:
        return f"数字写错了指标：{'、'.join(misnamed[:3])}。每个数字只能跟要点里它自己的指标名称。"
    stock = [phrase for phrase in BOILERPLATE if phrase in text]
    if stock:
        return f"删去套话：{'、'.join(stock)}。直接写事实。"
    judged = unsupported_judgements(text, summary)
    if judged:
        return f"原文没有这样的评价：{'、'.join(judged[:3])}。只写事实，不下结论。"
    if _COPIED_LABELS.search(text):  # "项目：…，无。问题：…" is the fact list pasted, not a lead
        return "不要照抄要点的格式（“项目：”“问题：”“无”），把最主要的两三项成效写成一段话。"
    if len(prose.lead) > MAX_LEAD:
        return f"导语太长（{len(prose.lead)}字）。只写最重要的两三项成效，不超过100字。"
    if not prose.lead.rstrip().endswith(("。", "！", "”")):
        return "导语没有写完：要以句号结尾。"
    return None


def write_prose(
    summary: Summary, backend: Backend, cache: CallCache | None = None, max_attempts: int | None = None
) -> Prose:
    """标题/导语/按语 by the model, checked; the template's prose when the model cannot comply.

    One re-ask for an endpoint's model; none for the embedded 1.5B model, which at temperature 0
    answered a re-ask with the same text (seen on all three examples) — that attempt only cost
    ~150 prefilled tokens and ~10 s."""
    if max_attempts is None:
        max_attempts = 2 if backend.capabilities.reask_useful else 1
    if summary.meta.genre not in _RESULT_GENRES:
        # a plan's, a story's or a meeting's memo opens with the report's own words (its preamble):
        # the model, given the verified results, would write a 总结's lead over it
        return template_prose(summary)
    facts = prose_facts(summary)
    if not facts:  # nothing verified to write about: the model could only invent
        return template_prose(summary, ["没有已核实的要点"])
    messages = prompts.render(
        prompts.PROSE,
        # The system prompt is shared with extraction (one prefix the embedded model keeps cached),
        # so it is rendered with the same values.
        {"statuses": "、".join(PROJECT_STATUSES), "themes": "、".join(MEASURE_THEMES)},
        {"issuer": summary.meta.issuer or "本单位", "period": summary.meta.period or "本期", "facts": facts},
    )
    asker = Asker(backend, cache, max_attempts=max_attempts, max_tokens=400)
    seen: list[str] = []

    def check(answer: BriefProse) -> str | None:
        problem = _problem(answer, summary)
        seen.extend([problem] if problem else [])
        return problem

    try:
        answer = asker.ask(messages, BriefProse, f"{summary.source} 简报文字", check)
    except ExtractionFailed as failed:
        return template_prose(summary, seen[-1:] or [failed.message])
    return Prose(title=answer.title, lead=answer.lead, note=answer.note, written_by="model")


def prose_for(summary: Summary, settings: Settings, backend: Backend | None) -> Prose | None:
    """The memo's prose as configured: the model's (checked) when `settings.prose == "model"` and a
    backend is at hand; None means the template's, built when the memo is rendered."""
    if backend is None or settings.prose != "model":
        return None
    return write_prose(summary, backend, CallCache(settings.resolved_cache_dir(), enabled=settings.cache))
