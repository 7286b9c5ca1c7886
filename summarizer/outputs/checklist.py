"""What a strict 办公室 reader checks in a brief before sending it up, as code.

Each check reads the finished deliverable (Markdown and .docx), not the context it came from, so a
template or layout change that breaks a promise is caught. Used by `bench/bench_deliverables.py` over
the examples and the seeds, and by the tests over the committed examples.
"""

from __future__ import annotations

import re
import zipfile
from dataclasses import dataclass
from io import BytesIO

from ..core.summary import GroundingStatus, Summary
from .brief import MIN_HEADLINE_ROWS, BriefHeader, brief_context, render_brief_output

__all__ = ["MACHINE_PHRASES", "Check", "brief_checks"]

# Phrases no 领导 should read: tool internals, pointers to files, empty machine wording.
MACHINE_PHRASES = ("详见摘要", "指标名称待补", "进入下一节点", "summary.json", "已核实", "| 核对 |", "None")
_JOINED = re.compile(r"[；。，][二三四五六七八九]是")  # 一是…；二是… left inside one bullet


@dataclass(frozen=True)
class Check:
    name: str
    passed: bool
    detail: str = ""


def _bullets(markdown: str, heading: str) -> list[str]:
    part = markdown.split(f"、{heading}\n", 1)
    if len(part) < 2:
        return []
    body = part[1].split("\n### ", 1)[0].split("\n---", 1)[0]
    return [line[2:] for line in body.splitlines() if line.startswith("- ")]


def brief_checks(summary: Summary, header: BriefHeader | None = None) -> list[Check]:
    """The reader's checklist over the one-page brief (and the unlimited one for completeness)."""
    header = header or BriefHeader(date="2025年12月1日")
    page = render_brief_output(summary, "md", header, prose=None, pages=1)
    full = render_brief_output(summary, "md", header, prose=None, pages=0)
    docx = render_brief_output(summary, "docx", header, prose=None, pages=1)
    assert isinstance(page, str) and isinstance(full, str) and isinstance(docx, bytes)
    table = [line for line in page.splitlines() if line.startswith("| ") and "---" not in line][1:]
    checks: list[Check] = []

    headline = [i for i in summary.memo_indicators() if i.headline and i.is_result][:MIN_HEADLINE_ROWS]
    missing = [f"{i.name}{i.value}" for i in headline if not any(f"| {i.value}" in row for row in table)]
    checks.append(Check("本期核心指标都在一页简报的主要指标中", not missing, "、".join(missing)))

    aims = [i for i in summary.indicators if i.is_target]
    cells = [cell.strip() for row in table for cell in row.split("|")]
    among = [i.value for i in aims if i.value in cells or f"{i.value}【待核】" in cells]
    checks.append(Check("目标值不在主要指标表中", not among, "、".join(among)))

    for heading, items in (("存在问题", summary.problems), ("下步打算", summary.next_steps)):
        bullets = _bullets(full, heading)
        texts = [t.text for t in items]
        twice = [t for t in texts if sum(t in b for b in bullets) > 1]
        lost = [t for t in texts if not any(t in b for b in bullets) and not t.endswith("目标")]
        checks.append(Check(f"{heading}逐条列出、每条一次", not twice and not lost, "、".join(twice + lost)))

    joined = [b for heading in ("存在问题", "下步打算") for b in _bullets(full, heading) if _JOINED.search(b)]
    checks.append(Check("没有把几条合成一条", not joined, "；".join(joined)[:80]))

    phrases = [p for p in MACHINE_PHRASES if p in page]
    checks.append(Check("没有机器用语和文件指引", not phrases, "、".join(phrases)))

    context = brief_context(summary, header, None, 1)
    checks.append(Check("篇幅估算在一页以内", not context["over_budget"]))

    with zipfile.ZipFile(BytesIO(docx)) as package:
        styles = package.read("word/styles.xml").decode("utf-8")
    themed = "Theme=" in styles or 'w:eastAsia="zh-CN"' not in styles
    checks.append(Check(".docx 样式无主题字体、语言为中文", not themed))

    unverified = [i for i in summary.indicators if i.grounding_status is not GroundingStatus.VERIFIED]
    unmarked = [
        i.value
        for i in unverified
        if any(f"| {i.name}" in row and i.value in row and "【待核】" not in row for row in table)
    ]
    checks.append(Check("未核实的数字都带【待核】", not unmarked, "、".join(unmarked)))
    return checks
