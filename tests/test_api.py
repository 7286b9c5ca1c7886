"""The pipeline API a Python user calls: one report to a grounded summary, a summary to each deliverable.

The CLI and batch call the same functions; these tests hold the contract they rely on (nothing is
written, figures are grounded, every deliverable passes the gate, one failure rule for many inputs).
"""

from __future__ import annotations

import io
import json
from pathlib import Path

import docx
import pytest

import summarizer
from summarizer import (
    BriefHeader,
    RenderGateError,
    Summary,
    load_settings,
    render_brief_output,
    render_digest,
    render_plan_output,
    summarize,
)
from summarizer.backends.fake import FakeBackend
from summarizer.core.errors import InputError
from summarizer.core.summary import GroundingStatus
from summarizer.jobs.document import gather_summaries
from summarizer.outputs.guard import OutputGuard

from .test_batch import REPORTS, answer


@pytest.fixture
def report(tmp_path: Path) -> Path:
    path = tmp_path / "alpha.txt"
    path.write_text(REPORTS["alpha"], encoding="utf-8")
    return path


def grounded(report: Path) -> Summary:
    return summarize(report, load_settings({"cache": False}), FakeBackend(default=answer))


def test_summarize_returns_a_grounded_summary_and_writes_nothing(report: Path) -> None:
    before = sorted(report.parent.iterdir())
    summary = grounded(report)
    [output, talent] = summary.indicators
    assert output.value == "41.2亿元" and output.grounding_status is GroundingStatus.VERIFIED
    assert (talent.value, talent.name, talent.named_by) == ("132名", "技术人才", "model")  # elliptical: asked
    assert sorted(report.parent.iterdir()) == before


def test_an_unreadable_report_raises_an_input_error_naming_it(tmp_path: Path) -> None:
    missing = tmp_path / "nope.txt"
    with pytest.raises(InputError, match=r"nope\.txt"):
        summarize(missing, load_settings({"cache": False}), FakeBackend(default=answer))


@pytest.mark.parametrize("fmt", ["md", "html", "docx", "json"])
def test_every_brief_format_comes_back_gated(report: Path, fmt: str) -> None:
    content = render_brief_output(grounded(report), fmt, BriefHeader(name="园区简报"))
    if fmt == "docx":
        assert isinstance(content, bytes)
        text = "\n".join(p.text for p in docx.Document(io.BytesIO(content)).paragraphs)
    elif fmt == "json":
        text = json.dumps(json.loads(content), ensure_ascii=False)
    else:
        assert isinstance(content, str)
        text = content
    assert "41.2亿元" in text


@pytest.mark.parametrize("fmt", ["md", "html", "docx", "json"])
def test_the_brief_json_is_gated_like_every_other_format(report: Path, fmt: str) -> None:
    header = BriefHeader(name="投资99.9亿元专报")  # a figure that is in no summary
    with pytest.raises(RenderGateError, match=r"99\.9亿元"):
        render_brief_output(grounded(report), fmt, header)


def test_plan_and_digest_from_the_api(report: Path, tmp_path: Path) -> None:
    summary = grounded(report)
    # the report sets no targets: the plan proposes them only when asked, beside this period's value
    assert "41.2亿元" not in str(render_plan_output(summary, "md"))
    assert "41.2亿元" in str(render_plan_output(summary, "md", propose=True))
    other = tmp_path / "beta.txt"
    other.write_text(REPORTS["beta"], encoding="utf-8")
    files = render_digest([("alpha", summary), ("beta", grounded(other))], "md", charts=False)
    assert [name for name, _ in files] == ["digest.md"] and "18.7亿元" in str(files[-1][1])


def test_gathering_applies_one_failure_rule(report: Path, tmp_path: Path) -> None:
    bad = tmp_path / "empty.txt"
    bad.write_text("   \n", encoding="utf-8")
    out = tmp_path / "out"
    inputs = [str(report), str(bad)]
    gathered = gather_summaries(
        inputs,
        load_settings({"cache": False}),
        lambda: FakeBackend(default=answer),
        out,
        OutputGuard(out, inputs, force=True),
    )
    assert list(gathered.summaries) == [str(report)]
    assert [f.path for f in gathered.failures] == [str(bad)] and gathered.exit_code == 3
    assert (out / "alpha.summary.json").is_file() and not (out / "empty.summary.json").exists()


def test_a_summary_written_under_the_fail_policy_is_not_used(tmp_path: Path) -> None:
    report = tmp_path / "r.txt"
    # 42.5% has no subject and a silent model gives it no name: it cannot be tied to an indicator
    report.write_text(REPORTS["alpha"] + "其中，42.5%来自新兴产业。\n", encoding="utf-8")
    out = tmp_path / "out"
    gathered = gather_summaries(
        [str(report)],
        load_settings({"cache": False, "unverified": "fail"}),
        lambda: FakeBackend(default=lambda messages, schema: "{}"),
        out,
        OutputGuard(out, [str(report)], force=True),
    )
    assert gathered.summaries == {} and gathered.exit_code == 1
    assert (out / "r.summary.json").is_file()  # written, for `verify` to show why


def test_the_public_api_is_what_all_names() -> None:
    for name in summarizer.__all__:
        assert getattr(summarizer, name) is not None
