"""Failing endpoints through the whole pipeline: each ends in success after retries, or in a clear
error with the raw output saved — in bounded requests and tokens."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from summarizer.cli import commands as cli

from ..scripted_server import Reply, Script, scripted_server

REPORT = "梧桐产业园2025年上半年工作总结\n上半年，园区实现规模以上工业总产值58.2亿元，同比增长9.1%。\n"
GOOD = json.dumps(
    {"indicators": [{"name": "规模以上工业总产值", "value": "58.2亿元", "change": "同比增长9.1%"}]}
)


def extract(url: str, tmp_path: Path, *extra: str) -> int:
    report = tmp_path / "r.txt"
    report.write_text(REPORT, encoding="utf-8")
    args = ["extract", str(report), "--backend", "openai", "--base-url", url, "--model", "m",
            "--cache-dir", str(tmp_path / "cache"), "-o", str(tmp_path / "out"), *extra]  # fmt: skip
    return cli.main(args)


def test_valid_json_that_never_validates_ends_with_the_raw_output_saved(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setenv("SUMMARIZER_API_KEY", "sk-x")
    wrong = json.dumps({"indicators": "这不是列表"})
    script = Script(default=lambda request: Reply(content=wrong))
    with scripted_server(script) as url:
        assert extract(url, tmp_path) == 1
    err = capsys.readouterr().err
    assert "3 次均未通过校验" in err and "Traceback" not in err
    assert (tmp_path / "out" / "r.raw.txt").read_text(encoding="utf-8") == wrong
    assert not (tmp_path / "out" / "r.summary.json").exists()
    assert len(script.requests) == 3  # one section, three attempts, then it stops


def test_resets_and_server_errors_are_retried_until_an_answer_comes(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("SUMMARIZER_API_KEY", "sk-x")
    monkeypatch.setenv("SUMMARIZER_MAX_RETRIES", "4")
    script = Script(Reply(status=0), Reply.error(502), Reply(status=0), Reply(content=GOOD))
    with scripted_server(script) as url:
        assert extract(url, tmp_path) == 0
    summary = json.loads((tmp_path / "out" / "r.summary.json").read_text(encoding="utf-8"))
    assert summary["indicators"][0]["value"] == "58.2亿元" and len(script.requests) == 4


def test_an_answer_cut_off_at_max_tokens_is_asked_again(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("SUMMARIZER_API_KEY", "sk-x")
    script = Script(Reply(content=GOOD[:30], finish_reason="length"), Reply(content=GOOD))
    with scripted_server(script) as url:
        assert extract(url, tmp_path) == 0
    second = script.requests[1]["messages"]
    assert "截断" in second[-1]["content"]  # the re-ask says why
    usage = json.loads((tmp_path / "out" / "r.summary.json").read_text(encoding="utf-8"))["usage"]
    assert usage["completion_tokens"] == 2 * 7  # both attempts are counted


def test_a_server_that_never_recovers_fails_in_bounded_requests(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setenv("SUMMARIZER_API_KEY", "sk-x")
    monkeypatch.setenv("SUMMARIZER_MAX_RETRIES", "2")

    def down(request: dict[str, Any]) -> Reply:
        return Reply.error(503, headers={"Retry-After": "0"})

    script = Script(default=down)
    with scripted_server(script) as url:
        assert extract(url, tmp_path) == 1
    err = capsys.readouterr().err
    assert "503" in err and "Traceback" not in err
    assert len(script.requests) == 3  # the first try and two retries
    assert not (tmp_path / "out").exists() or not any((tmp_path / "out").iterdir())
