"""Structure-first extraction: skeleton (no model) -> the model names it by id -> Summary.

The skeleton (`summarizer.skeleton`) decides what the summary contains: every figure with its role,
every list item, every project clause. The model is asked, unit by unit, only for what the rules
cannot decide — a name for a figure whose subject is not in the vocabulary, one line for a long
item, a project's name, company and status — in a compact object keyed by id. Each answer is checked
on its own (`naming.check_answer`); what fails keeps its skeleton form and is counted. A unit whose
call fails entirely (backend error, unparseable after the re-asks) keeps the skeleton for all its
ids, with a warning. So a readable report always gives a complete summary; `strict` restores the old
behaviour of failing when anything had to fall back.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from ..backends.base import Backend, Message, Usage
from ..core.errors import EndpointFailed, ExtractionFailed
from ..core.models import Document
from ..core.summary import MEASURE_THEMES, PROJECT_STATUSES, Summary
from ..skeleton.build import build_skeleton
from ..skeleton.types import Skeleton, Unit
from . import prompts
from .ask import Asker
from .assemble import assemble
from .cache import CallCache
from .naming import Ask, Naming, answer_schema, asks_for, check_answer

__all__ = ["ExtractOptions", "Extractor", "Progress"]

_log = logging.getLogger(__name__)
Progress = Callable[[str, int, int, Usage], None]  # stage, done, total, usage so far


@dataclass(frozen=True, slots=True)
class ExtractOptions:
    # Ids per model call. 8 keeps the embedded model's answer short (its output, not the prompt,
    # decides wall time); an endpoint model can take a whole section (bench/results/extract.md).
    unit_items: int = 8
    max_attempts: int = 2  # a re-ask only when the answer is not a JSON object at all
    max_tokens: int = 400
    temperature: float = 0.0
    strict: bool = False  # fail instead of keeping skeleton forms


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
        self.warnings: list[str] = []
        self._last_raw = ""  # the last unusable answer, for `strict`'s raw output
        self._down = False  # the endpoint failed after its retries: no more calls for this document

    def units(self, skeleton: Skeleton) -> list[tuple[Unit, list[Ask]]]:
        """The model calls `extract` will make: each unit cut to at most `unit_items` asks."""
        calls: list[tuple[Unit, list[Ask]]] = []
        size = max(1, self.options.unit_items)
        for unit in skeleton.units:
            asks = asks_for(skeleton, unit)
            for start in range(0, len(asks), size):
                calls.append((unit, asks[start : start + size]))
        return calls

    def _messages(self, unit: Unit, asks: list[Ask]) -> list[Message]:
        return prompts.render(
            prompts.NAME,
            {"statuses": "、".join(PROJECT_STATUSES), "themes": "、".join(MEASURE_THEMES)},
            {"section": unit.section, "asks": [{"id": a.id, "source": a.source} for a in asks]},
        )

    def first_calls(self, doc: Document) -> list[tuple[list[Message], dict[str, Any], dict[str, Any]]]:
        """(messages, schema, params) of every first attempt `extract(doc)` will make, in order, for
        callers that answer them ahead of time (the OpenAI Batch API)."""
        skeleton = build_skeleton(doc)
        return [
            (self._messages(unit, asks), answer_schema(asks), self.asker.params)
            for unit, asks in self.units(skeleton)
        ]

    def extract(self, doc: Document) -> Summary:
        self.asker.reset()
        self.warnings, self._last_raw, self._down = [], "", False
        skeleton = build_skeleton(doc)
        calls = self.units(skeleton)
        answers: dict[str, Any] = {}
        asked = 0
        for index, (unit, asks) in enumerate(calls, start=1):
            self._report("命名条目", index - 1, len(calls))
            asked += len(asks)
            answers.update(self._name(doc, unit, asks))
        self._report("完成", len(calls), len(calls))
        summary = assemble(doc, skeleton, answers, asked=asked)
        kept = summary.coverage.skeleton_form if summary.coverage else 0
        if self.options.strict and (kept or self.warnings):
            raise ExtractionFailed(
                f"{doc.source}：有 {kept} 个条目未能由模型命名（--strict）。",
                raw=self._last_raw or "\n".join(self.warnings),
                attempts=self.asker.calls,
                prompt_tokens=self.asker.usage.prompt_tokens,
                completion_tokens=self.asker.usage.completion_tokens,
            )
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
                "prompt_id": prompts.prompt_id(*prompts.NAME, "reask.j2"),
                "warnings": [*doc.warnings, *self.warnings],  # what reading the file did, then naming
            }
        )

    def _name(self, doc: Document, unit: Unit, asks: list[Ask]) -> dict[str, Any]:
        """Checked answers for one call's ids; a call that fails leaves every id to the skeleton.

        A wrong key, model or URL is the user's to fix and stops the run (`EndpointAuthError`,
        `EndpointNotFound`, `BackendUnavailable`); an endpoint still failing after its retries costs
        this document its names, not its summary, and is not called again for it."""
        where = f"{doc.source} {unit.section or '正文'}"
        if self._down:
            self.warnings.append(f"{where}：接口不可用，{len(asks)} 个条目保留原文形式")
            return {}
        try:
            answer = self.asker.ask(self._messages(unit, asks), Naming, where, schema=answer_schema(asks))
        except ExtractionFailed as failed:
            self._last_raw = failed.raw
            self.warnings.append(f"{where}：模型的回答无法使用，{len(asks)} 个条目保留原文形式")
            _log.warning("%s", self.warnings[-1])
            return {}
        except EndpointFailed as failed:
            self._down = True
            self.warnings.append(f"{where}：{failed.message}{len(asks)} 个条目保留原文形式")
            _log.warning("%s", self.warnings[-1])
            return {}
        raw = answer.model_extra or {}
        checked: dict[str, Any] = {}
        for ask in asks:
            value = check_answer(ask, raw.get(ask.id))
            if value is not None:
                checked[ask.id] = value
        return checked

    def _report(self, stage: str, done: int, total: int) -> None:
        if self.progress is not None:
            self.progress(stage, done, total, self.asker.usage)
