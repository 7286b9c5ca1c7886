"""The deterministic half of the pipeline: load -> clean -> segment -> quantities -> `Document`.

This is where cleaned-text spans become spans in the original, so stages stay independent of
each other and of the offset map.
"""

from __future__ import annotations

import os
from typing import BinaryIO

from ..core.config import Settings
from ..core.models import Document, LoadedText, OffsetMap, Quantity, Section
from .clean import clean
from .load import load
from .quantities import find_quantities
from .segment import segment
from .tables import read_tables

__all__ = ["analyze_file", "analyze_text"]


def analyze_file(
    path: str | os.PathLike[str], settings: Settings | None = None, *, stdin: BinaryIO | None = None
) -> Document:
    settings = settings or Settings()
    return analyze_text(load(path, max_chars=settings.max_input_chars, stdin=stdin))


def analyze_text(loaded: LoadedText) -> Document:
    cleaned = clean(loaded.text, hard_wrapped=loaded.format == "pdf")
    outline = _locate_section(segment(cleaned.text), cleaned.offsets)
    found = read_tables(cleaned.text, find_quantities(cleaned.text))
    quantities = [_locate_quantity(q, cleaned.offsets) for q in found]
    return Document(
        source=loaded.source,
        format=loaded.format,
        encoding=loaded.encoding,
        original=loaded.text,
        cleaned=cleaned.text,
        script=cleaned.script,
        offsets=cleaned.offsets,
        changes=cleaned.changes,
        outline=outline,
        quantities=quantities,
        warnings=_load_warnings(loaded) + cleaned.warnings,
    )


def _load_warnings(loaded: LoadedText) -> list[str]:
    # load tolerates a handful of undecodable bytes (a file cut mid-character); a figure could sit
    # right there, so the user must hear about it.
    bad = loaded.text.count("\ufffd")
    if not bad:
        return list(loaded.notes)
    return [*loaded.notes, f"原文有 {bad} 处字节无法解码，已显示为 �；附近的数字请对照原文核实。"]


def _locate_quantity(quantity: Quantity, offsets: OffsetMap) -> Quantity:
    source = offsets.to_original(quantity.span.start, quantity.span.end)
    return quantity.model_copy(update={"source": source})


def _locate_section(node: Section, offsets: OffsetMap) -> Section:
    return node.model_copy(
        update={
            "source": offsets.to_original(node.span.start, node.span.end),
            "children": [_locate_section(child, offsets) for child in node.children],
        }
    )
