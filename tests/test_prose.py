"""The memo's short prose (标题/导语/按语) from the model, checked; and the page budget with trimming."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from summarizer.backends.fake import FakeBackend
from summarizer.cli import commands as cli
from summarizer.core.summary import GroundingStatus, Summary
from summarizer.outputs.brief import (
    PAGE_CAPACITY,
    TRIM_ORDER,
    BriefHeader,
    brief_context,
    estimate_lines,
    render_brief,
)
from summarizer.outputs.prose import prose_facts, template_prose, write_prose
from summarizer.text.numerals import chinese_numeral

from .test_brief import HEADER, grounded

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
    assert backend.history == [] and prose.written_by == "template"
    assert prose.lead == "青禾经济开发区2025年上半年主要工作情况如下。"


def many_items(summary: Summary, n: int) -> Summary:
    """The same summary with n copies of every list item (all keep their grounding verdicts)."""
    return summary.model_copy(
        update={
            name: [item.model_copy(update={"name": f"{item.name}（{'甲乙丙丁戊己'[k]}）"}
                                   if hasattr(item, "name") else {})
                   for k in range(n) for item in getattr(summary, name)]
            for name in ("indicators", "projects", "measures", "problems", "next_steps")
        }
    )  # fmt: skip


def test_a_long_summary_is_trimmed_to_one_page_lowest_priority_first() -> None:
    summary = grounded()
    measure = summary.measures[0]
    long = summary.model_copy(
        update={
            "measures": [measure.model_copy(update={"text": measure.text + k}) for k in "甲乙丙丁戊己庚辛"]
        }
    )
    full = brief_context(long, HEADER, pages=0)
    assert estimate_lines(full) > PAGE_CAPACITY and not any(full["omitted"].values())
    fitted = brief_context(long, HEADER, pages=1.25)
    assert estimate_lines(fitted) <= int(PAGE_CAPACITY * 1.25) < estimate_lines(full)
    # only the lowest-priority list was cut, and only as far as needed; everything else is whole
    kept = sum(len(items) for _, items in fitted["measures"])
    assert 0 < kept < 8 and fitted["omitted"]["measures"] == chinese_numeral(8 - kept) + "项"
    assert all(not fitted["omitted"][k] for k in ("indicators", "projects", "problems", "next_steps"))
    assert [len(fitted[k]) for k in ("indicators", "projects", "problems", "next_steps")] == [2, 1, 2, 1]
    text = render_brief(long, "md", HEADER, pages=1.25)
    assert f"（篇幅所限，另有做法{chinese_numeral(8 - kept)}项从略。）" in text  # no file to look up


def test_trimming_stops_at_each_lists_floor_and_keeps_a_problem() -> None:
    fitted = brief_context(many_items(grounded(), 6), HEADER, pages=1)
    floors = {**dict(TRIM_ORDER), "projects": 0}  # the last pass gives up the project line too
    assert all(len(fitted[k]) == floors[k] for k in ("indicators", "projects", "problems", "next_steps"))
    assert fitted["problems"] and fitted["omitted"]["problems"] == "十一项"  # 12 problems, one kept


def test_two_pages_keep_more_than_one() -> None:
    long = many_items(grounded(), 6)
    one, two = brief_context(long, HEADER, pages=1), brief_context(long, HEADER, pages=2)
    assert sum(len(two[k]) for k in ("indicators", "projects", "problems")) > sum(
        len(one[k]) for k in ("indicators", "projects", "problems")
    )


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
    summary_file = tmp_path / "qinghe.summary.json"
    summary_file.write_text(many_items(grounded(), 6).model_dump_json(), encoding="utf-8")
    out = tmp_path / "out"
    args = ["brief", str(summary_file), "-o", str(out), "--prose", "template"]
    assert cli.main([*args, "--pages", "0"]) == 0
    unlimited = (out / "qinghe.brief.md").read_text(encoding="utf-8")
    assert cli.main([*args, "--force"]) == 0  # default: one page
    one_page = (out / "qinghe.brief.md").read_text(encoding="utf-8")
    assert "从略" in one_page and "从略" not in unlimited
    # --dry-run: the fake backend answers with nothing usable, so code writes the prose and says so
    assert cli.main(["brief", str(summary_file), "-o", str(out), "--dry-run", "--force"]) == 0
    assert "已改用程序生成" in capsys.readouterr().err
    assert cli.main([*args, "--pages", "-1"]) == 2
    assert "brief_pages" in capsys.readouterr().err


def test_header_defaults_to_the_issuer_as_editor() -> None:
    context = brief_context(grounded(), BriefHeader())
    assert context["header"]["editor"] == "青禾经济开发区"


def test_a_memo_that_cannot_fit_says_so() -> None:
    at_floor = brief_context(many_items(grounded(), 6), HEADER, pages=0.5)
    assert at_floor["over_budget"] and at_floor["problems"]
    assert not brief_context(grounded(), HEADER, pages=2)["over_budget"]


def test_goals_are_marked_in_the_memo_and_never_reported_as_results() -> None:
    from summarizer.core.summary import Indicator

    summary = grounded()
    goal = Indicator(name="全年总产值", value="突破600亿元", qualifiers=("力争",),
                     grounding_status=GroundingStatus.VERIFIED)  # fmt: skip
    with_goal = summary.model_copy(update={"indicators": [goal, *summary.indicators]})
    assert all("600亿元" not in fact for fact in prose_facts(with_goal))
    assert "600亿元" not in template_prose(with_goal).lead
    context = brief_context(with_goal, HEADER)
    assert all("600亿元" not in row["value"] for row in context["indicators"])  # never among results
    assert context["targets"] == [{"text": "全年总产值突破600亿元", "note": "（目标）", "mark": ""}]
    text = render_brief(with_goal, "md", HEADER)
    assert "### 五、下步打算\n\n- 全年总产值突破600亿元（目标）\n" in text  # said as what is aimed at


def test_a_pasted_fact_list_is_not_a_lead() -> None:
    pasted = {
        **GOOD,
        "lead": "青禾经济开发区2025年上半年，项目：年产12万吨聚酯切片项目，在建，无。问题：要素保障压力大。",
    }
    prose = write_prose(grounded(), FakeBackend([reply(pasted), reply(pasted)]))
    assert prose.written_by == "template" and "照抄要点的格式" in prose.problems[0]
