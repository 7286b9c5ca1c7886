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


def test_a_file_another_run_made_after_the_check_is_not_replaced(tmp_path: Path) -> None:
    guard = OutputGuard(tmp_path)
    checked = guard.target

    def target_then_another_run_writes(name: str) -> Path:
        path = checked(name)  # checked: not there yet
        path.write_text("另一次运行的结果", encoding="utf-8")  # meanwhile, another process
        return path

    guard.target = target_then_another_run_writes  # type: ignore[method-assign]
    with pytest.raises(OutputExists, match="另一次运行刚刚写出了它"):
        guard.write("r.summary.json", "本次的结果")
    assert (tmp_path / "r.summary.json").read_text(encoding="utf-8") == "另一次运行的结果"
    assert not [p for p in tmp_path.iterdir() if p.name.endswith(".tmp")]  # no temp file left


def test_two_runs_of_reports_named_alike_into_one_folder_never_both_succeed(tmp_path: Path) -> None:
    import subprocess
    import sys

    for folder, value in (("a", "58.2亿元"), ("b", "61.7亿元")):
        (tmp_path / folder).mkdir()
        (tmp_path / folder / "r.txt").write_text(REPORT.replace("58.2亿元", value), encoding="utf-8")
    for attempt in range(4):
        out = tmp_path / f"out{attempt}"
        runs = [
            subprocess.Popen(
                [
                    sys.executable,
                    "-m",
                    "summarizer",
                    "extract",
                    f"{folder}/r.txt",
                    "--dry-run",
                    "-o",
                    str(out),
                ],
                cwd=tmp_path,
                stdout=subprocess.DEVNULL,
                stderr=subprocess.PIPE,
                text=True,
            )
            for folder in ("a", "b")
        ]
        errors = "".join(run.communicate(timeout=120)[1] for run in runs)
        codes = [run.returncode for run in runs]
        # one summary, and never a silent replacement: whoever came second is told
        assert sorted(codes) in ([0, 1], [0, 2]), errors
        assert "已存在" in errors and (out / "r.summary.json").is_file()


def test_outputs_get_the_permissions_the_users_umask_gives(tmp_path: Path) -> None:
    import stat
    import subprocess
    import sys

    (tmp_path / "r.txt").write_text(REPORT, encoding="utf-8")
    for mask, mode in ((0o022, 0o644), (0o002, 0o664)):
        out = tmp_path / f"out{mask:o}"
        code = (
            f"import os, sys; os.umask({mask}); from summarizer.cli import main; "
            f"sys.exit(main(['extract', 'r.txt', '--dry-run', '-o', '{out.name}']))"
        )
        done = subprocess.run(
            [sys.executable, "-c", code], cwd=tmp_path, check=False, capture_output=True, text=True
        )
        assert done.returncode == 0, done.stderr
        assert stat.S_IMODE((out / "r.summary.json").stat().st_mode) == mode
