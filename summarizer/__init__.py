"""summarizer: structured summaries, briefings and plan drafts from Chinese work reports.

The public API; everything else is internal and may change. The pipeline entry points are imported
lazily so that `import summarizer.<stage>` stays cheap and independent.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from .core.config import Settings, load_settings
from .core.errors import InputError, SummarizerError, UsageError
from .core.models import Change, ChangeKind, Document, Quantity, QuantityKind, Section, Span

if TYPE_CHECKING:
    from .text.analyze import analyze_file, analyze_text

__version__ = "0.1.0"

__all__ = [
    "Change",
    "ChangeKind",
    "Document",
    "InputError",
    "Quantity",
    "QuantityKind",
    "Section",
    "Settings",
    "Span",
    "SummarizerError",
    "UsageError",
    "__version__",
    "analyze_file",
    "analyze_text",
    "load_settings",
]


def __getattr__(name: str) -> Any:
    if name in {"analyze_file", "analyze_text"}:
        from .text import analyze

        return getattr(analyze, name)
    raise AttributeError(f"module 'summarizer' has no attribute {name!r}")
