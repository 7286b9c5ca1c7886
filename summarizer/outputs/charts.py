"""Charts for digests (and, later, memos): matplotlib `Figure`s without pyplot; PNG for .docx and
Markdown, SVG (text as paths, so the page needs no font) for HTML.

A chart is a rendered output like any other, so it keeps the same promise:
- it draws only the values it is given, and writes on each bar the text the caller passes (the
  figure exactly as the source writes it); the y axis carries no tick labels, because computed axis
  figures would read like facts from a report;
- every string drawn is returned in `Chart.texts`, for the caller's rendered-figure gate;
- Chinese renders in a font that has every glyph: the first system CJK font that covers all the
  chart's characters, else the Noto Sans CJK that the `cvttf-notosanscjk-regular` wheel ships. A
  missing glyph is raised as `ChartError`, never drawn as a tofu box.
"""

from __future__ import annotations

import io
import math
import warnings
from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal
from functools import lru_cache
from importlib import resources

import matplotlib
from matplotlib import font_manager
from matplotlib.axes import Axes
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure
from matplotlib.font_manager import FontProperties
from matplotlib.ft2font import FT2Font
from matplotlib.text import Text

from ..core.errors import SummarizerError

__all__ = [
    "Bar",
    "Chart",
    "ChartError",
    "FontChoice",
    "Series",
    "font_for",
    "growth_chart",
    "indicator_chart",
    "indicators_chart",
    "missing_glyphs",
    "status_chart",
]


class ChartError(SummarizerError):
    """A chart could not be drawn faithfully (a glyph no font has, nothing to draw)."""


@dataclass(frozen=True)
class Bar:
    label: str  # the category under the bar (a report)
    value: Decimal | float | int  # the height, in one unit for the whole series
    text: str  # written on the bar: the figure exactly as the source writes it


@dataclass(frozen=True)
class Series:
    name: str  # an indicator, or a project status in a stacked chart
    bars: tuple[Bar, ...]


@dataclass(frozen=True)
class Chart:
    png: bytes
    svg: str
    alt: str  # a sentence saying what the chart shows, with the written values
    texts: tuple[str, ...]  # every string drawn on it, for `ground.check_rendered`


# --- fonts -----------------------------------------------------------------------------------------

# Sans-serif CJK families in order of preference; Simplified forms first.
_PREFERRED = (
    "Noto Sans CJK SC", "Source Han Sans SC", "Source Han Sans CN", "Noto Sans SC",
    "Microsoft YaHei", "PingFang SC", "Hiragino Sans GB", "Heiti SC", "SimHei",
    "WenQuanYi Zen Hei", "WenQuanYi Micro Hei", "Sarasa Gothic SC", "Droid Sans Fallback",
    "Noto Sans CJK TC", "Source Han Sans TC", "Noto Sans CJK JP", "Noto Sans CJK KR",
)  # fmt: skip
_PACKAGE = "cvttf_NotoSansCJK_Regular"


@dataclass(frozen=True)
class FontChoice:
    name: str
    path: str
    face_index: int
    packaged: bool  # True: the wheel's Noto Sans CJK, addressed by file (a system copy may share its name)

    def properties(self, size: float) -> FontProperties:
        if self.packaged:
            return FontProperties(fname=self.path, size=size)
        return FontProperties(family=[self.name], size=size)


def _packaged_font() -> FontChoice | None:
    try:
        files = [f for f in resources.files(_PACKAGE).iterdir() if f.name.lower().endswith((".otf", ".ttf"))]
    except ModuleNotFoundError:
        return None
    if not files:
        return None
    path = str(files[0])
    font_manager.fontManager.addfont(path)
    return FontChoice(FontProperties(fname=path).get_name(), path, 0, packaged=True)


@lru_cache(maxsize=1)
def _candidates() -> tuple[FontChoice, ...]:
    """System CJK fonts matplotlib knows, resolved the way it will draw them, then the packaged one."""
    known = {entry.name for entry in font_manager.fontManager.ttflist}
    found: list[FontChoice] = []
    for name in _PREFERRED:
        if name not in known:
            continue
        try:
            path = font_manager.findfont(FontProperties(family=[name]), fallback_to_default=False)
        except ValueError:
            continue
        found.append(FontChoice(name, str(path), int(getattr(path, "face_index", 0)), packaged=False))
    packaged = _packaged_font()
    return (*found, packaged) if packaged else tuple(found)


@lru_cache(maxsize=8)
def _face(path: str, face_index: int) -> FT2Font:
    return FT2Font(path, face_index=face_index)


def missing_glyphs(choice: FontChoice, text: str) -> str:
    """The characters of `text` the font has no glyph for (whitespace needs none)."""
    face = _face(choice.path, choice.face_index)
    return "".join(sorted({ch for ch in text if not ch.isspace() and face.get_char_index(ord(ch)) == 0}))


@lru_cache(maxsize=64)
def _font_for(chars: frozenset[str]) -> FontChoice:
    text = "".join(sorted(chars))
    candidates = _candidates()
    for choice in candidates:
        if not missing_glyphs(choice, text):
            return choice
    if not candidates:
        raise ChartError(
            "找不到中文字体，无法绘图。请重新安装 summarizer（依赖 cvttf-notosanscjk-regular）。"
        )
    lacking = missing_glyphs(candidates[-1], text)
    raise ChartError(f"图中文字“{lacking}”在可用字体中都没有字形，图表未生成。")


def font_for(text: str) -> FontChoice:
    """The font to draw `text` with: cached per set of characters, so each chart costs one lookup."""
    return _font_for(frozenset(text))


# --- drawing ---------------------------------------------------------------------------------------

# Okabe–Ito: hues that stay apart for colour-blind readers and in greyscale print.
PALETTE = ("#0072B2", "#E69F00", "#009E73", "#CC79A7", "#D55E00", "#56B4E9", "#F0E442", "#666666")
# Stacked segments (project stages, in their order 在谈 → 投产): distinct hues too, never one blue ramp.
RAMP = ("#56B4E9", "#E69F00", "#009E73", "#F0E442", "#0072B2", "#D55E00", "#CC79A7", "#999999", "#000000")
_DPI = 150


def _wrap(label: str, width: int = 8) -> str:
    """Long names under a bar break every `width` characters (CJK has no spaces to break at)."""
    return "\n".join(label[i : i + width] for i in range(0, len(label), width)) or label


def _plain_axes(ax: Axes) -> None:
    ax.set_yticks([])  # no computed figures on the axis: bars carry the source's own text
    for side in ("left", "right", "top"):
        ax.spines[side].set_visible(False)
    ax.margins(y=0.22)


def _drawn_texts(fig: Figure) -> tuple[str, ...]:
    return tuple(
        t.get_text() for t in fig.findobj(Text) if isinstance(t, Text) and t.get_visible() and t.get_text()
    )


def _save(fig: Figure, alt: str) -> Chart:
    """PNG and SVG of the figure; a missing glyph anywhere is an error, not a box in a report."""
    FigureCanvasAgg(fig)
    png, svg = io.BytesIO(), io.BytesIO()
    try:  # text as paths: the HTML page needs no font; a fixed salt: the same chart, the same SVG
        with (
            warnings.catch_warnings(),
            matplotlib.rc_context({"svg.fonttype": "path", "svg.hashsalt": "summarizer"}),
        ):
            warnings.filterwarnings("error", message=r"Glyph .* missing from font", category=UserWarning)
            fig.savefig(png, format="png", dpi=_DPI, metadata={"Software": None})
            fig.savefig(svg, format="svg", metadata={"Date": None, "Creator": None, "Format": None})
    except UserWarning as exc:
        raise ChartError(f"图中有字体缺少的字形，图表未生成（{exc}）。") from None
    return Chart(png=png.getvalue(), svg=svg.getvalue().decode("utf-8"), alt=alt, texts=_drawn_texts(fig))


def _check(series: Sequence[Series]) -> None:
    if not series or not any(s.bars for s in series):
        raise ChartError("没有可绘制的数值。")
    for s in series:
        for bar in s.bars:
            if not math.isfinite(float(bar.value)):
                raise ChartError(f"“{s.name}”的数值无法绘制。")


def _all_text(title: str, series: Sequence[Series]) -> str:
    return title + "".join(s.name + "".join(b.label + b.text for b in s.bars) for s in series)


def _colours(labels: Sequence[str]) -> dict[str, str]:
    return {label: PALETTE[i % len(PALETTE)] for i, label in enumerate(labels)}


def _alt(kind: str, title: str, series: Sequence[Series]) -> str:
    parts = [
        "；".join(
            f"{s.name}：" + "、".join(f"{b.label}{b.text}".replace("\n", "") for b in s.bars) for s in series
        )
    ]
    return f"{kind}（{title}）：{parts[0]}。" if title else f"{kind}：{parts[0]}。"


def indicators_chart(series: Sequence[Series], *, title: str = "", categories: Sequence[str] = ()) -> Chart:
    """Small multiples: one panel per indicator, one bar per category (report), each panel on its own
    scale (its values share one unit; panels do not). `categories` fixes the colour of each report."""
    _check(series)
    font = font_for(_all_text(title, series))
    colours = _colours(categories or list(dict.fromkeys(b.label for s in series for b in s.bars)))
    cols = min(3, len(series))
    rows = -(-len(series) // cols)
    fig = Figure(figsize=(max(6.0, 3.4 * cols), 2.9 * rows + (0.4 if title else 0)), layout="constrained")
    for index, s in enumerate(series):
        ax = fig.add_subplot(rows, cols, index + 1)
        x = range(len(s.bars))
        bars = ax.bar(
            x, [float(b.value) for b in s.bars], color=[colours.get(b.label, PALETTE[0]) for b in s.bars]
        )
        ax.bar_label(bars, labels=[b.text for b in s.bars], padding=2, fontproperties=font.properties(9))
        ax.set_xticks(list(x), [_wrap(b.label) for b in s.bars], fontproperties=font.properties(8.5))
        ax.set_title(_wrap(s.name, 14), fontproperties=font.properties(10.5))
        _plain_axes(ax)
        if any(float(b.value) < 0 for b in s.bars):
            ax.axhline(0, color="#333", linewidth=0.8)
    if title:
        fig.suptitle(title, fontproperties=font.properties(12))
    return _save(fig, _alt("柱状图", title, series))


def indicator_chart(rows: Sequence[Bar], *, title: str = "") -> Chart:
    """One comparable series (same indicator, same unit, same period length) as labelled bars.

    For the briefing memo: `indicator_chart([Bar("2024年上半年", v1, "96.3亿元"), Bar(...)],
    title="规上工业总产值")`. Heights are the caller's normalised values; the text on each bar is
    what the source writes."""
    return indicators_chart([Series(title, tuple(rows))])


def growth_chart(series: Sequence[Series], *, title: str = "", categories: Sequence[str] = ()) -> Chart:
    """Grouped bars of rates around a zero line: one group per indicator, one bar per report.
    Values are signed percentages (下降 below zero); the text on each bar is the rate as written."""
    _check(series)
    labels = list(categories or dict.fromkeys(b.label for s in series for b in s.bars))
    font = font_for(_all_text(title, series) + "".join(labels))
    colours = _colours(labels)
    fig = Figure(figsize=(max(6.5, 1.1 * len(labels) * len(series) + 2.5), 3.2), layout="constrained")
    ax = fig.add_subplot()
    width = 0.8 / max(1, len(labels))
    for offset, label in enumerate(labels):
        points = [(i, b) for i, s in enumerate(series) for b in s.bars if b.label == label]
        if not points:
            continue
        xs = [i - 0.4 + width * (offset + 0.5) for i, _ in points]
        bars = ax.bar(
            xs, [float(b.value) for _, b in points], width * 0.92, color=colours[label], label=label
        )
        ax.bar_label(bars, labels=[b.text for _, b in points], padding=2, fontproperties=font.properties(8.5))
    ax.axhline(0, color="#333", linewidth=0.8)
    ax.set_xticks(range(len(series)), [_wrap(s.name, 10) for s in series], fontproperties=font.properties(9))
    _plain_axes(ax)
    ax.spines["bottom"].set_visible(False)  # the zero line is the baseline; rates may go below it
    ax.tick_params(axis="x", length=0)
    ax.legend(prop=font.properties(8.5), frameon=False, loc="upper left", bbox_to_anchor=(1.0, 1.0))
    if title:
        ax.set_title(title, fontproperties=font.properties(12))
    return _save(fig, _alt("增速柱状图", title, series))


def status_chart(stacks: Sequence[Series], *, title: str = "", categories: Sequence[str] = ()) -> Chart:
    """Stacked bars: one bar per category (report), one segment per series (a status). Values are
    counts; each segment's `text` is written inside it (callers pass Chinese numerals)."""
    _check(stacks)
    labels = list(categories or dict.fromkeys(b.label for s in stacks for b in s.bars))
    font = font_for(_all_text(title, stacks) + "".join(labels))
    fig = Figure(figsize=(max(6.5, 1.5 * len(labels) + 2.2), 3.2), layout="constrained")
    ax = fig.add_subplot()
    bottom = [0.0] * len(labels)
    for index, s in enumerate(stacks):
        by_label = {b.label: b for b in s.bars}
        heights = [float(by_label[label].value) if label in by_label else 0.0 for label in labels]
        colour = RAMP[index % len(RAMP)]
        bars = ax.bar(range(len(labels)), heights, 0.6, bottom=bottom, color=colour, label=s.name)
        ink = "white" if index % len(RAMP) in (3, 4, 5, 6) else "#222"  # legible on light and dark
        texts = [
            by_label[label].text if label in by_label and heights[i] else "" for i, label in enumerate(labels)
        ]
        ax.bar_label(bars, labels=texts, label_type="center", color=ink, fontproperties=font.properties(9))
        bottom = [b + h for b, h in zip(bottom, heights, strict=True)]
    ax.set_xticks(range(len(labels)), [_wrap(label) for label in labels], fontproperties=font.properties(9))
    _plain_axes(ax)
    ax.set_ylim(0, max(bottom) * 1.1)  # headroom under the title (stacks ignore the axes margin)
    ax.legend(prop=font.properties(8.5), frameon=False, loc="upper left", bbox_to_anchor=(1.0, 1.0))
    if title:
        ax.set_title(title, fontproperties=font.properties(12))
    return _save(fig, _alt("堆积柱状图", title, stacks))
