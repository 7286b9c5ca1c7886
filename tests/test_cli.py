from __future__ import annotations

import json
import subprocess
import sys
import tomllib
from decimal import Decimal
from pathlib import Path

import pytest

from summarizer.cli import commands as cli

from .conftest import EXAMPLES, REPO

TRADITIONAL = EXAMPLES / "yunling-hightech-2025q3-press-traditional.txt"
WENKU = EXAMPLES / "qinghe-edz-2025h1-summary-wenku.txt"


def run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = cli.main(list(args))
    out, err = capsys.readouterr()
    return code, out, err


def test_help_is_chinese_and_lists_commands(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "--help")
    assert code == 0
    for word in ("用法：", "选项", "命令", "inspect", "退出码", "显示本帮助并退出"):
        assert word in out
    assert "Usage:" not in out and "Show this message" not in out


def test_inspect_help_is_chinese(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "inspect", "--help")
    assert code == 0
    assert "--quantities" in out and "标准输入" in out and "Options" not in out


def test_version_is_the_pyproject_version(capsys: pytest.CaptureFixture[str]) -> None:
    import summarizer

    version = tomllib.loads((REPO / "pyproject.toml").read_text(encoding="utf-8"))["project"]["version"]
    code, out, _ = run(capsys, "--version")
    assert code == 0 and out.strip() == f"summarizer {version}"
    assert summarizer.__version__ == version


@pytest.mark.parametrize(
    ("args", "fragment"),
    [
        (["--bogus"], "没有这个选项"),
        (["inspect"], "缺少参数"),
        (["frobnicate"], "没有这个命令"),
        (["inspect", "x.txt", "--format", "pdf"], "只能是 rich、md、json 之一"),
    ],
)
def test_usage_errors_exit_2_in_chinese(
    capsys: pytest.CaptureFixture[str], args: list[str], fragment: str
) -> None:
    code, out, err = run(capsys, *args)
    assert code == 2
    assert fragment in err and "Traceback" not in err + out


def test_missing_file_is_an_input_error_naming_the_file(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    missing = tmp_path / "没有这个报告.txt"
    code, out, err = run(capsys, "inspect", str(missing))
    assert code == 3
    assert str(missing) in err and "Traceback" not in err and out == ""


def test_bad_config_value_is_a_usage_error(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("SUMMARIZER_MAX_INPUT_CHARS", "0")
    code, _, err = run(capsys, "inspect", str(WENKU))
    assert code == 2 and "环境变量" in err


def test_input_limit_flag(capsys: pytest.CaptureFixture[str]) -> None:
    code, _, err = run(capsys, "inspect", str(WENKU), "--max-input-chars", "100")
    assert code == 3 and str(WENKU) in err


def test_unexpected_errors_become_one_line(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    def explode(*_: object, **__: object) -> None:
        raise RuntimeError("boom")

    monkeypatch.setattr(cli, "analyze_file", explode)
    code, _, err = run(capsys, "inspect", str(WENKU))
    assert code == 1 and "内部错误" in err and "boom" in err and "Traceback" not in err


def test_inspect_traditional_example_table(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = run(capsys, "inspect", str(TRADITIONAL), "--quantities")
    assert code == 0, err
    assert "繁体" in out and "拼音注音" in out and "繁体转简体" in out
    assert "386.5亿元" in out and "聚焦主导产业" in out
    # chrome never reaches the figure table
    assert "0871-6123456" not in out and "29800" not in out


def test_inspect_json_points_into_the_original(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "inspect", str(TRADITIONAL), "--json")
    assert code == 0
    data = json.loads(out)
    original = TRADITIONAL.read_text(encoding="utf-8")
    assert data["script"] == "traditional"
    assert data["change_counts"]["pinyin"] > 0
    figures = {q["text"]: q for q in data["quantities"]}
    output_value = figures["386.5亿元"]
    assert Decimal(output_value["normalized"]) == Decimal("38650000000")
    start, end = output_value["source"]["start"], output_value["source"]["end"]
    assert original[start:end] == "386.5億元"
    headings = [n for n in _walk(data["outline"]) if n["kind"] == "heading"]
    labels = {n["label"] for n in headings}
    assert {"存在问题", "下步打算"} <= labels
    for node in headings:
        src = node["source"]
        assert src["start"] < src["end"] <= len(original)


def test_inspect_markdown_uses_template(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "inspect", str(WENKU), "--format", "md", "--quantities")
    assert code == 0
    assert out.startswith("# 文档检查：") and "## 清洗记录" in out and "| 158.6亿元 |" in out
    assert "分页拼接标记" in out and "同义词替换修复" in out


def test_stdin_dash(capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch) -> None:
    import io

    fake = io.TextIOWrapper(
        io.BytesIO("青禾经济开发区完成投资3.5亿元。\n".encode("gb18030")), encoding="utf-8"
    )
    monkeypatch.setattr(sys, "stdin", fake)
    code, out, err = run(capsys, "inspect", "-", "--json")
    assert code == 0, err
    data = json.loads(out)
    assert data["source"] == "标准输入"
    assert [q["text"] for q in data["quantities"]] == ["3.5亿元"]


def test_python_dash_m_runs(tmp_path: Path) -> None:
    result = subprocess.run(
        [sys.executable, "-m", "summarizer", "inspect", str(tmp_path / "nope.docx")],
        capture_output=True,
        text=True,
    )
    assert result.returncode == 3 and "nope.docx" in result.stderr and "Traceback" not in result.stderr


@pytest.mark.parametrize("name", ["报告[/x]终稿.docx", "报告[定稿].docx", "[bold]简报.txt"])
def test_brackets_in_a_file_name_print_as_written(tmp_path: Path, name: str) -> None:
    # rich read the error line as markup: '[/x]' raised MarkupError (a traceback), '[定稿]' vanished
    result = subprocess.run(
        [sys.executable, "-m", "summarizer", "inspect", str(tmp_path / name)],
        capture_output=True,
        text=True,
    )
    assert result.returncode == 3 and "Traceback" not in result.stderr
    assert f"{tmp_path / name}：文件不存在" in " ".join(result.stderr.split())


def _walk(node: dict[str, object]) -> list[dict[str, object]]:
    nodes = [node]
    for child in node["children"]:  # type: ignore[attr-defined]
        nodes.extend(_walk(child))
    return nodes
