"""The vocabulary of core indicators and of 主要做法 themes, as data a user can read and extend.

`HEADLINE_INDICATORS` maps each canonical indicator name to the written forms that mean it (short
forms such as 规上 for 规模以上, 固投 for 固定资产投资). A fact whose wording matches one is named by
the vocabulary, not by the model, and counts as a headline result when its role is result/estimate.
Patterns are matched against the clause text right before the figure, so 规模以上工业企业实现总产值
and 规上工业总产值 both land on one name.

An office adds its own core indicators in summarizer.toml (`[indicators]`, canonical name -> written
forms, plain text). They are checked before the built-in ones, for the duration of
`extra_indicators(...)`, which the CLI and `summarize` enter from the settings: skeleton naming, the
headline flag, grounding's short forms and the plan's target matching all read the same table.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping, Sequence
from contextlib import contextmanager
from contextvars import ContextVar

__all__ = [
    "HEADLINE_INDICATORS",
    "THEME_WORDS",
    "canonical_indicator",
    "extra_indicators",
    "indicator_names",
    "theme_of",
]

# canonical name -> regular expressions over the words before the figure (first match wins, in order:
# specific names before the general ones they contain).
HEADLINE_INDICATORS: dict[str, Sequence[str]] = {
    "规上工业增加值": [r"(?:规模以上|规上)[^，。；]{0,6}增加值"],
    "规上工业总产值": [r"(?:规模以上|规上)[^，。；]{0,8}(?:总产值|产值)"],
    "工业增加值": [r"工业增加值"],
    "工业总产值": [r"工业(?:总)?产值"],
    "营业收入": [r"营业(?:总)?收入|主营业务收入"],
    "工业投资": [r"工业投资"],
    "固定资产投资": [r"固定资产投资|固投"],
    "一般公共预算收入": [r"一般公共预算收入|一般预算收入"],
    "地方财政收入": [r"地方财政收入|财政收入|地方级收入"],
    "税收收入": [r"税收(?:收入)?(?!优惠)"],
    "利税": [r"利税"],
    "利润": [r"利润(?:总额)?"],
    "实际利用外资": [r"实际(?:使用|利用)外资|实到外资|利用外资"],
    "进出口总额": [r"进出口(?:总额|总值)?|外贸"],
    "社会消费品零售总额": [r"社会消费品零售总额|社零"],
    "签约项目": [r"签约(?:项目)?|协议投资|招商引资(?:到位)?资金|到位资金"],
    "重点项目": [r"重点项目"],
    "高新技术企业": [r"高新技术企业|高企"],
    "研发经费": [r"研发(?:经费|投入)|R&D"],
    "市场主体": [r"市场主体"],
}
_Table = tuple[tuple[str, re.Pattern[str]], ...]
_BUILT_IN: _Table = tuple(
    (name, re.compile("|".join(patterns))) for name, patterns in HEADLINE_INDICATORS.items()
)
# A context variable, not a module global: two settings in one process (a library user) never mix.
_ACTIVE: ContextVar[_Table] = ContextVar("indicator_vocabulary", default=_BUILT_IN)


@contextmanager
def extra_indicators(extra: Mapping[str, Sequence[str]]) -> Iterator[None]:
    """Use the office's own indicators (canonical name -> written forms) before the built-in ones."""
    own = tuple(
        (
            name,
            re.compile("|".join(re.escape(form) for form in sorted({name, *forms}, key=len, reverse=True))),
        )
        for name, forms in extra.items()
    )
    token = _ACTIVE.set(own + _BUILT_IN)
    try:
        yield
    finally:
        _ACTIVE.reset(token)


def indicator_names() -> frozenset[str]:
    """Every canonical name in use: the built-in ones and the office's own."""
    return frozenset(name for name, _ in _ACTIVE.get())


# theme -> words that give it away in a heading or an item's first sentence (checked in this order)
THEME_WORDS: dict[str, Sequence[str]] = {
    "党建": ["党建", "党风", "廉政", "党员", "支部", "作风"],
    "营商环境": ["营商", "审批", "服务企业", "企业服务", "帮办", "代办", "放管服", "要素保障"],
    "安全环保": ["安全生产", "安全", "环保", "生态环境", "生态", "污染", "隐患", "消防", "应急"],
    "招商引资": ["招商", "双招双引", "招引", "引资", "签约", "客商"],
    "项目建设": ["项目"],
    "体制机制改革": ["体制", "机制", "改革", "市场化运营", "管委会"],
    "科技创新": ["科技", "创新", "研发", "人才", "专利", "高企", "孵化"],
    "基础设施": ["基础设施", "道路", "管网", "配套", "供水", "供电", "污水", "标准厂房"],
    "产业发展": ["产业", "集群", "链", "工业"],
    "民生": ["民生", "就业", "教育", "医疗", "社区", "群众"],
}


# What may stand between an indicator's name and its figure: 总产值达到271.3亿元, 税收共计…
_BRIDGE = re.compile(r"(?:达到|达|为|是|共计|共|累计|实现|完成|总额|总量|总计|合计|突破|超过|增至|约)*\s*$")


def canonical_indicator(words: str) -> str:
    """The canonical name for `words`, the text between a figure and the punctuation before it.

    The written form must be the head right before the figure (only 达到/为/累计 … between): in
    签约产业项目14个 the figure counts 产业项目, not 签约. At equal end, the more specific name
    listed first."""
    bridge = _BRIDGE.search(words)
    head_end = bridge.start() if bridge else len(words)
    for name, pattern in _ACTIVE.get():
        for m in pattern.finditer(words):
            if m.end() == head_end:
                return name
    return ""


def theme_of(*texts: str) -> str:
    """The first theme whose words occur in the texts, most specific text first; "" when none."""
    for text in texts:
        for theme, words in THEME_WORDS.items():
            if any(word in text for word in words):
                return theme
    return ""
