"""Charts: real PNG and SVG, Chinese in a font that has every glyph, only the caller's text drawn."""

from __future__ import annotations

import io
import xml.etree.ElementTree as ET
from collections.abc import Iterator
from decimal import Decimal
from pathlib import Path

import pytest
from matplotlib.figure import Figure
from PIL import Image

from summarizer.outputs import charts
from summarizer.outputs.charts import (
    Bar,
    ChartError,
    Series,
    font_for,
    growth_chart,
    indicator_chart,
    indicators_chart,
    missing_glyphs,
    status_chart,
)

ZONES = ("白鹭经济开发区", "松岭高新技术产业开发区", "云溪经济开发区")
OUTPUT = Series(
    "规上工业总产值",
    (
        Bar(ZONES[0], Decimal("12860000000"), "128.6亿元"),
        Bar(ZONES[1], Decimal("9630000000"), "96.3亿元"),
        Bar(ZONES[2], Decimal("865000000"), "86500万元"),
    ),
)
GROWTH = Series(
    "规上工业总产值",
    (Bar(ZONES[0], Decimal("12.4"), "增长12.4%"), Bar(ZONES[2], Decimal("-3.2"), "下降3.2%")),
)


def _given(*series: Series, title: str = "") -> set[str]:
    return {title, *(s.name for s in series), *(t for s in series for b in s.bars for t in (b.label, b.text))}


@pytest.fixture
def no_system_cjk_font(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """A machine without any CJK system font: only the packaged Noto Sans CJK is left."""
    monkeypatch.setattr(charts, "_PREFERRED", ())
    charts._candidates.cache_clear()
    charts._font_for.cache_clear()
    yield
    charts._candidates.cache_clear()
    charts._font_for.cache_clear()


def test_png_and_svg_are_real_images() -> None:
    chart = indicators_chart([OUTPUT], title="共同指标对比", categories=ZONES)
    with Image.open(io.BytesIO(chart.png)) as image:
        assert image.format == "PNG"
        width, height = image.size
    assert 600 <= width <= 3000 and 300 <= height <= 2000
    root = ET.fromstring(chart.svg)
    assert root.tag == "{http://www.w3.org/2000/svg}svg"
    assert not root.findall(".//{http://www.w3.org/2000/svg}text")  # text as paths: no font needed
    assert "<dc:date>" not in chart.svg and "Matplotlib v" not in chart.svg  # no metadata figures


def test_the_chosen_font_covers_every_label_character() -> None:
    chart = growth_chart([GROWTH], title="同比增速", categories=ZONES)
    drawn = "".join(chart.texts)
    assert "下降3.2%" in drawn and "云溪经济开发区" in drawn
    assert missing_glyphs(font_for(drawn), drawn) == ""
    assert font_for(drawn) is font_for(drawn)  # chosen once per set of characters


def test_the_packaged_font_is_used_when_the_system_has_none(no_system_cjk_font: None) -> None:
    text = "".join(_given(OUTPUT, GROWTH, title="重点项目进度在谈签约开工在建竣工投产达产"))
    choice = font_for(text)
    assert choice.packaged and Path(choice.path).name == "NotoSansCJKtc-Regular.otf"
    assert missing_glyphs(choice, text) == ""
    chart = indicators_chart([OUTPUT], title="共同指标对比")  # draws without a missing-glyph warning
    assert chart.png.startswith(b"\x89PNG")


def test_a_missing_glyph_is_an_error_and_never_a_tofu_box() -> None:
    fig = Figure()
    fig.add_subplot().set_title("规上工业总产值", family="DejaVu Sans")  # a font without CJK glyphs
    with pytest.raises(UserWarning, match="missing from font"):  # pytest: filterwarnings = error
        fig.savefig(io.BytesIO(), format="png")
    with pytest.raises(ChartError, match="字形"):  # and outside pytest, charts.py raises it itself
        charts._save(fig, "")


def test_only_the_given_text_is_drawn_no_axis_figures() -> None:
    stacks = [Series("在建", (Bar(ZONES[0], 2, "二项"),)), Series("投产", (Bar(ZONES[1], 1, "一项"),))]
    for chart, given in (
        (indicators_chart([OUTPUT], title="共同指标对比"), _given(OUTPUT, title="共同指标对比")),
        (growth_chart([GROWTH], categories=ZONES), _given(GROWTH) | set(ZONES)),
        (status_chart(stacks, categories=ZONES), _given(*stacks) | set(ZONES)),
    ):
        assert {t.replace("\n", "") for t in chart.texts} <= given
        assert {"128.6亿元", "增长12.4%", "二项"} & {t.replace("\n", "") for t in chart.texts}


def test_indicator_chart_for_one_comparable_series() -> None:
    rows = [Bar("2024年上半年", Decimal("9630000000"), "96.3亿元"), Bar("2025年上半年", 128.6e8, "128.6亿元")]
    chart = indicator_chart(rows, title="规上工业总产值")
    assert {"规上工业总产值", "96.3亿元", "128.6亿元"} <= set(chart.texts)
    assert chart.alt == "柱状图：规上工业总产值：2024年上半年96.3亿元、2025年上半年128.6亿元。"


def test_source_text_in_labels_cannot_become_markup_in_the_svg() -> None:
    chart = indicator_chart(
        [Bar("<script>alert(1)</script>", 1, "1个"), Bar("乙 --> 丙", 2, "2个")], title="x"
    )
    assert "<script" not in chart.svg
    ET.fromstring(chart.svg)  # still well-formed XML


def test_nothing_to_draw_is_an_error() -> None:
    with pytest.raises(ChartError):
        indicators_chart([])
    with pytest.raises(ChartError):
        indicator_chart([Bar("甲", float("nan"), "—")])
