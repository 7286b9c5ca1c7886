"""Genre, outline and the memo built on them: the report's kind and its author's own items decide the
memo's shape; every item's body is the source's own clauses with its key figures."""

from __future__ import annotations

import io
from pathlib import Path

import docx
import pytest

from summarizer.cli import commands as cli
from summarizer.core.models import LoadedText
from summarizer.outputs.brief import brief_context
from summarizer.outputs.checklist import memo_items
from summarizer.outputs.condense import clauses, condense, condense_all
from summarizer.skeleton.build import build_skeleton
from summarizer.skeleton.genre import extra_genre_cues, guess_genre
from summarizer.skeleton.types import Skeleton
from summarizer.text.analyze import analyze_text

from .test_brief import HEADER, extracted

GENRES = Path(__file__).parent / "data" / "genres"


def skeleton_of(text: str) -> Skeleton:
    return build_skeleton(analyze_text(LoadedText(source="r.txt", format="text", text=text)))


@pytest.mark.parametrize(
    ("name", "genre"),
    [
        ("meeting-lanshan-2025-project-review.txt", "meeting"),
        ("economy-qingshui-2025-oct.txt", "economy"),
        ("govreport-heping-district-2026.txt", "government_report"),
        ("feature-yuanhe-2025-six-measures.txt", "news"),
        ("plan-songlin-2026-key-points.txt", "plan"),
        ("template-xx-zone-plan.txt", "summary"),
    ],
)
def test_each_genre_fixture_is_told_apart(name: str, genre: str) -> None:
    assert skeleton_of((GENRES / name).read_text(encoding="utf-8")).genre == genre


def test_genre_from_title_opening_voice_and_roles() -> None:
    text = "某某\n正文。"
    assert guess_genre("石溪经济开发区2026年工作要点", text, forward=0, results=9).genre == "plan"
    assert (
        guess_genre("石溪经济开发区2025年工作总结和2026年工作打算", text, forward=9, results=1).genre
        == "summary"
    )
    meeting = "5月8日，石溪经济开发区召开项目调度会，听取进展情况。"
    assert guess_genre("", meeting, forward=0, results=0).genre == "meeting"
    # a press conference is news about something else, not a meeting report
    press = "5月8日，石溪区举行新闻发布会，介绍开发区工作情况。"
    assert guess_genre("", press, forward=0, results=0).genre == "news"
    story = "春节刚过，园区一片忙碌。该园区今年计划新开工项目12个。他们还将建设标准厂房。"
    assert guess_genre("", story, forward=1, results=0).genre == "news"
    targets = "全年力争完成投资30亿元，确保新签约项目20个。"
    assert guess_genre("", targets, forward=2, results=0).genre == "plan"
    assert guess_genre("", targets, forward=0, results=2).genre == "summary"
    blank = "规上工业总产值XX亿元，同比增长X.X%；签约项目××个。"
    guess = guess_genre("", blank, forward=0, results=0)
    assert guess.placeholders == 3 and guess.is_template
    assert not guess_genre("", "xx经济开发区实现产值12亿元。", forward=0, results=1).is_template


def test_an_office_adds_its_own_genre_cue() -> None:
    text = "园区碰头会纪要\n听取各项目进展，要求抓紧推进。"
    assert guess_genre("园区碰头会纪要", text, forward=0, results=0).genre == "summary"
    with extra_genre_cues({"meeting": {"title": ["碰头会"]}}):
        assert guess_genre("园区碰头会纪要", text, forward=0, results=0).genre == "meeting"
    assert guess_genre("园区碰头会纪要", text, forward=0, results=0).genre == "summary"


def test_a_bad_cue_in_the_config_is_a_chinese_usage_error(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "summarizer.toml").write_text(
        '[summarizer.genres.meeting]\ntitle = ["碰头(会"]\n', encoding="utf-8"
    )
    (tmp_path / "a.txt").write_text("园区碰头会纪要\n听取进展。\n", encoding="utf-8")
    assert cli.main(["extract", "a.txt", "--dry-run", "-o", "o"]) == 2
    assert not (tmp_path / "o" / "a.summary.json").exists()


SUMMARY = (
    "石溪经济开发区2025年上半年工作总结\n"
    "上半年，开发区各项工作稳步推进。预计上半年，规模以上工业总产值86.4亿元，同比增长12.1%；"
    "完成固定资产投资21.7亿元，同比增长8.3%。\n"
    "一、上半年工作情况\n"
    "（一）抓项目建设。全年安排重点项目26个，总投资132亿元，上半年完成投资18.2亿元。"
    "组织开展项目观摩，营造比学赶超氛围。\n"
    "（二）抓招商引资。赴长三角开展招商活动9次，新签约项目11个，协议总投资46亿元。\n"
    "二、存在的问题\n"
    "一是工业投资占比偏低，仅为38.5%；二是要素保障压力较大。\n"
    "三、下半年工作打算\n"
    "（一）冲刺全年目标。确保全年规上工业总产值突破180亿元。\n"
    "（二）加快项目建设。推动8个项目年内竣工投产。\n"
)


def test_the_outline_keeps_the_authors_headings_parts_and_groups(tmp_path: Path) -> None:
    summary = extracted(tmp_path, SUMMARY)
    items = [(e.heading, e.part, e.group) for e in summary.outline if e.kind == "item"]
    assert items == [
        ("抓项目建设", "主要工作", "上半年工作情况"),
        ("抓招商引资", "主要工作", "上半年工作情况"),
        ("存在的问题", "存在问题", ""),
        ("冲刺全年目标", "下步打算", "下半年工作打算"),
        ("加快项目建设", "下步打算", "下半年工作打算"),
    ]
    [preamble] = [e for e in summary.outline if e.kind == "preamble"]
    assert preamble.text.startswith("上半年，开发区各项工作稳步推进") and "86.4亿元" in preamble.text
    assert all(e.grounding_status == "verified" for e in summary.outline)
    assert summary.meta.genre == "summary"


def test_a_summarys_memo_follows_its_outline_and_says_only_the_parts_it_has(tmp_path: Path) -> None:
    summary = extracted(tmp_path, SUMMARY)
    context = brief_context(summary, HEADER)
    titles = [s["title"] for s in context["sections"]]
    assert titles == ["上半年工作情况", "存在的问题", "下半年工作打算"]
    heads = [e["head"] for s in context["sections"] for e in s["entries"] if e["head"]]
    assert heads == [
        "（一）抓项目建设。",
        "（二）抓招商引资。",
        "（一）冲刺全年目标。",
        "（二）加快项目建设。",
    ]
    problems = context["sections"][1]["entries"][0]["text"]
    assert "38.5%" in problems and "要素保障压力较大" in problems  # a problem is said whole
    assert [row["value"] for row in context["indicators"]] == ["86.4亿元", "21.7亿元"]
    # the target stays in the plan section in its own words, never in the table of results
    assert "180亿元" not in {row["value"] for row in context["indicators"]}
    assert any("突破180亿元" in e["text"] for e in context["sections"][2]["entries"])


def test_a_report_without_problems_gets_no_problems_section_and_no_filler(tmp_path: Path) -> None:
    text = SUMMARY.split("二、存在的问题")[0]
    summary = extracted(tmp_path, text)
    md = cli_brief(tmp_path, summary.source)
    assert "存在问题" not in md and "原文未" not in md and "下步打算" not in md


def cli_brief(tmp_path: Path, source: str, *extra: str) -> str:
    stem = Path(source).stem
    out = tmp_path / "memo"
    summary_file = tmp_path / f"{stem}.summary.json"
    assert (
        cli.main(["brief", str(summary_file), "-o", str(out), "--prose", "template", "--force", *extra]) == 0
    )
    return (out / f"{stem}.brief.md").read_text(encoding="utf-8")


FEATURE = (
    "石溪园区：三个“聚焦”推动高质量发展\n"
    "初冬时节，走进石溪园区，处处是忙碌景象。今年以来，石溪园区聚焦项目、招商、服务，推动园区加快发展。\n"
    "聚焦项目建设，夯实发展基础。“项目就是生命线。”园区负责人说。该园区今年计划投资28亿元建设项目16个，"
    "目前已开工14个，累计完成投资22.6亿元。\n"
    "聚焦链式招商，做大产业规模。他们组建4支招商小分队，新签约项目13个，协议总投资57亿元。\n"
    "聚焦企业服务，优化营商环境。园区推行“园区事园区办”，为企业解决问题63个。\n"
    "如今，石溪园区正以昂扬姿态奋力前行。\n"
)


def test_a_features_memo_is_its_topic_sentences_with_their_figures(tmp_path: Path) -> None:
    summary = extracted(tmp_path, FEATURE, stem="feature")
    assert summary.meta.genre == "news"
    md = cli_brief(tmp_path, summary.source)
    items = memo_items(md)
    assert [i.head for i in items if i.head] == [
        "一、聚焦项目建设，夯实发展基础。",
        "二、聚焦链式招商，做大产业规模。",
        "三、聚焦企业服务，优化营商环境。",
    ]
    body = {i.head: i.body for i in items}
    # the plan figure keeps its own words (计划投资) beside the results, and who said what is left out
    assert "计划投资28亿元" in body["一、聚焦项目建设，夯实发展基础。"]
    assert "生命线" not in md and "该园区" not in md
    # a story's 他们 at a clause's start is the zone, named
    assert body["二、聚焦链式招商，做大产业规模。"].startswith("园区组建4支招商小分队")
    assert "昂扬姿态" not in md  # the closing line is not an item
    assert "主要指标" not in md  # a story's three figures read in its items, not in a table


def test_a_plans_memo_is_its_targets_and_tasks_without_a_results_table(tmp_path: Path) -> None:
    summary = extracted(tmp_path, (GENRES / "plan-songlin-2026-key-points.txt").read_text(encoding="utf-8"))
    context = brief_context(summary, HEADER)
    assert summary.meta.genre == "plan" and context["indicators"] == []
    assert context["title"] == "松林经济开发区2026年工作要点"
    assert [s["title"] for s in context["sections"]][:2] == [
        "坚持项目为王，全力扩大有效投资",
        "坚持招大引强，增强产业发展后劲",
    ]


def test_a_template_is_said_to_be_one(tmp_path: Path) -> None:
    summary = extracted(tmp_path, (GENRES / "template-xx-zone-plan.txt").read_text(encoding="utf-8"))
    md = cli_brief(tmp_path, summary.source)
    assert "（模板）" in md.splitlines()[6] and "【模板】" in md


def test_condensing_keeps_the_heaviest_clause_with_its_subject_and_time() -> None:
    text = (
        "一是创新管理机制。建立扁平化管理体制，推行全员绩效考核。"
        "亿通新材料项目正在进行生产线设备采购，年内完成投资1.8亿元，预计明年投产。"
        "1-9月，走访企业80余次，收集企业诉求23项，帮助企业获得贷款2.1亿元。"
    )
    found = clauses(text)
    assert all(not c.text.startswith("一是") for c in found)
    body, left = condense(text, 10)  # room for the key clause only
    assert body == "1-9月，走访企业80余次，收集企业诉求23项，帮助企业获得贷款2.1亿元。" and left == 1
    long_clause = (
        "对接长三角、珠三角和京津冀三大区域重点企业，组织专题推介会议，邀请客商实地考察园区，"
        "洽谈推进中的亿通生物能源固废利用项目正在进行生产线设备采购，年内完成投资1.8亿元，目前进展顺利。"
    )
    [piece] = [c.text for c in clauses(long_clause) if c.weight]
    # the clause's short opening, the subject before the figure and its role word all stay
    assert piece.startswith("对接长三角")
    assert "洽谈推进中的亿通生物" in piece and "年内完成投资1.8亿元" in piece


def test_shared_budget_goes_where_the_figures_are_and_problems_stay_whole() -> None:
    texts = [
        "开展调研走访。组织培训会议。",
        "新签约项目13个，协议总投资57亿元；新开工项目9个；竣工项目5个。",
        "一是用地紧张；二是人才偏少；三是融资难。",
    ]
    bodies = condense_all(texts, 40, whole=[False, False, True])
    assert bodies[0][0] == "开展调研走访。"  # no figure: its opening clause, once
    assert "57亿元" in bodies[1][0]
    assert bodies[2][0] == "用地紧张；人才偏少；融资难。"


def test_batch_and_brief_write_the_same_memo_with_the_offices_red_header(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """One recipe: batch takes reference_doc from the config like `brief` does."""
    office = docx.Document()
    office.add_paragraph("石溪经济开发区管理委员会")
    buffer = io.BytesIO()
    office.save(buffer)
    (tmp_path / "office.docx").write_bytes(buffer.getvalue())
    (tmp_path / "summarizer.toml").write_text(
        f'[summarizer]\nreference_doc = "{(tmp_path / "office.docx").as_posix()}"\nprose = "template"\n',
        encoding="utf-8",
    )
    report = tmp_path / "r.txt"
    report.write_text(SUMMARY, encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    assert cli.main(["brief", str(report), "--dry-run", "-f", "docx", "-o", "one"]) == 0
    assert (
        cli.main(["batch", str(report), "--dry-run", "--do", "extract,brief", "-f", "docx", "-o", "many"])
        == 0
    )
    single = [p.text for p in docx.Document(str(tmp_path / "one" / "r.brief.docx")).paragraphs]
    batched = [p.text for p in docx.Document(str(tmp_path / "many" / "r.brief.docx")).paragraphs]
    assert single[0] == "石溪经济开发区管理委员会" and single == batched
    assert any(text.startswith("（一）抓项目建设。") for text in single)


MEETING = (
    "石溪经开区召开招商引资工作推进会\n"
    "10月28日，石溪经济技术开发区召开管委会主任办公会暨招商引资工作推进会。管委会主任陈立主持会议。\n"
    "会议听取了招商局的汇报。1—9月，全区新签约项目37个，协议投资总额186.4亿元，完成年度目标的74.6%。\n"
    "会议指出，该区招商工作推进有力，但签约项目落地转化慢。\n"
    "（一）原则同意《石溪经开区四季度招商引资攻坚行动方案》，由招商局修改完善后印发实施。责任单位：招商局。\n"
    "（二）同意从产业发展专项资金中安排1800万元，用于兑现招商奖励。责任单位：财政局。\n"
)


def test_a_meetings_memo_reports_what_was_heard_and_decided(tmp_path: Path) -> None:
    summary = extracted(tmp_path, MEETING, stem="meeting")
    assert summary.meta.genre == "meeting"
    md = cli_brief(tmp_path, summary.source)
    lead = md.split("## ", 1)[1].splitlines()[2]
    assert lead.startswith("10月28日，石溪经济技术开发区召开") and "186.4亿元" not in lead
    # the paragraphs before the decisions are items of their own, and 该区 is named
    assert "协议投资总额186.4亿元" in md and "会议指出，开发区招商工作推进有力" in md
    # a decision is a whole sentence: numbered, not set in bold as a heading
    assert "**一、**原则同意《石溪经开区四季度招商引资攻坚行动方案》" in md
    assert "**二、**同意从产业发展专项资金中安排1800万元" in md


def test_a_plans_numbered_targets_are_one_line_and_its_self_reference_is_left_out(tmp_path: Path) -> None:
    text = (
        "石溪高新区经济发展局2026年工作计划\n"
        "2026年是开局之年。为做好全年工作，结合我局职能，制定本计划。\n"
        "一、主要目标\n"
        "（一）地区生产总值增长7%左右；\n"
        "（二）规上工业总产值达到620亿元；\n"
        "（三）新增规上工业企业35家以上。\n"
        "二、重点工作\n"
        "（一）推进重大项目建设。全年安排重点项目72个，年度计划投资118亿元，2月底前完成包保责任落实。\n"
        "（二）优化惠企服务。为全部规上工业企业配备服务专员。\n"
    )
    summary = extracted(tmp_path, text, stem="dept")
    assert summary.meta.issuer == "石溪高新区经济发展局" and summary.meta.genre == "plan"
    md = cli_brief(tmp_path, summary.source)
    assert "地区生产总值增长7%左右；规上工业总产值达到620亿元；新增规上工业企业35家以上。" in md
    assert "制定本计划" not in md and "我局" not in md
    assert "**（一）推进重大项目建设。**" in md


def test_a_government_reports_memo_has_its_review_difficulties_and_tasks(tmp_path: Path) -> None:
    text = (GENRES / "govreport-heping-district-2026.txt").read_text(encoding="utf-8")
    summary = extracted(tmp_path, text, stem="gov")
    context = brief_context(summary, HEADER)
    assert summary.meta.issuer == "和平区" and summary.meta.genre == "government_report"
    # the difficulties said at the end of 一、2025年工作回顾 open a part of their own
    assert [s["title"] for s in context["sections"]] == [
        "2025年工作回顾",
        "存在问题",
        "2026年主要目标和重点任务",
    ]
    assert context["sections"][1]["entries"][0]["text"].startswith("经济增长内生动力仍需增强")
    assert context["indicators"] == []  # last year's results stand in the review, never as 本期
    assert context["lead"] == "和平区2026年政府工作报告包括：2025年工作回顾；2026年主要目标和重点任务。"


def test_an_estimate_word_between_an_indicator_and_its_figure_keeps_the_name(tmp_path: Path) -> None:
    summary = extracted(tmp_path, (GENRES / "economy-qingshui-2025-oct.txt").read_text(encoding="utf-8"))
    [gdp] = [i for i in summary.indicators if i.value == "286.4亿元"]
    assert (gdp.name, gdp.role, gdp.headline) == ("地区生产总值", "estimate", True)
    assert brief_context(summary, HEADER)["title"] == "青水高新区2025年1-10月地区生产总值预计同比增长6.8%"


def test_clauses_that_only_read_in_place_are_left_out_but_never_a_figure() -> None:
    text = (
        "园区如何建设？项目如何推进？面对这六项问题，园区管委会制定了详细措施。"
        "记者从石溪园区获悉，这些项目总投资12亿元。结合我局职能，制定本计划。（石溪园区办公室 2026年1月5日）"
    )
    assert [c.text for c in clauses(text)] == ["这些项目总投资12亿元。"]


def test_a_long_framing_sentence_leads_with_its_time_and_conclusion(tmp_path: Path) -> None:
    text = (
        "石溪经济开发区2025年上半年工作总结\n"
        "今年以来，开发区紧紧围绕县委、县政府安排部署，持续深化体制机制改革创新，以扎实的改革成效激发发展活力、"
        "释放资源潜力、增加发展动力，着力打造全县动能转换引领区、产城融合示范区，各项工作均较好地实现了预期目标。"
        "预计上半年，规模以上工业总产值86.4亿元，同比增长12.1%；完成固定资产投资21.7亿元，同比增长8.3%。\n"
        "一、主要工作\n（一）抓项目建设。全年安排重点项目26个。\n（二）抓招商引资。新签约项目11个。\n"
    )
    lead = brief_context(extracted(tmp_path, text), HEADER)["lead"]
    assert lead.startswith("今年以来，各项工作均较好地实现了预期目标。") and "86.4亿元" in lead


def test_a_figures_subject_is_kept_but_not_another_predicate() -> None:
    with_subject = (
        "洽谈中的亿通生物能源固废利用项目正在进行生产线设备采购，"
        "年内完成投资1.8亿元，进展顺利，预计明年建成投产运营。"
    )
    [piece] = [c.text for c in clauses(with_subject) if c.weight]
    assert piece.startswith("洽谈中的亿通生物能源")
    other = (
        "组织设计、施工、监理等多方召开专题推进会，对可能出现的风险点进行场景模拟，研究制定了相应保障措施，"
        "扎实推进4条道路收尾验收工程。"
    )
    [piece] = [c.text for c in clauses(other) if c.weight]
    assert "研究制定" not in piece and piece.endswith("扎实推进4条道路收尾验收工程")


def test_a_plans_review_paragraph_of_last_year_holds_results_over_all_its_sentences(tmp_path: Path) -> None:
    text = (
        "石溪经济开发区2026年工作思路\n"
        "2025年，开发区实现规上工业总产值120.4亿元，同比增长8.2%。全年新签约项目27个，协议总投资118亿元。\n"
        "2026年主要目标：规上工业总产值增长10%以上，新签约项目30个。\n"
    )
    roles = {i.value: i.role for i in extracted(tmp_path, text).indicators}
    assert roles["27个"] == roles["118亿元"] == roles["120.4亿元"] == "result"
    assert roles["30个"] == "target"


def test_a_dateline_that_cleaning_takes_out_still_makes_a_story_news() -> None:
    # the title says 工作情况, a summary's word; the dateline over the text decides, and cleaning
    # removes it from the text as a byline: it is read where the report was loaded
    sk = skeleton_of(
        "柘岭经济开发区2025年重点工作情况\n"
        "本报讯（记者 周安）近日，柘岭区举行开发区专场新闻发布会，开发区负责人介绍了相关工作情况。\n"
        "一、招商引资。全年走访企业90余次。\n"
    )
    assert sk.genre == "news"
