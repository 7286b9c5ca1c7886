"""End to end over the shipped examples: the outline and figure table a user sees in `make demo`."""

from __future__ import annotations

import unicodedata
from decimal import Decimal

import pytest

from summarizer.core.models import Document, Quantity, QuantityKind, StandardPart
from summarizer.text.analyze import analyze_file

from .conftest import EXAMPLES

YUNLING = EXAMPLES / "yunling-hightech-2025q3-press-traditional.txt"
QINGHE = EXAMPLES / "qinghe-edz-2025h1-summary-wenku.txt"


@pytest.fixture(scope="module")
def yunling() -> Document:
    return analyze_file(YUNLING)


@pytest.fixture(scope="module")
def qinghe() -> Document:
    return analyze_file(QINGHE)


def figure(doc: Document, text: str) -> Quantity:
    matches = [q for q in doc.figures if q.text == text or q.text.endswith(text)]
    assert len(matches) == 1, f"{text}: {[q.text for q in doc.figures]}"
    return matches[0]


def outline(doc: Document) -> list[tuple[int, str, StandardPart | None]]:
    return [(n.level, f"{n.marker}{n.title}", n.label) for n in doc.outline.walk() if n.kind == "heading"]


def test_yunling_outline(yunling: Document) -> None:
    assert yunling.script == "traditional"
    assert outline(yunling) == [
        (1, "一、聚焦主导产业，构建“135”现代产业体系", None),
        (2, "（一）做强新能源装备产业", None),
        (2, "（二）培育生物医药产业", None),
        (1, "二、狠抓项目建设，夯实发展基础", None),
        (1, "三、优化营商环境，提升服务效能", None),
        (1, "四、存在问题", StandardPart.PROBLEMS),
        (1, "五、第四季度工作打算", StandardPart.NEXT_STEPS),
    ]


def test_yunling_respectively_list_and_nearest_indicator(yunling: Document) -> None:
    expected = {
        "386.5亿元": ("规模以上工业总产值", None),
        "92.7亿元": ("工业增加值", None),
        "512.3亿元": ("营业总收入", None),
        "12.4%": ("规模以上工业总产值", "respectively"),
        "9.8%": ("工业增加值", "respectively"),
        "15.1%": ("营业总收入", "respectively"),
        "64.2亿元": ("固定资产投资", None),
        "11.36亿元": ("一般公共预算收入", None),
        "7.5%": ("一般公共预算收入", "nearest"),  # not 固定资产投资: the nearest indicator wins
        "4.2%": ("进出口总额", None),
    }
    for text, (subject, rule) in expected.items():
        q = figure(yunling, text)
        assert q.subject == subject, text
        if rule is not None:
            assert q.subject_rule == rule, text
    rate = figure(yunling, "4.2%")
    assert (rate.kind, rate.direction, rate.comparison) == (QuantityKind.PERCENT, "down", "同比")
    assert figure(yunling, "12.4%").direction == "up"


def test_yunling_units_magnitudes_hedges_ranges(yunling: Document) -> None:
    output = figure(yunling, "386.5亿元")
    assert (output.kind, output.unit, output.magnitude) == (QuantityKind.MONEY, "元", 100_000_000)
    assert output.normalized == Decimal("38650000000")
    fdi = figure(yunling, "1.2亿美元")
    assert (fdi.unit, fdi.normalized) == ("美元", Decimal("120000000"))
    assert figure(yunling, "2GWh").kind == QuantityKind.ENERGY
    assert figure(yunling, "620亩").kind == QuantityKind.AREA
    assert figure(yunling, "3.2个百分点").kind == QuantityKind.PERCENTAGE_POINTS
    assert "余" in figure(yunling, "300余次").qualifiers
    assert "近" in figure(yunling, "近80项").qualifiers
    assert "约" in figure(yunling, "约420亿元").qualifiers
    assert "力争" in figure(yunling, "10%左右").qualifiers
    span = figure(yunling, "15—20个")
    assert (span.value, span.high, span.kind) == (Decimal(15), Decimal(20), QuantityKind.COUNT)
    assert "不少于" in figure(yunling, "不少于5次").qualifiers


def test_yunling_non_figures_and_chrome_numbers_stay_out(yunling: Document) -> None:
    texts = " ".join(q.text for q in yunling.figures)
    for noise in ("0871", "6123456", "29800", "12003456", "2025", "135"):
        assert noise not in texts, noise
    kinds = {q.text: q.kind for q in yunling.quantities}
    assert kinds.get("1-9月") == QuantityKind.PERIOD
    assert any(k == QuantityKind.SLOGAN for t, k in kinds.items() if "135" in t)


def test_every_figure_points_at_its_digits_in_the_traditional_original(yunling: Document) -> None:
    assert len(yunling.figures) >= 40
    for q in yunling.quantities:
        assert q.source is not None
        shown = unicodedata.normalize("NFKC", yunling.original[q.source.start : q.source.end])
        digits = "".join(ch for ch in q.text if ch.isdigit())
        assert digits and digits in "".join(ch for ch in shown if ch.isdigit()), (q.text, shown)
    assert yunling.original[figure(yunling, "512.3亿元").source.start :].startswith("512.3億元")  # type: ignore[union-attr]


def test_qinghe_document_site_summary(qinghe: Document) -> None:
    assert outline(qinghe) == [
        (1, "一、上半年工作开展情况", StandardPart.MAIN_WORK),
        (2, "（一）抓项目建设，夯实产业基础", None),
        (2, "（二）抓招商引资，增强发展后劲", None),
        (2, "（三）抓营商环境，提升服务水平", None),
        (2, "（四）抓安全生产，守牢底线", None),
        (1, "二、存在的问题", StandardPart.PROBLEMS),
        (1, "三、下半年工作打算", StandardPart.NEXT_STEPS),
        (2, "（一）全力冲刺年度目标", None),
        (2, "（二）加快项目建设", None),
        (2, "（三）深化精准招商", None),
    ]
    # the page-splice marker "2、" cut "完成主体" / "施工"; rejoined, it is not a figure
    assert "完成主体施工" in qinghe.cleaned
    assert "安全生产事故" in qinghe.cleaned  # "平\n\n3、安生产" rejoined and repaired
    assert figure(qinghe, "11.06%").subject == "一般公共预算收入"
    assert figure(qinghe, "21.5%").subject == "利税"
    assert not any(q.text in {"1、", "2、", "3、"} for q in qinghe.figures)
    assert any("同义词替换" in w for w in qinghe.warnings)
    assert "318204577" not in " ".join(q.text for q in qinghe.quantities)
