from __future__ import annotations

from pathlib import Path

import pytest

from summarizer.core.config import CONFIG_FILENAME, Settings, load_settings
from summarizer.core.errors import ConfigError


def test_defaults_when_nothing_is_configured(tmp_path: Path) -> None:
    assert load_settings(env={}, cwd=tmp_path) == Settings()
    assert Settings().max_input_chars == 2_000_000


def test_precedence_flags_over_env_over_file(tmp_path: Path) -> None:
    (tmp_path / CONFIG_FILENAME).write_text("[summarizer]\nmax_input_chars = 100\n", encoding="utf-8")
    assert load_settings(env={}, cwd=tmp_path).max_input_chars == 100
    env = {"SUMMARIZER_MAX_INPUT_CHARS": "200"}
    assert load_settings(env=env, cwd=tmp_path).max_input_chars == 200
    assert load_settings({"max_input_chars": 300}, env=env, cwd=tmp_path).max_input_chars == 300
    # a flag left unset (None) does not hide the lower layers
    assert load_settings({"max_input_chars": None}, env=env, cwd=tmp_path).max_input_chars == 200


def test_cwd_file_wins_over_user_file(tmp_path: Path, isolated_user_dirs: Path) -> None:
    user_dir = isolated_user_dirs / "config" / "summarizer"
    user_dir.mkdir(parents=True)
    (user_dir / CONFIG_FILENAME).write_text("max_input_chars = 11\n", encoding="utf-8")
    assert load_settings(env={}, cwd=tmp_path).max_input_chars == 11
    (tmp_path / CONFIG_FILENAME).write_text("max_input_chars = 22\n", encoding="utf-8")
    assert load_settings(env={}, cwd=tmp_path).max_input_chars == 22


@pytest.mark.parametrize(
    ("content", "fragment"),
    [
        ("max_input_chars = \n", "格式错误"),
        ("colour = 'red'\n", "未知的设置项"),
        ("max_input_chars = -5\n", "取值无效"),
    ],
)
def test_bad_config_file_is_a_config_error_naming_the_file(
    tmp_path: Path, content: str, fragment: str
) -> None:
    path = tmp_path / CONFIG_FILENAME
    path.write_text(content, encoding="utf-8")
    with pytest.raises(ConfigError) as caught:
        load_settings(env={}, cwd=tmp_path)
    assert fragment in caught.value.message
    assert caught.value.exit_code == 2
    if fragment != "格式错误":
        assert str(path) in caught.value.message


def test_bad_env_value_names_the_environment(tmp_path: Path) -> None:
    with pytest.raises(ConfigError, match="环境变量"):
        load_settings(env={"SUMMARIZER_MAX_INPUT_CHARS": "lots"}, cwd=tmp_path)


def test_an_office_lists_its_own_core_indicators(tmp_path: Path) -> None:
    (tmp_path / CONFIG_FILENAME).write_text(
        '[summarizer.indicators]\n"技工贸总收入" = ["技工贸收入", " 技工贸总额 "]\n', encoding="utf-8"
    )
    assert load_settings(env={}, cwd=tmp_path).indicators == {"技工贸总收入": ("技工贸收入", "技工贸总额")}


@pytest.mark.parametrize(
    "table",
    ['"技" = ["技工贸"]', '"技工贸总收入" = "技工贸收入"', '"技工贸总收入" = [""]'],
)
def test_a_malformed_indicator_entry_names_the_file(tmp_path: Path, table: str) -> None:
    path = tmp_path / CONFIG_FILENAME
    path.write_text(f"[summarizer.indicators]\n{table}\n", encoding="utf-8")
    with pytest.raises(ConfigError, match="indicators"):
        load_settings(env={}, cwd=tmp_path)


def test_the_shipped_example_configuration_is_valid() -> None:
    example = Path(__file__).parent.parent / "examples"
    assert load_settings(env={}, cwd=example).indicators["技工贸总收入"] == ("技工贸收入",)
