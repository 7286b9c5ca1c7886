"""Vocabulary for `summarizer.text.quantities`: units, magnitudes and the report phrasing around figures.

Every written form maps to a canonical Simplified unit and a `QuantityKind`. Cleaned text is
Simplified, but raw Traditional input (萬元, 個百分點, 噸/年) must not lose its units, so each entry
also gets its Traditional spelling through a small character table.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import Any

from ..core.models import QuantityKind

__all__ = [
    "COMPARISONS",
    "DOWN",
    "MAGNITUDE_PATTERN",
    "PER_PATTERN",
    "SUBJECT_LEADING",
    "SUBJECT_TRAILING",
    "UNIT_PATTERN",
    "UP",
    "alternation",
    "compound_kind",
    "magnitude_of",
    "to_simplified",
    "unit_of",
    "variants",
]

K = QuantityKind

# Simplified -> Traditional for the characters our vocabularies use (not a general converter).
_S2T_PAIRS = (
    "万萬 亿億 个個 项項 户戶 条條 场場 台臺 辆輛 张張 组組 种種 类類 处處 间間 栋棟 笔筆 时時 顷頃 "
    "标標 准準 亩畝 吨噸 门門 韩韓 欧歐 镑鎊 轮輪 届屆 册冊 节節 页頁 号號 约約 过過 于於 余餘 内內 "
    "预預 计計 争爭 确確 长長 减減 较較 环環 为為 达達 将將 临臨 邻鄰 签簽 预預 违違 发發 传傳 转轉 "
    "别別 头頭 颗顆 币幣 卢盧 钟鐘 划劃 务務 业業 长長 实實 现現 进進 点點"
)
_S2T = {pair[0]: pair[1] for pair in _S2T_PAIRS.split()}
_S2T_TABLE = str.maketrans(_S2T)
_T2S_TABLE = str.maketrans({t: s for s, t in _S2T.items()})


def variants(words: Iterable[str]) -> list[str]:
    """The words plus their Traditional spellings, longest first (so alternations prefer them)."""
    out = {w for word in words for w in (word, word.translate(_S2T_TABLE))}
    return sorted(out, key=lambda w: (-len(w), w))


def to_simplified(word: str) -> str:
    return word.translate(_T2S_TABLE)


def alternation(words: Iterable[str]) -> str:
    """Regex matching any of the words (and Traditional spellings), longest first, as a trie.

    A trie keeps big vocabularies cheap: the regex engine tries one branch per character instead
    of every word at every position. Latin units end on a word edge (5GW is a unit, 5GWX is not).
    """
    trie: dict[str, dict[str, Any]] = {}
    for word in variants(words):
        node = trie
        for ch in word:
            node = node.setdefault(ch, {})
        node[""] = {"latin": word[-1].isascii() and word[-1].isalpha()}
    return "(?:" + _trie_body(trie) + ")"


def _trie_body(node: dict[str, dict[str, Any]]) -> str:
    options = [re.escape(ch) + _trie_body(child) for ch, child in sorted(node.items()) if ch]
    if "" in node:  # a word ends here; the empty option goes last so longer words win
        options.append("(?![A-Za-z])" if node[""]["latin"] else "")
    if len(options) == 1:
        return options[0]
    return "(?:" + "|".join(options) + ")"


# Space-separated so the table stays readable; longest-match order comes from the trie.
_UNITS: dict[QuantityKind, str] = {
    K.MONEY: "元 美元 欧元 日元 港元 港币 英镑 韩元 澳元 卢布",
    K.PERCENT: "% ％ ‰",
    K.PERCENTAGE_POINTS: "个百分点 百分点",
    K.AREA: "平方公里 平方千米 平方米 平米 亩 公顷 km² km2 m² ㎡",
    K.COUNT: "家 个 项 次 人 名 户 条 座 所 批 台 套 本 件 辆 栋 场 期 位 份 处 支 种 类 款 只 张 宗 "
    "块 幢 间 株 棵 组 篇 轮 起 部 届 笔 头 枚 门 艘 架 颗 片 人次 家次 批次 户次 车次 场次 台套 "
    "省 县 国 镇 村",
    K.CAPACITY: "千伏安 兆伏安 伏安 千瓦 兆瓦 吉瓦 蒸吨 MW GW kW KW MWp GWp kWp kVA KVA MVA",
    K.ENERGY: "千瓦时 兆瓦时 度 吨标准煤 吨标煤 GWh MWh kWh KWh kwh TWh",
    K.WEIGHT: "吨 千克 公斤 kg",
    K.LENGTH: "公里 千米 米 延米 km",
    K.DURATION: "个月 个工作日 工作日 个季度 个小时 小时 天 年 周年 周 个星期 分钟",
    K.OTHER: "倍 千伏 kV KV 立方米 ℃",  # ratio, voltage class, volume: figures without a family
}
_KIND_OF_UNIT: dict[str, QuantityKind] = {u: kind for kind, units in _UNITS.items() for u in units.split()}

# 千 is a magnitude (3千人) unless it starts a unit (千瓦, 千伏安, 千米, 千克 ...).
_MAGNITUDES = {"万亿": 10**12, "千万": 10**7, "百万": 10**6, "亿": 10**8, "万": 10**4, "千": 10**3}
MAGNITUDE_PATTERN = (
    "(?:" + "|".join(variants(m for m in _MAGNITUDES if m != "千")) + "|千(?![瓦伏米克卡帕焦]))"
)
UNIT_PATTERN = alternation(_KIND_OF_UNIT)

# Denominators of compound units: 吨/年, 元/平方米, 立方米/日.
_TIME_PER = ("年", "日", "天", "小时", "时", "月", "h")
PER_PATTERN = alternation(
    (*_TIME_PER, "吨", "平方米", "㎡", "亩", "套", "人", "件", "个", "千瓦时", "度", "次", "台", "辆")
)
# Bases that make a production/processing capacity when divided by time.
_CAPACITY_BASES = {K.WEIGHT, K.COUNT, K.ENERGY, K.CAPACITY}


def magnitude_of(written: str) -> int:
    return _MAGNITUDES[to_simplified(written)]


def unit_of(written: str) -> tuple[str, QuantityKind]:
    """Canonical Simplified unit and its kind (`%` for ％)."""
    unit = to_simplified(written).replace("％", "%")
    return unit, _KIND_OF_UNIT[unit]


def compound_kind(base: QuantityKind, base_unit: str, per: str) -> QuantityKind:
    """Kind of `base/per`: money stays money (a price); weight or output per time is a capacity."""
    if base is K.MONEY:
        return K.MONEY
    if to_simplified(per) in _TIME_PER and (base in _CAPACITY_BASES or base_unit == "立方米"):
        return K.CAPACITY
    return base


def _words(spaced: str) -> tuple[str, ...]:
    return tuple(spaced.split())


# Phrasing around figures (Simplified; `alternation` adds Traditional spellings).
UP = ("增长", "增加", "提高", "提升", "上升", "上涨")
DOWN = ("下降", "减少", "降低", "回落", "下滑", "下跌", "缩减", "压缩", "缩短")
COMPARISONS = (
    *(a + b for a in ("比", "较") for b in ("上年同期", "去年同期", "上年", "去年", "上半年", "年初")),
    *("同比", "环比"),
)
# Words that end a clause right before its number: …总产值突破420亿元, 企业达到52家.
SUBJECT_TRAILING = _words(
    "分别 同比 环比 压缩至 压缩到 缩短至 缩短到 增至 降至 提高到 提升至 提高至 提升到 达到了 达到 高达 多达 "
    "长达 约为 仅为 仅有 只有 共计 共有 合计 总计 累计 突破 超过 至少 控制在 保持在 稳定在 拥有 现有 具有 "
    "已经 不少于 不低于 不超过"
)
# Verbs and adverbs that open a clause; the subject is what follows the last one: 实现总产值.
SUBJECT_LEADING = _words(
    "实现了 实现 完成了 完成 累计 共计 新增 新建 新引进 引进 新签约 签约 签订 其中 全年 上半年 下半年 "
    "前三季度 今年以来 截至目前 目前 已经 已 开展 举办 组织 召开 接待 走访 发放 收集 解决 建成 拆除 排查 "
    "整改 培训 申报 储备 谋划 推动 实施 盘活 安排 形成 争取 预计 预期 力争 力求 确保 拥有 现有 帮助 协调 "
    "处置 达成 确定 涉及 带动 吸引 吸纳 培育 认定 获批 获得 招引 新开工 同时 此外 另外 加快 占 的 推进 "
    "抓好 发挥 成立 加大 加强 扎实 积极 全力 着力 大力"
)
