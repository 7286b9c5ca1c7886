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


def test_a_long_report_trimmed_to_one_page_counts_what_it_left_out_in_correct_chinese(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    problems = "".join(f"{i}. 第{i}片区的道路管网配套仍然滞后，需要加快建设；\n" for i in range(1, 131))
    report = tmp_path / "长报告.txt"
    report.write_text("桐川经济开发区2025年工作总结\n一、存在问题\n" + problems, encoding="utf-8")
    code = cli.main(
        ["brief", str(report), "--dry-run", "-o", str(tmp_path), "-f", "md", "--prose", "template"]
    )
    capsys.readouterr()
    assert code == 0
    memo = (tmp_path / "长报告.brief.md").read_text(encoding="utf-8")
    shown = memo.count("片区的道路管网配套仍然滞后")
    assert 130 - shown >= 110  # past the old counter's limit (it raised IndexError there)
    assert f"存在问题{chinese_numeral(130 - shown)}项从略" in memo and "十十" not in memo


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
