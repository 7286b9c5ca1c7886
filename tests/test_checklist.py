"""The 办公室 reader's checklist, as code, over the committed examples — and proof that it can fail."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from summarizer.core.summary import GroundingStatus, TextItem
from summarizer.core.summary_file import load_summary
from summarizer.outputs import checklist
from summarizer.outputs.checklist import brief_checks

from .test_brief import grounded

EXAMPLES = sorted((Path(__file__).resolve().parent.parent / "examples" / "out").glob("*.summary.json"))


@pytest.mark.parametrize("path", EXAMPLES, ids=[p.name for p in EXAMPLES])
def test_every_example_brief_passes_the_readers_checklist(path: Path) -> None:
    failed = [(c.name, c.detail) for c in brief_checks(load_summary(str(path))) if not c.passed]
    assert failed == []


def test_the_checklist_catches_fragments_and_filler() -> None:
    summary = grounded()
    clean = {c.name for c in brief_checks(summary) if not c.passed}
    fragment = TextItem(text="和推进项目建设", grounding_status=GroundingStatus.VERIFIED)
    filler = TextItem(text="原文未列出具体安排", grounding_status=GroundingStatus.VERIFIED)
    bad = summary.model_copy(update={"next_steps": [*summary.next_steps, fragment, filler]})
    failed = {c.name for c in brief_checks(bad) if not c.passed}
    assert {"每条都是完整的话，不是片段", "没有机器用语、套话和空话"} <= failed - clean


def test_the_checklist_catches_a_heading_the_memo_lost(monkeypatch: pytest.MonkeyPatch) -> None:
    """The outline is the memo's backbone: a memo that does not show one of the report's items fails
    (a renderer that loses a line is simulated; the check reads the deliverable, not the context)."""
    summary = load_summary(str(EXAMPLES[0]))
    assert not {c.name for c in brief_checks(summary) if not c.passed}
    first = next(e.heading for e in summary.outline if e.kind == "item" and e.heading and len(e.heading) > 12)
    real = checklist.render_brief_output

    def losing(*args: Any, **kwargs: Any) -> str | bytes:
        out = real(*args, **kwargs)
        return (
            "\n".join(line for line in out.splitlines() if first not in line) if isinstance(out, str) else out
        )

    monkeypatch.setattr(checklist, "render_brief_output", losing)
    failed = {c.name for c in brief_checks(summary) if not c.passed}
    assert "原文每个一级标题或主题句都成为一条" in failed


def test_the_plan_checklist_passes_the_examples_and_catches_a_made_up_draft(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from summarizer.outputs import plan
    from summarizer.outputs.checklist import plan_checks

    for path in EXAMPLES:
        assert [c.name for c in plan_checks(load_summary(str(path))) if not c.passed] == []
    summary = load_summary(str(EXAMPLES[0]))
    real = plan.render_plan_output

    def made_up(*args: Any, **kwargs: Any) -> str | bytes:
        out = real(*args, **kwargs)
        assert isinstance(out, str)
        title, rest = out.split("\n", 1)
        return f"{title}\n（本草稿由程序生成，仅供参考。）\n{rest}\n| 税收 | — | 【待定】（原文未给出增速） |"

    monkeypatch.setattr(plan, "render_plan_output", made_up)
    failed = {c.name for c in plan_checks(summary) if not c.passed}
    assert {"没有程序编造的目标或【待定】行", "正文前没有免责声明段"} <= failed
