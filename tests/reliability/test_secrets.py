"""The API key never reaches a file, a log line or a message, even when the endpoint echoes it."""

from __future__ import annotations

import json
import socket
from pathlib import Path
from typing import Any

import pytest

from summarizer.cli import commands as cli

from ..scripted_server import Reply, Script, scripted_server

KEY = "sk-test-4f9c2a7e1b3d5f8a0c6e"
# 132名 (f2) is asked: the rules read only the bare verb 引进 before it
REPORT = (
    "梧桐产业园2025年上半年工作总结\n"
    "上半年，园区实现规模以上工业总产值58.2亿元；技术人才队伍持续壮大，当年引进132名。\n"
)


def echoing(request: dict[str, Any]) -> Reply:
    """An endpoint that leaks the key into everything it answers: never valid, always echoing."""
    return Reply(content=json.dumps({"f2": KEY, "indicators": [{"name": KEY, "value": f"{KEY} 58.2亿元"}]}))


@pytest.mark.parametrize("how", ["SUMMARIZER_API_KEY", "OPENAI_API_KEY"])
def test_an_echoing_endpoint_never_gets_the_key_written_anywhere(
    how: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    report = tmp_path / "r.txt"
    report.write_text(REPORT, encoding="utf-8")
    cache = tmp_path / "cache"
    with scripted_server(Script(default=echoing)) as url:
        args = ["-v", "extract", str(report), "--backend", "openai", "--base-url", url, "--model", "m",
                "--cache-dir", str(cache), "-o", str(tmp_path / "out")]  # fmt: skip
        monkeypatch.setenv(how, KEY)
        code = cli.main(args)
    printed = capsys.readouterr()
    written = [p for p in tmp_path.rglob("*") if p.is_file() and p != report]
    assert code == 0 and any(p.name == "runs.jsonl" for p in written)  # it ran, and logged, and cached
    for path in written:
        assert KEY not in path.read_text(encoding="utf-8", errors="replace"), path
    assert KEY not in printed.out + printed.err


def _escaped(text: str) -> str:
    return "".join(f"\\u{ord(ch):04x}" for ch in text)


@pytest.mark.parametrize(
    "where",
    ["model", "finish_reason", "upper", "escaped", "truncated", "tail"],
)
def test_every_echo_form_in_every_field_is_redacted(
    where: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """The key echoed in `model` or `finish_reason`, upper-cased, \\u-escaped or cut short: never
    stored in the call cache, runs.jsonl, a raw output or a summary, never printed."""
    forms = {"upper": KEY.upper(), "escaped": _escaped(KEY), "truncated": KEY[:12], "tail": KEY[-10:]}

    def echo(request: dict[str, Any]) -> Reply:
        if where == "model":
            return Reply(content=json.dumps({"f2": "技术人才"}, ensure_ascii=False), model=KEY)
        if where == "finish_reason":
            return Reply(content=json.dumps({"f2": "技术人才"}, ensure_ascii=False), finish_reason=KEY)
        return Reply(content='{"f2": "' + forms[where] + '"}')

    report = tmp_path / "r.txt"
    report.write_text(REPORT, encoding="utf-8")
    monkeypatch.setenv("OPENAI_API_KEY", KEY)
    with scripted_server(Script(default=echo)) as url:
        args = ["-v", "extract", str(report), "--backend", "openai", "--base-url", url, "--model", "m",
                "--cache-dir", str(tmp_path / "cache"), "-o", str(tmp_path / "out")]  # fmt: skip
        code = cli.main(args)
    printed = capsys.readouterr()
    # it ran to the end, asked the endpoint and logged the call: the files below were really written
    assert code == 0 and (tmp_path / "cache" / "runs.jsonl").is_file()
    seen = printed.out + printed.err
    seen += "".join(
        p.read_text(encoding="utf-8", errors="replace") for p in tmp_path.rglob("*") if p.is_file()
    )
    for secret in (KEY, KEY.upper(), _escaped(KEY), KEY[:12], KEY[-10:], KEY.lower()):
        assert secret not in seen, secret


def test_a_key_in_the_base_urls_query_string_is_never_shown(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    report = tmp_path / "r.txt"
    report.write_text(REPORT, encoding="utf-8")
    with socket.socket() as s:  # a port nothing listens on: every request fails, and says where
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    url = f"http://127.0.0.1:{port}/v1?api-key={KEY}&api-version=2024-06-01"
    base = ["--backend", "openai", "--base-url", url, "--model", "m", "--cache-dir", str(tmp_path / "c")]
    monkeypatch.setenv("SUMMARIZER_MAX_RETRIES", "0")
    cli.main(["extract", str(report), *base, "-o", str(tmp_path / "out")])
    cli.main(["models", *base])
    printed = capsys.readouterr()
    assert "api-version=2024-06-01" in printed.out + printed.err  # the URL is shown, its secret is not
    assert KEY not in printed.out + printed.err and KEY[:12] not in printed.out + printed.err


def test_an_answer_that_does_not_parse_is_never_cached(tmp_path: Path) -> None:
    """200,000-deep JSON from a broken endpoint: the document keeps its source form, and a rerun
    against a healthy server asks again instead of replaying the broken answer."""
    report = tmp_path / "r.txt"
    report.write_text(REPORT, encoding="utf-8")
    deep = "[" * 200_000 + "]" * 200_000
    args = ["extract", str(report), "--backend", "openai", "--model", "m", "--cache-dir", str(tmp_path / "c"),
            "-o", str(tmp_path / "out"), "--force"]  # fmt: skip
    with scripted_server(Script(default=lambda request: Reply(content='{"f2": ' + deep + "}"))) as url:
        assert cli.main([*args, "--base-url", url]) == 0
    healthy = Script(
        default=lambda request: Reply(content=json.dumps({"f2": "技术人才"}, ensure_ascii=False))
    )
    with scripted_server(healthy) as url:
        assert cli.main([*args, "--base-url", url]) == 0
    assert healthy.requests  # asked again: nothing broken was replayed from the cache
    summary = json.loads((tmp_path / "out" / "r.summary.json").read_text(encoding="utf-8"))
    assert any(i["name"] == "技术人才" for i in summary["indicators"])
