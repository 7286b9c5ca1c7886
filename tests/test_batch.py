"""Batch runs: resumable through the manifest, failures isolated, concurrency only where it helps."""

from __future__ import annotations

import json
import threading
import time
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import pytest

from summarizer.backends.base import Capabilities, Message
from summarizer.backends.factory import make_backend
from summarizer.backends.fake import FakeBackend
from summarizer.cli import commands as cli
from summarizer.core.config import load_settings
from summarizer.core.errors import InputError, UsageError
from summarizer.jobs.batch import Manifest, collect_inputs, run_batch

from .scripted_server import Reply, Script, scripted_server

REPORT = (
    "{zone}园区2025年上半年工作总结\n"
    "上半年{zone}园区实现工业总产值{value}，{change}；技术人才队伍持续壮大，当年引进{talent}。\n"
    "存在问题：{problem}。\n"
)
# what the model is asked to name: the rules read only the bare verb 引进 before it
TALENT = {"alpha": "132名", "beta": "87名", "gamma": "45名"}
REPORTS = {
    "alpha": REPORT.format(
        zone="甲", value="41.2亿元", change="同比增长6.1%", talent="132名", problem="用地紧张"
    ),
    "beta": REPORT.format(
        zone="乙", value="18.7亿元", change="同比增长3.4%", talent="87名", problem="人才不足"
    ),
    "gamma": REPORT.format(
        zone="丙", value="9.9亿元", change="同比下降2.0%", talent="45名", problem="融资困难"
    ),
}
VALUES = {"alpha": "41.2亿元", "beta": "18.7亿元", "gamma": "9.9亿元"}


def which(messages: Sequence[Message]) -> str:
    text = "".join(m["content"] for m in messages)
    return next((name for name, count in TALENT.items() if count in text), "")


def answer(messages: Sequence[Message], schema: dict[str, Any] | None) -> str:
    """A well-behaved model: a name for each figure it is asked about."""
    props = (schema or {}).get("properties", {})
    if "lead" in props:
        return "{}"  # prose: let the code write it (tested in test_prose.py)
    return json.dumps({ident: "技术人才" for ident in props if ident.startswith("f")}, ensure_ascii=False)


@pytest.fixture
def reports(tmp_path: Path) -> Path:
    folder = tmp_path / "in"
    folder.mkdir()
    for name, text in REPORTS.items():
        (folder / f"{name}.txt").write_text(text, encoding="utf-8")
    (folder / "notes.json").write_text("{}", encoding="utf-8")  # not a report: ignored
    return folder


def settings(**extra: Any) -> Any:
    return load_settings({"backend": "fake", "prose": "template", "cache": False, **extra})


def test_a_directory_runs_every_report_and_writes_every_output(reports: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    paths = collect_inputs([str(reports)])
    assert [p.name for p in paths] == ["alpha.txt", "beta.txt", "gamma.txt"]
    outcomes = run_batch(
        paths,
        settings(),
        FakeBackend(default=answer),
        out,
        stages=["extract", "brief"],
        formats=["md", "docx"],
    )
    assert [o.status for o in outcomes] == ["done"] * 3
    for name, value in VALUES.items():
        assert value in (out / f"{name}.summary.json").read_text(encoding="utf-8")
        assert value in (out / f"{name}.brief.md").read_text(encoding="utf-8")
        assert (out / f"{name}.brief.docx").read_bytes()[:2] == b"PK"
    lines = (out / "manifest.jsonl").read_text(encoding="utf-8").splitlines()
    records = [json.loads(line) for line in lines]  # each document: claimed, then done
    assert [r["status"] for r in records].count("done") == 3 and len(records) == 6
    assert not [p for p in out.iterdir() if p.name.startswith(".") or p.suffix == ".tmp"]


def test_a_failing_document_is_reported_and_the_rerun_does_only_what_is_left(
    reports: Path, tmp_path: Path
) -> None:
    out = tmp_path / "out"
    paths = collect_inputs([str(reports)])

    def beta_is_broken(messages: Sequence[Message], schema: dict[str, Any] | None) -> str:
        return "不是JSON" if which(messages) == "beta" else answer(messages, schema)

    first = run_batch(paths, settings(strict=True), FakeBackend(default=beta_is_broken), out)
    assert [o.status for o in first] == ["done", "failed", "done"]
    assert first[1].stage == "extract" and "--strict" in first[1].error
    assert (out / "beta.raw.txt").read_text(encoding="utf-8") == "不是JSON"
    assert not (out / "beta.summary.json").exists()

    again = FakeBackend(default=answer)
    second = run_batch(paths, settings(strict=True), again, out)
    assert sorted(o.status for o in second) == ["done", "skipped", "skipped"]
    assert {which(call.messages) for call in again.history} == {"beta"}  # alpha and gamma not redone
    assert sorted(o.path.rsplit("/", 1)[-1] for o in second if o.status == "done") == ["beta.txt"]


def test_a_removed_output_or_changed_settings_run_the_document_again(reports: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    paths = collect_inputs([str(reports)])
    run_batch(paths, settings(), FakeBackend(default=answer), out)
    (out / "gamma.summary.json").unlink()
    backend = FakeBackend(default=answer)
    statuses = [o.status for o in run_batch(paths, settings(), backend, out)]
    assert statuses == ["skipped", "skipped", "done"]
    changed = [
        o.status for o in run_batch(paths, settings(unverified="drop"), FakeBackend(default=answer), out)
    ]
    assert changed == ["done"] * 3  # another policy means other outputs


def test_an_interrupted_run_keeps_what_finished(reports: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    paths = collect_inputs([str(reports)])

    def interrupted_at_beta(messages: Sequence[Message], schema: dict[str, Any] | None) -> str:
        if which(messages) == "beta":
            raise KeyboardInterrupt
        return answer(messages, schema)

    with pytest.raises(KeyboardInterrupt):
        run_batch(paths, settings(), FakeBackend(default=interrupted_at_beta), out)
    assert (out / "alpha.summary.json").exists() and not (out / "beta.summary.json").exists()
    with (out / "manifest.jsonl").open("a", encoding="utf-8") as handle:
        handle.write('{"key": "cut mid-wri')  # a crash while writing the manifest
    assert [r["status"] for r in Manifest(out).records.values()] == ["done", "started"]
    backend = FakeBackend(default=answer)
    assert [o.status for o in run_batch(paths, settings(), backend, out)] == ["skipped", "done", "done"]


class SlowFake(FakeBackend):
    """Counts how many calls overlap, to see whether documents ran side by side."""

    def __init__(self, name: str, slots: int = 64) -> None:
        super().__init__(default=answer)
        self.name = name
        self.capabilities = Capabilities(parallel_slots=slots)
        self.lock = threading.Lock()
        self.running = 0
        self.most = 0

    def complete(self, messages: Sequence[Message], **kwargs: Any) -> Any:
        with self.lock:
            self.running += 1
            self.most = max(self.most, self.running)
        time.sleep(0.05)
        try:
            return super().complete(messages, **kwargs)
        finally:
            with self.lock:
                self.running -= 1


def test_backends_declare_what_batch_and_prose_rely_on() -> None:
    from summarizer.backends.llamacpp import LlamaCppBackend
    from summarizer.backends.openai_compat import OpenAIBackend

    assert LlamaCppBackend.capabilities == Capabilities(reask_useful=False, parallel_slots=1)
    assert OpenAIBackend.capabilities.parallel_slots > 1 and OpenAIBackend.capabilities.reask_useful


def test_the_embedded_model_takes_documents_one_at_a_time(reports: Path, tmp_path: Path) -> None:
    local = SlowFake("local", slots=1)  # what the embedded backend declares
    outcomes = run_batch(collect_inputs([str(reports)]), settings(), local, tmp_path / "out", concurrency=4)
    assert [o.status for o in outcomes] == ["done"] * 3 and local.most == 1


def test_a_remote_endpoint_gets_documents_in_parallel(reports: Path, tmp_path: Path) -> None:
    def reply(request: dict[str, Any]) -> Reply:
        messages = request["messages"]
        schema = request.get("response_format", {}).get("json_schema", {}).get("schema")
        return Reply(content=answer(messages, schema), delay=0.2)

    script = Script(default=reply)
    with scripted_server(script) as url:
        remote = settings(backend="openai", base_url=url, api_key="sk-test", model="scripted")
        outcomes = run_batch(
            collect_inputs([str(reports)]), remote, make_backend(remote), tmp_path / "out", concurrency=3
        )
    assert [o.status for o in outcomes].count("done") == 3
    assert script.max_in_flight >= 2  # the server saw documents side by side
    for name, value in VALUES.items():
        assert value in (tmp_path / "out" / f"{name}.summary.json").read_text(encoding="utf-8")


def test_inputs_are_checked_before_anything_runs(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="不存在"):
        collect_inputs([str(tmp_path / "missing")])
    (tmp_path / "a").mkdir()
    (tmp_path / "b").mkdir()
    (tmp_path / "a" / "r.txt").write_text("甲", encoding="utf-8")
    (tmp_path / "b" / "r.txt").write_text("乙", encoding="utf-8")
    with pytest.raises(UsageError, match="重名"):
        collect_inputs([str(tmp_path / "a"), str(tmp_path / "b")])
    empty = tmp_path / "empty"
    empty.mkdir()
    with pytest.raises(InputError, match="没有可处理的报告"):
        collect_inputs([str(empty)])
    with pytest.raises(UsageError, match="未知的处理步骤"):
        run_batch([], settings(), FakeBackend(), tmp_path / "o", stages=["extract", "translate"])


def test_batch_command(reports: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (reports / "broken.docx").write_bytes(b"PK\x03\x04 not really a docx")
    out = tmp_path / "out"
    args = ["batch", str(reports), "--do", "extract,brief", "-f", "md", "-o", str(out), "--dry-run"]
    assert cli.main(args) == 1  # one bad file: the others finish, the exit code says something failed
    printed = capsys.readouterr().out
    assert "完成 3" in printed and "失败 1" in printed and "broken.docx" in printed
    assert (out / "alpha.brief.md").exists() and not (out / "broken.brief.md").exists()
    assert cli.main(args) == 1
    assert "跳过 3" in capsys.readouterr().out
    assert cli.main(["batch", str(reports), "-f", "pdf", "-o", str(out)]) == 2
    assert cli.main(["batch", str(tmp_path / "nowhere"), "-o", str(out)]) == 3
    capsys.readouterr()


def test_the_same_file_twice_runs_once_and_paths_stay_as_given(reports: Path, tmp_path: Path) -> None:
    alpha = reports / "alpha.txt"
    again = reports / "." / "alpha.txt"
    beta = reports / "beta.txt"
    assert collect_inputs([str(alpha), str(again), str(beta)]) == [alpha, beta]


def test_a_file_the_batch_did_not_make_is_not_replaced_without_force(reports: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    out.mkdir()
    mine = out / "beta.summary.json"
    mine.write_text("我自己的文件", encoding="utf-8")
    paths = collect_inputs([str(reports)])
    outcomes = run_batch(paths, settings(), FakeBackend(default=answer), out)
    assert [o.status for o in outcomes] == ["done", "failed", "done"]
    assert "已存在" in outcomes[1].error and "--force" in outcomes[1].error
    assert mine.read_text(encoding="utf-8") == "我自己的文件"
    forced = run_batch(paths, settings(), FakeBackend(default=answer), out, force=True)
    assert {Path(o.path).name: o.status for o in forced} == {
        "alpha.txt": "skipped",
        "beta.txt": "done",
        "gamma.txt": "skipped",
    }
    assert "18.7亿元" in mine.read_text(encoding="utf-8")


def test_outputs_of_a_crashed_run_are_the_batchs_own_and_are_replaced(reports: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    paths = collect_inputs([str(reports)])

    def crash_in_brief(messages: Sequence[Message], schema: dict[str, Any] | None) -> str:
        if "lead" in set((schema or {}).get("properties", {})):
            raise KeyboardInterrupt  # after alpha's summary.json was written
        return answer(messages, schema)

    with pytest.raises(KeyboardInterrupt):
        run_batch(
            paths,
            settings(prose="model"),
            FakeBackend(default=crash_in_brief),
            out,
            stages=["extract", "brief"],
        )
    assert (out / "alpha.summary.json").exists() and not (out / "alpha.brief.md").exists()
    again = run_batch(paths, settings(), FakeBackend(default=answer), out, stages=["extract", "brief"])
    assert [o.status for o in again] == ["done"] * 3  # no --force needed for its own half-made outputs


def test_the_openai_batch_api_answers_every_first_call_offline(
    reports: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    from .batch_api_server import BatchApi, batch_api_server

    def by_schema(body: dict[str, Any]) -> str:
        schema = (body.get("response_format") or {}).get("json_schema", {}).get("schema")
        return answer(body["messages"], schema)

    api = BatchApi(answer=by_schema)
    monkeypatch.setenv("SUMMARIZER_API_KEY", "sk-test")
    monkeypatch.setenv("SUMMARIZER_PROSE", "template")
    out = tmp_path / "out"
    with batch_api_server(api) as url:
        args = ["batch", str(reports), "--backend", "openai", "--base-url", url, "--model", "m",
                "--openai-batch", "-f", "md", "-o", str(out), "--do", "extract,brief"]  # fmt: skip
        assert cli.main(args) == 0  # submitted
        assert (out / "openai-batch.json").exists() and len(api.uploaded) == 3  # one section per report
        assert all(
            len(line["custom_id"]) == 64 and line["url"] == "/v1/chat/completions" for line in api.uploaded
        )
        assert not list(out.glob("*.summary.json"))
        assert cli.main(args) == 0  # still running: nothing yet
        assert "尚未完成" in capsys.readouterr().err and not list(out.glob("*.summary.json"))
        assert cli.main(args) == 0  # completed: answers into the cache, then the normal run
    assert api.chat_calls == 0  # every extraction call was answered by the batch
    assert not (out / "openai-batch.json").exists()
    for name, value in VALUES.items():
        assert value in (out / f"{name}.summary.json").read_text(encoding="utf-8")
        assert (out / f"{name}.brief.md").exists()


def test_a_rerun_never_replaces_what_the_user_edited(
    reports: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "out"
    first = ["batch", str(reports), "--do", "extract,brief", "-f", "md", "-o", str(out), "--dry-run"]
    assert cli.main(first) == 0
    brief, summary = out / "alpha.brief.md", out / "beta.summary.json"
    brief.write_text(brief.read_text(encoding="utf-8") + "\n领导批示：抓紧落实。\n", encoding="utf-8")
    edited = json.loads(summary.read_text(encoding="utf-8"))
    edited["problems"][0]["text"] = "人才不足（办公室已核）"
    summary.write_text(json.dumps(edited, ensure_ascii=False), encoding="utf-8")
    capsys.readouterr()
    # a rerun with one more stage runs every document again: the user's files stay theirs
    again = ["batch", str(reports), "--do", "extract,brief,plan", "-f", "md", "-o", str(out), "--dry-run"]
    assert cli.main(again) == 0
    printed = capsys.readouterr().out
    assert "领导批示：抓紧落实。" in brief.read_text(encoding="utf-8")
    assert "办公室已核" in summary.read_text(encoding="utf-8")
    assert "已保留您修改过的 alpha.brief.md" in printed and "--force" in printed
    assert "已保留您修改过的 beta.summary.json" in printed
    assert (out / "alpha.plan.md").exists()
    assert "办公室已核" in (out / "beta.plan.md").read_text(encoding="utf-8")  # built on the user's summary
    # --force regenerates them, as the line says
    assert cli.main([*again, "--force"]) == 0
    assert "领导批示" not in brief.read_text(encoding="utf-8")


def test_a_hand_edited_manifest_line_costs_only_its_document(reports: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    paths = collect_inputs([str(reports)])
    run_batch(paths, settings(), FakeBackend(default=answer), out)
    lines = [json.loads(line) for line in (out / "manifest.jsonl").read_text(encoding="utf-8").splitlines()]
    for record in lines:
        if record["path"].endswith("alpha.txt"):
            record["outputs"] = []  # emptied by hand
        elif record["path"].endswith("beta.txt"):
            record["outputs"] = 5  # valid JSON, wrong type
            record["hashes"] = "x"
        else:
            record["status"] = ["done"]
    (out / "manifest.jsonl").write_text("".join(json.dumps(r) + "\n" for r in lines), encoding="utf-8")
    (out / "alpha.summary.json").unlink()
    again = run_batch(paths, settings(), FakeBackend(default=answer), out)
    # no internal error, no blocked batch: a document whose record is empty or odd is done again…
    assert [o.status for o in again][::2] == ["done", "done"] and (out / "alpha.summary.json").exists()
    # …and one whose record no longer says the batch made its files leaves them to the user
    assert again[1].status == "failed" and "--force" in again[1].error and "内部错误" not in again[1].error
