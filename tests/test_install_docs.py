"""The README's compiler-free install path: every documented setting works as written."""

from __future__ import annotations

import re
import shlex
from pathlib import Path

import pytest

from summarizer.cli import commands as cli
from summarizer.core.config import CONFIG_FILENAME, load_settings

from .conftest import REPO

README = (REPO / "README.md").read_text(encoding="utf-8")
TOML_BLOCKS = re.findall(r"^```toml\n(.*?)^```", README, flags=re.MULTILINE | re.DOTALL)
FLAG_LINES = re.findall(r"`(--backend openai --base-url \S+ --model \S+)`", README)


def test_both_languages_document_the_three_local_servers() -> None:
    assert len(TOML_BLOCKS) == 2  # 中文 and English
    ports = sorted(re.search(r":(\d+)/v1", line).group(1) for line in FLAG_LINES)  # type: ignore[union-attr]
    assert ports == ["11434", "11434", "1234", "1234", "8080", "8080"]  # Ollama, LM Studio, llama-server


@pytest.mark.parametrize("block", TOML_BLOCKS)
def test_the_documented_summarizer_toml_selects_the_local_server(
    block: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    (tmp_path / CONFIG_FILENAME).write_text(block, encoding="utf-8")
    settings = load_settings(env={}, cwd=tmp_path)
    assert settings.backend == "openai"
    assert settings.base_url == "http://127.0.0.1:11434/v1" and settings.model == "qwen2.5:1.5b"
    monkeypatch.chdir(tmp_path)  # the real CLI reads the same file from the working directory
    code = cli.main(["models"])
    out = capsys.readouterr().out
    assert code == 0 and "openai" in out and "http://127.0.0.1:11434/v1" in out


@pytest.mark.parametrize("flags", sorted(set(FLAG_LINES)))
def test_the_documented_flags_are_accepted(flags: str, capsys: pytest.CaptureFixture[str]) -> None:
    args = shlex.split(flags)
    code = cli.main(["models", *args])
    out = capsys.readouterr().out
    assert code == 0 and args[args.index("--base-url") + 1] in out
