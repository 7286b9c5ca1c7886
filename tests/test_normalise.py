"""The shared matching rules: one text normaliser, one set of sentence ends, one period parser."""

from __future__ import annotations

import pytest

from summarizer.grounding.ground import names_match
from summarizer.outputs.compare import canonical_name
from summarizer.text.normalise import dedupe_key, name_key, nfkc, plain
from summarizer.text.periods import (
    PERIOD_WORD,
    Period,
    dated_period,
    leading_period,
    parse_period,
    period_months,
)
from summarizer.text.quantities import find_quantities
from summarizer.text.segment import (
    CLAUSE_BREAK,
    PIECE_ENDINGS,
    SEMICOLON_BREAK,
    SENTENCE_BREAK,
    SENTENCE_END,
    SENTENCE_STOPS,
    segment,
)

# --- text -----------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("written", "folded"),
    [
        ("１２．５％", "12.5%"),
        ("增长１２．５％", "增长12.5%"),
        ("，；：！？（）", ",;:!?()"),
        ("规上\u3000工业", "规上 工业"),
        ("。、“”《》【】—", "。、“”《》【】—"),  # no compatibility form: unchanged
    ],
)
def test_nfkc_folds_width_only(written: str, folded: str) -> None:
    assert nfkc(written) == folded


def test_full_width_and_ascii_spellings_have_one_plain_form() -> None:
    assert plain("地区生产总值（ＧＤＰ）") == plain("地区生产总值(GDP)") == "地区生产总值GDP"
    assert plain("（一）规模以上 工业，") == "一规模以上工业"
    assert plain("“三个一批”！") == plain("‘三个一批’?") == plain("【三个一批】") == "三个一批"


def test_plain_keeps_dashes_because_they_make_ranges() -> None:
    assert plain("1-9月") == "1-9月"
    assert plain("１－９月") == "1-9月"
    assert plain("1—9月") == "1—9月"


def test_name_key_writes_the_short_form() -> None:
    assert name_key("规模以上工业增加值（亿元）") == name_key("规上工业增加值亿元") == "规上工业增加值亿元"


def test_dedupe_key_also_ignores_dashes_and_case() -> None:
    assert dedupe_key("ＧＤＰ") == dedupe_key("gdp") == "gdp"
    assert dedupe_key("“一区—多园”") == dedupe_key("一区多园")
    assert dedupe_key("1-9月") == "19月"


def test_matchers_agree_on_width_and_punctuation() -> None:
    assert names_match("规模以上工业增加值（亿元）", "规上工业增加值")
    assert canonical_name("上半年规模以上工业企业总产值") == ("规上工业总产值", "上半年")
    assert canonical_name("１－９月，规上工业总产值") == canonical_name("1-9月规上工业总产值")


# --- sentences ------------------------------------------------------------------------------------


def _cuts(text: str) -> list[str]:
    return [m.group() for m in SENTENCE_BREAK.finditer(text)]


def test_every_boundary_is_built_from_the_same_stops() -> None:
    for stop in SENTENCE_STOPS:
        assert SENTENCE_END.fullmatch(stop)
        for pattern in (SENTENCE_BREAK, SEMICOLON_BREAK, CLAUSE_BREAK):
            assert pattern.fullmatch(stop)
    assert SENTENCE_BREAK.fullmatch("\n") and not SENTENCE_BREAK.fullmatch("；")
    assert SEMICOLON_BREAK.fullmatch("；") and not SEMICOLON_BREAK.fullmatch("，")
    assert CLAUSE_BREAK.fullmatch("，")


def test_segmenter_sentences_end_where_the_breaks_are() -> None:
    text = "产值增长5%！“三个一批”成效明显。利润增长3%；税收增长2%？"
    sentences = [text[n.span.start : n.span.end] for n in segment(text).walk() if n.kind == "sentence"]
    assert sentences == ["产值增长5%！", "“三个一批”成效明显。", "利润增长3%；税收增长2%？"]
    assert _cuts(text) == ["！", "。", "？"]
    assert [m.group() for m in SEMICOLON_BREAK.finditer(text)] == ["！", "。", "；", "？"]


def test_a_thousands_comma_ends_no_clause() -> None:
    assert not CLAUSE_BREAK.search("1,234")
    assert CLAUSE_BREAK.search("产值A,利税B")


def test_quantities_attribute_within_sentences_only() -> None:
    # a rate takes the amount of its own sentence, never one before a sentence stop
    def subject(text: str) -> str | None:
        return next(q for q in find_quantities(text) if q.kind == "percent").subject

    assert subject("完成产值100亿元，同比增长5%。") == "产值"
    assert subject("完成产值100亿元。同比增长5%。") is None
    assert subject("完成产值100亿元！同比增长5%。") is None


def test_piece_endings_are_full_width() -> None:
    assert "完成。".endswith(PIECE_ENDINGS) and "一是招商；".endswith(PIECE_ENDINGS)
    assert not "建设智慧园".endswith(PIECE_ENDINGS)


# --- periods --------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("written", "period"),
    [
        ("1-9月", Period(None, 1, 9)),
        ("1—9月", Period(None, 1, 9)),
        ("１－９月", Period(None, 1, 9)),
        ("1至9月份", Period(None, 1, 9)),
        ("前三季度", Period(None, 1, 9)),
        ("上半年", Period(None, 1, 6)),
        ("全年", Period(None, 1, 12)),
        ("2025年", Period(2025, 1, 12)),
        ("２０２５年上半年", Period(2025, 1, 6)),
        ("2025年第三季度", Period(2025, 7, 9)),
        ("截至9月底", Period(None, 1, 9)),
        ("近期", None),
    ],
)
def test_parse_period(written: str, period: Period | None) -> None:
    assert parse_period(written) == period


@pytest.mark.parametrize(
    "written", ["1-9月", "1—9月", "１－９月", "前三季度", "上半年", "全年", "2025年", "一季度"]
)
def test_strict_and_lenient_readings_agree_on_period_words(written: str) -> None:
    parsed = parse_period(written)
    assert parsed is not None and period_months(written) == parsed.months


def test_lenient_reading_finds_a_period_inside_a_phrase() -> None:
    assert parse_period("2025年上半年累计") is None
    assert period_months("2025年上半年累计") == 6


def test_period_words_in_running_text() -> None:
    text = "1-9月，全区实现产值；1 — 9 月份投资增长；上半年、前三季度、三季度和全年均有安排"
    assert PERIOD_WORD.findall(text) == ["1-9月", "1 — 9 月份", "上半年", "前三季度", "三季度", "全年"]
    assert not PERIOD_WORD.search("9月当月") and not PERIOD_WORD.search("年度计划")


@pytest.mark.parametrize(
    ("name", "split"),
    [
        ("上半年规上工业总产值", ("上半年", "规上工业总产值")),
        ("2025年1-9月固定资产投资", ("2025年1-9月", "固定资产投资")),
        ("年度税收", ("年度", "税收")),
        ("固定资产投资", ("", "固定资产投资")),
    ],
)
def test_leading_period(name: str, split: tuple[str, str]) -> None:
    assert leading_period(name) == split


@pytest.mark.parametrize(
    ("title", "period"),
    [
        ("青禾经济开发区2025年上半年工作总结", "2025年上半年"),
        ("××高新区2025年1—9月工作情况", "2025年1-9月"),
        ("××园区2025年1至9月份经济运行", "2025年1-9月"),
        ("××园区2025年度工作计划", "2025年"),
        ("××园区上半年工作总结", ""),  # no year: any year's 上半年
    ],
)
def test_dated_period_reads_titles(title: str, period: str) -> None:
    assert dated_period(title) == period
