"""Text items are verified by meaning, not by word overlap: pairs from the genre."""

from __future__ import annotations

import pytest

from summarizer.core.models import LoadedText
from summarizer.core.summary import DocumentMeta, GroundingStatus, Summary, TextItem
from summarizer.grounding.ground import ground
from summarizer.skeleton.claims import disagreement
from summarizer.text.analyze import analyze_text

SOURCE = (
    "金溪高新区2025年上半年工作总结\n"
    "二、存在问题\n"
    "一是科技创新能力偏弱，研发投入不足；二是土地指标紧张，闲置土地正在盘活；"
    "三是进出口总额下降3.5%；四是工业投资占比低于全市平均水平；五是金溪大道项目尚未开工建设。\n"
)


@pytest.mark.parametrize(
    ("written", "source", "why"),
    [
        ("科技创新能力不弱", "科技创新能力偏弱", "不弱"),  # negation added
        ("土地指标并不紧张", "土地指标紧张", "不紧"),
        ("金溪大道项目开工建设", "金溪大道项目尚未开工建设", "尚未开工"),  # negation dropped
        ("闲置土地已全部盘活", "闲置土地正在盘活", "已"),  # status: done vs under way
        ("进出口总额增长", "进出口总额下降3.5%", "增长"),  # direction
        ("工业投资占比高于全市平均", "工业投资占比低于全市平均水平", "高于"),  # comparison
        ("研发投入充足", "研发投入不足", "充足"),  # degree
    ],
)
def test_reversed_meanings_disagree_and_say_why(written: str, source: str, why: str) -> None:
    assert why in disagreement(written, source)


@pytest.mark.parametrize(
    ("written", "source"),
    [
        ("科技创新能力偏弱", "一是科技创新能力偏弱，研发投入不足"),
        ("土地指标紧张", "二是土地指标紧张，闲置土地正在盘活"),
        ("金溪大道项目尚未开工", "五是金溪大道项目尚未开工建设"),
        ("进出口总额下降", "三是进出口总额下降3.5%"),
        ("谋划未来产业布局", "加快谋划未来产业布局"),  # 未来 is no negation
        ("推动企业不断创新", "推动企业不断创新发展"),
        ("完成固定资产投资", "完成固定资产投资19.6亿元，增长8%"),
    ],
)
def test_faithful_condensations_agree(written: str, source: str) -> None:
    assert disagreement(written, source) == ""


def test_a_reversed_problem_is_never_verified_by_overlap() -> None:
    doc = analyze_text(LoadedText(source="r.txt", format="text", text=SOURCE))
    items = ["科技创新能力不弱", "土地指标并不紧张，闲置土地已全部盘活", "科技创新能力偏弱", "开工建设"]
    summary = Summary(
        source="r.txt", meta=DocumentMeta(doc_type="summary"), problems=[TextItem(text=t) for t in items]
    )
    findings = [f for f in ground(summary, doc).findings if f.field == "text"]
    assert [f.status for f in findings] == [
        GroundingStatus.TEXT_NOT_FOUND,
        GroundingStatus.TEXT_NOT_FOUND,
        GroundingStatus.VERIFIED,
        GroundingStatus.TEXT_NOT_FOUND,
    ]
    assert findings[0].match.startswith("meaning(") and "不弱" in findings[0].note
    assert findings[3].match == "meaning(exact)"  # a quote that cut off 尚未


def test_a_condensed_problem_that_drops_still_to_be_done_is_not_verified() -> None:
    source = "产业结构仍需优化，新材料产业占规上工业总产值比重达到46.2%，产业单一风险上升"
    assert "仍需" in disagreement("产业结构优化，新材料产业占规上工业总产值比重达到46.2%", source)
    assert disagreement("产业结构仍需优化", source) == ""
