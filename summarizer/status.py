"""What `summarizer models` reports: configuration, embedded model state, endpoint capabilities."""

from __future__ import annotations

from .config import Settings

__all__ = ["backend_status"]


def backend_status(settings: Settings) -> dict[str, str]:
    status = {
        "后端": settings.backend,
        "模型": settings.model
        or ("内置 Qwen2.5-Coder-1.5B-Instruct (Q4_K_M)" if settings.backend == "local" else "（未设置）"),
        "缓存目录": str(settings.resolved_cache_dir()),
        "调用缓存": "开启" if settings.cache else "关闭",
    }
    if settings.backend == "openai":
        status["接口地址"] = settings.base_url or "（未设置，使用 OpenAI 官方地址）"
        status["API 密钥"] = "已设置" if settings.api_key else "未设置"
    from .modelstore import model_status

    for key, value in model_status(settings.resolved_cache_dir()).items():
        status[f"内置模型：{key}"] = str(value)
    try:
        import llama_cpp  # noqa: F401

        status["llama-cpp-python"] = "已安装"
    except ImportError:
        status["llama-cpp-python"] = "未安装（运行 make demo 或 pip install 'summarizer[local]'）"
    return status
