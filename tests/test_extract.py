"""Structure-first extraction on the fake backend: the skeleton decides what is in the summary, the
model only names it by id, and nothing the model does wrong loses an item or a document."""

from __future__ import annotations

import json
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import pytest

from summarizer.backends.base import Message
from summarizer.backends.fake import FakeBackend
from summarizer.core.errors import EndpointFailed, ExtractionFailed
from summarizer.core.models import Document, LoadedText
from summarizer.llm.cache import CallCache
from summarizer.llm.extract import ExtractOptions, Extractor
from summarizer.text.analyze import analyze_text

REPORT = (
    "桐川经济开发区2025年上半年工作总结\n"
    "上半年，实现规模以上工业总产值86.4亿元，同比增长12.5%；完成固定资产投资23.7亿元；"
    "技术人才队伍持续壮大，当年引进132名。\n"
    "一、项目建设\n"
    "华拓储能公司年产2GWh储能电池项目总投资18.6亿元，目前在建。\n"
    "二、存在问题\n"
    "一是要素保障压力较大，新增用地指标仅落实三成，部分项目因用地未批而推迟开工；二是研发投入偏少。\n"
    "三、下步打算\n"
    "力争全年规上工业总产值突破180亿元。\n"
)


def document(text: str = REPORT) -> Document:
    return analyze_text(LoadedText(source="r.txt", format="text", text=text))


def asked_ids(messages: Sequence[Message], schema: dict[str, Any] | None) -> list[str]:
    return list((schema or {}).get("required", []))


def naming(answers: dict[str, Any]) -> FakeBackend:
    """A model that answers the ids it is asked about from `answers` (and nothing else)."""

    def reply(messages: Sequence[Message], schema: dict[str, Any] | None) -> str:
        ids = asked_ids(messages, schema)
        return json.dumps({i: answers[i] for i in ids if i in answers}, ensure_ascii=False)

    return FakeBackend(default=reply)


def by_value(summary: Any, value: str) -> Any:
    [found] = [i for i in summary.indicators if i.value == value]
    return found


def test_every_figure_is_in_the_summary_in_its_role_whatever_the_model_says() -> None:
    summary = Extractor(FakeBackend(default=lambda m, s: "{}")).extract(document())
    roles = {i.value: i.role for i in summary.indicators}
    assert roles == {"86.4亿元": "result", "23.7亿元": "result", "132名": "result", "2GWh": "result",
                     "18.6亿元": "result", "180亿元": "target", "三成": "problem"}  # fmt: skip
    assert by_value(summary, "86.4亿元").change == "同比增长12.5%"
    assert by_value(summary, "86.4亿元").name == "规上工业总产值" and by_value(summary, "86.4亿元").headline
    assert summary.problems[0].text.startswith("要素保障压力较大")
    assert summary.meta.issuer == "桐川经济开发区" and summary.meta.period == "2025年上半年"
    assert (
        summary.coverage is not None and summary.coverage.facts == 7 and summary.coverage.rates_attached == 1
    )


def test_the_model_is_asked_only_what_the_rules_cannot_decide_by_id() -> None:
    backend = naming({})
    Extractor(backend).extract(document())
    asked = [i for call in backend.history for i in asked_ids(call.messages, call.schema)]
    assert "f1" not in asked and "f2" not in asked  # 规上工业总产值, 固定资产投资: the vocabulary names them
    assert "f3" in asked  # 当年引进132名: the rules read only the bare verb 引进, its noun is elliptical
    assert "j1" not in asked  # 华拓储能公司年产2GWh储能电池项目: named as written, by the rules
    assert any(i.startswith("p") for i in asked)


def test_a_project_the_rules_cannot_name_is_asked_and_one_they_can_keeps_its_words() -> None:
    text = REPORT.replace("目前在建。", "目前在建；推动恒远精密有限公司汽车零部件等5个在谈项目加快落地。")
    group_answer = {"name": "恒远精密汽车零部件等在谈项目", "company": "恒远精密有限公司", "status": "在谈"}
    backend = naming({"j2": group_answer})
    summary = Extractor(backend).extract(document(text))
    asked = [i for call in backend.history for i in asked_ids(call.messages, call.schema)]
    assert "j2" in asked and "j1" not in asked
    first, group = summary.projects
    assert (first.name, first.named_by, first.company) == ("华拓储能公司年产2GWh储能电池项目", "source", "")
    assert (group.name, group.company, group.named_by) == (*list(group_answer.values())[:2], "model")


def test_the_schema_lists_exactly_the_asked_ids() -> None:
    backend = naming({})
    Extractor(backend).extract(document())
    for call in backend.history:
        schema = call.schema or {}
        assert schema["additionalProperties"] is False
        assert set(schema["required"]) == set(schema["properties"]) and schema["required"]
        assert all(f"{i}：" in call.messages[1]["content"] for i in schema["required"])


def test_answers_by_id_name_the_items_and_values_stay_the_parsers() -> None:
    answers = {"f3": "技术人才", "p1": "要素保障压力较大", "j1": {"name": "储能电池项目",
               "company": "华拓储能公司", "status": "投产"}}  # fmt: skip
    summary = Extractor(naming(answers)).extract(document())
    talent = by_value(summary, "132名")
    assert talent.name == "技术人才" and talent.named_by == "model" and talent.kind == "count"
    assert summary.problems[0].text == "要素保障压力较大" and summary.problems[0].form == "model"
    [project] = summary.projects  # named by the rules, as written: an answer for it is never used
    assert (project.name, project.company, project.investment, project.status) == (
        "华拓储能公司年产2GWh储能电池项目", "", "18.6亿元", "在建",
    )  # fmt: skip


@pytest.mark.parametrize(
    ("ident", "answer"),
    [
        ("f3", "人才132名"),  # a figure in a name
        ("f3", 17),  # not a string
        ("f3", "园区招商引资综合服务能力"),  # not found in its sentence
        ("p1", "要素保障压力较大，用地指标缺口达80%"),  # a figure the source does not hold
        ("p1", "用地指标缺口五成"),  # a spelled-out figure the source does not hold
        (
            "j1",
            {"name": "年产2GWh储能电池项目", "company": "宁川储能公司", "status": "在建"},
        ),  # invented company
        ("f3", "技术\x0c人才"),  # a control character an endpoint let through
        ("f3", "技术人才\ufffe"),  # a noncharacter
        ("p1", "要素保障压力较大***"),  # the key echoed into an item, redacted by the backend
    ],
)
def test_a_bad_answer_for_one_id_keeps_that_items_source_form(ident: str, answer: Any) -> None:
    summary = Extractor(
        naming({ident: answer, "f3": "技术人才"} if ident != "f3" else {ident: answer})
    ).extract(document())
    assert summary.coverage is not None and summary.coverage.skeleton_form >= 1
    items = {i.id: i for i in [*summary.indicators, *summary.problems]} | {p.id: p for p in summary.projects}
    item = items[ident]
    assert getattr(item, "named_by", None) != "model" and getattr(item, "form", None) != "model"
    text = " ".join(str(v) for v in item.model_dump().values())
    assert "80%" not in text and "宁川" not in text and "综合服务能力" not in text


def test_a_model_that_skips_ids_leaves_them_in_source_form() -> None:
    summary = Extractor(FakeBackend(default=lambda m, s: '{"f3": "技术人才"}')).extract(document())
    assert by_value(summary, "132名").name == "技术人才"
    assert summary.coverage is not None and summary.coverage.named_by_model == 1
    assert summary.coverage.skeleton_form == summary.coverage.asked - 1


def test_garbage_is_asked_again_once_then_the_unit_falls_back_with_a_warning() -> None:
    backend = FakeBackend(default=lambda m, s: "我无法完成这个任务。")
    summary = Extractor(backend).extract(document())
    units = len({call.messages[1]["content"] for call in backend.history})
    assert len(backend.history) == 2 * units  # first try + one re-ask per unit
    assert summary.warnings and "保留原文形式" in summary.warnings[0]
    assert len(summary.indicators) == 7 and summary.problems  # nothing lost


def test_a_failing_endpoint_costs_the_names_not_the_document() -> None:
    def down(messages: Sequence[Message], schema: dict[str, Any] | None) -> str:
        raise EndpointFailed("接口 http://x（模型 m）：连接失败（共尝试 3 次）。")

    summary = Extractor(FakeBackend(default=down)).extract(document())
    assert len(summary.indicators) == 7 and summary.warnings


def test_strict_fails_when_anything_kept_its_skeleton_form() -> None:
    with pytest.raises(ExtractionFailed, match="--strict"):
        Extractor(naming({}), options=ExtractOptions(strict=True)).extract(document())


def test_usage_counts_every_attempt() -> None:
    backend = FakeBackend(default=lambda m, s: "不是 JSON")
    summary = Extractor(backend).extract(document())
    assert summary.calls == len(backend.history) and summary.usage["completion_tokens"] > 0


def test_units_are_cut_to_the_configured_size() -> None:
    backend = naming({})
    Extractor(backend, options=ExtractOptions(unit_items=1)).extract(document())
    assert all(len(asked_ids(c.messages, c.schema)) == 1 for c in backend.history)


def test_cache_makes_a_rerun_free(tmp_path: Path) -> None:
    first = naming({"f3": "技术人才"})
    Extractor(first, CallCache(tmp_path)).extract(document())
    again = naming({})
    cached = Extractor(again, CallCache(tmp_path)).extract(document())
    assert again.history == [] and cached.calls == 0 and by_value(cached, "132名").name == "技术人才"


def test_document_text_is_data_not_template_source() -> None:
    hostile = REPORT.replace("研发投入偏少", "研发投入偏少{{ 7*7 }}{% if 1 %}x{% endif %}")
    backend = naming({})
    Extractor(backend).extract(document(hostile))
    prompts = "".join(call.messages[1]["content"] for call in backend.history)
    assert "{{ 7*7 }}" in prompts and "49" not in prompts


def test_a_condensed_item_must_state_the_item_not_name_its_topic() -> None:
    from summarizer.llm.naming import Ask, check_answer

    source = "二是产业结构仍需优化，新能源电池产业占规上工业总产值比重达到46.2%，产业单一风险上升。"
    ask = Ask(id="q2", kind="item", source=source)
    assert check_answer(ask, "产业结构优化问题") is None  # a topic label: the item keeps its source form
    assert check_answer(ask, "产业结构仍需优化，产业单一风险上升") == "产业结构仍需优化，产业单一风险上升"


def test_a_condensed_next_step_keeps_its_commitment_and_its_need() -> None:
    from summarizer.llm.naming import Ask, check_answer

    step = Ask(id="n3", kind="item", source="三是确保全年新开工亿元以上项目不少于10个，完成项目投资42亿元。")
    assert check_answer(step, "新开工亿元以上项目") is None  # the figure is what was promised
    assert check_answer(step, "新开工亿元以上项目不少于10个") == "新开工亿元以上项目不少于10个"
    problem = Ask(id="p1", kind="item", source="一是产业结构仍需优化，产业单一风险上升。")
    assert check_answer(problem, "产业结构优化，产业单一") is None  # 仍需 dropped: reads as done


def test_a_name_for_an_elliptical_figure_is_never_its_neighbours() -> None:
    from summarizer.llm.naming import Ask, check_answer

    ask = Ask(
        id="f2",
        kind="fact",
        source="晟光新能源新增产能1.5GW，产值同比增长〖23.6%〗",
        neighbours=("晟光新能源新增产能",),
    )
    assert check_answer(ask, "晟光新能源新增产能") is None  # the 1.5GW figure's name, not this one's
    assert check_answer(ask, "晟光新能源产值") is None  # not written so in the sentence
