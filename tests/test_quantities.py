"""Tests for summarizer.text.quantities. Every sentence is invented (青禾经济开发区, 云岭高新区, made-up
figures); each reproduces one phenomenon of real development-zone reports."""

from __future__ import annotations

from decimal import Context, Decimal
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from summarizer.core.models import FIGURE_KINDS, Quantity, QuantityKind
from summarizer.text.quantities import find_quantities

K = QuantityKind
DATA = Path(__file__).parent / "data" / "quantities"
EXACT = Context(prec=10_000)  # the default 28 digits would round long numbers
WIDE = str.maketrans("０１２３４５６７８９", "0123456789")


def one(text: str, written: str) -> Quantity:
    """The single quantity whose text is `written`."""
    found = [q for q in find_quantities(text) if q.text == written]
    assert len(found) == 1, [q.text for q in find_quantities(text)]
    return found[0]


def texts(text: str) -> list[str]:
    return [q.text for q in find_quantities(text)]


def check_invariants(text: str, quantities: list[Quantity]) -> None:
    previous_end = 0
    for q in quantities:
        assert 0 <= q.span.start < q.span.end <= len(text)
        assert text[q.span.start : q.span.end] == q.text
        assert q.span.start >= previous_end, "quantities overlap or are unsorted"
        previous_end = q.span.end
        assert q.source is None
        if q.value is not None and any(c.isdigit() for c in q.text.translate(WIDE)):  # Arabic figures
            digits = "".join(c for c in str(q.value.copy_abs()) if c.isdigit())  # abs() would round
            assert digits in "".join(c for c in q.text.translate(WIDE) if c.isdigit()), q
        if q.kind in FIGURE_KINDS and q.value is not None:
            assert q.normalized == EXACT.multiply(q.value, Decimal(q.magnitude))
        else:
            assert q.normalized is None
        assert (q.subject is None) == (q.subject_rule is None)
        if q.kind not in FIGURE_KINDS:
            assert q.qualifiers == () and q.direction is None and q.subject is None


# --- values, magnitudes, units ---------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "written", "value", "magnitude", "unit", "normalized"),
    [
        ("青禾经济开发区完成固定资产投资36.8亿元。", "36.8亿元", "36.8", 10**8, "元", "3680000000"),
        ("实现税收收入4217万元。", "4217万元", "4217", 10**4, "元", "42170000"),
        ("实际利用外资2.6亿美元。", "2.6亿美元", "2.6", 10**8, "美元", "260000000"),
        ("落实奖补资金12,500元。", "12,500元", "12500", 1, "元", "12500"),
        ("项目总投资1,234.5万元。", "1,234.5万元", "1234.5", 10**4, "元", "12345000"),
        ("设立产业基金3千万元。", "3千万元", "3", 10**7, "元", "30000000"),
        ("云岭高新區總投資12.5億元。", "12.5億元", "12.5", 10**8, "元", "1250000000"),
        ("利用外資3.5萬美元。", "3.5萬美元", "3.5", 10**4, "美元", "35000"),
        ("营业收入１２３．５亿元。", "１２３．５亿元", "123.5", 10**8, "元", "12350000000"),
        ("招商地图定制服务46800元/套。", "46800元/套", "46800", 1, "元/套", "46800"),
        ("单价1.25万元/亩。", "1.25万元/亩", "1.25", 10**4, "元/亩", "12500"),
    ],
)
def test_money_is_normalised_exactly(
    text: str, written: str, value: str, magnitude: int, unit: str, normalized: str
) -> None:
    q = one(text, written)
    assert q.kind is K.MONEY
    assert q.value == Decimal(value) and q.magnitude == magnitude and q.unit == unit
    assert q.normalized == Decimal(normalized)
    assert str(q.normalized) == normalized  # plain notation, never 3.68E+9


def test_value_keeps_the_digits_as_written() -> None:
    q = one("营收同比增长158.0%。", "158.0%")
    assert str(q.value) == "158.0"
    assert str(q.normalized) == "158"


@pytest.mark.parametrize(
    ("text", "written", "kind", "magnitude", "unit"),
    [
        ("新增乙烯产能60万吨/年。", "60万吨/年", K.CAPACITY, 10**4, "吨/年"),
        ("新建变电站容量6.8万千伏安。", "6.8万千伏安", K.CAPACITY, 10**4, "千伏安"),
        ("光伏装机1.5GW。", "1.5GW", K.CAPACITY, 1, "GW"),
        ("建成风电50兆瓦。", "50兆瓦", K.CAPACITY, 1, "兆瓦"),
        ("日处理污水2万立方米/日。", "2万立方米/日", K.CAPACITY, 10**4, "立方米/日"),
        ("储能电站规模3GWh。", "3GWh", K.ENERGY, 1, "GWh"),
        ("年供电3000万千瓦时。", "3000万千瓦时", K.ENERGY, 10**4, "千瓦时"),
        ("节能1.2万吨标准煤。", "1.2万吨标准煤", K.ENERGY, 10**4, "吨标准煤"),
        ("年产钢材15万吨。", "15万吨", K.WEIGHT, 10**4, "吨"),
        ("储备粮3千吨。", "3千吨", K.WEIGHT, 1000, "吨"),  # 千 before a plain unit is a magnitude
        ("新建道路8.5公里。", "8.5公里", K.LENGTH, 1, "公里"),
        ("铺设管网3千米。", "3千米", K.LENGTH, 1, "千米"),  # 千米 is a unit, not 3000 米
        ("配套电机5千瓦。", "5千瓦", K.CAPACITY, 1, "千瓦"),
        ("征地2.4平方公里。", "2.4平方公里", K.AREA, 1, "平方公里"),
        ("新建厂房6.5万平方米。", "6.5万平方米", K.AREA, 10**4, "平方米"),
        ("盘活土地1200亩。", "1200亩", K.AREA, 1, "亩"),
        ("造林30公顷。", "30公顷", K.AREA, 1, "公顷"),
        ("入驻企业47家。", "47家", K.COUNT, 1, "家"),
        ("新增市场主体236户。", "236户", K.COUNT, 1, "户"),
        ("培训职工8000余人次。", "8000余人次", K.COUNT, 1, "人次"),
        ("举办培训班3期。", "3期", K.COUNT, 1, "期"),
        ("吸纳就业2千余人。", "2千余人", K.COUNT, 1000, "人"),
        ("审批压缩至5个工作日。", "5个工作日", K.DURATION, 1, "个工作日"),
        ("建设工期18个月。", "18个月", K.DURATION, 1, "个月"),
        ("平均用时28天。", "28天", K.DURATION, 1, "天"),
        ("用3年时间建成。", "3年", K.DURATION, 1, "年"),
        ("研发投入占比2.8%。", "2.8%", K.PERCENT, 1, "%"),
        ("占比提高1.5个百分点。", "1.5个百分点", K.PERCENTAGE_POINTS, 1, "个百分点"),
        ("占比提高0.8百分点。", "0.8百分点", K.PERCENTAGE_POINTS, 1, "百分点"),
        ("产值增长2.5倍。", "2.5倍", K.OTHER, 1, "倍"),
        ("新建35千伏变电站。", "35千伏", K.OTHER, 1, "千伏"),
        ("储备项目97，", "97", K.OTHER, 1, ""),
        ("利用外资3萬", "3萬", K.OTHER, 10**4, ""),
        ("新增確權土地5畝。", "5畝", K.AREA, 1, "亩"),  # Traditional units come back Simplified
        ("占比提高1.2個百分點。", "1.2個百分點", K.PERCENTAGE_POINTS, 1, "个百分点"),
    ],
)
def test_units_give_kinds(text: str, written: str, kind: QuantityKind, magnitude: int, unit: str) -> None:
    q = one(text, written)
    assert (q.kind, q.magnitude, q.unit) == (kind, magnitude, unit)


def test_source_typo_percent_yuan_keeps_the_percent() -> None:
    text = "营业收入同比增长26.77%元。"
    q = one(text, "26.77%")
    assert q.kind is K.PERCENT and q.value == Decimal("26.77")
    assert texts(text) == ["26.77%"]  # the stray 元 is neither fixed nor a second figure


def test_unit_needs_a_space_at_most_one() -> None:
    q = one("完成投资 3.5 亿元", "3.5 亿元")
    assert q.kind is K.MONEY and q.normalized == Decimal("350000000")


def test_negative_growth() -> None:
    q = one("增速为-1.5%，", "-1.5%")
    assert q.value == Decimal("-1.5")
    assert one("型号ABS-3，", "3").kind is K.ORDINAL  # a hyphen after a word is not a sign


# --- ranges -----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "written", "low", "high", "magnitude", "unit"),
    [
        ("确保15—20家企业进驻。", "15—20家", "15", "20", 1, "家"),
        ("建成3-5家研发中心。", "3-5家", "3", "5", 1, "家"),
        ("推动3～5个项目投产。", "3～5个", "3", "5", 1, "个"),
        ("新引进15至20家企业。", "15至20家", "15", "20", 1, "家"),
        ("新增3到5家上市后备企业。", "3到5家", "3", "5", 1, "家"),
        ("签约8——10个项目。", "8——10个", "8", "10", 1, "个"),
        ("增长10%—15%。", "10%—15%", "10", "15", 1, "%"),
        ("单个项目投资5万-8万元。", "5万-8万元", "5", "8", 10**4, "元"),
        ("每户补贴5千-1万元。", "5千-1万元", "5", "10", 1000, "元"),  # high re-expressed in 千
        ("工期3-6个月。", "3-6个月", "3", "6", 1, "个月"),
    ],
)
def test_ranges_cover_both_ends(
    text: str, written: str, low: str, high: str, magnitude: int, unit: str
) -> None:
    q = one(text, written)
    assert q.value == Decimal(low) and q.high == Decimal(high)
    assert q.magnitude == magnitude and q.unit == unit
    assert q.normalized == Decimal(low) * magnitude


def test_month_span_is_a_period_not_a_range() -> None:
    q = one("1-6月，青禾经济开发区", "1-6月")
    assert q.kind is K.PERIOD and q.high is None and not q.is_figure


# --- hedges and modals ------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "written", "qualifiers"),
    [
        ("总投资约3.5亿元。", "约3.5亿元", ("约",)),
        ("协调解决诉求近80项。", "近80项", ("近",)),
        ("外贸额超3亿元。", "超3亿元", ("超",)),
        ("吸纳就业超过3000人。", "超过3000人", ("超过",)),
        ("引进人才逾200名。", "逾200名", ("逾",)),
        ("企业总数达47家。", "达47家", ("达",)),
        ("走访企业300余次。", "300余次", ("余",)),
        ("引进项目20多个。", "20多个", ("多",)),
        ("惠及群众3万余人。", "3万余人", ("余",)),
        ("增速保持6.2%以上。", "6.2%以上", ("以上",)),
        ("增长5%左右。", "5%左右", ("左右",)),
        ("能耗增幅控制在3%以内。", "3%以内", ("以内",)),
        ("负债率降到60%以下。", "60%以下", ("以下",)),
        ("招商推介不少于5次。", "不少于5次", ("不少于",)),
        ("研发投入不低于3%。", "不低于3%", ("不低于",)),
        ("用时不超过20天。", "不超过20天", ("不超过",)),
        ("出口額約5.6億美元。", "約5.6億美元", ("约",)),  # stored Simplified
        ("带动就业大约3000人。", "大约3000人", ("大约",)),
        ("入驻企业將近50家。", "將近50家", ("将近",)),
        ("每月至少2次。", "至少2次", ("至少",)),
        ("产值高达90亿元。", "高达90亿元", ("高达",)),
        ("储备项目不足10个。", "不足10个", ("不足",)),
        ("新签约项目18个。", "18个", ()),  # 签约 is not 约
        ("节约用地200亩。", "200亩", ()),
        ("下达资金5000万元。", "5000万元", ()),  # 下达 is not 达
    ],
)
def test_adjacent_hedges(text: str, written: str, qualifiers: tuple[str, ...]) -> None:
    assert one(text, written).qualifiers == qualifiers


@pytest.mark.parametrize(
    ("text", "written", "qualifiers"),
    [
        ("预计全年实现营收60亿元。", "60亿元", ("预计",)),
        ("力争引进项目10个以上。", "10个以上", ("力争", "以上")),
        ("确保规上工业总产值突破420亿元。", "420亿元", ("确保",)),
        ("年度计划投资97亿元。", "97亿元", ("计划",)),
        ("争取新签约项目5个。", "5个", ("争取",)),
        ("全年目标：营收100亿元。", "100亿元", ("目标",)),
        ("完成年度计划的55%。", "55%", ()),  # a completion rate is a fact
        ("为企业争取各类扶持资金3000万元。", "3000万元", ()),  # funds obtained, not a target
        ("形成目标企业清单150家。", "150家", ()),
        ("预计上半年，实现营收30亿元。", "30亿元", ()),  # a modal stays in its own clause
        ("力争营收增长10%，利润5亿元。", "5亿元", ()),
    ],
)
def test_clause_modals(text: str, written: str, qualifiers: tuple[str, ...]) -> None:
    assert one(text, written).qualifiers == qualifiers


# --- direction and comparison -----------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "written", "direction", "comparison"),
    [
        ("营收同比增长12.5%。", "12.5%", "up", "同比"),
        ("进出口总额同比下降4.2%。", "4.2%", "down", "同比"),
        ("占比比上年提高3个百分点。", "3个百分点", "up", "比上年"),
        ("增速较上年回落1.2个百分点。", "1.2个百分点", "down", "较上年"),
        ("产量环比提高了2.1%。", "2.1%", "up", "环比"),
        ("税收比上年同期增加1.6亿元。", "1.6亿元", "up", "比上年同期"),
        ("营收同比增5%。", "5%", "up", "同比"),
        ("能耗下降至3%。", "3%", None, None),  # fell to 3%: the level reached, not a change
        ("能耗同比下降3%。", "3%", "down", "同比"),
        ("營收同比增長8%。", "8%", "up", "同比"),
        ("新增市场主体236户。", "236户", None, None),  # 新增 is not a direction
        ("工业增加值92.7亿元。", "92.7亿元", None, None),
        ("开工率82.6%。", "82.6%", None, None),
    ],
)
def test_direction_and_comparison(
    text: str, written: str, direction: str | None, comparison: str | None
) -> None:
    q = one(text, written)
    assert (q.direction, q.comparison) == (direction, comparison)


def test_listed_rates_inherit_direction() -> None:
    text = "产值A项、利税B项，分别同比增长33.1%、47.5%；另两项分别增长6%、下降2%。"
    assert [q.direction for q in find_quantities(text)] == ["up", "up", "up", "down"]
    assert one(text, "47.5%").comparison == "同比"


# --- subjects ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "written", "subject"),
    [
        ("规上工业企业实现总产值188.4亿元。", "188.4亿元", "总产值"),
        ("完成固定资产投资24.7亿元。", "24.7亿元", "固定资产投资"),
        ("云岭数字产业园项目年内投资3亿元。", "3亿元", "云岭数字产业园项目年内投资"),
        ("全区新材料企业达到52家。", "52家", "全区新材料企业"),
        ("确保规上工业总产值突破420亿元。", "420亿元", "规上工业总产值"),
        ("其中亿元以上项目9个。", "9个", "亿元以上项目"),
        ("实现一般公共预算收入2.1亿元。", "2.1亿元", "一般公共预算收入"),  # 公共 is not 共
        ("查处违法行为3起。", "3起", "查处违法行为"),  # 行为 is not 为
        ("今年以来，已累计走访企业80余次。", "80余次", "企业"),
        ("开工率79.7%。", "79.7%", "开工率"),  # 开工 kept: 率 alone is no subject
        ("产值同比增长23.6%。", "23.6%", "产值"),
        ("“走出去”招商36次。", "36次", "“走出去”招商"),
        ("一是新签约项目12个。", "12个", "项目"),
        ("新建110千伏变电站1座。", "1座", "变电站"),  # stops at the previous quantity
    ],
)
def test_clause_subject(text: str, written: str, subject: str) -> None:
    q = one(text, written)
    assert (q.subject, q.subject_rule) == (subject, "clause")


@pytest.mark.parametrize(
    ("text", "written"),
    [
        ("确保3-5个项目年内投产。", "3-5个"),  # only a modal before it
        ("签约3家。", "3家"),
        ("，同比增长5%。", "5%"),  # a rate with nothing to attach to
        ("推动青禾经济开发区新材料产业园智能制造基地扩建工程投资3亿元。", "3亿元"),  # > 20 chars
        ("工业投资占比偏低，仅为41.3%。", "41.3%"),
    ],
)
def test_no_subject_rather_than_a_bad_one(text: str, written: str) -> None:
    q = one(text, written)
    assert q.subject is None and q.subject_rule is None


def test_respectively_maps_rates_in_order() -> None:
    text = (
        "前三季度，青禾经济开发区规上工业企业实现营业收入512.7亿元、利税41.2亿元、利润30.5亿元，"
        "分别同比增长21.4%、96.3%、158.0%。"
    )
    rates = [q for q in find_quantities(text) if q.kind is K.PERCENT]
    assert [(q.subject, q.subject_rule) for q in rates] == [
        ("营业收入", "respectively"),
        ("利税", "respectively"),
        ("利润", "respectively"),
    ]
    assert all(q.direction == "up" and q.comparison == "同比" for q in rates)


def test_respectively_with_comma_list_and_mixed_directions() -> None:
    text = "实现总产值40亿元，利税6亿元，分别同比增长11%、下降3%。"
    assert one(text, "11%").subject == "总产值"
    q = one(text, "3%")
    assert (q.subject, q.subject_rule, q.direction) == ("利税", "respectively", "down")


@pytest.mark.parametrize(
    "text",
    [
        "实现产值30亿元，分别增长5%、8%。",  # fewer indicators than rates
        "全区企业60家，实现产值20亿元、利税3亿元，分别增长5%、8%、9%。",  # 、-list of 2, rates 3
        "产值20亿元、利税3亿元、利润2亿元，分别增长5%、8%。",  # 、-list of 3, rates 2
        "规上工业总产值、利税分别增长5%、3%。",  # indicators named without figures
    ],
)
def test_respectively_never_guesses(text: str) -> None:
    rates = [q for q in find_quantities(text) if q.kind is K.PERCENT]
    assert len(rates) >= 2
    assert all(q.subject is None and q.subject_rule is None for q in rates)


def test_respectively_ignores_an_earlier_figure_outside_the_list() -> None:
    text = "全区企业60家，实现产值20亿元、利税3亿元，分别增长5%、8%。"
    assert [one(text, r).subject for r in ("5%", "8%")] == ["产值", "利税"]


def test_nearest_indicator_not_the_first() -> None:
    text = "完成固定资产投资24.7亿元，实现地方财政收入7315万元，同比增长58.36%。"
    q = one(text, "58.36%")
    assert (q.subject, q.subject_rule) == ("地方财政收入", "nearest")


def test_nearest_for_points_may_be_a_percent_but_not_for_percents() -> None:
    points = one("开工率82.6%，同比提高5.1个百分点。", "5.1个百分点")
    assert (points.subject, points.subject_rule) == ("开工率", "nearest")
    percent = one("完成投资25亿元，占年度计划的80.9%，同比增长12%。", "12%")
    assert (percent.subject, percent.subject_rule) == ("投资", "nearest")


def test_nearest_stays_in_its_sentence() -> None:
    q = one("实现营收20亿元。同比增长5%。", "5%")
    assert q.subject is None
    q = one("一是工业投资增速放缓，较上半年回落2.4个百分点。", "2.4个百分点")
    assert q.subject is None and q.direction == "down" and q.comparison == "较上半年"


def test_semicolon_does_not_end_the_sentence_for_nearest() -> None:
    q = one("实现利润5亿元；同比增长9%。", "9%")
    assert (q.subject, q.subject_rule) == ("利润", "nearest")


# --- never figures ----------------------------------------------------------------------------

NEVER_FIGURES = [
    ("2024年以来，开发区", "2024年", K.YEAR),
    ("2025年度工作要点", "2025年度", K.YEAR),
    ("2026届毕业生", "2026届", K.YEAR),
    ("发展年鉴 2024\n", "2024", K.YEAR),
    ("发展年鉴２０２５\n", "２０２５", K.YEAR),
    ("会议于2024-06-18召开", "2024-06-18", K.DATE),
    ("2023.11.02发布", "2023.11.02", K.DATE),
    ("发布时间：2017/3/9\n", "2017/3/9", K.DATE),
    ("2025-10-16 09:12:00\n来源", "2025-10-16 09:12:00", K.DATE),
    ("6月20日开工", "6月20日", K.DATE),
    ("7月份投产", "7月份", K.DATE),
    ("确保10月底完成", "10月底", K.DATE),
    ("2024年5月启动", "2024年5月", K.DATE),
    ("下午14:30开会", "14:30", K.DATE),
    ("于9时30分召开", "9时30分", K.DATE),
    ("于15日召开", "15日", K.DATE),
    ("1-9月，全区", "1-9月", K.PERIOD),
    ("1—6月份，全区", "1—6月份", K.PERIOD),
    ("2021-2025年规划", "2021-2025年", K.PERIOD),
    ("3季度工作", "3季度", K.PERIOD),
    ("Q3业绩", "Q3", K.PERIOD),
    ("H1营收", "H1", K.PERIOD),
    ("实施“456”工程", "“456”", K.SLOGAN),
    ('构建"369"产业格局', '"369"', K.SLOGAN),
    ("打造“2+4+N”体系", "“2+4+N”", K.SLOGAN),
    ("推进“5大行动”", "“5大行动”", K.SLOGAN),
    ("落实135工程", "135", K.SLOGAN),
    ("形成2+4+N格局", "2+4+N", K.SLOGAN),
    ("1. 主要指标", "1.", K.LIST_MARKER),
    ("总体良好。2、项目建设", "2、", K.LIST_MARKER),
    ("（3）招商引资", "（3）", K.LIST_MARKER),
    ("(4)营商环境", "(4)", K.LIST_MARKER),
    ("①产业发展", "①", K.LIST_MARKER),
    ("新闻热线：0571-88886666", "0571-88886666", K.PHONE),
    ("服务热线400-800-1234", "400-800-1234", K.PHONE),
    ("联系人手机13912345678", "13912345678", K.PHONE),
    ("举报电话：12345", "12345", K.PHONE),
    ("青ICP备20240001号", "ICP备20240001号", K.IDENTIFIER),
    ("青公网安备 63010202000321号", "公网安备 63010202000321号", K.IDENTIFIER),
    ("文档编号：987654321 上传", "987654321", K.IDENTIFIER),
    ("流水号123456789012，", "123456789012", K.IDENTIFIER),
    ("上传人：云2****客", "2", K.IDENTIFIER),
    ("第3期", "第3期", K.ORDINAL),
    ("第1页 / 共8页", "第1页", K.ORDINAL),
    ("第1页 / 共8页", "8页", K.ORDINAL),
    ("曙光3号路", "3号", K.ORDINAL),
    ("8号楼", "8号", K.ORDINAL),
    ("4.0版招商地图", "4.0版", K.ORDINAL),
    ("建成5G基站", "5G", K.ORDINAL),
    ("Built 5G.", "5G", K.ORDINAL),
    ("PM2.5浓度", "PM2.5", K.ORDINAL),
    ("世界500强企业", "500强", K.ORDINAL),
    ("通过ISO9001认证", "ISO9001", K.ORDINAL),
    ("按GB/T 9704-2012排版", "9704-2012", K.ORDINAL),
    ("页数：6 大小", "6", K.ORDINAL),
]


@pytest.mark.parametrize(("text", "written", "kind"), NEVER_FIGURES)
def test_never_figures(text: str, written: str, kind: QuantityKind) -> None:
    q = one(text, written)
    assert q.kind is kind
    assert not q.is_figure and q.normalized is None and q.subject is None


def test_never_figure_values() -> None:
    assert one("2024年以来", "2024年").value == Decimal(2024)
    assert one("第3期", "第3期").value == Decimal(3)
    assert one("（12）项目", "（12）").value == Decimal(12)
    assert one("实施“456”工程", "“456”").value is None


def test_advert_glued_to_a_date_splits_into_date_and_price() -> None:
    text = "2025.03.1846800元.产业研究"
    assert [(q.text, q.kind) for q in find_quantities(text)] == [
        ("2025.03.18", K.DATE),
        ("46800元", K.MONEY),
    ]


def test_decimal_at_line_start_is_not_a_list_marker() -> None:
    q = one("1.5亿元用于基础设施", "1.5亿元")
    assert q.kind is K.MONEY


def test_letters_that_are_units_are_not_model_codes() -> None:
    assert one("年产2GWh电池", "2GWh").kind is K.ENERGY
    assert one("新增产能1.5GWX", "1.5GWX").kind is K.ORDINAL  # the whole model code


def test_list_marker_only_at_a_line_start_or_after_a_sentence() -> None:
    q = one("签约项目3、", "3")
    assert q.kind is K.OTHER


# --- whole documents, spans, speed ------------------------------------------------------------


def test_invented_report_end_to_end() -> None:
    text = (DATA / "report_yunling.txt").read_text(encoding="utf-8")
    quantities = find_quantities(text)
    check_invariants(text, quantities)
    figures = {q.text: q for q in quantities if q.is_figure}
    # chrome and dates never reach the figures
    for chrome in ("1836", "2025年", "1-9月", "9月底", "0871-65558888", "“1+3+N”", "ICP备20259876号"):
        assert chrome not in figures
    assert {q.text for q in quantities if not q.is_figure} >= {"1836", "0871-65558888", "ICP备20259876号"}
    assert [figures[r].subject for r in ("11.8%", "9.6%", "14.3%")] == [
        "规上工业总产值",
        "工业增加值",
        "营业收入",
    ]
    assert figures["6.9%"].subject_rule == "nearest" and figures["6.9%"].subject == "一般公共预算收入"
    assert figures["3.7%"].subject == "进出口总额" and figures["3.7%"].direction == "down"
    assert figures["0.86亿美元"].normalized == Decimal("86000000")
    assert figures["12—15个"].high == Decimal(15)
    assert figures["10%左右"].qualifiers == ("力争", "左右")
    assert figures["420亿元"].qualifiers == ("确保",)
    assert figures["97亿元"].qualifiers == ("计划",)
    assert figures["78.5%"].qualifiers == ()
    assert figures["2.4个百分点"].subject is None


def test_spans_index_the_given_text_with_ascii_punctuation() -> None:
    text = "产值30亿元,同比增长8%;利润5亿元,同比下降3%.\n(2)项目: 新建厂房2.5万平方米"
    quantities = find_quantities(text)
    check_invariants(text, quantities)
    assert one(text, "8%").subject == "产值"
    assert one(text, "3%").subject == "利润" and one(text, "3%").direction == "down"
    assert one(text, "(2)").kind is K.LIST_MARKER


def test_deterministic() -> None:
    text = (DATA / "report_yunling.txt").read_text(encoding="utf-8")
    assert find_quantities(text) == find_quantities(text)


def test_long_unpunctuated_runs() -> None:
    # Speed is measured in bench/; this pins the result on the input that once backtracked.
    text = "实现" * 10_000 + "3亿元" + "同比增长5%、" * 2_000
    quantities = find_quantities(text)
    assert len(quantities) == 2_001


# --- properties -------------------------------------------------------------------------------

TOKENS = [
    *("实现", "完成", "总产值", "利税", "固定资产投资", "一般公共预算收入", "其中", "分别", "同比"),
    *("增长", "下降", "提高", "约", "近", "超过", "不少于", "余", "多", "以上", "左右", "以内"),
    *("预计", "力争", "确保", "计划", "目标", "为", "达到", "新增", "签约", "第", "号", "版", "页"),
    *("12", "3.5", "271.3", "1,234.5", "0", "2024", "2021", "13912345678", "123456789", "０８"),
    *("亿元", "万元", "萬", "億", "千", "千瓦", "千伏安", "万吨/年", "吨", "%", "％", "个百分点"),
    *("家", "个", "项", "次", "人", "亩", "平方公里", "GWh", "GW", "G", "Q", "年", "月", "日", "季度"),
    *("，", "。", "；", "、", "：", "（", "）", "(", ")", ",", ".", ":", "-", "—", "～", "至", "到"),
    *("“", "”", '"', "+", "N", "*", "\n", " ", "①", "ICP备", "公网安备 ", "热线：", "0571-", "编号："),
]
PROPERTY_SETTINGS = settings(max_examples=300, deadline=None)


@PROPERTY_SETTINGS
@given(st.text())
def test_property_any_text(text: str) -> None:
    check_invariants(text, find_quantities(text))


@PROPERTY_SETTINGS
@given(
    st.text(
        alphabet=st.sampled_from(
            list('0123456789０１.,，。；、%％-—～约近余多万亿千元家个年月日第号“”"（）\nQG+*')
        )
    )
)
def test_property_dense_digits_and_punctuation(text: str) -> None:
    check_invariants(text, find_quantities(text))


@PROPERTY_SETTINGS
@given(st.lists(st.sampled_from(TOKENS), max_size=60).map("".join))
def test_property_report_like_text(text: str) -> None:
    quantities = find_quantities(text)
    check_invariants(text, quantities)
    assert find_quantities(text) == quantities


@PROPERTY_SETTINGS
@given(
    st.sampled_from(["实现营收", "完成投资", "，", "新增", "其中"]),
    st.decimals(min_value=0, max_value=10**6, places=2, allow_nan=False, allow_infinity=False),
    st.sampled_from(["亿元", "万元", "元", "家", "%", "万吨/年", "个百分点"]),
)
def test_property_written_values_round_trip(prefix: str, value: Decimal, unit: str) -> None:
    text = f"{prefix}{value}{unit}。"
    quantities = [q for q in find_quantities(text) if q.is_figure]
    assert len(quantities) == 1
    q = quantities[0]
    assert q.value == value and q.text.endswith(unit)
    assert q.normalized == value * q.magnitude


# --- Chinese numerals: figures like any other, read exactly ----------------------------------------


@pytest.mark.parametrize(
    ("text", "written", "normalized", "unit", "kind"),
    [
        ("全年税收突破一百亿元。", "一百亿元", "10000000000", "元", K.MONEY),
        ("产值九百九十九亿元。", "九百九十九亿元", "99900000000", "元", K.MONEY),
        ("新签约项目十二个。", "十二个", "12", "个", K.COUNT),
        ("研发投入增长百分之八点五。", "百分之八点五", "8.5", "%", K.PERCENT),
        ("增速回落两个百分点。", "两个百分点", "2", "个百分点", K.PERCENTAGE_POINTS),
        ("增速提高零点五个百分点。", "零点五个百分点", "0.5", "个百分点", K.PERCENTAGE_POINTS),
        ("利润增长三成。", "三成", "30", "%", K.PERCENT),
        ("九成以上企业复工。", "九成以上", "90", "%", K.PERCENT),
        ("出口增长一倍。", "一倍", "1", "倍", K.OTHER),
        ("营收翻了一番。", "翻了一番", "1", "番", K.OTHER),
        ("总量翻两番。", "翻两番", "2", "番", K.OTHER),
        ("引进近百家企业。", "近百家", "100", "家", K.COUNT),
        ("落户百余家企业。", "百余家", "100", "家", K.COUNT),
        ("总投资一亿二千万元。", "一亿二千万元", "120000000", "元", K.MONEY),
        ("总投资五千万元。", "五千万元", "50000000", "元", K.MONEY),
        ("完成投资兩千萬元。", "兩千萬元", "20000000", "元", K.MONEY),  # raw Traditional
        ("工业投资超百亿元。", "超百亿元", "10000000000", "元", K.MONEY),
        ("千分之三的事故率。", "千分之三", "3", "‰", K.PERCENT),
        ("新增就业一万二千人。", "一万二千人", "12000", "人", K.COUNT),
    ],
)
def test_chinese_numeral_figures_are_read_exactly(
    text: str, written: str, normalized: str, unit: str, kind: K
) -> None:
    q = one(text, written)
    assert q.is_figure and q.kind is kind and q.unit == unit
    assert q.normalized == Decimal(normalized)
    assert text[q.span.start : q.span.end] == written


def test_mixed_forms_keep_their_arabic_reading() -> None:
    assert one("融资3千万元。", "3千万元").normalized == Decimal(30000000)
    assert one("总规模1.2万亿元。", "1.2万亿元").normalized == Decimal(1200000000000)


def test_chinese_numerals_carry_direction_hedges_and_subject_like_arabic_ones() -> None:
    q = one("进出口总额下降三成。", "三成")
    assert q.direction == "down" and q.subject == "进出口总额"
    assert one("规上工业产值增长百分之十以上。", "百分之十以上").qualifiers == ("以上",)
    assert one("力争引进企业二十家。", "二十家").qualifiers == ("力争",)


@pytest.mark.parametrize(
    "text",
    [
        "第十二届博览会", "“十四五”规划", "二期工程", "二类医疗器械", "汽车零部件", "开展二次招商",
        "引进一批项目", "打造一个中心", "一年来", "千家万户", "百家争鸣", "培育千亿级产业集群",
        "千万不能松懈", "推动四个一流", "一次性补助", "另两项指标", "一成不变", "“百亿园中园”",
        "一二三产业融合", "建成投产", "上半年", "一是", "前三季度", "落实“三个机制”要求", "做好“五个坚持”",
    ],
)  # fmt: skip
def test_chinese_numerals_in_words_and_names_are_not_figures(text: str) -> None:
    assert [q.text for q in find_quantities(text) if q.is_figure] == []


def test_a_year_in_chinese_numerals_is_a_year() -> None:
    assert one("二〇二五年工作要点", "二〇二五年").kind is K.YEAR


@PROPERTY_SETTINGS
@given(st.integers(min_value=2, max_value=99999), st.sampled_from(["家", "个", "项", "亿元", "万元", "人"]))
def test_property_chinese_numerals_round_trip(n: int, unit: str) -> None:
    import cn2an

    if unit in ("亿元", "万元"):
        n = n % 9999 + 1  # 一万万元 is not how anyone writes 一亿元
    text = f"共计{cn2an.an2cn(n)}{unit}。"
    (q,) = [q for q in find_quantities(text) if q.is_figure]
    assert q.normalized == n * (10**8 if unit == "亿元" else 10**4 if unit == "万元" else 1)
