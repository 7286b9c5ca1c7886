"""Tests for summarizer.text.clean and its rule modules (chrome, synonyms).

Every fixture under tests/data/clean is an invented document (青禾经济开发区, 云岭高新区, 松川产业园) that
reproduces one noise phenomenon of scraped reports; `NAME.expected.txt` is the cleaned text we want.
Fixtures without an expected file are negative cases that cleaning must leave as they are.
"""

from __future__ import annotations

import re
import unicodedata
from pathlib import Path

import opencc
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from summarizer.core.models import Change, ChangeKind
from summarizer.text import synonyms
from summarizer.text.clean import CleanResult, clean, detect_script

from .conftest import EXAMPLES

DATA = Path(__file__).parent / "data" / "clean"

EXPECTED = sorted(p.name.removesuffix(".expected.txt") for p in DATA.glob("*.expected.txt"))
UNCHANGED = ["numbered_list", "numbered_targets", "lead_in_prose", "synonym_clean", "synonym_legit"]
ALL_FIXTURES = sorted(p.stem for p in DATA.glob("*.txt") if not p.name.endswith(".expected.txt"))

# Kinds that delete text; a second pass over cleaned text must find none of them.
REMOVALS = {
    ChangeKind.CHROME,
    ChangeKind.TRAILING_BLOCK,
    ChangeKind.SPLICE_MARKER,
    ChangeKind.PINYIN,
    ChangeKind.CONTROL,
}
QUOTES = {"「": "“", "」": "”", "『": "‘", "』": "’"}
T2S = opencc.OpenCC("tw2s")
PHRASE_ONLY = {("著", "着")}  # converted by phrase (著力 -> 着力), not as a single char
REPAIRED_CHARS = {
    (a, b) for wrong, right in synonyms._REPAIRS.items() for a, b in zip(wrong, right, strict=True) if a != b
}


def load(name: str) -> str:
    return (DATA / f"{name}.txt").read_text(encoding="utf-8")


def expected(name: str) -> str:
    return (DATA / f"{name}.expected.txt").read_text(encoding="utf-8").rstrip("\n")


def of_kind(result: CleanResult, kind: ChangeKind) -> list[Change]:
    return [c for c in result.changes if c.kind is kind]


def source_of(result: CleanResult, original: str, needle: str) -> str:
    """The original text behind the first occurrence of `needle` in the cleaned text."""
    at = result.text.index(needle)
    span = result.offsets.to_original(at, at + len(needle))
    return original[span.start : span.end]


def check_invariants(original: str, result: CleanResult) -> None:
    text, offsets = result.text, result.offsets
    assert len(offsets) == len(text)
    assert offsets.original_length == len(original)
    converted = [False] * len(original)  # positions Traditional -> Simplified rewrote
    repaired = [False] * len(original)  # positions a synonym repair rewrote
    folded: dict[int, str] = {}  # a radical code point (⻥) folded to its ideograph (鱼): position -> it
    for change in result.changes:
        start, end = change.source.start, change.source.end
        assert 0 <= start <= end <= len(original), change
        if change.kind in REMOVALS:
            assert change.after == ""
        if change.kind is ChangeKind.SCRIPT:
            converted[start:end] = [True] * (end - start)
        if change.kind is ChangeKind.SYNONYM_REPAIR:
            repaired[start:end] = [True] * (end - start)
        if change.kind is ChangeKind.RADICAL and end - start == 1:
            folded[start] = change.after
    for i, ch in enumerate(text):
        start, end = offsets.starts[i], offsets.ends[i]
        assert 0 <= start < end <= len(original), (i, ch, start, end)
        if i:  # cleaning never reorders the original
            assert offsets.starts[i - 1] <= start and offsets.ends[i - 1] <= end, i
        if end - start != 1:
            continue
        source = original[start]
        if ch.isascii() and ch.isdigit():
            assert unicodedata.normalize("NFKC", source) == ch, (i, source, ch)
        assert (
            source == ch
            or unicodedata.normalize("NFKC", source) == unicodedata.normalize("NFKC", ch)  # width
            or QUOTES.get(source) == ch
            or (ch == " " and source.isspace())
            or (converted[start] and (T2S.convert(source) == ch or (source, ch) in PHRASE_ONLY))
            # a Kangxi radical folded to its character, then that character converted (⿌ -> 黽 -> 黾)
            or (converted[start] and T2S.convert(unicodedata.normalize("NFKC", source)) == ch)
            or (repaired[start] and (source, ch) in REPAIRED_CHARS)
            or folded.get(start) == ch
            or (converted[start] and T2S.convert(folded.get(start, "")) == ch)
        ), (i, source, ch)


def assert_stable(result: CleanResult, *, same_text: bool = True) -> None:
    """Cleaning the cleaned text again removes nothing (and, for real documents, changes nothing).

    Generated text may flip script detection: a lone Traditional char among chrome lines is below
    the threshold, but alone after the chrome is gone it is not, so there only removals are checked.
    """
    again = clean(result.text)
    assert [c for c in again.changes if c.kind in REMOVALS] == []
    if same_text:
        assert again.text == result.text


# --- every fixture ---------------------------------------------------------------------------------


def test_fixture_lists_are_complete() -> None:
    assert len(ALL_FIXTURES) >= 18
    assert set(EXPECTED) | set(UNCHANGED) == set(ALL_FIXTURES)


@pytest.mark.parametrize("name", EXPECTED)
def test_fixture_cleans_to_expected_text(name: str) -> None:
    assert clean(load(name)).text == expected(name)


@pytest.mark.parametrize("name", UNCHANGED)
def test_negative_fixture_is_left_as_is(name: str) -> None:
    original = load(name)
    result = clean(original)
    assert result.text == original.rstrip("\n")
    assert [c.kind for c in result.changes] == [ChangeKind.WHITESPACE]  # the final newline only
    assert result.warnings == []


@pytest.mark.parametrize("name", ALL_FIXTURES)
def test_fixture_invariants_and_stability(name: str) -> None:
    original = load(name)
    result = clean(original)
    check_invariants(original, result)
    assert_stable(result)


@pytest.mark.parametrize("path", sorted(EXAMPLES.glob("*.txt")), ids=lambda p: p.stem)
def test_example_invariants_and_stability(path: Path) -> None:
    original = path.read_text(encoding="utf-8")
    result = clean(original)
    check_invariants(original, result)
    assert_stable(result)


# --- (1) news page chrome --------------------------------------------------------------------------


def test_news_chrome_lines_are_removed_with_reasons() -> None:
    original = load("news_chrome")
    result = clean(original)
    for gone in (
        "当前位置",
        "浏览次数",
        "来源",
        "记者",
        "编辑",
        "版权声明",
        "0571-8800123",
        "ICP",
        "公网安备",
    ):
        assert gone not in result.text, gone
    chrome = of_kind(result, ChangeKind.CHROME)
    notes = {c.note for c in chrome}
    assert {"重复的标题", "新闻电头", "来源/作者/发布信息", "网页或文库页面元素"} <= notes
    lead = next(c for c in chrome if c.note == "新闻电头")
    assert lead.before == "青禾网3月5日讯（记者 王晓禾 通讯员 李松涛）"
    assert original[lead.source.start : lead.source.end] == lead.before
    [trailing] = of_kind(result, ChangeKind.TRAILING_BLOCK)
    assert trailing.before.startswith("编辑：赵青\n责任编辑：孙禾\n实习编辑：钱小松\n版权声明")
    assert trailing.source.end == len(original)
    assert result.text.startswith("青禾经济开发区一季度重点项目集中开工\n3月4日，")


def test_news_body_maps_back_to_the_original() -> None:
    original = load("news_chrome")
    result = clean(original)
    assert source_of(result, original, "总投资46.8亿元") == "总投资46.8亿元"


@pytest.mark.parametrize(
    "line",
    [
        "　　青禾网3月5日讯（记者 王晓禾）近日，开发区召开项目推进会。",
        "青禾日报3月5日讯 近日，开发区召开项目推进会。",
        "新华社青禾3月5日电 近日，开发区召开项目推进会。",
        "（记者 王晓禾）近日，开发区召开项目推进会。",
    ],
)
def test_news_lead_in_goes_and_the_sentence_stays(line: str) -> None:
    result = clean(f"青禾开发区简讯\n{line}\n")
    assert result.text == "青禾开发区简讯\n近日，开发区召开项目推进会。"


def test_title_repeated_under_a_dateline_is_removed() -> None:
    title = "云岭高新区新签约项目8个"
    original = f"2025-03-05 10:20:00\n{title}\n来源：云岭网\n{title}\n新签约项目8个，总投资32.5亿元。\n"
    result = clean(original)
    assert result.text == "云岭高新区新签约项目8个\n新签约项目8个，总投资32.5亿元。"
    assert [c.note for c in of_kind(result, ChangeKind.CHROME)].count("重复的标题") == 1


def test_lead_in_followed_only_by_chrome_takes_the_whole_line() -> None:
    result = clean("青禾开发区简讯\n青禾网讯 来源：青禾日报\n开发区新签约项目3个。\n")
    assert result.text == "青禾开发区简讯\n开发区新签约项目3个。"


def test_ascii_punctuated_news_page() -> None:
    lead = "云岭网6月1日讯(记者 林小云)"
    original = f"2025-06-01 08:15:00\n来源:云岭网\n{lead}云岭高新区新增规上企业5家。\n编辑:周云\n"
    result = clean(original)
    assert result.text == "云岭高新区新增规上企业5家。"


# --- (2) trailing related-articles and adverts -----------------------------------------------------


def test_trailing_adverts_after_a_short_article_are_removed() -> None:
    original = load("trailing_adverts")
    result = clean(original)
    assert "29800元" not in result.text and "19800元" not in result.text and "相关推荐" not in result.text
    assert "32.5亿元" in result.text
    [block] = of_kind(result, ChangeKind.TRAILING_BLOCK)
    removed = original[block.source.start : block.source.end]
    assert removed.startswith("编辑:周云\n相关推荐\n") and "29800元/套" in removed
    assert block.source.end == len(original)


def test_source_line_under_a_long_header_never_cuts_the_article() -> None:
    header = "\n".join(CHROME_LINES[:10])  # the 来源 line sits past the middle of the raw page
    original = f"松川产业园简讯\n{header}\n来源：松川网\n松川产业园新签约项目3个，总投资12亿元。\n"
    assert original.index("来源：松川网") > len(original) // 2
    result = clean(original)
    assert result.text == "松川产业园简讯\n松川产业园新签约项目3个，总投资12亿元。"
    assert of_kind(result, ChangeKind.TRAILING_BLOCK) == []


def test_source_line_closes_an_article_in_its_second_half() -> None:
    # By design a 来源/编辑 line in the second half ends the article even when a line after it ends
    # like prose: the blurbs under related links often do.
    original = "松川产业园简讯\n松川产业园新签约项目3个。\n来源：松川网\n推荐阅读：松川产业园招商手册。\n"
    result = clean(original)
    assert result.text == "松川产业园简讯\n松川产业园新签约项目3个。"


def test_trailing_block_found_before_a_long_header_is_removed() -> None:
    # The marker sits in the second half of the raw page but in the first half once the header is gone.
    result = clean(load("wenku_short_body"))
    assert len(of_kind(result, ChangeKind.TRAILING_BLOCK)) == 1
    assert "本文档" not in result.text


# --- (3) document-site chrome ----------------------------------------------------------------------


def test_document_site_chrome_is_removed() -> None:
    original = load("wenku_chrome")
    result = clean(original)
    for gone in (
        "上传人",
        "文档编号",
        "第1页",
        "共6页",
        "该文档",
        "资源描述",
        "由会员分享",
        "展开阅读全文",
        "相关资源",
    ):
        assert gone not in result.text, gone
    notes = [c.note for c in of_kind(result, ChangeKind.CHROME)]
    assert notes.count("文库页面元素") == 2  # 亲，该文档… and 《…》由会员分享…
    assert "导航菜单" in notes
    assert of_kind(result, ChangeKind.TRAILING_BLOCK)[0].before.startswith("展开阅读全文\n相关资源")


# --- (4) page-splice markers -----------------------------------------------------------------------


def test_splice_markers_are_removed_and_cut_words_rejoined() -> None:
    original = load("splice_markers")
    result = clean(original)
    assert "“党工委（管委会）+平台公司”" in result.text
    assert "总投资206.5亿元" in result.text
    assert not re.search(r"(?m)^\d+、", result.text)
    markers = of_kind(result, ChangeKind.SPLICE_MARKER)
    assert [c.before for c in markers] == ["1、", "\n\n2、", "\n\n3、"]
    assert [c.note for c in markers] == ["分页拼接标记“1、”", "分页拼接标记“2、”", "分页拼接标记“3、”"]
    assert source_of(result, original, "党工委") == "党\n\n2、工委"
    assert source_of(result, original, "206.5") == "2\n\n3、06.5"


def test_genuine_short_list_before_the_pages_keeps_its_numbers() -> None:
    result = clean(load("splice_after_list"))
    assert "\n1、抓项目。\n2、抓招商。\n3、抓服务。\n4、抓党建。\n" in result.text
    assert "党工委" in result.text
    assert len(of_kind(result, ChangeKind.SPLICE_MARKER)) == 3


@pytest.mark.parametrize("name", ["numbered_list", "numbered_targets"])
def test_genuine_numbered_lists_are_not_splices(name: str) -> None:
    result = clean(load(name))
    assert of_kind(result, ChangeKind.SPLICE_MARKER) == []
    assert re.search(r"(?m)^1、.*\n2、", result.text)


# --- (5) pinyin annotations ------------------------------------------------------------------------


def test_pinyin_annotations_are_removed() -> None:
    original = load("pinyin_traditional")
    result = clean(original)
    assert not re.search(r"[(（][a-zāáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜ]+[)）]", result.text)
    pinyin = of_kind(result, ChangeKind.PINYIN)
    assert len(pinyin) == original.count("(") - 1  # every annotation but the reporter credit
    assert {c.note for c in pinyin} == {"拼音注音"}
    assert all(re.fullmatch(r"\([a-zāáǎàēéěèīíǐìōóǒòūúǔùü]+\)", c.before) for c in pinyin)
    assert source_of(result, original, "着力") == "著(zhù)力"
    assert source_of(result, original, "园区着力") == "園區(qū)著(zhù)力"


def test_bracketed_abbreviations_and_list_markers_are_not_pinyin() -> None:
    result = clean(load("pinyin_negative"))
    assert of_kind(result, ChangeKind.PINYIN) == []
    assert "（KPI）" in result.text and "（ABS）" in result.text and "（一）经济指标" in result.text


def test_doubled_annotation_goes_in_one_pass() -> None:
    result = clean("雲嶺高新區門戶網(wǎng)(wǎng)站建設")
    assert result.text == "云岭高新区门户网站建设"
    assert [c.before for c in of_kind(result, ChangeKind.PINYIN)] == ["(wǎng)(wǎng)"]


def test_toneless_annotation_counts_only_in_an_annotated_document() -> None:
    plain = clean("松川产业园的(de)目标")
    assert plain.text == "松川产业园的（de）目标"
    annotated = clean("松川產(chǎn)業(yè)園(yuán)的(de)目標")
    assert annotated.text == "松川产业园的目标"
    assert len(of_kind(annotated, ChangeKind.PINYIN)) == 4


# --- (6) Traditional to Simplified -----------------------------------------------------------------


def test_traditional_converts_and_maps_back_char_by_char() -> None:
    original = load("traditional")
    result = clean(original)
    assert result.script == "traditional"
    at = result.text.index("开发区")
    span = result.offsets.to_original(at, at + 3)
    assert original[span.start : span.end] == "開發區"
    assert [result.offsets.ends[i] - result.offsets.starts[i] for i in range(at, at + 3)] == [1, 1, 1]
    script = of_kind(result, ChangeKind.SCRIPT)
    assert script and all(len(c.before) == len(c.after) for c in script)
    assert any(
        "開發區" in c.before and c.after[c.before.index("開發區") :].startswith("开发区") for c in script
    )
    assert source_of(result, original, "386.5亿元") == "386.5億元"


def test_simplified_document_is_not_converted() -> None:
    result = clean(load("news_chrome"))
    assert result.script == "simplified"
    assert of_kind(result, ChangeKind.SCRIPT) == []


@pytest.mark.parametrize(
    ("text", "script"),
    [
        ("雲嶺高新區實現規模以上工業總產值", "traditional"),
        ("云岭高新区实现规模以上工业总产值", "simplified"),
        ("2025 KPI ABS", "simplified"),
        ("", "simplified"),
        ("云岭高新区实现规模以上工业总产值增长，园区发展态势良好。" * 4 + "新引进“華拓”项目", "simplified"),
    ],
)
def test_detect_script(text: str, script: str) -> None:
    assert detect_script(text) == script


# --- (7) punctuation -------------------------------------------------------------------------------


def test_punctuation_keeps_numbers_and_times_ascii() -> None:
    original = load("punctuation")
    result = clean(original)
    assert "1,234万元" in result.text and "17:51" in result.text and "8.6%" in result.text
    assert source_of(result, original, "365亩") == "３６５亩"
    assert source_of(result, original, "12.5%") == "１２．５％"
    assert source_of(result, original, "“三个一批”") == "「三个一批」"
    changed = {(c.before, c.after) for c in of_kind(result, ChangeKind.PUNCTUATION)}
    assert {(",", "，"), (":", "："), (";", "；"), ("１２", "12"), ("「", "“"), ("(", "（")} <= changed


def test_ascii_comma_between_digits_in_chinese_prose() -> None:
    assert clean("总投资1,200万元,同比增长5%。").text == "总投资1,200万元，同比增长5%。"


@pytest.mark.parametrize(
    ("text", "cleaned"), [("Why?", "Why?"), (":x", ":x"), ("青禾?", "青禾？"), ("?青禾", "？青禾")]
)
def test_ascii_punctuation_at_either_end_of_the_text(text: str, cleaned: str) -> None:
    # Only a Chinese neighbour makes it full-width; the missing neighbour at an end does not.
    assert clean(text).text == cleaned


def test_full_width_point_becomes_ascii_only_between_digits() -> None:
    assert clean("增长１２．５％，第３．２条。见附件．").text == "增长12.5%，第3.2条。见附件．"


# --- (8) whitespace --------------------------------------------------------------------------------


def test_whitespace_is_normalised() -> None:
    result = clean(load("whitespace"))
    assert "\n\n\n" not in result.text and "\u3000" not in result.text and "\t" not in result.text
    assert all(line == line.strip() for line in result.text.split("\n"))
    assert not result.text.startswith("\n") and not result.text.endswith("\n")


def test_inner_space_runs_collapse_to_one() -> None:
    assert clean("青禾开发区   2025年   工作要点\n").text == "青禾开发区 2025年 工作要点"


@pytest.mark.parametrize("blank", ["", "\n\n\n", "  \n\u3000\u3000\n\t"])
def test_blank_input_cleans_to_nothing(blank: str) -> None:
    result = clean(blank)
    assert result.text == "" and len(result.offsets) == 0


# --- (9) invisible characters ----------------------------------------------------------------------


def test_control_zero_width_and_bidi_characters_are_removed() -> None:
    original = load("control_chars")
    result = clean(original)
    removed = "".join(c.before for c in of_kind(result, ChangeKind.CONTROL))
    assert sorted(removed) == sorted("\ufeff\u200b\u200d\u202e\u202c\u00ad\x07\u2060\u200e\x1b")
    assert source_of(result, original, "开发区") == "开发区"
    assert source_of(result, original, "经济开发区") == "经济\u200b开发区"


def test_nul_is_removed() -> None:
    assert clean("青禾\x00开发区").text == "青禾开发区"


# --- (10) synonym-swap noise -----------------------------------------------------------------------


def test_synonym_swaps_are_repaired_and_reported() -> None:
    original = load("synonym_swap")
    result = clean(original)
    repairs = {(c.before, c.after) for c in of_kind(result, ChangeKind.SYNONYM_REPAIR)}
    assert repairs == {
        ("高质量进展", "高质量发展"),
        ("支配部署", "安排部署"),
        ("估量上半年", "预计上半年"),
        ("乐观对接", "积极对接"),
        ("产业争辩", "产业研究"),
        ("平安生产", "安全生产"),
    }
    suspects = of_kind(result, ChangeKind.SYNONYM_SUSPECT)
    assert [(c.before, c.note) for c in suspects] == [
        ("宣扬", "疑似“宣传”被替换"),
        ("进展", "疑似“发展”被替换"),
    ]
    assert all(original[c.source.start : c.source.end] == c.before == c.after for c in suspects)
    [warning] = result.warnings
    assert "6 处" in warning and "2 处" in warning
    assert source_of(result, original, "安全生产") == "平安生产"


@pytest.mark.parametrize("name", ["synonym_clean", "synonym_legit"])
def test_legitimate_words_are_neither_repaired_nor_reported(name: str) -> None:
    result = clean(load(name))
    assert result.warnings == []
    assert of_kind(result, ChangeKind.SYNONYM_REPAIR) == of_kind(result, ChangeKind.SYNONYM_SUSPECT) == []


def test_a_single_garbled_word_is_not_enough_evidence() -> None:
    result = clean("松川产业园坚持高质量进展，激发进展活力。")
    assert result.warnings == [] and "高质量进展" in result.text


def test_collocation_with_two_swapped_words_is_fully_repaired() -> None:
    result = clean("开发区准时发觉问题，平安生产形势稳定。")
    assert result.text == "开发区及时发现问题，安全生产形势稳定。"


def test_repair_table_keeps_lengths_and_has_no_legit_phrases() -> None:
    assert all(len(wrong) == len(right) for wrong, right in synonyms._REPAIRS.items())
    for legit in ("创新力量", "服务力量", "快速进展", "持续进展", "项目进展"):
        assert legit not in synonyms._REPAIRS, legit


# --- invariants on generated text ------------------------------------------------------------------

SIMPLIFIED = "青禾经济开发区园项目建设招商引资党工委产业发展安全生产年月日亿元万吨"
TRADITIONAL = "開發區雲嶺產業園經濟項目實現億萬著網訊記者編輯發佈"
PUNCTUATION = ",:;?!()（），。：；、“”「」『』《》%％．.-—/"
PIECES = [
    "(wǎng)",
    "(zhù)",
    "(de)",
    "(KPI)",
    "（一）",
    "1,234",
    "17:51",
    "１２３",
    "\u3000\u3000",
    "\u200b",
    "\u202e",
    "高质量进展",
    "平安生产",
    "估量上半年",
    "进展",
    "29800元",
    "党\n\n2、工委",
]
CHROME_LINES = [
    "2025-03-05 10:20:00",
    "来源：青禾网",
    "来源:云岭网 编辑:周云",
    "记者：王晓禾 通讯员：李松涛",
    "责任编辑：孙禾",
    "实习编辑：钱小松",
    "发布时间：2025-03-05 浏览次数：1024",
    "当前位置：首页 > 园区动态 > 正文",
    "版权声明：本网所有内容未经授权禁止转载 新闻爆料热线：0571-8800123",
    "浙ICP备12345678号-1 浙公网安备 33010202000123号",
    "青禾网3月5日讯（记者 王晓禾）",
    "上传人：禾苗****园 文档编号：620318457 页数：6 大小：21.4KB",
    "第1页 / 共6页",
    "青禾经济开发区工作总结_第1页",
    "亲，该文档总共6页，到这儿已超出免费预览范围，如果喜欢就下载吧！",
    "资源描述",
    "《青禾经济开发区工作总结》由会员分享，可在线阅读",
    "展开阅读全文",
    "相关资源",
    "返回 下载 相关 举报",
]
FOOTER_LINES = [
    "相关推荐",
    "园区招商地图定制服务 29800元/套 立即咨询",
    "新闻爆料热线：0571-8800123",
    "上一篇",
]

body_text = st.text(
    alphabet=st.sampled_from(SIMPLIFIED + TRADITIONAL + PUNCTUATION + "0123456789０１２ \n"), max_size=30
)
fragment = st.one_of(body_text, st.sampled_from(PIECES))
body_line = st.lists(fragment, max_size=6).map("".join)
line = st.one_of(body_line, body_line, st.sampled_from([*CHROME_LINES, *FOOTER_LINES]))
documents = st.lists(line, max_size=20).map("\n".join)

GENERATED = settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@GENERATED
@given(st.text(max_size=200))
def test_invariants_on_arbitrary_text(original: str) -> None:
    check_invariants(original, clean(original))


@GENERATED
@given(documents)
def test_invariants_on_report_like_text(original: str) -> None:
    check_invariants(original, clean(original))


@GENERATED
@given(
    st.lists(st.sampled_from(CHROME_LINES), max_size=8),
    st.lists(body_line, max_size=10),
    st.lists(st.sampled_from(["编辑：赵青", "展开阅读全文", *FOOTER_LINES]), max_size=5),
)
def test_cleaning_twice_removes_nothing_more(header: list[str], body: list[str], footer: list[str]) -> None:
    original = "\n".join([*header, *body, *footer])
    result = clean(original)
    check_invariants(original, result)
    assert_stable(result, same_text=False)


@GENERATED
@given(
    st.lists(st.sampled_from(CHROME_LINES), max_size=12),
    st.sampled_from(["编辑：赵青", "来源：青禾网 责任编辑：孙禾", "展开阅读全文"]),
    st.lists(st.sampled_from(FOOTER_LINES), max_size=6),
)
def test_chrome_around_an_article_leaves_exactly_the_article(
    header: list[str], closing: str, footer: list[str]
) -> None:
    body = "开发区新开工项目12个，总投资46.8亿元。\n全年力争完成固定资产投资85亿元。"
    original = "\n".join([*header, body, closing, *footer])
    result = clean(original)
    check_invariants(original, result)
    assert result.text == body


def test_radical_code_points_fold_to_ideographs_and_components_stay() -> None:
    result = clean("⻓江⼯业园区⻔户⾧期：⼀期⼯程。⻈字旁")
    assert result.text == "长江工业园区门户长期：一期工程。⻈字旁"  # ⻈ is a component (讠), not a character
    assert [c.before for c in result.changes if c.kind is ChangeKind.RADICAL] == list("⻓⼯⻔⾧⼀⼯")


@pytest.mark.parametrize(
    "bar",
    [
        "松岭市人民政府 | 无障碍 | 长者模式 | 登录 | 注册",
        "文苑范文网 | 首页 > 范文 > 工作总结 > 年度工作总结",
        "首页 › 政务公开 › 工作总结",
    ],
)
def test_a_sites_top_bar_or_breadcrumb_is_no_title(bar: str) -> None:
    result = clean(f"{bar}\n柘溪经济开发区2025年工作总结\n全年新签约项目31个。\n")
    assert result.text.startswith("柘溪经济开发区2025年工作总结\n")
    assert "网站导航栏" in {c.note for c in of_kind(result, ChangeKind.CHROME)} or "首页" not in result.text


def test_a_document_sites_buttons_are_no_text() -> None:
    result = clean("柘溪经济开发区2025年工作总结\n全年新签约项目31个。\n下载文档 收藏 分享 举报\n")
    assert result.text == "柘溪经济开发区2025年工作总结\n全年新签约项目31个。"


def test_a_table_row_is_no_site_bar() -> None:
    text = "柘溪经济开发区2025年工作总结\n指标 | 单位 | 1-9月 | 同比增长（%）\n"
    text += "规上工业总产值 | 亿元 | 256.4 | 8.1\n"
    assert "指标 | 单位 | 1-9月" in clean(text).text
