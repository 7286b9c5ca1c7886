"""Synonym-swap noise: document sites rewrite words to dodge duplicate detection (发展 -> 进展).

Only fixed collocations are repaired, and only once the document shows the noise (collocations of
two or more different garbled words: a rewriting site swaps many words, while a clean report may use
one of them legitimately, as in "园区进展和产业进展"); a lone "项目进展" in a clean report is a real word.
Collocations that are also good Chinese ("科技创新力量", "取得快速进展") are left out of the table.
Every repair keeps the length, so offsets map character to character.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

__all__ = ["SUSPECT_WORDS", "SwapFinding", "find_swaps"]

# garbled word -> the word it usually replaced (for the report)
SUSPECT_WORDS: dict[str, str] = {
    "进展": "发展",
    "平安": "安全",
    "乐观": "积极",
    "争辩": "研究",
    "支配": "安排",
    "估量": "预计",
    "挂念": "帮助",
    "准时": "及时",
    "宣扬": "宣传",
    "发觉": "发现",
    "力量": "能力",
}

_REPAIRS: dict[str, str] = {}


def _add(garbled: str, right: str, contexts: str) -> None:
    for context in contexts.split():
        wrong = context.replace("_", garbled)
        fixed = context.replace("_", right)
        if wrong in _REPAIRS:  # two swaps in one collocation: 准时发觉 -> 及时发现
            fixed = _REPAIRS[wrong].replace(garbled, right)
        _REPAIRS[wrong] = fixed


_add(
    "进展",
    "发展",
    "高质量_ _活力 _动力 _潜力 _理念 _空间 _方向 _规划 _水平 _环境 _战略 _格局 _质量 _成果 "
    "_优势 _机遇 _阶段 _后劲 _动能 _要求 产业_ 经济_ 城市_ 联动_ 绿色_ 创新_ 协调_ 融合_ 健康_ "
    "开放_ 共享_ 集群_ 园区_ 企业_ 区域_ 科学_ 跨越_ 转型_ 可持续_ 加快_步伐",
)
_add("平安", "安全", "_生产 _监管 _隐患 _事故 _责任 _检查 _培训 生产_ 消防_ 环保_ _环保")
_add(
    "乐观",
    "积极",
    "_对接 _开展 _争取 _推动 _推进 _引导 _参与 _协调 _探索 _谋划 _作用 _性 _主动 _应对 _稳妥",
)
_add("争辩", "研究", "产业_ 政策_ 方法_ 调查_ _制定 _解决 _部署 专题_ _出台 _分析 深入_ 课题_")
_add("支配", "安排", "_部署 统筹_ 工作_ 周密_ 合理_")
_add("估量", "预计", "_上半年 _全年 _1 _2 _3 _4 _5 _6 _7 _8 _9 _今年 _年底 _年内 _到 _可 _实现 _完成 _将")
_add("准时", "及时", "_解决 _处理 _协调 _发现 _发觉 _掌握 _跟进 _反馈 _兑现 _回应 _研究")
_add("宣扬", "宣传", "_推介 _推广 _力度 加大_ _培训 _工作 _报道 _引导 政策_ 招商_ _动员")
_add("发觉", "发现", "准时_ 及时_ _问题 _隐患")
_add("挂念", "帮助", "_企业 _解决 _协调")
_add("力量", "能力", "承载_ 配套_")

_REPAIR_RE = re.compile("|".join(sorted(map(re.escape, _REPAIRS), key=len, reverse=True)))
_SUSPECT_RE = re.compile("|".join(SUSPECT_WORDS))
# The garbled words each collocation shows (准时发觉 shows two).
_WORDS_IN: dict[str, frozenset[str]] = {
    wrong: frozenset(w for w in SUSPECT_WORDS if w in wrong) for wrong in _REPAIRS
}


@dataclass(frozen=True, slots=True)
class SwapFinding:
    start: int
    end: int
    garbled: str
    repaired: str | None  # None: suspect only, text left as is


def find_swaps(text: str) -> list[SwapFinding]:
    """Repairs of known collocations plus the remaining suspect words, if the noise is present."""
    repairs = [
        SwapFinding(m.start(), m.end(), m.group(), _repair(m.group())) for m in _REPAIR_RE.finditer(text)
    ]
    if len(set().union(*(_WORDS_IN[r.garbled] for r in repairs))) < 2:
        return []
    covered = [False] * (len(text) + 1)
    for r in repairs:
        covered[r.start : r.end] = [True] * (r.end - r.start)
    suspects = [
        SwapFinding(m.start(), m.end(), m.group(), None)
        for m in _SUSPECT_RE.finditer(text)
        if not covered[m.start()]
    ]
    return sorted(repairs + suspects, key=lambda f: f.start)


def _repair(wrong: str) -> str:
    fixed = _REPAIRS[wrong]
    if len(fixed) != len(wrong):  # guarded at import time too; offsets rely on it
        raise AssertionError(f"repair changes length: {wrong} -> {fixed}")
    return fixed


assert all(len(k) == len(v) for k, v in _REPAIRS.items())
