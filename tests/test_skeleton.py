"""The skeleton decides what a summary holds, by rules: every figure in a role, every item once.

The fixture is a flat, scraped-style half-year summary written for these tests (one line, no 一、
headings, 下步打算 opened by "下半年，开发区将…" in running text, 存在的问题 inline), with each trap
of the genre: a 分别 list, a rate after a later indicator, 预计, a plan quantity, problem evidence and
targets.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from summarizer.core.config import Settings
from summarizer.core.models import LoadedText
from summarizer.skeleton.build import build_skeleton
from summarizer.skeleton.types import Fact, Skeleton
from summarizer.skeleton.vocabulary import canonical_indicator, theme_of
from summarizer.text.analyze import analyze_file, analyze_text

FLAT = Path(__file__).parent / "data" / "skeleton" / "flat-half-year.txt"


@pytest.fixture(scope="module")
def flat() -> Skeleton:
    return build_skeleton(analyze_file(str(FLAT), Settings()))


def fact(sk: Skeleton, value: str) -> Fact:
    [found] = [f for f in sk.facts if f.value.text == value]
    return found


def test_every_body_figure_is_a_fact_or_a_rate_of_one(flat: Skeleton) -> None:
    doc = analyze_file(str(FLAT), Settings())
    covered = [f.value.text for f in flat.facts] + [c.text for f in flat.facts for c in f.changes]
    assert sorted(covered) == sorted(q.text for q in doc.figures)
    assert [f.id for f in flat.facts] == [f"f{i}" for i in range(1, len(flat.facts) + 1)]


def test_issuer_and_period_come_from_the_report(flat: Skeleton) -> None:
    assert flat.issuer == "柳溪经济开发区" and flat.period == "2025年上半年"
    assert flat.doc_type == "summary_with_next_steps" and "下步打算" in flat.parts


def test_a_respectively_list_maps_rates_in_order(flat: Skeleton) -> None:
    assert [c.text for c in fact(flat, "88.4亿元").changes] == ["12.5%"]
    assert [c.text for c in fact(flat, "9.6亿元").changes] == ["20.1%"]
    assert [c.text for c in fact(flat, "5.2亿元").changes] == ["8.3%"]


def test_a_rate_belongs_to_the_nearest_indicator_not_the_first(flat: Skeleton) -> None:
    assert fact(flat, "14.7亿元").changes == []
    assert [c.text for c in fact(flat, "6120万元").changes] == ["15.6%"]


def test_roles_of_figures(flat: Skeleton) -> None:
    assert fact(flat, "88.4亿元").role == "estimate"  # 预计上半年: a result shown with 预计
    assert fact(flat, "36个").role == "plan"  # 全年安排重点项目36个: the yardstick
    assert fact(flat, "52亿元").role == "plan"
    assert fact(flat, "26次").role == "result"
    assert fact(flat, "38.2%").role == "problem"  # inside 存在的问题
    assert fact(flat, "180亿元").role == "target"  # 确保…突破, after 下半年…将
    assert fact(flat, "10%以上").role == "target"


def test_headline_results_are_named_by_the_vocabulary(flat: Skeleton) -> None:
    headline = {f.canonical: f.value.text for f in flat.facts if f.headline}
    assert headline["规上工业总产值"] == "88.4亿元"
    assert headline["一般公共预算收入"] == "6120万元"
    assert headline["固定资产投资"] == "14.7亿元"
    assert "180亿元" not in headline.values()  # a target is never a headline result


def test_items_one_each_in_their_part(flat: Skeleton) -> None:
    kinds = {i.kind: [x.short or x.text for x in flat.items if x.kind == i.kind] for i in flat.items}
    assert kinds["measure"][:2] == ["强化要素保障", "加快项目进度"]
    assert kinds["problem"] == ["工业投资占比偏低，仅为38.2%", "高层次人才引进难度较大"]
    assert kinds["next_step"] == ["冲刺全年目标", "推进重点项目"]
    assert len({i.id for i in flat.items}) == len(flat.items)


def test_projects_with_their_investment_and_status(flat: Skeleton) -> None:
    by_value = {p.investment.text: p for p in flat.projects if p.investment}
    storage = by_value["6.8亿元"]
    assert storage.status == "投产" and "储能材料项目" in storage.name


def test_a_forward_project_is_planned_not_done(flat: Skeleton) -> None:
    planned = [p for p in flat.projects if "开工" in p.clause and "年内" in p.clause]
    assert all(p.status == "计划" for p in planned)


@pytest.mark.parametrize(
    ("sentence", "status"),
    [
        ("宁川精工年产30万套底盘部件项目总投资12亿元，主体结构封顶，计划明年3月投产。", "在建"),
        ("宁川储能电池项目总投资8.6亿元，主体厂房已封顶，预计12月底前投产。", "在建"),
        ("宁川精密机械项目总投资5亿元，已于6月竣工投产。", "投产"),
    ],
)
def test_what_is_planned_for_a_project_is_not_its_state_now(sentence: str, status: str) -> None:
    text = f"宁川产业园2025年工作总结\n一、项目建设\n{sentence}\n"
    (project,) = build_skeleton(analyze_text(LoadedText(source="r.txt", format="text", text=text))).projects
    assert project.status == status


def test_a_plan_document_holds_targets_and_tasks() -> None:
    text = (
        "桐山高新区2026年工作要点\n"
        "（一）壮大主导产业。全年实现规上工业增加值增长8%左右，新增高新技术企业15家。\n"
    )
    sk = build_skeleton(analyze_text(LoadedText(source="p.txt", format="text", text=text)))
    assert sk.doc_type == "plan" and {f.role for f in sk.facts} == {"target"}
    assert [i.kind for i in sk.items] == ["next_step"]


@pytest.mark.parametrize(
    ("words", "name"),
    [
        ("规模以上工业企业实现总产值", "规上工业总产值"),
        ("规上工业增加值", "规上工业增加值"),
        ("完成固投", "固定资产投资"),
        ("实到外资", "实际利用外资"),
        ("社零", "社会消费品零售总额"),
        ("利华集团总投资", ""),
    ],
)
def test_the_vocabulary_names_core_indicators_by_their_short_forms(words: str, name: str) -> None:
    assert canonical_indicator(words) == name


def test_themes_from_heading_words() -> None:
    assert theme_of("抓营商环境，提升服务水平") == "营商环境"
    assert theme_of("抓安全生产，守牢底线") == "安全环保"
    assert theme_of("（二）突出抓“双招双引”增动力") == "招商引资"


def roles_of(text: str) -> dict[str, str]:
    sk = build_skeleton(analyze_text(LoadedText(source="r.txt", format="text", text=text)))
    return {f.value.text: f.role for f in sk.facts}


@pytest.mark.parametrize(
    ("sentence", "value", "role"),
    [
        ("上半年完成工业投资21.4亿元。", "21.4亿元", "result"),
        ("预计上半年实现营业收入96亿元。", "96亿元", "estimate"),
        ("初步统计，上半年实现税收4.2亿元。", "4.2亿元", "estimate"),
        # 预计 at the head of a list governs its verbless parts, not one with a verb of its own
        ("预计上半年实现营业收入96亿元；利税7.2亿元。", "7.2亿元", "estimate"),
        ("上半年预计实现营业收入96亿元；完成工业投资21.4亿元。", "21.4亿元", "result"),
        # …unless it frames the whole sentence
        ("估量上半年，实现营业收入96亿元；完成工业投资21.4亿元。", "21.4亿元", "estimate"),
        ("确保全年实现税收9亿元。", "9亿元", "target"),
        ("力争全年签约项目30个。", "30个", "target"),
        ("全年目标为引进企业50家。", "50家", "target"),
        ("明年将新增规上企业12家。", "12家", "target"),
        ("到2030年园区产值达到500亿元。", "500亿元", "target"),
        ("全年安排重点项目86个。", "86个", "plan"),
        ("年度计划投资128亿元。", "128亿元", "plan"),
        # 计划 carries over the clauses after it that state nothing done…
        ("年内计划组织招商推介不少于6次，储备在谈项目25个以上。", "25个以上", "plan"),
        # …not onto what was done against it
        ("全年计划实施项目30个，已开工26个。", "26个", "result"),
        ("重点项目完成年度计划的81.3%。", "81.3%", "result"),
        ("已完成投资103.5亿元，占年度计划的80.9%。", "80.9%", "result"),
    ],
)
def test_each_cue_gives_its_role(sentence: str, value: str, role: str) -> None:
    report = f"柳溪经济开发区2025年上半年工作总结\n{sentence}\n"
    assert roles_of(report)[value] == role


def test_the_part_a_figure_stands_in_decides_before_its_words() -> None:
    report = (
        "柳溪经济开发区2025年工作总结\n一、主要工作\n全年引进企业18家。\n"
        "二、存在问题\n亩均税收仅为8.6万元。\n三、下步打算\n新增标准厂房20万平方米。\n"
    )
    assert roles_of(report) == {"18家": "result", "8.6万元": "problem", "20万平方米": "target"}


def skeleton_of(text: str) -> Skeleton:
    return build_skeleton(analyze_text(LoadedText(source="t", format="text", text=text)))


def test_a_zone_name_that_opens_a_company_name_is_not_the_issuer() -> None:
    # Once each: the zone reporting is named first; the later mention is a verb + a company's name.
    sk = skeleton_of(
        "在青陵新材料产业园里，春节后各项工作全面展开。园区推进财税体制改革，"
        "启动白塘新材料产业园开发建设有限公司实体化运营，完成道路工程3项。"
    )
    assert sk.issuer == "青陵新材料产业园"


def test_the_report_period_is_named_as_a_gongwen_names_it() -> None:
    sk = skeleton_of("2025年1-9月，桐川经济开发区实现规上工业总产值120.5亿元，同比增长6.2%。")
    assert sk.period == "2025年前三季度"
    sk = skeleton_of("2025年1-10月，桐川经济开发区实现规上工业总产值130.5亿元，同比增长6.2%。")
    assert sk.period == "2025年1-10月"


def test_a_period_word_that_dates_a_goal_is_not_the_reports_period() -> None:
    sk = skeleton_of(
        "开春以来，青陵产业园为实现全年奋斗目标，加快推进道路工程3项。上半年，园区新签约项目5个。"
    )
    assert sk.period == "上半年"


def test_an_enumerated_item_never_lends_its_period_to_the_next_but_a_lead_in_covers_all() -> None:
    sk = skeleton_of("下步，一是推动项目一季度竣工投产；二是年底前建成标准厂房10万平方米。")
    assert fact(sk, "10万平方米").period == ""
    sk = skeleton_of("上半年，一是完成工业投资12.5亿元；二是新增规上企业6家。")
    assert fact(sk, "6家").period == "上半年" and fact(sk, "12.5亿元").period == "上半年"


def test_a_parts_name_alone_on_its_line_opens_that_part() -> None:
    # a Word heading whose number is its style's, or a writer's bare heading: 存在问题 on its own line
    report = (
        "柳溪经济开发区2025年工作总结\n主要工作\n全年引进企业18家。\n存在问题\n待供地约260亩；外贸下降5.1%。\n"
        "下步打算：\n新增标准厂房20万平方米。\n"
    )
    assert roles_of(report) == {
        "18家": "result",
        "约260亩": "problem",
        "5.1%": "problem",
        "20万平方米": "target",
    }
