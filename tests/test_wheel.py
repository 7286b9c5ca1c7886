"""The built wheel carries prompts/, templates/ and the licence, and works outside the checkout."""

from __future__ import annotations

import os
import subprocess
import sys
import tomllib
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
    # the distribution's own name: `summarizer` on PyPI is an unrelated project
    (built,) = out.glob("gongwen_summarizer-*.whl")
    return built


# the installed copy only: a PYTHONPATH pointing at a checkout would shadow it
CLEAN_ENV = {key: value for key, value in os.environ.items() if key != "PYTHONPATH"}


def pyproject_version() -> str:
    return str(tomllib.loads((REPO / "pyproject.toml").read_text(encoding="utf-8"))["project"]["version"])


def test_wheel_contains_templates_and_prompts(wheel: Path) -> None:
    names = zipfile.ZipFile(wheel).namelist()
    assert "summarizer/templates/inspect.md.j2" in names
    assert "summarizer/prompts/README.md" in names
    assert not any(name.startswith(("tests/", "examples/")) for name in names)


def test_wheel_carries_the_licence(wheel: Path) -> None:
    archive = zipfile.ZipFile(wheel)
    dist_info = f"gongwen_summarizer-{pyproject_version()}.dist-info"
    licence = archive.read(f"{dist_info}/licenses/LICENSE").decode("utf-8")
    assert licence == (REPO / "LICENSE").read_text(encoding="utf-8")
    metadata = archive.read(f"{dist_info}/METADATA").decode("utf-8")
    assert "Name: gongwen-summarizer" in metadata
    assert "License-Expression: Apache-2.0" in metadata and "License-File: LICENSE" in metadata


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
        env=CLEAN_ENV,
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
        env=CLEAN_ENV,
        capture_output=True,
        text=True,
        check=True,
    )
    assert str(venv) in where.stdout
    # the version comes from the installed metadata, which pyproject.toml wrote
    version = subprocess.run(
        [str(venv / "bin" / "summarizer"), "--version"],
        cwd=tmp_path,
        env=CLEAN_ENV,
        capture_output=True,
        text=True,
    )
    assert version.returncode == 0 and version.stdout.strip() == f"summarizer {pyproject_version()}"
