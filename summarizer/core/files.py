"""Atomic file writes: every file the tool writes appears whole or not at all.

This is the one boundary where the tool writes a file, so it is also where an operating-system
refusal (no permission, a read-only disk, a full disk, a file another program holds open) becomes a
Chinese message naming the file; the temp file is removed and an existing target stays as it was.
"""

from __future__ import annotations

import errno
import os
import tempfile
from functools import cache
from pathlib import Path

from .errors import OutputWriteError

__all__ = ["probe_writable", "write_atomic"]

_REMEDY = "请换一个输出目录（-o）后重试。"
_HELD_OPEN = (5, 32, 33)  # ERROR_ACCESS_DENIED, ERROR_SHARING_VIOLATION, ERROR_LOCK_VIOLATION
_PROBLEMS = {
    errno.EACCES: ("没有写入权限", "请换一个有写入权限的输出目录（-o），或检查该文件夹的权限。"),
    errno.EPERM: ("没有写入权限", "请换一个有写入权限的输出目录（-o），或检查该文件夹的权限。"),
    errno.EROFS: ("所在的磁盘或文件夹是只读的", _REMEDY),
    errno.ENOSPC: ("磁盘空间不足", "请清理磁盘空间，或换一个输出目录（-o）后重试。"),
    errno.EDQUOT: ("超出了磁盘配额", "请清理磁盘空间，或换一个输出目录（-o）后重试。"),
    errno.ENOENT: ("这个位置不能新建文件", _REMEDY),
    errno.ENOTDIR: ("输出位置不是文件夹", "请用 -o 指定一个文件夹。"),
    errno.EEXIST: ("输出位置不是文件夹", "请用 -o 指定一个文件夹。"),
}


def write_error(path: Path, exc: OSError, *, replacing: bool = False) -> OutputWriteError:
    """The Chinese message for an OSError met while writing `path`."""
    if replacing and getattr(exc, "winerror", None) in _HELD_OPEN:
        # Windows refuses to replace a file Word or WPS holds open (a sharing or lock violation, or
        # access denied); the data is already in the temp file, so the target is what is in the way.
        return OutputWriteError(
            str(path), "无法覆盖，文件可能正在 WPS/Word 中打开，请关闭后重试", "原文件未改动。"
        )
    problem, remedy = _PROBLEMS.get(exc.errno or 0, (f"系统拒绝写入（{exc.strerror or exc}）", _REMEDY))
    return OutputWriteError(str(path), f"无法写入，{problem}", remedy)


def write_atomic(path: Path, content: str | bytes, *, replace: bool = True) -> None:
    """Temp file in the same directory + fsync + rename: readers never see half a file, and a failed
    write leaves neither a partial file nor a changed target. `replace=False`: the target must not
    exist when the file lands — a hard link that fails if another process made it meanwhile (two runs
    into one folder), raising FileExistsError; nothing is replaced."""
    data = content.encode("utf-8") if isinstance(content, str) else content
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    except OSError as exc:
        raise write_error(path, exc) from exc
    replacing = False
    try:
        with os.fdopen(fd, "wb") as handle:
            if hasattr(os, "fchmod"):  # a temp file is 0600; the output gets what the user's umask gives
                os.fchmod(handle.fileno(), 0o666 & ~_umask())
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())  # a full disk may only say so here
        replacing = True
        if replace:
            os.replace(tmp, path)
        else:
            _land_new(tmp, path)
    except BaseException as exc:
        Path(tmp).unlink(missing_ok=True)
        if isinstance(exc, FileExistsError) and not replace:
            raise  # another run made it between the check and the write: the caller says so
        if isinstance(exc, OSError):
            raise write_error(path, exc, replacing=replacing) from exc
        raise


def _land_new(tmp: str, path: Path) -> None:
    """Put the finished temp file at `path` only if nothing is there: a hard link is atomic and fails
    on an existing name; where links are not supported, an exclusive create claims the name first."""
    try:
        os.link(tmp, path)
    except FileExistsError:
        raise
    except OSError:  # no hard links on this file system (FAT, some network shares)
        os.close(os.open(path, os.O_CREAT | os.O_EXCL | os.O_WRONLY))
        os.replace(tmp, path)
        return
    Path(tmp).unlink(missing_ok=True)


@cache
def _umask() -> int:
    """The process's umask (read by setting it and setting it back, once, before any thread writes)."""
    mask = os.umask(0o022)
    os.umask(mask)
    return mask


def probe_writable(folder: Path) -> None:
    """Create and remove one empty temp file in `folder`: a refusal found before any model work."""
    try:
        fd, tmp = tempfile.mkstemp(dir=folder, prefix=".summarizer-", suffix=".tmp")
    except OSError as exc:
        raise write_error(folder, exc) from exc
    os.close(fd)
    Path(tmp).unlink(missing_ok=True)
