"""Cut a document into section-sized pieces for the model, each read once.

Pieces follow the section tree: a heading whose text fits the budget is one piece; a larger one is
split along its children, and a paragraph that alone exceeds the budget along its sentences. Small
neighbours under the same parent are packed together so a short report costs one or two calls.
Pieces never overlap and together cover every character of the cleaned text, so the total prompt is
about one document plus one (cached) instruction prefix per call.
"""

from __future__ import annotations

from dataclasses import dataclass

from ..core.models import Section

__all__ = ["Chunk", "plan_chunks"]


@dataclass(frozen=True, slots=True)
class Chunk:
    start: int  # cleaned-text offsets
    end: int
    section: str  # heading path, e.g. "一、主要工作 > （一）抓项目建设"


def _label(node: Section) -> str:
    return f"{node.marker or ''}{node.title or ''}"


def _units(node: Section, path: str, budget: int) -> list[Chunk]:
    """Pieces for `node`, each at most `budget` chars unless a single sentence is longer."""
    if node.span.end - node.span.start <= budget or not node.children:
        return [Chunk(node.span.start, node.span.end, path)]
    pieces: list[Chunk] = []
    cursor = node.span.start
    for child in node.children:
        child_path = (
            f"{path} > {_label(child)}" if child.kind == "heading" and path else _label(child) or path
        )
        if child.kind != "heading":
            child_path = path
        if child.span.start > cursor:  # heading line itself, or text between children
            pieces.append(Chunk(cursor, child.span.start, path))
        pieces.extend(_units(child, child_path, budget))
        cursor = child.span.end
    if cursor < node.span.end:
        pieces.append(Chunk(cursor, node.span.end, path))
    return pieces


def _pack(pieces: list[Chunk], budget: int) -> list[Chunk]:
    """Join neighbours while the result fits; the joined piece keeps the first piece's section path
    unless all share one, so the model sees where the text starts."""
    packed: list[Chunk] = []
    for piece in pieces:
        if packed and piece.end - packed[-1].start <= budget and packed[-1].end == piece.start:
            last = packed[-1]
            section = (
                last.section
                if last.section == piece.section or not piece.section
                else last.section or piece.section
            )
            packed[-1] = Chunk(last.start, piece.end, section)
        else:
            packed.append(piece)
    return packed


def plan_chunks(outline: Section, text: str, budget: int) -> list[Chunk]:
    pieces = _units(outline, "", budget)
    # whitespace-only gaps (blank lines) carry nothing; drop them before packing
    pieces = [p for p in pieces if text[p.start : p.end].strip()]
    # fill gaps so coverage is exact: each piece extends to the next one's start
    filled = [
        Chunk(p.start, pieces[i + 1].start if i + 1 < len(pieces) else len(text), p.section)
        for i, p in enumerate(pieces)
    ]
    if filled and filled[0].start > 0:
        first = filled[0]
        filled[0] = Chunk(0, first.end, first.section)
    return _pack(filled, budget)
