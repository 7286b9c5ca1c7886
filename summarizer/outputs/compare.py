"""Indicators of several reports matched into rows, and whether each row can be compared at all.

Matching is deterministic:
1. Canonical name: NFKC, spaces and punctuation removed; a leading period word (上半年, 1-9月,
   全年 …) moves to the item's period; leading 累计/完成/实现/共计 dropped; 规模以上 → 规上,
   工业企业 → 工业, 同比 dropped, a trailing 总额 dropped.
2. Two names match when their canonical names are equal, or when the shorter one names something
   (not a bare 投资) and ends the longer one after a prefix of at least two characters (工业总产值 ~
   规上工业总产值). A one-character prefix is a different indicator (出口 ≠ 进出口, 利润 ≠ 净利润),
   and so is a different head (规上工业增加值 ≠ 规上工业总产值).
3. Each report gives a row at most one item; equal canonical names are preferred to fuzzy ones.

A row is comparable only when its units agree after the parser's normalisation (亿元 and 万元 are
both 元; 元 and 个 are not) and its period lengths agree (上半年 = 1-6月 ≠ 全年 ≠ 1-9月); otherwise
its note says 口径不同 and why. A cell is chartable only when verified, one figure (not a range) and
not a target (预计, 力争 …).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from decimal import Decimal

from ..core.models import QuantityKind
from ..core.summary import TARGET_MODALS, DocumentMeta, GroundingStatus, Indicator, Summary
from ..skeleton.names import is_bare, name_problem
from ..skeleton.vocabulary import canonical_indicator
from ..text.normalise import name_key, nfkc
from ..text.periods import leading_period, period_months
from ..text.quantities import find_quantities

__all__ = ["Cell", "Row", "canonical_name", "compare", "names_agree"]

_LEADING = ("累计完成", "累计实现", "累计", "完成", "实现", "共计")
# On top of `name_key`'s short forms (规模以上 -> 规上).
_SYNONYMS = (("工业企业", "工业"), ("同比", ""))
_MODALS = TARGET_MODALS
_SAME_YEAR_AGO = re.compile(r"^(?:同比|比上年同期|比上年|较上年同期|较上年|比去年|较去年)")


def canonical_name(name: str) -> tuple[str, str]:
    """(canonical name, period word it started with):
    上半年规模以上工业企业总产值 -> (规上工业总产值, 上半年)."""
    period, text = leading_period(name_key(name))
    stripped = True
    while stripped:
        stripped = False
        for word in _LEADING:
            if text.startswith(word) and len(text) > len(word):
                text, stripped = text[len(word) :], True
    for long, short in _SYNONYMS:
        text = text.replace(long, short)
    if text.endswith("总额") and len(text) > 2:
        text = text[:-2]
    return text, period


def names_agree(a: str, b: str) -> bool:
    """Whether two indicator names mean the same indicator (rule 2 of the module docstring)."""
    ca, cb = canonical_name(a)[0], canonical_name(b)[0]
    if not ca or not cb:
        return False
    if ca == cb:
        return True
    short, long = sorted((ca, cb), key=len)
    return long.endswith(short) and len(long) - len(short) >= 2 and not is_bare(short)


@dataclass
class Cell:
    item: Indicator
    canonical: str
    period: str  # as the report writes it; "" when it does not say
    months: int | None
    unit: str
    amount: Decimal | None  # normalised value (亿元 and 万元 both in 元)
    chartable: bool  # verified, one figure (not a range), not a target
    growth: Decimal | None  # signed 同比 rate in %, when the change is one
    growth_text: str  # the rate as written, without its 同比
    target: bool = False  # 力争/确保/预计…: a goal, not a result

    @property
    def verified(self) -> bool:
        return self.item.grounding_status is GroundingStatus.VERIFIED


@dataclass
class Row:
    name: str  # as the first report writes it
    canonical: str
    cells: dict[int, Cell] = field(default_factory=dict)
    note: str = ""  # 口径不同：… when the cells cannot be compared

    @property
    def comparable(self) -> bool:
        return not self.note

    @property
    def growth_comparable(self) -> bool:
        """同比 rates compare across periods of different length (上半年 18.2% beside 全年 11.8%)."""
        return self.comparable or self.note.endswith("同比增速可比")

    @property
    def periods_differ(self) -> bool:
        return len({c.months for c in self.cells.values()}) > 1


def _growth(change: str) -> tuple[Decimal | None, str]:
    text = nfkc(change).strip()
    if not text or "环比" in text:
        return None, ""
    rates = [q for q in find_quantities(text) if q.is_figure]
    if len(rates) != 1 or rates[0].kind is not QuantityKind.PERCENT or rates[0].high is not None:
        return None, ""
    rate = rates[0].normalized
    if rate is None:
        return None, ""
    signed = -abs(rate) if rates[0].direction == "down" else rate
    return signed, _SAME_YEAR_AGO.sub("", change.strip())


def _cell(item: Indicator, meta: DocumentMeta) -> Cell:
    canonical, name_period = canonical_name(item.name)
    period = item.period.strip() or name_period or meta.period.strip()
    figures = [q for q in find_quantities(nfkc(item.value)) if q.is_figure]
    single = figures[0] if len(figures) == 1 and figures[0].high is None else None
    unit = item.unit or (figures[0].unit if len(figures) == 1 else "")
    amount = item.normalized if item.normalized is not None else (single.normalized if single else None)
    # a figure's role when it has one (a plan quantity is a yardstick, not a result either)
    legacy = bool(_MODALS & {*item.qualifiers, *(single.qualifiers if single else ())})
    target = item.is_target if item.role is not None else legacy
    growth, growth_text = _growth(item.change)
    verified = item.grounding_status is GroundingStatus.VERIFIED
    return Cell(
        item=item,
        canonical=canonical,
        period=period,
        months=period_months(period),
        unit=unit,
        amount=amount,
        chartable=verified and single is not None and amount is not None and not target,
        growth=growth if verified and not target else None,
        growth_text=growth_text,
        target=target,
    )


def _judge(row: Row) -> str:
    cells = list(row.cells.values())
    units = list(dict.fromkeys(c.unit or "未能识别" for c in cells))
    if len(units) > 1 or not cells[0].unit:
        return (
            f"口径不同：单位不同（{'、'.join(units)}），不作比较"
            if len(units) > 1
            else "单位未能识别，不作比较"
        )
    if len({c.months for c in cells}) > 1:
        periods = "、".join(dict.fromkeys(c.period or "未注明" for c in cells))
        if sum(c.growth is not None for c in cells) > 1:  # a 同比 rate compares across period lengths
            return f"时期不同（{periods}）：数值不作比较，同比增速可比"
        return f"口径不同：时期不同（{periods}），不作比较"
    if len({c.target for c in cells}) > 1:  # "确保突破330亿元" is not a year's result
        kinds = {c.item.role for c in cells if c.target}
        aimed = "计划值" if kinds == {"plan"} else "目标值"  # 全年安排86个 is a plan, not a goal
        return f"口径不同：{aimed}与实际值，不作比较"
    return ""


def _is_core(item: Indicator) -> bool:
    """A core indicator (the vocabulary named it: 规上工业总产值, 固定资产投资 …), or the flow of one under
    the source's verb (新增市场主体, 新增高新技术企业)."""
    return item.role is None or item.named_by == "vocabulary" or bool(canonical_indicator(item.name))


def comparable(summary: Summary) -> list[Indicator]:
    """What a digest compares: every indicator with a name of its own (a core one, or any other that
    another report shares: 标准厂房, 招商活动 …), never a problem's evidence nor a bare 完成投资."""
    return [
        i for i in summary.indicators if i.role != "problem" and (_is_core(i) or not name_problem(i.name))
    ]


def compare(summaries: Sequence[Summary]) -> list[Row]:
    """Indicator rows in first-seen order; rows with one cell are the indicators only one report has."""
    rows: list[Row] = []
    for index, summary in enumerate(summaries):
        for item in comparable(summary):
            cell = _cell(item, summary.meta)
            free = [row for row in rows if index not in row.cells]
            exact = [row for row in free if row.canonical == cell.canonical]
            fuzzy = [row for row in free if names_agree(row.name, item.name)]
            target = next(iter(exact or fuzzy), None)
            if target is None:
                rows.append(Row(name=item.name, canonical=cell.canonical, cells={index: cell}))
            else:
                target.cells[index] = cell
    # an indicator only one report has is listed when it is a core one; any other is no comparison
    rows = [row for row in rows if len(row.cells) > 1 or any(_is_core(c.item) for c in row.cells.values())]
    for row in rows:
        row.note = _judge(row) if len(row.cells) > 1 else ""
    return rows
