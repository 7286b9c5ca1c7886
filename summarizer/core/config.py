"""Frozen settings, resolved once per run.

Precedence: command-line flags > environment (SUMMARIZER_*) > summarizer.toml (current directory,
then the user config dir) > defaults. A wrong value anywhere is a `ConfigError` naming where it came
from, never a traceback.
"""

from __future__ import annotations

import os
import re
import tomllib
from collections.abc import Mapping
from pathlib import Path
from typing import Annotated, Any, Literal

import platformdirs
from pydantic import (
    BaseModel,
    ConfigDict,
    Field,
    SecretStr,
    StringConstraints,
    ValidationError,
    field_validator,
)

from .errors import ConfigError, validation_words

__all__ = ["CONFIG_FILENAME", "Settings", "config_paths", "load_settings"]

CONFIG_FILENAME = "summarizer.toml"
_ENV_PREFIX = "SUMMARIZER_"


class Settings(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")

    max_input_chars: int = Field(
        default=2_000_000, gt=0, description="largest accepted input, in characters of extracted text"
    )
    backend: Literal["local", "openai", "fake"] = Field(default="local", description="which LLM backend")
    model: str | None = Field(
        default=None,
        description="local: path of a GGUF file (default: the embedded model); openai: model name",
    )
    base_url: str | None = Field(
        default=None, description="OpenAI-compatible endpoint, e.g. http://127.0.0.1:8000/v1"
    )
    api_key: SecretStr | None = Field(
        default=None, description="endpoint key; prefer the OPENAI_API_KEY variable"
    )
    timeout: float = Field(
        default=300.0,
        gt=0,
        le=3600,
        allow_inf_nan=False,  # "inf" would overflow the deadline arithmetic; an hour is more than any answer
        description="seconds one endpoint request may take in all (the whole answer, not each read)",
    )
    max_retries: int = Field(default=4, ge=0, le=10, description="retries on 429/5xx/timeouts")
    threads: int | None = Field(default=None, gt=0, description="llama.cpp threads (default: all cores)")
    context: int | None = Field(
        default=None, ge=512, description="llama.cpp context tokens (default: sized to need)"
    )
    cache: bool = Field(default=True, description="reuse results of identical LLM calls")
    unverified: Literal["flag", "drop", "fail"] = Field(
        default="flag", description="items grounding cannot verify: keep and mark, drop, or fail the run"
    )
    cache_dir: Path | None = Field(default=None, description="where the model, call cache and run log live")
    strict: bool = Field(
        default=False,
        description="fail a document when the model's answer for any item was unusable (else: source form)",
    )
    unit_items: int = Field(
        default=8,
        ge=1,
        le=64,
        description="ids per naming call (8 suits the embedded model; endpoints take more)",
    )
    brief_pages: float = Field(
        default=0,
        ge=0,
        le=20,
        allow_inf_nan=False,  # nan is no length: said as such, not as "more than 20"
        description="简报 length in A4 pages (0: what the report needs, up to two); items condense to fit",
    )
    brief_name: str = Field(
        default="工作简报", min_length=1, max_length=30, description="简报 name in the 报头"
    )
    brief_editor: str = Field(default="", max_length=30, description="编发单位 (default: the report's 单位)")
    brief_distribution: tuple[str, ...] = Field(
        default=(),
        max_length=6,
        description='版记 lines of the 简报, e.g. ["报：市委、市政府", "送：市直有关部门", "发：区属各单位"]',
    )
    reference_doc: Path | None = Field(
        default=None, description="an office's own .docx/.dotx whose styles and 红头 every Word output takes"
    )
    plan_propose: bool = Field(
        default=False,
        description="plan drafts: also propose computed targets (【建议值】) where the report sets none",
    )
    plan_owners: dict[str, Annotated[str, StringConstraints(min_length=1, max_length=40)]] = Field(
        default_factory=dict,
        description="plan drafts: your own offices by task theme, suggested where a report names no owner "
        '(themes in outputs/data/owners.toml), e.g. [plan_owners] 招商引资 = "投资促进局"',
    )
    prose: Literal["model", "template"] = Field(
        default="model", description="简报 标题/导语/按语: written by the model (checked) or built by code"
    )
    indicators: dict[
        Annotated[str, StringConstraints(strip_whitespace=True, min_length=2, max_length=14)],
        tuple[Annotated[str, StringConstraints(strip_whitespace=True, min_length=2, max_length=20)], ...],
    ] = Field(
        default_factory=dict,
        max_length=100,
        description="core indicators of your own, counted as headline results: name -> written forms, "
        'e.g. 技工贸总收入 = ["技工贸收入"]',
    )

    genres: dict[
        Literal["summary", "plan", "news", "meeting", "economy", "government_report"],
        dict[
            Literal["title", "opening", "voice"],
            tuple[Annotated[str, StringConstraints(min_length=1, max_length=60)], ...],
        ],
    ] = Field(
        default_factory=dict,
        description="genre cues of your own, added to the shipped ones (skeleton/data/genres.toml): "
        'e.g. [genres.meeting] title = ["碰头会"]',
    )

    @field_validator("genres")
    @classmethod
    def _cues_compile(
        cls, genres: dict[str, dict[str, tuple[str, ...]]]
    ) -> dict[str, dict[str, tuple[str, ...]]]:
        for cues in genres.values():
            for cue in (c for words in cues.values() for c in words):
                try:
                    re.compile(cue)
                except re.error as exc:
                    raise ValueError(f"体裁提示词“{cue}”不是有效的正则表达式（{exc}）") from exc
        return genres

    def resolved_cache_dir(self) -> Path:
        return self.cache_dir or Path(platformdirs.user_cache_dir("summarizer"))


def config_paths(cwd: Path | None = None) -> list[Path]:
    """Config files in precedence order (first wins)."""
    here = (cwd or Path.cwd()) / CONFIG_FILENAME
    user = Path(platformdirs.user_config_dir("summarizer")) / CONFIG_FILENAME
    return [here, user]


def _read_toml(path: Path) -> dict[str, Any]:
    try:
        # Notepad and WPS save UTF-8 with a BOM; TOML is UTF-8 only, so another encoding is the user's to fix.
        data = tomllib.loads(path.read_bytes().decode("utf-8-sig"))
    except UnicodeDecodeError as exc:
        raise ConfigError(
            f"配置文件 {path} 不是 UTF-8 编码（可能是 GBK/ANSI）。请用记事本“另存为”，编码选 UTF-8 后重试。"
        ) from exc
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError(f"配置文件 {path} 格式错误：{exc}。请修正该文件或删除后重试。") from exc
    except OSError as exc:
        raise ConfigError(f"无法读取配置文件 {path}：{exc.strerror}。请检查文件权限。") from exc
    section = data.get("summarizer", data)
    if not isinstance(section, dict):
        raise ConfigError(f"配置文件 {path} 中的 [summarizer] 应为表。请参照 examples/summarizer.toml。")
    return section


# The OpenAI SDK's own variables count too; SUMMARIZER_* wins when both are set.
_FOREIGN_ENV = {"OPENAI_API_KEY": "api_key", "OPENAI_BASE_URL": "base_url"}


def _from_env(env: Mapping[str, str]) -> dict[str, Any]:
    fields = Settings.model_fields
    values = {field: env[key] for key, field in _FOREIGN_ENV.items() if env.get(key)}
    values.update(
        {
            key[len(_ENV_PREFIX) :].lower(): value
            for key, value in env.items()
            if key.startswith(_ENV_PREFIX) and key[len(_ENV_PREFIX) :].lower() in fields
        }
    )
    return values


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
                detail = validation_words(exc.errors()[0])
                raise ConfigError(f"{origin}中的设置项 “{key}” 取值无效（{detail}）。请修正。") from exc
    return Settings.model_validate(merged)
