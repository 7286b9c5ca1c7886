"""Our extraction beside three other ways of doing it, on the same model, document and endpoint.

All four talk to llama.cpp's own OpenAI-compatible server running the embedded model (one process,
so the comparison is like for like):

- ours: `Extractor` through the openai backend (section pieces, figure hints, validation, re-ask);
- naive: the whole document in one prompt with the same JSON schema, no re-ask;
- instructor: the `instructor` library over the openai client, same schema, up to 2 re-asks;
- langextract: google/langextract with its OpenAI provider and a one-example few-shot prompt.

Reported per method: wall time, calls, prompt and completion tokens as the server counts them, the
figures in the output and the share of them that are in the source (exact match by our parser:
value, unit and magnitude), and for ours the share presented as verified after grounding.
Needs the `bench` extra (make bench installs it). Writes bench/results/compare.md.
"""

from __future__ import annotations

import json
import platform
import socket
import subprocess
import sys
import tempfile
import time
import unicodedata
import urllib.request
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

import openai
from naive_schema import SectionExtraction
from openai.resources.chat.completions import Completions

from summarizer.backends.modelstore import model_path
from summarizer.backends.openai_compat import OpenAIBackend
from summarizer.core.config import Settings, load_settings
from summarizer.core.models import Document
from summarizer.grounding.ground import GroundingStatus, ground, same_figure
from summarizer.llm.extract import Extractor
from summarizer.text.analyze import analyze_file
from summarizer.text.quantities import find_quantities

ROOT = Path(__file__).resolve().parent.parent
EXAMPLE = ROOT / "examples" / "songchuan-park-2025-annual-summary.txt"
INSTRUCTION = (
    "从开发区工作报告中抽取：经济指标（名称、数值、增减）、重点项目、主要做法、存在问题、下步打算、目标。"
    "数字逐字照抄原文，不换算、不推算。只输出 JSON。"
)


@dataclass
class Tally:
    calls: int = 0
    prompt: int = 0
    completion: int = 0
    log: list[str] = field(default_factory=list)


TALLY = Tally()
_original_create = Completions.create


def _counting_create(self: Completions, *args: Any, **kwargs: Any) -> Any:
    """Every chat completion of every library goes through here: the server's own token counts."""
    response = _original_create(self, *args, **kwargs)
    usage = getattr(response, "usage", None)
    TALLY.calls += 1
    if usage is not None:
        TALLY.prompt += usage.prompt_tokens or 0
        TALLY.completion += usage.completion_tokens or 0
    return response


Completions.create = _counting_create  # type: ignore[method-assign]


@contextmanager
def llama_server(model: Path) -> Iterator[str]:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    with tempfile.TemporaryFile() as log:
        yield from _serve(model, port, log)


def _serve(model: Path, port: int, log: Any) -> Iterator[str]:
    process = subprocess.Popen(
        [sys.executable, "-m", "llama_cpp.server", "--model", str(model), "--host", "127.0.0.1",
         "--port", str(port), "--n_ctx", "8192", "--verbose", "False"],
        stdout=log, stderr=subprocess.STDOUT,
    )  # fmt: skip
    url = f"http://127.0.0.1:{port}/v1"
    try:
        for _ in range(240):
            try:
                with urllib.request.urlopen(f"{url}/models", timeout=2):
                    break
            except OSError:
                time.sleep(0.5)
        yield url
    finally:
        process.terminate()
        process.wait(timeout=30)


def figure_share(texts: list[str], doc: Document) -> tuple[int, int]:
    """(figures in the output, of which in the source) — exact value, unit and magnitude."""
    found = in_source = 0
    for text in texts:
        for q in find_quantities(unicodedata.normalize("NFKC", text)):
            if q.is_figure:
                found += 1
                in_source += any(same_figure(q, s) for s in doc.quantities)
    return found, in_source


def strings(data: Any) -> list[str]:
    if isinstance(data, str):
        return [data]
    if isinstance(data, dict):
        return [s for value in data.values() for s in strings(value)]
    if isinstance(data, list | tuple):
        return [s for value in data for s in strings(value)]
    return []


def run_ours(url: str, doc: Document) -> tuple[list[str], str]:
    settings = load_settings({"backend": "openai", "base_url": url, "api_key": "local", "model": "local"})
    summary = Extractor(OpenAIBackend.from_settings(settings)).extract(doc)
    report = ground(summary, doc)
    shown = [f.written for f in report.findings if f.status is GroundingStatus.VERIFIED]
    found, ok = figure_share(shown, doc)
    note = (
        f"after grounding: {ok}/{found} figures presented as verified are in the source, rest marked 【待核】"
    )
    return strings(summary.model_dump(include={"indicators", "projects", "measures", "problems", "next_steps",
                                                "goals"})), note  # fmt: skip


def run_naive(url: str, doc: Document) -> tuple[list[str], str]:
    client = openai.OpenAI(base_url=url, api_key="local")
    schema = SectionExtraction.model_json_schema()
    response = client.chat.completions.create(
        model="local",
        messages=[
            {
                "role": "system",
                "content": INSTRUCTION + "\nJSON schema：" + json.dumps(schema, ensure_ascii=False),
            },
            {"role": "user", "content": doc.cleaned},
        ],
        response_format={"type": "json_object", "schema": schema},  # type: ignore[typeddict-unknown-key]
        max_tokens=2000,
        temperature=0,
    )
    text = response.choices[0].message.content or ""
    try:
        SectionExtraction.model_validate_json(text)
        valid = "valid"
    except ValueError:
        valid = "fails validation"
    try:
        return strings(json.loads(text)), valid
    except json.JSONDecodeError:
        return [text], "not JSON"


def run_instructor(url: str, doc: Document) -> tuple[list[str], str]:
    import instructor

    client = instructor.from_openai(openai.OpenAI(base_url=url, api_key="local"), mode=instructor.Mode.JSON)
    try:
        result = client.chat.completions.create(
            model="local",
            response_model=SectionExtraction,
            messages=[{"role": "system", "content": INSTRUCTION}, {"role": "user", "content": doc.cleaned}],
            max_retries=2,
            max_tokens=2000,
            temperature=0,
        )
    except Exception as exc:  # instructor raises after its retries; the attempt still counts
        return [], f"failed: {type(exc).__name__}"
    return strings(result.model_dump()), "valid"


def run_langextract(url: str, doc: Document) -> tuple[list[str], str]:
    import langextract as lx
    from langextract.providers.openai import OpenAILanguageModel

    example = lx.data.ExampleData(
        text="全年安排重点项目20个，总投资约85亿元。梧桐新材料年产5万吨特种纤维项目总投资12亿元，计划10月投产。"
        "存在问题：用地指标紧张。",
        extractions=[
            lx.data.Extraction("indicator", "20个", attributes={"name": "重点项目"}),
            lx.data.Extraction("indicator", "约85亿元", attributes={"name": "重点项目总投资"}),
            lx.data.Extraction("project", "年产5万吨特种纤维项目", attributes={"investment": "总投资12亿元"}),
            lx.data.Extraction("problem", "用地指标紧张"),
        ],
    )
    model = OpenAILanguageModel(model_id="local", api_key="local", base_url=url, temperature=0, max_workers=1)
    result = lx.extract(
        text_or_documents=doc.cleaned,
        prompt_description=INSTRUCTION,
        examples=[example],
        model=model,
        max_char_buffer=900,
        extraction_passes=1,
        fence_output=False,
        use_schema_constraints=False,
        show_progress=False,
    )
    texts = []
    for extraction in result.extractions or []:
        texts.append(extraction.extraction_text)
        texts += [str(v) for v in (extraction.attributes or {}).values()]
    aligned = sum(1 for e in result.extractions or [] if e.char_interval is not None)
    return texts, f"{aligned}/{len(result.extractions or [])} extractions aligned to the text"


METHODS: dict[str, Callable[[str, Document], tuple[list[str], str]]] = {
    "ours": run_ours,
    "naive one prompt": run_naive,
    "instructor re-ask": run_instructor,
    "langextract": run_langextract,
}


def main() -> int:
    doc = analyze_file(EXAMPLE)
    rows = []
    with llama_server(model_path(Settings().resolved_cache_dir())) as url:
        for name, method in METHODS.items():
            TALLY.__init__()  # type: ignore[misc]
            started = time.perf_counter()
            try:
                texts, note = method(url, doc)
            except Exception as exc:
                texts, note = [], f"error: {type(exc).__name__}: {str(exc)[:120]}"
            wall = time.perf_counter() - started
            found, ok = figure_share(texts, doc)
            share = f"{ok}/{found} ({ok / found:.0%})" if found else "0/0"
            rows.append(
                f"| {name} | {wall:.0f} s | {TALLY.calls} | {TALLY.prompt} | {TALLY.completion} | "
                f"{share} | {note} |"
            )
            print(rows[-1], flush=True)
    out = ROOT / "bench" / "results" / "compare.md"
    out.write_text(
        "# Side by side: four ways to extract from one report\n\n"
        f"Measured {date.today()} on {platform.machine()}, Python {platform.python_version()}: "
        f"{EXAMPLE.name} ({len(doc.cleaned)} chars), llama.cpp's OpenAI-compatible server on the embedded "
        "Qwen2.5-Coder-1.5B Q4_K_M, one request at a time, temperature 0. Tokens as the server counts "
        "them (prompt tokens include any prefix the server reused). 'Figures in source' checks every figure "
        "in the method's output against the source with our parser: same value, unit and magnitude.\n\n"
        "| method | wall | calls | prompt tokens | completion tokens | figures in source | note |\n"
        "| --- | ---: | ---: | ---: | ---: | ---: | --- |\n" + "\n".join(rows) + "\n",
        encoding="utf-8",
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
