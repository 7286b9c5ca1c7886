"""Two faults of the issue list, through the real CLI: the memo's own counts past one hundred, and the
`fail` policy for unverified items set in the environment."""

from __future__ import annotations

from pathlib import Path

import pytest

from summarizer.cli import commands as cli
from summarizer.text.numerals import chinese_numeral, numeral_value

from ..test_batch import REPORTS


def test_every_count_from_zero_to_ten_thousand_is_written_and_read_back_exactly() -> None:
    for n in range(10_001):
        assert numeral_value(chinese_numeral(n)) == n, n
    assert [chinese_numeral(n) for n in (10, 101, 110, 1005, 10_000)] == [
        "十", "一百零一", "一百一十", "一千零五", "一万",
    ]  # fmt: skip


def test_a_long_report_at_one_page_keeps_every_item_and_counts_in_correct_chinese(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """130 problems, each under its own number: at one page the memo numbers every one of them past one
    hundred (the old counter raised IndexError there), drops none, and counts the table rows it left
    out in words."""
    results = "；".join(
        f"{name}{value}亿元，同比增长{rate}%"
        for name, value, rate in (("规上工业总产值", "612.7", "9.3"), ("固定资产投资", "154.8", "11.2"),
                                  ("一般公共预算收入", "27.9", "5.4"), ("税收收入", "23.6", "6.7"),
                                  ("工业投资", "82.3", "16.5"))
    )  # fmt: skip
    problems = "".join(f"{i}. 第{i}片区的道路管网配套仍然滞后，需要加快建设；\n" for i in range(1, 131))
    report = tmp_path / "长报告.txt"
    report.write_text(
        f"桐川经济开发区2025年工作总结\n2025年，桐川经济开发区{results}。\n"
        "一、主要工作\n（一）抓项目建设。全年实施重点项目86个，完成投资131.6亿元。\n"
        "（二）抓招商引资。全年新签约项目58个，协议总投资326亿元。\n"
        "二、存在问题\n" + problems,
        encoding="utf-8",
    )
    args = ["brief", str(report), "--dry-run", "-o", str(tmp_path), "-f", "md", "--prose", "template"]
    assert cli.main(args) == 0
    default = (tmp_path / "长报告.brief.md").read_text(encoding="utf-8")
    capsys.readouterr()
    assert cli.main([*args, "--pages", "1", "--force"]) == 0
    assert "仍超出 1 页" in capsys.readouterr().err  # 130 problems do not fit a page, and none is cut
    memo = (tmp_path / "长报告.brief.md").read_text(encoding="utf-8")
    for text in (default, memo):
        assert text.count("片区的道路管网配套仍然滞后") == 130
        for n in range(1, 131):
            assert f"**（{chinese_numeral(n)}）第{n}片区的道路管网配套仍然滞后" in text, n
        assert "（一百一十）第110片区" in text and "十十" not in text
    rows = [
        len([line for line in text.splitlines() if line.startswith("| ") and "---" not in line][1:])
        for text in (default, memo)
    ]
    left_out = rows[0] - rows[1]
    assert left_out > 0 and rows[1] >= 2 and "从略" not in default
    assert f"（篇幅所限，另有指标{'两' if left_out == 2 else chinese_numeral(left_out)}项从略。）" in memo


def test_the_fail_policy_from_the_environment_stops_brief_like_plan_and_digest(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    report = tmp_path / "r.txt"
    # 42.5% has no subject and a silent model gives it no name: it cannot be tied to an indicator
    report.write_text(REPORTS["alpha"] + "其中，42.5%来自新兴产业。\n", encoding="utf-8")
    monkeypatch.setenv("SUMMARIZER_UNVERIFIED", "fail")
    code = cli.main(["brief", str(report), "--dry-run", "-o", str(tmp_path / "out"), "-f", "md"])
    _, err = capsys.readouterr()
    assert code == 1 and "r.txt" in err
    assert not (tmp_path / "out" / "r.brief.md").exists()


def test_a_list_marker_past_ninety_nine_is_no_figure(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    report = tmp_path / "n.txt"
    report.write_text(
        "一、主要工作\n99. 推进改造，完成投资5万元。\n100. 推进改造，完成投资6万元。\n", "utf-8"
    )
    assert cli.main(["inspect", str(report), "--json"]) == 0
    out, _ = capsys.readouterr()
    import json

    assert [q["text"] for q in json.loads(out)["quantities"]] == ["5万元", "6万元"]  # no "100"
