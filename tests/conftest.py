"""Shared fixtures. Every test runs with its own config dir and no SUMMARIZER_* from the caller."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent
DATA = Path(__file__).resolve().parent / "data"
EXAMPLES = REPO / "examples"


@pytest.fixture(autouse=True)
def isolated_user_dirs(
    tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch
) -> Iterator[Path]:
    """Point the user config/cache dirs at a temp folder so tests never read or write the real home."""
    home = tmp_path_factory.mktemp("home")
    monkeypatch.setenv("XDG_CONFIG_HOME", str(home / "config"))
    monkeypatch.setenv("XDG_CACHE_HOME", str(home / "cache"))
    for key in list(os.environ):
        if key.startswith("SUMMARIZER_"):
            monkeypatch.delenv(key)
    yield home


@pytest.fixture(scope="session")
def embedded_model_file(
    tmp_path_factory: pytest.TempPathFactory,
) -> Iterator[tuple[Path, list[tuple[int, int]]]]:
    """The real embedded model, assembled once per session into a temp cache, removed afterwards.

    Skipped only where the `local` extra is absent; `make test` installs it and sets
    SUMMARIZER_REQUIRE_MODEL=1, so a broken install fails CI instead of skipping quietly.
    """
    import shutil

    from summarizer.backends import modelstore
    from summarizer.core.errors import BackendUnavailable

    required = os.environ.get("SUMMARIZER_REQUIRE_MODEL") == "1"
    try:
        import llama_cpp  # noqa: F401

        modelstore.find_chunks()
    except (ImportError, BackendUnavailable) as exc:
        reason = f"内置模型或 llama-cpp-python 未安装：{exc}"
        if required:
            pytest.fail(reason)
        pytest.skip(reason)
    cache = tmp_path_factory.mktemp("model-cache")
    progress: list[tuple[int, int]] = []
    path = modelstore.ensure_model(cache, lambda done, total: progress.append((done, total)))
    yield path, progress
    shutil.rmtree(cache, ignore_errors=True)  # 1.1 GB: do not leave it in pytest's kept temp dirs


CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


@pytest.fixture(scope="session")
def browser() -> Iterator[object]:
    """Debian's headless chromium driven by Playwright (never a browser Playwright downloads).

    Skipped where chromium or playwright is missing; `.ci/run` installs chromium and sets
    SUMMARIZER_REQUIRE_BROWSER=1, so a broken install fails CI instead of skipping quietly.
    """
    required = os.environ.get("SUMMARIZER_REQUIRE_BROWSER") == "1"
    try:
        from playwright.sync_api import sync_playwright
    except ImportError as exc:
        reason: str | None = f"未安装 playwright：{exc}"
    else:
        reason = None if CHROMIUM.is_file() else f"没有找到 {CHROMIUM}（apt-get install chromium）"
    if reason:
        if required:
            pytest.fail(reason)
        pytest.skip(reason)
    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()
