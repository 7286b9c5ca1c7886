"""The review page without a browser: spans, statuses, escaping, self-containment, the CLI."""

from __future__ import annotations

import json
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import pytest

from summarizer.cli import commands as cli
from summarizer.core.errors import InputNotFound
from summarizer.core.models import Document, LoadedText
from summarizer.core.summary import Summary
from summarizer.jobs.recheck import report_for_review
from summarizer.outputs.review import render_review, review_context, script_json
from summarizer.text.analyze import analyze_text

from .summaries import written_summary

REPORT = (
    "枫林港经济开发区2025年1-9月工作总结\n"
    "1-9月，开发区完成规模以上工业总产值186.4亿元，同比增长12.7%；完成固定资产投资42.3亿元，"
    "同比增长8.1%；实现一般公共预算收入6.25亿元。\n"
    "一、项目建设\n"
    "枫林智能装备产业园项目总投资18.6亿元，一期厂房已封顶。\n"
    "二、存在问题\n"
    "一是土地指标紧张；二是高端人才引进难。\n"
)
# The same report as a Traditional web page would carry it.
TRADITIONAL = (
    "楓林港經濟開發區2025年1-9月工作總結\n"
    "1-9月，開發區完成規模以上工業總產值186.4億元，同比增長12.7%；完成固定資產投資42.3億元。\n"
    "二、存在問題\n"
    "一是土地指標緊張。\n"
)
HOSTILE = '<script>window.__pwned=1</script><img src=x onerror="window.__pwned=2;alert(3)">{{ 7*7 }}'
META = {
    "title": "枫林港经济开发区2025年1-9月工作总结",
    "issuer": "枫林港经济开发区",
    "period": "2025年1-9月",
    "doc_type": "summary",
}
SECTION: dict[str, Any] = {
    "indicators": [
        {"name": "规模以上工业总产值", "value": "186.4亿元", "change": "同比增长12.7%"},
        {"name": "一般公共预算收入", "value": "6.52亿元"},  # digits swapped: not in the source
        {"name": "固定资产投资", "value": "42.3亿元", "change": "同比增长12.7%"},  # another's growth rate
    ],
    "projects": [{"name": "枫林智能装备产业园项目", "investment": "总投资18.6亿元", "status": "在建"}],
    "measures": [{"theme": "项目建设", "text": "智能装备产业园一期厂房已封顶"}],
    "problems": ["土地指标紧张", "高端人才引进难"],
    "next_steps": ["力争全年总产值突破250亿元"],
}


def grounded(
    report: str = REPORT, section: dict[str, Any] = SECTION, source: str = "fenglin.txt"
) -> tuple[Summary, Document]:
    doc = analyze_text(LoadedText(source=source, format="text", text=report))
    return written_summary(doc, META, section), doc


def page_data(context: dict[str, Any]) -> dict[str, Any]:
    data: dict[str, Any] = json.loads(str(context["data_json"]))
    return data


def marked_text(doc: Document, context: dict[str, Any], item: str) -> list[str]:
    data = page_data(context)
    return [doc.original[m["start"] : m["end"]] for m in map(data["marks"].get, data["items"][item]["marks"])]


class _Tags(HTMLParser):
    """Real tags and attributes as a browser's parser sees them, plus the text outside script/style."""

    def __init__(self) -> None:
        super().__init__()
        self.tags: list[tuple[str, dict[str, str | None]]] = []
        self.text: list[str] = []
        self.json_block: list[str] = []
        self._in: str | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, dict(attrs)))
        if tag in ("script", "style"):
            self._in = "json" if dict(attrs).get("type") == "application/json" else tag

    def handle_endtag(self, tag: str) -> None:
        if tag in ("script", "style"):
            self._in = None

    def handle_data(self, data: str) -> None:
        if self._in == "json":
            self.json_block.append(data)
        elif self._in is None:
            self.text.append(data)


def parse(html: str) -> _Tags:
    parser = _Tags()
    parser.feed(html)
    return parser


def test_highlights_point_at_the_figures_in_the_original() -> None:
    summary, doc = grounded()
    context = review_context(summary, doc)
    assert marked_text(doc, context, "indicators[0]") == ["186.4亿元", "12.7%"]
    assert marked_text(doc, context, "indicators[1]") == []  # 6.52亿元 is nowhere in the source
    assert marked_text(doc, context, "problems[1]") == ["高端人才引进难"]
    # the misattributed growth rate points at where 12.7% really is, next to 工业总产值
    assert marked_text(doc, context, "indicators[2]") == ["42.3亿元", "12.7%"]


def test_source_lines_reproduce_the_original_and_classify_every_figure() -> None:
    summary, doc = grounded()
    lines = review_context(summary, doc)["lines"]
    assert "\n".join("".join(s["text"] for s in line) for line in lines) == doc.original
    classes = {s["text"]: s["cls"] for line in lines for s in line if s["marks"]}
    assert classes["186.4亿元"] == "hl ok"
    assert classes["12.7%"] == "hl bad"  # right for one indicator, wrongly cited by another
    assert classes["8.1%"] == classes["6.25亿元"] == "fig"  # found by the parser, cited by nobody
    assert classes["高端人才引进难"] == "tx"


def test_counts_and_unverified_items_are_marked() -> None:
    summary, doc = grounded()
    context = review_context(summary, doc)
    counts = {c["status"]: c["n"] for c in context["counts"]}
    assert counts == {"verified": 5, "misattributed": 1, "figure_not_in_source": 2, "text_not_found": 0}
    rows = {row["key"]: row for row in context["indicators"]}
    assert rows["indicators[1]"]["mark"] == "【待核】" and rows["indicators[1]"]["cls"] == "bad"
    assert rows["indicators[0]"]["mark"] == "" and rows["indicators[0]"]["line"] == 2
    assert "工业总产值" in rows["indicators[2]"]["notes"][0]  # whose figure it really is
    html = render_review(summary, doc)
    for key in ("indicators[1]", "indicators[2]", "next_steps[0]"):
        element = html.split(f'data-item="{key}"', 1)[1].split("</tr>", 1)[0].split("</li>", 1)[0]
        assert '<span class="mark">【待核】</span>' in element
    assert "【待核】" not in html.split('data-item="indicators[0]"', 1)[1].split("</tr>", 1)[0]


def test_hostile_source_and_summary_text_stay_inert() -> None:
    section = {
        **SECTION,
        "measures": [{"theme": "项目建设", "text": "专班推进</script><script>alert(1)</script>"}],
    }
    summary, doc = grounded(REPORT + HOSTILE + "\n", section)
    html = render_review(summary, doc)
    page = parse(html)
    assert [tag for tag, _ in page.tags].count("script") == 2  # the data block and the page's own
    assert "img" not in [tag for tag, _ in page.tags]
    assert not [name for _, attrs in page.tags for name in attrs if name.startswith("on")]
    text = "".join(page.text)
    assert HOSTILE in text and "{{ 7*7 }}" in text and "49" not in text
    block = "".join(page.json_block)
    assert "<" not in block and ">" not in block
    labels = [item["label"] for item in json.loads(block)["items"].values()]
    assert any(label.startswith("专班推进</script><script>alert(1)") for label in labels)


def test_page_is_self_contained_and_forbids_the_network() -> None:
    summary, doc = grounded()
    page = parse(render_review(summary, doc))
    csp = [
        a["content"] for t, a in page.tags if t == "meta" and a.get("http-equiv") == "Content-Security-Policy"
    ]
    assert csp == ["default-src 'none'; style-src 'unsafe-inline'; script-src 'unsafe-inline'; img-src data:"]
    assert not [attrs for _, attrs in page.tags if "src" in attrs or "href" in attrs]
    assert "@font-face" not in render_review(summary, doc) and "@media print" in render_review(summary, doc)


def test_traditional_spans_map_into_the_traditional_original() -> None:
    summary, doc = grounded(TRADITIONAL)
    context = review_context(summary, doc)
    assert doc.script == "traditional" and context["script"] == "繁体"
    assert marked_text(doc, context, "indicators[0]") == ["186.4億元", "12.7%"]
    assert marked_text(doc, context, "problems[0]") == ["土地指標緊張"]


def test_script_json_cannot_close_its_tag() -> None:
    value = {"a": "</script><!-- & \u2028 -->"}
    text = str(script_json(value))
    assert not set("<>&\u2028") & set(text)
    assert json.loads(text) == value


def test_find_report_as_recorded_or_next_to_the_summary(tmp_path: Path) -> None:
    summary, _ = grounded()
    (tmp_path / "fenglin.txt").write_text(REPORT, encoding="utf-8")
    path = str(tmp_path / "fenglin.summary.json")
    assert report_for_review(path, summary) == str(tmp_path / "fenglin.txt")
    with pytest.raises(InputNotFound, match=r"summarizer review .*fenglin\.summary\.json 报告文件"):
        report_for_review(path, summary.model_copy(update={"source": "gone.txt"}))
    with pytest.raises(InputNotFound, match="不是报告文件"):  # never read, never embedded in a page
        report_for_review(path, summary.model_copy(update={"source": "/etc/shadow"}))


def write_inputs(tmp_path: Path, source: str | None = None) -> tuple[Path, Path]:
    report = tmp_path / "fenglin.txt"
    report.write_text(REPORT, encoding="utf-8")
    summary, _ = grounded(source=source or str(report))
    summary_file = tmp_path / "fenglin.summary.json"
    summary_file.write_text(summary.model_dump_json(), encoding="utf-8")
    return report, summary_file


def test_review_command_writes_the_page(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    report, summary_file = write_inputs(tmp_path)
    assert cli.main(["review", str(summary_file), str(report), "-o", str(tmp_path / "out")]) == 0
    html = (tmp_path / "out" / "fenglin.review.html").read_text(encoding="utf-8")
    assert html.startswith("<!doctype html>") and 'data-item="indicators[0]"' in html
    assert "fenglin.review.html" in capsys.readouterr().out


def test_review_command_warns_when_the_report_is_not_the_recorded_one(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    report, summary_file = write_inputs(tmp_path, source="elsewhere/other-zone.txt")
    assert cli.main(["review", str(summary_file), str(report), "-o", str(tmp_path)]) == 0
    assert "other-zone.txt" in capsys.readouterr().err
    assert (tmp_path / "fenglin.review.html").exists()


def test_review_command_with_a_missing_report_fails_cleanly(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    _, summary_file = write_inputs(tmp_path)
    missing = tmp_path / "nope.txt"
    assert cli.main(["review", str(summary_file), str(missing), "-o", str(tmp_path / "out")]) == 3
    err = capsys.readouterr().err
    assert "nope.txt" in err and "Traceback" not in err
    assert not (tmp_path / "out").exists()


def test_brief_review_from_a_summary_takes_the_recorded_report(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    _, summary_file = write_inputs(tmp_path)
    out = tmp_path / "out"
    args = ["brief", str(summary_file), "--review", "--prose", "template", "-o", str(out)]
    assert cli.main(args) == 0
    assert (out / "fenglin.brief.md").exists()
    assert 'data-item="problems[0]"' in (out / "fenglin.review.html").read_text(encoding="utf-8")
    capsys.readouterr()


def test_brief_review_without_the_report_says_what_to_run(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    _, summary_file = write_inputs(tmp_path, source=str(tmp_path / "moved-away.txt"))
    out = tmp_path / "out"
    assert cli.main(["brief", str(summary_file), "--review", "--prose", "template", "-o", str(out)]) == 3
    err = capsys.readouterr().err
    assert "moved-away.txt" in err and "summarizer review" in err
    assert not out.exists()  # checked before anything was written


def test_a_summary_naming_a_system_file_never_gets_it_read_or_embedded(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    secret = tmp_path / "shadow"
    secret.write_text("root:$6$SECRETHASH:19000:0:99999:7:::\n", encoding="utf-8")
    _, summary_file = write_inputs(tmp_path, source=str(secret))
    out = tmp_path / "out"
    assert cli.main(["brief", str(summary_file), "--review", "--prose", "template", "-o", str(out)]) == 3
    assert "不是报告文件" in capsys.readouterr().err and not out.exists()
    # a brief alone does not read it either: every item unchecked, and the memo says why
    assert cli.main(["brief", str(summary_file), "--prose", "template", "-o", str(out)]) == 0
    brief = (out / "fenglin.brief.md").read_text(encoding="utf-8")
    assert "不是报告文件" in brief and "SECRETHASH" not in brief


def test_review_warns_when_the_report_is_not_the_one_extracted(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    report, summary_file = write_inputs(tmp_path)
    data = json.loads(summary_file.read_text(encoding="utf-8"))
    summary_file.write_text(json.dumps({**data, "source_sha256": "0" * 64}), encoding="utf-8")
    assert cli.main(["review", str(summary_file), str(report), "-o", str(tmp_path / "out")]) == 0
    assert "内容不同" in capsys.readouterr().err


def test_brief_review_from_a_report_reanalyses_it(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    report, _ = write_inputs(tmp_path)
    out = tmp_path / "out"
    assert cli.main(["brief", str(report), "--dry-run", "--review", "-o", str(out)]) == 0
    html = (out / "fenglin.review.html").read_text(encoding="utf-8")
    assert "枫林智能装备产业园项目总投资" in html and 'class="hl ok"' in html  # parser figures
    capsys.readouterr()
