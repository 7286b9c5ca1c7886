"""summarizer: structured summaries, briefing memos and plan drafts from Chinese work reports.

The public API; everything else is internal and may change. A report becomes a grounded `Summary`
with `summarize`; a summary becomes a deliverable with `render_brief_output`, `render_plan_output`
or `render_digest` (each gated: no figure in it that is neither verified nor marked). Nothing here
writes files. The pipeline entry points are imported lazily, so `import summarizer` stays cheap.

    >>> from summarizer import load_settings, summarize, render_brief_output
    >>> summary = summarize("report.docx", load_settings())          # doctest: +SKIP
    >>> docx_bytes = render_brief_output(summary, "docx")            # doctest: +SKIP
"""

from __future__ import annotations

from importlib import import_module
from typing import TYPE_CHECKING, Any

from .core.config import Settings, load_settings
from .core.distribution import installed_version
from .core.errors import InputError, RenderGateError, SummarizerError, UsageError
from .core.models import Change, ChangeKind, Document, Quantity, QuantityKind, Section, Span
from .core.summary import Summary

if TYPE_CHECKING:
    from .backends.factory import make_backend
    from .jobs.document import summarize
    from .outputs.brief import BriefHeader, render_brief_output
    from .outputs.digest import render_digest
    from .outputs.plan import render_plan_output
    from .text.analyze import analyze_file, analyze_text

__version__ = installed_version()  # pyproject.toml is the one source (core/distribution.py)

__all__ = [
    "BriefHeader",
    "Change",
    "ChangeKind",
    "Document",
    "InputError",
    "Quantity",
    "QuantityKind",
    "RenderGateError",
    "Section",
    "Settings",
    "Span",
    "SummarizerError",
    "Summary",
    "UsageError",
    "__version__",
    "analyze_file",
    "analyze_text",
    "load_settings",
    "make_backend",
    "render_brief_output",
    "render_digest",
    "render_plan_output",
    "summarize",
]

_LAZY = {
    "analyze_file": "summarizer.text.analyze",
    "analyze_text": "summarizer.text.analyze",
    "make_backend": "summarizer.backends.factory",
    "summarize": "summarizer.jobs.document",
    "BriefHeader": "summarizer.outputs.brief",
    "render_brief_output": "summarizer.outputs.brief",
    "render_plan_output": "summarizer.outputs.plan",
    "render_digest": "summarizer.outputs.digest",
}


def __getattr__(name: str) -> Any:
    if name in _LAZY:
        return getattr(import_module(_LAZY[name]), name)
    raise AttributeError(f"module 'summarizer' has no attribute {name!r}")
