"""What `summarizer models` reports: configuration, embedded model state, endpoint capabilities."""

from __future__ import annotations

from ..core.config import Settings

__all__ = ["backend_status"]


from ..backends.redact import safe_url


def backend_status(settings: Settings) -> dict[str, str]:
    status = {
        "后端": settings.backend,
        "模型": settings.model
        or ("内置 Qwen2.5-Coder-1.5B-Instruct (Q4_K_M)" if settings.backend == "local" else "（未设置）"),
        "缓存目录": str(settings.resolved_cache_dir()),
        "调用缓存": "开启" if settings.cache else "关闭",
    }
    if settings.backend == "openai":
        default = "（未设置，使用 OpenAI 官方地址）"
        status["接口地址"] = safe_url(settings.base_url) if settings.base_url else default  # ?api-key= masked
        status["API 密钥"] = "已设置" if settings.api_key else "未设置"
        if settings.model:
            from ..backends.openai_compat import OpenAIBackend

            # no request is sent: the capability comes from what earlier runs learned
            remembered = OpenAIBackend.from_settings(settings).describe()["structured_output"]
            status["结构化输出方式"] = f"{remembered}（由此前运行得知；未知时从 json_schema 开始尝试）"
    from ..backends.modelstore import INSTALL_HINT, NO_COMPILER_HINT, model_status

    embedded = model_status(settings.resolved_cache_dir(), verify=True)
    status["内置模型文件"] = embedded["path"]
    status["内置模型分片包"] = f"已安装 {embedded['packages_installed']}/{embedded['packages_total']}"
    if embedded["assembled"]:
        verified = embedded["verified"]
        status["内置模型状态"] = "已组装，sha256 校验通过" if verified else "已组装，但 sha256 校验未通过"
    else:
        status["内置模型状态"] = "尚未组装（首次运行 extract 时自动组装）"
    if embedded["problem"]:
        status["内置模型问题"] = embedded["problem"]
    try:
        import llama_cpp  # noqa: F401

        status["llama-cpp-python"] = "已安装"
    except ImportError:
        status["llama-cpp-python"] = f"未安装（{INSTALL_HINT}；{NO_COMPILER_HINT}）"
    return status
