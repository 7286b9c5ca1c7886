"""Every output format of the project's examples against golden files, from recorded model answers.

The answers were recorded from the embedded model (`python -m tests.golden`), so these tests run the
real extraction, grounding and renderers on realistic model output without a model. A difference is
either a regression or an intended change: then re-record and review the diff of the golden files.
"""

from __future__ import annotations

import os

import pytest

from summarizer.grounding.ground import UNVERIFIED_MARK

from .golden import GOLDEN, STEMS, digest_markdown, outputs, replaying_backend

UPDATE = os.environ.get("UPDATE_GOLDEN") == "1"


@pytest.fixture(scope="module", params=STEMS)
def rendered(request: pytest.FixtureRequest) -> tuple[str, dict[str, str]]:
    stem = request.param
    return stem, outputs(stem, replaying_backend(stem))


@pytest.mark.parametrize(
    "name", ["summary.json", "brief.md", "brief.html", "brief.docx.txt", "brief.json", "plan.md"]
)
def test_output_matches_its_golden_file(rendered: tuple[str, dict[str, str]], name: str) -> None:
    stem, outputs_ = rendered
    golden = GOLDEN / f"{stem}.{name}"
    if UPDATE:
        golden.write_text(outputs_[name], encoding="utf-8")
    assert outputs_[name] == golden.read_text(encoding="utf-8"), f"{golden.name} differs"


def test_unverified_indicators_are_marked_in_the_memo(rendered: tuple[str, dict[str, str]]) -> None:
    """The recorded answers keep the 1.5B model's real errors: each unverified one carries its mark."""
    import json

    _stem, outputs_ = rendered
    summary = json.loads(outputs_["summary.json"])
    unverified = [i for i in summary["indicators"] if i["grounding_status"] != "verified"]
    brief = outputs_["brief.md"]
    for item in unverified:
        line = next((row for row in brief.splitlines() if f"| {item['name']} |" in row), None)
        assert line is None or UNVERIFIED_MARK in line  # shown with its mark, or trimmed for length


def test_the_digest_of_the_three_examples_matches_its_golden_file() -> None:
    golden = GOLDEN / "examples.digest.md"
    text = digest_markdown()
    if UPDATE:
        golden.write_text(text, encoding="utf-8")
    assert text == golden.read_text(encoding="utf-8")
    assert "口径不同" in text  # different periods, or a target beside a result: never silently compared
