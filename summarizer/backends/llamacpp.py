"""In-process llama.cpp backend: the embedded default model, or any GGUF file the user names.

`llama_cpp` is imported lazily, so the package works without the `local` extra until this backend is
actually used; then a missing extra is a `BackendUnavailable` saying what to install.

One `llama_cpp.Llama` per process (module-level, keyed by path / context / threads): llama-cpp-python
reuses the longest common token prefix with the previous call on the same object, so a fixed system
prompt placed first is prefilled once per process (see bench/results/model.md). Loading a different model
closes the previous one first: two models never share the CPU or the memory.

Context size: `settings.context`, else `DEFAULT_CONTEXT` = 8192 tokens. The pipeline extracts section
by section, and a whole 5,000-character report is ~2,750 prompt tokens, so 8192 leaves room for the
prompt plus ~1,500 output tokens even for an unsplit report; the KV cache of the 1.5B model costs
~28 KiB per token (~230 MiB at 8192), where the model's trained maximum of 32768 would take ~0.9 GiB.
"""

from __future__ import annotations

import contextlib
import json
import os
import re
import threading
import time
from collections.abc import Sequence
from pathlib import Path
from types import ModuleType
from typing import TYPE_CHECKING, Any

from ..core.errors import BackendError, BackendUnavailable
from .base import Capabilities, Completion, Message, Usage
from .modelstore import EMBEDDED, INSTALL_HINT, NO_COMPILER_HINT, Progress, resolve_model

if TYPE_CHECKING:
    from ..core.config import Settings

__all__ = ["DEFAULT_CONTEXT", "LlamaCppBackend"]

DEFAULT_CONTEXT = 8192
DEFAULT_REPEAT_PENALTY = 1.1  # cuts the repetition loops seen on long lists (docs/architecture.md)

_lock = threading.RLock()  # one Llama object is not safe to call from two threads at once
_loaded: tuple[tuple[str, int, int], Any] | None = None  # (path, n_ctx, n_threads) -> llama_cpp.Llama
_grammars: dict[str, Any] = {}  # schema JSON -> compiled LlamaGrammar (reusable across calls)
_OVERFLOW = re.compile(r"Requested tokens \((\d+)\) exceed context window of (\d+)")


def _import_llama_cpp() -> ModuleType:
    try:
        import llama_cpp
    except ImportError as exc:
        raise BackendUnavailable(
            f"未安装本地模型运行库 llama-cpp-python。{INSTALL_HINT}；{NO_COMPILER_HINT}。"
        ) from exc
    except (OSError, RuntimeError) as exc:  # installed, but its shared library does not load
        raise BackendUnavailable(
            f"llama-cpp-python 已安装但无法加载（{exc}）。请重新安装："
            "pip install --force-reinstall --no-cache-dir 'llama-cpp-python==0.3.36'。"
        ) from exc
    return llama_cpp


def _get_llama(path: Path, n_ctx: int, n_threads: int) -> Any:
    global _loaded
    key = (str(path), n_ctx, n_threads)
    with _lock:
        if _loaded is not None and _loaded[0] == key:
            return _loaded[1]
        llama_cpp = _import_llama_cpp()
        if _loaded is not None:
            _loaded[1].close()
            _loaded = None
            _grammars.clear()
        try:
            llm = llama_cpp.Llama(
                model_path=str(path),
                n_ctx=n_ctx,
                n_threads=n_threads,
                n_threads_batch=n_threads,
                seed=0,
                verbose=False,
            )
        except (ValueError, RuntimeError, OSError) as exc:
            if "context" in str(exc):  # the weights loaded; the KV cache for n_ctx tokens did not fit
                raise BackendError(
                    f"内存不足，无法为本地模型分配 {n_ctx} token 的上下文（{exc}）。请用更小的 --context"
                    f"（默认 {DEFAULT_CONTEXT}，短报告 4096 即可），或关闭其他程序后重试。"
                ) from exc
            raise BackendError(
                f"无法加载模型 {path}（{exc}）。请确认它是 llama.cpp 支持的 GGUF 模型且内存充足；"
                "内置模型可删除该文件后重新运行以重新生成。"
            ) from exc
        _loaded = (key, llm)
        return llm


def _common_prefix(a: Sequence[int], b: Sequence[int]) -> int:
    n = 0
    for x, y in zip(a, b, strict=False):
        if x != y:
            break
        n += 1
    return n


class LlamaCppBackend:
    """`complete()` with a JSON schema constrains decoding by a grammar compiled from the schema."""

    name = "local"
    capabilities = Capabilities(reask_useful=False, parallel_slots=1)

    def __init__(
        self,
        model_path: Path,
        *,
        context: int | None = None,
        threads: int | None = None,
        repeat_penalty: float = DEFAULT_REPEAT_PENALTY,
        embedded: bool = False,
    ) -> None:
        self.path = model_path
        self.model = model_path.name
        self.n_ctx = context or DEFAULT_CONTEXT
        self.n_threads = threads or os.cpu_count() or 1
        self.repeat_penalty = repeat_penalty
        self.embedded = embedded
        # Timings of the last call from llama.cpp's own counters (for bench / `--verbose`):
        # prefill_tokens, prefill_seconds, generated_tokens, generation_seconds.
        self.last_timings: dict[str, float] = {}

    @classmethod
    def from_settings(cls, settings: Settings, progress: Progress | None = None) -> LlamaCppBackend:
        """Check the extra is installed, then resolve the model (assembling / verifying the embedded
        one, with `progress(done, total)` in bytes). The model itself is loaded on first use."""
        _import_llama_cpp()
        path, embedded = resolve_model(settings.model, settings.resolved_cache_dir(), progress)
        return cls(path, context=settings.context, threads=settings.threads, embedded=embedded)

    def load(self) -> Any:
        """The process-wide `llama_cpp.Llama` for this model (loaded now if needed, ~1–2 s)."""
        return _get_llama(self.path, self.n_ctx, self.n_threads)

    def count_tokens(self, text: str) -> int:
        """Tokens of `text` alone under this model's tokenizer (chat markup adds ~5 per message)."""
        with _lock:
            return len(self.load().tokenize(text.encode("utf-8"), add_bos=False, special=False))

    def _grammar(self, schema: dict[str, Any]) -> tuple[Any, str]:
        key = json.dumps(schema, ensure_ascii=False)  # not sorted: property order is generation order
        if key not in _grammars:
            from llama_cpp.llama_grammar import JSON_GBNF, LlamaGrammar

            try:
                _grammars[key] = (LlamaGrammar.from_json_schema(key, verbose=False), "grammar")
            except Exception:  # a schema the GBNF converter cannot express: any JSON, said honestly
                _grammars[key] = (LlamaGrammar.from_string(JSON_GBNF, verbose=False), "json_object")
            if len(_grammars) > 64:
                del _grammars[next(iter(_grammars))]
        grammar, mode = _grammars[key]
        return grammar, str(mode)

    def complete(
        self,
        messages: Sequence[Message],
        *,
        schema: dict[str, Any] | None = None,
        max_tokens: int = 1024,
        temperature: float = 0.0,
        stop: Sequence[str] = (),
    ) -> Completion:
        with _lock:
            llm = self.load()
            grammar, mode = self._grammar(schema) if schema is not None else (None, "text")
            before = llm.input_ids[: llm.n_tokens].tolist()  # what the KV cache holds now
            self._reset_perf(llm)
            start = time.perf_counter()
            try:
                response = llm.create_chat_completion(
                    messages=[{"role": m["role"], "content": m["content"]} for m in messages],
                    grammar=grammar,
                    max_tokens=max_tokens,
                    temperature=temperature,
                    repeat_penalty=self.repeat_penalty,
                    stop=list(stop) or None,
                    seed=0,
                )
            except ValueError as exc:
                raise self._call_error(exc) from exc
            except RuntimeError as exc:
                raise BackendError(
                    f"本地模型推理失败（{exc}）。请重试；若反复出现，请检查内存是否充足。"
                ) from exc
            seconds = time.perf_counter() - start
            after = llm.input_ids[: llm.n_tokens].tolist()
            self._read_perf(llm)
        choice = response["choices"][0]
        prompt_tokens = int(response["usage"]["prompt_tokens"])
        reused = _common_prefix(before, after[:prompt_tokens])
        return Completion(
            text=choice["message"]["content"] or "",
            usage=Usage(
                prompt_tokens=prompt_tokens,
                completion_tokens=int(response["usage"]["completion_tokens"]),
                # llama.cpp replays the last prompt token when the whole prompt was cached
                cached_tokens=min(reused, max(prompt_tokens - 1, 0)),
            ),
            seconds=seconds,
            model=self.model,
            finish_reason=choice.get("finish_reason"),
            mode=mode,
        )

    def _call_error(self, exc: ValueError) -> BackendError:
        overflow = _OVERFLOW.search(str(exc))
        if overflow:
            need, have = overflow.groups()
            return BackendError(
                f"提示词共 {need} 个词元，超出本地模型的上下文长度 {have}。请缩短输入（按章节分段），"
                "或用 --context 增大上下文（本模型最大 32768）。"
            )
        return BackendError(f"本地模型调用参数无效（{exc}）。")

    def _reset_perf(self, llm: Any) -> None:
        with contextlib.suppress(AttributeError, OSError):
            _import_llama_cpp().llama_perf_context_reset(llm.ctx)

    def _read_perf(self, llm: Any) -> None:
        try:
            perf = _import_llama_cpp().llama_perf_context(llm.ctx)
        except (AttributeError, OSError):
            self.last_timings = {}
            return
        self.last_timings = {
            "prefill_tokens": float(perf.n_p_eval),
            "prefill_seconds": perf.t_p_eval_ms / 1000,
            "generated_tokens": float(perf.n_eval),
            "generation_seconds": perf.t_eval_ms / 1000,
        }

    def describe(self) -> dict[str, str]:
        try:
            from importlib.metadata import version

            runtime = version("llama-cpp-python")
        except Exception:
            runtime = "未安装"
        loaded = _loaded is not None and _loaded[0] == (str(self.path), self.n_ctx, self.n_threads)
        facts = {
            "backend": self.name,
            "model": self.model,
            "path": str(self.path),
            "embedded": "是（内置模型）" if self.embedded else "否（--model 指定）",
            "context": str(self.n_ctx),
            "threads": str(self.n_threads),
            "llama_cpp": runtime,
            "loaded": "是" if loaded else "否",
        }
        if self.embedded:
            facts["sha256"] = EMBEDDED.sha256
        return facts
