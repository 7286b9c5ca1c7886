from __future__ import annotations

from summarizer.text.clean import clean
from summarizer.text.unwrap import find_hard_wraps

WRAPPED = (
    "青禾经济开发区工作总结\n"
    "今年以来，开发区实现规上工业总产值386.5\n"
    "亿元，同比增长12.4%，完成固定资产投资\n"
    "19.6亿元。\n"
    "一、主要工作\n"
    "（一）抓项目。一是开工项目12个，竣工项\n"
    "目5个。\n"
    "指标 | 数值\n"
    "产值 | 86.4亿元\n"
)


def test_joins_lines_cut_inside_a_sentence() -> None:
    joined = [WRAPPED[e.start - 2 : e.start + 3] for e in find_hard_wraps(WRAPPED)]
    assert joined == [".5\n亿元", "投资\n19", "工项\n目5"]


def test_clean_rejoins_only_when_asked() -> None:
    assert "386.5亿元" in clean(WRAPPED, hard_wrapped=True).text
    assert "386.5亿元" not in clean(WRAPPED).text


def test_block_boundaries_survive() -> None:
    text = clean(WRAPPED, hard_wrapped=True).text
    lines = text.split("\n")
    assert lines[0] == "青禾经济开发区工作总结"  # a short title line is not glued to the body
    assert "一、主要工作" in lines and "（一）抓项目。一是开工项目12个，竣工项目5个。" in lines
    assert lines[-2:] == ["指标 | 数值", "产值 | 86.4亿元"]  # table rows stay rows


def test_a_figure_cut_by_the_wrap_is_joined_even_on_a_short_line() -> None:
    # the line before the cut is short (its annotations taken out), but no line ends on a bare number
    text = (
        "青禾经济开发区工作总结\n"
        "全年新引进医药企业5\n"
        "家，新增二类医疗器械注册证12个，建成3万平方米医药中试基地，开工项目12个。\n"
        "指标\n1-9月\n同比增长（%）\n新签约项目\n29\n12.0\n"
    )
    cleaned = clean(text, hard_wrapped=True).text
    assert "医药企业5家，" in cleaned
    # a table's cells, one a line in a PDF's text layer, are never glued into one number
    assert "\n29\n12.0" in cleaned and "2912" not in cleaned


def test_a_pinyin_annotation_cut_by_the_wrap_goes_with_the_wrap() -> None:
    text = "一、聚焦主导產(chǎn)業(yè),構建現代產(chǎn\n)業(yè)體系\n（一）做強新能源裝備產(chǎn)業(yè)。\n"
    cleaned = clean(text, hard_wrapped=True).text
    assert cleaned.startswith("一、聚焦主导产业，构建现代产业体系\n")


def test_an_item_that_a_wrap_puts_at_a_line_start_stays_in_its_paragraph() -> None:
    # each line fills the column; one ends a sentence at the edge, one ；: the items run on
    text = (
        "（二）项目建设。全年实施重点项目64个，总投资312亿元，年度计划投\n"
        "资92亿元。一是重大项目加快落地，一期厂房已经竣工，首条产线投产。\n"
        "二是项目服务持续优化，推行拿地即开工，审批时限压缩到30个工作日；\n"
        "三是要素保障有力有效，完成土地征收860亩，盘活低效用地。四是优化服务。\n"
        "推行拿地即开工，工业项目从拿地到开工平均用时压缩至21天，审批提速。\n"
        "（三）招商引资。全年新签约项目42个。\n"
    )
    lines = clean(text, hard_wrapped=True).text.split("\n")
    assert len(lines) == 2 and lines[1] == "（三）招商引资。全年新签约项目42个。"
    assert "首条产线投产。二是项目服务持续优化" in lines[0] and "30个工作日；三是要素保障" in lines[0]
    assert "四是优化服务。推行拿地即开工" in lines[0]  # an item's title heads its body
