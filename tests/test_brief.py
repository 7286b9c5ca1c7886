"""Briefing memos from grounded summaries: structure, 【待核】 marks, the rendered-figure gate, templates."""

from __future__ import annotations

from pathlib import Path

import pytest

from summarizer.backends.fake import FakeBackend
from summarizer.cli import commands as cli
from summarizer.core.errors import RenderGateError, UsageError
from summarizer.core.models import LoadedText
from summarizer.core.summary import GroundingStatus, Summary
from summarizer.grounding.ground import apply_policy, ground
from summarizer.llm.extract import Extractor
from summarizer.outputs.brief import BriefHeader, render_brief
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


def test_markdown_brief_matches_the_golden_file() -> None:
    text = render_brief(grounded(), "md", HEADER)
    golden = DATA / "brief" / "qinghe.brief.md"
    assert text == golden.read_text(encoding="utf-8")


def test_unverified_items_are_marked_on_their_own_line() -> None:
    lines = render_brief(grounded(), "md", HEADER).splitlines()
    assert "8.8亿元【待核】 |" in next(line for line in lines if "8.8亿元" in line)  # no 核对 column
    assert "【待核】" in next(line for line in lines if "600亿元" in line)
    assert "【待核】" not in next(line for line in lines if "271.3亿元" in line)


def test_problems_are_never_dropped() -> None:
    # the model names nothing: the source's own 存在问题 items are in the summary, one each, verified
    doc = analyze_text(LoadedText(source="qinghe.txt", format="text", text=REPORT))
    extracted = Extractor(FakeBackend(default=lambda m, s: "{}")).extract(doc)
    summary = apply_policy(extracted, ground(extracted, doc), "flag")
    assert [(t.text, t.grounding_status) for t in summary.problems] == [
        ("要素保障压力较大", GroundingStatus.VERIFIED),
        ("研发投入偏少", GroundingStatus.VERIFIED),
    ]
    assert "- 要素保障压力较大\n- 研发投入偏少\n" in render_brief(summary, "md", HEADER)
    # a 存在问题 section with nothing to quote: the memo must not claim the source has none
    unquotable = summary.model_copy(update={"problems": []})
    text = render_brief(unquotable, "md", HEADER)
    assert "- 原文有“存在问题”部分，但未能自动提取出条目，请对照原文补充。【待核】" in text
    without = unquotable.model_copy(update={"parts": []})
    assert "- 原文未列出存在问题。" in render_brief(without, "md", HEADER)


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
    assert "- 要素保障压力较大" in text  # quoted from the report's own list, even without a model
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
