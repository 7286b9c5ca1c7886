"""The one output gate: every file written about a report passes `gate()` first.

Whatever the format (Markdown, HTML, .docx, JSON, a chart's drawn texts), the gate reads what a reader
would see, one line per paragraph or table row, and asks grounding's `check_rendered` whether every
figure in it is a verified figure of the summaries or stands on a line with a visible mark. A failure
is a bug in a template or in prose generation: `RenderGateError`, and nothing is written.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable, Iterator, Sequence

from ..core.errors import RenderGateError
from ..core.summary import GroundingStatus, Summary
from ..grounding.ground import UNVERIFIED_MARK, check_rendered
from ..text.numerals import chinese_numeral

__all__ = ["ToolCounts", "context_lines", "field_mark", "gate", "mark", "visible_text"]

# A numeral run an exempt phrase must not be cut out of: exempting 三项 never blanks 三十三项.
_NUMERAL = "0-9０-９.零〇一二两三四五六七八九十百千万亿点"
_NUMERAL_BEFORE, _NUMERAL_AFTER = f"(?<![{_NUMERAL}])", f"(?![{_NUMERAL}])"


class ToolCounts:
    """Counts the tool makes about the summaries themselves (做法三项 left out, 对比两份报告), never
    about the zone. Written in Chinese numerals as 公文 writes small counts; each phrase written is
    remembered, and the gate exempts exactly those phrases and nothing else."""

    def __init__(self) -> None:
        self.written: list[str] = []

    def __call__(self, n: int, noun: str = "") -> str:
        text = f"{'两' if n == 2 else chinese_numeral(n)}{noun}"  # 两项, as a count is said
        self.written.append(text)
        return text


def mark(status: GroundingStatus | None) -> str:
    """The inline mark an item carries in any deliverable: nothing when verified, else 【待核】."""
    return "" if status is GroundingStatus.VERIFIED else UNVERIFIED_MARK


def field_mark(summary: Summary, collection: str, entry: object, field: str) -> str:
    """The mark for one field of one item (an indicator's value or its 同比 cell): it sits on the cell
    that failed and never on a neighbour. An unverified item without findings of that field (never
    grounded) keeps its mark on every field."""
    status = getattr(entry, "grounding_status", None)
    if status is GroundingStatus.VERIFIED:
        return ""
    index = next((n for n, other in enumerate(getattr(summary, collection)) if other is entry), None)
    findings = [
        f
        for f in (summary.grounding.findings if summary.grounding else [])
        if f.item == f"{collection}[{index}]"
    ]
    if not findings:
        return UNVERIFIED_MARK
    mine = [f for f in findings if f.field == field]
    return "" if all(f.status is GroundingStatus.VERIFIED for f in mine) else UNVERIFIED_MARK


def context_lines(value: object) -> Iterator[str]:
    """A JSON output as the gate reads it: one line per record (its strings side by side, so a row's
    mark stands on the row's line, as in the rendered formats); file names and spans are data."""
    if isinstance(value, str):
        yield value
    elif isinstance(value, dict):
        fields = {k: v for k, v in value.items() if k not in ("source", "item", "spans")}
        yield " ".join(v for v in fields.values() if isinstance(v, str))
        for v in fields.values():
            if not isinstance(v, str):
                yield from context_lines(v)
    elif isinstance(value, list | tuple):
        for v in value:
            yield from context_lines(v)


def visible_text(content: str | bytes, fmt: str) -> str:
    """What a reader sees of an output: HTML without tags, styles and drawn charts (their texts are
    gated apart), one line per table row; a .docx's paragraphs and rows; a JSON output's records."""
    if fmt == "docx":
        from .docx_writer import docx_text

        return docx_text(bytes(content) if isinstance(content, bytes | bytearray) else content.encode())
    text = content.decode("utf-8") if isinstance(content, bytes) else content
    if fmt == "json":
        return "\n".join(context_lines(json.loads(text)))
    if fmt == "md":  # a Markdown escape is not seen (\* shows *, 1\. shows 1.): the character it escapes is
        return re.sub(r"\\([!-/:-@\[-`{-~])", r"\1", text)
    if fmt != "html":
        return text
    body = re.sub(r"<head>.*?</head>", "", text, flags=re.DOTALL)  # styles are not content
    body = re.sub(r"<svg.*?</svg>", "", body, flags=re.DOTALL)
    body = re.sub(r"</t[dh]>", "\t", body)  # cells apart, as a reader sees them (and as .docx rows read)
    return re.sub(r"<[^>]+>", "", re.sub(r"</tr>|<br\s*/?>|</p>|</li>", "\n", body))


def gate(
    content: str | bytes,
    fmt: str,
    summaries: Summary | Sequence[Summary],
    *,
    what: str,
    extra_texts: Iterable[str] = (),
    exempt: Iterable[str] = (),
    tool_counts: Iterable[str] = (),
) -> str | bytes:
    """Return `content` unchanged when it passes; raise `RenderGateError` naming `what` otherwise.

    `extra_texts`: texts drawn inside images (chart labels, alt text). `exempt`: strings that are
    data, not claims (input file names in a digest), blanked before the check. `tool_counts`:
    `ToolCounts.written`, blanked only where they stand as whole numbers (三项 never inside 三十三项)."""
    text = "\n".join([visible_text(content, fmt), *extra_texts])
    for name in sorted(set(exempt), key=len, reverse=True):
        text = text.replace(name, " ") if name else text
    if counts := sorted(set(tool_counts), key=lambda c: (-len(c), c)):  # one pass: order never matters
        text = re.sub(_NUMERAL_BEFORE + f"(?:{'|'.join(map(re.escape, counts))})" + _NUMERAL_AFTER, " ", text)
    violations = check_rendered(text, summaries)
    if violations:
        raise RenderGateError(
            f"{what}中有未经核对又未标注的数字：{'、'.join(violations[:5])}。"
            "这是模板或程序的错误，已停止输出，请报告此问题。"
        )
    return content
