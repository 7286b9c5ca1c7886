"""Failing endpoints through the whole pipeline: each ends in success after retries, or in a clear
error with the raw output saved — in bounded requests and tokens."""

from __future__ import annotations

import json
import time
from pathlib import Path
from typing import Any

import pytest

from summarizer.cli import commands as cli

from ..scripted_server import Reply, Script, scripted_server

# 规上工业总产值 is named by the vocabulary; 132名 needs the model, the rules reading only the bare
# verb 引进 before it (one call, one id: f2)
REPORT = (
    "梧桐产业园2025年上半年工作总结\n"
    "上半年，园区实现规模以上工业总产值58.2亿元，同比增长9.1%；技术人才队伍持续壮大，当年引进132名。\n"
)
GOOD = json.dumps({"f2": "技术人才"}, ensure_ascii=False)


def extract(url: str, tmp_path: Path, *extra: str) -> int:
    report = tmp_path / "r.txt"
    report.write_text(REPORT, encoding="utf-8")
    args = ["extract", str(report), "--backend", "openai", "--base-url", url, "--model", "m",
            "--cache-dir", str(tmp_path / "cache"), "-o", str(tmp_path / "out"), *extra]  # fmt: skip
    return cli.main(args)


def test_an_answer_that_is_never_json_keeps_the_source_form_in_bounded_requests(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setenv("SUMMARIZER_API_KEY", "sk-x")
    script = Script(default=lambda request: Reply(content="好的，以下是结果：指标名称为人才。"))
    with scripted_server(script) as url:
        assert extract(url, tmp_path) == 0
    err = capsys.readouterr().err
    assert "保留原文形式" in err and "Traceback" not in err
    summary = json.loads((tmp_path / "out" / "r.summary.json").read_text(encoding="utf-8"))
    assert [i["value"] for i in summary["indicators"]] == ["58.2亿元", "132名"]
    assert summary["coverage"]["skeleton_form"] == 1
    assert len(script.requests) == 2  # one unit: the first try and one re-ask, then it stops


def test_strict_fails_with_the_raw_output_saved(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setenv("SUMMARIZER_API_KEY", "sk-x")
    wrong = "好的，以下是结果：指标名称为人才。"
    script = Script(default=lambda request: Reply(content=wrong))
    with scripted_server(script) as url:
        assert extract(url, tmp_path, "--strict") == 1
    assert "--strict" in capsys.readouterr().err
    assert (tmp_path / "out" / "r.raw.txt").read_text(encoding="utf-8") == wrong
    assert not (tmp_path / "out" / "r.summary.json").exists()


def test_resets_and_server_errors_are_retried_until_an_answer_comes(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("SUMMARIZER_API_KEY", "sk-x")
    monkeypatch.setenv("SUMMARIZER_MAX_RETRIES", "4")
    script = Script(Reply(status=0), Reply.error(502), Reply(status=0), Reply(content=GOOD))
    with scripted_server(script) as url:
        assert extract(url, tmp_path) == 0
    summary = json.loads((tmp_path / "out" / "r.summary.json").read_text(encoding="utf-8"))
    assert summary["indicators"][1]["name"] == "技术人才" and len(script.requests) == 4


def test_an_answer_cut_off_at_max_tokens_is_asked_again(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("SUMMARIZER_API_KEY", "sk-x")
    script = Script(Reply(content=GOOD[:30], finish_reason="length"), Reply(content=GOOD))
    with scripted_server(script) as url:
        assert extract(url, tmp_path) == 0
    second = script.requests[1]["messages"]
    assert "截断" in second[-1]["content"]  # the re-ask says why
    summary = json.loads((tmp_path / "out" / "r.summary.json").read_text(encoding="utf-8"))
    assert summary["indicators"][1]["name"] == "技术人才"
    assert summary["usage"]["completion_tokens"] == 2 * 7  # both attempts are counted


def test_a_server_that_never_recovers_costs_the_names_in_bounded_requests(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setenv("SUMMARIZER_API_KEY", "sk-x")
    monkeypatch.setenv("SUMMARIZER_MAX_RETRIES", "2")

    def down(request: dict[str, Any]) -> Reply:
        return Reply.error(503, headers={"Retry-After": "0"})

    script = Script(default=down)
    with scripted_server(script) as url:
        assert extract(url, tmp_path) == 0  # the figures are the parser's: the summary is complete
    err = capsys.readouterr().err
    assert "503" in err and "保留原文形式" in err and "Traceback" not in err
    assert len(script.requests) == 3  # the first try and two retries, then no more calls
    summary = json.loads((tmp_path / "out" / "r.summary.json").read_text(encoding="utf-8"))
    assert [i["value"] for i in summary["indicators"]] == ["58.2亿元", "132名"] and summary["warnings"]


def test_a_wrong_key_stops_the_run_instead_of_falling_back(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setenv("SUMMARIZER_API_KEY", "sk-wrong")
    script = Script(default=lambda request: Reply.error(401))
    with scripted_server(script) as url:
        assert extract(url, tmp_path) == 1
    assert "Traceback" not in capsys.readouterr().err
    assert len(script.requests) == 1 and not (tmp_path / "out" / "r.summary.json").exists()


@pytest.mark.parametrize(
    ("value", "why"), [("inf", "应为有限的数"), ("nan", "应为有限的数"), ("86400", "应不大于 3600")]
)
def test_a_timeout_that_is_not_a_finite_number_of_seconds_is_a_usage_error(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], value: str, why: str
) -> None:
    monkeypatch.setenv("SUMMARIZER_TIMEOUT", value)
    script = Script(default=lambda request: Reply(content=GOOD))
    with scripted_server(script) as url:
        assert extract(url, tmp_path) == 2
    err = capsys.readouterr().err
    assert "环境变量" in err and "timeout" in err and why in err and "Traceback" not in err
    assert script.requests == [] and not (tmp_path / "out").exists()


@pytest.mark.parametrize(
    ("body", "content_type"),
    [
        ("", "application/json"),
        ("<!DOCTYPE html><html><body>网关维护中</body></html>", "application/json"),
        ("<!DOCTYPE html><html><body>请先登录</body></html>", "text/html; charset=utf-8"),
    ],
)
def test_a_200_that_is_not_json_is_retried_like_a_server_error(
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
    body: str,
    content_type: str,
) -> None:
    monkeypatch.setenv("SUMMARIZER_API_KEY", "sk-x")
    script = Script(Reply(raw_body=body, content_type=content_type), Reply(content=GOOD))
    with scripted_server(script) as url:
        assert extract(url, tmp_path) == 0
    err = capsys.readouterr().err
    assert "返回的内容不是 JSON，等待" in err and "秒后第 1 次重试" in err and "Traceback" not in err
    summary = json.loads((tmp_path / "out" / "r.summary.json").read_text(encoding="utf-8"))
    assert summary["indicators"][1]["name"] == "技术人才" and len(script.requests) == 2


def test_an_endpoint_that_keeps_answering_html_is_named_without_its_credentials(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setenv("SUMMARIZER_MAX_RETRIES", "1")
    script = Script(default=lambda request: Reply(raw_body="<html>登录</html>"))
    with scripted_server(script) as url:
        secret_url = url.replace("http://", "http://office:hunter2@")
        assert extract(secret_url, tmp_path) == 0  # the figures are the parser's: the summary is complete
    err = capsys.readouterr().err
    shown = url.replace("http://", "http://***@")
    assert f"接口 {shown}（模型 m）：返回的内容不是 JSON（空白或网页，共尝试 2 次）" in err
    assert "--base-url" in err and "hunter2" not in err and "Traceback" not in err
    assert len(script.requests) == 2  # retried like a 5xx, bounded
    summary = json.loads((tmp_path / "out" / "r.summary.json").read_text(encoding="utf-8"))
    assert [i["value"] for i in summary["indicators"]] == ["58.2亿元", "132名"] and summary["warnings"]


def test_token_counts_that_are_not_integers_count_as_zero(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setenv("SUMMARIZER_API_KEY", "sk-x")
    usage = {"prompt_tokens": "many", "completion_tokens": None, "total_tokens": -3}
    script = Script(Reply(content=GOOD, usage=usage))
    with scripted_server(script) as url:
        assert extract(url, tmp_path) == 0
    assert "Traceback" not in capsys.readouterr().err
    summary = json.loads((tmp_path / "out" / "r.summary.json").read_text(encoding="utf-8"))
    assert summary["indicators"][1]["name"] == "技术人才"
    assert (summary["usage"]["prompt_tokens"], summary["usage"]["completion_tokens"]) == (0, 0)


def test_a_server_dripping_bytes_is_cut_off_at_the_timeout(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setenv("SUMMARIZER_API_KEY", "sk-x")
    monkeypatch.setenv("SUMMARIZER_TIMEOUT", "2")
    monkeypatch.setenv("SUMMARIZER_MAX_RETRIES", "0")
    # one byte every 0.5 s: each read is quick, the whole answer would take minutes
    script = Script(default=lambda request: Reply(content=GOOD, drip=0.5))
    started = time.monotonic()
    with scripted_server(script) as url:
        assert extract(url, tmp_path) == 0
    assert time.monotonic() - started < 6  # 2 s for the one attempt, not 2 s per byte
    err = capsys.readouterr().err
    assert "请求超时（每次请求限时 2 秒，共尝试 1 次）" in err and "Traceback" not in err
    assert len(script.requests) == 1


def test_a_redirect_to_another_host_is_refused_before_the_document_leaves(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setenv("SUMMARIZER_API_KEY", "sk-x")
    elsewhere = Script(default=lambda request: Reply(content=GOOD))
    with scripted_server(elsewhere) as other:
        moved = Reply(307, raw_body="", headers={"Location": f"{other}/chat/completions"})
        script = Script(default=lambda request: moved)
        with scripted_server(script) as url:
            assert extract(url, tmp_path) == 1
    err = capsys.readouterr().err
    host = other.removesuffix("/v1")
    assert f"重定向到另一台主机 {host}，为保护文档内容已拒绝跟随" in err and "Traceback" not in err
    assert elsewhere.requests == [] and len(script.requests) == 1  # never sent there, never retried
    assert not (tmp_path / "out" / "r.summary.json").exists()


def test_a_redirect_loop_is_named_as_such(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setenv("SUMMARIZER_API_KEY", "sk-x")
    loop = Reply(307, raw_body="", headers={"Location": "/v1/chat/completions"})
    script = Script(default=lambda request: loop)
    with scripted_server(script) as url:
        assert extract(url, tmp_path) == 1
    err = capsys.readouterr().err
    assert "重定向陷入循环" in err and "连接失败" not in err and "Traceback" not in err
    assert len(script.requests) == 21  # httpx2's 20 hops once, not again per retry
    assert not (tmp_path / "out" / "r.summary.json").exists()


def test_retries_are_announced_in_chinese_on_the_console(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setenv("SUMMARIZER_API_KEY", "sk-x")
    script = Script(Reply.error(503, headers={"Retry-After": "1"}), Reply(content=GOOD))
    with scripted_server(script) as url:
        assert extract(url, tmp_path) == 0
    err = capsys.readouterr().err
    assert f"提示：接口 {url}（模型 m）：返回 HTTP 503，等待 1.0 秒后第 1 次重试（最多 4 次）…" in err
    assert "retrying" not in err and len(script.requests) == 2
