"""Word files as offices make them: headings numbered by Word's own list numbering, tracked changes,
text boxes and fields. Each fixture is built here with python-docx and raw WordprocessingML, the way
Word and WPS write it, and read back through `load` and the whole extraction."""

from __future__ import annotations

import json
from pathlib import Path

import docx
from docx.oxml import parse_xml
from docx.oxml.ns import nsdecls

from summarizer.skeleton.build import build_skeleton
from summarizer.text.analyze import analyze_text
from summarizer.text.load import load
from summarizer.text.wordml import format_number

_W = nsdecls("w")

# one list definition, three levels as a 总结 numbers them: 一、 （一） 1.
_NUMBERING = f"""
<w:abstractNum {_W} w:abstractNumId="90">
  <w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="chineseCounting"/><w:lvlText w:val="%1、"/></w:lvl>
  <w:lvl w:ilvl="1"><w:start w:val="1"/><w:numFmt w:val="chineseCounting"/><w:lvlText w:val="（%2）"/></w:lvl>
  <w:lvl w:ilvl="2"><w:start w:val="1"/><w:numFmt w:val="decimal"/><w:lvlText w:val="%3."/></w:lvl>
</w:abstractNum>
"""


def _numbered(document: docx.document.Document) -> str:
    """Add the list definition to the document's numbering part; the numId to refer to it by."""
    numbering = document.part.numbering_part.element
    numbering.insert(0, parse_xml(_NUMBERING))  # abstractNum before every num, as the schema orders
    numbering.append(parse_xml(f'<w:num {_W} w:numId="90"><w:abstractNumId w:val="90"/></w:num>'))
    return "90"


def _item(document: docx.document.Document, text: str, level: int) -> None:
    paragraph = document.add_paragraph(text)
    paragraph._p.get_or_add_pPr().append(
        parse_xml(f'<w:numPr {_W}><w:ilvl w:val="{level}"/><w:numId w:val="90"/></w:numPr>')
    )


def _paragraph(document: docx.document.Document, xml: str) -> None:
    document.element.body.append(parse_xml(f"<w:p {_W}>{xml}</w:p>"))


def _run(text: str) -> str:
    return f'<w:r><w:t xml:space="preserve">{text}</w:t></w:r>'


def numbered_report(path: Path) -> Path:
    """A 总结 whose part and point headings carry no 一、/（一） in their text: Word numbers them."""
    document = docx.Document()
    _numbered(document)
    document.add_paragraph("柏川经济开发区2025年工作总结")
    _item(document, "主要工作", 0)
    _item(document, "项目建设", 1)
    document.add_paragraph("全年完成固定资产投资46.2亿元，同比增长8.4%。")
    _item(document, "招商引资", 1)
    document.add_paragraph("全年新签约项目22个，协议总投资118亿元。")
    _item(document, "存在问题", 0)
    document.add_paragraph("一是要素保障趋紧，待供地约380亩；二是外贸下滑，进出口总额下降2.6%。")
    _item(document, "下步打算", 0)
    document.add_paragraph("力争2026年新签约项目25个以上。")
    document.save(path)
    return path


def test_word_list_numbering_is_restored_in_front_of_its_headings(tmp_path: Path) -> None:
    text = load(numbered_report(tmp_path / "r.docx")).text
    lines = text.splitlines()
    assert lines[1:3] == ["一、主要工作", "（一）项目建设"]
    assert "（二）招商引资" in lines and "二、存在问题" in lines and "三、下步打算" in lines


def test_numbered_headings_are_the_reports_parts(tmp_path: Path) -> None:
    loaded = load(numbered_report(tmp_path / "r.docx"))
    sk = build_skeleton(analyze_text(loaded))
    roles = {f.value.text: f.role for f in sk.facts}
    # the problem evidence is problem evidence, the plan's figure a target: the parts are read
    assert roles["约380亩"] == "problem" and roles["2.6%"] == "problem"
    assert roles["25个以上"] == "target" and roles["46.2亿元"] == "result"


def test_each_format_word_uses_for_chinese_reports() -> None:
    assert [format_number(n, "chineseCounting") for n in (1, 10, 11, 20, 23)] == [
        "一",
        "十",
        "十一",
        "二十",
        "二十三",
    ]
    assert format_number(3, "decimalEnclosedCircle") == "③"
    assert format_number(2, "ideographTraditional") == "乙"
    assert format_number(4, "upperRoman") == "IV" and format_number(28, "lowerLetter") == "bb"


def test_tracked_changes_fields_and_text_boxes_read_as_word_shows_them(tmp_path: Path) -> None:
    document = docx.Document()
    document.add_paragraph("柏川经济开发区2025年工作总结")
    author = 'w:id="1" w:author="办公室" w:date="2025-12-01T00:00:00Z"'
    # an insertion Word shows, a deletion it does not
    _paragraph(
        document,
        _run("全年完成技改投资")
        + f"<w:ins {author}>{_run('21.6亿元')}</w:ins>"
        + f"<w:del {author.replace('1', '2', 1)}><w:r><w:delText>19.8亿元</w:delText></w:r></w:del>"
        + _run("。"),
    )
    # a simple field and a complex field: their results are what the reader sees
    _paragraph(
        document,
        _run("引进亿元以上项目")
        + f'<w:fldSimple w:instr=" DOCPROPERTY 项目数 ">{_run("17个")}</w:fldSimple>'
        + _run("，新增规上企业")
        + '<w:r><w:fldChar w:fldCharType="begin"/></w:r><w:r><w:instrText> =12+2 </w:instrText></w:r>'
        + '<w:r><w:fldChar w:fldCharType="separate"/></w:r>'
        + _run("14家")
        + '<w:r><w:fldChar w:fldCharType="end"/></w:r>'
        + _run("。"),
    )
    # a text box as Word writes it: the DrawingML shape, and a VML copy for old readers
    box = f"<w:txbxContent><w:p>{_run('新增高新技术企业33家。')}</w:p></w:txbxContent>"
    mc = 'xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006"'
    wps = 'xmlns:wps="http://schemas.microsoft.com/office/word/2010/wordprocessingShape"'
    shape = f"<w:drawing><wps:wsp {wps}><wps:txbx>{box}</wps:txbx></wps:wsp></w:drawing>"
    vml = f"<v:shape xmlns:v='urn:schemas-microsoft-com:vml'><v:textbox>{box}</v:textbox></v:shape>"
    vml = f"<w:pict>{vml}</w:pict>"
    _paragraph(
        document,
        f'<w:r><mc:AlternateContent {mc}><mc:Choice Requires="wps">{shape}</mc:Choice>'
        f"<mc:Fallback>{vml}</mc:Fallback></mc:AlternateContent></w:r>" + _run("科技创新成效明显。"),
    )
    document.save(tmp_path / "r.docx")
    loaded = load(tmp_path / "r.docx")
    assert "全年完成技改投资21.6亿元。" in loaded.text and "19.8亿元" not in loaded.text
    assert "引进亿元以上项目17个，新增规上企业14家。" in loaded.text and "=12+2" not in loaded.text
    assert loaded.text.count("新增高新技术企业33家。") == 1  # the VML copy is not read twice
    assert "科技创新成效明显。\n新增高新技术企业33家。" in loaded.text
    notes = "".join(loaded.notes)
    assert "修订" in notes and "插入 1 处" in notes and "删除 1 处" in notes and "文本框 1 个" in notes
    # and the summary carries them, each traced to the text the user sees
    summary_figures = {q.text for q in analyze_text(loaded).figures}
    assert {"21.6亿元", "17个", "14家", "33家"} <= summary_figures and "19.8亿元" not in summary_figures


def test_the_word_file_reads_as_the_same_report_typed_as_text(tmp_path: Path) -> None:
    typed = tmp_path / "r.txt"
    typed.write_text(
        "柏川经济开发区2025年工作总结\n一、主要工作\n（一）项目建设\n"
        "全年完成固定资产投资46.2亿元，同比增长8.4%。\n（二）招商引资\n全年新签约项目22个，协议总投资118亿元。\n"
        "二、存在问题\n一是要素保障趋紧，待供地约380亩；二是外贸下滑，进出口总额下降2.6%。\n"
        "三、下步打算\n力争2026年新签约项目25个以上。\n",
        encoding="utf-8",
    )
    as_word = build_skeleton(analyze_text(load(numbered_report(tmp_path / "r.docx"))))
    as_text = build_skeleton(analyze_text(load(typed)))
    assert [(f.value.text, f.role, f.subject) for f in as_word.facts] == [
        (f.value.text, f.role, f.subject) for f in as_text.facts
    ]
    assert as_word.parts == as_text.parts and len(as_word.parts) >= 3


def indicator_table_report(path: Path) -> Path:
    """An 经济运行 report whose figures stand in a Word table, the way offices lay it out."""
    document = docx.Document()
    document.add_paragraph("柏川经济开发区2025年1-9月经济运行情况")
    document.add_paragraph("前三季度，全区经济运行总体平稳。主要指标完成情况如下：")
    rows = [
        ("指标", "单位", "1-9月", "同比增长（%）"),
        ("规模以上工业总产值", "亿元", "248.6", "7.9"),
        ("固定资产投资", "亿元", "61.2", "-3.4"),
        ("一般公共预算收入（万元）", "", "40860", "2.7"),
        ("新签约项目", "个", "29", "—"),
    ]
    table = document.add_table(rows=len(rows), cols=4)
    for r, row in enumerate(rows):
        for c, value in enumerate(row):
            table.cell(r, c).text = value
    document.add_paragraph("二、存在问题")
    document.add_paragraph("外贸持续承压，进出口总额下降5.1%。")
    document.save(path)
    return path


def test_each_row_of_an_indicator_table_is_a_figure_named_by_its_row(tmp_path: Path) -> None:
    from summarizer.cli import commands as cli

    report = indicator_table_report(tmp_path / "r.docx")
    assert cli.main(["extract", str(report), "--dry-run", "-o", str(tmp_path)]) == 0
    data = json.loads((tmp_path / "r.summary.json").read_text(encoding="utf-8"))
    rows = {i["value"]: i for i in data["indicators"]}
    # the unit from the 单位 column, the row's name, the column's period, the growth column's rate
    assert rows["248.6亿元"]["name"] == "规上工业总产值" and rows["248.6亿元"]["period"] == "1-9月"
    assert rows["248.6亿元"]["change"] == "同比增长7.9%"
    assert rows["61.2亿元"]["change"] == "同比下降3.4%"  # a minus in a growth column is a fall
    assert rows["40860万元"]["name"] == "一般公共预算收入"  # the unit in the row's own name
    assert rows["29个"]["change"] == ""  # — is no figure
    # every one grounded on its own cell, none nameless or misattributed
    assert all(i["grounding_status"] == "verified" for i in data["indicators"])
    assert not any("待补" in i["name"] for i in data["indicators"])
    original = load(report).text
    source = rows["248.6亿元"]["source"]
    assert original[source["start"] : source["end"]] == "248.6"  # the cell the reader sees
