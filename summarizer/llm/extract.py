"""Structured extraction: section pieces -> prompt -> backend -> parse -> validate (re-ask) -> Summary.

The model sees each piece of the cleaned text once, after a fixed instruction prefix that the
embedded backend keeps cached, plus the figures the deterministic parser found there. What it returns
is validated by pydantic; on failure it is asked again with the error, a bounded number of times, and
every attempt's tokens are counted. Values it reports are matched back to the parser's figures by
exact text, never by similarity, so units and normalised values come from the parser.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

from ..backends.base import Backend, Message, Usage
from ..core.models import Document
from ..core.summary import MEASURE_THEMES, PROJECT_STATUSES, DocumentMeta, SectionExtraction, Summary
from ..text.docmeta import guess_meta
from . import merge, prompts
from .ask import Asker
from .cache import CallCache
from .chunks import Chunk, plan_chunks

__all__ = ["ExtractOptions", "Extractor", "Progress"]

Progress = Callable[[str, int, int, Usage], None]  # stage, done, total, usage so far


@dataclass(frozen=True, slots=True)
class ExtractOptions:
    chunk_chars: int = 900  # ~500 Qwen tokens: a small model misses figures in longer pieces
    head_chars: int = 400  # what the meta call reads: title and opening
    max_attempts: int = 3  # first try + two re-asks
    max_tokens: int = 900
    temperature: float = 0.0
    # How the parser's figures are pointed out: "subject" lists them with their indicator after the
    # text, "values" lists them bare, "inline" brackets them in the text itself, "none" does not.
    hints: str = "inline"  # 1.38x prefill and 18 indicators vs 1.87x and 19 for "subject" (hints.md)


class Extractor:
    def __init__(
        self,
        backend: Backend,
        cache: CallCache | None = None,
        options: ExtractOptions | None = None,
        progress: Progress | None = None,
    ) -> None:
        self.backend = backend
        self.options = options or ExtractOptions()
        self.progress = progress
        self.asker = Asker(
            backend,
            cache,
            max_attempts=self.options.max_attempts,
            max_tokens=self.options.max_tokens,
            temperature=self.options.temperature,
        )

    def extract(self, doc: Document) -> Summary:
        self.asker.reset()
        usage = self.asker.usage
        chunks = plan_chunks(doc.outline, doc.cleaned, self.options.chunk_chars)
        total = len(chunks) + 1
        guess = guess_meta(doc)
        if guess.complete:  # the title line says it all: no model call, no re-read of the opening
            meta = DocumentMeta.model_validate(dict(guess))
        else:
            # Meta first: its prompt is the document's opening, which the first section prompt then
            # shares as a prefix, so the embedded model reads the opening once for both. What the
            # title line did say overrides the model's reading of it.
            self._report("识别文件信息", 0, total)
            meta = self._meta(doc, chunks[0] if chunks else None).model_copy(update=dict(guess))
        parts: list[tuple[Chunk, SectionExtraction]] = []
        for index, chunk in enumerate(chunks, start=1):
            self._report("抽取章节", index, total)
            parts.append((chunk, self._section(doc, chunk)))
        self._report("完成", total, total)
        summary = merge.build_summary(doc, meta, parts)
        usage = self.asker.usage
        return summary.model_copy(
            update={
                "usage": {
                    "prompt_tokens": usage.prompt_tokens,
                    "completion_tokens": usage.completion_tokens,
                    **({"cached_tokens": usage.cached_tokens} if usage.cached_tokens is not None else {}),
                },
                "calls": self.asker.calls,
                "backend": self.backend.name,
                "model": self.backend.model,
                "prompt_id": prompts.prompt_id(*prompts.SECTION, *prompts.META, "reask.j2"),
            }
        )

    def _report(self, stage: str, done: int, total: int) -> None:
        if self.progress is not None:
            self.progress(stage, done, total, self.asker.usage)

    def _section(self, doc: Document, chunk: Chunk) -> SectionExtraction:
        messages = self._section_messages(doc, chunk)
        answer = self.asker.ask(messages, SectionExtraction, f"{doc.source} {chunk.section or '正文'}")
        return unmark(answer) if self.options.hints == "inline" else answer

    def _section_messages(self, doc: Document, chunk: Chunk) -> list[Message]:
        # Without any pointer to the parser's figures the 1.5B model reported about half as many
        # indicators; how the pointer is given trades tokens for recall (bench/results/hints.md).
        inside = [q for q in doc.figures if chunk.start <= q.span.start and q.span.end <= chunk.end]
        text = self._piece(doc, chunk.start, chunk.end)
        hints = self.options.hints
        figures: list[str] = []
        if hints == "subject":
            figures = [f"{q.text}（{q.subject}）" if q.subject else q.text for q in inside]
        elif hints == "values":
            figures = [q.text for q in inside]
        return prompts.render(
            prompts.SECTION,
            {"statuses": "、".join(PROJECT_STATUSES), "themes": "、".join(MEASURE_THEMES)},
            {
                # a piece that opens with its own heading needs no 【章节】 line repeating it
                "section": "" if _opens_with_heading(text, chunk.section) else chunk.section or "（正文）",
                "figures": figures,
                "text": text,
                "inline": hints == "inline",
            },
        )

    def _piece(self, doc: Document, start: int, end: int) -> str:
        """The cleaned text between start and end as the model sees it: with the figures bracketed
        when hints are inline. The metadata prompt and the first section read the same opening
        through here, so their prompts share a prefix the embedded model reuses."""
        text = doc.cleaned[start:end]
        if self.options.hints != "inline":
            return text
        spans = [(q.span.start - start, q.span.end - start) for q in doc.figures if start <= q.span.start]
        return mark_figures(text, [(a, b) for a, b in spans if b <= end - start])

    def _head_end(self, doc: Document) -> int:
        # Never cut a figure in half: a half figure is not bracketed, and the shared prefix would end there.
        end = min(self.options.head_chars, len(doc.cleaned))
        for q in doc.figures:
            if q.span.start < end < q.span.end:
                end = q.span.start
        return end

    def _meta(self, doc: Document, first: Chunk | None) -> DocumentMeta:
        return self.asker.ask(self._meta_messages(doc), DocumentMeta, f"{doc.source} 文件信息")

    def _meta_messages(self, doc: Document) -> list[Message]:
        headings = [
            f"{n.marker}{n.title}" for n in doc.outline.walk() if n.kind == "heading" and n.level == 1
        ]
        return prompts.render(
            prompts.META,
            {"statuses": "、".join(PROJECT_STATUSES), "themes": "、".join(MEASURE_THEMES)},
            {
                "outline": "；".join(headings) or "（无标题层级）",
                "text": self._piece(doc, 0, self._head_end(doc)),
            },
        )

    def first_calls(self, doc: Document) -> list[tuple[list[Message], dict[str, Any], dict[str, Any]]]:
        """(messages, schema, params) of every first attempt `extract(doc)` will make, in order, for
        callers that answer them ahead of time (the OpenAI Batch API); re-asks depend on answers."""
        params = self.asker.params
        calls: list[tuple[list[Message], dict[str, Any], dict[str, Any]]] = []
        if not guess_meta(doc).complete:
            calls.append((self._meta_messages(doc), DocumentMeta.model_json_schema(), params))
        for chunk in plan_chunks(doc.outline, doc.cleaned, self.options.chunk_chars):
            calls.append((self._section_messages(doc, chunk), SectionExtraction.model_json_schema(), params))
        return calls


def _opens_with_heading(text: str, section: str) -> bool:
    last = section.rsplit(" > ", 1)[-1]
    return bool(last) and text.lstrip().startswith(last)


OPEN_MARK, CLOSE_MARK = "〖", "〗"  # rare in reports; stripped from whatever the model copies


def mark_figures(text: str, spans: Sequence[tuple[int, int]]) -> str:
    """Bracket each figure in place: two tokens a figure instead of a list that repeats them."""
    # The source's own brackets, if any, become look-alikes of the same length: offsets stay valid.
    text = text.replace(OPEN_MARK, "〔").replace(CLOSE_MARK, "〕")
    out, last = [], 0
    for start, end in sorted(spans):
        out += [text[last:start], OPEN_MARK, text[start:end], CLOSE_MARK]
        last = end
    return "".join([*out, text[last:]])


def unmark(answer: SectionExtraction) -> SectionExtraction:
    raw = answer.model_dump_json().replace(OPEN_MARK, "").replace(CLOSE_MARK, "")
    return SectionExtraction.model_validate_json(raw)
