"""CLI manners: Chinese help pages, a bare `summarizer`, -v/-q anywhere, usage errors as Chinese sentences."""

from __future__ import annotations

import re
import shlex
from pathlib import Path

import click
import pytest

from summarizer.cli import commands as cli

from .conftest import EXAMPLES

WENKU = EXAMPLES / "qinghe-edz-2025h1-summary-wenku.txt"
COMMANDS = sorted(cli.cli.commands)
# click's own English: type metavars, section headings, [default: …]; a help page must show none of it
FORBIDDEN_EXACT = {"OPTIONS", "INTEGER", "TEXT", "PATH", "FILE", "FILENAME", "DIRECTORY", "FLOAT", "COMMAND"}
FORBIDDEN_ANY_CASE = {"default", "usage", "options", "arguments", "positional", "choice", "range", "args"}


def run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = cli.main(list(args))
    out, err = capsys.readouterr()
    return code, out, err


def _english_words(page: str) -> set[str]:
    words = set(re.findall(r"[A-Za-z]+", page))
    return {w for w in words if w in FORBIDDEN_EXACT or w.lower() in FORBIDDEN_ANY_CASE}


@pytest.mark.parametrize("command", COMMANDS)
def test_every_help_page_is_chinese_with_arguments_and_examples(
    capsys: pytest.CaptureFixture[str], command: str
) -> None:
    code, out, err = run(capsys, command, "--help")
    assert code == 0 and err == ""
    assert _english_words(out) == set(), out
    assert out.startswith(f"用法：summarizer {command} [选项]")
    assert "选项：" in out and "示例：" in out and f"summarizer {command} " in out.split("示例：")[1]
    assert "-v, --verbose" in out and "-q, --quiet" in out
    arguments = [p for p in cli.cli.commands[command].params if isinstance(p, click.Argument)]
    if arguments:  # each argument under 参数 with what it is, not as a bare name under 选项
        section = out.split("参数：\n")[1].split("选项：")[0]
        for argument in arguments:
            assert argument.help and argument.help.replace(" ", "") in re.sub(r"\s", "", section)
            assert argument.metavar and argument.metavar not in out.split("选项：")[1]


def test_group_help_is_chinese_with_examples(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "--help")
    assert code == 0 and _english_words(out) == set()
    assert out.startswith("用法：summarizer [选项] 命令 [参数]…") and "示例：" in out


def test_defaults_ranges_and_choices_read_in_chinese(capsys: pytest.CaptureFixture[str]) -> None:
    def page(command: str) -> str:  # without the line wrapping of the terminal's width
        return re.sub(r"\s", "", run(capsys, command, "--help")[1])

    batch, brief, digest = page("batch"), page("brief"), page("digest")
    assert "--concurrency整数" in batch and "取值1～64。默认：4。" in batch
    assert "-o,--output-dir目录" in batch and "默认：out。" in batch
    assert "-f,--format格式" in brief and "可选：md、html、docx、json。默认：md。" in brief
    assert "--pages页数" in brief and "--template文件" in brief
    assert "--charts/--no-charts" in digest and "默认：--charts。" in digest
    assert "[" not in brief.split("选项：")[1] and "1<=x<=64" not in batch


def test_every_example_is_a_command_line_the_cli_accepts() -> None:
    for owner in [cli.cli, *cli.cli.commands.values()]:
        assert len(owner.examples) >= 2, owner.name  # type: ignore[attr-defined]
        for _, line in owner.examples:  # type: ignore[attr-defined]
            words = shlex.split(line)
            words = words[words.index("summarizer") + 1 :]
            command = cli.cli.commands[words[0]]
            assert owner is cli.cli or command is owner, line
            if "--help" not in words:
                command.make_context(words[0], words[1:])  # raises on an unknown option or a bad value


def test_bare_summarizer_prints_the_help_and_succeeds(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = run(capsys)
    assert code == 0 and err == ""
    assert out.startswith("用法：summarizer [选项] 命令") and "命令：" in out and "extract" in out


def test_verbose_after_the_command_shows_the_traceback(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    def explode(*_: object, **__: object) -> None:
        raise RuntimeError("boom")

    monkeypatch.setattr(cli, "analyze_file", explode)
    for args in (
        ["inspect", str(WENKU), "-v"],
        ["-v", "inspect", str(WENKU)],
        ["inspect", "--verbose", str(WENKU)],
    ):
        code, _, err = run(capsys, *args)
        assert code == 1 and "Traceback" in err and "内部错误" in err
    code, _, err = run(capsys, "inspect", str(WENKU))  # not carried over from the previous run
    assert code == 1 and "Traceback" not in err


@pytest.mark.parametrize("where", ["before", "after"])
def test_quiet_anywhere_drops_progress_and_info_but_keeps_warnings_and_errors(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, where: str
) -> None:
    missing = tmp_path / "缺失的报告.txt"
    args = ["brief", str(WENKU), str(missing), "--dry-run", "-o"]
    code, loud_out, loud_err = run(capsys, *args, str(tmp_path / "loud"))
    assert code == 3 and "已写出" in loud_out and "正文数字" in loud_err
    assert any(line.startswith(str(WENKU)) for line in loud_err.splitlines())  # its progress bar
    quiet = (
        ["-q", *args, str(tmp_path / "quiet")]
        if where == "before"
        else [*args, str(tmp_path / "quiet"), "-q"]
    )
    code, out, err = run(capsys, *quiet)
    assert code == 3 and (tmp_path / "quiet" / f"{WENKU.stem}.brief.md").exists()
    assert "已写出" not in out and f"错误：{missing}" in err
    assert all(line.startswith(("提示：", "错误：")) for line in err.splitlines() if line.strip())
    loud_warnings = [line for line in loud_err.splitlines() if line.startswith("提示：")]
    assert [line for line in err.splitlines() if line.startswith("提示：")] == loud_warnings


def test_quantities_has_no_short_form_so_minus_q_is_quiet(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "inspect", str(WENKU), "-q")
    assert code == 0 and "加 --quantities 查看明细" in out


@pytest.mark.parametrize(
    ("args", "message", "command"),
    [
        (["inspect"], "缺少参数“文件”", "inspect"),
        (["extract"], "缺少参数“报告…”", "extract"),
        (["inspect", "x.txt", "--formt", "md"], "没有这个选项：--formt（是否想用 --format？）", "inspect"),
        (
            ["inspect", "x.txt", "--format", "pdf"],
            "选项 --format 的取值“pdf”无效：只能是 rich、md、json 之一",
            "inspect",
        ),
        (
            ["batch", "d", "--concurrency", "abc"],
            "选项 --concurrency 的取值“abc”无效：应为整数，取值 1～64",
            "batch",
        ),
        (
            ["batch", "d", "--concurrency", "100"],
            "选项 --concurrency 的取值“100”无效：应为整数，取值 1～64",
            "batch",
        ),
        (["brief", "x.txt", "--pages", "两页"], "选项 --pages 的取值“两页”无效：应为数字", "brief"),
        (
            ["brief", "x.txt", "--template", "."],
            "选项 --template 的取值“.”无效：这里要的是文件，给出的是目录",
            "brief",
        ),
        (["inspect", "x.txt", "-f"], "选项 -f 后面缺少取值", None),
        (["inspect", "x.txt", "--json=1"], "选项 --json 不带取值", None),
        (["inspect", "a.txt", "b.txt"], "多余的参数：b.txt", "inspect"),
        (["frobnicate"], "没有这个命令：frobnicate", None),
        (["-v"], "缺少命令", None),
    ],
)
def test_usage_errors_are_one_chinese_sentence(
    capsys: pytest.CaptureFixture[str], args: list[str], message: str, command: str | None
) -> None:
    code, out, err = run(capsys, *args)
    path = f"summarizer {command}" if command else "summarizer"
    assert code == 2 and out == ""
    assert err == f"错误：{message}。运行 {path} --help 查看用法。\n"


def test_an_output_dir_that_is_a_file_is_a_usage_error(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    report = tmp_path / "报告.txt"
    report.write_text("青禾经济开发区完成投资3.5亿元。\n", encoding="utf-8")
    code, _, err = run(capsys, "extract", str(WENKU), "--dry-run", "-o", str(report))
    assert code == 2 and "。。" not in err
    assert f"选项 --output-dir 的取值“{report}”无效：这里要的是目录，给出的是文件。" in err


def test_a_missing_file_is_an_input_error_in_one_sentence(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    missing = tmp_path / "没有这个报告.txt"
    code, _, err = run(capsys, "inspect", str(missing))
    assert code == 3 and err.startswith(f"错误：{missing}：文件不存在。") and "。。" not in err
