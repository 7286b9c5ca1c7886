"""Golden outputs of the project's examples, replayed from recorded model answers (no model needed).

`record()` runs the real pipeline on each example with the embedded model (its call cache makes
this instant after `make examples`) and stores every model answer, keyed by what the model was asked
about — the task and the document text it read — not by the prompt's wording. `replaying_backend()`
answers from that record, so the golden tests exercise extraction, grounding and every renderer on
realistic model output while staying deterministic.

    python -m tests.golden            # re-record answers and rewrite the golden files
"""

from __future__ import annotations

import hashlib
import json
import re
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from summarizer.backends.base import Capabilities, Message
from summarizer.backends.fake import FakeBackend

GOLDEN = Path(__file__).parent / "data" / "golden"
EXAMPLES = Path(__file__).parent.parent / "examples"
STEMS = ("qinghe-edz-2025h1-summary-wenku", "songchuan-park-2025-annual-summary",
         "yunling-hightech-2025q3-press-traditional")  # fmt: skip
_BETWEEN = re.compile(r"<<<\n(.*?)\n>>>", re.DOTALL)


def answer_key(messages: Sequence[Message], schema: dict[str, Any] | None) -> str:
    """The task (schema title) and what the model read: the document piece, or the memo's facts."""
    user = messages[1]["content"] if len(messages) > 1 else messages[-1]["content"]
    match = _BETWEEN.search(user)
    subject = match.group(1) if match else user
    attempt = sum(1 for m in messages if m["role"] == "assistant")  # a re-ask is its own answer
    title = (schema or {}).get("title", "")
    return f"{title}:{attempt}:" + hashlib.sha256(subject.encode()).hexdigest()[:16]


def replaying_backend(stem: str) -> FakeBackend:
    recorded: dict[str, str] = json.loads((GOLDEN / f"{stem}.answers.json").read_text(encoding="utf-8"))

    def replay(messages: Sequence[Message], schema: dict[str, Any] | None) -> str:
        key = answer_key(messages, schema)
        if key not in recorded:
            raise AssertionError(f"no recorded answer for {key}: run `python -m tests.golden` to re-record")
        return recorded[key]

    backend = FakeBackend(default=replay, model="recorded")
    # behave as the recorded embedded model did (e.g. one attempt at prose, no re-ask)
    backend.capabilities = Capabilities(reask_useful=False, parallel_slots=1)
    return backend


def record() -> None:
    from summarizer.backends.llamacpp import LlamaCppBackend
    from summarizer.core.config import Settings
    from summarizer.llm.ask import Asker
    from summarizer.llm.cache import CallCache

    settings = Settings()
    real = LlamaCppBackend.from_settings(settings)
    cache = CallCache(settings.resolved_cache_dir())
    answers: dict[str, str] = {}
    original = Asker._call

    def recording(self: Asker, messages: Sequence[Message], schema: dict[str, Any], attempt: int) -> Any:
        result = original(self, messages, schema, attempt)  # cached answers are recorded too
        answers[answer_key(messages, schema)] = result[0].text  # (answer, how to cache it)
        return result

    Asker._call = recording  # type: ignore[method-assign]
    try:
        for stem in STEMS:
            answers.clear()
            outputs(stem, real, cache)
            path = GOLDEN / f"{stem}.answers.json"
            path.write_text(json.dumps(answers, ensure_ascii=False, indent=1, sort_keys=True) + "\n", "utf-8")
    finally:
        Asker._call = original  # type: ignore[method-assign]


def summary_of(stem: str, backend: Any, cache: Any = None) -> Any:
    from summarizer.grounding.ground import apply_policy, ground
    from summarizer.llm.extract import Extractor
    from summarizer.text.analyze import analyze_file

    # named as in the repository, so the golden files do not depend on where it is checked out
    doc = analyze_file(str(EXAMPLES / f"{stem}.txt")).model_copy(update={"source": f"examples/{stem}.txt"})
    summary = Extractor(backend, cache).extract(doc)
    return apply_policy(summary, ground(summary, doc), "flag")


def digest_markdown() -> str:
    """The digest of the three examples, from the replayed summaries (its charts are PNG files)."""
    from summarizer.outputs.digest import render_digest

    inputs = [(f"{stem}.summary.json", summary_of(stem, replaying_backend(stem))) for stem in STEMS]
    return str(dict(render_digest(inputs, "md"))["digest.md"])


def outputs(stem: str, backend: Any, cache: Any = None) -> dict[str, str]:
    """Every rendered output of one example, as text (a .docx as its reading text)."""
    from summarizer.outputs.brief import BriefHeader, brief_context, render_brief, render_brief_docx
    from summarizer.outputs.docx_writer import docx_text
    from summarizer.outputs.plan import render_plan
    from summarizer.outputs.prose import write_prose

    summary = summary_of(stem, backend, cache)
    header = BriefHeader(name="开发区工作简报", issue="第12期", editor="", date="2025年12月1日")
    prose = write_prose(summary, backend, cache)
    return {
        "summary.json": summary.model_dump_json(indent=2, exclude={"usage", "backend", "model", "calls"})
        + "\n",
        "brief.md": render_brief(summary, "md", header, prose=prose, pages=1),
        "brief.html": render_brief(summary, "html", header, prose=prose, pages=1),
        "brief.docx.txt": docx_text(render_brief_docx(summary, header, prose=prose, pages=1)) + "\n",
        "brief.json": json.dumps(brief_context(summary, header, prose, 1), ensure_ascii=False, indent=2)
        + "\n",
        "plan.md": render_plan(summary),
    }


if __name__ == "__main__":
    record()
    for stem in STEMS:
        for name, text in outputs(stem, replaying_backend(stem)).items():
            (GOLDEN / f"{stem}.{name}").write_text(text, encoding="utf-8")
    (GOLDEN / "examples.digest.md").write_text(digest_markdown(), encoding="utf-8")
    print(f"re-recorded answers and golden files in {GOLDEN}")
