"""The 办公室 reader's checklist, as code, over the committed examples — and proof that it can fail."""

from __future__ import annotations

from pathlib import Path

import pytest

from summarizer.core.summary import GroundingStatus, TextItem
from summarizer.core.summary_file import load_summary
from summarizer.outputs.checklist import brief_checks

from .test_brief import grounded

EXAMPLES = sorted((Path(__file__).resolve().parent.parent / "examples" / "out").glob("*.summary.json"))


@pytest.mark.parametrize("path", EXAMPLES, ids=[p.name for p in EXAMPLES])
def test_every_example_brief_passes_the_readers_checklist(path: Path) -> None:
    failed = [(c.name, c.detail) for c in brief_checks(load_summary(str(path))) if not c.passed]
    assert failed == []


def test_the_checklist_catches_joined_items_and_unmarked_figures() -> None:
    summary = grounded()
    joined = TextItem(text="推进项目建设；二是深化招商", grounding_status=GroundingStatus.VERIFIED)
    bad = summary.model_copy(update={"next_steps": [*summary.next_steps, joined, joined]})
    failed = {c.name for c in brief_checks(bad) if not c.passed}
    assert {"没有把几条合成一条", "下步打算逐条列出、每条一次"} <= failed
    assert "本期核心指标都在一页简报的主要指标中" not in failed
