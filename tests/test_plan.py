"""工作计划 drafts from grounded summaries: targets, carried projects, tasks, the gate, last plan's check."""

from __future__ import annotations

import io
import json
from pathlib import Path

import pytest

from summarizer.cli import commands as cli
from summarizer.core.errors import RenderGateError, UsageError
from summarizer.core.models import LoadedText
from summarizer.core.summary import GroundingStatus, Summary
from summarizer.grounding.ground import PROPOSAL_MARK, check_rendered
from summarizer.outputs import plan as plan_module
from summarizer.outputs.plan import (
    plan_context,
    plan_period,
    render_plan,
    render_plan_docx,
    render_plan_json,
)
from summarizer.outputs.plancheck import TASK_MATCH_THRESHOLD, review_previous_plan, task_overlap
from summarizer.text.analyze import analyze_text
from summarizer.text.periods import next_period

from .conftest import DATA
from .summaries import written_summary

# An invented zone and invented figures (never taken from real reports).
REPORT = (
    "檀溪经济开发区2025年工作总结\n"
    "2025年，全区规模以上工业总产值386.5亿元，同比增长12.4%；一般公共预算收入12.6亿元，同比增长6.5%；"
    "固定资产投资52.8亿元，同比下降3.1%；实际利用外资1.2亿美元。全年新引进企业18家。\n"
    "一、项目建设\n"
    "檀溪锂电年产5GWh电芯项目总投资32亿元，已开工建设。华峰精密机械项目竣工投产。"
    "云帆物流园项目总投资6.5亿元，已完成签约。东岭光伏项目正在洽谈。\n"
    "二、主要做法\n"
    "建成智慧园区平台一期，企业诉求一网通办。组建招商专班赴长三角招商。实行重点项目周调度。\n"
    "三、存在问题\n"
    "一是土地指标紧张；二是高端人才引进不足。\n"
    "四、2026年工作打算\n"
    "力争明年规上工业总产值增长8%。推进檀溪锂电项目建成投产。开展双招双引专项行动。优化企业服务专员制度。\n"
)
META = {
    "title": "檀溪经济开发区2025年工作总结",
    "issuer": "檀溪经济开发区",
    "period": "2025年",
    "doc_type": "summary_with_next_steps",
}
NEXT_STEPS = [
    "力争明年规上工业总产值增长8%",
    "推进檀溪锂电项目建成投产",
    "开展双招双引专项行动",
    "优化企业服务专员制度",
]
SECTION: dict[str, object] = {
    "indicators": [
        {"name": "规模以上工业总产值", "value": "386.5亿元", "change": "同比增长12.4%"},
        {"name": "一般公共预算收入", "value": "12.6亿元", "change": "同比增长6.5%"},
        {"name": "固定资产投资", "value": "52.8亿元", "change": "同比下降3.1%"},
        {"name": "实际利用外资", "value": "1.2亿美元"},
        {"name": "新引进企业", "value": "18家"},
        {"name": "税收", "value": "9.9亿元"},  # not in the report: 【待核】
    ],
    "projects": [
        {"name": "年产5GWh电芯项目", "company": "檀溪锂电", "investment": "总投资32亿元", "status": "开工"},
        {"name": "华峰精密机械项目", "status": "投产"},
        {"name": "云帆物流园项目", "investment": "总投资6.5亿元", "status": "签约"},
        {"name": "东岭光伏项目", "investment": "总投资3亿元", "status": "在谈"},  # amount not in the report
    ],
    "measures": [
        {"theme": "营商环境", "text": "建成智慧园区平台一期，企业诉求一网通办"},
        {"theme": "招商引资", "text": "组建招商专班赴长三角招商"},
        {"theme": "项目建设", "text": "实行重点项目周调度"},
    ],
    "problems": ["土地指标紧张", "高端人才引进不足"],
    "next_steps": NEXT_STEPS,
}
PLAN_2025 = (
    "檀溪经济开发区2025年工作计划\n"
    "一、主要目标\n"
    "规模以上工业总产值增长10%；固定资产投资达到60亿元；确保新引进企业15—20家；实际利用外资1.5亿元；"
    "研发经费投入增长15%。\n"
    "二、重点任务\n"
    "推进檀溪锂电年产5GWh电芯项目开工建设；推动华峰精密机械项目竣工投产；云帆物流园项目年内竣工；"
    "启动青石冷链仓储项目。建设智慧园区平台；开展双招双引专项行动；完善人才公寓配套。\n"
)
PLAN_META = {
    "title": "檀溪经济开发区2025年工作计划",
    "issuer": "檀溪经济开发区",
    "period": "2025年",
    "doc_type": "plan",
}
PLAN_SECTION = {
    "indicators": [
        {"name": "规模以上工业总产值", "value": "增长10%"},
        {"name": "固定资产投资", "value": "60亿元"},
        {"name": "实际利用外资", "value": "1.5亿元"},  # 元 here, 美元 in the summary: not comparable
    ],
    "goals": ["确保新引进企业15—20家", "研发经费投入增长15%"],
    "projects": [
        {"name": "檀溪锂电年产5GWh电芯项目", "status": "开工"},
        {"name": "华峰精密机械项目", "status": "投产"},
        {"name": "云帆物流园项目", "status": "竣工"},
        {"name": "青石冷链仓储项目", "status": "计划"},
    ],
    "next_steps": ["建设智慧园区平台", "开展双招双引专项行动", "完善人才公寓配套"],
}


def drafted(tmp_path: Path, text: str) -> str:
    """The plan `summarizer plan` drafts, without a model, from a report of this text."""
    report = tmp_path / "r.txt"
    report.write_text(text, encoding="utf-8")
    assert cli.main(["plan", str(report), "--dry-run", "-o", str(tmp_path / "out")]) == 0
    return (tmp_path / "out" / "r.plan.md").read_text(encoding="utf-8")


def grounded(
    report: str = REPORT,
    meta: dict[str, str] = META,
    section: dict[str, object] = SECTION,
    source: str = "tanxi.txt",
) -> Summary:
    doc = analyze_text(LoadedText(source=source, format="text", text=report))
    return written_summary(doc, meta, section)


def last_plan() -> Summary:
    return grounded(PLAN_2025, PLAN_META, PLAN_SECTION, "tanxi-plan-2025.txt")


def row(text: str, name: str) -> str:
    return next(line for line in text.splitlines() if line.startswith(f"| {name} |"))


def test_markdown_plan_matches_the_golden_file() -> None:
    text = render_plan(grounded(), previous=last_plan())
    golden = DATA / "plan" / "tanxi.plan.md"
    assert text == golden.read_text(encoding="utf-8")


@pytest.mark.parametrize(
    ("period", "following"),
    [
        ("2025年", "2026年"),
        ("2025年度", "2026年"),
        ("2025年上半年", "2025年下半年"),
        ("2025年1-6月", "2025年下半年"),
        ("2025年下半年", "2026年上半年"),
        ("2025年1-9月", "2025年四季度"),
        ("2025年前三季度", "2025年四季度"),
        ("2025年三季度", "2025年四季度"),
        ("2025年第四季度", "2026年一季度"),
        ("2025年1-5月", "2025年6月"),
        ("2025年12月", "2026年1月"),
        ("２０２５年上半年", "2025年下半年"),
        ("上半年", "下半年"),  # within the year: no year needed
        ("下半年", None),  # crosses into a year the report does not name
        ("2025年3-8月", None),
        ("十四五期间", None),
        ("", None),
    ],
)
def test_the_next_period_is_derived_only_when_it_is_certain(period: str, following: str | None) -> None:
    assert next_period(period) == following


def test_period_and_unit_fall_back_to_visible_placeholders() -> None:
    summary = grounded()
    assert plan_period(summary) == "2026年"
    assert plan_period(summary, "2026年上半年") == "2026年上半年"
    with pytest.raises(UsageError, match="--period"):
        plan_period(summary, "未来12个月")
    unknown = summary.model_copy(
        update={"meta": summary.meta.model_copy(update={"issuer": "", "period": ""})}
    )
    assert plan_context(unknown)["title"] == "【待补】【待补】工作计划"
    assert render_plan(summary).startswith("# 檀溪经济开发区2026年工作计划\n")


def test_a_proposed_target_carries_its_mark_and_basis_on_its_own_line() -> None:
    assert "【建议值】" not in render_plan(grounded())  # proposals only when asked for
    text = render_plan(grounded(), propose=True)
    revenue = row(text, "一般公共预算收入")
    # an absolute value with its basis written out: 12.6 × 1.065
    assert "| 约13.4亿元【建议值】（按本期增速，以2025年12.6亿元增长6.5%测算） |" in revenue
    for line in text.splitlines():
        if "13.4亿元" in line:
            assert PROPOSAL_MARK in line
    # the mark is what lets the computed figure through: without it the gate stops the line
    assert check_rendered(revenue.replace(PROPOSAL_MARK, ""), grounded()) == ["约13.4亿元"]


def test_a_growth_proposal_for_another_period_shape_has_no_computed_amount() -> None:
    # a half year's growth is measured on another base: propose the rate, never 12.6 × 1.065
    revenue = row(render_plan(grounded(), period="2026年上半年", propose=True), "一般公共预算收入")
    assert "增长6.5%左右【建议值】（按本期增速）" in revenue and "13.4" not in revenue


def test_a_target_the_source_states_is_used_as_written() -> None:
    output = row(render_plan(grounded()), "规模以上工业总产值")
    # the report's own target, as it words it, beside this period's value; never a computed one
    assert output == "| 规模以上工业总产值 | 386.5亿元，同比增长12.4% | 力争明年规上工业总产值增长8% |"
    proposed = row(render_plan(grounded(), propose=True), "规模以上工业总产值")
    assert proposed.endswith("| 力争明年规上工业总产值增长8% | — |")  # its own target: nothing proposed


def test_a_target_for_the_reported_period_is_not_taken_for_next_periods() -> None:
    section = {**SECTION, "next_steps": ["2025年规上工业总产值增长12.4%"]}
    report = REPORT.replace("力争明年规上工业总产值增长8%。", "2025年规上工业总产值增长12.4%。")
    summary = grounded(report, section=section)
    assert summary.next_steps[0].grounding_status == "verified"  # skipped for its year, not as unverified
    names = [t["name"] for t in plan_context(grounded(report, section=section))["targets"]]
    assert "规模以上工业总产值" not in names  # this year's figure is no target for next year
    proposed = plan_context(grounded(report, section=section), propose=True)["targets"]
    target = next(t for t in proposed if t["name"] == "规模以上工业总产值")
    assert target["basis"] == "proposal" and target["target"] == "—"


def test_an_indicator_with_neither_a_target_nor_a_basis_is_no_row() -> None:
    """No 【待定】 rows: without the report's target, and without a rate to propose from (none given, a
    decline, an unverified actual), an indicator is simply not in the table."""
    for propose in (False, True):
        targets = {t["name"]: t for t in plan_context(grounded(), propose=propose)["targets"]}
        assert not {"实际利用外资", "固定资产投资", "税收"} & set(targets)
        assert all("【待定】" not in t["target"] + t["proposal"] for t in targets.values())
    assert {t["basis"] for t in plan_context(grounded(), propose=True)["targets"]} == {"source", "proposal"}


def test_finished_projects_are_not_carried_and_the_rest_get_their_next_milestone() -> None:
    context = plan_context(grounded())
    carried = {p["name"]: p for p in context["projects"]}
    assert "华峰精密机械项目" not in carried and context["finished"] == "一"
    assert (
        carried["年产5GWh电芯项目"]["next"] == "加快建设、竣工投产（建议）"
    )  # the program's reading of its status
    assert carried["云帆物流园项目"]["next"] == "开工建设（建议）"
    assert carried["云帆物流园项目"]["investment"] == "总投资6.5亿元"
    # an amount the report does not hold is left out, and the line says 待核
    assert carried["东岭光伏项目"]["investment"] == "" and carried["东岭光伏项目"]["mark"] == "【待核】"
    line = next(x for x in render_plan(grounded()).splitlines() if "东岭光伏项目" in x)
    assert "3亿元" not in line and "下步签约落地（建议）。【待核】【责任单位：项目建设部门（建议）】" in line


def test_next_steps_become_tasks_with_a_suggested_owner_and_deadline() -> None:
    text = render_plan(grounded())
    tasks = text.split("### （二）重点工作\n\n")[1].split("\n\n")[0].splitlines()
    owners = ["项目建设部门", "招商部门", "政务服务部门"]  # by the head of each line
    # the first step only says the target again: it is the table's row, no task besides
    assert NEXT_STEPS[0].rstrip("。") in text.split("## 三", 1)[0]
    assert tasks == [
        f"{n}. {t.replace('明年', '2026年').rstrip('。')}。"
        f"【责任单位：{o}（建议）】【完成时限：2026年12月底前（建议）】"
        for n, (t, o) in enumerate(zip(NEXT_STEPS[1:], owners, strict=True), start=1)
    ]
    # a period without a year: its end month, still a suggestion, never a year made up
    unknown = render_plan(grounded(), period="下半年")
    assert "【完成时限：12月底前（建议）】" in unknown and "2026年12月" not in unknown


def test_missing_sections_are_visible_placeholders_not_invented_text() -> None:
    empty = {"indicators": [], "projects": [], "measures": [], "problems": [], "next_steps": []}
    # nothing extracted and nothing quoted (the report's 下步打算 sentences are quoted otherwise)
    text = render_plan(grounded(section=empty).model_copy(update={"next_steps": [], "problems": []}))
    for placeholder in (
        "【待补】原文未提出总体思路，需研究补充。",
        "【待补】原文未提出量化目标，主要目标需研究确定。",
        "【待补】原文未列出下步工作。",
    ):
        assert placeholder in text
    assert "保障措施" not in text  # the report has none: no section, no filler line
    assert "上期计划完成情况" not in text


def test_the_gate_stops_a_template_that_leaks_an_invented_or_unverified_figure(tmp_path: Path) -> None:
    invented = tmp_path / "invented.md.j2"
    invented.write_text("{{ title }}\n明年力争总产值突破500亿元\n", encoding="utf-8")
    with pytest.raises(RenderGateError, match="500亿元"):
        render_plan(grounded(), template=invented)
    unmarked = tmp_path / "unmarked.md.j2"  # prints actuals without their 【待核】 mark
    unmarked.write_text("{% for t in targets %}{{ t.name }} {{ t.actual }}\n{% endfor %}", encoding="utf-8")
    doubted = grounded()  # its 386.5亿元 found under another name: every finding and the item say so
    wrong = GroundingStatus.MISATTRIBUTED
    assert doubted.grounding is not None
    findings = [
        f.model_copy(update={"status": wrong}) if "386.5亿元" in f.written else f
        for f in doubted.grounding.findings
    ]
    doubted = doubted.model_copy(
        update={
            "indicators": [
                i.model_copy(update={"grounding_status": wrong}) if i.value == "386.5亿元" else i
                for i in doubted.indicators
            ],
            "grounding": doubted.grounding.model_copy(update={"findings": findings}),
        }
    )
    with pytest.raises(RenderGateError, match=r"386\.5亿元"):
        render_plan(doubted, template=unmarked)
    unproposed = tmp_path / "unproposed.md.j2"  # a proposal with its mark stripped is a fact in disguise
    unproposed.write_text(
        "{% for t in targets %}{{ t.proposal | replace('【建议值】', '') }}\n{% endfor %}", encoding="utf-8"
    )
    with pytest.raises(RenderGateError, match=r"13\.4亿元"):
        render_plan(grounded(), template=unproposed, propose=True)


def test_last_plan_is_checked_item_by_item_with_evidence() -> None:
    current = grounded()
    review = review_previous_plan(last_plan(), current)
    targets = {c.planned: c for c in review.targets}
    assert targets["规模以上工业总产值增长10%"].status == "完成"  # 12.4% ≥ 10%
    assert targets["固定资产投资60亿元"].status == "部分完成"  # 52.8亿元 < 60亿元
    assert targets["确保新引进企业15—20家"].status == "完成"  # 18 within 15—20
    assert targets["研发经费投入增长15%"].status == "未提及"
    foreign = targets["实际利用外资1.5亿元"]
    assert foreign.status == "无法比较" and "单位不同" in foreign.note and "美元" in foreign.note
    # evidence: this period's item, located in this period's report
    evidence = targets["规模以上工业总产值增长10%"].evidence
    assert evidence is not None and evidence.source == "tanxi.txt"
    assert any(REPORT[s.start : s.end] == "12.4%" for s in evidence.spans)
    projects = {c.planned: c.status for c in review.projects}
    assert projects == {
        "檀溪锂电年产5GWh电芯项目（计划开工）": "完成",
        "华峰精密机械项目（计划投产）": "完成",
        "云帆物流园项目（计划竣工）": "部分完成",  # only signed
        "青石冷链仓储项目": "未提及",
    }
    tasks = {c.planned: c for c in review.tasks}
    assert tasks["建设智慧园区平台"].status == "完成"  # among this period's 做法
    assert tasks["开展双招双引专项行动"].status == "部分完成"  # still a 下步打算
    assert tasks["完善人才公寓配套"].status == "未提及" and tasks["完善人才公寓配套"].evidence is None
    smart = tasks["建设智慧园区平台"].evidence
    assert smart is not None and REPORT[smart.spans[0].start : smart.spans[0].end].startswith(
        "建成智慧园区平台一期"
    )


def test_targets_of_another_period_are_not_compared() -> None:
    half = {**META, "title": "檀溪经济开发区2025年上半年工作总结", "period": "2025年上半年"}
    report = REPORT.replace("2025年工作总结", "2025年上半年工作总结")
    review = review_previous_plan(last_plan(), grounded(report, half))
    output = next(c for c in review.targets if c.planned == "规模以上工业总产值增长10%")
    assert output.status == "无法比较"
    assert output.note == "时期不同：目标为2025年，本期为2025年上半年"


def test_task_matching_uses_a_documented_threshold_on_text_only() -> None:
    shared, share = task_overlap("建设智慧园区平台", "建成智慧园区平台一期")
    assert shared >= 3 and share >= TASK_MATCH_THRESHOLD
    # generic verbs alone are no match
    assert task_overlap("加快推进项目建设", "加快推进招商引资")[0] == 0


def test_docx_opens_back_with_title_headings_tables_and_placeholders(tmp_path: Path) -> None:
    import docx

    path = tmp_path / "plan.docx"
    path.write_bytes(render_plan_docx(grounded(), previous=last_plan()))
    doc = docx.Document(str(path))
    title = next(p for p in doc.paragraphs if p.style.name == "Title")
    assert title.text == "檀溪经济开发区2026年工作计划"
    headings = [p.text for p in doc.paragraphs if p.style.name == "Heading 1"]
    assert headings == [
        "一、总体思路",
        "二、主要目标",
        "三、重点任务",
        "四、上期计划完成情况",  # no 保障措施 of the report's own: no such section
    ]
    goals = doc.tables[0]
    assert [c.text for c in goals.rows[0].cells] == ["指标", "2025年完成情况", "目标（原文）"]
    cells = {r.cells[0].text: [c.text for c in r.cells] for r in goals.rows[1:]}
    assert cells == {
        "规模以上工业总产值": [
            "规模以上工业总产值",
            "386.5亿元，同比增长12.4%",
            "力争明年规上工业总产值增长8%",
        ]
    }
    proposed = docx.Document(io.BytesIO(render_plan_docx(grounded(), propose=True))).tables[0]
    assert [c.text for c in proposed.rows[0].cells][3] == "建议值"
    rows = {r.cells[0].text: [c.text for c in r.cells] for r in proposed.rows[1:]}
    assert rows["一般公共预算收入"][3] == "约13.4亿元【建议值】（按本期增速，以2025年12.6亿元增长6.5%测算）"
    texts = [p.text for p in doc.paragraphs]
    assert "开展双招双引专项行动。【责任单位：招商部门（建议）】【完成时限：2026年12月底前（建议）】" in texts
    statuses = [r.cells[1].text for r in doc.tables[1].rows[1:]]
    assert statuses == ["完成", "部分完成", "无法比较", "完成", "未提及"]


def test_json_keeps_marks_beside_values_and_spans_for_the_evidence() -> None:
    data = json.loads(render_plan_json(grounded(), previous=last_plan()))
    [output] = data["targets"]
    assert output == {
        "name": "规模以上工业总产值",
        "actual": "386.5亿元，同比增长12.4%",
        "actual_mark": "",
        "target": "力争明年规上工业总产值增长8%",
        "mark": "",
        "proposal": "",
        "basis": "source",
    }
    evidence = data["previous"]["targets"][0]["evidence"]
    assert evidence["item"] == "indicators[0]" and evidence["spans"][0].keys() == {"start", "end"}


def test_render_plans_gives_every_plan_format_and_no_html(tmp_path: Path) -> None:
    from summarizer.core.config import Settings
    from summarizer.jobs.deliverables import render_plans

    rendered = render_plans(grounded(), Settings(backend="fake"), ["md", "html", "docx"])
    assert list(rendered) == ["md", "docx"]  # a plan is a working draft: no HTML page
    assert isinstance(rendered["docx"], bytes) and rendered["docx"][:2] == b"PK"
    assert isinstance(rendered["md"], str) and rendered["md"].startswith("#")


def test_plan_command_from_summaries_and_from_a_report(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    summary_file, plan_file = tmp_path / "tanxi.summary.json", tmp_path / "plan2025.summary.json"
    summary_file.write_text(grounded().model_dump_json(), encoding="utf-8")
    plan_file.write_text(last_plan().model_dump_json(), encoding="utf-8")
    (tmp_path / "tanxi.txt").write_text(REPORT, encoding="utf-8")  # the reports they are re-checked against
    (tmp_path / "tanxi-plan-2025.txt").write_text(PLAN_2025, encoding="utf-8")
    out = tmp_path / "out"
    assert cli.main(["plan", str(summary_file), "--previous-plan", str(plan_file), "-o", str(out)]) == 0
    golden = (DATA / "plan" / "tanxi.plan.md").read_text(encoding="utf-8")
    assert (out / "tanxi.plan.md").read_text(encoding="utf-8") == golden
    assert (
        cli.main(["plan", str(summary_file), "-f", "docx", "--period", "2026年上半年", "-o", str(out)]) == 0
    )
    assert (out / "tanxi.plan.docx").read_bytes()[:2] == b"PK"
    report = tmp_path / "r.txt"
    report.write_text(REPORT, encoding="utf-8")
    assert cli.main(["plan", str(report), "--dry-run", "-f", "json", "-o", str(tmp_path / "b")]) == 0
    data = json.loads((tmp_path / "b" / "r.plan.json").read_text(encoding="utf-8"))
    # no model, but the report's own 下步打算 sentences are quoted as tasks (never invented ones)
    tasks = [t["text"] if isinstance(t, dict) else str(t) for t in data["tasks"]]
    # (明年 of the report is said as 2026年 in the 2026 plan)
    quoted = [task.split("【")[0].replace("2026年", "明年") for task in tasks]
    assert tasks and all(part in REPORT for part in quoted)
    assert (tmp_path / "b" / "r.summary.json").exists()
    capsys.readouterr()


@pytest.mark.parametrize("broken", ["missing", "summary", "previous"])
def test_bad_input_exits_3_with_a_chinese_message_and_no_output(
    broken: str, capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    good = tmp_path / "tanxi.summary.json"
    good.write_text(grounded().model_dump_json(), encoding="utf-8")
    bad = tmp_path / "bad.summary.json"
    bad.write_text('{"source": "x.txt", "meta": {"doc_type": "总结"}}', encoding="utf-8")
    missing = tmp_path / "nowhere.txt"
    args = {
        "missing": [str(missing)],
        "summary": [str(bad)],
        "previous": [str(good), "--previous-plan", str(tmp_path / "nowhere.summary.json")],
    }[broken]
    out = tmp_path / "out"
    assert cli.main(["plan", *args, "--dry-run", "-o", str(out)]) == 3
    err = capsys.readouterr().err
    assert "错误" in err and ("不存在" in err or "不是有效的摘要" in err)
    assert "Traceback" not in err
    assert not out.exists() or not list(out.glob("*.plan.*"))


def test_a_target_is_matched_to_its_own_indicator_never_a_neighbour() -> None:
    from summarizer.core.summary import Indicator

    summary = grounded()
    v = GroundingStatus.VERIFIED
    firms = Indicator(
        name="新增规模以上工业企业", value="21家", role="result", headline=False, grounding_status=v
    )
    output_target = Indicator(
        name="规模以上工业总产值增长", value="增长10%以上", role="target", grounding_status=v
    )
    with_targets = summary.model_copy(update={"indicators": [*summary.indicators, firms, output_target]})
    rows = {t["name"]: t for t in plan_context(with_targets)["targets"]}
    assert rows["规模以上工业总产值"]["target"] == "增长10%以上"
    assert rows["规模以上工业总产值"]["basis"] == "source"
    assert all("10%" not in t["target"] for name, t in rows.items() if name != "规模以上工业总产值")


def test_tasks_carry_the_quantities_of_their_source_text_once() -> None:
    from summarizer.core.summary import TextItem

    v = GroundingStatus.VERIFIED
    step = TextItem(
        text="全力推进项目建设", detail="全力推进项目建设。推动12个项目年内竣工投产。", grounding_status=v
    )
    twice = grounded().model_copy(update={"next_steps": [step, step]})
    tasks = plan_context(twice)["tasks"]
    assert [t["text"] for t in tasks] == ["全力推进项目建设。推动12个项目年内竣工投产。"]


def test_a_relative_date_of_the_report_is_said_for_the_new_period() -> None:
    from summarizer.core.summary import TextItem

    step = TextItem(text="推动檀溪锂电项目明年3月投产", grounding_status=GroundingStatus.VERIFIED)
    summary = grounded().model_copy(update={"next_steps": [step]})
    assert plan_context(summary)["tasks"][0]["text"] == "推动檀溪锂电项目2026年3月投产。"  # 明年 of 2025
    # no year: as written
    assert plan_context(summary, period="下半年")["tasks"][0]["text"] == step.text + "。"


WORK_IDEAS = (
    "柏岭经济开发区2026年工作思路\n"
    "一、2025年工作回顾\n"
    "2025年，开发区实现规上工业总产值120.4亿元，同比增长8.2%；固定资产投资20.5亿元，同比增长6.1%。\n"
    "二、2026年主要目标\n"
    "规上工业总产值增长10%以上；固定资产投资增长8%。\n"
    "三、重点任务\n"
    "一是推动柏岭新材料年产5万吨改性树脂项目一季度竣工投产；二是年底前建成标准厂房10万平方米；"
    "三是6月底前完成园区道路改造。\n"
)


def test_a_work_ideas_document_becomes_the_plan_of_its_own_year_on_last_years_results() -> None:
    from summarizer.backends.fake import FakeBackend
    from summarizer.grounding.ground import apply_policy, ground
    from summarizer.llm.extract import Extractor

    doc = analyze_text(LoadedText(source="bailing.txt", format="text", text=WORK_IDEAS))
    extracted = Extractor(FakeBackend(default=lambda m, s: "{}")).extract(doc)
    summary = apply_policy(extracted, ground(extracted, doc), "flag")
    assert {i.value: i.period for i in summary.indicators}["10万平方米"] == ""  # not 一是's 一季度
    assert summary.meta.doc_type == "plan" and plan_period(summary) == "2026年"
    context = plan_context(summary)
    assert context["title"] == "柏岭经济开发区2026年工作计划" and context["report_period"] == "2025年"
    [output] = [t for t in context["targets"] if t["name"] == "规上工业总产值"]
    assert output["target"] == "增长10%以上" and output["proposal"] == ""  # as the plan words it
    deadlines = [t["deadline"] for t in context["tasks"]]
    assert deadlines == [  # the source's own deadlines, said for the plan's year: no （建议）
        "【完成时限：2026年3月底前】",  # 一季度竣工投产
        "【完成时限：2026年12月底前】",  # 年底前
        "【完成时限：2026年6月底前】",  # 6月底前
    ]
    assert context["projects"] == []  # the plan's own new project is its task, not a 续建项目
    assert "续建项目" not in render_plan(summary)  # no 续建 heading without a project to carry


def test_a_work_ideas_document_with_targets_only_in_its_tasks_says_where_they_are() -> None:
    from summarizer.backends.fake import FakeBackend
    from summarizer.grounding.ground import apply_policy, ground
    from summarizer.llm.extract import Extractor

    text = WORK_IDEAS.replace(
        "一、2025年工作回顾\n2025年，开发区实现规上工业总产值120.4亿元，同比增长8.2%；固定资产投资20.5亿元，同比增长6.1%。\n",
        "",
    ).replace("二、2026年主要目标\n规上工业总产值增长10%以上；固定资产投资增长8%。\n", "")
    doc = analyze_text(LoadedText(source="bailing.txt", format="text", text=text))
    extracted = Extractor(FakeBackend(default=lambda m, s: "{}")).extract(doc)
    summary = apply_policy(extracted, ground(extracted, doc), "flag")
    # the targets its tasks set are its targets; a project's own size (年产5万吨) is none
    names = [t["name"] for t in plan_context(summary)["targets"]]
    assert names and not any(name.startswith("年产") for name in names)
    assert all(t["target"] and t["actual"] == "—" for t in plan_context(summary)["targets"])


def test_a_plans_own_targets_are_its_table_as_worded_and_proposals_need_asking(tmp_path: Path) -> None:
    text = (
        "石溪经济开发区2026年工作要点\n"
        "全年力争规上工业总产值增长10%以上；确保新签约亿元以上项目不少于20个；新增规上工业企业12家。\n"
        "一、项目建设\n（一）推动年产8万吨改性塑料项目一季度投产；年底前建成标准厂房10万平方米。\n"
    )
    report = tmp_path / "r.txt"
    report.write_text(text, encoding="utf-8")
    out = tmp_path / "out"
    assert cli.main(["plan", str(report), "--dry-run", "-o", str(out)]) == 0
    plan = (out / "r.plan.md").read_text(encoding="utf-8")
    goals = plan.split("## 二、主要目标", 1)[1].split("## 三", 1)[0]
    assert "| 指标 | 目标（原文） |" in goals  # a plan has no actual of its own period beside its targets
    # its opening sets the year's aims: that list is the table, a task's figure stays in its task
    for worded in ("力争增长10%以上", "确保不少于20个", "| 新增规上工业企业 | 12家 |"):
        assert worded in goals
    assert "10万平方米" not in goals and "年底前建成标准厂房10万平方米" in plan.split("## 三", 1)[1]
    assert "年产" not in goals and "【建议值】" not in plan and "【待定】" not in plan
    assert cli.main(["plan", str(report), "--dry-run", "-o", str(out), "--propose", "--force"]) == 0
    assert "建议值" in (out / "r.plan.md").read_text(encoding="utf-8")


def test_a_plans_approach_and_safeguards_are_the_reports_own_and_the_legend_is_a_footnote(
    tmp_path: Path,
) -> None:
    text = (
        "石溪经济开发区2026年工作思路\n"
        "2025年，开发区实现规上工业总产值120.4亿元，同比增长8.2%。\n"
        "2026年是开局之年。开发区将围绕建设千亿级产业基地这一目标，做好三个坚持。\n"
        "一、坚持把项目建设作为第一抓手\n推动8个项目年内竣工投产。\n"
        "二、保障措施\n强化组织领导，实行重点项目领导包挂制度；强化考核督查，每季度通报目标任务完成情况。\n"
    )
    plan = drafted(tmp_path, text)
    approach = plan.split("## 一、总体思路", 1)[1].split("## 二", 1)[0]
    assert "开发区将围绕建设千亿级产业基地这一目标，做好三个坚持" in approach
    safeguards = plan.split("## 四、保障措施", 1)[1].split("---", 1)[0]
    assert "强化组织领导，实行重点项目领导包挂制度" in safeguards and "强化考核督查" in safeguards
    # the legend is a note for the editor at the end, not a paragraph above the plan
    lines = [line for line in plan.splitlines() if line]
    assert lines[1].startswith("## 一、") and lines[-1].startswith("注：本草稿依据")


def test_last_periods_measures_are_never_made_safeguards() -> None:
    text = render_plan(grounded())
    assert "专班推进" not in text.split("## 三、重点任务", 1)[0] and "保障措施" not in text


def test_an_owner_the_source_names_is_kept_and_only_a_missing_one_is_suggested() -> None:
    from summarizer.outputs.plan import _deadline, _owner

    assert (
        _owner("完成管理体制改革方案。牵头单位：党政办公室、组织人事部。")
        == "【责任单位：党政办公室、组织人事部】"
    )
    assert _owner("开展产业链招商") == "【责任单位：招商部门（建议）】"
    # the first clause that names a theme decides (实验室 none before 研发平台), and the themes reach
    # money, conduct, people, the well-being of villagers and assessment
    assert _owner("推进石溪实验室建设，新建研发平台5个") == "【责任单位：科技创新部门（建议）】"
    assert _owner("做好投资融资，盘活存量资产") == "【责任单位：财政金融部门（建议）】"
    assert _owner("转变作风提效能") == "【责任单位：党群工作部门（建议）】"
    assert _owner("开展招商业务知识培训") == "【责任单位：组织人事部门（建议）】"
    assert _owner("实施富民工程，发展短平快项目") == "【责任单位：社会事务部门（建议）】"
    assert _owner("提升省级开发区考核指标得分") == "【责任单位：党政办公室（建议）】"
    assert _deadline("2026年", "确保9月底前投产") == "【完成时限：2026年9月底前】"
    assert _deadline("2026年", "年内建成标准厂房") == "【完成时限：2026年12月底前】"
    assert _deadline("2026年", "推进园区道路建设") == "【完成时限：2026年12月底前（建议）】"
    # a task with milestones is done by its last one
    assert _deadline("2026年", "6月底前开工率达到70%以上，9月底前全部开工") == "【完成时限：2026年9月底前】"
    # a milestone beside targets of the whole period is the milestone's date, not the task's; a date
    # that completes the clause before it, or one beside what the task acts on, is the task's
    year_end = "【完成时限：2026年12月底前】"
    assert _deadline("2026年", "新增规上工业企业25家，4月底前完成培育库建设") == year_end
    assert _deadline("2026年", "新建变电站1座，确保10月底前投运") == "【完成时限：2026年10月底前】"
    october = "【完成时限：2026年10月底前】"
    assert _deadline("2026年", "对未开工的8个项目，10月底前完成施工许可办理") == october
    # a 完成时限 line in words of its own is kept whole
    assert (
        _deadline("2026年", "建立代办机制。完成时限：6月底前建立机制，全年推进")
        == "【完成时限：2026年6月底前建立机制，全年推进】"
    )


def test_tasks_stand_under_the_sources_headings_and_each_problem_becomes_a_task(tmp_path: Path) -> None:
    text = (
        "石溪经济开发区2025年上半年工作总结\n"
        "一、上半年工作情况\n上半年完成固定资产投资21.7亿元，同比增长8.3%。\n"
        "二、存在的问题\n一是工业投资占比偏低，仅为38.5%；二是要素保障压力较大。\n"
        "三、下半年工作打算\n"
        "（一）加快项目建设。一是推动8个项目年内竣工投产；二是确保新开工项目不少于10个。\n"
        "（二）深化精准招商。一是开展驻点招商活动不少于6次；二是力争新签约亿元以上项目5个。\n"
    )
    plan = drafted(tmp_path, text)
    work = plan.split("重点工作", 1)[1].split("###", 1)[0]
    assert (
        work.index("**加快项目建设**")
        < work.index("推动8个项目年内竣工投产")
        < work.index("**深化精准招商**")
    )
    assert work.index("**深化精准招商**") < work.index("开展驻点招商活动不少于6次")
    fixes = plan.split("问题整改", 1)[1].split("##", 1)[0]
    # no task of the report's own answers them: the program's suggestion, said so, asking for the
    # opposite state of the source's own subject and carrying no figure of its own
    assert "针对“工业投资占比偏低，仅为38.5%”，提高工业投资占比。（建议）" in fixes
    assert "着力解决要素保障压力较大问题。（建议）" in fixes


def test_a_problem_the_reports_own_task_answers_points_to_that_task(tmp_path: Path) -> None:
    text = (
        "石溪经济开发区2025年工作总结\n"
        "一、主要工作\n全年完成固定资产投资21.7亿元，同比增长8.3%。\n"
        "二、存在的问题\n一是可供工业用地不足600亩；二是高端人才引进不足。\n"
        "三、2026年工作打算\n"
        "（一）加快项目建设。推动8个项目年内竣工投产。\n"
        "（二）强化要素保障。盘活低效用地300亩以上，牵头单位：自然资源分局。\n"
    )
    plan = drafted(tmp_path, text)
    work = plan.split("重点工作", 1)[1].split("###", 1)[0]
    numbered = {
        line.split(". ", 1)[1][:6]: line.split(". ", 1)[0] for line in work.splitlines() if ". " in line
    }
    fixes = plan.split("问题整改", 1)[1].split("##", 1)[0]
    # the land problem is answered by the report's own land task, with its owner and no （建议）
    land = next(line for line in fixes.splitlines() if "可供工业用地不足600亩" in line)
    assert f"落实重点工作第{numbered['盘活低效用地']}项" in land
    assert "【责任单位：自然资源分局】" in land and "（建议）" not in land.split("【", 1)[0]
    # nothing of the report's own answers the talent problem: a suggestion, marked
    talent = next(line for line in fixes.splitlines() if "高端人才引进不足" in line)
    assert "着力解决高端人才引进不足问题。（建议）" in talent


def test_a_numbered_target_list_keeps_its_targets_in_words_and_an_owner_line_under_a_headings_last_item(
    tmp_path: Path,
) -> None:
    text = (
        "石溪高新区2026年工作计划\n"
        "一、主要目标\n"
        "1.地区生产总值增长7%左右。\n"
        "2.高新技术企业总数达到260家，净增不少于30家。\n"
        "3.营商环境评价保持全省第一方阵。\n"
        "4.确保不发生重大安全生产事故。\n"
        "二、重点任务\n"
        "（一）提升招商质效\n"
        "1.组建3支产业招商专班，开展驻点招商活动不少于20场次。\n"
        "2.建立签约项目全流程代办机制。\n"
        "责任单位：投资促进局\n完成时限：6月底前\n"
        "（二）优化营商环境\n"
        "1.深化一件事改革，实现全程网办。\n"
        "责任单位：行政审批局\n完成时限：9月底前\n"
        "2.完善企业服务专员制度，企业诉求办结率达到98%。\n"
    )
    plan = drafted(tmp_path, text)
    table = plan.split("主要目标", 1)[1].split("##", 1)[0]
    assert "| 营商环境评价 | 保持全省第一方阵 |" in table
    assert "| 重大安全生产事故 | 确保不发生 |" in table
    assert "| 高新技术企业净增 | 不少于30家 |" in table
    work = plan.split("重点任务", 1)[1]
    line = next(x for x in work.splitlines() if "组建3支产业招商专班" in x)
    # the 责任单位 line under the heading's last item, its other item naming none: the heading's
    assert "【责任单位：投资促进局】" in line
    # where the heading's first item has its own line, a later item without one is not given it
    service = next(x for x in work.splitlines() if "企业服务专员" in x)
    assert "行政审批局" not in service and "（建议）】" in service


def test_a_running_sentence_that_only_says_the_targets_is_no_task_nor_is_a_closing_pledge(
    tmp_path: Path,
) -> None:
    text = (
        "石溪产业园2025年工作总结\n"
        "全年完成规上工业总产值188.2亿元，同比增长9.1%。\n"
        "2026年，园区将坚持以高质量发展为主线，力争全年完成规上工业总产值205亿元，同比增长9%；"
        "新签约亿元以上项目25个。重点推进研发中心二期建设，3月底前组建两个产业链招商专班，"
        "为全区经济社会发展作出更大贡献。新的一年，我们将以更加饱满的热情、更加务实的作风，"
        "奋力开创园区高质量发展新局面。\n"
    )
    plan = drafted(tmp_path, text)
    table = plan.split("主要目标", 1)[1].split("##", 1)[0]
    assert "205亿元" in table and "25个" in table
    work = plan.split("重点任务", 1)[1]
    tasks = [line.split("【", 1)[0] for line in work.splitlines() if line[:1].isdigit()]
    # the targets stand in the table once; the work the sentence names besides is the task, and a
    # milestone with its own date stays though its figure is the table's
    assert not any("205亿元" in t or "25个" in t for t in tasks), tasks
    assert any("重点推进研发中心二期建设" in t and "3月底前组建两个产业链招商专班" in t for t in tasks), tasks
    assert "贡献" not in work and "饱满的热情" not in work


def test_a_storys_constraints_lead_and_plans_are_read_as_its_author_states_them(tmp_path: Path) -> None:
    text = (
        "石溪高新区光电产业园：链式招商跑出加速度\n"
        "本报讯（记者 林一 通讯员 周二）11月5日，记者从石溪高新区光电产业园获悉，今年以来园区新签约项目16个，"
        "协议总投资72.4亿元。\n"
        "园区负责人表示，园区仍面临可用工业用地偏紧、高端技术人才不足等制约。\n"
        "下一步，园区将聚焦光电显示和激光装备两大赛道，紧盯长三角开展精准招商，计划年内再签约项目4个以上，"
        "确保全年协议总投资突破90亿元；加快建设三期标准厂房8万平方米，力争明年5月底前交付使用。\n"
    )
    plan = drafted(tmp_path, text)
    assert plan.startswith("# 石溪高新区光电产业园")  # the park's plan, not the zone's
    approach = plan.split("## 一、总体思路", 1)[1].split("## 二", 1)[0]
    assert "园区将聚焦光电显示和激光装备两大赛道" in approach
    table = plan.split("主要目标", 1)[1].split("##", 1)[0]
    # 确保 is the 协议总投资 clause's own, not the next ；-part's
    assert "确保突破90亿元" in table
    plant = next(line for line in table.splitlines() if "8万平方米" in line)
    assert "确保" not in plant and "加快" not in plant
    fixes = plan.split("问题整改", 1)[1].split("---", 1)[0]
    land = next(line for line in fixes.splitlines() if "可用工业用地偏紧" in line)
    talent = next(line for line in fixes.splitlines() if "高端技术人才不足" in line)
    # 可用工业用地 is no 用工 problem: land is answered by the plant task, talent by none of the story's
    assert "落实重点工作" in land and "落实重点工作" not in talent


def test_problems_a_scraped_page_runs_together_or_names_in_one_breath_each_get_a_task(tmp_path: Path) -> None:
    plan = drafted(
        tmp_path,
        "石溪经开区2025年工作总结和2026年工作打算\n"
        "一、2025年工作回顾全年完成固定资产投资31.2亿元，增长7.1%。二、存在问题一是产业层次总体不高，"
        "传统产业占比仍超过60%。二是土地要素制约突出。三、2026年工作打算2026年，我区将坚持稳中求进工作总基调，"
        "力争新签约项目40个。\n",
    )
    fixes = plan.split("问题整改", 1)[1].split("---", 1)[0]
    # the first point run into its part's label is a problem as the second is
    assert "产业层次总体不高" in fixes and "土地要素制约突出" in fixes
    (tmp_path / "q1").mkdir()
    bulletin = drafted(
        tmp_path / "q1",
        "石溪高新区2026年一季度经济运行情况\n"
        "一季度，全区规上工业总产值完成86.2亿元，同比增长7.4%。总体看，经济运行开局良好，但也要看到，"
        "部分企业订单不足、原材料价格波动、中小企业融资难等问题依然存在。\n"
        "下一步，全区将聚焦全年目标任务，加力推进重点项目建设。\n",
    )
    fixes = bulletin.split("问题整改", 1)[1].split("---", 1)[0]
    assert "积极应对原材料价格波动" in fixes and "着力解决中小企业融资难问题" in fixes
    assert "部分企业订单不足" in fixes


def test_a_meetings_agreeing_and_a_storys_links_are_not_the_tasks_words() -> None:
    from summarizer.outputs.plan import _without_minutes_voice as said

    assert said("原则同意《石溪经开区招商攻坚方案》，由招商局修改完善后印发实施") == (
        "《石溪经开区招商攻坚方案》由招商局修改完善后印发实施"
    )
    assert said("同意自然资源分局提出的闲置土地处置方案，对3宗闲置土地依法收回") == (
        "按照自然资源分局提出的闲置土地处置方案，对3宗闲置土地依法收回"
    )
    assert said("同意从专项资金中安排500万元") == "从专项资金中安排500万元"
    assert said("为此，园区正在推进人才公寓二期建设") == "园区正在推进人才公寓二期建设"
    assert said("同时联合本地高校共建产业学院") == "联合本地高校共建产业学院"
    assert said("同意票数过半的事项另行研究") == "同意票数过半的事项另行研究"  # no agreeing to a plan


@pytest.mark.parametrize(
    ("problem", "task"),
    [
        ("创新能力相对薄弱", "增强创新能力"),
        ("政府职能转变和作风建设还需持续加强", "持续加强政府职能转变和作风建设"),
        ("干部队伍专业化能力与高质量发展要求还有差距", "提升干部队伍专业化能力"),
        ("项目前期手续办理进度偏慢，平均用时45天", "加快项目前期手续办理进度"),
        ("原材料价格波动", "积极应对原材料价格波动"),
        ("中小企业融资难", "着力解决中小企业融资难问题"),
        # good news is no problem to remedy, a subject with a figure is not reworded, and a state
        # the table does not know keeps the plain line
        ("项目建设加快", ""),
        ("3家企业产能不足", ""),
        ("工业内部分化明显", ""),
    ],
)
def test_a_problem_without_the_reports_remedy_asks_for_the_opposite_of_its_state(
    problem: str, task: str
) -> None:
    assert plan_module._remedy(problem) == task


def test_thin_guidance_is_completed_by_the_points_it_announces_and_a_storys_aim_is_its_approach(
    tmp_path: Path,
) -> None:
    plan = drafted(
        tmp_path,
        "石溪经开区2025年上半年工作总结\n"
        "一、上半年工作情况\n上半年完成固定资产投资21.7亿元，同比增长8.3%。\n"
        "二、下半年工作打算\n下半年，我区将紧紧围绕全年目标任务，重点抓好以下工作："
        "一是全力冲刺项目建设。确保新开工项目10个。二是持续加大招商力度。力争新签约项目8个。\n",
    )
    approach = plan.split("## 一、总体思路", 1)[1].split("## 二", 1)[0].strip()
    assert approach == "我区将紧紧围绕全年目标任务，全力冲刺项目建设，持续加大招商力度。"
    (tmp_path / "story").mkdir()
    story = drafted(
        tmp_path / "story",
        "石溪经开区召开2025年重点工作新闻发布会\n"
        "本报讯（记者 林一）3月5日，石溪经开区召开新闻发布会。\n"
        "2025年，石溪经开区以产业升级和园区高质量发展为目标,围绕重点项目建设、基础设施改造等中心工作,"
        "补短板、强弱项,不断激活园区发展动能。\n"
        "全年计划实施重点项目20个，完成投资35亿元。\n",
    )
    approach = story.split("## 一、总体思路", 1)[1].split("## 二", 1)[0].strip()
    # the year's aim, said by its subject, its half-width commas as 公文 writes them
    assert approach.startswith(
        "石溪经开区以产业升级和园区高质量发展为目标，围绕重点项目建设、基础设施改造等中心工作，"
    )


def test_a_modal_of_a_clause_without_a_figure_stays_there_and_signed_investment_is_a_target(
    tmp_path: Path,
) -> None:
    plan = drafted(
        tmp_path,
        "石溪经开区2025年上半年工作总结\n一、上半年工作情况\n上半年新签约项目23个，协议总投资86.1亿元。\n"
        "二、下半年工作打算\n（一）抓招商。力争新签约项目25个以上，协议总投资不少于120亿元。\n"
        "（二）抓项目。确保智能装备产业园一期10月底前投入使用，年内新开工亿元以上项目不少于12个。\n",
    )
    table = plan.split("主要目标", 1)[1].split("##", 1)[0]
    assert "| 协议总投资 | 86.1亿元 | 力争不少于120亿元 |" in table  # what 招商 signs, not a project's size
    row = next(line for line in table.splitlines() if "12个" in line)
    assert "确保" not in row  # 确保 is the 投入使用 clause's


def test_a_projects_sum_is_said_with_the_words_the_source_puts_on_it(tmp_path: Path) -> None:
    plan = drafted(
        tmp_path,
        "石溪经开区2025年上半年工作总结\n一、主要工作\n总投资1.2亿元的恒安精工项目正在进行设备安装。"
        "绿谷食品项目年内投资2亿元，完成厂房主体施工，目前项目全面开工。\n"
        "二、下半年工作打算\n加快推进项目建设，确保年底前竣工投产。\n",
    )
    carried = plan.split("续建项目", 1)[1].split("###", 1)[0]
    # what the sum is (总投资, before the name), never a bare 2亿元 beside the status
    assert "恒安精工项目：本期在建，总投资1.2亿元；" in carried
    # 年内投资2亿元 is what comes next, said once, there
    assert "绿谷食品项目：本期在建；下步年内投资2亿元" in carried and carried.count("投资2亿元") == 1


def test_a_districts_targets_for_its_zone_say_the_zone_and_a_target_says_by_when(tmp_path: Path) -> None:
    plan = drafted(
        tmp_path,
        "桐溪区召开新闻发布会介绍上半年经济运行情况\n"
        "7月16日，桐溪区政府新闻办举行新闻发布会，桐溪经开区管委会有关负责同志回答了记者提问。\n"
        "上半年全区实现地区生产总值226.4亿元，同比增长6.1%。\n"
        "下半年，全区将紧盯全年目标任务。一是狠抓项目攻坚，确保9月底前新开工亿元以上项目不少于15个；"
        "二是强化产业培育，推动经开区规上工业产值突破400亿元。\n",
    )
    assert plan.startswith("# 桐溪区")  # the district's plan, not its zone's
    table = plan.split("主要目标", 1)[1].split("##", 1)[0]
    assert "| 经开区规上工业总产值 |" in table  # 400亿元 is the zone's, never the district's
    assert "| 新开工亿元以上项目 | 确保9月底前不少于15个 |" in table


def test_a_lists_modal_and_a_figures_reach_word_travel_with_each_target(tmp_path: Path) -> None:
    text = (
        "石溪经济开发区2026年工作思路\n"
        "2025年，开发区实现规上工业总产值214.8亿元，同比增长9.6%。全年新签约项目27个。\n"
        "一、主要目标\n力争规模以上工业总产值增长10%以上，达到236亿元；固定资产投资增长8%左右；确保一般公共预算收入突破6亿元。\n"
        "二、重点工作\n推动8个项目年内竣工投产。\n"
    )
    report = tmp_path / "r.txt"
    report.write_text(text, encoding="utf-8")
    assert cli.main(["plan", str(report), "--dry-run", "-o", str(tmp_path / "out")]) == 0
    goals = (tmp_path / "out" / "r.plan.md").read_text(encoding="utf-8").split("## 二、主要目标", 1)[1]
    goals = goals.split("## 三", 1)[0]
    assert "| 2025年完成情况 |" in goals  # the review's year, not the plan's
    # one indicator's two targets share one row and its 力争: 力争增长10%以上，达到236亿元
    for worded in ("| 力争增长10%以上，达到236亿元 |", "力争增长8%左右", "确保突破6亿元"):
        assert worded in goals
    assert "27个" not in goals  # last year's result is no target


def test_a_meetings_decisions_and_asks_are_tasks_with_the_owners_and_dates_it_names(tmp_path: Path) -> None:
    text = (
        "云岭经开区召开三季度项目推进会\n"
        "9月28日，云岭经济技术开发区召开三季度项目推进会，部署四季度项目攻坚工作。\n"
        "会议听取了经济发展局关于前三季度项目建设情况的汇报，新开工项目16个。\n"
        "会议决定：\n"
        "一、成立重点项目攻坚专班，对未开工的9个项目逐一明确责任领导，力争年底前新开工项目6个以上。"
        "责任单位：经济发展局；完成时限：12月25日前。\n"
        "会议要求：\n"
        "一是强化要素保障。规划建设局要加快北区标准厂房建设，确保2026年4月底前交付使用。\n"
        "二是加强督查考核。督查室要每半月通报一次进展情况。\n"
        "三是加快土地报批。确保相关地块11月30日前完成挂牌出让，涉及用地约310亩。\n"
        "（管委会办公室 供稿）\n"
    )
    plan = drafted(tmp_path, text)
    # the plan carries out what the meeting deployed: not the zone's plan for the year it was held in
    assert plan.startswith("# 云岭经开区落实三季度项目推进会精神工作计划\n")
    tasks = [line for line in plan.split("## 三、重点任务", 1)[1].splitlines() if line[:1].isdigit()]
    decision = next(t for t in tasks if "成立重点项目攻坚专班" in t)
    # the decision is one task; its 责任单位/完成时限 go to the task's own fields, not twice into its text
    assert "【责任单位：经济发展局】" in decision and "12月25日前】" in decision
    assert "责任单位：经济发展局；" not in decision
    hall = next(t for t in tasks if "北区标准厂房" in t)
    assert "强化要素保障。规划建设局要" in hall  # the point's title heads its sentence
    assert "【责任单位：规划建设局】【完成时限：2026年4月底前】" in hall  # a date with its own year
    assert "【责任单位：督查室】" in next(t for t in tasks if "每半月通报" in t)
    assert not any("供稿" in t for t in tasks)
    # the 9 projects not yet started are what the work deals with, not a target
    goals = plan.split("## 二、主要目标", 1)[1].split("## 三", 1)[0]
    assert "9个" not in goals and "力争6个以上" in goals
    # 确保 sets the deadline; the land it covers is no target
    assert "310亩" not in goals and "11月30日前】" in next(t for t in tasks if "310亩" in t)


def test_a_news_items_sentences_about_what_comes_next_are_its_plans_tasks(tmp_path: Path) -> None:
    text = (
        "霞山经开区前三季度主要经济指标稳中有进\n"
        "本报讯（记者 王岚）今年以来，霞山经开区共实施重点项目41个，完成投资52.3亿元，完成年度计划的78.1%。\n"
        "该区负责人表示，下一步，霞山经开区将加快推进在建项目建设，力争年内新开工项目7个。\n"
    )
    plan = drafted(tmp_path, text)
    tasks = plan.split("## 三、重点任务", 1)[1]
    assert "1. 加快推进在建项目建设，力争年内新开工项目7个。" in tasks  # in the plan's voice
    assert "该区负责人表示" not in tasks and "78.1%" not in tasks  # who said it; a result is no task
    assert "原文未列出下步工作" not in tasks


def test_a_headings_lead_office_owns_its_points_and_a_part_heading_groups_them(tmp_path: Path) -> None:
    text = (
        "青岚产业园2026年工作要点\n"
        "一、聚力项目建设，夯实发展支撑\n"
        "1.加快重点项目建设。全年实施重点项目40个，年度计划投资60亿元。其中新开工项目15个。\n"
        "2.强化要素保障。年内供应工业用地800亩以上。3月底前完成专项债项目申报。\n"
        "牵头单位：自然资源分局。配合单位：财政局。\n"
        "二、聚力招商引资，壮大产业集群\n"
        "3.深化产业链招商。全年新签约亿元以上项目18个。\n"
    )
    plan = drafted(tmp_path, text)
    work = plan.split("## 三、重点任务", 1)[1]
    # the part headings group the points, in the source's order
    assert work.index("**聚力项目建设，夯实发展支撑**") < work.index("加快重点项目建设")
    assert (
        work.index("强化要素保障")
        < work.index("**聚力招商引资，壮大产业集群**")
        < work.index("深化产业链招商")
    )
    tasks = [line for line in work.splitlines() if line[:1].isdigit()]
    assert not any(t.split(". ", 1)[1].startswith(("牵头单位", "配合单位")) for t in tasks)  # no task
    land = next(t for t in tasks if "供应工业用地800亩以上" in t)
    assert "【责任单位：自然资源分局（牵头）；财政局（配合）】" in land
    # 其中… belongs to the sentence before it
    assert "年度计划投资60亿元。其中新开工项目15个" in next(t for t in tasks if "加快重点项目建设" in t)


def test_the_reports_own_list_of_targets_is_the_table_words_and_all(tmp_path: Path) -> None:
    text = (
        "柳川区2027年政府工作报告\n"
        "一、2026年工作回顾\n全年实现地区生产总值233.1亿元，增长5.4%；新增规上工业企业17家。\n"
        "二、2027年主要目标和重点任务\n"
        "2027年的主要预期目标是：地区生产总值增长6%左右；城镇新增就业0.9万人以上；"
        "居民人均可支配收入增长与经济增长基本同步；确保不发生重大安全生产事故。\n"
        "（一）聚力产业强区。全年新增规上工业企业15家以上，力争新建省级创新平台3个。\n"
        "（二）聚力城市更新。改造老旧小区12个。\n"
    )
    plan = drafted(tmp_path, text)
    assert plan.startswith("# 柳川区2027年工作计划")  # a 政府工作报告 plans its own year
    goals = plan.split("## 二、主要目标", 1)[1].split("## 三", 1)[0]
    assert "| 2026年完成情况 |" in goals  # its review's year
    for row in (
        "| 地区生产总值 | 233.1亿元，增长5.4% | 增长6%左右 |",
        "| 居民人均可支配收入 | — | 增长与经济增长基本同步 |",
        "| 重大安全生产事故 | — | 确保不发生 |",
    ):
        assert row in goals
    # the tasks' figures stay in the tasks, under their heading
    assert "15家以上" not in goals and "3个" not in goals
    tasks = plan.split("## 三、重点任务", 1)[1]
    assert "**聚力产业强区**" in tasks and "全年新增规上工业企业15家以上" in tasks


def test_the_approach_is_the_reports_own_guiding_words_without_its_figures_or_labels(tmp_path: Path) -> None:
    text = (
        "桐溪高新区2025年工作总结\n"
        "一、主要工作\n全年完成固定资产投资31.2亿元，增长7.1%。\n"
        "二、2026年工作打算\n"
        "下步工作：2026年，园区将坚持以高质量发展为主线，围绕“强链、扩量”两大任务，"
        "力争规上工业总产值增长9%，新增规上工业企业12家。重点抓好以下工作：\n"
        "（一）加快项目建设。推动6个项目年内竣工投产。\n"
        "（二）深化精准招商。全年新签约亿元以上项目10个。\n"
    )
    plan = drafted(tmp_path, text)
    approach = plan.split("## 一、总体思路", 1)[1].split("## 二", 1)[0].strip()
    # its words before its figures (those are 主要目标's), no label, no line announcing what follows;
    # guidance this short is completed by the report's own headings, in one sentence
    assert approach.startswith(
        "2026年，园区将坚持以高质量发展为主线，围绕“强链、扩量”两大任务，加快项目建设，深化精准招商。"
    )
    assert "9%" not in approach and "下步工作：" not in approach and "以下" not in approach


def test_a_storys_points_are_one_task_each_and_its_guidance_is_the_approach(tmp_path: Path) -> None:
    text = (
        "临川区召开上半年经济运行新闻发布会\n"
        "7月10日，临川区政府新闻办举行新闻发布会，介绍上半年经济运行情况。\n"
        "上半年，全区规上工业增加值增长7.9%。\n"
        "区长助理陈立表示，下半年，全区将紧盯全年目标任务，奋力冲刺“全年红”。"
        "一是狠抓项目攻坚，确保9月底前新开工项目不少于6个；二是强化产业培育，力争新增规上工业企业5家。\n"
    )
    plan = drafted(tmp_path, text)
    approach = plan.split("## 一、总体思路", 1)[1].split("## 二", 1)[0]
    assert "紧盯全年目标任务，奋力冲刺“全年红”。" in approach and "陈立" not in approach
    tasks = [line for line in plan.split("## 三、重点任务", 1)[1].splitlines() if line[:1].isdigit()]
    assert [t.split("【", 1)[0] for t in tasks] == [
        "1. 狠抓项目攻坚，确保9月底前新开工项目不少于6个。",
        "2. 强化产业培育，力争新增规上工业企业5家。",
    ]  # the guidance is no task, each 一是/二是 is one, the 7月10日 event none
    assert "【完成时限：" in tasks[0] and "9月底前】" in tasks[0]


def test_problems_named_in_one_breath_each_get_a_task(tmp_path: Path) -> None:
    text = (
        "松岗经开区召开项目推进会\n"
        "5月8日，松岗经济技术开发区召开项目推进会。\n"
        "会议指出，项目建设总体平稳，但也存在前期手续办理慢、融资到位率偏低等问题。\n"
        "会议要求，要落实项目帮办代办制度，加快办理前期手续；要强化融资对接，确保资金及时到位。\n"
    )
    plan = drafted(tmp_path, text)
    fixes = plan.split("问题整改", 1)[1]
    work = plan.split("## 三、重点任务", 1)[1].split("问题整改", 1)[0]
    numbers = {t.split(". ", 1)[1][:6]: t.split(". ", 1)[0] for t in work.splitlines() if t[:1].isdigit()}
    assert f"针对“前期手续办理慢”，落实重点工作第{numbers['落实项目帮办']}项" in fixes
    assert f"针对“融资到位率偏低”，落实重点工作第{numbers['强化融资对接']}项" in fixes


def test_a_short_decision_heading_keeps_its_own_owner_and_deadline_lines(tmp_path: Path) -> None:
    text = (
        "柏川经开区召开2025年第9次管委会主任办公会\n"
        "6月3日，柏川经开区管委会主任办公会召开。\n"
        "会议指出，上半年项目推进总体有序，但也存在低效用地盘活力度不够等问题。\n"
        "会议决定：\n"
        "一、加快推进低效用地处置。对5宗共计210亩闲置土地依法实施收回。\n"
        "责任单位：区自然资源分局\n"
        "完成时限：10月底前\n"
        "二、开展安全生产专项整治。组织开展全覆盖隐患排查。\n"
        "责任单位：区应急管理局\n"
        "完成时限：9月15日前\n"
        "会议还研究了其他事项。\n"
    )
    plan = drafted(tmp_path, text)
    assert plan.startswith("# 柏川经开区落实2025年第9次管委会主任办公会议定事项工作计划\n")
    tasks = [line for line in plan.split("## 三、重点任务", 1)[1].splitlines() if line[:1].isdigit()]
    work = [t for t in tasks if "针对" not in t]
    assert len(work) == 2  # the owner and deadline lines are no tasks, nor is 会议还研究…
    assert "【责任单位：区自然资源分局】【完成时限：2025年10月底前】" in work[0]
    assert "【责任单位：区应急管理局】【完成时限：2025年9月15日前】" in work[1]
    assert "针对“低效用地盘活力度不够”，落实重点工作第1项" in plan


def test_an_office_names_its_own_owners_by_theme_and_an_unknown_theme_is_refused(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    text = (
        "石溪经济开发区2025年工作总结\n"
        "一、主要工作\n全年完成固定资产投资21.7亿元，同比增长8.3%。\n"
        "二、2026年工作打算\n"
        "（一）深化精准招商。围绕新材料产业链，开展驻点招商活动不少于6次。\n"
        "（二）优化营商环境。深化“一件事一次办”改革。\n"
    )
    report = tmp_path / "r.txt"
    report.write_text(text, encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    (tmp_path / "summarizer.toml").write_text('[plan_owners]\n"招商引资" = "投资促进局"\n', encoding="utf-8")
    assert cli.main(["plan", str(report), "--dry-run", "-o", str(tmp_path / "out")]) == 0
    plan = (tmp_path / "out" / "r.plan.md").read_text(encoding="utf-8")
    # the framing clause (围绕…) does not decide; 招商 is the office's own; 一件事一次办 is 营商环境 not 改革
    assert "开展驻点招商活动不少于6次。【责任单位：投资促进局（建议）】" in plan
    assert "深化“一件事一次办”改革。【责任单位：政务服务部门（建议）】" in plan
    (tmp_path / "summarizer.toml").write_text('[plan_owners]\n"招商" = "投资促进局"\n', encoding="utf-8")
    assert cli.main(["plan", str(report), "--dry-run", "--force", "-o", str(tmp_path / "out")]) == 2


def test_points_under_a_part_heading_keep_both_levels(tmp_path: Path) -> None:
    plan = drafted(
        tmp_path,
        "松川经济开发区2026年工作要点\n"
        "一、坚持招大引强，增强产业发展后劲\n"
        "（一）深化产业链招商。全年新签约项目40个，其中亿元以上项目20个。\n"
        "（二）壮大市场主体。一是新增规上工业企业18家；二是新增高新技术企业30家。\n"
        "二、坚持绿色安全，筑牢发展底线\n"
        "（一）推进绿色低碳发展。年内完成8家重点企业节能诊断。\n"
        "（二）抓好安全生产。全年组织应急演练不少于10次。\n",
    )
    work = plan.split("## 三、重点任务", 1)[1]
    groups = [line for line in work.splitlines() if line.startswith("**")]
    assert groups == ["**坚持招大引强，增强产业发展后劲**", "**坚持绿色安全，筑牢发展底线**"]
    tasks = [line.split("【", 1)[0] for line in work.splitlines() if line[:1].isdigit()]
    # a point's heading opens its first task only; its 一是/二是 stay under the part heading
    assert "2. 壮大市场主体：新增规上工业企业18家。" in tasks and "3. 新增高新技术企业30家。" in tasks


def test_a_half_year_plan_says_which_span_each_target_is_for(tmp_path: Path) -> None:
    plan = drafted(
        tmp_path,
        "枫川经开区2025年上半年工作总结\n"
        "一、上半年工作情况\n上半年新开工项目9个，完成重点项目投资30.2亿元。\n"
        "二、下半年工作打算\n"
        "（一）冲刺项目建设。确保下半年新开工项目12个以上，全年完成重点项目投资75亿元。\n"
        "（二）加大招商力度。力争年内再签约亿元以上项目10个。\n",
    )
    goals = plan.split("## 二、主要目标", 1)[1].split("## 三", 1)[0]
    assert "| 下半年新开工项目 |" in goals and "| 全年完成重点项目投资 |" in goals
    assert "| 再签约亿元以上项目 |" in goals  # 再: on top of what is signed


def test_a_projects_progress_said_in_words_is_carried_as_said(tmp_path: Path) -> None:
    plan = drafted(
        tmp_path,
        "岚溪经济开发区2025年工作总结\n"
        "一、项目建设\n瑞泰精密轴承项目总投资6000万元，已完成部分设备的定制购买，同步进行安装生产。\n",
    )
    line = next(x for x in plan.splitlines() if "瑞泰精密轴承项目" in x)
    # its own words, not 本期未知; what comes next is for the office to say, not a made-up milestone
    assert "本期已完成部分设备的定制购买，同步进行安装生产" in line and "下步【待补】" in line
    assert "未知" not in line and "竣工投产" not in line


def test_a_target_counted_over_named_members_is_named_by_what_it_asks(tmp_path: Path) -> None:
    plan = drafted(
        tmp_path,
        "柘川经济开发区2026年工作思路\n"
        "一、项目建设\n确保华川食品、明泰包装等8个项目年内建成投产，新增规模以上企业9个。\n",
    )
    goals = plan.split("## 二、主要目标", 1)[1].split("## 三", 1)[0]
    assert "| 年内建成投产项目 | 确保8个 |" in goals and "明泰包装等项目" not in goals


def test_money_set_aside_for_a_purpose_is_no_target(tmp_path: Path) -> None:
    plan = drafted(
        tmp_path,
        "榆川经开区召开管委会主任办公会\n"
        "11月2日，榆川经济技术开发区召开2025年第10次管委会主任办公会。\n"
        "会议听取了招商局关于招商引资工作情况的汇报。\n"
        "会议决定：\n"
        "一、同意从产业发展专项资金中安排900万元，用于兑现招商引资奖励政策。责任单位：财政局。\n"
        "二、力争年底前新开工项目5个以上。责任单位：招商局。\n",
    )
    goals = plan.split("## 二、主要目标", 1)[1].split("## 三", 1)[0]
    assert "900万元" not in goals and "力争5个以上" in goals
    assert "安排900万元，用于兑现招商引资奖励政策" in plan.split("## 三", 1)[1]  # a task, as decided


STORY = (
    "青岚产业园：四个“突出”蓄势发展新动能\n"
    "初冬时节，走进青岚产业园，一派繁忙景象。今年以来，青岚产业园以四个“突出”为抓手，推动园区提质增效。"
    "前三季度，园区实现规上工业总产值92.6亿元，同比增长9.4%。\n"
    "突出链式招商，壮大产业规模。该园区围绕新能源装备、精密模具两条产业链，编制产业链招商地图，"
    "组建4支驻外招商小分队，开展以商招商。园区还成立了招商服务中心。今年以来，新签约项目15个，协议总投资63亿元，"
    "其中10亿元以上项目2个。\n"
    "突出项目服务，夯实发展基础。“服务跟着项目走，我们一天也不能耽误。”园区项目办负责人林向东说。"
    "他们推行“拿地即开工”模式，对重点项目实行专班推进。目前已开工项目21个。\n"
    "突出绿色发展，厚植发展底色。园区大力推进分布式光伏和集中供热改造，引导企业开展节能技术改造。\n"
    "站在新的起点，青岚产业园将继续坚持项目为王，持续放大四个“突出”成效，奋力走在全市园区前列。\n"
)


def test_a_story_told_by_its_work_areas_carries_their_measures_not_their_results(tmp_path: Path) -> None:
    plan = drafted(tmp_path, STORY)
    approach = plan.split("## 一、总体思路", 1)[1].split("## 二", 1)[0]
    tasks = plan.split("## 三、重点任务", 1)[1].split("---", 1)[0]
    # the closing resolve is the plan's 总体思路, not a task; the occasion it is said on is dropped
    assert "青岚产业园将继续坚持项目为王" in approach and "站在新的起点" not in approach
    assert "继续坚持项目为王" not in tasks
    # each area, under its own heading, with how the work is done…
    assert "**突出链式招商，壮大产业规模**" in tasks
    assert "围绕新能源装备、精密模具两条产业链，开展以商招商" in tasks
    assert "推行“拿地即开工”模式，对重点项目实行专班推进" in tasks
    # …never what it reached, the one-off steps of a stretch now past (编制…地图, 组建…小分队), the
    # figures told with it, or a quotation
    done = ("编制产业链招商地图", "4支", "15个", "63亿元", "10亿元以上", "21个", "92.6亿元", "一天也不能耽误")
    for reached in (*done, "林向东", "成立了"):
        assert reached not in tasks
    # a story of a stretch now past: carrying its measures on is the program's reading
    line = next(x for x in tasks.splitlines() if "分布式光伏" in x)
    assert "（建议）" in line


def test_a_story_of_its_year_sets_that_years_targets(tmp_path: Path) -> None:
    plan = drafted(
        tmp_path,
        "柘岭经济开发区2025年重点工作情况\n"
        "本报讯（记者 周安）近日，柘岭区举行开发区专场新闻发布会，开发区负责人介绍了相关工作情况。\n"
        "一、以招商引资的多层次推进，激发开放发展动能。年内计划组织外出招商推介不少于6次，储备在谈项目25个以上。"
        "全年走访企业90余次。\n"
        "二、以营商环境的全方位优化，提高服务企业质量。推深做实服务企业专员制度，全体机关干部下沉企业服务一线。\n",
    )
    assert plan.startswith("# 柘岭经济开发区2025年工作计划")
    goals = plan.split("## 二、主要目标", 1)[1].split("## 三", 1)[0]
    # 计划 carries over the clause after it that states nothing done; what was done is no target
    assert "不少于6次" in goals and "25个以上" in goals and "90余次" not in goals
    assert "推深做实服务企业专员制度" in plan.split("## 三", 1)[1]


def test_a_templates_blanks_are_its_targets_shown_for_the_office_to_fill(tmp_path: Path) -> None:
    plan = drafted(
        tmp_path,
        "XX经济开发区20XX年上半年工作总结（模板）\n"
        "一、主要工作\n上半年，规上工业总产值XX亿元，同比增长X.X%。新增规上工业企业XX家。\n"
        "二、下半年工作打算\n"
        "（一）稳定经济运行。确保全年规上工业总产值达到XX亿元，增长XX%以上。\n"
        "（二）加快项目建设。推动XX个在建项目加快建设，力争下半年新开工项目XX个，全年完成投资XX亿元。\n",
    )
    assert plan.startswith("# XX经济开发区20XX年下半年工作计划\n")  # its blank year kept for the office
    goals = plan.split("## 二、主要目标", 1)[1].split("## 三", 1)[0]
    assert "| 全年规上工业总产值 | 确保达到【待补】亿元，增长【待补】%以上 |" in goals
    assert "| 下半年新开工项目 | 力争【待补】个 |" in goals and "| 全年完成投资 | 力争【待补】亿元 |" in goals
    assert "在建" not in goals  # the projects under way are what the work deals with
    tasks = plan.split("## 三", 1)[1].split("---", 1)[0]
    assert "推动【待补】个在建项目加快建设" in tasks and "XX" not in tasks


def test_a_points_owner_line_owns_that_points_tasks_not_its_neighbours(tmp_path: Path) -> None:
    plan = drafted(
        tmp_path,
        "柳岸经济开发区2026年工作要点\n"
        "一、坚持招大引强，增强发展后劲\n"
        "（一）深化产业链招商。全年新签约项目40个，其中亿元以上项目20个。牵头单位：投资促进局。\n"
        "（二）壮大市场主体。一是新增规上工业企业18家；二是新增高新技术企业30家；"
        "三是推动3家企业进入上市辅导期。牵头单位：科技创新局。\n",
    )
    tasks = [line for line in plan.split("## 三、重点任务", 1)[1].splitlines() if line[:1].isdigit()]
    for words in ("18家", "30家", "3家企业"):
        assert "【责任单位：科技创新局】" in next(t for t in tasks if words in t)
    assert "【责任单位：投资促进局】" in next(t for t in tasks if "40个" in t)


def test_a_features_topic_sentences_are_no_work_areas(tmp_path: Path) -> None:
    plan = drafted(
        tmp_path,
        "从荒滩到产业新城：柘湾新材料产业园的三年蜕变\n"
        "本报讯（记者 陈舟）三年前，这里还是一片荒滩。\n\n"
        "服务企业的方式也在改变。为了让企业少跑腿，他们在管委会一楼设立了企业服务驿站，二十项事项集中办理。\n\n"
        "科技创新成为新引擎。园区管委会副主任周远表示：“我们不只是要把企业引进来，更要让技术在这里生根。"
        "中试基地就是连接实验室和生产线的桥。”\n\n"
        "人才与配套仍是短板。为此，园区正在推进人才公寓二期建设，预计明年年中交付使用。\n",
    )
    tasks = plan.split("## 三、重点任务", 1)[1].split("---", 1)[0]
    assert "人才公寓二期建设" in tasks  # what it says comes next
    for told in ("企业服务驿站", "生根", "中试基地"):  # what was done, and a quotation
        assert told not in tasks


def test_owners_said_in_a_sentence_and_what_a_meeting_agreed(tmp_path: Path) -> None:
    plan = drafted(
        tmp_path,
        "榆川经济技术开发区2026年工作要点\n"
        "一、破解要素制约\n"
        "（一）盘活存量土地。由区自然资源分局牵头，区财政局、区建设局配合，9月底前完成闲置土地清理处置。\n"
        "（二）兑现政策。同意从产业发展专项资金中安排600万元，用于兑现招商引资奖励政策。\n"
        "榆川经济技术开发区管委会办公室\n",
    )
    tasks = [line for line in plan.split("## 三、重点任务", 1)[1].splitlines() if line[:1].isdigit()]
    land = next(t for t in tasks if "闲置土地" in t)
    assert "【责任单位：区自然资源分局（牵头）；区财政局、区建设局（配合）】" in land
    money = next(t for t in tasks if "600万元" in t)
    assert "从产业发展专项资金中安排600万元" in money and "同意" not in money  # the task, not the minutes
    assert not any("管委会办公室" in t for t in tasks)  # a signature is no task


def test_a_story_of_three_quarters_sets_its_plans_for_the_year_as_targets(tmp_path: Path) -> None:
    plan = drafted(
        tmp_path,
        "柘溪经开区前三季度经济运行稳中向好\n"
        "本报讯（记者 周安）前三季度，柘溪经开区新开工项目17个，同比增长13.3%。\n"
        "下一步，经开区将加快推进在建项目建设，计划年内新开工项目7个、竣工投产项目5个。\n",
    )
    goals = plan.split("## 二、主要目标", 1)[1].split("## 三", 1)[0]
    assert "7个" in goals and "5个" in goals


def test_one_sentence_of_measures_is_one_task_each_and_its_guidance_the_approach(tmp_path: Path) -> None:
    plan = drafted(
        tmp_path,
        "柘岭高新区2026年一季度经济运行情况\n"
        "一季度，全区规上工业总产值完成86.2亿元，同比增长7.4%。\n"
        "下一步，全区将聚焦全年目标任务，加力推进重点项目建设，强化规上企业运行监测，抓好新增规上企业培育入库，"
        "用好稳外贸各项政策，确保二季度主要经济指标保持较快增长，为实现“双过半”打下坚实基础。\n",
    )
    approach = plan.split("## 一、总体思路", 1)[1].split("## 二", 1)[0].strip()
    # guidance that says only what it keeps to is completed by the clause its author wrote next
    assert approach == "全区将聚焦全年目标任务，加力推进重点项目建设。"
    tasks = [line for line in plan.split("## 三、重点任务", 1)[1].splitlines() if line[:1].isdigit()]
    assert [t.split("。", 1)[0][3:] for t in tasks][:4] == [
        "加力推进重点项目建设",
        "强化规上企业运行监测",
        "抓好新增规上企业培育入库",
        "用好稳外贸各项政策",
    ]
    # the aim with its own 为…, one task; a quarter's tasks are due at the quarter's end
    assert "确保二季度主要经济指标保持较快增长，为实现“双过半”打下坚实基础" in tasks[4]
    assert all("6月底前" in t for t in tasks)


def test_a_projects_next_step_is_the_one_the_source_sets(tmp_path: Path) -> None:
    plan = drafted(
        tmp_path,
        "柘川经济开发区2025年上半年工作总结\n"
        "一、项目建设\n"
        "华禾果蔬深加工项目年内投资1.5亿元，完成厂房主体施工及部分设备采购，目前正在进行基础施工。"
        "正在推动常州旭普汽车零部件有限公司年产100万件汽车内饰零部件等18个在谈项目加快手续办理。\n",
    )
    projects = plan.split("### （一）续建项目", 1)[1].split("###", 1)[0]
    line = next(x for x in projects.splitlines() if "华禾果蔬深加工项目" in x)
    # the source's own step, not a milestone the program supposes
    assert (
        "下步年内投资1.5亿元，完成厂房主体施工及部分设备采购" in line
        and "（建议）。" not in line.split("【")[0]
    )
    assert "等18个" not in projects  # a group of projects is a task, no one project
