"""Every figure under its own name (issue 19): names read from the source, and no sentence, answer or
hand edit that attaches a figure to anything else comes out verified — through the real CLI, with a
real HTTP endpoint on 127.0.0.1 where a model speaks."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from summarizer.cli import commands as cli
from summarizer.core.config import Settings
from summarizer.grounding.ground import names_match
from summarizer.skeleton.build import build_skeleton
from summarizer.skeleton.names import is_bare, name_problem, named_figures
from summarizer.skeleton.types import Skeleton
from summarizer.text.analyze import analyze_file
from tests.scripted_server import Reply, Script, scripted_server

# An invented zone; each sentence is one trap of the issue.
REPORT = (
    "澄江经济开发区2025年工作总结\n"
    "一、基本情况\n"
    "2025年，全区规上工业增加值74.5亿元，同比增长11.8%；固定资产投资58.3亿元，同比下降4.2%，完成年度目标任务的81.9%。"
    "三大主导产业主营业务收入占全区主营业务收入的87.83%。新增规上工业企业21家，总数达到186家。\n"
    "二、主要工作\n"
    "（一）项目建设。全年召开工业项目入园联审会议2次，审议并通过了25个项目；恒安精工等12个项目开工建设，"
    "投资97.4亿元建设澄江智造产业园。\n"
    "三、存在问题\n"
    "一是外贸持续承压，进出口总额下降3.5%；二是发现安全隐患问题40项，已完成整改36项；"
    "三是技术人才队伍偏弱，当年仅引进32名。\n"
)


def _skeleton(tmp_path: Path) -> Skeleton:
    path = tmp_path / "r.txt"
    path.write_text(REPORT, encoding="utf-8")
    return build_skeleton(analyze_file(str(path), Settings()))


def _extracted(tmp_path: Path, text: str) -> tuple[Path, dict[str, Any]]:
    """`extract --dry-run` of an invented report: the summary's path and its JSON."""
    report = tmp_path / "r.txt"
    report.write_text(text, encoding="utf-8")
    assert cli.main(["extract", str(report), "--dry-run", "-o", str(tmp_path)]) == 0
    path = tmp_path / "r.summary.json"
    return path, json.loads(path.read_text(encoding="utf-8"))


def _sentence_names(sentence: str) -> dict[str, str]:
    """Each figure of one sentence of an invented report, with the name the skeleton gives it."""
    from summarizer.core.models import LoadedText
    from summarizer.text.analyze import analyze_text

    text = f"澄江经济开发区2025年工作总结\n{sentence}\n"
    facts = build_skeleton(analyze_text(LoadedText(source="r.txt", format="text", text=text))).facts
    return {f.value.text: f.canonical or f.subject for f in facts}


def _names(tmp_path: Path) -> dict[str, str]:
    return {f.value.text: f.canonical or f.subject for f in _skeleton(tmp_path).facts}


def test_each_figure_is_named_by_the_subject_the_source_gives_it(tmp_path: Path) -> None:
    names = _names(tmp_path)
    assert names["74.5亿元"] == "规上工业增加值"
    assert names["87.83%"] == "三大主导产业主营业务收入占全区主营业务收入比重"  # a share names both sides
    assert names["81.9%"] == "固定资产投资完成年度目标任务"  # which task, and whose
    assert names["2次"] == "召开工业项目入园联审会议"  # a count names its verb and noun
    assert names["25个"] == "审议并通过项目"  # the noun after the count, not the bare verb
    assert names["12个"] == "恒安精工等项目"  # one company never stands for the total
    assert names["186家"] == "规上工业企业总数"  # 总数 takes what it counts
    assert names["97.4亿元"] == "投资建设澄江智造产业园"


def test_no_name_is_a_bare_verb_or_measure_word(tmp_path: Path) -> None:
    for bare in (
        "召开",
        "审议并通过了",
        "增幅",
        "总数",
        "目标任务",
        "项目",
        "聚焦",
        "投资",
        "完成投资",
        "项目投资",
    ):
        assert is_bare(bare) and name_problem(bare), bare
    for name in ("签约项目", "走访企业", "召开工业项目入园联审会议", "签约项目总投资", "推进专班"):
        assert name_problem(name) == "", name
    names = _names(tmp_path)
    problems = {text: name_problem(name) for text, name in names.items()}
    assert names["36项"] == "完成整改安全隐患问题"  # the verb takes the noun of the count before it
    # only the elliptical subject (当年仅引进32名: of what?) is left for the model to name
    assert [text for text, problem in problems.items() if problem] == ["32名"]


def test_a_figure_verifies_only_under_the_name_the_source_gives_it() -> None:
    assert names_match("规上工业总产值", "规模以上工业总产值")
    assert names_match("总产值", "规上工业总产值")
    assert not names_match("规上工业总产值", "规上工业增加值")  # shares 规上工业: a different indicator
    assert not names_match("投资", "固定资产投资")  # a bare word names nothing
    assert not names_match("利润总额", "净利润")
    figures = dict((q.text, name) for q, name in named_figures("规上工业总产值达74.5亿元，同比增长11.8%"))
    assert figures == {"达74.5亿元": "规上工业总产值", "11.8%": "规上工业总产值"}


def _extract(tmp_path: Path, *extra: str) -> Path:
    report = tmp_path / "r.txt"
    report.write_text(REPORT, encoding="utf-8")
    assert cli.main(["extract", str(report), "-o", str(tmp_path), "--no-cache", *extra]) == 0
    return tmp_path / "r.summary.json"


def _verify(capsys: pytest.CaptureFixture[str], path: Path) -> dict[str, str]:
    capsys.readouterr()
    cli.main(["verify", str(path), str(path.parent / "r.txt"), "--json"])
    report = json.loads(capsys.readouterr().out)
    # the outline quotes the report: its findings are the source's own words, not the edited rows
    return {
        f["written"]: f["status"]
        for f in report["findings"]
        if f["field"] in ("value", "change", "text") and not f["item"].startswith("outline[")
    }


def _endpoint(url: str) -> list[str]:
    return ["--backend", "openai", "--base-url", url, "--model", "m"]


def test_a_naming_answer_that_names_another_indicator_is_refused(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The model is asked only for the elliptical 32名; it answers 规上工业总产值 (a neighbour's name, not
    in the sentence): the answer is dropped and the figure keeps the source's words."""
    monkeypatch.setenv("SUMMARIZER_API_KEY", "k")
    ident = next(f.id for f in _skeleton(tmp_path).facts if f.value.text == "32名")
    script = Script(*[Reply(content=json.dumps({ident: "规上工业总产值"}, ensure_ascii=False))] * 4)
    with scripted_server(script) as url:
        path = _extract(tmp_path, *_endpoint(url))
    asked = [json.dumps(r, ensure_ascii=False) for r in script.requests]
    assert len(asked) == 1 and "〖32名〗" in asked[0]  # one call, for the one elliptical figure
    data = json.loads(path.read_text(encoding="utf-8"))
    named = {i["value"]: (i["name"], i["named_by"]) for i in data["indicators"]}
    assert named["32名"] == ("仅引进", "source")


def test_a_hand_renamed_figure_is_misattributed_in_verify_and_marked_in_every_deliverable(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    path = _extract(tmp_path, "--dry-run")
    data = json.loads(path.read_text(encoding="utf-8"))
    for row in data["indicators"]:
        if row["value"] == "74.5亿元":
            row["name"] = "规上工业总产值"  # 74.5亿元 is 增加值
        if row["value"] == "97.4亿元":
            row["name"] = "固定资产投资"  # the source's 固定资产投资 is 58.3亿元
    path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    statuses = _verify(capsys, path)
    assert statuses["74.5亿元"] == statuses["97.4亿元"] == "misattributed"
    assert statuses["58.3亿元"] == "verified"
    out = tmp_path / "o"
    assert cli.main(["brief", str(path), "-o", str(out), "--prose", "template", "-f", "md"]) == 0
    brief = (out / "r.brief.md").read_text(encoding="utf-8")
    # the table's rows carry the edited names, marked; an item quoting the report keeps the source's
    # own words around the figure, which need no mark
    rows = [line for line in brief.splitlines() if "74.5亿元" in line or "97.4亿元" in line]
    assert rows and all("【待核】" in line for line in rows if line.startswith("|"))
    assert all("规上工业总产值74.5亿元" not in line and "固定资产投资97.4亿元" not in line for line in rows)
    assert cli.main(["plan", str(path), "-o", str(out), "-f", "md"]) == 0
    plan = (out / "r.plan.md").read_text(encoding="utf-8")
    assert all("【待核】" in line for line in plan.splitlines() if "74.5亿元" in line)


def test_an_edited_change_cell_is_marked_on_that_cell_not_on_its_value(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    path = _extract(tmp_path, "--dry-run")
    data = json.loads(path.read_text(encoding="utf-8"))
    row = next(r for r in data["indicators"] if r["value"] == "74.5亿元")
    row["change"] = row["change"].replace("11.8%", "21.8%")
    path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    out = tmp_path / "o"
    assert cli.main(["brief", str(path), "-o", str(out), "--prose", "template", "-f", "md"]) == 0
    line = next(x for x in (out / "r.brief.md").read_text(encoding="utf-8").splitlines() if "21.8%" in x)
    cells = [c.strip() for c in line.strip("|").split("|")]
    value = next(c for c in cells if "74.5亿元" in c)
    change = next(c for c in cells if "21.8%" in c)
    assert "【待核】" in change and "【待核】" not in value


def test_a_reversed_state_word_is_not_verified(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    path = _extract(tmp_path, "--dry-run")
    data = json.loads(path.read_text(encoding="utf-8"))
    problem = next(p for p in data["problems"] if "承压" in p["text"] + p.get("detail", ""))
    for key in ("text", "detail"):
        problem[key] = problem.get(key, "").replace("承压", "向好")
    path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    statuses = _verify(capsys, path)
    assert statuses[problem["text"]] == "text_not_found"


@pytest.mark.parametrize(
    ("title", "lead", "why"),
    [
        # 74.5亿元 is 增加值, not 总产值: the right number under the wrong indicator
        (
            "澄江经济开发区规上工业总产值达74.5亿元",
            "2025年，澄江经济开发区规上工业总产值74.5亿元。",
            "74.5亿元",
        ),
        # a judgement the report never makes, after output fell and 81.9% of target
        (
            "澄江经济开发区经济发展稳定",
            "2025年，澄江经济开发区规上工业增加值74.5亿元，企业活力增强。",
            "稳定",
        ),
    ],
)
def test_model_prose_that_misnames_a_figure_or_judges_falls_back_to_the_programs(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, title: str, lead: str, why: str
) -> None:
    monkeypatch.setenv("SUMMARIZER_API_KEY", "k")
    prose = json.dumps({"title": title, "lead": lead, "note": ""}, ensure_ascii=False)
    path = _extract(tmp_path, "--dry-run")
    script = Script(*[Reply(content=prose)] * 4)
    out = tmp_path / "o"
    with scripted_server(script) as url:
        code = cli.main(["brief", str(path), "-o", str(out), "-f", "md", "--prose", "model", *_endpoint(url)])
    assert code == 0 and script.requests  # the model was asked, and asked again with the problem named
    assert why in json.dumps(script.requests[-1], ensure_ascii=False)
    brief = (out / "r.brief.md").read_text(encoding="utf-8")
    assert title not in brief and lead not in brief
    assert "规上工业增加值74.5亿元" in brief  # the program's lead, the figure under its own name


PROJECT_REPORT = (
    "澄江经济开发区2025年工作总结\n"
    "一、项目建设\n"
    "澄江新材料年产5万吨特种纤维项目总投资6.2亿元，目前正在进行主体施工。\n"
)


def test_hand_edited_status_company_timeline_and_title_are_checked_too(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    """Fields no check used to read: a project's stage, company and timeline, and the report's title."""
    path, data = _extracted(tmp_path, PROJECT_REPORT)
    assert data["projects"][0]["status"] == "在建"
    assert _findings(capsys, path, "projects[0]") == {
        "name": "verified",
        "investment": "verified",
        "status": "verified",
    }
    data["projects"][0].update(status="投产", company="澄江化工集团有限公司", timeline="2025年6月底")
    data["meta"]["title"] = "澄江经济开发区产值突破500亿元"
    path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    project = _findings(capsys, path, "projects[0]")
    assert project["status"] == project["company"] == project["timeline"] == "text_not_found"
    assert _findings(capsys, path, "meta.title") == {"title": "text_not_found"}
    out = tmp_path / "o"
    assert cli.main(["brief", str(path), "-o", str(out), "--prose", "template", "-f", "md"]) == 0
    brief = (out / "r.brief.md").read_text(encoding="utf-8")
    assert cli.main(["plan", str(path), "-o", str(out), "-f", "md"]) == 0
    plan = (out / "r.plan.md").read_text(encoding="utf-8")
    # the memo follows the report's own words (the project as the report says it), so the edited
    # fields never stand in it unmarked, nor in the plan
    assert "目前正在进行主体施工" in brief
    assert all("【待核】" in line for line in (brief + plan).splitlines() if "澄江化工集团" in line)
    assert "500亿元" not in brief + plan


def _findings(capsys: pytest.CaptureFixture[str], path: Path, item: str) -> dict[str, str]:
    capsys.readouterr()
    cli.main(["verify", str(path), str(path.parent / "r.txt"), "--json"])
    report = json.loads(capsys.readouterr().out)
    return {f["field"]: f["status"] for f in report["findings"] if f["item"] == item}


def test_a_measure_filed_under_another_theme_is_not_verified(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    report = tmp_path / "r.txt"
    report.write_text(
        "澄江经济开发区2025年工作总结\n一、主要工作\n（一）强化招商引资。一是赴长三角开展专题招商活动。\n",
        encoding="utf-8",
    )
    assert cli.main(["extract", str(report), "--dry-run", "-o", str(tmp_path)]) == 0
    path = tmp_path / "r.summary.json"
    data = json.loads(path.read_text(encoding="utf-8"))
    assert data["measures"][0]["theme"] == "招商引资"
    assert _findings(capsys, path, "measures[0]")["theme"] == "verified"
    data["measures"][0]["theme"] = "党建"
    path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    assert _findings(capsys, path, "measures[0]")["theme"] == "text_not_found"


@pytest.mark.parametrize(
    ("source", "value", "wrong"),
    [
        ("园区在孵企业612家，毕业企业47家。", "612家", "毕业企业"),  # the next clause's noun
        ("规上工业企业达到158家，比年初增加12家。", "158家", "比年初增加"),
        ("新签约项目18个，其中工业项目12个、服务业项目6个。", "12个", "服务业项目"),
        ("恒达科技等5个项目开工建设。", "5个", "恒达科技"),  # one company for the total
        ("新签约项目18个，完成投资32亿元。", "32亿元", "总投资"),  # a bare word names nothing
    ],
)
def test_a_hand_renamed_count_is_not_verified_by_a_neighbours_words(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, source: str, value: str, wrong: str
) -> None:
    path, data = _extracted(tmp_path, f"澄江经济开发区2025年工作总结\n一、主要工作\n{source}\n")
    row = next(r for r in data["indicators"] if r["value"] == value)
    assert _verify(capsys, path)[value] == "verified"  # under the source's own name
    row["name"] = wrong
    path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    assert _verify(capsys, path)[value] == "misattributed"


def test_a_respectively_list_names_values_and_rates_in_order(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    report = tmp_path / "r.txt"
    report.write_text(
        "澄江经济开发区2025年工作总结\n一、基本情况\n"
        "全区规上工业总产值、规上工业增加值分别为486.2亿元、112.5亿元，分别增长10.3%、8.9%。\n",
        encoding="utf-8",
    )
    assert cli.main(["extract", str(report), "--dry-run", "-o", str(tmp_path)]) == 0
    path = tmp_path / "r.summary.json"
    data = json.loads(path.read_text(encoding="utf-8"))
    rows = {r["value"]: (r["name"], r["change"]) for r in data["indicators"]}
    assert rows == {"486.2亿元": ("规上工业总产值", "增长10.3%"), "112.5亿元": ("规上工业增加值", "增长8.9%")}
    data["indicators"][0]["name"], data["indicators"][1]["name"] = "规上工业增加值", "规上工业总产值"
    path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    statuses = _verify(capsys, path)
    assert statuses["486.2亿元"] == statuses["112.5亿元"] == "misattributed"


TWO_PROJECTS = (
    "澄江经济开发区2025年工作总结\n一、项目建设\n"
    "恒力新材料项目已竣工投产，东方智造项目正在主体施工，计划2026年底竣工。"
    "由安达物流有限公司建设的冷链中心项目完成投资2.3亿元，绿源环保项目完成投资1.1亿元。\n"
)


@pytest.mark.parametrize(
    ("name", "edit", "field"),
    [
        ("东方智造项目", {"status": "投产"}, "status"),  # the neighbour's stage
        ("东方智造项目", {"status": "竣工"}, "status"),  # planned (计划…竣工), not done
        ("恒力新材料项目", {"status": "在建"}, "status"),
        ("绿源环保项目", {"company": "安达物流有限公司"}, "company"),  # the neighbour's company
        ("绿源环保项目", {"investment": "2.3亿元"}, "investment"),  # the neighbour's money
    ],
)
def test_a_projects_stage_company_and_money_are_its_own_not_its_neighbours(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, name: str, edit: dict[str, str], field: str
) -> None:
    path, data = _extracted(tmp_path, TWO_PROJECTS)
    data["projects"] = [
        {"name": "恒力新材料项目", "status": "投产"},
        {"name": "东方智造项目", "status": "在建"},
        {"name": "冷链中心项目", "company": "安达物流有限公司", "investment": "2.3亿元", "status": "未知"},
        {"name": "绿源环保项目", "investment": "1.1亿元", "status": "未知"},
    ]
    path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    assert all(status == "verified" for status in _verify_items(capsys, path, "projects").values())
    index = next(i for i, p in enumerate(data["projects"]) if p["name"] == name)
    data["projects"][index].update(edit)
    path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    statuses = _verify_items(capsys, path, f"projects[{index}]")
    assert statuses[field] in ("text_not_found", "misattributed")


def _verify_items(capsys: pytest.CaptureFixture[str], path: Path, prefix: str) -> dict[str, str]:
    capsys.readouterr()
    cli.main(["verify", str(path), str(path.parent / "r.txt"), "--json"])
    report = json.loads(capsys.readouterr().out)
    return {
        f"{f['item']}.{f['field']}": f["status"] for f in report["findings"] if f["item"].startswith(prefix)
    } | {f["field"]: f["status"] for f in report["findings"] if f["item"] == prefix}


def test_a_title_is_a_line_of_the_report_not_any_words_of_it(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    path, data = _extracted(tmp_path, TWO_PROJECTS)
    assert _findings(capsys, path, "meta.title") == {"title": "verified"}
    data["meta"]["title"] = "东方智造项目正在主体施工"  # words of the body, not its title
    path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    assert _findings(capsys, path, "meta.title") == {"title": "text_not_found"}


@pytest.mark.parametrize(
    ("sentence", "value", "name"),
    [
        ("全区规上工业企业达到158家，比年初增加12家。", "12家", "全区规上工业企业比年初增加"),
        (
            "高技术制造业增加值占规上工业增加值比重提升到46.8%。",
            "46.8%",
            "高技术制造业增加值占规上工业增加值比重",
        ),
        ("招商项目落地率不高，仅为62%。", "62%", "招商项目落地率"),  # the subject of the clause before
        ("固定资产投资：52.8亿元。", "52.8亿元", "固定资产投资"),  # a label before a colon
        ("新开工项目26个，竣工18个，投产15个。", "18个", "竣工项目"),  # the verb takes the count's noun
        ("高新技术企业总数达到260家，净增不少于30家。", "不少于30家", "高新技术企业净增"),  # the stock's
        # names listed with 、 are one name; a figure or an item's number before the 、 ends it
        ("全年开展驻点招商、以商招商活动不少于30场次。", "不少于30场次", "开展驻点招商、以商招商活动"),
        ("新增省级智能工厂3家、数字化车间12个。", "12个", "新增数字化车间"),
        (
            "11月底前赴长三角、粤港澳大湾区开展专题招商活动不少于2次。",
            "不少于2次",
            "赴长三角、粤港澳大湾区开展专题招商活动",
        ),
        ("四、同意从专项资金中安排1800万元。", "1800万元", "同意从专项资金中安排"),
        ("已谋划十大类97个项目，总投资446.55亿元。", "446.55亿元", "十大类项目总投资"),
        (
            "一是招商工作扎实推进，签约项目12个；二是人才工作有力，当年引进32名。",
            "32名",
            "引进",
        ),  # elliptical
    ],
)
def test_names_of_figures_whose_subject_stands_elsewhere(sentence: str, value: str, name: str) -> None:
    assert _sentence_names(sentence)[value] == name


def test_an_estimate_is_headlined_as_one(tmp_path: Path) -> None:
    report = tmp_path / "r.txt"
    report.write_text(
        "澄江经济开发区2025年上半年工作总结\n预计上半年，规模以上工业总产值158.6亿元，同比增长18.2%。\n",
        encoding="utf-8",
    )
    assert cli.main(["extract", str(report), "--dry-run", "-o", str(tmp_path)]) == 0
    out = tmp_path / "o"
    assert cli.main(["brief", str(tmp_path / "r.summary.json"), "-o", str(out), "--prose", "template"]) == 0
    title = next(
        line
        for line in (out / "r.brief.md").read_text(encoding="utf-8").splitlines()
        if line.startswith("## ")
    )
    assert "规上工业总产值预计同比增长18.2%" in title


@pytest.mark.parametrize(
    ("sentence", "value", "name"),
    [
        ("每个重点工程成立1支推进专班。", "1支", "每个重点工程成立推进专班"),  # per item, not a total
        ("推进仪凤路北延、凤竹路和鸾凤路等6条总长9公里道路建设。", "6条", "鸾凤路等道路"),
        ("推动旭普汽车内饰零部件等18个在谈项目加快手续办理。", "18个", "旭普汽车内饰零部件等在谈项目"),
        ("投资3.6亿元建设创智绿谷产业园、新材料产业园。", "3.6亿元", "投资建设创智绿谷产业园、新材料产业园"),
        ("发放“涉企政策指南”“惠企政策包”等100余本。", "100余本", "发放“涉企政策指南”“惠企政策包”"),
    ],
)
def test_names_of_groups_items_and_quoted_things(sentence: str, value: str, name: str) -> None:
    assert _sentence_names(sentence)[value] == name


def test_a_flow_of_a_core_indicator_keeps_its_verb(tmp_path: Path) -> None:
    """申报高企18家 are applications and 新增市场主体236户 the period's new ones, not the stock."""
    from summarizer.core.models import LoadedText
    from summarizer.text.analyze import analyze_text

    text = (
        "澄江经济开发区2025年工作总结\n今年以来申报高企18家，新增市场主体236户，高新技术企业总数达到92家。\n"
    )
    facts = build_skeleton(analyze_text(LoadedText(source="r.txt", format="text", text=text))).facts
    named = {f.value.text: (f.canonical or f.subject, f.headline) for f in facts}
    assert named["18家"] == ("申报高新技术企业", True)
    assert named["236户"] == ("新增市场主体", True)


def test_no_memo_row_is_named_by_a_bare_word(tmp_path: Path) -> None:
    """An elliptical result the model did not name (a dry run) stays in the summary, marked, but a memo
    never shows a row named only 引进."""
    report = tmp_path / "r.txt"
    report.write_text(
        "澄江经济开发区2025年工作总结\n一、主要工作\n"
        "一是招商工作扎实推进，签约项目12个；二是人才工作有力，当年引进32名。\n",
        encoding="utf-8",
    )
    assert cli.main(["extract", str(report), "--dry-run", "-o", str(tmp_path)]) == 0
    path = tmp_path / "r.summary.json"
    kept = {
        i["value"]: (i["name"], i["role"]) for i in json.loads(path.read_text(encoding="utf-8"))["indicators"]
    }
    assert kept["32名"] == ("引进", "result")  # kept, and the summary says whose name is missing
    out = tmp_path / "o"
    assert (
        cli.main(["brief", str(path), "-o", str(out), "--prose", "template", "-f", "md", "--pages", "0"]) == 0
    )
    brief = (out / "r.brief.md").read_text(encoding="utf-8")
    rows = [line.split("|")[1].strip() for line in brief.splitlines() if line.startswith("| ")][2:]
    assert "引进" not in rows  # 32名 stands only in its own sentence, in its item
    assert any("引进32名" in line and not line.startswith("|") for line in brief.splitlines())


def test_a_level_verb_and_a_share_word_are_not_part_of_the_name() -> None:
    # the level a figure is held at or brought to is no part of what it is
    for text, name in (
        ("全年诉求办结率保持在95%以上。", "诉求办结率"),
        ("审批时限压缩至30个工作日以内。", "审批时限"),
        ("研发经费支出占比保持在7%以上。", "研发经费支出占比"),  # 占比 is no share of a whole named 比
    ):
        assert [n for _, n in named_figures(text)] == [name], text


def test_a_count_listed_after_another_shares_its_flow_verb() -> None:
    names = [n for _, n in named_figures("全年新增省级智能工厂3家、数字化车间12个、高新技术企业9家。")]
    assert names == ["新增省级智能工厂", "新增数字化车间", "新增高新技术企业"]
    # a comma ends the list: the next clause names its own figure
    assert [n for _, n in named_figures("新增规上工业企业8家，总数达到96家。")][1] != "新增总数"
