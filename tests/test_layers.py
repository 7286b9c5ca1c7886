"""The layering in pyproject's import-linter contracts is real: a wrong-way import fails `lint-imports`."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from .conftest import REPO

pytestmark = pytest.mark.slow

PLANTED = {
    # a stage reaching up into the CLI layer
    "summarizer/text/segment.py": "from summarizer.cli import console  # noqa: F401\n",
    # grounding calling a model
    "summarizer/grounding/ground.py": "from summarizer.llm import ask  # noqa: F401\n",
    # rich outside cli
    "summarizer/outputs/render.py": "import rich  # noqa: F401\n",
}


def lint_imports(root: Path) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "PYTHONPATH": str(root)}
    script = Path(sys.executable).parent / "lint-imports"
    return subprocess.run(
        [str(script), "--config", str(root / "pyproject.toml"), "--no-cache"],
        cwd=root,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
    )


def copy_of_the_package(tmp_path: Path) -> Path:
    root = tmp_path / "repo"
    shutil.copytree(REPO / "summarizer", root / "summarizer", ignore=shutil.ignore_patterns("__pycache__"))
    shutil.copy(REPO / "pyproject.toml", root / "pyproject.toml")
    return root


def test_the_contracts_hold_on_the_package_as_it_is(tmp_path: Path) -> None:
    result = lint_imports(copy_of_the_package(tmp_path))
    assert result.returncode == 0, result.stdout


@pytest.mark.parametrize("module", sorted(PLANTED))
def test_a_planted_wrong_way_import_breaks_a_contract(tmp_path: Path, module: str) -> None:
    root = copy_of_the_package(tmp_path)
    target = root / module
    target.write_text(target.read_text(encoding="utf-8") + PLANTED[module], encoding="utf-8")
    result = lint_imports(root)
    assert result.returncode != 0 and "BROKEN" in result.stdout, result.stdout
