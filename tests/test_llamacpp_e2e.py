"""The llama.cpp backend: fast checks without a model, then a few short calls on the real embedded one.

Tests marked `model` assemble the real 1.1 GB model once per session (a temp cache, removed after)
and load it once; they are skipped only when `llama_cpp` or the chunk packages are not installed.
Timings are printed for the record, never asserted.
"""

from __future__ import annotations

import json
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from summarizer.backends import llamacpp, modelstore
from summarizer.backends.base import Backend, Message
from summarizer.backends.llamacpp import DEFAULT_CONTEXT, LlamaCppBackend
from summarizer.backends.modelstore import EMBEDDED
from summarizer.core.config import Settings
from summarizer.core.errors import BackendError, BackendUnavailable

SYSTEM = (
    "你是开发区工作报告的信息抽取助手。只根据用户给出的原文抽取一个经济指标，不要编造，不要换算单位，"
    "数值必须与原文完全一致。输出 JSON 对象：indicator 为指标名称，value 为原文中的数值和单位，"
    "growth 为原文中的增速（没有则为空字符串）。"
    "如果原文没有经济指标，各字段都输出空字符串。"
    "请注意：增长率、比重等百分数不是指标的数值本身，"
    "“同比增长”后面的数字属于增速，不要当作 value。指标名称应简短，例如“固定资产投资”“规上工业总产值”。"
    "示例：原文“全区实现地区生产总值120.5亿元，同比增长6.1%。”应输出 "
    '{"indicator": "地区生产总值", "value": "120.5亿元", "growth": "6.1%"}。'
)
SCHEMA = {
    "type": "object",
    # not alphabetical on purpose: the grammar must keep the caller's property order
    "properties": {name: {"type": "string"} for name in ("indicator", "value", "growth")},
    "required": ["indicator", "value", "growth"],
    "additionalProperties": False,
}


def ask(sentence: str) -> list[Message]:
    return [{"role": "system", "content": SYSTEM}, {"role": "user", "content": f"原文：{sentence}"}]


# --- without a model -------------------------------------------------------------------------------


def test_missing_extra_says_what_to_install(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setitem(sys.modules, "llama_cpp", None)  # import fails as if not installed
    with pytest.raises(BackendUnavailable) as info:
        LlamaCppBackend.from_settings(Settings(cache_dir=tmp_path))
    assert 'pip install "gongwen-summarizer[local]"' in info.value.message
    assert not (tmp_path / "models").exists()  # nothing assembled for a backend that cannot run


def test_user_model_is_checked_before_loading(tmp_path: Path) -> None:
    pytest.importorskip("llama_cpp", reason="llama-cpp-python（local 扩展）未安装")
    bad = tmp_path / "model.gguf"
    bad.write_text("not a model")
    with pytest.raises(BackendError, match="不是 GGUF"):
        LlamaCppBackend.from_settings(Settings(model=str(bad), cache_dir=tmp_path))


def test_describe_without_loading(tmp_path: Path) -> None:
    backend = LlamaCppBackend(tmp_path / "x.gguf", threads=3)
    assert isinstance(backend, Backend)
    facts = backend.describe()
    assert facts["backend"] == "local" and facts["model"] == "x.gguf"
    assert (facts["context"], facts["threads"], facts["loaded"]) == (str(DEFAULT_CONTEXT), "3", "否")


# --- the real embedded model ---------------------------------------------------------------------------


@pytest.fixture(scope="module")
def model_path(embedded_model_file: tuple[Path, list[tuple[int, int]]]) -> Iterator[Path]:
    path, progress = embedded_model_file
    assert progress[-1] == (EMBEDDED.size, EMBEDDED.size)  # assembled with progress reported to the end
    yield path
    if llamacpp._loaded is not None:  # free the model before the next test module runs
        llamacpp._loaded[1].close()
        llamacpp._loaded = None


@pytest.fixture(scope="module")
def backend(model_path: Path) -> LlamaCppBackend:
    local = LlamaCppBackend(model_path, embedded=True)
    start = time.perf_counter()
    local.load()
    print(f"\n[timing] model load: {time.perf_counter() - start:.1f} s")
    return local


@pytest.mark.model
def test_real_model_is_assembled_and_verified(model_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    assert model_path.stat().st_size == EMBEDDED.size
    assert modelstore.check_gguf(model_path) == model_path
    monkeypatch.setattr(modelstore, "_verified", {})  # as in a new process: hash before first use
    hashed: list[int] = []
    start = time.perf_counter()
    modelstore.ensure_model(model_path.parent.parent, lambda done, total: hashed.append(done))
    print(f"\n[timing] sha256 verify of the cached file: {time.perf_counter() - start:.2f} s")
    assert hashed[-1] == EMBEDDED.size
    status = modelstore.model_status(model_path.parent.parent)
    assert (status["packages_installed"], status["assembled"], status["verified"]) == (22, True, True)


@pytest.mark.model
def test_schema_constrained_extraction(backend: LlamaCppBackend) -> None:
    reply = backend.complete(
        ask("青禾经济开发区上半年完成固定资产投资27.3亿元。"), schema=SCHEMA, max_tokens=64
    )
    data = json.loads(reply.text)
    assert list(data) == ["indicator", "value", "growth"]
    assert "27.3" in data["value"]
    assert (reply.mode, reply.finish_reason, reply.model) == ("grammar", "stop", EMBEDDED.filename)
    assert reply.usage.prompt_tokens > 150 and 0 < reply.usage.completion_tokens < 64
    print(f"\n[timing] first call: {reply.seconds:.2f} s {reply.usage} {backend.last_timings}")


@pytest.mark.model
def test_second_call_reuses_the_system_prefix(backend: LlamaCppBackend) -> None:
    backend.complete(ask("上半年园区新签约项目23个。"), schema=SCHEMA, max_tokens=64)
    reply = backend.complete(ask("1-6月完成外贸进出口总额8.6亿美元。"), schema=SCHEMA, max_tokens=64)
    assert "8.6" in json.loads(reply.text)["value"]
    system_tokens = backend.count_tokens(SYSTEM)
    assert reply.usage.cached_tokens is not None and reply.usage.cached_tokens >= system_tokens
    assert backend.last_timings["prefill_tokens"] < reply.usage.prompt_tokens - system_tokens
    print(f"\n[timing] prefix-reusing call: {reply.seconds:.2f} s {reply.usage} {backend.last_timings}")


@pytest.mark.model
def test_free_text_and_token_counts(backend: LlamaCppBackend) -> None:
    reply = backend.complete(
        [{"role": "user", "content": "用一句话概括：青禾经济开发区上半年完成固定资产投资27.3亿元。"}],
        max_tokens=48,
        stop=["\n\n"],
    )
    assert reply.mode == "text" and reply.text.strip()
    assert reply.finish_reason in {"stop", "length"}
    n = backend.count_tokens("青禾经济开发区上半年完成固定资产投资27.3亿元。")
    assert 8 <= n <= 20  # ~1.8 Chinese characters per token
    assert backend.describe()["loaded"] == "是"
    print(f"\n[timing] free text: {reply.seconds:.2f} s {reply.usage} {backend.last_timings}")


@pytest.mark.model
def test_prompt_longer_than_the_context_is_a_clear_error(backend: LlamaCppBackend) -> None:
    long_text = "青禾经济开发区上半年完成固定资产投资27.3亿元，同比增长9.4%。" * 700  # > 8192 tokens
    with pytest.raises(BackendError, match="超出本地模型的上下文长度 8192"):
        backend.complete([{"role": "user", "content": long_text}], max_tokens=16)
    # the model is still usable afterwards
    assert backend.complete(ask("上半年实现税收收入5.2亿元。"), schema=SCHEMA, max_tokens=64).text


SHORT_REPORT = (
    "松川产业园2026年一季度工作简报\n"
    "一季度，园区实现规模以上工业总产值78.4亿元，同比增长9.6%；完成固定资产投资12.3亿元。"
    "新签约项目6个，协议总投资35亿元。\n"
    "存在问题：工业用地指标紧张。\n排查企业安全隐患40项，已完成整改36项。"
)


@pytest.mark.model
def test_extract_on_the_real_model_keeps_the_headline_figures(backend: LlamaCppBackend) -> None:
    from summarizer.core.models import LoadedText
    from summarizer.llm.extract import Extractor
    from summarizer.text.analyze import analyze_text

    doc = analyze_text(LoadedText(source="brief.txt", format="text", text=SHORT_REPORT))
    start = time.perf_counter()
    summary = Extractor(backend).extract(doc)  # the figures come from the parser, the names from the model
    print(f"\n[timing] extract short report: {time.perf_counter() - start:.1f} s, usage {summary.usage}")
    found = {i.value: i for i in summary.indicators}
    for headline in ("78.4亿元", "12.3亿元"):
        assert headline in found, [i.value for i in summary.indicators]
        source = found[headline].source
        assert source is not None and SHORT_REPORT[source.start : source.end] == headline
    assert summary.calls >= 1 and summary.usage["completion_tokens"] > 0
    # the title line names 单位 and 报告期, so no model call was spent on them
    assert (summary.meta.issuer, summary.meta.period) == ("松川产业园", "2026年一季度")


@pytest.mark.model
def test_real_model_brief_docx_opens_back(backend: LlamaCppBackend, tmp_path: Path) -> None:
    import docx

    from summarizer.core.models import LoadedText
    from summarizer.grounding.ground import apply_policy, ground
    from summarizer.llm.extract import Extractor
    from summarizer.outputs.brief import BriefHeader, render_brief_docx
    from summarizer.outputs.prose import write_prose
    from summarizer.text.analyze import analyze_text

    doc = analyze_text(LoadedText(source="brief.txt", format="text", text=SHORT_REPORT))
    summary = Extractor(backend).extract(doc)  # same prompts as the test above: served by the prefix cache
    grounded = apply_policy(summary, ground(summary, doc), "flag")
    path = tmp_path / "brief.docx"
    prose = write_prose(grounded, backend)  # 标题/导语 by the model from the verified facts, checked
    print(f"\n[prose] by {prose.written_by}: {prose.title} / {prose.lead} {prose.problems}")
    path.write_bytes(render_brief_docx(grounded, BriefHeader(date="2026年4月10日"), prose=prose))
    opened = docx.Document(str(path))
    assert prose.title in [p.text for p in opened.paragraphs]
    cells = [cell.text for table in opened.tables for row in table.rows for cell in row.cells]
    assert "78.4亿元" in cells
    assert any(p.text.endswith("工作简报") or "工作简报" in p.text for p in opened.paragraphs)


@pytest.mark.model
def test_structure_first_extraction_of_a_scraped_half_year_summary(backend: LlamaCppBackend) -> None:
    """A one-line scraped report (分别 list, 预计, inline 存在的问题, 下半年…将): never lost, headline
    results present as results, targets as targets, every figure of the body in the summary."""
    from summarizer.core.config import Settings
    from summarizer.jobs.document import summarize
    from summarizer.text.analyze import analyze_file

    path = Path(__file__).parent / "data" / "skeleton" / "flat-half-year.txt"
    start = time.perf_counter()
    summary = summarize(path, Settings(cache=False), backend)
    print(f"\n[timing] structure-first extract: {time.perf_counter() - start:.1f} s, usage {summary.usage}")
    roles = {i.value: i.role for i in summary.indicators}
    headline = {i.value for i in summary.indicators if i.headline}
    assert {"88.4亿元", "14.7亿元", "6120万元"} <= headline
    assert roles["88.4亿元"] == "estimate" and roles["180亿元"] == "target" and roles["36个"] == "plan"
    assert roles["38.2%"] == "problem"
    assert summary.coverage is not None and summary.coverage.facts + summary.coverage.rates_attached == len(
        analyze_file(str(path)).figures
    )
    assert len(summary.problems) == 2 and len(summary.next_steps) == 2
    assert summary.calls >= 1 and summary.usage["completion_tokens"] > 0
