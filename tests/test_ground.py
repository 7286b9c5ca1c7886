"""Grounding on hand-made summaries that contain each failure small models produce."""

from __future__ import annotations

import json
import unicodedata
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from summarizer.cli import commands as cli
from summarizer.core.models import Document, LoadedText
from summarizer.core.summary import (
    DocumentMeta,
    GroundingStatus,
    Indicator,
    Project,
    Summary,
    TextItem,
)
from summarizer.grounding.ground import apply_policy, ground, names_match
from summarizer.text.analyze import analyze_text

S = GroundingStatus
REPORT = (
    "青禾经济开发区2025年上半年工作总结\n"
    "上半年，规模以上工业企业实现总产值271.3亿元、利税34.6亿元、利润25.8亿元，分别同比增长33.9%、148.1%、273.0%；"
    "完成固定资产投资19.6亿元，实现地方财政收入9427万元，同比增长70.22%。\n"
    "一、项目建设\n"
    "青禾新材料年产12万吨聚酯切片项目总投资23.5亿元，已完成设备安装。\n"
    "二、存在问题\n"
    "一是要素保障压力较大；二是研发投入偏少。\n"
)


def doc_of(text: str = REPORT) -> Document:
    return analyze_text(LoadedText(source="r.txt", format="text", text=text))


def summary(**items: object) -> Summary:
    return Summary(source="r.txt", meta=DocumentMeta(doc_type="summary"), **items)  # type: ignore[arg-type]


def statuses(report_summary: Summary, doc: Document, field: str = "value") -> list[S]:
    return [f.status for f in ground(report_summary, doc).findings if f.field == field]


def test_correct_figures_are_verified_with_spans_into_the_original() -> None:
    doc = doc_of()
    s = summary(indicators=[Indicator(name="规上工业总产值", value="271.3亿元", change="同比增长33.9%")])
    findings = ground(s, doc).findings
    assert [f.status for f in findings] == [S.VERIFIED, S.VERIFIED]
    assert [doc.original[f.spans[0].start : f.spans[0].end] for f in findings] == ["271.3亿元", "33.9%"]


def test_unit_may_be_left_out_but_never_changed() -> None:
    doc = doc_of()
    same = summary(indicators=[Indicator(name="总产值", value="271.3亿")])
    assert statuses(same, doc) == [S.VERIFIED]
    changed = summary(indicators=[Indicator(name="总产值", value="271.3万元")])  # 亿 -> 万 without conversion
    assert statuses(changed, doc) == [S.FIGURE_NOT_IN_SOURCE]
    converted = summary(
        indicators=[Indicator(name="总产值", value="2713000万元")]
    )  # converted exactly: the same amount
    assert statuses(converted, doc) == [S.VERIFIED]


def test_an_invented_or_nearby_figure_is_never_close_enough() -> None:
    doc = doc_of()
    for value in ("271.4亿元", "271亿元", "27.13亿元", "19.60001亿元"):
        assert statuses(summary(indicators=[Indicator(name="总产值", value=value)]), doc) == [
            S.FIGURE_NOT_IN_SOURCE
        ]


def test_growth_rate_of_the_nearest_indicator_is_misattributed_to_the_first() -> None:
    doc = doc_of()
    wrong = summary(indicators=[Indicator(name="固定资产投资", value="19.6亿元", change="同比增长70.22%")])
    findings = ground(wrong, doc).findings
    assert [f.status for f in findings] == [S.VERIFIED, S.MISATTRIBUTED]
    assert "地方财政收入" in findings[1].note
    right = summary(indicators=[Indicator(name="地方财政收入", value="9427万元", change="同比增长70.22%")])
    assert [f.status for f in ground(right, doc).findings] == [S.VERIFIED, S.VERIFIED]


def test_swapped_respectively_list_is_misattributed() -> None:
    doc = doc_of()
    swapped = summary(
        indicators=[
            Indicator(name="利税", value="34.6亿元", change="增长273.0%"),
            Indicator(name="利润", value="25.8亿元", change="增长148.1%"),
        ]
    )
    assert statuses(swapped, doc, "change") == [S.MISATTRIBUTED, S.MISATTRIBUTED]
    assert statuses(swapped, doc, "value") == [S.VERIFIED, S.VERIFIED]


def test_a_value_tied_to_another_indicator_is_misattributed() -> None:
    doc = doc_of()
    assert statuses(summary(indicators=[Indicator(name="利润", value="34.6亿元")]), doc) == [S.MISATTRIBUTED]


def test_sign_and_direction_must_agree() -> None:
    doc = doc_of("进出口总额12.5亿元，同比下降3.5%。\n")
    down = summary(indicators=[Indicator(name="进出口总额", value="12.5亿元", change="-3.5%")])
    assert statuses(down, doc, "change") == [S.VERIFIED]
    up = summary(indicators=[Indicator(name="进出口总额", value="12.5亿元", change="同比增长3.5%")])
    assert statuses(up, doc, "change") == [S.FIGURE_NOT_IN_SOURCE]


def test_quotes_not_in_the_source_are_caught() -> None:
    doc = doc_of()
    s = summary(
        problems=[TextItem(text="要素保障压力较大"), TextItem(text="人才流失严重，招工难问题突出")],
        next_steps=[TextItem(text="力争全年利润突破60亿元")],
    )
    findings = ground(s, doc).findings
    assert [(f.item, f.status) for f in findings] == [
        ("problems[0]", S.VERIFIED),
        ("problems[1]", S.TEXT_NOT_FOUND),
        ("next_steps[0]", S.TEXT_NOT_FOUND),
        ("next_steps[0]", S.FIGURE_NOT_IN_SOURCE),
    ]


def test_project_investment_must_sit_with_the_project() -> None:
    doc = doc_of()
    good = summary(
        projects=[Project(name="年产12万吨聚酯切片项目", company="青禾新材料", investment="总投资23.5亿元")]
    )
    assert statuses(good, doc, "investment") == [S.VERIFIED]
    wrong = summary(projects=[Project(name="年产12万吨聚酯切片项目", investment="总投资19.6亿元")])
    assert statuses(wrong, doc, "investment") == [S.MISATTRIBUTED]


def test_traditional_source_with_a_simplified_summary() -> None:
    original = "雲嶺高新區上半年實現規模以上工業總產值86.4億元，同比增長12.5%。\n"
    doc = doc_of(original)
    s = summary(indicators=[Indicator(name="规模以上工业总产值", value="86.4亿元", change="同比增长12.5%")])
    findings = ground(s, doc).findings
    assert [f.status for f in findings] == [S.VERIFIED, S.VERIFIED]
    assert original[findings[0].spans[0].start : findings[0].spans[0].end] == "86.4億元"


def test_figures_in_removed_noise_are_not_sources() -> None:
    page = (
        "2025-06-01 08:00:00\n来源：青禾网\n"
        "青禾经济开发区上半年新签约项目18个，协议总投资96.3亿元，其中亿元以上项目11个。\n"
        "编辑：王某\n新闻爆料热线：0571-8800123\n相关阅读\n园区招商地图定制服务 29800元/套\n"
    )
    doc = doc_of(page)
    s = summary(
        indicators=[
            Indicator(name="招商地图服务", value="29800元"),
            Indicator(name="新签约项目", value="18个"),
        ]
    )
    assert statuses(s, doc) == [S.FIGURE_NOT_IN_SOURCE, S.VERIFIED]
    from summarizer.text.analyze import analyze_file

    from .conftest import EXAMPLES

    spliced = analyze_file(EXAMPLES / "qinghe-edz-2025h1-summary-wenku.txt")  # pages "1、" "2、" "3、"
    s = summary(
        indicators=[Indicator(name="分页", value="3项"), Indicator(name="文档编号", value="318204577")]
    )
    assert statuses(s, spliced) == [S.FIGURE_NOT_IN_SOURCE, S.FIGURE_NOT_IN_SOURCE]


def test_policy_flag_keeps_and_marks_drop_removes() -> None:
    doc = doc_of()
    s = summary(
        indicators=[Indicator(name="总产值", value="271.3亿元"), Indicator(name="税收", value="8.8亿元")],
        problems=[TextItem(text="要素保障压力较大")],
    )
    report = ground(s, doc)
    flagged = apply_policy(s, report, "flag")
    assert [i.grounding_status for i in flagged.indicators] == [S.VERIFIED, S.FIGURE_NOT_IN_SOURCE]
    assert flagged.grounding is not None and flagged.grounding.counts["figure_not_in_source"] == 1
    dropped = apply_policy(s, report, "drop")
    assert [i.value for i in dropped.indicators] == ["271.3亿元"] and len(dropped.problems) == 1


def test_names_match_tolerates_wording_only() -> None:
    assert names_match("规上工业总产值", "规模以上工业企业实现总产值")
    assert names_match("总产值", "规模以上工业总产值")
    assert not names_match("利润", "利税")
    assert not names_match("固定资产投资", "地方财政收入")


def test_verify_command_on_a_hand_edited_summary(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    report = tmp_path / "r.txt"
    report.write_text(REPORT, encoding="utf-8")
    edited = summary(
        indicators=[Indicator(name="总产值", value="271.3亿元"), Indicator(name="利润", value="26.8亿元")]
    )
    path = tmp_path / "r.summary.json"
    path.write_text(edited.model_dump_json(), encoding="utf-8")
    code = cli.main(["verify", str(path), str(report), "--json"])
    data = json.loads(capsys.readouterr().out)
    assert code == 1 and data["counts"]["figure_not_in_source"] == 1 and data["counts"]["verified"] == 1
    path.write_text("{not json", encoding="utf-8")
    assert cli.main(["verify", str(path), str(report)]) == 3
    assert str(path) in capsys.readouterr().err


_VALUES = st.sampled_from(
    ["271.3亿元", "34.6亿元", "9427万元", "70.22%", "19.6亿元", "12个", "3.3亿元", "70%", "9428万元"]
)


@settings(max_examples=150, deadline=None)
@given(
    st.lists(
        st.tuples(st.sampled_from(["总产值", "利税", "利润", "固定资产投资", "地方财政收入"]), _VALUES),
        max_size=6,
    )
)
def test_every_verified_figure_span_holds_its_digits(pairs: list[tuple[str, str]]) -> None:
    doc = doc_of()
    s = summary(indicators=[Indicator(name=name, value=value) for name, value in pairs])
    for finding in ground(s, doc).findings:
        if finding.status is S.VERIFIED:
            shown = unicodedata.normalize("NFKC", doc.original[finding.spans[0].start : finding.spans[0].end])
            digits = "".join(ch for ch in finding.written if ch.isdigit())
            assert digits in "".join(ch for ch in shown if ch.isdigit())


@pytest.mark.parametrize(
    ("text", "stated", "computed", "consistent"),
    [
        ("年度计划投资92亿元，实际完成投资97.4亿元，完成年度计划的105.9%。", "105.9%", "105.9", True),
        ("年度目标任务70.84亿元，1-9月完成31.1亿元，完成年度目标的43.9%。", "43.9%", "43.9", True),
        ("年度计划投资92亿元，实际完成投资97.4亿元，完成年度计划的115.9%。", "115.9%", "105.9", False),
    ],
)
def test_completion_rates_are_recomputed(text: str, stated: str, computed: str, consistent: bool) -> None:
    from decimal import Decimal

    (check,) = ground(summary(), doc_of(text)).arithmetic
    assert (check.stated, check.computed, check.consistent) == (stated, Decimal(computed), consistent)


def test_no_arithmetic_claimed_without_both_operands() -> None:
    assert ground(summary(), doc_of("完成年度计划的55%，进度良好。")).arithmetic == []


def test_rendered_text_may_only_carry_verified_or_marked_figures() -> None:
    from summarizer.grounding.ground import UNVERIFIED_MARK, check_rendered

    doc = doc_of()
    s = summary(
        indicators=[Indicator(name="总产值", value="271.3亿元"), Indicator(name="税收", value="8.8亿元")]
    )
    grounded = apply_policy(s, ground(s, doc), "flag")
    good = f"上半年总产值271.3亿元。\n税收8.8亿元{UNVERIFIED_MARK}\n"
    assert check_rendered(good, grounded) == []
    leaked = "上半年总产值271.3亿元，税收8.8亿元，利润增长约30%。\n"
    assert check_rendered(leaked, grounded) == ["8.8亿元", "约30%"]


@pytest.mark.parametrize(
    ("text", "kind", "operands", "consistent"),
    [
        (
            "完成固定资产投资64.2亿元，其中工业投资41.8亿元，占固定资产投资的65.1%。",
            "share",
            ["41.8亿元", "64.2亿元"],
            True,
        ),
        (
            "完成固定资产投资64.2亿元，其中工业投资41.8亿元，占固定资产投资的61.5%。",
            "share",
            ["41.8亿元", "64.2亿元"],
            False,
        ),
        ("新签约项目18个，其中工业项目12个、服务业项目6个。", "sum", ["12个", "6个"], True),
        ("新签约项目18个，其中工业项目12个、服务业项目9个。", "sum", ["12个", "9个"], False),
    ],
)
def test_shares_and_sums_of_parts(text: str, kind: str, operands: list[str], consistent: bool) -> None:
    checks = [c for c in ground(summary(), doc_of(text)).arithmetic if c.kind == kind]
    assert [(c.operands, c.consistent) for c in checks] == [(operands, consistent)]


_WRITTEN = st.sampled_from(
    [
        "271.3亿元",
        "271.3亿",
        "34.6亿元",
        "9427万元",
        "70.22%",
        "33.9%",
        "23.5亿元",
        "12万吨/年",
        "88亿元",
        "-3.5%",
        "15—20个",
    ]
)
_NAMES = st.sampled_from(["总产值", "利税", "利润", "固定资产投资", "地方财政收入", "聚酯切片", "税收"])


@settings(max_examples=60, deadline=None)
@given(st.lists(st.tuples(_NAMES, _WRITTEN, _WRITTEN), min_size=1, max_size=5))
def test_any_summary_the_pipeline_emits_has_honest_verified_spans(rows: list[tuple[str, str, str]]) -> None:
    from summarizer.backends.fake import FakeBackend
    from summarizer.llm.extract import Extractor

    section = json.dumps(
        {"indicators": [{"name": n, "value": v, "change": c} for n, v, c in rows]}, ensure_ascii=False
    )
    meta = json.dumps({"doc_type": "summary"})
    backend = FakeBackend(default=lambda m, s: meta if s and "doc_type" in s["properties"] else section)
    doc = doc_of()
    emitted = Extractor(backend).extract(doc)
    report = ground(emitted, doc)
    grounded = apply_policy(emitted, report, "flag")
    assert all(i.grounding_status is not None for i in grounded.indicators)
    for finding in report.findings:
        if finding.status is S.VERIFIED and finding.field in ("value", "change"):
            shown = unicodedata.normalize("NFKC", doc.original[finding.spans[0].start : finding.spans[0].end])
            assert "".join(ch for ch in finding.written if ch.isdigit()) in "".join(
                ch for ch in shown if ch.isdigit()
            )
        if finding.written in ("88亿元", "-3.5%"):  # not in this report in any form
            assert finding.status is S.FIGURE_NOT_IN_SOURCE


@pytest.mark.parametrize(
    ("policy", "dropped", "failed"), [("flag", 0, False), ("drop", 1, False), ("fail", 0, True)]
)
def test_unverified_policy_in_extract_runs(tmp_path: Path, policy: str, dropped: int, failed: bool) -> None:
    from summarizer.backends.fake import FakeBackend
    from summarizer.core.config import Settings
    from summarizer.core.errors import GroundingFailed
    from summarizer.jobs.document import extract_files

    report = tmp_path / "r.txt"
    # 42.5% stands with no subject, and a silent model names nothing: it cannot be tied to anything
    report.write_text(REPORT + "其中，42.5%来自新兴产业。\n", encoding="utf-8")
    backend = FakeBackend(default=lambda m, s: "{}")
    settings = Settings(cache_dir=tmp_path / "cache", unverified=policy)  # type: ignore[arg-type]
    (result,) = extract_files([str(report)], settings, backend, tmp_path / "out")
    assert isinstance(result.error, GroundingFailed) == failed
    written = json.loads((tmp_path / "out" / "r.summary.json").read_text(encoding="utf-8"))
    every = len(doc_of().figures) + 1 - written["coverage"]["rates_attached"]
    assert len(written["indicators"]) == every - dropped
    assert ("42.5%" in {i["value"] for i in written["indicators"]}) == (policy != "drop")
    assert written["grounding"]["findings"][0]["status"] == "verified"


def test_rendered_gate_accepts_a_verified_overview_only() -> None:
    from summarizer.grounding.ground import check_rendered

    doc = doc_of()
    good = summary().model_copy(
        update={"meta": DocumentMeta(doc_type="summary", overview="上半年总产值271.3亿元。")}
    )
    assert check_rendered("上半年总产值271.3亿元。", apply_policy(good, ground(good, doc), "flag")) == []
    bad = summary().model_copy(
        update={"meta": DocumentMeta(doc_type="summary", overview="上半年总产值280亿元。")}
    )
    assert check_rendered("上半年总产值280亿元。", apply_policy(bad, ground(bad, doc), "flag")) == ["280亿元"]


@pytest.mark.parametrize("policy", ["flag", "drop"])
def test_a_guessed_year_or_unit_name_never_heads_a_title(policy: str) -> None:
    doc = doc_of()
    meta = DocumentMeta(issuer="青禾经济开发区", period="2023年上半年", doc_type="summary")
    guessed = Summary(source="r.txt", meta=meta)
    report = ground(guessed, doc)
    by_field = {f.field: f.status for f in report.findings if f.item.startswith("meta.")}
    assert by_field == {"issuer": S.VERIFIED, "period": S.TEXT_NOT_FOUND}  # the source says 2025年
    stamped = apply_policy(guessed, report, policy)
    assert (stamped.meta.issuer, stamped.meta.period) == ("青禾经济开发区", "")
    invented = Summary(
        source="r.txt", meta=DocumentMeta(issuer="青禾高新区", period="2025年", doc_type="summary")
    )
    stamped = apply_policy(invented, ground(invented, doc), policy)
    assert (stamped.meta.issuer, stamped.meta.period) == ("", "2025年")


def test_chinese_numerals_are_grounded_exactly_in_source_and_summary(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    doc = doc_of("白沙园区2025年工作总结\n全年税收一百亿元，同比增长百分之八点五；新引进企业十二家。\n")
    s = summary(
        indicators=[
            Indicator(name="税收", value="100亿元", change="同比增长8.5%"),  # Arabic for a spelled source
            Indicator(name="新引进企业", value="十二家"),
            Indicator(name="税收", value="一百零一亿元"),
        ]
    )
    assert statuses(s, doc) == [S.VERIFIED, S.VERIFIED, S.FIGURE_NOT_IN_SOURCE]
    assert statuses(s, doc, "change") == [S.VERIFIED]
    # through the CLI, as a user who hand-edits a value would meet it
    report = tmp_path / "r.txt"
    report.write_text(REPORT, encoding="utf-8")
    path = tmp_path / "r.summary.json"
    edited = summary(indicators=[Indicator(name="总产值", value="九百九十九亿元")])
    path.write_text(edited.model_dump_json(), encoding="utf-8")
    assert cli.main(["verify", str(path), str(report), "--json"]) == 1
    assert json.loads(capsys.readouterr().out)["counts"]["figure_not_in_source"] == 1


@pytest.mark.parametrize(
    "prose", ["全年产值突破五百亿元", "编者按：园区税收突破一百亿元", "利润增长三成", "企业数量翻了一番"]
)
def test_the_render_check_sees_spelled_out_figures(prose: str) -> None:
    from summarizer.grounding.ground import check_rendered

    doc = doc_of()
    s = apply_policy(
        summary(indicators=[Indicator(name="总产值", value="271.3亿元")]), ground(summary(), doc), "flag"
    )
    assert check_rendered(prose, s) != []
    assert check_rendered(prose + "【待核】", s) == []


@pytest.mark.parametrize(
    ("source", "name", "value", "change"),
    [
        ("存在问题：工业投资占比偏低，仅为41.3%。", "项目投资结构", "41.3%", ""),
        ("完成固定资产投资19.6亿元，其中工业投资12.3亿元。", "固定资产投资", "12.3亿元", ""),
        ("规上工业总产值中，高新技术产业产值120亿元。", "规上工业总产值", "120亿元", ""),
        ("进出口总额下降4.2%，其中出口增长3%。", "进出口总额", "", "增长3%"),  # 出口 is not 进出口
        ("总产值271.3亿元，同比增长33.9%；利润25.8亿元，增长12%。", "总产值", "", "增长12%"),
        ("净利润3.2亿元，利润总额4.1亿元。", "利润总额", "3.2亿元", ""),
    ],
)
def test_the_parsers_own_subject_wins_over_a_name_earlier_in_the_sentence(
    source: str, name: str, value: str, change: str
) -> None:
    doc = doc_of(f"某园区2025年工作总结\n{source}\n")
    s = summary(indicators=[Indicator(name=name, value=value or "271.3亿元", change=change)])
    field = "change" if change else "value"
    assert statuses(s, doc, field) == [S.MISATTRIBUTED]


def test_a_name_before_a_figure_without_its_own_subject_still_counts() -> None:
    doc = doc_of("某园区2025年工作总结\n税收收入方面，全年实现8.2亿元，其中增值税3.1亿元。\n")
    assert statuses(summary(indicators=[Indicator(name="税收收入", value="8.2亿元")]), doc) == [S.VERIFIED]
    assert names_match("总产值", "规模以上工业总产值") and not names_match("出口", "进出口总额")
