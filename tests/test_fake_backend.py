"""The scripted backend shipped in the package: queued replies, a default, a call history; and the
`--dry-run` reply, which must be a valid answer to every schema the pipeline asks with."""

from __future__ import annotations

import json

import pytest

from summarizer.backends.base import Message
from summarizer.backends.factory import dry_run_reply
from summarizer.backends.fake import FakeBackend
from summarizer.core.summary import DocumentMeta, SectionExtraction

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


@pytest.mark.parametrize("model", [DocumentMeta, SectionExtraction])
def test_the_dry_run_reply_validates(model: type[DocumentMeta | SectionExtraction]) -> None:
    reply = dry_run_reply(ASK, model.model_json_schema())
    model.model_validate(json.loads(reply))
