"""Indicator tables read as figures (text/tables.py): each value cell named by its row, its unit from
the 单位 column, the column header or the row's name, its period from its column, its 同比 from the
growth column."""

from __future__ import annotations

from summarizer.core.models import LoadedText
from summarizer.skeleton.build import build_skeleton, change_text
from summarizer.text.analyze import analyze_text


def facts(text: str) -> dict[str, tuple[str, str, str]]:
    """value as a reader writes it -> (name, period, its rates) for each figure of the report."""
    sk = build_skeleton(analyze_text(LoadedText(source="r.txt", format="text", text=text)))
    return {
        (f.value.shown or f.value.text): (f.subject, f.period, "，".join(change_text(c) for c in f.changes))
        for f in sk.facts
    }


def test_units_in_the_column_header_and_two_periods() -> None:
    found = facts(
        "桐川经开区2025年9月经济运行简况\n"
        "指标 | 9月（亿元） | 1-9月（亿元） | 同比增长（%）\n"
        "规上工业总产值 | 29.4 | 248.6 | 7.9\n"
    )
    assert found["29.4亿元"][:2] == ("规上工业总产值", "9月")
    assert found["248.6亿元"] == ("规上工业总产值", "1-9月", "同比增长7.9%")


def test_cells_that_write_their_own_units_keep_their_row_name() -> None:
    found = facts(
        "桐川经开区主要指标\n指标 | 完成值 | 增速\n固定资产投资 | 61.2亿元 | -3.4%\n新签约项目 | 29个 | 12%\n"
    )
    assert found["61.2亿元"] == ("固定资产投资", "", "同比下降3.4%")
    assert found["29个"][0] == "签约项目"


def test_a_growth_in_percentage_points_and_a_table_without_header() -> None:
    found = facts(
        "桐川经开区主要指标\n指标 | 单位 | 数值 | 比上年增减（百分点）\n研发投入强度 | % | 3.2 | 0.4\n"
    )
    assert found["3.2%"] == ("研发投入强度", "", "比上年增长0.4个百分点")
    # rows of numbers only, no header to name them by: left to the prose reading
    text = "桐川经开区\n产值 | 12亿元 | 34亿元\n税收 | 5亿元 | 7亿元\n"
    doc = analyze_text(LoadedText(source="r.txt", format="text", text=text))
    assert doc.figures and not any(q.column for q in doc.figures)
