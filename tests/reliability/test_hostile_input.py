"""Bad and hostile input files, each run through the real command line in its own process under a
memory limit: a clear Chinese message naming the file, the right exit code, no traceback, no output
file for a rejected input, and the input itself unchanged."""

from __future__ import annotations

import io
import json
import os
import re
import resource
import subprocess
import sys
import zipfile
from collections.abc import Callable
from pathlib import Path

import pytest

MEMORY_LIMIT = 2 * 1024**3  # address space for one command: far above the ~0.3 GB it needs
PDFS = Path(__file__).resolve().parents[1] / "data" / "load" / "pdf"  # made by bench/bench_pdf.py
REPORT = "梧桐产业园2025年上半年工作总结\n上半年，园区实现规模以上工业总产值58.2亿元，同比增长9.1%。\n"


def _docx(document_xml: bytes) -> bytes:
    from docx import Document

    buffer = io.BytesIO()
    Document().save(buffer)
    source = zipfile.ZipFile(io.BytesIO(buffer.getvalue()))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for item in source.infolist():
            data = document_xml if item.filename == "word/document.xml" else source.read(item.filename)
            target.writestr(item, data)
    return out.getvalue()


def _pdf() -> bytes:
    from reportlab.pdfgen import canvas

    buffer = io.BytesIO()
    page = canvas.Canvas(buffer)
    page.drawString(72, 720, "Zone report 2025")
    page.save()
    return buffer.getvalue()


# name -> (file name, bytes, expected exit code, words the message must contain)
Case = tuple[str, Callable[[], bytes], int, tuple[str, ...]]
CASES: dict[str, Case] = {
    "empty": ("empty.txt", lambda: b"", 3, ("空",)),
    "whitespace only": ("blank.txt", lambda: " \n\t\u3000\n".encode(), 3, ("空",)),
    "binary": ("data.txt", lambda: bytes(range(256)) * 40, 3, ("二进制",)),
    "truncated docx": ("cut.docx", lambda: _docx(b"<w:document/>")[:700], 3, ("docx",)),
    "truncated pdf": ("cut.pdf", lambda: _pdf()[:400], 3, ("PDF",)),
    "zip bomb in docx": (
        "bomb.docx",
        lambda: _docx(b'<?xml version="1.0"?><w:document>' + b" " * (80 * 1024 * 1024) + b"</w:document>"),
        3,
        ("docx",),
    ),
    "50 MB of text": ("huge.txt", lambda: ("园区经济运行平稳。" * 2_000_000).encode(), 3, ("字",)),
    "unsupported format": ("table.xlsx", lambda: b"PK\x03\x04" + b"\0" * 64, 3, ("xlsx",)),
    "only web boilerplate": (
        "chrome.html",
        lambda: ("<html><body><div>首页 | 新闻 | 联系我们</div>"
                 "<p>版权所有 © 2025 ICP备12345678号</p></body></html>").encode(),
        3,
        ("正文",),
    ),
    "one extremely long line": ("line.txt", lambda: (REPORT.replace("\n", "") * 6000).encode(), 0, ()),
    # each line read in its own encoding, and said (test_mixed_encodings_are_read_and_said)
    "mixed encodings": ("mixed.txt", lambda: REPORT.encode("gbk") + REPORT.encode("utf-8"), 0, ()),
    "control characters": ("ctrl.txt", lambda: REPORT.replace("园区", "园\x07区\x1b").encode(), 0, ()),
    "RTL and zero-width characters": (
        "rtl.txt",
        lambda: REPORT.replace("58.2", "5\u200b8.2").replace("工业", "工\u202e业\u200f").encode(),
        0,
        (),
    ),
    "no figures at all": (
        "nofig.txt", lambda: "松涛园区工作总结\n园区召开安全生产会议，部署下一阶段工作。\n".encode(), 0, ()
    ),
    "masked names": ("masked.txt", lambda: REPORT.replace("梧桐产业园", "xx经济开发区").encode(), 0, ()),
    "PDF fonts without a Unicode map (glyph numbers, not text)": (
        "nomap.pdf", lambda: (PDFS / "lo-wqy-zenhei-sc-no-tounicode.pdf").read_bytes(), 3, ("乱码", "导出")
    ),
    "公文 PDF, unembedded 仿宋_GB2312 in GBK-EUC-H": (
        "gongwen.pdf", lambda: (PDFS / "handmade-gbk-euc-no-tounicode.pdf").read_bytes(), 0, ()
    ),
}  # fmt: skip


def _limit_memory() -> None:
    resource.setrlimit(resource.RLIMIT_AS, (MEMORY_LIMIT, MEMORY_LIMIT))


def run(args: list[str], cwd: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "summarizer", *args],
        cwd=cwd,
        capture_output=True,
        text=True,
        timeout=240,
        preexec_fn=_limit_memory,
        env={**os.environ, "PYTHONWARNINGS": "error"},
    )


@pytest.mark.parametrize("case", list(CASES), ids=list(CASES))
def test_each_bad_input_gets_a_message_an_exit_code_and_nothing_else(case: str, tmp_path: Path) -> None:
    name, make, code, words = CASES[case]
    path = tmp_path / name
    data = make()
    path.write_bytes(data)
    result = run(["extract", name, "--dry-run", "-o", "out"], tmp_path)
    assert result.returncode == code, result.stderr
    assert "Traceback" not in result.stderr + result.stdout
    assert path.read_bytes() == data  # the input is never changed
    written = sorted(p.name for p in (tmp_path / "out").glob("*")) if (tmp_path / "out").exists() else []
    if code:
        line = result.stderr.strip()
        assert name in line and all(word in line for word in words), line
        assert written == []  # nothing half-written for a rejected input
    else:
        assert written == [f"{path.stem}.summary.json"]


def test_mixed_encodings_are_read_and_said(tmp_path: Path) -> None:
    (tmp_path / "mixed.txt").write_bytes(REPORT.encode("gbk") + REPORT.encode("utf-8"))
    result = run(["extract", "mixed.txt", "--dry-run", "-o", "out"], tmp_path)
    assert result.returncode == 0 and "GBK 编码" in result.stderr
    summary = (tmp_path / "out" / "mixed.summary.json").read_text(encoding="utf-8")
    assert "GBK 编码" in summary and "\ufffd" not in summary


def test_a_missing_file_and_a_directory(tmp_path: Path) -> None:
    for target in ("missing.txt", "."):
        result = run(["extract", target, "--dry-run", "-o", "out"], tmp_path)
        assert result.returncode == 3 and "Traceback" not in result.stderr
        assert target in result.stderr


def test_a_summary_used_from_its_own_folder_still_finds_its_report(tmp_path: Path) -> None:
    (tmp_path / "报告.txt").write_text(REPORT, encoding="utf-8")
    assert run(["extract", "报告.txt", "--dry-run", "-o", "摘要"], tmp_path).returncode == 0
    folder = tmp_path / "摘要"
    result = run(["brief", "报告.summary.json", "--prose", "template", "-f", "md", "-o", "."], folder)
    assert result.returncode == 0, result.stderr
    assert "【待核】" not in (folder / "报告.brief.md").read_text(encoding="utf-8")  # checked against it
    # a report that is gone is said on the terminal, with what to do, never only marked in the file
    (tmp_path / "报告.txt").rename(tmp_path / "旧报告.txt")
    again = run(
        ["brief", "报告.summary.json", "--prose", "template", "-f", "md", "-o", ".", "--force"], folder
    )
    assert again.returncode == 0 and "找不到" in again.stderr and "review" in again.stderr


def test_unverified_fail_holds_for_a_summary_file_as_for_a_report(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (tmp_path / "r.txt").write_text(REPORT, encoding="utf-8")
    assert run(["extract", "r.txt", "--dry-run", "-o", "."], tmp_path).returncode == 0
    summary = tmp_path / "r.summary.json"
    edited = summary.read_text(encoding="utf-8").replace("58.2亿元", "68.2亿元")  # a figure not in the report
    summary.write_text(edited, encoding="utf-8")
    monkeypatch.setenv("SUMMARIZER_UNVERIFIED", "fail")  # the setting brief, plan and digest read
    env_fail: list[str] = []
    for command in (
        ["brief", "r.summary.json", "--prose", "template", "-f", "md"],
        ["plan", "r.summary.json"],
    ):
        result = run([*command, *env_fail, "-o", "out"], tmp_path)
        assert result.returncode == 1 and "找不到依据" in result.stderr, result.stderr
        assert not (tmp_path / "out").exists() or not list((tmp_path / "out").iterdir())
    # and a summary whose report is gone cannot be checked: not let through either
    (tmp_path / "r.txt").unlink()
    result = run(
        ["brief", "r.summary.json", "--prose", "template", "-f", "md", *env_fail, "-o", "out"], tmp_path
    )
    assert result.returncode == 1 and "无法核对" in result.stderr


@pytest.mark.parametrize(
    ("body", "said"),
    [
        ('第一行\n{{ "x" * 10**10 }}\n', "重复生成的内容过大"),
        ("第一行\n{{ 2 ** 100000 }}\n", "指数过大"),
        ("第一行\n第二行\n{{ 1 / 0 }}\n", "除以零"),
        ("{% for i in range(10**9) %}{{ i }}{% endfor %}\n", "范围过大"),
        ("{% macro f(n) %}{{ f(n + 1) }}{% endmacro %}\n{{ f(0) }}\n", "无限递归"),
        ("{% for i in range(99999) %}{% for j in range(99999) %}{{ j }}{% endfor %}{% endfor %}\n", "已停止"),
    ],
)
def test_a_runaway_user_template_gets_a_chinese_error_in_bounded_time(
    body: str, said: str, tmp_path: Path
) -> None:
    (tmp_path / "r.txt").write_text(REPORT, encoding="utf-8")
    (tmp_path / "t.md.j2").write_text(body, encoding="utf-8")
    args = [
        "brief",
        "r.txt",
        "--dry-run",
        "--prose",
        "template",
        "-f",
        "md",
        "--template",
        "t.md.j2",
        "-o",
        "out",
    ]
    result = run(args, tmp_path)
    assert result.returncode == 2, result.stderr
    assert "t.md.j2" in result.stderr and said in result.stderr and "内部错误" not in result.stderr
    assert not (tmp_path / "out" / "r.brief.md").exists()


def test_a_reference_doc_zip_bomb_is_refused_before_it_unpacks(tmp_path: Path) -> None:
    import time
    import zipfile

    (tmp_path / "r.txt").write_text(REPORT, encoding="utf-8")
    with zipfile.ZipFile(tmp_path / "bomb.docx", "w", compression=zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("word/document.xml", b"\x00" * (300 << 20))  # 300 MB of zeros, ~300 KB packed
    started = time.perf_counter()
    result = run(
        ["brief", "r.txt", "--dry-run", "-f", "docx", "--reference-doc", "bomb.docx", "-o", "out"], tmp_path
    )
    assert result.returncode == 2 and "解压后过大" in result.stderr and "bomb.docx" in result.stderr
    assert time.perf_counter() - started < 30
    assert not (tmp_path / "out").exists() or not list((tmp_path / "out").iterdir())


@pytest.mark.parametrize("name", ["a:b", "*?|<>", "CON", "nul.txt", " ", "末尾点.", "汇" * 80])
def test_a_digest_name_no_office_computer_can_hold_is_refused(name: str, tmp_path: Path) -> None:
    for stem in ("a", "b"):
        (tmp_path / f"{stem}.txt").write_text(REPORT, encoding="utf-8")
    result = run(
        ["digest", "a.txt", "b.txt", "--dry-run", "--no-charts", "--name", name, "-o", "out"], tmp_path
    )
    assert result.returncode == 2 and "--name" in result.stderr, result.stderr
    assert "File name too long" not in result.stderr and "Traceback" not in result.stderr


def test_a_memo_date_no_calendar_has_is_refused(tmp_path: Path) -> None:
    (tmp_path / "r.txt").write_text(REPORT, encoding="utf-8")
    bad = run(["brief", "r.txt", "--dry-run", "-f", "md", "--date", "2025-13-45", "-o", "out"], tmp_path)
    assert bad.returncode == 2 and "--date" in bad.stderr and not (tmp_path / "out" / "r.brief.md").exists()
    good = run(["brief", "r.txt", "--dry-run", "-f", "md", "--date", "2025-07-01", "-o", "out"], tmp_path)
    assert good.returncode == 0 and "2025年7月1日" in (tmp_path / "out" / "r.brief.md").read_text(
        encoding="utf-8"
    )


@pytest.mark.parametrize(
    ("env", "args", "said"),
    [
        ({"SUMMARIZER_BACKEND": "xyz"}, [], "应为以下之一：local、openai、fake"),
        ({"SUMMARIZER_BRIEF_PAGES": "nan"}, [], "应为有限的数"),
        ({}, ["--name", ""], "不能为空"),
    ],
)
def test_settings_errors_are_said_in_chinese(
    env: dict[str, str], args: list[str], said: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    for key, value in env.items():
        monkeypatch.setenv(key, value)
    (tmp_path / "r.txt").write_text(REPORT, encoding="utf-8")
    result = run(["brief", "r.txt", "--dry-run", "-f", "md", *args, "-o", "out"], tmp_path)
    assert result.returncode == 2 and said in result.stderr, result.stderr
    assert not re.search(r"[A-Z][a-z]+ (?:should|required|be)", result.stderr)  # no pydantic English


def test_a_summary_missing_a_field_is_said_in_chinese(tmp_path: Path) -> None:
    (tmp_path / "s.summary.json").write_text('{"source": "a.txt"}', encoding="utf-8")
    result = run(["brief", "s.summary.json", "-f", "md", "-o", "out"], tmp_path)
    assert (
        result.returncode == 3
        and "meta：缺少这一项" in result.stderr
        and "Field required" not in result.stderr
    )


def test_verify_against_another_report_than_the_summarys_says_so(tmp_path: Path) -> None:
    (tmp_path / "r.txt").write_text(REPORT, encoding="utf-8")
    (tmp_path / "other.txt").write_text(REPORT.replace("58.2亿元", "61.7亿元"), encoding="utf-8")
    assert run(["extract", "r.txt", "--dry-run", "-o", "."], tmp_path).returncode == 0
    result = run(["verify", "r.summary.json", "other.txt"], tmp_path)
    assert "与摘要记录的原文" in result.stderr and "other.txt" in result.stderr


def test_a_figure_in_the_memos_name_is_refused_naming_the_option(tmp_path: Path) -> None:
    (tmp_path / "r.txt").write_text(REPORT, encoding="utf-8")
    result = run(
        ["brief", "r.txt", "--dry-run", "-f", "md", "--name", "投资99亿元简报", "-o", "out"], tmp_path
    )
    assert result.returncode == 2 and "--name" in result.stderr and "99亿元" in result.stderr
    assert "程序的错误" not in result.stderr and not (tmp_path / "out" / "r.brief.md").exists()


def test_a_summary_from_a_newer_tool_is_refused_by_its_version(tmp_path: Path) -> None:
    (tmp_path / "r.txt").write_text(REPORT, encoding="utf-8")
    assert run(["extract", "r.txt", "--dry-run", "-o", "."], tmp_path).returncode == 0
    summary = tmp_path / "r.summary.json"
    data = json.loads(summary.read_text(encoding="utf-8"))
    assert data["schema_version"] == 1  # every summary says which format it is in
    data["schema_version"] = 2
    data["a_field_of_the_future"] = []
    summary.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    result = run(["brief", "r.summary.json", "--prose", "template", "-f", "md", "-o", "out"], tmp_path)
    assert result.returncode == 3 and "更新版本" in result.stderr and "第 2 版" in result.stderr
    assert "a_field_of_the_future" not in result.stderr and not (tmp_path / "out").exists()


@pytest.mark.parametrize("field", ["period", "issuer"])
def test_a_figure_in_a_summarys_period_or_unit_is_said_naming_the_field(field: str, tmp_path: Path) -> None:
    (tmp_path / "r.txt").write_text(REPORT, encoding="utf-8")
    assert run(["extract", "r.txt", "--dry-run", "-o", "."], tmp_path).returncode == 0
    summary = tmp_path / "r.summary.json"
    data = json.loads(summary.read_text(encoding="utf-8"))
    data["meta"][field] += "投资99亿元"
    summary.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    brief = ["brief", "r.summary.json", "--prose", "template", "-f", "md"]
    for command in (brief, ["plan", "r.summary.json"]):
        result = run([*command, "-o", "out"], tmp_path)
        assert result.returncode == 3 and f"meta.{field}" in result.stderr and "99亿元" in result.stderr
        assert "程序的错误" not in result.stderr and not (tmp_path / "out").exists()


def test_a_long_notice_title_keeps_its_unit_and_is_said_cut(tmp_path: Path) -> None:
    title = (
        "翠屏区人民政府办公室关于印发翠屏区2025年优化营商环境重点任务清单及进一步加强重点项目"
        "要素保障工作实施方案的通知和有关事项安排的补充说明"
    )
    assert len(title) > 60
    (tmp_path / "n.txt").write_text(f"{title}\n各街道、各部门：\n{REPORT}", encoding="utf-8")
    assert run(["extract", "n.txt", "--dry-run", "-o", "."], tmp_path).returncode == 0
    meta = json.loads((tmp_path / "n.summary.json").read_text(encoding="utf-8"))["meta"]
    assert meta["issuer"] == "翠屏区"
    assert meta["title"].endswith("…") and title.startswith(meta["title"].removesuffix("…"))


def test_a_summary_file_larger_than_any_extract_writes_is_refused_before_it_is_read(tmp_path: Path) -> None:
    from summarizer.core.summary_file import SUMMARY_MAX_BYTES

    summary = tmp_path / "huge.summary.json"
    with summary.open("wb") as handle:  # sparse: the size is what is checked, not the bytes
        handle.write(b'{"source": "r.txt", "problems": [')
        handle.truncate(SUMMARY_MAX_BYTES + 1)
    result = run(["brief", "huge.summary.json", "--prose", "template", "-f", "md", "-o", "out"], tmp_path)
    assert result.returncode == 3 and "摘要文件过大" in result.stderr and "上限 32 MB" in result.stderr
    assert "Traceback" not in result.stderr and not (tmp_path / "out").exists()


def test_a_summary_padded_past_any_report_gets_a_memo_and_a_plan_refused_by_its_limit(tmp_path: Path) -> None:
    (tmp_path / "r.txt").write_text(REPORT + "存在问题：土地指标紧张。\n", encoding="utf-8")
    assert run(["extract", "r.txt", "--dry-run", "-o", "."], tmp_path).returncode == 0
    summary = tmp_path / "r.summary.json"
    data = json.loads(summary.read_text(encoding="utf-8"))
    item = {"text": "", "detail": "", "section": "", "grounding_status": None, "form": "source"}
    data["next_steps"] = [{**item, "id": f"n{i}", "text": f"推进第{i}批项目建设工作"} for i in range(1200)]
    summary.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    brief = run(["brief", "r.summary.json", "--prose", "template", "-f", "md", "-o", "out"], tmp_path)
    assert brief.returncode == 0, brief.stderr  # the memo keeps to its pages
    plan = run(["plan", "r.summary.json", "-o", "out"], tmp_path)
    assert plan.returncode == 3 and "1200 条" in plan.stderr and "上限 999 条" in plan.stderr
    assert "Traceback" not in plan.stderr and not (tmp_path / "out" / "r.plan.md").exists()
