"""Briefing memos from grounded summaries: structure, 【待核】 marks, the rendered-figure gate, templates.

Two kinds of summary: `grounded()` is written by hand without an outline (as files from before the
outline existed), so its memo is built from its lists; `extracted()` runs the real pipeline on an
invented report, so its memo follows the author's own outline."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from summarizer.backends.fake import FakeBackend
from summarizer.cli import commands as cli
from summarizer.core.errors import RenderGateError, UsageError
from summarizer.core.models import LoadedText
from summarizer.core.summary import GroundingStatus, OutlineItem, Summary
from summarizer.core.summary_file import load_summary
from summarizer.grounding.ground import apply_policy, ground
from summarizer.llm.extract import Extractor
from summarizer.outputs.brief import BriefHeader, brief_context, empty_note, render_brief
from summarizer.text.analyze import analyze_text

from .conftest import DATA
from .summaries import written_summary

REPORT = (
    "青禾经济开发区2025年上半年工作总结\n"
    "上半年，规模以上工业企业实现总产值271.3亿元，同比增长33.9%；完成固定资产投资19.6亿元。\n"
    "一、项目建设\n"
    "青禾新材料年产12万吨聚酯切片项目总投资23.5亿元，已完成设备安装。\n"
    "二、存在问题\n"
    "一是要素保障压力较大；二是研发投入偏少。\n"
)
META = {
    "title": "青禾经济开发区2025年上半年工作简报",
    "issuer": "青禾经济开发区",
    "period": "2025年上半年",
    "doc_type": "summary",
}
SECTION = {
    "indicators": [
        {"name": "规模以上工业总产值", "value": "271.3亿元", "change": "同比增长33.9%"},
        {"name": "税收", "value": "8.8亿元"},
    ],
    "projects": [
        {
            "name": "年产12万吨聚酯切片项目",
            "company": "青禾新材料",
            "investment": "总投资23.5亿元",
            "status": "在建",
        }
    ],
    "measures": [{"theme": "项目建设", "text": "专班推进<script>alert(1)</script>重点项目"}],
    "problems": ["要素保障压力较大", "研发投入偏少"],
    "next_steps": ["力争全年总产值突破600亿元"],
}
HEADER = BriefHeader(name="青禾开发区工作简报", issue="第7期", editor="管委会办公室", date="2025年7月10日")


def grounded(section: dict[str, object] = SECTION) -> Summary:
    doc = analyze_text(LoadedText(source="qinghe.txt", format="text", text=REPORT))
    return written_summary(doc, META, section)


def extracted(tmp_path: Path, text: str, stem: str = "r") -> Summary:
    """`extract --dry-run` of an invented report, loaded back as a user's summary file: with its outline."""
    tmp_path.mkdir(parents=True, exist_ok=True)
    report = tmp_path / f"{stem}.txt"
    report.write_text(text, encoding="utf-8")
    assert cli.main(["extract", str(report), "--dry-run", "-o", str(tmp_path)]) == 0
    return load_summary(str(tmp_path / f"{stem}.summary.json"))


def sections_of(markdown: str) -> dict[str, list[str]]:
    """Each numbered section of a Markdown memo (title without its number) and its non-empty lines."""
    found: dict[str, list[str]] = {}
    current: str | None = None
    for line in markdown.splitlines():
        if line.startswith("### "):
            current = line[4:].split("、", 1)[1]
            found[current] = []
        elif line == "---" or line.startswith("（篇幅所限"):
            current = None
        elif current is not None and line:
            found[current].append(line)
    return found


# Filler a memo never prints where a report has no such part (or extraction found nothing there).
FILLER = ("原文未列出", "未能自动提取", "主要工作情况如下", "暂无", "None")

# An invented 总结 in three parts under the author's own part headings, each with items of its own.
OUTLINED_REPORT = (
    "桐湾产业园2025年上半年工作总结\n"
    "上半年，桐湾产业园规上工业总产值58.2亿元，同比增长9.1%；固定资产投资21.4亿元，同比下降3.2%；"
    "税收收入4.6亿元，同比增长5.5%。\n"
    "一、上半年工作进展\n"
    "（一）抓项目建设，夯实产业基础。全园实施重点项目24个，完成投资16.8亿元，占年度计划的56.3%；"
    "新开工项目7个，其中亿元以上项目5个；桐源新材料锂电隔膜项目已完成设备安装，正在调试生产线。\n"
    "（二）抓招商引资，增强发展后劲。新签约项目12个，协议总投资46.5亿元；组建驻外招商小分队3支，走访企业86家。\n"
    "（三）抓营商环境，提升服务质效。推行“园区事园区办”，为企业解决用工、融资等问题48个，"
    "帮助企业获得银行贷款3.2亿元。\n"
    "二、存在的困难和问题\n"
    "一是部分企业订单不足，新材料产业产值同比下降4.2%；二是要素保障趋紧，工业用地供应偏少；"
    "三是专业人才引进难，研发投入偏少。\n"
    "三、下半年工作打算\n"
    "（一）稳运行。加强重点企业监测调度，确保全年规上工业总产值增长10%以上。\n"
    "（二）抓项目。力争下半年新开工项目8个，完成投资18亿元。\n"
)
OUTLINED_PROBLEMS = ("部分企业订单不足，新材料产业产值同比下降4.2%", "要素保障趋紧，工业用地供应偏少",
                     "专业人才引进难，研发投入偏少")  # fmt: skip


def test_markdown_brief_matches_the_golden_file() -> None:
    """A summary without an outline: its lists as sections. `UPDATE_GOLDEN=1` rewrites the file (read
    the diff before committing it)."""
    text = render_brief(grounded(), "md", HEADER)
    golden = DATA / "brief" / "qinghe.brief.md"
    if os.environ.get("UPDATE_GOLDEN") == "1":
        golden.write_text(text, encoding="utf-8")
    assert text == golden.read_text(encoding="utf-8")


def test_unverified_items_are_marked_on_their_own_line() -> None:
    lines = render_brief(grounded(), "md", HEADER).splitlines()
    assert "8.8亿元【待核】 |" in next(line for line in lines if "8.8亿元" in line)  # no 核对 column
    assert "【待核】" in next(line for line in lines if "600亿元" in line)
    assert "【待核】" not in next(line for line in lines if "271.3亿元" in line)


def test_a_reports_problems_are_in_its_memo_and_a_report_without_them_gets_no_filler() -> None:
    # the model names nothing: the source's own 存在问题 items are in the summary, one each, verified
    doc = analyze_text(LoadedText(source="qinghe.txt", format="text", text=REPORT))
    found = Extractor(FakeBackend(default=lambda m, s: "{}")).extract(doc)
    summary = apply_policy(found, ground(found, doc), "flag")
    assert [(t.text, t.grounding_status) for t in summary.problems] == [
        ("要素保障压力较大", GroundingStatus.VERIFIED),
        ("研发投入偏少", GroundingStatus.VERIFIED),
    ]
    said = sections_of(render_brief(summary, "md", HEADER))["存在问题"]
    assert all(any(p in line for line in said) for p in ("要素保障压力较大", "研发投入偏少"))
    # the memo quotes the report's own outline: a summary whose problem list came out empty still
    # says the problems the report has
    unquotable = summary.model_copy(update={"problems": []})
    assert sections_of(render_brief(unquotable, "md", HEADER))["存在问题"] == said
    # a report without a 存在问题 part: no such section, and no line saying there is none
    lacking = REPORT.split("二、存在问题")[0]
    doc = analyze_text(LoadedText(source="qinghe.txt", format="text", text=lacking))
    found = Extractor(FakeBackend(default=lambda m, s: "{}")).extract(doc)
    without = apply_policy(found, ground(found, doc), "flag")
    assert without.outline and without.problems == []
    text = render_brief(without, "md", HEADER)
    assert "问题" not in text and not [f for f in FILLER if f in text]
    assert "项目建设" in sections_of(text)["主要工作"][0]  # the rest of the memo is there


def test_a_summary_without_an_outline_renders_its_problems_or_no_section_at_all() -> None:
    text = render_brief(grounded(), "md", HEADER)
    assert sections_of(text)["存在问题"] == ["要素保障压力较大。", "研发投入偏少。"]
    for parts in (["存在问题"], []):  # whether or not the report has the part, the memo adds no line
        empty = grounded().model_copy(update={"problems": [], "parts": parts})
        text = render_brief(empty, "md", HEADER)
        assert "存在问题" not in sections_of(text) and not [f for f in FILLER if f in text]
        assert "项目建设" in sections_of(text)["主要做法"][0]
    # the digest, which lines reports up side by side, still says why a column is empty
    assert empty_note(grounded().model_copy(update={"parts": []}), "存在问题") == "原文未列出存在问题。"
    # a part with words under it that gave no item: marked for a human to check…
    work = OutlineItem(heading="项目建设", text="新开工项目12个。", part="主要工作")
    said = OutlineItem(heading="", text="要素保障压力较大。", part="存在问题")
    assert "未能自动提取" in empty_note(grounded().model_copy(update={"outline": [work, said]}), "存在问题")
    # …a heading with nothing under it: the source's part is empty, said so, nothing to check
    bare = grounded().model_copy(update={"outline": [work, said.model_copy(update={"text": ""})]})
    assert empty_note(bare, "存在问题") == "原文“存在问题”部分没有写内容。"


def test_a_memo_follows_the_reports_outline_item_by_item(tmp_path: Path) -> None:
    summary = extracted(tmp_path, OUTLINED_REPORT)
    assert summary.meta.genre == "summary" and summary.outline
    text = render_brief(summary, "md", HEADER)
    sections = sections_of(text)
    # the author's own part headings, in the report's order, after the table
    assert list(sections) == ["主要指标", "上半年工作进展", "存在的困难和问题", "下半年工作打算"]
    heads = [e.heading for e in summary.outline if e.kind == "item" and e.part != "存在问题"]
    assert heads == ["抓项目建设，夯实产业基础", "抓招商引资，增强发展后劲", "抓营商环境，提升服务质效",
                     "稳运行", "抓项目"]  # fmt: skip
    bodies = {}
    for title, n, head in [("上半年工作进展", 1, heads[0]), ("上半年工作进展", 2, heads[1]),
                           ("上半年工作进展", 3, heads[2]), ("下半年工作打算", 1, heads[3]),
                           ("下半年工作打算", 2, heads[4])]:  # fmt: skip
        lead = f"**（{'一二三'[n - 1]}）{head}。**"
        (line,) = [line for line in sections[title] if line.startswith(lead)]
        bodies[head] = line.removeprefix(lead)
    # each body is the source's own clauses, in the source's order, never rewritten
    for entry in (e for e in summary.outline if e.heading in bodies):
        body = bodies[entry.heading]
        assert body.endswith("。") and any(ch.isdigit() for ch in body)
        clauses = [c for c in body.rstrip("。").split("；") if c]
        places = [entry.text.find(c) for c in clauses]
        assert -1 not in places and places == sorted(places), (entry.heading, body)
    # a target keeps its role word and stays out of the table of results
    assert "确保全年规上工业总产值增长10%以上" in bodies["稳运行"]
    assert "力争下半年新开工项目8个" in bodies["抓项目"]
    rows = [line for line in sections["主要指标"] if line.startswith("| ") and "---" not in line][1:]
    assert 2 <= len(rows) <= 8 and not any("10%以上" in row or "18亿元" in row for row in rows)
    assert rows[0].startswith("| 规上工业总产值 | 58.2亿元 | 同比增长9.1% |")
    # problems are said whole, every one, without their enumerators
    (problems,) = sections["存在的困难和问题"]
    assert all(p in problems for p in OUTLINED_PROBLEMS) and "一是" not in problems
    assert not [f for f in FILLER if f in text]


def test_the_context_has_sections_of_entries_and_none_of_the_old_lists(tmp_path: Path) -> None:
    context = brief_context(extracted(tmp_path, OUTLINED_REPORT), HEADER)
    gone = {"projects", "measures", "problems", "next_steps", "targets", "empty", "numbers"}
    assert not gone & set(context)
    titles = [s["title"] for s in context["sections"]]
    assert titles == ["上半年工作进展", "存在的困难和问题", "下半年工作打算"]
    assert [s["number"] for s in context["sections"]] == ["二", "三", "四"]
    assert context["table_number"] == "一"
    first = context["sections"][0]["entries"][0]
    assert set(first) == {"head", "text", "mark"} and first["head"] == "（一）抓项目建设，夯实产业基础。"
    assert context["genre"] == "summary" and context["template_note"] == ""
    assert context["omitted"] == {} and context["omitted_note"] == "" and not context["over_budget"]
    # a hand-made summary without an outline: the same shape, from its lists
    legacy = brief_context(grounded(), HEADER)
    assert [s["title"] for s in legacy["sections"]] == ["重点项目", "主要做法", "存在问题", "下步打算"]
    assert legacy["sections"][2]["entries"][0] == {"head": "", "text": "要素保障压力较大。", "mark": ""}


def test_a_problem_said_in_the_reports_last_paragraph_is_in_its_memo(tmp_path: Path) -> None:
    text = (
        "甲园区2025年上半年工作总结\n"
        "上半年甲园区实现工业总产值41.2亿元，同比增长6.1%；固定资产投资18.2亿元，同比增长3.1%。\n"
        "存在问题：用地紧张，高端人才偏少。\n"
    )
    summary = extracted(tmp_path, text)
    assert "存在问题" in summary.parts and [p.text for p in summary.problems]
    assert "用地紧张" in render_brief(summary, "md", HEADER)


def test_html_is_autoescaped_and_marks_stand_out() -> None:
    html = render_brief(grounded(), "html", HEADER)
    assert "<script>alert(1)</script>" not in html and "&lt;script&gt;" in html
    assert 'class="unverified">【待核】' in html and "@page { size: A4" in html


def test_a_template_that_leaks_an_unverified_figure_is_stopped(tmp_path: Path) -> None:
    leaky = tmp_path / "leaky.md.j2"
    leaky.write_text(
        '{% for row in indicators %}{{ row.name }} {{ row.value | replace("【待核】", "") }}\n{% endfor %}',
        encoding="utf-8",
    )
    with pytest.raises(RenderGateError, match=r"8\.8亿元"):
        render_brief(grounded(), "md", HEADER, leaky)


def test_user_templates_are_sandboxed_and_errors_name_file_and_line(tmp_path: Path) -> None:
    hostile = tmp_path / "hostile.md.j2"
    hostile.write_text("{{ title.__class__.__mro__[1].__subclasses__() }}", encoding="utf-8")
    with pytest.raises(UsageError, match=r"hostile\.md\.j2"):
        render_brief(grounded(), "md", HEADER, hostile)
    broken = tmp_path / "broken.md.j2"
    broken.write_text("第一行\n{% for x in %}\n", encoding="utf-8")
    with pytest.raises(UsageError, match="第 2 行"):
        render_brief(grounded(), "md", HEADER, broken)


def test_brief_command_from_a_summary_and_from_a_report(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    summary_file = tmp_path / "qinghe.summary.json"
    summary_file.write_text(grounded().model_dump_json(), encoding="utf-8")
    template = ["--prose", "template"]  # no model for a summary input: prose built by code
    assert cli.main(["brief", str(summary_file), "-o", str(tmp_path / "a"), "-f", "html", *template]) == 0
    assert (tmp_path / "a" / "qinghe.brief.html").read_text(encoding="utf-8").startswith("<!doctype html>")
    assert cli.main(["brief", str(summary_file), "-o", str(tmp_path / "a"), "-f", "docx", *template]) == 0
    assert (tmp_path / "a" / "qinghe.brief.docx").read_bytes()[
        :2
    ] == b"PK"  # a zip container, opened in the test above
    report = tmp_path / "r.txt"
    report.write_text(REPORT, encoding="utf-8")
    assert cli.main(["brief", str(report), "--dry-run", "-o", str(tmp_path / "b")]) == 0
    text = (tmp_path / "b" / "r.brief.md").read_text(encoding="utf-8")
    # quoted from the report's own 存在问题, even without a model
    assert "要素保障压力较大；研发投入偏少。" in sections_of(text)["存在问题"]
    assert (tmp_path / "b" / "r.summary.json").exists()
    capsys.readouterr()


def test_docx_in_gbt9704_layout_opens_back_with_python_docx(tmp_path: Path) -> None:
    import docx
    from docx.oxml.ns import qn
    from docx.shared import Pt

    from summarizer.outputs.brief import render_brief_docx

    path = tmp_path / "brief.docx"
    path.write_bytes(render_brief_docx(grounded(), HEADER))
    doc = docx.Document(str(path))
    section = doc.sections[0]
    sizes = [section.page_width, section.page_height, section.top_margin, section.bottom_margin]
    sizes += [section.left_margin, section.right_margin]
    assert [round(size.mm, 1) for size in sizes] == [210, 297, 37, 35, 28, 26]  # stored in twips
    texts = [p.text for p in doc.paragraphs]
    assert texts[0] == "青禾开发区工作简报"
    assert "青禾经济开发区2025年上半年规模以上工业总产值同比增长33.9%" in texts
    title = next(p for p in doc.paragraphs if p.style.name == "Title")
    assert title.style.font.size == Pt(22)
    assert title.style.element.rPr.rFonts.get(qn("w:eastAsia")) == "方正小标宋简体"
    assert doc.styles["Normal"].element.rPr.rFonts.get(qn("w:eastAsia")) == "仿宋_GB2312"
    assert doc.styles["Normal"].font.size == Pt(16)
    headings = [p.text for p in doc.paragraphs if p.style.name == "Heading 1"]
    assert headings == ["一、主要指标", "二、重点项目", "三、主要做法", "四、存在问题", "五、下步打算"]
    # 报头: name, 期号 centred, then 编发单位 left and date at a right tab stop on the ruled line
    assert texts[1:3] == ["第7期", "管委会办公室\t2025年7月10日"]
    assert doc.paragraphs[1].alignment == 1  # centred
    rule = doc.paragraphs[2]._p.pPr.find(qn("w:pBdr")).find(qn("w:bottom"))
    assert rule.get(qn("w:color")) == "C00000"  # the red rule under the 报头
    stop = doc.paragraphs[2].paragraph_format.tab_stops[0]
    assert round(stop.position.mm) == 156 and stop.alignment == 2  # right-aligned at the type area
    assert doc.paragraphs[2].paragraph_format.space_after > Pt(0)  # the title never touches the rule
    # Word and WPS: no theme font on any style (a theme attribute wins over the named font), zh-CN
    import zipfile

    with zipfile.ZipFile(path) as package:
        styles_xml = package.read("word/styles.xml").decode("utf-8")
        settings_xml = package.read("word/settings.xml").decode("utf-8")
    assert "Theme=" not in styles_xml and "ja-JP" not in styles_xml + settings_xml
    assert 'w:eastAsia="zh-CN"' in styles_xml and 'w:eastAsia="zh-CN"' in settings_xml
    footer_xml = section.footer.paragraphs[0]._p.xml
    assert "PAGE" in footer_xml and "— " in section.footer.paragraphs[0].text
    rows = [[c.text for c in row.cells] for row in doc.tables[0].rows]
    assert rows[0] == ["指标", "本期", "同比"] and rows[2] == ["税收", "8.8亿元【待核】", ""]
    assert any("600亿元" in t and t.endswith("【待核】") for t in texts)


PLAN_REPORT = (
    "桐川经济开发区2026年工作计划\n"
    "2026年，开发区将以项目建设为抓手，力争规上工业总产值增长10%，固定资产投资增长8%。\n"
    "一、加快项目建设\n"
    "全年实施重点项目90个以上，年度计划投资140亿元；新开工项目35个，6月底前开工率达到70%。\n"
    "二、深化招商引资\n"
    "全年新签约项目60个，其中亿元以上项目30个，实际到位资金120亿元。\n"
    "三、优化营商环境\n"
    "推行“标准地+承诺制”，审批时限压缩至20个工作日以内，全年新增市场主体2000家。\n"
)


def test_docx_items_are_one_paragraph_each_led_by_their_heading(tmp_path: Path) -> None:
    """（一）… run in 楷体 under a section heading; a plan's own 一、二、三 run in 黑体, as GB/T 9704's
    first and second levels; the body follows in the same paragraph, in the body font."""
    import io

    import docx
    from docx.oxml.ns import qn

    from summarizer.outputs.brief import render_brief_docx

    def leads(summary: Summary) -> list[tuple[str, str | None, str]]:
        opened = docx.Document(io.BytesIO(render_brief_docx(summary, HEADER)))
        found = []
        for p in opened.paragraphs:
            runs = p.runs
            if len(runs) == 2 and runs[0].text.endswith("。") and runs[0]._r.rPr is not None:
                fonts = runs[0]._r.rPr.find(qn("w:rFonts"))
                body = runs[1]._r.rPr
                assert body is None or body.find(qn("w:rFonts")) is None  # the body: the style's font
                found.append((runs[0].text, fonts.get(qn("w:eastAsia")) if fonts is not None else None,
                               runs[1].text))  # fmt: skip
        return found

    summary = extracted(tmp_path / "s", OUTLINED_REPORT)
    second = leads(summary)
    assert [head for head, _, _ in second] == [
        "（一）抓项目建设，夯实产业基础。",
        "（二）抓招商引资，增强发展后劲。",
        "（三）抓营商环境，提升服务质效。",
        "（一）稳运行。",
        "（二）抓项目。",
    ]
    assert {font for _, font, _ in second} == {"楷体_GB2312"}
    assert second[0][2].startswith("全园实施重点项目24个")
    plan = extracted(tmp_path / "p", PLAN_REPORT)
    assert plan.meta.genre == "plan"
    first = leads(plan)
    heads = [head for head, _, _ in first]
    assert heads == ["一、加快项目建设。", "二、深化招商引资。", "三、优化营商环境。"]
    assert {font for _, font, _ in first} == {"黑体"}


def test_markdown_escapes_html_and_table_pipes() -> None:
    section = {**SECTION, "indicators": [{"name": "产值|利税", "value": "271.3亿元"}]}
    text = render_brief(grounded(section), "md", HEADER)
    assert "<script>" not in text and "&lt;script&gt;" in text
    row = next(line for line in text.splitlines() if "271.3亿元" in line)
    assert row.startswith("| 产值\\|利税 |") and row.count(" | ") == 2  # still three cells


GROWTH_REPORT = (
    "桐湾产业园2025年上半年工作总结\n"
    "上半年，规模以上工业总产值58.2亿元，同比增长9.1%；固定资产投资21.4亿元，同比下降3.2%；"
    "税收收入4.6亿元，同比增长5.5%。\n"
)
GROWTH_SECTION = {
    "indicators": [
        {"name": "规模以上工业总产值", "value": "58.2亿元", "change": "同比增长9.1%"},
        {"name": "固定资产投资", "value": "21.4亿元", "change": "同比下降3.2%"},
        {"name": "税收收入", "value": "4.6亿元", "change": "同比增长5.5%"},
    ]
}


def grounded_report(report: str, section: dict[str, object]) -> Summary:
    doc = analyze_text(LoadedText(source="tongwan.txt", format="text", text=report))
    return written_summary(doc, {}, section)


def test_growth_rates_with_a_direction_become_a_chart_in_html_and_docx() -> None:
    import io

    import docx

    from summarizer.outputs.brief import brief_chart, render_brief_docx

    summary = grounded_report(GROWTH_REPORT, GROWTH_SECTION)
    chart = brief_chart(summary)
    assert chart is not None and {"同比增长9.1%", "同比下降3.2%", "同比增长5.5%"} <= set(chart.texts)
    html = render_brief(summary, "html", HEADER)
    assert html.count("<svg") == 1 and 'aria-label="' in html
    opened = docx.Document(io.BytesIO(render_brief_docx(summary, HEADER)))
    assert len(opened.inline_shapes) == 1
    assert "<svg" not in render_brief(summary, "md", HEADER)


def test_no_chart_for_rates_that_do_not_say_which_way_or_are_unverified() -> None:
    from summarizer.outputs.brief import brief_chart

    bare = {"indicators": [{**row, "change": row["change"].removeprefix("同比增长")} for row in
                           GROWTH_SECTION["indicators"]]}  # type: ignore[attr-defined]  # fmt: skip
    assert brief_chart(grounded_report(GROWTH_REPORT, bare)) is None  # "9.1%": up or down?
    wrong = {"indicators": [*GROWTH_SECTION["indicators"][:2], {"name": "税收收入", "value": "4.6亿元",  # type: ignore[index]
                                                              "change": "同比增长7.5%"}]}  # fmt: skip
    assert brief_chart(grounded_report(GROWTH_REPORT, wrong)) is None  # only two verified rates


def test_masthead_defaults_come_from_the_config_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    summary_file = tmp_path / "qinghe.summary.json"
    summary_file.write_text(grounded().model_dump_json(), encoding="utf-8")
    (tmp_path / "summarizer.toml").write_text('brief_name = "青禾简讯"\nbrief_editor = "党政办"\n', "utf-8")
    monkeypatch.chdir(tmp_path)
    assert cli.main(["brief", str(summary_file), "-o", "out", "--prose", "template"]) == 0
    first = (tmp_path / "out" / "qinghe.brief.md").read_text(encoding="utf-8").splitlines()[:3]
    assert first[0] == "# 青禾简讯" and "党政办" in first[2]
    again = ["brief", str(summary_file), "-o", "out", "--prose", "template", "--name", "专报"]
    assert cli.main(again) == 2  # the first memo is there: not replaced without --force
    assert cli.main([*again, "--force"]) == 0
    assert (tmp_path / "out" / "qinghe.brief.md").read_text(encoding="utf-8").startswith("# 专报\n")


def test_the_distribution_block_comes_from_the_config_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import docx
    from docx.oxml.ns import qn

    summary_file = tmp_path / "qinghe.summary.json"
    summary_file.write_text(grounded().model_dump_json(), encoding="utf-8")
    config = (
        'brief_editor = "党政办"\nbrief_distribution = ["报：市委办公室、市政府办公室", "发：区属各单位"]\n'
    )
    (tmp_path / "summarizer.toml").write_text(config, "utf-8")
    monkeypatch.chdir(tmp_path)
    args = ["brief", str(summary_file), "-o", "out", "--prose", "template", "--date", "2025年7月10日"]
    assert cli.main([*args, "-f", "docx"]) == 0 and cli.main(args) == 0
    md = (tmp_path / "out" / "qinghe.brief.md").read_text(encoding="utf-8")
    assert md.rstrip().endswith(
        "报：市委办公室、市政府办公室\n\n发：区属各单位\n\n党政办　　2025年7月10日印发"
    )
    opened = docx.Document(str(tmp_path / "out" / "qinghe.brief.docx"))
    last = opened.paragraphs[-3:]
    assert [p.text for p in last] == [
        "报：市委办公室、市政府办公室",
        "发：区属各单位",
        "党政办　　2025年7月10日印发",
    ]
    assert last[0]._p.pPr.find(qn("w:pBdr")).find(qn("w:top")) is not None  # 版记 between rules
    assert last[-1]._p.pPr.find(qn("w:pBdr")).find(qn("w:bottom")) is not None


def test_deliverables_recheck_a_hand_edited_summary_against_its_report(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    """A value changed to 999.9亿元 in the JSON, its stored status still 已核实: brief, plan and digest
    ground it again against the report, as `verify` does, and agree with `verify` on every item."""
    import json

    report = tmp_path / "r.txt"
    report.write_text(REPORT, encoding="utf-8")
    assert cli.main(["extract", str(report), "--dry-run", "-o", str(tmp_path)]) == 0
    path = tmp_path / "r.summary.json"
    data = json.loads(path.read_text(encoding="utf-8"))
    assert data["source_sha256"] and data["indicators"][0]["grounding_status"] == "verified"
    data["indicators"][0]["value"] = "999.9亿元"  # the stored status still says verified
    path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    capsys.readouterr()
    assert cli.main(["verify", str(path), str(report), "--json"]) == 1
    assert json.loads(capsys.readouterr().out)["counts"]["figure_not_in_source"] == 1
    out = tmp_path / "o"
    assert cli.main(["brief", str(path), "-o", str(out), "--prose", "template"]) == 0
    brief = (out / "r.brief.md").read_text(encoding="utf-8")
    assert (
        all("【待核】" in line for line in brief.splitlines() if "999.9亿元" in line) and "999.9亿元" in brief
    )
    assert cli.main(["plan", str(path), "-o", str(out), "-f", "json"]) == 0
    plan = (out / "r.plan.json").read_text(encoding="utf-8")
    assert "999.9亿元" not in plan or "【待核】" in plan
    # the report changed after extraction: nothing can be checked, and the memo says so
    report.write_text(REPORT.replace("271.3", "272.3"), encoding="utf-8")
    assert cli.main(["brief", str(path), "-o", str(out), "--prose", "template", "--force"]) == 0
    brief = (out / "r.brief.md").read_text(encoding="utf-8")
    rows = [line for line in brief.splitlines() if line.startswith("| ") and "---" not in line][1:]
    assert "在摘要生成后已改动" in brief and rows and all("【待核】" in row for row in rows)
    report.unlink()
    assert cli.main(["brief", str(path), "-o", str(out), "-f", "docx", "--prose", "template", "--force"]) == 0
    from summarizer.outputs.docx_writer import docx_text

    assert "找不到" in docx_text((out / "r.brief.docx").read_bytes())
    capsys.readouterr()


def test_verify_and_every_deliverable_agree_on_every_status(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    """One hand-edited summary, one report: the worst `verify` finding of each item is the status
    brief, plan and digest render from (all three load summaries through the same re-check)."""
    import json

    from summarizer.core.config import Settings
    from summarizer.jobs.document import read_summary_inputs

    report = tmp_path / "r.txt"
    report.write_text(REPORT, encoding="utf-8")
    assert cli.main(["extract", str(report), "--dry-run", "-o", str(tmp_path)]) == 0
    path = tmp_path / "r.summary.json"
    data = json.loads(path.read_text(encoding="utf-8"))
    data["indicators"][0]["value"] = "九百九十九亿元"
    data["indicators"][1]["name"] = "利润总额"  # a figure given to another indicator
    data["problems"][0]["text"] = "要素保障压力不大"  # a reversed problem
    path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    capsys.readouterr()
    cli.main(["verify", str(path), str(report), "--json"])
    order = ["figure_not_in_source", "misattributed", "text_not_found", "verified"]
    worst: dict[str, str] = {}
    for finding in json.loads(capsys.readouterr().out)["findings"]:
        item = finding["item"]
        worst[item] = min(worst.get(item, "verified"), finding["status"], key=order.index)
    (rechecked,) = read_summary_inputs([str(path)], Settings()).values()
    for name in ("indicators", "problems", "measures", "next_steps", "projects"):
        for index, entry in enumerate(getattr(rechecked, name)):
            assert entry.grounding_status is not None
            assert entry.grounding_status.value == worst.get(f"{name}[{index}]", "verified"), (name, index)
    assert {worst["indicators[0]"], worst["problems[0]"]} == {"figure_not_in_source", "text_not_found"}


@pytest.mark.parametrize("suffix", [".docx", ".dotx"])
def test_a_reference_doc_gives_its_styles_and_red_header(
    suffix: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """As pandoc's --reference-doc: the office's styles, page set-up and 红头 (文号 included, which is
    theirs and passes the gate), then the memo; the reference file is never changed."""
    import io
    import zipfile

    import docx
    from docx.oxml.ns import qn
    from docx.shared import Mm

    office = docx.Document()
    office.styles["Normal"].element.get_or_add_rPr()
    office.styles["Normal"].font.name = "KaiTi"
    office.sections[0].left_margin = Mm(31)
    office.add_paragraph("禾溪经济开发区管理委员会")
    office.add_paragraph("禾管发〔2025〕12号")
    buffer = io.BytesIO()
    office.save(buffer)
    data = buffer.getvalue()
    if suffix == ".dotx":  # a Word template: same package, another main content type
        source, out = zipfile.ZipFile(io.BytesIO(data)), io.BytesIO()
        with zipfile.ZipFile(out, "w") as target:
            for item in source.infolist():
                content = source.read(item.filename)
                if item.filename == "[Content_Types].xml":
                    content = content.replace(b"document.main+xml", b"template.main+xml")
                target.writestr(item, content)
        data = out.getvalue()
    reference = tmp_path / f"office{suffix}"
    reference.write_bytes(data)
    summary_file = tmp_path / "qinghe.summary.json"
    summary_file.write_text(grounded().model_dump_json(), encoding="utf-8")
    args = ["brief", str(summary_file), "-f", "docx", "-o", str(tmp_path / "out"), "--prose", "template"]
    assert cli.main([*args, "--reference-doc", str(reference)]) == 0
    opened = docx.Document(str(tmp_path / "out" / "qinghe.brief.docx"))
    texts = [p.text for p in opened.paragraphs]
    assert texts[:3] == ["禾溪经济开发区管理委员会", "禾管发〔2025〕12号", "第1期"]  # their 红头, then ours
    assert "工作简报" not in texts  # no second masthead
    assert opened.styles["Normal"].element.rPr.rFonts.get(qn("w:ascii")) == "KaiTi"
    assert round(opened.sections[0].left_margin.mm) == 31
    assert any(p.style.name == "Title" for p in opened.paragraphs)  # added where the reference lacked it
    assert reference.read_bytes() == data
    # the plan and the digest take the same 红头 and styles
    plan = [
        "plan",
        str(summary_file),
        "-f",
        "docx",
        "-o",
        str(tmp_path / "out"),
        "--reference-doc",
        str(reference),
    ]
    assert cli.main(plan) == 0
    planned = docx.Document(str(tmp_path / "out" / "qinghe.plan.docx"))
    assert [p.text for p in planned.paragraphs[:2]] == ["禾溪经济开发区管理委员会", "禾管发〔2025〕12号"]
    other = tmp_path / "other.summary.json"
    other.write_text(
        grounded().model_copy(update={"source": "other.txt"}).model_dump_json(), encoding="utf-8"
    )
    digest = ["digest", str(summary_file), str(other), "-f", "docx", "-o", str(tmp_path / "out")]
    assert cli.main([*digest, "--reference-doc", str(reference)]) == 0
    compared = docx.Document(str(tmp_path / "out" / "digest.docx"))
    assert compared.paragraphs[0].text == "禾溪经济开发区管理委员会"
    bad = tmp_path / "office.txt"
    bad.write_text("x", encoding="utf-8")
    assert cli.main([*args, "--reference-doc", str(bad), "--force"]) == 2
    assert "--reference-doc" in capsys.readouterr().err
