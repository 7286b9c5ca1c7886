"""The API key never reaches a file, a log line or a message, even when the endpoint echoes it."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from summarizer.cli import commands as cli

from ..scripted_server import Reply, Script, scripted_server

KEY = "sk-test-4f9c2a7e1b3d5f8a0c6e"
REPORT = "梧桐产业园2025年上半年工作总结\n上半年，园区实现规模以上工业总产值58.2亿元；引进技术人才132名。\n"


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
