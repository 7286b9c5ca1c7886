"""Digests of several reports: matching, 口径 checks, 【待核】, charts of verified figures only, CLI."""

from __future__ import annotations

import io
import json
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest

from summarizer.cli import commands as cli
from summarizer.core.errors import RenderGateError, UsageError
from summarizer.core.models import LoadedText
from summarizer.core.summary import DocumentMeta, GroundingStatus, Summary, TextItem
from summarizer.grounding.ground import check_rendered
from summarizer.outputs.compare import canonical_name, compare, names_agree
from summarizer.outputs.digest import chart_data, digest_context, prepare, render_digest
from summarizer.outputs.gate import ToolCounts
from summarizer.text.analyze import analyze_text
from summarizer.text.periods import period_months

from .conftest import DATA
from .summaries import written_summary


@dataclass(frozen=True)
class Zone:
    """An invented report and what a (fake) model extracts from it."""

    source: str
    report: str
    meta: dict[str, str]
    section: dict[str, Any] = field(default_factory=dict)


BAILU = Zone(
    "bailu.txt",
    "白鹭经济开发区2025年上半年工作总结\n"
    "一、主要指标完成情况\n"
    "上半年，规上工业总产值128.6亿元，同比增长12.4%；完成固定资产投资35.2亿元，同比增长8.1%；"
    "新签约项目18个。\n"
    "二、重点项目\n"
    "白鹭光电显示模组项目已竣工投产。白鹭智能装备产业园项目正在建设。\n"
    "三、主要做法\n"
    "实行专班推进重点项目。推行拿地即开工审批改革。\n"
    "四、存在问题\n"
    "一是用地指标紧张；二是高端人才不足。\n",
    {"issuer": "白鹭经济开发区", "period": "2025年上半年", "doc_type": "summary"},
    {
        "indicators": [
            {"name": "规上工业总产值", "value": "128.6亿元", "change": "同比增长12.4%"},
            {"name": "固定资产投资", "value": "35.2亿元", "change": "同比增长8.1%"},
            {"name": "新签约项目", "value": "18个"},
        ],
        "projects": [
            {"name": "白鹭光电显示模组项目", "status": "投产"},
            {"name": "白鹭智能装备产业园项目", "status": "在建"},
        ],
        "measures": [
            {"theme": "项目建设", "text": "实行专班推进重点项目"},
            {"theme": "营商环境", "text": "推行拿地即开工审批改革"},
        ],
        "problems": ["用地指标紧张", "高端人才不足"],
    },
)
SONGLING = Zone(
    "songling.txt",
    "松岭高新技术产业开发区2025年上半年工作总结\n"
    "上半年，规模以上工业总产值96.3亿元，同比增长9.7%；工业投资21.4亿元，同比增长15.2%；"
    "新签约项目46亿元。\n"
    "松岭锂电材料项目正在建设，松岭生物医药中试基地项目已签约。\n"
    "新认定一批高新技术企业；建成省级企业技术中心。\n"
    "存在问题：企业融资难，创新平台能级不高。\n",
    {"issuer": "松岭高新技术产业开发区", "period": "2025年上半年", "doc_type": "summary"},
    {
        "indicators": [
            {"name": "规模以上工业总产值", "value": "96.3亿元", "change": "同比增长9.7%"},
            {"name": "工业投资", "value": "21.4亿元", "change": "同比增长15.2%"},
            {"name": "新签约项目", "value": "46亿元"},
            {"name": "固定资产投资", "value": "50亿元"},  # not in the report: the model invented it
        ],
        "projects": [
            {"name": "松岭锂电材料项目", "status": "在建"},
            {"name": "松岭生物医药中试基地项目", "status": "签约"},
        ],
        "measures": [
            {"theme": "科技创新", "text": "新认定一批高新技术企业"},
            {"theme": "科技创新", "text": "建成省级企业技术中心"},
        ],
        "problems": ["企业融资难", "创新平台能级不高"],
    },
)
YUNXI = Zone(
    "yunxi.txt",
    "云溪经济开发区2025年上半年工作总结\n"
    "上半年，规模以上工业企业实现总产值86500万元，同比下降3.2%；完成固定资产投资9.8亿元。\n"
    "云溪食品精深加工项目正在洽谈。\n"
    "赴长三角开展专题招商活动。\n",
    {"issuer": "云溪经济开发区", "period": "2025年上半年", "doc_type": "summary"},
    {
        "indicators": [
            {"name": "规模以上工业总产值", "value": "86500万元", "change": "同比下降3.2%"},
            {"name": "固定资产投资", "value": "9.8亿元"},
            {"name": "税收", "value": "5.5亿元"},  # invented
        ],
        "projects": [{"name": "云溪食品精深加工项目", "status": "在谈"}],
        "measures": [{"theme": "招商引资", "text": "赴长三角开展专题招商活动"}],
    },
)
BAILU_2024 = Zone(
    "bailu-2024.txt",
    "白鹭经济开发区2024年工作总结\n全年，规上工业总产值236.8亿元，同比增长10.5%。\n",
    {"issuer": "白鹭经济开发区", "period": "2024年", "doc_type": "summary"},
    {"indicators": [{"name": "规上工业总产值", "value": "236.8亿元", "change": "同比增长10.5%"}]},
)


def grounded(zone: Zone) -> Summary:
    doc = analyze_text(LoadedText(source=zone.source, format="text", text=zone.report))
    return written_summary(doc, zone.meta, zone.section)


@pytest.fixture(scope="module")
def three() -> list[tuple[str, Summary]]:
    return [(zone.source, grounded(zone)) for zone in (BAILU, SONGLING, YUNXI)]


def _markdown(files: list[tuple[str, str | bytes]]) -> str:
    text = files[-1][1]
    assert isinstance(text, str)
    return text


def _line(text: str, needle: str) -> str:
    return next(line for line in text.splitlines() if needle in line)


def test_markdown_digest_matches_the_golden_file(three: list[tuple[str, Summary]]) -> None:
    files = render_digest(three, "md")
    assert [name for name, _ in files] == [
        "digest-chart-1.png",
        "digest-chart-2.png",
        "digest-chart-3.png",
        "digest.md",
    ]
    golden = DATA / "digest" / "three-zones.digest.md"
    assert _markdown(files) == golden.read_text(encoding="utf-8")


def test_names_match_by_the_documented_rule() -> None:
    assert names_agree("规上工业总产值", "规模以上工业总产值")
    assert names_agree("上半年规模以上工业企业总产值", "规上工业总产值")
    assert names_agree("工业总产值", "规上工业总产值")  # a scope prefix of two characters
    assert not names_agree("工业投资", "固定资产投资")
    assert not names_agree("出口总额", "进出口总额")  # one character makes another indicator
    assert not names_agree("规上工业增加值", "规上工业总产值")  # ground.names_match alone accepts this
    assert canonical_name("累计完成进出口总额") == ("进出口", "")
    assert canonical_name("1-9月规模以上工业企业总产值") == ("规上工业总产值", "1-9月")


def test_rows_are_matched_across_reports(three: list[tuple[str, Summary]]) -> None:
    rows = compare([s for _, s in three])
    by_name = {row.name: sorted(row.cells) for row in rows}
    assert by_name["规上工业总产值"] == [0, 1, 2]  # written 规模以上… in two of the reports
    assert by_name["固定资产投资"] == [0, 1, 2]
    assert by_name["工业投资"] == [1]  # never matched with 固定资产投资
    assert by_name["税收"] == [2]


PERIODS = [("2025年上半年", 6), ("1-6月", 6), ("2025年1-9月", 9), ("前三季度", 9), ("2024年", 12)]
PERIODS += [("全年", 12), ("一季度", 3), ("截至9月底", 9), ("", None), ("近期", None)]


@pytest.mark.parametrize(("period", "months"), PERIODS)
def test_period_lengths(period: str, months: int | None) -> None:
    assert period_months(period) == months


def test_yi_and_wan_yuan_are_converted_for_the_chart_but_written_as_is(
    three: list[tuple[str, Summary]],
) -> None:
    prepared = prepare(three, charts=False)
    data = chart_data(prepared.rows, [s for _, s in three], prepared.labels, ToolCounts())
    output = next(s for s in data.values if s.name == "规上工业总产值")
    bars = {bar.label: (bar.value, bar.text) for bar in output.bars}
    assert bars["白鹭经济开发区"] == (Decimal("12860000000"), "128.6亿元")
    assert bars["云溪经济开发区"] == (Decimal("865000000"), "86500万元")  # same unit as 亿元 once normalised
    row = _line(_markdown(render_digest(three, "md", charts=False)), "| 规上工业总产值 |")
    assert "| 128.6亿元，同比增长12.4% |" in row and "| 86500万元，同比下降3.2% |" in row
    growth = {bar.label: bar.value for bar in data.growth[0].bars}
    assert growth["云溪经济开发区"] == Decimal("-3.2")  # 下降 is drawn below zero


def test_different_units_are_never_compared(three: list[tuple[str, Summary]]) -> None:
    row = _line(_markdown(render_digest(three, "md", charts=False)), "| 新签约项目 |")
    assert row.endswith("| 口径不同：单位不同（个、元），不作比较 |")
    prepared = prepare(three)
    assert all("新签约项目" not in t for d in prepared.charts for t in d.chart.texts)


def test_half_year_and_full_year_are_not_mixed() -> None:
    pair = [(zone.source, grounded(zone)) for zone in (BAILU, BAILU_2024)]
    text = _markdown(render_digest(pair, "md"))
    row = _line(text, "| 规上工业总产值 |")
    # amounts of different periods are never compared; their 同比 rates are, each with its period
    assert "| 128.6亿元（上半年），同比增长12.4% | 236.8亿元（全年），同比增长10.5% |" in row
    assert row.endswith("| 时期不同（上半年、全年）：数值不作比较，同比增速可比 |")
    prepared = prepare(pair)
    assert [d.title.split("（")[0] for d in prepared.charts] == ["同比增速对比", "重点项目进度"]
    growth = "".join(prepared.charts[0].chart.texts).replace("\n", "")  # the period is on a second line
    assert "增长12.4%（上半年）" in growth and "增长10.5%（全年）" in growth
    assert "128.6亿元" not in growth  # no bar of amounts


def test_unverified_values_are_marked_and_never_charted(three: list[tuple[str, Summary]]) -> None:
    text = _markdown(render_digest(three, "md"))
    assert "| 50亿元【待核】 |" in _line(text, "| 固定资产投资 |")
    assert _line(text, "| 税收 |").endswith("| 5.5亿元【待核】 |  |")  # marked inline, no 核对 column
    prepared = prepare(three)
    drawn = "\n".join("\n".join(d.chart.texts) + d.chart.alt for d in prepared.charts)
    assert "35.2亿元" in drawn and "9.8亿元" in drawn  # the verified values of that row are drawn
    assert "50亿元" not in drawn and "5.5亿元" not in drawn


def test_counts_are_written_in_chinese_numerals_and_problems_never_dropped(
    three: list[tuple[str, Summary]],
) -> None:
    text = _markdown(render_digest(three, "md"))
    assert "- 在建（一项）：白鹭智能装备产业园项目" in text
    assert "| 科技创新 | — | 两项 | — |" in text
    problems = text.split("## 六、存在问题")[1]
    assert "**云溪经济开发区**\n\n- 原文未列出存在问题。" in problems
    assert "- 用地指标紧张" in problems and "- 创新平台能级不高" in problems


def test_every_format_passes_the_figure_gate(three: list[tuple[str, Summary]]) -> None:
    from summarizer.outputs.digest import _gate

    text = _markdown(render_digest(three, "md"))
    prepared = prepare(three)
    digest_context(prepared)  # writes the tool's own counts (项, 份)
    # the checker sees the tool's Chinese-numeral counts; the gate exempts exactly those, nothing else
    unverified = check_rendered(text, [s for _, s in three])
    assert unverified and set(unverified) <= set(prepared.counts.written)
    with pytest.raises(RenderGateError, match="999亿元"):
        _gate("规上工业总产值999亿元", "md", prepared)  # what the gate does to a leaked figure
    with pytest.raises(RenderGateError, match="九百九十九亿元"):
        _gate("规上工业总产值九百九十九亿元", "md", prepared)  # spelled out, it is a figure all the same
    assert "一项" in prepared.counts.written
    with pytest.raises(RenderGateError, match="十一项"):
        _gate("做法十一项", "md", prepared)  # an exempt 一项 never hides a longer count


def test_docx_opens_back_with_the_table_and_inline_pictures(three: list[tuple[str, Summary]]) -> None:
    import docx

    ((name, data),) = render_digest(three, "docx")
    assert name == "digest.docx" and isinstance(data, bytes)
    doc = docx.Document(io.BytesIO(data))
    tables = [[[c.text for c in row.cells] for row in t.rows] for t in doc.tables]
    common = next(t for t in tables if t[0][0] == "指标")
    assert common[0] == ["指标", "白鹭经济开发区", "松岭高新技术产业开发区", "云溪经济开发区", "说明"]
    assert common[1][3] == "86500万元，同比下降3.2%"
    assert len(doc.inline_shapes) == 3
    assert doc.inline_shapes[0]._inline.docPr.get("descr").startswith("柱状图")
    holders = [p for p in doc.paragraphs if p._p.xpath(".//w:drawing")]
    assert len(holders) == 3 and all(p.paragraph_format.line_spacing == 1.0 for p in holders)  # not clipped
    texts = [p.text for p in doc.paragraphs]
    assert "图一　共同指标对比（柱高按同一单位换算，柱上为原文数值）" in texts
    assert [p.text for p in doc.paragraphs if p.style.name == "Heading 1"][-1] == "六、存在问题"


def test_html_is_self_contained_and_autoescaped(three: list[tuple[str, Summary]]) -> None:
    path, songling = three[1]
    hostile = songling.model_copy(
        update={"problems": [TextItem(text="<script>alert(1)</script>融资难", grounding_status="verified")]}
    )
    ((name, html),) = render_digest([three[0], (path, hostile)], "html")
    assert name == "digest.html" and isinstance(html, str)
    assert "<script" not in html and "&lt;script&gt;alert(1)&lt;/script&gt;融资难" in html
    assert html.count("<svg") == 3 and "<img" not in html and "<?xml" not in html
    assert "@page { size: A4" in html


def test_the_command_from_summaries_writes_charts_next_to_the_markdown(tmp_path: Path) -> None:
    from PIL import Image

    inputs = []
    for zone in (BAILU, SONGLING, YUNXI):
        path = tmp_path / f"{zone.source.removesuffix('.txt')}.summary.json"
        path.write_text(grounded(zone).model_dump_json(), encoding="utf-8")
        (tmp_path / zone.source).write_text(zone.report, encoding="utf-8")  # re-checked against it
        inputs.append(str(path))
    out = tmp_path / "out"
    assert cli.main(["digest", *inputs, "-o", str(out), "--name", "上半年对比"]) == 0
    text = (out / "上半年对比.md").read_text(encoding="utf-8")
    for n in (1, 2, 3):
        assert f"](上半年对比-chart-{n}.png)" in text
        with Image.open(out / f"上半年对比-chart-{n}.png") as image:
            assert image.format == "PNG"
    assert cli.main(["digest", *inputs[:2], "-o", str(out), "-f", "json", "--no-charts"]) == 0
    data = json.loads((out / "digest.json").read_text(encoding="utf-8"))
    assert data["common"][0]["cells"] == ["128.6亿元，同比增长12.4%", "96.3亿元，同比增长9.7%"]
    assert not list(out.glob("digest-chart-*"))


def test_the_command_from_reports_with_dry_run(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    for zone in (BAILU, YUNXI):
        (tmp_path / zone.source).write_text(zone.report, encoding="utf-8")
    args = [str(tmp_path / "bailu.txt"), str(tmp_path / "yunxi.txt"), "--dry-run", "-o", str(tmp_path / "o")]
    assert cli.main(["digest", *args, "-f", "html"]) == 0
    html = (tmp_path / "o" / "digest.html").read_text(encoding="utf-8")
    assert "<h3>白鹭经济开发区</h3>" in html and "<h3>云溪经济开发区</h3>" in html  # from the title lines
    # no model: the parser's figures are the summaries' indicators, named by the vocabulary
    assert "128.6亿元，同比增长12.4%" in html and "86500万元，同比下降3.2%" in html
    # where the source lists its problems they are quoted; where it has none, it says so
    assert html.count("原文未列出存在问题。") == 1 and "<svg" in html  # verified figures, charted
    assert "原文有“存在问题”部分" not in html
    assert (tmp_path / "o" / "bailu.summary.json").exists()
    capsys.readouterr()


def test_file_names_label_reports_without_a_unit_and_are_not_figures() -> None:
    bare = [
        (
            f"开发区{n}.summary.json",
            grounded(zone).model_copy(update={"meta": DocumentMeta(doc_type="other")}),
        )
        for n, zone in ((2, BAILU), (3, YUNXI))
    ]
    text = _markdown(render_digest(bare, "md"))  # the gate would stop a stray "2" or "3" as a figure
    assert "| 指标 | 开发区2 | 开发区3 | 说明 |" in text and text.startswith("# 工作报告对比汇总\n")


def test_one_input_is_a_usage_error(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "bailu.summary.json"
    path.write_text(grounded(BAILU).model_dump_json(), encoding="utf-8")
    assert cli.main(["digest", str(path), "-o", str(tmp_path)]) == 2
    assert "至少需要两份" in capsys.readouterr().err
    with pytest.raises(UsageError):
        render_digest([(str(path), grounded(BAILU))], "md")


def test_a_broken_input_stops_before_anything_is_written(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    good = tmp_path / "bailu.summary.json"
    good.write_text(grounded(BAILU).model_dump_json(), encoding="utf-8")
    broken = tmp_path / "yunxi.summary.json"
    broken.write_text('{"source": "yunxi.txt", "meta": ', encoding="utf-8")
    out = tmp_path / "out"
    assert cli.main(["digest", str(good), str(broken), "-o", str(out)]) == 3
    assert "yunxi.summary.json" in capsys.readouterr().err
    assert not out.exists()
    assert cli.main(["digest", str(good), str(tmp_path / "missing.txt"), "-o", str(out), "--dry-run"]) == 3
    assert not (out / "digest.md").exists()
    capsys.readouterr()


def test_a_users_own_template_is_sandboxed_gated_and_its_errors_located(
    three: list[tuple[str, Summary]], tmp_path: Path
) -> None:
    mine = tmp_path / "mine.md.j2"
    mine.write_text("# 我的对比\n{% for row in common %}{{ row.name | md }}\n{% endfor %}", encoding="utf-8")
    [(name, text)] = render_digest(three, "md", charts=False, template=mine)
    assert name == "digest.md" and str(text).startswith("# 我的对比\n")
    leaking = tmp_path / "leak.md.j2"
    leaking.write_text("全年总产值突破900亿元\n", encoding="utf-8")
    with pytest.raises(RenderGateError, match="900亿元"):
        render_digest(three, "md", charts=False, template=leaking)
    broken = tmp_path / "broken.md.j2"
    broken.write_text("第一行\n{{ common[0].__class__.__mro__ }}\n", encoding="utf-8")
    with pytest.raises(UsageError, match=r"broken\.md\.j2.*unsafe"):  # the sandbox refuses
        render_digest(three, "md", charts=False, template=broken)
    bad_syntax = tmp_path / "syntax.md.j2"
    bad_syntax.write_text("一\n二\n{% if %}\n", encoding="utf-8")
    with pytest.raises(UsageError, match=r"syntax\.md\.j2 第 3 行"):
        render_digest(three, "md", charts=False, template=bad_syntax)


def test_a_target_is_never_compared_with_a_result() -> None:
    from summarizer.core.summary import Indicator

    def one(value: str, qualifiers: tuple[str, ...]) -> Summary:
        amount = Decimal(value.removesuffix("亿元")) * 10**8
        item = Indicator(
            name="规上工业总产值",
            value=value,
            unit="元",
            normalized=amount,
            qualifiers=qualifiers,
            period="全年",
            grounding_status=GroundingStatus.VERIFIED,
        )
        return Summary(source="x.txt", meta=DocumentMeta(doc_type="summary"), indicators=[item])

    [row] = compare([one("330亿元", ("确保",)), one("312.6亿元", ())])
    assert row.note == "口径不同：目标值与实际值，不作比较" and not row.comparable


def test_an_indicator_two_reports_share_is_compared_even_if_no_vocabulary_names_it(tmp_path: Path) -> None:
    """新建标准厂房 is no core indicator, but both reports say it: one row, both values; an indicator
    only one report has is left out unless it is a core one."""
    texts = {
        "a": "甲经济开发区2025年工作总结\n"
        "全年规上工业总产值86.4亿元，新建标准厂房12.5万平方米，举办招商推介会6场。\n",
        "b": "乙经济开发区2025年工作总结\n全年规上工业总产值64.2亿元，新建标准厂房8.3万平方米。\n",
    }
    summaries = []
    for stem, text in texts.items():
        (tmp_path / f"{stem}.txt").write_text(text, encoding="utf-8")
        assert cli.main(["extract", str(tmp_path / f"{stem}.txt"), "--dry-run", "-o", str(tmp_path)]) == 0
        summaries.append(Summary.model_validate_json((tmp_path / f"{stem}.summary.json").read_text("utf-8")))
    rows = {row.name: sorted(c.item.value for c in row.cells.values()) for row in compare(summaries)}
    assert rows["新建标准厂房"] == ["12.5万平方米", "8.3万平方米"]
    assert rows["规上工业总产值"] == ["64.2亿元", "86.4亿元"]
    assert not any("招商推介会" in name for name in rows)  # one report's own, and no core indicator
