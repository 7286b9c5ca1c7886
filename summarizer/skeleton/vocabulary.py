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
    "BARE_MEASURE_WORDS",
    "BARE_NOUNS",
    "BARE_VERBS",
    "CLOSING_PLEDGE",
    "COUNTED_HEADS",
    "COUNT_INDICATORS",
    "DISTINCT_COMPOUNDS",
    "DRAWS_ON",
    "FLOW_VERBS",
    "HEADLINE_INDICATORS",
    "JUDGEMENT_WORDS",
    "OWNER_HEADS",
    "PLANNED_CLAUSE",
    "PROBLEM_TOPICS",
    "PROJECT_STATUS_WORDS",
    "PROPERTY_WORDS",
    "STATE_WORDS",
    "THEME_WORDS",
    "WORK_HEADING",
    "canonical_indicator",
    "canonical_match",
    "extra_indicators",
    "indicator_names",
    "theme_of",
]


def _words(spaced: str) -> tuple[str, ...]:
    return tuple(spaced.split())


# A project's stage and the words that say it (first match wins, most advanced first). The skeleton
# reads a project's status with them; grounding checks a written status against its sentence with them.
PROJECT_STATUS_WORDS: tuple[tuple[str, str], ...] = (
    ("达产", "达产|达效"),
    ("投产", "投产|投入(?:生产|运营)|试生产|运营"),
    ("竣工", "竣工|建成|完工"),
    ("在建", "在建|续建|加快建设|主体施工|正在建设|封顶|设备安装|安装调试|施工"),
    ("开工", "开工(?!前|手续|准备|条件|审批)|动工|奠基"),
    ("签约", "签约|签订|落户|落地|引进"),
    ("在谈", "在谈|洽谈|对接"),
)

# What is planned, not done: a clause from one of these words on says nothing of a project's stage now
# (计划明年3月投产 is no 投产).
# A clause that opens with what the work draws on: its figure is there already, not a target
# (借助三个驻点招商小组, 调动5个招商顾问的积极性, 发挥1000万元专项资金作用, 对未开工的8个项目), or
# that says how much the work covers (涉及用地约426亩).
DRAWS_ON = re.compile(
    r"(?:特别是|尤其是|重点|并|同时)?"
    r"(?:借助|依托|利用|发挥|调动|针对|对于?|围绕|聚焦|用好|盘活|依据|根据|涉及|覆盖|惠及)"
    r"(?!接|标|照|比|外)"
)
# A heading that names a work area by what is done in it (聚焦链式招商，做大产业规模; 以项目建设的加速度
# 推进…; 实施西部拓展工程…; 通过重点项目推进工程…), not a topic sentence of a feature (服务企业的方式
# 也在改变): a story's areas of work are headings that open so.
WORK_HEADING = re.compile(
    r"^(?:[一二三四五六七八九十]+、)?(?:坚持|聚焦|突出|实施|通过|以|强化|推进|推动|加快|深化|优化|狠抓|抓好|"
    r"做强|做优|做大|打造|提升|围绕|着力|全力|持续|加大|扩大|培育|构建|健全|完善|创新|夯实|激发|筑牢|"
    r"紧盯|锚定|攻坚|全面|大力|积极|不断|加力|用好|做好|落实|开展|组织|确保|力争|抓实|稳住|加速)"
)
# A report's closing pledge, said of no work in particular (以更加饱满的热情…，为全区发展作出新的更大贡献):
# no task of a plan, nor a clause of one.
CLOSING_PLEDGE = re.compile(
    r"以更加[^，,。；;]*的(?:热情|作风|姿态|干劲|担当|状态)|作出(?:新的|应有的)?更大(?:的)?贡献|"
    r"奋力开创[^，,。；;]*新局面|谱写[^，,。；;]*新篇章|交出[^，,。；;]*答卷|再创[^，,。；;]*新辉煌"
)
# What a problem is about, and so which of the report's own tasks answers it: a problem and a task
# that name the same topic (by any of its words) belong together. Topics are narrow on purpose: 项目
# or 发展 alone would tie everything to everything.
PROBLEM_TOPICS: dict[str, tuple[str, ...]] = {
    "用地": ("用地", "土地", "亩", "标准厂房"),
    "能耗": ("能耗", "用能", "节能"),
    "资金": ("资金", "融资", "财政收支", "专项债"),
    "人才": ("人才", "用工难", "用工紧", "用工缺", "用工短缺", "用工需求", "招工"),  # not 可用工业用地
    "外贸": ("外贸", "进出口", "出口", "进口"),
    "外资": ("外资",),
    "项目储备": ("项目储备", "储备不足", "大项目", "重大项目", "重大产业项目", "亿元以上项目"),
    "落地转化": ("落地转化", "转化率", "转化慢", "签约项目落地", "在谈项目", "签约项目"),
    "创新": ("科技创新", "创新能力", "创新平台", "创新主体", "成果转化", "研发", "科技成果", "技术合同"),
    "投资": ("固定资产投资", "投资增长", "有效投资", "工业投资"),
    "经济运行": ("经济运行", "经济增长", "稳增长", "时序进度"),
    "订单": ("订单", "市场需求", "稳订单", "产销对接"),
    "财政": ("财政收入", "财政收支", "财源", "税收"),
    "配套": ("配套", "污水", "供水", "供电", "供热", "管网", "道路"),
    "营商环境": ("营商环境", "审批", "服务效能", "作风", "手续", "帮办代办"),
    "要素保障": ("要素保障", "要素跟着项目", "要素制约", "要素约束"),
    "安全环保": ("安全生产", "安全主体责任", "安全责任", "环保", "隐患", "生态环境"),
    "民生": ("民生", "就业", "学位", "养老", "医疗"),
}
PLANNED_CLAUSE = r"(?:计划|拟|将|预计|力争|确保|争取|预期)[^，。；]*"

# Words that hold another indicator's name and mean something else (进出口 / 出口, 净利润 / 利润).
DISTINCT_COMPOUNDS = ("进出口", "净利润", "净资产", "非税", "净增", "净流入")

# State words, by class: a word of a class in a written sentence must have a word of the same class in
# its source (外贸持续向好 against 承压 is reversed, never verified). Grounding's meaning check reads
# this table; the namer strips these words off a subject (工业投资占比偏低 -> 工业投资占比).
STATE_WORDS: dict[str, tuple[str, ...]] = {
    "上升": _words("增长 增加 提高 提升 上升 上涨 扩大 加快 增强 好转 回升 攀升 向好 回暖 反弹"),
    "下降": _words("下降 减少 降低 回落 下滑 下跌 缩减 收窄 放缓 减弱 萎缩 下行 承压 走弱 趋缓"),
    "偏弱": _words("偏弱 较弱 薄弱 不足 滞后 偏低 偏少 偏慢 紧张 短缺 困难 欠缺 乏力 不优 不强 不高"),
    "较强": _words("较强 很强 充足 领先 较高 宽松 充裕 雄厚 过硬 超前 强劲 活跃"),
    "已完成": _words("全部 已经 已 完成 实现 建成 竣工 投产 达产 落成"),
    "高于": _words("高于 快于 优于 好于 超过 领先于"),
    "低于": _words("低于 慢于 差于 不及 落后于"),
}
# Words of judgement a writer adds about a report (稳定, 贡献, 实现目标): a sentence the program or a
# model writes may carry one only where the report itself says it.
JUDGEMENT_WORDS = _words(
    "稳定 平稳 稳步 向好 增强 突破 实现目标 完成目标 超额完成 贡献 显著 明显 大幅 强劲 活力 亮点 领先 翻番 "
    "历史新高 创新高 位居前列 名列前茅"
)

# canonical name -> regular expressions over the words before the figure (first match wins, in order:
# specific names before the general ones they contain).
HEADLINE_INDICATORS: dict[str, Sequence[str]] = {
    "规上工业增加值": [r"(?:规模以上|规上)[^，。；]{0,6}增加值"],
    "规上工业总产值": [r"(?:规模以上|规上)[^，。；]{0,8}(?:总产值|产值)"],
    "工业增加值": [r"工业增加值"],
    "工业总产值": [r"工业(?:总)?产值"],
    "地区生产总值": [r"地区生产总值|(?<!工业)生产总值|GDP"],
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
# The canonical names that count things; every other one measures money (a rate of any of them is a
# growth rate, attached to its host, never named alone). 进出口总额 never names "2个".
COUNT_INDICATORS = frozenset({"签约项目", "重点项目", "高新技术企业", "市场主体"})

# Words that never name a figure alone: a measure word says what kind of amount, not of what (增幅,
# 总数, 投资, 项目), and a verb says what was done, not to what (召开, 审议并通过). A name that is one of
# them, or one of them with particles, has lost its subject: the namer looks further, or asks.
BARE_MEASURE_WORDS = frozenset(
    _words(
        "增幅 增速 增长率 涨幅 降幅 总数 总量 总额 总值 数量 个数 次数 金额 规模 面积 "
        "占地 总占地 总长 长度 年产 产能 投资 总投资 计划投资 年度投资 年内投资 实际投资 "
        "投资额 目标 任务 目标任务 年度目标 年度任务 年度计划 计划 比重 比例 占比 人数 家数 "
        "收入 产值 资金"
    )
)
# Nouns too general to name a figure alone (项目 不少于15个), fine as the head of a longer name
# (签约项目, 走访企业, 推进专班): a verb or a modifier before them says which.
BARE_NOUNS = frozenset(_words("项目 大项目 企业 活动 工作 工程 单位 平台 重点 指标 问题 事项"))
BARE_VERBS = frozenset(
    _words(
        "召开 举办 组织 开展 审议 通过 审议通过 审议并通过 完成 实现 新增 净增 引进 签约 签订 "
        "聚焦 突出 推进 推动 抓好 加快 实施 建成 达到 突破 超过 累计 共计 合计 发放 收集 "
        "解决 走访 接待 培训 排查 整改 储备 谋划 申报 认定 完成整改 开工 竣工 投产 落地 "
        "建设 新建 规划建设 安排 帮助 协调 带动 吸引 培育 获批 获得 招引 成立 拆除 "
        "隆重庆祝 庆祝 设立 设置 建立 组建 打造 盘活 压缩 缩短 提高 提升 降低 减少 增加 "
        "增长 推行 改造 整治 清理 处置 化解 帮扶 服务 发挥 用于 投入 拨付 兑现 落实 发现 发觉"
    )
)
# A property of a named thing: the thing's name goes before it (产业项目总投资, 西部新城面积); in
# 总投资217亿元的7个产业项目 the thing is written after the figure.
PROPERTY_WORDS = (
    "计划总投资", "总投资", "计划投资", "投资", "总占地", "占地面积", "占地", "总建筑面积", "建筑面积",
    "面积", "总长", "全长", "长度", "总规模", "规模",
)  # fmt: skip
# What a named thing ends in: the owner a bare property word belongs to (…固废利用项目…完成投资1.8亿元).
OWNER_HEADS = (
    "项目", "工程", "产业园", "园区", "园", "基地", "公司", "集团", "新城", "综合体", "中心", "平台",
    "道路", "厂房", "生产线",
)  # fmt: skip

# Head nouns of what a count counts, where the noun written after the figure ends (五个驻点招商小组,
# 1支推进专班); words outside this list end at the next verb instead.
COUNTED_HEADS = (
    *OWNER_HEADS, "企业", "小组", "顾问", "专班", "会议", "活动", "材料", "问题", "诉求", "人次", "指标",
    "变电所", "变电站", "学校", "医院", "社区", "村", "专利", "人才", "团队", "载体", "园中园",
)  # fmt: skip

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
_BRIDGE = re.compile(
    r"(?:达到|达|为|是|共计|共|累计|实现|完成|总额|总量|总计|合计|突破|超过|增至|约|预计|预期|估计|初步统计|可望)*\s*$"
)


def canonical_indicator(words: str) -> str:
    """The canonical name for `words`, the text between a figure and the punctuation before it.

    The written form must be the head right before the figure (only 达到/为/累计 … between): in
    签约产业项目14个 the figure counts 产业项目, not 签约. At equal end, the more specific name
    listed first."""
    return canonical_match(words)[0]


def canonical_match(words: str) -> tuple[str, int]:
    """`canonical_indicator` and where its written form starts in `words` (-1 when none)."""
    bridge = _BRIDGE.search(words)
    head_end = bridge.start() if bridge else len(words)
    for name, pattern in _ACTIVE.get():
        for m in pattern.finditer(words):
            if m.end() == head_end:
                around = words[max(0, m.start() - 2) : m.end()]
                if any(c in around and c not in m.group() for c in DISTINCT_COMPOUNDS):
                    return "", -1  # 净利润 is not 利润
                return name, m.start()
    return "", -1


# Verbs that make a core indicator's figure a flow or a step, not the stock (申报高企18家 are
# applications, 新增市场主体236户 the year's new ones): the name keeps the verb.
FLOW_VERBS = ("申报", "认定", "新认定", "新增", "净增", "培育", "引进", "新引进", "新培育", "新签约")


def theme_of(*texts: str) -> str:
    """The first theme whose words occur in the texts, most specific text first; "" when none."""
    for text in texts:
        for theme, words in THEME_WORDS.items():
            if any(word in text for word in words):
                return theme
    return ""
