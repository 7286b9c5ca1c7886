"""File-system and process faults, each through the real command line: inputs that share a name or
are one file, output places that cannot be written (/dev/null, /proc/self, read-only, a full disk, a
.docx open in WPS/Word), a call cache that cannot be written, a closed stdin, a FIFO, a damaged batch
manifest, two batches on one output directory, and control characters on their way into a .docx.

Errors the operating system gives only in situations a test cannot set up (EACCES as root, EROFS,
ENOSPC, a Windows sharing violation) are simulated by making the OS call itself fail."""

from __future__ import annotations

import errno
import io
import json
import os
import subprocess
import sys
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from summarizer.cli import commands as cli

# the talent count is asked of the model (one call): the rules read only the bare verb 引进 before it
REPORT = (
    "{zone}2025年上半年工作总结\n"
    "上半年{zone}实现工业总产值{value}，同比增长6.1%；技术人才队伍持续壮大，当年引进{talent}。\n"
    "存在问题：用地紧张。\n"
)


def report(
    folder: Path, name: str, zone: str = "甲园区", value: str = "41.2亿元", talent: str = "132名"
) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / name
    path.write_text(REPORT.format(zone=zone, value=value, talent=talent), encoding="utf-8")
    return path


def files(folder: Path) -> list[str]:
    """Everything in `folder`, hidden temp files included."""
    return sorted(p.name for p in folder.iterdir()) if folder.exists() else []


def summary_file(tmp_path: Path, folder: str, stem: str = "x", **fields: str) -> Path:
    source = report(tmp_path / folder, f"{stem}.txt", **fields)
    assert cli.main(["extract", str(source), "--dry-run", "-o", str(tmp_path / folder)]) == 0
    return tmp_path / folder / f"{stem}.summary.json"


# --- 1. two inputs, one output name ----------------------------------------------------------------


def test_same_stem_inputs_are_refused_before_any_work(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    first, second = report(tmp_path / "a", "r.txt"), report(tmp_path / "b", "r.txt", zone="乙园区")
    out = tmp_path / "out"
    assert cli.main(["extract", str(first), str(second), "--dry-run", "-o", str(out)]) == 2
    err = capsys.readouterr().err
    assert str(first) in err and str(second) in err and "r.summary.json" in err and "会相互覆盖" in err
    assert files(out) == []

    one, two = summary_file(tmp_path, "s1"), summary_file(tmp_path, "s2", zone="乙园区")
    capsys.readouterr()
    assert cli.main(["brief", str(one), str(two), "--dry-run", "--prose", "template", "-o", str(out)]) == 2
    err = capsys.readouterr().err
    assert str(one) in err and str(two) in err and "x.brief.md" in err
    assert files(out) == []

    args = ["plan", str(first), "--previous-plan", str(second), "--dry-run", "-o", str(out)]
    assert cli.main(args) == 2
    err = capsys.readouterr().err
    assert str(first) in err and str(second) in err and "r.summary.json" in err
    assert files(out) == []


# --- 2. one file given twice -------------------------------------------------------------------------


def test_digest_reads_a_file_given_twice_once(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    one, two = summary_file(tmp_path, "s1", "a"), summary_file(tmp_path, "s2", "b", zone="乙园区")
    monkeypatch.chdir(tmp_path)
    capsys.readouterr()
    same = f"./{one.relative_to(tmp_path)}"
    assert cli.main(["digest", str(one), same, "--dry-run", "-o", "out"]) == 2
    err = capsys.readouterr().err
    assert "同一个文件" in err and "至少需要两份" in err and files(tmp_path / "out") == []

    assert cli.main(["digest", str(one), same, str(two), "-f", "json", "--dry-run", "-o", "out"]) == 0
    err = capsys.readouterr().err
    assert f"{same} 与 {one} 是同一个文件，只处理一次" in err
    digest = json.loads((tmp_path / "out" / "digest.json").read_text(encoding="utf-8"))
    assert len(digest["reports"]) == 2  # not three, and not the file compared with itself


# --- 3. output places that cannot be written ---------------------------------------------------------


@pytest.mark.parametrize(
    ("target", "code", "words"), [("/dev/null", 2, "不是文件夹"), ("/proc/self", 1, "不能新建文件")]
)
def test_unwritable_system_places_are_refused_with_a_message(
    target: str, code: int, words: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    source = report(tmp_path, "r.txt")
    assert cli.main(["extract", str(source), "--dry-run", "-o", target]) == code
    err = capsys.readouterr().err
    assert target in err and words in err and "-o" in err and "内部错误" not in err
    assert not Path(target, "r.summary.json").exists()


def failing_mkstemp(monkeypatch: pytest.MonkeyPatch, under: Path, code: int) -> None:
    """tempfile.mkstemp, as the one write boundary calls it, refused by the OS below `under`."""
    real = tempfile.mkstemp

    def mkstemp(*args: Any, **kwargs: Any) -> tuple[int, str]:
        if Path(kwargs.get("dir") or ".").resolve().is_relative_to(under.resolve()):
            raise OSError(code, os.strerror(code))
        return real(*args, **kwargs)

    monkeypatch.setattr(tempfile, "mkstemp", mkstemp)


@pytest.mark.parametrize(("code", "words"), [(errno.EACCES, "没有写入权限"), (errno.EROFS, "只读")])
def test_a_read_only_output_directory_is_refused_before_any_work(
    code: int, words: str, tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    source = report(tmp_path, "r.txt")
    out = tmp_path / "out"
    out.mkdir()
    failing_mkstemp(monkeypatch, out, code)
    assert cli.main(["extract", str(source), "--dry-run", "-o", str(out)]) == 1
    err = capsys.readouterr().err
    assert str(out) in err and words in err and "内部错误" not in err
    assert "r.txt ━" not in err  # refused before the report was even read
    assert files(out) == []


def test_a_full_disk_leaves_no_partial_file(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    source = report(tmp_path, "r.txt")
    out = tmp_path / "out"
    out.mkdir()
    real = os.fsync

    def fsync(fd: int) -> None:  # a full disk reports ENOSPC when the data is flushed
        if Path(os.readlink(f"/proc/self/fd/{fd}")).parent == out.resolve():
            raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))
        real(fd)

    monkeypatch.setattr(os, "fsync", fsync)
    assert cli.main(["extract", str(source), "--dry-run", "-o", str(out)]) == 1
    err = capsys.readouterr().err
    assert str(out / "r.summary.json") in err and "磁盘空间不足" in err and "内部错误" not in err
    assert files(out) == []  # neither the summary nor its temp file


# --- 4. a .docx open in WPS/Word ---------------------------------------------------------------------


def test_replacing_a_docx_open_in_word_says_so_and_keeps_the_old_file(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    summary = summary_file(tmp_path, "in", "r")
    out = tmp_path / "out"
    args = ["brief", str(summary), "-f", "docx", "--dry-run", "--prose", "template", "-o", str(out)]
    assert cli.main(args) == 0
    target = out / "r.brief.docx"
    before = target.read_bytes()
    real = os.replace

    def replace(src: Any, dst: Any, **kwargs: Any) -> None:
        if Path(dst) == target:  # what Windows answers while Word or WPS holds the file open
            error = PermissionError(errno.EACCES, "另一个程序正在使用此文件，进程无法访问。", str(dst))
            error.winerror = 32  # type: ignore[attr-defined]
            raise error
        real(src, dst, **kwargs)

    monkeypatch.setattr(os, "replace", replace)
    capsys.readouterr()
    assert cli.main([*args, "--force", "--issue", "第2期"]) == 1
    err = capsys.readouterr().err
    assert f"{target}：无法覆盖，文件可能正在 WPS/Word 中打开，请关闭后重试" in err
    assert target.read_bytes() == before
    assert files(out) == ["r.brief.docx"]  # no temp file left beside it


# --- 5. a call cache that cannot be written ----------------------------------------------------------


def test_an_unwritable_cache_keeps_the_answer_and_warns_once(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    first = report(tmp_path, "a.txt")
    second = report(tmp_path, "b.txt", zone="乙园区", value="18.7亿元", talent="87名")
    cache, out = tmp_path / "cache", tmp_path / "out"
    failing_mkstemp(monkeypatch, cache, errno.EROFS)
    args = ["extract", str(first), str(second), "--dry-run", "--cache-dir", str(cache), "-o", str(out)]
    assert cli.main(args) == 0
    err = capsys.readouterr().err
    assert err.count("调用缓存目录") == 1 and str(cache) in err and "只读" in err
    assert files(out) == ["a.summary.json", "b.summary.json"]
    for name in files(out):  # each made from the model's answer (one call each), not thrown away
        assert json.loads((out / name).read_text(encoding="utf-8"))["calls"] == 1
    assert not [p for p in cache.rglob("*") if p.is_file() and p.name != "runs.jsonl"]


# --- 6. a closed stdin, a FIFO -----------------------------------------------------------------------


def run(args: list[str], cwd: Path, **kwargs: Any) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "summarizer", *args], cwd=cwd, capture_output=True, text=True, **kwargs
    )


def test_a_closed_stdin_is_an_input_error(tmp_path: Path) -> None:
    close_stdin: Callable[[], None] = lambda: os.close(0)  # noqa: E731  (`summarizer extract - <&-`)
    result = run(
        ["extract", "-", "--dry-run", "-o", "out"], tmp_path, stdin=None, preexec_fn=close_stdin, timeout=120
    )
    assert result.returncode == 3, result.stderr
    assert "标准输入已关闭" in result.stderr and "Traceback" not in result.stderr
    assert files(tmp_path / "out") == []


def test_a_fifo_is_refused_instead_of_waiting_forever(tmp_path: Path) -> None:
    os.mkfifo(tmp_path / "r.txt")
    result = run(["extract", "r.txt", "--dry-run", "-o", "out"], tmp_path, timeout=120)
    assert result.returncode == 3, result.stderr
    assert "r.txt" in result.stderr and "命名管道" in result.stderr and "Traceback" not in result.stderr
    assert files(tmp_path / "out") == []


# --- 7. a damaged batch manifest ---------------------------------------------------------------------


def test_a_torn_manifest_line_costs_that_document_only(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    inputs = tmp_path / "in"
    report(inputs, "甲.txt")
    report(inputs, "乙.txt", zone="乙园区", value="18.7亿元", talent="87名")
    report(inputs, "丙.txt", zone="丙园区", value="9.9亿元", talent="45名")
    out = tmp_path / "out"
    args = ["batch", str(inputs), "--do", "extract,brief", "-f", "md", "--dry-run", "-o", str(out)]
    assert cli.main(args) == 0
    manifest = out / "manifest.jsonl"
    lines = manifest.read_bytes().splitlines(keepends=True)
    torn = next(i for i, line in enumerate(lines) if "乙".encode() in line and b'"done"' in line)
    lines[torn] = lines[torn].replace("乙".encode(), "乙".encode()[:2])  # half a character
    manifest.write_bytes(b"".join(lines))
    capsys.readouterr()
    assert cli.main(args) == 0
    captured = capsys.readouterr()
    assert f"{manifest} 第 {torn + 1} 行已损坏，已跳过" in captured.err
    assert "完成 1，上次已完成而跳过 2，失败 0" in captured.out  # 乙 redone, its outputs replaced
    assert "乙园区" in (out / "乙.brief.md").read_text(encoding="utf-8")


# --- 8. two batches on one output directory ----------------------------------------------------------

HOLDER = """
import sys, time
from pathlib import Path
from summarizer.jobs.batch import output_lock
with output_lock(Path(sys.argv[1])):
    print("locked", flush=True)
    time.sleep(600)
"""


def test_a_second_batch_on_the_same_output_directory_is_refused(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    inputs = tmp_path / "in"
    report(inputs, "a.txt")
    out = tmp_path / "out"
    holder = subprocess.Popen([sys.executable, "-c", HOLDER, str(out)], stdout=subprocess.PIPE, text=True)
    try:
        assert holder.stdout is not None and holder.stdout.readline().strip() == "locked"
        args = ["batch", str(inputs), "--dry-run", "-o", str(out)]
        assert cli.main(args) == 1
        err = capsys.readouterr().err
        assert "另一个批处理正在写入输出目录" in err and str(out) in err
        assert not (out / "manifest.jsonl").exists() and not (out / "a.summary.json").exists()
    finally:
        holder.kill()  # SIGKILL: a batch that dies holds nothing, no stale lock
        holder.wait()
        holder.stdout.close()
    assert (out / ".batch.lock").exists()
    assert cli.main(args) == 0
    assert files(out) == ["a.summary.json", "manifest.jsonl"]  # the lock file is gone again


# --- 9. control characters on their way into a .docx -------------------------------------------------


def test_control_characters_in_a_summary_do_not_break_the_docx(tmp_path: Path) -> None:
    from docx import Document

    path = summary_file(tmp_path, "in", "r")
    data = json.loads(path.read_text(encoding="utf-8"))
    data["meta"]["title"] = "甲园区\f2025年上半年工作总结"
    data["meta"]["issuer"] = "甲园区\x1b[31m"
    data["problems"][0]["text"] = "用地\v紧\x00张\ufffe"
    data["indicators"][0]["name"] = "工业\x07总产值"
    # the memo quotes the report's outline: its opening (the lead) and its 存在问题 carry them too
    (opening,) = [e for e in data["outline"] if e["kind"] == "preamble"]
    (problem,) = [e for e in data["outline"] if e["part"] == "存在问题"]
    assert "技术人才队伍" in opening["text"] and "用地紧张" in problem["text"]
    opening["text"] = opening["text"].replace("技术人才队伍", "技术\v人\x00才\x07队伍\ufffe")
    problem["text"] = problem["text"].replace("用地紧张", "用地\v紧\x00张\ufffe")
    path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    out = tmp_path / "out"
    for command in (["brief", "--prose", "template"], ["plan"]):
        assert cli.main([command[0], str(path), *command[1:], "-f", "docx", "--dry-run", "-o", str(out)]) == 0
    shown = {}
    for name in ("r.brief.docx", "r.plan.docx"):
        doc = Document(io.BytesIO((out / name).read_bytes()))
        text = "\n".join(p.text for p in doc.paragraphs)
        text += "\n".join(cell.text for table in doc.tables for row in table.rows for cell in row.cells)
        assert not any(ch in text for ch in "\f\v\x00\x07\x1b\ufffe")
        shown[name] = text
    # the edited texts are still there, without their control characters
    assert "技术人才队伍持续壮大" in shown["r.brief.docx"] and "用地紧张" in shown["r.brief.docx"]
