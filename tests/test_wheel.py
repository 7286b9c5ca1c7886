"""The built wheel carries prompts/ and templates/ and works outside the checkout."""

from __future__ import annotations

import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from .conftest import EXAMPLES, REPO

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def wheel(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("dist")
    subprocess.run(
        [sys.executable, "-m", "build", "--wheel", "--no-isolation", "--outdir", str(out), str(REPO)],
        check=True,
        capture_output=True,
    )
    (built,) = out.glob("summarizer-*.whl")
    return built


def test_wheel_contains_templates_and_prompts(wheel: Path) -> None:
    names = zipfile.ZipFile(wheel).namelist()
    assert "summarizer/templates/inspect.md.j2" in names
    assert "summarizer/prompts/README.md" in names
    assert not any(name.startswith(("tests/", "examples/")) for name in names)


def test_wheel_installs_into_fresh_venv_and_renders_a_template(wheel: Path, tmp_path: Path) -> None:
    venv = tmp_path / "venv"
    subprocess.run([sys.executable, "-m", "venv", str(venv)], check=True)
    pip = subprocess.run(
        [str(venv / "bin" / "python"), "-m", "pip", "install", "--quiet", str(wheel)],
        capture_output=True,
        text=True,
    )
    assert pip.returncode == 0, pip.stderr
    # Run from an unrelated directory so nothing can come from the checkout.
    result = subprocess.run(
        [
            str(venv / "bin" / "summarizer"),
            "inspect",
            "--format",
            "md",
            "--quantities",
            str(EXAMPLES / "qinghe-edz-2025h1-summary-wenku.txt"),
        ],
        cwd=tmp_path,
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith("# 文档检查：")
    assert "| 158.6亿元 |" in result.stdout  # the figure table came from the packaged template
    where = subprocess.run(
        [
            str(venv / "bin" / "python"),
            "-c",
            "import summarizer.core.resources as r; print(r.resource_dir('templates'))",
        ],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        check=True,
    )
    assert str(venv) in where.stdout
