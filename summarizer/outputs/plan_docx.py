"""The 工作计划 draft as .docx in GB/T 9704 layout, from `plan.plan_context(...)`.

Same sections and wording as templates/plan.md.j2: level-1 headings 一、 in 黑体, level-2 （一） in 楷体,
tables for 主要目标 and 上期计划完成情况. The caller gates the finished document's text.
"""

from __future__ import annotations

from typing import Any

from .docx_writer import GongwenDocument

__all__ = ["plan_docx"]


def _project_line(p: dict[str, str], todo: str) -> str:
    company = f"（{p['company']}）" if p["company"] else ""
    done = "，".join(x for x in (f"本期{p['status']}", p["investment"]) if x)
    timeline = f"，原定时间节点：{p['timeline']}" if p["timeline"] else ""
    return f"{p['name']}{company}：{done}{timeline}；下步{p['next']}。{p['mark']}{todo}"


def _evidence_text(check: dict[str, Any]) -> str:
    evidence = check["evidence"]
    return f"“{evidence['text']}”{evidence['mark']}" if evidence else "—"


def plan_docx(context: dict[str, Any], reference: bytes | None = None) -> bytes:
    """The plan as .docx in GB/T 9704 layout, from `plan_context(...)` (the variables templates see);
    after an office's own 红头 when `reference` is given."""
    out = GongwenDocument(reference)
    slots = context["placeholders"]
    missing, deadline = slots["missing"], slots["deadline"]
    out.title(context["title"])
    if context["source_note"]:
        out.paragraph(context["source_note"], indent=False)
    out.heading(context["headings"]["approach"])
    for line in context["approach"]:
        out.paragraph(line)
    out.heading(context["headings"]["targets"])
    if context["targets"]:
        rows: list[tuple[str, ...]] = [
            (t["name"], f"{t['actual']}{t['actual_mark']}", f"{t['target']}{t['mark']}", t["proposal"] or "—")
            for t in context["targets"]
        ]
        headers = ("指标", f"{context['report_period']}完成情况", "目标（原文）", "建议值")
        if context["proposals"]:
            out.table(headers, rows, widths_mm=(36, 38, 40, 42))
            out.paragraph(
                "（建议值由程序按本期增速测算，供研究确定；原文已设目标的指标不另行测算。）", indent=False
            )
        elif context["show_actual"]:
            out.table(headers[:3], [row[:3] for row in rows], widths_mm=(46, 52, 58))
        else:  # a plan document's targets have no actual of this period beside them
            out.table((headers[0], headers[2]), [(row[0], row[2]) for row in rows], widths_mm=(70, 86))
    else:
        out.paragraph(f"{missing}{context['targets_empty']}")
    out.heading(context["headings"]["tasks"])
    if context["sub"]["projects"]:  # no 续建 line without a project to carry
        out.paragraph(f"{context['sub']['projects']}续建项目", role="note")
        for p in context["projects"]:
            out.paragraph(_project_line(p, p["owner"] + (p.get("deadline") or deadline)))
        if context["finished"]:
            out.paragraph(f"（本期已竣工、投产的项目{context['finished']}个，不再列入。）")
    if context["sub"]["tasks"]:
        out.paragraph(f"{context['sub']['tasks']}重点工作", role="note")
    group = ""
    for t in context["tasks"]:
        if t.get("group") and t["group"] != group:  # the source's own heading over its tasks
            group = t["group"]
            out.paragraph(group, role="heading")
        out.paragraph(f"{t['text']}{t['mark']}{t['owner']}{t.get('deadline') or deadline}")
    if not context["tasks"]:
        out.paragraph(f"{missing}原文未列出下步工作。")
    if context["problem_tasks"]:
        out.paragraph(f"{context['sub']['problems']}问题整改", role="note")
        for t in context["problem_tasks"]:
            out.paragraph(
                f"{t['text']}{t['suggested']}{t['mark']}{t['owner']}{t.get('deadline') or deadline}"
            )
    if context["headings"]["safeguards"]:  # the report's own safeguards only; none is no section
        out.heading(context["headings"]["safeguards"])
    for group in context["safeguards"]:
        theme = f"{group['theme']}：" if group["theme"] else ""
        out.paragraph(theme + "；".join(f"{m['text']}{m['mark']}" for m in group["measures"]) + "。")
    previous = context["previous"]
    if previous is not None:
        out.heading(context["headings"]["previous"])
        named = f"《{previous['title']}》" if previous["title"] else "上期计划"
        out.paragraph(f"对照{named}逐项核对，依据为本期总结中的对应条目：")
        for label, name in (("（一）目标", "targets"), ("（二）项目", "projects"), ("（三）任务", "tasks")):
            out.paragraph(label, role="note")
            checks: list[tuple[str, ...]] = [
                (f"{c['planned']}{c['planned_mark']}", c["status"], c["note"], _evidence_text(c))
                for c in previous[name]
            ]
            if checks:
                out.table(("上期计划", "完成情况", "说明", "本期依据"), checks)
            else:
                out.paragraph("上期计划未列出。")
    out.paragraph(f"注：{context['legend']}", indent=False, role="note")  # a footnote, after the plan
    return out.to_bytes()
