"""Properties of the whole deterministic pipeline: spans in the original hold what they claim."""

from __future__ import annotations

import unicodedata

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from summarizer.core.models import LoadedText
from summarizer.text.analyze import analyze_text

# Pieces of report-like text in both scripts, with the noise clean has to remove or rewrite.
_PIECES = [
    "青禾经济开发区",
    "開發區",
    "實現規模以上工業總產值",
    "完成固定资产投资",
    "网(wǎng)讯",
    "業(yè)",
    "同比增长",
    "分别同比增长",
    "，",
    "。",
    ",",
    "(",
    ")",
    "、",
    "；",
    "\n",
    "\n\n2、",
    "一、",
    "（一）",
    "一是",
    "亿元",
    "億元",
    "万吨/年",
    "%",
    "％",
    "个百分点",
    "家",
    "约",
    "余",
    "1-9月",
    "2025年",
    "“123”工程",
    "来源：某某网",
    "编辑：王某",
    "平安生产",
    "高质量进展",
    "\u3000\u3000",
    "\u200b",
]
_NUMBERS = st.from_regex(r"[0-9０-９]{1,4}(\.[0-9]{1,2})?", fullmatch=True)
report_text = st.lists(st.one_of(st.sampled_from(_PIECES), _NUMBERS), max_size=60).map("".join)


def _digits(text: str) -> str:
    return "".join(ch for ch in unicodedata.normalize("NFKC", text) if ch.isdigit())


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(report_text)
def test_every_quantity_span_in_the_original_holds_its_digits(text: str) -> None:
    doc = analyze_text(LoadedText(source="t", format="text", text=text))
    for q in doc.quantities:
        assert q.source is not None
        assert 0 <= q.source.start < q.source.end <= len(text)
        assert _digits(q.text) in _digits(text[q.source.start : q.source.end])


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(report_text)
def test_every_section_span_lies_in_the_original(text: str) -> None:
    doc = analyze_text(LoadedText(source="t", format="text", text=text))
    for node in doc.outline.walk():
        assert node.source is not None
        assert 0 <= node.source.start <= node.source.end <= len(text)
    for change in doc.changes:
        assert 0 <= change.source.start <= change.source.end <= len(text)


@settings(max_examples=200, deadline=None)
@given(st.text(max_size=300))
def test_arbitrary_text_never_crashes(text: str) -> None:
    doc = analyze_text(LoadedText(source="t", format="text", text=text))
    assert len(doc.offsets) == len(doc.cleaned)
