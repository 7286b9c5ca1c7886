"""Tests for summarizer.text.segment. Fixtures are invented reports (青禾经济开发区, 云岭高新区)."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from summarizer.core.models import Section, StandardPart
from summarizer.text.segment import segment

DATA = Path(__file__).parent / "data" / "segment"


def load(name: str) -> str:
    return (DATA / name).read_text(encoding="utf-8")


def nodes(root: Section, kind: str) -> list[Section]:
    return [n for n in root.walk() if n.kind == kind]


def headings(root: Section) -> list[Section]:
    return nodes(root, "heading")


def heading(root: Section, marker: str, title_prefix: str = "") -> Section:
    found = [h for h in headings(root) if h.marker == marker and (h.title or "").startswith(title_prefix)]
    assert len(found) == 1, [(h.marker, h.title) for h in headings(root)]
    return found[0]


def sentence_texts(node: Section, text: str) -> list[str]:
    return [n.span.slice(text) for n in node.walk() if n.kind == "sentence"]


def check_invariants(text: str, root: Section) -> None:
    assert root.kind == "document"
    assert (root.span.start, root.span.end) == (0, len(text))
    covered: set[int] = set()
    for node in root.walk():
        start, end = node.span.start, node.span.end
        assert 0 <= start <= end <= len(text)
        prev_end = start
        for child in node.children:
            assert child.kind != "document"
            assert prev_end <= child.span.start <= child.span.end <= end, (node.kind, child.kind)
            prev_end = child.span.end
        body = node.span.slice(text)
        if node.kind != "document":
            assert body and not body[0].isspace() and not body[-1].isspace()
        if node.kind == "heading":
            assert node.marker and body.startswith(node.marker)
            assert 1 <= node.level <= 4 and node.title is not None
            head_end = node.children[0].span.start if node.children else end
            covered.update(i for i in range(start, head_end) if not text[i].isspace())
        elif node.kind == "item":
            assert node.marker and body.startswith(node.marker)
        elif node.kind == "sentence":
            assert body.strip() and not node.children
            covered.update(i for i in range(start, end) if not text[i].isspace())
        elif node.kind == "paragraph":
            wanted = {i for i in range(start, end) if not text[i].isspace()}
            got = {
                i
                for s in node.walk()
                if s.kind == "sentence"
                for i in range(s.span.start, s.span.end)
                if not text[i].isspace()
            }
            assert wanted == got, "paragraph lost or invented characters"
    # Nothing of the document is lost: each visible char sits in a sentence or a heading's own text.
    assert covered == {i for i, c in enumerate(text) if not c.isspace()}


# --- 工作总结 with four heading levels and 一是 runs ---------------------------------------------


def test_summary_heading_hierarchy() -> None:
    text = load("summary_qinghe.txt")
    root = segment(text)
    check_invariants(text, root)
    top = [c for c in root.children if c.kind == "heading"]
    assert [(h.marker, h.title) for h in top] == [
        ("一、", "主要工作及成效"),
        ("二、", "存在的问题"),
        ("三、", "下步打算"),
    ]
    first = top[0]
    assert [(c.marker, c.level) for c in first.children] == [("（一）", 2), ("（二）", 2)]
    sub = first.children[0]
    assert sub.title == "聚焦招商引资，产业链条持续延伸"
    level3 = [c for c in sub.children if c.kind == "heading"]
    assert [(h.marker, h.title, h.level) for h in level3] == [
        ("1.", "新能源装备产业园", 3),
        ("2、", "智能制造产业园", 3),
    ]
    level4 = [c for c in level3[0].children if c.kind == "heading"]
    assert [(h.marker, h.title, h.level) for h in level4] == [
        ("（1）", "电池壳体项目", 4),
        ("（2）", "储能系统项目", 4),
    ]
    assert level4[1].children[0].span.slice(text).startswith("已完成主体结构施工")


def test_summary_preamble_and_document_title_are_paragraphs() -> None:
    text = load("summary_qinghe.txt")
    root = segment(text)
    first, second = root.children[0], root.children[1]
    assert first.kind == "paragraph" and first.span.slice(text) == "青禾经济开发区2025年上半年工作总结"
    assert second.kind == "paragraph"
    assert second.label is None
    assert sentence_texts(second, text)[1].startswith("上半年，规上工业总产值完成86.4亿元")


def test_summary_yishi_items() -> None:
    text = load("summary_qinghe.txt")
    root = segment(text)
    para = heading(root, "（一）").children[0]
    assert para.kind == "paragraph"
    assert [c.kind for c in para.children] == ["sentence", "item", "item", "item"]
    assert para.children[0].span.slice(text) == "上半年共签约项目14个，总投资58.2亿元。"
    items = para.children[1:]
    assert [i.marker for i in items] == ["一是", "二是", "三是"]
    assert sentence_texts(items[0], text) == [
        "一是精准开展产业链招商。",
        "围绕新能源装备产业，绘制招商图谱12张。",
    ]
    # 统一是 is not an item marker: the third item runs to the paragraph end.
    assert items[2].span.slice(text).endswith("统一是非标准。")
    problems = heading(root, "二、").children[0]
    assert [i.marker for i in problems.children] == ["一是", "二是"]


def test_summary_decimals_and_enumerations_are_not_headings() -> None:
    text = load("summary_qinghe.txt")
    root = segment(text)
    markers = [h.marker for h in headings(root)]
    assert markers == ["一、", "（一）", "1.", "（1）", "（2）", "2、", "（二）", "二、", "三、"]
    line = heading(root, "2、").children[0]
    assert line.span.slice(text).startswith("1.5万平方米标准厂房")


def test_summary_di_yi_items() -> None:
    text = load("summary_qinghe.txt")
    para = heading(segment(text), "三、").children[0]
    assert [c.kind for c in para.children] == ["sentence", "item", "item"]
    assert [c.marker for c in para.children[1:]] == ["第一", "第二"]
    assert sentence_texts(para.children[2], text) == ["第二，深化改革创新。", "完成“一枚印章管审批”改革。"]


def test_summary_labels() -> None:
    root = segment(load("summary_qinghe.txt"))
    assert [(h.marker, h.label) for h in headings(root) if h.label] == [
        ("一、", StandardPart.MAIN_WORK),
        ("二、", StandardPart.PROBLEMS),
        ("三、", StandardPart.NEXT_STEPS),
    ]


# --- 工作计划 ----------------------------------------------------------------------------------


def test_plan_parts_and_colon_title() -> None:
    text = load("plan_yunling.txt")
    root = segment(text)
    check_invariants(text, root)
    top = [c for c in root.children if c.kind == "heading"]
    assert [(h.title, h.label) for h in top] == [
        ("指导思想", StandardPart.GUIDING_IDEAS),
        ("主要目标", StandardPart.MAIN_GOALS),
        ("重点任务", StandardPart.KEY_TASKS),
        ("保障措施", StandardPart.SAFEGUARDS),
    ]
    assert top[0].children[0].span.slice(text).startswith("坚持以高质量发展为主题")
    # Only level-1 headings carry labels.
    assert all(h.label is None for h in headings(root) if h.level > 1)


def test_plan_full_width_period_and_inline_level4() -> None:
    text = load("plan_yunling.txt")
    root = segment(text)
    tasks = heading(root, "三、")
    assert [h.marker for h in headings(tasks)] == ["三、", "（一）", "1．", "2．", "（二）", "(1)", "(2)"]
    assert heading(root, "1．").title == "推进生物医药产业集聚"
    assert heading(root, "(2)").title == "引进研发团队8个"
    targets = heading(root, "二、").children[0]
    # ；does not split sentences.
    assert len(sentence_texts(targets, text)) == 1


def test_plan_zhongdian_gongzuo_depends_on_genre() -> None:
    plan = segment("云岭高新区2026年工作要点\n一、总体要求\n二、重点工作\n（一）抓招商。")
    assert heading(plan, "二、").label is StandardPart.KEY_TASKS
    summary = segment("云岭高新区2025年工作总结\n一、重点工作\n二、重点工作开展情况\n")
    assert heading(summary, "一、").label is StandardPart.MAIN_WORK
    assert heading(summary, "二、").label is StandardPart.MAIN_WORK


@pytest.mark.parametrize(
    ("title", "label"),
    [
        ("基本情况", StandardPart.BASIC_SITUATION),
        ("总体情况", StandardPart.BASIC_SITUATION),
        ("主要指标完成情况", StandardPart.BASIC_SITUATION),
        ("经济运行情况", StandardPart.BASIC_SITUATION),
        ("主要工作", StandardPart.MAIN_WORK),
        ("工作成效", StandardPart.MAIN_WORK),
        ("主要做法", StandardPart.MAIN_WORK),
        ("重点工作开展情况", StandardPart.MAIN_WORK),
        ("工作完成情况", StandardPart.MAIN_WORK),
        ("存在的问题", StandardPart.PROBLEMS),
        ("问题和不足", StandardPart.PROBLEMS),
        ("困难和问题", StandardPart.PROBLEMS),
        ("发展短板", StandardPart.PROBLEMS),
        ("下步打算", StandardPart.NEXT_STEPS),
        ("下一步工作", StandardPart.NEXT_STEPS),
        ("下半年工作", StandardPart.NEXT_STEPS),
        ("明年工作思路", StandardPart.NEXT_STEPS),
        ("2026年工作计划", StandardPart.NEXT_STEPS),
        ("工作打算", StandardPart.NEXT_STEPS),
        ("指导思想", StandardPart.GUIDING_IDEAS),
        ("总体思路", StandardPart.GUIDING_IDEAS),
        ("总体要求", StandardPart.GUIDING_IDEAS),
        ("主要目标", StandardPart.MAIN_GOALS),
        ("目标任务", StandardPart.MAIN_GOALS),
        ("发展目标", StandardPart.MAIN_GOALS),
        ("重点任务", StandardPart.KEY_TASKS),
        ("主要任务", StandardPart.KEY_TASKS),
        ("保障措施", StandardPart.SAFEGUARDS),
        ("保障机制", StandardPart.SAFEGUARDS),
        ("以项目建设为抓手，夯实产业基础", None),
    ],
)
def test_label_table(title: str, label: StandardPart | None) -> None:
    root = segment(f"一、{title}\n正文第一句。")
    assert heading(root, "一、").label == label


def test_level2_labelled_only_without_level1() -> None:
    root = segment("（一）基本情况\n（二）存在问题\n")
    assert [h.label for h in headings(root)] == [StandardPart.BASIC_SITUATION, StandardPart.PROBLEMS]
    root = segment("一、工作回顾\n（一）存在问题\n")
    assert heading(root, "（一）").label is None


# --- ASCII parentheses, 第一部分, nesting ------------------------------------------------------


def test_ascii_parenthesis_headings() -> None:
    text = (
        "(一)坚持把招商选资作为第一要事,加速产业集聚。\n招商工作持续推进。\n"
        "(二)坚持把项目建设作为第一支撑\n(1)完成投资5亿元\n"
    )
    root = segment(text)
    check_invariants(text, root)
    assert [(h.marker, h.level) for h in headings(root)] == [("(一)", 2), ("(二)", 2), ("(1)", 4)]
    assert heading(root, "(一)").title == "坚持把招商选资作为第一要事,加速产业集聚"
    assert heading(root, "(二)").title == "坚持把项目建设作为第一支撑"
    # 第一要事 is no 第一， item.
    assert not nodes(root, "item")


def test_level3_without_level2_attaches_to_level1() -> None:
    root = segment("一、项目建设\n1.推进道路工程\n（1）东环路\n二、营商环境\n")
    first = heading(root, "一、")
    assert [c.marker for c in first.children] == ["1."]
    assert [c.marker for c in first.children[0].children] == ["（1）"]


def test_part_headings_hold_numbered_headings() -> None:
    text = "第一部分 2025年工作回顾\n一、招商引资\n二、项目建设\n第二部分：2026年工作计划\n一、主要目标\n"
    root = segment(text)
    check_invariants(text, root)
    parts = root.children
    assert [(p.marker, p.title, p.level) for p in parts] == [
        ("第一部分", "2025年工作回顾", 1),
        ("第二部分", "2026年工作计划", 1),
    ]
    assert [c.marker for c in parts[0].children] == ["一、", "二、"]
    assert parts[1].label is StandardPart.NEXT_STEPS
    assert parts[1].children[0].label is StandardPart.MAIN_GOALS


def test_heading_body_on_same_line() -> None:
    text = "一、以项目建设为抓手，夯实产业基础。全年实施项目42个，完成投资35.6亿元。\n"
    root = segment(text)
    h = heading(root, "一、")
    assert h.title == "以项目建设为抓手，夯实产业基础"
    assert h.span.slice(text) == text.strip()
    assert [c.kind for c in h.children] == ["paragraph"]
    assert sentence_texts(h, text) == ["全年实施项目42个，完成投资35.6亿元。"]


# --- one-long-line document-site form -----------------------------------------------------------


def test_long_line_inline_headings() -> None:
    text = load("longline_qinghe.txt")
    assert text.count("\n") == 1
    root = segment(text)
    check_invariants(text, root)
    assert [(h.marker, h.title) for h in headings(root)] == [
        ("（一）", "突出抓体制机制创新增活力"),
        ("(二)", "突出抓招商引资增动力"),
        ("（三）", "突出抓项目建设增承载力"),
        ("（一）", "打造两大板块，推动发展格局再优化"),
        ("（二）", "聚焦营商环境，推动服务效能再提升"),
    ]
    assert root.children[0].kind == "paragraph"
    assert root.children[0].span.slice(text).endswith("完成固定资产投资12.3亿元。")


def test_long_line_false_markers_stay_in_text() -> None:
    text = load("longline_qinghe.txt")
    root = segment(text)
    # "(1)" after "主要包括" and "(4)" out of sequence are sentence text, not headings.
    first = root.children[1]
    items = nodes(first, "item")
    assert [i.marker for i in items] == ["一是", "二是"]
    assert items[1].span.slice(text).endswith("(2)共享数据平台。")
    second = root.children[2]
    assert sentence_texts(second, text)[-1] == "(4)附件另发。"
    third = root.children[3]
    assert sentence_texts(third, text)[-1] == "下半年，开发区将持续深化改革创新，激发发展活力。"


# --- news article without headings ----------------------------------------------------------------


def test_news_article_has_only_paragraphs() -> None:
    text = load("news_yunling.txt")
    root = segment(text)
    check_invariants(text, root)
    assert [c.kind for c in root.children] == ["paragraph"] * 4
    assert not headings(root)
    second = sentence_texts(root.children[1], text)
    assert second == [
        "会议指出，一季度全区实现营业总收入126.4亿元，同比增长9.8%。",
        "1.5万家市场主体保持活跃，新增“专精特新”企业6家。",
    ]
    third = sentence_texts(root.children[2], text)
    assert third[0].endswith("新开工项目12个以上！") and third[1].endswith("行动起来？")
    assert [i.marker for i in nodes(root.children[3], "item")] == ["一是", "二是"]


# --- sentences and edge cases ---------------------------------------------------------------------


def test_sentences_keep_closing_quotes_and_skip_blanks() -> None:
    text = "他说：“今年完成了。”接着表示！！  明年继续？）  \n\n   \n最后一句没有句号"
    root = segment(text)
    check_invariants(text, root)
    assert [sentence_texts(p, text) for p in root.children] == [
        ["他说：“今年完成了。”", "接着表示！！", "明年继续？）"],
        ["最后一句没有句号"],
    ]


@pytest.mark.parametrize(
    "text",
    [
        "",
        "   \n\n\t",
        "一、",
        "（一）\n",
        "。。。",
        "1.",
        "第一部分",
        "一是",
        "\u3000\u3000一、总体情况\r\n正文。",
    ],
)
def test_edge_inputs(text: str) -> None:
    check_invariants(text, segment(text))


def test_marker_only_heading_has_empty_title() -> None:
    root = segment("一、\n正文。")
    assert heading(root, "一、").title == ""


def test_enumerations_inside_sentences() -> None:
    text = "一、二期工程全部完工。\n重点推进1、2号厂房建设。完成。3、4月份开工。完成。(1)不是标题。\n"
    root = segment(text)
    check_invariants(text, root)
    assert [h.marker for h in headings(root)] == ["(1)"]
    assert root.children[0].kind == "paragraph"


def test_shouxian_qici_zuihou_run() -> None:
    text = "要做好四点：首先，抓招商。其次，抓项目。再次，抓改革。最后，抓服务。"
    para = segment(text).children[0]
    assert [c.marker for c in para.children if c.kind == "item"] == ["首先", "其次", "再次", "最后"]
    lone = segment("最后，会议要求各部门抓好落实。").children[0]
    assert not nodes(lone, "item")


def test_item_runs_follow_sequence() -> None:
    text = "会议要求：二是不算。一是抓招商。三是跳号不算。二是抓项目。第一，混入的另一种序号不算。"
    para = segment(text).children[0]
    items = [c for c in para.children if c.kind == "item"]
    assert [i.marker for i in items] == ["一是", "二是"]
    assert [c.kind for c in para.children] == ["sentence", "item", "item"]
    assert para.children[0].span.slice(text) == "会议要求：二是不算。"
    assert items[0].span.slice(text) == "一是抓招商。三是跳号不算。"


def test_chinese_numerals_beyond_ten() -> None:
    lines = [f"{n}、标题{i}" for i, n in enumerate(["九", "十", "十一", "十二"], start=9)]
    root = segment("\n".join(lines))
    assert [h.title for h in headings(root)] == ["标题9", "标题10", "标题11", "标题12"]
    # Inline, only the next ordinal (or a restart at 一) counts; 三、二期 is an enumeration.
    inline = segment("前言。十一、不算。一、算。二、也算。三、二期工程完工。四、不算。")
    assert [h.marker for h in headings(inline)] == ["一、", "二、"]


# --- property tests ------------------------------------------------------------------------------

_FRAGMENTS = [
    "一、", "二、", "十二、", "（一）", "（二）", "(三)", "1.", "2．", "3、", "（1）", "(2)", "第一部分",
    "一是", "二是", "三是", "第一，", "第二，", "首先，", "其次，", "最后，", "统一是",
    "完成投资19.6亿元", "同比增长12.5%", "1.5亿元", "1、2号厂房", "规上工业总产值", "青禾经济开发区",
    "。", "；", "，", "！", "？", "：", "”", "“", "）", "(", "\n", "\n\n", " ", "\u3000", "\r\n", "\t",
]  # fmt: skip

report_text = st.lists(st.sampled_from(_FRAGMENTS), max_size=80).map("".join)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.text(max_size=300))
def test_arbitrary_text_invariants(text: str) -> None:
    check_invariants(text, segment(text))


@settings(max_examples=500, deadline=None)
@given(report_text)
def test_report_like_text_invariants(text: str) -> None:
    check_invariants(text, segment(text))


def test_sub_heading_and_items_glued_to_an_unterminated_title() -> None:
    # Document sites drop the line break after a heading: "一、工作情况（一）抓项目…" and "问题一是…".
    text = (
        "一、上半年工作情况（一）抓项目建设，稳住基本盘。一是开工项目12个。二是竣工项目5个。"
        "（二）抓招商引资。签约项目8个。二、存在的问题一是投资偏弱；二是配套不足。"
        "三、下步打算（一）冲刺全年目标。"
    )
    root = segment(text)
    check_invariants(text, root)
    found = [(h.marker, h.title, h.label) for h in headings(root)]
    assert found == [
        ("一、", "上半年工作情况", StandardPart.MAIN_WORK),
        ("（一）", "抓项目建设，稳住基本盘", None),
        ("（二）", "抓招商引资", None),
        ("二、", "存在的问题", StandardPart.PROBLEMS),
        ("三、", "下步打算", StandardPart.NEXT_STEPS),
        ("（一）", "冲刺全年目标", None),
    ]
    problems = heading(root, "二、")
    assert [i.marker for i in nodes(problems, "item")] == ["一是", "二是"]
    assert text[nodes(problems, "item")[0].span.start :].startswith("一是投资偏弱")


def test_glued_marker_needs_a_deeper_first_ordinal() -> None:
    # "(二)" or a same-rank marker inside a title is not a glued sub-heading.
    text = "一、推进(二)期工程建设。二、其他工作。"
    assert [h.marker for h in headings(segment(text))] == ["一、", "二、"]


def test_a_list_past_ninety_nine_items_keeps_every_item_apart() -> None:
    from summarizer.core.models import LoadedText
    from summarizer.text.analyze import analyze_text

    lines = "".join(f"{i}. 第{i}项工作按期推进；\n" for i in range(1, 121))
    doc = analyze_text(LoadedText(source="t", format="text", text="存在问题\n" + lines))
    items = [s for s in doc.outline.children if s.title]
    assert len(items) == 120
    assert (items[-1].marker, items[-1].title) == ("120.", "第120项工作按期推进")
