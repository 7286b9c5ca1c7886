"""A summary JSON is a file anyone can edit: no deliverable trusts the statuses stored in it.

Before a brief, plan or digest is made from a `*.summary.json`, the summary is grounded again against
the report it records, so a value changed by hand is caught exactly as `verify` would catch it. When
that report cannot be found, is not a report file, or is no longer the file it was extracted from
(its SHA-256 differs), nothing can be checked: every item is marked unchecked and the deliverable says
why. The review page uses the same locating rules and refuses a recorded source that is no report.
"""

from __future__ import annotations

import hashlib
from pathlib import Path

from ..core.config import Settings
from ..core.errors import CorruptDocument, GroundingFailed, InputError, InputNotFound
from ..core.summary import Summary
from ..grounding.ground import UNVERIFIED_MARK, apply_policy, ground
from ..text.analyze import analyze_file
from ..text.normalise import nfkc
from ..text.quantities import find_quantities

__all__ = [
    "REPORT_SUFFIXES",
    "file_sha256",
    "recheck",
    "recorded_report",
    "report_for_review",
    "source_mismatch",
]

# What a recorded source may be: the formats users' reports come in (a summary naming /etc/shadow
# or ~/.ssh/id_rsa is refused, never read).
REPORT_SUFFIXES = frozenset({".txt", ".text", ".md", ".docx", ".pdf", ".html", ".htm", ".xhtml", ".shtml"})
_STDIN_NAMES = frozenset({"", "-", "标准输入"})


def file_sha256(path: str | Path) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def recorded_report(summary_path: str, summary: Summary) -> tuple[Path | None, str]:
    """The report file a summary records (as written, or beside the summary), or None and why not."""
    if summary.source in _STDIN_NAMES:
        return None, "摘要由标准输入生成，没有记录原文文件"
    recorded = Path(summary.source)
    if recorded.suffix.lower() not in REPORT_SUFFIXES:
        return None, f"摘要记录的原文“{summary.source}”不是报告文件（应为 .docx、.pdf、.txt 或 .html）"
    beside = Path(summary_path).parent
    candidates = [recorded] if recorded.is_absolute() else [recorded, beside / recorded]
    if summary.source_from_summary:  # as seen from the summary's folder: the summary moved with it
        candidates.append(beside / summary.source_from_summary)
    for candidate in candidates:
        if candidate.is_file():
            return candidate, ""
    return None, f"摘要记录的原文“{summary.source}”找不到"


def unchecked(summary: Summary, why: str) -> Summary:
    """Every item unchecked (rendered 【待核】), with the reason the deliverable prints."""
    update: dict[str, object] = {
        name: [item.model_copy(update={"grounding_status": None}) for item in getattr(summary, name)]
        for name in ("indicators", "projects", "measures", "problems", "next_steps", "goals")
    }
    note = f"{UNVERIFIED_MARK}{why}，文中数字和表述均未能与原文核对。"
    return summary.model_copy(update={**update, "grounding": None, "source_check": note})


# the summary's words a deliverable prints as they stand, never grounded: a figure there is a hand edit
_META_FIELDS = {"period": "报告期，如“2025年上半年”“2025年1-9月”", "issuer": "单位名称，如“青禾经济开发区”"}


def _meta_without_figures(summary_path: str, summary: Summary) -> None:
    for name, how in _META_FIELDS.items():
        words = getattr(summary.meta, name)
        figures = [q.text for q in find_quantities(nfkc(words)) if q.is_figure]
        if figures:
            raise CorruptDocument(
                summary_path,
                f"摘要的 meta.{name}（{words}）中有数字“{'、'.join(figures)}”，这一项不是放数字的地方",
                f"请把 meta.{name} 改成{how}，或用 summarizer extract 重新生成摘要。",
            )


def recheck(summary_path: str, summary: Summary, settings: Settings) -> Summary:
    """`summary` grounded again against its recorded report (flag policy: nothing is dropped here)."""
    _meta_without_figures(summary_path, summary)
    report, why = recorded_report(summary_path, summary)
    if report is not None and summary.source_sha256 and file_sha256(report) != summary.source_sha256:
        report, why = None, f"原文“{summary.source}”在摘要生成后已改动"
    doc = None
    if report is not None:
        try:
            doc = analyze_file(str(report), settings)
        except InputError as exc:
            why = f"原文“{summary.source}”无法读取（{exc.problem}）"
    if doc is None:
        if settings.unverified == "fail":  # what no check could see is not let through either
            raise GroundingFailed(f"{summary_path}：{why}，无法核对（--unverified fail），未生成文件。")
        return unchecked(summary, why)
    report_ = ground(summary, doc)
    failed = report_.failed()
    if failed and settings.unverified == "fail":  # the promise holds for a summary file as for a report
        raise GroundingFailed(
            f"{summary_path}：有 {len(failed)} 处内容在原文中找不到依据（--unverified fail），未生成文件。"
            f"可用 summarizer verify {summary_path} 查看明细。"
        )
    rechecked = apply_policy(summary, report_, "flag")
    return rechecked.model_copy(update={"source_check": ""})


def report_for_review(summary_path: str, summary: Summary) -> str:
    """The recorded report for `brief --review`, or an input error that says how to name it."""
    report, why = recorded_report(summary_path, summary)
    if report is None:
        raise InputNotFound(
            summary_path,
            f"{why}，无法生成核对页",
            f"请指定原文另行生成：summarizer review {summary_path} 报告文件。",
        )
    return str(report)


def source_mismatch(summary: Summary, report: str) -> str | None:
    """A warning when the report given is not the one the summary was extracted from."""
    if summary.source_sha256 and file_sha256(report) != summary.source_sha256:
        return (
            f"{report} 与摘要记录的原文（{summary.source}）内容不同：摘要不是从这份报告生成的，或报告已改动；"
            f"核对页按 {report} 重新核对。"
        )
    if summary.source in _STDIN_NAMES or Path(summary.source).name == Path(report).name:
        return None
    return f"摘要记录的原文是 {summary.source}，与 {report} 文件名不同；核对页按 {report} 重新核对。"
