"""Outputs never land on an input, outside the output directory, or over a file without --force."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from summarizer.cli import commands as cli
from summarizer.core.errors import UsageError
from summarizer.outputs.guard import OutputExists, OutputGuard

REPORT = "梧桐产业园2025年上半年工作总结\n上半年实现规模以上工业总产值58.2亿元，同比增长9.1%。\n"


def test_names_with_directories_symlinks_and_inputs_are_refused(tmp_path: Path) -> None:
    out = tmp_path / "out"
    out.mkdir()
    report = out / "r.txt"
    report.write_text(REPORT, encoding="utf-8")
    guard = OutputGuard(out, [report])
    for name in ("../escape.md", "sub/x.md", "", "..", "/etc/passwd"):
        with pytest.raises(UsageError, match="不能包含目录"):
            guard.target(name)
    with pytest.raises(UsageError, match="就是输入文件"):
        guard.write("r.txt", "覆盖")
    assert report.read_text(encoding="utf-8") == REPORT
    os.symlink(tmp_path / "elsewhere.md", out / "link.md")
    with pytest.raises(UsageError, match="符号链接"):
        guard.write("link.md", "x")
    assert not (tmp_path / "elsewhere.md").exists()


def test_an_existing_file_needs_force_unless_this_run_made_it(tmp_path: Path) -> None:
    (tmp_path / "a.md").write_text("旧", encoding="utf-8")
    guard = OutputGuard(tmp_path)
    with pytest.raises(OutputExists, match="--force"):
        guard.write("a.md", "新")
    assert (tmp_path / "a.md").read_text(encoding="utf-8") == "旧"
    guard.write("b.md", "一")
    guard.write("b.md", "二")  # its own output, written twice in one run
    assert OutputGuard(tmp_path, force=True).write("a.md", "新").read_text(encoding="utf-8") == "新"
    assert not [p for p in tmp_path.iterdir() if p.name.startswith(".")]  # no temp files left


@pytest.mark.parametrize(
    "command",
    [
        ["extract", "{report}", "--dry-run"],
        ["brief", "{report}", "--dry-run"],
        ["plan", "{report}", "--dry-run"],
    ],
)
def test_commands_refuse_to_replace_before_any_work_and_force_replaces(
    command: list[str], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    report = tmp_path / "r.txt"
    report.write_text(REPORT, encoding="utf-8")
    args = [part.format(report=report) for part in command] + ["-o", str(tmp_path / "out")]
    assert cli.main(args) == 0
    written = sorted((tmp_path / "out").iterdir())
    stamps = {p: p.stat().st_mtime_ns for p in written}
    assert cli.main(args) == 2
    err = capsys.readouterr().err
    assert "已存在" in err and "--force" in err and "Traceback" not in err
    assert {p: p.stat().st_mtime_ns for p in written} == stamps  # nothing touched
    assert cli.main([*args, "--force"]) == 0
    assert report.read_text(encoding="utf-8") == REPORT  # the input is never changed
