"""The role of a figure: result, estimate, target, plan quantity or problem evidence.

Decided from the part of the report it stands in and the words of its own sentence before it:

- problem: inside 存在问题.
- target: 确保/力争/力求/争取/目标 among its qualifiers or before it in the sentence; any figure in a
  forward part (下步打算, 主要目标, 重点任务, 指导思想); a later period in the sentence (明年, 到2027年,
  a year after the report's, 下半年 in a half-year report); 突破 only together with 将/要.
- plan: 安排/计划投资/年度计划/计划总投资 before it in its clause — the yardstick, not an outcome.
- estimate: 预计/预期/估计/初步统计/估量 about the report's own period (a result shown with 预计).
- result: everything else in a summary; in a plan document, only what is explicitly past (its
  opening review of last year), wherever it stands.
"""

from __future__ import annotations

import re

from ..core.models import Quantity, StandardPart
from .parts import FORWARD_PARTS
from .types import Role

__all__ = ["role_of"]

_TARGET_WORDS = frozenset({"确保", "力争", "力求", "争取", "目标"})
_TARGET_BEFORE = re.compile(r"确保|力争|力求|目标[为是：:]|(?:将|要)[^，。；]{0,6}突破|预期目标")
_ESTIMATE_BEFORE = re.compile(r"预计|预期|估计|初步统计|初步测算|估量|预估")
_PLAN_BEFORE = re.compile(
    r"安排|计划(?:总)?投资|年度(?:投资)?计划|投资计划|计划实施|列入[^，。；]{0,10}计划|计划(?:新建|建设|开工)"
)
_LATER = re.compile(r"明年|来年|下一年|今后|未来|到20\d\d年|十[四五六]五(?:末|期末)")
_YEAR = re.compile(r"(20\d\d)年")
_PAST = re.compile(
    r"去年|上年|20\d\d年(?:以来|全年)?[，,]?[^，。；]{0,8}(?:实现|完成|达到)|已(?:经)?(?:完成|实现)"
)


def _report_year(period: str) -> int | None:
    m = _YEAR.search(period)
    return int(m.group(1)) if m else None


def role_of(
    q: Quantity,
    before: str,
    part: StandardPart,
    *,
    report_period: str,
    plan_document: bool,
    paragraph: str = "",
) -> Role:
    """`before`: the figure's sentence up to the figure (cleaned text); `paragraph`: its paragraph up to
    the figure (a plan's review of last year opens "2025年，…" and runs on over several sentences)."""
    if part is StandardPart.PROBLEMS:
        return "problem"
    qualifiers = set(q.qualifiers)
    if qualifiers & _TARGET_WORDS or _TARGET_BEFORE.search(before):
        return "target"
    if _LATER.search(before):
        return "target"
    year = _report_year(report_period)
    if year is not None and any(int(y) > year for y in _YEAR.findall(before)):
        return "target"
    # A plan's opening review ("2025年，开发区实现总产值214.8亿元") states last year's results, even
    # where the whole document reads as forward-looking.
    if plan_document and (_PAST.search(before) or _reviews_last_year(paragraph, report_period)):
        return "result"
    if part in FORWARD_PARTS:
        return "target"
    if "下半年" in before and "上半年" in report_period:
        return "target"
    if "计划" in qualifiers or _planned(before):
        return "plan"
    if qualifiers & {"预计", "预期"} or _estimated(before):
        return "estimate"
    if plan_document and not _PAST.search(before):
        return "target"
    return "result"


_OWN_VERB = re.compile(r"完成|实现|达到|增长|下降|突破")
# an estimate framing the whole sentence: 估量上半年，… / 据初步统计，…
_ESTIMATE_FRAME = re.compile(r"\s*(?:据)?(?:预计|预期|估计|估量|初步统计|初步测算|预估)[^，,；;。]{0,8}[，,]")


def _estimated(before: str) -> bool:
    """预计 in the figure's own ；-part, or heading the sentence's list where this part has no verb of
    its own (预计全年实现生产总值412.6亿元；规上工业总产值986.3亿元: both estimates; …；完成固定资产投资
    41.7亿元: the source's own 完成, a result)."""
    if _ESTIMATE_FRAME.match(before):
        return True  # 估量上半年，…；完成固定资产投资27.3亿元: the frame governs the whole sentence
    parts = re.split("[；;]", before)
    if _ESTIMATE_BEFORE.search(parts[-1]):
        return True
    return any(_ESTIMATE_BEFORE.search(p) for p in parts[:-1]) and not _OWN_VERB.search(parts[-1])


# what was done, in the figure's own clause: 计划投资5亿元，实际完成6亿元 — the second is a result
_DONE = re.compile(r"已|完成|实现|达到|累计|实际|共计|建成|竣工|落地|签约")


def _planned(before: str) -> bool:
    """A plan cue in the figure's own clause, or 计划 earlier in its ；-part carried over the clauses
    after it that state nothing done (年内计划组织外出招商不少于5次，储备在谈项目20个以上: both
    planned; 全年计划实施项目30个，已开工26个: the second is done)."""
    own = re.split("[，,；;]", before)[-1]
    if (cue := _PLAN_BEFORE.search(own)) is not None:
        # 完成年度计划的81.3%, 占年度计划的80.9%: what was done, measured against the plan
        return not _DONE.search(own[: cue.start()]) and "占" not in own[: cue.start()]
    part = re.split("[；;]", before)[-1]
    cue = _PLAN_BEFORE.search(part) or re.search("(?<!原)计划", part)  # 原计划…: reported on, not set
    return cue is not None and not _DONE.search(own)


def _reviews_last_year(paragraph: str, report_period: str) -> bool:
    """A plan's paragraph that opens with an earlier year (2025年，… in a 2026 plan) reviews that year."""
    opening = _YEAR.match(paragraph.lstrip())
    year = _report_year(report_period)
    return bool(opening and year is not None and int(opening.group(1)) < year)
