"""上期计划完成情况: last period's plan held against this period's summary, item by item.

Each planned target, project and task gets one verdict and the evidence behind it — the matching item
of this period's summary, as written, with its spans in that summary's source report:

- 完成 / 部分完成 / 未完成: a target met, approached (moved the right way but short of it) or missed (moved
  the wrong way); a project that reached its planned milestone (or finished) or only moved; a task
  whose wording reappears among this period's 做法 (done) or only among its problems / 下步打算
  (still open, so 部分完成).
- 未提及: nothing in this period's summary matches.
- 无法比较: matched, but the figures cannot be compared honestly — different units after the parser's
  normalisation (亿元 and 万元 are both 元; 元 and 美元 are not), a growth target against a summary that
  gives no growth rate, or different periods (a 全年 target against 上半年 actuals). The reason is said.

Matching is deterministic. Indicators: `ground.names_match`, the closest name winning. Projects: names
equal or one containing the other after NFKC, punctuation and a trailing 项目 are removed. Tasks:
character bigrams of the planned task (generic verbs such as 加快推进 removed first) found in the
candidate text; a match needs `TASK_MATCH_THRESHOLD` of them and at least `TASK_MATCH_MIN` — text
similarity, never applied to figures, which are compared as numbers or not at all.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from decimal import Decimal

from ..core.models import Quantity, QuantityKind, Span
from ..core.summary import GroundingStatus, Indicator, Project, Summary
from ..grounding.ground import names_match, same_figure
from ..skeleton.names import named_figures
from ..text.normalise import nfkc, plain
from ..text.periods import Period, format_period, next_period, parse_period
from ..text.quantities import find_quantities
from .gate import mark

__all__ = [
    "DONE",
    "INCOMPARABLE",
    "MISSED",
    "PARTIAL",
    "TASK_MATCH_MIN",
    "TASK_MATCH_THRESHOLD",
    "UNMENTIONED",
    "Check",
    "Evidence",
    "PlanReview",
    "review_previous_plan",
    "task_overlap",
]

DONE, PARTIAL, MISSED, UNMENTIONED, INCOMPARABLE = "完成", "部分完成", "未完成", "未提及", "无法比较"
# Share of the planned task's bigrams that must appear in a candidate, and the least number of them:
# "建设智慧园区平台" vs "建成智慧园区平台一期" shares 智慧 慧园 园区 区平 平台 (5 of 7).
TASK_MATCH_THRESHOLD = 0.5
TASK_MATCH_MIN = 3
# Words every plan uses; sharing them says nothing about sharing a task.
_GENERIC = (
    "进一步", "加快推进", "全力推进", "扎实推进", "大力推进", "持续推进", "加快", "推进", "推动", "加强",
    "全面", "持续", "深入", "扎实", "积极", "大力", "着力", "切实", "不断", "努力", "力争", "确保",
    "做好", "抓好", "开展", "实施", "重点", "工作", "明年", "今年", "全年",
)  # fmt: skip
_UPPER_BOUND = frozenset({"以下", "以内", "以內", "之内", "不超过", "不高于", "不足", "不到"})
_RANK = {"未知": -1, "计划": 0, "在谈": 1, "签约": 2, "开工": 3, "在建": 3, "竣工": 4, "投产": 5, "达产": 6}
_FINISHED = frozenset({"竣工", "投产", "达产"})
_GROWTH_NAME = re.compile(r"增速|增幅|增长率")


@dataclass
class Evidence:
    item: str  # "indicators[0]", "measures[2]" ... in this period's summary
    text: str  # that item as the summary writes it
    mark: str  # "" or 【待核】 when the item itself is not verified
    source: str  # the report the summary was grounded in
    spans: list[Span] = field(default_factory=list)  # in that report's original text


@dataclass
class Check:
    kind: str  # target / project / task
    planned: str  # the planned item as last period's plan writes it
    planned_mark: str  # 【待核】 when the plan's own item was not verified in the plan
    status: str
    note: str = ""  # why, in words (no figures of its own)
    evidence: Evidence | None = None


@dataclass
class PlanReview:
    title: str  # last period's plan, as its summary names it ("" when it does not)
    source: str
    period: str  # the period it planned for, "" when unknown
    targets: list[Check]
    projects: list[Check]
    tasks: list[Check]


def _figures(text: str) -> list[Quantity]:
    return [q for q in find_quantities(nfkc(text)) if q.is_figure]


_TEXT_FIELDS = frozenset({"text", "name", "value", "change", "investment"})


def _spans(summary: Summary, item: str, written: str) -> list[Span]:
    """Spans of the findings for `item`, only when they are about this very text (a `drop` policy
    renumbers items, and a finding of another item must never be shown as evidence)."""
    if summary.grounding is None:
        return []
    # findings about the item's text (a theme or a project's stage is a label, never the evidence)
    found = [f for f in summary.grounding.findings if f.item == item and f.field in _TEXT_FIELDS]
    if not found or not all(f.written in written for f in found):
        return []
    return [span for f in found if f.status is GroundingStatus.VERIFIED for span in f.spans]


def _evidence(
    summary: Summary, item: str, text: str, status: GroundingStatus | None, probe: str = ""
) -> Evidence:
    return Evidence(item, text, mark(status), summary.source, _spans(summary, item, probe or text))


# --- targets ---------------------------------------------------------------------------------------


@dataclass
class _Target:
    name: str
    written: str
    figure: Quantity
    growth: bool  # compared with the actual's growth rate, not with its level
    mark: str


def _signed(q: Quantity) -> Decimal:
    assert q.normalized is not None
    return -abs(q.normalized) if q.direction == "down" else q.normalized


def _is_growth(q: Quantity, name: str, from_change: bool) -> bool:
    return (
        from_change
        or q.direction is not None
        or (q.kind is QuantityKind.PERCENT and bool(_GROWTH_NAME.search(name)))
    )


def _clause(text: str, q: Quantity) -> str:
    start = max((m.end() for m in re.finditer("[，。；;,！？]", text[: q.span.start])), default=0)
    return text[start : q.span.end]


def _targets(plan: Summary) -> tuple[list[_Target], list[tuple[str, str, str]]]:
    """Targets from the plan's indicators and from the figures in its goals; goals without a figure
    tied to an indicator are tasks: (item, text, mark)."""
    targets: list[_Target] = []
    for ind in plan.indicators:
        from_change = bool(_figures(ind.change))
        figures = _figures(ind.change) or _figures(ind.value)
        if figures:
            written = "，".join(dict.fromkeys(x for x in (ind.value, ind.change) if x))
            growth = _is_growth(figures[0], ind.name, from_change)
            targets.append(
                _Target(ind.name, f"{ind.name}{written}", figures[0], growth, mark(ind.grounding_status))
            )
    tasks: list[tuple[str, str, str]] = []
    for index, goal in enumerate(plan.goals):
        text = nfkc(goal.text)
        found = [(q, name) for q, name in named_figures(text) if name]
        for q, name in found:
            if any(names_match(t.name, name) and same_figure(t.figure, q) for t in targets):
                continue  # the same target already came from an indicator
            targets.append(
                _Target(name, _clause(text, q), q, _is_growth(q, name, False), mark(goal.grounding_status))
            )
        if not found:
            tasks.append((f"goals[{index}]", goal.text, mark(goal.grounding_status)))
    tasks += [(f"next_steps[{i}]", t.text, mark(t.grounding_status)) for i, t in enumerate(plan.next_steps)]
    return targets, tasks


def _period_of(ind: Indicator, summary: Summary) -> Period | None:
    """The indicator's own period (its year taken from the report's when it names none), else the report's."""
    meta = parse_period(summary.meta.period) if summary.meta.period else None
    own = parse_period(ind.period) if ind.period else None
    if own is not None and own.year is None and meta is not None:
        own = Period(meta.year, own.start, own.end)
    return own or meta


def _closest(name: str, indicators: Sequence[Indicator]) -> int | None:
    matches = [i for i, ind in enumerate(indicators) if names_match(name, ind.name)]
    if not matches:
        return None
    key = plain(name)
    return min(
        matches,
        key=lambda i: (
            plain(indicators[i].name) != key,
            abs(len(indicators[i].name) - len(name)),
        ),
    )


def _verdict(target: Quantity, actual: Quantity, growth: bool) -> tuple[str, str]:
    t, a = _signed(target), _signed(actual)
    high = target.high * target.magnitude if target.high is not None else None
    if growth and target.direction == "down":
        if a <= t:
            return DONE, "降幅达到目标"
        return (PARTIAL, "有所下降，降幅小于目标") if a < 0 else (MISSED, "未下降")
    if not growth and (set(target.qualifiers) & _UPPER_BOUND):
        return (
            (DONE, "控制在目标以内") if a <= (high if high is not None else t) else (MISSED, "超出目标上限")
        )
    if a >= t:
        return DONE, "达到目标"
    if growth:
        return (PARTIAL, "有增长，低于目标") if a > 0 else (MISSED, "未增长")
    return (PARTIAL, "低于目标") if a > 0 else (MISSED, "未完成")


def _check_target(target: _Target, plan_period: Period | None, current: Summary) -> Check:
    check = Check("target", target.written, target.mark, UNMENTIONED, "本期总结未提及该指标")
    index = _closest(target.name, current.indicators)
    if index is None:
        return check
    ind = current.indicators[index]
    text = ind.name + ind.value + (f"，{ind.change}" if ind.change else "")
    check.evidence = _evidence(
        current, f"indicators[{index}]", text, ind.grounding_status, f"{ind.value} {ind.change}"
    )
    check.status = INCOMPARABLE
    actual_period = _period_of(ind, current)
    if plan_period is not None and actual_period is not None:
        years_differ = (
            None not in (plan_period.year, actual_period.year) and plan_period.year != actual_period.year
        )
        if years_differ or (plan_period.start, plan_period.end) != (actual_period.start, actual_period.end):
            check.note = f"时期不同：目标为{format_period(plan_period)}，本期为{format_period(actual_period)}"
            return check
    actuals = _figures(ind.change) if target.growth else _figures(ind.value)
    if not actuals:
        check.note = "目标为增速，本期只写了总量" if target.growth else "目标为总量，本期只写了增速"
        return check
    actual, figure = actuals[0], target.figure
    if (
        actual.unit != figure.unit
        or not actual.unit
        or actual.normalized is None
        or figure.normalized is None
    ):
        units = f"目标以“{figure.unit or '无单位'}”计，本期以“{actual.unit or '无单位'}”计"
        check.note = f"单位不同：{units}"
        return check
    check.status, check.note = _verdict(figure, actual, target.growth)
    if plan_period is None or actual_period is None:
        check.note += "（时期未注明，按同期比较）"
    if set(actual.qualifiers) & {"预计", "预期"}:
        check.note += "（本期为预计数）"
    return check


# --- projects and tasks ----------------------------------------------------------------------------


def _project_key(name: str) -> str:
    return plain(name).removesuffix("项目")


def _same_project(a: str, b: str) -> bool:
    ka, kb = _project_key(a), _project_key(b)
    if not ka or not kb:
        return False
    return ka == kb or (min(len(ka), len(kb)) >= 4 and (ka in kb or kb in ka))


def _check_project(planned: Project, current: Summary) -> Check:
    milestone = f"（计划{planned.status}）" if _RANK.get(planned.status, -1) >= _RANK["签约"] else ""
    check = Check("project", planned.name + milestone, mark(planned.grounding_status), UNMENTIONED)
    check.note = "本期总结未提及该项目"
    index = next((i for i, p in enumerate(current.projects) if _same_project(planned.name, p.name)), None)
    if index is None:
        return check
    found = current.projects[index]
    check.evidence = _evidence(
        current, f"projects[{index}]", f"{found.name}：{found.status}", found.grounding_status, found.name
    )
    target = _RANK.get(planned.status, -1)
    reached = _RANK.get(found.status, -1)
    if found.status in _FINISHED or (target >= _RANK["签约"] and reached >= target):
        check.status, check.note = DONE, f"本期{found.status}"
    else:
        check.status, check.note = PARTIAL, f"本期{found.status}，计划{planned.status}"
    return check


def _bigrams(text: str) -> set[str]:
    text = plain(text)
    for word in _GENERIC:
        text = text.replace(word, "|")
    return {text[i : i + 2] for i in range(len(text) - 1) if "|" not in text[i : i + 2]}


def task_overlap(planned: str, candidate: str) -> tuple[int, float]:
    """(shared bigrams, their share of the planned task's bigrams)."""
    want = _bigrams(planned)
    shared = len(want & _bigrams(candidate))
    return shared, shared / len(want) if want else 0.0


def _check_task(item: tuple[str, str, str], current: Summary) -> Check:
    _key, text, mark = item
    check = Check("task", text, mark, UNMENTIONED, "本期总结未提及")
    candidates = [
        (f"measures[{i}]", m.text, m.grounding_status, DONE, "本期做法已落实")
        for i, m in enumerate(current.measures)
    ]
    for name, note in (("next_steps", "本期仍列为下步打算"), ("problems", "本期列为存在问题")):
        for i, t in enumerate(getattr(current, name)):
            candidates.append((f"{name}[{i}]", t.text, t.grounding_status, PARTIAL, note))
    best: tuple[float, int] = (0.0, 0)
    for key, candidate, status, verdict, note in candidates:
        shared, share = task_overlap(text, candidate)
        if shared >= TASK_MATCH_MIN and share >= TASK_MATCH_THRESHOLD and (share, shared) > best:
            best = (share, shared)
            check.status, check.note = verdict, note
            check.evidence = _evidence(current, key, candidate, status)
    return check


def review_previous_plan(plan: Summary, current: Summary) -> PlanReview:
    """Every target, project and task of `plan` (last period's plan, as a summary) against `current`."""
    period_text = plan.meta.period if plan.meta.doc_type == "plan" else next_period(plan.meta.period) or ""
    plan_period = parse_period(period_text) if period_text else None
    targets, tasks = _targets(plan)
    return PlanReview(
        title=plan.meta.title,
        source=plan.source,
        period=format_period(plan_period) if plan_period else "",
        targets=[_check_target(t, plan_period, current) for t in targets],
        projects=[_check_project(p, current) for p in plan.projects],
        tasks=[_check_task(t, current) for t in tasks],
    )
