"""The scripted backend shipped in the package: queued replies, a default, a call history; and the
`--dry-run` reply, which must be a valid answer to every schema the pipeline asks with."""

from __future__ import annotations

import json

import pytest

from summarizer.backends.base import Message
from summarizer.backends.factory import dry_run_reply
from summarizer.backends.fake import FakeBackend
from summarizer.core.models import LoadedText
from summarizer.llm.extract import Extractor
from summarizer.llm.naming import Naming
from summarizer.text.analyze import analyze_text

ASK: list[Message] = [{"role": "user", "content": "摘要"}]


def test_replies_are_queued_then_the_default_answers_and_every_call_is_recorded() -> None:
    backend = FakeBackend(["一"], default="默认")
    backend.enqueue("二", lambda messages, schema: f"{len(messages)}条")
    texts = [backend.complete(ASK).text for _ in range(4)]
    assert texts == ["一", "二", "1条", "默认"]
    assert [call.messages for call in backend.history] == [ASK] * 4


def test_with_no_reply_left_and_no_default_the_fake_says_so() -> None:
    with pytest.raises(AssertionError, match="no scripted reply"):
        FakeBackend().complete(ASK)


def test_the_dry_run_reply_is_accepted_and_keeps_every_item_in_source_form() -> None:
    # 上半年引进132名 names no noun (the rules read the bare verb 引进): the one figure the model is asked
    text = (
        "岚山经济开发区2025年上半年工作总结\n"
        "技术人才队伍持续壮大，上半年引进132名。\n"
        "存在问题：用地指标紧张。\n"
    )
    doc = analyze_text(LoadedText(source="r.txt", format="text", text=text))
    [(messages, schema, _)] = Extractor(FakeBackend()).first_calls(doc)
    Naming.model_validate(json.loads(dry_run_reply(messages, schema)))
    summary = Extractor(FakeBackend(default=dry_run_reply)).extract(doc)
    assert [i.value for i in summary.indicators] == ["132名"] and summary.problems
    assert summary.coverage is not None and summary.coverage.named_by_model == 0
