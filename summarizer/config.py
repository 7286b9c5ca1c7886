"""Frozen settings, resolved once per run.

Precedence: command-line flags > environment (SUMMARIZER_*) > summarizer.toml (current directory,
then the user config dir) > defaults. A wrong value anywhere is a `ConfigError` naming where it came
from, never a traceback.
"""

from __future__ import annotations

import os
import tomllib
from collections.abc import Mapping
from pathlib import Path
from typing import Any

import platformdirs
from pydantic import BaseModel, ConfigDict, Field, ValidationError

from .errors import ConfigError

__all__ = ["CONFIG_FILENAME", "Settings", "config_paths", "load_settings"]

CONFIG_FILENAME = "summarizer.toml"
_ENV_PREFIX = "SUMMARIZER_"


class Settings(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")

    max_input_chars: int = Field(
        default=2_000_000, gt=0, description="largest accepted input, in characters of extracted text"
    )


def config_paths(cwd: Path | None = None) -> list[Path]:
    """Config files in precedence order (first wins)."""
    here = (cwd or Path.cwd()) / CONFIG_FILENAME
    user = Path(platformdirs.user_config_dir("summarizer")) / CONFIG_FILENAME
    return [here, user]


def _read_toml(path: Path) -> dict[str, Any]:
    try:
        with path.open("rb") as handle:
            data = tomllib.load(handle)
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError(f"配置文件 {path} 格式错误：{exc}。请修正该文件或删除后重试。") from exc
    except OSError as exc:
        raise ConfigError(f"无法读取配置文件 {path}：{exc.strerror}。请检查文件权限。") from exc
    section = data.get("summarizer", data)
    if not isinstance(section, dict):
        raise ConfigError(f"配置文件 {path} 中的 [summarizer] 应为表。请参照 examples/summarizer.toml。")
    return section


def _from_env(env: Mapping[str, str]) -> dict[str, Any]:
    fields = Settings.model_fields
    return {
        key[len(_ENV_PREFIX) :].lower(): value
        for key, value in env.items()
        if key.startswith(_ENV_PREFIX) and key[len(_ENV_PREFIX) :].lower() in fields
    }


def load_settings(
    flags: Mapping[str, Any] | None = None,
    *,
    env: Mapping[str, str] | None = None,
    cwd: Path | None = None,
) -> Settings:
    layers: list[tuple[str, dict[str, Any]]] = []
    for path in reversed(config_paths(cwd)):
        if path.is_file():
            layers.append((str(path), _read_toml(path)))
    layers.append(("环境变量", _from_env(os.environ if env is None else env)))
    layers.append(("命令行参数", {k: v for k, v in (flags or {}).items() if v is not None}))
    merged: dict[str, Any] = {}
    for origin, values in layers:
        for key, value in values.items():
            if key not in Settings.model_fields:
                raise ConfigError(f"{origin} 中有未知的设置项 “{key}”。请检查拼写，可用项见 README。")
            merged[key] = value
            try:
                Settings.model_validate({key: value})
            except ValidationError as exc:
                detail = exc.errors()[0]["msg"]
                raise ConfigError(f"{origin} 中的设置项 “{key}” 取值无效（{detail}）。请修正。") from exc
    return Settings.model_validate(merged)
