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
