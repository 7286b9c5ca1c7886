"""What a strict 办公室 reader checks in a brief before sending it up, as code, per genre.

Each check reads the finished deliverable (Markdown and .docx), not the context it came from, so a
template or layout change that breaks a promise is caught. The checks follow the report's genre: a
总结's memo carries its headline results in a table and says its problems only when the report has
them; a plan's, a story's or a meeting's memo is the author's own items; every memo follows the
report's outline, item by item. Used by `bench/bench_memos.py` over the seeds, the examples and the
genre fixtures, and by the tests over the committed examples.
"""

from __future__ import annotations

import re
import zipfile
from dataclasses import dataclass
from io import BytesIO

from ..core.models import StandardPart
from ..core.summary import GroundingStatus, Summary
from ..skeleton.genre import is_template
from ..skeleton.names import name_problem
from .brief import AUTO_PAGES, BriefHeader, brief_context, render_brief_output
from .memo import KEY_FIGURES, PART_TITLES

__all__ = ["MACHINE_PHRASES", "Check", "brief_checks", "memo_items", "plan_checks"]

# Phrases no 领导 should read: tool internals, pointers to files, empty machine wording, filler.
MACHINE_PHRASES = (
    "详见摘要", "指标名称待补", "进入下一节点", "summary.json", "已核实", "| 核对 |", "None",
    "原文未", "主要工作情况如下", "未能自动提取", "篇幅所限",
)  # fmt: skip
_ITEM = re.compile(r"^\*\*(?P<head>[^*]+)\*\*(?P<body>.*)$")
_SECTION = re.compile(r"^### (?:[一二三四五六七八九十]+)、(?P<title>.+)$")
_FRAGMENT_START = re.compile(r"^[，、；：。）」”]|^(?:和|及|与|但|而|并且)")


@dataclass(frozen=True)
class Check:
    name: str
    passed: bool
    detail: str = ""


@dataclass(frozen=True)
class MemoItem:
    section: str
    head: str
    body: str


def memo_items(markdown: str) -> list[MemoItem]:
    """The memo's items as a reader sees them: section title, bold lead, the text after it."""
    items, section = [], ""
    for line in markdown.splitlines():
        if m := _SECTION.match(line):
            section = m.group("title")
        elif m := _ITEM.match(line):
            items.append(MemoItem(section, m.group("head"), m.group("body")))
        elif section and section != "主要指标" and line and not line.startswith(("|", "---", "#", ">", "（")):
            items.append(MemoItem(section, "", line))
    return items


def brief_checks(summary: Summary, header: BriefHeader | None = None) -> list[Check]:
    """The reader's checklist over the memo as `brief` writes it by default (and one forced to a page)."""
    header = header or BriefHeader(date="2025年12月1日")
    memo = render_brief_output(summary, "md", header, prose=None)
    page = render_brief_output(summary, "md", header, prose=None, pages=1)
    docx = render_brief_output(summary, "docx", header, prose=None)
    assert isinstance(memo, str) and isinstance(page, str) and isinstance(docx, bytes)
    meta, genre = summary.meta, summary.meta.genre or "summary"
    lines = memo.splitlines()
    title = next((line[3:] for line in lines if line.startswith("## ")), "")
    lead = next(
        (line for line in lines[lines.index(f"## {title}") + 1 :] if line and not line.startswith(">")), ""
    )
    table = [line for line in memo.splitlines() if line.startswith("| ") and "---" not in line][1:]
    items = memo_items(memo)
    sections = {item.section for item in items} | {
        m.group("title") for line in lines if (m := _SECTION.match(line))
    }
    checks: list[Check] = []

    phrases = [p for p in MACHINE_PHRASES if p in memo]
    checks.append(Check("没有机器用语、套话和空话", not phrases, "、".join(phrases)))

    wrong = [w for w in ("简报",) if w in title]
    if meta.issuer and meta.issuer not in title:
        wrong.append(f"缺单位“{meta.issuer}”")
    year = re.search(r"20\d\d年", meta.period)
    if year and year.group() not in title and year.group() not in lead:
        wrong.append(f"缺年份“{year.group()}”")
    checks.append(Check("标题说明单位、时期和内容", not wrong, "；".join(wrong)))

    whole = lead.endswith(("。", "！", "”")) and len(lead) >= 15
    checks.append(Check("导语是完整的一段话", whole, lead[:40]))

    heads = " ".join(item.head for item in items)
    outline = [e.heading for e in summary.outline if e.kind == "item" and e.heading]
    # a long heading (a whole decision) opens its item's body instead of standing in bold
    bodies_text = " ".join(item.body for item in items)
    lost = [h for h in outline if h not in heads and h not in sections and h.rstrip("。") not in bodies_text]
    checks.append(Check("原文每个一级标题或主题句都成为一条", not lost, "、".join(lost[:4])))

    bodies = [item.body.replace("【待核】", "") for item in items if item.body]
    fragments = [body[:20] for body in bodies if not body.endswith("。") or _FRAGMENT_START.search(body)]
    checks.append(Check("每条都是完整的话，不是片段", not fragments, "；".join(fragments[:3])))

    # what the memo must carry: the headline results of a 总结 (table or text), every key figure
    headline = [i for i in summary.memo_indicators() if i.headline and i.is_result]
    # a plan's or a 政府工作报告's results are last year's: its opening carries the first of them
    carried = headline[:KEY_FIGURES] if genre in ("summary", "economy") else headline[:2]
    missing = [f"{i.name}{i.value}" for i in carried if i.value not in memo]
    checks.append(Check("核心指标都在简报中", not missing, "、".join(missing)))

    aims = [i for i in summary.indicators if i.is_target]
    among = [f"{i.name}{i.value}" for i in aims if any(i.name in row and i.value in row for row in table)]
    checks.append(Check("目标值不在主要指标表中", not among, "、".join(among)))

    parts = set(summary.parts) | {e.part for e in summary.outline}
    invented = [
        PART_TITLES[p] for p in ("存在问题", "下步打算") if PART_TITLES[p] in sections and p not in parts
    ]
    checks.append(Check("没有原文没有的部分", not invented, "、".join(invented)))
    said = any(e.part == "存在问题" for e in summary.outline)
    shown = any("问题" in s or "困难" in s or "不足" in s for s in sections)
    checks.append(Check("原文有存在问题时如实列出", shown or not said))

    template = is_template(meta.placeholders)
    checks.append(Check("模板注明是模板", template == ("【模板】" in memo)))

    context = brief_context(summary, header, None)
    checks.append(Check(f"篇幅在{AUTO_PAGES}页以内", not context["over_budget"]))
    one_page = brief_context(summary, header, None, 1)
    honest = bool(one_page["omitted_note"]) == ("篇幅所限" in page)
    checks.append(Check("限定一页时如实注明从略", honest))

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


def plan_checks(summary: Summary) -> list[Check]:
    """The reader's checklist over a plan draft as `plan` writes it by default (no --propose)."""
    from .plan import plan_context, render_plan_output

    text = render_plan_output(summary, "md")
    assert isinstance(text, str)
    context = plan_context(summary)
    checks: list[Check] = []
    goals = text.split("## 二、主要目标", 1)[1].split("\n## ", 1)[0] if "## 二、主要目标" in text else ""
    tasks = text.split("## 三、重点任务", 1)[1].split("\n## ", 1)[0] if "## 三、重点任务" in text else ""
    # a target is a row of 主要目标, or — where the report's own 主要目标 list leaves it to a task, or it
    # is what the work draws on (发挥1000万元专项资金) — stands in its task with the source's words
    missing = [
        f"{i.name}{i.value}"
        for i in summary.indicators
        if i.role == "target" and not name_problem(i.name) and i.value not in i.name
        and i.value not in goals and i.value not in tasks
        and i.part not in (StandardPart.GUIDING_IDEAS.value, StandardPart.SAFEGUARDS.value)
        and not i.name.startswith(("年产", "年加工", "年处理", "设计产能"))
    ]  # fmt: skip
    said = "、".join(missing[:4])
    checks.append(Check("原文的每个目标都在计划中（主要目标表或其任务）", not missing, said))
    made = [m for m in ("【建议值】", "【待定】") if m in text]
    checks.append(Check("没有程序编造的目标或【待定】行", not made, "、".join(made)))
    lines = [line for line in text.splitlines() if line]
    checks.append(Check("正文前没有免责声明段", len(lines) > 1 and lines[1].startswith("## ")))
    answered = {t["problem"] for t in context["problem_tasks"] if t["text"]}
    untasked = [p.text for p in summary.problems if p.text.rstrip("。；;") not in answered]
    checks.append(Check("每个问题都有对应任务", not untasked, "、".join(untasked[:3])))
    guessed = [
        t["text"][:16]
        for t in context["tasks"]
        if re.search(r"\d{1,2}月底前|一季度|年内", t["text"]) and "（建议）】" in t["deadline"]
    ]
    checks.append(Check("原文写明的时限照录", not guessed, "、".join(guessed[:3])))
    measures = [m.text for m in summary.measures if m.id.startswith("m") and m.text and m.text in " ".join(
        x["text"] for g in context["safeguards"] for x in g["measures"])]  # fmt: skip
    checks.append(Check("保障措施不拿做法充数", not measures, "、".join(measures[:2])))
    return checks
