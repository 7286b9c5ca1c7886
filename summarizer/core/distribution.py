"""The installed distribution: its name on PyPI and its version.

The command and the import package are ``summarizer``, but the distribution is ``gongwen-summarizer``:
``summarizer`` on PyPI is an unrelated project, so ``pip install summarizer`` would install that.
pyproject.toml is the one source of the version; an installed copy reads it from its metadata, a
source tree that was never installed from pyproject.toml itself.
"""

from __future__ import annotations

import tomllib
from importlib import metadata
from pathlib import Path

__all__ = ["DIST_NAME", "LOCAL_EXTRA", "installed_version"]

DIST_NAME = "gongwen-summarizer"
LOCAL_EXTRA = (
    f"{DIST_NAME}[local]"  # double quotes in messages: cmd.exe keeps single quotes as part of the name
)


def installed_version() -> str:
    try:
        return metadata.version(DIST_NAME)
    except metadata.PackageNotFoundError:
        pass
    pyproject = Path(__file__).resolve().parents[2] / "pyproject.toml"  # summarizer/core/ -> the tree
    try:
        with pyproject.open("rb") as handle:
            return str(tomllib.load(handle)["project"]["version"])
    except (OSError, tomllib.TOMLDecodeError, KeyError):
        return "0+unknown"
