"""Where outputs may go: inside the chosen directory, never onto an input, never over a file the user
did not ask to replace. Every write goes through here and is atomic (temp file + rename).

Names come from input file stems and fixed suffixes; a name with a directory part, or a target that
is a symlink or resolves outside the output directory, is refused. An existing file is replaced only
with `--force`, or when this run (or the batch manifest) made it. Two inputs whose outputs would share
a name are refused (`refuse_shared_outputs`), and an output directory that is not a folder or cannot
be written is refused at the first check, before any model work.
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

from ..core.errors import UsageError
from ..core.files import probe_writable, write_atomic

__all__ = ["OutputExists", "OutputGuard", "refuse_shared_outputs"]


class OutputExists(UsageError):
    """A target already exists and the user did not pass --force."""


class OutputGuard:
    def __init__(self, out_dir: Path, inputs: Iterable[str | Path] = (), *, force: bool = False) -> None:
        self.out_dir = out_dir
        self.force = force
        self.inputs = {Path(p).resolve() for p in inputs if str(p) != "-"}
        self.owned: set[Path] = set()  # written by this run, or recorded as ours by a batch manifest
        self.kept: set[Path] = set()  # a batch's outputs the user changed since: never replaced
        self._probed = False

    def own(self, names: Iterable[str]) -> None:
        """Outputs an earlier run of the same batch wrote: replacing them needs no --force."""
        self.owned |= {(self.out_dir / name).resolve() for name in names}

    def keep(self, names: Iterable[str]) -> None:
        """Outputs a batch wrote and the user changed since: theirs now, replaced only with --force."""
        self.kept |= {(self.out_dir / name).resolve() for name in names}

    def is_kept(self, name: str) -> bool:
        return not self.force and (self.out_dir / name).resolve() in self.kept

    def target(self, name: str) -> Path:
        """The path `name` would be written to, or a Chinese error saying why it may not be."""
        if not name or name in (".", "..") or Path(name).name != name:
            raise UsageError(f"输出文件名不能包含目录：{name}。输出位置请用 -o 指定。")
        self.probe()
        path = self.out_dir / name
        if path.is_symlink():
            raise UsageError(f"{path} 是符号链接，不会写入。请删除它或换一个输出目录（-o）。")
        resolved = path.resolve()
        if resolved.parent != self.out_dir.resolve():
            raise UsageError(f"{path} 不在输出目录 {self.out_dir} 中，不会写入。")
        if resolved in self.inputs:
            raise UsageError(f"输出文件 {path} 就是输入文件，不会覆盖它。请换一个输出目录（-o）。")
        if resolved in self.kept and not self.force:
            raise OutputExists(f"{path} 在上次生成后被修改过，已保留，未覆盖。如需重新生成，请加 --force。")
        if path.exists() and not self.force and resolved not in self.owned:
            raise OutputExists(f"输出文件已存在：{path}。要覆盖请加 --force，或换一个输出目录（-o）。")
        return path

    def probe(self) -> None:
        """The output directory (or the folder it will be made in) must be a folder this process can
        write to: /dev/null, /proc/self or a read-only disk are refused before any work, not after."""
        if self._probed:
            return
        folder = self.out_dir
        while not folder.exists() and folder.parent != folder:
            folder = folder.parent
        if not folder.is_dir():
            raise UsageError(f"输出目录 {self.out_dir} 不是文件夹，无法在其中写入。请用 -o 指定一个文件夹。")
        probe_writable(folder)
        self._probed = True

    def check(self, names: Iterable[str]) -> None:
        """Every target before any work: a refusal costs nothing, not a model run."""
        for name in names:
            self.target(name)

    def write(self, name: str, content: str | bytes) -> Path:
        path = self.target(name)
        # a file that was not there when checked must still not be there when it lands: another run
        # into the same folder (two reports named alike, at once) may have made it meanwhile
        replace = self.force or path.resolve() in self.owned
        try:
            write_atomic(path, content, replace=replace)
        except FileExistsError as exc:
            raise OutputExists(
                f"输出文件已存在：{path}（另一次运行刚刚写出了它）。"
                "要覆盖请加 --force，或换一个输出目录（-o）。"
            ) from exc
        self.owned.add(path.resolve())
        return path


def refuse_shared_outputs(outputs: Iterable[tuple[str, str]]) -> None:
    """(input, output name) pairs: two different inputs with one output name (a/r.txt and b/r.txt both
    make r.summary.json) would silently overwrite each other, so the run is refused before any work.
    Renaming instead (r-2.summary.json) would tie names to argument order and break the pairing of a
    report with its summary, brief and plan by stem, which batch manifests and users rely on."""
    first: dict[str, tuple[str, Path]] = {}
    for source, name in outputs:
        where = Path(source).resolve() if source != "-" else Path(source)
        other, other_where = first.setdefault(name, (source, where))
        if other_where != where:
            raise UsageError(
                f"{other} 和 {source} 重名，输出文件 {name} 会相互覆盖。"
                "请给其中一份改名，或分两次运行并用 -o 指定不同的输出目录。"
            )
