"""A string that remembers, for every character, where in the original it came from.

`clean` applies its edits to a `MappedText`; each edit batch is recorded as `Change`s located in the
original, and the final offsets become the `OffsetMap` that later stages use to point at source spans.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from ..core.models import Change, ChangeKind, OffsetMap, Span

__all__ = ["Edit", "MappedText"]


@dataclass(frozen=True, slots=True)
class Edit:
    """Replace current-text range `[start, end)` with `replacement` ("" deletes)."""

    start: int
    end: int
    replacement: str = ""
    note: str = ""


class MappedText:
    __slots__ = ("_changes", "ends", "original", "starts", "text")

    def __init__(self, original: str) -> None:
        self.original = original
        self.text = original
        self.starts = list(range(len(original)))
        self.ends = list(range(1, len(original) + 1))
        self._changes: list[Change] = []

    @property
    def changes(self) -> list[Change]:
        return list(self._changes)

    def offset_map(self) -> OffsetMap:
        return OffsetMap(list(self.starts), list(self.ends), len(self.original))

    def source_span(self, start: int, end: int) -> Span:
        if start == end:
            pos = self.starts[start] if start < len(self.starts) else len(self.original)
            return Span(start=pos, end=pos)
        return Span(start=min(self.starts[start:end]), end=max(self.ends[start:end]))

    def apply(self, edits: Iterable[Edit], kind: ChangeKind, *, record: bool = True) -> int:
        """Apply non-overlapping edits; returns how many were applied.

        A replacement of equal length maps char-to-char (script conversion, punctuation); any other
        replacement maps every new char to the whole replaced range, so spans still cover the source.
        """
        ordered = sorted(edits, key=lambda e: (e.start, e.end))
        if not ordered:
            return 0
        text, starts, ends = self.text, self.starts, self.ends
        out_text: list[str] = []
        out_starts: list[int] = []
        out_ends: list[int] = []
        recorded: list[Change] = []  # kept apart until every edit has been checked
        cursor = 0
        for edit in ordered:
            if edit.start < cursor or edit.end < edit.start or edit.end > len(text):
                raise ValueError(f"overlapping or out-of-range edit {edit}")
            out_text.append(text[cursor : edit.start])
            out_starts.extend(starts[cursor : edit.start])
            out_ends.extend(ends[cursor : edit.start])
            span = self.source_span(edit.start, edit.end)
            new = edit.replacement
            if len(new) == edit.end - edit.start:
                out_starts.extend(starts[edit.start : edit.end])
                out_ends.extend(ends[edit.start : edit.end])
            else:
                out_starts.extend([span.start] * len(new))
                out_ends.extend([span.end] * len(new))
            out_text.append(new)
            if record:
                recorded.append(
                    Change(
                        kind=kind,
                        source=span,
                        before=self._source_text(edit.start, edit.end),
                        after=new,
                        note=edit.note,
                    )
                )
            cursor = edit.end
        out_text.append(text[cursor:])
        out_starts.extend(starts[cursor:])
        out_ends.extend(ends[cursor:])
        self._changes.extend(recorded)
        self.text = "".join(out_text)
        self.starts, self.ends = out_starts, out_ends
        return len(ordered)

    def _source_text(self, start: int, end: int) -> str:
        """The original characters behind current `[start, end)`, without text removed earlier."""
        pieces: list[str] = []
        last: tuple[int, int] | None = None
        for i in range(start, end):
            rng = (self.starts[i], self.ends[i])
            if rng != last:
                pieces.append(self.original[rng[0] : rng[1]])
                last = rng
        return "".join(pieces)

    def note(self, kind: ChangeKind, start: int, end: int, note: str) -> None:
        """Record a finding at current-text `[start, end)` without changing the text."""
        span = self.source_span(start, end)
        text = self._source_text(start, end)
        self._changes.append(Change(kind=kind, source=span, before=text, after=text, note=note))
