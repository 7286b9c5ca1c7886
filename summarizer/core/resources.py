"""Where the shipped prompts/ and templates/ live.

In a wheel they are mapped into the package (pyproject `force-include`); in a source checkout or an
editable install they are the top-level folders next to the package.
"""

from __future__ import annotations

from importlib import resources
from pathlib import Path

__all__ = ["resource_dir"]


def resource_dir(name: str) -> Path:
    packaged = Path(str(resources.files("summarizer"))) / name
    if packaged.is_dir():
        return packaged
    checkout = Path(__file__).resolve().parents[2] / name  # summarizer/core/ -> the checkout
    if checkout.is_dir():
        return checkout
    raise FileNotFoundError(f"resource folder {name!r} is missing from this installation")
