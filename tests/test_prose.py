"""The memo's short prose (标题/导语/按语): the model's for a 总结, checked; the report's own opening for a
plan, a story or a meeting; and the memo's length: items condensed, never dropped, table rows left out
only under a forced page limit, and said so."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from summarizer.backends.fake import FakeBackend
from summarizer.cli import commands as cli
from summarizer.core.summary import GroundingStatus, Summary
from summarizer.outputs.brief import (
    AUTO_PAGES,
    MIN_HEADLINE_ROWS,
    MIN_TABLE_ROWS,
    PAGE_CAPACITY,
    TEMPLATE_NOTE,
    BriefHeader,
    brief_context,
    estimate_lines,
    fit_to_pages,
    omitted_note,
    render_brief,
)
from summarizer.outputs.gate import ToolCounts
from summarizer.outputs.prose import prose_facts, template_prose, write_prose
from summarizer.text.numerals import chinese_numeral

from .conftest import DATA
from .test_brief import HEADER, OUTLINED_REPORT, PLAN_REPORT, extracted, grounded

GOOD = {
    "title": "青禾经济开发区上半年规上工业总产值同比增长33.9%",
    "lead": "2025年上半年，青禾经济开发区规模以上工业总产值271.3亿元，同比增长33.9%，重点项目加快建设。",
    "note": "要素保障压力较大，请关注。",
}


def reply(data: dict[str, str]) -> str:
    return json.dumps(data, ensure_ascii=False)


def test_the_model_sees_only_verified_facts_not_the_document() -> None:
    summary = grounded()
    backend = FakeBackend([reply(GOOD)])
    prose = write_prose(summary, backend)
    assert prose.written_by == "model" and prose.title == GOOD["title"] and prose.note == GOOD["note"]
    prompt = backend.history[0].messages[-1]["content"]
    assert "规模以上工业总产值271.3亿元" in prompt
    assert "8.8亿元" not in prompt  # 税收 8.8亿元 is not in the source: never offered to the writer
    assert "已完成设备安装" not in prompt  # the report's text is not sent again
    assert set(backend.history[0].schema["properties"]) == {"title", "lead", "note"}  # type: ignore[index]


def test_an_invented_figure_is_sent_back_then_replaced_by_code() -> None:
    invented = {**GOOD, "lead": "上半年，青禾经济开发区规模以上工业总产值同比增长40%，成绩喜人。"}
    backend = FakeBackend([reply(invented), reply(invented)])
    prose = write_prose(grounded(), backend)
    assert len(backend.history) == 2
    assert "40%" in backend.history[1].messages[-1]["content"]  # the re-ask names the figure
    assert prose.written_by == "template" and prose.problems
    assert prose == template_prose(grounded(), prose.problems)
    text = render_brief(grounded(), "md", HEADER, prose=prose)
    assert "40%" not in text and "271.3亿元" in text


@pytest.mark.parametrize(
    "field_text",
    [("title", "青禾经济开发区全年产值突破五百亿元"), ("note", "编者按：园区税收突破一百亿元"),
     ("lead", "上半年，青禾经济开发区利润增长三成，成绩喜人。")],
)  # fmt: skip
def test_a_figure_spelled_in_chinese_numerals_is_caught_like_an_arabic_one(
    field_text: tuple[str, str],
) -> None:
    field, text = field_text
    invented = {**GOOD, field: text}
    backend = FakeBackend([reply(invented), reply(invented)])
    prose = write_prose(grounded(), backend)
    assert prose.written_by == "template" and prose.problems
    assert text not in render_brief(grounded(), "md", HEADER, prose=prose)


def test_stock_phrases_are_sent_back_and_a_clean_answer_is_kept() -> None:
    padded = {**GOOD, "note": "各项工作取得显著成效，稳中有进。"}
    backend = FakeBackend([reply(padded), reply(GOOD)])
    prose = write_prose(grounded(), backend)
    assert "套话" in backend.history[1].messages[-1]["content"]
    assert prose.written_by == "model" and "显著成效" not in prose.note


@pytest.mark.parametrize(
    "padding",
    [
        "交出亮眼成绩单",
        "跑出项目建设加速度",
        "为全年目标注入强劲动能",
        "呈现持续向好的良好态势",
        "谱写发展新篇章",
    ],
)
def test_press_style_flourishes_are_stock_phrases_too(padding: str) -> None:
    padded = {**GOOD, "lead": GOOD["lead"].rstrip("。") + f"，{padding}。"}
    backend = FakeBackend([reply(padded), reply(GOOD)])
    prose = write_prose(grounded(), backend)
    assert "套话" in backend.history[1].messages[-1]["content"]
    assert prose.written_by == "model" and padding not in prose.lead


def test_prose_is_rendered_in_every_format() -> None:
    prose = write_prose(grounded(), FakeBackend([reply(GOOD)]))
    md = render_brief(grounded(), "md", HEADER, prose=prose)
    html = render_brief(grounded(), "html", HEADER, prose=prose)
    assert f"## {GOOD['title']}" in md and f"> 编者按：{GOOD['note']}" in md
    assert f"<h1>{GOOD['title']}</h1>" in html and "编者按：" in html


def test_nothing_verified_means_no_model_call() -> None:
    summary = grounded()
    bare = summary.model_copy(
        update={
            "indicators": [],
            "projects": [],
            "problems": [],
            "next_steps": [],
        }
    )
    backend = FakeBackend()
    prose = write_prose(bare, backend)
    assert backend.history == [] and prose.written_by == "template" and prose.problems
    # a lead that names the zone and the period and claims nothing
    assert prose.lead.startswith("青禾经济开发区2025年上半年") and prose.lead.endswith("。")
    assert "亿元" not in prose.lead + prose.title and "主要工作情况如下" not in prose.lead


def test_a_summarys_title_and_lead_come_from_its_headline_results(tmp_path: Path) -> None:
    summary = extracted(tmp_path, OUTLINED_REPORT)
    meta = summary.meta
    assert meta.genre == "summary" and meta.issuer == "桐湾产业园" and meta.period == "2025年上半年"
    prose = template_prose(summary)
    assert prose.title == "桐湾产业园2025年上半年规上工业总产值同比增长9.1%"
    assert prose.lead.startswith("2025年上半年，桐湾产业园规上工业总产值58.2亿元，同比增长9.1%")
    assert "固定资产投资21.4亿元" in prose.lead and "16.8亿元" not in prose.lead  # an item's figure
    # a 总结's prose is the model's to write (checked), from the same headline results
    answer = {
        "title": "桐湾产业园上半年规上工业总产值同比增长9.1%",
        "lead": "2025年上半年，桐湾产业园规上工业总产值58.2亿元，同比增长9.1%。",
        "note": "",
    }
    backend = FakeBackend([reply(answer)])
    written = write_prose(summary, backend)
    assert len(backend.history) == 1 and written.written_by == "model" and written.title == answer["title"]


def test_a_plans_prose_is_its_own_opening_and_no_model_is_asked(tmp_path: Path) -> None:
    plan = extracted(tmp_path, PLAN_REPORT)
    meta = plan.meta
    assert meta.genre == "plan" and meta.genre_name == "工作计划"
    backend = FakeBackend()
    prose = write_prose(plan, backend)
    assert backend.history == [] and prose == template_prose(plan)
    assert prose.title == f"{meta.issuer}{meta.period}{meta.genre_name}" == "桐川经济开发区2026年工作计划"
    opening = PLAN_REPORT.splitlines()[1]
    assert prose.lead == opening  # short enough to stand whole; its 力争 kept: a target, not a result
    context = brief_context(plan, HEADER)
    assert context["indicators"] == [] and context["genre"] == "plan"
    # one run of items: the memo's own 一、二、三, no section title over them
    assert [s["title"] for s in context["sections"]] == [""]
    assert [e["head"] for e in context["sections"][0]["entries"]] == [
        "一、加快项目建设。", "二、深化招商引资。", "三、优化营商环境。"]  # fmt: skip


def test_a_meetings_prose_is_its_headline_and_its_event(tmp_path: Path) -> None:
    text = (DATA / "genres" / "meeting-lanshan-2025-project-review.txt").read_text(encoding="utf-8")
    summary = extracted(tmp_path, text)
    assert summary.meta.genre == "meeting"
    backend = FakeBackend()
    prose = write_prose(summary, backend)
    assert backend.history == [] and prose == template_prose(summary)
    headline, first = text.splitlines()[:2]
    assert prose.title == headline
    event = first.split("。")[0]  # 9月26日，兰山经济开发区召开三季度重点项目推进会，…
    assert prose.lead.startswith(event) and "召开三季度重点项目推进会" in event


def test_a_government_reports_memo_has_no_table_of_last_years_results(tmp_path: Path) -> None:
    text = (DATA / "genres" / "govreport-heping-district-2026.txt").read_text(encoding="utf-8")
    summary = extracted(tmp_path, text)
    assert summary.meta.genre == "government_report"
    verified = GroundingStatus.VERIFIED
    results = [i for i in summary.indicators if i.is_result and i.grounding_status is verified]
    assert results and brief_context(summary, HEADER)["indicators"] == []
    assert write_prose(summary, FakeBackend()).written_by == "template"


def test_a_template_says_so_in_its_title_and_a_note(tmp_path: Path) -> None:
    text = (DATA / "genres" / "template-xx-zone-plan.txt").read_text(encoding="utf-8")
    template = extracted(tmp_path / "t", text)
    assert template.meta.placeholders > 0
    assert template_prose(template).title.endswith("（模板）")
    context = brief_context(template, HEADER)
    assert context["template_note"] == TEMPLATE_NOTE
    assert f"> 【模板】{TEMPLATE_NOTE}" in render_brief(template, "md", HEADER)
    real = extracted(tmp_path / "r", OUTLINED_REPORT)
    assert "模板" not in template_prose(real).title and "【模板】" not in render_brief(real, "md", HEADER)


# A long 总结: nine core results, six items heavy with figures, three problems, three next steps.
LONG_REPORT = (
    "桐川经济开发区2025年工作总结\n"
    "2025年，桐川经济开发区实现地区生产总值286.4亿元，同比增长6.8%；规上工业总产值612.7亿元，同比增长9.3%；"
    "固定资产投资154.8亿元，同比增长11.2%；一般公共预算收入27.9亿元，同比增长5.4%；税收收入23.6亿元，"
    "同比增长6.7%；进出口总额96.8亿元，同比增长7.9%；实际利用外资1.26亿美元，同比增长18.3%；"
    "社会消费品零售总额88.5亿元，同比增长4.1%；工业投资82.3亿元，同比增长16.5%。\n"
    "一、主要工作\n"
    "（一）抓项目建设，夯实产业基础。全年实施重点项目86个，总投资412.5亿元，年度完成投资131.6亿元，"
    "占年度计划的103.2%；新开工项目32个，其中亿元以上项目21个；竣工投产项目18个，新增产值46.3亿元；"
    "桐源新材料年产20万吨锂电隔膜项目完成投资12.4亿元，已进入设备调试阶段。\n"
    "（二）抓招商引资，增强发展后劲。全年新签约项目58个，协议总投资326亿元，其中10亿元以上项目9个；"
    "实际到位内资118.6亿元，同比增长12.3%；组建驻外招商小分队6支，开展专题招商活动42场，对接企业310家。\n"
    "（三）抓科技创新，培育新兴动能。新认定高新技术企业46家，总数达到218家；新增省级以上研发平台12个，"
    "全社会研发投入强度达到3.1%；技术合同成交额15.7亿元，同比增长22.6%；引进高层次人才团队14个。\n"
    "（四）抓营商环境，提升服务质效。审批时限压缩至25个工作日以内，为企业解决问题236个，"
    "帮助企业获得银行贷款28.4亿元；减税降费4.2亿元，惠及企业1860家。\n"
    "（五）抓城市配套，完善承载功能。新建道路18.6公里，新增标准厂房36.5万平方米，建成人才公寓1200套；"
    "新增绿地面积21万平方米，建成污水管网23公里。\n"
    "（六）抓安全环保，守牢发展底线。开展安全隐患排查1280次，整改隐患3620项；"
    "空气质量优良天数比例达到84.6%，单位工业增加值能耗下降3.8%。\n"
    "二、存在问题\n"
    "一是部分行业增长乏力，新材料产业产值连续4个月负增长；二是项目储备不足，亿元以上新开工项目偏少，"
    "前期手续办理较慢；三是要素保障趋紧，土地、资金等制约因素较为突出，工业用地供应同比减少15.2%。\n"
    "三、下步打算\n"
    "（一）稳运行。加强重点企业监测调度，确保2026年规上工业总产值增长10%以上。\n"
    "（二）抓项目。全年实施重点项目90个以上，年度计划投资140亿元，新开工项目35个。\n"
    "（三）优服务。深化“放管服”改革，全年新增市场主体2000家。\n"
)
LONG_PROBLEMS = (
    "部分行业增长乏力，新材料产业产值连续4个月负增长",
    "项目储备不足，亿元以上新开工项目偏少，前期手续办理较慢",
    "要素保障趋紧，土地、资金等制约因素较为突出，工业用地供应同比减少15.2%",
)


def laid_out(summary: Summary, pages: float) -> tuple[dict[str, Any], int]:
    """The memo as `fit_to_pages` lays it out for `pages` (from the full table) and its estimated lines."""
    context = brief_context(summary, HEADER)
    fit_to_pages(context, summary, pages)
    return context, estimate_lines(context)


def heads_and_bodies(context: dict[str, Any]) -> list[tuple[str, str]]:
    return [(entry["head"], entry["text"]) for section in context["sections"] for entry in section["entries"]]


@pytest.mark.parametrize("pages", [0, 2, 1.9, 1.5, 1, 0.5])
def test_a_memo_keeps_every_item_and_leaves_out_only_table_rows_it_counts(
    pages: float, tmp_path: Path
) -> None:
    summary = extracted(tmp_path, LONG_REPORT)
    full = brief_context(summary, HEADER)
    context = brief_context(summary, HEADER, pages=pages)
    # every item at every length, each with its heading and a body with a figure
    assert [head for head, _ in heads_and_bodies(context)] == [head for head, _ in heads_and_bodies(full)]
    outline = [e.heading for e in summary.outline if e.kind == "item" and e.part != "存在问题"]
    heads = [head for head, _ in heads_and_bodies(context)]
    assert len(outline) == 9 and all(any(head.endswith(f"）{h}。") for head in heads) for h in outline)
    assert all(any(ch.isdigit() for ch in body) for _, body in heads_and_bodies(context))
    (problems,) = [s for s in context["sections"] if s["title"] == "存在问题"]
    assert all(p in problems["entries"][0]["text"] for p in LONG_PROBLEMS)  # said whole, always
    # the table: a prefix of the full one, what is left out counted and said in Chinese
    rows, left_out = context["indicators"], context["omitted"].get("indicators", 0)
    assert rows == full["indicators"][: len(rows)] and len(rows) + left_out == len(full["indicators"])
    headline = sum(1 for row in full["indicators"] if row["headline"])
    assert len(rows) >= max(MIN_TABLE_ROWS, min(MIN_HEADLINE_ROWS, headline))
    count = "两" if left_out == 2 else chinese_numeral(left_out)  # 两项, as a count is said, not 二项
    said = f"（篇幅所限，另有指标{count}项从略。）"
    assert context["omitted_note"] == (said if left_out else "")
    text = render_brief(summary, "md", HEADER, pages=pages)
    assert ("篇幅所限" in text) == bool(left_out) and (not left_out or context["omitted_note"] in text)
    # a default memo drops nothing; a forced one drops rows only while it does not fit
    laid, lines = laid_out(summary, pages)
    assert laid["indicators"] == rows and laid["omitted"] == context["omitted"]
    budget = int(PAGE_CAPACITY * (pages or AUTO_PAGES))
    assert context["over_budget"] == (lines > budget)
    if not pages:
        assert not left_out
    elif left_out:
        # the memo as it stood before its last row went (its note counting one row fewer)
        before, _ = laid_out(summary, pages)
        before["indicators"] = full["indicators"][: len(rows) + 1]
        before["omitted"] = {"indicators": left_out - 1} if left_out > 1 else {}
        assert estimate_lines(before) > budget


def test_the_long_report_fits_two_pages_by_default_and_not_one(tmp_path: Path) -> None:
    summary = extracted(tmp_path, LONG_REPORT)
    default, lines = laid_out(summary, 0)
    assert not default["over_budget"] and lines <= PAGE_CAPACITY * AUTO_PAGES
    assert not brief_context(summary, HEADER)["omitted"]
    one_page = brief_context(summary, HEADER, pages=1)
    assert one_page["over_budget"] and one_page["omitted"]["indicators"] > 0


def test_more_pages_leave_item_bodies_longer_and_a_short_report_keeps_every_figure(tmp_path: Path) -> None:
    summary = extracted(tmp_path, OUTLINED_REPORT)

    def body_chars(pages: float) -> int:
        return sum(len(body) for _, body in heads_and_bodies(brief_context(summary, HEADER, pages=pages)))

    assert body_chars(0.75) <= body_chars(1) < body_chars(2) == body_chars(0)
    # what fits whole stays whole: every clause with a figure of every item (none without one needed)
    for entry in (e for e in summary.outline if e.kind == "item" and e.part != "存在问题"):
        bodies = heads_and_bodies(brief_context(summary, HEADER))
        (body,) = [b for h, b in bodies if h.endswith(f"）{entry.heading}。")]
        figured = [c for c in entry.text.rstrip("。").split("；") if any(ch.isdigit() for ch in c)]
        assert figured and all(c.removeprefix("一是") in body for c in figured), entry.heading


def test_a_memo_that_cannot_fit_says_so(tmp_path: Path) -> None:
    summary = extracted(tmp_path, LONG_REPORT)
    squeezed = brief_context(summary, HEADER, pages=0.5)
    assert squeezed["over_budget"] and len(heads_and_bodies(squeezed)) == 10
    assert not brief_context(grounded(), HEADER, pages=2)["over_budget"]
    assert not brief_context(grounded(), HEADER)["over_budget"]


def test_a_hundred_and_more_left_out_are_counted_in_correct_chinese() -> None:
    counts = ToolCounts()
    assert omitted_note({"indicators": 130}, counts) == "（篇幅所限，另有指标一百三十项从略。）"
    assert omitted_note({"indicators": 2}, counts) == "（篇幅所限，另有指标两项从略。）"
    assert omitted_note({"indicators": 0}, counts) == omitted_note({}, counts) == ""
    assert counts.written == ["一百三十项", "两项"]  # the tool's own counts, which the figure gate exempts


@pytest.mark.parametrize(
    ("n", "text"),
    [
        (0, "零"),
        (1, "一"),
        (9, "九"),
        (10, "十"),
        (12, "十二"),
        (35, "三十五"),
        (110, "一百一十"),
        (1005, "一千零五"),
    ],
)
def test_chinese_counts(n: int, text: str) -> None:
    assert chinese_numeral(n) == text


def test_facts_carry_changes_and_skip_unknown_status() -> None:
    facts = prose_facts(grounded())
    assert facts[0] == "规模以上工业总产值271.3亿元，同比增长33.9%"
    assert all("未知" not in fact for fact in facts)
    assert all(not fact.startswith("税收") for fact in facts)  # unverified
    statuses = {i.grounding_status for i in grounded().indicators}
    assert GroundingStatus.FIGURE_NOT_IN_SOURCE in statuses


def test_cli_pages_and_prose_settings(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    extracted(tmp_path, LONG_REPORT, "long")
    summary_file = tmp_path / "long.summary.json"
    out = tmp_path / "out"
    args = ["brief", str(summary_file), "-o", str(out), "--prose", "template"]
    capsys.readouterr()
    assert cli.main(args) == 0  # default: what the report needs, up to two pages
    default = (out / "long.brief.md").read_text(encoding="utf-8")
    assert "从略" not in default and "页" not in capsys.readouterr().err
    assert cli.main([*args, "--pages", "0", "--force"]) == 0  # 0 is the default, said explicitly
    assert (out / "long.brief.md").read_text(encoding="utf-8") == default
    assert cli.main([*args, "--pages", "1", "--force"]) == 0
    one_page = (out / "long.brief.md").read_text(encoding="utf-8")
    assert "另有指标" in one_page and "从略" in one_page
    assert "仍超出 1 页" in capsys.readouterr().err  # still too long at its least: the user is told
    # --dry-run: no model runs, so code writes the prose, and no model "failed" or saved raw output
    assert cli.main(["brief", str(summary_file), "-o", str(out), "--dry-run", "--force"]) == 0
    printed = capsys.readouterr().err
    assert "已改用程序生成" not in printed and "原始输出" not in printed
    assert cli.main([*args, "--pages", "-1"]) == 2
    assert "brief_pages" in capsys.readouterr().err


def test_header_defaults_to_the_issuer_as_editor() -> None:
    context = brief_context(grounded(), BriefHeader())
    assert context["header"]["editor"] == "青禾经济开发区"


def test_goals_are_marked_in_the_memo_and_never_reported_as_results() -> None:
    from summarizer.core.summary import Indicator

    summary = grounded()
    goal = Indicator(name="全年总产值", value="突破600亿元", qualifiers=("力争",),
                     grounding_status=GroundingStatus.VERIFIED)  # fmt: skip
    with_goal = summary.model_copy(update={"indicators": [goal, *summary.indicators]})
    assert all("600亿元" not in fact for fact in prose_facts(with_goal))
    assert "600亿元" not in template_prose(with_goal).lead
    context = brief_context(with_goal, HEADER)
    assert context["indicators"] and all("600亿元" not in row["value"] for row in context["indicators"])
    # said only as what is aimed at, with the source's own 力争, where the report plans it
    text = render_brief(with_goal, "md", HEADER)
    said = [line for line in text.splitlines() if "600亿元" in line]
    assert said and all(not line.startswith("|") and "力争" in line for line in said)
    plans = [e["text"] for s in context["sections"] if s["title"] == "下步打算" for e in s["entries"]]
    assert any("力争全年总产值突破600亿元" in t for t in plans)


def test_a_targets_role_words_travel_with_it_in_an_outline_memo(tmp_path: Path) -> None:
    summary = extracted(tmp_path, OUTLINED_REPORT)
    targets = [i for i in summary.indicators if i.is_target]
    assert any(i.value == "增长10%以上" or "10%以上" in i.value + i.change for i in targets)
    prose = template_prose(summary)
    assert "10%以上" not in prose.lead + prose.title and all("10%以上" not in f for f in prose_facts(summary))
    context = brief_context(summary, HEADER)
    assert not any("10%以上" in row["value"] + row["change"] for row in context["indicators"])
    bodies = [e["text"] for s in context["sections"] for e in s["entries"]]
    assert any("确保全年规上工业总产值增长10%以上" in body for body in bodies)


def test_a_pasted_fact_list_is_not_a_lead() -> None:
    pasted = {
        **GOOD,
        "lead": "青禾经济开发区2025年上半年，项目：年产12万吨聚酯切片项目，在建，无。问题：要素保障压力大。",
    }
    prose = write_prose(grounded(), FakeBackend([reply(pasted), reply(pasted)]))
    assert prose.written_by == "template" and "照抄要点的格式" in prose.problems[0]
