"""The embedded model's failures, each in a real process: a message that says what to run."""

from __future__ import annotations

import os
import resource
import subprocess
import sys
from pathlib import Path

import pytest

# 132名's subject is elliptical (当年引进 what?): the model is asked (and so loaded) for it
REPORT = (
    "梧桐产业园2025年上半年工作总结\n"
    "上半年，园区实现规模以上工业总产值58.2亿元；技术人才队伍持续壮大，当年引进132名。\n"
)


def run(
    args: list[str], cwd: Path, env: dict[str, str], memory: int | None = None
) -> subprocess.CompletedProcess[str]:
    def limit() -> None:
        if memory:
            resource.setrlimit(resource.RLIMIT_AS, (memory, memory))

    return subprocess.run(
        [sys.executable, "-m", "summarizer", *args],
        cwd=cwd, capture_output=True, text=True, timeout=240, preexec_fn=limit, env={**os.environ, **env},
    )  # fmt: skip


def test_without_the_local_extra_the_message_says_what_to_install(tmp_path: Path) -> None:
    shadow = tmp_path / "shadow" / "llama_cpp"
    shadow.mkdir(parents=True)  # stands in for a missing install: importing it fails as if absent
    (shadow / "__init__.py").write_text("raise ImportError('No module named llama_cpp')\n", encoding="utf-8")
    (tmp_path / "r.txt").write_text(REPORT, encoding="utf-8")
    path = os.pathsep.join(filter(None, [str(tmp_path / "shadow"), os.environ.get("PYTHONPATH")]))
    result = run(["extract", "r.txt", "-o", "out"], tmp_path, {"PYTHONPATH": path})
    assert result.returncode == 1 and "Traceback" not in result.stderr
    message = " ".join(result.stderr.split())  # the console wraps long lines
    assert "llama-cpp-python" in message and "make demo" in message
    # the distribution's own name, not PyPI's unrelated `summarizer`
    assert 'pip install "gongwen-summarizer[local]"' in message
    # the way without a C/C++ compiler: an OpenAI-compatible local server
    assert "--backend openai" in message and "Ollama" in message and "llama-server" in message
    assert not (tmp_path / "out").exists() or not any((tmp_path / "out").iterdir())


@pytest.mark.model
def test_a_context_too_large_for_memory_says_to_lower_it(
    embedded_model_file: tuple[Path, list[tuple[int, int]]], tmp_path: Path
) -> None:
    model = embedded_model_file[0]
    (tmp_path / "r.txt").write_text(REPORT, encoding="utf-8")
    args = ["extract", "r.txt", "-o", "out", "--model", str(model), "--context", "200000", "--no-cache"]
    result = run(args, tmp_path, {}, memory=4 * 1024**3)  # 200k tokens of KV cache need ~6 GB
    assert result.returncode == 1 and "Traceback" not in result.stderr
    assert "内存不足" in result.stderr and "--context" in result.stderr
